//! Errors of builders, parsing and validation.

pub use crate::rt::error::{BuildError, UnknownVariantError, ValidationError};
