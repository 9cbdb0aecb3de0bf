//! `cargo xtask bench [ARGS]`: builds `benches` (the `smithygen-bench` binary) in release mode
//! and runs it; ARGS are passed through (`--quick`, `--rounds N`, `--only P3,P4`, `--build`,
//! ...). Results go to `target/bench/bench.{md,json}`. Only std here: the load generator, the
//! official SDK and the other heavy dependencies live in the `benches` crate.

use std::path::Path;
use std::process::{Command, ExitCode};

pub const USAGE: &str = "usage: cargo xtask bench [--quick] [--rounds N] [--window SECS] \
                         [--only P1,P2,P3,P4,P5,P6] [--build [--build-runs N]] [--out DIR]\n  \
                         --build adds P1/P2: two cold release builds per run (several minutes each)";

pub fn run(root: &Path, args: &[String]) -> ExitCode {
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = Command::new(&cargo)
        .args([
            "build",
            "--release",
            "--package",
            "benches",
            "--bin",
            "smithygen-bench",
        ])
        .current_dir(root)
        .status();
    match status {
        Ok(s) if s.success() => {}
        Ok(_) => return ExitCode::FAILURE,
        Err(e) => {
            eprintln!("error: cannot run {cargo}: {e}");
            return ExitCode::FAILURE;
        }
    }
    let target =
        std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), Into::into);
    let binary = target.join("release/smithygen-bench");
    let mut cmd = Command::new(&binary);
    if !args.iter().any(|a| a == "--out") {
        cmd.arg("--out").arg(target.join("bench"));
    }
    match cmd.args(args).current_dir(root).status() {
        Ok(s) if s.success() => ExitCode::SUCCESS,
        Ok(_) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("error: cannot run {}: {e}", binary.display());
            ExitCode::FAILURE
        }
    }
}
