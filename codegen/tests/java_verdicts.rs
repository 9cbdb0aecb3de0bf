//! Differential test of `@pattern` handling against Java's engine (`java.util.regex`), the
//! engine the AWS models' patterns were written for.
//!
//! `tests/data/java-verdicts/verdicts.tsv` holds Java's answers (`Matcher.find()`) for a sample
//! of the official corpus's patterns, each with inputs built from the pattern (matches and
//! near misses). It was produced without Java at test time by `generate.sh` in that folder:
//! `write_candidates` below (ignored; run by the script) writes the patterns and inputs,
//! `JavaVerdicts.java` adds Java's verdicts. This test translates every pattern as the
//! generator does, compiles it as generated code does (`smithygen_validation::Pattern`), and
//! requires the same verdict, except for the deliberate differences `explained` names.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use codegen::pattern::{Engine, RustPattern};
use smithygen_validation::Pattern;

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/java-verdicts")
}

/// `\`, tab, newline, CR and other control characters escaped (`\t`, `\n`, `\r`, `\\`,
/// `\uXXXX`), so one record is one line. Java's reader undoes it.
fn escape(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

fn unescape(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('u') => {
                let hex: String = chars.by_ref().take(4).collect();
                let code = u32::from_str_radix(&hex, 16).expect("\\uXXXX");
                out.push(char::from_u32(code).expect("a scalar value"));
            }
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// Java's verdicts: pattern -> [(input, matched)].
fn verdicts() -> BTreeMap<String, Vec<(String, bool)>> {
    let text = std::fs::read_to_string(data_dir().join("verdicts.tsv")).expect("verdicts.tsv");
    let mut out: BTreeMap<String, Vec<(String, bool)>> = BTreeMap::new();
    let mut pattern = String::new();
    for line in text.lines() {
        let mut fields = line.split('\t');
        match fields.next() {
            Some("P") => {
                pattern = unescape(fields.next().expect("pattern"));
                out.entry(pattern.clone()).or_default();
            }
            Some("I") => {
                let input = unescape(fields.next().expect("input"));
                let matched = fields.next() == Some("1");
                out.get_mut(&pattern)
                    .expect("an input follows its pattern")
                    .push((input, matched));
            }
            _ => {}
        }
    }
    out
}

/// The runtime matcher generated code would declare for this pattern.
fn runtime(source: &str, rust: &RustPattern) -> Pattern {
    let leak = |s: &str| -> &'static str { Box::leak(s.to_string().into_boxed_str()) };
    let prefix = rust.forbidden_prefix.as_deref().map(leak);
    match (rust.engine, rust.char_count) {
        (Engine::Backtracking, _) => Pattern::backtracking(leak(source), leak(&rust.regex), prefix),
        (Engine::Linear, Some((min, max))) => Pattern::counted(
            leak(source),
            leak(&rust.regex),
            prefix,
            min as usize,
            max as usize,
        ),
        (Engine::Linear, None) => Pattern::translated(leak(source), leak(&rust.regex), prefix),
    }
}

/// Why we answer differently from Java here, if it is one of the deliberate differences.
fn explained(pattern: &str, input: &str, java: bool) -> Option<&'static str> {
    let terminator = ['\n', '\r', '\u{85}', '\u{2028}', '\u{2029}'];
    if java && input.ends_with(terminator) && (pattern.contains('$') || pattern.contains("\\Z")) {
        // Java's `$` also matches before a final line terminator; ECMA-262's, the `regex`
        // crate's and smithy-rs's do not.
        return Some("Java's `$` before a final line terminator");
    }
    let surrogate = [
        "\\uD8", "\\uD9", "\\uDA", "\\uDB", "\\uDC", "\\uDD", "\\uDE", "\\uDF",
    ];
    if !java
        && input.chars().any(|c| c as u32 > 0xFFFF)
        && surrogate
            .iter()
            .any(|s| pattern.to_uppercase().contains(&s.to_uppercase()))
    {
        // The class lists UTF-16 surrogates to allow supplementary characters (XML's Char
        // production); Java matches code points, so its class never matches one.
        return Some("surrogate escapes as supplementary characters");
    }
    None
}

#[test]
fn our_engines_agree_with_java() {
    let verdicts = verdicts();
    assert!(verdicts.len() > 500, "only {} patterns", verdicts.len());
    let mut checked = 0;
    let mut reasons: BTreeMap<&str, usize> = BTreeMap::new();
    let mut wrong = Vec::new();
    for (source, cases) in &verdicts {
        let rust = codegen::pattern::compile(source)
            .unwrap_or_else(|e| panic!("{source:?} compiles in Java but not here: {e}"));
        let pattern = runtime(source, &rust);
        for (input, java) in cases {
            checked += 1;
            let ours = pattern.is_match(input);
            if ours == *java {
                continue;
            }
            match explained(source, input, *java) {
                Some(reason) => *reasons.entry(reason).or_default() += 1,
                None => wrong.push(format!(
                    "{source:?} on {input:?}: Java {java}, ours {ours} (as {:?})",
                    rust.regex
                )),
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {checked} verdicts differ from Java:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    // Every deliberate difference still shows up in the sample (else the list is stale).
    for reason in [
        "Java's `$` before a final line terminator",
        "surrogate escapes as supplementary characters",
    ] {
        assert!(
            reasons.contains_key(reason),
            "no case of {reason}: {reasons:?}"
        );
    }
    eprintln!("{checked} verdicts agree with Java, deliberate differences: {reasons:?}");
}

/// Writes the candidate patterns and inputs for `generate.sh` (needs the corpus:
/// `CORPUS_MODELS=../shared/models cargo test -p codegen --test java_verdicts -- --ignored`).
#[test]
#[ignore = "tooling for generate.sh; needs the corpus"]
fn write_candidates() {
    let dir = std::env::var("CORPUS_MODELS").expect("CORPUS_MODELS names the corpus folder");
    let out = std::env::var("CANDIDATES").expect("CANDIDATES names the output file");
    let mut patterns = std::collections::BTreeSet::new();
    collect_patterns(Path::new(&dir), &mut patterns);
    let mut text = String::new();
    for (n, pattern) in patterns.iter().enumerate() {
        let Ok(rust) = codegen::pattern::compile(pattern) else {
            continue;
        };
        // A sample: every pattern that needs more than a plain translation, every third other.
        let special = rust.engine == Engine::Backtracking
            || rust.char_count.is_some()
            || pattern.contains("\\p")
            || pattern.contains("\\u")
            || pattern.contains("\\s")
            || pattern.contains('.')
            || pattern.contains("\\A");
        if !special && n % 3 != 0 {
            continue;
        }
        text.push_str(&format!("P\t{}\n", escape(pattern)));
        for input in inputs(&rust) {
            text.push_str(&format!("I\t{}\n", escape(&input)));
        }
    }
    std::fs::write(&out, text).unwrap();
}

fn collect_patterns(dir: &Path, out: &mut std::collections::BTreeSet<String>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_patterns(&path, out);
        } else if path.extension().is_some_and(|e| e == "json") {
            let text = std::fs::read_to_string(&path).unwrap();
            let json: serde_json::Value = serde_json::from_str(&text).unwrap();
            find_patterns(&json, out);
        }
    }
}

fn find_patterns(value: &serde_json::Value, out: &mut std::collections::BTreeSet<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, v) in map {
                match (key.as_str(), v) {
                    ("smithy.api#pattern", serde_json::Value::String(p)) => {
                        out.insert(p.clone());
                    }
                    _ => find_patterns(v, out),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| find_patterns(v, out)),
        _ => {}
    }
}

/// Up to 12 inputs: strings built from the pattern and near misses of them.
fn inputs(rust: &RustPattern) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut add = |s: String| {
        if !out.contains(&s) && s.chars().count() < 300 {
            out.push(s);
        }
    };
    let examples = codegen::sample::pattern_examples(&rust.regex);
    for e in examples.iter().take(3) {
        add(e.clone());
    }
    if let Some(e) = examples.first() {
        let mut chars: Vec<char> = e.chars().collect();
        add(chars.iter().skip(1).collect());
        add(format!("{e}\n"));
        add(format!("{e}-"));
        add(format!("{e}😀"));
        add(format!("--{e}"));
        add(e.to_uppercase());
        if chars.len() > 2 {
            let middle = chars.len() / 2;
            chars[middle] = ' ';
            add(chars.iter().collect());
        }
    }
    for fixed in ["", "a", "aws:x", "Zoë 1.2_-~", "a\tb"] {
        add(fixed.to_string());
    }
    out.truncate(12);
    out
}
