//! The steps after merging: inherited member targets, `apply`, and the checks Smithy makes
//! when it loads a model.

use std::collections::{BTreeMap, HashMap};

use serde_json::Value;

use crate::ast::{AstMember, AstShape};
use crate::diag::{Diagnostic, Diagnostics, Location};

use super::{Applied, Elided, Entry, merge_trait};

/// Gives every member whose target is elided (`$name`, or a list's or map's member that the
/// JSON AST leaves to the mixin) the target its `for` resource or a mixin defines.
pub(super) fn inherit_members(
    shapes: &mut BTreeMap<String, Entry>,
    elided: &[Elided],
    diagnostics: &mut Diagnostics,
) {
    let resources: HashMap<&str, &str> = elided
        .iter()
        .map(|e| (e.shape.as_str(), e.resource.as_str()))
        .collect();
    let pending: Vec<(String, String)> = shapes
        .iter()
        .flat_map(|(id, e)| {
            e.shape
                .members()
                .into_iter()
                .filter(|(_, m)| m.target.is_empty())
                .map(move |(name, _)| (id.clone(), name.to_string()))
        })
        .collect();
    for (id, name) in pending {
        match inherited_target(shapes, &resources, &id, &name) {
            Some(target) => {
                if let Some(m) = shapes.get_mut(&id).and_then(|e| e.shape.member_mut(&name)) {
                    m.target = target;
                }
            }
            None => {
                let entry = &shapes[&id];
                let message = format!(
                    "member `{name}` has no target, and no mixin or `for` resource of the {} \
                     defines one",
                    entry.shape.type_name()
                );
                push_at(diagnostics, message, &id, &name, entry);
            }
        }
    }
}

/// Enum members of mixed enums left without a value take the mixin's, or else (string
/// enums) their name; an intEnum member with neither is an error.
pub(super) fn enum_values(shapes: &mut BTreeMap<String, Entry>, diagnostics: &mut Diagnostics) {
    let mut missing = Vec::new();
    for (id, entry) in shapes.iter() {
        let (AstShape::Enum(a) | AstShape::IntEnum(a)) = &entry.shape else {
            continue;
        };
        for (name, member) in a.members.iter() {
            let inherited = a.mixins.iter().any(|m| {
                all_members(shapes, &m.target)
                    .iter()
                    .any(|(n, _, _)| n == name)
            });
            if !member.traits.contains_key("smithy.api#enumValue") && !inherited {
                missing.push((id.clone(), name.clone()));
            }
        }
    }
    for (id, name) in missing {
        let entry = shapes.get_mut(&id).expect("collected above");
        if let AstShape::Enum(a) = &mut entry.shape {
            if let Some(m) = a.members.get_mut(&name) {
                let value = Value::String(name.clone());
                m.traits.set("smithy.api#enumValue".into(), value);
            }
        } else {
            let message = "intEnum members require integer values".to_string();
            push_at(diagnostics, message, &id, &name, entry);
        }
    }
}

/// The target of member `name` that shape `id` inherits: from its `for` resource, else from
/// the nearest mixin that gives it one.
fn inherited_target(
    shapes: &BTreeMap<String, Entry>,
    resources: &HashMap<&str, &str>,
    id: &str,
    name: &str,
) -> Option<String> {
    if let Some(AstShape::Resource(r)) = resources
        .get(id)
        .and_then(|r| shapes.get(*r))
        .map(|e| &e.shape)
        && let Some(t) = r.identifiers.get(name).or_else(|| r.properties.get(name))
    {
        return Some(t.target.clone());
    }
    mixin_chain(shapes, id).0.into_iter().find_map(|mixin| {
        shapes[mixin]
            .shape
            .members()
            .into_iter()
            .find(|(n, m)| *n == name && !m.target.is_empty())
            .map(|(_, m)| m.target.clone())
    })
}

/// The shapes `id` mixes in, directly or through other mixins, nearest first, each once;
/// and whether the chain comes back to `id` (a cycle).
fn mixin_chain<'a>(shapes: &'a BTreeMap<String, Entry>, id: &str) -> (Vec<&'a str>, bool) {
    let mut chain: Vec<&str> = Vec::new();
    let mut cycle = false;
    let mut stack: Vec<&str> = match shapes.get(id) {
        Some(e) => e
            .shape
            .mixins()
            .iter()
            .rev()
            .map(|t| t.target.as_str())
            .collect(),
        None => Vec::new(),
    };
    while let Some(next) = stack.pop() {
        if next == id {
            cycle = true;
            continue;
        }
        let Some((known, entry)) = shapes.get_key_value(next) else {
            continue;
        };
        if chain.contains(&known.as_str()) {
            continue;
        }
        chain.push(known);
        stack.extend(entry.shape.mixins().iter().rev().map(|t| t.target.as_str()));
    }
    (chain, cycle)
}

/// Attaches the traits of one `apply` statement. A member that only a mixin defines gets a
/// local copy to carry them, as Smithy does.
pub(super) fn apply(
    shapes: &mut BTreeMap<String, Entry>,
    applied: Applied,
    diagnostics: &mut Diagnostics,
) {
    let (shape_id, member) = match applied.target.split_once('$') {
        Some((s, m)) => (s, Some(m)),
        None => (applied.target.as_str(), None),
    };
    let inherited = member.and_then(|m| inherited_target(shapes, &HashMap::new(), shape_id, m));
    let fail = |diagnostics: &mut Diagnostics, message: String| {
        push(
            diagnostics,
            message,
            shape_id,
            member,
            applied.location.as_ref(),
        );
    };
    let Some(entry) = shapes.get_mut(shape_id) else {
        return fail(
            diagnostics,
            format!("`apply` targets `{}`, which is not defined", applied.target),
        );
    };
    let traits = match member {
        None => entry.shape.traits_mut(),
        Some(m) => {
            if entry.shape.member_mut(m).is_none()
                && let (Some(target), Some(aggregate)) = (inherited, entry.shape.aggregate_mut())
            {
                aggregate.members.0.push((
                    m.to_string(),
                    AstMember {
                        target,
                        traits: Default::default(),
                    },
                ));
            }
            match entry.shape.member_mut(m) {
                Some(member) => &mut member.traits,
                None => {
                    return fail(
                        diagnostics,
                        format!("`apply` targets `{}`, which is not defined", applied.target),
                    );
                }
            }
        }
    };
    for (name, value) in applied.traits.0 {
        if let Err(message) = merge_trait(traits, name, value) {
            fail(diagnostics, message);
        }
    }
}

/// What Smithy refuses when it loads a model, for every shape the given files define.
pub(super) fn check(shapes: &BTreeMap<String, Entry>, diagnostics: &mut Diagnostics) {
    for (id, entry) in shapes.iter().filter(|(_, e)| !e.builtin) {
        let at = entry.location.as_ref();
        let shape = &entry.shape;
        check_mixins(shapes, id, entry, diagnostics);
        check_traits(shapes, id, shape.traits(), None, at, diagnostics);
        for (name, member) in shape.members() {
            check_traits(shapes, id, &member.traits, Some(name), at, diagnostics);
            if !member.target.is_empty() && !shapes.contains_key(&member.target) {
                let message = format!("target `{}` is not defined", member.target);
                push(diagnostics, message, id, Some(name), at);
            }
        }
        let members: Vec<(&str, &AstMember)> = shape.members();
        for target in shape.references().into_iter().skip(members.len()) {
            if !shapes.contains_key(target) {
                let message = format!("`{target}` is not defined");
                push(diagnostics, message, id, None, at);
            }
        }
        let is_mixin = shape.traits().contains_key("smithy.api#mixin");
        let problem = match shape {
            AstShape::Enum(_) | AstShape::IntEnum(_)
                if all_members(shapes, id).is_empty() =>
            {
                Some(format!("{} must have at least one entry", shape.type_name()))
            }
            AstShape::Operation(o) if is_mixin && (not_unit(&o.input) || not_unit(&o.output)) => Some(
                "Operation shapes with the mixin trait MUST target `smithy.api#Unit` for their \
                 input and output."
                    .to_string(),
            ),
            AstShape::Resource(r)
                if is_mixin && !(r.properties.is_empty() && r.identifiers.is_empty()) =>
            {
                Some(
                    "Resource shapes with the mixin trait may not define any properties."
                        .to_string(),
                )
            }
            _ => None,
        };
        if let Some(message) = problem {
            push(diagnostics, message, id, None, at);
        }
    }
}

/// Whether an operation's input or output is set to something other than `Unit`.
fn not_unit(target: &Option<crate::ast::Target>) -> bool {
    target
        .as_ref()
        .is_some_and(|t| t.target != "smithy.api#Unit")
}

fn check_mixins(
    shapes: &BTreeMap<String, Entry>,
    id: &str,
    entry: &Entry,
    diagnostics: &mut Diagnostics,
) {
    let at = entry.location.as_ref();
    let kind = |s: &AstShape| match s.type_name() {
        "set" => "list",
        other => other,
    };
    if mixin_chain(shapes, id).1 {
        push(diagnostics, format!("`{id}` mixes itself in"), id, None, at);
    }
    for mixin in entry.shape.mixins() {
        let Some(m) = shapes.get(&mixin.target) else {
            push(
                diagnostics,
                format!("mixin `{}` is not defined", mixin.target),
                id,
                None,
                at,
            );
            continue;
        };
        if kind(&m.shape) != kind(&entry.shape) {
            let message = format!(
                "Mixins may only be mixed into shapes of the same type. The following mixins \
                 were applied to the {} shape `{id}` which are not {} shapes: [`{}`]",
                entry.shape.type_name(),
                entry.shape.type_name(),
                mixin.target
            );
            push(diagnostics, message, id, None, at);
        } else if !m.shape.traits().contains_key("smithy.api#mixin") {
            let message = format!(
                "`{}` is used as a mixin but has no @mixin trait",
                mixin.target
            );
            push(diagnostics, message, id, None, at);
        }
        let inherited = all_members(shapes, &mixin.target);
        for (name, from, target) in inherited.iter().filter(|_| entry.shape.mixins().len() > 1) {
            let other = entry
                .shape
                .mixins()
                .iter()
                .take_while(|m| m.target != mixin.target)
                .flat_map(|m| all_members(shapes, &m.target))
                .find(|(n, _, t)| n == name && t != target);
            if let Some((_, first, _)) = other {
                let message = format!(
                    "Member conflicts with an inherited mixin member: `{id}${name}` comes from \
                     both `{first}` and `{from}` with different targets"
                );
                push(diagnostics, message, id, Some(name), at);
            }
        }
        for (name, member) in entry.shape.members() {
            if let Some((_, from, target)) = inherited.iter().find(|(n, _, _)| *n == name)
                && *target != member.target
            {
                let message =
                    format!("Member conflicts with an inherited mixin member: `{from}${name}`");
                push(diagnostics, message, id, Some(name), at);
            }
        }
    }
}

/// Every member of `id` including inherited ones: (name, defining shape, target).
fn all_members(shapes: &BTreeMap<String, Entry>, id: &str) -> Vec<(String, String, String)> {
    let mut out: Vec<(String, String, String)> = Vec::new();
    let own = shapes.get(id).map(|_| id);
    for source in own.into_iter().chain(mixin_chain(shapes, id).0) {
        for (name, member) in shapes[source].shape.members() {
            if !out.iter().any(|(n, _, _)| n == name) {
                out.push((name.into(), source.into(), member.target.clone()));
            }
        }
    }
    out
}

fn check_traits(
    shapes: &BTreeMap<String, Entry>,
    id: &str,
    traits: &crate::ast::UniqueMap<Value>,
    member: Option<&str>,
    at: Option<&Location>,
    diagnostics: &mut Diagnostics,
) {
    for (name, _) in traits.iter() {
        if !shapes.contains_key(name) {
            let message = format!(
                "Unable to resolve trait `{name}`. If this is a custom trait, then it must be \
                 defined before it can be used in a model."
            );
            push(diagnostics, message, id, member, at);
        }
    }
}

/// A problem with member `member` of the shape in `entry`.
fn push_at(diagnostics: &mut Diagnostics, message: String, id: &str, member: &str, entry: &Entry) {
    push(
        diagnostics,
        message,
        id,
        Some(member),
        entry.location.as_ref(),
    );
}

fn push(
    diagnostics: &mut Diagnostics,
    message: String,
    shape: &str,
    member: Option<&str>,
    at: Option<&Location>,
) {
    let mut d = Diagnostic::error(message).shape(shape);
    if let Some(m) = member {
        d = d.member(m);
    }
    if let Some(at) = at {
        d = d.at(at.clone());
    }
    diagnostics.push(d);
}
