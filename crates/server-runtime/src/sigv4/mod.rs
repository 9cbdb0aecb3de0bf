//! AWS Signature Version 4 verification for generated servers (cargo feature `sigv4`).
//!
//! [`SigV4Layer`] wraps any generated server (or other tower service): it lets through only
//! requests signed with a secret that [`CredentialsLookup`] knows, and hands the caller to the
//! handler as [`RequestContext::identity`](crate::RequestContext::identity). Rejections are the
//! 403s AWS itself answers, with `X-Amzn-Errortype`:
//!
//! | shape | when |
//! |---|---|
//! | `MissingAuthenticationTokenException` | no `Authorization` header and no presigned query |
//! | `IncompleteSignatureException` | a malformed or partial signature, no `X-Amz-Date` |
//! | `UnrecognizedClientException` | unknown access key id, wrong or missing session token |
//! | `InvalidSignatureException` | wrong signature, wrong scope, outside the clock-skew window, expired presigned URL |
//!
//! ```no_run
//! # async fn run<S>(server: S) -> std::io::Result<()>
//! # where S: tower::Service<http::Request<http_body_util::Full<bytes::Bytes>>,
//! #     Response = http::Response<smithygen_server_runtime::ResponseBody>,
//! #     Error = std::convert::Infallible> + Clone + Send + 'static, S::Future: Send + 'static {
//! use smithygen_server_runtime::sigv4::{SigV4Layer, StaticCredentials};
//! use smithygen_server_runtime::{ServerConfig, serve};
//! use tower::Layer;
//!
//! let credentials = StaticCredentials::new().with("AKIDEXAMPLE", "secret", None);
//! let layer = SigV4Layer::new("iotmanagedintegrations", "us-east-1", credentials);
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
//! serve(listener, layer.layer(server), ServerConfig::default(), std::future::pending()).await
//! # }
//! ```

mod canonical;
mod parse;

use std::collections::HashMap;
use std::convert::Infallible;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use http::{HeaderValue, Request, Response, StatusCode};
use http_body::Body;
use http_body_util::Full;
use subtle::ConstantTimeEq;

use crate::body::DEFAULT_BODY_LIMIT;
use crate::context::{Identity, new_request_id};
use crate::rest_json::{
    InternalErrorShape, Rejection, ResponseBody, ServiceShape, X_AMZN_REQUESTID, error_response,
};
use crate::{BoxError, tower};
use parse::{Location, Signed};

/// How far a signature's `X-Amz-Date` may be from the server's clock, as AWS allows.
pub const MAX_CLOCK_SKEW: Duration = Duration::from_secs(15 * 60);

const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";

/// A secret access key and, for temporary credentials, the session token that must come with it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret {
    /// The secret access key.
    pub secret_access_key: String,
    /// The session token temporary credentials must send (`X-Amz-Security-Token`).
    pub session_token: Option<String>,
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Secret")
            .field("secret_access_key", &"** redacted **")
            .field(
                "session_token",
                &self.session_token.as_ref().map(|_| "** redacted **"),
            )
            .finish()
    }
}

/// Where the layer finds the secret for an access key id (a map, a database, a secrets
/// service...). `None` answers `UnrecognizedClientException`.
pub trait CredentialsLookup: Send + Sync + 'static {
    /// The secret of `access_key_id`, or `None` for a key this service does not know.
    fn lookup(&self, access_key_id: &str) -> impl Future<Output = Option<Secret>> + Send;
}

/// A fixed set of credentials held in memory.
#[derive(Debug, Clone, Default)]
pub struct StaticCredentials {
    keys: HashMap<String, Secret>,
}

impl StaticCredentials {
    /// No keys yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Add (or replace) one access key.
    pub fn with(
        mut self,
        access_key_id: impl Into<String>,
        secret_access_key: impl Into<String>,
        session_token: Option<String>,
    ) -> Self {
        self.keys.insert(
            access_key_id.into(),
            Secret {
                secret_access_key: secret_access_key.into(),
                session_token,
            },
        );
        self
    }

    /// How many access keys are held.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// True when no access key is held.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

impl CredentialsLookup for StaticCredentials {
    async fn lookup(&self, access_key_id: &str) -> Option<Secret> {
        self.keys.get(access_key_id).cloned()
    }
}

/// Why a request was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthError {
    /// `MissingAuthenticationTokenException`.
    Missing,
    /// `IncompleteSignatureException`, with the reason.
    Incomplete(String),
    /// `UnrecognizedClientException`.
    UnrecognizedClient,
    /// `InvalidSignatureException`, with the reason.
    InvalidSignature(String),
}

impl AuthError {
    /// The error shape name sent in `X-Amzn-Errortype`.
    pub fn shape_name(&self) -> &'static str {
        match self {
            AuthError::Missing => "MissingAuthenticationTokenException",
            AuthError::Incomplete(_) => "IncompleteSignatureException",
            AuthError::UnrecognizedClient => "UnrecognizedClientException",
            AuthError::InvalidSignature(_) => "InvalidSignatureException",
        }
    }

    /// The message the error response carries.
    pub fn message(&self) -> &str {
        match self {
            AuthError::Missing => "Missing Authentication Token",
            AuthError::UnrecognizedClient => {
                "The security token included in the request is invalid."
            }
            AuthError::Incomplete(m) | AuthError::InvalidSignature(m) => m,
        }
    }

    /// The 403 response AWS sends for this error.
    pub fn into_response(self) -> Response<ResponseBody> {
        let body = serde_json::json!({ "message": self.message() }).to_string();
        error_response(StatusCode::FORBIDDEN, self.shape_name(), Bytes::from(body))
    }
}

fn mismatch() -> AuthError {
    AuthError::InvalidSignature(
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."
            .into(),
    )
}

/// What the layer checks against.
struct Settings<C> {
    signing_name: String,
    region: String,
    credentials: C,
    max_skew: Duration,
    body_limit: usize,
    body_read_timeout: Option<Duration>,
}

/// A `tower::Layer` that verifies SigV4 on every request before the inner service sees it.
pub struct SigV4Layer<C> {
    settings: Arc<Settings<C>>,
}

impl<C> Clone for SigV4Layer<C> {
    fn clone(&self) -> Self {
        SigV4Layer {
            settings: Arc::clone(&self.settings),
        }
    }
}

impl<C: CredentialsLookup> SigV4Layer<C> {
    /// Accept requests signed for `signing_name` (the generated crate's `SIGNING_NAME`) in
    /// `region` with a key from `credentials`.
    pub fn new(signing_name: impl Into<String>, region: impl Into<String>, credentials: C) -> Self {
        SigV4Layer {
            settings: Arc::new(Settings {
                signing_name: signing_name.into(),
                region: region.into(),
                credentials,
                max_skew: MAX_CLOCK_SKEW,
                body_limit: DEFAULT_BODY_LIMIT,
                body_read_timeout: None,
            }),
        }
    }

    fn settings_mut(&mut self) -> &mut Settings<C> {
        Arc::get_mut(&mut self.settings).expect("configure the layer before cloning it")
    }

    /// The body must be read to check its hash: refuse bodies over `bytes` (413), as the inner
    /// service would. Default 1 MiB; set it to the server's `ServerConfig::body_limit`.
    pub fn with_body_limit(mut self, bytes: usize) -> Self {
        self.settings_mut().body_limit = bytes;
        self
    }

    /// Answer 408 when the body takes longer than this to arrive (`ServerConfig::body_read_timeout`).
    pub fn with_body_read_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.settings_mut().body_read_timeout = timeout;
        self
    }

    /// Allowed distance between `X-Amz-Date` and the server clock (default 15 minutes).
    pub fn with_max_clock_skew(mut self, skew: Duration) -> Self {
        self.settings_mut().max_skew = skew;
        self
    }
}

impl<S, C> tower::Layer<S> for SigV4Layer<C> {
    type Service = SigV4Service<S, C>;

    fn layer(&self, inner: S) -> Self::Service {
        SigV4Service {
            inner,
            settings: Arc::clone(&self.settings),
        }
    }
}

/// The service [`SigV4Layer`] builds. The inner service receives the buffered body.
pub struct SigV4Service<S, C> {
    inner: S,
    settings: Arc<Settings<C>>,
}

impl<S: Clone, C> Clone for SigV4Service<S, C> {
    fn clone(&self) -> Self {
        SigV4Service {
            inner: self.inner.clone(),
            settings: Arc::clone(&self.settings),
        }
    }
}

/// Only 413/400/408 are rendered here; no internal error is ever produced by the layer.
const LAYER_SHAPE: ServiceShape = ServiceShape {
    name: "SigV4Layer",
    internal_error: InternalErrorShape::FRAMEWORK_DEFAULT,
};

impl<S, C, B> tower::Service<Request<B>> for SigV4Service<S, C>
where
    S: tower::Service<Request<Full<Bytes>>, Response = Response<ResponseBody>, Error = Infallible>
        + Clone
        + Send
        + 'static,
    S::Future: Send + 'static,
    C: CredentialsLookup,
    B: Body + Send + 'static,
    B::Data: Send,
    B::Error: Into<BoxError>,
{
    type Response = Response<ResponseBody>;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Infallible>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<B>) -> Self::Future {
        // The clone that was not driven to readiness stays here; the ready one serves this call.
        let clone = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, clone);
        let settings = Arc::clone(&self.settings);
        Box::pin(async move {
            let (mut parts, body) = request.into_parts();
            let (signed, secret) = match authenticate(&settings, &parts).await {
                Ok(found) => found,
                Err(e) => return Ok(with_request_id(e.into_response())),
            };
            let body = match read_within(body, &settings).await {
                Ok(body) => body,
                Err(rejection) => {
                    return Ok(with_request_id(rejection.into_response(&LAYER_SHAPE)));
                }
            };
            if let Err(e) = check_signature(&signed, &secret, &parts, &body) {
                return Ok(with_request_id(e.into_response()));
            }
            parts.extensions.insert(Identity::new(
                signed.access_key_id,
                signed.region,
                matches!(signed.location, Location::Query { .. }),
            ));
            inner
                .call(Request::from_parts(parts, Full::new(body)))
                .await
        })
    }
}

fn with_request_id(mut response: Response<ResponseBody>) -> Response<ResponseBody> {
    if let Ok(v) = HeaderValue::from_str(&new_request_id()) {
        response.headers_mut().insert(X_AMZN_REQUESTID.clone(), v);
    }
    response
}

async fn read_within<B, C>(body: B, settings: &Settings<C>) -> Result<Bytes, Rejection>
where
    B: Body,
    B::Error: Into<BoxError>,
{
    crate::body::read_body_within(body, settings.body_limit, settings.body_read_timeout).await
}

/// Everything that can be checked before the body is read: the signature's form, scope and
/// time, and that its key (and session token) are known.
async fn authenticate<C: CredentialsLookup>(
    settings: &Settings<C>,
    parts: &http::request::Parts,
) -> Result<(Signed, Secret), AuthError> {
    let signed = parse::find(&parts.headers, parts.uri.query())?.ok_or(AuthError::Missing)?;
    check_scope(settings, &signed)?;
    check_time(settings.max_skew, &signed, SystemTime::now())?;
    if !signed.signed_headers.iter().any(|h| h == "host") {
        return Err(AuthError::InvalidSignature(
            "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.".into(),
        ));
    }
    let secret = settings
        .credentials
        .lookup(&signed.access_key_id)
        .await
        .ok_or(AuthError::UnrecognizedClient)?;
    let token_ok = match (&secret.session_token, &signed.security_token) {
        (None, None) => true,
        (Some(expected), Some(sent)) => bool::from(expected.as_bytes().ct_eq(sent.as_bytes())),
        _ => false,
    };
    if !token_ok {
        return Err(AuthError::UnrecognizedClient);
    }
    Ok((signed, secret))
}

fn check_scope<C>(settings: &Settings<C>, signed: &Signed) -> Result<(), AuthError> {
    let invalid = |m: String| Err(AuthError::InvalidSignature(m));
    if signed.terminator != "aws4_request" {
        return invalid(format!(
            "Credential should be scoped with a valid terminator: 'aws4_request', not '{}'.",
            signed.terminator
        ));
    }
    if signed.scope_date != signed.amz_date[..8] {
        return invalid(format!(
            "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{}' != '{}', from '{}'.",
            signed.scope_date,
            &signed.amz_date[..8],
            signed.amz_date
        ));
    }
    if signed.region != settings.region {
        return invalid(format!(
            "Credential should be scoped to a valid region, not '{}'.",
            signed.region
        ));
    }
    if signed.service != settings.signing_name {
        return invalid(format!(
            "Credential should be scoped to correct service: '{}'.",
            settings.signing_name
        ));
    }
    Ok(())
}

/// Header signatures: within `skew` of `now` either way. Presigned URLs: not dated more than
/// `skew` in the future, and `now` before their date plus `X-Amz-Expires`.
fn check_time(skew: Duration, signed: &Signed, now: SystemTime) -> Result<(), AuthError> {
    let fmt = parse::format_amz_date;
    if signed.time > now + skew {
        return Err(AuthError::InvalidSignature(format!(
            "Signature not yet current: {} is still later than {} ({} + {} min.)",
            signed.amz_date,
            fmt(now + skew),
            fmt(now),
            skew.as_secs() / 60
        )));
    }
    let (limit, how) = match signed.location {
        Location::Header => (signed.time + skew, format!("{} min.", skew.as_secs() / 60)),
        Location::Query { expires } => (signed.time + expires, format!("{} s", expires.as_secs())),
    };
    if now > limit {
        return Err(AuthError::InvalidSignature(format!(
            "Signature expired: {} is now earlier than {} ({} - {how})",
            signed.amz_date,
            fmt(now - (limit.duration_since(signed.time).unwrap_or_default())),
            fmt(now)
        )));
    }
    Ok(())
}

/// Recompute the signature over the received request and compare in constant time.
fn check_signature(
    signed: &Signed,
    secret: &Secret,
    parts: &http::request::Parts,
    body: &[u8],
) -> Result<(), AuthError> {
    let body_hash = canonical::sha256_hex(body);
    let declared = parts
        .headers
        .get("x-amz-content-sha256")
        .map(|v| v.to_str().unwrap_or_default());
    let payload_hash = match declared {
        None => body_hash.as_str(),
        Some(UNSIGNED_PAYLOAD) => UNSIGNED_PAYLOAD,
        Some(h) if h == body_hash => h,
        Some(h) if h.len() == 64 && h.bytes().all(|b| b.is_ascii_hexdigit()) => {
            return Err(AuthError::InvalidSignature(
                "The provided 'x-amz-content-sha256' header does not match what was computed."
                    .into(),
            ));
        }
        Some(other) => {
            return Err(AuthError::Incomplete(format!(
                "Unsupported 'x-amz-content-sha256' value: '{other}'"
            )));
        }
    };
    let matches = |payload_hash: &str| {
        let expected = canonical::signature(
            &secret.secret_access_key,
            signed,
            &parts.method,
            parts.uri.path(),
            parts.uri.query(),
            &parts.headers,
            payload_hash,
        );
        bool::from(expected.as_bytes().ct_eq(signed.signature.as_bytes()))
    };
    // A presigned URL cannot carry a body hash, so it may have been signed over the body or
    // (as S3 presigns) over `UNSIGNED-PAYLOAD`.
    let presigned = matches!(signed.location, Location::Query { .. });
    if matches(payload_hash) || (presigned && declared.is_none() && matches(UNSIGNED_PAYLOAD)) {
        Ok(())
    } else {
        Err(mismatch())
    }
}

#[cfg(test)]
mod tests;
