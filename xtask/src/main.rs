//! `cargo xtask codegen [--check] [--model FILE] [--out DIR] [--roundtrip]`; `cargo xtask
//! corpus` (see `corpus.rs`); `cargo xtask bench`.
//!
//! Without arguments: generates `crates/<stem>-client` and `crates/<stem>-server` from
//! `model/iot-managed-integrations.json`. `--check` writes nothing and exits 1 when any
//! generated file is stale. A broken model exits 2 with diagnostics. `--roundtrip` also writes
//! `<stem>-roundtrip` next to the two crates: a test crate that round-trips every operation of
//! the generated client through the generated server. rustfmt's output is cached in
//! `target/codegen-format-cache` (`$CARGO_TARGET_DIR` when set), so a run after a template
//! edit formats only the files that changed; `--no-format-cache` formats every file.

mod bench;
mod corpus;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

const USAGE: &str = "usage: cargo xtask codegen [--check] [--model FILE] [--out DIR] [--roundtrip] \
                     [--no-format-cache]";
const DEFAULT_MODEL: &str = "model/iot-managed-integrations.json";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("codegen") => match parse_codegen(&args[1..]) {
            Ok((options, roundtrip)) => codegen(options, roundtrip),
            Err(message) => usage_error(&message),
        },
        Some("corpus") => {
            let root = workspace_root();
            corpus::run(&root, &target_dir(&root), &args[1..])
        }
        Some("bench") => bench::run(&workspace_root(), &args[1..]),
        Some(other) => usage_error(&format!("unknown task `{other}`")),
        None => usage_error("no task given"),
    }
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("error: {message}\n{USAGE}");
    ExitCode::from(2)
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}

/// Cargo's target directory for this workspace.
fn target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from)
}

/// The options, and whether `--roundtrip` was given.
fn parse_codegen(args: &[String]) -> Result<(codegen::Options, bool), String> {
    let root = workspace_root();
    let mut model = None;
    let mut out = None;
    let mut check = false;
    let mut roundtrip = false;
    let mut format_cache = true;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--check" => check = true,
            "--roundtrip" => roundtrip = true,
            "--no-format-cache" => format_cache = false,
            "--model" => model = Some(PathBuf::from(iter.next().ok_or("--model needs a FILE")?)),
            "--out" => out = Some(PathBuf::from(iter.next().ok_or("--out needs a DIR")?)),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    let model_label = match &model {
        Some(path) => path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into(),
        ),
        None => DEFAULT_MODEL.to_string(),
    };
    // The generated client depends on the runtime by path: next to it in the default layout,
    // absolute when generated elsewhere.
    let runtime = root.join("crates/client-runtime");
    let client_runtime = match &out {
        None => "../client-runtime".to_string(),
        Some(_) => runtime.display().to_string(),
    };
    let options = codegen::Options {
        client_runtime,
        model: model.unwrap_or_else(|| root.join(DEFAULT_MODEL)),
        out_dir: out.unwrap_or_else(|| root.join("crates")),
        check,
        model_label,
        format_cache: format_cache.then(|| target_dir(&root).join("codegen-format-cache")),
    };
    Ok((options, roundtrip))
}

fn codegen(options: codegen::Options, roundtrip: bool) -> ExitCode {
    let started = Instant::now();
    let generated = codegen::generate(&options).and_then(|mut summary| {
        if roundtrip {
            let extra = codegen::generate_roundtrip(&options)?;
            summary.crates.extend(extra.crates);
            summary.written.extend(extra.written);
            summary.removed.extend(extra.removed);
            summary.unchanged += extra.unchanged;
        }
        Ok(summary)
    });
    let summary = match generated {
        Ok(summary) => summary,
        Err(codegen::Error::Model(diagnostics)) => {
            eprintln!("{diagnostics}");
            eprintln!(
                "{}: {} error(s); nothing was generated",
                options.model.display(),
                diagnostics.len()
            );
            return ExitCode::from(2);
        }
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    for warning in &summary.warnings {
        eprintln!("{warning}");
    }
    let elapsed = started.elapsed();
    let changed = summary.written.len() + summary.removed.len();
    if options.check {
        for path in &summary.written {
            println!("stale: {}", options.out_dir.join(path).display());
        }
        for path in &summary.removed {
            println!(
                "not generated by the model: {}",
                options.out_dir.join(path).display()
            );
        }
    }
    let verb = if options.check {
        "would write"
    } else {
        "written"
    };
    println!(
        "codegen: {} operations, {} shapes -> {} ({} files {verb}, {} unchanged{}) in {:.2?}",
        summary.operations,
        summary.shapes,
        summary.crates.join(" + "),
        summary.written.len(),
        summary.unchanged,
        if summary.removed.is_empty() {
            String::new()
        } else {
            format!(", {} removed", summary.removed.len())
        },
        elapsed
    );
    if options.check && changed > 0 {
        eprintln!("crates are stale: run `cargo xtask codegen`");
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}
