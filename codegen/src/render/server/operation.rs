//! One operation module of the server: input and output structures (the shared structure
//! template), the error enum, the input decoder (HTTP bindings and body), the response encoder
//! and the `handle` glue.

use askama::Template;

use super::decode::{Gen, Src, format_path};
use super::encode::json_value;
use crate::ir::TimestampFormat;
use crate::ir::{Binding, Field, Operation, Service, TypeDef};
use crate::ir::{RustType, ShapeKind};
use crate::naming;
use crate::render::types::{StructView, StructureView};
use crate::render::{Flavor, doc_lines};

#[derive(Template)]
#[template(path = "server/operation.rs")]
struct OperationView {
    docs: Vec<String>,
    trait_path: String,
    snake: String,
    input_struct: String,
    output_struct: String,
    input: String,
    output: String,
    error: String,
    error_docs: String,
    variants: Vec<Variant>,
    decode_params: String,
    prelude: Vec<String>,
    decls: Vec<String>,
    assemble: Vec<String>,
    respond: Vec<String>,
    output_param: &'static str,
    root_path: &'static str,
    /// `*self` for an operation without errors (an empty enum matches only by value).
    display_scrutinee: &'static str,
    formatter: &'static str,
    validation_response: String,
}

struct Variant {
    name: String,
    ty: String,
}

pub struct Members {
    pub decls: Vec<String>,
    pub assemble: Vec<String>,
}

/// Declarations decoding `fields` from JSON object `object` (every field a body member).
pub fn body_members(g: &mut Gen<'_>, fields: &[Field], object: &str, _nested: bool) -> Members {
    let mut m = Members {
        decls: Vec::new(),
        assemble: Vec::new(),
    };
    for f in fields {
        let source = format!("decode::take(&mut {object}, {:?})", f.json_name);
        let block = g.block(f, Src::Json);
        push_member(g, &mut m, f, &source, &block);
    }
    m
}

fn push_member(g: &Gen<'_>, m: &mut Members, f: &Field, source: &str, block: &str) {
    let local = naming::member_local(&f.ident);
    let value = if f.boxed {
        format!("let item: Option<{}> = {block};\nitem.map(Box::new)", f.ty)
    } else {
        block.to_string()
    };
    let missing = if f.required {
        format!(
            "{{\nvalidation::required(v, &path.member({:?}));\nNone\n}}",
            f.member
        )
    } else {
        "None".into()
    };
    m.decls.push(format!(
        "let {local} = match {source} {{\nSome(value) => {{\nlet p = path.member({:?});\n{value}\n}}\nNone => {missing},\n}};",
        f.member
    ));
    let value = if f.server_optional {
        local
    } else if f.required {
        format!("match {local} {{\nSome(x) => x,\nNone => return Ok(None),\n}}")
    } else {
        default_value(g, f, &local)
    };
    m.assemble.push(format!("{}: {value}", f.ident));
}

/// A defaulted member that was not sent takes the model's `@default`.
fn default_value(g: &Gen<'_>, f: &Field, local: &str) -> String {
    use serde_json::Value;
    let fallback = format!(
        "match {local} {{\nSome(x) => x,\nNone => return Err(Rejection::Internal(\"@default of {} is {}\".into())),\n}}",
        f.member,
        super::decode::UNSUPPORTED
    );
    let Some(d) = &f.default else {
        return fallback;
    };
    let zero = match d {
        Value::Bool(b) => !b,
        Value::Number(n) => n.as_f64() == Some(0.0),
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        Value::Null => true,
    };
    let boxed = |e: String| if f.boxed { format!("Box::new({e})") } else { e };
    match (f.target_kind, d) {
        (ShapeKind::String, Value::String(s)) if !s.is_empty() => {
            format!("{local}.unwrap_or_else(|| String::from({s:?}))")
        }
        (ShapeKind::String | ShapeKind::List | ShapeKind::Map | ShapeKind::Boolean, _) if zero => {
            format!("{local}.unwrap_or_default()")
        }
        (ShapeKind::Boolean, Value::Bool(b)) => format!("{local}.unwrap_or({b})"),
        (
            ShapeKind::Byte | ShapeKind::Short | ShapeKind::Integer | ShapeKind::Long,
            Value::Number(n),
        ) => {
            format!("{local}.unwrap_or({})", boxed(n.to_string()))
        }
        (ShapeKind::Float | ShapeKind::Double, Value::Number(n)) => {
            let x = n.as_f64().unwrap_or(0.0);
            format!("{local}.unwrap_or({})", boxed(format!("{x:?}")))
        }
        (ShapeKind::Enum, Value::String(s)) => {
            let variant = g.service.types.iter().find_map(|t| match t {
                TypeDef::Enum(e) if e.shape_id == f.target => {
                    e.variants.iter().find(|v| v.value == *s).map(|v| (e, v))
                }
                _ => None,
            });
            match variant {
                Some((e, v)) => format!(
                    "{local}.unwrap_or({})",
                    boxed(format!("crate::types::{}::{}", e.name, v.name))
                ),
                None => fallback,
            }
        }
        (ShapeKind::Timestamp, Value::Number(n)) => format!(
            "{local}.unwrap_or_else(|| aws_smithy_types::DateTime::from_secs_f64({:?}))",
            n.as_f64().unwrap_or(0.0)
        ),
        _ => fallback,
    }
}

/// The operation's module.
pub fn operation_file(service: &Service, op: &Operation) -> Result<String, askama::Error> {
    let reachable = super::decode::reachable(service);
    let mut g = Gen::new(service, &reachable, super::VALIDATE_MODULE);
    let structure = |s| {
        StructureView {
            s: StructView::new(s, Flavor::Server),
        }
        .render()
    };
    let (decode_params, prelude, m) = decode_input(&mut g, op);
    let view = OperationView {
        docs: doc_lines(&op.docs),
        trait_path: format!("crate::{}", service.name),
        snake: op.names.snake.clone(),
        input_struct: structure(&op.input)?,
        output_struct: structure(&op.output)?,
        input: op.names.input.clone(),
        output: op.names.output.clone(),
        error: op.names.error.clone(),
        error_docs: format!(
            " Every error `{}` may return (its `errors` list).",
            op.names.name
        ),
        variants: op
            .errors
            .iter()
            .map(|e| Variant {
                name: e.name.clone(),
                ty: format!("crate::types::error::{}", e.name),
            })
            .collect(),
        decode_params,
        prelude,
        decls: m.decls,
        assemble: m.assemble,
        respond: respond(op),
        display_scrutinee: if op.errors.is_empty() {
            "*self"
        } else {
            "self"
        },
        formatter: if op.errors.is_empty() { "_f" } else { "f" },
        root_path: if op.input.fields.is_empty() {
            "_path"
        } else {
            "path"
        },
        output_param: if op.output.fields.is_empty() {
            "_output"
        } else {
            "output"
        },
        validation_response: validation_response(service, op),
    };
    view.render()
}

/// What decoding an operation's input reads, learnt while its statements are built.
#[derive(Default)]
struct Uses {
    body: bool,
    query: bool,
    labels: bool,
    ctx: bool,
    /// JSON names of the body members; each is read from its slot by index (no map lookups).
    body_names: Vec<String>,
}

impl Uses {
    /// The expression giving member `f`'s raw value, and the block decoding it.
    fn member(&mut self, g: &mut Gen<'_>, f: &Field, labels: &[&str]) -> (String, String) {
        let text = |t| Src::Text { default_time: t };
        let list = f.target_kind == ShapeKind::List;
        match &f.binding {
            Binding::Body => {
                self.body = true;
                self.body_names.push(format!("{:?}", f.json_name));
                (
                    format!("object.take({})", self.body_names.len() - 1),
                    g.block(f, Src::Json),
                )
            }
            Binding::Label { .. } => {
                self.labels = true;
                let i = labels.iter().position(|l| *l == f.member).unwrap_or(0);
                let source = if i == 0 {
                    "labels.first().cloned()".to_string()
                } else {
                    format!("labels.get({i}).cloned()")
                };
                (source, g.block(f, text(TimestampFormat::DateTime)))
            }
            Binding::Query(key) => {
                self.query = true;
                if list {
                    (
                        format!("bind::query_all(&query, {key:?})"),
                        g.text_list_block(f, TimestampFormat::DateTime),
                    )
                } else {
                    (
                        format!("bind::query_first(&query, {key:?})"),
                        g.block(f, text(TimestampFormat::DateTime)),
                    )
                }
            }
            Binding::QueryParams => {
                self.query = true;
                let all = g
                    .collection(&f.target)
                    .is_some_and(|c| c.member.target_kind == ShapeKind::List);
                let call = if all {
                    "query_params_all"
                } else {
                    "query_params"
                };
                (format!("bind::{call}(&query)"), g.text_map_block(f))
            }
            Binding::Header(name) => {
                self.ctx = true;
                let name = name.to_ascii_lowercase();
                if list {
                    // http-dates hold a comma each: their list items pair up.
                    let dates = g.collection(&f.target).is_some_and(|c| {
                        c.member.target_kind == ShapeKind::Timestamp
                            && c.member
                                .timestamp_format
                                .or(f.timestamp_format)
                                .unwrap_or(TimestampFormat::HttpDate)
                                == TimestampFormat::HttpDate
                    });
                    let call = if dates {
                        "header_date_list"
                    } else {
                        "header_list"
                    };
                    (
                        format!("bind::{call}(ctx.headers(), {name:?})?"),
                        g.text_list_block(f, TimestampFormat::HttpDate),
                    )
                } else {
                    (
                        format!("bind::header(ctx.headers(), {name:?})?"),
                        g.block(f, text(TimestampFormat::HttpDate)),
                    )
                }
            }
            Binding::PrefixHeaders(prefix) => {
                self.ctx = true;
                (
                    format!("bind::prefix_headers(ctx.headers(), {prefix:?})?"),
                    g.text_map_block(f),
                )
            }
            Binding::Payload => payload_input(g, f, &mut self.ctx),
            Binding::ResponseCode => ("None::<String>".into(), "{\nNone\n}".into()),
        }
    }
}

/// The input decoder's parameters, its prelude and the statements of its members.
fn decode_input(g: &mut Gen<'_>, op: &Operation) -> (String, Vec<String>, Members) {
    let mut m = Members {
        decls: Vec::new(),
        assemble: Vec::new(),
    };
    let mut uses = Uses::default();
    let labels: Vec<&str> = op.template.labels().map(|l| l.name.as_str()).collect();
    for f in &op.input.fields {
        let (source, block) = uses.member(g, f, &labels);
        if matches!(f.binding, Binding::Payload) {
            uses.body = false;
        }
        push_member(g, &mut m, f, &source, &block);
    }
    let has_payload = op
        .input
        .fields
        .iter()
        .any(|f| f.binding == Binding::Payload);
    let mut prelude = Vec::new();
    if uses.body {
        uses.ctx = true;
        prelude.push(format!(
            "let mut object = decode::parse_body_members(ctx.headers(), body, &[{}])?;",
            uses.body_names.join(", ")
        ));
    }
    if uses.query {
        prelude.push("let query = bind::query_pairs(uri)?;".to_string());
    }
    let p =
        |used: bool, name: &str, ty: &str| format!("{}{name}: {ty}", if used { "" } else { "_" });
    let decode_params = [
        p(uses.ctx || uses.body, "ctx", "&RequestContext"),
        p(uses.labels, "labels", "&[String]"),
        p(uses.query, "uri", "&http::Uri"),
        p(uses.body || has_payload, "body", "&bytes::Bytes"),
    ]
    .join(", ");
    (decode_params, prelude, m)
}

fn payload_input(g: &mut Gen<'_>, f: &Field, uses_ctx: &mut bool) -> (String, String) {
    let nonempty = "(!body.is_empty()).then(|| body.clone())".to_string();
    match f.target_kind {
        ShapeKind::Structure | ShapeKind::Union | ShapeKind::Document => {
            *uses_ctx = true;
            (
                "decode::payload(ctx.headers(), body)?".into(),
                g.block(f, Src::Json),
            )
        }
        ShapeKind::Blob if f.streaming => (
            "Some(body.clone())".into(),
            "{\nlet _ = (&p, &mut *v);\nSome(aws_smithy_types::byte_stream::ByteStream::from(value))\n}".into(),
        ),
        ShapeKind::Blob => (
            nonempty,
            "{\nlet _ = (&p, &mut *v);\nSome(aws_smithy_types::Blob::new(value.to_vec()))\n}".into(),
        ),
        ShapeKind::String | ShapeKind::Enum => {
            let inner = g.block(f, Src::Text { default_time: TimestampFormat::DateTime });
            (nonempty, format!("{{\nlet value = bind::payload_text(&value)?;\n{inner}\n}}"))
        }
        _ => (nonempty, super::decode::unsupported(f, "this @httpPayload")),
    }
}

/// The statements building `response` from the `@httpPayload` member `f`.
fn payload_response(f: &Field, code: u16) -> String {
    let get = |some: &str, none: &str| {
        if f.server_optional {
            format!(
                "match &output.{} {{\nSome(value) => {some},\nNone => {none},\n}}",
                f.ident
            )
        } else {
            format!("{{\nlet value = &output.{};\n{some}\n}}", f.ident)
        }
    };
    match f.target_kind {
        ShapeKind::Blob if f.streaming => {
            let collect = "stream.collect().await.map_err(|e| Rejection::Internal(e.to_string()))?.into_bytes()";
            let body = if f.server_optional {
                format!(
                    "match output.{} {{\nSome(stream) => {collect},\nNone => bytes::Bytes::new(),\n}}",
                    f.ident
                )
            } else {
                format!("{{\nlet stream = output.{};\n{collect}\n}}", f.ident)
            };
            format!(
                "let body = {body};\nlet mut response = bind::payload_response({code}, \"application/octet-stream\", body)?;"
            )
        }
        ShapeKind::Blob => format!(
            "let body = {};\nlet mut response = bind::payload_response({code}, \"application/octet-stream\", body)?;",
            get(
                "bytes::Bytes::from(value.as_ref().to_vec())",
                "bytes::Bytes::new()"
            )
        ),
        ShapeKind::String => format!(
            "let body = {};\nlet mut response = bind::payload_response({code}, \"text/plain\", body)?;",
            get("bytes::Bytes::from(value.clone())", "bytes::Bytes::new()")
        ),
        _ => format!(
            "let body = {};\nlet mut response = rest_json::json_response({code}, body)?;",
            get("value.to_json()", "Value::Object(Default::default())")
        ),
    }
}

/// Statements turning `output` into `response`.
fn respond(op: &Operation) -> Vec<String> {
    let code = op.success_code;
    let fields = &op.output.fields;
    let mut out = Vec::new();
    let payload = fields.iter().find(|f| f.binding == Binding::Payload);
    match payload {
        Some(f) => out.push(payload_response(f, code)),
        // An operation without output (`smithy.api#Unit`) answers an empty body.
        None if op.output.shape_id == crate::model::UNIT => {
            out.push(format!("let response = bind::empty_response({code})?;"));
        }
        None => {
            let body: Vec<&Field> = fields
                .iter()
                .filter(|f| f.binding == Binding::Body)
                .collect();
            out.push(format!(
                "let {}body = encode::ResponseMembers::new();",
                if body.is_empty() { "" } else { "mut " }
            ));
            for f in body {
                out.push(insert_member(f, "body", "output"));
            }
            out.push(format!(
                "let mut response = rest_json::json_members_response({code}, body)?;"
            ));
        }
    }
    let headers = header_statements(fields, "output", "&mut response");
    if headers.is_empty()
        && let Some(last) = out.last_mut()
    {
        *last = last.replace("let mut response", "let response");
    }
    out.extend(headers);
    out
}

/// The statements that set `owner`'s header-bound members (and `@httpResponseCode`) on the
/// response that the expression `response` (a `&mut Response`) gives.
pub fn header_statements(fields: &[Field], owner: &str, response: &str) -> Vec<String> {
    let mut headers = Vec::new();
    for f in fields {
        let stmt = match &f.binding {
            Binding::Header(name) => {
                let name = name.to_ascii_lowercase();
                let text = header_text(f);
                format!("bind::set_header({response}, {name:?}, {text})?;")
            }
            Binding::PrefixHeaders(prefix) => {
                format!("bind::set_prefix_headers({response}, {prefix:?}, value)?;")
            }
            Binding::ResponseCode => format!("bind::set_status({response}, *value)?;"),
            _ => continue,
        };
        headers.push(if f.server_optional {
            format!("if let Some(value) = &{owner}.{} {{\n{stmt}\n}}", f.ident)
        } else {
            format!("{{\nlet value = &{owner}.{};\n{stmt}\n}}", f.ident)
        });
    }
    headers
}

fn header_text(f: &Field) -> String {
    match f.target_kind {
        ShapeKind::String => "value".into(),
        ShapeKind::Enum => "value.as_str()".into(),
        ShapeKind::Timestamp => format!(
            "&bind::timestamp_text(value, {})?",
            format_path(f.timestamp_format.unwrap_or(TimestampFormat::HttpDate))
        ),
        ShapeKind::Blob => "&aws_smithy_types::base64::encode(value.as_ref())".into(),
        ShapeKind::List if f.ty.is_float_or_floats() => {
            "&value.iter().map(|x| bind::float_text(*x)).collect::<Vec<_>>().join(\", \")".into()
        }
        ShapeKind::List if f.ty.is_big_or_bigs() => {
            "&value.iter().map(|x| x.as_ref()).collect::<Vec<&str>>().join(\", \")".into()
        }
        ShapeKind::List if f.ty == RustType::List(Box::new(RustType::DateTime)) => format!(
            "&value.iter().map(|x| bind::timestamp_text(x, {})).collect::<Result<Vec<_>, _>>()?.join(\", \")",
            format_path(f.timestamp_format.unwrap_or(TimestampFormat::HttpDate))
        ),
        // Items holding a comma or quote go as quoted strings.
        ShapeKind::List => "&bind::join_header_list(value.iter().map(|x| x.to_string()))".into(),
        ShapeKind::Float | ShapeKind::Double => "&bind::float_text(*value)".into(),
        ShapeKind::BigInteger | ShapeKind::BigDecimal => "value.as_ref()".into(),
        _ => "&value.to_string()".into(),
    }
}

/// `target.insert("Json", <value>)` for a body member of `owner` (`self` or `output`).
pub fn insert_member(f: &Field, target: &str, owner: &str) -> String {
    let json = json_value(f, "value");
    if f.server_optional {
        format!(
            "if let Some(value) = &{owner}.{} {{\n{target}.insert({:?}, {json});\n}}",
            f.ident, f.json_name
        )
    } else {
        format!(
            "{{\nlet value = &{owner}.{};\n{target}.insert({:?}, {json});\n}}",
            f.ident, f.json_name
        )
    }
}

/// The 400 for constraint violations: the operation's own `ValidationException` when it can
/// carry the message, else the framework shape.
fn validation_response(service: &Service, op: &Operation) -> String {
    let framework = "Ok(rest_json::framework_validation_response(&violations))".to_string();
    let Some(e) = op
        .errors
        .iter()
        .find(|e| e.code == "ValidationException")
        .and_then(|r| service.errors.iter().find(|e| e.name == r.name))
    else {
        return framework;
    };
    let mut members = Vec::new();
    let mut has_message = false;
    for f in &e.fields {
        let value = if e.message_field().is_some_and(|m| std::ptr::eq(m, f)) {
            has_message = true;
            "validation::message(&violations)".to_string()
        } else if f.member == "fieldList"
            && let Some(item) = field_list_item(service, f)
        {
            format!("violations.iter().map(|x| {item}).collect()")
        } else if f.server_optional {
            members.push(format!("{}: None", f.ident));
            continue;
        } else {
            return framework;
        };
        members.push(if f.server_optional {
            format!("{}: Some({value})", f.ident)
        } else {
            format!("{}: {value}", f.ident)
        });
    }
    if !has_message {
        return framework;
    }
    format!(
        "rest_json::modeled_error_response(&crate::types::error::{} {{\n{}\n}})",
        e.name,
        members.join(",\n")
    )
}

/// `ValidationExceptionField { path, message }` built from a violation `x`.
fn field_list_item(service: &Service, f: &Field) -> Option<String> {
    let item = service
        .collections
        .iter()
        .find(|c| c.shape_id == f.target)?;
    let s = service.types.iter().find_map(|t| match t {
        TypeDef::Structure(s) if s.shape_id == item.member.target => Some(s),
        _ => None,
    })?;
    let mut members = Vec::new();
    for m in &s.fields {
        let value = match m.member.as_str() {
            "path" => "x.path.clone()",
            "message" => "x.message.clone()",
            _ if m.server_optional => "None",
            _ => return None,
        };
        members.push(if m.server_optional && value != "None" {
            format!("{}: Some({value})", m.ident)
        } else {
            format!("{}: {value}", m.ident)
        });
    }
    Some(format!(
        "crate::types::{} {{ {} }}",
        s.name,
        members.join(", ")
    ))
}
