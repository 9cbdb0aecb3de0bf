//! Broken models: each yields a diagnostic naming the shape (and member), never a panic.

const HEADER: &str = r#"{"smithy":"2.0","shapes":{
    "a#Svc":{"type":"service","version":"1","operations":[{"target":"a#Op"}],"traits":{"aws.protocols#restJson1":{}}},"#;

/// A model whose one operation `a#Op` has input `a#In`; `extra` adds or replaces shapes.
fn model(op_uri: &str, input_members: &str, extra: &str) -> String {
    format!(
        r#"{HEADER}
    "a#Op":{{"type":"operation","input":{{"target":"a#In"}},"traits":{{"smithy.api#http":{{"method":"POST","uri":"{op_uri}"}}}}}},
    "a#In":{{"type":"structure","members":{{{input_members}}}}}{extra}
}}}}"#
    )
}

/// Loads `text` and returns the rendered diagnostics; fails the test if it loads.
fn errors(text: &str) -> String {
    match codegen::load(text) {
        Ok(_) => panic!("expected diagnostics for:\n{text}"),
        Err(d) => d.to_string(),
    }
}

fn assert_reports(text: &str, location: &str, words: &str) {
    let out = errors(text);
    assert!(out.contains(location), "no `{location}` in:\n{out}");
    assert!(out.contains(words), "no `{words}` in:\n{out}");
}

#[test]
fn dangling_target() {
    let text = model("/x", r#""m":{"target":"a#Nope"}"#, "");
    assert_reports(&text, "[a#In$m]", "target `a#Nope` is not defined");
}

/// A pattern no engine compiles does not stop generation: it is a warning naming the shape
/// and member, and the constraint is not enforced.
#[test]
fn pattern_that_does_not_compile_is_a_warning() {
    let text = model(
        "/x",
        r#""m":{"target":"smithy.api#String","traits":{"smithy.api#pattern":"^(a$"}}"#,
        "",
    );
    let loaded = codegen::load(&text).expect("a bad pattern is not an error");
    let warnings = codegen::validate::warnings(&loaded);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    let text = warnings[0].to_string();
    assert!(
        text.starts_with("warning [a#In$m]: `@pattern` `^(a$` is not enforced"),
        "{text}"
    );
    // Look-behind is not a problem any more: the backtracking engine takes it.
    let text = model(
        "/x",
        r#""m":{"target":"smithy.api#String","traits":{"smithy.api#pattern":"^(?<=a)b$"}}"#,
        "",
    );
    assert!(codegen::validate::warnings(&codegen::load(&text).unwrap()).is_empty());
}

#[test]
fn label_without_member() {
    assert_reports(
        &model("/x/{Id}", "", ""),
        "[a#In]",
        "URI label `{Id}` has no `@httpLabel` member",
    );
}

#[test]
fn label_member_without_uri_label() {
    let text = model(
        "/x",
        r#""Id":{"target":"smithy.api#String","traits":{"smithy.api#httpLabel":{},"smithy.api#required":{}}}"#,
        "",
    );
    assert_reports(&text, "[a#In$Id]", "has no `{Id}` in the URI");
}

#[test]
fn conflicting_bindings() {
    let text = model(
        "/x",
        r#""m":{"target":"smithy.api#String","traits":{"smithy.api#httpHeader":"x-m","smithy.api#httpQuery":"m"}}"#,
        "",
    );
    assert_reports(&text, "[a#In$m]", "more than one HTTP binding trait");
}

#[test]
fn payload_with_body_members() {
    let text = model(
        "/x",
        r#""p":{"target":"smithy.api#String","traits":{"smithy.api#httpPayload":{}}},"b":{"target":"smithy.api#String"}"#,
        "",
    );
    assert_reports(&text, "[a#In]", "conflicts with body members");
}

#[test]
fn wrong_json_type_for_a_trait() {
    let text = model(
        "/x",
        r#""m":{"target":"smithy.api#String","traits":{"smithy.api#length":{"min":"one"}}}"#,
        "",
    );
    assert_reports(&text, "[a#In$m]", "trait `smithy.api#length`");
}

#[test]
fn duplicate_member() {
    let text = model(
        "/x",
        r#""m":{"target":"smithy.api#String"},"m":{"target":"smithy.api#Integer"}"#,
        "",
    );
    assert_reports(&text, "[a#In]", "duplicate key `m`");
}

#[test]
fn unknown_shape_type() {
    let text = model("/x", "", r#","a#Odd":{"type":"strang"}"#);
    assert_reports(&text, "[a#Odd]", "unknown variant `strang`");
}

#[test]
fn error_without_error_trait() {
    let text = format!(
        r#"{HEADER}
        "a#Op":{{"type":"operation","errors":[{{"target":"a#NotAnError"}}],"traits":{{"smithy.api#http":{{"method":"GET","uri":"/"}}}}}},
        "a#NotAnError":{{"type":"structure","members":{{}}}}
    }}}}"#
    );
    assert_reports(&text, "[a#Op]", "must be a structure with `@error`");
}

#[test]
fn ambiguous_routes() {
    let text = r#"{"smithy":"2.0","shapes":{
        "a#Svc":{"type":"service","operations":[{"target":"a#A"},{"target":"a#B"}],"traits":{"aws.protocols#restJson1":{}}},
        "a#A":{"type":"operation","input":{"target":"a#AIn"},"traits":{"smithy.api#http":{"method":"GET","uri":"/t/{x}"}}},
        "a#AIn":{"type":"structure","members":{"x":{"target":"smithy.api#String","traits":{"smithy.api#httpLabel":{},"smithy.api#required":{}}}}},
        "a#B":{"type":"operation","input":{"target":"a#BIn"},"traits":{"smithy.api#http":{"method":"GET","uri":"/t/{y}"}}},
        "a#BIn":{"type":"structure","members":{"y":{"target":"smithy.api#String","traits":{"smithy.api#httpLabel":{},"smithy.api#required":{}}}}}
    }}"#;
    assert_reports(text, "[a#B]", "conflicts with operation `a#A`");
}

#[test]
fn unsupported_protocol() {
    let text = r#"{"smithy":"2.0","shapes":{"a#Svc":{"type":"service","traits":{"aws.protocols#awsJson1_1":{}}}}}"#;
    assert_reports(text, "[a#Svc]", "unsupported protocol");
}

#[test]
fn event_streams_are_refused_naming_the_operation() {
    let text = model(
        "/x",
        r#""events":{"target":"a#Events","traits":{"smithy.api#httpPayload":{}}}"#,
        r#","a#Events":{"type":"union","members":{"e":{"target":"a#Ev"}},"traits":{"smithy.api#streaming":{}}},
           "a#Ev":{"type":"structure","members":{}}"#,
    );
    assert_reports(&text, "[a#Op]", "event streams are not supported");
}

#[test]
fn no_service_and_not_json() {
    assert!(errors(r#"{"smithy":"2.0","shapes":{}}"#).contains("no service shape"));
    assert!(errors("[1, 2").contains("not a Smithy JSON AST document"));
    assert!(errors(r#"{"smithy":"2.0","shapes":{"a#S":5}}"#).contains("[a#S]"));
}

#[test]
fn every_problem_is_reported_not_just_the_first() {
    let text = model(
        "/x/{Missing}",
        r#""a":{"target":"a#Nope"},"b":{"target":"smithy.api#String","traits":{"smithy.api#length":{"min":5,"max":1}}}"#,
        "",
    );
    let out = errors(&text);
    assert!(out.contains("[a#In$a]"), "{out}");
    // Dangling targets stop the build before the semantic checks; the others come together.
    let text = model(
        "/x/{Missing}",
        r#""b":{"target":"smithy.api#String","traits":{"smithy.api#length":{"min":5,"max":1}}}"#,
        "",
    );
    let out = errors(&text);
    assert!(
        out.contains("[a#In$b]") && out.contains("{Missing}"),
        "{out}"
    );
}

/// Arbitrary corruptions of a real model never panic: they load or give diagnostics.
#[test]
fn truncated_and_mangled_models_never_panic() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../model/iot-managed-integrations.json"
    );
    let text = std::fs::read_to_string(path).unwrap();
    for cut in (0..text.len()).step_by(97) {
        let _ = codegen::load(&text[..cut]);
    }
    for (from, to) in [
        ("\"target\"", "\"targte\""),
        ("structure", "list"),
        ("\"string\"", "\"map\""),
        ("{}", "[]"),
    ] {
        let _ = codegen::load(&text.replacen(from, to, 1));
        let _ = codegen::load(&text.replace(from, to));
    }
}
