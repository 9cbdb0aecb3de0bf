//! An [`HttpClient`] that hands each request to a `tower::Service` in the same process: no
//! socket, no TLS, no serialization beyond what the client and the service already do.
//!
//! Plug a generated server straight into a generated client (or into any client on the
//! smithy-rs orchestrator, including the official AWS SDK for Rust):
//!
//! ```ignore
//! use iotmanagedintegrations_client::{Client, Config};
//! use iotmanagedintegrations_server::IotManagedIntegrationsServer;
//!
//! let server = IotManagedIntegrationsServer::new(MyService::default());
//! let config = Config::builder()
//!     .behavior_version_latest()
//!     .region(Region::new("us-east-1"))
//!     .credentials_provider(Credentials::new("AKID", "SECRET", None, None, "test"))
//!     .http_client(smithygen_in_process::in_process(server))
//!     .build();
//! let client = Client::from_conf(config);
//! ```
//!
//! What the service sees is exactly what the client would have put on the wire: the signed
//! request with all its headers (`Host` is absent, as HTTP/1.1 adds it in the connector), the
//! absolute URI of the resolved endpoint, and the request body streamed as is. The response's
//! status, headers and body go back to the client unchanged, so retries, error decoding and
//! request ids behave as over a socket. Differences from a network transport:
//!
//! - connect and read timeouts from the client's `TimeoutConfig` do not apply (operation and
//!   attempt timeouts still do: the orchestrator enforces them);
//! - there is no connection, so no connection reuse or poisoning, and no peer address (a
//!   generated server's `RequestContext::peer()` is `None`);
//! - a service that fails (`Err` from `poll_ready` or `call`) or whose response body fails
//!   surfaces as a connector error (`SdkError::DispatchFailure`), which is not retried.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

use std::fmt;
use std::future::poll_fn;

use aws_smithy_runtime_api::client::connector_metadata::ConnectorMetadata;
use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpClient,
    SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, HttpResponse};
use aws_smithy_runtime_api::client::result::ConnectorError;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::body::SdkBody;
use http_body_util::BodyExt;
use tower::Service;

/// The boxed error type accepted from services and bodies.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// An [`HttpClient`] that calls `service` in memory for every request. See the crate docs.
///
/// The service receives `http::Request<SdkBody>` (`SdkBody` implements `http_body::Body` 1.x)
/// and may answer with any `http_body::Body`; it is cloned once per request, so wrap state
/// in `Arc` (generated servers already do).
pub fn in_process<S, B>(service: S) -> SharedHttpClient
where
    S: Service<http::Request<SdkBody>, Response = http::Response<B>>
        + Clone
        + Send
        + Sync
        + 'static,
    S::Error: Into<BoxError>,
    S::Future: Send + 'static,
    B: http_body::Body + Send + 'static,
    B::Data: Send,
    B::Error: Into<BoxError>,
{
    SharedHttpClient::new(InProcess { service })
}

/// The client returned by [`in_process`]; also usable directly as an [`HttpConnector`].
#[derive(Clone)]
pub struct InProcess<S> {
    service: S,
}

impl<S> InProcess<S> {
    /// Wrap `service`.
    pub fn new(service: S) -> Self {
        InProcess { service }
    }
}

impl<S> fmt::Debug for InProcess<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("InProcess")
            .field("service", &std::any::type_name::<S>())
            .finish()
    }
}

impl<S, B> HttpConnector for InProcess<S>
where
    S: Service<http::Request<SdkBody>, Response = http::Response<B>>
        + Clone
        + Send
        + Sync
        + 'static,
    S::Error: Into<BoxError>,
    S::Future: Send + 'static,
    B: http_body::Body + Send + 'static,
    B::Data: Send,
    B::Error: Into<BoxError>,
{
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        let mut service = self.service.clone();
        HttpConnectorFuture::new(async move {
            let request = request
                .try_into_http1x()
                .map_err(|e| ConnectorError::other(e.into(), None))?;
            poll_fn(|cx| service.poll_ready(cx))
                .await
                .map_err(|e| ConnectorError::other(e.into(), None))?;
            let response = service
                .call(request)
                .await
                .map_err(|e| ConnectorError::other(e.into(), None))?;
            let (parts, body) = response.into_parts();
            let bytes = body
                .collect()
                .await
                .map_err(|e| ConnectorError::other(e.into(), None))?
                .to_bytes();
            let response = http::Response::from_parts(parts, SdkBody::from(bytes));
            HttpResponse::try_from(response).map_err(|e| ConnectorError::other(e.into(), None))
        })
    }
}

impl<S, B> HttpClient for InProcess<S>
where
    S: Service<http::Request<SdkBody>, Response = http::Response<B>>
        + Clone
        + Send
        + Sync
        + 'static,
    S::Error: Into<BoxError>,
    S::Future: Send + 'static,
    B: http_body::Body + Send + 'static,
    B::Data: Send,
    B::Error: Into<BoxError>,
{
    fn http_connector(
        &self,
        _settings: &HttpConnectorSettings,
        _components: &RuntimeComponents,
    ) -> SharedHttpConnector {
        SharedHttpConnector::new(self.clone())
    }

    fn connector_metadata(&self) -> Option<ConnectorMetadata> {
        Some(ConnectorMetadata::new("in-process", None))
    }
}
