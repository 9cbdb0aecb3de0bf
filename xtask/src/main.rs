//! `cargo xtask codegen [--check] [--model PATH]... [--out DIR] [--roundtrip]`;
//! `cargo xtask model --json --model PATH [--model PATH]...`; `cargo xtask corpus` (see
//! `corpus.rs`); `cargo xtask bench`.
//!
//! Without arguments: generates `crates/<stem>-client` and `crates/<stem>-server` from
//! `model/iot-managed-integrations.json`. A `--model` PATH is a JSON AST file, a Smithy IDL
//! file or a folder of both; given more than once, the files are assembled into one model.
//! `model --json` prints the assembled model as one JSON AST document. `--check` writes
//! nothing and exits 1 when any generated file is stale. A broken model exits 2 with diagnostics. `--roundtrip` also writes
//! `<stem>-roundtrip` next to the two crates: a test crate that round-trips every operation of
//! the generated client through the generated server. rustfmt's output is cached in
//! `target/codegen-format-cache` (`$CARGO_TARGET_DIR` when set), so a run after a template
//! edit formats only the files that changed; `--no-format-cache` formats every file.

mod bench;
mod corpus;
mod protocol_tests;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

const USAGE: &str = "usage: cargo xtask codegen [--check] [--model PATH]... [--out DIR] [--roundtrip] \
                     [--no-format-cache]\n       cargo xtask model --json --model PATH [--model PATH]...";
const DEFAULT_MODEL: &str = "model/iot-managed-integrations.json";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("codegen") => match parse_codegen(&args[1..]) {
            Ok((options, models, roundtrip)) => codegen(options, &models, roundtrip),
            Err(message) => usage_error(&message),
        },
        Some("model") => model_json(&args[1..]),
        Some("corpus") => {
            let root = workspace_root();
            corpus::run(&root, &target_dir(&root), &args[1..])
        }
        Some("bench") => bench::run(&workspace_root(), &args[1..]),
        Some("protocol-tests") => {
            let root = workspace_root();
            protocol_tests::run(&root, &target_dir(&root), &args[1..])
        }
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

/// `model --json --model PATH...`: the assembled model on stdout, or diagnostics and exit 2.
fn model_json(args: &[String]) -> ExitCode {
    let mut models = Vec::new();
    let mut json = false;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--json" => json = true,
            "--model" => match iter.next() {
                Some(path) => models.push(PathBuf::from(path)),
                None => return usage_error("--model needs a PATH"),
            },
            other => return usage_error(&format!("unknown argument `{other}`")),
        }
    }
    if !json || models.is_empty() {
        return usage_error("`model` needs --json and at least one --model PATH");
    }
    match codegen::load::load_paths(&models) {
        Ok(ast) => {
            // A closed pipe (`| head`) ends the output quietly; nothing else can fail here.
            let mut out = std::io::stdout().lock();
            let _ = serde_json::to_writer_pretty(&mut out, &ast).and_then(|()| {
                use std::io::Write;
                writeln!(out).map_err(serde_json::Error::io)
            });
            ExitCode::SUCCESS
        }
        Err(diagnostics) => {
            eprintln!("{diagnostics}");
            eprintln!("{} error(s)", diagnostics.len());
            ExitCode::from(2)
        }
    }
}

/// The options, the model paths, and whether `--roundtrip` was given.
fn parse_codegen(args: &[String]) -> Result<(codegen::Options, Vec<PathBuf>, bool), String> {
    let root = workspace_root();
    let mut models: Vec<PathBuf> = Vec::new();
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
            "--model" => models.push(PathBuf::from(iter.next().ok_or("--model needs a PATH")?)),
            "--out" => out = Some(PathBuf::from(iter.next().ok_or("--out needs a DIR")?)),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    let model_label = if models.is_empty() {
        DEFAULT_MODEL.to_string()
    } else {
        let names: Vec<String> = models
            .iter()
            .map(|path| {
                path.file_name().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into(),
                )
            })
            .collect();
        names.join(" + ")
    };
    if models.is_empty() {
        models.push(root.join(DEFAULT_MODEL));
    }
    // The generated crates depend on this workspace's runtime crates by a relative path:
    // `../client-runtime` in the default layout.
    let options = codegen::Options {
        check,
        model_label,
        tool: "cargo xtask codegen".into(),
        package: codegen::package::PackageSettings::workspace(),
        runtime_dir: out.is_some().then(|| root.join("crates")),
        format_cache: format_cache.then(|| target_dir(&root).join("codegen-format-cache")),
        ..codegen::Options::new(
            models[0].clone(),
            out.unwrap_or_else(|| root.join("crates")),
        )
    };
    Ok((options, models, roundtrip))
}

fn codegen(options: codegen::Options, models: &[PathBuf], roundtrip: bool) -> ExitCode {
    let started = Instant::now();
    let generated = codegen::generate_from(&options, models).and_then(|mut summary| {
        if roundtrip {
            let extra = codegen::generate_roundtrip_from(&options, models)?;
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
    println!(
        "codegen: {} operations, {} shapes -> {} ({}) in {:.2?}",
        summary.operations,
        summary.shapes,
        summary.crates.join(" + "),
        summary.files(options.check),
        elapsed
    );
    if options.check && changed > 0 {
        eprintln!("crates are stale: run `cargo xtask codegen`");
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}
