//! Stage 1 for more than one file: JSON AST and IDL files (and the built-in definitions) into
//! one [`Ast`], as Smithy's model assembler does.
//!
//! Every file is parsed first, so that a relative shape id can resolve to a shape another
//! file defines. Then: the same shape defined twice conflicts unless both are identical;
//! metadata merges (lists concatenate, equal values agree, anything else conflicts); members
//! whose target is elided take it from the `for` resource or a mixin; `apply` statements
//! attach their traits; the result is checked for what Smithy refuses at load time (unknown
//! traits and targets, mixins of another type, members that contradict a mixin).

mod builtin;
mod checks;
mod resolve;

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use serde_json::Value;

use crate::ast::{self, Ast, AstShape, UniqueMap};
use crate::diag::{Diagnostic, Diagnostics, LineIndex, Location};
use crate::idl::{self, IdlFile};

/// One model file: its name (for diagnostics; `.json` means JSON AST, anything else IDL) and
/// its text.
#[derive(Debug, Clone)]
pub struct Source {
    pub label: String,
    pub text: String,
}

/// A shape and where it was defined.
pub(crate) struct Placed {
    pub id: String,
    pub shape: AstShape,
    pub location: Option<Location>,
}

/// Traits an `apply` statement attaches to `target` (`ns#Shape` or `ns#Shape$member`).
pub(crate) struct Applied {
    pub target: String,
    pub traits: UniqueMap<Value>,
    pub location: Option<Location>,
}

/// A shape bound to a resource with `for`, whose elided members may come from it.
pub(crate) struct Elided {
    pub shape: String,
    pub resource: String,
}

enum Parsed<'a> {
    /// Built-in files are parsed once per process and borrowed.
    Idl(&'a Source, Cow<'a, IdlFile>),
    Json(Ast),
}

/// A shape in the assembled model.
pub(crate) struct Entry {
    pub shape: AstShape,
    pub location: Option<Location>,
    pub builtin: bool,
}

/// Assembles `sources` (with the built-in definitions) into one model. Everything wrong is
/// reported, each syntax error at its file position, each semantic one naming its shape.
pub fn assemble(sources: &[Source]) -> Result<Ast, Diagnostics> {
    let mut diagnostics = Diagnostics::default();
    let mut parsed: Vec<(Parsed, bool)> = Vec::new();
    for (source, file) in builtin::parsed() {
        match file {
            Ok(file) => parsed.push((Parsed::Idl(source, Cow::Borrowed(file)), true)),
            Err(errors) => syntax_errors(source, errors, &mut diagnostics),
        }
    }
    for source in sources {
        if let Some(file) = parse(source, &mut diagnostics) {
            parsed.push((file, false));
        }
    }
    if !diagnostics.is_empty() {
        // Shapes of a file that did not parse would show up as missing everywhere else.
        return diagnostics.into_result(Ast::default());
    }
    let types = shape_types(&parsed);

    let mut shapes: BTreeMap<String, Entry> = BTreeMap::new();
    let mut metadata = BTreeMap::new();
    let mut applies = Vec::new();
    let mut elided = Vec::new();
    for (file, builtin) in &parsed {
        let out = match file {
            Parsed::Idl(source, idl) => resolve::Resolver {
                label: &source.label,
                text: &source.text,
                file: idl,
                types: &types,
                diagnostics: &mut diagnostics,
                lines: LineIndex::new(&source.text),
            }
            .run(),
            Parsed::Json(ast) => json_shapes(ast),
        };
        for placed in out.shapes {
            add_shape(&mut shapes, placed, *builtin, &mut diagnostics);
        }
        for (key, value, location) in out.metadata {
            if let Err(message) = merge_metadata(&mut metadata, key, value) {
                let mut d = Diagnostic::error(message);
                if let Some(at) = location {
                    d = d.at(at);
                }
                diagnostics.push(d);
            }
        }
        applies.extend(out.applies);
        elided.extend(out.elided);
    }
    checks::inherit_members(&mut shapes, &elided, &mut diagnostics);
    checks::enum_values(&mut shapes, &mut diagnostics);
    for applied in applies {
        checks::apply(&mut shapes, applied, &mut diagnostics);
    }
    checks::check(&shapes, &mut diagnostics);
    let ast = Ast {
        version: "2.0".into(),
        metadata,
        shapes: output_shapes(shapes),
    };
    diagnostics.into_result(ast)
}

fn parse<'a>(source: &'a Source, diagnostics: &mut Diagnostics) -> Option<Parsed<'a>> {
    if source.label.ends_with(".json") {
        return match ast::parse(&source.text) {
            Ok(ast) => Some(Parsed::Json(ast)),
            Err(errors) => {
                for mut d in errors.0 {
                    d.message = format!("{}: {}", source.label, d.message);
                    diagnostics.push(d);
                }
                None
            }
        };
    }
    match idl::parse(&source.text) {
        Ok(file) => Some(Parsed::Idl(source, Cow::Owned(file))),
        Err(errors) => {
            syntax_errors(source, &errors, diagnostics);
            None
        }
    }
}

fn syntax_errors(source: &Source, errors: &[idl::SyntaxError], diagnostics: &mut Diagnostics) {
    let lines = LineIndex::new(&source.text);
    for e in errors {
        let at = lines.location(&source.label, &source.text, e.at);
        diagnostics.push(Diagnostic::error(e.message.clone()).at(at));
    }
}

/// The type of every shape any file defines, before anything is resolved.
fn shape_types(parsed: &[(Parsed, bool)]) -> HashMap<String, &'static str> {
    let mut types = HashMap::new();
    for (file, _) in parsed {
        match file {
            Parsed::Idl(_, idl) => {
                let ns = idl.namespace.as_deref().unwrap_or(resolve::PRELUDE);
                for def in &idl.shapes {
                    types.insert(format!("{ns}#{}", def.name), def.kind);
                }
            }
            Parsed::Json(ast) => {
                for (id, shape) in &ast.shapes {
                    if !matches!(shape, AstShape::Apply(_)) {
                        types.insert(id.clone(), shape.type_name());
                    }
                }
            }
        }
    }
    types
}

fn json_shapes(ast: &Ast) -> resolve::FileShapes {
    let mut out = resolve::FileShapes::default();
    for (id, shape) in &ast.shapes {
        match shape {
            AstShape::Apply(a) => out.applies.push(Applied {
                target: id.clone(),
                traits: a.traits.clone(),
                location: None,
            }),
            other => out.shapes.push(Placed {
                id: id.clone(),
                shape: other.clone(),
                location: None,
            }),
        }
    }
    out.metadata = ast
        .metadata
        .iter()
        .map(|(k, v)| (k.clone(), v.clone(), None))
        .collect();
    out
}

/// Adds a shape; a second definition must be identical, except that a file may replace a
/// built-in definition outside the prelude.
fn add_shape(
    shapes: &mut BTreeMap<String, Entry>,
    placed: Placed,
    builtin: bool,
    diagnostics: &mut Diagnostics,
) {
    let Placed {
        id,
        mut shape,
        location,
    } = placed;
    if let AstShape::Operation(op) = &mut shape {
        // No input or output means `Unit`; say so, as Smithy's own JSON output does.
        for slot in [&mut op.input, &mut op.output] {
            slot.get_or_insert_with(|| ast::Target {
                target: "smithy.api#Unit".into(),
            });
        }
    }
    match shapes.get_mut(&id) {
        None => {
            shapes.insert(
                id,
                Entry {
                    shape,
                    location,
                    builtin,
                },
            );
        }
        Some(existing) if existing.shape == shape => {}
        Some(existing) if existing.builtin && !builtin && !id.starts_with("smithy.api#") => {
            *existing = Entry {
                shape,
                location,
                builtin,
            };
        }
        Some(existing) => {
            let first = existing.location.as_ref().map_or(String::new(), |l| {
                format!(" (first defined at {}:{})", l.file, l.line)
            });
            let mut d =
                Diagnostic::error(format!("conflicting definitions of shape `{id}`{first}"))
                    .shape(&id);
            if let Some(at) = location {
                d = d.at(at);
            }
            diagnostics.push(d);
        }
    }
}

/// Smithy's trait conflict rule: equal values agree, lists concatenate, anything else
/// conflicts.
pub(crate) fn merge_trait(
    traits: &mut UniqueMap<Value>,
    name: String,
    value: Value,
) -> Result<(), String> {
    match traits.get_mut(&name) {
        None => {
            traits.0.push((name, value));
            Ok(())
        }
        Some(existing) => merge_value(existing, value)
            .map_err(|()| format!("conflicting values for trait `{name}`")),
    }
}

/// Metadata merges like traits.
fn merge_metadata(
    metadata: &mut BTreeMap<String, Value>,
    key: String,
    value: Value,
) -> Result<(), String> {
    match metadata.get_mut(&key) {
        None => {
            metadata.insert(key, value);
            Ok(())
        }
        Some(existing) => {
            merge_value(existing, value).map_err(|()| format!("Metadata conflict for key `{key}`"))
        }
    }
}

/// A second value for the same trait or metadata key: equal agrees, lists concatenate.
fn merge_value(existing: &mut Value, value: Value) -> Result<(), ()> {
    match (existing, value) {
        (existing, value) if *existing == value => Ok(()),
        (Value::Array(existing), Value::Array(more)) => {
            existing.extend(more);
            Ok(())
        }
        _ => Err(()),
    }
}

/// The shapes of the given files, plus the built-in shapes outside the prelude that they
/// reach (`smithy.framework#ValidationException`, ...). Prelude shapes stay implicit, as in
/// Smithy's own JSON output.
fn output_shapes(shapes: BTreeMap<String, Entry>) -> BTreeMap<String, AstShape> {
    let mut keep: Vec<&str> = shapes
        .iter()
        .filter(|(_, e)| !e.builtin)
        .map(|(id, _)| id.as_str())
        .collect();
    let mut seen: std::collections::HashSet<&str> = keep.iter().copied().collect();
    let mut next = 0;
    while next < keep.len() {
        let id = keep[next];
        next += 1;
        for target in shapes[id].shape.references() {
            if let Some((known, entry)) = shapes.get_key_value(target)
                && entry.builtin
                && !known.starts_with("smithy.api#")
                && seen.insert(known)
            {
                keep.push(known);
            }
        }
    }
    let keep: std::collections::HashSet<String> = keep.into_iter().map(String::from).collect();
    shapes
        .into_iter()
        .filter(|(id, _)| keep.contains(id))
        .map(|(id, e)| (id, e.shape))
        .collect()
}
