//! The client's opt-in validators and the server's validators make the same
//! `smithygen_validation` calls in the same order, shape by shape and operation by operation,
//! for the naming obstacle course (nested structures, unions, sparse maps, recursion) and every
//! official model. The wire-level proof for this service's model is in tests/client
//! (`parity.rs`); this checks the generated code of models that have no runnable crate here.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use regex::Regex;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Top-level functions of a generated file whose header matches `header` (last capture: the
/// name; a capture before it: the shape id from the doc line), each with that shape id and its
/// text up to the closing brace in column 0.
fn functions(file: &str, header: &Regex) -> BTreeMap<String, (String, String)> {
    let mut out = BTreeMap::new();
    for m in header.captures_iter(file) {
        let start = m.get(0).unwrap().start();
        let end = file[start..]
            .find("\n}\n")
            .map_or(file.len(), |n| start + n);
        let name = m[m.len() - 1].to_string();
        let id = if m.len() > 2 {
            m[1].to_string()
        } else {
            String::new()
        };
        out.insert(name, (id, file[start..end].to_string()));
    }
    out
}

/// Members the client always sends (required with a default: not an `Option` on the client),
/// so the server's `required` check of them never fires for a client's request.
fn always_sent(fields: &[codegen::ir::Field]) -> Vec<String> {
    fields
        .iter()
        .filter(|f| f.required && !f.client_optional)
        .map(|f| format!("required:{}", f.member))
        .collect()
}

/// The checks a function makes, in order: `check_*`/`required`/`enum_violation` calls,
/// pattern statics, and calls of other validators (`fn:name`).
fn calls(body: &str) -> Vec<String> {
    let re = Regex::new(
        r#"validation::(check_\w+|enum_violation)\(|validation::required\(v, &path\.member\("([^"]+)"\)|decode::(check_unique)\(|crate::validat(?:e|ion)::([\w#]+)"#,
    )
    .unwrap();
    re.captures_iter(body)
        .map(|c| {
            if let Some(member) = c.get(2) {
                format!("required:{}", member.as_str())
            } else if let Some(check) = c.get(1).or(c.get(3)) {
                match check.as_str() {
                    "check_unique" | "check_unique_items" | "check_unique_items_eq" => {
                        "unique".to_string()
                    }
                    other => other.to_string(),
                }
            } else {
                let item = &c[4];
                if item.starts_with("PATTERN_") {
                    item.to_string()
                } else {
                    format!("fn:{item}")
                }
            }
        })
        .collect()
}

fn check_model(model: &Path) {
    let text = std::fs::read_to_string(model).unwrap();
    let (service, files) = codegen::render_all(&text, "model.json").unwrap();
    let file = |suffix: &str| -> String {
        files
            .iter()
            .find(|f| f.path.to_string_lossy().ends_with(suffix))
            .unwrap_or_else(|| panic!("{}: no {suffix}", model.display()))
            .contents
            .clone()
    };
    let client = file("-client/src/validation.rs");
    let server = file("-server/src/validate.rs");
    let statics = |text: &str| -> Vec<String> {
        let re = Regex::new(r"(?s)static (PATTERN_\d+): Pattern =\s*Pattern::translated\((.*?)\);")
            .unwrap();
        re.captures_iter(text)
            .map(|c| format!("{} {}", &c[1], c[2].split_whitespace().collect::<String>()))
            .collect()
    };
    assert_eq!(statics(&client), statics(&server), "{}", model.display());

    // A validator: its doc line names the shape (`/// `ns#Shape`: ...`), then more doc lines
    // or attributes, then the function.
    let header =
        Regex::new(r"(?m)^/// `([^`]+)`:.*\n(?:///.*\n|#\[.*\]\n)*pub\(crate\) fn ([\w#]+)\(")
            .unwrap();
    let header = |text: &str| functions(text, &header);
    let client_fns = header(&client);
    let server_fns = header(&server);
    // The client leaves out validators that can never push anything; the server decodes
    // through them, so its calls of them are dropped before comparing. So are its `required`
    // checks of members the client always sends.
    let server_calls = |body: &str, sent: &[String]| -> Vec<String> {
        calls(body)
            .into_iter()
            .filter(|c| {
                c.strip_prefix("fn:")
                    .is_none_or(|name| client_fns.contains_key(name))
                    && !sent.contains(c)
            })
            .collect()
    };
    for (name, (id, body)) in &server_fns {
        let sent = service
            .types
            .iter()
            .find_map(|t| match t {
                codegen::ir::TypeDef::Structure(s) if s.shape_id == *id => {
                    Some(always_sent(&s.fields))
                }
                _ => None,
            })
            .unwrap_or_default();
        let expected = server_calls(body, &sent);
        match client_fns.get(name) {
            Some((_, client_body)) => {
                assert_eq!(calls(client_body), expected, "{}: {name}", model.display())
            }
            None => assert!(
                expected.is_empty(),
                "{}: the client has no validator {name}, the server checks {expected:?}",
                model.display()
            ),
        }
    }
    for name in client_fns.keys() {
        assert!(
            server_fns.contains_key(name),
            "{}: {name} only on the client",
            model.display()
        );
    }

    let client_op = Regex::new(r"(?m)^pub fn (validate_\w+_input)\(").unwrap();
    let client_ops = functions(&client, &client_op);
    let decode = Regex::new(r"(?m)^(fn) decode_input\(").unwrap();
    for op in &service.operations {
        let snake = op.names.snake.trim_start_matches("r#");
        let server_op = file(&format!("-server/src/operation/{snake}.rs"));
        let server_body = functions(&server_op, &decode)
            .remove("fn")
            .unwrap_or_default()
            .1;
        let client_body = client_ops
            .get(&format!("validate_{snake}_input"))
            .cloned()
            .unwrap_or_default()
            .1;
        assert_eq!(
            calls(&client_body),
            server_calls(&server_body, &always_sent(&op.input.fields)),
            "{}: operation {}",
            model.display(),
            op.names.name
        );
    }
}

#[test]
fn obstacle_course_client_checks_what_the_server_checks() {
    check_model(&root().join("codegen/tests/models/obstacle-course.json"));
}

#[test]
fn official_models_client_checks_what_the_server_checks() {
    let dir = root().join("tests/data/aws-models");
    let mut models: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    models.sort();
    assert!(!models.is_empty());
    for model in models {
        check_model(&model);
    }
}
