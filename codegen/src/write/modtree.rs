//! The module tree of a rendered crate, as rustfmt would walk it, found without rustfmt.
//!
//! Formatting every file on its own (see [`super::rustfmt`]) is only sound when it formats
//! exactly the files that `rustfmt lib.rs` reaches. This module finds them: the out-of-line
//! `mod name;` declarations of each file (a small lexer that skips comments, strings and
//! character literals), resolved by the default path rules. Anything this cannot place for
//! certain (a declaration inside braces or a macro, a `path` attribute, a module file that is
//! missing or ambiguous) makes [`plan`] return `None`, and the caller formats from the crate
//! roots as before.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::render::RenderedFile;

/// Which files rustfmt formats, and the module names they declare.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Plan {
    /// Indexes into the files, in file order.
    pub formatted: Vec<usize>,
    /// The out-of-line module names each formatted file declares, by index.
    pub children: BTreeMap<usize, Vec<String>>,
}

/// The files reachable from the crate roots (every `lib.rs` and `main.rs`, as rustfmt is
/// given today), or `None` when the tree cannot be known for certain.
pub(super) fn plan(files: &[RenderedFile]) -> Option<Plan> {
    // Every Rust file is scanned (on every core); only the reachable ones are used.
    let decls: Vec<Option<Vec<String>>> = super::par_map(files, |f| {
        if f.path.extension().is_some_and(|e| e == "rs") {
            mod_decls(&f.contents)
        } else {
            Some(Vec::new())
        }
    });
    let index: BTreeMap<&Path, usize> = files
        .iter()
        .enumerate()
        .map(|(i, f)| (f.path.as_path(), i))
        .collect();
    let mut plan = Plan::default();
    let mut pending: Vec<usize> = files
        .iter()
        .enumerate()
        .filter(|(_, f)| is_root(&f.path))
        .map(|(i, _)| i)
        .collect();
    let mut seen: BTreeSet<usize> = pending.iter().copied().collect();
    while let Some(i) = pending.pop() {
        let file = &files[i];
        let names = decls[i].clone()?;
        let dir = child_dir(&file.path)?;
        for name in &names {
            let flat = dir.join(format!("{name}.rs"));
            let nested = dir.join(name).join("mod.rs");
            let child = match (index.get(flat.as_path()), index.get(nested.as_path())) {
                (Some(&c), None) | (None, Some(&c)) => c,
                // Missing or ambiguous: rustfmt reports it; let it, from the roots.
                _ => return None,
            };
            if seen.insert(child) {
                pending.push(child);
            }
        }
        plan.children.insert(i, names);
    }
    plan.formatted = seen.into_iter().collect();
    Some(plan)
}

fn is_root(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n == "lib.rs" || n == "main.rs")
}

/// Where a file's `mod name;` looks: beside a root or `mod.rs`, else in the directory named
/// after the file (`a/b.rs` -> `a/b/`).
fn child_dir(path: &Path) -> Option<PathBuf> {
    let parent = path.parent()?;
    let name = path.file_name()?;
    if is_root(path) || name == "mod.rs" {
        Some(parent.to_path_buf())
    } else {
        Some(parent.join(path.file_stem()?))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token<'a> {
    Ident(&'a str),
    /// `r#name`: never a keyword.
    RawIdent(&'a str),
    Punct(u8),
    /// A literal (string, character, number): only breaks token sequences.
    Literal,
}

/// The names of the out-of-line modules a file declares at its top level, in order, or
/// `None` for a declaration nested in brackets (an inline module, a macro), a `path`
/// attribute, or text the lexer cannot follow.
pub(super) fn mod_decls(text: &str) -> Option<Vec<String>> {
    let mut names = Vec::new();
    let mut stack: Vec<bool> = Vec::new(); // per open bracket: is it an attribute's `[`
    let mut refused = false;
    // The two tokens before the current one; no token list is built (megabytes of text).
    let mut prev = [Token::Literal; 2];
    lex(text, |token| {
        let [before, last] = prev;
        match token {
            Token::Punct(b'[') => stack.push(
                last == Token::Punct(b'#')
                    || (last == Token::Punct(b'!') && before == Token::Punct(b'#')),
            ),
            Token::Punct(b'(' | b'{') => stack.push(false),
            Token::Punct(b')' | b']' | b'}') => refused |= stack.pop().is_none(),
            Token::Punct(b'=') if last == Token::Ident("path") && stack.contains(&true) => {
                refused = true;
            }
            Token::Punct(b';') if before == Token::Ident("mod") => {
                if let Token::Ident(name) | Token::RawIdent(name) = last {
                    // Brackets cannot occur inside `mod name;`: the stack is as it was.
                    refused |= !stack.is_empty();
                    names.push(name.to_string());
                }
            }
            _ => {}
        }
        prev = [last, token];
    })?;
    (!refused && stack.is_empty()).then_some(names)
}

/// Rust tokens, with comments and the contents of literals skipped, passed to `emit` in
/// order. `None` on anything unterminated.
fn lex<'a>(text: &'a str, mut emit: impl FnMut(Token<'a>)) -> Option<()> {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let start = i;
        let c = b[i];
        if c.is_ascii_whitespace() {
            i += 1;
        } else if b[i..].starts_with(b"//") {
            i = memchr(b'\n', b, i).unwrap_or(b.len());
        } else if b[i..].starts_with(b"/*") {
            i = block_comment_end(b, i)?;
        } else if c == b'"' {
            i = quoted_end(b, i + 1, b'"')?;
            emit(Token::Literal);
        } else if c == b'\'' {
            match char_literal_end(text, i) {
                Some(end) => {
                    i = end;
                    emit(Token::Literal);
                }
                // A lifetime or label: the quote, then an identifier.
                None => {
                    i += 1;
                    emit(Token::Punct(b'\''));
                }
            }
        } else if c.is_ascii_digit() {
            i = ident_end(b, i);
            emit(Token::Literal);
        } else if is_ident_start(text, i) {
            i = ident_end(b, i);
            let word = &text[start..i];
            // `r"`, `r#"`, `br##"`...; but `r#name` is a raw identifier.
            let raw_string = matches!(word, "r" | "br" | "cr")
                && (b.get(i) == Some(&b'"')
                    || (b.get(i) == Some(&b'#')
                        && b.get(i + 1).is_some_and(|&n| n == b'#' || n == b'"')));
            if raw_string {
                i = raw_string_end(b, i)?;
                emit(Token::Literal);
            } else if word == "r" && b.get(i) == Some(&b'#') && is_ident_start(text, i + 1) {
                let end = ident_end(b, i + 1);
                emit(Token::RawIdent(&text[i + 1..end]));
                i = end;
            } else if matches!(word, "b" | "c") && b.get(i) == Some(&b'"') {
                i = quoted_end(b, i + 1, b'"')?;
                emit(Token::Literal);
            } else if word == "b" && b.get(i) == Some(&b'\'') {
                i = char_literal_end(text, i)?;
                emit(Token::Literal);
            } else {
                emit(Token::Ident(word));
            }
        } else if c.is_ascii() {
            i += 1;
            emit(Token::Punct(c));
        } else {
            // Non-ASCII outside a literal or comment: not generated code we know.
            return None;
        }
    }
    Some(())
}

fn memchr(needle: u8, b: &[u8], from: usize) -> Option<usize> {
    b[from..]
        .iter()
        .position(|&c| c == needle)
        .map(|p| from + p)
}

fn is_ident_start(text: &str, i: usize) -> bool {
    text.as_bytes()
        .get(i)
        .is_some_and(|&c| c == b'_' || c.is_ascii_alphabetic())
}

fn ident_end(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && (b[i] == b'_' || b[i].is_ascii_alphanumeric()) {
        i += 1;
    }
    i
}

/// Nested `/* */`; the index after the closing `*/`.
fn block_comment_end(b: &[u8], mut i: usize) -> Option<usize> {
    let mut depth = 0usize;
    while i < b.len() {
        if b[i..].starts_with(b"/*") {
            depth += 1;
            i += 2;
        } else if b[i..].starts_with(b"*/") {
            depth -= 1;
            i += 2;
            if depth == 0 {
                return Some(i);
            }
        } else {
            i += 1;
        }
    }
    None
}

/// From just inside an opening quote to just after the closing `quote`, honouring `\`.
fn quoted_end(b: &[u8], mut i: usize, quote: u8) -> Option<usize> {
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            c if c == quote => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// From the `#`s or `"` after `r` to just after the closing `"` and as many `#`s.
fn raw_string_end(b: &[u8], mut i: usize) -> Option<usize> {
    let hashes = b[i..].iter().take_while(|&&c| c == b'#').count();
    i += hashes;
    if b.get(i) != Some(&b'"') {
        return None;
    }
    i += 1;
    loop {
        let quote = memchr(b'"', b, i)?;
        let tail = &b[quote + 1..];
        if tail.len() >= hashes && tail[..hashes].iter().all(|&c| c == b'#') {
            return Some(quote + 1 + hashes);
        }
        i = quote + 1;
    }
}

/// `'x'`, `'\n'`, `'\u{..}'` starting at the quote: the index after
/// the closing quote; `None` when this quote starts a lifetime or label.
fn char_literal_end(text: &str, i: usize) -> Option<usize> {
    let quote = i;
    let rest = &text[quote + 1..];
    let mut chars = rest.char_indices();
    let (_, first) = chars.next()?;
    if first == '\\' {
        return quoted_end(text.as_bytes(), quote + 1, b'\'');
    }
    let (at, second) = chars.next()?;
    (second == '\'').then_some(quote + 1 + at + 1)
}

#[cfg(test)]
mod tests {
    use super::super::tests::file;
    use super::*;

    #[test]
    fn finds_top_level_declarations_only_in_code() {
        let text = r##"
            //! mod in_doc;
            /* mod in_comment; /* nested */ mod still_comment; */
            pub mod a;
            pub(crate) mod r#type ;
            #[cfg(test)] mod tests;
            const S: &str = "mod in_string;";
            const R: &str = r#"mod in_raw; "# ";
            const C: char = '"';
            fn f<'a>(x: &'a str) -> &'a str { x }
            mod b; pub mod c;
        "##;
        assert_eq!(mod_decls(text).unwrap(), ["a", "type", "tests", "b", "c"]);
    }

    #[test]
    fn refuses_what_it_cannot_place() {
        assert_eq!(mod_decls("mod inline { mod x; }"), None);
        assert_eq!(mod_decls("m! { mod x; }"), None);
        assert_eq!(mod_decls("#[path = \"x.rs\"] mod x;"), None);
        assert_eq!(mod_decls("#[cfg_attr(unix, path = \"x.rs\")] mod x;"), None);
        assert_eq!(mod_decls("const S: &str = \"open"), None);
        assert_eq!(mod_decls("fn f() {"), None);
        // `path` as an ordinary name is fine.
        assert_eq!(
            mod_decls("fn f(path: &str) { let path = 1; }").unwrap(),
            Vec::<String>::new()
        );
    }

    #[test]
    fn plans_the_reachable_files() {
        let files = vec![
            file("Cargo.toml", "[package]"),
            file("c/src/lib.rs", "pub mod a;\npub mod b;"),
            file("c/src/a.rs", "pub mod x;"),
            file("c/src/a/x.rs", ""),
            file("c/src/b/mod.rs", ""),
            file("c/src/unused.rs", ""),
            file("c/tests/t.rs", ""),
        ];
        let plan = plan(&files).unwrap();
        assert_eq!(plan.formatted, [1, 2, 3, 4]);
        assert_eq!(plan.children[&1], ["a", "b"]);
        // A declared module with no file, or two candidates: rustfmt decides, from the roots.
        assert_eq!(super::plan(&[file("src/lib.rs", "mod gone;")]), None);
        let both = [
            file("src/lib.rs", "mod a;"),
            file("src/a.rs", ""),
            file("src/a/mod.rs", ""),
        ];
        assert_eq!(super::plan(&both), None);
    }
}
