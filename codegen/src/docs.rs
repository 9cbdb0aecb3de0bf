//! `@documentation` is HTML (AWS writes `<p>`, `<code>`, `<a>`, lists); rustdoc wants
//! Markdown. This converts the small subset AWS models use into readable Markdown lines; any
//! other tag is dropped and its text kept.

/// Converts HTML documentation to Markdown lines (no `///` prefix), trimmed of blank edges.
pub fn to_markdown(html: &str) -> Vec<String> {
    let mut out = String::new();
    let mut rest = html;
    let mut link: Option<String> = None;
    let mut in_code = false;
    while let Some(open) = rest.find('<') {
        push_text(&mut out, &rest[..open], in_code);
        let Some(close) = rest[open..].find('>') else {
            push_text(&mut out, &rest[open..], in_code);
            rest = "";
            break;
        };
        let tag = &rest[open + 1..open + close];
        rest = &rest[open + close + 1..];
        let name = tag
            .trim_start_matches('/')
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let closing = tag.starts_with('/');
        match (name.as_str(), closing) {
            // A paragraph right inside a list item stays on the item's line.
            ("p" | "div" | "ul" | "ol" | "dl", _) if !out.ends_with("- ") => out.push_str("\n\n"),
            ("br", _) => out.push('\n'),
            ("li", false) => out.push_str("\n- "),
            ("code", closing) => {
                in_code = !closing;
                out.push('`');
            }
            ("b" | "strong", _) => out.push_str("**"),
            ("i" | "em", _) => out.push('_'),
            ("a", false) => {
                link = attribute(tag, "href");
                if link.is_some() {
                    out.push('[');
                }
            }
            ("a", true) => {
                if let Some(href) = link.take() {
                    out.push_str(&format!("]({href})"));
                }
            }
            _ => {}
        }
    }
    push_text(&mut out, rest, in_code);
    let mut lines: Vec<String> = Vec::new();
    for line in out.lines() {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() && lines.last().is_none_or(|l| l.is_empty()) {
            continue;
        }
        // Keep lists tight: no blank line between two items.
        if line.starts_with("- ") && lines.last().is_some_and(|l| l.is_empty()) {
            let before = lines.len().checked_sub(2).map(|i| &lines[i]);
            if before.is_some_and(|l| l.starts_with("- ")) {
                lines.pop();
            }
        }
        lines.push(line);
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines
}

/// Appends text with HTML entities decoded and Markdown-significant brackets escaped (rustdoc
/// would read `[Foo]` as an intra-doc link).
fn push_text(out: &mut String, text: &str, in_code: bool) {
    let decoded = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&");
    for c in decoded.chars() {
        match c {
            '[' | ']' | '<' | '>' | '*' | '_' if !in_code => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            _ => out.push(c),
        }
    }
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let start = tag.find(&format!("{name}=\""))? + name.len() + 2;
    let end = tag[start..].find('"')?;
    Some(tag[start..start + end].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_the_aws_subset() {
        let md = to_markdown(
            "<p>Set the <code>Id_x</code> for\n   a <a href=\"https://x.y/z\">thing</a>.</p><ul><li><p>one</p></li><li>two &amp; [x]</li></ul>",
        );
        assert_eq!(
            md,
            [
                "Set the `Id_x` for a [thing](https://x.y/z).",
                "",
                "- one",
                "- two & \\[x\\]"
            ]
        );
    }

    #[test]
    fn plain_text_survives() {
        assert_eq!(to_markdown("just text"), ["just text"]);
        assert!(to_markdown("<p></p>").is_empty());
    }
}
