//! Smithy JSON AST 2.0 in, Rust client and server crates out.
//!
//! The generator is a small compiler whose stages are modules, with data flowing one way:
//! [`ast`] (parse) -> [`model`] (resolve) -> [`validate`] -> [`transform`] -> [`ir`] (what to
//! emit, named by [`naming`]) -> [`render`] (askama templates) -> [`mod@write`] (rustfmt, files).

pub mod assemble;
pub mod ast;
pub mod diag;
pub mod docs;
pub mod http;
pub mod idl;
pub mod ir;
pub mod load;
pub mod model;
pub mod naming;
pub mod package;
pub mod pattern;
pub mod protocol_tests;
pub mod render;
pub mod sample;
pub mod traits;
pub mod transform;
pub mod validate;
pub mod write;

use std::path::{Path, PathBuf};

pub use diag::{Diagnostic, Diagnostics};
use render::Flavor;

/// Parses, resolves and validates a JSON AST model: everything up to code generation.
pub fn load(text: &str) -> Result<model::Model, Diagnostics> {
    load_ast(&ast::parse(text)?)
}

/// Resolves and validates an assembled model (see [`load::load_paths`]).
pub fn load_ast(ast: &ast::Ast) -> Result<model::Model, Diagnostics> {
    let model = model::build(ast)?;
    validate::validate(&model)?;
    Ok(model)
}

/// What to generate and where.
#[derive(Debug, Clone)]
pub struct Options {
    pub model: PathBuf,
    /// The directory that receives `<stem>-client/` and `<stem>-server/` (or, when `flat`,
    /// the one crate itself).
    pub out_dir: PathBuf,
    /// Compare with what is on disk instead of writing.
    pub check: bool,
    /// How the preamble names the model (`model/x.json`); never a machine path.
    pub model_label: String,
    /// How the preamble names the generator (`cargo xtask codegen`, `smithygen`).
    pub tool: String,
    /// The service shape to generate when the model defines several.
    pub service: Option<String>,
    /// The crates to generate, in this order.
    pub flavors: Vec<Flavor>,
    /// Write the one crate of `flavors` straight into `out_dir`, as smithy-build lays out a
    /// plugin's output (`<projection>/<plugin>/Cargo.toml`).
    pub flat: bool,
    /// The `[package]` table and how the runtime crates are found.
    pub package: package::PackageSettings,
    /// When set, the runtime crates are the ones in this directory (this repository's
    /// `crates/`), referenced by a path relative to each generated crate; this replaces
    /// `package.runtime`.
    pub runtime_dir: Option<PathBuf>,
    /// Where to cache rustfmt's output between runs (`cargo xtask codegen` uses
    /// `target/codegen-format-cache`); `None` formats every file. See [`write::Format`].
    pub format_cache: Option<PathBuf>,
}

impl Options {
    /// Generate (not check) the client and the server from `model` into `out_dir`, labelling
    /// the model by file name, with the runtime by version.
    pub fn new(model: impl Into<PathBuf>, out_dir: impl Into<PathBuf>) -> Options {
        let model = model.into();
        let model_label = model.file_name().map_or_else(
            || model.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        Options {
            model,
            out_dir: out_dir.into(),
            check: false,
            model_label,
            tool: "smithygen".into(),
            service: None,
            flavors: vec![Flavor::Client, Flavor::Server],
            flat: false,
            package: package::PackageSettings::default(),
            runtime_dir: None,
            format_cache: None,
        }
    }

    /// The directory of the crate called `name`.
    fn crate_dir(&self, name: &str) -> PathBuf {
        if self.flat {
            self.out_dir.clone()
        } else {
            self.out_dir.join(name)
        }
    }

    /// `package` with `runtime_dir`, if set, written relative to the generated crates.
    fn resolved_package(&self) -> Result<package::PackageSettings, Error> {
        let mut settings = self.package.clone();
        if let Some(dir) = &self.runtime_dir {
            let from = self.crate_dir("crate");
            let relative = package::relative_path(&from, dir).ok_or_else(|| {
                Error::Options(format!(
                    "no relative path from {} to {}",
                    from.display(),
                    dir.display()
                ))
            })?;
            settings.runtime = package::Runtime::Path(relative);
        }
        Ok(settings)
    }
}

/// What a run did.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub operations: usize,
    pub shapes: usize,
    pub crates: Vec<String>,
    pub written: Vec<PathBuf>,
    pub unchanged: usize,
    pub removed: Vec<PathBuf>,
    /// What the generator worked around (e.g. a `@pattern` it cannot enforce).
    pub warnings: Vec<Diagnostic>,
}

impl Summary {
    /// `N files written, M unchanged[, K removed]` (`would write` when `check`).
    pub fn files(&self, check: bool) -> String {
        let verb = if check { "would write" } else { "written" };
        let removed = if self.removed.is_empty() {
            String::new()
        } else {
            format!(", {} removed", self.removed.len())
        };
        format!(
            "{} files {verb}, {} unchanged{removed}",
            self.written.len(),
            self.unchanged
        )
    }
}

#[derive(Debug)]
pub enum Error {
    Read(PathBuf, std::io::Error),
    Model(Diagnostics),
    Render(askama::Error),
    Write(write::WriteError),
    /// Options that cannot work together (`flat` with two crates, ...).
    Options(String),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Read(path, e) => write!(f, "cannot read {}: {e}", path.display()),
            Error::Model(d) => write!(f, "{d}"),
            Error::Render(e) => write!(f, "template error: {e}"),
            Error::Write(e) => write!(f, "{e}"),
            Error::Options(message) => write!(f, "{message}"),
        }
    }
}

impl std::error::Error for Error {}

/// The files of both crates, formatted and stamped, paths relative to `out_dir`.
/// With the default layout: the runtime next to the client crate (`../client-runtime`).
pub fn render_all(
    text: &str,
    model_label: &str,
) -> Result<(ir::Service, Vec<render::RenderedFile>), Error> {
    let settings = render::ClientSettings {
        package: package::PackageSettings::workspace(),
    };
    render_all_with(text, model_label, &settings)
}

/// The files of both crates, formatted and stamped, paths relative to `out_dir`.
pub fn render_all_with(
    text: &str,
    model_label: &str,
    settings: &render::ClientSettings,
) -> Result<(ir::Service, Vec<render::RenderedFile>), Error> {
    render_all_formatted(text, model_label, settings, &write::Format::default())
}

/// [`render_all_with`], formatting as `format` says (the output is the same bytes).
pub fn render_all_formatted(
    text: &str,
    model_label: &str,
    settings: &render::ClientSettings,
    format: &write::Format,
) -> Result<(ir::Service, Vec<render::RenderedFile>), Error> {
    let ast = ast::parse(text).map_err(Error::Model)?;
    render_ast_formatted(&ast, model_label, settings, format)
}

/// [`render_all_formatted`] for an assembled model.
pub fn render_ast_formatted(
    ast: &ast::Ast,
    model_label: &str,
    settings: &render::ClientSettings,
    format: &write::Format,
) -> Result<(ir::Service, Vec<render::RenderedFile>), Error> {
    let preamble =
        format!("Code generated by `cargo xtask codegen` from {model_label}; DO NOT EDIT.");
    render_crates(
        ast,
        &[Flavor::Client, Flavor::Server],
        settings,
        &preamble,
        format,
    )
}

/// The files of the crates of `flavors`, formatted and stamped with `preamble`, paths under
/// each crate's default directory name (`<stem>-client/...`).
pub fn render_crates(
    ast: &ast::Ast,
    flavors: &[Flavor],
    settings: &render::ClientSettings,
    preamble: &str,
    format: &write::Format,
) -> Result<(ir::Service, Vec<render::RenderedFile>), Error> {
    let model = transform::run(load_ast(ast).map_err(Error::Model)?);
    let service = ir::build(&model);
    // The crates render on their own threads, then go to rustfmt together so that its
    // processes share the work evenly.
    let rendered: Vec<Result<Vec<render::RenderedFile>, askama::Error>> =
        std::thread::scope(|scope| {
            let handles: Vec<_> = flavors
                .iter()
                .map(|&flavor| {
                    let service = &service;
                    scope.spawn(move || {
                        let dir = PathBuf::from(render::crate_name(service, flavor));
                        let files = render::render_crate(service, flavor, settings)?;
                        Ok(files
                            .into_iter()
                            .map(|f| render::RenderedFile {
                                path: dir.join(f.path),
                                contents: f.contents,
                            })
                            .collect())
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
                .collect()
        });
    let mut files = Vec::new();
    for crate_files in rendered {
        files.extend(crate_files.map_err(Error::Render)?);
    }
    let files = write::finish_with(files, preamble, format).map_err(Error::Write)?;
    Ok((service, files))
}

/// Runs the whole pipeline: model file in, crates out (or checked).
pub fn generate(options: &Options) -> Result<Summary, Error> {
    generate_from(options, std::slice::from_ref(&options.model))
}

/// [`generate`] from several model paths (`.json`, `.smithy` or folders), assembled into
/// one model; `options.model` only labels it.
pub fn generate_from(options: &Options, models: &[PathBuf]) -> Result<Summary, Error> {
    if options.flavors.is_empty() {
        return Err(Error::Options("no crate to generate".into()));
    }
    if (options.flat || options.package.name.is_some()) && options.flavors.len() > 1 {
        return Err(Error::Options(
            "a crate name or a single output directory needs exactly one crate kind".into(),
        ));
    }
    let mut ast = load::load_paths(models).map_err(Error::Model)?;
    if let Some(id) = &options.service {
        load::keep_service(&mut ast, id).map_err(Error::Model)?;
    }
    let settings = render::ClientSettings {
        package: options.resolved_package()?,
    };
    let format = write::Format {
        cache: options.format_cache.clone(),
        ..write::Format::default()
    };
    let preamble = format!(
        "Code generated by `{}` from {}; DO NOT EDIT.",
        options.tool, options.model_label
    );
    let (service, files) = render_crates(&ast, &options.flavors, &settings, &preamble, &format)?;
    let mut summary = Summary {
        operations: service.operations.len(),
        shapes: ast.shapes.len(),
        warnings: service.warnings.clone(),
        ..Summary::default()
    };
    for &flavor in &options.flavors {
        let default_name = render::crate_name(&service, flavor);
        let dir = Path::new(&default_name);
        let crate_files: Vec<render::RenderedFile> = files
            .iter()
            .filter_map(|f| {
                let rel = f.path.strip_prefix(dir).ok()?;
                Some(render::RenderedFile {
                    path: rel.to_path_buf(),
                    contents: f.contents.clone(),
                })
            })
            .collect();
        let name = options.package.name.clone().unwrap_or(default_name);
        let report = write::write_crate(&options.crate_dir(&name), &crate_files, options.check)
            .map_err(Error::Write)?;
        let shown = if options.flat {
            PathBuf::new()
        } else {
            PathBuf::from(&name)
        };
        summary
            .written
            .extend(report.written.into_iter().map(|p| shown.join(p)));
        summary
            .removed
            .extend(report.removed.into_iter().map(|p| shown.join(p)));
        summary.unchanged += report.unchanged;
        summary.crates.push(name);
    }
    Ok(summary)
}

/// Generates `<stem>-roundtrip` into `options.out_dir`, next to the client and server crates
/// that [`generate`] writes there: a test crate that round-trips every operation of the
/// generated client through the generated server (see [`render::roundtrip`]).
pub fn generate_roundtrip(options: &Options) -> Result<Summary, Error> {
    generate_roundtrip_from(options, std::slice::from_ref(&options.model))
}

/// [`generate_roundtrip`] from several model paths, as [`generate_from`].
pub fn generate_roundtrip_from(options: &Options, models: &[PathBuf]) -> Result<Summary, Error> {
    let ast = load::load_paths(models).map_err(Error::Model)?;
    let model = transform::run(load_ast(&ast).map_err(Error::Model)?);
    let service = ir::build(&model);
    let preamble = format!(
        "Code generated by `cargo xtask codegen --roundtrip` from {}; DO NOT EDIT.",
        options.model_label
    );
    let files = render::roundtrip::crate_files(&service)
        .map_err(Error::Render)?
        .into_iter()
        .map(|(path, contents)| render::RenderedFile {
            path: PathBuf::from(path),
            contents,
        })
        .collect();
    let format = write::Format {
        cache: options.format_cache.clone(),
        ..write::Format::default()
    };
    let files = write::finish_with(files, &preamble, &format).map_err(Error::Write)?;
    let name = format!("{}-roundtrip", service.crate_stem);
    let report = write::write_crate(&options.out_dir.join(&name), &files, options.check)
        .map_err(Error::Write)?;
    let dir = Path::new(&name);
    Ok(Summary {
        operations: service.operations.len(),
        shapes: ast.shapes.len(),
        written: report.written.into_iter().map(|p| dir.join(p)).collect(),
        removed: report.removed.into_iter().map(|p| dir.join(p)).collect(),
        unchanged: report.unchanged,
        crates: vec![name],
        warnings: Vec::new(),
    })
}
