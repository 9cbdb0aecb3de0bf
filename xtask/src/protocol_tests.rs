//! `cargo xtask protocol-tests [--model PATH]... [--service ID]...`: generates, for every
//! service (by default the official restJson1 suite under `protocol-tests/`), the client and
//! server crates and their protocol-test crates into a scratch workspace under the target
//! directory, runs them with one `cargo test` (one shared target dir, so everything compiles
//! once) and tallies the results against `protocol-tests/accepted-failures.txt`.

mod tally;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};

use codegen::ast::{Ast, AstShape};

/// The suite's files and services when no `--model` is given.
const DEFAULT_MODELS: &[&str] = &[
    "protocol-tests/restJson1",
    "protocol-tests/shared-types.smithy",
    "protocol-tests/aws-config.smithy",
];
const DEFAULT_SERVICES: &[&str] = &[
    "aws.protocoltests.restjson#RestJson",
    "aws.protocoltests.restjson.validation#RestJsonValidation",
    "com.amazonaws.apigateway#BackplaneControlService",
    "com.amazonaws.glacier#Glacier",
];
const ACCEPTED: &str = "protocol-tests/accepted-failures.txt";

struct Args {
    models: Vec<PathBuf>,
    services: Vec<String>,
}

fn parse(args: &[String]) -> Result<Args, String> {
    let mut out = Args {
        models: Vec::new(),
        services: Vec::new(),
    };
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--model" => out
                .models
                .push(iter.next().ok_or("--model needs a PATH")?.into()),
            "--service" => out
                .services
                .push(iter.next().ok_or("--service needs an ID")?.clone()),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(out)
}

pub fn run(root: &Path, target: &Path, args: &[String]) -> ExitCode {
    let args = match parse(args) {
        Ok(a) => a,
        Err(e) => {
            eprintln!(
                "error: {e}\nusage: cargo xtask protocol-tests [--model PATH]... [--service ID]..."
            );
            return ExitCode::from(2);
        }
    };
    let defaults = args.models.is_empty();
    let models: Vec<PathBuf> = if defaults {
        DEFAULT_MODELS.iter().map(|p| root.join(p)).collect()
    } else {
        args.models.clone()
    };
    let scratch = target.join("protocol-tests");
    let generated = load(&models).and_then(|ast| {
        let services = match (&args.services[..], defaults) {
            ([], true) => DEFAULT_SERVICES.iter().map(|s| s.to_string()).collect(),
            ([], false) => service_ids(&ast),
            (given, _) => given.to_vec(),
        };
        generate(root, &scratch, &ast, &services)
    });
    let members = match generated {
        Ok(m) => m,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    if members.is_empty() {
        eprintln!("no protocol tests found in the given models");
        return ExitCode::from(2);
    }
    let log = match cargo_test(target, &scratch) {
        Ok(log) => log,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let accepted_path = root.join(ACCEPTED);
    let accepted = std::fs::read_to_string(&accepted_path).unwrap_or_default();
    let report = tally::Report::new(&members, &log, &accepted);
    print!("{}", report.render());
    if report.ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Every `.json` and `.smithy` file under `paths`, as one model.
fn load(paths: &[PathBuf]) -> Result<Ast, String> {
    codegen::load::load_paths(paths).map_err(|d| d.to_string())
}

fn service_ids(ast: &Ast) -> Vec<String> {
    ast.shapes
        .iter()
        .filter(|(_, s)| matches!(s, AstShape::Service(_)))
        .map(|(id, _)| id.clone())
        .collect()
}

/// Writes the scratch workspace; returns its test crates (crate name -> cases).
fn generate(
    root: &Path,
    scratch: &Path,
    ast: &Ast,
    services: &[String],
) -> Result<BTreeMap<String, Vec<tally::CaseId>>, String> {
    let test_runtime = root.join("crates/protocol-test").display().to_string();
    let settings = codegen::render::ClientSettings {
        package: codegen::package::PackageSettings {
            runtime: codegen::package::Runtime::Path(root.join("crates").display().to_string()),
            ..codegen::package::PackageSettings::default()
        },
    };
    let format = codegen::write::Format {
        cache: Some(scratch.join("format-cache")),
        ..codegen::write::Format::default()
    };
    let ws = scratch.join("ws");
    let mut members = BTreeMap::new();
    let mut crate_dirs = Vec::new();
    for id in services {
        let mut ast = ast.clone();
        for op in codegen::protocol_tests::drop_event_streams(&mut ast, id) {
            eprintln!("protocol tests: {op} binds an event stream; its cases are not run");
        }
        let model = codegen::load::keep_service(&mut ast, id)
            .and_then(|()| codegen::load_ast(&ast))
            .map_err(|d| format!("{id}:\n{d}"))?;
        let model = codegen::transform::run(model);
        let service = codegen::ir::build(&model);
        let (cases, test_files) =
            codegen::protocol_tests::crate_files(&model, &service, &test_runtime)
                .map_err(|e| format!("{id}: {e}"))?;
        if cases.is_empty() {
            continue;
        }
        let preamble = format!("Generated by `cargo xtask protocol-tests` from {id}.");
        let flavors = [
            codegen::render::Flavor::Client,
            codegen::render::Flavor::Server,
        ];
        let (_, files) = codegen::render_crates(&ast, &flavors, &settings, &preamble, &format)
            .map_err(|e| format!("{id}: {e}"))?;
        for f in files.iter().chain(&test_files) {
            write_if_changed(&ws.join(&f.path), &f.contents)?;
        }
        for flavor in [
            codegen::render::Flavor::Client,
            codegen::render::Flavor::Server,
        ] {
            crate_dirs.push(codegen::render::crate_name(&service, flavor));
        }
        for side in [
            codegen::protocol_tests::Side::Client,
            codegen::protocol_tests::Side::Server,
        ] {
            let name = codegen::protocol_tests::test_crate_name(&service, side);
            let ids = cases
                .iter()
                .filter(|c| c.side == side)
                .map(|c| tally::CaseId::new(side, c.kind(), &c.id))
                .collect();
            crate_dirs.push(name.clone());
            members.insert(name.replace('-', "_"), ids);
        }
    }
    let list: Vec<String> = crate_dirs.iter().map(|d| format!("    {d:?},")).collect();
    let manifest = format!(
        "# Written by `cargo xtask protocol-tests`.\n[workspace]\nresolver = \"3\"\nmembers = [\n{}\n]\n",
        list.join("\n")
    );
    write_if_changed(&ws.join("Cargo.toml"), &manifest)?;
    // The repository's lock file pins the versions the generated crates build with (cargo adds
    // the generated crates to the copy; it is refreshed every run).
    let lock = std::fs::read_to_string(root.join("Cargo.lock")).map_err(|e| e.to_string())?;
    write_if_changed(&ws.join("Cargo.lock"), &lock)?;
    Ok(members)
}

fn write_if_changed(path: &Path, contents: &str) -> Result<(), String> {
    if std::fs::read_to_string(path).is_ok_and(|old| old == contents) {
        return Ok(());
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(path, contents).map_err(|e| format!("{}: {e}", path.display()))
}

/// Runs every test crate; returns cargo's and the tests' output, interleaved. The build shares
/// the workspace's target directory, so the dependencies the workspace already built are
/// reused.
fn cargo_test(target: &Path, scratch: &Path) -> Result<String, String> {
    let log_path = scratch.join("last-run.log");
    let log = std::fs::File::create(&log_path).map_err(|e| e.to_string())?;
    let err = log.try_clone().map_err(|e| e.to_string())?;
    eprintln!(
        "protocol tests: building and running (log: {})",
        log_path.display()
    );
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .current_dir(scratch.join("ws"))
        .args(["test", "--workspace", "--no-fail-fast", "--lib"])
        .env("CARGO_TARGET_DIR", target)
        .env("RUST_BACKTRACE", "0")
        .env_remove("RUSTFLAGS")
        .stdin(Stdio::null())
        .stdout(log)
        .stderr(err)
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    let text = std::fs::read_to_string(&log_path).map_err(|e| e.to_string())?;
    if !status.success() && text.contains("error: could not compile") {
        let tail: Vec<&str> = text
            .lines()
            .filter(|l| l.starts_with("error"))
            .take(40)
            .collect();
        return Err(format!(
            "the generated crates do not compile (see {}):\n{}",
            log_path.display(),
            tail.join("\n")
        ));
    }
    Ok(text)
}
