//! Primitive types used by the model.

pub use crate::rt::primitives::UnknownVariantValue;
pub use crate::rt::reexports::aws_smithy_types::{Blob, DateTime, Document};
