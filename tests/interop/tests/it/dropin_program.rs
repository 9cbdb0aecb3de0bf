//! A program written against the official `aws-sdk-iotmanagedintegrations` API, compiled
//! twice: `dropin_official.rs` binds `sdk` to the official crate, `dropin_ours.rs` to ours.
//! Nothing below names either crate. It runs against our generated server (iotmi-local).

use super::sdk;

use sdk::config::retry::RetryConfig;
use sdk::config::timeout::TimeoutConfig;
use sdk::config::{BehaviorVersion, Credentials, Region};
use sdk::error::{DisplayErrorContext, ProvideErrorMetadata, SdkError};
use sdk::operation::RequestId;
use sdk::operation::create_event_log_configuration::builders::CreateEventLogConfigurationFluentBuilder;
use sdk::operation::create_event_log_configuration::{
    CreateEventLogConfigurationError, CreateEventLogConfigurationInput,
    CreateEventLogConfigurationOutput,
};
use sdk::types::LogLevel;
use sdk::types::error::{ConflictException, ValidationException};
use sdk::{Client, Config};
use std::time::Duration;

fn client(endpoint: &str, http_client: impl sdk::config::HttpClient + 'static) -> Client {
    let config = Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("eu-west-1"))
        .endpoint_url(endpoint)
        .credentials_provider(Credentials::new("AKID", "SECRET", None, None, "example"))
        .retry_config(RetryConfig::standard().with_initial_backoff(Duration::from_millis(1)))
        .timeout_config(
            TimeoutConfig::builder()
                .operation_timeout(Duration::from_secs(10))
                .build(),
        )
        .http_client(http_client)
        .build();
    Client::from_conf(config)
}

fn create(
    client: &Client,
    token: &str,
    level: LogLevel,
) -> CreateEventLogConfigurationFluentBuilder {
    client
        .create_event_log_configuration()
        .resource_type("managed-thing")
        .resource_id("thing1")
        .event_log_level(level)
        .client_token(token)
}

fn describe(err: &SdkError<CreateEventLogConfigurationError>) -> String {
    match err {
        SdkError::ServiceError(ctx) => match ctx.err() {
            CreateEventLogConfigurationError::ValidationException(v) => {
                format!("validation: {}", v.message().unwrap_or_default())
            }
            CreateEventLogConfigurationError::ConflictException(c) => {
                format!("conflict: {}", c.message().unwrap_or_default())
            }
            other => format!("service error {:?}", other.code()),
        },
        other => format!("{}", DisplayErrorContext(other)),
    }
}

pub async fn run(endpoint: &str) {
    let client = client(
        endpoint,
        aws_smithy_http_client::Builder::new().build_http(),
    );

    let builder = create(&client, "token-1", LogLevel::Debug);
    let input: &_ = builder.as_input();
    assert_eq!(input.get_client_token().as_deref(), Some("token-1"));
    let out: CreateEventLogConfigurationOutput = builder.send().await.expect("created");
    let id = out.id().expect("Id").to_owned();
    assert!(out.request_id().is_some());

    // Idempotent replay: same Id.
    let again = create(&client, "token-1", LogLevel::Debug)
        .send()
        .await
        .unwrap();
    assert_eq!(again.id(), Some(id.as_str()));

    // Same token, other parameters: 409 ConflictException.
    let err = create(&client, "token-1", LogLevel::Warn)
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        describe(&err),
        "conflict: ClientToken was already used with different parameters"
    );
    let service_err = err.as_service_error().expect("service error");
    assert!(service_err.is_conflict_exception());
    assert_eq!(service_err.code(), Some("ConflictException"));
    assert!(service_err.meta().request_id().is_some());
    let conflict: ConflictException = match err.into_service_error() {
        CreateEventLogConfigurationError::ConflictException(c) => c,
        other => panic!("{other:?}"),
    };
    assert!(conflict.message().is_some());

    // A constraint violation the client does not check: the server's ValidationException.
    let err = client
        .create_event_log_configuration()
        .resource_type("nope")
        .event_log_level(LogLevel::from("INFO"))
        .send()
        .await
        .unwrap_err();
    assert!(describe(&err).starts_with("validation: 1 validation error detected."));
    let v: ValidationException = match err.into_service_error() {
        CreateEventLogConfigurationError::ValidationException(v) => v,
        other => panic!("{other:?}"),
    };
    assert!(v.message().unwrap().contains("'/ResourceType'"));

    // The input type and its builder, as in the official crate.
    let input = CreateEventLogConfigurationInput::builder()
        .resource_type("ota-task")
        .event_log_level(LogLevel::Error)
        .build()
        .expect("input builds");
    assert_eq!(input.resource_type(), Some("ota-task"));
    assert_eq!(input.event_log_level(), Some(&LogLevel::Error));
    assert_eq!(LogLevel::from("TRACE").as_str(), "TRACE");
    assert_eq!(LogLevel::values(), &["DEBUG", "ERROR", "INFO", "WARN"]);

    // Config round trip through to_builder.
    let conf: Config = client.config().to_builder().build();
    assert_eq!(conf.region().map(|r| r.as_ref()), Some("eu-west-1"));
}
