//! Lingering close for served connections.
//!
//! When hyper answers before reading a whole request body (a 413 for a body over the limit),
//! it closes the connection with the client's unread bytes still in the socket. The kernel then
//! sends a reset, and a client still writing its body (or that writes everything before
//! reading) gets "connection reset" instead of the 413. Like Apache's `lingering_close`, the
//! wrapper here turns hyper's close into: send FIN (the response is complete), then read and
//! discard until the client closes, stays quiet for [`QUIET`], or the configured limit passes.

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::task::{Context, Poll, ready};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio::time::{Instant, Sleep};

/// A client that sends nothing for this long after our FIN is not sending a body.
const QUIET: Duration = Duration::from_millis(500);

pub(crate) struct Lingering {
    stream: TcpStream,
    limit: Option<Duration>,
    state: State,
}

enum State {
    Open,
    /// FIN sent; draining until the deadline (total) or a quiet period passes.
    Draining {
        deadline: Instant,
        quiet: Pin<Box<Sleep>>,
    },
    Closed,
}

impl Lingering {
    pub(crate) fn new(stream: TcpStream, limit: Option<Duration>) -> Self {
        Lingering {
            stream,
            limit,
            state: State::Open,
        }
    }
}

impl AsyncRead for Lingering {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_read(cx, buf)
    }
}

impl AsyncWrite for Lingering {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.stream).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.stream).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = &mut *self;
        loop {
            match &mut this.state {
                State::Open => {
                    ready!(Pin::new(&mut this.stream).poll_shutdown(cx))?;
                    this.state = match this.limit {
                        Some(limit) if !limit.is_zero() => State::Draining {
                            deadline: Instant::now() + limit,
                            quiet: Box::pin(tokio::time::sleep(QUIET.min(limit))),
                        },
                        _ => State::Closed,
                    };
                }
                State::Draining { deadline, quiet } => {
                    if quiet.as_mut().poll(cx).is_ready() {
                        this.state = State::Closed;
                        continue;
                    }
                    let mut scratch = [0u8; 8192];
                    let mut buf = ReadBuf::new(&mut scratch);
                    match Pin::new(&mut this.stream).poll_read(cx, &mut buf) {
                        Poll::Ready(Ok(())) if !buf.filled().is_empty() => {
                            // Still sending: wait for quiet again, never past the deadline.
                            let next = (Instant::now() + QUIET).min(*deadline);
                            quiet.as_mut().reset(next);
                        }
                        // End of stream or an error: the client is gone.
                        Poll::Ready(_) => this.state = State::Closed,
                        Poll::Pending => return Poll::Pending,
                    }
                }
                State::Closed => return Poll::Ready(Ok(())),
            }
        }
    }
}
