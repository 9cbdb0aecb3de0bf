//! Generic client runtime for crates emitted by the smithygen code generator
//! (restJson1 + SigV4 services).
//!
//! Everything that does not depend on a particular Smithy shape lives here, so that the
//! generated crates contain only mechanical per-shape code:
//!
//! * [`config`]: the `Config` / `config::Builder` every generated crate re-exports;
//! * [`operation`]: builds an `aws_smithy_runtime` [`Operation`](aws_smithy_runtime::client::orchestrator::operation::Operation)
//!   with retries, classifiers, timeouts, connection poisoning, SigV4 auth, user agent,
//!   invocation id and endpoint resolution, then invokes it;
//! * [`protocol`]: restJson1 request building, JSON body helpers and error-metadata parsing;
//! * [`paginator`]: the page loop behind generated `@paginated` paginators;
//! * [`error`]: re-exports of the error vocabulary plus the sealed `Unhandled` error;
//! * [`idempotency`]: `@idempotencyToken` generation;
//! * [`validation`]: `smithygen-validation`, the constraint checks and `ValidationException`
//!   messages shared with generated servers (for `validate_requests(true)`).
//!
//! Retry, backoff, timeouts and signing come from `aws-smithy-runtime`, `aws-runtime` and
//! `aws-sigv4`; this crate only wires them together.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod config;
pub mod error;
pub mod idempotency;
pub mod operation;
pub mod paginator;
pub mod primitives;
pub mod protocol;
pub mod rest;
pub mod retry;

/// The Smithy constraint checks and messages, shared with generated servers: the opt-in
/// client-side validation reports exactly what the server would.
pub use smithygen_validation as validation;

/// Crates the generated code names in its signatures, re-exported so that a generated crate
/// needs only this crate (plus serde) as a dependency.
pub mod reexports {
    pub use aws_credential_types;
    pub use aws_smithy_async;
    pub use aws_smithy_runtime;
    pub use aws_smithy_runtime_api;
    pub use aws_smithy_types;
    pub use aws_types;
    pub use serde_json;
}
