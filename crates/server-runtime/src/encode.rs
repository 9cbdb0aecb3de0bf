//! Encoding responses: [`ToJson`] turns generated types into JSON values.
//!
//! Generated code implements [`ToJson`] for every structure, union and enum of the model (no
//! serde derive: restJson1 needs its own rules for timestamps, blobs, special floats and
//! documents, and unset members are omitted).

use std::collections::HashMap;

use aws_smithy_types::date_time::Format;
use aws_smithy_types::{Blob, DateTime, Document, Number};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Map, Value};

/// A value as restJson1 writes it in a document.
pub trait ToJson {
    /// The JSON value of `self`.
    fn to_json(&self) -> Value;
}

impl ToJson for String {
    fn to_json(&self) -> Value {
        Value::String(self.clone())
    }
}

impl ToJson for str {
    fn to_json(&self) -> Value {
        Value::String(self.to_owned())
    }
}

/// A union member that targets `smithy.api#Unit` is an empty object.
impl ToJson for () {
    fn to_json(&self) -> Value {
        Value::Object(Map::new())
    }
}

impl ToJson for bool {
    fn to_json(&self) -> Value {
        Value::Bool(*self)
    }
}

macro_rules! int_to_json {
    ($($t:ty),*) => {$(
        impl ToJson for $t {
            fn to_json(&self) -> Value {
                Value::from(*self)
            }
        }
    )*};
}
int_to_json!(i8, i16, i32, i64);

/// NaN and the infinities are the strings `NaN`, `Infinity`, `-Infinity` (restJson1).
impl ToJson for f64 {
    fn to_json(&self) -> Value {
        if self.is_nan() {
            Value::String("NaN".into())
        } else if self.is_infinite() {
            Value::String(if *self > 0.0 { "Infinity" } else { "-Infinity" }.into())
        } else {
            serde_json::Number::from_f64(*self).map_or(Value::Null, Value::Number)
        }
    }
}

impl ToJson for f32 {
    fn to_json(&self) -> Value {
        f64::from(*self).to_json()
    }
}

impl<T: ToJson + ?Sized> ToJson for Box<T> {
    fn to_json(&self) -> Value {
        (**self).to_json()
    }
}

impl<T: ToJson> ToJson for Option<T> {
    fn to_json(&self) -> Value {
        self.as_ref().map_or(Value::Null, ToJson::to_json)
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn to_json(&self) -> Value {
        Value::Array(self.iter().map(ToJson::to_json).collect())
    }
}

impl<T: ToJson> ToJson for HashMap<String, T> {
    fn to_json(&self) -> Value {
        Value::Object(self.iter().map(|(k, v)| (k.clone(), v.to_json())).collect())
    }
}

/// Base64 text.
impl ToJson for Blob {
    fn to_json(&self) -> Value {
        Value::String(aws_smithy_types::base64::encode(self.as_ref()))
    }
}

/// Epoch seconds (restJson1's default body format); see [`timestamp`] for the others.
impl ToJson for DateTime {
    fn to_json(&self) -> Value {
        timestamp(self, Format::EpochSeconds)
    }
}

impl ToJson for Document {
    fn to_json(&self) -> Value {
        match self {
            Document::Null => Value::Null,
            Document::Bool(b) => Value::Bool(*b),
            Document::Number(Number::PosInt(n)) => Value::from(*n),
            Document::Number(Number::NegInt(n)) => Value::from(*n),
            Document::Number(Number::Float(f)) => f.to_json(),
            Document::String(s) => Value::String(s.clone()),
            Document::Array(items) => Value::Array(items.iter().map(ToJson::to_json).collect()),
            Document::Object(map) => {
                Value::Object(map.iter().map(|(k, v)| (k.clone(), v.to_json())).collect())
            }
        }
    }
}

impl ToJson for aws_smithy_types::BigInteger {
    fn to_json(&self) -> Value {
        raw_number(self.as_ref())
    }
}

impl ToJson for aws_smithy_types::BigDecimal {
    fn to_json(&self) -> Value {
        raw_number(self.as_ref())
    }
}

fn raw_number(text: &str) -> Value {
    serde_json::from_str::<serde_json::Number>(text)
        .map_or_else(|_| Value::String(text.to_owned()), Value::Number)
}

/// A timestamp in `format`: epoch seconds as a number (fraction kept), the others as strings.
pub fn timestamp(t: &DateTime, format: Format) -> Value {
    match format {
        Format::EpochSeconds => {
            if t.subsec_nanos() == 0 {
                Value::from(t.secs())
            } else {
                t.as_secs_f64().to_json()
            }
        }
        _ => t.fmt(format).map_or(Value::Null, Value::String),
    }
}

/// A JSON object under construction; members are added in model order.
#[derive(Debug, Default)]
pub struct Object(Map<String, Value>);

impl Object {
    /// An empty object.
    pub fn new() -> Self {
        Object(Map::new())
    }

    /// Add a member.
    pub fn insert(&mut self, key: &str, value: Value) {
        self.0.insert(key.to_owned(), value);
    }

    /// The finished JSON object.
    pub fn into_value(self) -> Value {
        Value::Object(self.0)
    }
}

/// The members of a response body, written straight to bytes by
/// [`crate::rest_json::json_members_response`]: the same text as [`Object::into_value`] then
/// `serde_json::to_vec` (members in key order, a repeated key keeps its last value), without
/// building a map and owning its keys on every response.
#[derive(Debug, Default)]
pub struct ResponseMembers(Vec<(&'static str, Value)>);

impl ResponseMembers {
    /// No members yet.
    pub fn new() -> Self {
        ResponseMembers(Vec::new())
    }

    /// Add a member.
    pub fn insert(&mut self, key: &'static str, value: Value) {
        self.0.push((key, value));
    }

    /// The JSON text of the object.
    pub fn to_vec(mut self) -> Result<Vec<u8>, serde_json::Error> {
        // Stable, so equal keys stay in insertion order and the last one wins below.
        self.0.sort_by(|a, b| a.0.cmp(b.0));
        serde_json::to_vec(&self)
    }
}

impl Serialize for ResponseMembers {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let last_of_each_key = self
            .0
            .iter()
            .enumerate()
            .filter(|(i, (key, _))| self.0.get(i + 1).is_none_or(|(next, _)| next != key));
        let mut map = serializer.serialize_map(None)?;
        for (_, (key, value)) in last_of_each_key {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn special_values() {
        assert_eq!(f64::NAN.to_json(), Value::String("NaN".into()));
        assert_eq!(
            f32::NEG_INFINITY.to_json(),
            Value::String("-Infinity".into())
        );
        assert_eq!(
            Blob::new(b"hi".to_vec()).to_json(),
            Value::String("aGk=".into())
        );
        assert_eq!(DateTime::from_secs(2).to_json(), Value::from(2));
        assert_eq!(
            timestamp(&DateTime::from_secs(2), Format::DateTime),
            Value::String("1970-01-01T00:00:02Z".into())
        );
        assert_eq!(
            Document::Number(Number::Float(f64::INFINITY)).to_json(),
            Value::String("Infinity".into())
        );
        let big: aws_smithy_types::BigInteger = "-12345678901234567".parse().unwrap();
        assert_eq!(big.to_json().to_string(), "-12345678901234567");
        let dec: aws_smithy_types::BigDecimal = "2.5".parse().unwrap();
        assert_eq!(dec.to_json().to_string(), "2.5");
        let mut o = Object::new();
        o.insert("A", Some(1i32).to_json());
        assert_eq!(o.into_value().to_string(), r#"{"A":1}"#);
    }

    /// The same bytes as building a JSON map and serializing it.
    #[test]
    fn response_members_write_what_a_map_would() {
        let members = [
            ("b", Value::from(1)),
            ("a", Value::String("x\"y".into())),
            ("B", Value::Null),
            ("b", Value::from(2)),
            ("ab", serde_json::json!({"z": [1, 2], "y": {}})),
        ];
        let (mut fast, mut map) = (ResponseMembers::new(), Object::new());
        for (key, value) in members {
            fast.insert(key, value.clone());
            map.insert(key, value);
        }
        let expected = serde_json::to_vec(&map.into_value()).unwrap();
        assert_eq!(fast.to_vec().unwrap(), expected);
        assert_eq!(ResponseMembers::new().to_vec().unwrap(), b"{}");
    }
}
