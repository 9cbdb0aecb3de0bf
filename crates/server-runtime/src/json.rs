//! Helpers for hand-rolled serde impls in generated code (no serde_derive: faster builds, and
//! control over what JSON shapes are accepted).
//!
//! `#[derive(Deserialize)]` also accepts a JSON *array* for a struct (fields by position),
//! which restJson1 forbids; [`deserialize_object`] accepts only objects, ignores unknown
//! members, and rejects duplicate members.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};

/// An unvalidated input structure, filled member by member from a JSON object.
pub trait JsonObject: Default {
    /// Shape name, for error messages ("expected a JSON object for X").
    const SHAPE: &'static str;

    /// Read the value of member `key` from `map` into `self`. Return `Ok(false)` for a key
    /// that is not a member (its value is then skipped).
    fn member<'de, A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error>;
}

/// `Deserialize::deserialize` for any [`JsonObject`].
pub fn deserialize_object<'de, D: Deserializer<'de>, T: JsonObject>(d: D) -> Result<T, D::Error> {
    d.deserialize_map(ObjectVisitor(PhantomData))
}

/// Store the next value in `slot`; a second occurrence of the member is an error.
/// (`null` then a value is not caught: `null` leaves the slot empty, like a missing member.)
pub fn read_member<'de, A: MapAccess<'de>, V: Deserialize<'de>>(
    slot: &mut Option<V>,
    name: &'static str,
    map: &mut A,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(de::Error::duplicate_field(name));
    }
    *slot = map.next_value()?;
    Ok(())
}

struct ObjectVisitor<T>(PhantomData<T>);

impl<'de, T: JsonObject> Visitor<'de> for ObjectVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a JSON object for {}", T::SHAPE)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut value = T::default();
        while let Some(key) = map.next_key::<Key<'de>>()? {
            if !value.member(key.as_str(), &mut map)? {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(value)
    }
}

/// A member name, borrowed from the input when it has no escapes (no allocation per key).
enum Key<'de> {
    Borrowed(&'de str),
    Owned(String),
}

impl Key<'_> {
    fn as_str(&self) -> &str {
        match self {
            Key::Borrowed(s) => s,
            Key::Owned(s) => s,
        }
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a member name")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key::Borrowed(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key::Owned(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key::Owned(v))
            }
        }
        d.deserialize_str(KeyVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Default, Debug, PartialEq)]
    struct W {
        a: Option<String>,
        n: Option<i32>,
    }

    impl JsonObject for W {
        const SHAPE: &'static str = "W";
        fn member<'de, A: MapAccess<'de>>(
            &mut self,
            key: &str,
            map: &mut A,
        ) -> Result<bool, A::Error> {
            match key {
                "A" => read_member(&mut self.a, "A", map)?,
                "N" => read_member(&mut self.n, "N", map)?,
                _ => return Ok(false),
            }
            Ok(true)
        }
    }

    impl<'de> Deserialize<'de> for W {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            deserialize_object(d)
        }
    }

    #[test]
    fn objects_only_unknown_ignored_duplicates_rejected() {
        let w: W =
            serde_json::from_str(r#"{"A":"x","Z":{"deep":[1]},"N":null,"\u0041b":1}"#).unwrap();
        assert_eq!(
            w,
            W {
                a: Some("x".into()),
                n: None
            }
        );
        let err = serde_json::from_str::<W>(r#"["x", 1]"#)
            .unwrap_err()
            .to_string();
        assert!(err.contains("a JSON object for W"), "{err}");
        let err = serde_json::from_str::<W>(r#"{"A":"x","A":"y"}"#)
            .unwrap_err()
            .to_string();
        assert!(err.contains("duplicate field `A`"), "{err}");
        assert!(serde_json::from_str::<W>(r#"{"N":"1"}"#).is_err());
        // An escaped key that spells a member name is that member.
        let w: W = serde_json::from_str(r#"{"\u0041":"esc"}"#).unwrap();
        assert_eq!(w.a.as_deref(), Some("esc"));
    }
}
