//! Code for the server's request decoding and validation: one block per member value, in the
//! shape of `{ ...; Some(value) }` (an `Option<T>` that is `None` only when a violation was
//! pushed), using `value` (the raw value), `p` (its path) and `v` (the violations).

use std::collections::BTreeMap;

use crate::ir::{Binding, Collection, Field, Service, TypeDef};
use crate::model::Kind;
use crate::naming;
use crate::traits::TimestampFormat;

/// Where a raw value comes from: a JSON document, or HTTP text (label, query, header).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Src {
    Json,
    Text { default_time: TimestampFormat },
}

/// Everything block generation needs to look up, plus the patterns it collects.
pub struct Gen<'a> {
    pub service: &'a Service,
    pub fns: BTreeMap<String, String>,
    pub patterns: Vec<(String, String, Option<String>)>,
    collections: BTreeMap<&'a str, &'a Collection>,
}

pub const UNSUPPORTED: &str = "not supported by this generator";

impl<'a> Gen<'a> {
    pub fn new(service: &'a Service, reachable: &[String]) -> Gen<'a> {
        let mut g = Gen {
            service,
            fns: naming::validator_fns(reachable.iter().map(String::as_str)),
            patterns: Vec::new(),
            collections: service
                .collections
                .iter()
                .map(|c| (c.shape_id.as_str(), c))
                .collect(),
        };
        // Every pattern a validator checks, in one deterministic order shared by all files.
        let mut fields: Vec<&Field> = service
            .operations
            .iter()
            .flat_map(|o| &o.input.fields)
            .collect();
        for id in reachable {
            if let Some(c) = g.collection(id) {
                fields.push(&c.member);
                fields.extend(&c.key);
            } else if let Some(TypeDef::Structure(s)) = service
                .types
                .iter()
                .find(|t| matches!(t, TypeDef::Structure(s) if s.shape_id == *id))
            {
                fields.extend(&s.fields);
            } else if let Some(TypeDef::Union(u)) = service
                .types
                .iter()
                .find(|t| matches!(t, TypeDef::Union(u) if u.shape_id == *id))
            {
                fields.extend(&u.variants);
            }
        }
        let mut all: Vec<(String, String, Option<String>)> = fields
            .iter()
            .filter(|f| f.target_kind == Kind::String || f.member == "key")
            .filter_map(|f| f.constraints.pattern.as_ref())
            .map(|(source, rust)| {
                (
                    source.clone(),
                    rust.regex.clone(),
                    rust.forbidden_prefix.clone(),
                )
            })
            .collect();
        all.sort();
        all.dedup();
        g.patterns = all;
        g
    }

    pub fn collection(&self, id: &str) -> Option<&'a Collection> {
        self.collections.get(id).copied()
    }

    pub fn fn_of(&self, id: &str) -> String {
        format!(
            "crate::validate::{}",
            self.fns.get(id).map_or("missing", |s| s)
        )
    }

    fn pattern(&mut self, f: &Field) -> Option<String> {
        let (source, rust) = f.constraints.pattern.as_ref()?;
        let key = (
            source.clone(),
            rust.regex.clone(),
            rust.forbidden_prefix.clone(),
        );
        let n = self.patterns.iter().position(|p| *p == key)?;
        Some(format!("crate::validate::{}", naming::pattern_static(n)))
    }

    /// Checks of a string held in `value` (a `String` or `&String`).
    pub fn string_checks(&mut self, f: &Field, value: &str) -> Vec<String> {
        let mut out = Vec::new();
        if let Some((min, max)) = f.constraints.length {
            out.push(format!(
                "validation::check_string_length(v, &p, {value}, {}, {});",
                bound(min),
                bound(max)
            ));
        }
        if let Some(pattern) = self.pattern(f) {
            out.push(format!(
                "validation::check_pattern(v, &p, {value}, &{pattern});"
            ));
        }
        out
    }

    fn range_checks(&self, f: &Field, float: bool) -> Vec<String> {
        let Some((min, max)) = &f.constraints.range else {
            return Vec::new();
        };
        let lit = |b: &Option<String>| match b {
            None => "None".to_string(),
            Some(n) if float => format!("Some({}_f64)", n.parse::<f64>().unwrap_or(0.0)),
            Some(n) => format!("Some({})", n.parse::<f64>().map_or(0, |x| x as i128)),
        };
        let (call, conv) = if float && f.target_kind == Kind::Double {
            ("check_range_float", "value")
        } else if float {
            ("check_range_float", "f64::from(value)")
        } else {
            ("check_range_int", "i128::from(value)")
        };
        vec![format!(
            "validation::{call}(v, &p, {conv}, {}, {});",
            lit(min),
            lit(max)
        )]
    }

    fn length_check(&self, f: &Field, len: &str) -> Vec<String> {
        f.constraints
            .length
            .map(|(min, max)| {
                format!(
                    "validation::check_length(v, &p, {len}, {}, {});",
                    bound(min),
                    bound(max)
                )
            })
            .into_iter()
            .collect()
    }

    /// The block for one value of member `f`.
    pub fn block(&mut self, f: &Field, src: Src) -> String {
        let mut stmts: Vec<String> = Vec::new();
        let fname = self.fn_of(&f.target);
        let text = matches!(src, Src::Text { .. });
        let int_ty = match f.target_kind {
            Kind::Byte => Some("i8"),
            Kind::Short => Some("i16"),
            Kind::Integer => Some("i32"),
            Kind::Long => Some("i64"),
            _ => None,
        };
        let result: String = match f.target_kind {
            Kind::String => {
                stmts.push(if text {
                    "let value = bind::string(value, &p);".into()
                } else {
                    "let value = decode::string(value, &p)?;".into()
                });
                stmts.extend(self.string_checks(f, "&value"));
                "Some(value)".into()
            }
            Kind::Enum => {
                let raw = if text {
                    "value"
                } else {
                    "decode::string(value, &p)?"
                };
                format!("{fname}(v, &p, {raw})")
            }
            Kind::IntEnum => {
                let raw = if text {
                    "bind::parse_int(&value, &p)?"
                } else {
                    "decode::integer(value, &p)?"
                };
                format!("{fname}(v, &p, {raw})")
            }
            Kind::Boolean => {
                if text {
                    "Some(bind::parse_bool(&value, &p)?)".into()
                } else {
                    "Some(decode::boolean(value, &p)?)".into()
                }
            }
            _ if int_ty.is_some() => {
                let ty = int_ty.unwrap_or("i32");
                stmts.push(if text {
                    format!("let value: {ty} = bind::parse_int(&value, &p)?;")
                } else {
                    format!("let value: {ty} = decode::integer(value, &p)?;")
                });
                stmts.extend(self.range_checks(f, false));
                "Some(value)".into()
            }
            Kind::Float | Kind::Double => {
                let which = if f.target_kind == Kind::Float {
                    "float"
                } else {
                    "double"
                };
                stmts.push(if text {
                    format!("let value = bind::parse_{which}(&value, &p)?;")
                } else {
                    format!("let value = decode::{which}(value, &p)?;")
                });
                stmts.extend(self.range_checks(f, true));
                "Some(value)".into()
            }
            Kind::Timestamp => {
                let format = time_format(f, src);
                if text {
                    format!("Some(bind::parse_timestamp(&value, &p, {format})?)")
                } else {
                    format!("Some(decode::timestamp(value, &p, {format})?)")
                }
            }
            Kind::Blob if f.ty.contains("ByteStream") => return unsupported(f, "a streaming blob"),
            Kind::Blob => {
                stmts.push(if text {
                    "let value = bind::parse_blob(&value, &p)?;".into()
                } else {
                    "let value = decode::blob(value, &p)?;".into()
                });
                if let Some((min, max)) = f.constraints.length {
                    stmts.push(format!(
                        "validation::check_blob_length(v, &p, value.as_ref(), {}, {});",
                        bound(min),
                        bound(max)
                    ));
                }
                "Some(value)".into()
            }
            Kind::Document if !text => "Some(decode::document(value, &p)?)".into(),
            Kind::BigInteger | Kind::BigDecimal if !text => {
                "Some(decode::big_number(value, &p)?)".into()
            }
            Kind::Structure | Kind::Union if !text => format!("{fname}(v, &p, value)?"),
            Kind::List if !text => {
                stmts.push("let value = decode::list(value, &p)?;".into());
                stmts.extend(self.length_check(f, "value.len()"));
                if f.constraints.unique_items {
                    stmts.push("decode::check_unique(v, &p, &value);".into());
                }
                format!("{fname}(v, &p, value)?")
            }
            Kind::Map if !text => {
                stmts.push("let value = decode::map(value, &p)?;".into());
                stmts.extend(self.length_check(f, "value.len()"));
                format!("{fname}(v, &p, value)?")
            }
            _ => return unsupported(f, "this type in an HTTP binding"),
        };
        if stmts.is_empty() {
            return result;
        }
        stmts.push(result);
        format!("{{\n{}\n}}", stmts.join("\n"))
    }

    /// A block for a list of HTTP text values (`value: Vec<String>`), from a list member.
    pub fn text_list_block(&mut self, f: &Field, default_time: TimestampFormat) -> String {
        let Some(c) = self.collection(&f.target) else {
            return unsupported(f, "this list");
        };
        let mut stmts = self.length_check(f, "value.len()");
        if f.constraints.unique_items {
            stmts.push("validation::check_unique_items(v, &p, &value);".into());
        }
        let item = self.block(&c.member, Src::Text { default_time });
        stmts.push(format!(
            "let before = v.len();\nlet mut out = Vec::with_capacity(value.len());\n\
             for (i, value) in value.into_iter().enumerate() {{\nlet p = p.index(i);\n\
             if let Some(item) = {item} {{\nout.push({});\n}}\n}}\n(v.len() == before).then_some(out)",
            if c.sparse { "Some(item)" } else { "item" }
        ));
        format!("{{\n{}\n}}", stmts.join("\n"))
    }

    /// A block for `@httpQueryParams` / `@httpPrefixHeaders` maps (`value: Vec<(String, X)>`
    /// with `X` a `String`, or a `Vec<String>` for maps of lists).
    pub fn text_map_block(&mut self, f: &Field) -> String {
        let Some(c) = self.collection(&f.target) else {
            return unsupported(f, "this map");
        };
        let default_time = TimestampFormat::DateTime;
        let item = if c.member.target_kind == Kind::List {
            self.text_list_block(&c.member, default_time)
        } else {
            self.block(&c.member, Src::Text { default_time })
        };
        let mut stmts = self.length_check(f, "value.len()");
        stmts.push(format!(
            "let before = v.len();\nlet mut out = std::collections::HashMap::with_capacity(value.len());\n\
             for (key, value) in value {{\nlet p = p.key(&key);\n\
             if let Some(item) = {item} {{\nout.insert(key.clone(), {});\n}}\n}}\n(v.len() == before).then_some(out)",
            if c.sparse { "Some(item)" } else { "item" }
        ));
        format!("{{\n{}\n}}", stmts.join("\n"))
    }
}

/// A block that answers 500 for a binding or type the generator does not handle yet.
pub fn unsupported(f: &Field, what: &str) -> String {
    format!(
        "{{\nlet _ = (value, &p, &mut *v);\nbind::unsupported(\"{}: {what} is {UNSUPPORTED}\")?\n}}",
        f.member
    )
}

fn bound(b: Option<u64>) -> String {
    b.map_or("None".into(), |n| format!("Some({n})"))
}

pub fn format_path(format: TimestampFormat) -> &'static str {
    match format {
        TimestampFormat::DateTime => "smithygen_server_runtime::Format::DateTime",
        TimestampFormat::HttpDate => "smithygen_server_runtime::Format::HttpDate",
        TimestampFormat::EpochSeconds => "smithygen_server_runtime::Format::EpochSeconds",
    }
}

fn time_format(f: &Field, src: Src) -> &'static str {
    let default = match src {
        Src::Json => TimestampFormat::EpochSeconds,
        Src::Text { default_time } => default_time,
    };
    format_path(f.timestamp_format.unwrap_or(default))
}

/// Shape ids whose validators the input side needs: every structure, union, enum, list and
/// map reachable from an operation input.
pub fn reachable(service: &Service) -> Vec<String> {
    let mut types: BTreeMap<&str, &TypeDef> = BTreeMap::new();
    for t in &service.types {
        let id = match t {
            TypeDef::Structure(s) => &s.shape_id,
            TypeDef::Enum(e) => &e.shape_id,
            TypeDef::Union(u) => &u.shape_id,
        };
        types.insert(id, t);
    }
    let collections: BTreeMap<&str, &Collection> = service
        .collections
        .iter()
        .map(|c| (c.shape_id.as_str(), c))
        .collect();
    let mut seen = std::collections::BTreeSet::new();
    // HTTP-bound members decode their text element by element: only the elements' shapes
    // (enums) need validators, not the lists or maps themselves.
    let mut stack: Vec<&Field> = Vec::new();
    for f in service.operations.iter().flat_map(|o| &o.input.fields) {
        let mut f = f;
        if !matches!(f.binding, Binding::Body | Binding::Payload) {
            while let Some(c) = collections.get(f.target.as_str()) {
                f = &c.member;
            }
        }
        stack.push(f);
    }
    while let Some(f) = stack.pop() {
        let id = f.target.as_str();
        if !seen.insert(id.to_string()) {
            continue;
        }
        if let Some(t) = types.get(id) {
            match t {
                TypeDef::Structure(s) => stack.extend(&s.fields),
                TypeDef::Union(u) => stack.extend(&u.variants),
                TypeDef::Enum(_) => {}
            }
        } else if let Some(c) = collections.get(id) {
            stack.push(&c.member);
            stack.extend(&c.key);
        }
    }
    seen.into_iter()
        .filter(|id| types.contains_key(id.as_str()) || collections.contains_key(id.as_str()))
        .collect()
}
