//! The official client against our generated server (iotmi-local's implementation plus
//! on-demand errors) on a real loopback socket.
//!
//! The cases are a suite run by any [`Caller`], so `in_process.rs` runs the very same suite
//! with both clients over the in-process transport and compares the outcomes.

use crate::common::*;

const RESOURCE_TYPE_PATTERN: &str =
    "^[*]$|^(managed-thing|credential-locker|provisioning-profile|ota-task)$";

/// One case's result with per-run noise (request ids, generated Ids) replaced by checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    pub case: String,
    pub outcome: Outcome,
    /// Handler invocations (= attempts that passed validation).
    pub handler_calls: usize,
    /// Configurations in the store after the case.
    pub configurations: usize,
}

/// Normalise: an Id becomes `<32 hex>` after checking its form; the request id must be the
/// one our server generated for the handler's last call (or for a validation failure, a
/// UUID) and becomes `<server request id>`.
fn normalise(mut outcome: Outcome, seen_before: usize, seen: &Seen) -> Outcome {
    if let Some(id) = &outcome.id {
        assert!(
            id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit()),
            "Id {id:?} is iotmi-local's form"
        );
        outcome.id = Some("<32 hex>".into());
    }
    let rid = outcome
        .request_id
        .take()
        .expect("every response of our server carries x-amzn-requestid");
    if seen.calls > seen_before {
        assert_eq!(
            Some(&rid),
            seen.request_ids.last(),
            "request id is the one the handler saw"
        );
    } else {
        assert!(is_uuid(&rid), "request id {rid:?} is a UUID");
    }
    outcome.request_id = Some("<server request id>".into());
    outcome
}

/// Runs every case against `server` through `client`; asserts what must hold for any
/// client and returns the normalised outcomes for cross-client comparison.
pub async fn suite<C: Caller>(client: &C, server: &OurServer) -> Vec<Checked> {
    let mut results = Vec::new();
    let h = &server.handler;
    let mut run = async |case: &str, input: Input| -> Checked {
        let before = h.seen().calls;
        let outcome = client.call(&input).await;
        let seen = h.seen();
        let checked = Checked {
            case: case.to_owned(),
            outcome: normalise(outcome, before, &seen),
            handler_calls: seen.calls - before,
            configurations: h.configurations().await,
        };
        results.push(checked.clone());
        checked
    };
    let name = client.name();

    // Success.
    let c = run(
        "success",
        Input::new("managed-thing", "DEBUG")
            .id("thing1")
            .token("tok-1"),
    )
    .await;
    assert_eq!(c.outcome.kind, "Ok", "{name}: {c:?}");
    assert_eq!(c.handler_calls, 1);
    assert_eq!(c.configurations, 1);

    // Every modeled error: same variant, same message; 500 and Throttling retried (3 attempts).
    for (error, status) in MODELED_ERRORS {
        let c = run(error, Input::new("managed-thing", "INFO").id(error)).await;
        assert_eq!(c.outcome.kind, "ServiceError", "{name} {error}: {c:?}");
        assert_eq!(c.outcome.variant.as_deref(), Some(error), "{name}: {c:?}");
        assert_eq!(c.outcome.code.as_deref(), Some(error), "{name}: {c:?}");
        let message = format!("injected {error}");
        assert_eq!(c.outcome.message.as_deref(), Some(message.as_str()));
        let attempts = if status == 500 || status == 429 { 3 } else { 1 };
        assert_eq!(c.handler_calls, attempts, "{name} {error} ({status})");
    }

    // Constraint violations: the client does not validate, our server answers 400
    // ValidationException with smithy-rs's messages; the handler is never called.
    let violations: [(&str, Input, String); 5] = [
        (
            "bad ResourceType",
            Input::new("bogus", "WARN"),
            format!(
                "1 validation error detected. Value at '/ResourceType' failed to satisfy \
                 constraint: Member must satisfy regular expression pattern: {RESOURCE_TYPE_PATTERN}"
            ),
        ),
        (
            "ClientToken too long",
            Input::new("managed-thing", "WARN").token(&"a".repeat(65)),
            "1 validation error detected. Value with length 65 at '/ClientToken' failed to \
             satisfy constraint: Member must have length between 1 and 64, inclusive"
                .to_owned(),
        ),
        (
            "missing EventLogLevel",
            Input {
                resource_type: Some("managed-thing".into()),
                ..Input::default()
            },
            "1 validation error detected. Value at '/EventLogLevel' failed to satisfy \
             constraint: Member must not be null"
                .to_owned(),
        ),
        (
            // Deliberate difference: every violation is reported (smithy-rs: the first only).
            "two violations",
            Input::new("bogus", "WARN").token(&"a".repeat(65)),
            format!(
                "2 validation errors detected. Value at '/ResourceType' failed to satisfy \
                 constraint: Member must satisfy regular expression pattern: \
                 {RESOURCE_TYPE_PATTERN}; Value with length 65 at '/ClientToken' failed to \
                 satisfy constraint: Member must have length between 1 and 64, inclusive"
            ),
        ),
        (
            "unknown LogLevel",
            Input::new("managed-thing", "TRACE"),
            "1 validation error detected. Value at '/EventLogLevel' failed to satisfy \
             constraint: Member must satisfy enum value set: [DEBUG, ERROR, INFO, WARN]"
                .to_owned(),
        ),
    ];
    for (case, input, message) in violations {
        let c = run(case, input).await;
        assert_eq!(c.outcome.kind, "ServiceError", "{name} {case}: {c:?}");
        assert_eq!(
            c.outcome.variant.as_deref(),
            Some("ValidationException"),
            "{name} {case}"
        );
        assert_eq!(
            c.outcome.message.as_deref(),
            Some(message.as_str()),
            "{name}"
        );
        assert_eq!(c.handler_calls, 0, "{name} {case}");
    }

    // Idempotency: the client's own ClientToken, a 500 after the write, the client's retry
    // with the same token: exactly one configuration, and the retry gets its Id.
    let before = h.configurations().await;
    let tokens_before = h.seen().client_tokens.len();
    let c = run(
        "idempotent retry",
        Input::new("credential-locker", "ERROR").id(FAIL_AFTER_CREATE),
    )
    .await;
    assert_eq!(c.outcome.kind, "Ok", "{name}: {c:?}");
    assert_eq!(c.handler_calls, 2, "{name}: one 500, one retry");
    assert_eq!(c.configurations, before + 1, "{name}: exactly one created");
    let tokens = h.seen().client_tokens[tokens_before..].to_vec();
    let token = tokens[0]
        .clone()
        .expect("the client generated a ClientToken");
    assert!(is_uuid(&token), "{name}: {token:?}");
    assert_eq!(
        tokens,
        vec![Some(token.clone()); 2],
        "{name}: same token on retry"
    );

    // iotmi-local semantics seen through the client: same token + same parameters -> same
    // Id; same token + other parameters -> 409 ConflictException.
    let first = Input::new("ota-task", "INFO").token("tok-same");
    let a = run("replay 1", first.clone()).await;
    let b = run("replay 2", first.clone()).await;
    assert_eq!(
        a.configurations, b.configurations,
        "{name}: replay creates nothing"
    );
    let c = run(
        "token reuse",
        Input::new("ota-task", "WARN").token("tok-same"),
    )
    .await;
    assert_eq!(c.outcome.variant.as_deref(), Some("ConflictException"));
    assert_eq!(
        c.outcome.message.as_deref(),
        Some("ClientToken was already used with different parameters")
    );
    results
}

#[tokio::test]
async fn official_client_against_our_server() {
    let server = OurServer::start().await;
    let results = suite(&official(&server.url()), &server).await;
    assert!(results.len() > 10);
}

#[tokio::test]
async fn our_client_against_our_server_matches_official() {
    let a = OurServer::start().await;
    let b = OurServer::start().await;
    let theirs = suite(&official(&a.url()), &a).await;
    let mine = suite(&ours(&b.url()), &b).await;
    assert_eq!(theirs, mine);
}

/// The official client's request id is read from our `x-amzn-requestid` and the Id from
/// the body, checked directly (no normalisation).
#[tokio::test]
async fn official_success_reads_id_and_request_id() {
    let server = OurServer::start().await;
    let client = official(&server.url());
    let out = client
        .0
        .create_event_log_configuration()
        .resource_type("*")
        .event_log_level(official::types::LogLevel::Debug)
        .send()
        .await
        .expect("success");
    use official::operation::RequestId;
    let seen = server.handler.seen();
    assert_eq!(
        out.request_id(),
        seen.request_ids.last().map(String::as_str)
    );
    let id = out.id().expect("Id");
    assert_eq!(id.len(), 32);
    assert_eq!(server.handler.configurations().await, 1);
}
