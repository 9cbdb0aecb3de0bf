//! The runtime crates generated code depends on are publishable and relocatable: they inherit
//! nothing from this workspace (a copy of `crates/` builds inside any other workspace) and
//! `cargo package --list` accepts each of them.

use std::path::Path;
use std::process::Command;

use codegen::package::RUNTIME_CRATES;

#[test]
fn runtime_crates_are_self_contained_and_package() {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("../crates");
    let mut all: Vec<(&str, &str)> = RUNTIME_CRATES.to_vec();
    all.push(("smithygen-in-process", "in-process"));
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    for (name, dir) in all {
        let manifest = std::fs::read_to_string(crates.join(dir).join("Cargo.toml")).unwrap();
        let inherited: Vec<&str> = manifest
            .lines()
            .filter(|l| l.contains(".workspace") || l.contains("workspace = true"))
            .collect();
        assert!(
            inherited.is_empty(),
            "{dir}/Cargo.toml inherits from the workspace: {inherited:?}"
        );
        for field in [
            "description",
            "license",
            "repository",
            "rust-version",
            "documentation",
        ] {
            assert!(
                manifest
                    .lines()
                    .any(|l| l.starts_with(&format!("{field} ="))),
                "{dir}/Cargo.toml has no {field}"
            );
        }
        let output = Command::new(&cargo)
            .args([
                "package",
                "--no-verify",
                "--list",
                "--allow-dirty",
                "--offline",
                "-p",
                name,
            ])
            .output()
            .unwrap();
        let listed = String::from_utf8_lossy(&output.stdout);
        assert!(
            output.status.success() && listed.lines().any(|l| l == "src/lib.rs"),
            "cargo package --list -p {name}:\n{listed}\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}
