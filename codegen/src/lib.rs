//! Smithy JSON AST 2.0 in, Rust client and server crates out.
//!
//! The generator is a small compiler whose stages are modules, with data flowing one way:
//! [`ast`] (parse) -> [`model`] (resolve) -> [`validate`] -> [`transform`] -> [`ir`] (what to
//! emit, named by [`naming`]) -> [`render`] (askama templates) -> [`write`] (rustfmt, files).

pub mod ast;
pub mod diag;
pub mod http;
pub mod model;
pub mod pattern;
pub mod traits;
pub mod validate;

pub use diag::{Diagnostic, Diagnostics};

/// Parses, resolves and validates a model: everything up to code generation.
pub fn load(text: &str) -> Result<model::Model, Diagnostics> {
    let ast = ast::parse(text)?;
    let model = model::build(&ast)?;
    validate::validate(&model)?;
    Ok(model)
}
