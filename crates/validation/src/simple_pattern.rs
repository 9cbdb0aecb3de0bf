//! Matching the commonest `@pattern` shapes without the regex engine.
//!
//! Most model patterns are one of two forms: a whole value drawn from an ASCII character class
//! (`^[a-zA-Z0-9_-]+$`) or a fixed set of whole values (`^[*]$|^(a|b|c)$`). The `regex` crate
//! answers those correctly but costs several hundred instructions per call (its lazy DFA and
//! search setup); a byte loop or a few string compares give the same answer. Only a
//! deliberately small subset is recognised: ASCII letters, digits and a few punctuation marks
//! that mean themselves, no escapes, no flags, anchored at both ends (the `regex` crate's `$`
//! without the `m` flag is the very end of the text). Anything else returns `None` and keeps
//! using the regex.

/// A pattern the byte-level matcher handles, equivalent to the regex it was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SimplePattern {
    /// The pattern matches when any branch matches.
    branches: Vec<Branch>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Branch {
    /// `^literal$`: the whole value.
    Exact(String),
    /// `^[class]*$` or `^[class]+$`: every character in an ASCII class.
    Class {
        allowed: [bool; 128],
        non_empty: bool,
    },
}

impl SimplePattern {
    /// Recognise `regex` (already in the `regex` crate's dialect), or `None`.
    pub(crate) fn parse(regex: &str) -> Option<Self> {
        let mut branches = Vec::new();
        for branch in split_top_level(regex)? {
            let inner = branch.strip_prefix('^')?.strip_suffix('$')?;
            parse_branch(inner, &mut branches)?;
        }
        Some(SimplePattern { branches })
    }

    pub(crate) fn is_match(&self, value: &str) -> bool {
        self.branches.iter().any(|branch| match branch {
            Branch::Exact(text) => value == text,
            Branch::Class { allowed, non_empty } => {
                (!*non_empty || !value.is_empty())
                    && value
                        .bytes()
                        .all(|b| allowed.get(usize::from(b)).copied().unwrap_or(false))
            }
        })
    }
}

/// Split on `|` outside parentheses; `None` for nested or flagged groups.
fn split_top_level(regex: &str) -> Option<Vec<&str>> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0usize, 0usize);
    let bytes = regex.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'(' if depth == 0 && bytes.get(i + 1) != Some(&b'?') => depth = 1,
            b'(' => return None,
            b')' if depth == 1 => depth = 0,
            b')' => return None,
            b'|' if depth == 0 => {
                parts.push(&regex[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    (depth == 0).then_some(())?;
    parts.push(&regex[start..]);
    Some(parts)
}

fn parse_branch(inner: &str, branches: &mut Vec<Branch>) -> Option<()> {
    if let Some(group) = inner.strip_prefix('(').and_then(|g| g.strip_suffix(')')) {
        for literal in group.split('|') {
            branches.push(Branch::Exact(literal_text(literal)?));
        }
        return Some(());
    }
    if let Some(rest) = inner.strip_prefix('[') {
        let repeated = (rest.strip_suffix("]*").map(|class| (class, false)))
            .or_else(|| rest.strip_suffix("]+").map(|class| (class, true)));
        if let Some((class, non_empty)) = repeated {
            branches.push(Branch::Class {
                allowed: class_members(class)?,
                non_empty,
            });
            return Some(());
        }
        // `[c]`: one character that means itself.
        let mut chars = rest.strip_suffix(']')?.chars();
        let c = chars.next().filter(|c| is_class_literal(*c))?;
        chars.next().is_none().then_some(())?;
        branches.push(Branch::Exact(c.to_string()));
        return Some(());
    }
    branches.push(Branch::Exact(literal_text(inner)?));
    Some(())
}

/// Text that means itself outside a class (no metacharacters).
fn literal_text(text: &str) -> Option<String> {
    let plain =
        |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '/' | '@' | ',' | '=');
    (!text.is_empty() && text.chars().all(plain)).then(|| text.to_owned())
}

/// A character that means itself inside a class (`-` is handled by position).
fn is_class_literal(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '*' | '+' | '=' | '_' | '.' | ':' | '/' | '@' | ',')
}

/// The members of a class body such as `a-zA-Z0-9=_-`: literals, ranges within one of
/// digits / lower case / upper case, `-` first or last.
fn class_members(class: &str) -> Option<[bool; 128]> {
    let chars: Vec<char> = class.chars().collect();
    if chars.is_empty() {
        return None;
    }
    let mut allowed = [false; 128];
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let range_end = chars.get(i + 2).filter(|_| chars.get(i + 1) == Some(&'-'));
        if let Some(&end) = range_end {
            let same_kind = (c.is_ascii_digit() && end.is_ascii_digit())
                || (c.is_ascii_lowercase() && end.is_ascii_lowercase())
                || (c.is_ascii_uppercase() && end.is_ascii_uppercase());
            if !same_kind || c > end {
                return None;
            }
            for b in (c as u8)..=(end as u8) {
                allowed[usize::from(b)] = true;
            }
            i += 3;
            continue;
        }
        let dash_at_edge = c == '-' && (i == 0 || i == chars.len() - 1);
        if !(is_class_literal(c) || dash_at_edge) {
            return None;
        }
        allowed[c as usize] = true;
        i += 1;
    }
    Some(allowed)
}

#[cfg(test)]
mod tests {
    use super::SimplePattern;

    const RECOGNISED: &[&str] = &[
        "^[a-zA-Z0-9+*]*$",
        "^[a-zA-Z0-9=_-]+$",
        "^[*]$|^(managed-thing|credential-locker|provisioning-profile|ota-task)$",
        "^[-a-z0-9]+$",
        "^[0-9A-Za-z_]+$",
        "^[a-z:]+$",
        "^a/b$",
        "^(ON|OFF)$",
    ];

    const NOT_RECOGNISED: &[&str] = &[
        "[0-9]+",
        "^[0-9]+",
        "^[^a]+$",
        r"^[\p{L}\p{N} ._-]+$",
        "^[a--z]+$",
        "^[a&&b]+$",
        "^[a-Z]+$",
        "^[z-a]+$",
        "^(?i)abc$",
        "^(?:a|b)$",
        "^((a))$",
        "^a.b$",
        "^[a-z]{1,3}$",
        "^[a-z]+$|x",
        "^$",
        "^[]+$",
        "^[*]]$",
        "^[aé$",
        "^[é]+$",
    ];

    /// Every recognised pattern answers like the regex it replaces.
    #[test]
    fn agrees_with_the_regex() {
        let samples = [
            "",
            "a",
            "A",
            "abc",
            "ABC123",
            "a-b",
            "a_b",
            "a=b",
            "a+b",
            "a*b",
            "*",
            "**",
            "-",
            "managed-thing",
            "managed-thing ",
            "managed-thingx",
            "ota-task",
            "ON",
            "OFF",
            "on",
            "a/b",
            "a:b",
            "é",
            "aé",
            "a\n",
            "\na",
            "a b",
            "a.b",
            "0",
            "9z",
            "credential-locker",
        ];
        for pattern in RECOGNISED {
            let simple = SimplePattern::parse(pattern).expect(pattern);
            let regex = regex::Regex::new(pattern).unwrap();
            for s in samples {
                assert_eq!(simple.is_match(s), regex.is_match(s), "{pattern} on {s:?}");
            }
        }
    }

    #[test]
    fn anything_else_stays_with_the_regex() {
        for pattern in NOT_RECOGNISED {
            assert_eq!(SimplePattern::parse(pattern), None, "{pattern}");
        }
    }
}
