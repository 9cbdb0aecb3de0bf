//! The reference Smithy implementation's own loader tests (`tests/data/smithy-idl/`, copied
//! from smithy-lang/smithy): every `valid/**/X.smithy` must load as the same model as
//! `valid/**/X.json` (both with `valid/__shared.json` beside them), and every
//! `invalid/**/X.smithy` must be refused, a syntax error at the line and column its first
//! line names. Cases this loader does not support are listed in `smithy-idl-unsupported.txt`
//! with the reason; the test fails if a listed case passes or an unlisted one fails.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

fn data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data")
}

fn files(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files(&path, ext, out);
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
}

/// The assembled model as JSON, with mixins flattened (members and traits copied into the
/// shapes that use them) so that both sides compare after resolution.
fn load(paths: &[PathBuf]) -> Result<Value, String> {
    let ast = codegen::load::load_paths(paths).map_err(|d| d.to_string())?;
    let mut json = serde_json::to_value(&ast).map_err(|e| e.to_string())?;
    let shapes = json["shapes"].as_object().cloned().unwrap_or_default();
    let flat: Map<String, Value> = shapes
        .iter()
        .map(|(id, shape)| (id.clone(), flatten(&shapes, shape, 0)))
        .collect();
    json["shapes"] = Value::Object(flat);
    json.as_object_mut().unwrap().remove("smithy");
    Ok(json)
}

fn flatten(shapes: &Map<String, Value>, shape: &Value, depth: usize) -> Value {
    let mut out = shape.clone();
    let mixins: Vec<String> = shape["mixins"]
        .as_array()
        .map(|m| {
            m.iter()
                .filter_map(|t| t["target"].as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default();
    for mixin in mixins {
        let Some(source) = shapes.get(&mixin).filter(|_| depth < 16) else {
            continue;
        };
        let source = flatten(shapes, source, depth + 1);
        for field in ["members", "member", "key", "value"] {
            merge_absent(&mut out, &source, field);
        }
        if let Some(traits) = source["traits"].as_object() {
            for (name, value) in traits {
                if name != "smithy.api#mixin" {
                    let slot = out
                        .as_object_mut()
                        .unwrap()
                        .entry("traits")
                        .or_insert_with(|| Value::Object(Map::new()));
                    slot.as_object_mut()
                        .unwrap()
                        .entry(name.clone())
                        .or_insert_with(|| value.clone());
                }
            }
        }
    }
    out
}

/// Members `source` has and `out` lacks, or the whole field.
fn merge_absent(out: &mut Value, source: &Value, field: &str) {
    let Some(from) = source.get(field) else {
        return;
    };
    let object = out.as_object_mut().unwrap();
    match (object.get_mut(field), from) {
        (None, _) => {
            object.insert(field.into(), from.clone());
        }
        (Some(Value::Object(into)), Value::Object(from)) if field == "members" => {
            for (name, member) in from {
                into.entry(name.clone()).or_insert_with(|| member.clone());
            }
        }
        _ => {}
    }
}

/// `// Syntax error at line L, column C` in the first line: (L, C).
fn expected_position(text: &str) -> Option<(usize, usize)> {
    let first = text.lines().next()?;
    let rest = &first[first.find("Syntax error at line ")? + "Syntax error at line ".len()..];
    let (line, rest) = rest.split_once(", column ")?;
    let column: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
    Some((line.trim().parse().ok()?, column.parse().ok()?))
}

fn check_valid(root: &Path, smithy: &Path) -> Result<(), String> {
    let shared = root.join("valid/__shared.json");
    let json = smithy.with_extension("json");
    let from_idl = load(&[shared.clone(), smithy.to_path_buf()])?;
    let from_json = load(&[shared, json]).map_err(|e| format!("the .json side: {e}"))?;
    if from_idl == from_json {
        return Ok(());
    }
    let (a, b) = (&from_idl["shapes"], &from_json["shapes"]);
    let mut diffs = Vec::new();
    let ids: std::collections::BTreeSet<&String> = a
        .as_object()
        .unwrap()
        .keys()
        .chain(b.as_object().unwrap().keys())
        .collect();
    for id in ids {
        if a.get(id) != b.get(id) {
            diffs.push(format!(
                "  {id}:\n    idl:  {}\n    json: {}",
                a.get(id).map_or("-".into(), Value::to_string),
                b.get(id).map_or("-".into(), Value::to_string)
            ));
        }
    }
    if from_idl.get("metadata") != from_json.get("metadata") {
        diffs.push(format!(
            "  metadata:\n    idl:  {:?}\n    json: {:?}",
            from_idl.get("metadata"),
            from_json.get("metadata")
        ));
    }
    Err(format!("models differ:\n{}", diffs.join("\n")))
}

fn check_invalid(smithy: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(smithy).unwrap();
    let Err(diagnostics) = codegen::load::load_paths(&[smithy.to_path_buf()]) else {
        return Err("loaded, but the reference implementation refuses it".into());
    };
    let Some((line, column)) = expected_position(&text) else {
        return Ok(());
    };
    let found = diagnostics.iter().any(|d| {
        d.location
            .as_ref()
            .is_some_and(|at| at.line == line && at.column == column)
    });
    if found {
        Ok(())
    } else {
        Err(format!(
            "refused, but not at {line}:{column}:\n{diagnostics}"
        ))
    }
}

/// `case: reason` lines of the unsupported list.
fn unsupported() -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(data().join("smithy-idl-unsupported.txt")).unwrap();
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (case, reason) = l.split_once(": ").expect("`case: reason`");
            (case.to_string(), reason.to_string())
        })
        .collect()
}

#[test]
fn reference_loader_tests() {
    // IDL_ORACLE_DIR runs the same checks on another copy of the reference tests.
    let root =
        std::env::var_os("IDL_ORACLE_DIR").map_or_else(|| data().join("smithy-idl"), PathBuf::from);
    let listed = unsupported();
    let mut cases: Vec<(String, Result<(), String>)> = Vec::new();
    for kind in ["valid", "invalid"] {
        let mut smithy = Vec::new();
        files(&root.join(kind), "smithy", &mut smithy);
        for file in smithy {
            let name = file.strip_prefix(&root).unwrap().display().to_string();
            let result = if kind == "valid" {
                check_valid(&root, &file)
            } else {
                check_invalid(&file)
            };
            cases.push((name, result));
        }
    }
    let mut problems = Vec::new();
    for (name, result) in &cases {
        match (result, listed.contains_key(name)) {
            (Ok(()), true) => problems.push(format!("{name}: passes but is listed as unsupported")),
            (Err(e), false) => problems.push(format!("{name}: {e}")),
            _ => {}
        }
    }
    for name in listed.keys() {
        if !cases.iter().any(|(n, _)| n == name) {
            problems.push(format!(
                "{name}: listed as unsupported but there is no such case"
            ));
        }
    }
    let count = |prefix: &str| {
        let all = cases.iter().filter(|(n, _)| n.starts_with(prefix));
        let passed = all.clone().filter(|(_, r)| r.is_ok()).count();
        (passed, all.count())
    };
    let (valid_ok, valid) = count("valid/");
    let (invalid_ok, invalid) = count("invalid/");
    eprintln!(
        "valid: {valid_ok}/{valid} pass, invalid: {invalid_ok}/{invalid} refused as expected"
    );
    assert!(valid > 40 && invalid > 140, "the data folder is incomplete");
    assert!(
        problems.is_empty(),
        "{} problem(s):\n{}",
        problems.len(),
        problems.join("\n\n")
    );
}
