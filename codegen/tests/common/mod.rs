//! Scratch workspaces for tests that build generated crates: each lives under
//! `target/generated-check/work/<name>` and is built by a nested cargo with its own target dir
//! (`target/generated-check/target`, so it never waits on the outer build's lock), with the
//! workspace's Cargo.lock copied in so the same dependency versions are used.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .canonicalize()
        .unwrap()
}

/// The official AWS models vendored for the tests (see its README and NOTICE).
pub fn aws_models_dir() -> PathBuf {
    root().join("tests/data/aws-models")
}

/// An official model in tests/data/aws-models.
pub fn aws_model(file: &str) -> PathBuf {
    aws_models_dir().join(file)
}

/// Every official model in tests/data/aws-models, sorted.
pub fn aws_models() -> Vec<PathBuf> {
    let dir = aws_models_dir();
    let mut models: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    models.sort();
    models
}

/// A model in codegen/tests/models.
pub fn test_model(file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/models")
        .join(file)
}

/// A fresh, empty scratch workspace directory.
pub fn scratch(name: &str) -> PathBuf {
    let work = root().join("target/generated-check/work").join(name);
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).unwrap();
    work
}

/// Generates `model` (client and server crates; with `roundtrip`, its round-trip test crate
/// too) into `work/<model stem>`; returns the crates as workspace members.
pub fn generate(work: &Path, model: &Path, roundtrip: bool) -> Vec<String> {
    let stem = model.file_stem().unwrap().to_string_lossy().into_owned();
    let mut options = codegen::Options::new(model, work.join(&stem));
    options.runtime_dir = Some(root().join("crates"));
    let summary =
        codegen::generate(&options).unwrap_or_else(|e| panic!("{}: {e}", model.display()));
    let mut members: Vec<String> = summary
        .crates
        .iter()
        .map(|c| format!("{stem}/{c}"))
        .collect();
    if roundtrip {
        let summary = codegen::generate_roundtrip(&options)
            .unwrap_or_else(|e| panic!("{}: {e}", model.display()));
        members.extend(summary.crates.iter().map(|c| format!("{stem}/{c}")));
    }
    members
}

/// Writes the workspace manifest (with `members`) and the Cargo.lock, then runs the nested
/// cargo with `args` in `work`.
pub fn cargo(work: &Path, members: &[String], args: &[&str]) -> Output {
    let members: Vec<String> = members.iter().map(|m| format!("\"{m}\"")).collect();
    let manifest = format!(
        "[workspace]\nresolver = \"3\"\nmembers = [{}]\n",
        members.join(", ")
    );
    std::fs::write(work.join("Cargo.toml"), manifest).unwrap();
    std::fs::copy(root().join("Cargo.lock"), work.join("Cargo.lock")).unwrap();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    Command::new(cargo)
        .args(args)
        .current_dir(work)
        .env(
            "CARGO_TARGET_DIR",
            root().join("target/generated-check/target"),
        )
        .env_remove("RUSTFLAGS")
        .output()
        .expect("run the nested cargo")
}

pub fn tail(text: &str, lines: usize) -> String {
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}
