//! Request bytes vs WIRE.md, success decoding, config errors, validation, serde feature.

use crate::common::*;
use iotmanagedintegrations_client::config::{BehaviorVersion, Credentials, Region};
use iotmanagedintegrations_client::error::{ProvideErrorMetadata, SdkError};
use iotmanagedintegrations_client::operation::RequestId;
use iotmanagedintegrations_client::types::LogLevel;
use iotmanagedintegrations_client::{Client, Config};
use serde_json::json;

#[tokio::test]
async fn request_matches_official_bytes() {
    let server = CaptureServer::start(vec![Reply::ok()]).await;
    let out = client(&server)
        .create_event_log_configuration()
        .resource_type("SomeResourceType")
        .resource_id("res-123")
        .event_log_level(LogLevel::Debug)
        .send()
        .await
        .unwrap();
    assert_eq!(out.id(), Some("abc123"));
    assert_eq!(out.request_id(), Some("req-ok-1"));

    let reqs = server.requests();
    assert_eq!(reqs.len(), 1);
    let r = &reqs[0];
    assert_eq!(r.method, "POST");
    assert_eq!(r.uri, "/event-log-configurations");
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(
        r.header("content-length"),
        Some(r.body.len().to_string().as_str())
    );
    assert!(r.header("x-amz-content-sha256").is_none());
    assert!(r.header("x-amz-security-token").is_none());
    assert_eq!(r.header("amz-sdk-request"), Some("attempt=1; max=3"));
    assert!(r.header("amz-sdk-invocation-id").is_some());
    let ua = r.header("x-amz-user-agent").unwrap();
    assert!(ua.contains("api/iotmanagedintegrations/"), "{ua}");
    assert!(r.header("user-agent").is_some());
    let auth = r.header("authorization").unwrap();
    assert!(
        auth.starts_with("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"),
        "{auth}"
    );
    assert!(
        auth.contains("/us-east-1/iotmanagedintegrations/aws4_request"),
        "{auth}"
    );
    assert!(
        auth.contains(
            "SignedHeaders=content-length;content-type;host;x-amz-date;x-amz-user-agent,"
        ),
        "{auth}"
    );
    // compact JSON, model member names, unset members omitted
    let body = std::str::from_utf8(&r.body).unwrap();
    assert!(!body.contains(' ') && !body.contains('\n'), "{body}");
    let token = r.json()["ClientToken"].as_str().unwrap().to_owned();
    assert_eq!(token.len(), 36, "{token}");
    assert_eq!(
        r.json(),
        json!({"ClientToken": token, "EventLogLevel": "DEBUG", "ResourceId": "res-123",
               "ResourceType": "SomeResourceType"})
    );
}

#[tokio::test]
async fn unset_members_omitted_and_caller_token_sent_as_is() {
    let server = CaptureServer::start(vec![Reply::ok()]).await;
    let c = client(&server);
    c.create_event_log_configuration()
        .client_token("")
        .send()
        .await
        .unwrap();
    c.create_event_log_configuration()
        .set_resource_type(Some("*".into()))
        .set_event_log_level(Some(LogLevel::from("TRACE")))
        .client_token("tok-1")
        .send()
        .await
        .unwrap();
    let reqs = server.requests();
    assert_eq!(reqs[0].json(), json!({"ClientToken": ""}));
    assert_eq!(
        reqs[1].json(),
        json!({"ClientToken": "tok-1", "EventLogLevel": "TRACE", "ResourceType": "*"})
    );
}

#[tokio::test]
async fn session_token_header_is_sent_and_signed() {
    let server = CaptureServer::start(vec![Reply::ok()]).await;
    let c = Client::from_conf(
        config_builder(&server)
            .credentials_provider(Credentials::new(
                AKID,
                SECRET,
                Some("SESSION".into()),
                None,
                "t",
            ))
            .build(),
    );
    c.create_event_log_configuration().send().await.unwrap();
    let r = &server.requests()[0];
    assert_eq!(r.header("x-amz-security-token"), Some("SESSION"));
    assert!(
        r.header("authorization")
            .unwrap()
            .contains("x-amz-security-token")
    );
}

#[tokio::test]
async fn success_body_variants() {
    let server = CaptureServer::start(vec![
        Reply::json(201, r#"{"Id":"x1","Unknown":{"a":[1,2]},"Other":null}"#),
        Reply::json(201, r#"{"Id":null}"#),
        Reply::new(200, ""),
        Reply::json(201, r#"{"Id":"#).header("x-amzn-RequestId", "bad-1"),
        Reply::json(201, r#"{"Id":42}"#),
    ])
    .await;
    let c = client(&server);
    let send = || c.create_event_log_configuration().send();
    assert_eq!(send().await.unwrap().id(), Some("x1"));
    assert_eq!(send().await.unwrap().id(), None);
    assert_eq!(send().await.unwrap().id(), None);
    let err = send().await.unwrap_err();
    assert!(matches!(err, SdkError::ServiceError(_)), "{err:?}");
    assert_eq!(err.request_id(), Some("bad-1"));
    let svc = err.into_service_error();
    assert!(svc.code().is_none());
    assert!(svc.to_string().starts_with("unhandled error"), "{svc}");
    let err = send().await.unwrap_err();
    assert!(matches!(err, SdkError::ServiceError(_)), "{err:?}");
    assert_eq!(server.requests().len(), 5);
}

#[tokio::test]
async fn missing_region_and_behavior_version_are_clear_errors() {
    let server = CaptureServer::start(vec![Reply::ok()]).await;
    let no_region = Client::from_conf(
        Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .credentials_provider(Credentials::new(AKID, SECRET, None, None, "t"))
            .build(),
    );
    let err = no_region
        .create_event_log_configuration()
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, SdkError::ConstructionFailure(_)), "{err:?}");
    let text = format!(
        "{}",
        iotmanagedintegrations_client::error::DisplayErrorContext(&err)
    );
    assert!(text.contains("no region configured"), "{text}");
    // A configuration error is not cached as a built operation: it is reported every time.
    let again = no_region.create_event_log_configuration().send().await;
    assert!(matches!(again, Err(SdkError::ConstructionFailure(_))));
    assert!(
        format!("{no_region:?}").contains("built: 0"),
        "{no_region:?}"
    );

    let no_bv = Client::from_conf(
        Config::builder()
            .region(Region::new("eu-west-1"))
            .endpoint_url(server.url())
            .credentials_provider(Credentials::new(AKID, SECRET, None, None, "t"))
            .build(),
    );
    let err = no_bv
        .create_event_log_configuration()
        .send()
        .await
        .unwrap_err();
    let text = format!(
        "{}",
        iotmanagedintegrations_client::error::DisplayErrorContext(&err)
    );
    assert!(text.contains("behavior major version"), "{text}");
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn operations_are_built_once_per_client_and_shared_by_clones() {
    let server = CaptureServer::start(vec![Reply::ok(), Reply::ok(), Reply::ok()]).await;
    let client = Client::from_conf(config_builder(&server).build());
    assert!(format!("{client:?}").contains("built: 0"), "{client:?}");
    let clone = client.clone();
    for c in [&client, &clone, &client] {
        c.create_event_log_configuration()
            .resource_type("*")
            .event_log_level(LogLevel::Info)
            .send()
            .await
            .unwrap();
    }
    assert!(format!("{clone:?}").contains("built: 1"), "{clone:?}");
    // The reused operation still signs each request afresh and sends a new token each time.
    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    let tokens: std::collections::HashSet<_> = requests.iter().map(|r| r.body.clone()).collect();
    assert_eq!(tokens.len(), 3);
    let signatures: std::collections::HashSet<_> =
        requests.iter().map(|r| r.header("authorization")).collect();
    assert_eq!(signatures.len(), 3);
}

#[test]
fn endpoint_template_uses_region() {
    let conf = Config::builder().region(Region::new("eu-west-1")).build();
    let url = smithygen_client_runtime::operation::resolve_endpoint(
        &conf,
        &iotmanagedintegrations_client::meta::SERVICE,
    )
    .unwrap();
    assert_eq!(url, "https://api.iotmanagedintegrations.eu-west-1.api.aws");
    let conf = conf.to_builder().endpoint_url("http://localhost:1").build();
    let url = smithygen_client_runtime::operation::resolve_endpoint(
        &conf,
        &iotmanagedintegrations_client::meta::SERVICE,
    )
    .unwrap();
    assert_eq!(url, "http://localhost:1");
}

#[tokio::test]
async fn validate_requests_fails_before_sending() {
    let server = CaptureServer::start(vec![Reply::ok()]).await;
    let c = Client::from_conf(config_builder(&server).validate_requests(true).build());
    let err = c
        .create_event_log_configuration()
        .resource_type("bogus")
        .resource_id("has space")
        .client_token("")
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, SdkError::ConstructionFailure(_)), "{err:?}");
    let v = std::error::Error::source(&err)
        .and_then(|s| s.downcast_ref::<iotmanagedintegrations_client::error::ValidationError>())
        .expect("ValidationError source");
    let messages: Vec<&str> = v.violations().iter().map(|x| x.message.as_str()).collect();
    let paths: Vec<&str> = v.violations().iter().map(|x| x.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "/ResourceType",
            "/ResourceId",
            "/EventLogLevel",
            "/ClientToken",
            "/ClientToken"
        ]
    );
    assert_eq!(
        messages,
        [
            "Value at '/ResourceType' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[*]$|^(managed-thing|credential-locker|provisioning-profile|ota-task)$",
            "Value at '/ResourceId' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9+*]*$",
            "Value at '/EventLogLevel' failed to satisfy constraint: Member must not be null",
            "Value with length 0 at '/ClientToken' failed to satisfy constraint: Member must have length between 1 and 64, inclusive",
            "Value at '/ClientToken' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9=_-]+$",
        ]
    );
    assert!(v.to_string().starts_with("5 validation errors detected. "));
    assert_eq!(v.message(), v.to_string());
    assert_eq!(
        v.message(),
        format!("5 validation errors detected. {}", messages.join("; "))
    );
    assert!(server.requests().is_empty());
    // valid input goes through (generated token passes the ClientToken constraints)
    c.create_event_log_configuration()
        .resource_type("managed-thing")
        .event_log_level(LogLevel::Warn)
        .send()
        .await
        .unwrap();
    // validation off by default: the same invalid input is sent
    client(&server)
        .create_event_log_configuration()
        .resource_type("bogus")
        .send()
        .await
        .unwrap();
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn log_level_enum() {
    assert_eq!(LogLevel::values(), &["DEBUG", "ERROR", "INFO", "WARN"]);
    assert_eq!(LogLevel::from("INFO"), LogLevel::Info);
    assert_eq!("WARN".parse::<LogLevel>().unwrap(), LogLevel::Warn);
    let unknown = LogLevel::from("TRACE");
    assert_eq!(unknown.as_str(), "TRACE");
    assert!(LogLevel::try_parse("TRACE").is_err());
    assert_eq!(LogLevel::try_parse("ERROR").unwrap(), LogLevel::Error);
    assert_eq!(LogLevel::Debug.to_string(), "DEBUG");
}

/// The dev-dependency enables the client's `serde` feature.
#[test]
fn serde_feature_uses_wire_names() {
    use iotmanagedintegrations_client::operation::create_event_log_configuration::*;
    let input = CreateEventLogConfigurationInput::builder()
        .resource_type("ota-task")
        .event_log_level(LogLevel::from("TRACE"))
        .build()
        .unwrap();
    let v = serde_json::to_value(&input).unwrap();
    assert_eq!(
        v,
        json!({"ResourceType": "ota-task", "EventLogLevel": "TRACE"})
    );
    let back: CreateEventLogConfigurationInput = serde_json::from_value(v).unwrap();
    assert_eq!(back, input);
    let out: CreateEventLogConfigurationOutput = serde_json::from_str(r#"{"Id":"z"}"#).unwrap();
    assert_eq!(out.id(), Some("z"));
    let e = iotmanagedintegrations_client::types::error::ValidationException::builder()
        .message("m")
        .build();
    assert_eq!(serde_json::to_value(&e).unwrap(), json!({"Message": "m"}));
}
