//! The error vocabulary shared by every generated crate (re-exported there as `error::*`).

pub use aws_smithy_runtime_api::box_error::BoxError;
pub use aws_smithy_runtime_api::client::result::{ConnectorError, CreateUnhandledError};
pub use aws_smithy_types::error::display::DisplayErrorContext;
pub use aws_smithy_types::error::metadata::{ErrorMetadata, ProvideErrorMetadata};
pub use aws_smithy_types::error::operation::BuildError;
pub use aws_smithy_types::retry::{ErrorKind, ProvideErrorKind};

/// The error returned by every operation: `SdkError<OperationError, HttpResponse>`.
pub type SdkError<E, R = aws_smithy_runtime_api::client::orchestrator::HttpResponse> =
    aws_smithy_runtime_api::client::result::SdkError<E, R>;

/// An error the service returned that the operation does not model (or that could not be
/// decoded). Sealed: match on the operation error with a wildcard and look at `.code()`.
#[derive(Debug)]
pub struct Unhandled {
    source: BoxError,
    meta: ErrorMetadata,
}

impl Unhandled {
    /// Wraps `source` with the metadata (`code`, `message`, request id) that was recovered.
    #[doc(hidden)]
    pub fn new(source: impl Into<BoxError>, meta: Option<ErrorMetadata>) -> Self {
        Self {
            source: source.into(),
            meta: meta.unwrap_or_default(),
        }
    }

    /// The error metadata (code, message, request id).
    pub fn meta(&self) -> &ErrorMetadata {
        &self.meta
    }

    /// The underlying error.
    pub fn source(&self) -> &(dyn std::error::Error + Send + Sync + 'static) {
        &*self.source
    }
}

/// Writes the `Display` of an `Unhandled` variant the way smithy-rs does:
/// `unhandled error ({code})` or `unhandled error`.
pub fn fmt_unhandled(meta: &ErrorMetadata, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
    match meta.code() {
        Some(code) => write!(f, "unhandled error ({code})"),
        None => f.write_str("unhandled error"),
    }
}

/// Writes the `Display` of a modeled error: `Name` or `Name: message`.
pub fn fmt_modeled(
    name: &str,
    message: Option<&str>,
    f: &mut std::fmt::Formatter<'_>,
) -> std::fmt::Result {
    f.write_str(name)?;
    if let Some(m) = message {
        write!(f, ": {m}")?;
    }
    Ok(())
}

/// Client-side validation failed (only with `config::Builder::validate_requests(true)`);
/// surfaced as `SdkError::ConstructionFailure`, nothing was sent.
///
/// The violations and the message are exactly the ones the generated server would put in its
/// `ValidationException` for the same input: both run the checks of `smithygen-validation`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationError {
    violations: Vec<crate::validation::Violation>,
    message: String,
}

impl ValidationError {
    /// An error for `violations` (in the order they were found; not empty).
    pub fn new(violations: Vec<crate::validation::Violation>) -> Self {
        let message = crate::validation::message(&violations);
        Self {
            violations,
            message,
        }
    }

    /// `Ok(())` when nothing was violated, else the error for `violations`.
    pub fn check(violations: Vec<crate::validation::Violation>) -> Result<(), Self> {
        if violations.is_empty() {
            Ok(())
        } else {
            Err(Self::new(violations))
        }
    }

    /// Every violated constraint: its JSON-pointer path and its message
    /// (`Value at '/ResourceType' failed to satisfy constraint: ...`).
    pub fn violations(&self) -> &[crate::validation::Violation] {
        &self.violations
    }

    /// The whole message, as the server's `ValidationException` would carry it
    /// (`2 validation errors detected. <first>; <second>`).
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl std::fmt::Display for ValidationError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ValidationError {}

/// A string was not one of an enum's known values (from an enum's `try_parse`).
#[derive(Debug)]
pub struct UnknownVariantError {
    value: String,
}

impl UnknownVariantError {
    #[doc(hidden)]
    pub fn new(value: impl Into<String>) -> Self {
        Self {
            value: value.into(),
        }
    }
}

impl std::fmt::Display for UnknownVariantError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "unknown enum variant: '{}'", self.value)
    }
}

impl std::error::Error for UnknownVariantError {}
