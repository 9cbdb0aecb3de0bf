//! What the generated protocol-test crates (`cargo xtask protocol-tests`) share: an
//! [`HttpClient`](aws_smithy_runtime_api::client::http::HttpClient) that captures the request
//! a generated client sends and answers a canned response ([`mod@capture`]), a [`Recorder`] that a
//! generated server's handler hands its input to, a way to call a server without a socket
//! ([`call`]), and the comparisons the Smithy protocol-test traits define ([`check`]).

use aws_smithy_types::byte_stream::ByteStream;
use bytes::Bytes;

pub mod capture;
pub mod check;
pub mod server;

pub use capture::{Captured, capture};
pub use check::{ExpectedRequest, ExpectedResponse, MalformedResponse, assert_none, diff};
pub use server::{Recorder, call};

/// Re-exported for the generated tests.
pub use bytes;
pub use http;

/// A streaming member's bytes, for comparing the stream a handler received.
pub trait StreamBytes {
    /// Collects the stream (an unset member collects to `None`).
    fn bytes(self) -> impl std::future::Future<Output = Option<Bytes>> + Send;
}

impl StreamBytes for ByteStream {
    async fn bytes(self) -> Option<Bytes> {
        Some(self.collect().await.expect("the stream reads").into_bytes())
    }
}

impl StreamBytes for Option<ByteStream> {
    async fn bytes(self) -> Option<Bytes> {
        match self {
            Some(stream) => stream.bytes().await,
            None => None,
        }
    }
}
