//! The lexical layer of the IDL: a cursor over the bytes of one file that skips whitespace
//! and comments, collects `///` documentation comments, and reads identifiers, shape ids,
//! strings, text blocks and numbers. Every error carries the byte offset it was found at.

use super::SyntaxError;
use super::text::{dedent, unescape};

pub(super) type PResult<T> = Result<T, SyntaxError>;

/// A shape id as written: `Name`, `ns.a#Name`, either with `$member`.
#[derive(Debug, Clone, PartialEq)]
pub struct RelId {
    pub text: String,
    pub at: usize,
}

impl RelId {
    pub fn is_absolute(&self) -> bool {
        self.text.contains('#')
    }

    pub fn has_member(&self) -> bool {
        self.text.contains('$')
    }
}

pub(super) struct Cursor<'a> {
    src: &'a str,
    bytes: &'a [u8],
    pub pos: usize,
    /// `///` lines in the latest run of whitespace.
    docs: Vec<&'a str>,
    /// Where the latest run of whitespace ended: docs count only while nothing came after.
    ws_end: usize,
}

impl<'a> Cursor<'a> {
    pub fn new(src: &'a str) -> Self {
        Cursor {
            src,
            bytes: src.as_bytes(),
            pos: 0,
            docs: Vec::new(),
            ws_end: usize::MAX,
        }
    }

    pub fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    pub fn peek_at(&self, ahead: usize) -> Option<u8> {
        self.bytes.get(self.pos + ahead).copied()
    }

    pub fn eof(&self) -> bool {
        self.pos >= self.bytes.len()
    }

    pub fn starts_with(&self, text: &str) -> bool {
        self.bytes[self.pos..].starts_with(text.as_bytes())
    }

    /// `word` is next and is a whole word (not the start of a longer identifier).
    pub fn at_keyword(&self, word: &str) -> bool {
        self.starts_with(word)
            && !self
                .bytes
                .get(self.pos + word.len())
                .is_some_and(|&b| is_ident_byte(b))
    }

    pub fn error_at(&self, at: usize, message: impl Into<String>) -> SyntaxError {
        SyntaxError {
            at,
            message: message.into(),
        }
    }

    pub fn error(&self, message: impl Into<String>) -> SyntaxError {
        self.error_at(self.pos, message)
    }

    /// `Expected WHAT but found TOKEN` at the cursor.
    pub fn expected(&self, what: &str) -> SyntaxError {
        self.error(format!("Expected {what} but found {}", self.describe()))
    }

    /// Names the token at the cursor the way the reference implementation's messages do.
    pub fn describe(&self) -> String {
        let Some(b) = self.peek() else {
            return "EOF".into();
        };
        let name = match b {
            b'\n' | b'\r' => return "NEWLINE('\\n')".into(),
            b' ' | b'\t' => "SPACE",
            b',' => "COMMA",
            b'{' => "LBRACE",
            b'}' => "RBRACE",
            b'[' => "LBRACKET",
            b']' => "RBRACKET",
            b'(' => "LPAREN",
            b')' => "RPAREN",
            b':' if self.peek_at(1) == Some(b'=') => return "WALRUS(':=')".into(),
            b':' => "COLON",
            b'=' => "EQUAL",
            b'.' => "DOT",
            b'#' => "POUND",
            b'$' => "DOLLAR",
            b'@' => "AT",
            b'"' if self.starts_with("\"\"\"") => return "TEXT_BLOCK('\"\"\"')".into(),
            b'"' => "STRING",
            b'/' if self.starts_with("//") => return "COMMENT".into(),
            b'-' | b'0'..=b'9' => return "NUMBER".into(),
            b if is_ident_start(b) => {
                let end = self.bytes[self.pos..]
                    .iter()
                    .position(|&c| !is_ident_byte(c))
                    .map_or(self.bytes.len(), |n| self.pos + n);
                return format!("IDENTIFIER('{}')", &self.src[self.pos..end]);
            }
            _ => {
                let c = self.src[self.pos..].chars().next().unwrap_or('?');
                return format!("ERROR('{c}')");
            }
        };
        format!("{name}('{}')", b as char)
    }

    /// After a syntax error: on to the next line that starts with a letter or `@`, where a
    /// statement probably begins.
    pub fn skip_to_statement(&mut self) {
        loop {
            match self.bytes[self.pos..].iter().position(|&b| b == b'\n') {
                None => {
                    self.pos = self.bytes.len();
                    return;
                }
                Some(n) => self.pos += n + 1,
            }
            if self
                .peek()
                .is_some_and(|b| b.is_ascii_alphabetic() || b == b'@')
            {
                return;
            }
        }
    }

    /// The text from `start` to the cursor.
    pub fn text_from(&self, start: usize) -> &'a str {
        &self.src[start..self.pos]
    }

    pub fn bump(&mut self) {
        self.pos += 1;
    }

    pub fn eat(&mut self, byte: u8) -> bool {
        if self.peek() == Some(byte) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    pub fn eat_keyword(&mut self, word: &str) -> bool {
        if self.at_keyword(word) {
            self.pos += word.len();
            true
        } else {
            false
        }
    }

    /// Consumes `byte`, or fails with `Expected NAME('byte')`.
    pub fn expect(&mut self, byte: u8, name: &str) -> PResult<()> {
        if byte == b':' && self.starts_with(":=") {
            return Err(self.expected("COLON(':')"));
        }
        if self.eat(byte) {
            Ok(())
        } else {
            Err(self.expected(&format!("{name}('{}')", byte as char)))
        }
    }

    /// Spaces and tabs.
    pub fn sp(&mut self) -> bool {
        let start = self.pos;
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.pos += 1;
        }
        self.pos > start
    }

    /// At least one space or tab.
    pub fn require_sp(&mut self) -> PResult<()> {
        if self.sp() {
            Ok(())
        } else {
            Err(self.expected("SPACE(' ')"))
        }
    }

    /// Whitespace, newlines, commas and comments; returns whether anything was skipped.
    pub fn ws(&mut self) -> bool {
        if self.ws_end != self.pos {
            self.docs.clear();
        }
        let start = self.pos;
        while let Some(b) = self.peek() {
            match b {
                b' ' | b'\t' | b'\n' | b'\r' | b',' => self.pos += 1,
                b'/' if self.peek_at(1) == Some(b'/') => self.comment(),
                _ => break,
            }
        }
        self.ws_end = self.pos;
        self.pos > start
    }

    /// At least one whitespace character, comma or comment.
    pub fn require_ws(&mut self) -> PResult<()> {
        if self.ws() {
            Ok(())
        } else {
            Err(self.error(format!(
                "Expected one or more whitespace characters, but found {}",
                self.describe()
            )))
        }
    }

    /// A line break (newline or comment), optionally preceded by spaces, then any whitespace.
    /// The end of the file counts as one.
    pub fn br(&mut self) -> PResult<()> {
        self.sp();
        match self.peek() {
            None => Ok(()),
            Some(b'\n' | b'\r') => {
                self.ws();
                Ok(())
            }
            Some(b'/') if self.peek_at(1) == Some(b'/') => {
                self.ws();
                Ok(())
            }
            _ => Err(self.error(format!(
                "Expected a line break, but found {}",
                self.describe()
            ))),
        }
    }

    fn comment(&mut self) {
        let start = self.pos;
        let end = self.bytes[start..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(self.bytes.len(), |n| start + n);
        let text = &self.src[start..end];
        // `///` after something on the same line is a plain comment.
        let line_start = self.bytes[..start]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |n| n + 1);
        let alone = self.bytes[line_start..start]
            .iter()
            .all(|&b| b == b' ' || b == b'\t' || b == b',');
        if let Some(doc) = text.strip_prefix("///").filter(|_| alone) {
            self.docs.push(doc.trim_end_matches('\r'));
        }
        self.pos = end;
    }

    /// The documentation comment right before the cursor, if nothing but whitespace separates
    /// them. Smithy removes one leading space from each line.
    pub fn take_docs(&mut self) -> Option<String> {
        if self.ws_end != self.pos || self.docs.is_empty() {
            return None;
        }
        let lines: Vec<&str> = self
            .docs
            .drain(..)
            .map(|l| l.strip_prefix(' ').unwrap_or(l))
            .collect();
        Some(lines.join("\n"))
    }

    /// `[A-Za-z_][A-Za-z0-9_]*`, where a leading run of `_` must be followed by a letter or
    /// digit.
    pub fn identifier(&mut self) -> PResult<&'a str> {
        let start = self.pos;
        match self.peek() {
            Some(b'_') => {
                while self.peek() == Some(b'_') {
                    self.pos += 1;
                }
                if !self.peek().is_some_and(|b| b.is_ascii_alphanumeric()) {
                    let found = self.src[self.pos..].chars().next().map_or_else(
                        || "[EOF]".to_string(),
                        |c| format!("'{}'", c.escape_debug()),
                    );
                    return Err(self.error(format!(
                        "Expected a valid identifier character, but found {found}"
                    )));
                }
            }
            Some(b) if b.is_ascii_alphabetic() => {}
            _ => return Err(self.expected("IDENTIFIER")),
        }
        while self.peek().is_some_and(is_ident_byte) {
            self.pos += 1;
        }
        Ok(&self.src[start..self.pos])
    }

    /// `ident(.ident)*`.
    pub fn namespace(&mut self) -> PResult<&'a str> {
        let start = self.pos;
        self.identifier()?;
        while self.peek() == Some(b'.') {
            self.pos += 1;
            self.identifier()?;
        }
        Ok(&self.src[start..self.pos])
    }

    /// `[namespace#]ident[$ident]`.
    pub fn shape_id(&mut self) -> PResult<RelId> {
        let start = self.pos;
        self.namespace()?;
        if self.eat(b'#') {
            self.identifier()?;
        } else if self.src[start..self.pos].contains('.') {
            return Err(self.expected("POUND('#')"));
        }
        if self.eat(b'$') {
            self.identifier()?;
        }
        Ok(RelId {
            text: self.src[start..self.pos].to_string(),
            at: start,
        })
    }

    /// Skips what could be an object key (a quoted string or an identifier) without reading
    /// it; false when there is none.
    pub fn skip_key(&mut self) -> bool {
        match self.peek() {
            Some(b'"') if !self.starts_with("\"\"\"") => self.delimited("\"").is_ok(),
            Some(b) if is_ident_start(b) => {
                while self.peek().is_some_and(is_ident_byte) {
                    self.pos += 1;
                }
                true
            }
            _ => false,
        }
    }

    /// The raw text between `quote` and the next unescaped `quote`, both consumed.
    fn delimited(&mut self, quote: &str) -> PResult<&'a str> {
        self.pos += quote.len();
        let body_start = self.pos;
        loop {
            match self.peek() {
                None => return Err(self.error("Expected: '\"', but found '[EOF]'")),
                Some(b'"') if self.starts_with(quote) => break,
                Some(b'\\') => self.pos = (self.pos + 2).min(self.bytes.len()),
                Some(_) => self.pos += 1,
            }
        }
        let raw = &self.src[body_start..self.pos];
        self.pos += quote.len();
        Ok(raw)
    }

    /// `"..."` with JSON-style escapes and escaped newlines.
    pub fn quoted(&mut self) -> PResult<String> {
        let start = self.pos;
        let raw = self.delimited("\"")?;
        unescape(raw).map_err(|m| self.error_at(start, format!("Error parsing quoted string: {m}")))
    }

    /// `"""` newline ... `"""`, with incidental indentation removed as the spec says.
    pub fn text_block(&mut self) -> PResult<String> {
        let start = self.pos;
        let raw = self.delimited("\"\"\"")?;
        let fail = |m: String| self.error_at(start, format!("Error parsing text block: {m}"));
        if raw.is_empty() {
            return Err(fail("Text block is empty".into()));
        }
        let Some(body) = raw.strip_prefix('\n').or_else(|| raw.strip_prefix("\r\n")) else {
            return Err(fail("Text block must start with a new line".into()));
        };
        unescape(&dedent(body)).map_err(fail)
    }

    /// A JSON number, returned as written.
    pub fn number(&mut self) -> PResult<&'a str> {
        let start = self.pos;
        let digits = |c: &mut Self| {
            let s = c.pos;
            while c.peek().is_some_and(|b| b.is_ascii_digit()) {
                c.pos += 1;
            }
            c.pos > s
        };
        let invalid = |c: &Self, why: &str| {
            let end = c.pos.min(c.src.len());
            c.error_at(
                start,
                format!("Invalid number '{}': {why}", &c.src[start..end]),
            )
        };
        self.eat(b'-');
        if !digits(self) {
            return Err(invalid(self, "'-' must be followed by a digit"));
        }
        if self.eat(b'.') && !digits(self) {
            return Err(invalid(self, "'.' must be followed by a digit"));
        }
        if self.eat(b'e') || self.eat(b'E') {
            if !self.eat(b'+') {
                self.eat(b'-');
            }
            if !digits(self) {
                return Err(invalid(
                    self,
                    "'e', '+', and '-' must be followed by a digit",
                ));
            }
        }
        Ok(&self.src[start..self.pos])
    }
}

pub(super) fn is_ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}

pub(super) fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_block_drops_incidental_indentation() {
        let mut c = Cursor::new("\"\"\"\n    a\n      b  \n\n    c\n    \"\"\"");
        assert_eq!(c.text_block().unwrap(), "a\n  b\n\nc\n");
        let mut c = Cursor::new("\"\"\"\n  x\\\n  y\"\"\"");
        assert_eq!(c.text_block().unwrap(), "xy");
    }

    #[test]
    fn numbers_and_their_errors() {
        assert_eq!(Cursor::new("-1.5e+3 ").number().unwrap(), "-1.5e+3");
        for bad in ["1.", "1.0e", "-", "1e+"] {
            let err = Cursor::new(bad).number().unwrap_err();
            assert_eq!(err.at, 0, "{bad}");
        }
    }

    #[test]
    fn docs_only_when_adjacent() {
        let mut c = Cursor::new("/// a\n/// b\nx\n  /// c\ny /// same line\nz");
        c.ws();
        assert_eq!(c.take_docs().as_deref(), Some("a\nb"));
        c.identifier().unwrap();
        c.ws();
        assert_eq!(c.take_docs().as_deref(), Some("c"));
        c.identifier().unwrap();
        assert_eq!(c.take_docs(), None);
        // After something on the same line, `///` is a plain comment.
        c.ws();
        assert_eq!(c.take_docs(), None);
    }
}
