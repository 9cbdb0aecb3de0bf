//! `smithygen`: the command. See `smithygen --help`.

mod cli;

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use cli::Command;
use smithygen::{Error, Request, build_file};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let command = match cli::parse(&args) {
        Ok(command) => command,
        Err(message) => {
            eprintln!("error: {message}\n(see `smithygen --help`)");
            return ExitCode::from(2);
        }
    };
    let progress = Progress::new();
    let result = match command {
        Command::Help(text) => {
            print!("{text}");
            Ok(Status::Done)
        }
        Command::Generate(request) => generate(&request, &progress, ""),
        Command::Build {
            config,
            output,
            runtime_path,
            check,
        } => build(
            &config,
            output.as_deref(),
            runtime_path.as_deref(),
            check,
            &progress,
        ),
        Command::Check { models, service } => {
            smithygen::check(&models, service.as_deref()).map(|_| {
                println!("{}: no problems", smithygen::label(&models));
                Status::Done
            })
        }
        Command::Model {
            models,
            service,
            json,
        } => model(&models, service.as_deref(), json),
    };
    match result {
        Ok(Status::Done) => ExitCode::SUCCESS,
        Ok(Status::Stale) => ExitCode::from(1),
        Err(e) => {
            report(&e);
            ExitCode::from(2)
        }
    }
}

enum Status {
    Done,
    Stale,
}

fn report(e: &Error) {
    match e {
        Error::Codegen(codegen::Error::Model(diagnostics)) => {
            eprintln!("{diagnostics}");
            eprintln!("{} error(s); nothing was generated", diagnostics.len());
        }
        other => eprintln!("error: {other}"),
    }
}

/// One line per step on a terminal (a big model takes seconds); quiet otherwise.
struct Progress {
    on: bool,
    started: Instant,
}

impl Progress {
    fn new() -> Progress {
        Progress {
            on: std::io::stderr().is_terminal(),
            started: Instant::now(),
        }
    }

    fn step(&self, message: &str) {
        if self.on {
            eprintln!("[{:>6.2}s] {message}", self.started.elapsed().as_secs_f64());
        }
    }
}

fn generate(request: &Request, progress: &Progress, label: &str) -> Result<Status, Error> {
    let kinds: Vec<&str> = request.kinds.iter().map(|k| k.name()).collect();
    progress.step(&format!("{label}generating {}", kinds.join(" + ")));
    let started = Instant::now();
    let summary = smithygen::generate(request)?;
    for warning in &summary.warnings {
        eprintln!("{label}{warning}");
    }
    if request.check {
        for path in summary.written.iter().chain(&summary.removed) {
            println!("stale: {}", request.out_dir.join(path).display());
        }
    }
    println!(
        "{label}{}: {} operations, {} shapes -> {} in {} ({}) in {:.2?}",
        smithygen::label(&request.models),
        summary.operations,
        summary.shapes,
        summary.crates.join(" + "),
        request.out_dir.display(),
        summary.files(request.check),
        started.elapsed()
    );
    let stale = !summary.written.is_empty() || !summary.removed.is_empty();
    Ok(if request.check && stale {
        Status::Stale
    } else {
        Status::Done
    })
}

fn build(
    config: &Path,
    output: Option<&Path>,
    runtime_path: Option<&Path>,
    check: bool,
    progress: &Progress,
) -> Result<Status, Error> {
    let plan = build_file::plan(config, output).map_err(Error::Input)?;
    for warning in &plan.warnings {
        eprintln!("warning: {warning}");
    }
    if plan.jobs.is_empty() {
        eprintln!(
            "warning: {}: no `rust-client-codegen` or `rust-server-codegen` plugin to run",
            config.display()
        );
    }
    let mut status = Status::Done;
    let total = plan.jobs.len();
    for (i, job) in plan.jobs.iter().enumerate() {
        let request = Request {
            service: job.service.clone(),
            kinds: vec![job.kind],
            flat: true,
            package: job.package.clone(),
            runtime_dir: runtime_path
                .map(Path::to_path_buf)
                .or(job.runtime_dir.clone()),
            check,
            ..Request::new(job.models.clone(), &job.out_dir)
        };
        let label = format!("[{}/{total}] {}/{}: ", i + 1, job.projection, job.plugin);
        if let Status::Stale = generate(&request, progress, &label)? {
            status = Status::Stale;
        }
    }
    Ok(status)
}

fn model(
    models: &[std::path::PathBuf],
    service: Option<&str>,
    json: bool,
) -> Result<Status, Error> {
    let (ast, model) = smithygen::check(models, service)?;
    if json {
        let text = serde_json::to_string_pretty(&ast)
            .map_err(|e| Error::Input(format!("cannot print the model: {e}")))?;
        println!("{text}");
        return Ok(Status::Done);
    }
    println!("files: {}", smithygen::label(models));
    println!("service: {}", model.service);
    println!("shapes: {}", ast.shapes.len());
    println!("operations: {}", model.operations.len());
    for op in &model.operations {
        println!("  {op}");
    }
    Ok(Status::Done)
}
