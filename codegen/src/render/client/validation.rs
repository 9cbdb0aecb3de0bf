//! The client's opt-in validators (`validate_requests(true)`): the server's checks over typed
//! values instead of JSON. The shapes, validator names, pattern statics and check calls come
//! from [`constraints`](crate::render::constraints), as the server's do, and the walk follows
//! the server's order (members in model order; per value: length, pattern, range, unique
//! items, then nested shapes; map entries in key order, as the server reads a JSON object), so
//! both report the same violations in the same order with the same messages.
//!
//! Every statement works on `value` (a reference to the value), `p` (its path) and `v` (the
//! violations). A validator is emitted only for a shape that can push a violation.

use std::collections::BTreeSet;

use askama::Template;

use crate::ir::ShapeKind;
use crate::ir::{Binding, Collection, Field, Service, TypeDef};
use crate::naming;
use crate::render::constraints::{self, Gen, PatternItem, http_text_bound, reachable};

/// The client's module of validators and pattern statics.
const MODULE: &str = "crate::validation";

#[derive(Template)]
#[template(path = "client/validation.rs")]
struct ValidationTemplate {
    patterns: Vec<PatternItem>,
    operations: Vec<OperationValidator>,
    items: Vec<Validator>,
}

/// The validator function of one shape, for `client/validation.rs`.
type Validator =
    constraints::Validator<EnumValidator, StructValidator, UnionValidator, CollectionValidator>;

struct EnumValidator {
    id: String,
    name: String,
    ty: String,
    values: String,
}

struct StructValidator {
    id: String,
    name: String,
    ty: String,
    stmts: Vec<String>,
}

struct UnionValidator {
    id: String,
    name: String,
    ty: String,
    /// The variants with checks (at least one).
    arms: Vec<UnionArm>,
}

struct UnionArm {
    pattern: String,
    member: String,
    checks: Vec<String>,
}

struct CollectionValidator {
    id: String,
    name: String,
    /// The element (list) or value (map) type.
    elem: String,
    /// A map entry's binding: `(key, _)` when only keys are checked.
    entry: &'static str,
    /// Values are checked, at their key's path `p` (keys report at the map's `path`).
    checks_values: bool,
    stmts: Vec<String>,
}

struct OperationValidator {
    name: String,
    input: String,
    param: &'static str,
    body: Vec<String>,
}

/// Check generation over typed values, given which shapes have a validator.
struct Checks<'g, 'a> {
    g: &'g Gen<'a>,
    needed: &'g BTreeSet<String>,
}

pub fn validation(service: &Service) -> Result<String, askama::Error> {
    let reachable = reachable(service);
    let g = Gen::new(service, &reachable, MODULE);
    // A shape needs a validator when its own checks, or a nested shape's, can push something:
    // grow the set until nothing changes (it only grows, so this ends).
    let mut needed = BTreeSet::new();
    loop {
        let c = Checks {
            g: &g,
            needed: &needed,
        };
        let next: BTreeSet<String> = reachable
            .iter()
            .filter(|id| c.shape_fn(id).is_some())
            .cloned()
            .collect();
        if next == needed {
            break;
        }
        needed = next;
    }
    let c = Checks {
        g: &g,
        needed: &needed,
    };
    let operations = service
        .operations
        .iter()
        .map(|op| {
            let stmts = c.members(&op.input.fields, "input");
            let (param, body) = if stmts.is_empty() {
                ("_input", vec!["Ok(())".to_string()])
            } else {
                let mut body = vec![
                    "let mut violations = Vec::new();".to_string(),
                    "let v = &mut violations;".to_string(),
                    "let path = Path::root();".to_string(),
                ];
                body.extend(stmts);
                body.push("ValidationError::check(violations)".into());
                ("input", body)
            };
            OperationValidator {
                name: naming::validate_fn(&op.names.snake),
                input: format!("crate::operation::{}::{}", op.names.snake, op.names.input),
                param,
                body,
            }
        })
        .collect();
    let items = reachable.iter().filter_map(|id| c.shape_fn(id)).collect();
    ValidationTemplate {
        patterns: g.pattern_items(),
        operations,
        items,
    }
    .render()
}

impl Checks<'_, '_> {
    fn call(&self, id: &str) -> Option<String> {
        self.needed
            .contains(id)
            .then(|| format!("{}(v, &p, value);", self.g.fn_of(id)))
    }

    /// The validator of shape `id`, or `None` when it could never push a violation.
    fn shape_fn(&self, id: &str) -> Option<Validator> {
        let name = self.g.fns.get(id)?.clone();
        if let Some(c) = self.g.collection(id) {
            return self.collection_fn(name, c);
        }
        let id = id.to_string();
        match self.g.type_def(&id)? {
            TypeDef::Enum(e) => Some(Validator::Enum(EnumValidator {
                values: self.g.enum_values(&id).unwrap_or_default(),
                ty: format!("crate::types::{}", e.name),
                id,
                name,
            })),
            TypeDef::Structure(s) => {
                let stmts = self.members(&s.fields, "value");
                (!stmts.is_empty()).then(|| {
                    Validator::Structure(StructValidator {
                        id,
                        name,
                        ty: format!("crate::types::{}", s.name),
                        stmts,
                    })
                })
            }
            TypeDef::Union(u) => {
                let ty = format!("crate::types::{}", u.name);
                let arms: Vec<UnionArm> = u
                    .variants
                    .iter()
                    .filter_map(|f| {
                        let checks = self.value_checks(f, false);
                        (!checks.is_empty()).then(|| UnionArm {
                            pattern: format!("{ty}::{}(value)", f.ident),
                            member: format!("{:?}", f.member),
                            checks,
                        })
                    })
                    .collect();
                (!arms.is_empty()).then_some(Validator::Union(UnionValidator {
                    id,
                    name,
                    ty,
                    arms,
                }))
            }
        }
    }

    fn collection_fn(&self, name: String, c: &Collection) -> Option<Validator> {
        let mut item = self.value_checks(&c.member, false);
        if item.is_empty()
            && c.key
                .as_ref()
                .is_none_or(|k| self.g.key_checks(k, "key").is_empty())
        {
            return None;
        }
        if c.sparse && !item.is_empty() {
            item.insert(0, "let Some(value) = value else {\ncontinue;\n};".into());
        }
        let elem = if c.sparse {
            format!("Option<{}>", c.member.ty)
        } else {
            c.member.ty.to_string()
        };
        let mut v = CollectionValidator {
            id: c.shape_id.clone(),
            name,
            elem,
            entry: if item.is_empty() {
                "(key, _)"
            } else {
                "(key, value)"
            },
            checks_values: !item.is_empty(),
            stmts: Vec::new(),
        };
        Some(match &c.key {
            None => {
                v.stmts = item;
                Validator::List(v)
            }
            Some(key) => {
                v.stmts = self.g.key_checks(key, "key");
                v.stmts.extend(item);
                Validator::Map(v)
            }
        })
    }

    /// Statements validating the members `fields` of the structure `owner` (at `path`).
    fn members(&self, fields: &[Field], owner: &str) -> Vec<String> {
        let mut out = Vec::new();
        for f in fields {
            let checks = self.value_checks(f, http_text_bound(f));
            let member = format!("{:?}", f.member);
            let field = format!("{owner}.{}", f.ident);
            // An empty list or map in the query string or prefix headers is not sent at all:
            // the server sees the member absent.
            let sent_when_empty = !matches!(
                (&f.binding, f.target_kind),
                (Binding::Query(_), ShapeKind::List)
                    | (Binding::QueryParams | Binding::PrefixHeaders(_), _)
            );
            let (present, absent) = if sent_when_empty {
                (format!("&{field}"), format!("{field}.is_none()"))
            } else {
                (
                    format!("{field}.as_ref().filter(|x| !x.is_empty())"),
                    format!("{field}.as_ref().is_none_or(|x| x.is_empty())"),
                )
            };
            let required = f.required && f.client_optional;
            let block = format!("let p = path.member({member});\n{}", checks.join("\n"));
            out.push(match (f.client_optional, checks.is_empty()) {
                (true, false) if required => format!(
                    "match {present} {{\nSome(value) => {{\n{block}\n}}\nNone => validation::required(v, &path.member({member})),\n}}"
                ),
                (true, false) => format!("if let Some(value) = {present} {{\n{block}\n}}"),
                (true, true) if required => format!(
                    "if {absent} {{\nvalidation::required(v, &path.member({member}));\n}}"
                ),
                (false, false) => format!("{{\nlet value = &{field};\n{block}\n}}"),
                (_, true) => continue,
            });
        }
        out
    }

    /// Statements validating `value: &T` of member `f` at `p`; `text` for members bound to
    /// HTTP text, whose lists and maps the server checks in place (no validator of their own,
    /// no map-key checks, entries in the order they were sent).
    fn value_checks(&self, f: &Field, text: bool) -> Vec<String> {
        let g = self.g;
        let mut out = Vec::new();
        match f.target_kind {
            ShapeKind::String => out.extend(g.string_checks(f, "value")),
            ShapeKind::Enum | ShapeKind::IntEnum => out.extend(self.call(&f.target)),
            ShapeKind::Byte | ShapeKind::Short | ShapeKind::Integer | ShapeKind::Long => {
                let range = g.range_checks(f, false);
                if !range.is_empty() {
                    out.push("let value = *value;".into());
                    out.extend(range);
                }
            }
            ShapeKind::Float | ShapeKind::Double => {
                let range = g.range_checks(f, true);
                if !range.is_empty() {
                    out.push("let value = *value;".into());
                    out.extend(range);
                }
            }
            // The server takes a blob payload as sent, unchecked.
            ShapeKind::Blob if f.binding == Binding::Payload || f.streaming => {}
            ShapeKind::Blob => out.extend(g.blob_length_check(f, "value.as_ref()")),
            ShapeKind::Structure | ShapeKind::Union => out.extend(self.call(&f.target)),
            ShapeKind::List => {
                out.extend(g.length_check(f, "value.len()"));
                if f.constraints.unique_items {
                    out.push("validation::check_unique_items_eq(v, &p, value);".into());
                }
                if !text {
                    out.extend(self.call(&f.target));
                } else if let Some(c) = g.collection(&f.target) {
                    let mut item = self.value_checks(&c.member, true);
                    if !item.is_empty() {
                        if c.sparse {
                            item.insert(0, "let Some(value) = value else {\ncontinue;\n};".into());
                        }
                        out.push(format!(
                            "for (i, value) in value.iter().enumerate() {{\nlet p = p.index(i);\n{}\n}}",
                            item.join("\n")
                        ));
                    }
                }
            }
            ShapeKind::Map => {
                out.extend(g.length_check(f, "value.len()"));
                if !text {
                    out.extend(self.call(&f.target));
                } else if let Some(c) = g.collection(&f.target) {
                    let mut item = self.value_checks(&c.member, true);
                    if !item.is_empty() {
                        if c.sparse {
                            item.insert(0, "let Some(value) = value else {\ncontinue;\n};".into());
                        }
                        // The server reads query parameters in key order, and prefix
                        // headers in the order they were sent (this same map's order).
                        let entries = if f.binding == Binding::QueryParams {
                            "value.iter().collect::<std::collections::BTreeMap<_, _>>()"
                        } else {
                            "value"
                        };
                        out.push(format!(
                            "for (key, value) in {entries} {{\nlet p = p.key(key);\n{}\n}}",
                            item.join("\n")
                        ));
                    }
                }
            }
            _ => {}
        }
        out
    }
}
