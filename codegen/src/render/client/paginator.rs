//! `operation/<op>/paginator.rs` for `@paginated` operations, and the `@endpoint(hostPrefix)`
//! function of an operation: the per-operation glue around `rt::paginator::paginate` and the
//! runtime's host-prefix interceptor.

use askama::Template;

use crate::ir::{Field, Operation, Paginator, ShapeKind};
use crate::naming;
use crate::render::RenderedFile;

#[derive(Template)]
#[template(path = "client/paginator.rs")]
struct PaginatorTemplate {
    p: PaginatorView,
}

struct PaginatorView {
    name: String,
    paginator: String,
    fluent: String,
    input_builder: String,
    output_name: String,
    error_name: String,
    /// `|b| b.get_next_token().clone()`
    get_token: String,
    /// `|b, token| b.set_next_token(Some(token))`
    set_token: String,
    /// `|o| o.next_token.as_deref()`
    next_token: String,
    token_doc: String,
    page_size: Option<PageSize>,
    items: Option<Items>,
}

struct PageSize {
    member: String,
    ty: String,
    setter: String,
}

struct Items {
    member: String,
    name: String,
    ty: String,
    /// `page.items.unwrap_or_default()`
    expr: String,
}

/// `operation/<op>/paginator.rs`, for a `@paginated` operation.
pub fn paginator_file(op: &Operation, module: &str) -> Option<Result<RenderedFile, askama::Error>> {
    let p = op.paginator.as_ref()?;
    let view = view(op, p);
    Some(
        PaginatorTemplate { p: view }
            .render()
            .map(|text| RenderedFile::new(format!("src/operation/{module}/paginator.rs"), text)),
    )
}

fn path_name(path: &[Field]) -> String {
    path.iter()
        .map(|f| f.member.as_str())
        .collect::<Vec<_>>()
        .join(".")
}

fn view(op: &Operation, p: &Paginator) -> PaginatorView {
    let token = &p.input_token;
    let items = p.items.as_ref().and_then(|path| {
        let last = path.last()?;
        let ty = match last.target_kind {
            ShapeKind::List => last.ty.item()?.to_string(),
            ShapeKind::Map => format!("(String, {})", last.ty.item()?),
            _ => return None,
        };
        Some(Items {
            member: path_name(path),
            name: naming::paginator_items(&op.names.name),
            ty,
            expr: by_value("page", path),
        })
    });
    PaginatorView {
        name: op.names.name.clone(),
        paginator: naming::paginator(&op.names.name),
        fluent: naming::fluent_builder(&op.names.name),
        input_builder: naming::builder(&op.names.input),
        output_name: op.names.output.clone(),
        error_name: op.names.error.clone(),
        get_token: format!("|b| b.{}().clone()", naming::builder_getter(&token.ident)),
        set_token: format!("|b, token| b.{}(Some(token))", token.setter),
        next_token: format!("|o| {}", by_ref("o", &p.output_token)),
        token_doc: format!("`{}` -> `{}`", token.member, path_name(&p.output_token)),
        page_size: p.page_size.as_ref().map(|f| PageSize {
            member: f.member.clone(),
            ty: f.ty.to_string(),
            setter: f.setter.clone(),
        }),
        items,
    }
}

/// `Option<&str>` of the string at the end of `path`, from `&root`.
fn by_ref(root: &str, path: &[Field]) -> String {
    // `Err(place)`: a place expression (no `Option` on the way yet); `Ok(expr)`: an
    // `Option<&T>` expression.
    let mut cur: Result<String, String> = Err(root.to_string());
    for (i, f) in path.iter().enumerate() {
        let last = i + 1 == path.len();
        let unwrap = if f.boxed || last {
            "as_deref"
        } else {
            "as_ref"
        };
        cur = match (cur, f.client_optional) {
            (Err(place), true) => Ok(format!("{place}.{}.{unwrap}()", f.ident)),
            (Err(place), false) => Err(format!("{place}.{}", f.ident)),
            (Ok(expr), true) => Ok(format!("{expr}.and_then(|v| v.{}.{unwrap}())", f.ident)),
            (Ok(expr), false) if last => Ok(format!("{expr}.map(|v| v.{}.as_str())", f.ident)),
            (Ok(expr), false) => Ok(format!("{expr}.map(|v| &v.{})", f.ident)),
        };
    }
    match cur {
        Ok(expr) => expr,
        Err(place) => format!("Some({place}.as_str())"),
    }
}

/// The collection at the end of `path`, moved out of `root` (empty when absent).
fn by_value(root: &str, path: &[Field]) -> String {
    let mut cur: Result<String, String> = Err(root.to_string());
    for f in path {
        let unbox = if f.boxed { ".map(|v| *v)" } else { "" };
        cur = match (cur, f.client_optional) {
            (Err(place), true) => Ok(format!("{place}.{}{unbox}", f.ident)),
            (Err(place), false) => Err(format!("{place}.{}", f.ident)),
            (Ok(expr), true) => Ok(format!("{expr}.and_then(|v| v.{}){unbox}", f.ident)),
            (Ok(expr), false) => Ok(format!("{expr}.map(|v| v.{}){unbox}", f.ident)),
        };
    }
    match cur {
        Ok(expr) => format!("{expr}.unwrap_or_default()"),
        Err(place) => place,
    }
}

/// The body of the operation's `host_prefix` function (`@endpoint(hostPrefix)`), `{label}`s
/// read from the input's `@hostLabel` members; empty labels are errors, as in aws-sdk-rust.
pub fn host_prefix_lines(op: &Operation) -> Option<Vec<String>> {
    let template = op.host_prefix.as_ref()?;
    let mut lines = Vec::new();
    let mut format = String::new();
    let mut args = Vec::new();
    let mut rest = template.as_str();
    while let Some(start) = rest.find('{') {
        format.push_str(&rest[..start]);
        let Some(end) = rest[start..].find('}') else {
            break;
        };
        let label = &rest[start + 1..start + end];
        rest = &rest[start + end + 1..];
        let f = op.input.fields.iter().find(|f| f.member == label)?;
        let var = format!("label_{}", args.len());
        let value = if f.client_optional {
            format!("input.{}.as_deref().unwrap_or_default()", f.ident)
        } else {
            format!("input.{}.as_str()", f.ident)
        };
        lines.push(format!("let {var} = {value};"));
        lines.push(format!(
            "if {var}.is_empty() {{ return Err({:?}.into()); }}",
            format!(
                "{} was unset or empty but must be set as part of the endpoint prefix",
                f.member
            )
        ));
        format.push_str(&format!("{{{var}}}"));
        args.push(var);
    }
    format.push_str(rest);
    if args.is_empty() {
        lines.push(format!("Ok({format:?}.to_string())"));
    } else {
        lines.push(format!("Ok(format!({format:?}))"));
    }
    Some(lines)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Binding, Constraints, RustType};

    fn field(ident: &str, optional: bool, boxed: bool) -> Field {
        Field {
            member: ident.into(),
            json_name: ident.into(),
            ident: ident.into(),
            setter: format!("set_{ident}"),
            docs: Vec::new(),
            ty: RustType::String,
            target_kind: ShapeKind::String,
            streaming: false,
            target: "smithy.api#String".into(),
            default: None,
            required: !optional,
            client_optional: optional,
            server_optional: optional,
            binding: Binding::Body,
            sensitive: false,
            boxed,
            idempotency_token: false,
            timestamp_format: None,
            constraints: Constraints::default(),
        }
    }

    #[test]
    fn token_paths() {
        let opt = |i| field(i, true, false);
        let req = |i| field(i, false, false);
        assert_eq!(by_ref("o", &[opt("t")]), "o.t.as_deref()");
        assert_eq!(by_ref("o", &[req("t")]), "Some(o.t.as_str())");
        assert_eq!(by_ref("o", &[req("a"), req("t")]), "Some(o.a.t.as_str())");
        assert_eq!(
            by_ref("o", &[opt("a"), req("t")]),
            "o.a.as_ref().map(|v| v.t.as_str())"
        );
        assert_eq!(
            by_ref("o", &[field("a", true, true), opt("t")]),
            "o.a.as_deref().and_then(|v| v.t.as_deref())"
        );
    }

    #[test]
    fn item_paths() {
        let opt = |i| field(i, true, false);
        let req = |i| field(i, false, false);
        assert_eq!(by_value("p", &[opt("xs")]), "p.xs.unwrap_or_default()");
        assert_eq!(by_value("p", &[req("xs")]), "p.xs");
        assert_eq!(
            by_value("p", &[field("a", true, true), req("xs")]),
            "p.a.map(|v| *v).map(|v| v.xs).unwrap_or_default()"
        );
        assert_eq!(
            by_value("p", &[req("a"), opt("xs")]),
            "p.a.xs.unwrap_or_default()"
        );
    }
}
