//! The top-level members of a request body, decoded straight into one slot per modeled member.
//!
//! [`crate::decode::parse_body`] builds a `BTreeMap` of every member (owned keys, a depth
//! pre-scan, then one `remove` per member); for the operation's own input that tree is pure
//! overhead, since the generated decoder asks for each member once by name. Here the body's
//! object is read with a visitor that matches each key against the operation's member names
//! (borrowed from the body when it has no escapes) and stores the value in that member's slot.
//! Member values are still [`serde_json::Value`]s built by the same strict visitor as before, so
//! everything after this point is unchanged.
//!
//! Behaviour is identical to `parse_body` by construction: this fast path only answers
//! successfully when the body is a well-formed JSON object without duplicate members whose
//! nesting serde_json accepted (its recursion limit stops at 127 levels, below the 128 that
//! `check_json_depth` allows, so the pre-scan cannot refuse what succeeded here). On any failure
//! the body is decoded again with `parse_body`, whose rejection (message included) is returned;
//! failures are client errors, so the second parse costs nothing on the hot path.

use std::fmt;

use http::HeaderMap;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde_json::Value;

use crate::decode::{StrictValue, parse_body};
use crate::rest_json::{Rejection, check_json_content_type};

/// One slot per modeled body member, in the order of the names given to
/// [`parse_body_members`]; `Some(Value::Null)` is a member sent as `null`.
#[derive(Debug)]
pub struct BodyMembers<const N: usize> {
    values: [Option<Value>; N],
}

impl<const N: usize> BodyMembers<N> {
    /// Member `index`; `null` counts as absent (Smithy: a null member is a missing member).
    pub fn take(&mut self, index: usize) -> Option<Value> {
        self.values[index].take().filter(|v| !v.is_null())
    }
}

/// The request body as an object with members `names` (JSON names): `Content-Type` checked
/// (415), an empty body read as `{}`, nesting, duplicates and non-objects refused (400) with the
/// same messages as [`parse_body`]. Members not in `names` are parsed (strictly) and dropped.
pub fn parse_body_members<const N: usize>(
    headers: &HeaderMap,
    body: &[u8],
    names: &[&str; N],
) -> Result<BodyMembers<N>, Rejection> {
    check_json_content_type(headers, body)?;
    let empty = BodyMembers {
        values: std::array::from_fn(|_| None),
    };
    if body.is_empty() {
        return Ok(empty);
    }
    let mut de = serde_json::Deserializer::from_slice(body);
    let fast = de
        .deserialize_map(MembersVisitor {
            names,
            members: empty,
        })
        .and_then(|members| de.end().map(|()| members));
    match fast {
        Ok(members) => Ok(members),
        Err(_) => slow_path(headers, body, names),
    }
}

/// The general decoder, for its exact rejection. Should it ever accept a body the fast path
/// refused, its members are moved into the slots, so the answer is still `parse_body`'s.
#[cold]
fn slow_path<const N: usize>(
    headers: &HeaderMap,
    body: &[u8],
    names: &[&str; N],
) -> Result<BodyMembers<N>, Rejection> {
    let mut object = parse_body(headers, body)?;
    Ok(BodyMembers {
        values: std::array::from_fn(|i| object.remove(names[i])),
    })
}

struct MembersVisitor<'n, const N: usize> {
    names: &'n [&'n str; N],
    members: BodyMembers<N>,
}

impl<'de, const N: usize> Visitor<'de> for MembersVisitor<'_, N> {
    type Value = BodyMembers<N>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut access: A) -> Result<Self::Value, A::Error> {
        // Unknown members are rare; a list is enough to refuse their duplicates.
        let mut unknown: Vec<String> = Vec::new();
        while let Some(key) = access.next_key_seed(KeySeed { names: self.names })? {
            let value = access.next_value_seed(StrictValue)?;
            match key {
                Key::Known(i) => {
                    if self.members.values[i].replace(value).is_some() {
                        return Err(de::Error::custom("duplicate member"));
                    }
                }
                Key::Unknown(name) => {
                    if unknown.contains(&name) {
                        return Err(de::Error::custom("duplicate member"));
                    }
                    unknown.push(name);
                }
            }
        }
        Ok(self.members)
    }
}

enum Key {
    Known(usize),
    Unknown(String),
}

/// Resolves a member name to its slot without allocating (serde_json hands out the key
/// borrowed from the body unless it contains escapes).
struct KeySeed<'n, const N: usize> {
    names: &'n [&'n str; N],
}

impl<'de, const N: usize> DeserializeSeed<'de> for KeySeed<'_, N> {
    type Value = Key;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Key, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de, const N: usize> Visitor<'de> for KeySeed<'_, N> {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member name")
    }

    fn visit_str<E>(self, v: &str) -> Result<Key, E> {
        Ok(match self.names.iter().position(|name| *name == v) {
            Some(i) => Key::Known(i),
            None => Key::Unknown(v.to_owned()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAMES: [&str; 2] = ["A", "B"];

    fn json_headers() -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert("content-type", "application/json".parse().unwrap());
        h
    }

    fn fast(body: &str) -> Result<BodyMembers<2>, Rejection> {
        parse_body_members(&json_headers(), body.as_bytes(), &NAMES)
    }

    fn slow(body: &str) -> Result<crate::decode::Object, Rejection> {
        parse_body(&json_headers(), body.as_bytes())
    }

    #[test]
    fn members_land_in_their_slots() {
        let mut m = fast(r#"{"B":"x","Other":{"z":[1]},"A":1,"\u0042x":null}"#).unwrap();
        assert_eq!(m.take(0), Some(serde_json::json!(1)));
        assert_eq!(m.take(1), Some(serde_json::json!("x")));
        assert_eq!(m.take(1), None);
        let mut m = fast(r#"{"A":null}"#).unwrap();
        assert_eq!(m.take(0), None);
        let mut m = parse_body_members(&HeaderMap::new(), b"", &NAMES).unwrap();
        assert_eq!(m.take(0), None);
    }

    #[test]
    fn rejections_are_those_of_parse_body() {
        let deep = format!("{{\"A\":{}{}}}", "[".repeat(130), "]".repeat(130));
        let edge = format!("{{\"A\":{}{}}}", "[".repeat(127), "]".repeat(127));
        for body in [
            r#"{"A":1,"A":2}"#,
            r#"{"X":1,"X":2}"#,
            r#"{"A":{"b":1,"b":2}}"#,
            r#"{"\u0041":1,"A":2}"#,
            r#"[1]"#,
            r#""A""#,
            r#"{"A":1} x"#,
            r#"{"A":1"#,
            r#"{"A":tru}"#,
            &deep,
            &edge,
        ] {
            let fast = fast(body).map(|_| ()).unwrap_err();
            assert_eq!(fast, slow(body).map(|_| ()).unwrap_err(), "{body}");
        }
        let mut text = HeaderMap::new();
        text.insert("content-type", "text/plain".parse().unwrap());
        assert_eq!(
            parse_body_members(&text, b"{}", &NAMES).unwrap_err(),
            Rejection::UnsupportedMediaType
        );
    }
}
