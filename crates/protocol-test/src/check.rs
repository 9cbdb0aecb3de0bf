//! The comparisons of `smithy.test#httpRequestTests`, `httpResponseTests` and
//! `httpMalformedRequestTests`: every problem is collected, not just the first.

use bytes::Bytes;
use serde_json::Value;

/// An `httpRequestTests` case's expectations.
#[derive(Debug, Default)]
pub struct ExpectedRequest<'a> {
    pub method: &'a str,
    /// The path, percent-encoded as on the wire.
    pub uri: &'a str,
    /// `resolvedHost`: the host the request must go to.
    pub host: Option<&'a str>,
    /// `key=value` pairs, percent-encoded.
    pub query_params: &'a [&'a str],
    pub forbid_query_params: &'a [&'a str],
    pub require_query_params: &'a [&'a str],
    pub headers: &'a [(&'a str, &'a str)],
    pub forbid_headers: &'a [&'a str],
    pub require_headers: &'a [&'a str],
    pub body: Option<&'a str>,
    pub body_media_type: Option<&'a str>,
}

/// An `httpResponseTests` case's expectations (for a server's response).
#[derive(Debug, Default)]
pub struct ExpectedResponse<'a> {
    pub code: u16,
    pub headers: &'a [(&'a str, &'a str)],
    pub forbid_headers: &'a [&'a str],
    pub require_headers: &'a [&'a str],
    pub body: Option<&'a str>,
    pub body_media_type: Option<&'a str>,
}

/// An `httpMalformedRequestTests` case's expected response.
#[derive(Debug, Default)]
pub struct MalformedResponse<'a> {
    pub code: u16,
    pub headers: &'a [(&'a str, &'a str)],
    /// `assertion.contents`
    pub contents: Option<&'a str>,
    /// `assertion.messageRegex`: matched against the body's `message` member.
    pub message_regex: Option<&'a str>,
    pub media_type: Option<&'a str>,
}

/// Panics listing every problem, if any.
pub fn assert_none(problems: Vec<String>) {
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

impl ExpectedRequest<'_> {
    /// How `got` differs from the expectations.
    pub fn check(&self, got: &http::Request<Bytes>) -> Vec<String> {
        let mut p = Vec::new();
        if !got.method().as_str().eq_ignore_ascii_case(self.method) {
            p.push(format!(
                "method: got {}, want {}",
                got.method(),
                self.method
            ));
        }
        if got.uri().path() != self.uri {
            p.push(format!(
                "path: got {:?}, want {:?}",
                got.uri().path(),
                self.uri
            ));
        }
        if let Some(host) = self.host {
            let got_host = got.uri().host().unwrap_or_default();
            if got_host != host {
                p.push(format!("host: got {got_host:?}, want {host:?}"));
            }
        }
        check_query(&mut p, got.uri().query().unwrap_or_default(), self);
        check_headers(
            &mut p,
            got.headers(),
            self.headers,
            self.forbid_headers,
            self.require_headers,
        );
        if let Some(body) = self.body {
            check_body(&mut p, got.body(), body, self.body_media_type);
        }
        p
    }
}

impl ExpectedResponse<'_> {
    /// How `got` differs from the expectations.
    pub fn check(&self, got: &http::Response<Bytes>) -> Vec<String> {
        let mut p = Vec::new();
        if got.status().as_u16() != self.code {
            p.push(format!("status: got {}, want {}", got.status(), self.code));
        }
        check_headers(
            &mut p,
            got.headers(),
            self.headers,
            self.forbid_headers,
            self.require_headers,
        );
        if let Some(body) = self.body {
            check_body(&mut p, got.body(), body, self.body_media_type);
        }
        p
    }
}

impl MalformedResponse<'_> {
    /// How `got` differs from the expectations.
    pub fn check(&self, got: &http::Response<Bytes>) -> Vec<String> {
        let mut p = Vec::new();
        if got.status().as_u16() != self.code {
            p.push(format!(
                "status: got {}, want {} (body {:?})",
                got.status(),
                self.code,
                String::from_utf8_lossy(got.body())
            ));
        }
        check_headers(&mut p, got.headers(), self.headers, &[], &[]);
        if let Some(contents) = self.contents {
            check_body(&mut p, got.body(), contents, self.media_type);
        }
        if let Some(regex) = self.message_regex {
            let re = regex::Regex::new(&format!("^(?:{regex})$")).expect("messageRegex compiles");
            let message = serde_json::from_slice::<Value>(got.body())
                .ok()
                .and_then(|v| v.get("message").and_then(Value::as_str).map(String::from));
            match message {
                Some(m) if re.is_match(&m) => {}
                other => p.push(format!("message: got {other:?}, want a match of {regex:?}")),
            }
        }
        p
    }
}

/// `Some("member: got .., want ..")` when the two differ; NaN equals NaN (values whose
/// `Debug` forms are equal and mention NaN count as equal).
pub fn diff<T: PartialEq + std::fmt::Debug>(member: &str, got: &T, want: &T) -> Option<String> {
    if got == want {
        return None;
    }
    let (g, w) = (format!("{got:?}"), format!("{want:?}"));
    if g == w && g.contains("NaN") {
        return None;
    }
    Some(format!("{member}: got {g}, want {w}"))
}

fn decode(s: &str) -> String {
    percent_encoding::percent_decode_str(&s.replace('+', "%20"))
        .decode_utf8_lossy()
        .into_owned()
}

fn pairs(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|s| !s.is_empty())
        .map(|kv| match kv.split_once('=') {
            Some((k, v)) => (decode(k), decode(v)),
            None => (decode(kv), String::new()),
        })
        .collect()
}

fn check_query(p: &mut Vec<String>, query: &str, want: &ExpectedRequest) {
    let mut got = pairs(query);
    for expected in want.query_params {
        for pair in pairs(expected) {
            match got.iter().position(|g| *g == pair) {
                Some(i) => {
                    got.remove(i);
                }
                None => p.push(format!("query: {expected:?} missing from {query:?}")),
            }
        }
    }
    let all = pairs(query);
    for key in want.forbid_query_params {
        if all.iter().any(|(k, _)| k == key) {
            p.push(format!("query: {key:?} is forbidden, got {query:?}"));
        }
    }
    for key in want.require_query_params {
        if !all.iter().any(|(k, _)| k == key) {
            p.push(format!("query: {key:?} is required, got {query:?}"));
        }
    }
}

fn check_headers(
    p: &mut Vec<String>,
    got: &http::HeaderMap,
    want: &[(&str, &str)],
    forbid: &[&str],
    require: &[&str],
) {
    for (name, value) in want {
        let values: Vec<&str> = got
            .get_all(*name)
            .iter()
            .map(|v| v.to_str().unwrap_or("<not UTF-8>"))
            .collect();
        let joined = values.join(", ");
        if values.is_empty() {
            p.push(format!("header {name}: missing, want {value:?}"));
        } else if joined != *value {
            p.push(format!("header {name}: got {joined:?}, want {value:?}"));
        }
    }
    for name in forbid {
        if let Some(v) = got.get(*name) {
            p.push(format!("header {name}: forbidden, got {v:?}"));
        }
    }
    for name in require {
        if !got.contains_key(*name) {
            p.push(format!("header {name}: required, missing"));
        }
    }
}

fn check_body(p: &mut Vec<String>, got: &[u8], want: &str, media_type: Option<&str>) {
    let json = media_type.is_some_and(|m| m.contains("json"));
    if json && !want.is_empty() {
        let got_json = serde_json::from_slice::<Value>(got);
        let want_json: Value = serde_json::from_str(want).expect("the case's body is JSON");
        match got_json {
            Ok(g) if json_eq(&g, &want_json) => {}
            Ok(g) => p.push(format!("body: got {g}, want {want_json}")),
            Err(e) => p.push(format!(
                "body: not JSON ({e}): {:?}, want {want_json}",
                String::from_utf8_lossy(got)
            )),
        }
    } else if got != want.as_bytes() {
        p.push(format!(
            "body: got {:?}, want {want:?}",
            String::from_utf8_lossy(got)
        ));
    }
}

/// JSON equality with numbers compared by value (`1` equals `1.0`).
fn json_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| json_eq(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| json_eq(v, w)))
        }
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(uri: &str, body: &str) -> http::Request<Bytes> {
        http::Request::builder()
            .method("POST")
            .uri(uri)
            .header("X-A", "1")
            .header("X-A", "2")
            .body(Bytes::from(body.to_string()))
            .unwrap()
    }

    #[test]
    fn requests_compare_decoded_queries_joined_headers_and_json_bodies() {
        let got = request(
            "https://h.example.com/a%2Fb?k=a%20b&k=c&flag",
            r#"{"x": 1.0}"#,
        );
        let want = ExpectedRequest {
            method: "post",
            uri: "/a%2Fb",
            host: Some("h.example.com"),
            query_params: &["k=a+b", "k=c"],
            require_query_params: &["flag"],
            forbid_query_params: &["other"],
            headers: &[("x-a", "1, 2")],
            body: Some(r#"{"x":1}"#),
            body_media_type: Some("application/json"),
            ..ExpectedRequest::default()
        };
        assert_eq!(want.check(&got), Vec::<String>::new());
        let wrong = ExpectedRequest {
            method: "GET",
            uri: "/a/b",
            query_params: &["k=c", "k=c"],
            forbid_query_params: &["flag"],
            headers: &[("x-a", "1")],
            body: Some(r#"{"x":2}"#),
            body_media_type: Some("application/json"),
            ..ExpectedRequest::default()
        };
        assert_eq!(wrong.check(&got).len(), 6, "{:?}", wrong.check(&got));
    }

    #[test]
    fn malformed_messages_match_the_whole_regex() {
        let response = http::Response::builder()
            .status(400)
            .body(Bytes::from_static(br#"{"message": "bad value 1"}"#))
            .unwrap();
        let ok = MalformedResponse {
            code: 400,
            message_regex: Some("bad value \\d"),
            ..MalformedResponse::default()
        };
        assert!(ok.check(&response).is_empty());
        let partial = MalformedResponse {
            code: 400,
            message_regex: Some("bad"),
            ..MalformedResponse::default()
        };
        assert_eq!(partial.check(&response).len(), 1);
    }

    #[test]
    fn nan_members_are_equal() {
        assert_eq!(diff("f", &f64::NAN, &f64::NAN), None);
        assert!(diff("f", &1.0, &2.0).is_some());
    }
}
