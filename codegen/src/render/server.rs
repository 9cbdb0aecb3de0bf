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

use super::constraints::{PatternItem, type_id};
use super::modules::{self, ModelTypes};
use super::types::{EnumTemplate, EnumView, StructView, StructureView, UnionTemplate, UnionView};
use super::{Flavor, RenderedFile, crate_name, doc_lines, uses_smithy_types};
use decode::{Gen, Src};

#[derive(Template)]
#[template(path = "server/Cargo.toml")]
struct CargoView {
    c: CargoInfo,
}

struct CargoInfo {
    package: String,
    description: String,
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
    items: Vec<String>,
}

#[derive(Template)]
#[template(path = "server/serialize.rs")]
struct SerializeView {
    items: Vec<String>,
}

/// Every file of the server crate; `client_runtime` is the client runtime's `path`, next to
/// which the server runtime lives.
pub fn crate_files(
    service: &Service,
    client_runtime: &str,
) -> Result<Vec<RenderedFile>, askama::Error> {
    let mut files = vec![RenderedFile::new(
        "Cargo.toml",
        cargo_toml(service, client_runtime).render()?,
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

fn cargo_toml(service: &Service, client_runtime: &str) -> CargoView {
    let mut dependencies = Vec::new();
    if uses_smithy_types(service) {
        dependencies.push("aws-smithy-types = \"1.9\"".to_string());
    }
    dependencies.push(format!(
        "smithygen-server-runtime = {{ path = {:?} }}",
        runtime_path(client_runtime)
    ));
    CargoView {
        c: CargoInfo {
            package: crate_name(service, Flavor::Server),
            description: format!(
                "Server for {} (API version {})",
                service.title, service.version
            ),
            dependencies,
        },
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
        let message_expr = match e.message_field() {
            Some(m) if m.server_optional => format!("self.{}.as_deref()", m.ident),
            Some(m) => format!("Some(&self.{})", m.ident),
            None => "None::<&str>".into(),
        };
        ErrorStructView {
            structure: self.structure(e)?,
            name: e.name.clone(),
            code: e.error_code().to_string(),
            message_expr,
        }
        .render()
    }

    fn builders(&self) -> bool {
        false
    }
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

/// The server runtime's path: next to the client runtime the settings name
/// (`../client-runtime` -> `../server-runtime`, or the same absolute directory).
pub fn runtime_path(client_runtime: &str) -> String {
    let dir = std::path::Path::new(client_runtime)
        .parent()
        .map_or_else(|| "..".to_string(), |p| p.display().to_string());
    format!("{dir}/server-runtime")
}

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

/// One validator function per reachable shape.
fn validators(g: &mut Gen<'_>, reachable: &[String]) -> Vec<String> {
    let service = g.service;
    let mut out = Vec::new();
    for id in reachable {
        let name = g.fns[id].clone();
        if let Some(c) = g.collection(id) {
            out.push(collection_fn(g, &name, c));
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
                format!(
                    "/// `{id}`: a value of the enum, or an enum violation.\n\
                     pub(crate) fn {name}(v: &mut Vec<Violation>, path: &Path<'_>, value: {arg}) -> Option<crate::types::{ty}> {{\n\
                     match {conv} {{\nOk(value) => Some(value),\nErr(_) => {{\n\
                     validation::enum_violation(v, path, &[{values}]);\nNone\n}}\n}}\n}}",
                    ty = e.name,
                )
            }
            TypeDef::Structure(s) => {
                let ty = format!("crate::types::{}", s.name);
                let members = operation::body_members(g, &s.fields, "object", true);
                let binding = if s.fields.is_empty() {
                    "_object"
                } else {
                    "mut object"
                };
                format!(
                    "/// `{id}`: decode and validate.\n\
                     pub(crate) fn {name}(v: &mut Vec<Violation>, path: &Path<'_>, value: Value) -> Result<Option<{ty}>, Rejection> {{\n\
                     let {binding} = decode::object(value, path)?;\nlet before = v.len();\n{}\n\
                     if v.len() != before {{\nreturn Ok(None);\n}}\nOk(Some({ty} {{\n{}\n}}))\n}}",
                    members.decls.join("\n"),
                    members.assemble.join(",\n")
                )
            }
            TypeDef::Union(u) => {
                let ty = format!("crate::types::{}", u.name);
                let arms: Vec<String> = u
                    .variants
                    .iter()
                    .map(|f| {
                        let block = g.block(f, Src::Json);
                        let wrap = if f.boxed {
                            format!("|x| {ty}::{}(Box::new(x))", f.ident)
                        } else {
                            format!("{ty}::{}", f.ident)
                        };
                        format!(
                            "{:?} => {{\nlet p = path.member({:?});\nlet item: Option<_> = {block};\nitem.map({wrap})\n}}",
                            f.json_name, f.member
                        )
                    })
                    .collect();
                format!(
                    "/// `{id}`: exactly one member, decoded and validated.\n\
                     pub(crate) fn {name}(v: &mut Vec<Violation>, path: &Path<'_>, value: Value) -> Result<Option<{ty}>, Rejection> {{\n\
                     let (key, value) = decode::union_member(decode::object(value, path)?, path)?;\nlet before = v.len();\n\
                     let value = match key.as_str() {{\n{}\n_ => return Err(decode::unknown_member(&key, path)),\n}};\n\
                     Ok(value.filter(|_| v.len() == before))\n}}",
                    arms.join("\n")
                )
            }
        });
    }
    out
}

fn collection_fn(g: &mut Gen<'_>, name: &str, c: &crate::ir::Collection) -> String {
    let id = &c.shape_id;
    let block = g.block(&c.member, Src::Json);
    let (null, item) = if c.sparse {
        (
            "if value.is_null() {\nout.push(None);\ncontinue;\n}",
            "Some(item)",
        )
    } else {
        ("let value = decode::non_null(value, &p)?;", "item")
    };
    let elem = if c.sparse {
        format!("Option<{}>", c.member.ty)
    } else {
        c.member.ty.to_string()
    };
    match &c.key {
        None => format!(
            "/// `{id}`: every element decoded and validated.\n\
             pub(crate) fn {name}(v: &mut Vec<Violation>, path: &Path<'_>, items: Vec<Value>) -> Result<Option<Vec<{elem}>>, Rejection> {{\n\
             let before = v.len();\nlet mut out = Vec::with_capacity(items.len());\n\
             for (i, value) in items.into_iter().enumerate() {{\nlet p = path.index(i);\n{null}\n\
             let item: Option<{ty}> = {block};\nif let Some(item) = item {{\nout.push({item});\n}}\n}}\n\
             Ok((v.len() == before).then_some(out))\n}}",
            ty = c.member.ty
        ),
        Some(key) => {
            let key_checks = g.key_checks(key, "&key");
            let null = if c.sparse {
                "if value.is_null() {\nout.insert(key.clone(), None);\ncontinue;\n}"
            } else {
                null
            };
            format!(
                "/// `{id}`: every key and value validated.\n\
                 pub(crate) fn {name}(v: &mut Vec<Violation>, path: &Path<'_>, entries: decode::Object) -> Result<Option<std::collections::HashMap<String, {elem}>>, Rejection> {{\n\
                 let before = v.len();\nlet mut out = std::collections::HashMap::with_capacity(entries.len());\n\
                 for (key, value) in entries {{\nlet p = path.key(&key);\n{}\n{null}\n\
                 let item: Option<{ty}> = {block};\nif let Some(item) = item {{\nout.insert(key.clone(), {item});\n}}\n}}\n\
                 Ok((v.len() == before).then_some(out))\n}}",
                key_checks.join("\n"),
                ty = c.member.ty
            )
        }
    }
}
