//! Types-only crates: the client's model types (structures, unions, enums, builders, the
//! `serde` feature), operation inputs and outputs as plain structures with builders, error
//! shapes as plain errors, and the client's constraint validation; no client, no server, no
//! wire code.

use askama::Template;

use crate::ir::{self, Service};
use crate::naming;

use super::client::{ClientTypes, cargo_manifest, struct_view, validation_file};
use super::modules::{self, ModelTypes};
use super::server::plain_error;
use super::types::StructureView;
use super::{ClientSettings, Flavor, RenderedFile, doc_lines};

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
        RenderedFile::new(
            "Cargo.toml",
            cargo_manifest(service, settings, Flavor::Types)?,
        ),
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

/// The client's views of the model types; errors are plain errors (no response metadata).
struct TypesOnly;

impl ModelTypes for TypesOnly {
    fn structure(&self, s: &ir::Structure) -> Result<String, askama::Error> {
        ClientTypes.structure(s)
    }

    fn enumeration(&self, e: &ir::Enum) -> Result<String, askama::Error> {
        ClientTypes.enumeration(e)
    }

    fn union(&self, u: &ir::Union) -> Result<String, askama::Error> {
        ClientTypes.union(u)
    }

    fn error(&self, e: &ir::Structure) -> Result<String, askama::Error> {
        plain_error(e, self.structure(e)?, Flavor::Types)
    }

    fn builders(&self) -> bool {
        true
    }
}
