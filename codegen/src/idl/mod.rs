//! Stage 0 for `.smithy` files: the Smithy IDL (2.0, and the 1.0 files older models use).
//!
//! [`parse`] reads one file into an [`IdlFile`]: statements as written, shape ids still
//! relative. Resolving them needs every file of the model (a relative id may name a shape
//! that another file of the same namespace defines), so that happens in [`crate::assemble`],
//! which turns files into [`crate::ast`] shapes.

mod cursor;
mod node;
mod parser;
mod text;

pub use cursor::RelId;
pub use node::Node;
pub use parser::parse;

/// A syntax error: what, and at which byte offset of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub at: usize,
    pub message: String,
}

/// The IDL version a file declares with `$version` (1.0 when absent).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    V1,
    V2,
}

/// One parsed file.
#[derive(Debug, Clone)]
pub struct IdlFile {
    pub version: Version,
    pub metadata: Vec<(String, Node, usize)>,
    pub namespace: Option<String>,
    pub uses: Vec<RelId>,
    pub shapes: Vec<ShapeDef>,
    pub applies: Vec<ApplyDef>,
}

/// `@name` or `@name(value)`; `None` for an annotation (`@name` or `@name()`), whose value
/// depends on the trait's definition.
#[derive(Debug, Clone)]
pub struct TraitApp {
    pub name: RelId,
    pub value: Option<Node>,
}

#[derive(Debug, Clone)]
pub struct MemberDef {
    pub name: String,
    pub at: usize,
    /// `None` for an elided target (`$name`).
    pub target: Option<RelId>,
    pub traits: Vec<TraitApp>,
    /// `= value`: the default, or an enum member's value.
    pub value: Option<(Node, usize)>,
}

#[derive(Debug, Clone)]
pub struct ShapeDef {
    pub name: String,
    pub at: usize,
    /// The JSON AST type name (`structure`, `intEnum`, ...).
    pub kind: &'static str,
    pub traits: Vec<TraitApp>,
    pub mixins: Vec<RelId>,
    pub for_resource: Option<RelId>,
    pub members: Vec<MemberDef>,
    /// Service, resource and operation properties, as written.
    pub properties: Vec<(String, Node)>,
}

/// `apply Target @trait` or `apply Target { @a @b }`.
#[derive(Debug, Clone)]
pub struct ApplyDef {
    pub target: RelId,
    pub traits: Vec<TraitApp>,
}

pub const SIMPLE_TYPES: [&str; 13] = [
    "blob",
    "boolean",
    "string",
    "byte",
    "short",
    "integer",
    "long",
    "float",
    "double",
    "bigInteger",
    "bigDecimal",
    "timestamp",
    "document",
];
