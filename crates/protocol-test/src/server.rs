//! Calling a generated server in memory, and a handler-side [`Recorder`].

use std::any::Any;
use std::future::poll_fn;
use std::sync::Mutex;

use bytes::Bytes;
use http_body_util::BodyExt;
use tokio::sync::Notify;
use tower::Service;

type Boxed = Box<dyn Any + Send>;

/// Where a test handler puts the input it received and finds the reply it should give.
#[derive(Default)]
pub struct Recorder {
    input: Mutex<Option<Boxed>>,
    reply: Mutex<Option<Boxed>>,
    called: Notify,
}

impl Recorder {
    /// The next call answers `reply` (an operation's `Result<Output, Error>`).
    pub fn reply_with<R: Any + Send>(&self, reply: R) {
        *self.reply.lock().unwrap_or_else(|e| e.into_inner()) = Some(Box::new(reply));
    }

    /// Called by the handler: records `input` and answers the reply set with
    /// [`reply_with`](Self::reply_with); without one (or of another type) it never answers,
    /// and [`call`] returns when the handler was reached.
    pub async fn handle<I: Any + Send, R: Any>(&self, input: I) -> R {
        *self.input.lock().unwrap_or_else(|e| e.into_inner()) = Some(Box::new(input));
        self.called.notify_one();
        let reply = self.reply.lock().unwrap_or_else(|e| e.into_inner()).take();
        match reply.map(|r| r.downcast::<R>()) {
            Some(Ok(reply)) => *reply,
            _ => std::future::pending().await,
        }
    }

    /// The input the handler received, if it was called with an `I`.
    pub fn input<I: Any>(&self) -> Option<I> {
        let input = self
            .input
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take()?;
        input.downcast::<I>().ok().map(|i| *i)
    }
}

/// Sends `request` to `service`: `Some(response)` when the service answered, `None` when its
/// handler was reached without a reply to give (see [`Recorder::handle`]).
pub async fn call<S, B>(
    mut service: S,
    recorder: &Recorder,
    request: http::Request<Bytes>,
) -> Option<http::Response<Bytes>>
where
    S: Service<http::Request<http_body_util::Full<Bytes>>, Response = http::Response<B>>,
    S::Error: std::fmt::Debug,
    B: http_body::Body,
    B::Error: std::fmt::Debug,
{
    let (parts, body) = request.into_parts();
    let request = http::Request::from_parts(parts, http_body_util::Full::new(body));
    poll_fn(|cx| service.poll_ready(cx))
        .await
        .expect("the service is ready");
    let replies = recorder
        .reply
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .is_some();
    let response = if replies {
        service.call(request).await
    } else {
        tokio::select! {
            response = service.call(request) => response,
            () = recorder.called.notified() => return None,
        }
    };
    let response = response.expect("the service answers");
    let (parts, body) = response.into_parts();
    let body = body.collect().await.expect("the response body").to_bytes();
    Some(http::Response::from_parts(parts, body))
}
