//! Serving a `tower::Service` on a TCP listener with hyper's HTTP/1.1 server, with connection
//! limits from [`ServerConfig`] and graceful shutdown.

use std::convert::Infallible;
use std::future::{Future, poll_fn};
use std::io;
use std::task::Poll;
use std::time::Duration;

use http::{Request, Response};
use http_body::Body;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use tower::Service;

use crate::BoxError;
use crate::body::DEFAULT_BODY_LIMIT;
use crate::context::PeerAddr;

/// hyper's own header-count limit when `Builder::max_headers` is not called.
const HYPER_DEFAULT_MAX_HEADERS: usize = 100;

/// Limits and timeouts for the service and its connections. `Default` is sensible for a
/// public-facing service; adjust with the `with_*` methods.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ServerConfig {
    /// Largest request body accepted (413 beyond). Default 1 MiB.
    pub body_limit: usize,
    /// Time allowed for a client to send the request head (slowloris guard). Default 30 s.
    pub header_read_timeout: Option<Duration>,
    /// HTTP/1.1 keep-alive. Default on.
    pub keep_alive: bool,
    /// Most request headers accepted (431 beyond). Default 100 (hyper's own default).
    pub max_headers: usize,
    /// Largest request head buffered, in bytes (431 beyond). Default 64 KiB; hyper needs >= 8 KiB.
    pub max_header_bytes: usize,
    /// How long shutdown waits for in-flight requests; `None` waits forever. Default 30 s.
    pub graceful_shutdown_timeout: Option<Duration>,
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            body_limit: DEFAULT_BODY_LIMIT,
            header_read_timeout: Some(Duration::from_secs(30)),
            keep_alive: true,
            max_headers: HYPER_DEFAULT_MAX_HEADERS,
            max_header_bytes: 64 * 1024,
            graceful_shutdown_timeout: Some(Duration::from_secs(30)),
        }
    }
}

impl ServerConfig {
    pub fn with_body_limit(mut self, bytes: usize) -> Self {
        self.body_limit = bytes;
        self
    }
    pub fn with_header_read_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.header_read_timeout = timeout;
        self
    }
    pub fn with_keep_alive(mut self, on: bool) -> Self {
        self.keep_alive = on;
        self
    }
    pub fn with_max_headers(mut self, count: usize) -> Self {
        self.max_headers = count;
        self
    }
    pub fn with_max_header_bytes(mut self, bytes: usize) -> Self {
        self.max_header_bytes = bytes;
        self
    }
    pub fn with_graceful_shutdown_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.graceful_shutdown_timeout = timeout;
        self
    }
}

/// Accept connections until `shutdown` completes, then stop accepting and let in-flight
/// requests finish (up to `graceful_shutdown_timeout`). The peer address is
/// [`PeerAddr::current`] while a request's service call and response future run (generated
/// services put it in `RequestContext::peer`). Works with any tower service that never fails
/// (generated servers, an axum `Router`, ...).
pub async fn serve<S, RB>(
    listener: TcpListener,
    service: S,
    config: ServerConfig,
    shutdown: impl Future<Output = ()>,
) -> io::Result<()>
where
    S: Service<Request<Incoming>, Response = Response<RB>, Error = Infallible>
        + Clone
        + Send
        + 'static,
    S::Future: Send + 'static,
    RB: Body + Send + 'static,
    RB::Data: Send,
    RB::Error: Into<BoxError>,
{
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(config.header_read_timeout)
        .keep_alive(config.keep_alive)
        // hyper panics below 8 KiB; clamp rather than let a config value crash the server.
        .max_buf_size(config.max_header_bytes.max(8192));
    // The same limit either way, but an explicit `max_headers` makes hyper fill a fresh
    // header-slot vector element by element on every request (~1.7k instructions), while its
    // default of 100 uses an inline array.
    if config.max_headers != HYPER_DEFAULT_MAX_HEADERS {
        builder.max_headers(config.max_headers);
    }
    let graceful = GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        // Race shutdown against accept (hand-rolled rather than `tokio::select!`, whose
        // `macros` feature would pull a proc-macro build into every server).
        let next = poll_fn(|cx| {
            if shutdown.as_mut().poll(cx).is_ready() {
                return Poll::Ready(None);
            }
            listener.poll_accept(cx).map(Some)
        })
        .await;
        let (stream, peer) = match next {
            None => break,
            Some(Ok(conn)) => conn,
            Some(Err(e)) => {
                // Out of file descriptors and the like: back off instead of spinning.
                tracing::warn!(error = %e, "accept failed");
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let svc = service.clone();
        let peer_addr = PeerAddr(peer);
        let hyper_service = hyper::service::service_fn(move |req: Request<Incoming>| {
            let mut svc = svc.clone();
            async move {
                poll_fn(|cx| svc.poll_ready(cx)).await?;
                // The peer is current during the call and every poll of its future (hyper polls
                // it inside this connection's task), so services and middleware that run
                // there, even lazily like axum's routes, see it.
                let response = peer_addr.scope(|| svc.call(req));
                let mut response = std::pin::pin!(response);
                poll_fn(|cx| peer_addr.scope(|| response.as_mut().poll(cx))).await
            }
        });
        let conn = builder.serve_connection(TokioIo::new(stream), hyper_service);
        let conn = graceful.watch(conn);
        tokio::spawn(async move {
            if let Err(e) = conn.await {
                tracing::debug!(error = %e, %peer, "connection ended with error");
            }
        });
    }
    drop(listener);
    match config.graceful_shutdown_timeout {
        Some(limit) => {
            if tokio::time::timeout(limit, graceful.shutdown())
                .await
                .is_err()
            {
                tracing::warn!("graceful shutdown timed out; dropping remaining connections");
            }
        }
        None => graceful.shutdown().await,
    }
    Ok(())
}
