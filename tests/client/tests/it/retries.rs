//! Retries come from aws-smithy-runtime's standard strategy; these check our classifier set.

use crate::common::*;
use iotmanagedintegrations_client::Client;
use iotmanagedintegrations_client::config::timeout::TimeoutConfig;
use iotmanagedintegrations_client::error::{ProvideErrorMetadata, SdkError};
use std::time::Duration;

fn tokens(server: &CaptureServer) -> Vec<String> {
    server
        .requests()
        .iter()
        .map(|r| r.json()["ClientToken"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn http_500_then_201_retries_with_same_token_on_new_connection() {
    let server = CaptureServer::start(vec![
        Reply::json(500, r#"{"Message":"boom"}"#)
            .header("X-Amzn-Errortype", "InternalServerException"),
        Reply::ok(),
    ])
    .await;
    let out = client(&server)
        .create_event_log_configuration()
        .send()
        .await
        .unwrap();
    assert_eq!(out.id(), Some("abc123"));
    let reqs = server.requests();
    assert_eq!(reqs.len(), 2);
    let t = tokens(&server);
    assert_eq!(t[0], t[1], "same ClientToken on retry");
    assert_eq!(
        reqs[0].header("amz-sdk-invocation-id"),
        reqs[1].header("amz-sdk-invocation-id")
    );
    assert_eq!(reqs[0].header("amz-sdk-request"), Some("attempt=1; max=3"));
    assert_eq!(reqs[1].header("amz-sdk-request"), Some("attempt=2; max=3"));
    assert_ne!(reqs[0].conn, reqs[1].conn, "a 500 poisons the connection");
}

#[tokio::test]
async fn http_503_three_times_gives_up_after_three_attempts() {
    let server = CaptureServer::start(vec![Reply::new(503, "Service Unavailable")]).await;
    let err = client(&server)
        .create_event_log_configuration()
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, SdkError::ServiceError(_)), "{err:?}");
    assert_eq!(server.requests().len(), 3);
    let t = tokens(&server);
    assert!(t.iter().all(|x| x == &t[0]));
}

#[tokio::test]
async fn throttling_exception_is_retried() {
    let server = CaptureServer::start(vec![
        Reply::json(429, r#"{"Message":"slow down"}"#)
            .header("X-Amzn-Errortype", "ThrottlingException"),
    ])
    .await;
    let err = client(&server)
        .create_event_log_configuration()
        .send()
        .await
        .unwrap_err();
    assert_eq!(server.requests().len(), 3);
    let e = err.into_service_error();
    assert!(e.is_throttling_exception(), "{e:?}");
    assert_eq!(e.message(), Some("slow down"));
}

#[tokio::test]
async fn throttling_code_in_body_on_400_is_retried_then_succeeds() {
    let server = CaptureServer::start(vec![
        Reply::json(
            400,
            r#"{"__type":"com.amazonaws.iotmanagedintegrations#ThrottlingException"}"#,
        ),
        Reply::ok(),
    ])
    .await;
    client(&server)
        .create_event_log_configuration()
        .send()
        .await
        .unwrap();
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn bare_429_is_retried_by_default_but_not_when_disabled() {
    let server = CaptureServer::start(vec![Reply::new(429, "")]).await;
    let err = client(&server)
        .create_event_log_configuration()
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, SdkError::ServiceError(_)));
    assert_eq!(server.requests().len(), 3);

    let server = CaptureServer::start(vec![Reply::new(429, "")]).await;
    let c = Client::from_conf(config_builder(&server).retry_bare_429(false).build());
    c.create_event_log_configuration().send().await.unwrap_err();
    assert_eq!(
        server.requests().len(),
        1,
        "official behaviour: bare 429 not retried"
    );
}

#[tokio::test]
async fn http_400_is_not_retried() {
    let server = CaptureServer::start(vec![
        Reply::json(400, r#"{"Message":"bad"}"#).header("X-Amzn-Errortype", "ValidationException"),
    ])
    .await;
    let err = client(&server)
        .create_event_log_configuration()
        .send()
        .await
        .unwrap_err();
    assert!(err.into_service_error().is_validation_exception());
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn attempt_timeout_is_retried() {
    let server =
        CaptureServer::start(vec![Reply::ok().delay(Duration::from_secs(5)), Reply::ok()]).await;
    let c = Client::from_conf(
        config_builder(&server)
            .timeout_config(
                TimeoutConfig::builder()
                    .operation_attempt_timeout(Duration::from_millis(300))
                    .build(),
            )
            .build(),
    );
    let out = c.create_event_log_configuration().send().await.unwrap();
    assert_eq!(out.id(), Some("abc123"));
    assert_eq!(server.requests().len(), 2);
    let t = tokens(&server);
    assert_eq!(t[0], t[1]);
}

#[tokio::test]
async fn operation_timeout_is_a_timeout_error() {
    let server = CaptureServer::start(vec![Reply::ok().delay(Duration::from_secs(5))]).await;
    let c = Client::from_conf(
        config_builder(&server)
            .timeout_config(
                TimeoutConfig::builder()
                    .operation_timeout(Duration::from_millis(300))
                    .build(),
            )
            .build(),
    );
    let err = c.create_event_log_configuration().send().await.unwrap_err();
    assert!(matches!(err, SdkError::TimeoutError(_)), "{err:?}");
}

#[tokio::test]
async fn connection_refused_is_dispatch_failure_after_retries() {
    // Bind then drop to get a port nobody listens on.
    let addr = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap()
    };
    let server = CaptureServer::start(vec![Reply::ok()]).await;
    let c = Client::from_conf(
        config_builder(&server)
            .endpoint_url(format!("http://{addr}"))
            .build(),
    );
    let err = c.create_event_log_configuration().send().await.unwrap_err();
    assert!(matches!(err, SdkError::DispatchFailure(_)), "{err:?}");
}
