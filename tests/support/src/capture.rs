//! A capture server: hyper 1 on 127.0.0.1:0 answering from a script of replies and recording
//! every request with the TCP connection it arrived on, so client tests can check the bytes a
//! client sends, its retries and its connection reuse.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;

/// One request as the capture server saw it.
#[derive(Clone, Debug)]
pub struct Captured {
    pub method: String,
    /// Origin form: path and query.
    pub uri: String,
    /// Names lowercased (hyper), arrival order; a value that is not text reads `<bin>`.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Index of the TCP connection it arrived on.
    pub conn: usize,
}

impl Captured {
    /// First value of a header (name compared case-insensitively).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The body as JSON (panics when it is not: a test failure).
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("request body is JSON")
    }
}

/// A response to send back, optionally after a delay.
#[derive(Clone, Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub delay: Duration,
}

impl Reply {
    /// `status` with `body` and no headers.
    pub fn new(status: u16, body: &str) -> Self {
        Self {
            status,
            headers: vec![],
            body: body.as_bytes().to_vec(),
            delay: Duration::ZERO,
        }
    }

    /// `status` with a JSON `body` and its content type.
    pub fn json(status: u16, body: &str) -> Self {
        Self::new(status, body).header("content-type", "application/json")
    }

    pub fn header(mut self, k: &str, v: &str) -> Self {
        self.headers.push((k.into(), v.into()));
        self
    }

    /// Wait `d` before answering (for timeout tests).
    pub fn delay(mut self, d: Duration) -> Self {
        self.delay = d;
        self
    }

    /// An error the way AWS sends it: status, `X-Amzn-Errortype`, `{"Message": ..}`, request id.
    pub fn error(status: u16, code: &str, message: &str) -> Self {
        Self::json(
            status,
            &serde_json::json!({ "Message": message }).to_string(),
        )
        .header("X-Amzn-Errortype", code)
        .header("x-amzn-RequestId", "req-err-1")
    }

    /// CreateEventLogConfiguration's success: 201 `{"Id":"abc123"}`, request id `req-ok-1`.
    pub fn ok() -> Self {
        Self::json(201, r#"{"Id":"abc123"}"#).header("x-amzn-RequestId", "req-ok-1")
    }
}

#[derive(Default)]
struct State {
    script: Vec<Reply>,
    requests: Vec<Captured>,
}

/// The n-th request since the script was set gets `script[n]`; the last reply repeats.
pub struct CaptureServer {
    pub addr: SocketAddr,
    state: Arc<Mutex<State>>,
}

impl CaptureServer {
    /// Listens on 127.0.0.1:0 and answers from `script` (not empty).
    pub async fn start(script: Vec<Reply>) -> CaptureServer {
        assert!(!script.is_empty(), "a capture server needs a reply");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let state = Arc::new(Mutex::new(State {
            script,
            requests: Vec::new(),
        }));
        let shared = state.clone();
        tokio::spawn(async move {
            let conns = AtomicUsize::new(0);
            while let Ok((stream, _)) = listener.accept().await {
                let conn = conns.fetch_add(1, Ordering::SeqCst);
                let state = shared.clone();
                tokio::spawn(async move {
                    let svc = service_fn(move |req| answer(state.clone(), conn, req));
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), svc)
                        .await;
                });
            }
        });
        CaptureServer { addr, state }
    }

    /// Replaces the script and forgets the recorded requests.
    pub fn script(&self, script: Vec<Reply>) {
        assert!(!script.is_empty(), "a capture server needs a reply");
        let mut s = self.state.lock().unwrap();
        s.script = script;
        s.requests.clear();
    }

    /// The requests recorded since the script was set.
    pub fn requests(&self) -> Vec<Captured> {
        self.state.lock().unwrap().requests.clone()
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

async fn answer(
    state: Arc<Mutex<State>>,
    conn: usize,
    req: hyper::Request<hyper::body::Incoming>,
) -> Result<hyper::Response<Full<Bytes>>, std::convert::Infallible> {
    let (parts, body) = req.into_parts();
    let body = body
        .collect()
        .await
        .map(|b| b.to_bytes().to_vec())
        .unwrap_or_default();
    let captured = Captured {
        method: parts.method.to_string(),
        uri: parts.uri.to_string(),
        headers: parts
            .headers
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or("<bin>").to_string()))
            .collect(),
        body,
        conn,
    };
    let reply = {
        let mut s = state.lock().unwrap();
        s.requests.push(captured);
        let n = s.requests.len() - 1;
        s.script[n.min(s.script.len() - 1)].clone()
    };
    if !reply.delay.is_zero() {
        tokio::time::sleep(reply.delay).await;
    }
    let mut response = hyper::Response::builder().status(reply.status);
    for (k, v) in &reply.headers {
        response = response.header(k, v);
    }
    Ok(response.body(Full::new(Bytes::from(reply.body))).unwrap())
}
