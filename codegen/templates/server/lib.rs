{% for line in docs %}//!{{ line }}
{% endfor %}
// Methods are named after model members, so a member called `IsDisabled` yields a method
// `is_disabled(&self)`, as in aws-sdk-rust.
#![allow(clippy::wrong_self_convention)]

/// Operations: one module each, with its input, output and error types.
pub mod operation;
/// Small types shared by the model types.
pub mod primitives;
mod serialize;
mod service;
/// The model's data types and errors.
pub mod types;
mod validate;

pub use service::{ {{- trait_name }}, {{ server -}} };
pub use smithygen_server_runtime::{PeerAddr, RequestContext, ServerConfig, serve};
