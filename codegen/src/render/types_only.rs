//! Types-only crates: the client's model types (structures, unions, enums, builders, the
//! `serde` feature), operation inputs and outputs as plain structures with builders, error
//! shapes as plain errors, and the client's constraint validation; no client, no server, no
//! wire code.

use askama::Template;

use crate::ir::{self, Service};
use crate::naming;

use super::client::{enum_view, struct_view, union_view, validation_file};
use super::modules::{self, ModelTypes};
use super::types::{EnumTemplate, StructureView, UnionTemplate};
use super::{ClientSettings, Flavor, RenderedFile, crate_name, doc_lines, uses_smithy_types};

#[derive(Template)]
#[template(path = "client/Cargo.toml")]
struct CargoTemplate {
    p: crate::package::Manifest,
    dependencies: Vec<String>,
}

#[derive(Template)]
#[template(path = "types/lib.rs")]
struct LibTemplate {
    docs: Vec<String>,
}

#[derive(Template)]
#[template(path = "types/error.rs")]
struct ErrorTemplate;

#[derive(Template)]
#[template(path = "client/primitives.rs")]
struct PrimitivesTemplate;

#[derive(Template)]
#[template(path = "server/error_struct.rs")]
struct ErrorStructView {
    structure: String,
    name: String,
    code: String,
    message_expr: String,
}

#[derive(Template)]
#[template(path = "types/operation.rs")]
struct OperationTemplate {
    docs: Vec<String>,
    input: String,
    output: String,
}

/// Every file of the types crate.
pub fn crate_files(
    service: &Service,
    settings: &ClientSettings,
) -> Result<Vec<RenderedFile>, askama::Error> {
    let mut docs = vec![
        format!(
            " The shapes of {} (API version {}), without a client or a server.",
            service.title, service.version
        ),
        String::new(),
    ];
    docs.extend(doc_lines(&service.docs));
    let mut files = vec![
        RenderedFile::new("Cargo.toml", cargo_toml(service, settings).render()?),
        RenderedFile::new("src/lib.rs", LibTemplate { docs }.render()?),
        RenderedFile::new("src/error.rs", ErrorTemplate.render()?),
        RenderedFile::new("src/primitives.rs", PrimitivesTemplate.render()?),
        RenderedFile::new("src/validation.rs", validation_file(service)?),
    ];
    files.extend(modules::model_files(service, &TypesOnly)?);
    for op in &service.operations {
        let view = OperationTemplate {
            docs: doc_lines(&op.docs),
            input: StructureView {
                s: struct_view(&op.input),
            }
            .render()?,
            output: StructureView {
                s: struct_view(&op.output),
            }
            .render()?,
        };
        files.push(RenderedFile::new(
            format!("src/operation/{}.rs", naming::unraw(&op.names.snake)),
            view.render()?,
        ));
    }
    files.push(modules::operation_list(service, Vec::new())?);
    Ok(files)
}

fn cargo_toml(service: &Service, settings: &ClientSettings) -> CargoTemplate {
    let mut dependencies = vec![
        settings
            .package
            .runtime_dependency("smithygen-client-runtime", "client-runtime"),
        "serde = { version = \"1\", features = [\"derive\"] }".to_string(),
    ];
    if uses_smithy_types(service) {
        dependencies.push("aws-smithy-types = \"1.9\"".into());
    }
    CargoTemplate {
        p: settings.package.manifest(
            &crate_name(service, Flavor::Types),
            &format!(
                "Types of {} (API version {})",
                service.title, service.version
            ),
        ),
        dependencies,
    }
}

/// The client's views of the model types; errors are plain errors (no response metadata).
struct TypesOnly;

impl ModelTypes for TypesOnly {
    fn structure(&self, s: &ir::Structure) -> Result<String, askama::Error> {
        StructureView { s: struct_view(s) }.render()
    }

    fn enumeration(&self, e: &ir::Enum) -> Result<String, askama::Error> {
        EnumTemplate { e: enum_view(e) }.render()
    }

    fn union(&self, u: &ir::Union) -> Result<String, askama::Error> {
        UnionTemplate { u: union_view(u) }.render()
    }

    fn error(&self, e: &ir::Structure) -> Result<String, askama::Error> {
        let message_expr = match e.message_field() {
            Some(m) if m.client_optional => format!("self.{}.as_deref()", m.ident),
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
        true
    }
}
