//! Stage 1: a serde mirror of the Smithy JSON AST 2.0.
//!
//! Nothing here interprets the model: shapes keep their traits as raw JSON values. Parsing is
//! done shape by shape so that a malformed shape yields a diagnostic naming its id instead of
//! a bare line/column, and duplicate keys (which `serde_json` would silently collapse) are
//! reported.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, MapAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use serde_json::value::RawValue;

use crate::diag::{Diagnostic, Diagnostics};

/// The whole document: `{"smithy": "2.0", "metadata": {...}, "shapes": {...}}`.
#[derive(Debug, Clone, Default)]
pub struct Ast {
    pub version: String,
    pub metadata: BTreeMap<String, Value>,
    pub shapes: BTreeMap<String, AstShape>,
}

/// A reference to another shape: `{"target": "ns#Name"}`.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Target {
    pub target: String,
}

/// A member of an aggregate shape. An empty `target` (only before assembly) means "the one the
/// mixin or resource defines": the JSON AST omits a list's or map's members inherited from a
/// mixin.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct AstMember {
    pub target: String,
    #[serde(default, skip_serializing_if = "UniqueMap::is_empty")]
    pub traits: UniqueMap<Value>,
}

/// Every Smithy 2.0 shape type, plus `apply` statements.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(tag = "type", rename_all = "camelCase", deny_unknown_fields)]
pub enum AstShape {
    Blob(Simple),
    Boolean(Simple),
    String(Simple),
    Byte(Simple),
    Short(Simple),
    Integer(Simple),
    Long(Simple),
    Float(Simple),
    Double(Simple),
    BigInteger(Simple),
    BigDecimal(Simple),
    Timestamp(Simple),
    Document(Simple),
    Enum(Aggregate),
    IntEnum(Aggregate),
    List(ListShape),
    /// Smithy 1.0 sets; read as lists with `@uniqueItems`.
    Set(ListShape),
    Map(MapShape),
    Structure(Aggregate),
    Union(Aggregate),
    Service(ServiceShape),
    Operation(OperationShape),
    Resource(ResourceShape),
    Apply(ApplyShape),
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct Simple {
    #[serde(default, skip_serializing_if = "UniqueMap::is_empty")]
    pub traits: UniqueMap<Value>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mixins: Vec<Target>,
}

/// Structures, unions, enums and intEnums: shapes made of named members.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct Aggregate {
    #[serde(default)]
    pub members: UniqueMap<AstMember>,
    #[serde(default, skip_serializing_if = "UniqueMap::is_empty")]
    pub traits: UniqueMap<Value>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mixins: Vec<Target>,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ListShape {
    #[serde(default)]
    pub member: AstMember,
    #[serde(default, skip_serializing_if = "UniqueMap::is_empty")]
    pub traits: UniqueMap<Value>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mixins: Vec<Target>,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct MapShape {
    #[serde(default)]
    pub key: AstMember,
    #[serde(default)]
    pub value: AstMember,
    #[serde(default, skip_serializing_if = "UniqueMap::is_empty")]
    pub traits: UniqueMap<Value>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mixins: Vec<Target>,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct ServiceShape {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub version: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub operations: Vec<Target>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resources: Vec<Target>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<Target>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub rename: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "UniqueMap::is_empty")]
    pub traits: UniqueMap<Value>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mixins: Vec<Target>,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct OperationShape {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub input: Option<Target>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub output: Option<Target>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<Target>,
    #[serde(default, skip_serializing_if = "UniqueMap::is_empty")]
    pub traits: UniqueMap<Value>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mixins: Vec<Target>,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Default)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ResourceShape {
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub identifiers: BTreeMap<String, Target>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub properties: BTreeMap<String, Target>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub create: Option<Target>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub put: Option<Target>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub read: Option<Target>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub update: Option<Target>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delete: Option<Target>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub list: Option<Target>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub operations: Vec<Target>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub collection_operations: Vec<Target>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resources: Vec<Target>,
    #[serde(default, skip_serializing_if = "UniqueMap::is_empty")]
    pub traits: UniqueMap<Value>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mixins: Vec<Target>,
}

impl ResourceShape {
    /// Every operation the resource binds, lifecycle ones first.
    pub fn all_operations(&self) -> impl Iterator<Item = &Target> {
        [
            &self.create,
            &self.put,
            &self.read,
            &self.update,
            &self.delete,
            &self.list,
        ]
        .into_iter()
        .flatten()
        .chain(&self.operations)
        .chain(&self.collection_operations)
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ApplyShape {
    pub traits: UniqueMap<Value>,
}

impl AstShape {
    pub fn type_name(&self) -> &'static str {
        match self {
            AstShape::Blob(_) => "blob",
            AstShape::Boolean(_) => "boolean",
            AstShape::String(_) => "string",
            AstShape::Byte(_) => "byte",
            AstShape::Short(_) => "short",
            AstShape::Integer(_) => "integer",
            AstShape::Long(_) => "long",
            AstShape::Float(_) => "float",
            AstShape::Double(_) => "double",
            AstShape::BigInteger(_) => "bigInteger",
            AstShape::BigDecimal(_) => "bigDecimal",
            AstShape::Timestamp(_) => "timestamp",
            AstShape::Document(_) => "document",
            AstShape::Enum(_) => "enum",
            AstShape::IntEnum(_) => "intEnum",
            AstShape::List(_) => "list",
            AstShape::Set(_) => "set",
            AstShape::Map(_) => "map",
            AstShape::Structure(_) => "structure",
            AstShape::Union(_) => "union",
            AstShape::Service(_) => "service",
            AstShape::Operation(_) => "operation",
            AstShape::Resource(_) => "resource",
            AstShape::Apply(_) => "apply",
        }
    }

    pub fn traits(&self) -> &UniqueMap<Value> {
        self.parts().0
    }

    /// The shapes this one mixes in (none for `apply`).
    pub fn mixins(&self) -> &[Target] {
        self.parts().1
    }

    pub fn traits_mut(&mut self) -> &mut UniqueMap<Value> {
        self.parts_mut().0
    }

    pub fn mixins_mut(&mut self) -> Option<&mut Vec<Target>> {
        self.parts_mut().1
    }

    fn parts(&self) -> (&UniqueMap<Value>, &[Target]) {
        match self {
            AstShape::Blob(s)
            | AstShape::Boolean(s)
            | AstShape::String(s)
            | AstShape::Byte(s)
            | AstShape::Short(s)
            | AstShape::Integer(s)
            | AstShape::Long(s)
            | AstShape::Float(s)
            | AstShape::Double(s)
            | AstShape::BigInteger(s)
            | AstShape::BigDecimal(s)
            | AstShape::Timestamp(s)
            | AstShape::Document(s) => (&s.traits, &s.mixins),
            AstShape::Enum(s)
            | AstShape::IntEnum(s)
            | AstShape::Structure(s)
            | AstShape::Union(s) => (&s.traits, &s.mixins),
            AstShape::List(s) | AstShape::Set(s) => (&s.traits, &s.mixins),
            AstShape::Map(s) => (&s.traits, &s.mixins),
            AstShape::Service(s) => (&s.traits, &s.mixins),
            AstShape::Operation(s) => (&s.traits, &s.mixins),
            AstShape::Resource(s) => (&s.traits, &s.mixins),
            AstShape::Apply(s) => (&s.traits, &[]),
        }
    }

    fn parts_mut(&mut self) -> (&mut UniqueMap<Value>, Option<&mut Vec<Target>>) {
        match self {
            AstShape::Blob(s)
            | AstShape::Boolean(s)
            | AstShape::String(s)
            | AstShape::Byte(s)
            | AstShape::Short(s)
            | AstShape::Integer(s)
            | AstShape::Long(s)
            | AstShape::Float(s)
            | AstShape::Double(s)
            | AstShape::BigInteger(s)
            | AstShape::BigDecimal(s)
            | AstShape::Timestamp(s)
            | AstShape::Document(s) => (&mut s.traits, Some(&mut s.mixins)),
            AstShape::Enum(s)
            | AstShape::IntEnum(s)
            | AstShape::Structure(s)
            | AstShape::Union(s) => (&mut s.traits, Some(&mut s.mixins)),
            AstShape::List(s) | AstShape::Set(s) => (&mut s.traits, Some(&mut s.mixins)),
            AstShape::Map(s) => (&mut s.traits, Some(&mut s.mixins)),
            AstShape::Service(s) => (&mut s.traits, Some(&mut s.mixins)),
            AstShape::Operation(s) => (&mut s.traits, Some(&mut s.mixins)),
            AstShape::Resource(s) => (&mut s.traits, Some(&mut s.mixins)),
            AstShape::Apply(s) => (&mut s.traits, None),
        }
    }

    /// Structures, unions, enums and intEnums.
    pub fn aggregate(&self) -> Option<&Aggregate> {
        match self {
            AstShape::Enum(a)
            | AstShape::IntEnum(a)
            | AstShape::Structure(a)
            | AstShape::Union(a) => Some(a),
            _ => None,
        }
    }

    pub fn aggregate_mut(&mut self) -> Option<&mut Aggregate> {
        match self {
            AstShape::Enum(a)
            | AstShape::IntEnum(a)
            | AstShape::Structure(a)
            | AstShape::Union(a) => Some(a),
            _ => None,
        }
    }

    /// Every member with its name: a list's `member`, a map's `key` and `value`, an
    /// aggregate's members in order.
    pub fn members(&self) -> Vec<(&str, &AstMember)> {
        match self {
            AstShape::List(l) | AstShape::Set(l) => vec![("member", &l.member)],
            AstShape::Map(m) => vec![("key", &m.key), ("value", &m.value)],
            other => other
                .aggregate()
                .map(|a| a.members.iter().map(|(k, v)| (k.as_str(), v)).collect())
                .unwrap_or_default(),
        }
    }

    /// Every shape id this shape points at: member targets, mixins, and the operations,
    /// resources, errors, inputs, outputs and identifiers of services, resources and
    /// operations.
    pub fn references(&self) -> Vec<&str> {
        let mut out: Vec<&str> = self
            .members()
            .into_iter()
            .map(|(_, m)| m.target.as_str())
            .collect();
        let mut refs: Vec<&Target> = self.mixins().iter().collect();
        match self {
            AstShape::Service(s) => {
                refs.extend(s.operations.iter().chain(&s.resources).chain(&s.errors));
            }
            AstShape::Operation(o) => refs.extend(o.input.iter().chain(&o.output).chain(&o.errors)),
            AstShape::Resource(r) => refs.extend(
                r.all_operations()
                    .chain(&r.resources)
                    .chain(r.identifiers.values())
                    .chain(r.properties.values()),
            ),
            _ => {}
        }
        out.extend(refs.into_iter().map(|t| t.target.as_str()));
        out
    }

    pub fn member_mut(&mut self, name: &str) -> Option<&mut AstMember> {
        match (self, name) {
            (AstShape::List(l) | AstShape::Set(l), "member") => Some(&mut l.member),
            (AstShape::Map(m), "key") => Some(&mut m.key),
            (AstShape::Map(m), "value") => Some(&mut m.value),
            (other, _) => other.aggregate_mut()?.members.get_mut(name),
        }
    }
}

impl Serialize for Ast {
    /// The JSON AST document, shapes in id order, members in model order.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("smithy", &self.version)?;
        if !self.metadata.is_empty() {
            map.serialize_entry("metadata", &self.metadata)?;
        }
        map.serialize_entry("shapes", &self.shapes)?;
        map.end()
    }
}

impl<V: Serialize> Serialize for UniqueMap<V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// A JSON object read in document order, rejecting duplicate keys. Order matters: generated
/// structs list their fields in the model's order, as hand-written code would.
#[derive(Debug, Clone, PartialEq)]
pub struct UniqueMap<V>(pub Vec<(String, V)>);

impl<V> Default for UniqueMap<V> {
    fn default() -> Self {
        UniqueMap(Vec::new())
    }
}

impl<V> UniqueMap<V> {
    pub fn get(&self, key: &str) -> Option<&V> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn get_mut(&mut self, key: &str) -> Option<&mut V> {
        self.0.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &V)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    /// Inserts `value` unless `key` is present already.
    pub fn insert_if_absent(&mut self, key: &str, value: impl FnOnce() -> V) {
        if !self.contains_key(key) {
            self.0.push((key.to_string(), value()));
        }
    }

    /// Inserts or replaces.
    pub fn set(&mut self, key: String, value: V) {
        match self.get_mut(&key) {
            Some(slot) => *slot = value,
            None => self.0.push((key, value)),
        }
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for UniqueMap<V> {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct UniqueVisitor<V>(PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for UniqueVisitor<V> {
            type Value = UniqueMap<V>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
                let mut map = UniqueMap::default();
                while let Some(key) = access.next_key::<String>()? {
                    if map.contains_key(&key) {
                        return Err(de::Error::custom(format_args!("duplicate key `{key}`")));
                    }
                    let value = access.next_value()?;
                    map.0.push((key, value));
                }
                Ok(map)
            }
        }
        deserializer.deserialize_map(UniqueVisitor(PhantomData))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDocument<'a> {
    smithy: String,
    #[serde(default)]
    metadata: BTreeMap<String, Value>,
    #[serde(borrow, default)]
    shapes: UniqueMap<&'a RawValue>,
}

/// Parses a JSON AST document. Every problem found is reported, each naming the shape id.
pub fn parse(text: &str) -> Result<Ast, Diagnostics> {
    let raw: RawDocument = serde_json::from_str(text).map_err(|e| {
        Diagnostics::one(Diagnostic::error(format!(
            "not a Smithy JSON AST document: {e}"
        )))
    })?;
    let mut diagnostics = Diagnostics::default();
    if !raw.smithy.starts_with("2.") && !raw.smithy.starts_with("1.") {
        diagnostics.push(Diagnostic::error(format!(
            "unsupported Smithy IDL version `{}` (expected 2.0)",
            raw.smithy
        )));
    }
    let mut shapes = BTreeMap::new();
    for (id, text) in raw.shapes.0 {
        match serde_json::from_str::<AstShape>(text.get()) {
            Ok(shape) => {
                shapes.insert(id, shape);
            }
            Err(e) => diagnostics.push(Diagnostic::error(describe_shape_error(&e)).shape(&id)),
        }
    }
    diagnostics.into_result(Ast {
        version: raw.smithy,
        metadata: raw.metadata,
        shapes,
    })
}

/// serde's messages mention positions inside the shape's own text, which mean nothing to the
/// reader; keep only the sentence.
fn describe_shape_error(error: &serde_json::Error) -> String {
    let message = error.to_string();
    match message.find(" at line ") {
        Some(cut) => message[..cut].to_string(),
        None => message,
    }
}

/// The prelude shapes every model may target without defining them (`smithy.api#String`, ...).
pub fn prelude() -> BTreeMap<String, AstShape> {
    let simple = |make: fn(Simple) -> AstShape| make(Simple::default());
    let mut shapes = BTreeMap::new();
    let entries: [(&str, AstShape); 18] = [
        ("Blob", simple(AstShape::Blob)),
        ("Boolean", simple(AstShape::Boolean)),
        ("String", simple(AstShape::String)),
        ("Byte", simple(AstShape::Byte)),
        ("Short", simple(AstShape::Short)),
        ("Integer", simple(AstShape::Integer)),
        ("Long", simple(AstShape::Long)),
        ("Float", simple(AstShape::Float)),
        ("Double", simple(AstShape::Double)),
        ("BigInteger", simple(AstShape::BigInteger)),
        ("BigDecimal", simple(AstShape::BigDecimal)),
        ("Timestamp", simple(AstShape::Timestamp)),
        ("Document", simple(AstShape::Document)),
        ("PrimitiveBoolean", simple(AstShape::Boolean)),
        ("PrimitiveInteger", simple(AstShape::Integer)),
        ("PrimitiveLong", simple(AstShape::Long)),
        ("PrimitiveDouble", simple(AstShape::Double)),
        ("Unit", AstShape::Structure(Aggregate::default())),
    ];
    for (name, shape) in entries {
        shapes.insert(format!("smithy.api#{name}"), shape);
    }
    for (name, make) in [
        ("PrimitiveByte", AstShape::Byte as fn(Simple) -> AstShape),
        ("PrimitiveShort", AstShape::Short),
        ("PrimitiveFloat", AstShape::Float),
    ] {
        shapes.insert(format!("smithy.api#{name}"), simple(make));
    }
    shapes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_shape_type() {
        let text = r##"{"smithy":"2.0","shapes":{
            "a#B":{"type":"blob"},"a#S":{"type":"string","traits":{"smithy.api#length":{"min":1}}},
            "a#E":{"type":"enum","members":{"X":{"target":"smithy.api#Unit"}}},
            "a#I":{"type":"intEnum","members":{"X":{"target":"smithy.api#Unit","traits":{"smithy.api#enumValue":1}}}},
            "a#L":{"type":"list","member":{"target":"a#S"}},
            "a#M":{"type":"map","key":{"target":"a#S"},"value":{"target":"a#S"}},
            "a#N":{"type":"bigDecimal"},"a#O":{"type":"bigInteger"},
            "a#R":{"type":"resource","identifiers":{"id":{"target":"a#S"}},"collectionOperations":[]},
            "a#Op":{"type":"operation","input":{"target":"a#St"}},
            "a#St":{"type":"structure","members":{"m":{"target":"a#L"}}},
            "a#U":{"type":"union","members":{"m":{"target":"a#S"}}},
            "a#Svc":{"type":"service","version":"1","operations":[{"target":"a#Op"}]}
        }}"##;
        let ast = parse(text).unwrap();
        assert_eq!(ast.shapes.len(), 13);
        assert_eq!(ast.shapes["a#I"].type_name(), "intEnum");
        assert_eq!(ast.shapes["a#S"].traits().len(), 1);
    }

    #[test]
    fn duplicate_member_is_reported_with_shape_id() {
        let text = r#"{"smithy":"2.0","shapes":{"a#S":{"type":"structure","members":{"m":{"target":"smithy.api#String"},"m":{"target":"smithy.api#String"}}}}}"#;
        let err = parse(text).unwrap_err().to_string();
        assert!(
            err.contains("a#S") && err.contains("duplicate key `m`"),
            "{err}"
        );
    }

    #[test]
    fn unknown_shape_type_is_reported_with_shape_id() {
        let text = r#"{"smithy":"2.0","shapes":{"a#S":{"type":"struct"}}}"#;
        let err = parse(text).unwrap_err().to_string();
        assert!(
            err.contains("a#S") && err.contains("unknown variant `struct`"),
            "{err}"
        );
    }

    #[test]
    fn prelude_has_unit_and_primitives() {
        let prelude = prelude();
        assert!(matches!(prelude["smithy.api#Unit"], AstShape::Structure(_)));
        assert!(matches!(
            prelude["smithy.api#PrimitiveFloat"],
            AstShape::Float(_)
        ));
    }
}
