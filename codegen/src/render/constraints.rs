//! Constraint checks shared by the server's validators (`validate.rs`, which also decode) and
//! the client's opt-in validators (`validation.rs`, which walk typed values): which shapes get a
//! validator and its name, the table of `@pattern` statics, and the `smithygen_validation`
//! calls for `@length`, `@pattern`, `@range` and enum value sets. Both crates emit the same
//! calls in the same order, so a client and a server report the same violations.

use std::collections::BTreeMap;

use crate::ir::ShapeKind;
use crate::ir::{Binding, Collection, Field, Service, TypeDef};
use crate::naming;
use crate::pattern::{Engine, RustPattern};

/// One validator function per shape, as each crate's template renders it (each crate has its
/// own view of an enum, structure, union and collection validator).
pub(crate) enum Validator<E, S, U, C> {
    Enum(E),
    Structure(S),
    Union(U),
    List(C),
    Map(C),
}

/// Everything check generation needs to look up, plus the patterns it collects.
pub struct Gen<'a> {
    pub service: &'a Service,
    /// Validator function name of every input-reachable shape id.
    pub fns: BTreeMap<String, String>,
    /// Distinct patterns (model text, translation), in the order of the `PATTERN_n` statics.
    pub patterns: Vec<(String, RustPattern)>,
    /// The generated module holding the validators and pattern statics (`crate::validate`).
    module: &'static str,
    collections: BTreeMap<&'a str, &'a Collection>,
}

/// One `static PATTERN_n: Pattern = Pattern::translated(source, regex, prefix);`, as literals
/// (`backtracking` instead of `translated` for the backtracking engine).
pub struct PatternItem {
    pub name: String,
    pub constructor: &'static str,
    pub source: String,
    pub regex: String,
    pub prefix: String,
    /// `, min, max` for `counted`, else nothing.
    pub count: String,
}

impl<'a> Gen<'a> {
    pub fn new(service: &'a Service, reachable: &[String], module: &'static str) -> Gen<'a> {
        let mut g = Gen {
            service,
            fns: naming::validator_fns(reachable.iter().map(String::as_str)),
            patterns: Vec::new(),
            module,
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
            } else if let Some(TypeDef::Structure(s)) = g.type_def(id) {
                fields.extend(&s.fields);
            } else if let Some(TypeDef::Union(u)) = g.type_def(id) {
                fields.extend(&u.variants);
            }
        }
        let mut all: Vec<(String, RustPattern)> = fields
            .iter()
            .filter(|f| f.target_kind == ShapeKind::String || f.member == "key")
            .filter_map(|f| f.constraints.pattern.clone())
            .collect();
        all.sort();
        all.dedup();
        g.patterns = all;
        g
    }

    pub fn collection(&self, id: &str) -> Option<&'a Collection> {
        self.collections.get(id).copied()
    }

    /// The structure, union or enum with shape id `id`.
    pub fn type_def(&self, id: &str) -> Option<&'a TypeDef> {
        self.service.types.iter().find(|t| type_id(t) == id)
    }

    /// The path of the validator function of shape `id`.
    pub fn fn_of(&self, id: &str) -> String {
        format!(
            "{}::{}",
            self.module,
            self.fns.get(id).map_or("missing", |s| s)
        )
    }

    /// The pattern statics, as literals for the templates.
    pub fn pattern_items(&self) -> Vec<PatternItem> {
        self.patterns
            .iter()
            .enumerate()
            .map(|(n, (source, rust))| PatternItem {
                name: naming::pattern_static(n),
                constructor: match (rust.engine, rust.char_count) {
                    (Engine::Backtracking, _) => "backtracking",
                    (Engine::Linear, Some(_)) => "counted",
                    (Engine::Linear, None) => "translated",
                },
                source: format!("{source:?}"),
                regex: format!("{:?}", rust.regex),
                count: rust
                    .char_count
                    .map_or(String::new(), |(min, max)| format!(", {min}, {max}")),
                prefix: rust
                    .forbidden_prefix
                    .as_ref()
                    .map_or("None".into(), |p| format!("Some({p:?})")),
            })
            .collect()
    }

    fn pattern(&self, f: &Field) -> Option<String> {
        let key = f.constraints.pattern.as_ref()?;
        let n = self.patterns.iter().position(|p| p == key)?;
        Some(format!("{}::{}", self.module, naming::pattern_static(n)))
    }

    /// Checks of a string held in `value` (a `&String` or `&str`), at path `p`.
    pub fn string_checks(&self, f: &Field, value: &str) -> Vec<String> {
        self.string_checks_at(f, value, "&p")
    }

    /// [`Self::string_checks`] reported at `at` (a `&Path`).
    fn string_checks_at(&self, f: &Field, value: &str, at: &str) -> Vec<String> {
        let mut out = Vec::new();
        if let Some((min, max)) = f.constraints.length {
            out.push(format!(
                "validation::check_string_length(v, {at}, {value}, {}, {});",
                bound(min),
                bound(max)
            ));
        }
        if let Some(pattern) = self.pattern(f) {
            out.push(format!(
                "validation::check_pattern(v, {at}, {value}, &{pattern});"
            ));
        }
        out
    }

    /// Checks of a map key held in `key` (a `&String`): its string constraints, and its enum
    /// value set when the key targets an enum (map keys are plain strings in both crates).
    /// A key's violations are reported at the map's path (`path`), as the Smithy protocol
    /// tests expect.
    pub fn key_checks(&self, key: &Field, value: &str) -> Vec<String> {
        let mut out = self.string_checks_at(key, value, "path");
        if key.target_kind == ShapeKind::Enum
            && let Some(values) = self.enum_values(&key.target)
        {
            out.push(format!(
                "validation::check_enum(v, path, {value}, &[{values}]);"
            ));
        }
        out
    }

    /// `"A", "B"`: the enum's wire values in model order, as a slice's contents; `@internal`
    /// values are left out (the validation message must not reveal them).
    pub fn enum_values(&self, id: &str) -> Option<String> {
        match self.type_def(id)? {
            TypeDef::Enum(e) => Some(
                e.variants
                    .iter()
                    .filter(|v| !v.internal)
                    .map(|v| format!("{:?}", v.value))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            _ => None,
        }
    }

    /// `@range` of a number held in the local `value` (by value), at path `p`.
    pub fn range_checks(&self, f: &Field, float: bool) -> Vec<String> {
        let Some((min, max)) = &f.constraints.range else {
            return Vec::new();
        };
        let lit = |b: &Option<String>| match b {
            None => "None".to_string(),
            Some(n) if float => format!("Some({}_f64)", n.parse::<f64>().unwrap_or(0.0)),
            Some(n) => format!("Some({})", n.parse::<f64>().map_or(0, |x| x as i128)),
        };
        let (call, conv) = if float && f.target_kind == ShapeKind::Double {
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

    /// `@length` of a list or map whose entry count is `len`, at path `p`.
    pub fn length_check(&self, f: &Field, len: &str) -> Vec<String> {
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

    /// `@length` of a blob `value` (bytes), at path `p`.
    pub fn blob_length_check(&self, f: &Field, value: &str) -> Vec<String> {
        f.constraints
            .length
            .map(|(min, max)| {
                format!(
                    "validation::check_blob_length(v, &p, {value}, {}, {});",
                    bound(min),
                    bound(max)
                )
            })
            .into_iter()
            .collect()
    }
}

pub fn type_id(t: &TypeDef) -> &str {
    match t {
        TypeDef::Structure(s) => &s.shape_id,
        TypeDef::Enum(e) => &e.shape_id,
        TypeDef::Union(u) => &u.shape_id,
    }
}

fn bound(b: Option<u64>) -> String {
    b.map_or("None".into(), |n| format!("Some({n})"))
}

/// Whether a member of an operation input is bound to HTTP text (label, query, header): its
/// list or map is then checked element by element in place, with no validator of its own.
pub fn http_text_bound(f: &Field) -> bool {
    !matches!(f.binding, Binding::Body | Binding::Payload)
}

/// Shape ids whose validators the input side needs: every structure, union, enum, list and
/// map reachable from an operation input.
pub fn reachable(service: &Service) -> Vec<String> {
    let mut types: BTreeMap<&str, &TypeDef> = BTreeMap::new();
    for t in &service.types {
        types.insert(type_id(t), t);
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
        if http_text_bound(f) {
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
            // Map keys (strings, enums) are checked inline as strings: an enum reached only as
            // a key needs no validator of its own (connect's `EmailHeaderType`).
            stack.push(&c.member);
        }
    }
    seen.into_iter()
        .filter(|id| types.contains_key(id.as_str()) || collections.contains_key(id.as_str()))
        .collect()
}
