//! The practical limit for P4: a hand-written hyper 1 handler doing what the generated server
//! does for `CreateEventLogConfiguration` with none of its generality. Route check, body read,
//! `serde_json` into a derived struct, the model's constraint checks written by hand (byte
//! loops, no regex), `serde_json` out, a request id header.

use std::convert::Infallible;
use std::sync::atomic::{AtomicU64, Ordering};

use bytes::Bytes;
use http::{Method, Request, Response, StatusCode, header};
use http_body_util::{BodyExt, Full};
use hyper::body::Body;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use serde::{Deserialize, Serialize};
use tokio::net::TcpListener;

use crate::fixtures::{ID, PATH};

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Input {
    resource_type: Option<String>,
    resource_id: Option<String>,
    event_log_level: Option<String>,
    client_token: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Output<'a> {
    id: &'a str,
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    message: &'a str,
}

/// The model's checks, by hand: `ResourceType` required and one of five values, `ResourceId`
/// 1..=200 of `[a-zA-Z0-9+*]`, `EventLogLevel` required and one of four, `ClientToken`
/// 1..=64 of `[a-zA-Z0-9=_-]`.
fn check(input: &Input) -> Result<(), &'static str> {
    match input.resource_type.as_deref() {
        Some("*" | "managed-thing" | "credential-locker" | "provisioning-profile" | "ota-task") => {
        }
        Some(_) => return Err("ResourceType does not match its pattern"),
        None => return Err("ResourceType is required"),
    }
    if let Some(id) = &input.resource_id {
        let n = id.chars().count();
        if !(1..=200).contains(&n)
            || !id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'*')
        {
            return Err("ResourceId is invalid");
        }
    }
    match input.event_log_level.as_deref() {
        Some("DEBUG" | "ERROR" | "INFO" | "WARN") => {}
        Some(_) => return Err("EventLogLevel is not a LogLevel"),
        None => return Err("EventLogLevel is required"),
    }
    if let Some(token) = &input.client_token {
        let n = token.chars().count();
        if !(1..=64).contains(&n)
            || !token
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'=' | b'_' | b'-'))
        {
            return Err("ClientToken is invalid");
        }
    }
    Ok(())
}

fn json(
    status: StatusCode,
    body: Vec<u8>,
    error_type: Option<&'static str>,
) -> Response<Full<Bytes>> {
    static REQUEST_IDS: AtomicU64 = AtomicU64::new(0);
    let id = REQUEST_IDS.fetch_add(1, Ordering::Relaxed);
    let mut builder = Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, "application/json")
        .header("x-amzn-requestid", format!("{id:032x}"));
    if let Some(t) = error_type {
        builder = builder.header("x-amzn-errortype", t);
    }
    builder
        .body(Full::new(Bytes::from(body)))
        .expect("static response parts are valid")
}

fn error(status: StatusCode, error_type: &'static str, message: &str) -> Response<Full<Bytes>> {
    let body = serde_json::to_vec(&ErrorBody { message }).unwrap_or_default();
    json(status, body, Some(error_type))
}

/// The handler: any `http_body` request body (hyper's `Incoming` on a socket, `Full` in the
/// micro-benchmarks).
pub async fn handle<B>(request: Request<B>) -> Result<Response<Full<Bytes>>, Infallible>
where
    B: Body,
{
    if request.uri().path() != PATH {
        return Ok(error(
            StatusCode::NOT_FOUND,
            "UnknownOperationException",
            "not found",
        ));
    }
    if request.method() != Method::POST {
        return Ok(error(
            StatusCode::METHOD_NOT_ALLOWED,
            "UnknownOperationException",
            "method not allowed",
        ));
    }
    let Ok(body) = request.into_body().collect().await else {
        return Ok(error(
            StatusCode::BAD_REQUEST,
            "SerializationException",
            "body",
        ));
    };
    let body = body.to_bytes();
    let input: Input = match serde_json::from_slice(&body) {
        Ok(input) => input,
        Err(_) => {
            return Ok(error(
                StatusCode::BAD_REQUEST,
                "SerializationException",
                "malformed JSON",
            ));
        }
    };
    if let Err(message) = check(&input) {
        return Ok(error(
            StatusCode::BAD_REQUEST,
            "ValidationException",
            message,
        ));
    }
    let body = serde_json::to_vec(&Output { id: ID }).unwrap_or_default();
    Ok(json(StatusCode::CREATED, body, None))
}

/// Accepts connections forever, one task per connection, HTTP/1.1 keep-alive.
pub async fn serve(listener: TcpListener) -> std::io::Result<()> {
    loop {
        let (stream, _) = listener.accept().await?;
        let _ = stream.set_nodelay(true);
        tokio::spawn(async move {
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service_fn(handle))
                .await;
        });
    }
}
