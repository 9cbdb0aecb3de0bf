//! Reads the protocol-test traits (`smithy.test#httpRequestTests`, `httpResponseTests`,
//! `httpMalformedRequestTests`) of a resolved model into test cases: one per side that runs
//! it (`appliesTo` honoured), malformed-request cases expanded once per `testParameters` value
//! (`Id_case0`, `Id_case1`, ...), only those of the protocols we generate.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::Value;

use crate::diag::Diagnostic;
use crate::model::Model;

pub const REQUEST_TESTS: &str = "smithy.test#httpRequestTests";
pub const RESPONSE_TESTS: &str = "smithy.test#httpResponseTests";
pub const MALFORMED_TESTS: &str = "smithy.test#httpMalformedRequestTests";
/// The protocol whose cases we run.
pub const PROTOCOL: &str = "aws.protocols#restJson1";

/// Which generated crate runs a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Side {
    Client,
    Server,
}

/// The three kinds of cases.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Request,
    Response,
    Malformed,
}

impl Kind {
    pub fn label(self) -> &'static str {
        match self {
            Kind::Request => "request",
            Kind::Response => "response",
            Kind::Malformed => "malformed",
        }
    }
}

/// `httpRequestTests` and `httpResponseTests` entries (one struct: the response fields are
/// a subset, `code` aside).
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MessageCase {
    pub id: String,
    pub protocol: String,
    #[serde(default)]
    pub method: String,
    #[serde(default)]
    pub uri: String,
    pub host: Option<String>,
    pub resolved_host: Option<String>,
    #[serde(default)]
    pub code: u16,
    #[serde(default)]
    pub query_params: Vec<String>,
    #[serde(default)]
    pub forbid_query_params: Vec<String>,
    #[serde(default)]
    pub require_query_params: Vec<String>,
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    #[serde(default)]
    pub forbid_headers: Vec<String>,
    #[serde(default)]
    pub require_headers: Vec<String>,
    pub body: Option<String>,
    pub body_media_type: Option<String>,
    #[serde(default)]
    pub params: serde_json::Map<String, Value>,
    pub applies_to: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MalformedCase {
    pub id: String,
    pub protocol: String,
    pub request: MalformedRequest,
    pub response: MalformedResponse,
    #[serde(default)]
    pub test_parameters: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub tags: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MalformedRequest {
    pub method: String,
    pub uri: String,
    pub host: Option<String>,
    #[serde(default)]
    pub query_params: Vec<String>,
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    pub body: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MalformedResponse {
    pub code: u16,
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    pub body: Option<MalformedBody>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MalformedBody {
    pub assertion: Assertion,
    pub media_type: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Assertion {
    Contents(String),
    MessageRegex(String),
}

/// What a case exercises.
#[derive(Debug, Clone)]
pub enum Case {
    Request(MessageCase),
    /// A response of the operation's output (`error: None`) or of one of its errors (the
    /// error shape's id).
    Response {
        case: MessageCase,
        error: Option<String>,
    },
    Malformed(MalformedCase),
}

/// One case on one side, bound to the operation it calls.
#[derive(Debug, Clone)]
pub struct Bound {
    /// The test id (`_caseN` appended for expanded malformed cases).
    pub id: String,
    pub operation: String,
    pub side: Side,
    pub case: Case,
}

impl Bound {
    pub fn kind(&self) -> Kind {
        match self.case {
            Case::Request(_) => Kind::Request,
            Case::Response { .. } => Kind::Response,
            Case::Malformed(_) => Kind::Malformed,
        }
    }
}

/// Every case of the service's operations (and their errors), in operation order; a trait that
/// does not decode is a diagnostic naming the shape.
pub fn collect(model: &Model) -> Result<Vec<Bound>, Vec<Diagnostic>> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    let mut seen_errors = std::collections::BTreeSet::new();
    for op_id in &model.operations {
        let op = model.shape(op_id);
        for case in decode::<MessageCase>(model, op_id, REQUEST_TESTS, &mut errors) {
            bind_message(&mut out, op_id, case, Case::Request);
        }
        for case in decode::<MessageCase>(model, op_id, RESPONSE_TESTS, &mut errors) {
            bind_message(&mut out, op_id, case, |c| Case::Response {
                case: c,
                error: None,
            });
        }
        // An error's cases run once, under the first operation (in shape-id order) that can
        // return it.
        let op_errors = op.operation.iter().flat_map(|o| &o.errors);
        for error_id in op_errors.chain(&model.service_errors) {
            if !seen_errors.insert(error_id.clone()) {
                continue;
            }
            for case in decode::<MessageCase>(model, error_id, RESPONSE_TESTS, &mut errors) {
                let error = Some(error_id.clone());
                bind_message(&mut out, op_id, case, |c| Case::Response {
                    case: c,
                    error: error.clone(),
                });
            }
        }
        for case in decode::<MalformedCase>(model, op_id, MALFORMED_TESTS, &mut errors) {
            if case.protocol == PROTOCOL {
                out.extend(expand(case).into_iter().map(|(id, case)| Bound {
                    id,
                    operation: op_id.clone(),
                    side: Side::Server,
                    case: Case::Malformed(case),
                }));
            }
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

fn bind_message(
    out: &mut Vec<Bound>,
    op_id: &str,
    case: MessageCase,
    wrap: impl Fn(MessageCase) -> Case,
) {
    if case.protocol != PROTOCOL {
        return;
    }
    let sides: &[Side] = match case.applies_to.as_deref() {
        Some("client") => &[Side::Client],
        Some("server") => &[Side::Server],
        _ => &[Side::Client, Side::Server],
    };
    for &side in sides {
        out.push(Bound {
            id: case.id.clone(),
            operation: op_id.to_string(),
            side,
            case: wrap(case.clone()),
        });
    }
}

fn decode<T: for<'de> Deserialize<'de>>(
    model: &Model,
    shape_id: &str,
    trait_id: &str,
    errors: &mut Vec<Diagnostic>,
) -> Vec<T> {
    let Some(value) = model
        .get(shape_id)
        .and_then(|s| s.traits.unknown.get(trait_id))
    else {
        return Vec::new();
    };
    serde_json::from_value(value.clone()).unwrap_or_else(|e| {
        errors
            .push(Diagnostic::error(format!("`@{trait_id}` does not decode: {e}")).shape(shape_id));
        Vec::new()
    })
}

/// One case per index into the parameter lists: the n-th value of every parameter goes into
/// case `Id_caseN` (Smithy requires the lists to have the same length). A case without
/// parameters is still formatted (`$$` is a `$`) and keeps its id.
fn expand(case: MalformedCase) -> Vec<(String, MalformedCase)> {
    let count = case
        .test_parameters
        .values()
        .map(Vec::len)
        .max()
        .unwrap_or(0);
    if count == 0 {
        return vec![(case.id.clone(), format(&case, &BTreeMap::new()))];
    }
    (0..count)
        .map(|n| {
            let values: BTreeMap<&str, &str> = case
                .test_parameters
                .iter()
                .filter_map(|(k, v)| Some((k.as_str(), v.get(n)?.as_str())))
                .collect();
            (format!("{}_case{n}", case.id), format(&case, &values))
        })
        .collect()
}

/// The case with `values` interpolated into its request and expected response.
fn format(case: &MalformedCase, values: &BTreeMap<&str, &str>) -> MalformedCase {
    let sub = |s: &str| interpolate(s, values);
    let subs = |m: &BTreeMap<String, String>| m.iter().map(|(k, v)| (k.clone(), sub(v))).collect();
    let mut c = case.clone();
    c.request.uri = sub(&c.request.uri);
    c.request.body = c.request.body.as_deref().map(sub);
    c.request.query_params = c.request.query_params.iter().map(|q| sub(q)).collect();
    c.request.headers = subs(&c.request.headers);
    c.response.headers = subs(&c.response.headers);
    if let Some(body) = &mut c.response.body {
        body.assertion = match &body.assertion {
            Assertion::Contents(s) => Assertion::Contents(sub(s)),
            Assertion::MessageRegex(s) => Assertion::MessageRegex(sub(s)),
        };
    }
    c
}

/// Formats a parameterized case's text as Smithy does: `$name:L` is the value as is, `$name:S`
/// the value as a JSON string, `$name` the value, and `$$` a literal `$`.
fn interpolate(text: &str, values: &BTreeMap<&str, &str>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        rest = &rest[at + 1..];
        if let Some(after) = rest.strip_prefix('$') {
            out.push('$');
            rest = after;
            continue;
        }
        let len = rest
            .find(|c: char| !c.is_ascii_alphanumeric() && c != '_')
            .unwrap_or(rest.len());
        let Some(value) = values.get(&rest[..len]) else {
            out.push('$');
            continue;
        };
        rest = &rest[len..];
        if let Some(after) = rest.strip_prefix(":S") {
            out.push_str(&Value::from(*value).to_string());
            rest = after;
        } else {
            out.push_str(value);
            rest = rest.strip_prefix(":L").unwrap_or(rest);
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_interpolate_by_format() {
        let values = BTreeMap::from([("value", "a\"b"), ("valueLength", "3")]);
        assert_eq!(
            interpolate(
                "{\"s\": $value:S} /$value:L/$valueLength $value ^x$$ $other",
                &values
            ),
            "{\"s\": \"a\\\"b\"} /a\"b/3 a\"b ^x$ $other"
        );
    }
}
