//! Per-operation client views: the operation module (input, output, error enum, request
//! serializer, response deserializer) and its fluent builder.

use super::rt::{ERROR, IDEMPOTENCY};
use askama::Template;

use crate::ir::{Operation, Service, ShapeKind};
use crate::naming;
use crate::render::types::{BuilderArg, FieldView, StructureView};
use crate::render::{Flavor, RenderedFile, doc_lines};

use super::http::{request_lines, response_lines};
use super::skeleton::ErrorVariant;

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
    response_param: &'static str,
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
    fields: Vec<FieldView>,
    paginator: Option<String>,
    /// A streaming input body can be read once, so its fluent builder is not `Clone`.
    derives: &'static str,
}

/// `operation/<op>.rs` and `operation/<op>/builders.rs`.
pub fn operation_files(
    service: &Service,
    op: &Operation,
) -> Result<Vec<RenderedFile>, askama::Error> {
    let module = naming::unraw(&op.names.snake).to_string();
    let paginator = super::paginator::paginator_file(op, &module).transpose()?;
    let mut files = vec![
        RenderedFile::new(
            format!("src/operation/{module}.rs"),
            OperationTemplate {
                o: op_view(service, op)?,
            }
            .render()?,
        ),
        RenderedFile::new(
            format!("src/operation/{module}/builders.rs"),
            BuildersTemplate { o: fluent_view(op) }.render()?,
        ),
    ];
    files.extend(paginator);
    Ok(files)
}

/// The operation's error variants: docs from the shape, retry kind from `@retryable`.
fn error_variants(service: &Service, op: &Operation) -> Vec<ErrVariant> {
    op.errors
        .iter()
        .map(|e| {
            let shape = service.errors.iter().find(|s| s.name == e.name);
            let kind = match shape.and_then(|s| s.error.as_ref()) {
                Some(i) if i.throttling => format!("Some({ERROR}::ErrorKind::ThrottlingError)"),
                Some(i) if i.retryable => format!("Some({ERROR}::ErrorKind::TransientError)"),
                _ => "None".to_string(),
            };
            ErrVariant {
                v: ErrorVariant {
                    name: e.name.clone(),
                    docs: shape.map(|s| doc_lines(&s.docs)).unwrap_or_default(),
                },
                is_fn: naming::is_variant(&e.name),
                code: e.code.clone(),
                wire: format!("crate::protocol_serde::{}", naming::wire_body(&e.name)),
                kind,
            }
        })
        .collect()
}

fn op_view(service: &Service, op: &Operation) -> Result<OpView, askama::Error> {
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
        errors: error_variants(service, op),
        ser_lines,
        de_lines,
        de_setters,
        input_param: if uses_input { "input" } else { "_input" },
        body_param: if op.errors.is_empty() {
            "_body"
        } else {
            "body"
        },
        response_param: if op.errors.is_empty() {
            "_response"
        } else {
            "response"
        },
        paginated: op.paginator.is_some(),
        host_prefix_param: match &host_prefix {
            Some(lines) if lines.iter().any(|l| l.contains("input")) => "input",
            _ => "_input",
        },
        host_prefix,
    };
    Ok(view)
}

fn fluent_view(op: &Operation) -> FluentView {
    let token_lines: Vec<String> = op
        .input
        .fields
        .iter()
        .filter(|f| f.idempotency_token && f.client_optional && f.target_kind == ShapeKind::String)
        .map(|f| {
            format!(
                "if input.{0}.is_none() {{ input.{0} = Some({IDEMPOTENCY}::token()); }}",
                f.ident
            )
        })
        .collect();
    FluentView {
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
        fields: op
            .input
            .fields
            .iter()
            .map(|f| FieldView::new(f, Flavor::Client))
            .collect(),
        paginator: op
            .paginator
            .as_ref()
            .map(|_| naming::paginator(&op.names.name)),
        derives: if op.input.fields.iter().any(|f| f.streaming) {
            "Debug"
        } else {
            "Clone, Debug"
        },
    }
}
