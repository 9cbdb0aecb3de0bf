//! The in-process transport (`smithygen_in_process::in_process`): a client calls a generated
//! `IotManagedIntegrationsServer` in memory, no socket. The whole official->ours suite runs
//! over it, with our client and with the official one, and must give exactly the outcomes
//! it gives over a real socket.

use smithygen_in_process::in_process;

use crate::common::*;
use crate::official_to_ours::suite;

fn fast_retries() -> aws_smithy_types::retry::RetryConfig {
    aws_smithy_types::retry::RetryConfig::standard()
        .with_initial_backoff(std::time::Duration::from_millis(1))
}

/// Our client with no endpoint override: the model's endpoint rules resolve
/// `https://api.iotmanagedintegrations.us-east-1.api.aws`, and the in-process client serves it.
fn ours_in_process(server: &OurServer) -> Ours {
    let config = ours::Config::builder()
        .behavior_version(ours::config::BehaviorVersion::latest())
        .region(ours::config::Region::new(REGION))
        .credentials_provider(ours::config::Credentials::new(
            AKID, SECRET, None, None, "test",
        ))
        .retry_config(fast_retries())
        .http_client(in_process(server.service.clone()))
        .build();
    Ours(ours::Client::from_conf(config))
}

/// The official client on the same transport (it is an ordinary smithy-rs `HttpClient`).
fn official_in_process(server: &OurServer) -> Official {
    let config = official::Config::builder()
        .behavior_version(official::config::BehaviorVersion::latest())
        .region(official::config::Region::new(REGION))
        .credentials_provider(official::config::Credentials::new(
            AKID, SECRET, None, None, "test",
        ))
        .retry_config(fast_retries())
        .http_client(in_process(server.service.clone()))
        .build();
    Official(official::Client::from_conf(config))
}

#[tokio::test]
async fn in_process_outcomes_equal_socket_outcomes() {
    let over_socket = OurServer::start().await;
    let socket = suite(&official(&over_socket.url()), &over_socket).await;

    let memory = OurServer::in_memory();
    let ours_mem = suite(&ours_in_process(&memory), &memory).await;
    assert_eq!(
        ours_mem, socket,
        "our client, in process vs official over a socket"
    );

    let memory = OurServer::in_memory();
    let official_mem = suite(&official_in_process(&memory), &memory).await;
    assert_eq!(
        official_mem, socket,
        "official client, in process vs over a socket"
    );
}

/// The handler sees the request the client would have sent: signed, with the client's
/// headers, and no peer address (there is no connection).
#[tokio::test]
async fn in_process_request_is_the_signed_request() {
    struct Probe;
    impl iotmanagedintegrations_server::IotManagedIntegrations for Probe {
        async fn create_event_log_configuration(
            &self,
            input: iotmanagedintegrations_server::operation::create_event_log_configuration::CreateEventLogConfigurationInput,
            ctx: iotmanagedintegrations_server::RequestContext,
        ) -> Result<
            iotmanagedintegrations_server::operation::create_event_log_configuration::CreateEventLogConfigurationOutput,
            iotmanagedintegrations_server::operation::create_event_log_configuration::CreateEventLogConfigurationError,
        >{
            let h = ctx.headers();
            let auth = h["authorization"].to_str().unwrap();
            assert!(
                auth.starts_with("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"),
                "{auth}"
            );
            assert!(auth.contains("/us-east-1/iotmanagedintegrations/aws4_request"));
            assert!(h.contains_key("x-amz-date"));
            assert_eq!(h["content-type"], "application/json");
            assert_eq!(h["amz-sdk-request"], "attempt=1; max=3");
            assert!(ctx.peer().is_none());
            assert!(input.client_token.as_deref().is_some_and(is_uuid));
            Ok(
                iotmanagedintegrations_server::operation::create_event_log_configuration::CreateEventLogConfigurationOutput {
                    id: Some("probe".into()),
                },
            )
        }
    }
    let service = iotmanagedintegrations_server::IotManagedIntegrationsServer::new(Probe);
    let client = ours::Client::from_conf(
        ours::Config::builder()
            .behavior_version_latest()
            .region(ours::config::Region::new(REGION))
            .credentials_provider(ours::config::Credentials::new(
                AKID, SECRET, None, None, "test",
            ))
            .http_client(in_process(service))
            .build(),
    );
    let out = client
        .create_event_log_configuration()
        .resource_type("*")
        .event_log_level(ours::types::LogLevel::Info)
        .send()
        .await
        .expect("in-process call");
    use ours::operation::RequestId;
    assert_eq!(out.id(), Some("probe"));
    assert!(out.request_id().is_some_and(is_uuid));
}
