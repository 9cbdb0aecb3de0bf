//! Common errors and error handling utilities.

pub use crate::rt::error::{
    BoxError, BuildError, ConnectorError, DisplayErrorContext, ErrorMetadata, ProvideErrorMetadata,
    SdkError, UnknownVariantError, ValidationError,
};

/// Sealed catch-all for errors the model does not declare.
pub(crate) use crate::rt::error::Unhandled;
