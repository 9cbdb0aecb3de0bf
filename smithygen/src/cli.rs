//! The command line: arguments into [`Command`]s, and the help texts.

use std::path::PathBuf;

use codegen::package::{PackageSettings, Runtime};
use smithygen::Kind;

pub const HELP: &str = "\
smithygen: Smithy models in, Rust client, server and types crates out

Usage: smithygen <COMMAND> [OPTIONS]

Commands:
  generate  Generate crates from model files
  build     Build every projection of a smithy-build.json
  check     Validate model files, generate nothing
  model     Print the merged model (`--json`: its JSON AST)
  help      Print this help, or a command's (`smithygen help generate`)

Exit status: 0 done, 1 `--check` found stale files, 2 bad arguments or a broken model.
";

pub const GENERATE_HELP: &str = "\
Generate crates from model files

Usage: smithygen generate --model PATH... --out DIR [OPTIONS]

Options:
  --model PATH...            Model files (.json JSON AST, .smithy IDL) or folders of them
  --out DIR                  Receives one crate folder per kind (`<service>-client/`, ...)
  --client, --server, --types
                             The crates to generate (default: --client --server);
                             --types: the shapes only (builders, constraints, serde)
  --service ID               The service to generate when the model has several
  --runtime-path DIR         Depend on the runtime crates in DIR (this repository's crates/)
                             by a path relative to each crate (default: by version, \"0.1\")
  --runtime-version VERSION  The runtime crates' version requirement (default \"0.1\")
  --module NAME              Package name (needs exactly one kind)
  --module-version VERSION   Package version (default 0.1.0)
  --module-description TEXT  Package description
  --module-author NAME       Package author (repeatable)
  --module-repository URL    Package repository
  --license SPDX             Package license
  --check                    Write nothing; exit 1 when a file would change
  -h, --help                 Print this help
";

pub const BUILD_HELP: &str = "\
Build every projection of a smithy-build.json

Usage: smithygen build [--config FILE] [OPTIONS]

Writes <outputDirectory>/<projection>/<plugin>/ for each `rust-client-codegen` and
`rust-server-codegen` plugin, as the Smithy CLI with smithy-rs does. Settings smithygen does
not support are named in a warning.

Options:
  --config FILE        The build file (default: smithy-build.json)
  --output DIR         Replaces `outputDirectory` (default: build/smithy next to the file)
  --runtime-path DIR   Depend on the runtime crates in DIR by relative paths
  --check              Write nothing; exit 1 when a file would change
  -h, --help           Print this help
";

pub const CHECK_HELP: &str = "\
Validate model files, generate nothing

Usage: smithygen check --model PATH... [--service ID]

Prints every problem (shape id and member) and exits 2 when there is one.
";

pub const MODEL_HELP: &str = "\
Print the merged model

Usage: smithygen model [--json] --model PATH... [--service ID]

Without --json: the service, its operations and shape counts. With --json: the JSON AST of
all the files merged (the input `generate` sees).
";

/// What to run.
#[derive(Debug)]
pub enum Command {
    Help(&'static str),
    Generate(Box<smithygen::Request>),
    Build {
        config: PathBuf,
        output: Option<PathBuf>,
        runtime_path: Option<PathBuf>,
        check: bool,
    },
    Check {
        models: Vec<PathBuf>,
        service: Option<String>,
    },
    Model {
        models: Vec<PathBuf>,
        service: Option<String>,
        json: bool,
    },
}

/// The arguments after the program name.
pub fn parse(args: &[String]) -> Result<Command, String> {
    let Some((command, rest)) = args.split_first() else {
        return Ok(Command::Help(HELP));
    };
    let help = match command.as_str() {
        "-h" | "--help" | "help" => {
            return Ok(Command::Help(match rest.first().map(String::as_str) {
                Some("generate") => GENERATE_HELP,
                Some("build") => BUILD_HELP,
                Some("check") => CHECK_HELP,
                Some("model") => MODEL_HELP,
                _ => HELP,
            }));
        }
        "generate" => GENERATE_HELP,
        "build" => BUILD_HELP,
        "check" => CHECK_HELP,
        "model" => MODEL_HELP,
        other => return Err(format!("unknown command `{other}`")),
    };
    if rest.iter().any(|a| a == "-h" || a == "--help") {
        return Ok(Command::Help(help));
    }
    let mut a = Args::parse(rest)?;
    let command = match command.as_str() {
        "generate" => Command::Generate(Box::new(a.request()?)),
        "build" => Command::Build {
            config: a
                .path("--config")?
                .unwrap_or_else(|| "smithy-build.json".into()),
            output: a.path("--output")?,
            runtime_path: a.path("--runtime-path")?,
            check: a.flag("--check"),
        },
        "check" => Command::Check {
            models: a.models()?,
            service: a.value("--service")?,
        },
        _ => Command::Model {
            json: a.flag("--json"),
            models: a.models()?,
            service: a.value("--service")?,
        },
    };
    a.finish()?;
    Ok(command)
}

/// `--name value...` pairs and flags, consumed by name; whatever is left is an error.
struct Args {
    options: Vec<(String, Vec<String>)>,
}

impl Args {
    fn parse(args: &[String]) -> Result<Args, String> {
        let mut options: Vec<(String, Vec<String>)> = Vec::new();
        for arg in args {
            if arg.starts_with("--") {
                let (name, value) = match arg.split_once('=') {
                    Some((n, v)) => (n.to_string(), vec![v.to_string()]),
                    None => (arg.clone(), Vec::new()),
                };
                options.push((name, value));
            } else if let Some((_, values)) = options.last_mut() {
                values.push(arg.clone());
            } else {
                return Err(format!("unexpected argument `{arg}`"));
            }
        }
        Ok(Args { options })
    }

    /// Every value of every `name`.
    fn take(&mut self, name: &str) -> Vec<Vec<String>> {
        let (taken, kept) = std::mem::take(&mut self.options)
            .into_iter()
            .partition(|(n, _)| n == name);
        self.options = kept;
        taken.into_iter().map(|(_, v)| v).collect()
    }

    fn flag(&mut self, name: &str) -> bool {
        let found = self.take(name);
        if let Some(values) = found.iter().find(|v| !v.is_empty()) {
            // Put the stray values back so that `finish` names them.
            self.options.push((values[0].clone(), Vec::new()));
        }
        !found.is_empty()
    }

    fn value(&mut self, name: &str) -> Result<Option<String>, String> {
        let mut found = self.take(name);
        match found.len() {
            0 => Ok(None),
            1 if found[0].len() == 1 => Ok(found[0].pop()),
            1 => Err(format!("{name} takes one value")),
            _ => Err(format!("{name} given more than once")),
        }
    }

    fn path(&mut self, name: &str) -> Result<Option<PathBuf>, String> {
        Ok(self.value(name)?.map(PathBuf::from))
    }

    fn models(&mut self) -> Result<Vec<PathBuf>, String> {
        let models: Vec<PathBuf> = self
            .take("--model")
            .into_iter()
            .flatten()
            .map(PathBuf::from)
            .collect();
        if models.is_empty() {
            return Err("--model PATH is required".into());
        }
        Ok(models)
    }

    fn request(&mut self) -> Result<smithygen::Request, String> {
        let models = self.models()?;
        let out = self.path("--out")?.ok_or("--out DIR is required")?;
        let mut kinds: Vec<Kind> = [
            ("--client", Kind::Client),
            ("--server", Kind::Server),
            ("--types", Kind::Types),
        ]
        .into_iter()
        .filter(|(name, _)| self.flag(name))
        .map(|(_, kind)| kind)
        .collect();
        if kinds.is_empty() {
            kinds = vec![Kind::Client, Kind::Server];
        }
        let mut package = PackageSettings::default();
        if let Some(version) = self.value("--runtime-version")? {
            package.runtime = Runtime::Version(version);
        }
        package.name = self.value("--module")?;
        if package.name.is_some() && kinds.len() > 1 {
            return Err(
                "--module names one crate: give exactly one of --client, --server, --types".into(),
            );
        }
        if let Some(version) = self.value("--module-version")? {
            package.version = version;
        }
        package.description = self.value("--module-description")?;
        package.authors = self.take("--module-author").into_iter().flatten().collect();
        package.repository = self.value("--module-repository")?;
        package.license = self.value("--license")?;
        Ok(smithygen::Request {
            service: self.value("--service")?,
            kinds,
            package,
            runtime_dir: self.path("--runtime-path")?,
            check: self.flag("--check"),
            ..smithygen::Request::new(models, out)
        })
    }

    /// Errors on anything not consumed.
    fn finish(self) -> Result<(), String> {
        match self.options.first() {
            Some((name, _)) => Err(format!("unknown option `{name}`")),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn generate_takes_several_models_and_kinds() {
        let Ok(Command::Generate(r)) = parse(&args(
            "generate --model a.json b --out gen --types --module-author A --module-author B --runtime-path ../x",
        )) else {
            panic!("not a generate command");
        };
        assert_eq!(r.models, [PathBuf::from("a.json"), PathBuf::from("b")]);
        assert_eq!(r.kinds, [Kind::Types]);
        assert_eq!(r.package.authors, ["A", "B"]);
        assert_eq!(r.runtime_dir, Some(PathBuf::from("../x")));
    }

    #[test]
    fn mistakes_are_named() {
        let err = |s: &str| parse(&args(s)).unwrap_err();
        assert_eq!(err("generate --model a --out"), "--out takes one value");
        assert_eq!(err("generate --out x"), "--model PATH is required");
        assert_eq!(err("check --model a --frob"), "unknown option `--frob`");
        assert_eq!(err("build --check yes"), "unknown option `yes`");
        assert_eq!(err("deploy"), "unknown command `deploy`");
        assert_eq!(
            err("generate --model a --out o --module x"),
            "--module names one crate: give exactly one of --client, --server, --types"
        );
    }
}
