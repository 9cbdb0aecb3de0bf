//! Written exactly as one writes against the official `aws-sdk-iotmanagedintegrations`;
//! only the `use ... as` line differs.

use iotmanagedintegrations_client as aws_sdk_iotmanagedintegrations;

use aws_sdk_iotmanagedintegrations::config::retry::RetryConfig;
use aws_sdk_iotmanagedintegrations::config::timeout::TimeoutConfig;
use aws_sdk_iotmanagedintegrations::config::{BehaviorVersion, Credentials, Region};
use aws_sdk_iotmanagedintegrations::error::{DisplayErrorContext, ProvideErrorMetadata, SdkError};
use aws_sdk_iotmanagedintegrations::operation::RequestId;
use aws_sdk_iotmanagedintegrations::operation::create_event_log_configuration::{
    CreateEventLogConfigurationError, CreateEventLogConfigurationInput,
    CreateEventLogConfigurationOutput, builders::CreateEventLogConfigurationFluentBuilder,
};
use aws_sdk_iotmanagedintegrations::types::LogLevel;
use aws_sdk_iotmanagedintegrations::types::error::ValidationException;
use aws_sdk_iotmanagedintegrations::{Client, Config};
use std::time::Duration;

async fn create(
    client: &Client,
    level: LogLevel,
) -> Result<CreateEventLogConfigurationOutput, SdkError<CreateEventLogConfigurationError>> {
    let builder: CreateEventLogConfigurationFluentBuilder = client
        .create_event_log_configuration()
        .resource_type("managed-thing")
        .resource_id("thing1")
        .event_log_level(level)
        .client_token("token-1");
    let _input: &_ = builder.as_input();
    builder.send().await
}

fn describe(err: &SdkError<CreateEventLogConfigurationError>) -> String {
    match err {
        SdkError::ServiceError(ctx) => match ctx.err() {
            CreateEventLogConfigurationError::ValidationException(v) => {
                format!("validation: {:?}", v.message())
            }
            CreateEventLogConfigurationError::ThrottlingException(_) => "throttled".into(),
            other if other.code() == Some("FooBarException") => "foobar".into(),
            other => format!("service error {:?} {:?}", other.code(), other.message()),
        },
        SdkError::DispatchFailure(_) => "dispatch".into(),
        SdkError::TimeoutError(_) => "timeout".into(),
        SdkError::ResponseError(_) => "response".into(),
        SdkError::ConstructionFailure(_) => "construction".into(),
        _ => format!("{}", DisplayErrorContext(err)),
    }
}

#[tokio::test]
async fn official_style_program() {
    let server = crate::common::CaptureServer::start(vec![
        crate::common::Reply::ok(),
        crate::common::Reply::json(400, r#"{"Message":"no"}"#)
            .header("X-Amzn-Errortype", "ValidationException"),
    ])
    .await;
    let config = Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .endpoint_url(server.url())
        .credentials_provider(Credentials::new("AKID", "SECRET", None, None, "example"))
        .retry_config(RetryConfig::standard().with_max_attempts(2))
        .timeout_config(
            TimeoutConfig::builder()
                .operation_timeout(Duration::from_secs(5))
                .build(),
        )
        .build();
    let client = Client::from_conf(config);

    let out = create(&client, LogLevel::Debug).await.unwrap();
    assert_eq!(out.id(), Some("abc123"));
    assert_eq!(out.request_id(), Some("req-ok-1"));

    let err = create(&client, LogLevel::Error).await.unwrap_err();
    assert_eq!(describe(&err), "validation: Some(\"no\")");
    let service_err = err.as_service_error().unwrap();
    assert!(service_err.is_validation_exception());
    assert_eq!(service_err.meta().code(), Some("ValidationException"));
    let v: ValidationException = match err.into_service_error() {
        CreateEventLogConfigurationError::ValidationException(v) => v,
        other => panic!("{other:?}"),
    };
    assert_eq!(v.message(), Some("no"));

    let input = CreateEventLogConfigurationInput::builder()
        .resource_type("ota-task")
        .event_log_level(LogLevel::Info)
        .build()
        .unwrap();
    assert_eq!(input.resource_type(), Some("ota-task"));
    assert_eq!(input.event_log_level(), Some(&LogLevel::Info));

    // crate-level Error via `?`
    async fn run(client: &Client) -> Result<(), aws_sdk_iotmanagedintegrations::Error> {
        client
            .create_event_log_configuration()
            .resource_type("*")
            .event_log_level(LogLevel::Warn)
            .send()
            .await?;
        Ok(())
    }
    let e = run(&client).await.unwrap_err();
    assert!(matches!(
        e,
        aws_sdk_iotmanagedintegrations::Error::ValidationException(_)
    ));
}
