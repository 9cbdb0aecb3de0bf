//! Generated crates compile warning-free (clippy, `-D warnings`) for models beyond the spec:
//! the naming obstacle course, an IDL model (`weather.smithy`) and every official model in tests/data/aws-models, each with its
//! client, server and round-trip test crate (paginators and host prefixes included).
//!
//! Each test generates into a scratch workspace under `target/generated-check/` (see
//! `common`).

mod common;

use std::path::PathBuf;

use common::{aws_model, tail, test_model};

/// Generates every model into one scratch workspace and runs clippy over all of it.
fn generate_and_clippy(name: &str, models: &[PathBuf]) {
    let work = common::scratch(name);
    let mut members = Vec::new();
    for model in models {
        // The round-trip test crate (`--roundtrip`) must be clippy-clean for every model too.
        members.extend(common::generate(&work, model, true));
    }
    let output = common::cargo(
        &work,
        &members,
        &["clippy", "--quiet", "--all-targets", "--", "-D", "warnings"],
    );
    assert!(
        output.status.success(),
        "generated code for {name} does not build cleanly:\n{}",
        tail(&String::from_utf8_lossy(&output.stderr), 80)
    );
}

#[test]
fn naming_obstacle_course_compiles() {
    generate_and_clippy(
        "obstacle-course",
        &[
            test_model("obstacle-course.json"),
            test_model("pages.json"),
            test_model("corpus-regressions.json"),
            test_model("weather.smithy"),
        ],
    );
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
    generate_and_clippy("official", &models.map(aws_model));
}
