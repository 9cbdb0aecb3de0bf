//! One parsed IDL file into JSON AST shapes: relative shape ids resolved (a `use`d name,
//! then a shape of the file's namespace anywhere in the model, then the prelude), node values
//! turned into JSON, annotation traits given their empty value, `= value` turned into
//! `@default` or `@enumValue`.

use std::collections::HashMap;

use serde_json::{Map, Number, Value};

use crate::ast::{AstMember, AstShape, Target, UniqueMap};
use crate::diag::{Diagnostic, Diagnostics, LineIndex, Location};
use crate::idl::{IdlFile, MemberDef, Node, RelId, ShapeDef, TraitApp, Version};

use super::{Applied, Elided, Placed};

pub(super) const PRELUDE: &str = "smithy.api";

/// What one file contributes to the model.
#[derive(Default)]
pub(super) struct FileShapes {
    pub shapes: Vec<Placed>,
    pub applies: Vec<Applied>,
    pub metadata: Vec<(String, Value, Option<Location>)>,
    pub elided: Vec<Elided>,
}

pub(super) struct Resolver<'a> {
    pub label: &'a str,
    pub text: &'a str,
    pub file: &'a IdlFile,
    /// Every shape id of the model with its type name.
    pub types: &'a HashMap<String, &'static str>,
    pub diagnostics: &'a mut Diagnostics,
    pub lines: LineIndex,
}

impl Resolver<'_> {
    pub fn run(mut self) -> FileShapes {
        let mut out = FileShapes::default();
        self.check_uses();
        for (key, node, at) in &self.file.metadata {
            let value = self.value(node);
            out.metadata.push((key.clone(), value, Some(self.loc(*at))));
        }
        for def in &self.file.shapes {
            if let Some(placed) = self.shape(def, &mut out.elided) {
                out.shapes.push(placed);
            }
        }
        for apply in &self.file.applies {
            let target = self.resolve(&apply.target);
            let traits = self.traits(&apply.traits, &target);
            out.applies.push(Applied {
                target,
                traits,
                location: Some(self.loc(apply.target.at)),
            });
        }
        out
    }

    fn loc(&self, at: usize) -> Location {
        self.lines.location(self.label, self.text, at)
    }

    fn error(&mut self, at: usize, message: impl Into<String>) {
        let d = Diagnostic::error(message).at(self.loc(at));
        self.diagnostics.push(d);
    }

    fn namespace(&self) -> &str {
        self.file.namespace.as_deref().unwrap_or(PRELUDE)
    }

    /// Two `use`s of one name, or a `use`d name that a shape of the file redefines.
    fn check_uses(&mut self) {
        let mut names: HashMap<&str, &str> = HashMap::new();
        for used in &self.file.uses {
            let name = used.text.split('#').nth(1).unwrap_or_default();
            if let Some(previous) = names.insert(name, &used.text)
                && previous != used.text
            {
                let message = format!(
                    "Cannot use name `{}` because it conflicts with `{previous}`",
                    used.text
                );
                self.error(used.at, message);
            }
        }
        for def in &self.file.shapes {
            if let Some(used) = names.get(def.name.as_str()) {
                let message = format!(
                    "Shape name `{}` conflicts with imported shape `{used}`",
                    def.name
                );
                self.error(def.at, message);
            }
        }
    }

    /// The absolute id a written id stands for.
    pub fn resolve(&self, id: &RelId) -> String {
        if id.is_absolute() {
            return id.text.clone();
        }
        let (name, member) = match id.text.split_once('$') {
            Some((name, member)) => (name, Some(member)),
            None => (id.text.as_str(), None),
        };
        let used = self
            .file
            .uses
            .iter()
            .find(|u| u.text.split('#').nth(1) == Some(name));
        let local = format!("{}#{name}", self.namespace());
        let base = match used {
            Some(u) => u.text.clone(),
            None if self.types.contains_key(&local) => local,
            None => {
                let prelude = format!("{PRELUDE}#{name}");
                if self.types.contains_key(&prelude) {
                    prelude
                } else {
                    local
                }
            }
        };
        match member {
            Some(m) => format!("{base}${m}"),
            None => base,
        }
    }

    /// A node value as JSON; unquoted shape ids must name a shape.
    pub fn value(&mut self, node: &Node) -> Value {
        match node {
            Node::Null => Value::Null,
            Node::Bool(b) => Value::Bool(*b),
            Node::Number(text) => number(text).unwrap_or_else(|| {
                self.diagnostics.push(Diagnostic::error(format!(
                    "number `{text}` is out of range"
                )));
                Value::Null
            }),
            Node::String(s) => Value::String(s.clone()),
            Node::Id(id) => {
                let resolved = self.resolve(id);
                let shape = resolved.split('$').next().unwrap_or_default();
                if !self.types.contains_key(shape) {
                    let message = format!(
                        "Syntactic shape ID `{}` does not resolve to a valid shape ID: `{resolved}`",
                        id.text
                    );
                    self.error(id.at, message);
                }
                Value::String(resolved)
            }
            Node::Array(items) => Value::Array(items.iter().map(|n| self.value(n)).collect()),
            Node::Object(entries) => Value::Object(
                entries
                    .iter()
                    .map(|(k, v)| (k.clone(), self.value(v)))
                    .collect(),
            ),
        }
    }

    /// Traits as the JSON AST holds them. `owner` names the shape (or member) for messages.
    pub fn traits(&mut self, traits: &[TraitApp], owner: &str) -> UniqueMap<Value> {
        let mut out: UniqueMap<Value> = UniqueMap::default();
        for t in traits {
            let name = self.resolve(&t.name);
            let value = match &t.value {
                Some(node) => self.value(node),
                None => self.annotation(&name),
            };
            if name == "smithy.api#mixin" && self.file.version == Version::V1 {
                let message = format!(
                    "Mixins can only be used in Smithy 2.0 or later. Attempted to apply a \
                     @mixin trait to `{owner}` in a model file using version `1.0`."
                );
                self.error(t.name.at, message);
            }
            if let Err(message) = super::merge_trait(&mut out, name, value) {
                self.error(t.name.at, format!("{owner}: {message}"));
            }
        }
        out
    }

    /// `@name` alone: `[]` for list traits, `{}` for every other kind (structures, maps and
    /// the annotation traits of the prelude).
    fn annotation(&mut self, name: &str) -> Value {
        match self.types.get(name) {
            Some(&"list" | &"set") => Value::Array(Vec::new()),
            _ => Value::Object(Map::new()),
        }
    }

    fn shape(&mut self, def: &ShapeDef, elided: &mut Vec<Elided>) -> Option<Placed> {
        let id = format!("{}#{}", self.namespace(), def.name);
        let mut shape = match self.skeleton(def, &id) {
            Ok(shape) => shape,
            Err(message) => {
                self.diagnostics
                    .push(Diagnostic::error(message).shape(&id).at(self.loc(def.at)));
                return None;
            }
        };
        *shape.traits_mut() = self.traits(&def.traits, &id);
        let mixins: Vec<Target> = def
            .mixins
            .iter()
            .map(|m| Target {
                target: self.resolve(m),
            })
            .collect();
        if let Some(slot) = shape.mixins_mut() {
            *slot = mixins;
        }
        let members = self.members(def, &id);
        if let Some(resource) = &def.for_resource {
            elided.push(Elided {
                shape: id.clone(),
                resource: self.resolve(resource),
            });
        }
        if let Err(message) = set_members(&mut shape, members) {
            self.diagnostics
                .push(Diagnostic::error(message).shape(&id).at(self.loc(def.at)));
        }
        Some(Placed {
            id,
            shape,
            location: Some(self.loc(def.at)),
        })
    }

    /// The shape with its type and entity properties, traits and members still empty.
    fn skeleton(&mut self, def: &ShapeDef, id: &str) -> Result<AstShape, String> {
        let mut object = Map::new();
        object.insert("type".into(), Value::String(def.kind.into()));
        for (key, node) in &def.properties {
            if key == "properties" && self.file.version == Version::V1 {
                return Err(
                    "Resource properties can only be used with Smithy version 2 or later.".into(),
                );
            }
            let value = if key == "rename" {
                self.value(node)
            } else {
                self.references(node)
            };
            object.insert(key.clone(), value);
        }
        serde_json::from_value::<AstShape>(Value::Object(object))
            .map_err(|e| format!("invalid {} `{id}`: {e}", def.kind))
    }

    /// An entity property: shape ids become `{"target": id}` at the top level, in lists and
    /// as the values of maps (`identifiers`, `properties`).
    fn references(&mut self, node: &Node) -> Value {
        let target = |r: &mut Self, id: &RelId| {
            let mut object = Map::new();
            object.insert("target".into(), Value::String(r.resolve(id)));
            Value::Object(object)
        };
        let item = |r: &mut Self, n: &Node| match n {
            Node::Id(id) => target(r, id),
            other => r.value(other),
        };
        match node {
            Node::Id(id) => target(self, id),
            Node::Array(items) => Value::Array(items.iter().map(|n| item(self, n)).collect()),
            Node::Object(entries) => Value::Object(
                entries
                    .iter()
                    .map(|(k, v)| (k.clone(), item(self, v)))
                    .collect(),
            ),
            other => self.value(other),
        }
    }

    fn members(&mut self, def: &ShapeDef, id: &str) -> Vec<(String, AstMember)> {
        let is_enum = matches!(def.kind, "enum" | "intEnum");
        def.members
            .iter()
            .map(|m| {
                let member_id = format!("{id}${}", m.name);
                let mut traits = self.traits(&m.traits, &member_id);
                let target = if is_enum {
                    self.enum_value(def.kind, m, &member_id, &mut traits);
                    "smithy.api#Unit".to_string()
                } else {
                    if let Some((node, at)) = &m.value {
                        let value = self.value(node);
                        if let Err(message) =
                            super::merge_trait(&mut traits, "smithy.api#default".into(), value)
                        {
                            self.error(*at, format!("{member_id}: {message}"));
                        }
                    }
                    m.target
                        .as_ref()
                        .map(|t| self.resolve(t))
                        .unwrap_or_default()
                };
                (m.name.clone(), AstMember { target, traits })
            })
            .collect()
    }

    /// `= value` of an enum member as `@enumValue`: a string for enums, an integer for
    /// intEnums. Without `= value`, an `@enumValue` trait or a mixin may give the value; what
    /// is still missing once every file is read is settled by `checks::enum_values`.
    fn enum_value(
        &mut self,
        kind: &str,
        m: &MemberDef,
        member_id: &str,
        traits: &mut UniqueMap<Value>,
    ) {
        let Some((node, at)) = &m.value else {
            return;
        };
        let value = match (kind, node) {
            ("enum", Node::String(s)) => Ok(Value::String(s.clone())),
            ("enum", other) => Err(format!(
                "enum members can only be assigned string values, but found: {}",
                self.value(other)
            )),
            (_, Node::Number(n)) if n.contains(['.', 'e', 'E']) => {
                Err("intEnum members do not support floating point values".into())
            }
            (_, Node::Number(n)) => match n.parse::<i32>() {
                Ok(i) => Ok(Value::from(i)),
                Err(_) => Err(format!(
                    "intEnum members must fit within an integer, but found: {n}"
                )),
            },
            (_, other) => Err(format!(
                "intEnum members require integer values, but found: {}",
                self.value(other)
            )),
        };
        match value {
            Ok(v) => traits.set("smithy.api#enumValue".into(), v),
            Err(message) => self.error(*at, format!("{member_id}: {message}")),
        }
    }
}

/// A JSON number: integers stay integers while they fit 64 bits. serde_json reads the
/// digits, so that a number means the same whether the model is IDL or JSON AST.
pub(super) fn number(text: &str) -> Option<Value> {
    serde_json::from_str::<Number>(text).ok().map(Value::Number)
}

/// Puts parsed members into their shape: any name for aggregates, `member` for lists, `key`
/// and `value` for maps.
fn set_members(shape: &mut AstShape, members: Vec<(String, AstMember)>) -> Result<(), String> {
    if let Some(aggregate) = shape.aggregate_mut() {
        aggregate.members = UniqueMap(members);
        return Ok(());
    }
    let allowed: &[&str] = match shape {
        AstShape::List(_) | AstShape::Set(_) => &["member"],
        AstShape::Map(_) => &["key", "value"],
        _ => &[],
    };
    for (name, member) in members {
        if !allowed.contains(&name.as_str()) {
            return Err(format!(
                "{} shapes cannot have a member named `{name}`",
                shape.type_name()
            ));
        }
        if let Some(slot) = shape.member_mut(&name) {
            *slot = member;
        }
    }
    Ok(())
}
