//! Client-only views: the crate skeleton (config, errors, service metadata, the `Client`),
//! one module per operation (input, output, error enum, fluent builder, request serializer
//! and response deserializer), the private serde wire forms and the opt-in validators.

mod http;
mod ops;
mod paginator;
mod protocol_serde;
mod rt;
mod skeleton;
mod validation;
mod wire;

pub(crate) use skeleton::cargo_manifest;
pub(crate) use validation::validation as validation_file;

use askama::Template;

use crate::ir::{self, Field, Service};

use super::modules::{self, ModelTypes};
use super::types::{EnumTemplate, EnumView, StructView, StructureView, UnionTemplate, UnionView};
use super::{Flavor, RenderedFile};

const SERDE_DERIVE: &str =
    "#[cfg_attr(feature = \"serde\", derive(serde::Serialize, serde::Deserialize))]";

/// Settings the generated crates need from the caller.
#[derive(Debug, Clone, Default)]
pub struct ClientSettings {
    /// The `[package]` table and where the runtime crates are.
    pub package: crate::package::PackageSettings,
}

/// The public `serde` feature: model member names; types without serde support skipped.
fn serde_field_attr(f: &Field, optional: bool) -> String {
    let inner = if f.ty.uses_smithy_types() {
        "skip".to_string()
    } else if optional {
        format!(
            "rename = {:?}, default, skip_serializing_if = \"Option::is_none\"",
            f.json_name
        )
    } else {
        format!("rename = {:?}", f.json_name)
    };
    format!("#[cfg_attr(feature = \"serde\", serde({inner}))]")
}

/// The client's view of a structure: builders, `#[non_exhaustive]`, the serde feature.
pub fn struct_view(s: &ir::Structure) -> StructView {
    let mut view = StructView::new(s, Flavor::Client);
    view.attrs.push(SERDE_DERIVE.into());
    for (fv, f) in view.fields.iter_mut().zip(&s.fields) {
        fv.attrs.push(serde_field_attr(f, f.client_optional));
    }
    view
}

/// An operation input: `build()` returns a `Result`, as in aws-sdk-rust.
pub fn input_view(s: &ir::Structure) -> StructView {
    let mut view = struct_view(s);
    view.build_ty = format!("Result<{}, crate::error::BuildError>", s.name);
    view.build_open = "Ok(";
    view.build_close = ")";
    view
}

/// An operation output: carries the response's request id.
pub fn output_view(s: &ir::Structure) -> StructView {
    let mut view = struct_view(s);
    view.request_id = true;
    view
}

/// An error shape: carries the error metadata (code, message, request id).
pub fn error_view(s: &ir::Structure) -> StructView {
    let mut view = struct_view(s);
    view.error_meta = true;
    view
}

/// The client's enums keep unknown values, parse strictly with `try_parse`, and (with the
/// `serde` feature) serialize as their wire value.
pub fn enum_view(e: &ir::Enum) -> EnumView {
    let mut view = EnumView::new(e, Flavor::Client);
    view.serde = true;
    if e.int_enum {
        view.unknown_new = "other";
    } else {
        view.unknown_new = "crate::primitives::UnknownVariantValue::new(other)";
        view.try_parse = true;
    }
    view
}

/// Unions: externally tagged JSON objects under the `serde` feature.
pub fn union_view(u: &ir::Union) -> UnionView {
    let mut view = UnionView::new(u, Flavor::Client);
    view.attrs.push(SERDE_DERIVE.into());
    view.unknown_attrs
        .push("#[cfg_attr(feature = \"serde\", serde(skip))]".into());
    for (v, f) in view.variants.iter_mut().zip(&u.variants) {
        let inner = if f.ty.uses_smithy_types() {
            "skip".to_string()
        } else {
            format!("rename = {:?}", f.member)
        };
        v.attrs
            .push(format!("#[cfg_attr(feature = \"serde\", serde({inner}))]"));
    }
    view
}

#[derive(Template)]
#[template(path = "client/error_struct.rs")]
struct ErrorStructTemplate {
    structure: String,
    name: String,
    code: String,
    message_expr: String,
}

pub fn error_struct(e: &ir::Structure) -> Result<String, askama::Error> {
    let message_expr = match e.message_field() {
        Some(m) if m.client_optional => format!("self.{}.as_deref()", m.ident),
        Some(m) => format!("Some(self.{}.as_str())", m.ident),
        None => "None".into(),
    };
    ErrorStructTemplate {
        structure: StructureView { s: error_view(e) }.render()?,
        name: e.name.clone(),
        code: e.error_code().to_string(),
        message_expr,
    }
    .render()
}

/// Every file of the client crate.
pub fn crate_files(
    service: &Service,
    settings: &ClientSettings,
) -> Result<Vec<RenderedFile>, askama::Error> {
    let mut files = skeleton::files(service, settings)?;
    files.extend(modules::model_files(service, &ClientTypes)?);
    for op in &service.operations {
        files.extend(ops::operation_files(service, op)?);
    }
    files.push(modules::operation_list(
        service,
        vec![format!("pub use {}::request_id::RequestId;", rt::AWS_TYPES)],
    )?);
    Ok(files)
}

/// The client's rendering of the model types.
pub(crate) struct ClientTypes;

impl ModelTypes for ClientTypes {
    fn structure(&self, s: &ir::Structure) -> Result<String, askama::Error> {
        StructureView { s: struct_view(s) }.render()
    }

    fn enumeration(&self, e: &ir::Enum) -> Result<String, askama::Error> {
        EnumTemplate { e: enum_view(e) }.render()
    }

    fn union(&self, u: &ir::Union) -> Result<String, askama::Error> {
        UnionTemplate { u: union_view(u) }.render()
    }

    fn error(&self, e: &ir::Structure) -> Result<String, askama::Error> {
        error_struct(e)
    }

    fn builders(&self) -> bool {
        true
    }
}
