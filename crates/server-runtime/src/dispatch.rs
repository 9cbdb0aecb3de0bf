//! The request pipeline every generated service runs, in order: request id and tracing span,
//! routing (404/405), `Accept` (406), body read with limit (413) and deadline (408), then the generated operation
//! function (which decodes, validates and calls the handler), with panics turned into 500s and
//! `x-amzn-requestid` added to every response.

use std::any::Any;
use std::borrow::Borrow;
use std::convert::Infallible;
use std::future::Future;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Instant;

use bytes::Bytes;
use http::{HeaderValue, Request, Response, Uri};
use http_body::Body;
use tracing::Instrument;

use crate::body::read_body_within;
use crate::context::{Identity, PeerAddr, RequestContext, new_request_id};
use crate::rest_json::{Rejection, ResponseBody, ServiceShape, X_AMZN_REQUESTID, check_accept};
use crate::routing::{RouteError, Router};
use crate::{BoxError, ServerConfig};

/// What the generated operation function receives: the context, the decoded labels, the URI
/// (for `@httpQuery` bindings) and the whole body.
#[derive(Debug)]
pub struct OperationRequest {
    /// The request's context (id, headers, peer, identity).
    pub ctx: RequestContext,
    /// `{label}` values in template order, percent-decoded.
    pub labels: Vec<String>,
    /// The request URI (path and query).
    pub uri: Uri,
    /// The whole request body.
    pub body: Bytes,
}

/// Run one request through the pipeline. `call` maps the matched operation to its generated
/// function; it returns a response or a [`Rejection`] (rendered here, so every 500 uses the
/// service's own internal-error shape).
///
/// Never fails: the `Result` and the owned (`Borrow`) configuration let a generated
/// `tower::Service` box this future as its own, with no `async` block around it (which would
/// move the whole dispatch future once more on its first poll).
pub async fn dispatch<B, Op, F, Fut, C>(
    request: Request<B>,
    router: &Router<Op>,
    service: &ServiceShape,
    config: C,
    call: F,
) -> Result<Response<ResponseBody>, Infallible>
where
    B: Body + Send,
    B::Error: Into<BoxError>,
    Op: Copy,
    F: FnOnce(Op, OperationRequest) -> Fut,
    Fut: Future<Output = Result<Response<ResponseBody>, Rejection>> + Send,
    C: Borrow<ServerConfig>,
{
    let request_id = new_request_id();
    let span = tracing::info_span!(
        "request",
        service = service.name,
        operation = tracing::field::Empty,
        request_id = %request_id,
        method = %request.method(),
        path = %request.uri().path(),
        status = tracing::field::Empty,
        latency_us = tracing::field::Empty,
    );
    // The latency is only recorded on the span; without a subscriber for it, skip the clock.
    let started = (!span.is_disabled()).then(Instant::now);
    // Made before the id moves into the pipeline (no second copy of the id); `None` only if
    // the id were not a valid header value, which a UUID always is.
    let request_id_header = HeaderValue::from_str(&request_id).ok();
    // Pinned in this future's own state rather than boxed: one allocation less per request.
    let pipeline = std::pin::pin!(pipeline(
        request,
        request_id,
        router,
        config.borrow(),
        call,
        span.clone(),
    ));
    let outcome = CatchUnwind(pipeline).instrument(span.clone()).await;
    let mut response = match outcome {
        Ok(Ok(response)) => response,
        Ok(Err(rejection)) => {
            if let Rejection::Internal(detail) = &rejection {
                span.in_scope(|| tracing::error!(%detail, "internal failure"));
            }
            rejection.into_response(service)
        }
        Err(panic) => {
            let detail = panic_message(&*panic);
            span.in_scope(|| tracing::error!(panic = %detail, "handler panicked"));
            Rejection::Internal(detail).into_response(service)
        }
    };
    if let Some(v) = request_id_header {
        response.headers_mut().insert(X_AMZN_REQUESTID.clone(), v);
    }
    if let Some(started) = started {
        span.record("status", response.status().as_u16());
        span.record("latency_us", started.elapsed().as_micros() as u64);
    }
    span.in_scope(|| tracing::info!("request completed"));
    Ok(response)
}

async fn pipeline<B, Op, F, Fut>(
    request: Request<B>,
    request_id: String,
    router: &Router<Op>,
    config: &ServerConfig,
    call: F,
    span: tracing::Span,
) -> Result<Response<ResponseBody>, Rejection>
where
    B: Body,
    B::Error: Into<BoxError>,
    Op: Copy,
    F: FnOnce(Op, OperationRequest) -> Fut,
    Fut: Future<Output = Result<Response<ResponseBody>, Rejection>>,
{
    let (parts, body) = request.into_parts();
    let found = router
        .route(&parts.method, parts.uri.path(), parts.uri.query())
        .map_err(|e| match e {
            RouteError::NotFound => Rejection::UnknownOperation,
            RouteError::MethodNotAllowed => Rejection::MethodNotAllowed,
        })?;
    span.record("operation", found.name);
    check_accept(&parts.headers)?;
    let body = read_body_within(body, config.body_limit, config.body_read_timeout).await?;
    // A host's own extension first (an empty extensions map answers without hashing).
    let peer = parts
        .extensions
        .get::<PeerAddr>()
        .copied()
        .or_else(PeerAddr::current)
        .map(|p| p.0);
    let identity = parts.extensions.get::<Identity>().cloned();
    let ctx =
        RequestContext::new(request_id, found.name, parts.headers, peer).with_identity(identity);
    call(
        found.op,
        OperationRequest {
            ctx,
            labels: found.labels,
            uri: parts.uri,
            body,
        },
    )
    .await
}

/// Polls a boxed future inside `catch_unwind`, so a panicking handler yields an `Err` instead
/// of tearing down the connection task. (Hand-rolled to avoid a futures-util dependency.)
struct CatchUnwind<'a, F>(Pin<&'a mut F>);

impl<F: Future> Future for CatchUnwind<'_, F> {
    type Output = Result<F::Output, Box<dyn Any + Send>>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let inner = self.get_mut().0.as_mut();
        match catch_unwind(AssertUnwindSafe(|| inner.poll(cx))) {
            Ok(Poll::Pending) => Poll::Pending,
            Ok(Poll::Ready(v)) => Poll::Ready(Ok(v)),
            Err(panic) => Poll::Ready(Err(panic)),
        }
    }
}

fn panic_message(panic: &(dyn Any + Send)) -> String {
    if let Some(s) = panic.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = panic.downcast_ref::<String>() {
        s.clone()
    } else {
        "non-string panic payload".to_owned()
    }
}
