//! What the generated protocol-test crates (`cargo xtask protocol-tests`) share: an
//! [`HttpClient`](aws_smithy_runtime_api::client::http::HttpClient) that captures the request
//! a generated client sends and answers a canned response ([`capture`]), a [`Recorder`] that a
//! generated server's handler hands its input to, a way to call a server without a socket
//! ([`call`]), and the comparisons the Smithy protocol-test traits define ([`check`]).

pub mod capture;
pub mod check;
pub mod server;

pub use capture::{Captured, capture};
pub use check::{ExpectedRequest, ExpectedResponse, MalformedResponse, assert_none, diff};
pub use server::{Recorder, call};

/// Re-exported for the generated tests.
pub use bytes;
pub use http;
