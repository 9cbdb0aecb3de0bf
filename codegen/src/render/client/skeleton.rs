//! The client crate's own files around the model types and operations: Cargo.toml, lib.rs,
//! config, errors, service metadata, the `Client` and the error conversions.

use askama::Template;

use super::{ClientSettings, protocol_serde, validation};
use crate::ir::{Operation, Service};
use crate::naming;
use crate::render::{Flavor, RenderedFile, crate_name, doc_lines, uses_smithy_types};

#[derive(Template)]
#[template(path = "client/Cargo.toml")]
struct CargoTemplate {
    p: crate::package::Manifest,
    dependencies: Vec<String>,
}

#[derive(Template)]
#[template(path = "client/lib.rs")]
struct LibTemplate {
    docs: Vec<String>,
}

#[derive(Template)]
#[template(path = "client/config.rs")]
struct ConfigTemplate;

#[derive(Template)]
#[template(path = "client/error.rs")]
struct ErrorTemplate;

#[derive(Template)]
#[template(path = "client/primitives.rs")]
struct PrimitivesTemplate;

#[derive(Template)]
#[template(path = "client/meta.rs")]
struct MetaTemplate {
    sdk_id: String,
    signing_name: String,
    endpoint_template: String,
    user_agent_id: String,
    operation_count: usize,
}

#[derive(Template)]
#[template(path = "client/client.rs")]
struct ClientTemplate {
    title: String,
    operations: Vec<ClientMethod>,
}

struct ClientMethod {
    snake: String,
    name: String,
    fluent_path: String,
    docs: Vec<String>,
}

#[derive(Template)]
#[template(path = "client/error_meta.rs")]
struct ErrorMetaTemplate {
    variants: Vec<ErrorVariant>,
    operations: Vec<OperationErrors>,
}

pub(crate) struct ErrorVariant {
    pub name: String,
    pub docs: Vec<String>,
}

struct OperationErrors {
    path: String,
    variants: Vec<String>,
}

/// The crate-level files of the client (everything but types and operations).
pub fn files(
    service: &Service,
    settings: &ClientSettings,
) -> Result<Vec<RenderedFile>, askama::Error> {
    Ok(vec![
        RenderedFile::new(
            "Cargo.toml",
            cargo_manifest(service, settings, Flavor::Client)?,
        ),
        RenderedFile::new("src/lib.rs", lib(service).render()?),
        RenderedFile::new("src/config.rs", ConfigTemplate.render()?),
        RenderedFile::new("src/error.rs", ErrorTemplate.render()?),
        RenderedFile::new("src/primitives.rs", PrimitivesTemplate.render()?),
        RenderedFile::new("src/meta.rs", meta(service).render()?),
        RenderedFile::new("src/client.rs", client(service).render()?),
        RenderedFile::new("src/error_meta.rs", error_meta(service).render()?),
        RenderedFile::new(
            "src/protocol_serde.rs",
            protocol_serde::protocol_serde(service)?,
        ),
        RenderedFile::new("src/validation.rs", validation::validation(service)?),
    ])
}

/// The Cargo.toml of a client or a types-only crate (the same dependencies).
pub(crate) fn cargo_manifest(
    service: &Service,
    settings: &ClientSettings,
    flavor: Flavor,
) -> Result<String, askama::Error> {
    cargo_toml(service, settings, flavor).render()
}

fn cargo_toml(service: &Service, settings: &ClientSettings, flavor: Flavor) -> CargoTemplate {
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
            &crate_name(service, flavor),
            &format!(
                "{} for {} (API version {})",
                if flavor == Flavor::Types {
                    "Types"
                } else {
                    "Client"
                },
                service.title,
                service.version
            ),
        ),
        dependencies,
    }
}

fn lib(service: &Service) -> LibTemplate {
    let mut docs = vec![
        format!(
            " A client for {} (API version {}): protocol `aws.protocols#restJson1`, SigV4.",
            service.title, service.version
        ),
        String::new(),
    ];
    docs.extend(doc_lines(&service.docs));
    LibTemplate { docs }
}

fn meta(service: &Service) -> MetaTemplate {
    MetaTemplate {
        sdk_id: format!("{:?}", service.sdk_id),
        signing_name: format!(
            "{:?}",
            service
                .signing_name
                .as_deref()
                .unwrap_or(&service.endpoint_prefix)
        ),
        endpoint_template: format!(
            "{:?}",
            service.endpoint_template.clone().unwrap_or_else(|| format!(
                "https://{}.{{region}}.amazonaws.com",
                service.endpoint_prefix
            ))
        ),
        user_agent_id: format!("{:?}", service.crate_stem),
        operation_count: service.operations.len(),
    }
}

fn client(service: &Service) -> ClientTemplate {
    let method = |op: &Operation| ClientMethod {
        snake: op.names.snake.clone(),
        name: op.names.name.clone(),
        fluent_path: format!(
            "crate::operation::{}::builders::{}",
            op.names.snake,
            naming::fluent_builder(&op.names.name)
        ),
        docs: if op.docs.is_empty() {
            Vec::new()
        } else {
            std::iter::once(String::new())
                .chain(doc_lines(&op.docs))
                .collect()
        },
    };
    ClientTemplate {
        title: service.title.clone(),
        operations: service.operations.iter().map(method).collect(),
    }
}

fn error_meta(service: &Service) -> ErrorMetaTemplate {
    ErrorMetaTemplate {
        variants: service
            .errors
            .iter()
            .map(|e| ErrorVariant {
                name: e.name.clone(),
                docs: doc_lines(&e.docs),
            })
            .collect(),
        operations: service
            .operations
            .iter()
            .map(|op| OperationErrors {
                path: format!("crate::operation::{}::{}", op.names.snake, op.names.error),
                variants: op.errors.iter().map(|e| e.name.clone()).collect(),
            })
            .collect(),
    }
}
