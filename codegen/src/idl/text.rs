//! The text inside quoted strings and text blocks: incidental indentation and escapes.

/// Removes the indentation common to every line that is not blank (the closing delimiter's
/// line always counts) and trailing spaces.
pub(super) fn dedent(body: &str) -> String {
    let body = body.replace("\r\n", "\n");
    let lines: Vec<&str> = body.split('\n').collect();
    let last = lines.len() - 1;
    let indent = lines
        .iter()
        .enumerate()
        .filter(|(i, l)| *i == last || !l.trim().is_empty())
        .map(|(_, l)| l.len() - l.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    let mut out = String::with_capacity(body.len());
    for (i, line) in lines.iter().enumerate() {
        let kept = line.get(indent..).unwrap_or("");
        out.push_str(kept.trim_end_matches([' ', '\t']));
        if i != last {
            out.push('\n');
        }
    }
    out
}

/// Resolves `\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t`, `\uXXXX` (with surrogate pairs)
/// and escaped line breaks.
pub(super) fn unescape(raw: &str) -> Result<String, String> {
    if !raw.contains('\\') && !raw.contains('\r') {
        return Ok(raw.to_string());
    }
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\\' => match chars.next() {
                Some('"') => out.push('"'),
                Some('\\') => out.push('\\'),
                Some('/') => out.push('/'),
                Some('b') => out.push('\u{8}'),
                Some('f') => out.push('\u{c}'),
                Some('n') => out.push('\n'),
                Some('r') => out.push('\r'),
                Some('t') => out.push('\t'),
                Some('\n') => {}
                Some('\r') => {
                    if chars.peek() == Some(&'\n') {
                        chars.next();
                    }
                }
                Some('u') => out.push(unicode_escape(&mut chars)?),
                Some(other) => {
                    return Err(format!("Invalid escape found in string: `\\{other}`"));
                }
                None => return Err("Invalid escape found in string: `\\`".into()),
            },
            c => out.push(c),
        }
    }
    Ok(out)
}

fn hex4(chars: &mut impl Iterator<Item = char>) -> Result<u32, String> {
    let mut value = 0;
    for _ in 0..4 {
        let c = chars
            .next()
            .ok_or("Invalid unclosed unicode escape found in string")?;
        let digit = c
            .to_digit(16)
            .ok_or_else(|| format!("Invalid unicode escape character: `{c}`"))?;
        value = value * 16 + digit;
    }
    Ok(value)
}

fn unicode_escape(chars: &mut std::iter::Peekable<std::str::Chars>) -> Result<char, String> {
    let first = hex4(chars)?;
    if (0xD800..0xDC00).contains(&first) {
        let mut ahead = chars.clone();
        if ahead.next() == Some('\\') && ahead.next() == Some('u') {
            let second = hex4(&mut ahead)?;
            if (0xDC00..0xE000).contains(&second) {
                *chars = ahead;
                let code = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
                return char::from_u32(code).ok_or_else(|| "Invalid surrogate pair".into());
            }
        }
        return Err("Invalid unpaired surrogate in unicode escape".into());
    }
    char::from_u32(first).ok_or_else(|| "Invalid unpaired surrogate in unicode escape".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_surrogate_pairs() {
        assert_eq!(unescape(r#"a\n\"\u00e9\ud83d\ude00"#).unwrap(), "a\n\"é😀");
        assert!(unescape(r"\q").unwrap_err().contains("\\q"));
        assert!(unescape(r"\u12").is_err());
    }
}
