//! Model files in, one assembled [`Ast`] out: the entry point for `--model` and for every
//! tool that reads models (`.json` JSON AST files, `.smithy` IDL files, folders of both).

use std::path::{Path, PathBuf};

use crate::assemble::{self, Source};
use crate::ast::{Ast, AstShape};
use crate::diag::{Diagnostic, Diagnostics};

/// Loads `paths` into one model. A path is a `.json` file, a `.smithy` file or a folder,
/// whose `.smithy` files and JSON AST `.json` files (in every subfolder, in name order) are
/// all loaded; other JSON files there are skipped, as Smithy's assembler does.
/// The built-in definitions (prelude, AWS and protocol-test traits) are always there; the
/// result holds the shapes of the given files and the built-in shapes outside the prelude
/// that they use. Every problem found is reported.
pub fn load_paths(paths: &[PathBuf]) -> Result<Ast, Diagnostics> {
    let mut diagnostics = Diagnostics::default();
    let mut files = Vec::new();
    for path in paths {
        if let Err(e) = collect(path, true, &mut files) {
            diagnostics.push(Diagnostic::error(format!(
                "cannot read {}: {e}",
                path.display()
            )));
        }
    }
    let mut sources = Vec::with_capacity(files.len());
    for (file, named) in files {
        match std::fs::read_to_string(&file) {
            // As Smithy's assembler does, a folder's JSON files that are not Smithy models
            // (no top-level `smithy` key) are skipped.
            Ok(text) if !named && is_json(&file) && !is_smithy_json(&text) => {}
            Ok(text) => sources.push(Source {
                label: file.display().to_string(),
                text,
            }),
            Err(e) => diagnostics.push(Diagnostic::error(format!(
                "cannot read {}: {e}",
                file.display()
            ))),
        }
    }
    if !diagnostics.is_empty() {
        return diagnostics.into_result(Ast::default());
    }
    assemble::assemble(&sources)
}

/// The files [`load_paths`] reads for `paths`, in the order it reads them (for
/// `cargo:rerun-if-changed` and messages).
pub fn model_files(paths: &[PathBuf]) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        collect(path, true, &mut files)?;
    }
    Ok(files.into_iter().map(|(file, _)| file).collect())
}

/// Leaves `id` the only service shape of `ast`, so that a model with several services
/// generates the one asked for; an error lists the services when `id` is not one of them.
pub fn keep_service(ast: &mut Ast, id: &str) -> Result<(), Diagnostics> {
    let services: Vec<String> = ast
        .shapes
        .iter()
        .filter(|(_, shape)| matches!(shape, AstShape::Service(_)))
        .map(|(name, _)| name.clone())
        .collect();
    if !services.iter().any(|s| s == id) {
        let defined = if services.is_empty() {
            "none".to_string()
        } else {
            services.join(", ")
        };
        let mut diagnostics = Diagnostics::default();
        diagnostics.push(Diagnostic::error(format!(
            "service `{id}` is not in the model (services defined: {defined})"
        )));
        return diagnostics.into_result(());
    }
    ast.shapes
        .retain(|name, shape| name == id || !matches!(shape, AstShape::Service(_)));
    Ok(())
}

fn is_json(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "json")
}

/// A JSON object with a `smithy` key (the rest is read without being kept).
fn is_smithy_json(text: &str) -> bool {
    #[derive(serde::Deserialize)]
    struct Probe {
        smithy: Option<serde::de::IgnoredAny>,
    }
    serde_json::from_str::<Probe>(text).is_ok_and(|p| p.smithy.is_some())
}

/// Adds `path`, with whether it was named (a file given by name is taken whatever its
/// extension; inside folders only `.json` and `.smithy` files count).
fn collect(path: &Path, named: bool, files: &mut Vec<(PathBuf, bool)>) -> std::io::Result<()> {
    if !path.is_dir() {
        let wanted = named || is_json(path) || path.extension().is_some_and(|e| e == "smithy");
        if wanted {
            if named {
                std::fs::metadata(path)?;
            }
            files.push((path.to_path_buf(), named));
        }
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(path)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    entries.sort();
    for entry in entries {
        collect(&entry, false, files)?;
    }
    Ok(())
}
