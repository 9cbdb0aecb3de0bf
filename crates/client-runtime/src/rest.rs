//! restJson1 HTTP bindings for generated code: building a request from labels, query
//! parameters, headers and a body; reading headers and bodies back; and the serde wire forms
//! of timestamps, blobs and documents.
//!
//! Generated serializers call these with values already formatted as strings, so every
//! shape-specific decision stays in the generated crate.

use crate::error::{BoxError, CreateUnhandledError, ErrorMetadata};
use crate::protocol::JsonValue;
use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, HttpResponse, OrchestratorError};
use aws_smithy_types::body::SdkBody;
use aws_smithy_types::date_time::Format;
use aws_smithy_types::{Blob, DateTime, Document, Number};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::HashMap;

/// Percent-encodes everything except RFC 3986 unreserved characters (and `/` when `keep_slash`).
pub fn percent_encode(value: &str, keep_slash: bool) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'.' | b'_' | b'~')
            || (keep_slash && b == b'/')
        {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A request under construction: path segments, query, headers, body.
#[derive(Debug)]
pub struct RequestBuilder {
    method: &'static str,
    path: String,
    query: Vec<String>,
    headers: Vec<(String, String)>,
    body: SdkBody,
    content_type: Option<String>,
}

impl RequestBuilder {
    /// A request with `method`, the root path and no body.
    pub fn new(method: &'static str) -> Self {
        Self {
            method,
            path: String::new(),
            query: Vec::new(),
            headers: Vec::new(),
            body: SdkBody::empty(),
            content_type: None,
        }
    }

    /// Appends a literal path segment (taken from the model, already URI-safe).
    pub fn literal(&mut self, segment: &str) {
        self.path.push('/');
        self.path.push_str(segment);
    }

    /// Appends an `@httpLabel` segment, percent-encoded (a greedy label keeps `/`). An empty
    /// label fails before sending, as in the official SDKs (see also [`missing_label`]).
    pub fn label(
        &mut self,
        member: &str,
        value: impl AsRef<str>,
        greedy: bool,
    ) -> Result<(), BoxError> {
        let value = value.as_ref();
        if value.is_empty() {
            return Err(missing_label(member));
        }
        self.path.push('/');
        self.path.push_str(&percent_encode(value, greedy));
        Ok(())
    }

    /// Adds a literal query part from the URI template (`?flag` or `?key=value`).
    pub fn literal_query(&mut self, part: &str) {
        self.query.push(part.to_owned());
    }

    /// Adds one `@httpQuery` parameter (call once per list element).
    pub fn query(&mut self, key: impl AsRef<str>, value: impl AsRef<str>) {
        self.query.push(format!(
            "{}={}",
            percent_encode(key.as_ref(), false),
            percent_encode(value.as_ref(), false)
        ));
    }

    /// Sets an `@httpHeader`.
    pub fn header(&mut self, name: impl Into<String>, value: impl AsRef<str>) {
        self.headers.push((name.into(), value.as_ref().to_owned()));
    }

    /// Sets a JSON body.
    pub fn json_body(&mut self, body: &impl Serialize) -> Result<(), BoxError> {
        self.body = SdkBody::from(serde_json::to_vec(body)?);
        self.content_type = Some("application/json".into());
        Ok(())
    }

    /// Sets a raw body with its content type.
    pub fn body(&mut self, body: SdkBody, content_type: &str) {
        self.body = body;
        self.content_type = Some(content_type.to_owned());
    }

    /// The finished request (relative URI; the endpoint is merged in by the orchestrator).
    pub fn build(self) -> Result<HttpRequest, BoxError> {
        let mut uri = if self.path.is_empty() {
            "/".to_owned()
        } else {
            self.path
        };
        if !self.query.is_empty() {
            uri.push('?');
            uri.push_str(&self.query.join("&"));
        }
        let length = self.body.content_length();
        let mut request = HttpRequest::new(self.body);
        request.set_method(self.method)?;
        request.set_uri(uri)?;
        let headers = request.headers_mut();
        if let Some(ct) = self.content_type {
            headers.try_insert("content-type", ct)?;
            if let Some(n) = length {
                headers.try_insert("content-length", n.to_string())?;
            }
        }
        for (name, value) in self.headers {
            headers.try_append(name, value)?;
        }
        Ok(request)
    }
}

/// The error for an unset `@httpLabel` member.
pub fn missing_label(member: &str) -> BoxError {
    format!("the path label `{member}` must be set and non-empty").into()
}

/// The error for a binding this generator does not support yet (reported, never guessed).
pub fn unsupported<T>(what: &str) -> Result<T, BoxError> {
    Err(format!("not supported by this generated client: {what}").into())
}

/// Formats a timestamp for a label, query parameter or header. A date outside the format's
/// range (years beyond 9999) falls back to epoch seconds.
pub fn fmt_timestamp(value: &DateTime, format: Format) -> String {
    value
        .fmt(format)
        .unwrap_or_else(|_| value.secs().to_string())
}

/// Parses a timestamp from a header.
pub fn parse_timestamp(value: &str, format: Format) -> Result<DateTime, BoxError> {
    Ok(DateTime::from_str(value.trim(), format)?)
}

/// The value of a response header, if present.
pub fn header<'a>(response: &'a HttpResponse, name: &str) -> Option<&'a str> {
    response.headers().get(name)
}

/// Parses a response header with `FromStr`.
pub fn parse_header<T>(response: &HttpResponse, name: &str) -> Result<Option<T>, BoxError>
where
    T: std::str::FromStr,
    T::Err: std::fmt::Display,
{
    header(response, name)
        .map(|v| {
            v.trim()
                .parse::<T>()
                .map_err(|e| format!("header `{name}`: {e}").into())
        })
        .transpose()
}

/// A list response header as its items: comma-separated, trimmed, double-quoted items keep
/// their commas (every occurrence of the header, in order).
pub fn header_list(response: &HttpResponse, name: &str) -> Option<Vec<String>> {
    let values: Vec<String> = response
        .headers()
        .get_all(name)
        .flat_map(smithygen_text::split_list)
        .collect();
    (!values.is_empty()).then_some(values)
}

/// A list header of timestamps: http-dates hold a comma each (`Mon, 16 Dec 2019 ...`), so
/// their items pair up; other formats split as usual.
pub fn parse_timestamp_list(
    response: &HttpResponse,
    name: &str,
    format: Format,
) -> Result<Option<Vec<DateTime>>, BoxError> {
    let Some(items) = header_list(response, name) else {
        return Ok(None);
    };
    let texts = if format == Format::HttpDate {
        smithygen_text::pair_dates(items)
    } else {
        items
    };
    texts
        .iter()
        .map(|t| parse_timestamp(t, format))
        .collect::<Result<Vec<_>, _>>()
        .map(Some)
}

/// A list header's value: items joined with `", "`; with `quote`, an item holding a comma or a
/// double quote is sent as a quoted string, as Smithy's restJson1 requires for string lists.
pub fn join_header_list<S: AsRef<str>>(items: impl IntoIterator<Item = S>, quote: bool) -> String {
    smithygen_text::join_list(items, quote)
}

/// Response headers whose name starts with `prefix` (lowercase), keyed by the rest of the name.
pub fn prefix_headers(response: &HttpResponse, prefix: &str) -> Option<HashMap<String, String>> {
    let prefix = prefix.to_ascii_lowercase();
    let map: HashMap<String, String> = response
        .headers()
        .iter()
        .filter_map(|(k, v)| Some((k.strip_prefix(prefix.as_str())?.to_owned(), v.to_owned())))
        .collect();
    (!map.is_empty()).then_some(map)
}

/// The buffered response body.
pub fn body_bytes(response: &HttpResponse) -> &[u8] {
    response.body().bytes().unwrap_or_default()
}

/// The response body as JSON (an empty body reads as `{}`; anything but an object is an
/// error, as in the official client).
pub fn json_body<B: DeserializeOwned>(response: &HttpResponse) -> Result<B, BoxError> {
    let value = crate::protocol::parse_json_object(body_bytes(response))?;
    Ok(serde_json::from_value(value)?)
}

/// Like [`crate::protocol::deserialize_response`], but the success branch reads the whole
/// response (headers, payload, status) itself; its error becomes the operation's `Unhandled`.
pub fn deserialize_response<O, E>(
    response: &HttpResponse,
    success: impl FnOnce(&HttpResponse) -> Result<O, BoxError>,
    error: impl FnOnce(ErrorMetadata, JsonValue, &HttpResponse) -> E,
) -> Result<O, OrchestratorError<E>>
where
    E: CreateUnhandledError + std::error::Error + std::fmt::Debug,
{
    if response.status().is_success() {
        success(response).map_err(|e| {
            let meta = aws_types::request_id::apply_request_id(
                ErrorMetadata::builder(),
                response.headers(),
            )
            .build();
            OrchestratorError::operation(E::create_unhandled_error(
                format!("failed to decode the response: {e}").into(),
                Some(meta),
            ))
        })
    } else {
        Err(OrchestratorError::operation(
            match crate::protocol::parse_error_metadata(response) {
                Ok((meta, body)) => error(meta, body, response),
                Err((source, meta)) => E::create_unhandled_error(source, Some(meta)),
            },
        ))
    }
}

/// A timestamp as JSON epoch seconds (the restJson1 default), fractions kept.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EpochSeconds(pub DateTime);

impl Serialize for EpochSeconds {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.0.subsec_nanos() == 0 {
            s.serialize_i64(self.0.secs())
        } else {
            s.serialize_f64(self.0.as_secs_f64())
        }
    }
}

impl<'de> Deserialize<'de> for EpochSeconds {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(EpochSeconds(DateTime::from_secs_f64(f64::deserialize(d)?)))
    }
}

/// A timestamp as a JSON string in `@timestampFormat("date-time")` or `("http-date")`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FormattedTimestamp<const HTTP_DATE: bool>(pub DateTime);

impl<const HTTP_DATE: bool> FormattedTimestamp<HTTP_DATE> {
    const FORMAT: Format = if HTTP_DATE {
        Format::HttpDate
    } else {
        Format::DateTime
    };
}

impl<const HTTP_DATE: bool> Serialize for FormattedTimestamp<HTTP_DATE> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(
            &self
                .0
                .fmt(Self::FORMAT)
                .map_err(serde::ser::Error::custom)?,
        )
    }
}

impl<'de, const HTTP_DATE: bool> Deserialize<'de> for FormattedTimestamp<HTTP_DATE> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        DateTime::from_str(&s, Self::FORMAT)
            .map(Self)
            .map_err(serde::de::Error::custom)
    }
}

/// A blob as a base64 JSON string.
#[derive(Debug, Clone, PartialEq)]
pub struct Base64(pub Blob);

impl Serialize for Base64 {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&aws_smithy_types::base64::encode(self.0.as_ref()))
    }
}

impl<'de> Deserialize<'de> for Base64 {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        aws_smithy_types::base64::decode(&s)
            .map(|b| Base64(Blob::new(b)))
            .map_err(serde::de::Error::custom)
    }
}

/// A float or double in a JSON body: a number, or one of the strings `"NaN"`, `"Infinity"`,
/// `"-Infinity"` (restJson1 has no other spelling for the special values).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Float<T>(pub T);

impl<T: Copy + Into<f64>> Serialize for Float<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let v: f64 = self.0.into();
        match smithygen_text::special_float_name(v) {
            Some(text) => s.serialize_str(text),
            None => s.serialize_f64(v),
        }
    }
}

impl<'de, T: FromF64> Deserialize<'de> for Float<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Wire {
            Number(f64),
            Text(String),
        }
        match Wire::deserialize(d)? {
            Wire::Number(v) => Ok(Float(T::from_f64(v))),
            Wire::Text(t) => smithygen_text::special_float(&t)
                .map(|v| Float(T::from_f64(v)))
                .ok_or_else(|| serde::de::Error::custom(format!("expected a number, got `{t}`"))),
        }
    }
}

/// `f32` or `f64` from an `f64`.
pub trait FromF64 {
    /// The value, narrowed for `f32`.
    fn from_f64(v: f64) -> Self;
}

impl FromF64 for f64 {
    fn from_f64(v: f64) -> Self {
        v
    }
}

impl FromF64 for f32 {
    fn from_f64(v: f64) -> Self {
        v as f32
    }
}

/// A float or double for a label, query parameter or header: `NaN`, `Infinity` and
/// `-Infinity` for the special values, Rust's shortest round-trip form otherwise.
pub fn fmt_float<T: Copy + Into<f64> + std::fmt::Display>(v: T) -> String {
    smithygen_text::float_text(v)
}

/// A float or double from a header (`NaN`, `Infinity`, `-Infinity` or a number).
pub fn parse_float<T: FromF64>(text: &str) -> Result<T, BoxError> {
    smithygen_text::parse_float(text)
        .map(T::from_f64)
        .ok_or_else(|| format!("`{}` is not a number", text.trim()).into())
}

/// A `bigInteger` or `bigDecimal` in a JSON body: a bare number. The digits travel as
/// `serde_json::Number` does, so precision beyond `i64`/`u64`/`f64` is not kept: integers
/// beyond 64 bits are refused (both ways), decimals are rounded to `f64`.
#[derive(Debug, Clone, PartialEq)]
pub struct BigNumber<T>(pub T);

impl<T: AsRef<str>> Serialize for BigNumber<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let text = self.0.as_ref();
        let n = serde_json::from_str::<serde_json::Number>(text)
            .map_err(|_| serde::ser::Error::custom(format!("`{text}` is not a number")))?;
        // An integer beyond 64 bits would silently become an f64: refused instead.
        if n.is_f64() && !text.contains(['.', 'e', 'E']) {
            return Err(serde::ser::Error::custom(format!(
                "`{text}` does not fit in 64 bits"
            )));
        }
        n.serialize(s)
    }
}

impl<'de, T> Deserialize<'de> for BigNumber<T>
where
    T: std::str::FromStr,
    T::Err: std::fmt::Display,
{
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let n = serde_json::Number::deserialize(d)?;
        n.to_string()
            .parse()
            .map(BigNumber)
            .map_err(serde::de::Error::custom)
    }
}

/// A `bigInteger` or `bigDecimal` as decimal text (label, query parameter, header).
pub fn big_text<T: AsRef<str>>(value: &T) -> &str {
    value.as_ref()
}

/// A `bigInteger` or `bigDecimal` from a header or other text.
pub fn parse_big<T>(text: &str) -> Result<T, BoxError>
where
    T: std::str::FromStr,
    T::Err: std::fmt::Display,
{
    text.trim()
        .parse()
        .map_err(|e| format!("`{text}`: {e}").into())
}

/// A union member that targets `smithy.api#Unit` travels as an empty object.
pub fn unit_to_json(_: &()) -> JsonValue {
    JsonValue::Object(Default::default())
}

/// Reads a `smithy.api#Unit` union member: its value carries nothing.
pub fn unit_from_json(_: JsonValue) {}

/// A document as JSON.
pub fn document_to_json(doc: &Document) -> JsonValue {
    match doc {
        Document::Object(m) => JsonValue::Object(
            m.iter()
                .map(|(k, v)| (k.clone(), document_to_json(v)))
                .collect(),
        ),
        Document::Array(a) => JsonValue::Array(a.iter().map(document_to_json).collect()),
        Document::Number(Number::PosInt(n)) => JsonValue::from(*n),
        Document::Number(Number::NegInt(n)) => JsonValue::from(*n),
        Document::Number(Number::Float(f)) => match smithygen_text::special_float_name(*f) {
            Some(text) => JsonValue::String(text.to_owned()),
            None => JsonValue::from(*f),
        },
        Document::String(s) => JsonValue::String(s.clone()),
        Document::Bool(b) => JsonValue::Bool(*b),
        Document::Null => JsonValue::Null,
    }
}

/// A JSON value as a document.
pub fn json_to_document(value: JsonValue) -> Document {
    match value {
        JsonValue::Object(m) => Document::Object(
            m.into_iter()
                .map(|(k, v)| (k, json_to_document(v)))
                .collect(),
        ),
        JsonValue::Array(a) => Document::Array(a.into_iter().map(json_to_document).collect()),
        JsonValue::Number(n) => Document::Number(match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => Number::PosInt(u),
            (None, Some(i)) => Number::NegInt(i),
            _ => Number::Float(n.as_f64().unwrap_or_default()),
        }),
        JsonValue::String(s) => Document::String(s),
        JsonValue::Bool(b) => Document::Bool(b),
        JsonValue::Null => Document::Null,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_headers_keep_quoted_commas() {
        let mut response = HttpResponse::new(
            200.try_into().unwrap(),
            aws_smithy_types::body::SdkBody::empty(),
        );
        response.headers_mut().append("x-list", r#"a, "b, c""#);
        response.headers_mut().append("x-list", "d");
        assert_eq!(
            header_list(&response, "x-list").unwrap(),
            ["a", "b, c", "d"]
        );
        assert_eq!(header_list(&response, "x-none"), None);
    }

    #[test]
    fn encoding() {
        assert_eq!(percent_encode("a b/c", false), "a%20b%2Fc");
        assert_eq!(percent_encode("a b/c", true), "a%20b/c");
        assert_eq!(percent_encode("é~", false), "%C3%A9~");
    }

    #[test]
    fn request() {
        let mut r = RequestBuilder::new("GET");
        r.literal("things");
        r.label("Id", "a/b", false).unwrap();
        r.query("k", "x y");
        r.query("k", "z");
        assert!(r.label("Other", "", false).is_err());
        let req = r.build().unwrap();
        assert_eq!(req.uri(), "/things/a%2Fb?k=x%20y&k=z");
    }

    #[test]
    fn epoch_seconds() {
        let v = serde_json::to_string(&EpochSeconds(DateTime::from_secs(5))).unwrap();
        assert_eq!(v, "5");
        let t: EpochSeconds = serde_json::from_str("1.5").unwrap();
        assert_eq!(t.0.subsec_nanos(), 500_000_000);
    }

    #[test]
    fn special_floats() {
        for (v, text) in [
            (f64::NAN, "\"NaN\""),
            (f64::INFINITY, "\"Infinity\""),
            (f64::NEG_INFINITY, "\"-Infinity\""),
            (1.5, "1.5"),
        ] {
            assert_eq!(serde_json::to_string(&Float(v)).unwrap(), text);
            let back: Float<f64> = serde_json::from_str(text).unwrap();
            assert!(back.0 == v || (v.is_nan() && back.0.is_nan()));
            let back: Float<f32> = serde_json::from_str(text).unwrap();
            assert!(f64::from(back.0) == v || (v.is_nan() && back.0.is_nan()));
        }
        assert_eq!(
            serde_json::to_string(&Float(f32::NEG_INFINITY)).unwrap(),
            "\"-Infinity\""
        );
        assert!(serde_json::from_str::<Float<f64>>("\"inf\"").is_err());
        assert_eq!(fmt_float(f64::NAN), "NaN");
        assert_eq!(fmt_float(f32::INFINITY), "Infinity");
        assert_eq!(fmt_float(f64::NEG_INFINITY), "-Infinity");
        assert_eq!(fmt_float(0.1f64), "0.1");
        assert_eq!(fmt_float(1.1f32), "1.1");
        assert!(parse_float::<f64>("NaN").unwrap().is_nan());
        assert_eq!(
            parse_float::<f32>(" -Infinity ").unwrap(),
            f32::NEG_INFINITY
        );
        assert_eq!(parse_float::<f64>("2.5").unwrap(), 2.5);
        assert!(parse_float::<f64>("inf").is_err());
        let doc = Document::Number(Number::Float(f64::INFINITY));
        assert_eq!(document_to_json(&doc), JsonValue::String("Infinity".into()));
    }

    #[test]
    fn big_numbers() {
        use aws_smithy_types::{BigDecimal, BigInteger};
        let i: BigInteger = "-12345678901234567".parse().unwrap();
        assert_eq!(
            serde_json::to_string(&BigNumber(i.clone())).unwrap(),
            "-12345678901234567"
        );
        let back: BigNumber<BigInteger> = serde_json::from_str("-12345678901234567").unwrap();
        assert_eq!(back.0, i);
        let d: BigDecimal = "1.5".parse().unwrap();
        assert_eq!(serde_json::to_string(&BigNumber(d.clone())).unwrap(), "1.5");
        let back: BigNumber<BigDecimal> = serde_json::from_str("1.5").unwrap();
        assert_eq!(back.0, d);
        assert!(serde_json::from_str::<BigNumber<BigInteger>>("\"1\"").is_err());
        let huge: BigInteger = "123456789012345678901234567890".parse().unwrap();
        assert!(serde_json::to_string(&BigNumber(huge)).is_err());
        assert!(
            serde_json::from_str::<BigNumber<BigInteger>>("123456789012345678901234567890")
                .is_err()
        );
        assert_eq!(parse_big::<BigInteger>(" 42 ").unwrap().as_ref(), "42");
    }
}
