//! Running rustfmt over staged copies of the rendered files.
//!
//! rustfmt formats the files it reaches through `mod name;` from the file it is given, so the
//! reference way ([`from_roots`]) gives it each crate's `lib.rs`: one process per crate, and a
//! 2-core machine idles while the big client crate finishes. [`standalone`] instead stages
//! every file as a crate root of its own, `<k>.rs` in one flat directory, next to an empty
//! `<name>.rs` for each module name any of them declares: rustfmt then formats each file
//! once, finds only empty children, and the files can be split into groups of about equal
//! size formatted by one process per core. A file's formatting does not depend on where its
//! module lives (checked: every official model formats byte-identically both ways, see
//! `tests/formatting.rs`); rustfmt's config search starts in the same temporary directory
//! either way (there is no `rustfmt.toml` in the staging directories).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use super::{WriteError, io_err};
use crate::render::RenderedFile;

/// The reference: stages `files` at their paths and runs rustfmt on every `lib.rs` and
/// `main.rs`, which formats the files those roots reach.
pub(super) fn from_roots(files: Vec<RenderedFile>) -> Result<Vec<RenderedFile>, WriteError> {
    let staging = Staging::new()?;
    for f in &files {
        staging.write(&f.path, &f.contents)?;
    }
    let roots: Vec<PathBuf> = files
        .iter()
        .filter(|f| {
            f.path
                .file_name()
                .is_some_and(|n| n == "lib.rs" || n == "main.rs")
        })
        .map(|f| staging.dir.join(&f.path))
        .collect();
    // One process: two roots may reach the same module, which two processes would race on.
    if !roots.is_empty() {
        wait_all(vec![spawn(&roots)?])?;
    }
    files
        .into_iter()
        .map(|f| {
            let contents = staging.read(&f.path)?;
            Ok(RenderedFile {
                path: f.path,
                contents,
            })
        })
        .collect()
}

/// One file to format on its own: its text and the out-of-line modules it declares.
pub(super) struct Input<'a> {
    pub text: &'a str,
    pub children: &'a [String],
}

/// Formats each input as a crate root of its own, split over `jobs` rustfmt processes;
/// the formatted texts in input order. Each group is staged, formatted and read back by its
/// own thread, so one group's rustfmt runs while another's files are still being written.
pub(super) fn standalone(inputs: &[Input<'_>], jobs: usize) -> Result<Vec<String>, WriteError> {
    if inputs.is_empty() {
        return Ok(Vec::new());
    }
    let staging = Staging::new()?;
    let groups = groups(inputs, jobs);
    let results: Vec<Result<Vec<String>, WriteError>> = std::thread::scope(|scope| {
        let handles: Vec<_> = groups
            .iter()
            .enumerate()
            .map(|(g, group)| {
                let dir = staging.dir.join(format!("g{g}"));
                scope.spawn(move || format_group(&dir, group.iter().map(|&k| &inputs[k])))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    });
    let mut out = vec![String::new(); inputs.len()];
    for (group, texts) in groups.iter().zip(results) {
        for (&k, text) in group.iter().zip(texts?) {
            out[k] = text;
        }
    }
    Ok(out)
}

/// Stages the inputs in `dir` as `<k>.rs` (a module name is never a number, so these cannot
/// clash) next to an empty `<name>.rs` for every module they declare, runs one rustfmt on
/// them all, and reads them back.
fn format_group<'a>(
    dir: &Path,
    inputs: impl Iterator<Item = &'a Input<'a>>,
) -> Result<Vec<String>, WriteError> {
    fs::create_dir_all(dir).map_err(io_err(dir))?;
    let mut paths = Vec::new();
    let mut placeholders = std::collections::BTreeSet::new();
    for (k, input) in inputs.enumerate() {
        let path = dir.join(format!("{k}.rs"));
        fs::write(&path, input.text).map_err(io_err(&path))?;
        paths.push(path);
        placeholders.extend(input.children.iter().map(String::as_str));
    }
    for name in placeholders {
        let path = dir.join(format!("{name}.rs"));
        fs::write(&path, "").map_err(io_err(&path))?;
    }
    wait_all(vec![spawn(&paths)?])?;
    paths
        .iter()
        .map(|path| fs::read_to_string(path).map_err(io_err(path)))
        .collect()
}

/// Input indexes in at most `jobs` groups of about equal size (largest first, each to the
/// smallest group so far); rustfmt's time grows with the text.
fn groups(inputs: &[Input<'_>], jobs: usize) -> Vec<Vec<usize>> {
    let mut order: Vec<usize> = (0..inputs.len()).collect();
    order.sort_by_key(|&k| std::cmp::Reverse(inputs[k].text.len()));
    let mut groups: Vec<(usize, Vec<usize>)> = vec![(0, Vec::new()); jobs.clamp(1, inputs.len())];
    for k in order {
        let smallest = groups
            .iter_mut()
            .min_by_key(|(size, _)| *size)
            .expect("at least one group");
        smallest.0 += inputs[k].text.len();
        smallest.1.push(k);
    }
    groups.into_iter().map(|(_, g)| g).collect()
}

fn spawn(paths: &[PathBuf]) -> Result<Child, WriteError> {
    Command::new(rustfmt_binary())
        .args(["--edition", "2024"])
        .args(paths)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| WriteError::Rustfmt(format!("cannot run rustfmt: {e}")))
}

/// Waits for every child (none is left running), then reports the first failure.
fn wait_all(children: Vec<Child>) -> Result<(), WriteError> {
    let mut failure = None;
    for child in children {
        let result = child
            .wait_with_output()
            .map_err(|e| WriteError::Rustfmt(format!("cannot run rustfmt: {e}")))
            .and_then(|output| {
                if output.status.success() {
                    Ok(())
                } else {
                    Err(WriteError::Rustfmt(
                        String::from_utf8_lossy(&output.stderr).into_owned(),
                    ))
                }
            });
        if let Err(e) = result {
            failure.get_or_insert(e);
        }
    }
    failure.map_or(Ok(()), Err)
}

/// `$RUSTFMT` when set (as cargo does), else `rustfmt` from the PATH.
pub(super) fn rustfmt_binary() -> String {
    std::env::var("RUSTFMT").unwrap_or_else(|_| "rustfmt".into())
}

/// A fresh directory under [`staging_base`], removed on drop.
pub(super) struct Staging {
    pub dir: PathBuf,
}

impl Staging {
    pub fn new() -> Result<Staging, WriteError> {
        let dir = staging_dir();
        fs::create_dir_all(&dir).map_err(io_err(&dir))?;
        Ok(Staging { dir })
    }

    fn write(&self, rel: &Path, contents: &str) -> Result<(), WriteError> {
        let path = self.dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(io_err(parent))?;
        }
        fs::write(&path, contents).map_err(io_err(&path))
    }

    fn read(&self, rel: &Path) -> Result<String, WriteError> {
        let path = self.dir.join(rel);
        fs::read_to_string(&path).map_err(io_err(&path))
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}

pub(super) fn staging_dir() -> PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    staging_base().join(format!("smithy-codegen-{}-{n}", std::process::id()))
}

/// Where staging directories go: `$TMPDIR` when set, else `/dev/shm` when it exists, else
/// the system's temporary directory. Staging creates and deletes about a thousand files per
/// run; on a disk file system that is busy (or mounted with `discard`) that alone was
/// measured at 1-5 s, in memory it is a few milliseconds. rustfmt looks for a
/// `rustfmt.toml` from the staged file up to `/`, so the base must hold none: `/tmp`,
/// `/dev/shm` and `/dev` are system directories.
pub(super) fn staging_base() -> PathBuf {
    static BASE: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    BASE.get_or_init(|| {
        let shm = Path::new("/dev/shm");
        let probe = shm.join(format!("smithy-codegen-probe-{}", std::process::id()));
        if std::env::var_os("TMPDIR").is_none() && fs::create_dir(&probe).is_ok() {
            let _ = fs::remove_dir(&probe);
            shm.to_path_buf()
        } else {
            std::env::temp_dir()
        }
    })
    .clone()
}
