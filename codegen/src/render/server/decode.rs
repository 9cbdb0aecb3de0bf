//! Code for the server's request decoding and validation: one block per member value, in the
//! shape of `{ ...; Some(value) }` (an `Option<T>` that is `None` only when a violation was
//! pushed), using `value` (the raw value), `p` (its path) and `v` (the violations).

use crate::ir::Field;
use crate::ir::TimestampFormat;
use crate::ir::{RustType, ShapeKind};

/// Where a raw value comes from: a JSON document, or HTTP text (label, query, header).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Src {
    Json,
    Text { default_time: TimestampFormat },
}

pub use crate::render::constraints::{Gen, reachable};

pub const UNSUPPORTED: &str = "not supported by this generator";

impl Gen<'_> {
    /// The block for one value of member `f`.
    pub fn block(&mut self, f: &Field, src: Src) -> String {
        let mut stmts: Vec<String> = Vec::new();
        let result = match self.number_or_text(f, src, &mut stmts) {
            Some(result) => result,
            None => match self.other_value(f, src, &mut stmts) {
                Ok(result) => result,
                Err(unsupported) => return unsupported,
            },
        };
        if stmts.is_empty() {
            return result;
        }
        stmts.push(result);
        format!("{{\n{}\n}}", stmts.join("\n"))
    }

    /// The value of a string, enum, boolean, number or timestamp member (after `stmts`);
    /// `None` for other kinds.
    fn number_or_text(&mut self, f: &Field, src: Src, stmts: &mut Vec<String>) -> Option<String> {
        let fname = self.fn_of(&f.target);
        let text = matches!(src, Src::Text { .. });
        let int_ty = match f.target_kind {
            ShapeKind::Byte => Some("i8"),
            ShapeKind::Short => Some("i16"),
            ShapeKind::Integer => Some("i32"),
            ShapeKind::Long => Some("i64"),
            _ => None,
        };
        Some(match f.target_kind {
            ShapeKind::String => {
                stmts.push(if text {
                    "let value = bind::string(value, &p);".into()
                } else {
                    "let value = decode::string(value, &p)?;".into()
                });
                stmts.extend(self.string_checks(f, "&value"));
                "Some(value)".into()
            }
            ShapeKind::Enum => {
                let raw = if text {
                    "value"
                } else {
                    "decode::string(value, &p)?"
                };
                format!("{fname}(v, &p, {raw})")
            }
            ShapeKind::IntEnum => {
                let raw = if text {
                    "bind::parse_int(&value, &p)?"
                } else {
                    "decode::integer(value, &p)?"
                };
                format!("{fname}(v, &p, {raw})")
            }
            ShapeKind::Boolean => {
                if text {
                    "Some(bind::parse_bool(&value, &p)?)".into()
                } else {
                    "Some(decode::boolean(value, &p)?)".into()
                }
            }
            _ if int_ty.is_some() => {
                let ty = int_ty.unwrap_or("i32");
                stmts.push(if text {
                    format!("let value: {ty} = bind::parse_int(&value, &p)?;")
                } else {
                    format!("let value: {ty} = decode::integer(value, &p)?;")
                });
                stmts.extend(self.range_checks(f, false));
                "Some(value)".into()
            }
            ShapeKind::Float | ShapeKind::Double => {
                let which = if f.target_kind == ShapeKind::Float {
                    "float"
                } else {
                    "double"
                };
                stmts.push(if text {
                    format!("let value = bind::parse_{which}(&value, &p)?;")
                } else {
                    format!("let value = decode::{which}(value, &p)?;")
                });
                stmts.extend(self.range_checks(f, true));
                "Some(value)".into()
            }
            ShapeKind::Timestamp => {
                let format = time_format(f, src);
                if text {
                    format!("Some(bind::parse_timestamp(&value, &p, {format})?)")
                } else {
                    format!("Some(decode::timestamp(value, &p, {format})?)")
                }
            }
            _ => return None,
        })
    }

    /// The value of a blob, document, big number or aggregate member (after `stmts`); `Err`
    /// holds the code that reports an unsupported binding.
    fn other_value(
        &mut self,
        f: &Field,
        src: Src,
        stmts: &mut Vec<String>,
    ) -> Result<String, String> {
        let fname = self.fn_of(&f.target);
        let text = matches!(src, Src::Text { .. });
        Ok(match f.target_kind {
            ShapeKind::Blob if f.streaming => return Err(unsupported(f, "a streaming blob")),
            ShapeKind::Blob => {
                stmts.push(if text {
                    "let value = bind::parse_blob(&value, &p)?;".into()
                } else {
                    "let value = decode::blob(value, &p)?;".into()
                });
                stmts.extend(self.blob_length_check(f, "value.as_ref()"));
                "Some(value)".into()
            }
            ShapeKind::Document if !text => "Some(decode::document(value, &p)?)".into(),
            ShapeKind::BigInteger | ShapeKind::BigDecimal if !text => {
                "Some(decode::big_number(value, &p)?)".into()
            }
            ShapeKind::BigInteger | ShapeKind::BigDecimal => {
                "Some(bind::parse_big(&value, &p)?)".into()
            }
            // A `smithy.api#Unit` union member: an object that carries nothing.
            ShapeKind::Structure if f.ty == RustType::Unit && !text => {
                stmts.push("decode::object(value, &p)?;".into());
                "Some(())".into()
            }
            ShapeKind::Structure | ShapeKind::Union if !text => format!("{fname}(v, &p, value)?"),
            ShapeKind::List if !text => {
                stmts.push("let value = decode::list(value, &p)?;".into());
                stmts.extend(self.length_check(f, "value.len()"));
                if f.constraints.unique_items {
                    stmts.push("decode::check_unique(v, &p, &value);".into());
                }
                format!("{fname}(v, &p, value)?")
            }
            ShapeKind::Map if !text => {
                stmts.push("let value = decode::map(value, &p)?;".into());
                stmts.extend(self.length_check(f, "value.len()"));
                format!("{fname}(v, &p, value)?")
            }
            _ => return Err(unsupported(f, "this type in an HTTP binding")),
        })
    }

    /// A block for a list of HTTP text values (`value: Vec<String>`), from a list member.
    pub fn text_list_block(&mut self, f: &Field, default_time: TimestampFormat) -> String {
        let Some(c) = self.collection(&f.target) else {
            return unsupported(f, "this list");
        };
        let mut stmts = self.length_check(f, "value.len()");
        if f.constraints.unique_items {
            stmts.push("validation::check_unique_items(v, &p, &value);".into());
        }
        let item = self.block(&c.member, Src::Text { default_time });
        stmts.push(format!(
            "let before = v.len();\nlet mut out = Vec::with_capacity(value.len());\n\
             for (i, value) in value.into_iter().enumerate() {{\nlet p = p.index(i);\n\
             if let Some(item) = {item} {{\nout.push({});\n}}\n}}\n(v.len() == before).then_some(out)",
            if c.sparse { "Some(item)" } else { "item" }
        ));
        format!("{{\n{}\n}}", stmts.join("\n"))
    }

    /// A block for `@httpQueryParams` / `@httpPrefixHeaders` maps (`value: Vec<(String, X)>`
    /// with `X` a `String`, or a `Vec<String>` for maps of lists).
    pub fn text_map_block(&mut self, f: &Field) -> String {
        let Some(c) = self.collection(&f.target) else {
            return unsupported(f, "this map");
        };
        let default_time = TimestampFormat::DateTime;
        let item = if c.member.target_kind == ShapeKind::List {
            self.text_list_block(&c.member, default_time)
        } else {
            self.block(&c.member, Src::Text { default_time })
        };
        let mut stmts = self.length_check(f, "value.len()");
        stmts.push(format!(
            "let before = v.len();\nlet mut out = std::collections::HashMap::with_capacity(value.len());\n\
             for (key, value) in value {{\nlet p = p.key(&key);\n\
             if let Some(item) = {item} {{\nout.insert(key.clone(), {});\n}}\n}}\n(v.len() == before).then_some(out)",
            if c.sparse { "Some(item)" } else { "item" }
        ));
        format!("{{\n{}\n}}", stmts.join("\n"))
    }
}

/// A block that answers 500 for a binding or type the generator does not handle yet.
pub fn unsupported(f: &Field, what: &str) -> String {
    format!(
        "{{\nlet _ = (value, &p, &mut *v);\nbind::unsupported(\"{}: {what} is {UNSUPPORTED}\")?\n}}",
        f.member
    )
}

pub fn format_path(format: TimestampFormat) -> &'static str {
    match format {
        TimestampFormat::DateTime => "smithygen_server_runtime::Format::DateTime",
        TimestampFormat::HttpDate => "smithygen_server_runtime::Format::HttpDate",
        TimestampFormat::EpochSeconds => "smithygen_server_runtime::Format::EpochSeconds",
    }
}

fn time_format(f: &Field, src: Src) -> &'static str {
    let default = match src {
        Src::Json => TimestampFormat::EpochSeconds,
        Src::Text { default_time } => default_time,
    };
    format_path(f.timestamp_format.unwrap_or(default))
}
