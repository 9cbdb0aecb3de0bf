//! The build-script client calls the generated server (with iotmi-local's implementation)
//! in memory through `smithygen-in-process`: same wire bytes as over a socket, no network.

use build_script_example::config::{BehaviorVersion, Credentials, Region};
use build_script_example::operation::create_event_log_configuration::CreateEventLogConfigurationError;
use build_script_example::types::LogLevel;
use build_script_example::{Client, Config};
use iotmanagedintegrations_server::IotManagedIntegrationsServer;
use iotmi_local::{IotmiLocal, MemoryStore, Options};

fn client() -> Client {
    let local = IotmiLocal::new(MemoryStore::new(), &Options::default());
    let server = IotManagedIntegrationsServer::new(local);
    let config = Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new("AKID", "SECRET", None, None, "example"))
        .http_client(smithygen_in_process::in_process(server))
        .build();
    Client::from_conf(config)
}

/// Creates a debug-level configuration for managed things with `token`; returns its id.
async fn create(client: &Client, token: &str) -> String {
    let output = client
        .create_event_log_configuration()
        .resource_type("managed-thing")
        .event_log_level(LogLevel::Debug)
        .client_token(token)
        .send()
        .await
        .expect("created");
    output.id().expect("the server assigns an id").to_string()
}

#[tokio::test]
async fn build_script_client_calls_the_server_in_process() {
    let client = client();
    let id = create(&client, "token-1").await;
    // Same token, same parameters: iotmi-local replays the first answer.
    assert_eq!(create(&client, "token-1").await, id);
    assert_ne!(create(&client, "token-2").await, id);
    // A modeled error comes back typed: the server rejects a bad resource type.
    let error = client
        .create_event_log_configuration()
        .resource_type("not a type")
        .event_log_level(LogLevel::Info)
        .send()
        .await
        .expect_err("the server validates the input")
        .into_service_error();
    assert!(
        matches!(
            error,
            CreateEventLogConfigurationError::ValidationException(_)
        ),
        "{error:?}"
    );
}
