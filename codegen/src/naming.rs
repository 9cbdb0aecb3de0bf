//! Stage 5 (with [`crate::ir`]): the one place where Rust identifiers and module paths are
//! decided.
//!
//! Rules: types are UpperCamelCase, fields, functions and modules snake_case (heck's word
//! splitting: `KMSKeyId` -> `kms_key_id`); Rust keywords become raw identifiers (`r#type`),
//! except the four that cannot be raw (`self`, `Self`, `crate`, `super`), which get a trailing
//! `_`. Generated type names never shadow the std prelude or the crate's own fixed items
//! (`Result`, `Option`, `String`, `Box`, `Error`, `Client`, ...): such shapes get a `Shape`
//! suffix. Two shapes whose names collide after case conversion are told apart by a numeric
//! suffix, assigned in shape-id order so the result is deterministic.

use std::collections::{BTreeMap, BTreeSet};

use heck::{ToSnakeCase, ToUpperCamelCase};

use crate::model::{Kind, Model, shape_name};

const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern", "false",
    "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref",
    "return", "static", "struct", "trait", "true", "type", "unsafe", "use", "where", "while",
    "abstract", "become", "box", "do", "final", "gen", "macro", "override", "priv", "try",
    "typeof", "unsized", "virtual", "yield",
];

/// Keywords that cannot be written as raw identifiers.
const NOT_RAW: &[&str] = &["self", "Self", "crate", "super", "_"];

/// Names a generated type must not take: the std prelude and the crate's fixed items.
const RESERVED_TYPES: &[&str] = &[
    "Result",
    "Option",
    "Some",
    "None",
    "Ok",
    "Err",
    "String",
    "Box",
    "Vec",
    "Error",
    "Client",
    "Config",
    "Builder",
    "Default",
    "Send",
    "Sync",
    "Sized",
    "Copy",
    "Clone",
    "Debug",
    "Display",
    "From",
    "Into",
    "Iterator",
    "ToString",
    "ToOwned",
    "Drop",
    "Fn",
    "HashMap",
    "Blob",
    "DateTime",
    "Document",
    "Number",
    "Self",
    "Unhandled",
    "RequestId",
];

/// Makes any string a valid snake_case identifier.
pub fn snake(name: &str) -> String {
    let mut s = name.to_snake_case();
    if s.is_empty() || s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, '_');
    }
    escape_keyword(s)
}

/// Makes any string a valid UpperCamelCase identifier (an enum variant, say).
pub fn pascal(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect();
    let mut s = cleaned.to_upper_camel_case();
    if s.is_empty() || s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, 'V');
    }
    if NOT_RAW.contains(&s.as_str()) {
        s.push('_');
    }
    s
}

/// `type` -> `r#type`, `self` -> `self_`.
pub fn escape_keyword(name: String) -> String {
    if NOT_RAW.contains(&name.as_str()) {
        format!("{name}_")
    } else if KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

/// An identifier without its `r#` prefix, for building other names (`set_type`).
pub fn unraw(ident: &str) -> &str {
    ident.strip_prefix("r#").unwrap_or(ident)
}

/// The names of one operation's generated items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperationNames {
    /// `CreateEventLogConfiguration`
    pub name: String,
    /// `create_event_log_configuration`: the module and the client method.
    pub snake: String,
    pub input: String,
    pub output: String,
    pub error: String,
}

/// Every Rust name of a model, decided up front.
#[derive(Debug, Clone, Default)]
pub struct Names {
    types: BTreeMap<String, String>,
    operations: BTreeMap<String, OperationNames>,
}

impl Names {
    pub fn new(model: &Model) -> Names {
        let mut taken: BTreeSet<String> = RESERVED_TYPES.iter().map(|s| s.to_string()).collect();
        let mut names = Names::default();
        // Operation items first: their names are part of the public API users expect
        // (`CreateThingInput`), so they win collisions against ordinary shapes.
        for op in &model.operations {
            let name = pascal(shape_name(op));
            let claim = |suffix: &str, taken: &mut BTreeSet<String>| {
                unique(format!("{name}{suffix}"), taken)
            };
            let names_of = OperationNames {
                snake: snake(&name),
                input: claim("Input", &mut taken),
                output: claim("Output", &mut taken),
                error: claim("Error", &mut taken),
                name,
            };
            names.operations.insert(op.clone(), names_of);
        }
        let io: BTreeSet<&String> = model
            .operations
            .iter()
            .filter_map(|op| model.shape(op).operation.as_ref())
            .flat_map(|io| [&io.input, &io.output])
            .collect();
        // An input or output shape that members also target is generated as a type too.
        let member_targets: BTreeSet<&String> = model
            .shapes
            .values()
            .flat_map(|s| s.members.iter().map(|m| &m.target))
            .collect();
        for (id, shape) in &model.shapes {
            let generates_type = matches!(
                shape.kind,
                Kind::Structure | Kind::Union | Kind::Enum | Kind::IntEnum
            );
            let io_only = io.contains(id) && !member_targets.contains(id);
            if !generates_type || io_only || id.starts_with("smithy.api#") {
                continue;
            }
            let wanted = model.rename.get(id).map_or(shape.name(), String::as_str);
            let mut base = pascal(wanted);
            if RESERVED_TYPES.contains(&base.as_str()) {
                base.push_str("Shape");
            }
            let name = unique(base, &mut taken);
            names.types.insert(id.clone(), name);
        }
        names
    }

    /// The type generated for a structure, union or enum shape (not an operation input or
    /// output: see [`Names::operation`]).
    pub fn type_name(&self, shape_id: &str) -> Option<&str> {
        self.types.get(shape_id).map(String::as_str)
    }

    pub fn operation(&self, op_id: &str) -> &OperationNames {
        &self.operations[op_id]
    }

    /// Snake-case field names for `members`, unique within the shape.
    pub fn fields<'a>(members: impl IntoIterator<Item = &'a str>) -> Vec<String> {
        let mut taken = BTreeSet::new();
        members
            .into_iter()
            .map(|m| unique(snake(m), &mut taken))
            .collect()
    }

    /// Variant names for enum or union members, unique and never `Unknown` (the catch-all).
    pub fn variants<'a>(members: impl IntoIterator<Item = &'a str>) -> Vec<String> {
        let mut taken: BTreeSet<String> = ["Unknown".to_string()].into();
        members
            .into_iter()
            .map(|m| {
                let p = pascal(m);
                let p = if p == "Unknown" {
                    "UnknownValue".to_string()
                } else {
                    p
                };
                unique(p, &mut taken)
            })
            .collect()
    }
}

/// `base`, or `base2`, `base3`, ... whichever is free; the result is marked taken.
fn unique(base: String, taken: &mut BTreeSet<String>) -> String {
    let mut candidate = base.clone();
    let mut n = 2;
    while taken.contains(&candidate) {
        candidate = format!("{base}{n}");
        n += 1;
    }
    taken.insert(candidate.clone());
    candidate
}

/// The builder of a generated structure (`FooBuilder`).
pub fn builder(type_name: &str) -> String {
    format!("{type_name}Builder")
}

/// A builder's setter of a field (`set_resource_type`, `set_type` for `r#type`).
pub fn setter(field: &str) -> String {
    format!("set_{}", unraw(field))
}

/// A builder's getter of a field (`get_resource_type`), as aws-sdk-rust.
pub fn builder_getter(field: &str) -> String {
    format!("get_{}", unraw(field))
}

/// A union's accessor of a variant (`as_string_value` for `StringValue`).
pub fn union_as(variant: &str) -> String {
    format!("as_{}", unraw(&snake(variant)))
}

/// A union's predicate of a variant (`is_string_value`).
pub fn union_is(variant: &str) -> String {
    format!("is_{}", unraw(&snake(variant)))
}

/// The client's fluent builder of an operation (`CreateThingFluentBuilder`).
pub fn fluent_builder(operation: &str) -> String {
    format!("{operation}FluentBuilder")
}

/// The paginator of a `@paginated` operation (`ListThingsPaginator`, in
/// `operation::<op>::paginator`, as aws-sdk-rust).
pub fn paginator(operation: &str) -> String {
    format!("{operation}Paginator")
}

/// The item stream of a paginator with `items` (`ListThingsPaginatorItems`).
pub fn paginator_items(operation: &str) -> String {
    format!("{operation}PaginatorItems")
}

/// The private serde wire form of a model type (`FooWire`). Type names are unique, and no
/// other wire item ends in `Wire`.
pub fn wire_type(type_name: &str) -> String {
    format!("{type_name}Wire")
}

/// The private serde wire form of an operation input or output body, or an error body
/// (`CreateThingInputBody`).
pub fn wire_body(name: &str) -> String {
    format!("{name}Body")
}

/// `is_conflict_exception`: the predicate of an error enum variant.
pub fn is_variant(variant: &str) -> String {
    format!("is_{}", unraw(&snake(variant)))
}

/// `validate_create_thing_input`: the client-side validator of an operation's input.
pub fn validate_fn(operation_snake: &str) -> String {
    format!("validate_{}_input", unraw(operation_snake))
}

/// The generated server's `tower::Service` (`IotManagedIntegrationsServer`).
pub fn server_struct(service: &str) -> String {
    format!("{service}Server")
}

/// One validator function per input-reachable shape, named after the shape in snake_case
/// (`smart_home_resource_type`), unique across namespaces, assigned in shape-id order.
pub fn validator_fns<'a>(shape_ids: impl IntoIterator<Item = &'a str>) -> BTreeMap<String, String> {
    let mut ids: Vec<&str> = shape_ids.into_iter().collect();
    ids.sort_unstable();
    ids.dedup();
    let mut taken = BTreeSet::new();
    ids.into_iter()
        .map(|id| {
            let base = snake(shape_name(id));
            (id.to_string(), unique(base, &mut taken))
        })
        .collect()
}

/// The local variable holding a member's decoded value inside generated functions; the
/// prefix keeps member names away from the functions' own locals (`v`, `path`, `value`).
pub fn member_local(ident: &str) -> String {
    format!("m_{}", unraw(ident))
}

/// The `static` holding the `n`th distinct `@pattern` of a generated validator module.
pub fn pattern_static(n: usize) -> String {
    format!("PATTERN_{n}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_and_keywords() {
        assert_eq!(snake("ResourceType"), "resource_type");
        assert_eq!(snake("KMSKeyId"), "kms_key_id");
        assert_eq!(snake("type"), "r#type");
        assert_eq!(snake("self"), "self_");
        assert_eq!(snake("Self"), "self_");
        assert_eq!(snake("crate"), "crate_");
        assert_eq!(snake("async"), "r#async");
        assert_eq!(snake("2fa"), "_2fa");
        assert_eq!(unraw("r#match"), "match");
    }

    #[test]
    fn pascal_case_variants() {
        assert_eq!(pascal("DEBUG"), "Debug");
        assert_eq!(pascal("t2.micro"), "T2Micro");
        assert_eq!(pascal("1"), "V1");
        assert_eq!(pascal("Self"), "Self_");
        assert_eq!(
            Names::variants(["UNKNOWN", "Unknown", "a"]),
            ["UnknownValue", "UnknownValue2", "A"]
        );
    }

    #[test]
    fn collisions_get_suffixes() {
        assert_eq!(
            Names::fields(["fooBar", "FooBar", "foo_bar"]),
            ["foo_bar", "foo_bar2", "foo_bar3"]
        );
    }
}
