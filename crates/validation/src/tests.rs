use super::*;

fn one(f: impl FnOnce(&mut Vec<Violation>)) -> Violation {
    let mut v = Vec::new();
    f(&mut v);
    assert_eq!(v.len(), 1, "expected exactly one violation, got {v:?}");
    v.remove(0)
}

fn none(f: impl FnOnce(&mut Vec<Violation>) -> bool) {
    let mut v = Vec::new();
    assert!(f(&mut v), "check should pass");
    assert!(v.is_empty(), "unexpected violations {v:?}");
}

#[test]
fn paths_render_as_json_pointers() {
    let root = Path::root();
    assert_eq!(root.to_pointer(), "");
    let a = root.member("ResourceType");
    assert_eq!(a.to_pointer(), "/ResourceType");
    let list = root.member("list");
    assert_eq!(list.index(0).to_pointer(), "/list/0");
    let map = root.member("map");
    assert_eq!(map.key("abc").to_pointer(), "/map/abc");
    let nested = map.key("a/b~c");
    assert_eq!(nested.to_pointer(), "/map/a~1b~0c");
    assert_eq!(
        nested.member("Inner").index(12).to_pointer(),
        "/map/a~1b~0c/Inner/12"
    );
    // `~1` must become `~01`, not `~1` (escape `~` before `/` semantics).
    assert_eq!(root.key("~1").to_pointer(), "/~01");
}

#[test]
fn required_template() {
    let root = Path::root();
    let v = one(|v| required(v, &root.member("ResourceType")));
    assert_eq!(v.path, "/ResourceType");
    assert_eq!(
        v.message,
        "Value at '/ResourceType' failed to satisfy constraint: Member must not be null"
    );
    let outer = root.member("Outer");
    let v = one(|v| required(v, &outer.member("Inner")));
    assert_eq!(
        v.message,
        "Value at '/Outer/Inner' failed to satisfy constraint: Member must not be null"
    );
}

#[test]
fn length_templates_three_wordings() {
    let root = Path::root();
    let p = root.member("ClientToken");
    let v = one(|v| {
        check_string_length(v, &p, &"a".repeat(65), Some(1), Some(64));
    });
    assert_eq!(
        v.message,
        "Value with length 65 at '/ClientToken' failed to satisfy constraint: Member must have length between 1 and 64, inclusive"
    );
    let v = one(|v| {
        check_string_length(v, &p, "", Some(1), None);
    });
    assert_eq!(
        v.message,
        "Value with length 0 at '/ClientToken' failed to satisfy constraint: Member must have length greater than or equal to 1"
    );
    let v = one(|v| {
        check_string_length(v, &p, "abc", None, Some(2));
    });
    assert_eq!(
        v.message,
        "Value with length 3 at '/ClientToken' failed to satisfy constraint: Member must have length less than or equal to 2"
    );
}

#[test]
fn length_boundaries_inclusive() {
    let root = Path::root();
    let p = root.member("X");
    none(|v| check_string_length(v, &p, &"a".repeat(64), Some(1), Some(64)));
    none(|v| check_string_length(v, &p, "a", Some(1), Some(64)));
    none(|v| check_string_length(v, &p, "", None, None));
    let mut v = Vec::new();
    assert!(!check_string_length(&mut v, &p, "", Some(1), Some(64)));
}

#[test]
fn string_length_counts_unicode_scalar_values() {
    let root = Path::root();
    let p = root.member("S");
    // "é" is 2 bytes, 1 scalar; "😀" is 4 bytes, 2 UTF-16 units, 1 scalar.
    none(|v| check_string_length(v, &p, "é😀", Some(2), Some(2)));
    let v = one(|v| {
        check_string_length(v, &p, "😀😀😀", Some(1), Some(2));
    });
    assert!(
        v.message.starts_with("Value with length 3 at '/S'"),
        "{}",
        v.message
    );
    // Combining sequence: "e" + U+0301 is two scalar values even though it renders as one.
    let v = one(|v| {
        check_string_length(v, &p, "e\u{301}", Some(1), Some(1));
    });
    assert!(
        v.message.starts_with("Value with length 2 "),
        "{}",
        v.message
    );
}

#[test]
fn blob_and_collection_lengths() {
    let root = Path::root();
    let p = root.member("B");
    // Blob counts bytes: "é" is 2 bytes.
    let v = one(|v| {
        check_blob_length(v, &p, "é".as_bytes(), None, Some(1));
    });
    assert!(
        v.message.starts_with("Value with length 2 at '/B'"),
        "{}",
        v.message
    );
    let list = ["x"; 3];
    let v = one(|v| {
        check_length(v, &p, list.len(), Some(4), None);
    });
    assert_eq!(
        v.message,
        "Value with length 3 at '/B' failed to satisfy constraint: Member must have length greater than or equal to 4"
    );
}

#[test]
fn pattern_template_and_not_anchored() {
    static LOOSE: Pattern = Pattern::new("[0-9]+");
    static RESOURCE_TYPE: Pattern =
        Pattern::new("^[*]$|^(managed-thing|credential-locker|provisioning-profile|ota-task)$");
    let root = Path::root();
    let p = root.member("ResourceType");
    // Not anchored: a digit anywhere matches.
    none(|v| check_pattern(v, &p, "abc1def", &LOOSE));
    none(|v| check_pattern(v, &p, "*", &RESOURCE_TYPE));
    none(|v| check_pattern(v, &p, "managed-thing", &RESOURCE_TYPE));
    let v = one(|v| {
        check_pattern(v, &p, "managed-thing2", &RESOURCE_TYPE);
    });
    assert_eq!(
        v.message,
        "Value at '/ResourceType' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[*]$|^(managed-thing|credential-locker|provisioning-profile|ota-task)$"
    );
    let mut v = Vec::new();
    assert!(!check_pattern(&mut v, &p, "", &RESOURCE_TYPE));
    assert!(!check_pattern(&mut v, &p, "**", &RESOURCE_TYPE));
}

#[test]
fn ecma_shorthand_classes_are_ascii_like_ecma() {
    // ECMA-262 `\d` is [0-9] and `\w` is [A-Za-z0-9_] even on non-ASCII input: the generator
    // translates them so (`codegen::pattern`), and passes the translation.
    static D: Pattern = Pattern::translated(r"^\d+$", "^[0-9]+$", None);
    static W: Pattern = Pattern::translated(r"^\w+$", "^[0-9A-Za-z_]+$", None);
    assert!(D.is_match("0123456789"));
    assert!(!D.is_match("\u{0663}")); // ARABIC-INDIC DIGIT THREE
    assert!(W.is_match("a_Z9"));
    assert!(!W.is_match("é"));
    // ECMA allows escaping `/` (it is common in patterns copied from JS literals).
    static SLASH: Pattern = Pattern::translated(r"^a\/b$", "^a/b$", None);
    assert_eq!(SLASH.source(), r"^a\/b$");
    // Unicode classes, used by the official models.
    static LETTERS: Pattern = Pattern::new(r"^[\p{L}\p{N} ._-]+$");
    assert!(LETTERS.is_match("Zoë 42"));
    assert!(!LETTERS.is_match("a/b"));
    // A forbidden prefix (from a leading `^(?!aws:)`) is checked before the regex.
    static TAG: Pattern = Pattern::translated("^(?!aws:)[a-z:]+$", "^[a-z:]+$", Some("aws:"));
    assert!(TAG.is_match("team:x"));
    assert!(!TAG.is_match("aws:x"));
    assert!(SLASH.is_match("a/b"));
}

#[test]
fn bad_pattern_reports_and_rejects_without_panic() {
    static LOOKAHEAD: Pattern = Pattern::new("^(?=a)a$");
    assert!(LOOKAHEAD.validate().is_err());
    assert!(!LOOKAHEAD.is_match("a"));
    static GOOD: Pattern = Pattern::new("^[a-zA-Z0-9=_-]+$");
    assert!(GOOD.validate().is_ok());
    assert_eq!(format!("{GOOD:?}"), "Pattern(\"^[a-zA-Z0-9=_-]+$\")");
}

#[test]
fn range_templates_ints_and_floats() {
    let root = Path::root();
    let p = root.member("N");
    let v = one(|v| {
        check_range_int(v, &p, 11, Some(1), Some(10));
    });
    assert_eq!(
        v.message,
        "Value at '/N' failed to satisfy constraint: Member must be between 1 and 10, inclusive"
    );
    let v = one(|v| {
        check_range_int(v, &p, -1, Some(0), None);
    });
    assert_eq!(
        v.message,
        "Value at '/N' failed to satisfy constraint: Member must be greater than or equal to 0"
    );
    let v = one(|v| {
        check_range_int(v, &p, 5, None, Some(4));
    });
    assert_eq!(
        v.message,
        "Value at '/N' failed to satisfy constraint: Member must be less than or equal to 4"
    );
    none(|v| check_range_int(v, &p, 10, Some(1), Some(10)));
    none(|v| check_range_int(v, &p, i64::MIN as i128, None, None));
    let v = one(|v| {
        check_range_float(v, &p, 2.5, Some(0.5), Some(2.25));
    });
    assert_eq!(
        v.message,
        "Value at '/N' failed to satisfy constraint: Member must be between 0.5 and 2.25, inclusive"
    );
    let v = one(|v| {
        check_range_float(v, &p, 0.0, Some(10.0), None);
    });
    assert!(
        v.message.ends_with("greater than or equal to 10"),
        "{}",
        v.message
    );
    let mut v = Vec::new();
    assert!(!check_range_float(&mut v, &p, f64::NAN, Some(0.0), None));
    none(|v| check_range_float(v, &p, 2.25, Some(0.5), Some(2.25)));
}

#[test]
fn enum_template() {
    const LOG_LEVEL: &[&str] = &["DEBUG", "ERROR", "INFO", "WARN"];
    let root = Path::root();
    let p = root.member("EventLogLevel");
    none(|v| check_enum(v, &p, "INFO", LOG_LEVEL));
    let v = one(|v| {
        check_enum(v, &p, "info", LOG_LEVEL);
    });
    assert_eq!(
        v.message,
        "Value at '/EventLogLevel' failed to satisfy constraint: Member must satisfy enum value set: [DEBUG, ERROR, INFO, WARN]"
    );
}

#[test]
fn unique_items_template() {
    let root = Path::root();
    let p = root.member("Tags");
    none(|v| check_unique_items(v, &p, &["a", "b", "c"]));
    none(|v| check_unique_items::<u8>(v, &p, &[]));
    let v = one(|v| {
        check_unique_items(v, &p, &["a", "b", "a", "c", "a", "b"]);
    });
    assert_eq!(
        v.message,
        "Value at '/Tags' failed to satisfy constraint: Member must have unique values"
    );
}

#[test]
fn unique_items_by_equality_matches_the_hashed_check() {
    let root = Path::root();
    let p = root.member("Scores");
    none(|v| check_unique_items_eq(v, &p, &[1.5, 2.5]));
    none(|v| check_unique_items_eq::<f64>(v, &p, &[]));
    for items in [
        vec!["a", "b", "a", "c", "a", "b"],
        vec!["x", "y", "y", "x"],
        vec!["q", "r", "s", "r"],
    ] {
        let hashed = one(|v| {
            check_unique_items(v, &p, &items);
        });
        let eq = one(|v| {
            check_unique_items_eq(v, &p, &items);
        });
        assert_eq!(hashed, eq);
    }
    let v = one(|v| {
        check_unique_items_eq(v, &p, &[0.5, 1.0, 0.5]);
    });
    assert!(
        v.message
            .starts_with("Value at '/Scores' failed to satisfy constraint")
    );
}

#[test]
fn whole_message_counts_and_joins() {
    let root = Path::root();
    let mut v = Vec::new();
    required(&mut v, &root.member("ResourceType"));
    assert_eq!(
        message(&v),
        "1 validation error detected. Value at '/ResourceType' failed to satisfy constraint: Member must not be null"
    );
    check_enum(&mut v, &root.member("EventLogLevel"), "X", &["A", "B"]);
    assert_eq!(
        message(&v),
        "2 validation errors detected. Value at '/ResourceType' failed to satisfy constraint: Member must not be null; Value at '/EventLogLevel' failed to satisfy constraint: Member must satisfy enum value set: [A, B]"
    );
    assert_eq!(message(&[]), "0 validation errors detected.");
}

#[test]
fn backtracking_patterns_match_like_java() {
    static NO_DOUBLE_DASH: Pattern =
        Pattern::backtracking("^(?!.*--)[a-z-]+$", "^(?!.*--)[a-z-]+$", None);
    assert!(NO_DOUBLE_DASH.validate().is_ok());
    assert!(NO_DOUBLE_DASH.is_match("a-b-c"));
    assert!(!NO_DOUBLE_DASH.is_match("a--b"));
    static NOT_DASH_END: Pattern =
        Pattern::backtracking("^[a-z-]+(?<!-)$", "^[a-z-]+(?<!-)$", None);
    assert!(NOT_DASH_END.is_match("a-b") && !NOT_DASH_END.is_match("ab-"));
    static REPEAT: Pattern = Pattern::backtracking(r"^(.)\1$", r"^(.)\1$", None);
    assert!(REPEAT.is_match("zz") && !REPEAT.is_match("zy"));
    let mut v = Vec::new();
    assert!(!check_pattern(
        &mut v,
        &Path::root().member("Name"),
        "a--b",
        &NO_DOUBLE_DASH
    ));
    assert_eq!(
        v[0].message,
        "Value at '/Name' failed to satisfy constraint: Member must satisfy regular expression pattern: ^(?!.*--)[a-z-]+$"
    );
}

#[test]
fn counted_patterns_check_the_length_apart() {
    static TEXT: Pattern = Pattern::counted("^.{1,100000}$", r"^[^\n\r]*$", None, 1, 100_000);
    assert!(TEXT.is_match("x") && TEXT.is_match(&"é".repeat(100_000)));
    assert!(!TEXT.is_match("") && !TEXT.is_match(&"x".repeat(100_001)));
    assert!(!TEXT.is_match("a\nb"));
}

/// Regular-expression denial of service: a pattern that backtracks exponentially on a
/// near-miss is cut off by the step limit, and the value is rejected (a normal violation).
#[test]
fn catastrophic_backtracking_stops_at_the_limit() {
    // The back-reference keeps the nested repetition in the backtracking VM.
    const EVIL: &str = r"^(?:(a+)\1?)+$";
    static CATASTROPHIC: Pattern = Pattern::backtracking(EVIL, EVIL, None);
    assert!(CATASTROPHIC.is_match("aaaa"));
    let hostile = format!("{}b", "a".repeat(40));
    let started = std::time::Instant::now();
    let mut v = Vec::new();
    assert!(!check_pattern(
        &mut v,
        &Path::root().member("V"),
        &hostile,
        &CATASTROPHIC
    ));
    let elapsed = started.elapsed();
    assert!(v[0].message.ends_with(EVIL), "{v:?}");
    assert!(
        elapsed < std::time::Duration::from_secs(1),
        "took {elapsed:?} with a {} step limit",
        backtrack_limit()
    );
    // Without the limit the same check would not finish: prove the input is catastrophic by
    // counting that a smaller limit is hit too (the engine reports it, not a mismatch).
    let small = fancy_regex::RegexBuilder::new(EVIL)
        .backtrack_limit(1_000)
        .build()
        .unwrap();
    assert!(
        small.is_match(&hostile).is_err(),
        "the input must exhaust the limit"
    );
}
