//! Stage 3: semantic checks on the resolved model, before anything is generated.
//!
//! Each check reports every problem it finds (not just the first), naming the shape and member.
//! What we cannot generate correctly is refused here with a diagnostic rather than emitted as
//! silently wrong code.

use std::collections::BTreeMap;

use crate::diag::{Diagnostic, Diagnostics};
use crate::http::UriTemplate;
use crate::model::{Kind, Model, Shape};
use crate::traits::EnumValue;

pub fn validate(model: &Model) -> Result<(), Diagnostics> {
    let mut out = Diagnostics::default();
    check_service(model, &mut out);
    for shape in model.shapes.values() {
        check_constraints(shape, &mut out);
        check_enum(shape, &mut out);
    }
    let mut routes: BTreeMap<(String, String), String> = BTreeMap::new();
    for op_id in &model.operations {
        check_operation(model, model.shape(op_id), &mut routes, &mut out);
    }
    out.into_result(())
}

fn check_service(model: &Model, out: &mut Diagnostics) {
    let service = model.service_shape();
    if !service.traits.rest_json1 {
        let protocols: Vec<&String> = service
            .traits
            .unknown
            .keys()
            .filter(|k| k.starts_with("aws.protocols#") || k.starts_with("smithy.protocols#"))
            .collect();
        out.push(
            Diagnostic::error(format!(
                "unsupported protocol: only aws.protocols#restJson1 is generated (the service has {protocols:?})"
            ))
            .shape(&service.id),
        );
    }
    for error in &model.service_errors {
        check_error_shape(model, &service.id, error, out);
    }
}

fn check_operation(
    model: &Model,
    op: &Shape,
    routes: &mut BTreeMap<(String, String), String>,
    out: &mut Diagnostics,
) {
    let io = op.operation.as_ref().expect("operations carry their io");
    for (role, id) in [("input", &io.input), ("output", &io.output)] {
        match model.get(id) {
            Some(s) if s.kind == Kind::Structure => {}
            Some(s) => out.push(
                Diagnostic::error(format!(
                    "{role} `{id}` must be a structure, not a {:?}",
                    s.kind
                ))
                .shape(&op.id),
            ),
            None => return, // already reported by the closure walk
        }
    }
    for error in &io.errors {
        check_error_shape(model, &op.id, error, out);
    }
    let Some(http) = &op.traits.http else {
        out.push(Diagnostic::error("restJson1 operations need an `@http` trait").shape(&op.id));
        return;
    };
    let template = match UriTemplate::parse(&http.uri) {
        Ok(t) => t,
        Err(e) => {
            out.push(Diagnostic::error(format!("`@http` uri `{}`: {e}", http.uri)).shape(&op.id));
            return;
        }
    };
    let key = (http.method.to_ascii_uppercase(), template.route_key());
    if let Some(other) = routes.insert(key, op.id.clone()) {
        out.push(
            Diagnostic::error(format!(
                "route `{} {}` conflicts with operation `{other}`",
                http.method, http.uri
            ))
            .shape(&op.id),
        );
    }
    let input = model.shape(&io.input);
    check_input_bindings(model, input, &template, out);
    for member in &model.shape(&io.output).members {
        check_event_stream(model, op, &member.target, out);
    }
    for member in &input.members {
        check_event_stream(model, op, &member.target, out);
    }
}

fn check_error_shape(model: &Model, at: &str, id: &str, out: &mut Diagnostics) {
    if let Some(error) = model.get(id)
        && (error.kind != Kind::Structure || error.traits.error.is_none())
    {
        out.push(
            Diagnostic::error(format!("error `{id}` must be a structure with `@error`")).shape(at),
        );
    }
}

fn check_event_stream(model: &Model, op: &Shape, target: &str, out: &mut Diagnostics) {
    if let Some(t) = model.get(target)
        && t.kind == Kind::Union
        && t.traits.streaming
    {
        out.push(
            Diagnostic::error(format!(
                "event streams are not supported (operation binds the event stream `{target}`)"
            ))
            .shape(&op.id),
        );
    }
}

fn check_input_bindings(
    model: &Model,
    input: &Shape,
    template: &UriTemplate,
    out: &mut Diagnostics,
) {
    let mut payloads = Vec::new();
    let mut body_members = Vec::new();
    let mut headers: BTreeMap<String, &str> = BTreeMap::new();
    let mut queries: BTreeMap<&str, &str> = BTreeMap::new();
    for member in &input.members {
        let t = &member.traits;
        let bindings = [
            t.http_label,
            t.http_query.is_some(),
            t.http_query_params,
            t.http_header.is_some(),
            t.http_prefix_headers.is_some(),
            t.http_payload,
        ];
        let at = |message: String| {
            Diagnostic::error(message)
                .shape(&input.id)
                .member(&member.name)
        };
        match bindings.iter().filter(|b| **b).count() {
            0 => body_members.push(member.name.as_str()),
            1 => {}
            _ => out.push(at("member has more than one HTTP binding trait".into())),
        }
        if t.http_label {
            if !template.labels().any(|l| l.name == member.name) {
                out.push(at(format!(
                    "`@httpLabel` member has no `{{{}}}` in the URI",
                    member.name
                )));
            }
            if !t.required {
                out.push(at("`@httpLabel` members must be `@required`".into()));
            }
        }
        if t.http_payload {
            payloads.push(member.name.as_str());
        }
        if let Some(name) = &t.http_header
            && let Some(other) = headers.insert(name.to_ascii_lowercase(), &member.name)
        {
            out.push(at(format!(
                "header `{name}` is also bound by member `{other}`"
            )));
        }
        if let Some(name) = &t.http_query
            && let Some(other) = queries.insert(name, &member.name)
        {
            out.push(at(format!(
                "query parameter `{name}` is also bound by member `{other}`"
            )));
        }
        if let Some(target) = model.get(&member.target)
            && t.http_label
            && target.kind.is_aggregate()
        {
            out.push(at("`@httpLabel` must target a simple shape".into()));
        }
    }
    check_labels_and_payload(input, template, &payloads, &body_members, out);
}

/// Every URI label is bound, and a payload member is alone.
fn check_labels_and_payload(
    input: &Shape,
    template: &UriTemplate,
    payloads: &[&str],
    body_members: &[&str],
    out: &mut Diagnostics,
) {
    for label in template.labels() {
        let bound = input
            .member(&label.name)
            .is_some_and(|m| m.traits.http_label);
        if !bound {
            out.push(
                Diagnostic::error(format!(
                    "URI label `{{{}}}` has no `@httpLabel` member in the input",
                    label.name
                ))
                .shape(&input.id),
            );
        }
    }
    if payloads.len() > 1 {
        out.push(
            Diagnostic::error(format!("more than one `@httpPayload` member: {payloads:?}"))
                .shape(&input.id),
        );
    }
    if !payloads.is_empty() && !body_members.is_empty() {
        out.push(
            Diagnostic::error(format!(
                "`@httpPayload` member `{}` conflicts with body members {body_members:?}",
                payloads[0]
            ))
            .shape(&input.id),
        );
    }
}

/// Patterns must compile with the engine the runtime uses, and bounds must be ordered.
fn check_constraints(shape: &Shape, out: &mut Diagnostics) {
    let mut check = |traits: &crate::traits::Traits, member: Option<&str>| {
        let at = |message: String| {
            let d = Diagnostic::error(message).shape(&shape.id);
            match member {
                Some(m) => d.member(m),
                None => d,
            }
        };
        for (name, bounds) in [("@length", &traits.length), ("@range", &traits.range)] {
            if let Some(b) = bounds
                && let (Some(min), Some(max)) = (&b.min, &b.max)
                && min.as_f64() > max.as_f64()
            {
                out.push(at(format!("`{name}` min {min} is greater than max {max}")));
            }
        }
    };
    check(&shape.traits, None);
    for member in &shape.members {
        check(&member.traits, Some(&member.name));
    }
}

/// Problems generation works around: patterns no engine compiles are not enforced.
pub fn warnings(model: &Model) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for shape in model.shapes.values() {
        let members = shape.members.iter().map(|m| (&m.traits, Some(&m.name)));
        for (traits, member) in std::iter::once((&shape.traits, None)).chain(members) {
            if let Some(pattern) = &traits.pattern
                && let Err(e) = crate::pattern::check(pattern)
            {
                let d = Diagnostic::warning(format!(
                    "`@pattern` `{pattern}` is not enforced: no regex engine compiles it ({e})"
                ))
                .shape(&shape.id);
                out.push(match member {
                    Some(m) => d.member(m),
                    None => d,
                });
            }
        }
    }
    out.sort();
    out
}

fn check_enum(shape: &Shape, out: &mut Diagnostics) {
    if !matches!(shape.kind, Kind::Enum | Kind::IntEnum) {
        return;
    }
    for member in &shape.members {
        let at = |message: &str| {
            Diagnostic::error(message)
                .shape(&shape.id)
                .member(&member.name)
        };
        if member.target != crate::model::UNIT {
            out.push(at("enum members must target smithy.api#Unit"));
        }
        match (&member.traits.enum_value, shape.kind) {
            (Some(EnumValue::String(_)), Kind::IntEnum) | (None, Kind::IntEnum) => {
                out.push(at("intEnum members need an integer `@enumValue`"))
            }
            (Some(EnumValue::Int(_)), Kind::Enum) => out.push(at("enum values must be strings")),
            _ => {}
        }
    }
}
