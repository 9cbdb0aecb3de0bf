//! The capture server verifies the SigV4 signature independently with aws-sigv4, using the
//! same credentials and the time from `x-amz-date`; a tampered body must fail.

use crate::common::*;
use aws_credential_types::Credentials;
use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings, sign};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;
use iotmanagedintegrations_client::Client;
use iotmanagedintegrations_client::types::LogLevel;
use smithygen_client_runtime::reexports::aws_smithy_types::DateTime;
use smithygen_client_runtime::reexports::aws_smithy_types::date_time::Format;
use std::time::SystemTime;

fn amz_date_to_system_time(d: &str) -> SystemTime {
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

/// Recomputes the signature of a captured request; returns (expected, received).
fn recompute(req: &Captured, body: &[u8], session_token: Option<&str>) -> (String, String) {
    let auth = req.header("authorization").unwrap();
    let signed_headers: Vec<&str> = auth
        .split("SignedHeaders=")
        .nth(1)
        .unwrap()
        .split(',')
        .next()
        .unwrap()
        .split(';')
        .collect();
    let received = auth.split("Signature=").nth(1).unwrap().to_owned();
    let scope = auth
        .split("Credential=")
        .nth(1)
        .unwrap()
        .split(',')
        .next()
        .unwrap();
    let parts: Vec<&str> = scope.split('/').collect();
    assert_eq!(parts[0], AKID);
    let (region, service) = (parts[2], parts[3]);
    let time = amz_date_to_system_time(req.header("x-amz-date").unwrap());

    let identity: Identity = Credentials::new(
        AKID,
        SECRET,
        session_token.map(str::to_owned),
        None,
        "verifier",
    )
    .into();
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(region)
        .name(service)
        .time(time)
        .settings(SigningSettings::default())
        .build()
        .unwrap()
        .into();
    // The signer adds x-amz-date and x-amz-security-token itself.
    let headers = req.headers.iter().filter_map(|(k, v)| {
        let k = k.as_str();
        (signed_headers.contains(&k) && k != "x-amz-date" && k != "x-amz-security-token")
            .then_some((k, v.as_str()))
    });
    let signable = SignableRequest::new(
        &req.method,
        req.uri.as_str(),
        headers,
        SignableBody::Bytes(body),
    )
    .unwrap();
    let out = sign(signable, &params).unwrap();
    (out.signature().to_owned(), received)
}

#[tokio::test]
async fn signature_verifies_and_tampered_body_fails() {
    let server = CaptureServer::start(vec![Reply::ok()]).await;
    client(&server)
        .create_event_log_configuration()
        .resource_type("managed-thing")
        .event_log_level(LogLevel::Info)
        .send()
        .await
        .unwrap();
    let req = &server.requests()[0];
    let (expected, received) = recompute(req, &req.body, None);
    assert_eq!(expected, received, "signature must verify");
    assert_eq!(received.len(), 64);

    let mut tampered = req.body.clone();
    let i = tampered.iter().position(|b| *b == b'I').unwrap(); // INFO -> JNFO
    tampered[i] = b'J';
    let (expected, received) = recompute(req, &tampered, None);
    assert_ne!(expected, received, "a tampered body must fail verification");

    // Wrong secret fails too.
    let (expected_other_region, received) = {
        let mut r = req.clone();
        let auth = r
            .header("authorization")
            .unwrap()
            .replace("/us-east-1/", "/us-west-2/");
        r.headers.retain(|(k, _)| k != "authorization");
        r.headers.push(("authorization".into(), auth));
        recompute(&r, &r.body, None)
    };
    assert_ne!(expected_other_region, received);
}

#[tokio::test]
async fn signature_with_session_token_verifies() {
    let server = CaptureServer::start(vec![Reply::ok()]).await;
    let c = Client::from_conf(
        config_builder(&server)
            .credentials_provider(iotmanagedintegrations_client::config::Credentials::new(
                AKID,
                SECRET,
                Some("SESSION-TOKEN".into()),
                None,
                "t",
            ))
            .build(),
    );
    c.create_event_log_configuration().send().await.unwrap();
    let req = &server.requests()[0];
    let (expected, received) = recompute(req, &req.body, Some("SESSION-TOKEN"));
    assert_eq!(expected, received);
    let (expected, received) = recompute(req, &req.body, Some("OTHER"));
    assert_ne!(expected, received);
}
