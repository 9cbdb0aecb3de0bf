//! What goes in a generated crate's `Cargo.toml` besides its code dependencies: the `[package]`
//! table the user asks for (smithy-rs names it `module`, `moduleVersion`, `moduleDescription`,
//! `moduleAuthors`, `moduleRepository`, `license`) and how the runtime crates are found.
//!
//! Nothing here may put a machine's path in a generated file: the runtime is referenced by
//! version, as published, or by a path relative to the generated crate.

use std::path::{Component, Path, PathBuf};

/// The version of the runtime crates (`smithygen-client-runtime`, ...) generated code needs.
pub const RUNTIME_VERSION: &str = "0.1";

/// The runtime crates as published (package name) and their directory in this repository's
/// `crates/` (what `--runtime-path` points at).
pub const RUNTIME_CRATES: [(&str, &str); 4] = [
    ("smithygen-client-runtime", "client-runtime"),
    ("smithygen-server-runtime", "server-runtime"),
    ("smithygen-validation", "validation"),
    ("smithygen-text", "text"),
];

/// How a generated crate depends on the runtime crates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Runtime {
    /// By name and version, as published: `smithygen-client-runtime = "0.1"`.
    Version(String),
    /// By path: the directory holding `client-runtime/`, `server-runtime/`, ... (this
    /// repository's `crates/`), relative to the generated crate (`..` in this workspace).
    Path(String),
}

/// The package settings of one generated crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackageSettings {
    /// The package name (`module`); `None` is `<service>-client` / `-server` / `-types`.
    pub name: Option<String>,
    /// `moduleVersion`.
    pub version: String,
    /// `moduleDescription`; `None` describes the service.
    pub description: Option<String>,
    /// `moduleAuthors`.
    pub authors: Vec<String>,
    /// `moduleRepository`.
    pub repository: Option<String>,
    /// `license` (an SPDX expression).
    pub license: Option<String>,
    /// `false` writes `publish = false`.
    pub publish: bool,
    pub runtime: Runtime,
}

impl Default for PackageSettings {
    /// What a new user gets: version 0.1.0, the runtime from crates.io by version.
    fn default() -> Self {
        PackageSettings {
            name: None,
            version: "0.1.0".into(),
            description: None,
            authors: Vec::new(),
            repository: None,
            license: None,
            publish: true,
            runtime: Runtime::Version(RUNTIME_VERSION.into()),
        }
    }
}

impl PackageSettings {
    /// The crates this workspace commits under `crates/`: next to the runtime crates,
    /// Apache-2.0, not published.
    pub fn workspace() -> Self {
        PackageSettings {
            license: Some("Apache-2.0".into()),
            publish: false,
            runtime: Runtime::Path("..".into()),
            ..PackageSettings::default()
        }
    }

    /// The dependency line for the runtime crate `package` that lives in `dir` of the runtime
    /// directory (`smithygen-client-runtime`, `client-runtime`).
    pub fn runtime_dependency(&self, package: &str, dir: &str) -> String {
        match &self.runtime {
            Runtime::Version(version) => format!("{package} = {}", toml_str(version)),
            Runtime::Path(root) => format!(
                "{package} = {{ version = {}, path = {} }}",
                toml_str(RUNTIME_VERSION),
                toml_str(&format!("{}/{dir}", root.trim_end_matches('/')))
            ),
        }
    }

    /// The `[package]` view of a crate named `default_name` unless the settings name it.
    pub fn manifest(&self, default_name: &str, default_description: &str) -> Manifest {
        Manifest {
            name: toml_str(self.name.as_deref().unwrap_or(default_name)),
            version: toml_str(&self.version),
            description: toml_str(self.description.as_deref().unwrap_or(default_description)),
            authors: (!self.authors.is_empty()).then(|| {
                let quoted: Vec<String> = self.authors.iter().map(|a| toml_str(a)).collect();
                format!("[{}]", quoted.join(", "))
            }),
            license: self.license.as_deref().map(toml_str),
            repository: self.repository.as_deref().map(toml_str),
            publish: self.publish,
        }
    }
}

/// The `[package]` table as `templates/package.toml` writes it: every value already a TOML
/// literal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Manifest {
    pub name: String,
    pub version: String,
    pub description: String,
    pub authors: Option<String>,
    pub license: Option<String>,
    pub repository: Option<String>,
    pub publish: bool,
}

/// A TOML basic string: quotes, backslashes and control characters escaped.
pub fn toml_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `to` written relative to the directory `from` (`../../vendor`), for a `path` in Cargo.toml.
/// Both are made absolute first, symlinks in their existing parts resolved, so the answer does
/// not depend on the current directory; `None` when they share no root (other drives).
pub fn relative_path(from: &Path, to: &Path) -> Option<String> {
    let (from, to) = (resolved(from).ok()?, resolved(to).ok()?);
    let (a, b): (Vec<Component>, Vec<Component>) =
        (from.components().collect(), to.components().collect());
    if a.first() != b.first() {
        return None;
    }
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let mut parts: Vec<String> = vec!["..".to_string(); a.len() - common];
    parts.extend(
        b[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    Some(if parts.is_empty() {
        ".".into()
    } else {
        parts.join("/")
    })
}

/// `path` absolute and normalized: `.` and `..` applied in order and every existing prefix
/// canonicalized (symlinks resolved, as the file system would).
fn resolved(path: &Path) -> std::io::Result<PathBuf> {
    let mut out = PathBuf::new();
    for c in std::path::absolute(path)?.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => {
                out.push(other);
                if let Ok(real) = out.canonicalize() {
                    out = real;
                }
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runtime_by_version_or_relative_path() {
        let published = PackageSettings::default();
        assert_eq!(
            published.runtime_dependency("smithygen-client-runtime", "client-runtime"),
            r#"smithygen-client-runtime = "0.1""#
        );
        let local = PackageSettings {
            runtime: Runtime::Path("../../vendor/".into()),
            ..PackageSettings::default()
        };
        assert_eq!(
            local.runtime_dependency("smithygen-server-runtime", "server-runtime"),
            r#"smithygen-server-runtime = { version = "0.1", path = "../../vendor/server-runtime" }"#
        );
    }

    #[test]
    fn manifest_quotes_user_values() {
        let settings = PackageSettings {
            name: Some("weather".into()),
            authors: vec!["A \"B\" <a@b.c>".into(), "D".into()],
            description: Some("line\none".into()),
            ..PackageSettings::default()
        };
        let m = settings.manifest("x-client", "unused");
        assert_eq!(m.name, r#""weather""#);
        assert_eq!(m.authors.as_deref(), Some(r#"["A \"B\" <a@b.c>", "D"]"#));
        assert_eq!(m.description, r#""line\none""#);
        assert_eq!(m.license, None);
        assert_eq!(toml_str("\u{1}"), r#""\u0001""#);
    }

    #[test]
    fn relative_paths_between_directories() {
        let root = std::env::temp_dir().join("smithygen-relative-test");
        let out = root.join("app/gen/x-client");
        let runtime = root.join("vendor/./crates");
        assert_eq!(
            relative_path(&out, &runtime).as_deref(),
            Some("../../../vendor/crates")
        );
        assert_eq!(relative_path(&out, &out.join("..")).as_deref(), Some(".."));
        assert_eq!(relative_path(&runtime, &runtime).as_deref(), Some("."));
    }
}
