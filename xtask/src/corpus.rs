//! `cargo xtask corpus [DIR...] [--no-compile] [--only NAME] [--skip NAME] [--clippy] [--strict]`
//!
//! Generates every model (`*.json`, recursively) under the folders (default `../shared/models`)
//! and, unless `--no-compile`, checks that each model's client and server compile (`cargo
//! check`, or `cargo clippy -D warnings` with `--clippy`) in one scratch workspace with one
//! target dir (`target/corpus/`), so dependencies build once. One row per model, then
//! `corpus: G of N generate, C of N compile`. Without compiling, rustfmt is not run either.
//!
//! Models of other protocols are listed but not counted. Exits 1 when a counted model is
//! refused for anything but event streams (not supported yet), when the generator panics, or
//! when a generated crate does not compile; `--strict` also counts warnings (patterns that no
//! engine compiles, which are then not enforced) as refusals.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

use codegen::render::ClientSettings;
use codegen::write::{Format, Strategy};

const USAGE: &str = "usage: cargo xtask corpus [DIR...] [--no-compile] [--only NAME]... \
                     [--skip NAME]... [--clippy] [--strict]";

#[derive(Default)]
struct Args {
    dirs: Vec<PathBuf>,
    compile: bool,
    only: Vec<String>,
    skip: Vec<String>,
    clippy: bool,
    strict: bool,
}

/// What became of one model.
enum Generated {
    Yes { crates: Vec<String>, lines: usize },
    EventStream(String),
    OtherProtocol,
    Refused(String),
    Panicked(String),
}

struct Row {
    name: String,
    generated: Generated,
    warnings: Vec<String>,
    elapsed: Duration,
    /// `None` when not compiled; else success and the number of compiler warnings.
    compiled: Option<(bool, usize)>,
}

pub fn run(root: &Path, target: &Path, args: &[String]) -> ExitCode {
    let args = match parse(root, args) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("error: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let models = models(&args);
    if models.is_empty() {
        eprintln!("error: no models (*.json) under {:?}", args.dirs);
        return ExitCode::from(2);
    }
    let scratch = target.join("corpus");
    let work = scratch.join("work");
    if args.compile {
        let _ = std::fs::remove_dir_all(&work);
    }
    let progress = Progress::new(models.len());
    let mut tally = Tally::default();
    println!("{HEADER}");
    let mut rows = Vec::new();
    for (n, model) in models.iter().enumerate() {
        let name = stem(model);
        progress.show(n, &name, "generating");
        let row = generate(model, &name, args.compile.then_some(&work), target);
        // Rows to compile are printed once compiled.
        if !args.compile || !matches!(row.generated, Generated::Yes { .. }) {
            progress.clear();
            print_row(&row, &args, &mut tally);
        }
        rows.push(row);
    }
    if args.compile {
        compile_all(root, &scratch, &mut rows, &args, &progress, &mut tally);
    }
    progress.clear();
    summary(&tally, &args)
}

fn parse(root: &Path, args: &[String]) -> Result<Args, String> {
    let mut out = Args {
        compile: true,
        ..Args::default()
    };
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let mut names = |flag: &str| -> Result<Vec<String>, String> {
            let value = iter.next().ok_or(format!("{flag} needs a NAME"))?;
            Ok(value.split(',').map(str::to_string).collect())
        };
        match arg.as_str() {
            "--no-compile" => out.compile = false,
            "--clippy" => out.clippy = true,
            "--strict" => out.strict = true,
            "--only" => out.only.extend(names("--only")?),
            "--skip" => out.skip.extend(names("--skip")?),
            flag if flag.starts_with("--") => return Err(format!("unknown argument `{flag}`")),
            dir => out.dirs.push(PathBuf::from(dir)),
        }
    }
    if out.dirs.is_empty() {
        out.dirs.push(root.join("../shared/models"));
    }
    Ok(out)
}

/// Every `*.json` under the folders, sorted by file name, filtered by `--only`/`--skip`
/// (a NAME matches the file stem or the service part before its date: `glacier` matches
/// `glacier-2012-06-01`, `pinpoint` does not match `pinpoint-email-2018-07-26`).
fn models(args: &Args) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for dir in &args.dirs {
        collect(dir, &mut found);
    }
    let matches = |path: &Path, names: &[String]| {
        let stem = stem(path);
        let service = service_name(&stem);
        names.iter().any(|n| stem == *n || service == n)
    };
    found.retain(|p| (args.only.is_empty() || matches(p, &args.only)) && !matches(p, &args.skip));
    found.sort_by_key(|p| stem(p));
    found
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    if dir.is_file() {
        out.push(dir.to_path_buf());
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        eprintln!("warning: cannot read {}", dir.display());
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
}

/// `glacier-2012-06-01` -> `glacier`: the stem up to its first `-YYYY-MM-DD`.
fn service_name(stem: &str) -> &str {
    let bytes = stem.as_bytes();
    let is_date = |at: usize| {
        let digits = |range: std::ops::RangeInclusive<usize>| {
            range
                .into_iter()
                .all(|i| bytes.get(at + i).is_some_and(u8::is_ascii_digit))
        };
        [0, 5, 8].iter().all(|&i| bytes.get(at + i) == Some(&b'-'))
            && digits(1..=4)
            && digits(6..=7)
            && digits(9..=10)
    };
    (0..bytes.len())
        .find(|&at| is_date(at))
        .map_or(stem, |at| &stem[..at])
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned())
}

/// Generates one model: in memory without rustfmt, or (`work` given) formatted into
/// `work/<name>` for compiling. A panic is caught and becomes the row's result.
fn generate(model: &Path, name: &str, work: Option<&PathBuf>, target: &Path) -> Row {
    let started = Instant::now();
    let result = std::panic::catch_unwind(|| generate_one(model, name, work, target));
    let (generated, warnings) = match result {
        Ok(Ok((crates, lines, warnings))) => (Generated::Yes { crates, lines }, warnings),
        Ok(Err(e)) => (classify(&e), Vec::new()),
        Err(panic) => {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            (Generated::Panicked(message), Vec::new())
        }
    };
    Row {
        name: name.to_string(),
        generated,
        warnings,
        elapsed: started.elapsed(),
        compiled: None,
    }
}

type Output = (Vec<String>, usize, Vec<String>);

fn generate_one(
    model: &Path,
    name: &str,
    work: Option<&PathBuf>,
    target: &Path,
) -> Result<Output, codegen::Error> {
    let warnings = |service: &codegen::ir::Service| -> Vec<String> {
        service.warnings.iter().map(ToString::to_string).collect()
    };
    let Some(work) = work else {
        let text = std::fs::read_to_string(model)
            .map_err(|e| codegen::Error::Read(model.to_path_buf(), e))?;
        let settings = ClientSettings::default();
        let format = Format {
            strategy: Strategy::Unformatted,
            ..Format::default()
        };
        let (service, files) = codegen::render_all_formatted(&text, name, &settings, &format)?;
        let lines = files.iter().map(|f| f.contents.lines().count()).sum();
        let crates = vec![service.crate_stem.clone()];
        return Ok((crates, lines, warnings(&service)));
    };
    let dir = work.join(name);
    let mut options = codegen::Options::new(model, &dir);
    options.runtime_dir = Some(crate::workspace_root().join("crates"));
    options.format_cache = Some(target.join("codegen-format-cache"));
    let summary = codegen::generate(&options)?;
    let lines = summary
        .written
        .iter()
        .filter_map(|p| std::fs::read_to_string(dir.join(p)).ok())
        .map(|t| t.lines().count())
        .sum();
    let warnings = summary.warnings.iter().map(ToString::to_string).collect();
    let crates = summary
        .crates
        .iter()
        .map(|c| format!("{name}/{c}"))
        .collect();
    Ok((crates, lines, warnings))
}

fn classify(error: &codegen::Error) -> Generated {
    let codegen::Error::Model(diagnostics) = error else {
        return Generated::Refused(error.to_string());
    };
    let all = |needle: &str| diagnostics.iter().all(|d| d.message.contains(needle));
    // The other diagnostics of an awsJson model follow from its protocol.
    if diagnostics
        .iter()
        .any(|d| d.message.contains("unsupported protocol"))
    {
        Generated::OtherProtocol
    } else if all("event streams are not supported") {
        Generated::EventStream(format!("{} event-stream binding(s)", diagnostics.len()))
    } else {
        let first: Vec<String> = diagnostics
            .iter()
            .filter(|d| !d.message.contains("event streams are not supported"))
            .take(3)
            .map(ToString::to_string)
            .collect();
        Generated::Refused(format!(
            "{} diagnostic(s): {}",
            diagnostics.len(),
            first.join(" | ")
        ))
    }
}

/// Checks every generated model's crates, one model at a time, in one workspace.
fn compile_all(
    root: &Path,
    scratch: &Path,
    rows: &mut [Row],
    args: &Args,
    progress: &Progress,
    tally: &mut Tally,
) {
    let work = scratch.join("work");
    // Two models generating crates of the same name (two releases of one service) cannot share
    // a workspace: the later one is compiled in a second round.
    let mut rounds: Vec<BTreeMap<String, usize>> = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let Generated::Yes { crates, .. } = &row.generated else {
            continue;
        };
        let key = crates
            .iter()
            .map(|c| package(c))
            .collect::<Vec<_>>()
            .join(",");
        match rounds.iter_mut().find(|r| !r.contains_key(&key)) {
            Some(round) => {
                round.insert(key, i);
            }
            None => rounds.push(BTreeMap::from([(key, i)])),
        }
    }
    let total = rows.len();
    for round in rounds {
        let members: Vec<String> = round
            .values()
            .flat_map(|&i| match &rows[i].generated {
                Generated::Yes { crates, .. } => crates.clone(),
                _ => Vec::new(),
            })
            .collect();
        let quoted: Vec<String> = members.iter().map(|m| format!("{m:?}")).collect();
        let manifest = format!(
            "[workspace]\nresolver = \"3\"\nmembers = [{}]\n",
            quoted.join(", ")
        );
        let written = std::fs::write(work.join("Cargo.toml"), manifest)
            .and_then(|()| std::fs::copy(root.join("Cargo.lock"), work.join("Cargo.lock")));
        if let Err(e) = written {
            eprintln!("error: cannot write the scratch workspace: {e}");
            return;
        }
        let mut order: Vec<usize> = round.into_values().collect();
        order.sort_unstable();
        for i in order {
            progress.show(i.min(total - 1), &rows[i].name, "compiling");
            rows[i].compiled = Some(check(scratch, &work, &rows[i], args.clippy));
            progress.clear();
            print_row(&rows[i], args, tally);
        }
    }
}

/// The package name of a generated crate directory (`<model>/<package>`).
fn package(member: &str) -> String {
    member.rsplit('/').next().unwrap_or(member).to_string()
}

fn check(scratch: &Path, work: &Path, row: &Row, clippy: bool) -> (bool, usize) {
    let Generated::Yes { crates, .. } = &row.generated else {
        return (false, 0);
    };
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut command = Command::new(cargo);
    command.arg(if clippy { "clippy" } else { "check" });
    command.args(["--quiet", "--message-format=short"]);
    for c in crates {
        command.args(["-p", &package(c)]);
    }
    if clippy {
        command.args(["--", "-D", "warnings"]);
    }
    let output = command
        .current_dir(work)
        .env("CARGO_TARGET_DIR", scratch.join("target"))
        .env_remove("RUSTFLAGS")
        .output();
    let Ok(output) = output else {
        return (false, 0);
    };
    let stderr = String::from_utf8_lossy(&output.stderr);
    let warnings = stderr.lines().filter(|l| l.contains(": warning: ")).count();
    let log = scratch.join(format!("{}.log", row.name));
    if output.status.success() && warnings == 0 {
        let _ = std::fs::remove_file(&log);
    } else {
        let _ = std::fs::write(&log, stderr.as_bytes());
    }
    (output.status.success(), warnings)
}

const HEADER: &str = "model                                            generated  compiles    codegen    lines warnings";

/// The counts behind the summary line.
#[derive(Default)]
struct Tally {
    counted: usize,
    generated: usize,
    compiled: usize,
    other: usize,
    failed: bool,
    codegen_time: Duration,
}

/// Prints one finished row and counts it.
fn print_row(row: &Row, args: &Args, tally: &mut Tally) {
    tally.codegen_time += row.elapsed;
    let warnings = row.warnings.len() + row.compiled.map_or(0, |(_, w)| w);
    let (gen_text, lines, note) = match &row.generated {
        Generated::Yes { lines, .. } if args.strict && !row.warnings.is_empty() => {
            tally.failed = true;
            ("strict", *lines, String::new())
        }
        Generated::Yes { lines, .. } => {
            tally.generated += 1;
            ("yes", *lines, String::new())
        }
        Generated::EventStream(why) => ("no", 0, format!("event stream: {why}")),
        Generated::OtherProtocol => ("protocol", 0, "not restJson1: not counted".into()),
        Generated::Refused(why) => {
            tally.failed = true;
            ("REFUSED", 0, why.clone())
        }
        Generated::Panicked(why) => {
            tally.failed = true;
            ("PANIC", 0, why.clone())
        }
    };
    if matches!(row.generated, Generated::OtherProtocol) {
        tally.other += 1;
    } else {
        tally.counted += 1;
    }
    let compiles = match row.compiled {
        None => "-",
        Some((true, _)) => {
            tally.compiled += 1;
            "yes"
        }
        Some((false, _)) => {
            tally.failed = true;
            "FAILED"
        }
    };
    println!(
        "{:<48} {:<10} {:<9} {:>7}ms {:>8} {:>8}  {}",
        row.name,
        gen_text,
        compiles,
        row.elapsed.as_millis(),
        lines,
        warnings,
        note
    );
    for w in &row.warnings {
        println!("    {w}");
    }
}

fn summary(tally: &Tally, args: &Args) -> ExitCode {
    let Tally {
        counted,
        generated,
        compiled,
        other,
        ..
    } = tally;
    if *other > 0 {
        println!("({other} models of other protocols listed, not counted)");
    }
    println!(
        "total codegen time {:.1}s",
        tally.codegen_time.as_secs_f64()
    );
    if args.compile {
        println!("corpus: {generated} of {counted} generate, {compiled} of {counted} compile");
    } else {
        println!("corpus: {generated} of {counted} generate, compile skipped (--no-compile)");
    }
    if tally.failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `[n/N] model: what` on one terminal line; nothing when stderr is not a terminal.
struct Progress {
    total: usize,
    terminal: bool,
}

impl Progress {
    fn new(total: usize) -> Progress {
        Progress {
            total,
            terminal: std::io::stderr().is_terminal(),
        }
    }

    fn show(&self, n: usize, name: &str, what: &str) {
        if self.terminal {
            eprint!("\r\x1b[2K[{}/{}] {name}: {what}", n + 1, self.total);
            let _ = std::io::stderr().flush();
        }
    }

    fn clear(&self) {
        if self.terminal {
            eprint!("\r\x1b[2K");
        }
    }
}
