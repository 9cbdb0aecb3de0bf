//! Deterministic sample values for the round-trip test crate (`--roundtrip`).
//!
//! Every member gets a value derived from its type, its constraints and where it travels:
//! strings first try a value that is awkward on the wire (`name a b/c%` in labels, with `&=+`
//! in queries, with non-ASCII and escapes in bodies), then a plain one, then values built from
//! the `@pattern` itself (the first alternative, each class's first letters or digits, each
//! repetition its minimum or a few more); a value is used only if it satisfies `@length` and
//! the translated `@pattern` (checked with the same `regex` crate generated code uses).
//! Numbers are clamped into `@range`; lists and maps get two entries (clamped into `@length`,
//! distinct for `@uniqueItems`); enums and unions rotate through their (non-deprecated)
//! variants; recursion stops at depth 4 for optional members.
//!
//! When no candidate satisfies a string's constraints, an optional member is omitted (listed in
//! [`OperationSamples::omitted`]); a required one makes the whole operation skipped, with the
//! reason.

mod strings;

use std::collections::HashMap;

use crate::ir::{
    Binding, Collection, Constraints, Field, Operation, RustType, Service, ShapeKind,
    TimestampFormat, TypeDef,
};

/// A value, independent of the crate (client or server) that will spell it.
#[derive(Debug, Clone)]
pub enum Sample {
    Bool(bool),
    Int(i64),
    Float(f64),
    /// A `bigInteger` or `bigDecimal`: its Rust type and decimal text.
    Big {
        ty: String,
        text: String,
    },
    Str(String),
    Blob(Vec<u8>),
    /// Milliseconds since the epoch.
    Timestamp(i64),
    Document(serde_json::Value),
    /// `ty` is the IR's Rust type (`crate::types::Role`).
    Enum {
        ty: String,
        variant: String,
    },
    List {
        items: Vec<Sample>,
        sparse: bool,
    },
    Map {
        entries: Vec<(String, Sample)>,
        sparse: bool,
    },
    Struct {
        ty: String,
        fields: Vec<FieldSample>,
    },
    Union {
        ty: String,
        variant: String,
        boxed: bool,
        value: Box<Sample>,
    },
    /// A value absent from a sparse list or map (protocol-test params only).
    Null,
    /// An enum value the model does not list (protocol-test params only); `value` is its Rust
    /// literal (`"text"`, `42`).
    UnknownEnum {
        ty: String,
        value: String,
    },
    /// The value of a union member that targets `smithy.api#Unit`.
    Unit,
    /// A `@streaming` blob's bytes (protocol-test params only).
    Stream(Vec<u8>),
}

/// One member and its value (`None`: left unset).
#[derive(Debug, Clone)]
pub struct FieldSample {
    pub field: Field,
    pub value: Option<Sample>,
}

/// The values of one operation's input and output.
#[derive(Debug, Clone)]
pub struct OperationSamples {
    pub input: Vec<FieldSample>,
    pub output: Vec<FieldSample>,
    /// Why the operation cannot round-trip, if it cannot.
    pub skipped: Option<String>,
    /// Optional members left unset: (`Operation.member.path`, reason).
    pub omitted: Vec<(String, String)>,
}

/// Where a value travels: decides which awkward characters it may carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    Label,
    Query,
    Header,
    /// An `@httpPrefixHeaders` key: a header-name token.
    HeaderName,
    Body,
}

/// Strings built from a translated pattern (`RustPattern::regex`): a few repetition counts
/// and alternatives of its syntax tree, look-around and back-references left out (so not
/// every one matches). For tests that need inputs near a pattern.
pub fn pattern_examples(regex: &str) -> Vec<String> {
    strings::from_pattern(&crate::pattern::without_assertions(regex), 0)
}

/// Samples for every member of `op`'s input and output.
pub fn operation(service: &Service, op: &Operation) -> OperationSamples {
    let mut s = Sampler {
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
        omitted: Vec::new(),
        success_code: op.success_code,
    };
    let name = &op.names.name;
    let input = s.fields(&op.input.fields, &format!("{name}Input"), 0, true, 0);
    let output = s.fields(&op.output.fields, &format!("{name}Output"), 0, true, 0);
    let streaming = op
        .input
        .fields
        .iter()
        .chain(&op.output.fields)
        .any(|f| f.streaming);
    let skipped = if streaming {
        Some("streaming payloads are not sampled".to_string())
    } else {
        match (&input, &output) {
            (Err(e), _) | (_, Err(e)) => Some(e.clone()),
            _ => None,
        }
    };
    OperationSamples {
        input: input.unwrap_or_default(),
        output: output.unwrap_or_default(),
        skipped,
        omitted: s.omitted,
    }
}

struct Sampler<'a> {
    types: HashMap<&'a str, &'a TypeDef>,
    collections: HashMap<&'a str, &'a Collection>,
    omitted: Vec<(String, String)>,
    success_code: u16,
}

/// What a value needs to know about the member that holds it.
struct Slot<'a> {
    target: &'a str,
    kind: ShapeKind,
    ty: &'a RustType,
    constraints: &'a Constraints,
    timestamp_format: Option<TimestampFormat>,
    place: Place,
    /// Makes values distinct (member name + index).
    base: String,
    index: usize,
}

impl<'a> Sampler<'a> {
    fn fields(
        &mut self,
        fields: &'a [Field],
        path: &str,
        depth: usize,
        top: bool,
        index: usize,
    ) -> Result<Vec<FieldSample>, String> {
        let mut out = Vec::new();
        for f in fields {
            let member_path = format!("{path}.{}", f.member);
            let optional = f.server_optional && f.client_optional;
            if depth > 3 && optional {
                out.push(FieldSample {
                    field: f.clone(),
                    value: None,
                });
                continue;
            }
            let place = if top {
                match &f.binding {
                    Binding::Label { .. } => Place::Label,
                    Binding::Query(_) | Binding::QueryParams => Place::Query,
                    Binding::Header(_) | Binding::PrefixHeaders(_) => Place::Header,
                    _ => Place::Body,
                }
            } else {
                Place::Body
            };
            let value = if top && f.binding == Binding::ResponseCode {
                Ok(Sample::Int(i64::from(self.success_code)))
            } else {
                let slot = Slot {
                    target: &f.target,
                    kind: f.target_kind,
                    ty: &f.ty,
                    constraints: &f.constraints,
                    timestamp_format: f.timestamp_format,
                    place,
                    base: f.member.to_ascii_lowercase(),
                    index,
                };
                self.value(&slot, &member_path, depth, &f.binding)
            };
            match value {
                Ok(v) => out.push(FieldSample {
                    field: f.clone(),
                    value: Some(v),
                }),
                Err(reason) if optional => {
                    self.omitted.push((member_path, reason));
                    out.push(FieldSample {
                        field: f.clone(),
                        value: None,
                    });
                }
                Err(reason) => return Err(format!("{member_path}: {reason}")),
            }
        }
        Ok(out)
    }

    fn value(
        &mut self,
        s: &Slot,
        path: &str,
        depth: usize,
        binding: &Binding,
    ) -> Result<Sample, String> {
        if let Some(sample) = scalar(s) {
            return sample;
        }
        Ok(match s.kind {
            ShapeKind::String => Sample::Str(strings::string(s)?),
            ShapeKind::Enum | ShapeKind::IntEnum => {
                let Some(TypeDef::Enum(e)) = self.types.get(s.target) else {
                    return Err(format!("enum {} not found", s.target));
                };
                let live: Vec<_> = e.variants.iter().filter(|v| !v.deprecated).collect();
                let v = live
                    .get(s.index % live.len().max(1))
                    .ok_or_else(|| "enum without variants".to_string())?;
                Sample::Enum {
                    ty: s.ty.to_string(),
                    variant: v.name.clone(),
                }
            }
            ShapeKind::List | ShapeKind::Map => self.collection(s, path, depth, binding)?,
            ShapeKind::Structure => {
                let Some(TypeDef::Structure(st)) = self.types.get(s.target) else {
                    return Err(format!("structure {} not found", s.target));
                };
                let name = st.name.clone();
                Sample::Struct {
                    ty: s.ty.to_string(),
                    fields: self.fields(&st.fields, &name, depth + 1, false, s.index)?,
                }
            }
            ShapeKind::Union => return self.union(s, path, depth, binding),
            _ => return Err("not a value shape".into()),
        })
    }

    /// The first variant of union `s` that can be sampled.
    fn union(
        &mut self,
        s: &Slot,
        path: &str,
        depth: usize,
        binding: &Binding,
    ) -> Result<Sample, String> {
        let Some(TypeDef::Union(u)) = self.types.get(s.target) else {
            return Err(format!("union {} not found", s.target));
        };
        let n = u.variants.len();
        let mut last = "union without variants".to_string();
        for i in 0..n {
            let v = &u.variants[(depth + s.index + i) % n];
            let slot = Slot {
                target: &v.target,
                kind: v.target_kind,
                ty: &v.ty,
                constraints: &v.constraints,
                timestamp_format: v.timestamp_format,
                place: Place::Body,
                base: v.member.to_ascii_lowercase(),
                index: s.index,
            };
            match self.value(&slot, &format!("{path}.{}", v.member), depth + 1, binding) {
                Ok(value) => {
                    return Ok(Sample::Union {
                        ty: s.ty.to_string(),
                        variant: v.ident.clone(),
                        boxed: v.boxed,
                        value: Box::new(value),
                    });
                }
                Err(e) => last = e,
            }
        }
        Err(last)
    }

    fn collection(
        &mut self,
        s: &Slot,
        path: &str,
        depth: usize,
        binding: &Binding,
    ) -> Result<Sample, String> {
        let Some(coll) = self.collections.get(s.target).copied() else {
            return Err(format!("collection {} not found", s.target));
        };
        let (min, max) = length(s.constraints);
        let mut count = 2usize.clamp(min, max);
        let member = &coll.member;
        if matches!(member.target_kind, ShapeKind::Enum | ShapeKind::IntEnum)
            && let Some(TypeDef::Enum(e)) = self.types.get(member.target.as_str())
        {
            count = count.min(e.variants.iter().filter(|v| !v.deprecated).count());
        }
        let slot = |index: usize, f: &'a Field, base: String| Slot {
            target: &f.target,
            kind: f.target_kind,
            ty: &f.ty,
            constraints: &f.constraints,
            timestamp_format: f.timestamp_format,
            place: s.place,
            base,
            index,
        };
        let mut values = Vec::new();
        for i in 0..count {
            let item = slot(s.index + i, member, format!("{}{i}", s.base));
            values.push(self.value(&item, &format!("{path}[{i}]"), depth + 1, binding)?);
        }
        let Some(key) = &coll.key else {
            return Ok(Sample::List {
                items: values,
                sparse: coll.sparse,
            });
        };
        let mut entries = Vec::new();
        for (i, v) in values.into_iter().enumerate() {
            let key_base = match binding {
                Binding::PrefixHeaders(_) => format!("key{i}"),
                Binding::QueryParams => format!("extra-param-{i}"),
                _ => format!("{}-key{i}", s.base),
            };
            let mut k = slot(s.index + i, key, key_base);
            if matches!(binding, Binding::PrefixHeaders(_)) {
                k.place = Place::HeaderName;
            }
            match self.value(&k, &format!("{path}<key {i}>"), depth + 1, binding)? {
                Sample::Str(k) => entries.push((k, v)),
                Sample::Enum { ty, variant } => {
                    let Some(TypeDef::Enum(e)) = self.types.get(key.target.as_str()) else {
                        return Err(format!("enum key {ty} not found"));
                    };
                    let value = e.variants.iter().find(|x| x.name == variant);
                    entries.push((value.map(|x| x.value.clone()).unwrap_or(variant), v));
                }
                other => return Err(format!("map key {other:?} is not a string")),
            }
        }
        Ok(Sample::Map {
            entries,
            sparse: coll.sparse,
        })
    }
}

/// `@range` as inclusive floating-point bounds.
/// The value of a boolean, number, blob, timestamp or document slot; `None` for other kinds.
fn scalar(s: &Slot) -> Option<Result<Sample, String>> {
    let c = s.constraints;
    Some(Ok(match s.kind {
        ShapeKind::Boolean => Sample::Bool(s.index.is_multiple_of(2)),
        ShapeKind::Byte | ShapeKind::Short | ShapeKind::Integer | ShapeKind::Long => {
            let (lo, hi) = bounds(c);
            // Beyond f64's exact integers for longs, the most negative value otherwise.
            let wide = match s.kind {
                ShapeKind::Long => (1i64 << 53) + 1,
                ShapeKind::Integer => i64::from(i32::MIN),
                ShapeKind::Short => i64::from(i16::MIN),
                _ => i64::from(i8::MIN),
            };
            let v = if s.index == 0 && (lo..=hi).contains(&(wide as f64)) {
                wide
            } else {
                (7.0 + s.index as f64).clamp(lo.ceil(), hi.floor()) as i64
            };
            Sample::Int(v)
        }
        ShapeKind::Float | ShapeKind::Double => {
            let (lo, hi) = bounds(c);
            // The special values travel as strings ("Infinity", "-Infinity").
            match s.index {
                1 if c.range.is_none() => Sample::Float(f64::INFINITY),
                2 if c.range.is_none() => Sample::Float(f64::NEG_INFINITY),
                _ => Sample::Float((0.1 + s.index as f64).clamp(lo, hi)),
            }
        }
        ShapeKind::Blob => {
            let mut bytes = format!("{}\u{0}\u{7f}", s.base).into_bytes();
            bytes.push(0xff);
            let (min, max) = length(c);
            bytes.resize(bytes.len().clamp(min, max), b'b');
            Sample::Blob(bytes)
        }
        ShapeKind::Timestamp => {
            let whole_seconds = s.timestamp_format == Some(TimestampFormat::HttpDate)
                || (s.timestamp_format.is_none() && s.place == Place::Header);
            let secs = 1_700_000_000 + 86_400 * s.index as i64;
            Sample::Timestamp(if whole_seconds {
                secs * 1000
            } else {
                secs * 1000 + 125
            })
        }
        ShapeKind::Document => Sample::Document(serde_json::json!({
            "name": format!("{} \u{1F600}\n", s.base),
            "count": 3 + s.index,
            "ok": true,
            "list": [1, -2, 2.5, "two", null, {"nested": [false]}, []],
            "empty": {},
        })),
        ShapeKind::BigInteger | ShapeKind::BigDecimal => {
            if c.range.is_some() {
                return Some(Err("big numbers with @range are not sampled".into()));
            }
            // Beyond f64's exact integers; exactly representable decimals.
            let text = match (s.kind, s.index) {
                (ShapeKind::BigInteger, 0) => "-9007199254740993".to_string(),
                (ShapeKind::BigInteger, i) => (7 + i).to_string(),
                (_, 0) => "-0.5".to_string(),
                (_, i) => format!("{}.25", 7 + i),
            };
            Sample::Big {
                ty: s.ty.to_string(),
                text,
            }
        }
        _ => return None,
    }))
}

fn bounds(c: &Constraints) -> (f64, f64) {
    let parse = |v: &Option<String>, d: f64| v.as_deref().and_then(|s| s.parse().ok()).unwrap_or(d);
    match &c.range {
        Some((lo, hi)) => (parse(lo, f64::MIN), parse(hi, f64::MAX)),
        None => (f64::MIN, f64::MAX),
    }
}

/// `@length` as inclusive bounds.
fn length(c: &Constraints) -> (usize, usize) {
    match c.length {
        Some((lo, hi)) => (
            lo.map_or(0, |n| n as usize),
            hi.map_or(usize::MAX, |n| n as usize),
        ),
        None => (0, usize::MAX),
    }
}

#[cfg(test)]
mod tests {
    use super::strings::from_pattern;

    #[test]
    fn pattern_values_match() {
        for p in [
            "^arn:aws:secretsmanager:[0-9a-zA-Z-]{1,32}:\\d{12}:secret:[A-Za-z0-9/_+=.@-]{8,520}$",
            "^$|^(https):\\/\\/.*$",
            "^[a-zA-Z0-9.]+@(\\d+\\.\\d+(\\.\\d+)?|\\$latest)$",
            "^0[xX][0-9a-fA-F]+$|^[0-9]+$",
        ] {
            let rust = crate::pattern::compile(p).unwrap();
            let r = rust.matcher();
            let found = from_pattern(&rust.regex, 0)
                .into_iter()
                .any(|s| !s.is_empty() && r.is_match(&s));
            assert!(found, "{p}");
        }
    }
}
