//! `@pattern` values are ECMA-262 regular expressions. Generated code matches them with the
//! `regex` crate, a linear-time engine (no catastrophic backtracking, so no regex denial of
//! service). Patterns that need backtracking features (look-around, back-references) do not
//! compile and are refused by the generator with a diagnostic. Like ECMA-262's
//! `RegExp.prototype.test`, matching is not anchored.
//!
//! One look-around form is common in AWS models and has a linear-time equivalent: a leading
//! `^(?!literal)`, as in `^(?!aws:)[a-zA-Z+-=._:/]+$`. It is split into a forbidden prefix,
//! checked with `starts_with`, and the rest of the pattern.

/// A pattern ready for generated code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RustPattern {
    /// For the `regex` crate.
    pub regex: String,
    /// The value must not start with this (from a leading `^(?!literal)`).
    pub forbidden_prefix: Option<String>,
}

/// Translates an ECMA-262 pattern, or says why it cannot be matched in linear time.
pub fn compile(pattern: &str) -> Result<RustPattern, String> {
    let (regex_source, forbidden_prefix) = match split_negative_prefix(pattern) {
        Some((prefix, rest)) => (format!("^{rest}"), Some(prefix)),
        None => (pattern.to_string(), None),
    };
    let regex = to_rust(&regex_source);
    regex::Regex::new(&regex).map_err(|e| {
        e.to_string()
            .lines()
            .last()
            .unwrap_or_default()
            .trim()
            .to_string()
    })?;
    Ok(RustPattern {
        regex,
        forbidden_prefix,
    })
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

/// Rewrites ECMA-262 syntax into the `regex` crate's dialect; the result is what generated code
/// compiles. ECMA's `\d` and `\w` are ASCII-only (the crate's are Unicode), and ECMA allows
/// escaping `/` (a leftover of `/.../` literals).
pub fn to_rust(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 8);
    let mut chars = pattern.chars();
    let mut in_class = false;
    while let Some(c) = chars.next() {
        match c {
            '[' if !in_class => {
                in_class = true;
                out.push(c);
            }
            ']' if in_class => {
                in_class = false;
                out.push(c);
            }
            '\\' => match (chars.next(), in_class) {
                (Some('/'), _) => out.push('/'),
                (Some('d'), false) => out.push_str("[0-9]"),
                (Some('d'), true) => out.push_str("0-9"),
                (Some('w'), false) => out.push_str("[0-9A-Za-z_]"),
                (Some('w'), true) => out.push_str("0-9A-Za-z_"),
                (Some('D'), false) => out.push_str("[^0-9]"),
                (Some('W'), false) => out.push_str("[^0-9A-Za-z_]"),
                (Some(next), _) => {
                    out.push('\\');
                    out.push(next);
                }
                (None, _) => out.push('\\'),
            },
            _ => out.push(c),
        }
    }
    out
}

/// Ok when generated code will be able to compile the pattern.
pub fn check(pattern: &str) -> Result<(), String> {
    compile(pattern).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(pattern: &str, text: &str) -> bool {
        let p = compile(pattern).unwrap();
        let forbidden = p.forbidden_prefix.is_some_and(|f| text.starts_with(&f));
        !forbidden && regex::Regex::new(&p.regex).unwrap().is_match(text)
    }

    #[test]
    fn leading_negative_lookahead_becomes_a_prefix_check() {
        let p = compile("^(?!aws:)[a-zA-Z+-=._:/]+$").unwrap();
        assert_eq!(p.forbidden_prefix.as_deref(), Some("aws:"));
        assert!(matches("^(?!aws:)[a-zA-Z+-=._:/]+$", "team:x"));
        assert!(!matches("^(?!aws:)[a-zA-Z+-=._:/]+$", "aws:x"));
        assert!(
            check("^(?!a)b|c").is_err(),
            "alternation would change the meaning"
        );
    }

    #[test]
    fn ecma_semantics() {
        assert_eq!(to_rust(r"^a\/b$"), "^a/b$");
        assert!(matches("[a-z]+", "123abc"), "not implicitly anchored");
        assert!(!matches(r"^\d+$", "١٢٣"), "\\d is ASCII-only in ECMA-262");
        assert!(matches(r"^[\w.-]+$", "a_b.c-1"));
        assert!(!matches(r"^\w+$", "é"));
        assert!(matches(r"^[\p{L}\p{N} ._-]+$", "Zoë 42"));
        assert!(check(r"^[*]$|^(managed-thing|credential-locker)$").is_ok());
    }

    #[test]
    fn backtracking_features_are_refused() {
        assert!(check(r"(?=a)b").is_err());
        assert!(check(r"(a)\1").is_err());
        assert!(check(r"[a-").is_err());
    }
}
