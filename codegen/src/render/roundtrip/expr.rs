//! Spells a [`Sample`] as a Rust expression of the client's or the server's types: the client
//! builds structures with builders (`set_x(Some(..))`), the server writes struct literals with
//! plain required members.

use crate::sample::{FieldSample, Sample};

/// Which crate's types an expression builds, under the alias the test crate gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Client,
    Server,
}

impl Side {
    /// The alias (`use <crate> as client;`).
    pub fn alias(self) -> &'static str {
        match self {
            Side::Client => "client",
            Side::Server => "server",
        }
    }

    /// An IR type path (`crate::types::Role`) as seen from the test crate.
    pub fn path(self, ty: &str) -> String {
        match ty.strip_prefix("crate::") {
            Some(rest) => format!("{}::{rest}", self.alias()),
            None => ty.to_string(),
        }
    }

    pub fn expr(self, s: &Sample) -> String {
        match s {
            Sample::Bool(b) => b.to_string(),
            Sample::Int(i) => i.to_string(),
            Sample::Float(f) if f.is_finite() => format!("{f:?}"),
            Sample::Float(f) if f.is_nan() => "\"NaN\".parse().unwrap()".into(),
            Sample::Float(f) if *f > 0.0 => "\"Infinity\".parse().unwrap()".into(),
            Sample::Float(_) => "\"-Infinity\".parse().unwrap()".into(),
            Sample::Big { ty, text } => format!("{text:?}.parse::<{ty}>().unwrap()"),
            Sample::Str(s) => format!("{s:?}.to_string()"),
            Sample::Blob(bytes) => {
                let items: Vec<String> = bytes.iter().map(|b| format!("{b}u8")).collect();
                format!("aws_smithy_types::Blob::new(vec![{}])", items.join(", "))
            }
            Sample::Timestamp(ms) => format!("aws_smithy_types::DateTime::from_millis({ms})"),
            Sample::Document(v) => document(v),
            Sample::Enum { ty, variant } => format!("{}::{variant}", self.path(ty)),
            Sample::UnknownEnum { ty, value } => match self {
                Side::Client => format!("<{}>::from({value})", self.path(ty)),
                Side::Server => format!("<{}>::try_from({value}).unwrap()", self.path(ty)),
            },
            Sample::Null => "None".into(),
            Sample::Unit => "()".into(),
            Sample::Stream(bytes) => {
                let items: Vec<String> = bytes.iter().map(|b| format!("{b}u8")).collect();
                format!(
                    "aws_smithy_types::byte_stream::ByteStream::from(vec![{}])",
                    items.join(", ")
                )
            }
            Sample::List { items, sparse } => {
                let items: Vec<String> = items.iter().map(|i| self.item(i, *sparse)).collect();
                format!("vec![{}]", items.join(", "))
            }
            Sample::Map { entries, sparse } => {
                let entries: Vec<String> = entries
                    .iter()
                    .map(|(k, v)| format!("({k:?}.to_string(), {})", self.item(v, *sparse)))
                    .collect();
                format!("std::collections::HashMap::from([{}])", entries.join(", "))
            }
            Sample::Struct { ty, fields } => match self {
                Side::Client => format!(
                    "{}::builder(){}.build()",
                    self.path(ty),
                    self.setters(fields).concat()
                ),
                Side::Server => self.literal(&self.path(ty), fields),
            },
            Sample::Union {
                ty,
                variant,
                boxed,
                value,
            } => format!(
                "{}::{variant}({})",
                self.path(ty),
                boxed_if(*boxed, self.expr(value))
            ),
        }
    }

    fn item(self, s: &Sample, sparse: bool) -> String {
        if sparse && !matches!(s, Sample::Null) {
            format!("Some({})", self.expr(s))
        } else {
            self.expr(s)
        }
    }

    /// `.set_x(Some(value))` for every member with a value (client builders).
    pub fn setters(self, fields: &[FieldSample]) -> Vec<String> {
        fields
            .iter()
            .filter_map(|f| {
                let v = f.value.as_ref()?;
                Some(format!(
                    ".{}(Some({}))",
                    f.field.setter,
                    boxed_if(f.field.boxed, self.expr(v))
                ))
            })
            .collect()
    }

    /// `Path { a: value, b: Some(value), c: None }` (server structs: public fields).
    pub fn literal(self, path: &str, fields: &[FieldSample]) -> String {
        let members: Vec<String> = fields
            .iter()
            .map(|f| {
                let value = f
                    .value
                    .as_ref()
                    .map(|v| boxed_if(f.field.boxed, self.expr(v)));
                let value = match (value, f.field.server_optional) {
                    (Some(v), true) => format!("Some({v})"),
                    (Some(v), false) => v,
                    (None, true) => "None".into(),
                    // Sampling never leaves a required member unset (the operation is skipped).
                    (None, false) => "Default::default()".into(),
                };
                format!("{}: {value}", f.field.ident)
            })
            .collect();
        format!("{path} {{ {} }}", members.join(", "))
    }
}

fn boxed_if(boxed: bool, expr: String) -> String {
    if boxed {
        format!("Box::new({expr})")
    } else {
        expr
    }
}

/// A document literal.
pub fn document(v: &serde_json::Value) -> String {
    use serde_json::Value;
    let d = "aws_smithy_types::Document";
    match v {
        Value::Null => format!("{d}::Null"),
        Value::Bool(b) => format!("{d}::Bool({b})"),
        Value::Number(n) => {
            let number = if let Some(u) = n.as_u64() {
                format!("PosInt({u})")
            } else if let Some(i) = n.as_i64() {
                format!("NegInt({i})")
            } else {
                format!("Float({:?})", n.as_f64().unwrap_or_default())
            };
            format!("{d}::Number(aws_smithy_types::Number::{number})")
        }
        Value::String(s) => format!("{d}::String({s:?}.to_string())"),
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(document).collect();
            format!("{d}::Array(vec![{}])", items.join(", "))
        }
        Value::Object(map) => {
            let entries: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("({k:?}.to_string(), {})", document(v)))
                .collect();
            format!(
                "{d}::Object(std::collections::HashMap::from([{}]))",
                entries.join(", ")
            )
        }
    }
}
