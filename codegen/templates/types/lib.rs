{% for line in docs %}//!{{ line }}
{% endfor %}
#![forbid(unsafe_code)]
#![allow(clippy::module_inception)]
// Variants and methods are named after model shapes and members, as in aws-sdk-rust.
#![allow(clippy::enum_variant_names, clippy::wrong_self_convention)]

/// Errors of builders, parsing and validation.
pub mod error;
/// Operation inputs and outputs: one module per operation.
pub mod operation;
/// Primitive types used by the model.
pub mod primitives;
/// The model's data types and errors.
pub mod types;
/// Constraint validation of operation inputs (`@required`, `@length`, `@pattern`, ...).
pub mod validation;

/// The runtime, under a short name for generated code.
pub(crate) use smithygen_client_runtime as rt;
