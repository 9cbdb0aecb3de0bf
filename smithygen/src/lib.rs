//! Smithy models in, Rust crates out, from any repository: the library behind the
//! `smithygen` command, and [`Builder`] for build scripts.
//!
//! ```no_run
//! // build.rs: writes $OUT_DIR/client/lib.rs and its modules
//! smithygen::Builder::new()
//!     .model("model/weather.json")
//!     .client()
//!     .generate()
//!     .unwrap_or_else(|e| panic!("{e}"));
//! // src/lib.rs: include!(concat!(env!("OUT_DIR"), "/client/lib.rs"));
//! ```

pub mod build_file;
mod builder;

use std::path::PathBuf;

pub use builder::Builder;
use codegen::package::PackageSettings;
use codegen::render::Flavor;

/// A kind of crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An aws-sdk-rust-style client.
    Client,
    /// Server stubs: a trait to implement and a `tower::Service`.
    Server,
    /// Only the model's shapes (structures, unions, enums, builders, constraints, serde).
    Types,
}

impl Kind {
    pub fn flavor(self) -> Flavor {
        match self {
            Kind::Client => Flavor::Client,
            Kind::Server => Flavor::Server,
            Kind::Types => Flavor::Types,
        }
    }

    /// The runtime crate this kind's code depends on.
    pub fn runtime_crate(self) -> &'static str {
        match self {
            Kind::Client | Kind::Types => "smithygen-client-runtime",
            Kind::Server => "smithygen-server-runtime",
        }
    }

    /// `client`, `server`, `types`.
    pub fn name(self) -> &'static str {
        self.flavor().suffix()
    }
}

/// One generation: models in, crates out.
#[derive(Debug, Clone)]
pub struct Request {
    pub models: Vec<PathBuf>,
    /// The service to generate when the model defines several.
    pub service: Option<String>,
    pub kinds: Vec<Kind>,
    /// Receives `<crate>/` per kind, or (when `flat`) the one crate itself.
    pub out_dir: PathBuf,
    pub flat: bool,
    pub package: PackageSettings,
    /// Runtime crates by path: this directory, written relative to each crate.
    pub runtime_dir: Option<PathBuf>,
    /// Compare with what is on disk instead of writing.
    pub check: bool,
}

impl Request {
    /// Client and server of `models` into `out_dir`, runtime by version.
    pub fn new(models: Vec<PathBuf>, out_dir: impl Into<PathBuf>) -> Request {
        Request {
            models,
            service: None,
            kinds: vec![Kind::Client, Kind::Server],
            out_dir: out_dir.into(),
            flat: false,
            package: PackageSettings::default(),
            runtime_dir: None,
            check: false,
        }
    }
}

/// Why nothing was generated.
#[derive(Debug)]
pub enum Error {
    /// A build file or an option is wrong.
    Input(String),
    Codegen(codegen::Error),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Input(message) => f.write_str(message),
            Error::Codegen(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for Error {}

/// How generated files name the models: file names only, never a machine path.
pub fn label(models: &[PathBuf]) -> String {
    let names: Vec<String> = models
        .iter()
        .map(|m| {
            m.file_name()
                .map_or_else(|| m.display().to_string(), |n| n.to_string_lossy().into())
        })
        .collect();
    names.join(" + ")
}

/// Loads the models and generates the crates of `request`.
pub fn generate(request: &Request) -> Result<codegen::Summary, Error> {
    let first = request
        .models
        .first()
        .ok_or_else(|| Error::Input("no model given".into()))?;
    let options = codegen::Options {
        check: request.check,
        model_label: label(&request.models),
        service: request.service.clone(),
        flavors: request.kinds.iter().map(|k| k.flavor()).collect(),
        flat: request.flat,
        package: request.package.clone(),
        runtime_dir: request.runtime_dir.clone(),
        ..codegen::Options::new(first, &request.out_dir)
    };
    codegen::generate_from(&options, &request.models).map_err(Error::Codegen)
}

/// Loads and validates the models without generating anything: the assembled model (with
/// only `service`, when given) and its resolved form.
pub fn check(
    models: &[PathBuf],
    service: Option<&str>,
) -> Result<(codegen::ast::Ast, codegen::model::Model), Error> {
    let diagnostics = |d| Error::Codegen(codegen::Error::Model(d));
    let mut ast = codegen::load::load_paths(models).map_err(diagnostics)?;
    if let Some(id) = service {
        codegen::load::keep_service(&mut ast, id).map_err(diagnostics)?;
    }
    let model = codegen::load_ast(&ast).map_err(diagnostics)?;
    Ok((ast, model))
}
