//! The statements of an IDL file, read by recursive descent over [`Cursor`]. The grammar and
//! the places where a line break or whitespace is required follow the Smithy 2.0 IDL ABNF.

use super::cursor::{Cursor, PResult, RelId};
use super::node::Node;
use super::{ApplyDef, IdlFile, MemberDef, SIMPLE_TYPES, ShapeDef, SyntaxError, TraitApp, Version};

const DOCUMENTATION: &str = "smithy.api#documentation";

const OTHER_TYPES: [&str; 10] = [
    "structure",
    "union",
    "list",
    "set",
    "map",
    "enum",
    "intEnum",
    "service",
    "resource",
    "operation",
];

/// Shape statements after this many syntax errors in one file are not read.
const MAX_ERRORS: usize = 25;

/// Parses one IDL file. A syntax error in a shape or `apply` statement skips to the next line
/// that starts a statement (a letter or `@` in the first column) so that later errors are
/// reported too; one before the shapes ends the parse.
pub fn parse(text: &str) -> Result<IdlFile, Vec<SyntaxError>> {
    let mut parser = Parser {
        c: Cursor::new(text),
        file: IdlFile {
            version: Version::V1,
            metadata: Vec::new(),
            namespace: None,
            uses: Vec::new(),
            shapes: Vec::new(),
            applies: Vec::new(),
        },
        input_suffix: "Input".into(),
        output_suffix: "Output".into(),
    };
    let errors = match parser.preamble() {
        Ok(()) => parser.statements(),
        Err(e) => vec![e],
    };
    if errors.is_empty() {
        Ok(parser.file)
    } else {
        Err(errors)
    }
}

struct Parser<'a> {
    c: Cursor<'a>,
    file: IdlFile,
    input_suffix: String,
    output_suffix: String,
}

impl<'a> Parser<'a> {
    fn v2(&self) -> bool {
        self.file.version == Version::V2
    }

    /// Control statements, metadata, `namespace` and `use`.
    fn preamble(&mut self) -> PResult<()> {
        self.c.ws();
        self.control_section()?;
        while self.c.at_keyword("metadata") {
            self.metadata_statement()?;
        }
        if self.c.eof() {
            return Ok(());
        }
        if !self.c.eat_keyword("namespace") {
            return Err(self.c.expected("a namespace definition"));
        }
        self.c.require_sp()?;
        self.file.namespace = Some(self.c.namespace()?.to_string());
        self.c.br()?;
        while self.c.at_keyword("use") {
            self.use_statement()?;
        }
        Ok(())
    }

    /// Shape and `apply` statements, each ended by a line break; the syntax errors found.
    fn statements(&mut self) -> Vec<SyntaxError> {
        let mut errors = Vec::new();
        while !self.c.eof() && errors.len() < MAX_ERRORS {
            if let Err(e) = self.shape_or_apply().and_then(|()| self.c.br()) {
                errors.push(e);
                self.c.skip_to_statement();
            }
        }
        errors
    }

    fn control_section(&mut self) -> PResult<()> {
        let mut seen = Vec::new();
        while self.c.eat(b'$') {
            let key = self.c.node_key()?;
            self.c.sp();
            self.c.expect(b':', "COLON")?;
            self.c.sp();
            let at = self.c.pos;
            let value = self.c.node()?;
            if seen.contains(&key) {
                return Err(self
                    .c
                    .error_at(at, format!("Duplicate control statement `{key}`")));
            }
            self.control(&key, value, at)?;
            seen.push(key);
            self.c.br()?;
        }
        Ok(())
    }

    fn control(&mut self, key: &str, value: Node, at: usize) -> PResult<()> {
        let text = |what: &str| match &value {
            Node::String(s) => Ok(s.clone()),
            other => Err(self.c.error_at(
                at,
                format!(
                    "The ${what} control statement must have a string value, but found {other:?}"
                ),
            )),
        };
        match key {
            "version" => {
                let version = text("version")?;
                self.file.version = match version.as_str() {
                    "1" | "1.0" => Version::V1,
                    "2" | "2.0" => Version::V2,
                    _ => {
                        return Err(self
                            .c
                            .error(format!("Unsupported Smithy version number: {version}")));
                    }
                };
            }
            "operationInputSuffix" => self.input_suffix = text(key)?,
            "operationOutputSuffix" => self.output_suffix = text(key)?,
            // Unknown control statements are ignored, as the specification says.
            _ => {}
        }
        Ok(())
    }

    fn metadata_statement(&mut self) -> PResult<()> {
        self.c.eat_keyword("metadata");
        self.c.require_sp()?;
        let at = self.c.pos;
        let key = self.c.node_key()?;
        self.c.sp();
        self.c.expect(b'=', "EQUAL")?;
        self.c.sp();
        let value = self.c.node()?;
        self.file.metadata.push((key, value, at));
        self.c.br()
    }

    fn use_statement(&mut self) -> PResult<()> {
        self.c.eat_keyword("use");
        self.c.require_sp()?;
        let at = self.c.pos;
        self.c.namespace()?;
        self.c.expect(b'#', "POUND")?;
        self.c.identifier()?;
        if self.c.peek() == Some(b'$') {
            return Err(self.c.error_at(at, "Use statements cannot use members"));
        }
        self.file.uses.push(RelId {
            text: self.c.text_from(at).to_string(),
            at,
        });
        self.c.br()
    }

    fn shape_or_apply(&mut self) -> PResult<()> {
        let docs = self.c.take_docs();
        let mut traits = docs_trait(docs, self.c.pos);
        let explicit = self.traits()?;
        let has_explicit = !explicit.is_empty();
        traits.extend(explicit);
        let at = self.c.pos;
        let word = match self.c.identifier() {
            Ok(word) => word,
            Err(_) if self.c.peek().is_some() => return Err(self.c.expected("IDENTIFIER")),
            Err(e) => return Err(e),
        };
        if word == "apply" {
            if has_explicit {
                return Err(self.c.error_at(at, "Traits applied to apply statement"));
            }
            return self.apply();
        }
        let Some(kind) = SIMPLE_TYPES
            .iter()
            .chain(&OTHER_TYPES)
            .find(|t| **t == word)
        else {
            return Err(self.c.error_at(at, format!("Unknown shape type: {word}")));
        };
        match *kind {
            "structure" | "union" | "list" | "map" => self.aggregate(kind, traits, at),
            "enum" | "intEnum" => self.enum_shape(kind, traits, at),
            "service" | "resource" | "operation" => self.entity(kind, traits, at),
            "set" if self.v2() => Err(self
                .c
                .error_at(at, "set shapes cannot be used in Smithy version 2.0")),
            "set" => self.aggregate(kind, traits, at),
            _ => self.simple(kind, traits, at),
        }
    }

    /// Trait applications, each followed by optional whitespace.
    fn traits(&mut self) -> PResult<Vec<TraitApp>> {
        let mut traits = Vec::new();
        while self.c.peek() == Some(b'@') {
            traits.push(self.one_trait()?);
            self.c.ws();
        }
        Ok(traits)
    }

    /// `@name` with its body, if any.
    fn one_trait(&mut self) -> PResult<TraitApp> {
        self.c.bump();
        let name = self.c.shape_id()?;
        let value = if self.c.peek() == Some(b'(') {
            self.trait_body()?
        } else {
            None
        };
        Ok(TraitApp { name, value })
    }

    /// `(value)`, `(key: value, ...)` or `()`.
    fn trait_body(&mut self) -> PResult<Option<Node>> {
        self.c.bump();
        self.c.ws();
        if self.c.eat(b')') {
            return Ok(None);
        }
        let start = self.c.pos;
        let is_key = self.c.skip_key() && {
            self.c.ws();
            self.c.peek() == Some(b':') && self.c.peek_at(1) != Some(b'=')
        };
        self.c.pos = start;
        let value = if is_key {
            let mut entries: Vec<(String, Node)> = Vec::new();
            while self.c.peek() != Some(b')') {
                let at = self.c.pos;
                let key = self.c.node_key()?;
                if entries.iter().any(|(k, _)| *k == key) {
                    return Err(self
                        .c
                        .error_at(at, format!("Duplicate member of object: `{key}`")));
                }
                self.c.ws();
                self.c.expect(b':', "COLON")?;
                self.c.ws();
                entries.push((key, self.c.node()?));
                self.c.ws();
            }
            Node::Object(entries)
        } else {
            let value = self.c.node()?;
            self.c.ws();
            value
        };
        self.c.expect(b')', "RPAREN")?;
        Ok(Some(value))
    }

    fn shape(&self, kind: &'static str, name: &str, at: usize, traits: Vec<TraitApp>) -> ShapeDef {
        ShapeDef {
            name: name.to_string(),
            at,
            kind,
            traits,
            mixins: Vec::new(),
            for_resource: None,
            members: Vec::new(),
            properties: Vec::new(),
        }
    }

    fn simple(&mut self, kind: &'static str, traits: Vec<TraitApp>, at: usize) -> PResult<()> {
        self.c.require_sp()?;
        let name = self.c.identifier()?;
        let mut shape = self.shape(kind, name, at, traits);
        shape.mixins = self.mixins()?;
        self.file.shapes.push(shape);
        Ok(())
    }

    /// `with [A B]` on the same line, if present.
    fn mixins(&mut self) -> PResult<Vec<RelId>> {
        let before = self.c.pos;
        self.c.sp();
        if !self.c.at_keyword("with") {
            self.c.pos = before;
            return Ok(Vec::new());
        }
        if !self.v2() {
            return Err(self.c.error(
                "Mixins can only be used with Smithy version 2 or later. Attempted to use \
                 mixins with version `1.0`.",
            ));
        }
        self.c.eat_keyword("with");
        self.c.ws();
        self.c.expect(b'[', "LBRACKET")?;
        self.c.ws();
        let mut mixins = vec![self.c.shape_id()?];
        self.c.ws();
        while !self.c.eat(b']') {
            mixins.push(self.c.shape_id()?);
            self.c.ws();
        }
        Ok(mixins)
    }

    /// `for Resource` on the same line, if present.
    fn for_resource(&mut self) -> PResult<Option<RelId>> {
        let before = self.c.pos;
        self.c.sp();
        if !self.c.eat_keyword("for") {
            self.c.pos = before;
            return Ok(None);
        }
        self.c.require_sp()?;
        Ok(Some(self.c.shape_id()?))
    }

    fn aggregate(&mut self, kind: &'static str, traits: Vec<TraitApp>, at: usize) -> PResult<()> {
        self.c.require_sp()?;
        let name = self.c.identifier()?;
        let mut shape = self.shape(kind, name, at, traits);
        shape.for_resource = self.for_resource()?;
        shape.mixins = self.mixins()?;
        self.c.ws();
        shape.members = self.members()?;
        self.file.shapes.push(shape);
        Ok(())
    }

    /// `{ member... }` of a structure, union, list or map.
    fn members(&mut self) -> PResult<Vec<MemberDef>> {
        self.c.expect(b'{', "LBRACE")?;
        self.c.ws();
        let mut members: Vec<MemberDef> = Vec::new();
        while !self.c.eat(b'}') {
            let at = self.c.pos;
            let mut traits = docs_trait(self.c.take_docs(), at);
            traits.extend(self.traits()?);
            let name_at = self.c.pos;
            let target = if self.c.eat(b'$') {
                if !self.v2() {
                    return Err(self.c.error_at(
                        name_at,
                        "Members can only elide targets in IDL version 2 or later",
                    ));
                }
                None
            } else {
                Some(())
            };
            let name = self.c.identifier()?.to_string();
            let target = match target {
                Some(()) => {
                    self.c.sp();
                    self.c.expect(b':', "COLON")?;
                    self.c.sp();
                    Some(self.c.shape_id()?)
                }
                None => None,
            };
            let value = self.value_assignment()?;
            if members.iter().any(|m| m.name == name) {
                return Err(self
                    .c
                    .error_at(at, format!("Found conflicting member name, `{name}`")));
            }
            members.push(MemberDef {
                name,
                at: name_at,
                target,
                traits,
                value,
            });
            self.c.ws();
        }
        Ok(members)
    }

    /// `= value` after a member, which must end its line.
    fn value_assignment(&mut self) -> PResult<Option<(Node, usize)>> {
        let before = self.c.pos;
        self.c.sp();
        if self.c.peek() != Some(b'=') {
            self.c.pos = before;
            return Ok(None);
        }
        let at = self.c.pos;
        if !self.v2() {
            return Err(self
                .c
                .error("@default assignment is only supported in IDL version 2 or later"));
        }
        self.c.bump();
        self.c.sp();
        let value = self.c.node()?;
        self.c.sp();
        self.c.eat(b',');
        self.c.br()?;
        Ok(Some((value, at)))
    }

    fn enum_shape(&mut self, kind: &'static str, traits: Vec<TraitApp>, at: usize) -> PResult<()> {
        if !self.v2() {
            return Err(self.c.error_at(
                at,
                format!("{kind} shapes cannot be used in Smithy version 1.0"),
            ));
        }
        self.c.require_sp()?;
        let name = self.c.identifier()?;
        let mut shape = self.shape(kind, name, at, traits);
        shape.mixins = self.mixins()?;
        self.c.ws();
        self.c.expect(b'{', "LBRACE")?;
        self.c.ws();
        while !self.c.eat(b'}') {
            let member_at = self.c.pos;
            let mut traits = docs_trait(self.c.take_docs(), member_at);
            traits.extend(self.traits()?);
            let name_at = self.c.pos;
            let name = self.c.identifier()?.to_string();
            let value = self.value_assignment()?;
            if shape.members.iter().any(|m| m.name == name) {
                return Err(self.c.error_at(
                    member_at,
                    format!("Found conflicting member name, `{name}`"),
                ));
            }
            shape.members.push(MemberDef {
                name,
                at: name_at,
                target: None,
                traits,
                value,
            });
            self.c.ws();
        }
        self.file.shapes.push(shape);
        Ok(())
    }

    fn entity(&mut self, kind: &'static str, traits: Vec<TraitApp>, at: usize) -> PResult<()> {
        self.c.require_sp()?;
        let name = self.c.identifier()?.to_string();
        let mut shape = self.shape(kind, &name, at, traits);
        shape.mixins = self.mixins()?;
        self.c.ws();
        if kind == "operation" {
            shape.properties = self.operation_body(&name)?;
        } else {
            let body_at = self.c.pos;
            if self.c.peek() != Some(b'{') {
                return Err(self.c.expected("LBRACE('{')"));
            }
            match self.c.node()? {
                Node::Object(entries) => shape.properties = entries,
                _ => return Err(self.c.error_at(body_at, "Expected an object")),
            }
        }
        self.file.shapes.push(shape);
        Ok(())
    }

    /// `{ input: X output := {...} errors: [...] }`; inline structures become shapes of their
    /// own named after the operation.
    fn operation_body(&mut self, operation: &str) -> PResult<Vec<(String, Node)>> {
        self.c.expect(b'{', "LBRACE")?;
        self.c.ws();
        let mut properties: Vec<(String, Node)> = Vec::new();
        while !self.c.eat(b'}') {
            let at = self.c.pos;
            let key = self.c.identifier()?.to_string();
            if properties.iter().any(|(k, _)| *k == key) {
                return Err(self.c.error_at(
                    at,
                    format!("Duplicate operation {key} property for `{operation}`"),
                ));
            }
            self.c.ws();
            let value = if matches!(key.as_str(), "input" | "output") && self.c.starts_with(":=") {
                if !self.v2() {
                    return Err(self.c.error(
                        "Inlined operation inputs and outputs can only be used with Smithy \
                         version 2 or later. Attempted to use inlined IO with version `1.0`.",
                    ));
                }
                self.c.bump();
                self.c.bump();
                self.inline_structure(operation, &key)?
            } else {
                self.c.expect(b':', "COLON")?;
                self.c.ws();
                self.c.node()?
            };
            properties.push((key, value));
            if self.c.peek() != Some(b'}') {
                self.c.require_ws()?;
            }
        }
        Ok(properties)
    }

    fn inline_structure(&mut self, operation: &str, role: &str) -> PResult<Node> {
        self.c.ws();
        let at = self.c.pos;
        let mut traits = docs_trait(self.c.take_docs(), at);
        traits.extend(self.traits()?);
        let (suffix, marker) = if role == "input" {
            (self.input_suffix.clone(), "smithy.api#input")
        } else {
            (self.output_suffix.clone(), "smithy.api#output")
        };
        traits.push(TraitApp {
            name: RelId {
                text: marker.into(),
                at,
            },
            value: None,
        });
        let name = format!("{operation}{suffix}");
        let mut shape = self.shape("structure", &name, at, traits);
        shape.for_resource = self.for_resource()?;
        shape.mixins = self.mixins()?;
        self.c.ws();
        shape.members = self.members()?;
        self.file.shapes.push(shape);
        Ok(Node::Id(RelId { text: name, at }))
    }

    fn apply(&mut self) -> PResult<()> {
        self.c.require_sp()?;
        let target = self.c.shape_id()?;
        self.c.require_ws()?;
        let traits = match self.c.peek() {
            Some(b'@') => vec![self.one_trait()?],
            Some(b'{') => {
                self.c.bump();
                self.c.ws();
                let traits = self.traits()?;
                self.c.expect(b'}', "RBRACE")?;
                traits
            }
            _ => return Err(self.c.expected("one of AT('@'), LBRACE('{');")),
        };
        self.file.applies.push(ApplyDef { target, traits });
        Ok(())
    }
}

/// A `///` comment as a `@documentation` trait.
fn docs_trait(docs: Option<String>, at: usize) -> Vec<TraitApp> {
    docs.map(|text| TraitApp {
        name: RelId {
            text: DOCUMENTATION.into(),
            at,
        },
        value: Some(Node::String(text)),
    })
    .into_iter()
    .collect()
}
