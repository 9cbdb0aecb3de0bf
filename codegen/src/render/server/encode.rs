//! `ToJson` for every model type and error, `ModeledError` and a `new(message)` constructor
//! for every error shape.

use crate::ir::ShapeKind;
use crate::ir::TimestampFormat;
use crate::ir::{Binding, Field, Service, Structure, TypeDef};

use super::decode::format_path;
use super::operation::{header_statements, insert_member};

/// The JSON of a value `var` (a reference) of member `f`.
pub fn json_value(f: &Field, var: &str) -> String {
    match (f.target_kind, f.timestamp_format) {
        (ShapeKind::Timestamp, Some(format)) if format != TimestampFormat::EpochSeconds => {
            format!("encode::timestamp({var}, {})", format_path(format))
        }
        _ => format!("{var}.to_json()"),
    }
}

fn structure(s: &Structure, path: &str) -> String {
    // An error's header-bound members travel in headers (`ModeledError::set_headers`).
    let fields: Vec<&Field> = s
        .fields
        .iter()
        .filter(|f| !f.streaming && (s.error.is_none() || f.binding == Binding::Body))
        .collect();
    let inserts: Vec<String> = fields
        .iter()
        .map(|f| insert_member(f, "object", "self"))
        .collect();
    format!(
        "impl ToJson for {path} {{\nfn to_json(&self) -> Value {{\nlet {}object = encode::Object::new();\n{}\nobject.into_value()\n}}\n}}",
        if inserts.is_empty() { "" } else { "mut " },
        inserts.join("\n")
    )
}

/// Every item of `serialize.rs`.
pub fn items(service: &Service) -> Vec<String> {
    let mut out = Vec::new();
    for t in &service.types {
        out.push(match t {
            TypeDef::Structure(s) => structure(s, &format!("crate::types::{}", s.name)),
            TypeDef::Enum(e) => {
                let body = if e.int_enum {
                    "Value::from(self.value())"
                } else {
                    "Value::String(self.as_str().to_owned())"
                };
                format!(
                    "impl ToJson for crate::types::{} {{\nfn to_json(&self) -> Value {{\n{body}\n}}\n}}",
                    e.name
                )
            }
            TypeDef::Union(u) => {
                let arms: Vec<String> = u
                    .variants
                    .iter()
                    .map(|f| {
                        format!(
                            "crate::types::{}::{}(value) => ({:?}, {}),",
                            u.name,
                            f.ident,
                            f.json_name,
                            json_value(f, "value")
                        )
                    })
                    .collect();
                format!(
                    "impl ToJson for crate::types::{} {{\nfn to_json(&self) -> Value {{\nlet (key, value) = match self {{\n{}\n}};\nlet mut object = encode::Object::new();\nobject.insert(key, value);\nobject.into_value()\n}}\n}}",
                    u.name,
                    arms.join("\n")
                )
            }
        });
    }
    for e in &service.errors {
        let path = format!("crate::types::error::{}", e.name);
        out.push(structure(e, &path));
        let status = e.error.as_ref().map_or(400, |i| i.status);
        let headers = header_statements(&e.fields, "self", "response");
        let set_headers = if headers.is_empty() {
            String::new()
        } else {
            format!(
                "\nfn set_headers(&self, response: &mut http::Response<ResponseBody>) -> Result<(), Rejection> {{\n{}\nOk(())\n}}",
                headers.join("\n")
            )
        };
        out.push(format!(
            "impl ModeledError for {path} {{\nconst SHAPE_NAME: &'static str = {:?};\nconst HTTP_STATUS: u16 = {status};{set_headers}\n}}",
            e.error_code()
        ));
        if let Some(new) = constructor(e) {
            out.push(format!("impl {path} {{\n{new}\n}}"));
        }
    }
    out
}

/// `new(message)` when the error has a string message and every other member is optional.
fn constructor(e: &Structure) -> Option<String> {
    let message = e.message_field()?;
    let mut members = Vec::new();
    for f in &e.fields {
        if std::ptr::eq(f, message) {
            members.push(if f.server_optional {
                format!("{}: Some(message.into())", f.ident)
            } else {
                format!("{}: message.into()", f.ident)
            });
        } else if f.server_optional {
            members.push(format!("{}: None", f.ident));
        } else {
            return None;
        }
    }
    Some(format!(
        "/// The error with its `{}` member set.\npub fn new(message: impl Into<String>) -> Self {{\nSelf {{\n{}\n}}\n}}",
        message.member,
        members.join(",\n")
    ))
}
