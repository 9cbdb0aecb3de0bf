//! Views of model types (structures, enums, unions) for the templates. Every decision that
//! differs between the client's and the server's view of a type is taken here.

use askama::Template;

use crate::ir::ShapeKind;
use crate::ir::{self, Field, RustType};
use crate::naming;

use super::{Flavor, doc_lines};

const REDACTED: &str = "&\"*** Sensitive Data Redacted ***\"";

#[derive(Template)]
#[template(path = "structure.rs")]
pub struct StructureView {
    pub s: StructView,
}

pub struct StructView {
    pub name: String,
    pub docs: Vec<String>,
    pub fields: Vec<FieldView>,
    pub has_builder: bool,
    pub builder_path: String,
    pub derives: &'static str,
    pub builder_derives: &'static str,
    /// Client types may gain fields in later versions; server users build outputs with
    /// struct literals, as with tonic's types.
    pub non_exhaustive: bool,
    /// Attribute lines after the derive (`#[cfg_attr(feature = "serde", ...)]`).
    pub attrs: Vec<String>,
    /// A client output: carries the response's request id.
    pub request_id: bool,
    /// A client error: carries the error metadata (code, message, request id).
    pub error_meta: bool,
    /// What `build()` returns, and how its struct literal is wrapped.
    pub build_ty: String,
    pub build_open: &'static str,
    pub build_close: &'static str,
}

pub struct FieldView {
    pub docs: Vec<String>,
    /// Attribute lines on the field.
    pub attrs: Vec<String>,
    pub ident: String,
    pub ident_unraw: String,
    pub setter: String,
    /// The builder's `get_` accessor.
    pub getter: String,
    pub decl_ty: String,
    pub getter_ty: String,
    pub getter_body: String,
    pub debug_value: String,
    pub builder_ty: String,
    pub builder_arg: BuilderArg,
    /// A list's element or a map's value type.
    pub item_ty: String,
    pub build_expr: String,
}

impl StructView {
    pub fn new(s: &ir::Structure, flavor: Flavor) -> StructView {
        let has_builder = flavor == Flavor::Client;
        // A streaming body can be read once: it is neither cloneable nor comparable.
        let streaming = s.fields.iter().any(|f| f.streaming);
        StructView {
            derives: if streaming { "" } else { "Clone, PartialEq" },
            builder_derives: if streaming {
                "Default"
            } else {
                "Clone, PartialEq, Default"
            },
            non_exhaustive: flavor == Flavor::Client,
            name: s.name.clone(),
            docs: doc_lines(&s.docs),
            fields: s.fields.iter().map(|f| FieldView::new(f, flavor)).collect(),
            has_builder,
            builder_path: naming::builder(&s.name),
            attrs: Vec::new(),
            request_id: false,
            error_meta: false,
            build_ty: s.name.clone(),
            build_open: "",
            build_close: "",
        }
    }
}

impl FieldView {
    pub(crate) fn new(f: &Field, flavor: Flavor) -> FieldView {
        let optional = match flavor {
            Flavor::Client | Flavor::Types => f.client_optional,
            Flavor::Server => f.server_optional,
        };
        let value_ty = if f.boxed {
            format!("Box<{}>", f.ty)
        } else {
            f.ty.to_string()
        };
        let decl_ty = if optional {
            format!("Option<{value_ty}>")
        } else {
            value_ty.clone()
        };
        let (getter_ty, getter_body) = getter(f, optional);
        let ident_unraw = naming::unraw(&f.ident).to_string();
        FieldView {
            docs: doc_lines(&[f.docs.clone(), pattern_docs(f)].concat()),
            attrs: Vec::new(),
            debug_value: if f.sensitive {
                REDACTED.into()
            } else {
                format!("&self.{}", f.ident)
            },
            builder_arg: builder_arg(f),
            item_ty: item_type(f).to_string(),
            build_expr: if optional {
                format!("self.{}", f.ident)
            } else {
                match default_expr(f) {
                    Some(value) if value.contains('(') => {
                        format!("self.{}.unwrap_or_else(|| {value})", f.ident)
                    }
                    Some(literal) => format!("self.{}.unwrap_or({literal})", f.ident),
                    None => format!("self.{}.unwrap_or_default()", f.ident),
                }
            },
            builder_ty: value_ty,
            setter: f.setter.clone(),
            getter: naming::builder_getter(&f.ident),
            ident: f.ident.clone(),
            ident_unraw,
            decl_ty,
            getter_ty,
            getter_body,
        }
    }
}

/// How the member's `@pattern` is enforced, when that is not the plain `regex` crate.
fn pattern_docs(f: &Field) -> Vec<String> {
    let note = match (&f.constraints.pattern, &f.constraints.unenforced_pattern) {
        (Some((source, p)), _) if p.engine == crate::pattern::Engine::Backtracking => format!(
            "The pattern `{}` needs a backtracking regex engine: a value whose check exceeds \
             `smithygen_validation::backtrack_limit()` steps is rejected.",
            source.replace('`', "'")
        ),
        (_, Some(source)) => format!(
            "The pattern `{}` is not enforced: no regex engine compiles it.",
            source.replace('`', "'")
        ),
        _ => return Vec::new(),
    };
    if f.docs.is_empty() {
        vec![note]
    } else {
        vec![String::new(), note]
    }
}

/// The Rust value of a member's `@default` when it is not the type's `Default` (an enum
/// variant, a non-empty string or blob, a non-zero number, `true`, an epoch time, a
/// document); `None` when
/// `unwrap_or_default()` gives the model's value.
fn default_expr(f: &Field) -> Option<String> {
    use serde_json::Value;
    let d = f.default.as_ref()?;
    let ty = &f.ty;
    let value = match (f.target_kind, d) {
        (ShapeKind::Enum, Value::String(s)) => format!("{ty}::from({s:?})"),
        (ShapeKind::IntEnum, Value::Number(n)) => format!("{ty}::from({n})"),
        (ShapeKind::String, Value::String(s)) if !s.is_empty() => format!("String::from({s:?})"),
        (ShapeKind::Boolean, Value::Bool(true)) => "true".into(),
        (ShapeKind::Float | ShapeKind::Double, Value::Number(n))
            if n.as_f64().is_some_and(|x| x != 0.0) =>
        {
            format!("{:?}", n.as_f64().unwrap_or_default())
        }
        (
            ShapeKind::Byte | ShapeKind::Short | ShapeKind::Integer | ShapeKind::Long,
            Value::Number(n),
        ) if n.as_f64() != Some(0.0) => n.to_string(),
        (ShapeKind::Timestamp, Value::Number(n)) => format!(
            "aws_smithy_types::DateTime::from_secs_f64({:?})",
            n.as_f64().unwrap_or_default()
        ),
        // A blob's default is base64 in the model.
        (ShapeKind::Blob, Value::String(s)) if !s.is_empty() => format!(
            "aws_smithy_types::Blob::new(aws_smithy_types::base64::decode({s:?}).unwrap_or_default())"
        ),
        (ShapeKind::Document, v) => super::roundtrip::expr::document(v),
        _ => return None,
    };
    Some(if f.boxed {
        format!("Box::new({value})")
    } else {
        value
    })
}

/// aws-sdk-rust's getter conventions: strings as `&str`, lists as slices, copyable
/// primitives by value, everything else by reference.
fn getter(f: &Field, optional: bool) -> (String, String) {
    let field = format!("self.{}", f.ident);
    let copyable = matches!(
        f.target_kind,
        ShapeKind::Boolean
            | ShapeKind::Byte
            | ShapeKind::Short
            | ShapeKind::Integer
            | ShapeKind::Long
            | ShapeKind::Float
            | ShapeKind::Double
    );
    match (f.target_kind, optional) {
        (ShapeKind::List, true) => {
            let elem = item_type(f);
            (
                format!("&[{elem}]"),
                format!("{field}.as_deref().unwrap_or_default()"),
            )
        }
        (ShapeKind::List, false) => {
            let elem = item_type(f);
            (format!("&[{elem}]"), format!("&{field}"))
        }
        (ShapeKind::String, true) => ("Option<&str>".into(), format!("{field}.as_deref()")),
        (ShapeKind::String, false) => ("&str".into(), format!("&{field}")),
        (_, true) if copyable => (format!("Option<{}>", f.ty), field),
        (_, false) if copyable => (f.ty.to_string(), field),
        (_, true) if f.boxed => (format!("Option<&{}>", f.ty), format!("{field}.as_deref()")),
        (_, true) => (format!("Option<&{}>", f.ty), format!("{field}.as_ref()")),
        (_, false) => (format!("&{}", f.ty), format!("&{field}")),
    }
}

/// The element (list) or value (map) type of a collection member.
fn item_type(f: &Field) -> &RustType {
    f.ty.item().unwrap_or(&f.ty)
}

/// How a builder's fluent method takes its value (aws-sdk-rust's shape): lists append one
/// item, maps insert one entry, anything else takes `impl Into<T>`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum BuilderArg {
    Item,
    Entry,
    Into,
}

fn builder_arg(f: &Field) -> BuilderArg {
    match f.target_kind {
        ShapeKind::List => BuilderArg::Item,
        ShapeKind::Map => BuilderArg::Entry,
        _ => BuilderArg::Into,
    }
}

#[derive(Template)]
#[template(path = "enum.rs")]
pub struct EnumTemplate {
    pub e: EnumView,
}

pub struct EnumView {
    pub name: String,
    pub docs: Vec<String>,
    pub open: bool,
    pub int_enum: bool,
    pub variants: Vec<VariantView>,
    pub as_fn: &'static str,
    pub value_ty: &'static str,
    pub value_elem: &'static str,
    pub unknown_ty: String,
    pub unknown_as: &'static str,
    pub unknown_new: &'static str,
    pub from_trait: String,
    pub from_arg: &'static str,
    pub error_ty: String,
    pub error_new: String,
    pub from_str_err: String,
    pub from_str_body: String,
    /// The client's strict `try_parse` (string enums).
    pub try_parse: bool,
    /// `serde` impls on the wire value, under the client's `serde` feature.
    pub serde: bool,
}

pub struct VariantView {
    pub name: String,
    pub docs: Vec<String>,
    pub deprecated: bool,
    pub literal: String,
}

impl EnumView {
    /// The client keeps unknown values (`Unknown`); the server's enums are closed, because
    /// validation rejects values outside the model's set.
    pub fn new(e: &ir::Enum, flavor: Flavor) -> EnumView {
        let open = flavor == Flavor::Client;
        let variants = e
            .variants
            .iter()
            .map(|v| VariantView {
                name: v.name.clone(),
                docs: doc_lines(&v.docs),
                deprecated: v.deprecated,
                literal: if e.int_enum {
                    v.value.clone()
                } else {
                    format!("{:?}", v.value)
                },
            })
            .collect();
        let (from_trait, from_arg) = match (e.int_enum, open) {
            (true, true) => ("From<i32>".to_string(), "i32"),
            (true, false) => ("TryFrom<i32>".to_string(), "i32"),
            (false, true) => ("From<&str>".to_string(), "&str"),
            (false, false) => ("TryFrom<&str>".to_string(), "&str"),
        };
        let unknown_error = "crate::primitives::UnknownVariantError".to_string();
        EnumView {
            name: e.name.clone(),
            docs: doc_lines(&e.docs),
            open,
            int_enum: e.int_enum,
            variants,
            as_fn: if e.int_enum { "value" } else { "as_str" },
            value_ty: if e.int_enum { "i32" } else { "&str" },
            value_elem: if e.int_enum { "i32" } else { "&'static str" },
            unknown_ty: if e.int_enum {
                "i32".into()
            } else {
                "crate::primitives::UnknownVariantValue".into()
            },
            unknown_as: if e.int_enum {
                "*value"
            } else {
                "value.as_str()"
            },
            unknown_new: if e.int_enum {
                "other"
            } else {
                "crate::primitives::UnknownVariantValue(other.to_string())"
            },
            from_trait,
            from_arg,
            error_ty: unknown_error.clone(),
            error_new: "crate::primitives::UnknownVariantError(other.to_string())".into(),
            from_str_err: if open {
                "std::convert::Infallible".into()
            } else {
                unknown_error
            },
            from_str_body: if open {
                "Ok(Self::from(s))".into()
            } else {
                "Self::try_from(s)".into()
            },
            try_parse: false,
            serde: false,
        }
    }
}

#[derive(Template)]
#[template(path = "union.rs")]
pub struct UnionTemplate {
    pub u: UnionView,
}

pub struct UnionView {
    pub name: String,
    pub docs: Vec<String>,
    pub open: bool,
    /// Attribute lines on the enum, and on its `Unknown` variant.
    pub attrs: Vec<String>,
    pub unknown_attrs: Vec<String>,
    pub variants: Vec<UnionVariantView>,
}

pub struct UnionVariantView {
    pub attrs: Vec<String>,
    pub name: String,
    /// `as_string_value`, `is_string_value`
    pub as_fn: String,
    pub is_fn: String,
    pub docs: Vec<String>,
    pub ty: String,
    pub debug_value: String,
    /// `value`, or `_` when the value is redacted.
    pub debug_binding: &'static str,
}

impl UnionView {
    pub fn new(u: &ir::Union, flavor: Flavor) -> UnionView {
        UnionView {
            name: u.name.clone(),
            docs: doc_lines(&u.docs),
            open: flavor == Flavor::Client,
            attrs: Vec::new(),
            unknown_attrs: Vec::new(),
            variants: u
                .variants
                .iter()
                .map(|v| UnionVariantView {
                    attrs: Vec::new(),
                    as_fn: naming::union_as(&v.ident),
                    is_fn: naming::union_is(&v.ident),
                    name: v.ident.clone(),
                    docs: doc_lines(&v.docs),
                    ty: if v.boxed {
                        format!("Box<{}>", v.ty)
                    } else {
                        v.ty.to_string()
                    },
                    debug_value: if v.sensitive {
                        REDACTED.into()
                    } else {
                        "value".into()
                    },
                    debug_binding: if v.sensitive { "_" } else { "value" },
                })
                .collect(),
        }
    }
}
