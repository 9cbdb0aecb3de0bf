//! The client runtime's paths as generated code spells them: `crate::rt` is the generated
//! crate's alias of `smithygen-client-runtime`, and these are the only places views name it.

/// HTTP bindings, wire forms and body helpers of restJson1.
pub const REST: &str = "crate::rt::rest";
/// Error kinds and helpers.
pub const ERROR: &str = "crate::rt::error";
/// `@idempotencyToken` generation.
pub const IDEMPOTENCY: &str = "crate::rt::idempotency";
/// `aws-smithy-types`, through the runtime's re-export.
pub const SMITHY_TYPES: &str = "crate::rt::reexports::aws_smithy_types";
/// `serde_json`, through the runtime's re-export.
pub const SERDE_JSON: &str = "crate::rt::reexports::serde_json";
/// `aws-types`, through the runtime's re-export.
pub const AWS_TYPES: &str = "crate::rt::reexports::aws_types";
