//! The third render target: a test crate that drives every operation of the generated client
//! against the generated server over a loopback socket, with sample values from
//! [`crate::sample`]. The server's handler checks that each input arrived equal to the sample
//! and answers the sample output; the client checks that output member by member.

pub(crate) mod expr;

use askama::Template;

use crate::ir::{Binding, Operation, Service};
use crate::naming;
use crate::sample::{self, FieldSample};

use expr::Side;

#[derive(Template)]
#[template(path = "roundtrip/Cargo.toml")]
struct CargoTemplate {
    p: crate::package::Manifest,
    dependencies: Vec<String>,
}

#[derive(Template)]
#[template(path = "roundtrip/lib.rs")]
struct LibTemplate {
    title: String,
    client_crate: String,
    ops: Vec<OpView>,
    /// `("Operation", "reason")` lines.
    skipped: Vec<String>,
    /// `("Operation.member", "reason")` lines.
    omitted: Vec<String>,
}

#[derive(Template)]
#[template(path = "roundtrip/handler.rs")]
struct HandlerTemplate {
    server_crate: String,
    trait_name: String,
    ops: Vec<OpView>,
    skipped: Vec<OpView>,
}

#[derive(Template)]
#[template(path = "roundtrip/operation.rs")]
struct OperationTemplate {
    client_crate: String,
    server_crate: String,
    op: OpView,
}

#[derive(Template)]
#[template(path = "roundtrip/test.rs")]
struct TestTemplate {
    crate_ident: String,
    client_crate: String,
    server_crate: String,
    server_type: String,
}

/// One operation, every string ready.
#[derive(Clone)]
struct OpView {
    name: String,
    /// The name as a string literal.
    name_lit: String,
    /// The operation module (`create_thing`, possibly raw) and its file name.
    module: String,
    file: String,
    /// The client method and the server trait method.
    method: String,
    server_input: String,
    server_output: String,
    server_error: String,
    /// `.set_x(Some(..))` calls on the client's fluent builder.
    setters: Vec<String>,
    /// The server's expected input and its answer, as struct literals.
    expected_input: String,
    output: String,
    /// What the client must decode, built with the client's builder.
    expected_output: String,
    input_checks: Vec<Check>,
    output_checks: Vec<Check>,
    /// `let _ = (got, &want);` when no member is compared (an empty input or output).
    touch_input: Vec<String>,
    touch_output: Vec<String>,
}

/// One member comparison: `func(label, got, want)`.
#[derive(Clone)]
struct Check {
    func: &'static str,
    /// The member name as a string literal.
    label: String,
    got: String,
    want: String,
}

/// Compares members by equality, except maps bound to `@httpPrefixHeaders("")` or
/// `@httpQueryParams`: they receive every header (query parameter) of the message, those bound
/// to other members too, so only the sample's entries must be among them.
fn checks(fields: &[FieldSample], side: Side) -> Vec<Check> {
    fields
        .iter()
        .map(|f| {
            let id = &f.field.ident;
            let all_headers = f.field.binding == Binding::PrefixHeaders(String::new())
                || f.field.binding == Binding::QueryParams;
            let optional = match side {
                Side::Client => f.field.client_optional,
                Side::Server => f.field.server_optional,
            };
            let (func, got, want) = match (all_headers, optional) {
                (false, _) => ("diff", format!("&got.{id}"), format!("&want.{id}")),
                (true, true) => (
                    "diff_subset",
                    format!("got.{id}.as_ref()"),
                    format!("want.{id}.as_ref()"),
                ),
                (true, false) => (
                    "diff_subset",
                    format!("Some(&got.{id})"),
                    format!("Some(&want.{id})"),
                ),
            };
            Check {
                func,
                label: format!("{:?}", f.field.member),
                got,
                want,
            }
        })
        .collect()
}

fn op_view(op: &Operation, samples: &sample::OperationSamples) -> OpView {
    let module = op.names.snake.clone();
    let server_path = |ty: &str| format!("server::operation::{module}::{ty}");
    OpView {
        name: op.names.name.clone(),
        name_lit: format!("{:?}", op.names.name),
        touch_input: if samples.input.is_empty() {
            vec!["let _ = (got, &want);".into()]
        } else {
            Vec::new()
        },
        touch_output: if samples.output.is_empty() {
            vec!["let _ = (&got, &want);".into()]
        } else {
            Vec::new()
        },
        file: naming::unraw(&module).to_string(),
        method: op.names.snake.clone(),
        server_input: server_path(&op.names.input),
        server_output: server_path(&op.names.output),
        server_error: server_path(&op.names.error),
        setters: Side::Client.setters(&samples.input),
        expected_input: Side::Server.literal(&server_path(&op.names.input), &samples.input),
        output: Side::Server.literal(&server_path(&op.names.output), &samples.output),
        expected_output: format!(
            "client::operation::{module}::{}::builder(){}.build()",
            op.names.output,
            Side::Client.setters(&samples.output).concat()
        ),
        input_checks: checks(&samples.input, Side::Server),
        output_checks: checks(&samples.output, Side::Client),
        module,
    }
}

fn pair((a, b): &(String, String)) -> String {
    format!("({a:?}, {b:?})")
}

/// The files of `<stem>-roundtrip`, paths relative to its directory; it depends on the client
/// and server crates next to it.
pub fn crate_files(service: &Service) -> Result<Vec<(String, String)>, askama::Error> {
    let client_crate = format!("{}_client", service.crate_stem);
    let server_crate = format!("{}_server", service.crate_stem);
    let Plan {
        ops,
        skipped_ops,
        skipped,
        omitted,
    } = plan(service);
    let package = format!("{}-roundtrip", service.crate_stem);
    let mut files = vec![("Cargo.toml".to_string(), cargo_toml(service).render()?)];
    for op in &ops {
        files.push((
            format!("src/ops/{}.rs", op.file),
            OperationTemplate {
                client_crate: client_crate.clone(),
                server_crate: server_crate.clone(),
                op: op.clone(),
            }
            .render()?,
        ));
    }
    files.push((
        "src/handler.rs".into(),
        HandlerTemplate {
            server_crate: server_crate.clone(),
            trait_name: service.name.clone(),
            ops: ops.clone(),
            skipped: skipped_ops,
        }
        .render()?,
    ));
    files.push((
        "tests/roundtrip.rs".into(),
        TestTemplate {
            crate_ident: package.replace('-', "_"),
            client_crate: client_crate.clone(),
            server_crate: server_crate.clone(),
            server_type: naming::server_struct(&service.name),
        }
        .render()?,
    ));
    files.push((
        "src/lib.rs".into(),
        LibTemplate {
            title: service.title.clone(),
            client_crate,
            ops,
            skipped: skipped.iter().map(pair).collect(),
            omitted: omitted.iter().map(pair).collect(),
        }
        .render()?,
    ));
    Ok(files)
}

/// The operations that round-trip, those skipped (with why) and the members left unset.
#[derive(Default)]
struct Plan {
    ops: Vec<OpView>,
    skipped_ops: Vec<OpView>,
    skipped: Vec<(String, String)>,
    omitted: Vec<(String, String)>,
}

fn plan(service: &Service) -> Plan {
    let mut plan = Plan::default();
    for op in &service.operations {
        let samples = sample::operation(service, op);
        for o in &samples.omitted {
            if !plan.omitted.contains(o) {
                plan.omitted.push(o.clone());
            }
        }
        let view = op_view(op, &samples);
        match &samples.skipped {
            Some(reason) => {
                plan.skipped.push((op.names.name.clone(), reason.clone()));
                plan.skipped_ops.push(view);
            }
            None => plan.ops.push(view),
        }
    }
    plan
}

fn cargo_toml(service: &Service) -> CargoTemplate {
    let mut dependencies = vec![
        format!(
            "{} = {{ path = \"../{}\" }}",
            super::crate_name(service, super::Flavor::Client),
            super::crate_name(service, super::Flavor::Client)
        ),
        format!(
            "{} = {{ path = \"../{}\" }}",
            super::crate_name(service, super::Flavor::Server),
            super::crate_name(service, super::Flavor::Server)
        ),
    ];
    if super::uses_smithy_types(service) {
        dependencies.push("aws-smithy-types = \"1.9\"".into());
    }
    CargoTemplate {
        // A test crate: licensed like this workspace, never published.
        p: crate::package::PackageSettings::workspace().manifest(
            &format!("{}-roundtrip", service.crate_stem),
            &format!(
                "Round trip of every operation of {}: generated client against generated server",
                service.title
            ),
        ),
        dependencies,
    }
}
