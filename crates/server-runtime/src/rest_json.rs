//! restJson1 protocol pieces: header checks, JSON decoding, and every response the framework
//! itself produces (success bodies, modeled errors, rejections).

use bytes::Bytes;
use http::header::{ACCEPT, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue};
use http::{Response, StatusCode};
use http_body_util::Full;
use serde::de::DeserializeOwned;
use smithygen_validation::Violation;

use crate::encode::ToJson;

/// The body type of every response the runtime builds. One buffered chunk: restJson1 bodies are
/// serialized whole. (An alias today; streaming `@httpPayload` blobs would need an enum body.)
pub type ResponseBody = Full<Bytes>;

/// `X-Amzn-Errortype`: the header clients read first to pick the error shape.
pub static X_AMZN_ERRORTYPE: HeaderName = HeaderName::from_static("x-amzn-errortype");
/// `x-amzn-requestid`: set on every response by the dispatcher.
pub static X_AMZN_REQUESTID: HeaderName = HeaderName::from_static("x-amzn-requestid");

const APPLICATION_JSON: HeaderValue = HeaderValue::from_static("application/json");

/// Facts about the service that the generic runtime needs, emitted once per service.
#[derive(Debug, Clone, Copy)]
pub struct ServiceShape {
    /// Smithy service shape name, e.g. `IotManagedIntegrations` (for logs).
    pub name: &'static str,
    /// Shape answered when a handler panics or the framework fails internally.
    pub internal_error: InternalErrorShape,
}

/// The error shape used for unmodeled server failures (HTTP 500).
#[derive(Debug, Clone, Copy)]
pub struct InternalErrorShape {
    /// Sent in `X-Amzn-Errortype`.
    pub name: &'static str,
    /// JSON member carrying the message, as the model names it (`Message` here); `None` sends `{}`.
    pub message_member: Option<&'static str>,
}

impl InternalErrorShape {
    /// What smithy-rs sends when the model has no `@error("server")` shape of its own.
    pub const FRAMEWORK_DEFAULT: InternalErrorShape = InternalErrorShape {
        name: "InternalFailureException",
        message_member: Some("message"),
    };
}

/// A modeled error structure: generated code implements this once per `@error` shape.
pub trait ModeledError: ToJson {
    /// The shape's name (sent in `X-Amzn-Errortype`).
    const SHAPE_NAME: &'static str;
    /// The `@httpError` status (or 400/500 from `@error("client"/"server")` when absent).
    const HTTP_STATUS: u16;

    /// Sets the members bound to headers (`@httpHeader`, `@httpPrefixHeaders`) on the
    /// response; the body carries the others.
    fn set_headers(&self, response: &mut Response<ResponseBody>) -> Result<(), Rejection> {
        let _ = response;
        Ok(())
    }
}

/// A request the framework refuses before (or instead of) reaching a handler.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rejection {
    /// 404, body `{}`.
    UnknownOperation,
    /// 405 (a known path with another method).
    MethodNotAllowed,
    /// 406.
    NotAcceptable,
    /// 415.
    UnsupportedMediaType,
    /// 413: body over the configured limit.
    PayloadTooLarge {
        /// The limit, in bytes.
        limit: usize,
    },
    /// 408: the body did not arrive within `ServerConfig::body_read_timeout`.
    RequestTimeout,
    /// 400: the body is not valid JSON for the input shape (syntax, wrong JSON type, invalid
    /// UTF-8, nesting deeper than serde_json's limit of 128, truncated body).
    Serialization(String),
    /// 500: an unmodeled failure (handler panic, output that cannot be serialized).
    /// The text is logged, never sent: it may carry internal details.
    Internal(String),
}

impl Rejection {
    /// HTTP status for this rejection.
    pub fn status(&self) -> StatusCode {
        match self {
            Rejection::UnknownOperation => StatusCode::NOT_FOUND,
            Rejection::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Rejection::NotAcceptable => StatusCode::NOT_ACCEPTABLE,
            Rejection::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Rejection::PayloadTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            Rejection::RequestTimeout => StatusCode::REQUEST_TIMEOUT,
            Rejection::Serialization(_) => StatusCode::BAD_REQUEST,
            Rejection::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// Render with the service's own internal-error shape for 500s.
    pub fn into_response(self, service: &ServiceShape) -> Response<ResponseBody> {
        let status = self.status();
        // Framework errors use the lowercase `message` member of smithy.framework shapes.
        let with_message = |m: &str| json_message_body("message", m);
        let (name, body) = match &self {
            // smithy-rs sends `{}` for unknown routes; the protocol tests check exactly that.
            Rejection::UnknownOperation | Rejection::MethodNotAllowed => {
                ("UnknownOperationException", Bytes::from_static(b"{}"))
            }
            Rejection::NotAcceptable => (
                "NotAcceptableException",
                with_message("Accept must allow application/json"),
            ),
            Rejection::UnsupportedMediaType => (
                "UnsupportedMediaTypeException",
                with_message("Content-Type must be application/json when a body is present"),
            ),
            Rejection::PayloadTooLarge { limit } => (
                "PayloadTooLargeException",
                with_message(&format!("Request body exceeds the limit of {limit} bytes")),
            ),
            Rejection::RequestTimeout => (
                "RequestTimeoutException",
                with_message("The request body was not received in time"),
            ),
            Rejection::Serialization(detail) => (
                "SerializationException",
                with_message(&format!("Failed to parse request body: {detail}")),
            ),
            Rejection::Internal(_) => {
                let shape = service.internal_error;
                let body = match shape.message_member {
                    Some(member) => json_message_body(member, "Internal server error"),
                    None => Bytes::from_static(b"{}"),
                };
                (shape.name, body)
            }
        };
        error_response(status, name, body)
    }
}

fn json_message_body(member: &str, message: &str) -> Bytes {
    let mut map = serde_json::Map::with_capacity(1);
    map.insert(
        member.to_owned(),
        serde_json::Value::String(message.to_owned()),
    );
    Bytes::from(serde_json::Value::Object(map).to_string())
}

/// An error response: status, `X-Amzn-Errortype`, `Content-Type: application/json`, body.
pub fn error_response(status: StatusCode, shape_name: &str, body: Bytes) -> Response<ResponseBody> {
    let mut response = Response::new(Full::new(body));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, APPLICATION_JSON);
    if let Ok(v) = HeaderValue::from_str(shape_name) {
        headers.insert(X_AMZN_ERRORTYPE.clone(), v);
    }
    response
}

/// The response for a modeled error: its status, its name, its members as JSON.
pub fn modeled_error_response<E: ModeledError>(
    error: &E,
) -> Result<Response<ResponseBody>, Rejection> {
    let body =
        serde_json::to_vec(&error.to_json()).map_err(|e| Rejection::Internal(e.to_string()))?;
    let status = StatusCode::from_u16(E::HTTP_STATUS)
        .map_err(|_| Rejection::Internal(format!("invalid @httpError {}", E::HTTP_STATUS)))?;
    let mut response = error_response(status, E::SHAPE_NAME, Bytes::from(body));
    error.set_headers(&mut response)?;
    Ok(response)
}

/// The 400 answered for constraint violations when the operation does not list a
/// `ValidationException` of its own: the shape of `smithy.framework#ValidationException`,
/// `{"message": ..., "fieldList": [{"path": ..., "message": ...}]}`.
pub fn framework_validation_response(violations: &[Violation]) -> Response<ResponseBody> {
    let fields: Vec<serde_json::Value> = violations
        .iter()
        .map(|v| serde_json::json!({ "path": v.path, "message": v.message }))
        .collect();
    let body = serde_json::json!({
        "message": smithygen_validation::message(violations),
        "fieldList": fields,
    });
    error_response(
        StatusCode::BAD_REQUEST,
        "ValidationException",
        Bytes::from(body.to_string()),
    )
}

/// A success response whose body is the output's body members.
pub fn json_members_response(
    status: u16,
    body: crate::encode::ResponseMembers,
) -> Result<Response<ResponseBody>, Rejection> {
    let body = body
        .to_vec()
        .map_err(|e| Rejection::Internal(e.to_string()))?;
    json_bytes_response(status, body)
}

/// A success response with a JSON body (the output's payload members).
pub fn json_response(
    status: u16,
    body: serde_json::Value,
) -> Result<Response<ResponseBody>, Rejection> {
    // `to_vec` rather than `to_string`: the `Display` route goes through `fmt` and a growing
    // `String`, measurably slower on every response.
    let body = serde_json::to_vec(&body).map_err(|e| Rejection::Internal(e.to_string()))?;
    json_bytes_response(status, body)
}

fn json_bytes_response(status: u16, body: Vec<u8>) -> Result<Response<ResponseBody>, Rejection> {
    let mut response = Response::new(Full::new(Bytes::from(body)));
    *response.status_mut() = StatusCode::from_u16(status)
        .map_err(|_| Rejection::Internal(format!("invalid @http code {status}")))?;
    response
        .headers_mut()
        .insert(CONTENT_TYPE, APPLICATION_JSON);
    Ok(response)
}

/// 406 unless `Accept` is absent or allows JSON (`application/json`, `application/*`, `*/*`,
/// any of them with parameters such as `q=`). Media types compare case-insensitively.
pub fn check_accept(headers: &HeaderMap) -> Result<(), Rejection> {
    let mut values = headers.get_all(ACCEPT).iter().peekable();
    if values.peek().is_none() {
        return Ok(());
    }
    for value in values {
        let Ok(text) = value.to_str() else { continue };
        if text.trim().is_empty() {
            return Ok(());
        }
        for range in text.split(',') {
            let media = range.split(';').next().unwrap_or("").trim();
            if ["application/json", "application/*", "*/*"]
                .iter()
                .any(|ok| media.eq_ignore_ascii_case(ok))
            {
                return Ok(());
            }
        }
    }
    Err(Rejection::NotAcceptable)
}

/// 415 if a `Content-Type` other than `application/json` (parameters such as `charset` allowed)
/// is sent, or if a non-empty body comes without any `Content-Type`. An empty body with no
/// content type is fine: restJson1 treats it as `{}`.
pub fn check_json_content_type(headers: &HeaderMap, body: &[u8]) -> Result<(), Rejection> {
    match headers.get(CONTENT_TYPE) {
        None if body.is_empty() => Ok(()),
        None => Err(Rejection::UnsupportedMediaType),
        // The common exact value first: it is valid text without parameters or spaces, so the
        // general route below would accept it too.
        Some(v) if v.as_bytes().eq_ignore_ascii_case(b"application/json") => Ok(()),
        Some(v) => {
            // A byte scan rather than `split(';')` or `find(';')` (each ~150 instructions for
            // a 16-byte value): this runs on every request.
            let media = v
                .to_str()
                .ok()
                .map(|s| s.bytes().position(|b| b == b';').map_or(s, |end| &s[..end]))
                .map(str::trim)
                .unwrap_or("");
            if media.eq_ignore_ascii_case("application/json") {
                Ok(())
            } else {
                Err(Rejection::UnsupportedMediaType)
            }
        }
    }
}

/// Content-type check plus decode of a JSON document body into the operation's wire struct.
/// An empty body decodes as `{}` (restJson1: all members absent).
pub fn decode_json_body<T: DeserializeOwned>(
    headers: &HeaderMap,
    body: &[u8],
) -> Result<T, Rejection> {
    check_json_content_type(headers, body)?;
    let body: &[u8] = if body.is_empty() { b"{}" } else { body };
    check_json_depth(body, MAX_JSON_DEPTH)?;
    serde_json::from_slice(body).map_err(|e| Rejection::Serialization(e.to_string()))
}

/// Deepest array/object nesting accepted anywhere in a request document.
///
/// serde_json already stops at 128 levels inside modeled members, but it skips unknown members
/// iteratively with no limit; this scan makes the rule uniform ("deeper than 128 is a 400"),
/// wherever the nesting is. One linear pass, no allocation.
pub const MAX_JSON_DEPTH: usize = 128;

/// Reject documents nested deeper than `max` (strings and escapes are skipped correctly; syntax
/// errors are left for the parser to report).
pub fn check_json_depth(body: &[u8], max: usize) -> Result<(), Rejection> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for &b in body {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > max {
                    return Err(Rejection::Serialization(format!(
                        "JSON nested deeper than {max} levels"
                    )));
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn accept_rules() {
        assert!(check_accept(&headers(&[])).is_ok());
        for ok in [
            "*/*",
            "application/*",
            "application/json",
            "Application/JSON; q=0.5",
            "text/html, application/json",
            "",
        ] {
            assert!(check_accept(&headers(&[("accept", ok)])).is_ok(), "{ok}");
        }
        for bad in ["text/html", "application/xml", "application/jsonx"] {
            assert_eq!(
                check_accept(&headers(&[("accept", bad)])),
                Err(Rejection::NotAcceptable),
                "{bad}"
            );
        }
    }

    #[test]
    fn content_type_rules() {
        assert!(check_json_content_type(&headers(&[]), b"").is_ok());
        assert!(check_json_content_type(&headers(&[]), b"{}").is_err());
        assert!(
            check_json_content_type(
                &headers(&[("content-type", "application/json; charset=utf-8")]),
                b"{}"
            )
            .is_ok()
        );
        assert!(
            check_json_content_type(&headers(&[("content-type", "text/plain")]), b"{}").is_err()
        );
        assert!(
            check_json_content_type(&headers(&[("content-type", "application/jsonp")]), b"")
                .is_err()
        );
    }

    #[test]
    fn decode_maps_serde_errors() {
        type W = std::collections::HashMap<String, String>;
        let h = headers(&[("content-type", "application/json")]);
        assert!(decode_json_body::<W>(&h, b"").is_ok());
        assert!(matches!(
            decode_json_body::<W>(&h, b"{\"a\":1}"),
            Err(Rejection::Serialization(_))
        ));
        assert!(matches!(
            decode_json_body::<W>(&h, b"{"),
            Err(Rejection::Serialization(_))
        ));
        // Deep nesting in an unknown member: serde_json alone would accept it; the scan does not.
        // IgnoredAny skips values iteratively, exactly like unknown members in generated code.
        type Any = serde::de::IgnoredAny;
        let deep = format!("{{\"x\":{}{}}}", "[".repeat(500), "]".repeat(500));
        assert!(matches!(
            decode_json_body::<Any>(&h, deep.as_bytes()),
            Err(Rejection::Serialization(_))
        ));
        // Exactly at the limit is fine (the object itself is level 1).
        let at_limit = format!("{{\"x\":{}{}}}", "[".repeat(127), "]".repeat(127));
        assert!(decode_json_body::<Any>(&h, at_limit.as_bytes()).is_ok());
        // Brackets inside strings (and escaped quotes) do not count.
        let in_string = format!("{{\"a\":\"\\\"{}\"}}", "[".repeat(500));
        assert!(
            decode_json_body::<Any>(&h, in_string.as_bytes()).is_ok(),
            "{in_string}"
        );
    }

    #[test]
    fn error_response_headers() {
        let svc = ServiceShape {
            name: "S",
            internal_error: InternalErrorShape {
                name: "InternalServerException",
                message_member: Some("Message"),
            },
        };
        let r = Rejection::Internal("boom secret".into()).into_response(&svc);
        assert_eq!(r.status(), 500);
        assert_eq!(r.headers()[&X_AMZN_ERRORTYPE], "InternalServerException");
        assert_eq!(r.headers()[CONTENT_TYPE], "application/json");
        let r = Rejection::UnknownOperation.into_response(&svc);
        assert_eq!(r.status(), 404);
        assert_eq!(r.headers()[&X_AMZN_ERRORTYPE], "UnknownOperationException");
    }
}
