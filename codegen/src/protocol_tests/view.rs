//! Views of the protocol-test crates: every case becomes the statements of one test, built
//! from the IR (types, operations) and the case's expectations.

use std::collections::BTreeMap;

use askama::Template;

use super::cases::{Assertion, Bound, Case, Kind, MalformedRequest, MessageCase, Side};
use super::params::Shapes;
use crate::ir::{Field, Operation, Service};
use crate::render::roundtrip::expr;
use crate::sample::{self, FieldSample};

#[derive(Template)]
#[template(path = "protocol_tests/Cargo.toml")]
pub struct CargoView {
    pub package: String,
    pub client: String,
    pub server: Option<String>,
    pub runtime_path: String,
}

#[derive(Template)]
#[template(path = "protocol_tests/lib.rs", escape = "none")]
pub struct LibView {
    title: String,
    side: &'static str,
    client_crate: String,
    server_crate: Option<String>,
    trait_name: String,
    server_type: String,
    operations: Vec<OpView>,
    modules: Vec<ModuleView>,
}

struct OpView {
    method: String,
    input: String,
    output: String,
    error: String,
}

struct ModuleView {
    name: &'static str,
    cases: Vec<CaseView>,
}

pub struct CaseView {
    kind: Kind,
    name: String,
    /// Why the case has no test body (a string literal), if it has none.
    unsupported: Option<String>,
    lines: Vec<String>,
}

impl LibView {
    pub fn new(service: &Service, side: Side, cases: Vec<CaseView>) -> LibView {
        let server_path =
            |op: &Operation, ty: &str| format!("server::operation::{}::{ty}", op.names.snake);
        let mut modules: Vec<ModuleView> = Vec::new();
        for kind in [Kind::Request, Kind::Response, Kind::Malformed] {
            let cases: Vec<CaseView> = cases.iter().filter(|c| c.kind == kind).cloned().collect();
            if !cases.is_empty() {
                modules.push(ModuleView {
                    name: kind.label(),
                    cases,
                });
            }
        }
        LibView {
            title: service.title.clone(),
            side: match side {
                Side::Client => "client",
                Side::Server => "server",
            },
            client_crate: format!("{}_client", service.crate_stem),
            server_crate: (side == Side::Server).then(|| format!("{}_server", service.crate_stem)),
            trait_name: service.name.clone(),
            server_type: crate::naming::server_struct(&service.name),
            operations: service
                .operations
                .iter()
                .map(|op| OpView {
                    method: op.names.snake.clone(),
                    input: server_path(op, &op.names.input),
                    output: server_path(op, &op.names.output),
                    error: server_path(op, &op.names.error),
                })
                .collect(),
            modules,
        }
    }
}

impl Clone for CaseView {
    fn clone(&self) -> Self {
        CaseView {
            kind: self.kind,
            name: self.name.clone(),
            unsupported: self.unsupported.clone(),
            lines: self.lines.clone(),
        }
    }
}

/// The views of `side`'s cases, in model order.
pub fn cases(service: &Service, bound: &[Bound], side: Side) -> Vec<CaseView> {
    let shapes = Shapes::new(service, side == Side::Server);
    bound
        .iter()
        .filter(|b| b.side == side)
        .map(|b| {
            let op = service
                .operations
                .iter()
                .find(|o| o.shape_id == b.operation);
            let lines = match op {
                Some(op) => Builder {
                    service,
                    shapes: &shapes,
                    op,
                }
                .lines(b),
                None => Err(format!("operation {} is not generated", b.operation)),
            };
            let (unsupported, lines) = match lines {
                Ok(lines) => (None, lines),
                Err(reason) => (Some(format!("{reason:?}")), Vec::new()),
            };
            CaseView {
                kind: b.kind(),
                name: b.id.clone(),
                unsupported,
                lines,
            }
        })
        .collect()
}

struct Builder<'a> {
    service: &'a Service,
    shapes: &'a Shapes<'a>,
    op: &'a Operation,
}

impl Builder<'_> {
    fn lines(&self, b: &Bound) -> Result<Vec<String>, String> {
        match (&b.case, b.side) {
            (Case::Request(c), Side::Client) => self.client_request(c),
            (Case::Request(c), Side::Server) => self.server_request(c),
            (Case::Response { case, error }, Side::Client) => {
                self.client_response(case, error.as_deref())
            }
            (Case::Response { case, error }, Side::Server) => {
                self.server_response(case, error.as_deref())
            }
            (Case::Malformed(c), _) => Ok(self.malformed(c)),
        }
    }

    fn module(&self) -> &str {
        &self.op.names.snake
    }

    fn client_call(&self, setters: &[String]) -> String {
        format!("c.{}(){}.send()", self.op.names.snake, setters.concat())
    }

    /// A valid input for calls whose input the case does not give (response cases).
    fn sample_setters(&self) -> Result<Vec<String>, String> {
        let samples = sample::operation(self.service, self.op);
        match samples.skipped {
            Some(reason) => Err(format!("no sample input: {reason}")),
            None => Ok(expr::Side::Client.setters(&samples.input)),
        }
    }

    fn client_request(&self, c: &MessageCase) -> Result<Vec<String>, String> {
        let input = self
            .shapes
            .fields(&self.op.input.fields, &c.params, "params")?;
        let endpoint = format!("https://{}", c.host.as_deref().unwrap_or("example.com"));
        let call = self.client_call(&expr::Side::Client.setters(&input));
        Ok(vec![
            format!("let request = sent!({endpoint:?}, |c| {call});"),
            format!(
                "pt::assert_none(pt::ExpectedRequest {{ method: {:?}, uri: {:?}, host: {}, \
                 query_params: {}, forbid_query_params: {}, require_query_params: {}, \
                 headers: {}, forbid_headers: {}, require_headers: {}, body: {}, \
                 body_media_type: {} }}.check(&request));",
                c.method,
                c.uri,
                opt(c.resolved_host.as_deref()),
                list(&c.query_params),
                list(&c.forbid_query_params),
                list(&c.require_query_params),
                pairs(&c.headers),
                list(&c.forbid_headers),
                list(&c.require_headers),
                opt(c.body.as_deref()),
                opt(c.body_media_type.as_deref()),
            ),
        ])
    }

    fn server_request(&self, c: &MessageCase) -> Result<Vec<String>, String> {
        let input = self
            .shapes
            .fields(&self.op.input.fields, &c.params, "params")?;
        let ty = format!(
            "server::operation::{}::{}",
            self.module(),
            self.op.names.input
        );
        let request = http_request(
            &c.method,
            &c.uri,
            &c.query_params,
            &c.headers,
            c.body.as_deref(),
        );
        let mut lines = vec![
            "let (server, recorder) = server();".to_string(),
            format!("let request = {request};"),
            "if let Some(response) = pt::call(server, &recorder, request).await { \
             panic!(\"the handler was not called; the server answered {} {:?}\", \
             response.status(), response.body()); }"
                .to_string(),
            format!("let got: {ty} = recorder.input().expect(\"the operation's input\");"),
            format!("let want = {};", expr::Side::Server.literal(&ty, &input)),
        ];
        lines.push(checks(&input));
        Ok(lines)
    }

    fn client_response(&self, c: &MessageCase, error: Option<&str>) -> Result<Vec<String>, String> {
        let call = self.client_call(&self.sample_setters()?);
        let mut lines = vec![
            format!(
                "let (http, _) = pt::capture({}, {}, {});",
                c.code,
                pairs(&c.headers),
                lit(c.body.as_deref().unwrap_or_default())
            ),
            "let c = client(http, \"https://example.com\");".to_string(),
            format!("let result = {call}.await;"),
        ];
        match error {
            None => {
                let fields = self.fields_of(&self.op.output.fields, c)?;
                lines.push(
                    "let got = result.unwrap_or_else(|e| panic!(\"the call failed: {}\", \
                     client::error::DisplayErrorContext(&e)));"
                        .to_string(),
                );
                lines.push(format!(
                    "let want = client::operation::{}::{}::builder(){}.build();",
                    self.module(),
                    self.op.names.output,
                    expr::Side::Client.setters(&fields).concat()
                ));
                lines.push(checks(&fields));
            }
            Some(id) => {
                let (name, fields) = self.error(id, c)?;
                lines.push(format!(
                    "let err = match result {{ Ok(out) => panic!(\"the call succeeded: {{out:?}}, \
                     want {name}\"), Err(e) => e.into_service_error() }};"
                ));
                lines.push(format!(
                    "let client::operation::{}::{}::{name}(got) = err else {{ \
                     panic!(\"got {{err:?}}, want {name}\") }};",
                    self.module(),
                    self.op.names.error
                ));
                lines.push(format!(
                    "let want = client::types::error::{name}::builder(){}.build();",
                    expr::Side::Client.setters(&fields).concat()
                ));
                lines.push(checks(&fields));
            }
        }
        Ok(lines)
    }

    fn server_response(&self, c: &MessageCase, error: Option<&str>) -> Result<Vec<String>, String> {
        let call = self.client_call(&self.sample_setters()?);
        let module = format!("server::operation::{}", self.module());
        let names = &self.op.names;
        let reply = match error {
            None => {
                let fields = self.fields_of(&self.op.output.fields, c)?;
                let ty = format!("{module}::{}", names.output);
                format!("Ok({})", expr::Side::Server.literal(&ty, &fields))
            }
            Some(id) => {
                let (name, fields) = self.error(id, c)?;
                let ty = format!("server::types::error::{name}");
                format!(
                    "Err({module}::{}::{name}({}))",
                    names.error,
                    expr::Side::Server.literal(&ty, &fields)
                )
            }
        };
        Ok(vec![
            "let (server, recorder) = server();".to_string(),
            format!(
                "recorder.reply_with::<Result<{module}::{}, {module}::{}>>({reply});",
                names.output, names.error
            ),
            format!("let request = sent!(\"https://example.com\", |c| {call});"),
            "let response = pt::call(server, &recorder, request).await.expect(\"an answer\");"
                .to_string(),
            format!(
                "pt::assert_none(pt::ExpectedResponse {{ code: {}, headers: {}, \
                 forbid_headers: {}, require_headers: {}, body: {}, body_media_type: {} }}\
                 .check(&response));",
                c.code,
                pairs(&c.headers),
                list(&c.forbid_headers),
                list(&c.require_headers),
                opt(c.body.as_deref()),
                opt(c.body_media_type.as_deref()),
            ),
        ])
    }

    fn malformed(&self, c: &super::cases::MalformedCase) -> Vec<String> {
        let MalformedRequest {
            method,
            uri,
            query_params,
            headers,
            body,
            ..
        } = &c.request;
        let request = http_request(method, uri, query_params, headers, body.as_deref());
        let (contents, regex, media) = match &c.response.body {
            Some(b) => match &b.assertion {
                Assertion::Contents(s) => (Some(s.as_str()), None, Some(b.media_type.as_str())),
                Assertion::MessageRegex(r) => (None, Some(r.as_str()), Some(b.media_type.as_str())),
            },
            None => (None, None, None),
        };
        vec![
            "let (server, recorder) = server();".to_string(),
            format!("let request = {request};"),
            "let Some(response) = pt::call(server, &recorder, request).await else { \
             panic!(\"the request was accepted: the handler was called\") };"
                .to_string(),
            format!(
                "pt::assert_none(pt::MalformedResponse {{ code: {}, headers: {}, contents: {}, \
                 message_regex: {}, media_type: {} }}.check(&response));",
                c.response.code,
                pairs(&c.response.headers),
                opt(contents),
                opt(regex),
                opt(media),
            ),
        ]
    }

    /// An output's or error's members from the case's params.
    fn fields_of(&self, fields: &[Field], c: &MessageCase) -> Result<Vec<FieldSample>, String> {
        self.shapes.fields(fields, &c.params, "params")
    }

    /// The error's variant name and members.
    fn error(&self, id: &str, c: &MessageCase) -> Result<(String, Vec<FieldSample>), String> {
        let code = crate::model::shape_name(id);
        let e = self.op.errors.iter().find(|e| e.code == code);
        let s = self.service.errors.iter().find(|s| s.shape_id == id);
        match (e, s) {
            (Some(e), Some(s)) => Ok((e.name.clone(), self.fields_of(&s.fields, c)?)),
            _ => Err(format!(
                "error {id} is not generated for {}",
                self.op.names.name
            )),
        }
    }
}

/// `pt::assert_none` over `pt::diff` of every member; streams compare their bytes (which
/// consumes them, so they come last).
fn checks(fields: &[FieldSample]) -> String {
    let plain = fields.iter().filter(|f| !f.field.streaming).map(|f| {
        let id = &f.field.ident;
        format!("pt::diff({:?}, &got.{id}, &want.{id})", f.field.member)
    });
    let streams = fields.iter().filter(|f| f.field.streaming).map(|f| {
        let id = &f.field.ident;
        format!(
            "pt::diff({:?}, &pt::StreamBytes::bytes(got.{id}).await, &pt::StreamBytes::bytes(want.{id}).await)",
            f.field.member
        )
    });
    let diffs: Vec<String> = plain.chain(streams).collect();
    if diffs.is_empty() {
        return "let _ = (got, want);".into();
    }
    format!(
        "pt::assert_none([{}].into_iter().flatten().collect::<Vec<String>>());",
        diffs.join(", ")
    )
}

fn http_request(
    method: &str,
    uri: &str,
    query: &[String],
    headers: &BTreeMap<String, String>,
    body: Option<&str>,
) -> String {
    let uri = if query.is_empty() {
        uri.to_string()
    } else {
        format!("{uri}?{}", query.join("&"))
    };
    let headers: String = headers
        .iter()
        .map(|(k, v)| format!(".header({k:?}, {v:?})"))
        .collect();
    format!(
        "pt::http::Request::builder().method({method:?}).uri({uri:?}){headers}\
         .body(Bytes::from({})).unwrap()",
        lit(body.unwrap_or_default())
    )
}

fn lit(s: &str) -> String {
    format!("{s:?}")
}

fn opt(s: Option<&str>) -> String {
    s.map_or_else(|| "None".into(), |s| format!("Some({s:?})"))
}

fn list(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|s| lit(s)).collect();
    format!("&[{}]", items.join(", "))
}

fn pairs(map: &BTreeMap<String, String>) -> String {
    let items: Vec<String> = map.iter().map(|(k, v)| format!("({k:?}, {v:?})")).collect();
    format!("&[{}]", items.join(", "))
}
