use crate::error::{ErrorMetadata, ProvideErrorMetadata};

/// All errors of the service: one variant per error shape, plus `Unhandled`. Every operation
/// error and `SdkError` converts into it with `?`.
#[non_exhaustive]
#[derive(Debug)]
pub enum Error {
{%- for v in variants %}
{% for line in v.docs %}    ///{{ line }}
{% endfor %}    {{ v.name }}(crate::types::error::{{ v.name }}),
{%- endfor %}
    /// An unexpected error occurred (e.g., invalid JSON returned by the service or an unknown
    /// error code), or a transport/construction error.
    #[deprecated(
        note = "Matching `Unhandled` directly is not forwards compatible. Instead, match using a \
                variable wildcard pattern and check `.code()`."
    )]
    Unhandled(crate::error::Unhandled),
}

#[allow(deprecated)]
impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
{%- for v in variants %}
            Error::{{ v.name }}(inner) => inner.fmt(f),
{%- endfor %}
            Error::Unhandled(inner) => match inner.meta().code() {
                Some(_) => crate::rt::error::fmt_unhandled(inner.meta(), f),
                None => write!(
                    f,
                    "unhandled error: {}",
                    crate::error::DisplayErrorContext(inner.source())
                ),
            },
        }
    }
}

#[allow(deprecated)]
impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
{%- for v in variants %}
            Error::{{ v.name }}(inner) => inner.source(),
{%- endfor %}
            Error::Unhandled(inner) => Some(inner.source()),
        }
    }
}

#[allow(deprecated)]
impl ProvideErrorMetadata for Error {
    fn meta(&self) -> &ErrorMetadata {
        match self {
{%- for v in variants %}
            Self::{{ v.name }}(inner) => inner.meta(),
{%- endfor %}
            Self::Unhandled(inner) => inner.meta(),
        }
    }
}

impl crate::operation::RequestId for Error {
    fn request_id(&self) -> Option<&str> {
        crate::operation::RequestId::request_id(self.meta())
    }
}
{%- for op in operations %}

impl<R> From<crate::error::SdkError<{{ op.path }}, R>> for Error
where
    R: Send + Sync + std::fmt::Debug + 'static,
{
    fn from(err: crate::error::SdkError<{{ op.path }}, R>) -> Self {
        match err {
            crate::error::SdkError::ServiceError(context) => Self::from(context.into_err()),
            #[allow(deprecated)]
            _ => Error::Unhandled(crate::error::Unhandled::new(err, None)),
        }
    }
}

#[allow(deprecated)]
impl From<{{ op.path }}> for Error {
    fn from(err: {{ op.path }}) -> Self {
        match err {
{%- for v in op.variants %}
            {{ op.path }}::{{ v }}(inner) => Error::{{ v }}(inner),
{%- endfor %}
            {{ op.path }}::Unhandled(inner) => Error::Unhandled(inner),
        }
    }
}
{%- endfor %}
