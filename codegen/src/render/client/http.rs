//! The HTTP side of a client operation: the statements of `ser_request` (labels, queries,
//! headers, payload, JSON body) and of the response's success path.

use super::rt::REST;
use crate::http::Segment;
use crate::ir::{Binding, Field, NamedKind, Operation, RustType as Ty, TimestampFormat};
use crate::naming;

use super::wire;

fn opener(f: &Field, by_value: bool) -> String {
    let amp = if by_value { "" } else { "&" };
    if f.client_optional {
        format!("if let Some(v) = {amp}input.{} {{", f.ident)
    } else {
        format!("{{ let v = {amp}input.{};", f.ident)
    }
}

/// The statements of `ser_request`, ending with the built request.
pub(super) fn request_lines(op: &Operation) -> Vec<String> {
    let mut lines = vec![format!(
        "let mut request = {REST}::RequestBuilder::new({:?});",
        op.method
    )];
    let fields = &op.input.fields;
    for segment in &op.template.segments {
        match segment {
            Segment::Literal(l) => lines.push(format!("request.literal({l:?});")),
            Segment::Label(label) => {
                if let Some(f) = fields.iter().find(|f| f.member == label.name) {
                    label_lines(f, label.greedy, &mut lines);
                }
            }
        }
    }
    for (k, v) in &op.template.query {
        let part = match v {
            Some(v) => format!("{k}={v}"),
            None => k.clone(),
        };
        lines.push(format!("request.literal_query({part:?});"));
    }
    let mut body_fields = Vec::new();
    let mut payload = None;
    for f in fields {
        match &f.binding {
            Binding::Body => body_fields.push(f),
            Binding::Payload => payload = Some(f),
            Binding::Label { .. } | Binding::ResponseCode => {}
            binding => {
                let stmt = binding_stmt(f, binding).unwrap_or_else(|| {
                    format!(
                        "{};",
                        wire::unsupported(&format!("the binding of {}", f.member))
                    )
                });
                lines.push(format!("{} {stmt} }}", opener(f, false)));
            }
        }
    }
    if !body_fields.is_empty() {
        lines.push(format!(
            "request.json_body(&crate::protocol_serde::{}::from(&input))?;",
            naming::wire_body(&op.names.input)
        ));
    }
    if let Some(f) = payload {
        lines.push(payload_line(f));
    }
    if lines.len() == 1 {
        lines[0] = lines[0].replace("let mut request", "let request");
    }
    lines.push("request.build()".into());
    lines
}

/// Reads the label's member into `v` (or fails on a missing one) and writes it.
fn label_lines(f: &Field, greedy: bool, lines: &mut Vec<String>) {
    let format = f.timestamp_format.unwrap_or(TimestampFormat::DateTime);
    let Some(value) = wire::fmt_ref(&f.ty, format) else {
        lines.push(format!(
            "{};",
            wire::unsupported(&format!("label {}", f.member))
        ));
        return;
    };
    if f.client_optional {
        lines.push(format!(
            "let Some(v) = &input.{} else {{ return Err({REST}::missing_label({:?})); }};",
            f.ident, f.member
        ));
    } else {
        lines.push(format!("let v = &input.{};", f.ident));
    }
    lines.push(format!(
        "request.label({:?}, {value}, {greedy})?;",
        f.member
    ));
}

/// The statement writing `v` to a query or header binding; `None` when the type has no
/// form there.
fn binding_stmt(f: &Field, binding: &Binding) -> Option<String> {
    let t = &f.ty;
    let fmt = f.timestamp_format;
    let date_time = TimestampFormat::DateTime;
    let http_date = TimestampFormat::HttpDate;
    match binding {
        Binding::Query(key) => match t {
            Ty::List(inner) => wire::fmt_ref(inner, fmt.unwrap_or(date_time))
                .map(|v| format!("for v in v {{ request.query({key:?}, {v}); }}")),
            _ => wire::fmt_ref(t, fmt.unwrap_or(date_time))
                .map(|v| format!("request.query({key:?}, {v});")),
        },
        Binding::QueryParams => match t {
            Ty::Map(inner) if **inner == Ty::String => {
                Some("for (k, v) in v { request.query(k, v); }".to_string())
            }
            Ty::Map(inner) if **inner == Ty::List(Box::new(Ty::String)) => {
                Some("for (k, vs) in v { for v in vs { request.query(k, v); } }".to_string())
            }
            _ => None,
        },
        Binding::Header(name) => match t {
            Ty::List(inner) => wire::fmt_ref(inner, fmt.unwrap_or(http_date)).map(|v| {
                // Strings (and enums) that hold a comma or quote go as quoted strings.
                let quote = matches!(
                    **inner,
                    Ty::String | Ty::Named { kind: NamedKind::Enum, .. }
                );
                format!(
                    "request.header({name:?}, {REST}::join_header_list(v.iter().map(|v| {v}.to_string()), {quote}));"
                )
            }),
            _ => wire::fmt_ref(t, fmt.unwrap_or(http_date))
                .map(|v| format!("request.header({name:?}, {v});")),
        },
        Binding::PrefixHeaders(prefix) => match t {
            Ty::Map(inner) if **inner == Ty::String => Some(format!(
                "for (k, v) in v {{ request.header(format!(\"{prefix}{{k}}\"), v); }}"
            )),
            _ => None,
        },
        _ => None,
    }
}

/// The statement sending the `@httpPayload` member.
fn payload_line(f: &Field) -> String {
    let t = &f.ty;
    let stmt = match t {
        Ty::Named {
            kind: NamedKind::Structure | NamedKind::Union,
            ..
        } => {
            let (_, conv) = wire::to_wire(t, None);
            let wire::Conv::Fn(p) = conv else {
                unreachable!("structures convert with From")
            };
            format!("request.json_body(&{p}(v))?;")
        }
        Ty::Blob => format!(
            "request.body(v.clone().into_inner().into(), {:?});",
            "application/octet-stream"
        ),
        Ty::ByteStream => "request.body(v.into_inner(), \"application/octet-stream\");".into(),
        Ty::String => "request.body(v.clone().into(), \"text/plain\");".into(),
        Ty::Document => format!("request.json_body(&{REST}::document_to_json(v))?;"),
        _ => format!(
            "{};",
            wire::unsupported(&format!("the payload {}", f.member))
        ),
    };
    format!("{} {stmt} }}", opener(f, *t == Ty::ByteStream))
}

/// The body-parsing statements of the success path and the output builder's setter calls.
pub(super) fn response_lines(op: &Operation) -> (Vec<String>, Vec<String>) {
    let mut lines = Vec::new();
    let mut setters = Vec::new();
    let body_fields: Vec<&Field> = op
        .output
        .fields
        .iter()
        .filter(|f| f.binding == Binding::Body)
        .collect();
    if !body_fields.is_empty() {
        lines.push(format!(
            "let wire: crate::protocol_serde::{} = {REST}::json_body(response)?;",
            naming::wire_body(&op.names.output)
        ));
    }
    for f in &op.output.fields {
        let t = &f.ty;
        let value = match &f.binding {
            Binding::Body => {
                wire::wire_field(t, &f.ident, f.client_optional, f.boxed, f.timestamp_format).from
            }
            Binding::Header(name) => wire::parse_header(t, name, f.timestamp_format),
            Binding::PrefixHeaders(prefix) => match t {
                Ty::Map(inner) if **inner == Ty::String => {
                    format!("{REST}::prefix_headers(response, {prefix:?})")
                }
                _ => wire::unsupported(&format!("the prefix headers {}", f.member)),
            },
            Binding::ResponseCode => "Some(i32::from(response.status().as_u16()))".into(),
            Binding::Payload => payload_value(t, &f.member),
            _ => wire::unsupported(&format!("the output binding of {}", f.member)),
        };
        setters.push(format!(".{}({value})", f.setter));
    }
    (lines, setters)
}

fn payload_value(t: &Ty, member: &str) -> String {
    let bytes = format!("{REST}::body_bytes(response)");
    match t {
        path @ Ty::Named {
            kind: NamedKind::Structure | NamedKind::Union,
            name,
            ..
        } => format!(
            "Some({path}::from({REST}::json_body::<crate::protocol_serde::{}>(response)?))",
            naming::wire_type(name)
        ),
        Ty::Blob => format!("Some(aws_smithy_types::Blob::new({bytes}))"),
        Ty::ByteStream => {
            format!("Some(aws_smithy_types::byte_stream::ByteStream::from({bytes}.to_vec()))")
        }
        Ty::String => format!("Some(String::from_utf8({bytes}.to_vec())?)"),
        Ty::Document => {
            format!("Some({REST}::json_to_document({REST}::json_body(response)?))")
        }
        _ => wire::unsupported(&format!("the payload {member}")),
    }
}
