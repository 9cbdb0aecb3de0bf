//! Our client and the official client, same inputs, one capture server: the requests must
//! be the same on the wire, and the same recorded responses must give the same outcomes.

use std::time::SystemTime;

use aws_credential_types::Credentials;
use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings, sign};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;
use aws_smithy_types::DateTime;
use aws_smithy_types::date_time::Format;

use crate::common::*;

/// The parts of an `Authorization: AWS4-HMAC-SHA256 ...` header.
struct Auth {
    credential: String,
    signed_headers: Vec<String>,
    signature: String,
}

fn parse_auth(req: &Captured) -> Auth {
    let auth = req.header("authorization").expect("signed request");
    let rest = auth
        .strip_prefix("AWS4-HMAC-SHA256 ")
        .expect("SigV4 scheme");
    let field = |name: &str| {
        rest.split(", ")
            .find_map(|kv| kv.strip_prefix(name))
            .unwrap_or_else(|| panic!("{name} in {auth}"))
            .to_owned()
    };
    Auth {
        credential: field("Credential="),
        signed_headers: field("SignedHeaders=")
            .split(';')
            .map(str::to_owned)
            .collect(),
        signature: field("Signature="),
    }
}

fn amz_date(d: &str) -> SystemTime {
    // 20261126T115427Z -> 2026-11-26T11:54:27Z
    let iso = format!(
        "{}-{}-{}T{}:{}:{}Z",
        &d[0..4],
        &d[4..6],
        &d[6..8],
        &d[9..11],
        &d[11..13],
        &d[13..15]
    );
    SystemTime::try_from(DateTime::from_str(&iso, Format::DateTime).unwrap()).unwrap()
}

/// Recompute the signature with aws-sigv4 from the captured request, the shared
/// credentials and the time in `x-amz-date`; `body` may differ from the captured one (to
/// show that verification can fail).
fn expected_signature(req: &Captured, body: &[u8]) -> String {
    let auth = parse_auth(req);
    let scope: Vec<&str> = auth.credential.split('/').collect();
    assert_eq!(scope[0], AKID);
    assert_eq!(
        &scope[2..],
        [REGION, "iotmanagedintegrations", "aws4_request"]
    );
    let identity: Identity = Credentials::new(AKID, SECRET, None, None, "verifier").into();
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(REGION)
        .name("iotmanagedintegrations")
        .time(amz_date(req.header("x-amz-date").unwrap()))
        .settings(SigningSettings::default())
        .build()
        .unwrap()
        .into();
    // The signer adds x-amz-date itself.
    let headers = req.headers.iter().filter_map(|(k, v)| {
        (auth.signed_headers.contains(k) && k != "x-amz-date").then_some((k.as_str(), v.as_str()))
    });
    let signable =
        SignableRequest::new(&req.method, &req.uri, headers, SignableBody::Bytes(body)).unwrap();
    sign(signable, &params).unwrap().signature().to_owned()
}

fn assert_signature_verifies(who: &str, req: &Captured) {
    let received = parse_auth(req).signature;
    assert_eq!(received.len(), 64, "{who}");
    assert_eq!(
        expected_signature(req, &req.body),
        received,
        "{who}: SigV4 signature verifies"
    );
    let mut tampered = req.body.clone();
    tampered.push(b' ');
    assert_ne!(
        expected_signature(req, &tampered),
        received,
        "{who}: a changed body fails verification"
    );
}

/// Body JSON with an auto-generated `ClientToken` checked (present, UUID) and removed.
fn body_without_generated_token(who: &str, req: &Captured, generated: bool) -> serde_json::Value {
    let mut json = req.json();
    if generated {
        let token = json
            .as_object_mut()
            .unwrap()
            .remove("ClientToken")
            .unwrap_or_else(|| panic!("{who}: ClientToken generated"));
        assert!(is_uuid(token.as_str().unwrap()), "{who}: {token}");
    }
    json
}

fn inputs() -> Vec<(&'static str, Input)> {
    let mut v = vec![
        (
            "all members",
            Input::new("managed-thing", "DEBUG")
                .id("thing+1*")
                .token("caller-token_1="),
        ),
        ("optional members unset", Input::new("*", "INFO")),
        (
            "unicode values",
            Input::new("provisioning-profile ünïcødé ✓", "WARN")
                .id("日本語😀\u{0}\"\\\n")
                .token("tök€n"),
        ),
        (
            "empty caller token",
            Input::new("ota-task", "ERROR").token(""),
        ),
        ("unknown enum value", Input::new("ota-task", "TRACE")),
        (
            "missing required members",
            Input {
                resource_id: Some("x".into()),
                ..Input::default()
            },
        ),
    ];
    for level in ["DEBUG", "ERROR", "INFO", "WARN"] {
        v.push((level, Input::new("credential-locker", level).token("t")));
    }
    v
}

#[tokio::test]
async fn same_inputs_same_requests() {
    let server = CaptureServer::start(vec![Reply::ok()]).await;
    let official = official(&server.url());
    let ours = ours(&server.url());
    for (case, input) in inputs() {
        server.script(vec![Reply::ok()]);
        assert_eq!(official.call(&input).await.kind, "Ok", "{case}");
        assert_eq!(ours.call(&input).await.kind, "Ok", "{case}");
        let reqs = server.requests();
        assert_eq!(reqs.len(), 2, "{case}: one attempt each");
        let (theirs, mine) = (&reqs[0], &reqs[1]);

        assert_eq!(theirs.method, "POST", "{case}");
        assert_eq!(mine.method, theirs.method, "{case}: method");
        assert_eq!(theirs.uri, "/event-log-configurations", "{case}");
        assert_eq!(mine.uri, theirs.uri, "{case}: path and query");
        assert_eq!(
            mine.header("content-type"),
            theirs.header("content-type"),
            "{case}: content-type"
        );
        assert_eq!(theirs.header("content-type"), Some("application/json"));
        let generated = input.client_token.is_none();
        assert_eq!(
            body_without_generated_token("ours", mine, generated),
            body_without_generated_token("official", theirs, generated),
            "{case}: JSON body"
        );
        let (a, b) = (parse_auth(theirs), parse_auth(mine));
        assert_eq!(b.signed_headers, a.signed_headers, "{case}: SignedHeaders");
        assert_eq!(b.credential, a.credential, "{case}: credential scope");
        assert_signature_verifies("official", theirs);
        assert_signature_verifies("ours", mine);
        // Retry bookkeeping headers look alike too.
        assert_eq!(
            mine.header("amz-sdk-request"),
            theirs.header("amz-sdk-request"),
            "{case}"
        );
        assert!(mine.header("amz-sdk-invocation-id").is_some_and(is_uuid));
    }
}

/// How each client fared against one recorded response script.
#[derive(Debug, PartialEq, Eq)]
struct Replayed {
    outcome: Outcome,
    attempts: usize,
    /// Connections used (a 500 poisons the connection: each retry opens a new one).
    connections: usize,
    /// Distinct ClientTokens across the attempts (retries resend the same one).
    tokens: usize,
}

async fn replay<C: Caller>(server: &CaptureServer, client: &C, script: &[Reply]) -> Replayed {
    server.script(script.to_vec());
    let outcome = client
        .call(&Input::new("managed-thing", "DEBUG").id("thing1"))
        .await;
    let reqs = server.requests();
    let mut conns: Vec<usize> = reqs.iter().map(|r| r.conn).collect();
    conns.dedup();
    let mut tokens: Vec<String> = reqs
        .iter()
        .map(|r| r.json()["ClientToken"].as_str().unwrap().to_owned())
        .collect();
    tokens.dedup();
    Replayed {
        outcome,
        attempts: reqs.len(),
        connections: conns.len(),
        tokens: tokens.len(),
    }
}

fn replay_cases() -> Vec<(&'static str, Vec<Reply>)> {
    let e = Reply::error;
    vec![
        ("success", vec![Reply::ok()]),
        (
            "success: unknown keys, x-amz-request-id",
            vec![
                Reply::json(201, r#"{"Extra":[1,{"a":null}],"Id":"xyz"}"#)
                    .header("x-amz-request-id", "req-2"),
            ],
        ),
        ("success: null Id", vec![Reply::json(201, r#"{"Id":null}"#)]),
        (
            "success: 200 and empty object",
            vec![Reply::json(200, "{}")],
        ),
        ("header code", vec![e(400, "ValidationException", "bad")]),
        (
            "header code with namespace and suffix",
            vec![e(
                400,
                "com.amazonaws.iotmanagedintegrations#ValidationException:http://internal.amazon.com/coral/",
                "bad",
            )],
        ),
        (
            "__type in body",
            vec![Reply::json(
                400,
                r#"{"__type":"com.amazonaws.iotmanagedintegrations#ConflictException","Message":"c"}"#,
            )],
        ),
        (
            "code in body, lowercase message",
            vec![Reply::json(
                403,
                r#"{"code":"AccessDeniedException","message":"denied"}"#,
            )],
        ),
        (
            "errorMessage",
            vec![Reply::json(
                402,
                r#"{"__type":"ServiceQuotaExceededException","errorMessage":"quota"}"#,
            )],
        ),
        ("undeclared code", vec![e(400, "FooBarException", "foo")]),
        (
            "code matching is case-sensitive",
            vec![e(400, "validationexception", "lower")],
        ),
        ("403", vec![e(403, "AccessDeniedException", "no")]),
        ("402", vec![e(402, "ServiceQuotaExceededException", "q")]),
        ("409", vec![e(409, "ConflictException", "c")]),
        ("400 validation", vec![e(400, "ValidationException", "v")]),
        (
            "429 throttling",
            vec![e(429, "ThrottlingException", "slow")],
        ),
        ("500", vec![e(500, "InternalServerException", "boom")]),
        (
            "500 then 201",
            vec![e(500, "InternalServerException", "boom"), Reply::ok()],
        ),
        (
            "502 then 201",
            vec![Reply::new(502, "bad gateway"), Reply::ok()],
        ),
        ("503 then 201", vec![Reply::new(503, ""), Reply::ok()]),
        ("504", vec![Reply::new(504, "")]),
        (
            "400 ThrottlingException code",
            vec![e(400, "ThrottlingException", "t"), Reply::ok()],
        ),
        (
            "400 TooManyRequestsException then 201",
            vec![e(400, "TooManyRequestsException", "t"), Reply::ok()],
        ),
        (
            "400 RequestTimeout then 201",
            vec![e(400, "RequestTimeout", "t"), Reply::ok()],
        ),
        ("201 malformed JSON", vec![Reply::json(201, r#"{"Id": "#)]),
        ("201 wrong type", vec![Reply::json(201, r#"{"Id": 5}"#)]),
        ("201 empty array", vec![Reply::json(201, "[]")]),
        ("201 array", vec![Reply::json(201, r#"["x"]"#)]),
        ("201 null", vec![Reply::json(201, "null")]),
        ("201 string", vec![Reply::json(201, r#""x""#)]),
        ("201 empty body", vec![Reply::new(201, "")]),
        (
            "error body is an array",
            vec![Reply::json(400, r#"["m"]"#).header("X-Amzn-Errortype", "ValidationException")],
        ),
        (
            "error body is null",
            vec![Reply::json(409, "null").header("X-Amzn-Errortype", "ConflictException")],
        ),
        (
            "error with empty body",
            vec![Reply::new(409, "").header("X-Amzn-Errortype", "ConflictException")],
        ),
        (
            "modeled error, member of wrong type",
            vec![
                Reply::json(400, r#"{"Message": 5}"#)
                    .header("X-Amzn-Errortype", "ValidationException"),
            ],
        ),
        (
            "400 no code, JSON",
            vec![Reply::json(400, r#"{"Message":"x"}"#).header("x-amzn-RequestId", "r")],
        ),
        ("400 no code, empty body", vec![Reply::new(400, "")]),
        (
            "non-JSON error body with code",
            vec![
                Reply::new(400, "<html>proxy says no</html>")
                    .header("content-type", "text/html")
                    .header("X-Amzn-Errortype", "ValidationException")
                    .header("x-amzn-RequestId", "req-html"),
            ],
        ),
        (
            "404 HTML",
            vec![Reply::new(404, "<html>nope</html>").header("content-type", "text/html")],
        ),
    ]
}

/// Cases where the official client answers an `Unhandled` error stripped of all metadata and
/// ours keeps the code (`X-Amzn-Errortype`), message and request id it could read: an error
/// body that is not a JSON object or has a modeled member of the wrong type, and an error
/// response with no error code at all. Documented in the README's Compatibility section.
const RICHER_UNHANDLED: [&str; 5] = [
    "error body is an array",
    "error body is null",
    "modeled error, member of wrong type",
    "400 no code, JSON",
    "non-JSON error body with code",
];

#[tokio::test]
async fn same_responses_same_outcomes() {
    let server = CaptureServer::start(vec![Reply::ok()]).await;
    let official = official(&server.url());
    let ours = ours(&server.url());
    let mut differ = Vec::new();
    for (case, script) in replay_cases() {
        let theirs = replay(&server, &official, &script).await;
        let mine = replay(&server, &ours, &script).await;
        assert_eq!(theirs.tokens, 1, "{case}: retries resend the ClientToken");
        assert_eq!(mine.tokens, 1, "{case}: retries resend the ClientToken");
        if RICHER_UNHANDLED.contains(&case) {
            // Deliberate: same variant and attempts; the official `Unhandled` carries no
            // metadata, ours keeps what it could read (code, message, request id).
            let bare = |o: &Outcome| Outcome {
                code: None,
                message: None,
                request_id: None,
                ..o.clone()
            };
            assert_eq!(
                theirs.outcome,
                bare(&theirs.outcome),
                "{case}: official has no metadata"
            );
            assert_eq!(
                theirs.outcome.variant.as_deref(),
                Some("Unhandled"),
                "{case}"
            );
            assert_ne!(
                mine.outcome,
                bare(&mine.outcome),
                "{case}: ours keeps metadata"
            );
            let mine_bare = Replayed {
                outcome: bare(&mine.outcome),
                ..mine
            };
            assert_eq!(mine_bare, theirs, "{case}");
        } else if mine != theirs {
            differ.push(format!(
                "{case}:\n  official {theirs:?}\n  ours     {mine:?}"
            ));
        }
    }
    assert!(differ.is_empty(), "outcomes differ:\n{}", differ.join("\n"));
}

/// Script, variant, code, message, attempts.
type TableRow = (
    Vec<Reply>,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    usize,
);

/// WIRE.md's observed table, asserted on the official client (so the table itself is
/// checked) and, through `same_responses_same_outcomes`, on ours.
#[tokio::test]
async fn wire_md_table_holds_for_the_official_client() {
    let server = CaptureServer::start(vec![Reply::ok()]).await;
    let official = official(&server.url());
    let e = Reply::error;
    let table: Vec<TableRow> = vec![
        (
            vec![e(400, "ValidationException", "bad")],
            "ValidationException",
            Some("ValidationException"),
            Some("bad"),
            1,
        ),
        (
            vec![Reply::json(
                400,
                r#"{"__type":"com.amazonaws.iotmanagedintegrations#ConflictException"}"#,
            )],
            "ConflictException",
            Some("ConflictException"),
            None,
            1,
        ),
        (
            vec![e(400, "FooBarException", "f")],
            "Unhandled",
            Some("FooBarException"),
            Some("f"),
            1,
        ),
        (
            vec![e(403, "AccessDeniedException", "a")],
            "AccessDeniedException",
            Some("AccessDeniedException"),
            Some("a"),
            1,
        ),
        (
            vec![e(402, "ServiceQuotaExceededException", "q")],
            "ServiceQuotaExceededException",
            Some("ServiceQuotaExceededException"),
            Some("q"),
            1,
        ),
        (
            vec![e(409, "ConflictException", "c")],
            "ConflictException",
            Some("ConflictException"),
            Some("c"),
            1,
        ),
        (
            vec![e(429, "ThrottlingException", "t")],
            "ThrottlingException",
            Some("ThrottlingException"),
            Some("t"),
            3,
        ),
        (
            vec![e(500, "InternalServerException", "i")],
            "InternalServerException",
            Some("InternalServerException"),
            Some("i"),
            3,
        ),
        (
            vec![Reply::json(201, "{\"Id\": ")],
            "Unhandled",
            None,
            None,
            1,
        ),
    ];
    for (script, variant, code, message, attempts) in table {
        let r = replay(&server, &official, &script).await;
        assert_eq!(r.outcome.variant.as_deref(), Some(variant), "{r:?}");
        assert_eq!(r.outcome.code.as_deref(), code, "{r:?}");
        assert_eq!(r.outcome.message.as_deref(), message, "{r:?}");
        assert_eq!(r.attempts, attempts, "{r:?}");
        if attempts == 3 && variant == "InternalServerException" {
            assert_eq!(r.connections, 3, "a 500 poisons the connection");
        }
    }
    let r = replay(
        &server,
        &official,
        &[e(500, "InternalServerException", "i"), Reply::ok()],
    )
    .await;
    assert_eq!(
        (r.outcome.kind.as_str(), r.attempts, r.tokens),
        ("Ok", 2, 1)
    );
}

/// Deliberate difference 1: a bare 429 (no error code). The official client does not retry
/// it; ours does by default, and `retry_bare_429(false)` restores the official behaviour.
#[tokio::test]
async fn bare_429_differs_by_default_and_matches_when_disabled() {
    let server = CaptureServer::start(vec![Reply::ok()]).await;
    let script = [Reply::json(429, "{}"), Reply::ok()];
    let theirs = replay(&server, &official(&server.url()), &script).await;
    assert_eq!(theirs.attempts, 1, "official: no retry");
    assert_eq!(theirs.outcome.variant.as_deref(), Some("Unhandled"));

    let mine = replay(&server, &ours(&server.url()), &script).await;
    assert_eq!(mine.attempts, 2, "ours: retried as throttling");
    assert_eq!(mine.outcome.kind, "Ok");

    let strict = Ours(ours::Client::from_conf(
        ours_builder(&server.url()).retry_bare_429(false).build(),
    ));
    assert_eq!(replay(&server, &strict, &script).await, theirs);
}

/// Deliberate difference 2: an error body that is not JSON. The official client reports an
/// `Unhandled` error without a code; ours keeps the `X-Amzn-Errortype` code (still
/// `Unhandled`, same attempts).
#[tokio::test]
async fn non_json_error_body_keeps_the_header_code_in_ours() {
    let server = CaptureServer::start(vec![Reply::ok()]).await;
    let script = [Reply::new(400, "<html>proxy says no</html>")
        .header("content-type", "text/html")
        .header("X-Amzn-Errortype", "ValidationException")
        .header("x-amzn-RequestId", "req-html")];
    let theirs = replay(&server, &official(&server.url()), &script).await;
    let mine = replay(&server, &ours(&server.url()), &script).await;
    assert_eq!(
        theirs.outcome.variant.as_deref(),
        Some("Unhandled"),
        "{theirs:?}"
    );
    assert_eq!(
        mine.outcome.variant.as_deref(),
        Some("Unhandled"),
        "{mine:?}"
    );
    assert_eq!(theirs.outcome.code, None, "{theirs:?}");
    assert_eq!(mine.outcome.code.as_deref(), Some("ValidationException"));
    assert_eq!(mine.attempts, theirs.attempts);
}
