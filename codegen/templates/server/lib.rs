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
pub use smithygen_server_runtime::{Identity, PeerAddr, RequestContext, ServerConfig, serve};
{%- if let Some(name) = signing_name %}

/// The SigV4 signing name from the model's `aws.auth#sigv4` trait: the service name clients
/// sign for, and the one to give `smithygen_server_runtime::sigv4::SigV4Layer::new`.
pub const SIGNING_NAME: &str = {{ name }};
{%- endif %}
