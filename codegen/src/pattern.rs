//! `@pattern` values, and how generated code enforces each one.
//!
//! Smithy says patterns are ECMA-262, but the AWS models are written for Java's engine
//! (`java.util.regex`): POSIX classes such as `\p{Alnum}`, `\p{IsAlphabetic}`, `\A`/`\z`,
//! surrogate escapes, `[\w-.]`, stacked counts `x{2}{3}`, look-around and back-references.
//! [`java::translate`] rewrites that dialect into the `regex` crate's syntax with the same
//! meaning, then each pattern gets the first engine that compiles it:
//!
//! 1. the `regex` crate (linear time, so no input can make a check slow);
//! 2. `fancy-regex`, a backtracking engine, for look-around, back-references and possessive
//!    quantifiers; generated code runs it with a backtrack limit (`smithygen-validation`'s
//!    `set_backtrack_limit`, 100,000 steps by default) and a value that hits the limit is
//!    rejected with the normal pattern message;
//! 3. neither: the pattern is not enforced and the generator warns, naming the shape and
//!    member (`--strict` makes that an error).
//!
//! Like `RegExp.prototype.test` and Java's `Matcher.find`, matching is not anchored.
//!
//! One look-around form is common in AWS models and has a linear-time equivalent: a leading
//! `^(?!literal)`, as in `^(?!aws:)[a-zA-Z+-=._:/]+$`. It is split into a forbidden prefix,
//! checked with `starts_with`, and the rest of the pattern.

pub mod java;

/// Which engine generated code matches a pattern with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Engine {
    /// The `regex` crate.
    Linear,
    /// `fancy-regex` with a backtrack limit.
    Backtracking,
}

/// A pattern ready for generated code.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct RustPattern {
    /// For the `regex` crate (or `fancy-regex`, which reads the same syntax).
    pub regex: String,
    /// The value must not start with this (from a leading `^(?!literal)`).
    pub forbidden_prefix: Option<String>,
    pub engine: Engine,
    /// `^[class]{a,b}$` with a large `b` (an automaton the `regex` crate would refuse as too
    /// big) is checked as `^[class]*$` plus a count of characters in `a..=b`.
    pub char_count: Option<(u64, u64)>,
}

impl RustPattern {
    /// A matcher with the engine generated code uses (no backtrack limit: for the
    /// generator's own sample values).
    pub fn matcher(&self) -> Matcher {
        let inner = match self.engine {
            Engine::Linear => regex::Regex::new(&self.regex).map(Inner::Linear).ok(),
            Engine::Backtracking => fancy_regex::Regex::new(&self.regex)
                .map(Inner::Backtracking)
                .ok(),
        };
        Matcher {
            inner,
            forbidden_prefix: self.forbidden_prefix.clone(),
            char_count: self.char_count,
        }
    }
}

/// A compiled [`RustPattern`].
pub struct Matcher {
    inner: Option<Inner>,
    forbidden_prefix: Option<String>,
    char_count: Option<(u64, u64)>,
}

enum Inner {
    Linear(regex::Regex),
    Backtracking(fancy_regex::Regex),
}

impl Matcher {
    /// Whether generated code accepts `text` (an engine error counts as no match, as there).
    pub fn is_match(&self, text: &str) -> bool {
        if self
            .forbidden_prefix
            .as_ref()
            .is_some_and(|p| text.starts_with(p.as_str()))
        {
            return false;
        }
        if let Some((min, max)) = self.char_count
            && !(min..=max).contains(&(text.chars().count() as u64))
        {
            return false;
        }
        match &self.inner {
            Some(Inner::Linear(re)) => re.is_match(text),
            Some(Inner::Backtracking(re)) => re.is_match(text).unwrap_or(false),
            None => false,
        }
    }
}

/// Translates a model pattern and picks its engine, or says why no engine can compile it.
pub fn compile(pattern: &str) -> Result<RustPattern, String> {
    let (source, forbidden_prefix) = match split_negative_prefix(pattern) {
        Some((prefix, rest)) => (format!("^{rest}"), Some(prefix)),
        None => (pattern.to_string(), None),
    };
    let regex = java::translate(&source);
    let linear = match regex::Regex::new(&regex) {
        Ok(_) => {
            return Ok(RustPattern {
                regex,
                forbidden_prefix,
                engine: Engine::Linear,
                char_count: None,
            });
        }
        Err(e) => last_line(&e.to_string()),
    };
    if let Some((star, min, max)) = split_counted_class(&regex)
        && regex::Regex::new(&star).is_ok()
    {
        return Ok(RustPattern {
            regex: star,
            forbidden_prefix,
            engine: Engine::Linear,
            char_count: Some((min, max)),
        });
    }
    // The backtracking engine gets the whole pattern: it handles the look-ahead itself.
    let regex = match forbidden_prefix {
        Some(_) => java::translate(pattern),
        None => regex,
    };
    match fancy_regex::Regex::new(&regex) {
        Ok(_) => Ok(RustPattern {
            regex,
            forbidden_prefix: None,
            engine: Engine::Backtracking,
            char_count: None,
        }),
        Err(e) => Err(format!("{linear}; backtracking engine: {e}")),
    }
}

/// `^[class]{a,b}$` -> (`^[class]*$`, a, b).
fn split_counted_class(regex: &str) -> Option<(String, u64, u64)> {
    let body = regex.strip_prefix('^')?.strip_suffix('$')?;
    let open = body.rfind('{')?;
    let (class, count) = (&body[..open], &body[open + 1..]);
    let count = count.strip_suffix('}')?;
    let (min, max) = match count.split_once(',') {
        Some((min, max)) => (min.parse().ok()?, max.parse().ok()?),
        None => (count.parse().ok()?, count.parse().ok()?),
    };
    let single_class = class.starts_with('[')
        && class.ends_with(']')
        && regex_syntax::parse(class)
            .is_ok_and(|hir| matches!(hir.kind(), regex_syntax::hir::HirKind::Class(_)));
    single_class.then(|| (format!("^{class}*$"), min, max))
}

/// The pattern without look-around groups and back-references (what the linear engine can
/// parse; not the same language).
pub fn without_assertions(regex: &str) -> String {
    let chars: Vec<char> = regex.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let rest: String = chars[i..chars.len().min(i + 4)].iter().collect();
        if ["(?=", "(?!", "(?<=", "(?<!"]
            .iter()
            .any(|p| rest.starts_with(p))
        {
            // Skip to the matching `)`.
            let mut depth = 0;
            while i < chars.len() {
                match chars[i] {
                    '\\' => i += 1,
                    '(' => depth += 1,
                    ')' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
        } else if chars[i] == '\\' && chars.get(i + 1).is_some_and(|c| c.is_ascii_digit()) {
            i += 1;
        } else if chars[i] == '\\' {
            out.push(chars[i]);
            if let Some(&c) = chars.get(i + 1) {
                out.push(c);
            }
            i += 1;
        } else {
            out.push(chars[i]);
        }
        i += 1;
    }
    out.replace("(?>", "(?:")
}

fn last_line(message: &str) -> String {
    message
        .lines()
        .last()
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// `^(?!lit)rest` with a plain literal and no top-level alternation -> `(lit, rest)`.
fn split_negative_prefix(pattern: &str) -> Option<(String, &str)> {
    let inner = pattern.strip_prefix("^(?!")?;
    let close = inner.find(')')?;
    let literal = &inner[..close];
    let rest = &inner[close + 1..];
    let plain = |s: &str| {
        !s.contains([
            '\\', '[', ']', '(', ')', '|', '*', '+', '?', '.', '{', '}', '^', '$',
        ])
    };
    (plain(literal) && !rest.contains('|') && !rest.contains("(?"))
        .then(|| (literal.to_string(), rest))
}

/// Ok when generated code will be able to compile the pattern.
pub fn check(pattern: &str) -> Result<(), String> {
    compile(pattern).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(pattern: &str, text: &str) -> bool {
        compile(pattern).unwrap().matcher().is_match(text)
    }

    fn engine(pattern: &str) -> Engine {
        compile(pattern).unwrap().engine
    }

    #[test]
    fn leading_negative_lookahead_becomes_a_prefix_check() {
        let p = compile("^(?!aws:)[a-zA-Z+-=._:/]+$").unwrap();
        assert_eq!(p.forbidden_prefix.as_deref(), Some("aws:"));
        assert_eq!(p.engine, Engine::Linear);
        assert!(matches("^(?!aws:)[a-zA-Z+-=._:/]+$", "team:x"));
        assert!(!matches("^(?!aws:)[a-zA-Z+-=._:/]+$", "aws:x"));
        // With an alternation the prefix check would change the meaning: backtracking.
        assert_eq!(engine("^(?!a)b|c"), Engine::Backtracking);
        assert!(matches("^(?!a)b|c", "ac") && !matches("^(?!a)b|c", "ab"));
    }

    #[test]
    fn ecma_and_java_agree_here() {
        assert!(matches(r"^a\/b$", "a/b"));
        assert!(matches("[a-z]+", "123abc"), "not implicitly anchored");
        assert!(!matches(r"^\d+$", "١٢٣"), "\\d is ASCII-only");
        assert!(matches(r"^[\w.-]+$", "a_b.c-1"));
        assert!(!matches(r"^\w+$", "é"));
        assert!(matches(r"^[\p{L}\p{N} ._-]+$", "Zoë 42"));
        assert!(check(r"^[*]$|^(managed-thing|credential-locker)$").is_ok());
    }

    #[test]
    fn java_classes() {
        assert!(matches(r"^\p{Alnum}+$", "aZ9") && !matches(r"^\p{Alnum}+$", "é"));
        assert!(matches(r"^[\p{Punct}]+$", "!/:@[`{~") && !matches(r"^\p{Punct}$", "a"));
        assert!(matches(r"^\p{Print}+$", " ~") && !matches(r"^\p{Print}$", "\t"));
        assert!(matches(r"^[\p{Blank}]+$", " \t") && !matches(r"^\p{Blank}$", "\n"));
        assert!(matches(r"^\p{IsAlphabetic}+$", "Zoë") && !matches(r"^\p{IsAlphabetic}$", "1"));
        assert!(matches(r"^[\p{all}]*$", "any\n😀"));
        assert!(matches(r"^\A\d+\z$", "12") && !matches(r"^\A\d+\z$", "12\n"));
        assert!(
            matches(r"^\s$", "\u{b}") && !matches(r"^\s$", "\u{a0}"),
            "Java's \\s"
        );
        assert!(!matches(r"^.$", "\r") && matches(r"^.$", "é"), "Java's .");
        assert!(matches(r"^[\P{C}]+$", "ab") && !matches(r"^[\P{C}]+$", "\u{1}"));
        assert!(
            matches(r"^[\p{Print}&&[^|:/]]+$", "ab") && !matches(r"^[\p{Print}&&[^|:/]]+$", "a:b")
        );
    }

    #[test]
    fn java_class_syntax() {
        // A `-` after a class escape or a range is a literal.
        assert!(matches(r"^[\w-.~]+$", "a-b.c~"));
        assert!(matches(r"^[\p{Z}-_]+$", "-_ ") && !matches(r"^[\p{Z}-_]+$", "A"));
        assert!(matches(r"^[a-c-e]+$", "-e") && !matches(r"^[a-c-e]+$", "d"));
        // Stacked counts: `x{2}{3}` is `(?:x{2}){3}`.
        assert!(matches(r"^\p{XDigit}{2}{3}$", "abcdef") && !matches(r"^a{2}{3}$", "aaaaa"));
        assert!(matches(r"^\Qa.b\E$", "a.b") && !matches(r"^\Qa.b\E$", "axb"));
    }

    #[test]
    fn surrogate_escapes_mean_supplementary_characters() {
        let xml = r"^[\u0020-\uD7FF\uE000-\uFFFD\uD800\uDBFF-\uDC00\uDFFF\r\n\t]*$";
        assert_eq!(engine(xml), Engine::Linear);
        assert!(matches(xml, "a é\u{e000}😀\n"));
        assert!(!matches(xml, "\u{1}") && !matches(xml, "\u{fffe}") && !matches(xml, "-\u{1}"));
        let range = r"^[\u0020-\uDFFF]$";
        assert!(matches(range, "😀") && matches(range, "\u{d7ff}") && !matches(range, "\u{e000}"));
        assert!(
            matches(r"^\uD83D\uDE00$", "😀"),
            "an escaped pair is one character"
        );
    }

    #[test]
    fn backtracking_features_go_to_the_backtracking_engine() {
        for p in [
            r"(?=a)b",
            r"(a)\1",
            r"^(?!.*--)[a-z-]+$",
            r"^[a-z]+(?<!-)$",
            r"^a++$",
        ] {
            assert_eq!(engine(p), Engine::Backtracking, "{p}");
        }
        assert!(!matches(r"^(?!.*--)[a-z-]+$", "a--b") && matches(r"^(?!.*--)[a-z-]+$", "a-b"));
        assert!(matches(r"^(.)\1$", "aa") && !matches(r"^(.)\1$", "ab"));
        assert!(check(r"[a-").is_err(), "no engine compiles it");
    }
}
