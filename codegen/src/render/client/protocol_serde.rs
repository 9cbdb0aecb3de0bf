//! `protocol_serde.rs`: the private serde wire forms of every model type, operation body and
//! error, with their conversions to and from the model types.

use askama::Template;

use crate::ir::{Binding, Field, Service, Structure, TypeDef};
use crate::naming;

use super::wire;

#[derive(Template)]
#[template(path = "client/protocol_serde.rs")]
struct ProtocolSerdeTemplate {
    structs: Vec<WireStruct>,
    unions: Vec<WireUnion>,
}

struct WireStruct {
    name: String,
    model: String,
    /// `From<&Model>` for the wire form (request bodies, nested types).
    to_model_wire: bool,
    /// `From<Wire>` for the model type (nested types), or `into_error` for errors.
    from_wire: bool,
    into_error: bool,
    fields: Vec<WireFieldView>,
    /// For errors: the builder and its `.set_x(..)` calls for members bound to headers.
    builder: String,
    header_setters: Vec<String>,
}

struct WireFieldView {
    json: String,
    ident: String,
    ty: String,
    to: String,
    from: String,
    setter: String,
}

struct WireUnion {
    name: String,
    model: String,
    variants: Vec<WireVariant>,
}

struct WireVariant {
    json: String,
    name: String,
    ty: String,
    to: String,
    from: String,
}

fn wire_fields<'a>(fields: impl Iterator<Item = &'a Field>) -> Vec<WireFieldView> {
    fields
        .map(|f| {
            let w = wire::wire_field(
                &f.ty,
                &f.ident,
                f.client_optional,
                f.boxed,
                f.timestamp_format,
            );
            WireFieldView {
                json: f.json_name.clone(),
                ident: f.ident.clone(),
                ty: w.ty,
                to: w.to,
                from: w.from,
                setter: f.setter.clone(),
            }
        })
        .collect()
}

fn body_fields(s: &Structure) -> impl Iterator<Item = &Field> {
    s.fields.iter().filter(|f| f.binding == Binding::Body)
}

pub fn protocol_serde(service: &Service) -> Result<String, askama::Error> {
    let mut structs = Vec::new();
    let mut unions = Vec::new();
    for def in &service.types {
        match def {
            TypeDef::Structure(s) => structs.push(WireStruct {
                name: naming::wire_type(&s.name),
                model: format!("crate::types::{}", s.name),
                to_model_wire: true,
                from_wire: true,
                into_error: false,
                builder: String::new(),
                header_setters: Vec::new(),
                fields: wire_fields(s.fields.iter()),
            }),
            TypeDef::Union(u) => unions.push(WireUnion {
                name: naming::wire_type(&u.name),
                model: format!("crate::types::{}", u.name),
                variants: u
                    .variants
                    .iter()
                    .map(|v| {
                        let (mut wty, to) = wire::to_wire(&v.ty, v.timestamp_format);
                        let from = wire::from_wire(&v.ty);
                        let (to, from) = if v.boxed {
                            wty = format!("Box<{wty}>");
                            (
                                format!("Box::new({})", apply(&to, "&**v", false)),
                                format!("Box::new({})", apply(&from, "*v", false)),
                            )
                        } else {
                            (apply(&to, "v", v.ty.is_copy()), apply(&from, "", false))
                        };
                        WireVariant {
                            json: v.json_name.clone(),
                            name: v.ident.clone(),
                            ty: wty,
                            to,
                            from,
                        }
                    })
                    .collect(),
            }),
            TypeDef::Enum(_) => {}
        }
    }
    for e in &service.errors {
        structs.push(WireStruct {
            name: naming::wire_body(&e.name),
            model: format!("crate::types::error::{}", e.name),
            to_model_wire: false,
            from_wire: false,
            into_error: true,
            fields: wire_fields(body_fields(e)),
            builder: format!(
                "crate::types::error::builders::{}",
                naming::builder(&e.name)
            ),
            header_setters: e
                .fields
                .iter()
                .filter_map(|f| match &f.binding {
                    Binding::Header(name) => Some(format!(
                        ".{}({})",
                        f.setter,
                        wire::parse_header(&f.ty, name, f.timestamp_format)
                    )),
                    _ => None,
                })
                .collect(),
        });
    }
    for op in &service.operations {
        let module = format!("crate::operation::{}", op.names.snake);
        if body_fields(&op.input).next().is_some() {
            structs.push(WireStruct {
                name: naming::wire_body(&op.names.input),
                model: format!("{module}::{}", op.names.input),
                to_model_wire: true,
                from_wire: false,
                into_error: false,
                builder: String::new(),
                header_setters: Vec::new(),
                fields: wire_fields(body_fields(&op.input)),
            });
        }
        if body_fields(&op.output).next().is_some() {
            structs.push(WireStruct {
                name: naming::wire_body(&op.names.output),
                model: format!("{module}::{}", op.names.output),
                to_model_wire: false,
                from_wire: false,
                into_error: false,
                builder: String::new(),
                header_setters: Vec::new(),
                fields: wire_fields(body_fields(&op.output)),
            });
        }
    }
    ProtocolSerdeTemplate { structs, unions }.render()
}

/// A conversion applied to `arg`: a reference for `to` (`v`, `&**v`), or the owned `v` when
/// `arg` is empty (`from`).
fn apply(c: &wire::Conv, arg: &str, copy: bool) -> String {
    let owned = arg.is_empty();
    let arg = if owned { "v" } else { arg };
    match c {
        wire::Conv::Id if owned => "v".into(),
        wire::Conv::Id if copy => format!("*{arg}"),
        wire::Conv::Id => format!("{arg}.clone()"),
        wire::Conv::Fn(p) => format!("{p}({arg})"),
        wire::Conv::Expr(e) if arg == "v" => e.clone(),
        wire::Conv::Expr(e) => format!("{{ let v = {arg}; {e} }}"),
    }
}
