//! `smithy-build.json`: the Smithy build file, read the way the Smithy CLI and smithy-rs read
//! it, turned into one generation job per projection and plugin.
//!
//! Supported: `version`, `outputDirectory`, `sources`, `imports`, top-level `plugins` (run for
//! the `source` projection and every other one), `projections` with their own `imports`,
//! `plugins` and `abstract`; the `rust-client-codegen` and `rust-server-codegen` plugins with
//! smithy-rs' settings `service`, `module`, `moduleVersion`, `moduleDescription`,
//! `moduleAuthors`, `moduleRepository`, `license`, `runtimeConfig` (`relativePath`,
//! `versions`) and `codegen.typesOnly`. Everything else is named in a warning; `maven` is
//! ignored with a note (no JVM, no Maven: models are read from the listed files).

use std::path::{Path, PathBuf};

use codegen::package::{PackageSettings, RUNTIME_VERSION, Runtime};
use serde_json::{Map, Value};

use crate::Kind;

/// One crate to write.
#[derive(Debug, Clone, PartialEq)]
pub struct Job {
    pub projection: String,
    pub plugin: String,
    pub kind: Kind,
    pub models: Vec<PathBuf>,
    pub service: Option<String>,
    /// `<outputDirectory>/<projection>/<plugin>`: the crate's own directory.
    pub out_dir: PathBuf,
    pub package: PackageSettings,
    /// An absolute `runtimeConfig.relativePath`, written relative to the crate.
    pub runtime_dir: Option<PathBuf>,
}

/// What a build file asks for.
#[derive(Debug, Default)]
pub struct Plan {
    pub jobs: Vec<Job>,
    pub warnings: Vec<String>,
}

const CLIENT_PLUGIN: &str = "rust-client-codegen";
const SERVER_PLUGIN: &str = "rust-server-codegen";

/// Reads the build file at `config`; paths in it are relative to its directory.
/// `output` replaces `outputDirectory`.
pub fn plan(config: &Path, output: Option<&Path>) -> Result<Plan, String> {
    let text = std::fs::read_to_string(config)
        .map_err(|e| format!("cannot read {}: {e}", config.display()))?;
    let value: Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: not JSON: {e}", config.display()))?;
    let base = config.parent().unwrap_or(Path::new("."));
    let root = object(&value, "smithy-build.json")?;
    let mut plan = Plan::default();
    let warn = &mut plan.warnings;
    for key in root.keys() {
        match key.as_str() {
            "version" | "sources" | "imports" | "outputDirectory" | "projections" | "plugins" => {}
            "maven" => warn.push(
                "`maven` is ignored: smithygen needs no JVM and reads only the listed model files"
                    .into(),
            ),
            other => warn.push(format!(
                "smithy-build.json: `{other}` is not supported; ignored"
            )),
        }
    }
    if let Some(v) = root.get("version").and_then(Value::as_str)
        && !matches!(v, "1.0" | "2.0")
    {
        return Err(format!("smithy-build.json: unknown version `{v}`"));
    }
    let out_root = match output {
        Some(dir) => dir.to_path_buf(),
        None => base.join(
            root.get("outputDirectory")
                .and_then(Value::as_str)
                .unwrap_or("build/smithy"),
        ),
    };
    let mut models = paths(root, "sources", base)?;
    models.extend(paths(root, "imports", base)?);
    let shared = root
        .get("plugins")
        .map(|p| object(p, "plugins"))
        .transpose()?;
    let mut projections: Vec<(String, Option<&Map<String, Value>>)> = vec![("source".into(), None)];
    if let Some(p) = root.get("projections") {
        for (name, body) in object(p, "projections")? {
            if name == "source" {
                return Err("projection name `source` is reserved".into());
            }
            projections.push((name.clone(), Some(object(body, name)?)));
        }
    }
    for (name, projection) in projections {
        let mut inputs = models.clone();
        let mut plugins: Vec<(&String, &Value)> = shared.iter().flat_map(|m| m.iter()).collect();
        if let Some(p) = projection {
            if p.get("abstract").and_then(Value::as_bool) == Some(true) {
                continue;
            }
            for key in p.keys() {
                match key.as_str() {
                    "imports" | "plugins" | "abstract" => {}
                    "transforms" if p[key].as_array().is_some_and(Vec::is_empty) => {}
                    other => warn.push(format!(
                        "projection `{name}`: `{other}` is not supported; built without it"
                    )),
                }
            }
            inputs.extend(paths(p, "imports", base)?);
            if let Some(own) = p.get("plugins") {
                plugins.extend(object(own, "plugins")?.iter());
            }
        }
        for (plugin, settings) in plugins {
            let kind = match plugin.as_str() {
                CLIENT_PLUGIN => Kind::Client,
                SERVER_PLUGIN => Kind::Server,
                other => {
                    warn.push(format!(
                        "projection `{name}`: plugin `{other}` is not supported; skipped"
                    ));
                    continue;
                }
            };
            let context = format!("projection `{name}`, plugin `{plugin}`");
            let mut job = job(settings, kind, &context, warn)?;
            job.projection = name.clone();
            job.plugin = plugin.clone();
            job.models = inputs.clone();
            job.out_dir = out_root.join(&name).join(plugin);
            plan.jobs.push(job);
        }
    }
    Ok(plan)
}

/// A plugin's settings as a job (projection, plugin, models and directory left to the caller).
fn job(settings: &Value, kind: Kind, context: &str, warn: &mut Vec<String>) -> Result<Job, String> {
    let settings = object(settings, context)?;
    let mut package = PackageSettings::default();
    let mut job = Job {
        projection: String::new(),
        plugin: String::new(),
        kind,
        models: Vec::new(),
        service: None,
        out_dir: PathBuf::new(),
        package: PackageSettings::default(),
        runtime_dir: None,
    };
    for (key, value) in settings {
        let text = || string(value, context, key);
        match key.as_str() {
            "service" => job.service = Some(text()?),
            "module" => package.name = Some(text()?),
            "moduleVersion" => package.version = text()?,
            "moduleDescription" => package.description = Some(text()?),
            "moduleRepository" => package.repository = Some(text()?),
            "license" => package.license = Some(text()?),
            "moduleAuthors" => {
                package.authors = value
                    .as_array()
                    .and_then(|a| a.iter().map(|v| v.as_str().map(String::from)).collect())
                    .ok_or_else(|| {
                        format!("{context}: `moduleAuthors` must be a list of strings")
                    })?
            }
            "runtimeConfig" => runtime_config(value, kind, context, warn, &mut package, &mut job)?,
            "codegen" => {
                for (name, v) in object(value, context)? {
                    match (name.as_str(), v.as_bool()) {
                        ("typesOnly", Some(true)) => job.kind = Kind::Types,
                        ("typesOnly", Some(false)) => {}
                        (other, _) => warn.push(format!(
                            "{context}: codegen setting `{other}` is not supported; ignored"
                        )),
                    }
                }
            }
            other => warn.push(format!(
                "{context}: setting `{other}` is not supported; ignored"
            )),
        }
    }
    job.package = package;
    Ok(job)
}

/// `runtimeConfig`: `relativePath` as smithy-rs writes it (relative to the generated crate;
/// an absolute one is made relative), or `versions` of the runtime crates (`DEFAULT` or the
/// crate's name).
fn runtime_config(
    value: &Value,
    kind: Kind,
    context: &str,
    warn: &mut Vec<String>,
    package: &mut PackageSettings,
    job: &mut Job,
) -> Result<(), String> {
    let config = object(value, context)?;
    let runtime_crate = kind.runtime_crate();
    for (key, v) in config {
        match key.as_str() {
            "relativePath" => {
                let path = string(v, context, key)?;
                if Path::new(&path).is_absolute() {
                    job.runtime_dir = Some(PathBuf::from(path));
                } else {
                    package.runtime = Runtime::Path(path);
                }
            }
            "versions" => {
                for (name, version) in object(v, context)? {
                    let version = string(version, context, name)?;
                    if name == "DEFAULT" || name == runtime_crate {
                        if !matches!(package.runtime, Runtime::Path(_)) {
                            package.runtime = Runtime::Version(version);
                        }
                    } else {
                        warn.push(format!(
                            "{context}: runtimeConfig version of `{name}` is ignored (only `{runtime_crate}` or `DEFAULT`)"
                        ));
                    }
                }
            }
            other => warn.push(format!(
                "{context}: runtimeConfig `{other}` is not supported; ignored"
            )),
        }
    }
    if config.contains_key("relativePath") && config.contains_key("versions") {
        warn.push(format!(
            "{context}: runtimeConfig has `relativePath` and `versions`; the path wins (at version {RUNTIME_VERSION})"
        ));
    }
    Ok(())
}

fn object<'a>(value: &'a Value, what: &str) -> Result<&'a Map<String, Value>, String> {
    value
        .as_object()
        .ok_or_else(|| format!("{what}: expected a JSON object"))
}

fn string(value: &Value, context: &str, key: &str) -> Result<String, String> {
    value
        .as_str()
        .map(String::from)
        .ok_or_else(|| format!("{context}: `{key}` must be a string"))
}

/// A list of paths under `key`, relative to `base`.
fn paths(map: &Map<String, Value>, key: &str, base: &Path) -> Result<Vec<PathBuf>, String> {
    let Some(value) = map.get(key) else {
        return Ok(Vec::new());
    };
    value
        .as_array()
        .and_then(|a| a.iter().map(|v| v.as_str().map(|s| base.join(s))).collect())
        .ok_or_else(|| format!("`{key}` must be a list of paths"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plan of `config` written to a fresh directory.
    fn plan_of(name: &str, config: serde_json::Value) -> Result<Plan, String> {
        let dir =
            std::env::temp_dir().join(format!("smithygen-plan-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("smithy-build.json");
        std::fs::write(&file, config.to_string()).unwrap();
        let plan = super::plan(&file, None).map(|mut p| {
            for job in &mut p.jobs {
                job.out_dir = job.out_dir.strip_prefix(&dir).unwrap().to_path_buf();
                job.models = job
                    .models
                    .iter()
                    .map(|m| m.strip_prefix(&dir).unwrap().to_path_buf())
                    .collect();
            }
            p
        });
        std::fs::remove_dir_all(&dir).unwrap();
        plan
    }

    #[test]
    fn projections_inherit_sources_and_top_level_plugins() {
        let plan = plan_of(
            "layout",
            serde_json::json!({
                "version": "1.0",
                "sources": ["model"],
                "imports": ["common.json"],
                "outputDirectory": "out",
                "plugins": {"rust-client-codegen": {"runtimeConfig": {"relativePath": "../rt"}}},
                "projections": {
                    "base": {"abstract": true},
                    "srv": {
                        "imports": ["extra.smithy"],
                        "plugins": {"rust-server-codegen": {
                            "codegen": {"typesOnly": true},
                            "runtimeConfig": {"versions": {"DEFAULT": "0.2", "aws-smithy-types": "1"}}
                        }}
                    }
                }
            }),
        )
        .unwrap();
        let summary: Vec<(String, String, Kind, PathBuf, usize)> = plan
            .jobs
            .iter()
            .map(|j| {
                let kind = j.kind;
                (
                    j.projection.clone(),
                    j.plugin.clone(),
                    kind,
                    j.out_dir.clone(),
                    j.models.len(),
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                (
                    "source".into(),
                    CLIENT_PLUGIN.into(),
                    Kind::Client,
                    "out/source/rust-client-codegen".into(),
                    2
                ),
                (
                    "srv".into(),
                    CLIENT_PLUGIN.into(),
                    Kind::Client,
                    "out/srv/rust-client-codegen".into(),
                    3
                ),
                (
                    "srv".into(),
                    SERVER_PLUGIN.into(),
                    Kind::Types,
                    "out/srv/rust-server-codegen".into(),
                    3
                ),
            ]
        );
        assert_eq!(plan.jobs[0].package.runtime, Runtime::Path("../rt".into()));
        assert_eq!(plan.jobs[2].package.runtime, Runtime::Version("0.2".into()));
        assert_eq!(
            plan.warnings,
            [
                "projection `srv`, plugin `rust-server-codegen`: runtimeConfig version of `aws-smithy-types` is ignored (only `smithygen-server-runtime` or `DEFAULT`)"
            ]
        );
    }

    #[test]
    fn unsupported_settings_are_named() {
        let plan = plan_of(
            "warnings",
            serde_json::json!({
                "maven": {},
                "ignoreMissingPlugins": true,
                "projections": {"p": {
                    "transforms": [{"name": "excludeShapesByTag", "args": {"tags": ["internal"]}}],
                    "plugins": {
                        "openapi": {},
                        "rust-client-codegen": {"examplesUri": "x", "codegen": {"debugMode": true}}
                    }
                }}
            }),
        )
        .unwrap();
        assert_eq!(
            plan.warnings,
            [
                "smithy-build.json: `ignoreMissingPlugins` is not supported; ignored",
                "`maven` is ignored: smithygen needs no JVM and reads only the listed model files",
                "projection `p`: `transforms` is not supported; built without it",
                "projection `p`: plugin `openapi` is not supported; skipped",
                "projection `p`, plugin `rust-client-codegen`: codegen setting `debugMode` is not supported; ignored",
                "projection `p`, plugin `rust-client-codegen`: setting `examplesUri` is not supported; ignored",
            ]
        );
        assert_eq!(plan.jobs.len(), 1);
    }

    #[test]
    fn wrong_types_are_errors() {
        let err = |config| plan_of("errors", config).unwrap_err();
        assert_eq!(
            err(serde_json::json!({"plugins": {"rust-client-codegen": {"moduleAuthors": "me"}}})),
            "projection `source`, plugin `rust-client-codegen`: `moduleAuthors` must be a list of strings"
        );
        assert_eq!(
            err(serde_json::json!({"version": "3.0"})),
            "smithy-build.json: unknown version `3.0`"
        );
        assert_eq!(
            err(serde_json::json!({"sources": "model"})),
            "`sources` must be a list of paths"
        );
    }
}
