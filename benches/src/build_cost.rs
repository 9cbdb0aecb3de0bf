//! P1/P2 (`--build`, slow): a one-call binary on our whole-service client versus the same
//! program on the official crate. Both are cold release builds in fresh target directories,
//! from the same registry cache (fetched beforehand, builds run `--offline`), interleaved.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// The program both binaries compile; `CRATE` is replaced by the client crate's name.
const MAIN_RS: &str = r#"use CRATE as sdk;

#[tokio::main]
async fn main() {
    let endpoint = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "http://127.0.0.1:9".to_string());
    let config = sdk::Config::builder()
        .behavior_version(sdk::config::BehaviorVersion::latest())
        .region(sdk::config::Region::new("us-east-1"))
        .endpoint_url(endpoint)
        .credentials_provider(sdk::config::Credentials::new("AKID", "SECRET", None, None, "app"))
        .build();
    let client = sdk::Client::from_conf(config);
    let out = client
        .create_event_log_configuration()
        .resource_type("managed-thing")
        .event_log_level(sdk::types::LogLevel::Debug)
        .send()
        .await;
    println!("{out:?}");
}
"#;

/// One interleaved pair.
#[derive(Debug, Clone, Copy)]
pub struct Pair {
    pub ours_build: Duration,
    pub official_build: Duration,
    pub ours_bytes: u64,
    pub official_bytes: u64,
}

/// The two app crates, generated under `dir`.
pub struct Apps {
    pub ours: PathBuf,
    pub official: PathBuf,
}

/// Generates the whole-service client from `model` (what `cargo xtask codegen --model MODEL
/// --out DIR` does) and writes the two app crates.
pub fn prepare(root: &Path, model: &Path, dir: &Path) -> Result<Apps, String> {
    let gen_dir = dir.join("gen");
    let options = codegen::Options {
        runtime_dir: Some(root.join("crates")),
        ..codegen::Options::new(model, &gen_dir)
    };
    codegen::generate(&options).map_err(|e| format!("codegen: {e}"))?;
    let client_dir = gen_dir.join("iotmanagedintegrations-client");
    let ours = write_app(
        dir,
        "app-ours",
        "iotmanagedintegrations_client",
        &format!(
            "iotmanagedintegrations-client = {{ path = {:?} }}",
            client_dir.display().to_string()
        ),
    )?;
    let official = write_app(
        dir,
        "app-official",
        "aws_sdk_iotmanagedintegrations",
        // What `cargo add aws-sdk-iotmanagedintegrations` gives: default features.
        "aws-sdk-iotmanagedintegrations = \"1.64\"",
    )?;
    for app in [&ours, &official] {
        // Resolution and downloads happen here, untimed; the timed builds run --offline.
        cargo(app, &["generate-lockfile"], None)?;
        cargo(app, &["fetch"], None)?;
    }
    Ok(Apps { ours, official })
}

fn write_app(dir: &Path, name: &str, krate: &str, dependency: &str) -> Result<PathBuf, String> {
    let app = dir.join(name);
    std::fs::create_dir_all(app.join("src")).map_err(|e| e.to_string())?;
    let manifest = format!(
        "[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\n\n\
         # Not part of the smithygen workspace.\n[workspace]\n\n[dependencies]\n{dependency}\n\
         tokio = {{ version = \"1\", features = [\"macros\", \"rt-multi-thread\"] }}\n"
    );
    std::fs::write(app.join("Cargo.toml"), manifest).map_err(|e| e.to_string())?;
    std::fs::write(app.join("src/main.rs"), MAIN_RS.replace("CRATE", krate))
        .map_err(|e| e.to_string())?;
    Ok(app)
}

fn cargo(app: &Path, args: &[&str], target_dir: Option<&Path>) -> Result<(), String> {
    let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cmd.args(args)
        .current_dir(app)
        .env_remove("CARGO_TARGET_DIR");
    if let Some(t) = target_dir {
        cmd.env("CARGO_TARGET_DIR", t);
    }
    let out = cmd.output().map_err(|e| format!("cargo: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "cargo {} in {}: {}",
            args.join(" "),
            app.display(),
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

/// One cold release build of `app` in the fresh `target`; returns the build time and the
/// size of the stripped binary. The target directory is removed afterwards.
pub fn build_once(app: &Path, target: &Path) -> Result<(Duration, u64), String> {
    let _ = std::fs::remove_dir_all(target);
    let started = Instant::now();
    cargo(app, &["build", "--release", "--offline"], Some(target))?;
    let elapsed = started.elapsed();
    let name = app
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let binary = target.join("release").join(&name);
    let stripped = target.join(format!("{name}.stripped"));
    let status = Command::new("strip")
        .arg("-o")
        .arg(&stripped)
        .arg(&binary)
        .status()
        .map_err(|e| format!("strip: {e}"))?;
    if !status.success() {
        return Err(format!("strip {} failed", binary.display()));
    }
    let bytes = std::fs::metadata(&stripped)
        .map_err(|e| e.to_string())?
        .len();
    let _ = std::fs::remove_dir_all(target);
    Ok((elapsed, bytes))
}

/// `runs` interleaved pairs (ours, official, ours, official, ...).
pub fn run(apps: &Apps, dir: &Path, runs: usize, log: impl Fn(&str)) -> Result<Vec<Pair>, String> {
    let mut pairs = Vec::new();
    for i in 0..runs {
        let (ours_build, ours_bytes) = build_once(&apps.ours, &dir.join("target-ours"))?;
        log(&format!(
            "  build {}/{runs}: ours {:.1} s, {} bytes",
            i + 1,
            ours_build.as_secs_f64(),
            ours_bytes
        ));
        let (official_build, official_bytes) =
            build_once(&apps.official, &dir.join("target-official"))?;
        log(&format!(
            "  build {}/{runs}: official {:.1} s, {} bytes",
            i + 1,
            official_build.as_secs_f64(),
            official_bytes
        ));
        pairs.push(Pair {
            ours_build,
            official_build,
            ours_bytes,
            official_bytes,
        });
    }
    Ok(pairs)
}
