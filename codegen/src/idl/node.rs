//! Node values: the JSON-like values of traits, metadata and entity properties, where an
//! unquoted word is a shape id to resolve later.

use super::cursor::{Cursor, PResult, RelId, is_ident_start};

#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Null,
    Bool(bool),
    /// As written, so that the assembler can keep integers integers.
    Number(String),
    String(String),
    /// An unquoted shape id (`MyShape`, `ns#Shape$member`).
    Id(RelId),
    Array(Vec<Node>),
    Object(Vec<(String, Node)>),
}

/// Deeper values than this are refused instead of exhausting the stack.
const MAX_DEPTH: usize = 64;

impl Cursor<'_> {
    pub fn node(&mut self) -> PResult<Node> {
        self.node_at_depth(0)
    }

    fn node_at_depth(&mut self, depth: usize) -> PResult<Node> {
        if depth > MAX_DEPTH {
            return Err(self.error(format!("Node values nest deeper than {MAX_DEPTH} levels")));
        }
        match self.peek() {
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') if self.starts_with("\"\"\"") => self.text_block().map(Node::String),
            Some(b'"') => self.quoted().map(Node::String),
            Some(b'-' | b'0'..=b'9') => Ok(Node::Number(self.number()?.to_string())),
            Some(b) if is_ident_start(b) => {
                let id = self.shape_id()?;
                Ok(match id.text.as_str() {
                    "true" => Node::Bool(true),
                    "false" => Node::Bool(false),
                    "null" => Node::Null,
                    _ => Node::Id(id),
                })
            }
            _ => Err(self.expected(
                "one of LBRACE('{'), LBRACKET('['), TEXT_BLOCK('\"\"\"'), STRING('\"'), \
                 NUMBER, IDENTIFIER;",
            )),
        }
    }

    fn array(&mut self, depth: usize) -> PResult<Node> {
        self.bump();
        self.ws();
        let mut items = Vec::new();
        while !self.eat(b']') {
            if self.eof() {
                return Err(self.expected(
                    "one of STRING('\"'), TEXT_BLOCK('\"\"\"'), NUMBER, IDENTIFIER, \
                     LBRACE('{'), LBRACKET('[');",
                ));
            }
            items.push(self.node_at_depth(depth + 1)?);
            self.ws();
        }
        Ok(Node::Array(items))
    }

    fn object(&mut self, depth: usize) -> PResult<Node> {
        self.bump();
        self.ws();
        let mut entries: Vec<(String, Node)> = Vec::new();
        while !self.eat(b'}') {
            let at = self.pos;
            let key = self.node_key()?;
            if entries.iter().any(|(k, _)| *k == key) {
                return Err(self.error_at(at, format!("Duplicate member of object: `{key}`")));
            }
            self.ws();
            self.expect(b':', "COLON")?;
            self.ws();
            let value = self.node_at_depth(depth + 1)?;
            entries.push((key, value));
            if self.peek() != Some(b'}') {
                self.require_ws()?;
            }
        }
        Ok(Node::Object(entries))
    }

    /// An object key: an identifier or a quoted string (not a text block).
    pub fn node_key(&mut self) -> PResult<String> {
        match self.peek() {
            Some(b'"') if !self.starts_with("\"\"\"") => self.quoted(),
            Some(b) if is_ident_start(b) => Ok(self.identifier()?.to_string()),
            _ => Err(self.expected("one of RBRACE('}'), STRING('\"'), IDENTIFIER;")),
        }
    }
}
