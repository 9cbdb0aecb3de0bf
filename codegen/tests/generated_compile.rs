//! Generated crates compile warning-free (clippy, `-D warnings`) for models beyond the spec:
//! the naming obstacle course and every official model in ../shared/models, each with its
//! client, server and round-trip test crate.
//!
//! Each test generates into a scratch workspace under `target/generated-check/` and runs a
//! nested cargo with its own target dir (so it never waits on the outer build's lock); the
//! workspace's Cargo.lock is copied in so the same dependency versions are used.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .canonicalize()
        .unwrap()
}

/// Generates every model into one scratch workspace and runs clippy over all of it.
fn generate_and_clippy(name: &str, models: &[PathBuf]) {
    let target = root().join("target/generated-check");
    let work = target.join("work").join(name);
    let _ = std::fs::remove_dir_all(&work);
    let mut members = Vec::new();
    for model in models {
        let stem = model.file_stem().unwrap().to_string_lossy().into_owned();
        let out = work.join(&stem);
        let options = codegen::Options::new(model, &out);
        let summary =
            codegen::generate(&options).unwrap_or_else(|e| panic!("{}: {e}", model.display()));
        members.extend(summary.crates.iter().map(|c| format!("\"{stem}/{c}\"")));
        // The round-trip test crate (`--roundtrip`) must be clippy-clean for every model too.
        let roundtrip = codegen::generate_roundtrip(&options)
            .unwrap_or_else(|e| panic!("{}: {e}", model.display()));
        members.extend(roundtrip.crates.iter().map(|c| format!("\"{stem}/{c}\"")));
    }
    let manifest = format!(
        "[workspace]\nresolver = \"3\"\nmembers = [{}]\n",
        members.join(", ")
    );
    std::fs::write(work.join("Cargo.toml"), manifest).unwrap();
    std::fs::copy(root().join("Cargo.lock"), work.join("Cargo.lock")).unwrap();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .args(["clippy", "--quiet", "--all-targets", "--", "-D", "warnings"])
        .current_dir(&work)
        .env("CARGO_TARGET_DIR", target.join("target"))
        .env_remove("RUSTFLAGS")
        .output()
        .expect("run cargo clippy");
    assert!(
        output.status.success(),
        "generated code for {name} does not build cleanly:\n{}",
        tail(&String::from_utf8_lossy(&output.stderr), 80)
    );
}

fn tail(text: &str, lines: usize) -> String {
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}

fn shared(file: &str) -> PathBuf {
    root().join("../shared/models").join(file)
}

#[test]
fn naming_obstacle_course_compiles() {
    let model = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/models/obstacle-course.json");
    generate_and_clippy("obstacle-course", &[model]);
}

/// The ga release is left out: its crates have the same names as the newest release's.
#[test]
fn official_models_compile() {
    let models = [
        "iot-managed-integrations-2025-03-03.json",
        "kafkaconnect-2021-09-14.json",
        "grafana-2020-08-18.json",
        "medical-imaging-2023-07-19.json",
        "dataexchange-2017-07-25.json",
    ];
    generate_and_clippy("official", &models.map(shared));
}
