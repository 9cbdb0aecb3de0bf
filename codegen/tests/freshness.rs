//! The committed crates are the snapshots: they must be exactly what the model generates
//! (rust-analyzer's "tidy" style), and generating must be deterministic.

use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn options(check: bool) -> codegen::Options {
    codegen::Options {
        check,
        model_label: "model/iot-managed-integrations.json".into(),
        tool: "cargo xtask codegen".into(),
        package: codegen::package::PackageSettings::workspace(),
        ..codegen::Options::new(
            root().join("model/iot-managed-integrations.json"),
            root().join("crates"),
        )
    }
}

#[test]
fn committed_crates_are_fresh() {
    let summary = codegen::generate(&options(true)).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        summary.written.is_empty() && summary.removed.is_empty(),
        "crates/ is stale; run `cargo xtask codegen`.\nstale: {:?}\nextra: {:?}",
        summary.written,
        summary.removed
    );
    assert!(summary.unchanged > 10);
}

#[test]
fn generating_twice_is_byte_identical() {
    let text = std::fs::read_to_string(root().join("model/iot-managed-integrations.json")).unwrap();
    let (_, first) = codegen::render_all(&text, "m").unwrap();
    let (_, second) = codegen::render_all(&text, "m").unwrap();
    assert_eq!(first, second);
}

#[test]
fn official_models_render_deterministically() {
    let path = root().join("tests/data/aws-models/iot-managed-integrations-2025-03-03.json");
    let text = std::fs::read_to_string(path).unwrap();
    let (service, first) = codegen::render_all(&text, "m").unwrap();
    let (_, second) = codegen::render_all(&text, "m").unwrap();
    assert_eq!(service.operations.len(), 83);
    assert_eq!(first, second);
}
