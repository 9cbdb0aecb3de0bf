//! The client's wire decisions, as Rust expression strings: the serde wire type of every
//! model type, the conversions between model and wire values, and how a value is written to
//! (or read from) a label, query parameter or header.
//!
//! Model types arrive as the IR's finished Rust type strings; [`Ty::parse`] reads them back
//! into a tree. Conversions are [`Conv`]s over a variable named `v`.

use std::collections::BTreeMap;

use crate::traits::TimestampFormat;

/// What a `crate::types::Name` is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Named {
    Structure,
    Union,
    Enum,
    IntEnum,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Ty {
    Str,
    /// `bool`, integers, floats.
    Copy(String),
    Blob,
    DateTime,
    Document,
    Stream,
    /// A model type: its path and name.
    Named(Named, String, String),
    List(Box<Ty>),
    Map(Box<Ty>),
    Sparse(Box<Ty>),
    /// `bigInteger` or `bigDecimal`: its Rust type.
    Big(String),
    /// Anything else: not supported on the wire.
    Other(String),
}

impl Ty {
    pub fn parse(ty: &str, kinds: &BTreeMap<String, Named>) -> Ty {
        let inner = |prefix: &str| ty.strip_prefix(prefix).and_then(|t| t.strip_suffix('>'));
        if let Some(t) = inner("Vec<") {
            return Ty::List(Box::new(Ty::parse(t, kinds)));
        }
        if let Some(t) = inner("std::collections::HashMap<String, ") {
            return Ty::Map(Box::new(Ty::parse(t, kinds)));
        }
        if let Some(t) = inner("Option<") {
            return Ty::Sparse(Box::new(Ty::parse(t, kinds)));
        }
        match ty {
            "String" => Ty::Str,
            "bool" | "i8" | "i16" | "i32" | "i64" | "f32" | "f64" => Ty::Copy(ty.into()),
            "aws_smithy_types::Blob" => Ty::Blob,
            "aws_smithy_types::DateTime" => Ty::DateTime,
            "aws_smithy_types::Document" => Ty::Document,
            "aws_smithy_types::byte_stream::ByteStream" => Ty::Stream,
            "aws_smithy_types::BigInteger" | "aws_smithy_types::BigDecimal" => Ty::Big(ty.into()),
            _ => {
                let name = ty.rsplit("::").next().unwrap_or(ty);
                match kinds.get(name) {
                    Some(kind) if ty.starts_with("crate::types::") => {
                        Ty::Named(*kind, ty.to_string(), name.to_string())
                    }
                    _ => Ty::Other(ty.into()),
                }
            }
        }
    }

    pub fn is_copy(&self) -> bool {
        matches!(self, Ty::Copy(_))
    }
}

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

fn timestamp_wire(format: Option<TimestampFormat>) -> &'static str {
    match format {
        None | Some(TimestampFormat::EpochSeconds) => "crate::rt::rest::EpochSeconds",
        Some(TimestampFormat::DateTime) => "crate::rt::rest::FormattedTimestamp<false>",
        Some(TimestampFormat::HttpDate) => "crate::rt::rest::FormattedTimestamp<true>",
    }
}

const JSON: &str = "crate::rt::reexports::serde_json::Value";

/// The wire type of `ty` and the conversion from `v: &T` to it.
pub fn to_wire(ty: &Ty, format: Option<TimestampFormat>) -> (String, Conv) {
    match ty {
        Ty::Str => ("String".into(), Conv::Id),
        Ty::Copy(t) if t == "f32" || t == "f64" => (
            format!("crate::rt::rest::Float<{t}>"),
            Conv::Expr("crate::rt::rest::Float(*v)".into()),
        ),
        Ty::Copy(t) => (t.clone(), Conv::Id),
        Ty::Big(t) => (
            format!("crate::rt::rest::BigNumber<{t}>"),
            Conv::Expr("crate::rt::rest::BigNumber(v.clone())".into()),
        ),
        Ty::Blob => (
            "crate::rt::rest::Base64".into(),
            Conv::Expr("crate::rt::rest::Base64(v.clone())".into()),
        ),
        Ty::DateTime => {
            let w = timestamp_wire(format);
            let ctor = w.split('<').next().unwrap_or(w);
            (w.into(), Conv::Expr(format!("{ctor}(*v)")))
        }
        Ty::Document => (
            JSON.into(),
            Conv::Fn("crate::rt::rest::document_to_json".into()),
        ),
        Ty::Named(Named::Enum, _, _) => {
            ("String".into(), Conv::Expr("v.as_str().to_owned()".into()))
        }
        Ty::Named(Named::IntEnum, _, _) => ("i32".into(), Conv::Expr("v.value()".into())),
        Ty::Named(_, _, name) => {
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
        Ty::Sparse(inner) => {
            let (w, c) = to_wire(inner, format);
            let conv = match c {
                Conv::Id => Conv::Id,
                c => Conv::Expr(format!("v.as_ref().map({})", c.closure())),
            };
            (format!("Option<{w}>"), conv)
        }
        // Not representable: sent as `null`, read back as the default (see the README).
        Ty::Stream | Ty::Other(_) => (JSON.into(), Conv::Expr(format!("{JSON}::Null"))),
    }
}

/// The conversion from an owned wire value `v` back to the model type.
pub fn from_wire(ty: &Ty) -> Conv {
    match ty {
        Ty::Copy(t) if t == "f32" || t == "f64" => Conv::Expr("v.0".into()),
        Ty::Str | Ty::Copy(_) => Conv::Id,
        Ty::Blob | Ty::DateTime | Ty::Big(_) => Conv::Expr("v.0".into()),
        Ty::Document => Conv::Fn("crate::rt::rest::json_to_document".into()),
        Ty::Named(Named::Enum, path, _) => Conv::Expr(format!("{path}::from(v.as_str())")),
        Ty::Named(_, path, _) => Conv::Fn(format!("{path}::from")),
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
        Ty::Sparse(inner) => match from_wire(inner) {
            Conv::Id => Conv::Id,
            c => Conv::Expr(format!("v.map({})", c.closure())),
        },
        Ty::Stream | Ty::Other(_) => Conv::Expr("Default::default()".into()),
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
            Ty::Named(_, path, _) => path.clone(),
            _ => String::new(),
        };
        wty = format!("Box<{wty}>");
        to = Conv::Expr(format!("Box::new({}(&**v))", fn_path(&to)));
        from = Conv::Expr(format!("Box::new({model}::from(*v))"));
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

fn format_path(format: TimestampFormat) -> &'static str {
    match format {
        TimestampFormat::DateTime => {
            "crate::rt::reexports::aws_smithy_types::date_time::Format::DateTime"
        }
        TimestampFormat::HttpDate => {
            "crate::rt::reexports::aws_smithy_types::date_time::Format::HttpDate"
        }
        TimestampFormat::EpochSeconds => {
            "crate::rt::reexports::aws_smithy_types::date_time::Format::EpochSeconds"
        }
    }
}

/// `v: &T` as something `AsRef<str>` for a label, query value or header; `None` when the
/// type has no string form.
pub fn fmt_ref(ty: &Ty, format: TimestampFormat) -> Option<String> {
    Some(match ty {
        Ty::Str => "v".into(),
        Ty::Named(Named::Enum, _, _) => "v.as_str()".into(),
        Ty::Named(Named::IntEnum, _, _) => "v.value().to_string()".into(),
        Ty::Copy(t) if t == "f32" || t == "f64" => "crate::rt::rest::fmt_float(*v)".into(),
        Ty::Copy(_) => "v.to_string()".into(),
        Ty::Big(_) => "crate::rt::rest::big_text(v)".into(),
        Ty::DateTime => format!("crate::rt::rest::fmt_timestamp(v, {})", format_path(format)),
        Ty::Blob => "crate::rt::reexports::aws_smithy_types::base64::encode(v)".into(),
        _ => return None,
    })
}

/// The `Option<T>` of a response header `name` (inside a closure returning
/// `Result<_, BoxError>`).
pub fn parse_header(ty: &Ty, name: &str, format: Option<TimestampFormat>) -> String {
    let get = format!("crate::rt::rest::header(response, {name:?})");
    match ty {
        Ty::Str => format!("{get}.map(str::to_owned)"),
        Ty::Named(Named::Enum, path, _) => format!("{get}.map({path}::from)"),
        Ty::Named(Named::IntEnum, path, _) => {
            format!("crate::rt::rest::parse_header::<i32>(response, {name:?})?.map({path}::from)")
        }
        Ty::Copy(t) if t == "f32" || t == "f64" => {
            format!("{get}.map(crate::rt::rest::parse_float::<{t}>).transpose()?")
        }
        Ty::Copy(t) => format!("crate::rt::rest::parse_header::<{t}>(response, {name:?})?"),
        Ty::Big(t) => format!("{get}.map(crate::rt::rest::parse_big::<{t}>).transpose()?"),
        Ty::DateTime => format!(
            "{get}.map(|v| crate::rt::rest::parse_timestamp(v, {})).transpose()?",
            format_path(format.unwrap_or(TimestampFormat::HttpDate))
        ),
        Ty::Blob => format!(
            "{get}.map(crate::rt::reexports::aws_smithy_types::base64::decode).transpose()?.map(aws_smithy_types::Blob::new)"
        ),
        Ty::List(inner) => {
            let list = format!("crate::rt::rest::header_list(response, {name:?})");
            match &**inner {
                Ty::Str => list,
                Ty::Named(Named::Enum, path, _) => {
                    format!("{list}.map(|l| l.iter().map(|v| {path}::from(v.as_str())).collect())")
                }
                Ty::Copy(t) if t == "f32" || t == "f64" => format!(
                    "{list}.map(|l| l.iter().map(|v| crate::rt::rest::parse_float::<{t}>(v)).collect::<Result<Vec<_>, _>>()).transpose()?"
                ),
                Ty::Copy(t) => format!(
                    "{list}.map(|l| l.iter().map(|v| v.parse::<{t}>()).collect::<Result<Vec<_>, _>>()).transpose()?"
                ),
                Ty::Big(t) => format!(
                    "{list}.map(|l| l.iter().map(|v| crate::rt::rest::parse_big::<{t}>(v)).collect::<Result<Vec<_>, _>>()).transpose()?"
                ),
                _ => unsupported(&format!("the list header `{name}`")),
            }
        }
        _ => unsupported(&format!("the header `{name}`")),
    }
}

pub fn unsupported(what: &str) -> String {
    format!("crate::rt::rest::unsupported({what:?})?")
}
