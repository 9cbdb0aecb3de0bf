//! Stage 5: plain structs that say what to emit. Every Rust name comes from [`Names`]; every
//! type is a [`RustType`]; the renderers need nothing from the model beyond this.

mod rust_type;

use crate::docs;
use crate::http::UriTemplate;
use crate::model::{Kind, Member, Model, Shape};
use crate::naming::{self, Names, OperationNames};
use crate::pattern;
use crate::traits::{EnumValue, ErrorKind, Traits};

pub use crate::traits::TimestampFormat;
pub use rust_type::{NamedKind, Primitive, RustType, ShapeKind};

#[derive(Debug, Clone)]
pub struct Service {
    pub shape_id: String,
    /// The service shape's name: the server trait (`IotManagedIntegrations`).
    pub name: String,
    pub sdk_id: String,
    /// `iotmanagedintegrations`: the stem of both crate names.
    pub crate_stem: String,
    pub version: String,
    pub title: String,
    pub signing_name: Option<String>,
    pub endpoint_prefix: String,
    /// The standard partition's default endpoint from `smithy.rules#endpointRuleSet`, with
    /// `{region}` left to fill (`https://api.x.{region}.api.aws`).
    pub endpoint_template: Option<String>,
    pub docs: Vec<String>,
    pub operations: Vec<Operation>,
    pub types: Vec<TypeDef>,
    pub errors: Vec<Structure>,
    /// List and map shapes (their Rust types are inlined as `Vec`/`HashMap`; validators need
    /// their members).
    pub collections: Vec<Collection>,
    /// What the generator worked around (see [`crate::validate::warnings`]).
    pub warnings: Vec<crate::Diagnostic>,
}

/// A list or map shape.
#[derive(Debug, Clone)]
pub struct Collection {
    pub shape_id: String,
    /// The list's `member`, or the map's `value`.
    pub member: Field,
    /// The map's `key`; `None` for lists.
    pub key: Option<Field>,
    pub sparse: bool,
}

#[derive(Debug, Clone)]
pub struct Operation {
    pub shape_id: String,
    pub names: OperationNames,
    pub docs: Vec<String>,
    pub method: String,
    pub uri: String,
    pub template: UriTemplate,
    pub success_code: u16,
    pub input: Structure,
    pub output: Structure,
    pub errors: Vec<ErrorRef>,
    pub idempotent: bool,
    /// `@paginated` (missing fields from the service's), when its members resolve.
    pub paginator: Option<Paginator>,
    /// `@endpoint(hostPrefix)`: `{label}` names `@hostLabel` input members.
    pub host_prefix: Option<String>,
}

/// An operation's `@paginated` members, resolved to the fields along each path.
#[derive(Debug, Clone)]
pub struct Paginator {
    /// The input's `inputToken` (a top-level string member).
    pub input_token: Field,
    /// `outputToken` (`a.b`): the output fields along the path.
    pub output_token: Vec<Field>,
    /// `items`: the output fields along the path, ending at a list or map.
    pub items: Option<Vec<Field>>,
    /// `pageSize` (a top-level input member).
    pub page_size: Option<Field>,
}

/// An operation's reference to one of its error shapes.
#[derive(Debug, Clone)]
pub struct ErrorRef {
    /// The variant of the operation's error enum and the error struct's name.
    pub name: String,
    /// The wire error code (the shape's name, `X-Amzn-Errortype`).
    pub code: String,
    pub status: u16,
}

#[derive(Debug, Clone)]
pub enum TypeDef {
    Structure(Structure),
    Enum(Enum),
    Union(Union),
}

#[derive(Debug, Clone)]
pub struct Structure {
    pub shape_id: String,
    pub name: String,
    pub docs: Vec<String>,
    pub fields: Vec<Field>,
    pub error: Option<ErrorInfo>,
}

impl Structure {
    /// An error's message member (see [`ErrorInfo::message`]).
    pub fn message_field(&self) -> Option<&Field> {
        self.error.as_ref()?.message.map(|i| &self.fields[i])
    }

    /// An error's wire code (see [`ErrorInfo::code`]); empty for other structures.
    pub fn error_code(&self) -> &str {
        self.error.as_ref().map_or("", |e| e.code.as_str())
    }
}

#[derive(Debug, Clone)]
pub struct ErrorInfo {
    /// The wire error code: the shape's name.
    pub code: String,
    /// The index of the message member: the first string member named `message` in any
    /// case (`Message`, `message`), as the AWS protocols read it.
    pub message: Option<usize>,
    pub server_fault: bool,
    pub status: u16,
    pub retryable: bool,
    pub throttling: bool,
}

/// Where a member travels in an HTTP message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Binding {
    Body,
    Label { greedy: bool },
    Query(String),
    QueryParams,
    Header(String),
    PrefixHeaders(String),
    Payload,
    ResponseCode,
}

#[derive(Debug, Clone)]
pub struct Field {
    /// The Smithy member name.
    pub member: String,
    /// The JSON key (`@jsonName` or the member name).
    pub json_name: String,
    /// The Rust field, getter and builder-method name (`resource_type`, `r#type`).
    pub ident: String,
    /// `set_resource_type`
    pub setter: String,
    pub docs: Vec<String>,
    /// The Rust type of a present value (`String`, `crate::types::LogLevel`, `Vec<i32>`).
    pub ty: RustType,
    pub target_kind: ShapeKind,
    /// A `@streaming` blob (its type is `ByteStream`).
    pub streaming: bool,
    /// The shape id of the member's target.
    pub target: String,
    /// The `@default` value (member's, else target's), when not `null`.
    pub default: Option<serde_json::Value>,
    pub required: bool,
    /// The client's view: `Option<ty>` unless the model promises a value.
    pub client_optional: bool,
    /// The server's view: `Option<ty>` unless required or defaulted.
    pub server_optional: bool,
    pub binding: Binding,
    pub sensitive: bool,
    pub boxed: bool,
    pub idempotency_token: bool,
    pub timestamp_format: Option<TimestampFormat>,
    pub constraints: Constraints,
}

/// The constraint traits that apply to a member (its own, else its target's).
#[derive(Debug, Clone, Default)]
pub struct Constraints {
    pub length: Option<(Option<u64>, Option<u64>)>,
    pub range: Option<(Option<String>, Option<String>)>,
    /// The model's pattern (for messages) and its translation (for matching).
    pub pattern: Option<(String, pattern::RustPattern)>,
    /// A model pattern no engine compiles: not enforced, and the docs say so.
    pub unenforced_pattern: Option<String>,
    pub unique_items: bool,
}

#[derive(Debug, Clone)]
pub struct Enum {
    pub shape_id: String,
    pub name: String,
    pub docs: Vec<String>,
    pub int_enum: bool,
    pub variants: Vec<EnumVariant>,
}

#[derive(Debug, Clone)]
pub struct EnumVariant {
    pub name: String,
    /// The wire value: a string, or an integer's decimal text for intEnums.
    pub value: String,
    pub docs: Vec<String>,
    pub deprecated: bool,
    /// `@internal`: not listed in validation messages.
    pub internal: bool,
}

#[derive(Debug, Clone)]
pub struct Union {
    pub shape_id: String,
    pub name: String,
    pub docs: Vec<String>,
    pub variants: Vec<Field>,
}

/// Builds the IR of a validated, transformed model.
pub fn build(model: &Model) -> Service {
    let names = Names::new(model);
    let service = model.service_shape();
    let t = &service.traits;
    let aws = t.aws_service.clone().unwrap_or_default();
    let sdk_id = if aws.sdk_id.is_empty() {
        service.name().to_string()
    } else {
        aws.sdk_id
    };
    let crate_stem: String = sdk_id
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    let ctx = Context {
        model,
        names: &names,
    };
    let mut types = Vec::new();
    let mut errors = Vec::new();
    for (id, shape) in &model.shapes {
        let Some(name) = names.type_name(id) else {
            continue;
        };
        match shape.kind {
            Kind::Structure if shape.traits.error.is_some() => {
                errors.push(ctx.structure(shape, name.to_string()))
            }
            Kind::Structure => {
                types.push(TypeDef::Structure(ctx.structure(shape, name.to_string())))
            }
            Kind::Union => types.push(TypeDef::Union(ctx.union(shape, name.to_string()))),
            Kind::Enum | Kind::IntEnum => {
                types.push(TypeDef::Enum(ctx.enumeration(shape, name.to_string())))
            }
            _ => {}
        }
    }
    Service {
        shape_id: service.id.clone(),
        name: naming::pascal(service.name()),
        endpoint_prefix: aws.endpoint_prefix.unwrap_or_else(|| crate_stem.clone()),
        endpoint_template: t
            .unknown
            .get("smithy.rules#endpointRuleSet")
            .and_then(default_endpoint),
        sdk_id,
        crate_stem,
        version: model.version.clone(),
        title: t
            .title
            .clone()
            .unwrap_or_else(|| service.name().to_string()),
        signing_name: t.sigv4_name.clone(),
        docs: docs_of(t),
        operations: model
            .operations
            .iter()
            .map(|op| ctx.operation(model.shape(op)))
            .collect(),
        types,
        errors,
        collections: ctx.collections(),
        warnings: crate::validate::warnings(model),
    }
}

struct Context<'a> {
    model: &'a Model,
    names: &'a Names,
}

impl Context<'_> {
    /// Every list and map shape, with its member (and key) as fields.
    fn collections(&self) -> Vec<Collection> {
        let mut collections = Vec::new();
        for (id, shape) in &self.model.shapes {
            let (member, key) = match shape.kind {
                Kind::List => ("member", None),
                Kind::Map => ("value", shape.member("key")),
                _ => continue,
            };
            let Some(member) = shape.member(member) else {
                continue;
            };
            collections.push(Collection {
                shape_id: id.clone(),
                member: self.field(member, "member".into()),
                key: key.map(|k| self.field(k, "key".into())),
                sparse: shape.traits.sparse,
            });
        }
        collections
    }

    fn operation(&self, op: &Shape) -> Operation {
        let io = op.operation.as_ref().expect("operations carry their io");
        let names = self.names.operation(&op.id).clone();
        let http = op
            .traits
            .http
            .clone()
            .expect("validated: restJson1 operations have @http");
        let template = UriTemplate::parse(&http.uri).expect("validated");
        let mut input = self.structure(self.model.shape(&io.input), names.input.clone());
        for field in &mut input.fields {
            if let Binding::Label { greedy } = &mut field.binding {
                *greedy = template
                    .labels()
                    .any(|l| l.name == field.member && l.greedy);
            }
        }
        let output = self.structure(self.model.shape(&io.output), names.output.clone());
        let errors = io
            .errors
            .iter()
            .map(|e| {
                let shape = self.model.shape(e);
                ErrorRef {
                    name: self.names.type_name(e).unwrap_or(shape.name()).to_string(),
                    code: shape.name().to_string(),
                    status: error_status(&shape.traits),
                }
            })
            .collect();
        Operation {
            shape_id: op.id.clone(),
            docs: docs_of(&op.traits),
            method: http.method.to_ascii_uppercase(),
            template,
            uri: http.uri,
            success_code: http.code,
            input,
            output,
            errors,
            idempotent: op.traits.idempotent,
            paginator: self.paginator(op, io),
            host_prefix: op.traits.host_prefix.clone(),
            names,
        }
    }

    fn paginator(&self, op: &Shape, io: &crate::model::Operation) -> Option<Paginator> {
        let own = op.traits.paginated.as_ref()?;
        let service = self.model.service_shape().traits.paginated.clone();
        let service = service.unwrap_or_default();
        let pick = |a: &Option<String>, b: &Option<String>| a.clone().or_else(|| b.clone());
        let input = self.model.shape(&io.input);
        let output = self.model.shape(&io.output);
        let input_token = pick(&own.input_token, &service.input_token)?;
        let output_token = pick(&own.output_token, &service.output_token)?;
        let mut input_token = self.member_path(input, &input_token)?;
        let output_token = self.member_path(output, &output_token)?;
        let string = |f: &Field| f.target_kind == ShapeKind::String;
        if input_token.len() != 1 || !string(&input_token[0]) || !string(output_token.last()?) {
            return None;
        }
        let items = match pick(&own.items, &service.items) {
            Some(path) => Some(self.member_path(output, &path)?),
            None => None,
        };
        let page_size = match pick(&own.page_size, &service.page_size) {
            Some(path) => self.member_path(input, &path).filter(|p| p.len() == 1),
            None => None,
        };
        Some(Paginator {
            input_token: input_token.remove(0),
            output_token,
            items,
            page_size: page_size.map(|mut p| p.remove(0)),
        })
    }

    /// The fields along a `@paginated` member path (`a.b`) from a structure.
    fn member_path<'m>(&'m self, mut shape: &'m Shape, path: &str) -> Option<Vec<Field>> {
        let mut fields = Vec::new();
        for segment in path.split('.') {
            let structure = self.structure(shape, String::new());
            let field = structure.fields.into_iter().find(|f| f.member == segment)?;
            shape = self.model.shape(&field.target);
            fields.push(field);
        }
        Some(fields)
    }

    fn structure(&self, shape: &Shape, name: String) -> Structure {
        let idents = Names::fields(shape.members.iter().map(|m| m.name.as_str()));
        let fields = shape
            .members
            .iter()
            .zip(idents)
            .map(|(m, ident)| self.field(m, ident))
            .collect::<Vec<_>>();
        let error = shape.traits.error.map(|kind| ErrorInfo {
            code: shape.name().to_string(),
            message: fields.iter().position(|f: &Field| {
                f.member.eq_ignore_ascii_case("message") && f.target_kind == ShapeKind::String
            }),
            server_fault: kind == ErrorKind::Server,
            status: error_status(&shape.traits),
            retryable: shape.traits.retryable.is_some(),
            throttling: shape.traits.retryable == Some(true),
        });
        Structure {
            shape_id: shape.id.clone(),
            name,
            docs: docs_of(&shape.traits),
            fields,
            error,
        }
    }

    fn union(&self, shape: &Shape, name: String) -> Union {
        let idents = Names::variants(shape.members.iter().map(|m| m.name.as_str()));
        Union {
            shape_id: shape.id.clone(),
            name,
            docs: docs_of(&shape.traits),
            variants: shape
                .members
                .iter()
                .zip(idents)
                .map(|(m, v)| self.field(m, v))
                .collect(),
        }
    }

    fn enumeration(&self, shape: &Shape, name: String) -> Enum {
        let idents = Names::variants(shape.members.iter().map(|m| m.name.as_str()));
        let variants = shape
            .members
            .iter()
            .zip(idents)
            .map(|(m, ident)| EnumVariant {
                name: ident,
                value: match &m.traits.enum_value {
                    Some(EnumValue::String(s)) => s.clone(),
                    Some(EnumValue::Int(i)) => i.to_string(),
                    None => m.name.clone(),
                },
                docs: docs_of(&m.traits),
                deprecated: m.traits.deprecated.is_some(),
                internal: m.traits.internal,
            })
            .collect();
        Enum {
            shape_id: shape.id.clone(),
            name,
            docs: docs_of(&shape.traits),
            int_enum: shape.kind == Kind::IntEnum,
            variants,
        }
    }

    fn field(&self, member: &Member, ident: String) -> Field {
        let target = self.model.target(member);
        let t = &member.traits;
        let binding = binding_of(t);
        let has_default = t.has_default() || target.traits.has_default();
        let constraints = constraints_of(t, &target.traits);
        Field {
            json_name: t.json_name.clone().unwrap_or_else(|| member.name.clone()),
            member: member.name.clone(),
            setter: naming::setter(&ident),
            ident,
            docs: docs_of(t),
            ty: RustType::of_shape(self.model, self.names, &member.target),
            target_kind: ShapeKind::of(target.kind),
            streaming: target.kind == Kind::Blob && target.traits.streaming,
            target: member.target.clone(),
            default: t
                .default
                .clone()
                .or_else(|| target.traits.default.clone())
                .filter(|v| !v.is_null()),
            required: t.required,
            client_optional: !has_default || t.client_optional,
            server_optional: !(t.required || has_default),
            binding,
            sensitive: t.sensitive || target.traits.sensitive,
            boxed: member.boxed,
            idempotency_token: t.idempotency_token,
            timestamp_format: t.timestamp_format.or(target.traits.timestamp_format),
            constraints,
        }
    }
}

fn binding_of(t: &Traits) -> Binding {
    if t.http_label {
        Binding::Label { greedy: false }
    } else if let Some(q) = &t.http_query {
        Binding::Query(q.clone())
    } else if t.http_query_params {
        Binding::QueryParams
    } else if let Some(h) = &t.http_header {
        Binding::Header(h.clone())
    } else if let Some(p) = &t.http_prefix_headers {
        Binding::PrefixHeaders(p.clone())
    } else if t.http_payload {
        Binding::Payload
    } else if t.http_response_code {
        Binding::ResponseCode
    } else {
        Binding::Body
    }
}

fn constraints_of(member: &Traits, target: &Traits) -> Constraints {
    let pick = |m: &Option<crate::traits::Bounds>, t: &Option<crate::traits::Bounds>| {
        m.clone().or(t.clone())
    };
    let pattern = member.pattern.as_ref().or(target.pattern.as_ref());
    Constraints {
        length: pick(&member.length, &target.length).map(|b| {
            (
                b.min.and_then(|n| n.as_u64()),
                b.max.and_then(|n| n.as_u64()),
            )
        }),
        range: pick(&member.range, &target.range)
            .map(|b| (b.min.map(|n| n.to_string()), b.max.map(|n| n.to_string()))),
        // A pattern no engine compiles is not enforced (`validate::warnings` says so).
        pattern: pattern.and_then(|p| Some((p.clone(), pattern::compile(p).ok()?))),
        unenforced_pattern: pattern.filter(|p| pattern::check(p).is_err()).cloned(),
        unique_items: member.unique_items || target.unique_items,
    }
}

fn error_status(t: &Traits) -> u16 {
    t.http_error
        .unwrap_or(if t.error == Some(ErrorKind::Server) {
            500
        } else {
            400
        })
}

fn docs_of(t: &Traits) -> Vec<String> {
    t.documentation
        .as_deref()
        .map(docs::to_markdown)
        .unwrap_or_default()
}

/// The rule set's plain (non-FIPS) regional endpoint for the `aws` partition: the first URL
/// of the form `https://host.{Region}.{PartitionResult#dnsSuffix}`, else its dual-stack form.
fn default_endpoint(rules: &serde_json::Value) -> Option<String> {
    fn urls<'a>(v: &'a serde_json::Value, out: &mut Vec<&'a str>) {
        match v {
            serde_json::Value::Object(m) => {
                if let Some(serde_json::Value::String(u)) = m.get("url") {
                    out.push(u);
                }
                m.values().for_each(|v| urls(v, out));
            }
            serde_json::Value::Array(a) => a.iter().for_each(|v| urls(v, out)),
            _ => {}
        }
    }
    let mut all = Vec::new();
    urls(rules, &mut all);
    let pick = |suffix: &str, dns: &str| {
        all.iter()
            .filter(|u| !u.contains("fips"))
            .find(|u| u.ends_with(&format!(".{{Region}}.{{PartitionResult#{suffix}}}")))
            .map(|u| {
                u.replace("{Region}", "{region}")
                    .replace(&format!("{{PartitionResult#{suffix}}}"), dns)
            })
    };
    pick("dnsSuffix", "amazonaws.com").or_else(|| pick("dualStackDnsSuffix", "api.aws"))
}
