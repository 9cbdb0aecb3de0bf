//! The command's contract on bad input: exit status 2 and a message naming the problem
//! (shape id and member for a broken model), nothing written; `--check` exits 1 when stale.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_smithygen"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("smithygen-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn a_broken_model_exits_2_naming_shape_and_member() {
    let dir = scratch("broken");
    std::fs::write(
        dir.join("broken.smithy"),
        "$version: \"2\"\nnamespace a\n\nservice S { operations: [Op] }\n\noperation Op {\n    input := { name: Missing }\n}\n",
    )
    .unwrap();
    for command in ["check", "generate"] {
        let output = run(
            &dir,
            &[command, "--model", "broken.smithy", "--out", "gen"]
                [..if command == "check" { 3 } else { 5 }],
        );
        assert_eq!(
            output.status.code(),
            Some(2),
            "{command}: {}",
            stderr(&output)
        );
        let message = stderr(&output);
        assert!(message.contains("a#OpInput$name"), "{command}: {message}");
        assert!(
            message.contains("error(s); nothing was generated"),
            "{message}"
        );
    }
    assert!(!dir.join("gen").exists(), "a broken model wrote files");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn usage_mistakes_exit_2() {
    let dir = scratch("usage");
    for (args, expected) in [
        (&["generate", "--out", "x"][..], "--model PATH is required"),
        (&["frobnicate"][..], "unknown command `frobnicate`"),
        (
            &["check", "--model", "m.json", "--verbose"][..],
            "unknown option `--verbose`",
        ),
        (&["check", "--model", "missing.json"][..], "missing.json"),
        (
            &["build", "--config", "none.json"][..],
            "cannot read none.json",
        ),
    ] {
        let output = run(&dir, args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&output).contains(expected),
            "{args:?}: {}",
            stderr(&output)
        );
    }
    let help = run(&dir, &["generate", "--help"]);
    assert!(help.status.success());
    assert!(String::from_utf8_lossy(&help.stdout).contains("--runtime-path DIR"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn check_mode_exits_1_when_stale_and_0_when_fresh() {
    let dir = scratch("stale");
    let model =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../model/iot-managed-integrations.json");
    std::fs::copy(model, dir.join("m.json")).unwrap();
    let generate = ["generate", "--model", "m.json", "--out", "gen", "--types"];
    let check = [&generate[..], &["--check"]].concat();
    assert_eq!(
        run(&dir, &check).status.code(),
        Some(1),
        "nothing generated yet"
    );
    assert!(run(&dir, &generate).status.success());
    assert_eq!(run(&dir, &check).status.code(), Some(0));
    let lib = dir.join("gen/iotmanagedintegrations-types/src/lib.rs");
    std::fs::write(&lib, "// edited\n").unwrap();
    let output = run(&dir, &check);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&output.stdout)
            .contains("stale: gen/iotmanagedintegrations-types/src/lib.rs")
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
