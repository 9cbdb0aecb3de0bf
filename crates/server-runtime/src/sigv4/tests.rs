//! Signatures made by aws-sigv4 (the signer every Rust SDK uses), verified here; then each
//! part of a request changed after signing, which must be refused with the AWS error code.

use std::time::{Duration, SystemTime};

use aws_credential_types::Credentials;
use aws_sigv4::http_request::{
    SignableBody, SignableRequest, SignatureLocation, SigningSettings, sign,
};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity as SdkIdentity;

use super::*;

const SERVICE: &str = "svc";
const REGION: &str = "us-east-1";

fn settings() -> Settings<StaticCredentials> {
    Settings {
        signing_name: SERVICE.into(),
        region: REGION.into(),
        credentials: StaticCredentials::new().with("AKID", "SECRET", None).with(
            "TEMP",
            "TEMPSECRET",
            Some("TOKEN".into()),
        ),
        max_skew: MAX_CLOCK_SKEW,
        body_limit: DEFAULT_BODY_LIMIT,
        body_read_timeout: None,
    }
}

struct Signing<'a> {
    akid: &'a str,
    secret: &'a str,
    token: Option<&'a str>,
    region: &'a str,
    time: SystemTime,
    presign: bool,
}

impl Default for Signing<'_> {
    fn default() -> Self {
        Signing {
            akid: "AKID",
            secret: "SECRET",
            token: None,
            region: REGION,
            time: SystemTime::now(),
            presign: false,
        }
    }
}

const URI: &str = "http://localhost:8080/things/a%20b?b=2&a=1";
const BODY: &[u8] = br#"{"Name":"x"}"#;

fn signed(s: Signing<'_>) -> http::Request<Bytes> {
    let identity: SdkIdentity =
        Credentials::new(s.akid, s.secret, s.token.map(str::to_owned), None, "test").into();
    let mut settings = SigningSettings::default();
    if s.presign {
        settings.signature_location = SignatureLocation::QueryParams;
        settings.expires_in = Some(Duration::from_secs(300));
    }
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(s.region)
        .name(SERVICE)
        .time(s.time)
        .settings(settings)
        .build()
        .unwrap()
        .into();
    let mut request = http::Request::builder()
        .method("POST")
        .uri(URI)
        .header("host", "localhost:8080")
        .header("content-type", "application/json")
        .body(Bytes::from_static(BODY))
        .unwrap();
    let headers = request
        .headers()
        .iter()
        .map(|(k, v)| (k.as_str(), v.to_str().unwrap()));
    let signable = SignableRequest::new("POST", URI, headers, SignableBody::Bytes(BODY)).unwrap();
    let (instructions, _) = sign(signable, &params).unwrap().into_parts();
    instructions.apply_to_request_http1x(&mut request);
    request
}

fn verify(request: http::Request<Bytes>) -> Result<Identity, AuthError> {
    let settings = settings();
    let (parts, body) = request.into_parts();
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let (signed, secret) = rt.block_on(authenticate(&settings, &parts))?;
    check_signature(&signed, &secret, &parts, &body)?;
    Ok(Identity::new(
        signed.access_key_id,
        signed.region,
        matches!(signed.location, Location::Query { .. }),
    ))
}

fn code(r: Result<Identity, AuthError>) -> &'static str {
    match r {
        Ok(_) => "ok",
        Err(e) => e.shape_name(),
    }
}

#[test]
fn aws_sigv4_signatures_verify() {
    let id = verify(signed(Signing::default())).unwrap();
    assert_eq!(id, Identity::new("AKID", REGION, false));
    let id = verify(signed(Signing {
        presign: true,
        ..Default::default()
    }))
    .unwrap();
    assert_eq!(id, Identity::new("AKID", REGION, true));
    let temp = Signing {
        akid: "TEMP",
        secret: "TEMPSECRET",
        token: Some("TOKEN"),
        ..Default::default()
    };
    assert_eq!(verify(signed(temp)).unwrap().access_key_id(), "TEMP");
}

#[test]
fn every_tampered_part_is_refused() {
    let invalid = "InvalidSignatureException";
    let tamper = |f: &dyn Fn(&mut http::Request<Bytes>)| {
        let mut r = signed(Signing::default());
        f(&mut r);
        code(verify(r))
    };
    assert_eq!(tamper(&|_| {}), "ok");
    assert_eq!(
        tamper(&|r| *r.body_mut() = Bytes::from_static(b"{}")),
        invalid
    );
    assert_eq!(
        tamper(
            &|r| *r.uri_mut() = "http://localhost:8080/things/a%20c?b=2&a=1"
                .parse()
                .unwrap()
        ),
        invalid
    );
    assert_eq!(
        tamper(
            &|r| *r.uri_mut() = "http://localhost:8080/things/a%20b?b=3&a=1"
                .parse()
                .unwrap()
        ),
        invalid
    );
    assert_eq!(tamper(&|r| *r.method_mut() = http::Method::PUT), invalid);
    assert_eq!(
        tamper(&|r| {
            r.headers_mut()
                .insert("content-type", "text/plain".parse().unwrap());
        }),
        invalid
    );
    assert_eq!(
        tamper(&|r| {
            r.headers_mut().remove("x-amz-date");
        }),
        "IncompleteSignatureException"
    );
    assert_eq!(
        tamper(&|r| {
            r.headers_mut().remove("authorization");
        }),
        "MissingAuthenticationTokenException"
    );
    // An unsigned header may change freely.
    assert_eq!(
        tamper(&|r| {
            r.headers_mut().insert("x-other", "1".parse().unwrap());
        }),
        "ok"
    );
}

#[test]
fn wrong_keys_tokens_scopes_and_times_are_refused() {
    let case = |s: Signing<'_>| code(verify(signed(s)));
    let d = Signing::default;
    assert_eq!(
        case(Signing {
            secret: "WRONG",
            ..d()
        }),
        "InvalidSignatureException"
    );
    assert_eq!(
        case(Signing {
            akid: "NOPE",
            ..d()
        }),
        "UnrecognizedClientException"
    );
    assert_eq!(
        case(Signing {
            region: "eu-west-1",
            ..d()
        }),
        "InvalidSignatureException"
    );
    let temp = || Signing {
        akid: "TEMP",
        secret: "TEMPSECRET",
        ..d()
    };
    assert_eq!(case(temp()), "UnrecognizedClientException", "token missing");
    assert_eq!(
        case(Signing {
            token: Some("OTHER"),
            ..temp()
        }),
        "UnrecognizedClientException"
    );
    assert_eq!(
        case(Signing {
            token: Some("TOKEN"),
            ..d()
        }),
        "UnrecognizedClientException",
        "a token for a key without one"
    );
    let now = SystemTime::now();
    let minutes = |m: u64| Duration::from_secs(m * 60);
    assert_eq!(
        case(Signing {
            time: now - minutes(14),
            ..d()
        }),
        "ok"
    );
    assert_eq!(
        case(Signing {
            time: now - minutes(16),
            ..d()
        }),
        "InvalidSignatureException"
    );
    assert_eq!(
        case(Signing {
            time: now + minutes(16),
            ..d()
        }),
        "InvalidSignatureException"
    );
    // A presigned URL (300 s) replayed after it expired.
    assert_eq!(
        case(Signing {
            time: now - minutes(6),
            presign: true,
            ..d()
        }),
        "InvalidSignatureException"
    );
}

#[test]
fn unsigned_payload_and_declared_hashes() {
    let mut r = signed(Signing::default());
    r.headers_mut().insert(
        "x-amz-content-sha256",
        canonical::sha256_hex(b"other").parse().unwrap(),
    );
    assert_eq!(code(verify(r)), "InvalidSignatureException");
    let mut r = signed(Signing::default());
    r.headers_mut()
        .insert("x-amz-content-sha256", "STREAMING-X".parse().unwrap());
    assert_eq!(code(verify(r)), "IncompleteSignatureException");
}
