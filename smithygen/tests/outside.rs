//! The three ways to use smithygen, run from a directory outside this repository with the
//! built `smithygen` binary, and the results built by a nested cargo: the runtime crates
//! through `--runtime-path` (relative paths) and through a `[patch.crates-io]` of their
//! published names; no generated file names a machine path.
//!
//! The nested builds share `target/generated-check/target` with codegen's nested tests (same
//! copied Cargo.lock, so dependencies compile once).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use codegen::package::RUNTIME_CRATES;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .canonicalize()
        .unwrap()
}

/// A fresh directory under the system's temporary directory, never inside the checkout.
fn outside(name: &str) -> PathBuf {
    let dir = std::env::temp_dir()
        .canonicalize()
        .unwrap()
        .join(format!("smithygen-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    assert!(
        !dir.starts_with(root()),
        "{} is inside the checkout",
        dir.display()
    );
    dir
}

fn smithygen(dir: &Path, args: &[&str]) -> Output {
    let output = Command::new(env!("CARGO_BIN_EXE_smithygen"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "smithygen {args:?} failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// `cargo build` of `members` in a scratch workspace at `dir` (with `extra` manifest text).
fn cargo_build(dir: &Path, members: &[&str], extra: &str) {
    let members: Vec<String> = members.iter().map(|m| format!("{m:?}")).collect();
    let manifest = format!(
        "[workspace]\nresolver = \"3\"\nmembers = [{}]\n{extra}",
        members.join(", ")
    );
    std::fs::write(dir.join("Cargo.toml"), manifest).unwrap();
    std::fs::copy(root().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .args(["build", "--quiet", "--offline", "--all-targets"])
        .current_dir(dir)
        .env(
            "CARGO_TARGET_DIR",
            root().join("target/generated-check/target"),
        )
        .env_remove("RUSTFLAGS")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "nested cargo build in {} failed:\n{}",
        dir.display(),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The `[patch.crates-io]` that stands in for the published runtime crates: the ones in
/// `crates` (this checkout's `crates/` or a copy of it).
fn patch_runtime(crates: &Path) -> String {
    let mut patch = "\n[patch.crates-io]\n".to_string();
    for (name, dir) in RUNTIME_CRATES {
        let path = crates.join(dir).display().to_string();
        patch.push_str(&format!("{name} = {{ path = {path:?} }}\n"));
    }
    patch
}

/// Every file under `dir` is free of the checkout's path and of every directory above `tmp`
/// (the temporary directory's parent included).
fn assert_no_machine_path(dir: &Path, tmp: &Path) {
    let mut forbidden = vec![root().display().to_string()];
    forbidden.extend(
        tmp.ancestors()
            .filter(|a| a.parent().is_some())
            .map(|a| a.display().to_string()),
    );
    let mut files = 0;
    let mut pending = vec![dir.to_path_buf()];
    while let Some(path) = pending.pop() {
        if path.is_dir() {
            pending.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
            continue;
        }
        files += 1;
        let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
        for f in &forbidden {
            assert!(
                !text.contains(f.as_str()),
                "{} contains {f}",
                path.display()
            );
        }
    }
    assert!(files > 10, "only {files} files under {}", dir.display());
}

fn copy_model(dir: &Path) {
    std::fs::copy(
        root().join("model/iot-managed-integrations.json"),
        dir.join("service.json"),
    )
    .unwrap();
}

/// A copy of the runtime crates in `dir/vendor/smithygen` (as a vendored copy or a submodule
/// would be), returned as an absolute path.
fn vendor_runtime(dir: &Path) -> PathBuf {
    let vendor = dir.join("vendor/smithygen");
    for (_, name) in RUNTIME_CRATES {
        copy_dir(&root().join("crates").join(name), &vendor.join(name));
    }
    vendor
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

const CLIENT: &str = "iotmanagedintegrations-client";
const SERVER: &str = "iotmanagedintegrations-server";
const TYPES: &str = "iotmanagedintegrations-types";

/// Both ways share one temporary project and one copy of the runtime crates, so that the
/// nested builds compile the runtime once.
#[test]
fn command_and_smithy_build_json_outside_the_repository() {
    let tmp = outside("project");
    let vendor = vendor_runtime(&tmp);
    generate_command(&tmp.join("command"), &vendor);
    smithy_build_json(&tmp.join("smithy-build"), &vendor);
    std::fs::remove_dir_all(&tmp).unwrap();
}

/// `smithygen generate`: by a relative path and by version.
fn generate_command(tmp: &Path, vendor: &Path) {
    std::fs::create_dir_all(tmp).unwrap();
    copy_model(tmp);
    let runtime = vendor.to_str().unwrap();
    smithygen(
        tmp,
        &[
            "generate",
            "--model",
            "service.json",
            "--out",
            "by-path",
            "--client",
            "--server",
            "--types",
            "--runtime-path",
            runtime,
        ],
    );
    smithygen(
        tmp,
        &[
            "generate",
            "--model",
            "service.json",
            "--out",
            "by-version",
            "--client",
            "--server",
        ],
    );
    assert_no_machine_path(&tmp.join("by-path"), tmp);
    assert_no_machine_path(&tmp.join("by-version"), tmp);
    let manifest =
        std::fs::read_to_string(tmp.join("by-version").join(CLIENT).join("Cargo.toml")).unwrap();
    assert!(
        manifest.contains("\nsmithygen-client-runtime = \"0.1\"\n"),
        "{manifest}"
    );
    let manifest =
        std::fs::read_to_string(tmp.join("by-path").join(SERVER).join("Cargo.toml")).unwrap();
    assert!(
        manifest.contains(
            "\nsmithygen-server-runtime = { version = \"0.1\", path = \"../../../vendor/smithygen/server-runtime\" }\n"
        ),
        "{manifest}"
    );
    let by_path = [CLIENT, SERVER, TYPES].map(|c| format!("by-path/{c}"));
    let by_path: Vec<&str> = by_path.iter().map(String::as_str).collect();
    cargo_build(tmp, &by_path, "");
    std::fs::remove_file(tmp.join("Cargo.toml")).unwrap();
    let versioned = tmp.join("versioned");
    std::fs::create_dir(&versioned).unwrap();
    std::fs::rename(tmp.join("by-version"), versioned.join("gen")).unwrap();
    let members = [format!("gen/{CLIENT}"), format!("gen/{SERVER}")];
    let members: Vec<&str> = members.iter().map(String::as_str).collect();
    cargo_build(&versioned, &members, &patch_runtime(vendor));
}

/// `smithygen build`: two projections, one client and one server, smithy-rs-style settings.
fn smithy_build_json(tmp: &Path, runtime: &Path) {
    std::fs::create_dir_all(tmp).unwrap();
    copy_model(tmp);
    let config = serde_json::json!({
        "version": "1.0",
        "sources": ["service.json"],
        "maven": {"dependencies": ["software.amazon.smithy:smithy-aws-traits:1.50.0"]},
        "projections": {
            "client": {
                "plugins": {"rust-client-codegen": {
                    "service": "com.amazonaws.iotmanagedintegrations#IotManagedIntegrations",
                    "module": "iot-client",
                    "moduleVersion": "1.2.3",
                    "moduleDescription": "My IoT client",
                    "moduleAuthors": ["Ann <ann@example.com>"],
                    "moduleRepository": "https://example.com/iot",
                    "license": "MIT",
                    // Absolute here; written relative to the crate.
                    "runtimeConfig": {"relativePath": runtime},
                    "codegen": {"includeFluentClient": true},
                }}
            },
            "server": {
                "plugins": {"rust-server-codegen": {
                    "module": "iot-server",
                    "runtimeConfig": {"versions": {"DEFAULT": "0.1"}},
                    "examplesUri": "https://example.com",
                }}
            },
        },
    });
    std::fs::write(tmp.join("smithy-build.json"), config.to_string()).unwrap();
    let output = smithygen(tmp, &["build"]);
    let warnings = String::from_utf8_lossy(&output.stderr);
    for expected in [
        "warning: `maven` is ignored",
        "plugin `rust-client-codegen`: codegen setting `includeFluentClient` is not supported",
        "plugin `rust-server-codegen`: setting `examplesUri` is not supported",
    ] {
        assert!(
            warnings.contains(expected),
            "no `{expected}` in:\n{warnings}"
        );
    }
    let out = tmp.join("build/smithy");
    let client =
        std::fs::read_to_string(out.join("client/rust-client-codegen/Cargo.toml")).unwrap();
    for line in [
        "name = \"iot-client\"",
        "version = \"1.2.3\"",
        "authors = [\"Ann <ann@example.com>\"]",
        "description = \"My IoT client\"",
        "license = \"MIT\"",
        "repository = \"https://example.com/iot\"",
    ] {
        assert!(client.contains(line), "no `{line}` in:\n{client}");
    }
    let server =
        std::fs::read_to_string(out.join("server/rust-server-codegen/Cargo.toml")).unwrap();
    assert!(
        server.contains("smithygen-server-runtime = \"0.1\""),
        "{server}"
    );
    assert!(
        client.contains("path = \"../../../../../vendor/smithygen/client-runtime\""),
        "{client}"
    );
    assert_no_machine_path(&out, tmp);
    cargo_build(
        tmp,
        &[
            "build/smithy/client/rust-client-codegen",
            "build/smithy/server/rust-server-codegen",
        ],
        &patch_runtime(runtime),
    );
}
