//! Per-operation client views: the operation module (input, output, error enum, request
//! serializer, response deserializer), its fluent builder, the wire forms and validators.

use askama::Template;

use crate::http::Segment;
use crate::ir::ShapeKind;
use crate::ir::TimestampFormat;
use crate::ir::{Binding, Field, Operation, Service, Structure, TypeDef};
use crate::naming;
use crate::render::doc_lines;
use crate::render::types::StructureView;

use super::skeleton::ErrorVariant;
use super::wire;
use crate::ir::{NamedKind, RustType as Ty};
use crate::render::RenderedFile;

#[derive(Template)]
#[template(path = "client/operation.rs")]
struct OperationTemplate {
    o: OpView,
}

struct OpView {
    docs: Vec<String>,
    shape_id: String,
    http: String,
    name: String,
    input_name: String,
    output_name: String,
    error_name: String,
    input: String,
    output: String,
    errors: Vec<ErrVariant>,
    ser_lines: Vec<String>,
    de_lines: Vec<String>,
    de_setters: Vec<String>,
    input_param: &'static str,
    body_param: &'static str,
    paginated: bool,
    host_prefix: Option<Vec<String>>,
    host_prefix_param: &'static str,
    /// Index in the service's operation list: the slot in the client's operation cache.
    slot: usize,
}

struct ErrVariant {
    v: ErrorVariant,
    is_fn: String,
    code: String,
    wire: String,
    kind: String,
}

#[derive(Template)]
#[template(path = "client/builders.rs")]
struct BuildersTemplate {
    o: FluentView,
}

struct FluentView {
    name: String,
    snake: String,
    fluent: String,
    input_builder: String,
    output_builder: String,
    output_name: String,
    error_name: String,
    docs: Vec<String>,
    input_binding: &'static str,
    token_lines: Vec<String>,
    validate_fn: String,
    fields: Vec<FluentField>,
    paginator: Option<String>,
}

struct FluentField {
    docs: Vec<String>,
    ident: String,
    ident_unraw: String,
    setter: String,
    params: String,
    args: String,
    builder_ty: String,
}

/// `operation/<op>.rs` and `operation/<op>/builders.rs`.
pub fn operation_files(
    service: &Service,
    op: &Operation,
) -> Result<Vec<RenderedFile>, askama::Error> {
    let module = naming::unraw(&op.names.snake).to_string();
    let errors = op
        .errors
        .iter()
        .map(|e| {
            let shape = service.errors.iter().find(|s| s.name == e.name);
            let kind = match shape.and_then(|s| s.error.as_ref()) {
                Some(i) if i.throttling => "Some(crate::rt::error::ErrorKind::ThrottlingError)",
                Some(i) if i.retryable => "Some(crate::rt::error::ErrorKind::TransientError)",
                _ => "None",
            };
            ErrVariant {
                v: ErrorVariant {
                    name: e.name.clone(),
                    docs: shape.map(|s| doc_lines(&s.docs)).unwrap_or_default(),
                },
                is_fn: naming::is_variant(&e.name),
                code: e.code.clone(),
                wire: format!("crate::protocol_serde::{}", naming::wire_body(&e.name)),
                kind: kind.into(),
            }
        })
        .collect();
    let (de_lines, de_setters) = response_lines(op);
    let ser_lines = request_lines(op);
    let uses_input = ser_lines.iter().any(|l| l.contains("input"));
    let host_prefix = super::paginator::host_prefix_lines(op);
    let slot = service
        .operations
        .iter()
        .position(|o| o.shape_id == op.shape_id)
        .unwrap_or(usize::MAX);
    let view = OpView {
        slot,
        docs: doc_lines(&op.docs),
        shape_id: op.shape_id.clone(),
        http: format!("{} {} -> {}", op.method, op.uri, op.success_code),
        name: op.names.name.clone(),
        input_name: op.names.input.clone(),
        output_name: op.names.output.clone(),
        error_name: op.names.error.clone(),
        input: StructureView {
            s: super::input_view(&op.input),
        }
        .render()?,
        output: StructureView {
            s: super::output_view(&op.output),
        }
        .render()?,
        errors,
        ser_lines,
        de_lines,
        de_setters,
        input_param: if uses_input { "input" } else { "_input" },
        body_param: if op.errors.is_empty() {
            "_body"
        } else {
            "body"
        },
        paginated: op.paginator.is_some(),
        host_prefix_param: match &host_prefix {
            Some(lines) if lines.iter().any(|l| l.contains("input")) => "input",
            _ => "_input",
        },
        host_prefix,
    };
    let token_lines: Vec<String> = op
        .input
        .fields
        .iter()
        .filter(|f| f.idempotency_token && f.client_optional && f.target_kind == ShapeKind::String)
        .map(|f| {
            format!(
                "if input.{0}.is_none() {{ input.{0} = Some(crate::rt::idempotency::token()); }}",
                f.ident
            )
        })
        .collect();
    let fluent = FluentView {
        name: op.names.name.clone(),
        snake: op.names.snake.clone(),
        fluent: naming::fluent_builder(&op.names.name),
        input_builder: naming::builder(&op.names.input),
        output_builder: naming::builder(&op.names.output),
        output_name: op.names.output.clone(),
        error_name: op.names.error.clone(),
        docs: doc_lines(&op.docs),
        input_binding: if token_lines.is_empty() {
            "let input"
        } else {
            "let mut input"
        },
        token_lines,
        validate_fn: naming::validate_fn(&op.names.snake),
        fields: op.input.fields.iter().map(fluent_field).collect(),
        paginator: op
            .paginator
            .as_ref()
            .map(|_| naming::paginator(&op.names.name)),
    };
    let paginator = super::paginator::paginator_file(op, &module).transpose()?;
    let mut files = vec![
        RenderedFile::new(
            format!("src/operation/{module}.rs"),
            OperationTemplate { o: view }.render()?,
        ),
        RenderedFile::new(
            format!("src/operation/{module}/builders.rs"),
            BuildersTemplate { o: fluent }.render()?,
        ),
    ];
    files.extend(paginator);
    Ok(files)
}

fn fluent_field(f: &Field) -> FluentField {
    let value_ty = if f.boxed {
        format!("Box<{}>", f.ty)
    } else {
        f.ty.to_string()
    };
    let item = f.ty.item().unwrap_or(&f.ty);
    let (params, args) = match f.target_kind {
        ShapeKind::List => (format!("input: {item}"), "input"),
        ShapeKind::Map => (
            format!("key: impl Into<String>, value: {item}"),
            "key, value",
        ),
        _ => (format!("input: impl Into<{value_ty}>"), "input"),
    };
    FluentField {
        docs: doc_lines(&f.docs),
        ident: f.ident.clone(),
        ident_unraw: naming::unraw(&f.ident).to_string(),
        setter: f.setter.clone(),
        params,
        args: args.into(),
        builder_ty: value_ty,
    }
}

fn opener(f: &Field, by_value: bool) -> String {
    let amp = if by_value { "" } else { "&" };
    if f.client_optional {
        format!("if let Some(v) = {amp}input.{} {{", f.ident)
    } else {
        format!("{{ let v = {amp}input.{};", f.ident)
    }
}

/// The statements of `ser_request`, ending with the built request.
fn request_lines(op: &Operation) -> Vec<String> {
    let mut lines = vec![format!(
        "let mut request = crate::rt::rest::RequestBuilder::new({:?});",
        op.method
    )];
    let fields = &op.input.fields;
    let date_time = TimestampFormat::DateTime;
    for segment in &op.template.segments {
        match segment {
            Segment::Literal(l) => lines.push(format!("request.literal({l:?});")),
            Segment::Label(label) => {
                let Some(f) = fields.iter().find(|f| f.member == label.name) else {
                    continue;
                };
                let value = wire::fmt_ref(&f.ty, f.timestamp_format.unwrap_or(date_time));
                let Some(value) = value else {
                    lines.push(format!(
                        "{};",
                        wire::unsupported(&format!("label {}", f.member))
                    ));
                    continue;
                };
                if f.client_optional {
                    lines.push(format!(
                        "let Some(v) = &input.{} else {{ return Err(crate::rt::rest::missing_label({:?})); }};",
                        f.ident, f.member
                    ));
                } else {
                    lines.push(format!("let v = &input.{};", f.ident));
                }
                lines.push(format!(
                    "request.label({:?}, {value}, {})?;",
                    f.member, label.greedy
                ));
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
        let t = &f.ty;
        let fmt = f.timestamp_format;
        let stmt = match &f.binding {
            Binding::Body => {
                body_fields.push(f);
                continue;
            }
            Binding::Payload => {
                payload = Some(f);
                continue;
            }
            Binding::Label { .. } | Binding::ResponseCode => continue,
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
            Binding::Header(name) => {
                let http_date = TimestampFormat::HttpDate;
                match t {
                    Ty::List(inner) => wire::fmt_ref(inner, fmt.unwrap_or(http_date)).map(|v| {
                        format!(
                            "request.header({name:?}, v.iter().map(|v| {v}.to_string()).collect::<Vec<_>>().join(\",\"));"
                        )
                    }),
                    _ => wire::fmt_ref(t, fmt.unwrap_or(http_date))
                        .map(|v| format!("request.header({name:?}, {v});")),
                }
            }
            Binding::PrefixHeaders(prefix) => match t {
                Ty::Map(inner) if **inner == Ty::String => Some(format!(
                    "for (k, v) in v {{ request.header(format!(\"{prefix}{{k}}\"), v); }}"
                )),
                _ => None,
            },
        };
        let stmt = stmt.unwrap_or_else(|| {
            format!(
                "{};",
                wire::unsupported(&format!("the binding of {}", f.member))
            )
        });
        lines.push(format!("{} {stmt} }}", opener(f, false)));
    }
    if !body_fields.is_empty() {
        lines.push(format!(
            "request.json_body(&crate::protocol_serde::{}::from(&input))?;",
            naming::wire_body(&op.names.input)
        ));
    }
    if let Some(f) = payload {
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
            Ty::Document => "request.json_body(&crate::rt::rest::document_to_json(v))?;".into(),
            _ => format!(
                "{};",
                wire::unsupported(&format!("the payload {}", f.member))
            ),
        };
        lines.push(format!("{} {stmt} }}", opener(f, *t == Ty::ByteStream)));
    }
    if lines.len() == 1 {
        lines[0] = lines[0].replace("let mut request", "let request");
    }
    lines.push("request.build()".into());
    lines
}

/// The body-parsing statements of the success path and the output builder's setter calls.
fn response_lines(op: &Operation) -> (Vec<String>, Vec<String>) {
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
            "let wire: crate::protocol_serde::{} = crate::rt::rest::json_body(response)?;",
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
                    format!("crate::rt::rest::prefix_headers(response, {prefix:?})")
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
    let bytes = "crate::rt::rest::body_bytes(response)";
    match t {
        path @ Ty::Named {
            kind: NamedKind::Structure | NamedKind::Union,
            name,
            ..
        } => format!(
            "Some({path}::from(crate::rt::rest::json_body::<crate::protocol_serde::{}>(response)?))",
            naming::wire_type(name)
        ),
        Ty::Blob => format!("Some(aws_smithy_types::Blob::new({bytes}))"),
        Ty::ByteStream => {
            format!("Some(aws_smithy_types::byte_stream::ByteStream::from({bytes}.to_vec()))")
        }
        Ty::String => format!("Some(String::from_utf8({bytes}.to_vec())?)"),
        Ty::Document => {
            "Some(crate::rt::rest::json_to_document(crate::rt::rest::json_body(response)?))".into()
        }
        _ => wire::unsupported(&format!("the payload {member}")),
    }
}

#[derive(Template)]
#[template(path = "client/protocol_serde.rs")]
struct ProtocolSerdeTemplate {
    structs: Vec<WireStruct>,
    unions: Vec<WireUnion>,
}

struct WireStruct {
    name: String,
    model: String,
    /// `From<&Model>` for the wire form (request bodies, nested types).
    to_model_wire: bool,
    /// `From<Wire>` for the model type (nested types), or `into_error` for errors.
    from_wire: bool,
    into_error: bool,
    fields: Vec<WireFieldView>,
}

struct WireFieldView {
    json: String,
    ident: String,
    ty: String,
    to: String,
    from: String,
    setter: String,
}

struct WireUnion {
    name: String,
    model: String,
    variants: Vec<WireVariant>,
}

struct WireVariant {
    json: String,
    name: String,
    ty: String,
    to: String,
    from: String,
}

fn wire_fields<'a>(fields: impl Iterator<Item = &'a Field>) -> Vec<WireFieldView> {
    fields
        .map(|f| {
            let w = wire::wire_field(
                &f.ty,
                &f.ident,
                f.client_optional,
                f.boxed,
                f.timestamp_format,
            );
            WireFieldView {
                json: f.json_name.clone(),
                ident: f.ident.clone(),
                ty: w.ty,
                to: w.to,
                from: w.from,
                setter: f.setter.clone(),
            }
        })
        .collect()
}

fn body_fields(s: &Structure) -> impl Iterator<Item = &Field> {
    s.fields.iter().filter(|f| f.binding == Binding::Body)
}

pub fn protocol_serde(service: &Service) -> Result<String, askama::Error> {
    let mut structs = Vec::new();
    let mut unions = Vec::new();
    for def in &service.types {
        match def {
            TypeDef::Structure(s) => structs.push(WireStruct {
                name: naming::wire_type(&s.name),
                model: format!("crate::types::{}", s.name),
                to_model_wire: true,
                from_wire: true,
                into_error: false,
                fields: wire_fields(s.fields.iter()),
            }),
            TypeDef::Union(u) => unions.push(WireUnion {
                name: naming::wire_type(&u.name),
                model: format!("crate::types::{}", u.name),
                variants: u
                    .variants
                    .iter()
                    .map(|v| {
                        let (mut wty, to) = wire::to_wire(&v.ty, v.timestamp_format);
                        let from = wire::from_wire(&v.ty);
                        let (to, from) = if v.boxed {
                            wty = format!("Box<{wty}>");
                            (
                                format!("Box::new({})", apply(&to, "&**v", false)),
                                format!("Box::new({})", apply(&from, "*v", false)),
                            )
                        } else {
                            (apply(&to, "v", v.ty.is_copy()), apply(&from, "", false))
                        };
                        WireVariant {
                            json: v.member.clone(),
                            name: v.ident.clone(),
                            ty: wty,
                            to,
                            from,
                        }
                    })
                    .collect(),
            }),
            TypeDef::Enum(_) => {}
        }
    }
    for e in &service.errors {
        structs.push(WireStruct {
            name: naming::wire_body(&e.name),
            model: format!("crate::types::error::{}", e.name),
            to_model_wire: false,
            from_wire: false,
            into_error: true,
            fields: wire_fields(body_fields(e)),
        });
    }
    for op in &service.operations {
        let module = format!("crate::operation::{}", op.names.snake);
        if body_fields(&op.input).next().is_some() {
            structs.push(WireStruct {
                name: naming::wire_body(&op.names.input),
                model: format!("{module}::{}", op.names.input),
                to_model_wire: true,
                from_wire: false,
                into_error: false,
                fields: wire_fields(body_fields(&op.input)),
            });
        }
        if body_fields(&op.output).next().is_some() {
            structs.push(WireStruct {
                name: naming::wire_body(&op.names.output),
                model: format!("{module}::{}", op.names.output),
                to_model_wire: false,
                from_wire: false,
                into_error: false,
                fields: wire_fields(body_fields(&op.output)),
            });
        }
    }
    ProtocolSerdeTemplate { structs, unions }.render()
}

/// A conversion applied to `arg`: a reference for `to` (`v`, `&**v`), or the owned `v` when
/// `arg` is empty (`from`).
fn apply(c: &wire::Conv, arg: &str, copy: bool) -> String {
    let owned = arg.is_empty();
    let arg = if owned { "v" } else { arg };
    match c {
        wire::Conv::Id if owned => "v".into(),
        wire::Conv::Id if copy => format!("*{arg}"),
        wire::Conv::Id => format!("{arg}.clone()"),
        wire::Conv::Fn(p) => format!("{p}({arg})"),
        wire::Conv::Expr(e) if arg == "v" => e.clone(),
        wire::Conv::Expr(e) => format!("{{ let v = {arg}; {e} }}"),
    }
}
