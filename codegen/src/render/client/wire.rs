//! The client's wire decisions, as Rust expression strings: the serde wire type of every
//! model type, the conversions between model and wire values, and how a value is written to
//! (or read from) a label, query parameter or header.
//!
//! Model types arrive as the IR's [`Ty`] trees. Conversions are [`Conv`]s over a variable
//! named `v`.

use super::rt::{REST, SERDE_JSON, SMITHY_TYPES};
use crate::ir::{NamedKind, RustType as Ty, TimestampFormat};

/// A conversion of a value `v`.
#[derive(Debug, Clone, PartialEq)]
pub enum Conv {
    /// The value as is (cloned or copied).
    Id,
    /// A function path applied to `v`.
    Fn(String),
    /// An expression over `v`.
    Expr(String),
}

impl Conv {
    /// As the argument of `.map(..)`.
    fn closure(&self) -> String {
        match self {
            Conv::Id => "|v| v".into(),
            Conv::Fn(p) => p.clone(),
            Conv::Expr(e) => format!("|v| {e}"),
        }
    }

    /// Applied to the variable `v` itself.
    fn inline(&self) -> String {
        match self {
            Conv::Id => "v".into(),
            Conv::Fn(p) => format!("{p}(v)"),
            Conv::Expr(e) => e.clone(),
        }
    }
}

/// The wire type of a timestamp and its constructor.
fn timestamp_wire(format: Option<TimestampFormat>) -> (String, String) {
    let ty = match format {
        None | Some(TimestampFormat::EpochSeconds) => "EpochSeconds",
        Some(TimestampFormat::DateTime) => "FormattedTimestamp<false>",
        Some(TimestampFormat::HttpDate) => "FormattedTimestamp<true>",
    };
    let ctor = ty.split('<').next().unwrap_or(ty);
    (format!("{REST}::{ty}"), format!("{REST}::{ctor}"))
}

/// `serde_json::Value`, the wire form of what has no better one.
fn json() -> String {
    format!("{SERDE_JSON}::Value")
}

/// The wire type of `ty` and the conversion from `v: &T` to it.
pub fn to_wire(ty: &Ty, format: Option<TimestampFormat>) -> (String, Conv) {
    match ty {
        Ty::String => ("String".into(), Conv::Id),
        Ty::Primitive(t) if t.is_float() => (
            format!("{REST}::Float<{t}>"),
            Conv::Expr(format!("{REST}::Float(*v)")),
        ),
        Ty::Primitive(t) => (t.to_string(), Conv::Id),
        t @ (Ty::BigInteger | Ty::BigDecimal) => (
            format!("{REST}::BigNumber<{t}>"),
            Conv::Expr(format!("{REST}::BigNumber(v.clone())")),
        ),
        Ty::Blob => (
            format!("{REST}::Base64"),
            Conv::Expr(format!("{REST}::Base64(v.clone())")),
        ),
        Ty::DateTime => {
            let (w, ctor) = timestamp_wire(format);
            (w, Conv::Expr(format!("{ctor}(*v)")))
        }
        Ty::Document => (json(), Conv::Fn(format!("{REST}::document_to_json"))),
        Ty::Named {
            kind: NamedKind::Enum,
            ..
        } => ("String".into(), Conv::Expr("v.as_str().to_owned()".into())),
        Ty::Named {
            kind: NamedKind::IntEnum,
            ..
        } => ("i32".into(), Conv::Expr("v.value()".into())),
        Ty::Named { name, .. } => {
            let w = format!("crate::protocol_serde::{}", crate::naming::wire_type(name));
            (w.clone(), Conv::Fn(format!("{w}::from")))
        }
        Ty::List(inner) => {
            let (w, c) = to_wire(inner, format);
            let conv = match c {
                Conv::Id => Conv::Id,
                c => Conv::Expr(format!("v.iter().map({}).collect()", c.closure())),
            };
            (format!("Vec<{w}>"), conv)
        }
        Ty::Map(inner) => {
            let (w, c) = to_wire(inner, format);
            let conv = match c {
                Conv::Id => Conv::Id,
                c => Conv::Expr(format!(
                    "v.iter().map(|(k, v)| (k.clone(), {})).collect()",
                    c.inline()
                )),
            };
            (format!("std::collections::HashMap<String, {w}>"), conv)
        }
        Ty::Option(inner) => {
            let (w, c) = to_wire(inner, format);
            let conv = match c {
                Conv::Id => Conv::Id,
                c => Conv::Expr(format!("v.as_ref().map({})", c.closure())),
            };
            (format!("Option<{w}>"), conv)
        }
        // A `smithy.api#Unit` union member travels as an empty object.
        Ty::Unit => (json(), Conv::Fn("crate::rt::rest::unit_to_json".into())),
        // Not representable: sent as `null`, read back as the default (see the README).
        Ty::ByteStream => (json(), Conv::Expr(format!("{}::Null", json()))),
    }
}

/// The conversion from an owned wire value `v` back to the model type.
pub fn from_wire(ty: &Ty) -> Conv {
    match ty {
        Ty::Primitive(t) if t.is_float() => Conv::Expr("v.0".into()),
        Ty::String | Ty::Primitive(_) => Conv::Id,
        Ty::Blob | Ty::DateTime | Ty::BigInteger | Ty::BigDecimal => Conv::Expr("v.0".into()),
        Ty::Document => Conv::Fn(format!("{REST}::json_to_document")),
        path @ Ty::Named {
            kind: NamedKind::Enum,
            ..
        } => Conv::Expr(format!("{path}::from(v.as_str())")),
        // Qualified: a member named `from` gives the type an inherent `from` getter.
        path @ Ty::Named { .. } => Conv::Fn(format!("<{path} as From<_>>::from")),
        Ty::List(inner) => match from_wire(inner) {
            Conv::Id => Conv::Id,
            c => Conv::Expr(format!("v.into_iter().map({}).collect()", c.closure())),
        },
        Ty::Map(inner) => match from_wire(inner) {
            Conv::Id => Conv::Id,
            c => Conv::Expr(format!(
                "v.into_iter().map(|(k, v)| (k, {})).collect()",
                c.inline()
            )),
        },
        Ty::Option(inner) => match from_wire(inner) {
            Conv::Id => Conv::Id,
            c => Conv::Expr(format!("v.map({})", c.closure())),
        },
        Ty::Unit => Conv::Fn("crate::rt::rest::unit_from_json".into()),
        Ty::ByteStream => Conv::Expr("Default::default()".into()),
    }
}

/// A wire field: its type (inside `Option`), the expression filling it from the model value
/// `value`, and the expression giving the builder's `Option<T>` from the wire value `wire`.
pub struct WireField {
    pub ty: String,
    pub to: String,
    pub from: String,
}

pub fn wire_field(
    ty: &Ty,
    ident: &str,
    optional: bool,
    boxed: bool,
    format: Option<TimestampFormat>,
) -> WireField {
    let (mut wty, mut to) = to_wire(ty, format);
    let mut from = from_wire(ty);
    if boxed {
        let model = match ty {
            path @ Ty::Named { .. } => path.to_string(),
            _ => String::new(),
        };
        wty = format!("Box<{wty}>");
        to = Conv::Expr(format!("Box::new({}(&**v))", fn_path(&to)));
        from = Conv::Expr(format!("Box::new(<{model} as From<_>>::from(*v))"));
    }
    let place = format!("value.{ident}");
    let to = match (&to, optional) {
        (Conv::Id, true) if ty.is_copy() => place,
        (Conv::Id, true) => format!("{place}.clone()"),
        (Conv::Id, false) if ty.is_copy() => format!("Some({place})"),
        (Conv::Id, false) => format!("Some({place}.clone())"),
        (c, true) => format!("{place}.as_ref().map({})", c.closure()),
        (Conv::Fn(p), false) => format!("Some({p}(&{place}))"),
        (Conv::Expr(e), false) => format!("Some({{ let v = &{place}; {e} }})"),
    };
    let wire = format!("wire.{ident}");
    let from = match from {
        Conv::Id => wire,
        c => format!("{wire}.map({})", c.closure()),
    };
    WireField { ty: wty, to, from }
}

fn fn_path(c: &Conv) -> String {
    match c {
        Conv::Fn(p) => p.clone(),
        _ => "Into::into".into(),
    }
}

fn format_path(format: TimestampFormat) -> String {
    let variant = match format {
        TimestampFormat::DateTime => "DateTime",
        TimestampFormat::HttpDate => "HttpDate",
        TimestampFormat::EpochSeconds => "EpochSeconds",
    };
    format!("{SMITHY_TYPES}::date_time::Format::{variant}")
}

/// `v: &T` as something `AsRef<str>` for a label, query value or header; `None` when the
/// type has no string form.
pub fn fmt_ref(ty: &Ty, format: TimestampFormat) -> Option<String> {
    Some(match ty {
        Ty::String => "v".into(),
        Ty::Named {
            kind: NamedKind::Enum,
            ..
        } => "v.as_str()".into(),
        Ty::Named {
            kind: NamedKind::IntEnum,
            ..
        } => "v.value().to_string()".into(),
        Ty::Primitive(t) if t.is_float() => format!("{REST}::fmt_float(*v)"),
        Ty::Primitive(_) => "v.to_string()".into(),
        Ty::BigInteger | Ty::BigDecimal => format!("{REST}::big_text(v)"),
        Ty::DateTime => format!("{REST}::fmt_timestamp(v, {})", format_path(format)),
        Ty::Blob => format!("{SMITHY_TYPES}::base64::encode(v)"),
        _ => return None,
    })
}

/// The `Option<T>` of a response header `name` (inside a closure returning
/// `Result<_, BoxError>`).
pub fn parse_header(ty: &Ty, name: &str, format: Option<TimestampFormat>) -> String {
    let get = format!("{REST}::header(response, {name:?})");
    match ty {
        Ty::String => format!("{get}.map(str::to_owned)"),
        path @ Ty::Named {
            kind: NamedKind::Enum,
            ..
        } => format!("{get}.map({path}::from)"),
        path @ Ty::Named {
            kind: NamedKind::IntEnum,
            ..
        } => {
            format!("{REST}::parse_header::<i32>(response, {name:?})?.map({path}::from)")
        }
        Ty::Primitive(t) if t.is_float() => {
            format!("{get}.map({REST}::parse_float::<{t}>).transpose()?")
        }
        Ty::Primitive(t) => format!("{REST}::parse_header::<{t}>(response, {name:?})?"),
        t @ (Ty::BigInteger | Ty::BigDecimal) => {
            format!("{get}.map({REST}::parse_big::<{t}>).transpose()?")
        }
        Ty::DateTime => format!(
            "{get}.map(|v| {REST}::parse_timestamp(v, {})).transpose()?",
            format_path(format.unwrap_or(TimestampFormat::HttpDate))
        ),
        Ty::Blob => format!(
            "{get}.map({SMITHY_TYPES}::base64::decode).transpose()?.map(aws_smithy_types::Blob::new)"
        ),
        Ty::List(inner) => {
            let list = format!("{REST}::header_list(response, {name:?})");
            match &**inner {
                Ty::String => list,
                Ty::DateTime => format!(
                    "{REST}::parse_timestamp_list(response, {name:?}, {})?",
                    format_path(format.unwrap_or(TimestampFormat::HttpDate))
                ),
                path @ Ty::Named {
                    kind: NamedKind::Enum,
                    ..
                } => {
                    format!("{list}.map(|l| l.iter().map(|v| {path}::from(v.as_str())).collect())")
                }
                path @ Ty::Named {
                    kind: NamedKind::IntEnum,
                    ..
                } => format!(
                    "{list}.map(|l| l.iter().map(|v| v.parse::<i32>().map({path}::from)).collect::<Result<Vec<_>, _>>()).transpose()?"
                ),
                Ty::Primitive(t) if t.is_float() => format!(
                    "{list}.map(|l| l.iter().map(|v| {REST}::parse_float::<{t}>(v)).collect::<Result<Vec<_>, _>>()).transpose()?"
                ),
                Ty::Primitive(t) => format!(
                    "{list}.map(|l| l.iter().map(|v| v.parse::<{t}>()).collect::<Result<Vec<_>, _>>()).transpose()?"
                ),
                t @ (Ty::BigInteger | Ty::BigDecimal) => format!(
                    "{list}.map(|l| l.iter().map(|v| {REST}::parse_big::<{t}>(v)).collect::<Result<Vec<_>, _>>()).transpose()?"
                ),
                _ => unsupported(&format!("the list header `{name}`")),
            }
        }
        _ => unsupported(&format!("the header `{name}`")),
    }
}

pub fn unsupported(what: &str) -> String {
    format!("{REST}::unsupported({what:?})?")
}
