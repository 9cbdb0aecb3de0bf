//! Stage 6: askama views over the IR. Views take the decisions and hold the names (from
//! [`crate::naming`]); the templates in `codegen/templates/` hold the emitted code, looping and
//! matching over typed views. `client` and `server` each render all of their crate's files;
//! the module tree both crates share is `modules`, model types `types`.

pub mod client;
mod constraints;
mod modules;
pub mod roundtrip;
mod server;
mod types;
mod types_only;

use std::path::PathBuf;

use crate::ir::{Service, TypeDef};

pub use client::ClientSettings;
pub use types::{EnumView, StructView, UnionView};

/// Which of the two generated crates a view is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    Client,
    Server,
    /// The model's shapes only: the client's types, no client or server.
    Types,
}

impl Flavor {
    pub fn suffix(self) -> &'static str {
        match self {
            Flavor::Client => "client",
            Flavor::Server => "server",
            Flavor::Types => "types",
        }
    }
}

/// One rendered file, its path relative to the crate's directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedFile {
    pub path: PathBuf,
    pub contents: String,
}

impl RenderedFile {
    pub fn new(path: impl Into<PathBuf>, contents: String) -> RenderedFile {
        RenderedFile {
            path: path.into(),
            contents,
        }
    }
}

/// Doc lines ready for `///{line}`: a space before text, nothing on empty lines (no trailing
/// whitespace in generated code).
pub fn doc_lines(lines: &[String]) -> Vec<String> {
    lines
        .iter()
        .map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!(" {l}")
            }
        })
        .collect()
}

pub fn crate_name(service: &Service, flavor: Flavor) -> String {
    format!("{}-{}", service.crate_stem, flavor.suffix())
}

/// Renders one crate of `service`: every file, paths relative to the crate's directory.
pub fn render_crate(
    service: &Service,
    flavor: Flavor,
    settings: &ClientSettings,
) -> Result<Vec<RenderedFile>, askama::Error> {
    match flavor {
        Flavor::Client => client::crate_files(service, settings),
        Flavor::Server => server::crate_files(service, settings),
        Flavor::Types => types_only::crate_files(service, settings),
    }
}

pub(crate) fn uses_smithy_types(service: &Service) -> bool {
    let all_fields = service
        .types
        .iter()
        .flat_map(|t| match t {
            TypeDef::Structure(s) => s.fields.iter().collect::<Vec<_>>(),
            TypeDef::Union(u) => u.variants.iter().collect(),
            TypeDef::Enum(_) => vec![],
        })
        .chain(service.errors.iter().flat_map(|e| &e.fields))
        .chain(
            service
                .operations
                .iter()
                .flat_map(|o| o.input.fields.iter().chain(&o.output.fields)),
        );
    all_fields.into_iter().any(|f| f.ty.uses_smithy_types())
}
