//! Bounded fuzzing of the IDL front end: truncated, mutated and random files, and very deep
//! nesting, must give diagnostics, never a panic or a stack overflow. The inputs come from
//! the vendored official files and a fixed-seed generator, so every run is the same.

use std::path::{Path, PathBuf};

use codegen::assemble::{Source, assemble};

/// xorshift64*: deterministic and dependency-free.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Pieces of IDL syntax that mutations splice in.
const TOKENS: [&str; 28] = [
    "{",
    "}",
    "[",
    "]",
    "(",
    ")",
    "@",
    "$",
    ":",
    ":=",
    "=",
    ",",
    "#",
    "\"",
    "\"\"\"",
    "\"\"\"\n",
    "\\u",
    "\\",
    "\n",
    "///",
    "// c\n",
    "with [",
    "for ",
    "apply ",
    "structure X ",
    "namespace a.b\n",
    "$version: \"2\"\n",
    "é",
];

fn corpus() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["../protocol-tests", "tests/data/smithy-idl"] {
        collect(&root.join(dir), &mut files);
    }
    files.sort();
    files
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect()
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "smithy") {
            out.push(path);
        }
    }
}

/// Parses `text` alone and, when `assemble_too`, loads it as a model; either may fail, and a
/// syntax error must point inside the text.
fn exercise(text: &str, assemble_too: bool) {
    if let Err(errors) = codegen::idl::parse(text) {
        assert!(!errors.is_empty());
        for e in errors {
            assert!(e.at <= text.len(), "offset {} past the end", e.at);
            let at = codegen::diag::Location::of("f.smithy", text, e.at);
            assert!(at.line >= 1 && at.column >= 1);
        }
    }
    if assemble_too {
        let source = Source {
            label: "f.smithy".into(),
            text: text.to_string(),
        };
        if let Err(d) = assemble(&[source]) {
            let _ = d.to_string();
        }
    }
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[test]
fn truncated_files_are_refused_without_panics() {
    for (i, text) in corpus().iter().enumerate() {
        let steps = 24.min(text.len().max(1));
        for k in 0..steps {
            let cut = floor_boundary(text, text.len() * k / steps);
            exercise(&text[..cut], i % 16 == 0 && k % 6 == 0);
        }
    }
}

fn mutate(rng: &mut Rng, text: &str) -> String {
    let mut out = text.to_string();
    for _ in 0..1 + rng.below(4) {
        let at = floor_boundary(&out, rng.below(out.len() + 1));
        match rng.below(4) {
            0 => out.insert_str(at, TOKENS[rng.below(TOKENS.len())]),
            1 => {
                let end = floor_boundary(&out, (at + 1 + rng.below(40)).min(out.len()));
                out.replace_range(at..end, "");
            }
            2 => {
                let end = floor_boundary(&out, (at + 1 + rng.below(80)).min(out.len()));
                let piece = out[at..end].to_string();
                out.insert_str(end, &piece);
            }
            _ => {
                let byte = (b' ' + rng.below(95) as u8) as char;
                let end = floor_boundary(&out, (at + 1).min(out.len()));
                out.replace_range(at..end, &byte.to_string());
            }
        }
    }
    out
}

#[test]
fn mutated_official_files_give_diagnostics_not_panics() {
    let corpus = corpus();
    let mut rng = Rng(0x5eed_1d1f);
    for round in 0..3000 {
        let text = &corpus[rng.below(corpus.len())];
        exercise(&mutate(&mut rng, text), round % 25 == 0);
    }
}

#[test]
fn random_token_soup_gives_diagnostics_not_panics() {
    let mut rng = Rng(42);
    for _ in 0..2000 {
        let mut text = String::new();
        for _ in 0..rng.below(60) {
            text.push_str(TOKENS[rng.below(TOKENS.len())]);
            if rng.below(3) == 0 {
                text.push(' ');
            }
        }
        exercise(&text, false);
    }
}

#[test]
fn very_deep_nesting_is_refused_not_overflowed() {
    let depth = 200_000;
    let cases = [
        format!("metadata a = {}", "[".repeat(depth)),
        format!("metadata a = {}", "{a: ".repeat(depth)),
        format!("namespace a\n@t({})\nstring S", "[".repeat(depth)),
        format!("namespace a\n{}string S", "@t ".repeat(20_000)),
    ];
    for text in &cases {
        exercise(text, true);
    }
    // Within the limit, nesting loads.
    let ok = format!(
        "$version: \"2\"\nmetadata a = {}{}\n",
        "[".repeat(60),
        "]".repeat(60)
    );
    assemble(&[Source {
        label: "ok.smithy".into(),
        text: ok,
    }])
    .unwrap();
}

#[test]
fn long_and_cyclic_mixin_chains_terminate() {
    let mut text = String::from("$version: \"2\"\nnamespace a\n");
    for i in 0..300 {
        text.push_str(&format!(
            "@mixin\nstructure M{i} with [M{}] {{ f{i}: String }}\n",
            i + 1
        ));
    }
    text.push_str("@mixin\nstructure M300 with [M0 M0 M1] { last: String }\n");
    text.push_str("apply M5$f299 @documentation(\"x\")\n");
    let err = assemble(&[Source {
        label: "cycle.smithy".into(),
        text,
    }])
    .unwrap_err()
    .to_string();
    assert!(err.contains("mixes itself in"), "{err}");
}
