//! Serving a `tower::Service` on a TCP listener with hyper's HTTP/1.1 server, with connection
//! limits from [`ServerConfig`] and graceful shutdown.

use std::convert::Infallible;
use std::future::{Future, poll_fn};
use std::io;
use std::sync::Arc;
use std::task::Poll;
use std::time::Duration;

use http::{Request, Response};
use http_body::Body;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::Service;

use crate::BoxError;
use crate::body::DEFAULT_BODY_LIMIT;
use crate::context::PeerAddr;
use crate::linger::Lingering;

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
    /// Time allowed for a request body to arrive once its head is in (408 beyond). Default 30 s.
    pub body_read_timeout: Option<Duration>,
    /// Most connections served at once. At the cap `serve` stops accepting, so new clients
    /// wait in the kernel's listen backlog (backpressure) instead of the process running out
    /// of file descriptors; keep it below `ulimit -n`. `None`: no cap. Default 4096.
    pub max_connections: Option<usize>,
    /// Lingering close: before closing a connection, `serve` stops writing and keeps reading
    /// (and discarding) for up to this long, until the client closes or goes quiet, so a client
    /// still sending a body the server refused (413) reads the response instead of a reset.
    /// `None` closes at once. Default 5 s.
    pub lingering_close: Option<Duration>,
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
            body_read_timeout: Some(Duration::from_secs(30)),
            max_connections: Some(4096),
            lingering_close: Some(Duration::from_secs(5)),
        }
    }
}

impl ServerConfig {
    /// Sets `body_limit`: the largest request body accepted, in bytes.
    pub fn with_body_limit(mut self, bytes: usize) -> Self {
        self.body_limit = bytes;
        self
    }
    /// Sets `header_read_timeout` (`None`: no timeout).
    pub fn with_header_read_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.header_read_timeout = timeout;
        self
    }
    /// Sets `keep_alive`: whether connections serve more than one request.
    pub fn with_keep_alive(mut self, on: bool) -> Self {
        self.keep_alive = on;
        self
    }
    /// Sets `max_headers`: the most headers a request may carry.
    pub fn with_max_headers(mut self, count: usize) -> Self {
        self.max_headers = count;
        self
    }
    /// Sets `max_header_bytes`: the largest request head, in bytes.
    pub fn with_max_header_bytes(mut self, bytes: usize) -> Self {
        self.max_header_bytes = bytes;
        self
    }
    /// Sets `graceful_shutdown_timeout` (`None`: wait for every in-flight request).
    pub fn with_graceful_shutdown_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.graceful_shutdown_timeout = timeout;
        self
    }
    /// Sets `body_read_timeout` (`None`: no timeout).
    pub fn with_body_read_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.body_read_timeout = timeout;
        self
    }
    /// Sets `max_connections` (`None`: no cap).
    pub fn with_max_connections(mut self, count: Option<usize>) -> Self {
        self.max_connections = count;
        self
    }
    /// Sets `lingering_close` (`None`: close at once).
    pub fn with_lingering_close(mut self, limit: Option<Duration>) -> Self {
        self.lingering_close = limit;
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
    let slots = config
        .max_connections
        .map(|n| Arc::new(Semaphore::new(n.max(1))));
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        // Race shutdown against accept (hand-rolled rather than `tokio::select!`, whose
        // `macros` feature would pull a proc-macro build into every server).
        // At the connection cap, wait for a slot before accepting: new clients queue in the
        // listen backlog meanwhile.
        let mut permit_wait = slots.clone().map(|s| Box::pin(s.acquire_owned()));
        let mut permit = None;
        let next = poll_fn(|cx| {
            if shutdown.as_mut().poll(cx).is_ready() {
                return Poll::Ready(None);
            }
            if let Some(wait) = permit_wait.as_mut() {
                match wait.as_mut().poll(cx) {
                    Poll::Ready(p) => {
                        permit = p.ok();
                        permit_wait = None;
                    }
                    Poll::Pending => return Poll::Pending,
                }
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
        let io = TokioIo::new(Lingering::new(stream, config.lingering_close));
        let conn = graceful.watch(builder.serve_connection(io, hyper_service));
        tokio::spawn(async move {
            if let Err(e) = conn.await {
                tracing::debug!(error = %e, %peer, "connection ended with error");
            }
            // The slot frees only once the socket is closed (after lingering).
            drop(permit);
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
