//! `cargo xtask model --json`: the assembled model on stdout and exit 0, or diagnostics with
//! file, line and column on stderr and exit 2.

use std::path::PathBuf;
use std::process::Command;

fn scratch(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("xtask-model-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn xtask(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn prints_the_assembled_model_of_idl_and_json_files() {
    let idl = scratch(
        "a.smithy",
        "$version: \"2\"\nnamespace ex\n\n/// Docs\nstructure A { b: B }\n",
    );
    let json = scratch(
        "b.json",
        r#"{"smithy":"2.0","shapes":{"ex#B":{"type":"string"}}}"#,
    );
    let out = xtask(&[
        "model",
        "--json",
        "--model",
        idl.to_str().unwrap(),
        "--model",
        json.to_str().unwrap(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let model: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(model["smithy"], "2.0");
    assert_eq!(model["shapes"]["ex#A"]["members"]["b"]["target"], "ex#B");
    assert_eq!(
        model["shapes"]["ex#A"]["traits"]["smithy.api#documentation"],
        "Docs"
    );
    assert_eq!(model["shapes"]["ex#B"]["type"], "string");
}

#[test]
fn syntax_errors_exit_2_with_position_line_and_caret() {
    let bad = scratch("bad.smithy", "namespace ex\nstructure A {\n  b String\n}\n");
    let out = xtask(&["model", "--json", "--model", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    let expected = format!(
        "{}:3:5: error: Expected COLON(':') but found IDENTIFIER('String')\n  b String\n    ^",
        bad.display()
    );
    assert!(stderr.contains(&expected), "{stderr}");
}

#[test]
fn semantic_errors_name_the_shape_and_every_one_is_reported() {
    let bad = scratch(
        "semantic.smithy",
        "$version: \"2\"\nnamespace ex\nstructure A { b: Missing }\n@unknownTrait\nstring S\n",
    );
    let out = xtask(&["model", "--json", "--model", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("[ex#A$b]") && stderr.contains("`ex#Missing`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("[ex#S]") && stderr.contains("ex#unknownTrait"),
        "{stderr}"
    );
}

#[test]
fn every_syntax_error_of_every_file_is_reported() {
    let first = scratch(
        "two-errors.smithy",
        "namespace ex\nstructure A {\n  b String\n}\n\nstring Ok\n\nstructure C { d: }\n",
    );
    let second = scratch("other.smithy", "namespace ex\nstring %\n");
    let out = xtask(&[
        "model",
        "--json",
        "--model",
        first.to_str().unwrap(),
        "--model",
        second.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    for position in [
        format!("{}:3:5:", first.display()),
        format!("{}:8:18:", first.display()),
        format!("{}:2:8:", second.display()),
    ] {
        assert!(stderr.contains(&position), "{position} missing:\n{stderr}");
    }
    assert!(stderr.contains("3 error(s)"), "{stderr}");
}
