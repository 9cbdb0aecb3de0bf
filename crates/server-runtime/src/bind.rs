//! HTTP bindings: `@httpLabel`, `@httpQuery`, `@httpQueryParams`, `@httpHeader` and
//! `@httpPrefixHeaders` values as text, parsed into their member types. A value that does not
//! parse is a 400 `SerializationException`.

use aws_smithy_types::date_time::Format;
use aws_smithy_types::{Blob, DateTime};
use bytes::Bytes;
use http::header::{CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue};
use http::{Response, StatusCode, Uri};
use http_body_util::Full;
use smithygen_validation::Path;

use crate::rest_json::{Rejection, ResponseBody};
use crate::routing::percent_decode;

fn bad(path: &Path<'_>, expected: &str) -> Rejection {
    Rejection::Serialization(format!("expected {expected} at '{}'", path.to_pointer()))
}

/// The query string's `key=value` pairs, percent-decoded, in order (`flag` gives `("flag", "")`).
pub fn query_pairs(uri: &Uri) -> Result<Vec<(String, String)>, Rejection> {
    let Some(query) = uri.query() else {
        return Ok(Vec::new());
    };
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            match (percent_decode(k), percent_decode(v)) {
                (Some(k), Some(v)) => Ok((k, v)),
                _ => Err(Rejection::Serialization(format!(
                    "malformed query parameter `{pair}`"
                ))),
            }
        })
        .collect()
}

/// The first value of query parameter `key`.
pub fn query_first(pairs: &[(String, String)], key: &str) -> Option<String> {
    pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone())
}

/// Every value of query parameter `key` (a list member), `None` when there is none.
pub fn query_all(pairs: &[(String, String)], key: &str) -> Option<Vec<String>> {
    let values: Vec<String> = pairs
        .iter()
        .filter(|(k, _)| k == key)
        .map(|(_, v)| v.clone())
        .collect();
    (!values.is_empty()).then_some(values)
}

/// All query parameters as a map to their first value (`@httpQueryParams` of strings).
pub fn query_params(pairs: &[(String, String)]) -> Option<Vec<(String, String)>> {
    let mut seen = std::collections::BTreeMap::new();
    for (k, v) in pairs {
        seen.entry(k.clone()).or_insert_with(|| v.clone());
    }
    (!seen.is_empty()).then(|| seen.into_iter().collect())
}

/// All query parameters as a map to all their values (`@httpQueryParams` of string lists).
pub fn query_params_all(pairs: &[(String, String)]) -> Option<Vec<(String, Vec<String>)>> {
    let mut seen: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for (k, v) in pairs {
        seen.entry(k.clone()).or_default().push(v.clone());
    }
    (!seen.is_empty()).then(|| seen.into_iter().collect())
}

/// A header's value (several occurrences are joined with `, `, as HTTP allows).
pub fn header(headers: &HeaderMap, name: &str) -> Result<Option<String>, Rejection> {
    let mut values = headers.get_all(name).iter().peekable();
    if values.peek().is_none() {
        return Ok(None);
    }
    let mut out = Vec::new();
    for v in values {
        out.push(
            v.to_str()
                .map_err(|_| Rejection::Serialization(format!("header `{name}` is not text")))?,
        );
    }
    Ok(Some(out.join(", ")))
}

/// A list header: comma-separated items, trimmed; double-quoted items keep their commas.
pub fn header_list(headers: &HeaderMap, name: &str) -> Result<Option<Vec<String>>, Rejection> {
    let Some(text) = header(headers, name)? else {
        return Ok(None);
    };
    Ok(Some(smithygen_text::split_list(&text)))
}

/// A list header of http-date timestamps (each date holds a comma: the items pair up).
pub fn header_date_list(headers: &HeaderMap, name: &str) -> Result<Option<Vec<String>>, Rejection> {
    Ok(header_list(headers, name)?.map(smithygen_text::pair_dates))
}

/// A list header's value: items joined with `", "`, an item holding a comma or a double quote
/// written as a quoted string.
pub fn join_header_list(items: impl IntoIterator<Item = String>) -> String {
    smithygen_text::join_list(items, true)
}

/// `@httpPrefixHeaders`: every header starting with `prefix` (case-insensitive), keyed by the
/// rest of its name.
pub fn prefix_headers(
    headers: &HeaderMap,
    prefix: &str,
) -> Result<Option<Vec<(String, String)>>, Rejection> {
    let prefix = prefix.to_ascii_lowercase();
    let mut out = Vec::new();
    for name in headers.keys() {
        if let Some(rest) = name.as_str().strip_prefix(&prefix)
            && let Some(value) = header(headers, name.as_str())?
        {
            out.push((rest.to_owned(), value));
        }
    }
    Ok((!out.is_empty()).then_some(out))
}

/// `true` or `false` from a label, query value or header.
pub fn parse_bool(text: &str, path: &Path<'_>) -> Result<bool, Rejection> {
    match text {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err(bad(path, "true or false")),
    }
}

/// An integer from a label, query value or header; out of range is a bad value.
pub fn parse_int<T: std::str::FromStr>(text: &str, path: &Path<'_>) -> Result<T, Rejection> {
    text.parse().map_err(|_| bad(path, "an integer in range"))
}

/// A double from a label, query value or header (see [`smithygen_text::parse_float`]).
pub fn parse_double(text: &str, path: &Path<'_>) -> Result<f64, Rejection> {
    smithygen_text::parse_float(text).ok_or_else(|| bad(path, "a number"))
}

/// A float from a label, query value or header (see [`smithygen_text::parse_float`]).
pub fn parse_float(text: &str, path: &Path<'_>) -> Result<f32, Rejection> {
    parse_double(text, path).map(|f| f as f32)
}

/// A `bigInteger` or `bigDecimal` from a label, query value or header (decimal text).
pub fn parse_big<T: std::str::FromStr>(text: &str, path: &Path<'_>) -> Result<T, Rejection> {
    text.trim().parse().map_err(|_| bad(path, "a number"))
}

/// A float or double for a header: `NaN`, `Infinity`, `-Infinity`, or the number in the
/// shortest form of its own type.
pub fn float_text<T: Copy + Into<f64> + std::fmt::Display>(value: T) -> String {
    smithygen_text::float_text(value)
}

/// A timestamp from a label, query value or header, in `format`.
pub fn parse_timestamp(text: &str, path: &Path<'_>, format: Format) -> Result<DateTime, Rejection> {
    DateTime::from_str(text, format).map_err(|_| bad(path, "a timestamp"))
}

/// A blob in a header or query: base64.
pub fn parse_blob(text: &str, path: &Path<'_>) -> Result<Blob, Rejection> {
    aws_smithy_types::base64::decode(text)
        .map(Blob::new)
        .map_err(|_| bad(path, "base64 text"))
}

/// Text of a timestamp in a header (`http-date` by default) or any other format.
pub fn timestamp_text(t: &DateTime, format: Format) -> Result<String, Rejection> {
    t.fmt(format)
        .map_err(|e| Rejection::Internal(format!("timestamp out of range: {e}")))
}

/// Set an output `@httpHeader`.
pub fn set_header(
    response: &mut Response<ResponseBody>,
    name: &'static str,
    value: &str,
) -> Result<(), Rejection> {
    let value = HeaderValue::from_str(value)
        .map_err(|_| Rejection::Internal(format!("header `{name}` value is not valid")))?;
    response
        .headers_mut()
        .append(HeaderName::from_static(name), value);
    Ok(())
}

/// Set every entry of an output `@httpPrefixHeaders` map.
pub fn set_prefix_headers<'a>(
    response: &mut Response<ResponseBody>,
    prefix: &str,
    entries: impl IntoIterator<Item = (&'a String, &'a String)>,
) -> Result<(), Rejection> {
    for (k, v) in entries {
        let name = HeaderName::try_from(format!("{prefix}{k}"))
            .map_err(|_| Rejection::Internal(format!("invalid header name `{prefix}{k}`")))?;
        let value = HeaderValue::from_str(v)
            .map_err(|_| Rejection::Internal(format!("header `{name}` value is not valid")))?;
        response.headers_mut().append(name, value);
    }
    Ok(())
}

/// Replace the status with an output `@httpResponseCode` member.
pub fn set_status(response: &mut Response<ResponseBody>, code: i32) -> Result<(), Rejection> {
    *response.status_mut() = u16::try_from(code)
        .ok()
        .and_then(|c| StatusCode::from_u16(c).ok())
        .ok_or_else(|| Rejection::Internal(format!("invalid @httpResponseCode {code}")))?;
    Ok(())
}

/// A success response whose body is an `@httpPayload` blob or string.
pub fn payload_response(
    status: u16,
    content_type: &'static str,
    body: Bytes,
) -> Result<Response<ResponseBody>, Rejection> {
    let mut response = Response::new(Full::new(body));
    *response.status_mut() = StatusCode::from_u16(status)
        .map_err(|_| Rejection::Internal(format!("invalid @http code {status}")))?;
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    Ok(response)
}

/// A success response without a body (an operation without output).
pub fn empty_response(status: u16) -> Result<Response<ResponseBody>, Rejection> {
    let mut response = Response::new(Full::new(Bytes::new()));
    *response.status_mut() = StatusCode::from_u16(status)
        .map_err(|_| Rejection::Internal(format!("invalid @http code {status}")))?;
    Ok(response)
}

/// The body of an `@httpPayload` string.
pub fn payload_text(body: &Bytes) -> Result<String, Rejection> {
    String::from_utf8(body.to_vec())
        .map_err(|_| Rejection::Serialization("the payload is not UTF-8 text".into()))
}

/// What generated code answers for a binding or type the generator does not handle yet: a 500
/// naming it (logged, never sent), rather than a wrong answer.
pub fn unsupported<T>(what: &str) -> Result<Option<T>, Rejection> {
    Err(Rejection::Internal(what.to_owned()))
}

/// A text value as-is (a uniform call for generated code).
pub fn string(value: String, _path: &Path<'_>) -> String {
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_and_headers() {
        let uri: Uri = "/x?a=1&b=x%20y&a=2&flag".parse().unwrap();
        let pairs = query_pairs(&uri).unwrap();
        assert_eq!(query_first(&pairs, "a").as_deref(), Some("1"));
        assert_eq!(query_all(&pairs, "a").unwrap(), ["1", "2"]);
        assert_eq!(query_first(&pairs, "b").as_deref(), Some("x y"));
        assert_eq!(query_first(&pairs, "flag").as_deref(), Some(""));
        assert!(query_pairs(&"/x?a=%zz".parse().unwrap()).is_err());
        let mut h = HeaderMap::new();
        h.append("x-list", HeaderValue::from_static("a, \"b,c\""));
        h.append("x-list", HeaderValue::from_static("d"));
        h.append("x-meta-one", HeaderValue::from_static("1"));
        assert_eq!(
            header_list(&h, "x-list").unwrap().unwrap(),
            ["a", "b,c", "d"]
        );
        assert_eq!(
            prefix_headers(&h, "X-Meta-").unwrap().unwrap(),
            [("one".to_owned(), "1".to_owned())]
        );
        let root = Path::root();
        assert!(parse_bool("yes", &root).is_err());
        assert_eq!(parse_int::<i16>("-3", &root).unwrap(), -3);
        assert!(parse_int::<i8>("300", &root).is_err());
    }

    #[test]
    fn special_floats_and_big_numbers_as_text() {
        assert_eq!(float_text(f64::NAN), "NaN");
        assert_eq!(float_text(f32::INFINITY), "Infinity");
        assert_eq!(float_text(f64::NEG_INFINITY), "-Infinity");
        assert_eq!(float_text(0.1f64), "0.1");
        assert_eq!(float_text(1.1f32), "1.1");
        let root = Path::root();
        assert!(parse_double("NaN", &root).unwrap().is_nan());
        assert_eq!(parse_float("-Infinity", &root).unwrap(), f32::NEG_INFINITY);
        let big: aws_smithy_types::BigInteger =
            parse_big("123456789012345678901234567890", &root).unwrap();
        assert_eq!(big.as_ref(), "123456789012345678901234567890");
        let dec: aws_smithy_types::BigDecimal = parse_big("-1.25e3", &root).unwrap();
        assert_eq!(dec.as_ref(), "-1.25e3");
        assert!(parse_big::<aws_smithy_types::BigInteger>("1.5", &root).is_err());
    }
}
