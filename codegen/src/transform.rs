//! Stage 4: small model-to-model passes, each unit-tested, run in a fixed order by [`run`].

use std::collections::BTreeSet;

use crate::model::{Kind, Member, Model, UNIT};
use crate::traits::{EnumValue, Traits};

pub fn run(mut model: Model) -> Model {
    enum_strings_to_enums(&mut model);
    service_errors_to_operations(&mut model);
    box_recursive_members(&mut model);
    model
}

/// Smithy 1.0 `@enum` strings become enum shapes, with member names from the definitions'
/// `name` (or the value when unnamed) and the value kept as `@enumValue`.
pub fn enum_strings_to_enums(model: &mut Model) {
    for shape in model.shapes.values_mut() {
        let Some(definitions) = shape.traits.enum_definitions.take() else {
            continue;
        };
        if shape.kind != Kind::String {
            continue;
        }
        shape.kind = Kind::Enum;
        shape.members = definitions
            .into_iter()
            .map(|d| Member {
                name: d.name.unwrap_or_else(|| d.value.clone()),
                target: UNIT.to_string(),
                traits: Traits {
                    enum_value: Some(EnumValue::String(d.value)),
                    documentation: d.documentation,
                    deprecated: d.deprecated.then(Default::default),
                    // Smithy turns the `internal` tag of an enum definition into `@internal`.
                    internal: d.tags.iter().any(|t| t == "internal"),
                    ..Traits::default()
                },
                boxed: false,
            })
            .collect();
    }
}

/// Errors bound on the service can come from every operation.
pub fn service_errors_to_operations(model: &mut Model) {
    let service_errors = model.service_errors.clone();
    for op_id in model.operations.clone() {
        let shape = model.shapes.get_mut(&op_id).expect("operation ids resolve");
        let io = shape.operation.as_mut().expect("operations carry their io");
        for e in &service_errors {
            if !io.errors.contains(e) {
                io.errors.push(e.clone());
            }
        }
    }
}

/// Marks the members that must be boxed: a structure or union that reaches itself through
/// structure and union members only (lists and maps already allocate) would have infinite
/// size. One member per cycle is enough: the one that closes it during a depth-first walk in
/// shape-id order, which keeps the choice deterministic.
pub fn box_recursive_members(model: &mut Model) {
    let mut to_box = BTreeSet::new();
    let mut done = BTreeSet::new();
    for id in model.shapes.keys() {
        let mut stack = Vec::new();
        visit(model, id, &mut stack, &mut done, &mut to_box);
    }
    for (shape, member) in to_box {
        let shape = model
            .shapes
            .get_mut(&shape)
            .expect("collected from the model");
        if let Some(m) = shape.members.iter_mut().find(|m| m.name == member) {
            m.boxed = true;
        }
    }
}

fn visit(
    model: &Model,
    id: &str,
    stack: &mut Vec<String>,
    done: &mut BTreeSet<String>,
    to_box: &mut BTreeSet<(String, String)>,
) {
    let Some(shape) = model.get(id) else { return };
    if !matches!(shape.kind, Kind::Structure | Kind::Union) || done.contains(id) {
        return;
    }
    stack.push(id.to_string());
    for member in &shape.members {
        if stack.contains(&member.target) {
            to_box.insert((id.to_string(), member.name.clone()));
        } else {
            visit(model, &member.target, stack, done, to_box);
        }
    }
    stack.pop();
    done.insert(id.to_string());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model(text: &str) -> Model {
        run(crate::load(text).unwrap())
    }

    #[test]
    fn old_style_enum_becomes_enum() {
        let m = model(
            r##"{"smithy":"2.0","shapes":{
            "a#S":{"type":"service","operations":[{"target":"a#Op"}],"traits":{"aws.protocols#restJson1":{}}},
            "a#Op":{"type":"operation","input":{"target":"a#In"},"traits":{"smithy.api#http":{"method":"GET","uri":"/"}}},
            "a#In":{"type":"structure","members":{"e":{"target":"a#E"}}},
            "a#E":{"type":"string","traits":{"smithy.api#enum":[{"value":"t2.micro","name":"T2_MICRO"},{"value":"x"}]}}
        }}"##,
        );
        let e = m.shape("a#E");
        assert_eq!(e.kind, Kind::Enum);
        assert_eq!(e.members[0].name, "T2_MICRO");
        assert_eq!(
            e.members[0].traits.enum_value,
            Some(EnumValue::String("t2.micro".into()))
        );
        assert_eq!(e.members[1].name, "x");
    }

    #[test]
    fn recursion_through_structures_is_boxed_once_but_not_through_lists() {
        let m = model(
            r##"{"smithy":"2.0","shapes":{
            "a#S":{"type":"service","operations":[{"target":"a#Op"}],"errors":[{"target":"a#Err"}],"traits":{"aws.protocols#restJson1":{}}},
            "a#Op":{"type":"operation","input":{"target":"a#A"},"traits":{"smithy.api#http":{"method":"GET","uri":"/"}}},
            "a#A":{"type":"structure","members":{"b":{"target":"a#B"},"list":{"target":"a#L"}}},
            "a#B":{"type":"structure","members":{"a":{"target":"a#A"}}},
            "a#L":{"type":"list","member":{"target":"a#A"}},
            "a#Err":{"type":"structure","members":{},"traits":{"smithy.api#error":"client"}}
        }}"##,
        );
        assert!(m.shape("a#B").member("a").unwrap().boxed);
        assert!(!m.shape("a#A").member("b").unwrap().boxed);
        assert!(!m.shape("a#A").member("list").unwrap().boxed);
        assert_eq!(
            m.shape("a#Op").operation.as_ref().unwrap().errors,
            ["a#Err"]
        );
    }
}
