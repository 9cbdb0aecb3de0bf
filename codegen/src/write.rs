//! Stage 7: format, stamp and write the rendered crates.
//!
//! rustfmt is most of the generator's wall time, so files are formatted by a few rustfmt
//! processes over staged copies rather than a process per file: each file on its own, split
//! over the cores (module `rustfmt`), for the files rustfmt would reach from the crate roots
//! (module `modtree`); from the roots as a fallback. An optional cache (module `cache`) skips rustfmt
//! for texts it has formatted before. Then each file gets the `DO NOT EDIT` preamble, LF
//! newlines and exactly one trailing newline, and is written only when its bytes changed.
//! Files in a generated crate that the model no longer produces are removed (or, in check
//! mode, reported).

mod cache;
mod modtree;
mod rustfmt;

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

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

/// How [`finish_with`] runs rustfmt. Every setting gives the same bytes; they differ in time.
#[derive(Debug, Clone, Default)]
pub struct Format {
    /// The format cache's directory (created when needed); `None` runs rustfmt on every file.
    pub cache: Option<PathBuf>,
    /// rustfmt processes at once; `None` is one per available core.
    pub jobs: Option<usize>,
    pub strategy: Strategy,
}

/// Which files rustfmt is given.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Strategy {
    /// [`Strategy::Standalone`] when the module tree allows it, else [`Strategy::FromRoots`].
    #[default]
    Auto,
    /// Each file on its own, in parallel; an error when the module tree does not allow it
    /// (for tests that must not silently fall back).
    Standalone,
    /// Each crate's `lib.rs`/`main.rs`, rustfmt following `mod` declarations: the reference.
    FromRoots,
    /// No rustfmt: the files as rendered (to learn fast whether a model generates).
    Unformatted,
}

/// Formats `files` and stamps them with `preamble` (a line without comment markers).
pub fn finish(files: Vec<RenderedFile>, preamble: &str) -> Result<Vec<RenderedFile>, WriteError> {
    finish_with(files, preamble, &Format::default())
}

/// [`finish`], formatting as `format` says.
pub fn finish_with(
    files: Vec<RenderedFile>,
    preamble: &str,
    format: &Format,
) -> Result<Vec<RenderedFile>, WriteError> {
    let formatted = format_files(files, format)?;
    Ok(par_map(&formatted, |f| {
        let marker = if f.path.extension().is_some_and(|e| e == "toml") {
            "#"
        } else {
            "//"
        };
        RenderedFile {
            contents: format!("{marker} {preamble}\n{}", normalise(&f.contents)),
            path: f.path.clone(),
        }
    }))
}

/// LF newlines, no trailing whitespace at the end, exactly one final newline.
fn normalise(text: &str) -> String {
    let mut out = text.replace("\r\n", "\n");
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out.push('\n');
    out
}

/// The files as rustfmt run from the crate roots leaves them.
fn format_files(
    mut files: Vec<RenderedFile>,
    format: &Format,
) -> Result<Vec<RenderedFile>, WriteError> {
    let plan = match format.strategy {
        Strategy::Unformatted => return Ok(files),
        Strategy::FromRoots => None,
        Strategy::Auto | Strategy::Standalone => modtree::plan(&files),
    };
    let Some(plan) = plan else {
        if format.strategy == Strategy::Standalone {
            return Err(WriteError::Rustfmt(
                "the module tree cannot be formatted file by file".into(),
            ));
        }
        return rustfmt::from_roots(files);
    };
    // The toolchain probe runs while the cache entries are read.
    let probe = format
        .cache
        .as_ref()
        .map(|_| std::thread::spawn(cache::toolchain_key));
    let entries: Vec<Option<cache::Entry>> = match &format.cache {
        Some(dir) => par_map(&plan.formatted, |&i| cache::read(dir, &files[i].contents)),
        None => Vec::new(),
    };
    let key = match probe {
        Some(handle) => Some(handle.join().expect("the rustfmt probe does not panic")?),
        None => None,
    };
    let mut formatted: Vec<Option<String>> = plan
        .formatted
        .iter()
        .enumerate()
        .map(|(n, &i)| {
            let entry = entries.get(n)?.as_ref()?;
            entry.formatted(key.as_deref()?, &files[i].contents)
        })
        .collect();
    let misses: Vec<usize> = (0..plan.formatted.len())
        .filter(|&n| formatted[n].is_none())
        .collect();
    let inputs: Vec<rustfmt::Input<'_>> = misses
        .iter()
        .map(|&n| {
            let i = plan.formatted[n];
            rustfmt::Input {
                text: &files[i].contents,
                children: plan.children.get(&i).map_or(&[], Vec::as_slice),
            }
        })
        .collect();
    let jobs = format.jobs.unwrap_or_else(cores);
    let texts = match rustfmt::standalone(&inputs, jobs) {
        Ok(texts) => texts,
        Err(e) if format.strategy == Strategy::Standalone => return Err(e),
        // Something the plan did not foresee, or a syntax error: rustfmt from the roots gives
        // the output (or the error, with the crate's paths) it always did.
        Err(_) => return rustfmt::from_roots(files),
    };
    if let (Some(dir), Some(key)) = (&format.cache, &key) {
        let pairs: Vec<(&str, &str)> = inputs
            .iter()
            .map(|i| i.text)
            .zip(texts.iter().map(String::as_str))
            .collect();
        par_map(&pairs, |&(text, formatted)| {
            cache::store(dir, key, text, formatted)
        });
    }
    for (n, text) in misses.into_iter().zip(texts) {
        formatted[n] = Some(text);
    }
    for (&i, text) in plan.formatted.iter().zip(formatted) {
        files[i].contents = text.expect("every planned file is formatted or cached");
    }
    Ok(files)
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
    // Hundreds of small files: the reads and writes go faster on every core.
    let changed = par_map(files, |f| {
        let path = dir.join(&f.path);
        if fs::read(&path).is_ok_and(|existing| existing == f.contents.as_bytes()) {
            return Ok(false);
        }
        if !check {
            write_file(&path, &f.contents)?;
        }
        Ok(true)
    });
    for (f, changed) in files.iter().zip(changed) {
        if changed? {
            report.written.push(f.path.clone());
        } else {
            report.unchanged += 1;
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

/// Writes `contents` to `path`, creating its directory when missing (`create_dir_all`
/// tolerates other threads creating the same directories).
fn write_file(path: &Path, contents: &str) -> Result<(), WriteError> {
    match fs::write(path, contents) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent).map_err(io_err(parent))?;
            }
            fs::write(path, contents).map_err(io_err(path))
        }
        result => result.map_err(io_err(path)),
    }
}

/// One thread per core at most (the machine's cores, not a pool: these are short bursts).
fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
}

/// `f` over `items` on up to [`cores`] threads, each taking every n-th item so that large
/// and small files spread evenly; the results in item order.
fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = cores().min(items.len());
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let f = &f;
    let mut parts: Vec<std::vec::IntoIter<R>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                scope.spawn(move || {
                    items
                        .iter()
                        .skip(t)
                        .step_by(threads)
                        .map(f)
                        .collect::<Vec<R>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|p| std::panic::resume_unwind(p))
                    .into_iter()
            })
            .collect()
    });
    (0..items.len())
        .map(|i| parts[i % threads].next().expect("one result per item"))
        .collect()
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

    /// A rendered file, for the tests of this module and its submodules.
    pub(super) fn file(path: &str, contents: &str) -> RenderedFile {
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
    fn every_strategy_formats_the_same_files_the_same_way() {
        let files = vec![
            file("c/src/lib.rs", "pub mod b;\npub mod a;\nfn  x( ){}"),
            file("c/src/a.rs", "pub mod inner;\nfn  a( ){}"),
            file("c/src/a/inner.rs", "fn  i( ){}"),
            file("c/src/b/mod.rs", "fn  b( ){}"),
            // Reached by no `mod`: rustfmt from the roots leaves it alone.
            file("c/tests/t.rs", "fn  t( ){}"),
        ];
        let run = |strategy, jobs| {
            let format = Format {
                jobs: Some(jobs),
                strategy,
                ..Format::default()
            };
            finish_with(files.clone(), "G", &format).unwrap()
        };
        let reference = run(Strategy::FromRoots, 1);
        assert_eq!(
            reference[0].contents,
            "// G\npub mod a;\npub mod b;\nfn x() {}\n"
        );
        assert_eq!(reference[4].contents, "// G\nfn  t( ){}\n");
        assert_eq!(run(Strategy::Standalone, 2), reference);
        assert_eq!(run(Strategy::Auto, 3), reference);
    }

    #[test]
    fn falls_back_to_the_roots_when_the_tree_is_unclear() {
        // An out-of-line module inside an inline one lives in `src/outer/x.rs`.
        let files = vec![
            file("src/lib.rs", "mod outer {\n    mod x;\n}"),
            file("src/outer/x.rs", "fn  x( ){}"),
        ];
        let standalone = Format {
            strategy: Strategy::Standalone,
            ..Format::default()
        };
        assert!(finish_with(files.clone(), "G", &standalone).is_err());
        let out = finish(files, "G").unwrap();
        assert_eq!(out[1].contents, "// G\nfn x() {}\n");
        // A syntax error is reported as rustfmt reports it, with the crate's paths.
        let broken = vec![file("src/lib.rs", "mod a;"), file("src/a.rs", "fn (")];
        let Err(WriteError::Rustfmt(message)) = finish(broken, "G") else {
            panic!("a syntax error must fail");
        };
        assert!(message.contains("src/a.rs"), "{message}");
    }

    #[test]
    fn writes_only_changes_and_removes_stale_files() {
        let dir = rustfmt::staging_dir();
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
