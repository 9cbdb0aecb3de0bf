//! An `HttpClient` that records every request and answers each with the same response.

use std::sync::{Arc, Mutex};

use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpClient,
    SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, HttpResponse};
use aws_smithy_runtime_api::client::result::ConnectorError;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::body::SdkBody;
use bytes::Bytes;

/// What the client sent, as an `http` request with its whole body.
pub type Request = http::Request<Bytes>;

/// The requests a [`capture()`] client received.
#[derive(Clone, Default, Debug)]
pub struct Captured(Arc<Mutex<Vec<Request>>>);

impl Captured {
    /// The first request sent, if any.
    pub fn first(&self) -> Option<Request> {
        let all = self.0.lock().unwrap_or_else(|e| e.into_inner());
        all.first().cloned()
    }
}

#[derive(Clone, Debug)]
struct Canned {
    status: u16,
    headers: Vec<(String, String)>,
    body: Bytes,
    captured: Captured,
}

/// A client that records each request and answers `status`, `headers` and `body`.
pub fn capture(
    status: u16,
    headers: &[(&str, &str)],
    body: impl Into<Bytes>,
) -> (SharedHttpClient, Captured) {
    let captured = Captured::default();
    let canned = Canned {
        status,
        headers: headers
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        body: body.into(),
        captured: captured.clone(),
    };
    (SharedHttpClient::new(canned), captured)
}

impl HttpConnector for Canned {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        let canned = self.clone();
        HttpConnectorFuture::new(async move {
            let request = request
                .try_into_http1x()
                .map_err(|e| ConnectorError::other(e.into(), None))?;
            let (parts, body) = request.into_parts();
            let bytes = http_body_util::BodyExt::collect(body)
                .await
                .map_err(|e| ConnectorError::other(e, None))?
                .to_bytes();
            canned
                .captured
                .0
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(http::Request::from_parts(parts, bytes));
            let mut response = http::Response::builder().status(canned.status);
            for (k, v) in &canned.headers {
                response = response.header(k, v);
            }
            let response = response
                .body(SdkBody::from(canned.body.clone()))
                .map_err(|e| ConnectorError::other(e.into(), None))?;
            HttpResponse::try_from(response).map_err(|e| ConnectorError::other(e.into(), None))
        })
    }
}

impl HttpClient for Canned {
    fn http_connector(
        &self,
        _settings: &HttpConnectorSettings,
        _components: &RuntimeComponents,
    ) -> SharedHttpConnector {
        SharedHttpConnector::new(self.clone())
    }
}
