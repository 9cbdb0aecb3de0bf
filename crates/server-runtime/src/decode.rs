//! Decoding request documents for generated validators.
//!
//! A body is parsed once into a [`serde_json::Value`] tree (strictly: an object at the top,
//! no duplicate member names, nesting at most [`MAX_JSON_DEPTH`]), then generated code walks
//! it shape by shape with the helpers here, which turn a wrong JSON type into a 400
//! `SerializationException` naming the JSON pointer. Constraint checks happen in the same
//! walk, so one pass yields either a typed input, a list of violations, or a rejection.

use std::fmt;

use aws_smithy_types::date_time::Format;
use aws_smithy_types::{Blob, DateTime, Document, Number};
use http::HeaderMap;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::map::Entry;
use serde_json::{Map, Value};

pub use crate::body_members::{BodyMembers, parse_body_members};
use smithygen_validation::{Path, Violation};

use crate::rest_json::{MAX_JSON_DEPTH, Rejection, check_json_content_type, check_json_depth};

/// A JSON object, as decoded (members in key order).
pub type Object = Map<String, Value>;

fn wrong(path: &Path<'_>, expected: &str) -> Rejection {
    let at = path.to_pointer();
    let at = if at.is_empty() { "/".to_owned() } else { at };
    Rejection::Serialization(format!("expected {expected} at '{at}'"))
}

/// The request body as a JSON object: `Content-Type` checked (415), an empty body read as
/// `{}`, nesting and duplicate members refused (400).
pub fn parse_body(headers: &HeaderMap, body: &[u8]) -> Result<Object, Rejection> {
    check_json_content_type(headers, body)?;
    let body: &[u8] = if body.is_empty() { b"{}" } else { body };
    object(parse_document(body)?, &Path::root())
}

/// Any JSON document (for `@httpPayload` documents and structures).
pub fn parse_document(body: &[u8]) -> Result<Value, Rejection> {
    check_json_depth(body, MAX_JSON_DEPTH)?;
    let mut de = serde_json::Deserializer::from_slice(body);
    let value = StrictValue
        .deserialize(&mut de)
        .and_then(|v| de.end().map(|()| v))
        .map_err(|e| Rejection::Serialization(e.to_string()))?;
    Ok(value)
}

/// A JSON object, or a 400.
pub fn object(value: Value, path: &Path<'_>) -> Result<Object, Rejection> {
    match value {
        Value::Object(map) => Ok(map),
        _ => Err(wrong(path, "a JSON object")),
    }
}

/// Remove member `key`; `null` counts as absent (Smithy: a null member is a missing member).
pub fn take(object: &mut Object, key: &str) -> Option<Value> {
    object.remove(key).filter(|v| !v.is_null())
}

/// A list element or map value in a non-`@sparse` collection must not be `null`.
pub fn non_null(value: Value, path: &Path<'_>) -> Result<Value, Rejection> {
    if value.is_null() {
        Err(wrong(path, "a non-null value"))
    } else {
        Ok(value)
    }
}

/// A JSON string.
pub fn string(value: Value, path: &Path<'_>) -> Result<String, Rejection> {
    match value {
        Value::String(s) => Ok(s),
        _ => Err(wrong(path, "a string")),
    }
}

/// A JSON boolean.
pub fn boolean(value: Value, path: &Path<'_>) -> Result<bool, Rejection> {
    value.as_bool().ok_or_else(|| wrong(path, "a boolean"))
}

/// An integer that fits `T` (byte, short, integer, long).
pub fn integer<T: TryFrom<i64>>(value: Value, path: &Path<'_>) -> Result<T, Rejection> {
    value
        .as_i64()
        .and_then(|n| T::try_from(n).ok())
        .ok_or_else(|| wrong(path, "an integer in range"))
}

/// A double: a JSON number, or the strings `NaN`, `Infinity`, `-Infinity` (restJson1).
pub fn double(value: Value, path: &Path<'_>) -> Result<f64, Rejection> {
    match &value {
        Value::Number(n) => n.as_f64().ok_or_else(|| wrong(path, "a number")),
        Value::String(s) => smithygen_text::special_float(s).ok_or_else(|| wrong(path, "a number")),
        _ => Err(wrong(path, "a number")),
    }
}

/// A float (f32).
pub fn float(value: Value, path: &Path<'_>) -> Result<f32, Rejection> {
    double(value, path).map(|f| f as f32)
}

/// A blob: base64 text.
pub fn blob(value: Value, path: &Path<'_>) -> Result<Blob, Rejection> {
    let text = string(value, path).map_err(|_| wrong(path, "base64 text"))?;
    aws_smithy_types::base64::decode(&text)
        .map(Blob::new)
        .map_err(|_| wrong(path, "base64 text"))
}

/// A timestamp: a number of epoch seconds for `epoch-seconds`, else a string in `format`.
pub fn timestamp(value: Value, path: &Path<'_>, format: Format) -> Result<DateTime, Rejection> {
    let expected = "a timestamp";
    match (&value, format) {
        (Value::Number(n), Format::EpochSeconds) => n
            .as_f64()
            .filter(|f| f.is_finite())
            .map(DateTime::from_secs_f64)
            .ok_or_else(|| wrong(path, expected)),
        (Value::String(s), Format::DateTime | Format::HttpDate) => {
            DateTime::from_str(s, format).map_err(|_| wrong(path, expected))
        }
        _ => Err(wrong(path, expected)),
    }
}

/// Any JSON value as a Smithy document.
pub fn document(value: Value, _path: &Path<'_>) -> Result<Document, Rejection> {
    Ok(to_document(value))
}

fn to_document(value: Value) -> Document {
    match value {
        Value::Null => Document::Null,
        Value::Bool(b) => Document::Bool(b),
        Value::Number(n) => Document::Number(if let Some(u) = n.as_u64() {
            Number::PosInt(u)
        } else if let Some(i) = n.as_i64() {
            Number::NegInt(i)
        } else {
            Number::Float(n.as_f64().unwrap_or(f64::NAN))
        }),
        Value::String(s) => Document::String(s),
        Value::Array(items) => Document::Array(items.into_iter().map(to_document).collect()),
        Value::Object(map) => {
            Document::Object(map.into_iter().map(|(k, v)| (k, to_document(v))).collect())
        }
    }
}

/// A big integer or big decimal, from a JSON number's text.
pub fn big_number<T: std::str::FromStr>(value: Value, path: &Path<'_>) -> Result<T, Rejection> {
    match &value {
        Value::Number(n) => n.to_string().parse().map_err(|_| wrong(path, "a number")),
        _ => Err(wrong(path, "a number")),
    }
}

/// A union must set exactly one member (`null` members and a `__type` key are ignored).
pub fn union_member(object: Object, path: &Path<'_>) -> Result<(String, Value), Rejection> {
    let mut set = object
        .into_iter()
        .filter(|(k, v)| !v.is_null() && k != "__type");
    match (set.next(), set.next()) {
        (Some(member), None) => Ok(member),
        _ => Err(wrong(path, "exactly one union member")),
    }
}

/// A union member this version of the model does not know.
pub fn unknown_member(key: &str, path: &Path<'_>) -> Rejection {
    wrong(path, &format!("a known union member, not `{key}`"))
}

/// An `@httpPayload` structure, union or document: `None` for an empty body.
pub fn payload(headers: &HeaderMap, body: &[u8]) -> Result<Option<Value>, Rejection> {
    if body.is_empty() {
        return Ok(None);
    }
    check_json_content_type(headers, body)?;
    parse_document(body).map(Some)
}

/// A JSON array, as its items.
pub fn list(value: Value, path: &Path<'_>) -> Result<Vec<Value>, Rejection> {
    match value {
        Value::Array(items) => Ok(items),
        _ => Err(wrong(path, "a JSON array")),
    }
}

/// A JSON object, as its members.
pub fn map(value: Value, path: &Path<'_>) -> Result<Object, Rejection> {
    object(value, path)
}

/// `@uniqueItems`, compared on the JSON values as received (so it works for any member type,
/// structures included). Object members compare regardless of order.
pub fn check_unique(violations: &mut Vec<Violation>, path: &Path<'_>, items: &[Value]) -> bool {
    let texts: Vec<String> = items.iter().map(Value::to_string).collect();
    smithygen_validation::check_unique_items(violations, path, &texts)
}

/// Builds a [`Value`] like serde_json, but refuses an object that names a member twice.
pub(crate) struct StrictValue;

impl<'de> DeserializeSeed<'de> for StrictValue {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(StrictVisitor)
    }
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(StrictValue)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
        let mut map = Map::new();
        while let Some(key) = access.next_key::<String>()? {
            let value = access.next_value_seed(StrictValue)?;
            match map.entry(key) {
                Entry::Vacant(slot) => {
                    slot.insert(value);
                }
                Entry::Occupied(slot) => {
                    let key = slot.key();
                    return Err(de::Error::custom(format!("duplicate member `{key}`")));
                }
            }
        }
        Ok(Value::Object(map))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_parsing() {
        assert!(parse_document(br#"{"a":1,"a":2}"#).is_err());
        assert!(parse_document(br#"{"a":{"b":1,"b":1}}"#).is_err());
        assert!(parse_document(br#"{"a":1} x"#).is_err());
        assert_eq!(
            parse_document(br#"{"a":[1,"x",null]}"#).unwrap(),
            serde_json::json!({"a": [1, "x", null]})
        );
        let h = HeaderMap::new();
        assert!(matches!(
            parse_body(&h, b""),
            Ok(m) if m.is_empty()
        ));
        let mut h = HeaderMap::new();
        h.insert("content-type", "application/json".parse().unwrap());
        assert!(parse_body(&h, b"[1]").is_err());
    }

    #[test]
    fn scalars_and_paths() {
        let root = Path::root();
        let p = root.member("N");
        assert_eq!(integer::<i8>(serde_json::json!(127), &p).unwrap(), 127);
        let err = integer::<i8>(serde_json::json!(128), &p).unwrap_err();
        assert_eq!(
            err,
            Rejection::Serialization("expected an integer in range at '/N'".into())
        );
        assert!(double(serde_json::json!("NaN"), &p).unwrap().is_nan());
        assert!(string(serde_json::json!(1), &p).is_err());
        let t = timestamp(serde_json::json!(1.5), &p, Format::EpochSeconds).unwrap();
        assert_eq!(t.as_secs_f64(), 1.5);
        let t = timestamp(
            serde_json::json!("1970-01-01T00:00:02Z"),
            &p,
            Format::DateTime,
        )
        .unwrap();
        assert_eq!(t.secs(), 2);
        assert_eq!(blob(serde_json::json!("aGk="), &p).unwrap().as_ref(), b"hi");
        assert_eq!(
            double(serde_json::json!("-Infinity"), &p).unwrap(),
            f64::NEG_INFINITY
        );
        assert_eq!(
            float(serde_json::json!("Infinity"), &p).unwrap(),
            f32::INFINITY
        );
        assert!(double(serde_json::json!("inf"), &p).is_err());
        let big: aws_smithy_types::BigInteger =
            big_number(serde_json::json!(-9007199254740993i64), &p).unwrap();
        assert_eq!(big.as_ref(), "-9007199254740993");
        let dec: aws_smithy_types::BigDecimal = big_number(serde_json::json!(0.5), &p).unwrap();
        assert_eq!(dec.as_ref(), "0.5");
        assert!(big_number::<aws_smithy_types::BigInteger>(serde_json::json!("1"), &p).is_err());
        let union = |v: serde_json::Value| match v {
            Value::Object(o) => union_member(o, &p),
            _ => unreachable!(),
        };
        assert_eq!(
            union(serde_json::json!({"__type": "ns#U", "A": 1}))
                .unwrap()
                .0,
            "A"
        );
        assert_eq!(
            union(serde_json::json!({"A": null, "B": 1})).unwrap().0,
            "B"
        );
        assert!(union(serde_json::json!({"A": 1, "B": 1})).is_err());
        assert!(union(serde_json::json!({"__type": "ns#U"})).is_err());
        assert_eq!(
            unknown_member("NewMember", &p),
            Rejection::Serialization(
                "expected a known union member, not `NewMember` at '/N'".into()
            )
        );
        let mut v = Vec::new();
        assert!(!check_unique(
            &mut v,
            &p,
            &[
                serde_json::json!({"a":1,"b":2}),
                serde_json::json!({"b":2,"a":1})
            ]
        ));
    }
}
