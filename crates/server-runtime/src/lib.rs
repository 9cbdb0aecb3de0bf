//! Generic runtime for generated Smithy restJson1 servers.
//!
//! Generated code supplies only model facts (routes, shapes, per-member checks); everything
//! else lives here: routing ([`routing`]), body limits ([`body`]), protocol checks and error
//! rendering ([`rest_json`]), the request pipeline ([`mod@dispatch`]) and serving ([`serve()`]).

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod bind;
pub mod body;
mod body_members;
pub mod context;
pub mod decode;
pub mod dispatch;
pub mod encode;
pub mod json;
mod linger;
pub mod rest_json;
pub mod routing;
mod serve;
#[cfg(feature = "sigv4")]
pub mod sigv4;

pub use aws_smithy_types::date_time::Format;
pub use context::{Identity, PeerAddr, RequestContext, new_request_id};
pub use dispatch::{OperationRequest, dispatch};
pub use encode::ToJson;
pub use rest_json::{InternalErrorShape, ModeledError, Rejection, ResponseBody, ServiceShape};
pub use routing::{Route, Router};
pub use serve::{ServerConfig, serve};

/// Re-exported so generated crates depend on one copy of the validation crate.
pub use smithygen_validation as validation;
/// Re-exported so generated crates need no dependency of their own on these (one version).
pub use {bytes, http, http_body, serde_json, tower};

/// The boxed error type used for body and service errors.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Printed in place of `@sensitive` members by generated `Debug` impls.
pub struct Redacted;

impl std::fmt::Debug for Redacted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("*** Sensitive Data Redacted ***")
    }
}
