//! A case's `params` (a Smithy node value, here JSON) as [`Sample`]s of the IR's types, so
//! that [`crate::render::roundtrip`]'s spelling builds them for the client or the server.
//! Node values follow the protocol-test conventions: blobs are UTF-8 text, timestamps epoch
//! seconds, special floats the strings `NaN`, `Infinity` and `-Infinity`, enums their values.

use std::collections::HashMap;

use serde_json::Value;

use crate::ir::{Collection, Field, RustType, Service, ShapeKind as Kind, TypeDef};
use crate::sample::{FieldSample, Sample};

/// Looks shapes up by id.
pub struct Shapes<'a> {
    types: HashMap<&'a str, &'a TypeDef>,
    collections: HashMap<&'a str, &'a Collection>,
    /// Absent members with a `@default` take it (the server's view: its structs hold the
    /// value); the client leaves them unset, as a caller would.
    defaults: bool,
}

impl<'a> Shapes<'a> {
    pub fn new(service: &'a Service, defaults: bool) -> Shapes<'a> {
        Shapes {
            defaults,
            types: service
                .types
                .iter()
                .map(|t| match t {
                    TypeDef::Structure(s) => (s.shape_id.as_str(), t),
                    TypeDef::Enum(e) => (e.shape_id.as_str(), t),
                    TypeDef::Union(u) => (u.shape_id.as_str(), t),
                })
                .collect(),
            collections: service
                .collections
                .iter()
                .map(|c| (c.shape_id.as_str(), c))
                .collect(),
        }
    }

    /// Every member of a structure, with the value `params` gives it (unset when absent or
    /// `null`); a key that names no member is an error.
    pub fn fields(
        &self,
        fields: &[Field],
        params: &serde_json::Map<String, Value>,
        path: &str,
    ) -> Result<Vec<FieldSample>, String> {
        if let Some(unknown) = params
            .keys()
            .find(|k| !fields.iter().any(|f| &f.member == *k))
        {
            return Err(format!("{path}: no member `{unknown}`"));
        }
        fields
            .iter()
            .map(|f| {
                let path = format!("{path}.{}", f.member);
                let value = match (params.get(&f.member), &f.default) {
                    (None | Some(Value::Null), Some(d)) if self.defaults && !f.server_optional => {
                        Some(self.value(f, d, &path)?)
                    }
                    (None | Some(Value::Null), _) => None,
                    (Some(v), _) => Some(self.value(f, v, &path)?),
                };
                Ok(FieldSample {
                    field: f.clone(),
                    value,
                })
            })
            .collect()
    }

    fn value(&self, f: &Field, v: &Value, path: &str) -> Result<Sample, String> {
        let wrong = || format!("{path}: {v} does not fit a {:?}", f.target_kind);
        Ok(match (f.target_kind, v) {
            (_, Value::Null) => Sample::Null,
            (Kind::Blob, Value::String(s)) if f.streaming => Sample::Stream(s.clone().into_bytes()),
            (Kind::Boolean, Value::Bool(b)) => Sample::Bool(*b),
            (Kind::Byte | Kind::Short | Kind::Integer | Kind::Long, Value::Number(n)) => {
                Sample::Int(n.as_i64().ok_or_else(wrong)?)
            }
            (Kind::Float | Kind::Double, Value::Number(n)) => {
                Sample::Float(n.as_f64().ok_or_else(wrong)?)
            }
            (Kind::Float | Kind::Double, Value::String(s)) => match s.as_str() {
                "NaN" => Sample::Float(f64::NAN),
                "Infinity" => Sample::Float(f64::INFINITY),
                "-Infinity" => Sample::Float(f64::NEG_INFINITY),
                _ => return Err(wrong()),
            },
            (Kind::BigInteger | Kind::BigDecimal, Value::Number(n)) => Sample::Big {
                ty: f.ty.to_string(),
                text: n.to_string(),
            },
            (Kind::BigInteger | Kind::BigDecimal, Value::String(s)) => Sample::Big {
                ty: f.ty.to_string(),
                text: s.clone(),
            },
            (Kind::String, Value::String(s)) => Sample::Str(s.clone()),
            (Kind::Blob, Value::String(s)) => Sample::Blob(s.clone().into_bytes()),
            (Kind::Timestamp, Value::Number(n)) => {
                let secs = n.as_f64().ok_or_else(wrong)?;
                Sample::Timestamp((secs * 1000.0).round() as i64)
            }
            (Kind::Document, v) => Sample::Document(v.clone()),
            (Kind::Enum | Kind::IntEnum, Value::String(_) | Value::Number(_)) => {
                let Some(TypeDef::Enum(e)) = self.types.get(f.target.as_str()) else {
                    return Err(format!("{path}: enum {} not found", f.target));
                };
                let text = match v {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                // The Rust literal an unknown value is built from: `"text"` or `42`.
                let literal = match v {
                    Value::String(s) => format!("{s:?}"),
                    other => other.to_string(),
                };
                match e.variants.iter().find(|x| x.value == text) {
                    Some(x) => Sample::Enum {
                        ty: f.ty.to_string(),
                        variant: x.name.clone(),
                    },
                    None => Sample::UnknownEnum {
                        ty: f.ty.to_string(),
                        value: literal,
                    },
                }
            }
            (Kind::List, Value::Array(items)) => {
                let coll = self.collection(f, path)?;
                let items = items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| self.value(&coll.member, item, &format!("{path}[{i}]")))
                    .collect::<Result<_, _>>()?;
                Sample::List {
                    items,
                    sparse: coll.sparse,
                }
            }
            (Kind::Map, Value::Object(map)) => {
                let coll = self.collection(f, path)?;
                let entries = map
                    .iter()
                    .map(|(k, item)| {
                        let value = self.value(&coll.member, item, &format!("{path}.{k}"))?;
                        Ok((k.clone(), value))
                    })
                    .collect::<Result<_, String>>()?;
                Sample::Map {
                    entries,
                    sparse: coll.sparse,
                }
            }
            (Kind::Structure, Value::Object(map)) => {
                let Some(TypeDef::Structure(st)) = self.types.get(f.target.as_str()) else {
                    return Err(format!("{path}: structure {} not found", f.target));
                };
                Sample::Struct {
                    ty: f.ty.to_string(),
                    fields: self.fields(&st.fields, map, path)?,
                }
            }
            (Kind::Union, Value::Object(map)) => {
                let Some(TypeDef::Union(u)) = self.types.get(f.target.as_str()) else {
                    return Err(format!("{path}: union {} not found", f.target));
                };
                let [(name, value)] = map.iter().collect::<Vec<_>>()[..] else {
                    return Err(format!("{path}: a union value has exactly one member"));
                };
                let Some(variant) = u.variants.iter().find(|x| &x.member == name) else {
                    return Err(format!("{path}: no union member `{name}`"));
                };
                let inner = if variant.ty == RustType::Unit {
                    Sample::Unit
                } else {
                    self.value(variant, value, &format!("{path}.{name}"))?
                };
                Sample::Union {
                    ty: f.ty.to_string(),
                    variant: variant.ident.clone(),
                    boxed: variant.boxed,
                    value: Box::new(inner),
                }
            }
            _ => return Err(wrong()),
        })
    }

    fn collection(&self, f: &Field, path: &str) -> Result<&'a Collection, String> {
        self.collections
            .get(f.target.as_str())
            .copied()
            .ok_or_else(|| format!("{path}: collection {} not found", f.target))
    }
}
