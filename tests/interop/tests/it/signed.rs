//! Signed-only mode: our generated server behind `SigV4Layer` on a real socket. The official
//! SDK, our client and boto3 (`boto3_signed.py`) get in; wrong or tampered signatures are each
//! refused with the code AWS answers, and the verified caller reaches the handler.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use aws_credential_types::Credentials;
use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings, sign};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;
use iotmanagedintegrations_server::operation::create_event_log_configuration::{
    CreateEventLogConfigurationError, CreateEventLogConfigurationInput,
    CreateEventLogConfigurationOutput,
};
use iotmanagedintegrations_server::{
    IotManagedIntegrations, IotManagedIntegrationsServer, RequestContext, SIGNING_NAME,
    ServerConfig, serve,
};
use iotmi_local::{IotmiLocal, MemoryStore, Options};
use smithygen_server_runtime::sigv4::{SigV4Layer, StaticCredentials};
use smithygen_server_runtime::tower::Layer;
use test_support::{RawResponse, request, send};

use crate::common::*;

const TEMP_AKID: &str = "ASIATEMPEXAMPLE";
const TEMP_SECRET: &str = "tempSecretKeyExample/0123456789";
const TOKEN: &str = "FwoGZXIvYXdzEXAMPLESESSIONTOKEN+/=";
const PATH: &str = "/event-log-configurations";
const BODY: &str = r#"{"ResourceType":"managed-thing","EventLogLevel":"INFO"}"#;

/// iotmi-local that also records who called.
struct WhoCalled {
    local: IotmiLocal<MemoryStore>,
    callers: Mutex<Vec<String>>,
}

impl IotManagedIntegrations for WhoCalled {
    async fn create_event_log_configuration(
        &self,
        input: CreateEventLogConfigurationInput,
        ctx: RequestContext,
    ) -> Result<CreateEventLogConfigurationOutput, CreateEventLogConfigurationError> {
        let who = ctx.identity().map(|i| i.access_key_id().to_owned());
        self.callers
            .lock()
            .unwrap()
            .push(who.unwrap_or_else(|| "<none>".into()));
        self.local.create_event_log_configuration(input, ctx).await
    }
}

async fn start() -> (SocketAddr, Arc<WhoCalled>) {
    let handler = Arc::new(WhoCalled {
        local: IotmiLocal::new(MemoryStore::new(), &Options::default()),
        callers: Mutex::default(),
    });
    let keys = StaticCredentials::new().with(AKID, SECRET, None).with(
        TEMP_AKID,
        TEMP_SECRET,
        Some(TOKEN.into()),
    );
    let layer = SigV4Layer::new(SIGNING_NAME, REGION, keys);
    let server = layer.layer(IotManagedIntegrationsServer::from_arc(handler.clone()));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(serve(
        listener,
        server,
        ServerConfig::default(),
        std::future::pending(),
    ));
    (addr, handler)
}

fn creds(akid: &str, secret: &str, token: Option<&str>) -> Credentials {
    Credentials::new(akid, secret, token.map(str::to_owned), None, "test")
}

fn official_with(url: &str, c: Credentials) -> Official {
    Official(official::Client::from_conf(
        official_builder(url).credentials_provider(c).build(),
    ))
}

fn ours_with(url: &str, c: Credentials) -> Ours {
    Ours(ours::Client::from_conf(
        ours_builder(url).credentials_provider(c).build(),
    ))
}

/// Each client with each credential set: the code it gets (`Ok` or the error shape).
async fn outcome(caller: &impl Caller) -> String {
    let o = caller.call(&Input::new("managed-thing", "INFO")).await;
    o.code.unwrap_or(o.kind)
}

#[tokio::test]
async fn sdk_clients_pass_and_bad_credentials_are_refused() {
    let (addr, handler) = start().await;
    let url = format!("http://{addr}");
    let cases = [
        (creds(AKID, SECRET, None), "Ok"),
        (creds(TEMP_AKID, TEMP_SECRET, Some(TOKEN)), "Ok"),
        (
            creds(AKID, "wrong-secret", None),
            "InvalidSignatureException",
        ),
        (
            creds("AKIDUNKNOWN", SECRET, None),
            "UnrecognizedClientException",
        ),
        (
            creds(TEMP_AKID, TEMP_SECRET, None),
            "UnrecognizedClientException",
        ),
        (
            creds(TEMP_AKID, TEMP_SECRET, Some("other-token")),
            "UnrecognizedClientException",
        ),
    ];
    for (c, expected) in &cases {
        let official = outcome(&official_with(&url, c.clone())).await;
        let ours = outcome(&ours_with(&url, c.clone())).await;
        let who = c.access_key_id();
        assert_eq!(official, *expected, "official client as {who}");
        assert_eq!(ours, *expected, "our client as {who}");
    }
    // Only the accepted calls reached the handler, each with its verified key id.
    assert_eq!(
        *handler.callers.lock().unwrap(),
        [AKID, AKID, TEMP_AKID, TEMP_AKID]
    );
}

/// A request signed by aws-sigv4 at `time`, as raw HTTP/1.1 header lines.
fn signed_headers(path: &str, body: &str, time: SystemTime) -> Vec<String> {
    let identity: Identity = creds(AKID, SECRET, None).into();
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(REGION)
        .name(SIGNING_NAME)
        .time(time)
        .settings(SigningSettings::default())
        .build()
        .unwrap()
        .into();
    let uri = format!("http://test{path}");
    let headers = [("host", "test"), ("content-type", "application/json")];
    let signable = SignableRequest::new(
        "POST",
        &uri,
        headers.into_iter(),
        SignableBody::Bytes(body.as_bytes()),
    )
    .unwrap();
    let (instructions, _) = sign(signable, &params).unwrap().into_parts();
    let mut lines = vec!["content-type: application/json".to_owned()];
    lines.extend(instructions.headers().map(|(k, v)| format!("{k}: {v}")));
    lines
}

async fn raw(addr: SocketAddr, path: &str, headers: &[String], body: &str) -> RawResponse {
    let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
    send(addr, &request("POST", path, &headers, body.as_bytes())).await
}

#[tokio::test]
async fn tampered_requests_are_refused_with_the_aws_code() {
    let (addr, handler) = start().await;
    let now = SystemTime::now();
    let good = signed_headers(PATH, BODY, now);
    let r = raw(addr, PATH, &good, BODY).await;
    assert_eq!(r.status, 201, "{}", r.body_str());

    let without = |name: &str| -> Vec<String> {
        good.iter()
            .filter(|h| !h.starts_with(name))
            .cloned()
            .collect()
    };
    let replace = |name: &str, line: &str| -> Vec<String> {
        let mut v = without(name);
        v.push(line.to_owned());
        v
    };
    let old = signed_headers(PATH, BODY, now - Duration::from_secs(16 * 60));
    let future = signed_headers(PATH, BODY, now + Duration::from_secs(16 * 60));
    let cases: Vec<(&str, RawResponse, &str)> = vec![
        (
            "body changed",
            raw(addr, PATH, &good, &BODY.replace("INFO", "DEBUG")).await,
            "InvalidSignatureException",
        ),
        (
            "signed header changed",
            raw(
                addr,
                PATH,
                &replace("content-type", "content-type: application/json; x=1"),
                BODY,
            )
            .await,
            "InvalidSignatureException",
        ),
        (
            "query added",
            raw(addr, &format!("{PATH}?x=1"), &good, BODY).await,
            "InvalidSignatureException",
        ),
        (
            "path changed",
            raw(addr, &format!("{PATH}/"), &good, BODY).await,
            "InvalidSignatureException",
        ),
        (
            "x-amz-date changed",
            raw(
                addr,
                PATH,
                &replace(
                    "x-amz-date",
                    &format!("x-amz-date: {}", amz(now + Duration::from_secs(1))),
                ),
                BODY,
            )
            .await,
            "InvalidSignatureException",
        ),
        (
            "replayed 16 minutes later",
            raw(addr, PATH, &old, BODY).await,
            "InvalidSignatureException",
        ),
        (
            "dated 16 minutes ahead",
            raw(addr, PATH, &future, BODY).await,
            "InvalidSignatureException",
        ),
        (
            "x-amz-date missing",
            raw(addr, PATH, &without("x-amz-date"), BODY).await,
            "IncompleteSignatureException",
        ),
        (
            "authorization missing",
            raw(addr, PATH, &without("authorization"), BODY).await,
            "MissingAuthenticationTokenException",
        ),
        (
            "authorization cut short",
            raw(
                addr,
                PATH,
                &replace(
                    "authorization",
                    &format!("authorization: AWS4-HMAC-SHA256 Credential={AKID}/x"),
                ),
                BODY,
            )
            .await,
            "IncompleteSignatureException",
        ),
    ];
    for (what, r, code) in cases {
        assert_eq!(r.status, 403, "{what}: {}", r.body_str());
        assert_eq!(r.error_type(), Some(code), "{what}: {}", r.body_str());
        assert!(r.header("x-amzn-requestid").is_some(), "{what}");
        let body: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
        assert!(
            body["message"].as_str().is_some_and(|m| !m.is_empty()),
            "{what}: {body}"
        );
    }
    assert_eq!(
        handler.callers.lock().unwrap().len(),
        1,
        "only the good request got in"
    );
}

fn amz(t: SystemTime) -> String {
    let s = aws_smithy_types::DateTime::from(t)
        .fmt(aws_smithy_types::date_time::Format::DateTime)
        .unwrap();
    s[..19].replace(['-', ':'], "") + "Z"
}

/// boto3 (the Python SDK) against the same server: installed by `.ci/run`. Without it the
/// test fails when `SMITHYGEN_REQUIRE_BOTO3` is set (CI) and says so on stderr otherwise.
#[tokio::test]
async fn boto3_passes_and_is_refused_with_wrong_credentials() {
    let has_boto3 = std::process::Command::new("python3")
        .args(["-c", "import boto3"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_boto3 {
        assert!(
            std::env::var_os("SMITHYGEN_REQUIRE_BOTO3").is_none(),
            "SMITHYGEN_REQUIRE_BOTO3 is set but python3 cannot import boto3"
        );
        eprintln!("NOT RUN: boto3 is not installed (python3 -m pip install boto3)");
        return;
    }
    let (addr, handler) = start().await;
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/boto3_signed.py");
    let out = tokio::process::Command::new("python3")
        .arg(script)
        .arg(format!("http://{addr}"))
        .env("AKID", AKID)
        .env("SECRET", SECRET)
        .env("TEMP_AKID", TEMP_AKID)
        .env("TEMP_SECRET", TEMP_SECRET)
        .env("TOKEN", TOKEN)
        .env("REGION", REGION)
        .output()
        .await
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let results: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        results,
        serde_json::json!({
            "good": "Ok",
            "temporary": "Ok",
            "wrong_secret": "InvalidSignatureException",
            "unknown_key": "UnrecognizedClientException",
            "token_missing": "UnrecognizedClientException",
            "unsigned": "MissingAuthenticationTokenException",
        })
    );
    assert_eq!(*handler.callers.lock().unwrap(), [AKID, TEMP_AKID]);
}
