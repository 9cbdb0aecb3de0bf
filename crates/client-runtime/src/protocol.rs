//! restJson1 pieces: JSON bodies, error-metadata parsing and the generic
//! response deserializer the generated per-operation code plugs into.

use crate::error::{BoxError, CreateUnhandledError, ErrorMetadata};
use aws_smithy_runtime_api::client::orchestrator::OrchestratorError;
use aws_types::request_id::RequestId;
use serde::de::DeserializeOwned;

/// The response type error decoders read headers from.
pub use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
pub use serde_json::Value as JsonValue;

/// The request id of a response (`x-amzn-RequestId`, else `x-amz-request-id`).
pub fn request_id(response: &HttpResponse) -> Option<String> {
    response.headers().request_id().map(str::to_owned)
}

/// Sanitizes an error code per restJson1: cut at the first `:`, then keep what follows the
/// last `#` (`aws.foo#BarException:http://...` -> `BarException`).
pub fn sanitize_error_code(code: &str) -> &str {
    let code = code.split(':').next().unwrap_or(code);
    code.rsplit('#').next().unwrap_or(code)
}

fn body_bytes(response: &HttpResponse) -> &[u8] {
    response.body().bytes().unwrap_or_default()
}

fn parse_json_value(bytes: &[u8]) -> Result<JsonValue, serde_json::Error> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        // An empty body is an empty object (the official clients do the same).
        Ok(JsonValue::Object(Default::default()))
    } else {
        serde_json::from_slice(bytes)
    }
}

/// A restJson1 body (output or error) must be a JSON object. Without this check serde's
/// derived `Deserialize` would accept an array as the struct's fields in order (`["x"]`
/// would decode as `Id = "x"`); the official client rejects anything but an object.
pub(crate) fn parse_json_object(bytes: &[u8]) -> Result<JsonValue, serde_json::Error> {
    let value = parse_json_value(bytes)?;
    if value.is_object() {
        Ok(value)
    } else {
        Err(serde::de::Error::custom(format!(
            "expected a JSON object, found {}",
            match value {
                JsonValue::Null => "null",
                JsonValue::Bool(_) => "a boolean",
                JsonValue::Number(_) => "a number",
                JsonValue::String(_) => "a string",
                JsonValue::Array(_) => "an array",
                JsonValue::Object(_) => "an object",
            }
        )))
    }
}

/// Error metadata from an error response:
/// code from `X-Amzn-Errortype`, else body `code`, else body `__type` (sanitized);
/// message from body `Message`, else `message`, else `errorMessage`;
/// request id from `x-amzn-RequestId` / `x-amz-request-id`.
///
/// Returns the metadata together with the parsed body, or — when the body is not JSON —
/// the parse error together with whatever metadata the headers alone gave (a header code is
/// kept; the official client drops it in that case).
pub fn parse_error_metadata(
    response: &HttpResponse,
) -> Result<(ErrorMetadata, JsonValue), (BoxError, ErrorMetadata)> {
    let header_code = response.headers().get("x-amzn-errortype");
    let base = || {
        let mut builder = ErrorMetadata::builder();
        if let Some(code) = header_code {
            builder = builder.code(sanitize_error_code(code));
        }
        aws_types::request_id::apply_request_id(builder, response.headers())
    };
    let body = match parse_json_object(body_bytes(response)) {
        Ok(body) => body,
        Err(e) => {
            let err: BoxError = format!(
                "failed to parse the error response body as JSON (HTTP {}): {e}",
                response.status().as_u16()
            )
            .into();
            return Err((err, base().build()));
        }
    };
    let str_field = |name: &str| body.get(name).and_then(JsonValue::as_str);
    let mut builder = base();
    if header_code.is_none()
        && let Some(code) = str_field("code").or_else(|| str_field("__type"))
    {
        builder = builder.code(sanitize_error_code(code));
    }
    if let Some(message) = str_field("Message")
        .or_else(|| str_field("message"))
        .or_else(|| str_field("errorMessage"))
    {
        builder = builder.message(message);
    }
    Ok((builder.build(), body))
}

/// Decodes one modeled error's body (generated code then builds the error with its
/// metadata). A member of the wrong JSON type is an error the caller turns into the
/// operation's `Unhandled` (code and message kept), never a panic. Generic over the body type
/// only, so each error shape is compiled once, not once per operation that can return it.
pub fn decode_error_body<B: DeserializeOwned>(body: JsonValue) -> Result<B, BoxError> {
    serde_json::from_value::<B>(body)
        .map_err(|e| format!("failed to decode the modeled error body: {e}").into())
}

/// The generic restJson1 response deserializer.
///
/// * any 2xx: parse the body as `B` (empty body = `{}`; unknown keys ignored; `null` = unset)
///   and hand it to `success`; a malformed body becomes `E`'s `Unhandled` (a `ServiceError`);
/// * otherwise: parse the error metadata and let `error` dispatch on the code; a body that is
///   not JSON becomes `Unhandled`.
pub fn deserialize_response<B, O, E>(
    response: &HttpResponse,
    success: impl FnOnce(B, &HttpResponse) -> O,
    error: impl FnOnce(ErrorMetadata, JsonValue) -> E,
) -> Result<O, OrchestratorError<E>>
where
    B: DeserializeOwned,
    E: CreateUnhandledError + std::error::Error + std::fmt::Debug,
{
    if response.status().is_success() {
        let parsed = parse_json_object(body_bytes(response))
            .and_then(serde_json::from_value::<B>)
            .map_err(|e| {
                let meta = aws_types::request_id::apply_request_id(
                    ErrorMetadata::builder(),
                    response.headers(),
                )
                .build();
                OrchestratorError::operation(E::create_unhandled_error(
                    format!("failed to decode the response body: {e}").into(),
                    Some(meta),
                ))
            })?;
        Ok(success(parsed, response))
    } else {
        Err(OrchestratorError::operation(
            match parse_error_metadata(response) {
                Ok((meta, body)) => error(meta, body),
                Err((source, meta)) => E::create_unhandled_error(source, Some(meta)),
            },
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::sanitize_error_code as s;

    #[test]
    fn bodies_must_be_objects() {
        for body in ["[]", "[\"x\"]", "null", "\"x\"", "5", "true"] {
            let err = super::parse_json_object(body.as_bytes()).unwrap_err();
            assert!(
                err.to_string().starts_with("expected a JSON object"),
                "{body}: {err}"
            );
        }
        assert!(super::parse_json_object(b"").unwrap().is_object());
        assert!(super::parse_json_object(b" {} ").unwrap().is_object());
    }

    #[test]
    fn sanitize() {
        assert_eq!(
            s("ValidationException:http://internal.amazon.com/x"),
            "ValidationException"
        );
        assert_eq!(
            s("com.amazonaws.iotmanagedintegrations#ConflictException"),
            "ConflictException"
        );
        assert_eq!(s("aws.protocoltests#Foo:http://a#b"), "Foo");
        assert_eq!(s("Plain"), "Plain");
    }
}
