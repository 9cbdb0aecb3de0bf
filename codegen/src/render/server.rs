//! The server crate's views: the service trait and `tower::Service` (`service.rs`), one module
//! per operation with its error enum and request/response glue, the validators of every
//! input-reachable shape (`validate.rs`), and the JSON encoding of every type (`serialize.rs`).
//! Generated code leans on `smithygen-server-runtime` for everything that is not a model fact.

mod decode;
mod encode;
mod operation;

use askama::Template;

use crate::ir::{self, Service, TypeDef};
use crate::naming;

use super::constraints::{self, PatternItem, type_id};
use super::modules::{self, ModelTypes};
use super::types::{EnumTemplate, EnumView, StructView, StructureView, UnionTemplate, UnionView};
use super::{ClientSettings, Flavor, RenderedFile, crate_name, doc_lines, uses_smithy_types};
use decode::{Gen, Src};

#[derive(Template)]
#[template(path = "server/Cargo.toml")]
struct CargoView {
    p: crate::package::Manifest,
    c: CargoInfo,
}

struct CargoInfo {
    dependencies: Vec<String>,
}

#[derive(Template)]
#[template(path = "server/primitives.rs")]
struct PrimitivesView;

#[derive(Template)]
#[template(path = "server/error_struct.rs")]
struct ErrorStructView {
    structure: String,
    name: String,
    code: String,
    message_expr: String,
}

#[derive(Template)]
#[template(path = "server/lib.rs")]
struct LibView {
    docs: Vec<String>,
    trait_name: String,
    server: String,
    /// The `aws.auth#sigv4` name as a Rust string literal, when the model has the trait.
    signing_name: Option<String>,
}

#[derive(Template)]
#[template(path = "server/service.rs")]
struct ServiceView {
    service_name: String,
    trait_name: String,
    trait_docs: Vec<String>,
    server: String,
    ops: Vec<OpRoute>,
    internal_error: String,
}

struct OpRoute {
    name: String,
    snake: String,
    docs: Vec<String>,
    method: String,
    uri: String,
    input: String,
    output: String,
    error: String,
}

#[derive(Template)]
#[template(path = "server/validate.rs")]
struct ValidateView {
    patterns: Vec<PatternItem>,
    items: Vec<Validator>,
}

#[derive(Template)]
#[template(path = "server/serialize.rs")]
struct SerializeView {
    items: Vec<String>,
}

/// Every file of the server crate.
pub fn crate_files(
    service: &Service,
    settings: &ClientSettings,
) -> Result<Vec<RenderedFile>, askama::Error> {
    let mut files = vec![RenderedFile::new(
        "Cargo.toml",
        cargo_toml(service, settings).render()?,
    )];
    files.extend(files_of_service(service)?);
    files.push(RenderedFile::new(
        "src/primitives.rs",
        PrimitivesView.render()?,
    ));
    files.extend(modules::model_files(service, &ServerTypes)?);
    for op in &service.operations {
        files.push(RenderedFile::new(
            format!("src/operation/{}.rs", naming::unraw(&op.names.snake)),
            operation::operation_file(service, op)?,
        ));
    }
    files.push(modules::operation_list(service, Vec::new())?);
    Ok(files)
}

fn cargo_toml(service: &Service, settings: &ClientSettings) -> CargoView {
    let mut dependencies = Vec::new();
    if uses_smithy_types(service) {
        dependencies.push("aws-smithy-types = \"1.9\"".to_string());
    }
    dependencies.push(
        settings
            .package
            .runtime_dependency("smithygen-server-runtime", "server-runtime"),
    );
    CargoView {
        p: settings.package.manifest(
            &crate_name(service, Flavor::Server),
            &format!(
                "Server for {} (API version {})",
                service.title, service.version
            ),
        ),
        c: CargoInfo { dependencies },
    }
}

/// The server's rendering of the model types: required members plain, closed enums, no
/// builders.
struct ServerTypes;

impl ModelTypes for ServerTypes {
    fn structure(&self, s: &ir::Structure) -> Result<String, askama::Error> {
        StructureView {
            s: StructView::new(s, Flavor::Server),
        }
        .render()
    }

    fn enumeration(&self, e: &ir::Enum) -> Result<String, askama::Error> {
        EnumTemplate {
            e: EnumView::new(e, Flavor::Server),
        }
        .render()
    }

    fn union(&self, u: &ir::Union) -> Result<String, askama::Error> {
        UnionTemplate {
            u: UnionView::new(u, Flavor::Server),
        }
        .render()
    }

    fn error(&self, e: &ir::Structure) -> Result<String, askama::Error> {
        plain_error(e, self.structure(e)?, Flavor::Server)
    }

    fn builders(&self) -> bool {
        false
    }
}

/// An error shape as a plain `std::error::Error` around its rendered `structure` (no response
/// metadata); `flavor` says whether its message member is optional.
pub(crate) fn plain_error(
    e: &ir::Structure,
    structure: String,
    flavor: Flavor,
) -> Result<String, askama::Error> {
    let optional = |m: &ir::Field| match flavor {
        Flavor::Server => m.server_optional,
        Flavor::Client | Flavor::Types => m.client_optional,
    };
    let message_expr = match e.message_field() {
        Some(m) if optional(m) => format!("self.{}.as_deref()", m.ident),
        Some(m) => format!("Some(&self.{})", m.ident),
        None => "None::<&str>".into(),
    };
    ErrorStructView {
        structure,
        name: e.name.clone(),
        code: e.error_code().to_string(),
        message_expr,
    }
    .render()
}

/// The server-only files: `lib.rs`, `service.rs`, `validate.rs`, `serialize.rs`.
fn files_of_service(service: &Service) -> Result<Vec<RenderedFile>, askama::Error> {
    let trait_name = service.name.clone();
    let server = naming::server_struct(&service.name);
    let mut docs = vec![
        format!(
            " A server for {} (API version {}).",
            service.title, service.version
        ),
        String::new(),
        format!(
            " Implement [`{trait_name}`] (one `async fn` per operation), wrap it in [`{server}`] (a"
        ),
        " `tower::Service`), and run it with [`serve`] or mount it in any tower host (axum, ...)."
            .into(),
        String::new(),
    ];
    docs.extend(doc_lines(&service.docs));
    let lib = LibView {
        docs,
        trait_name: trait_name.clone(),
        server: server.clone(),
        signing_name: service.signing_name.as_ref().map(|n| format!("{n:?}")),
    };

    let ops = service
        .operations
        .iter()
        .map(|op| {
            let module = format!("crate::operation::{}", op.names.snake);
            OpRoute {
                name: op.names.name.clone(),
                snake: op.names.snake.clone(),
                docs: doc_lines(&op.docs),
                method: op.method.clone(),
                uri: format!("{:?}", op.uri),
                input: format!("{module}::{}", op.names.input),
                output: format!("{module}::{}", op.names.output),
                error: format!("{module}::{}", op.names.error),
            }
        })
        .collect();
    let service_view = ServiceView {
        service_name: naming::unraw(&service.name).to_string(),
        trait_docs: doc_lines(&service.docs),
        trait_name,
        server,
        ops,
        internal_error: internal_error(service),
    };

    let reachable = decode::reachable(service);
    let mut g = Gen::new(service, &reachable, VALIDATE_MODULE);
    let items = validators(&mut g, &reachable);
    let validate = ValidateView {
        patterns: g.pattern_items(),
        items,
    };
    let serialize = SerializeView {
        items: encode::items(service),
    };
    let file = |path: &str, contents: String| RenderedFile {
        path: path.into(),
        contents,
    };
    Ok(vec![
        file("src/lib.rs", lib.render()?),
        file("src/service.rs", service_view.render()?),
        file("src/validate.rs", validate.render()?),
        file("src/serialize.rs", serialize.render()?),
    ])
}

/// The server's module of validators and pattern statics.
pub const VALIDATE_MODULE: &str = "crate::validate";

/// `InternalErrorShape` for the model's own `@error("server")` 500 shape, else the framework's.
fn internal_error(service: &Service) -> String {
    let shape = service
        .errors
        .iter()
        .filter(|e| e.error.as_ref().is_some_and(|i| i.server_fault))
        .min_by_key(|e| {
            let used = service
                .operations
                .iter()
                .filter(|o| o.errors.iter().any(|r| r.name == e.name))
                .count();
            (
                e.error.as_ref().is_none_or(|i| i.status != 500),
                std::cmp::Reverse(used),
                e.name.clone(),
            )
        });
    match shape {
        Some(e) => {
            let message = e
                .message_field()
                .map_or("None".into(), |f| format!("Some({:?})", f.json_name));
            format!(
                "InternalErrorShape {{ name: {:?}, message_member: {message} }}",
                e.error_code()
            )
        }
        None => "InternalErrorShape::FRAMEWORK_DEFAULT".into(),
    }
}

/// One validator function per reachable shape: its view for `server/validate.rs`.
type Validator =
    constraints::Validator<EnumValidator, StructValidator, UnionValidator, CollectionValidator>;

struct EnumValidator {
    id: String,
    name: String,
    ty: String,
    /// The parameter type (`String`, `i32`) and the conversion to the enum.
    arg: &'static str,
    conv: String,
    values: String,
}

struct StructValidator {
    id: String,
    name: String,
    ty: String,
    /// `mut object`, or `_object` without members.
    binding: &'static str,
    decls: Vec<String>,
    assemble: Vec<String>,
}

struct UnionValidator {
    id: String,
    name: String,
    arms: Vec<UnionArm>,
    ty: String,
}

struct UnionArm {
    json: String,
    member: String,
    block: String,
    wrap: String,
}

struct CollectionValidator {
    id: String,
    name: String,
    /// The element (list) or value (map) type in the result, and of one decoded item.
    elem: String,
    item_ty: String,
    key_checks: Vec<String>,
    /// What a JSON `null` item does, and how an item is stored.
    null: &'static str,
    item: &'static str,
    block: String,
}

fn validators(g: &mut Gen<'_>, reachable: &[String]) -> Vec<Validator> {
    let service = g.service;
    let mut out = Vec::new();
    for id in reachable {
        let name = g.fns[id].clone();
        if let Some(c) = g.collection(id) {
            out.push(collection_fn(g, name, c));
            continue;
        }
        let Some(t) = service.types.iter().find(|t| type_id(t) == id) else {
            continue;
        };
        out.push(match t {
            TypeDef::Enum(e) => {
                let values = g.enum_values(id).unwrap_or_default();
                let (arg, conv) = if e.int_enum {
                    ("i32", format!("crate::types::{}::try_from(value)", e.name))
                } else {
                    ("String", "value.parse()".to_string())
                };
                Validator::Enum(EnumValidator {
                    id: id.clone(),
                    name,
                    ty: format!("crate::types::{}", e.name),
                    arg,
                    conv,
                    values,
                })
            }
            TypeDef::Structure(s) => {
                let members = operation::body_members(g, &s.fields, "object", true);
                Validator::Structure(StructValidator {
                    id: id.clone(),
                    name,
                    ty: format!("crate::types::{}", s.name),
                    binding: if s.fields.is_empty() {
                        "_object"
                    } else {
                        "mut object"
                    },
                    decls: members.decls,
                    assemble: members.assemble,
                })
            }
            TypeDef::Union(u) => Validator::Union(union_fn(g, id, name, u)),
        });
    }
    out
}

fn union_fn(g: &mut Gen<'_>, id: &str, name: String, u: &crate::ir::Union) -> UnionValidator {
    let ty = format!("crate::types::{}", u.name);
    let arms = u
        .variants
        .iter()
        .map(|f| UnionArm {
            json: format!("{:?}", f.json_name),
            member: format!("{:?}", f.member),
            block: g.block(f, Src::Json),
            wrap: if f.boxed {
                format!("|x| {ty}::{}(Box::new(x))", f.ident)
            } else {
                format!("{ty}::{}", f.ident)
            },
        })
        .collect();
    UnionValidator {
        id: id.to_string(),
        name,
        arms,
        ty,
    }
}

fn collection_fn(g: &mut Gen<'_>, name: String, c: &crate::ir::Collection) -> Validator {
    let block = g.block(&c.member, Src::Json);
    let elem = if c.sparse {
        format!("Option<{}>", c.member.ty)
    } else {
        c.member.ty.to_string()
    };
    let mut v = CollectionValidator {
        id: c.shape_id.clone(),
        name,
        elem,
        item_ty: c.member.ty.to_string(),
        key_checks: Vec::new(),
        null: "let value = decode::non_null(value, &p)?;",
        item: if c.sparse { "Some(item)" } else { "item" },
        block,
    };
    match &c.key {
        None => {
            if c.sparse {
                v.null = "if value.is_null() {\nout.push(None);\ncontinue;\n}";
            }
            Validator::List(v)
        }
        Some(key) => {
            v.key_checks = g.key_checks(key, "&key");
            if c.sparse {
                v.null = "if value.is_null() {\nout.insert(key.clone(), None);\ncontinue;\n}";
            }
            Validator::Map(v)
        }
    }
}
