//! Stage 7: format, stamp and write the rendered crates.
//!
//! Files are staged in a temporary directory and formatted by one `rustfmt` run per crate
//! (rustfmt follows `mod` declarations from `lib.rs`), which is much faster than a process per
//! file. Then each file gets the `DO NOT EDIT` preamble, LF newlines and exactly one trailing
//! newline, and is written only when its bytes changed. Files in a generated crate that the
//! model no longer produces are removed (or, in check mode, reported).

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::render::RenderedFile;

/// The outcome of writing (or checking) one crate.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct WriteReport {
    pub written: Vec<PathBuf>,
    pub unchanged: usize,
    pub removed: Vec<PathBuf>,
}

#[derive(Debug)]
pub enum WriteError {
    Io(PathBuf, io::Error),
    Rustfmt(String),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::Io(path, e) => write!(f, "{}: {e}", path.display()),
            WriteError::Rustfmt(message) => write!(f, "rustfmt failed: {message}"),
        }
    }
}

impl std::error::Error for WriteError {}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> WriteError + '_ {
    move |e| WriteError::Io(path.to_path_buf(), e)
}

/// Formats `files` and stamps them with `preamble` (a line without comment markers).
pub fn finish(files: Vec<RenderedFile>, preamble: &str) -> Result<Vec<RenderedFile>, WriteError> {
    let formatted = rustfmt(files)?;
    Ok(formatted
        .into_iter()
        .map(|f| {
            let marker = if f.path.extension().is_some_and(|e| e == "toml") {
                "#"
            } else {
                "//"
            };
            let body = normalise(&f.contents);
            RenderedFile {
                contents: format!("{marker} {preamble}\n{body}"),
                path: f.path,
            }
        })
        .collect())
}

/// LF newlines, no trailing whitespace at the end, exactly one final newline.
fn normalise(text: &str) -> String {
    let mut out = text.replace("\r\n", "\n");
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out.push('\n');
    out
}

fn rustfmt(files: Vec<RenderedFile>) -> Result<Vec<RenderedFile>, WriteError> {
    let staging = staging_dir();
    let result = (|| {
        for f in &files {
            let path = staging.join(&f.path);
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent).map_err(io_err(parent))?;
            }
            fs::write(&path, &f.contents).map_err(io_err(&path))?;
        }
        let roots: Vec<PathBuf> = files
            .iter()
            .filter(|f| {
                f.path
                    .file_name()
                    .is_some_and(|n| n == "lib.rs" || n == "main.rs")
            })
            .map(|f| staging.join(&f.path))
            .collect();
        if !roots.is_empty() {
            let output = Command::new(rustfmt_binary())
                .args(["--edition", "2024"])
                .args(&roots)
                .output()
                .map_err(|e| WriteError::Rustfmt(format!("cannot run rustfmt: {e}")))?;
            if !output.status.success() {
                return Err(WriteError::Rustfmt(
                    String::from_utf8_lossy(&output.stderr).into_owned(),
                ));
            }
        }
        files
            .iter()
            .map(|f| {
                let path = staging.join(&f.path);
                let contents = fs::read_to_string(&path).map_err(io_err(&path))?;
                Ok(RenderedFile {
                    path: f.path.clone(),
                    contents,
                })
            })
            .collect()
    })();
    let _ = fs::remove_dir_all(&staging);
    result
}

/// `$RUSTFMT` when set (as cargo does), else `rustfmt` from the PATH.
fn rustfmt_binary() -> String {
    std::env::var("RUSTFMT").unwrap_or_else(|_| "rustfmt".into())
}

fn staging_dir() -> PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    std::env::temp_dir().join(format!("smithy-codegen-{}-{n}", std::process::id()))
}

/// Writes the files of one crate under `dir`; with `check`, writes nothing and reports what
/// would change.
pub fn write_crate(
    dir: &Path,
    files: &[RenderedFile],
    check: bool,
) -> Result<WriteReport, WriteError> {
    let mut report = WriteReport::default();
    let wanted: BTreeSet<PathBuf> = files.iter().map(|f| f.path.clone()).collect();
    for f in files {
        let path = dir.join(&f.path);
        match fs::read(&path) {
            Ok(existing) if existing == f.contents.as_bytes() => report.unchanged += 1,
            _ => {
                if !check {
                    if let Some(parent) = path.parent() {
                        fs::create_dir_all(parent).map_err(io_err(parent))?;
                    }
                    fs::write(&path, &f.contents).map_err(io_err(&path))?;
                }
                report.written.push(f.path.clone());
            }
        }
    }
    for stale in existing_files(dir)? {
        if !wanted.contains(&stale) {
            if !check {
                let path = dir.join(&stale);
                fs::remove_file(&path).map_err(io_err(&path))?;
            }
            report.removed.push(stale);
        }
    }
    Ok(report)
}

/// Files under `dir` that the generator owns: the manifest and everything in `src/`.
fn existing_files(dir: &Path) -> Result<Vec<PathBuf>, WriteError> {
    let mut out = Vec::new();
    if dir.join("Cargo.toml").exists() {
        out.push(PathBuf::from("Cargo.toml"));
    }
    let mut pending = vec![PathBuf::from("src")];
    while let Some(rel) = pending.pop() {
        let abs = dir.join(&rel);
        let entries = match fs::read_dir(&abs) {
            Ok(e) => e,
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(e) => return Err(WriteError::Io(abs, e)),
        };
        for entry in entries {
            let entry = entry.map_err(io_err(&abs))?;
            let rel_child = rel.join(entry.file_name());
            if entry.file_type().map_err(io_err(&abs))?.is_dir() {
                pending.push(rel_child);
            } else {
                out.push(rel_child);
            }
        }
    }
    out.sort();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, contents: &str) -> RenderedFile {
        RenderedFile {
            path: PathBuf::from(path),
            contents: contents.into(),
        }
    }

    #[test]
    fn formats_and_stamps() {
        let files = vec![
            file("src/lib.rs", "pub mod a;\r\nfn  x( )->i32{1}"),
            file("src/a.rs", "pub struct   A;\n\n\n"),
            file("Cargo.toml", "[package]\n"),
        ];
        let out = finish(files, "GENERATED").unwrap();
        assert_eq!(
            out[0].contents,
            "// GENERATED\npub mod a;\nfn x() -> i32 {\n    1\n}\n"
        );
        assert_eq!(out[1].contents, "// GENERATED\npub struct A;\n");
        assert_eq!(out[2].contents, "# GENERATED\n[package]\n");
    }

    #[test]
    fn writes_only_changes_and_removes_stale_files() {
        let dir = staging_dir();
        let files = vec![file("Cargo.toml", "a\n"), file("src/lib.rs", "b\n")];
        let first = write_crate(&dir, &files, false).unwrap();
        assert_eq!(first.written.len(), 2);
        fs::write(dir.join("src/old.rs"), "x").unwrap();
        let check = write_crate(&dir, &files, true).unwrap();
        assert_eq!(
            (check.unchanged, check.removed.clone()),
            (2, vec![PathBuf::from("src/old.rs")])
        );
        assert!(dir.join("src/old.rs").exists(), "check mode writes nothing");
        let second = write_crate(&dir, &files, false).unwrap();
        assert!(second.written.is_empty());
        assert!(!dir.join("src/old.rs").exists());
        fs::remove_dir_all(dir).unwrap();
    }
}
