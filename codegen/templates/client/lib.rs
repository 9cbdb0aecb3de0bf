{% for line in docs %}//!{{ line }}
{% endfor %}
#![forbid(unsafe_code)]
#![allow(clippy::module_inception)]
// Result types are fixed by aws-smithy-runtime (`SdkError`, `OrchestratorError`), as in smithy-rs.
#![allow(clippy::result_large_err)]
// Variants and methods are named after model shapes and members, as in aws-sdk-rust.
#![allow(clippy::enum_variant_names, clippy::wrong_self_convention)]

/// The client.
pub mod client;
/// Client configuration.
pub mod config;
/// Errors and error handling utilities.
pub mod error;
mod error_meta;
/// Facts about the service, taken from the model.
pub mod meta;
/// Operations: one module each, with its input, output, error and builders.
pub mod operation;
/// Primitive types used by the model.
pub mod primitives;
pub(crate) mod protocol_serde;
/// The model's data types and errors.
pub mod types;
/// Client-side constraint validation (opt-in: `Config::builder().validate_requests(true)`).
pub mod validation;

#[doc(inline)]
pub use client::Client;
#[doc(inline)]
pub use config::Config;
pub use error_meta::Error;

/// The runtime, under a short name for generated code.
pub(crate) use smithygen_client_runtime as rt;
