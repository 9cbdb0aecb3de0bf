//! The Rust type of a member's value, as a tree the renderers match on; its `Display` is the
//! Rust source text (`Vec<crate::types::LogLevel>`).

use std::fmt;

use crate::model::{Kind, Model};
use crate::naming::Names;

/// What a member's target shape is: the model's shape kinds the renderers need.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShapeKind {
    Blob,
    Boolean,
    String,
    Byte,
    Short,
    Integer,
    Long,
    Float,
    Double,
    BigInteger,
    BigDecimal,
    Timestamp,
    Document,
    Enum,
    IntEnum,
    List,
    Map,
    Structure,
    Union,
    /// A service, operation or resource (no value type).
    Other,
}

impl ShapeKind {
    pub(crate) fn of(kind: Kind) -> ShapeKind {
        match kind {
            Kind::Blob => ShapeKind::Blob,
            Kind::Boolean => ShapeKind::Boolean,
            Kind::String => ShapeKind::String,
            Kind::Byte => ShapeKind::Byte,
            Kind::Short => ShapeKind::Short,
            Kind::Integer => ShapeKind::Integer,
            Kind::Long => ShapeKind::Long,
            Kind::Float => ShapeKind::Float,
            Kind::Double => ShapeKind::Double,
            Kind::BigInteger => ShapeKind::BigInteger,
            Kind::BigDecimal => ShapeKind::BigDecimal,
            Kind::Timestamp => ShapeKind::Timestamp,
            Kind::Document => ShapeKind::Document,
            Kind::Enum => ShapeKind::Enum,
            Kind::IntEnum => ShapeKind::IntEnum,
            Kind::List => ShapeKind::List,
            Kind::Map => ShapeKind::Map,
            Kind::Structure => ShapeKind::Structure,
            Kind::Union => ShapeKind::Union,
            Kind::Service | Kind::Operation | Kind::Resource => ShapeKind::Other,
        }
    }

    /// Booleans and fixed-size numbers: `Copy` values, returned by value from getters.
    pub fn is_copy(self) -> bool {
        matches!(
            self,
            ShapeKind::Boolean
                | ShapeKind::Byte
                | ShapeKind::Short
                | ShapeKind::Integer
                | ShapeKind::Long
                | ShapeKind::Float
                | ShapeKind::Double
        )
    }
}

/// `bool`, the integers and the floats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Primitive {
    Bool,
    I8,
    I16,
    I32,
    I64,
    F32,
    F64,
}

impl Primitive {
    pub fn as_str(self) -> &'static str {
        match self {
            Primitive::Bool => "bool",
            Primitive::I8 => "i8",
            Primitive::I16 => "i16",
            Primitive::I32 => "i32",
            Primitive::I64 => "i64",
            Primitive::F32 => "f32",
            Primitive::F64 => "f64",
        }
    }

    pub fn is_float(self) -> bool {
        matches!(self, Primitive::F32 | Primitive::F64)
    }
}

impl fmt::Display for Primitive {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a generated model type (`crate::types::Name`) is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NamedKind {
    /// A structure, error structures included.
    Structure,
    Union,
    Enum,
    IntEnum,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RustType {
    String,
    Primitive(Primitive),
    /// `aws_smithy_types::Blob`
    Blob,
    /// A `@streaming` blob: `aws_smithy_types::byte_stream::ByteStream`.
    ByteStream,
    DateTime,
    Document,
    BigInteger,
    BigDecimal,
    /// A generated model type; `error` places it under `crate::types::error`.
    Named {
        kind: NamedKind,
        name: String,
        error: bool,
    },
    List(Box<RustType>),
    /// A map with `String` keys.
    Map(Box<RustType>),
    /// A sparse list's element or map's value.
    Option(Box<RustType>),
    /// The target has no value type (a service, operation or resource).
    Unit,
}

impl RustType {
    /// `bool` and the numbers: `Copy` values.
    pub fn is_copy(&self) -> bool {
        matches!(self, RustType::Primitive(_))
    }

    /// A list's element or a map's value type.
    pub fn item(&self) -> Option<&RustType> {
        match self {
            RustType::List(t) | RustType::Map(t) => Some(t),
            _ => None,
        }
    }

    /// Whether the type (or a type inside it) is from `aws_smithy_types`.
    pub fn uses_smithy_types(&self) -> bool {
        match self {
            RustType::Blob
            | RustType::ByteStream
            | RustType::DateTime
            | RustType::Document
            | RustType::BigInteger
            | RustType::BigDecimal => true,
            RustType::List(t) | RustType::Map(t) | RustType::Option(t) => t.uses_smithy_types(),
            RustType::String | RustType::Primitive(_) | RustType::Named { .. } | RustType::Unit => {
                false
            }
        }
    }

    /// A float, or a list of floats.
    pub fn is_float_or_floats(&self) -> bool {
        match self {
            RustType::Primitive(p) => p.is_float(),
            RustType::List(t) => t.is_float_or_floats(),
            _ => false,
        }
    }

    /// A big number, or a list of them.
    pub fn is_big_or_bigs(&self) -> bool {
        match self {
            RustType::BigInteger | RustType::BigDecimal => true,
            RustType::List(t) => t.is_big_or_bigs(),
            _ => false,
        }
    }

    /// The Rust type of a value of shape `id`.
    pub(crate) fn of_shape(model: &Model, names: &Names, id: &str) -> RustType {
        let shape = model.shape(id);
        let item = || {
            let member = shape
                .member(if shape.kind == Kind::List {
                    "member"
                } else {
                    "value"
                })
                .expect("lists and maps have their members");
            let inner = RustType::of_shape(model, names, &member.target);
            if shape.traits.sparse {
                RustType::Option(Box::new(inner))
            } else {
                inner
            }
        };
        let named = |kind| match names.type_name(id) {
            Some(name) => RustType::Named {
                kind,
                name: name.to_string(),
                error: shape.traits.error.is_some(),
            },
            None => RustType::Unit,
        };
        match shape.kind {
            Kind::Blob if shape.traits.streaming => RustType::ByteStream,
            Kind::Blob => RustType::Blob,
            Kind::Boolean => RustType::Primitive(Primitive::Bool),
            Kind::String => RustType::String,
            Kind::Byte => RustType::Primitive(Primitive::I8),
            Kind::Short => RustType::Primitive(Primitive::I16),
            Kind::Integer => RustType::Primitive(Primitive::I32),
            Kind::Long => RustType::Primitive(Primitive::I64),
            Kind::Float => RustType::Primitive(Primitive::F32),
            Kind::Double => RustType::Primitive(Primitive::F64),
            Kind::BigInteger => RustType::BigInteger,
            Kind::BigDecimal => RustType::BigDecimal,
            Kind::Timestamp => RustType::DateTime,
            Kind::Document => RustType::Document,
            Kind::List => RustType::List(Box::new(item())),
            Kind::Map => RustType::Map(Box::new(item())),
            Kind::Enum => named(NamedKind::Enum),
            Kind::IntEnum => named(NamedKind::IntEnum),
            Kind::Structure => named(NamedKind::Structure),
            Kind::Union => named(NamedKind::Union),
            Kind::Service | Kind::Operation | Kind::Resource => RustType::Unit,
        }
    }
}

impl fmt::Display for RustType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RustType::String => f.write_str("String"),
            RustType::Primitive(p) => p.fmt(f),
            RustType::Blob => f.write_str("aws_smithy_types::Blob"),
            RustType::ByteStream => f.write_str("aws_smithy_types::byte_stream::ByteStream"),
            RustType::DateTime => f.write_str("aws_smithy_types::DateTime"),
            RustType::Document => f.write_str("aws_smithy_types::Document"),
            RustType::BigInteger => f.write_str("aws_smithy_types::BigInteger"),
            RustType::BigDecimal => f.write_str("aws_smithy_types::BigDecimal"),
            RustType::Named {
                name, error: true, ..
            } => write!(f, "crate::types::error::{name}"),
            RustType::Named { name, .. } => write!(f, "crate::types::{name}"),
            RustType::List(t) => write!(f, "Vec<{t}>"),
            RustType::Map(t) => write!(f, "std::collections::HashMap<String, {t}>"),
            RustType::Option(t) => write!(f, "Option<{t}>"),
            RustType::Unit => f.write_str("()"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_as_rust_source() {
        let log_level = RustType::Named {
            kind: NamedKind::Enum,
            name: "LogLevel".into(),
            error: false,
        };
        let ty = RustType::Map(Box::new(RustType::List(Box::new(RustType::Option(
            Box::new(log_level),
        )))));
        assert_eq!(
            ty.to_string(),
            "std::collections::HashMap<String, Vec<Option<crate::types::LogLevel>>>"
        );
        let error = RustType::Named {
            kind: NamedKind::Structure,
            name: "ConflictException".into(),
            error: true,
        };
        assert_eq!(error.to_string(), "crate::types::error::ConflictException");
        assert!(!error.uses_smithy_types());
        assert!(RustType::List(Box::new(RustType::DateTime)).uses_smithy_types());
        assert!(RustType::List(Box::new(RustType::Primitive(Primitive::F32))).is_float_or_floats());
    }
}
