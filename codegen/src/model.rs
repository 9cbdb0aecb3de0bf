//! Stage 2: the resolved model.
//!
//! Applies `apply` statements, flattens mixins, decodes traits, and keeps only the closure of
//! shapes reachable from the one service (operations bound directly or through resources,
//! their inputs, outputs and errors, and every member target). Targets that do not resolve are
//! reported here; the semantic checks live in `validate`.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::ast::{self, AstMember, AstShape, Target};
use crate::diag::{Diagnostic, Diagnostics};
use crate::traits::Traits;

pub const UNIT: &str = "smithy.api#Unit";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Blob,
    Boolean,
    String,
    Byte,
    Short,
    Integer,
    Long,
    Float,
    Double,
    BigInteger,
    BigDecimal,
    Timestamp,
    Document,
    Enum,
    IntEnum,
    List,
    Map,
    Structure,
    Union,
    Service,
    Operation,
    Resource,
}

impl Kind {
    pub fn is_aggregate(self) -> bool {
        matches!(self, Kind::List | Kind::Map | Kind::Structure | Kind::Union)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub name: String,
    pub target: String,
    pub traits: Traits,
    /// Set by `transform::box_recursive_members`: the field needs a `Box` to break a cycle.
    pub boxed: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    pub input: String,
    pub output: String,
    pub errors: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    pub id: String,
    pub kind: Kind,
    pub traits: Traits,
    /// Members in model order; lists have `member`, maps `key` and `value`.
    pub members: Vec<Member>,
    pub operation: Option<Operation>,
}

impl Shape {
    /// The part after `#`.
    pub fn name(&self) -> &str {
        shape_name(&self.id)
    }

    pub fn member(&self, name: &str) -> Option<&Member> {
        self.members.iter().find(|m| m.name == name)
    }
}

pub fn shape_name(id: &str) -> &str {
    id.rsplit_once('#').map_or(id, |(_, name)| name)
}

#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub service: String,
    pub version: String,
    /// Operations bound to the service, sorted by shape id for deterministic output.
    pub operations: Vec<String>,
    /// Errors every operation of the service can return.
    pub service_errors: Vec<String>,
    pub rename: BTreeMap<String, String>,
    pub shapes: BTreeMap<String, Shape>,
}

impl Model {
    pub fn shape(&self, id: &str) -> &Shape {
        // Every id stored in the model was resolved while building it.
        &self.shapes[id]
    }

    pub fn get(&self, id: &str) -> Option<&Shape> {
        self.shapes.get(id)
    }

    pub fn service_shape(&self) -> &Shape {
        self.shape(&self.service)
    }

    /// The shape a member targets.
    pub fn target(&self, member: &Member) -> &Shape {
        self.shape(&member.target)
    }
}

/// Resolves `ast` into a model of its one service.
pub fn build(ast: &ast::Ast) -> Result<Model, Diagnostics> {
    let mut diagnostics = Diagnostics::default();
    let mut all = ast::prelude();
    all.extend(ast.shapes.iter().map(|(k, v)| (k.clone(), v.clone())));
    apply_statements(&mut all, &mut diagnostics);
    flatten_mixins(&mut all, &mut diagnostics);

    let services: Vec<&String> = all
        .iter()
        .filter(|(_, s)| matches!(s, AstShape::Service(_)))
        .map(|(id, _)| id)
        .collect();
    let service_id = match services.as_slice() {
        [one] => (*one).clone(),
        [] => {
            return Err(Diagnostics::one(Diagnostic::error(
                "the model defines no service shape",
            )));
        }
        many => {
            let ids: Vec<&str> = many.iter().map(|s| s.as_str()).collect();
            return Err(Diagnostics::one(Diagnostic::error(format!(
                "the model defines {} services ({}); exactly one is supported",
                many.len(),
                ids.join(", ")
            ))));
        }
    };

    let mut builder = ClosureBuilder {
        all: &all,
        shapes: BTreeMap::new(),
        operations: BTreeSet::new(),
        diagnostics: &mut diagnostics,
    };
    builder.visit(&service_id, None);
    let shapes = builder.shapes;
    let operations = builder.operations.into_iter().collect();

    let AstShape::Service(service) = &all[&service_id] else {
        unreachable!("filtered above")
    };
    diagnostics.into_result(Model {
        service: service_id.clone(),
        version: service.version.clone(),
        operations,
        service_errors: service.errors.iter().map(|t| t.target.clone()).collect(),
        rename: service.rename.clone(),
        shapes,
    })
}

struct ClosureBuilder<'a> {
    all: &'a BTreeMap<String, AstShape>,
    shapes: BTreeMap<String, Shape>,
    operations: BTreeSet<String>,
    diagnostics: &'a mut Diagnostics,
}

impl ClosureBuilder<'_> {
    /// Adds `id` and everything it reaches. `from` names the referring shape and member for
    /// the diagnostic when `id` does not exist.
    fn visit(&mut self, id: &str, from: Option<(&str, &str)>) {
        if self.shapes.contains_key(id) {
            return;
        }
        let Some(ast) = self.all.get(id) else {
            let mut d = Diagnostic::error(format!("target `{id}` is not defined in the model"));
            if let Some((shape, member)) = from {
                d = d.shape(shape);
                if !member.is_empty() {
                    d = d.member(member);
                }
            }
            self.diagnostics.push(d);
            return;
        };
        let mut errors = Vec::new();
        let traits = Traits::decode(ast.traits(), &mut errors);
        for e in errors {
            self.diagnostics.push(e.shape(id));
        }
        let (kind, members) = self.members_of(id, ast);
        let operation = match ast {
            AstShape::Operation(op) => Some(Operation {
                input: op.input.as_ref().map_or(UNIT.into(), |t| t.target.clone()),
                output: op.output.as_ref().map_or(UNIT.into(), |t| t.target.clone()),
                errors: op.errors.iter().map(|t| t.target.clone()).collect(),
            }),
            _ => None,
        };
        let references = self.references(ast, operation.as_ref());
        if kind == Kind::Operation {
            self.operations.insert(id.to_string());
        }
        let member_targets: Vec<(String, String)> = members
            .iter()
            .map(|m| (m.name.clone(), m.target.clone()))
            .collect();
        self.shapes.insert(
            id.to_string(),
            Shape {
                id: id.to_string(),
                kind,
                traits,
                members,
                operation,
            },
        );
        for (member, target) in member_targets {
            self.visit(&target, Some((id, &member)));
        }
        for (role, target) in references {
            self.visit(&target, Some((id, role)));
        }
    }

    fn members_of(&mut self, id: &str, ast: &AstShape) -> (Kind, Vec<Member>) {
        let mut decode = |members: Vec<(&String, &AstMember)>| -> Vec<Member> {
            members
                .into_iter()
                .map(|(name, m)| {
                    let mut errors = Vec::new();
                    let traits = Traits::decode(&m.traits, &mut errors);
                    for e in errors {
                        self.diagnostics.push(e.shape(id).member(name));
                    }
                    Member {
                        name: name.clone(),
                        target: m.target.clone(),
                        traits,
                        boxed: false,
                    }
                })
                .collect()
        };
        let member = "member".to_string();
        let (key, value) = ("key".to_string(), "value".to_string());
        match ast {
            AstShape::Blob(_) => (Kind::Blob, vec![]),
            AstShape::Boolean(_) => (Kind::Boolean, vec![]),
            AstShape::String(_) => (Kind::String, vec![]),
            AstShape::Byte(_) => (Kind::Byte, vec![]),
            AstShape::Short(_) => (Kind::Short, vec![]),
            AstShape::Integer(_) => (Kind::Integer, vec![]),
            AstShape::Long(_) => (Kind::Long, vec![]),
            AstShape::Float(_) => (Kind::Float, vec![]),
            AstShape::Double(_) => (Kind::Double, vec![]),
            AstShape::BigInteger(_) => (Kind::BigInteger, vec![]),
            AstShape::BigDecimal(_) => (Kind::BigDecimal, vec![]),
            AstShape::Timestamp(_) => (Kind::Timestamp, vec![]),
            AstShape::Document(_) => (Kind::Document, vec![]),
            AstShape::Enum(a) => (Kind::Enum, decode(ordered(a))),
            AstShape::IntEnum(a) => (Kind::IntEnum, decode(ordered(a))),
            AstShape::Structure(a) => (Kind::Structure, decode(ordered(a))),
            AstShape::Union(a) => (Kind::Union, decode(ordered(a))),
            AstShape::List(l) | AstShape::Set(l) => {
                (Kind::List, decode(vec![(&member, &l.member)]))
            }
            AstShape::Map(m) => (Kind::Map, decode(vec![(&key, &m.key), (&value, &m.value)])),
            AstShape::Service(_) => (Kind::Service, vec![]),
            AstShape::Operation(_) => (Kind::Operation, vec![]),
            AstShape::Resource(_) => (Kind::Resource, vec![]),
            // `apply` statements were merged into their targets before the closure walk.
            AstShape::Apply(_) => (Kind::Structure, vec![]),
        }
    }

    /// Shapes a service, resource or operation points at, with the role for diagnostics.
    fn references(&self, ast: &AstShape, op: Option<&Operation>) -> Vec<(&'static str, String)> {
        let targets = |role: &'static str, list: &[Target]| -> Vec<(&'static str, String)> {
            list.iter().map(|t| (role, t.target.clone())).collect()
        };
        match ast {
            AstShape::Service(s) => {
                let mut out = targets("operations", &s.operations);
                out.extend(targets("resources", &s.resources));
                out.extend(targets("errors", &s.errors));
                out
            }
            AstShape::Resource(r) => {
                let mut out: Vec<_> = r
                    .all_operations()
                    .map(|t| ("operations", t.target.clone()))
                    .collect();
                out.extend(targets("resources", &r.resources));
                out.extend(
                    r.identifiers
                        .values()
                        .map(|t| ("identifiers", t.target.clone())),
                );
                out
            }
            _ => match op {
                Some(op) => {
                    let mut out = vec![("input", op.input.clone()), ("output", op.output.clone())];
                    out.extend(op.errors.iter().map(|e| ("errors", e.clone())));
                    out
                }
                None => vec![],
            },
        }
    }
}

/// Members in the order the model file lists them.
fn ordered(aggregate: &ast::Aggregate) -> Vec<(&String, &AstMember)> {
    aggregate.members.iter().collect()
}

/// Merges `apply` statements (`"ns#Shape"` or `"ns#Shape$member"`) into their targets.
fn apply_statements(all: &mut BTreeMap<String, AstShape>, diagnostics: &mut Diagnostics) {
    let applies: Vec<(String, Vec<(String, Value)>)> = all
        .iter()
        .filter_map(|(id, s)| match s {
            AstShape::Apply(a) => Some((id.clone(), a.traits.0.clone())),
            _ => None,
        })
        .collect();
    for (id, traits) in applies {
        all.remove(&id);
        let (shape_id, member) = match id.split_once('$') {
            Some((s, m)) => (s.to_string(), Some(m.to_string())),
            None => (id.clone(), None),
        };
        let Some(shape) = all.get_mut(&shape_id) else {
            diagnostics
                .push(Diagnostic::error("`apply` targets a shape that is not defined").shape(&id));
            continue;
        };
        let target = match &member {
            Some(m) => shape.member_mut(m).map(|m| &mut m.traits),
            None => Some(shape.traits_mut()),
        };
        match target {
            Some(t) => traits.into_iter().for_each(|(k, v)| t.set(k, v)),
            None => diagnostics
                .push(Diagnostic::error("`apply` targets a member that does not exist").shape(&id)),
        }
    }
}

/// Copies the members and traits of each mixin into the shapes that use it, then drops the
/// mixins themselves (they generate nothing).
fn flatten_mixins(all: &mut BTreeMap<String, AstShape>, diagnostics: &mut Diagnostics) {
    let users: Vec<String> = all
        .iter()
        .filter(|(_, s)| !s.mixins().is_empty())
        .map(|(id, _)| id.clone())
        .collect();
    for id in users {
        let mut seen = BTreeSet::new();
        let mut pending: Vec<String> = all[&id].mixins().iter().map(|t| t.target.clone()).collect();
        while let Some(mixin_id) = pending.pop() {
            if !seen.insert(mixin_id.clone()) {
                continue;
            }
            let Some(mixin) = all.get(&mixin_id).cloned() else {
                diagnostics.push(
                    Diagnostic::error(format!("mixin `{mixin_id}` is not defined")).shape(&id),
                );
                continue;
            };
            pending.extend(mixin.mixins().iter().map(|t| t.target.clone()));
            let shape = all.get_mut(&id).expect("id came from the map");
            for (name, value) in mixin.traits().iter() {
                if name != "smithy.api#mixin" {
                    shape.traits_mut().insert_if_absent(name, || value.clone());
                }
            }
        }
        let members = flattened_members(all, &id, &mut BTreeSet::new());
        if let Some(dst) = all.get_mut(&id).and_then(AstShape::aggregate_mut) {
            dst.members = members;
        }
    }
    all.retain(|_, s| !s.traits().contains_key("smithy.api#mixin"));
}

/// The members of `id` with its mixins' members first, in mixin order, as Smithy orders them.
/// A member defined again keeps its first position; the later definition's target and traits
/// win, and it keeps the earlier traits it does not set.
fn flattened_members(
    all: &BTreeMap<String, AstShape>,
    id: &str,
    seen: &mut BTreeSet<String>,
) -> ast::UniqueMap<AstMember> {
    let mut out = ast::UniqueMap::default();
    let Some(shape) = all.get(id).filter(|_| seen.insert(id.to_string())) else {
        return out;
    };
    let inherited = shape
        .mixins()
        .iter()
        .flat_map(|m| flattened_members(all, &m.target, seen).0);
    let own = shape
        .aggregate()
        .into_iter()
        .flat_map(|a| a.members.0.iter().cloned());
    for (name, member) in inherited.collect::<Vec<_>>().into_iter().chain(own) {
        match out.get_mut(&name) {
            Some(earlier) => {
                let mut traits = member.traits;
                for (k, v) in earlier.traits.iter() {
                    traits.insert_if_absent(k, || v.clone());
                }
                *earlier = AstMember {
                    target: member.target,
                    traits,
                };
            }
            None => out.0.push((name, member)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<Model, Diagnostics> {
        build(&ast::parse(text).unwrap())
    }

    const SMALL: &str = r##"{"smithy":"2.0","shapes":{
        "a#Svc":{"type":"service","version":"v1","resources":[{"target":"a#Res"}]},
        "a#Res":{"type":"resource","read":{"target":"a#Get"}},
        "a#Get":{"type":"operation","input":{"target":"a#In"},"errors":[{"target":"a#Err"}]},
        "a#In":{"type":"structure","members":{"n":{"target":"a#Nested"}}},
        "a#Nested":{"type":"structure","members":{"l":{"target":"a#List"}}},
        "a#List":{"type":"list","member":{"target":"smithy.api#String"}},
        "a#Err":{"type":"structure","members":{},"traits":{"smithy.api#error":"client"}},
        "a#Unused":{"type":"string"}
    }}"##;

    #[test]
    fn closure_follows_resources_and_members() {
        let model = load(SMALL).unwrap();
        assert_eq!(model.operations, vec!["a#Get".to_string()]);
        assert!(model.get("a#List").is_some());
        assert!(model.get("smithy.api#String").is_some());
        assert!(
            model.get("a#Unused").is_none(),
            "unreachable shapes are dropped"
        );
        assert_eq!(
            model.shape("a#Get").operation.as_ref().unwrap().output,
            UNIT
        );
    }

    #[test]
    fn dangling_target_names_shape_and_member() {
        let text = SMALL.replace(
            r#""l":{"target":"a#List"}"#,
            r#""l":{"target":"a#Missing"}"#,
        );
        let err = load(&text).unwrap_err();
        assert_eq!(err.len(), 1);
        assert_eq!(err.0[0].shape.as_deref(), Some("a#Nested"));
        assert_eq!(err.0[0].member.as_deref(), Some("l"));
    }

    #[test]
    fn apply_and_mixins_are_merged() {
        let text = r##"{"smithy":"2.0","shapes":{
            "a#Svc":{"type":"service","operations":[{"target":"a#Op"}]},
            "a#Op":{"type":"operation","input":{"target":"a#In"}},
            "a#Base":{"type":"structure","members":{"b":{"target":"smithy.api#String"},"c":{"target":"smithy.api#String","traits":{"smithy.api#required":{}}}},"traits":{"smithy.api#mixin":{}}},
            "a#In":{"type":"structure","mixins":[{"target":"a#Base"}],"members":{"a":{"target":"smithy.api#String"},"c":{"target":"smithy.api#String"}}},
            "a#In$a":{"type":"apply","traits":{"smithy.api#required":{}}}
        }}"##;
        let model = load(text).unwrap();
        let input = model.shape("a#In");
        assert!(input.member("b").is_some());
        assert!(
            input.member("c").unwrap().traits.required,
            "a redefined member keeps the mixin's traits"
        );
        let order: Vec<&str> = input.members.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(
            order,
            ["b", "c", "a"],
            "mixin members first, as Smithy orders them"
        );
        assert!(input.member("a").unwrap().traits.required);
        assert!(model.get("a#Base").is_none());
    }
}
