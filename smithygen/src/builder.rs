//! [`Builder`]: generate from a build script, like `tonic-build` and `prost-build`.

use std::path::{Path, PathBuf};

use codegen::package::PackageSettings;

use crate::{Error, Kind, Request};

/// Generates crates' sources into `OUT_DIR` from a `build.rs`, for an `include!` at the root
/// of the crate that builds it:
///
/// ```ignore
/// // build.rs
/// smithygen::Builder::new().model("model/weather.json").client().generate()?;
/// // src/lib.rs
/// include!(concat!(env!("OUT_DIR"), "/client/lib.rs"));
/// ```
///
/// Each kind goes to `$OUT_DIR/<kind>/` (`client`, `server`, `types`) with `lib.rs` as its
/// root; `mod` declarations in an included file resolve next to it. Generated code names its
/// items `crate::...`, so include one kind per crate, at the crate root. The including crate
/// needs the dependencies of the crate `smithygen generate` would write (for a client:
/// `smithygen-client-runtime` and `serde` with `derive`; `aws-smithy-types` for models with
/// blobs, documents or timestamps) and a `serde` feature. Cargo is told to rerun the build
/// script when a model file changes.
#[derive(Debug, Clone, Default)]
pub struct Builder {
    models: Vec<PathBuf>,
    service: Option<String>,
    kinds: Vec<Kind>,
    out_dir: Option<PathBuf>,
    emit_rerun: Option<bool>,
}

/// What [`Builder::generate`] wrote.
#[derive(Debug, Clone)]
pub struct Generated {
    /// The root file of each kind (`$OUT_DIR/client/lib.rs`).
    pub roots: Vec<(Kind, PathBuf)>,
    /// Every model file read.
    pub model_files: Vec<PathBuf>,
}

impl Builder {
    pub fn new() -> Builder {
        Builder::default()
    }

    /// A model file (`.json` JSON AST or `.smithy` IDL) or a folder of them; call once per
    /// path.
    pub fn model(mut self, path: impl AsRef<Path>) -> Builder {
        self.models.push(path.as_ref().to_path_buf());
        self
    }

    /// The service shape to generate (`example.weather#Weather`) when the model has several.
    pub fn service(mut self, id: impl Into<String>) -> Builder {
        self.service = Some(id.into());
        self
    }

    /// Generate the client (into `$OUT_DIR/client/`).
    pub fn client(self) -> Builder {
        self.kind(Kind::Client)
    }

    /// Generate the server stubs (into `$OUT_DIR/server/`).
    pub fn server(self) -> Builder {
        self.kind(Kind::Server)
    }

    /// Generate the shapes only (into `$OUT_DIR/types/`).
    pub fn types(self) -> Builder {
        self.kind(Kind::Types)
    }

    fn kind(mut self, kind: Kind) -> Builder {
        if !self.kinds.contains(&kind) {
            self.kinds.push(kind);
        }
        self
    }

    /// Write under `dir` instead of `$OUT_DIR`.
    pub fn out_dir(mut self, dir: impl AsRef<Path>) -> Builder {
        self.out_dir = Some(dir.as_ref().to_path_buf());
        self
    }

    /// Print `cargo:rerun-if-changed` lines (default: when run by cargo, i.e. `OUT_DIR` set).
    pub fn emit_rerun_if_changed(mut self, emit: bool) -> Builder {
        self.emit_rerun = Some(emit);
        self
    }

    /// Generates every kind asked for (the client when none was).
    pub fn generate(self) -> Result<Generated, Error> {
        let out_env = std::env::var_os("OUT_DIR").map(PathBuf::from);
        let out = self.out_dir.clone().or(out_env.clone()).ok_or_else(|| {
            Error::Input("OUT_DIR is not set: run from a build script or call out_dir()".into())
        })?;
        let emit = self.emit_rerun.unwrap_or(out_env.is_some());
        if emit {
            // Even when loading fails, so that fixing the model reruns the script.
            for path in &self.models {
                println!("cargo:rerun-if-changed={}", path.display());
            }
        }
        let kinds = if self.kinds.is_empty() {
            vec![Kind::Client]
        } else {
            self.kinds.clone()
        };
        let mut generated = Generated {
            roots: Vec::new(),
            model_files: codegen::load::model_files(&self.models).unwrap_or_default(),
        };
        for kind in kinds {
            let dir = out.join(kind.name());
            // A fresh directory: the previous run's files were moved out of `src/`.
            match std::fs::remove_dir_all(&dir) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    return Err(Error::Input(format!("{}: {e}", dir.display())));
                }
                _ => {}
            }
            let request = Request {
                service: self.service.clone(),
                kinds: vec![kind],
                flat: true,
                package: PackageSettings::default(),
                ..Request::new(self.models.clone(), &dir)
            };
            let summary = crate::generate(&request)?;
            if emit {
                // What the generator worked around (e.g. a pattern it cannot enforce).
                for warning in &summary.warnings {
                    println!("cargo:warning={}", warning.to_string().replace('\n', " "));
                }
            }
            let root = dir.join("lib.rs");
            make_includable(&dir, &root)?;
            generated.roots.push((kind, root));
        }
        if emit {
            for file in &generated.model_files {
                println!("cargo:rerun-if-changed={}", file.display());
            }
        }
        Ok(generated)
    }
}

/// Moves `src/` up to `dir` (so `dir/lib.rs` is the root), drops the crate's Cargo.toml and
/// takes the inner attributes and doc comments off the root: `include!` accepts neither.
fn make_includable(dir: &Path, root: &Path) -> Result<(), Error> {
    let io = |e: std::io::Error| Error::Input(format!("{}: {e}", dir.display()));
    let src = dir.join("src");
    for entry in std::fs::read_dir(&src).map_err(io)? {
        let entry = entry.map_err(io)?;
        let target = dir.join(entry.file_name());
        if target.is_dir() {
            std::fs::remove_dir_all(&target).map_err(io)?;
        }
        std::fs::rename(entry.path(), target).map_err(io)?;
    }
    std::fs::remove_dir(&src).map_err(io)?;
    std::fs::remove_file(dir.join("Cargo.toml")).map_err(io)?;
    let text = std::fs::read_to_string(root).map_err(io)?;
    std::fs::write(root, strip_inner_attributes(&text)).map_err(io)
}

/// `text` without `//!` lines and `#![...]` attributes (which may span lines).
fn strip_inner_attributes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    for line in text.lines() {
        let trimmed = line.trim_start();
        if depth == 0 && trimmed.starts_with("//!") {
            continue;
        }
        if depth > 0 || trimmed.starts_with("#![") {
            depth += line.matches('[').count();
            depth = depth.saturating_sub(line.matches(']').count());
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::strip_inner_attributes;

    #[test]
    fn inner_attributes_and_docs_are_dropped() {
        let text = "// generated\n//! Docs.\n#![forbid(unsafe_code)]\n#![allow(\n    a,\n    b\n)]\n\n/// Item.\npub mod x;\n#[doc(inline)]\npub use x::Y;\n";
        assert_eq!(
            strip_inner_attributes(text),
            "// generated\n\n/// Item.\npub mod x;\n#[doc(inline)]\npub use x::Y;\n"
        );
    }
}
