//! `validate_requests(true)` against the generated server: for the same invalid input, the
//! client's `ValidationError` (nothing sent) and the server's `ValidationException` (what a
//! client without validation gets back) carry byte-identical messages.

use std::sync::atomic::{AtomicUsize, Ordering};

use crate::common::*;
use iotmanagedintegrations_client::Client;
use iotmanagedintegrations_client::error::{SdkError, ValidationError};
use iotmanagedintegrations_client::operation::create_event_log_configuration::CreateEventLogConfigurationError;
use iotmanagedintegrations_client::types::LogLevel;
use iotmanagedintegrations_server as server;
use server::operation::create_event_log_configuration::{
    CreateEventLogConfigurationError as ServerError, CreateEventLogConfigurationInput,
    CreateEventLogConfigurationOutput,
};

/// The trivial implementation: every valid request succeeds.
#[derive(Default)]
struct Accept {
    calls: AtomicUsize,
}

impl server::IotManagedIntegrations for Accept {
    async fn create_event_log_configuration(
        &self,
        _input: CreateEventLogConfigurationInput,
        _ctx: server::RequestContext,
    ) -> Result<CreateEventLogConfigurationOutput, ServerError> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        Ok(CreateEventLogConfigurationOutput {
            id: Some("cfg1".into()),
        })
    }
}

/// The generated server on 127.0.0.1:0, its address as an endpoint URL.
async fn generated_server() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let config = server::ServerConfig::default();
    let service =
        server::IotManagedIntegrationsServer::new(Accept::default()).with_config(config.clone());
    tokio::spawn(server::serve(
        listener,
        service,
        config,
        std::future::pending(),
    ));
    format!("http://{addr}")
}

/// One input: `None` leaves the member unset.
#[derive(Clone, Debug)]
struct Input {
    resource_type: Option<String>,
    resource_id: Option<String>,
    level: Option<LogLevel>,
    token: Option<String>,
}

fn input(rt: Option<&str>, id: Option<&str>, level: Option<&str>, token: Option<&str>) -> Input {
    Input {
        resource_type: rt.map(str::to_owned),
        resource_id: id.map(str::to_owned),
        level: level.map(LogLevel::from),
        token: token.map(str::to_owned),
    }
}

async fn send(
    c: &Client,
    i: &Input,
) -> Result<Option<String>, SdkError<CreateEventLogConfigurationError>> {
    c.create_event_log_configuration()
        .set_resource_type(i.resource_type.clone())
        .set_resource_id(i.resource_id.clone())
        .set_event_log_level(i.level.clone())
        .set_client_token(i.token.clone())
        .send()
        .await
        .map(|out| out.id().map(str::to_owned))
}

fn client_to(url: &str, validate: bool, capture: &CaptureServer) -> Client {
    Client::from_conf(
        config_builder(capture)
            .endpoint_url(url)
            .validate_requests(validate)
            .build(),
    )
}

#[tokio::test]
async fn client_validation_says_what_the_server_says() {
    let url = generated_server().await;
    // The validating client talks to a capture server, to prove it never sends.
    let capture = CaptureServer::start(vec![Reply::ok()]).await;
    let checking = client_to(&capture.url(), true, &capture);
    let plain = client_to(&url, false, &capture);

    let token64 = "t".repeat(64);
    let token65 = "t".repeat(65);
    let e64 = "é".repeat(64);
    let e65 = "é".repeat(65);
    let id200 = "a".repeat(200);
    let id201 = "ü".repeat(201);
    let valid = Some("managed-thing");
    let info = Some("INFO");
    let invalid = [
        // several violations at once, in member order
        input(Some("bogus"), Some("has space"), None, Some("")),
        input(None, None, None, None),
        input(None, Some(""), Some("TRACE"), Some("no spaces!")),
        // length boundaries: 65 scalar values, multi-byte characters counted once
        input(valid, None, info, Some(&token65)),
        input(valid, None, info, Some(&e64)),
        input(valid, None, info, Some(&e65)),
        input(valid, Some(&id201), info, None),
        input(valid, Some(""), info, None),
        // forbidden values: near-misses of the patterns and the enum
        input(Some("managed-thing "), None, info, None),
        input(Some("account-association"), None, info, None),
        input(Some("**"), None, info, None),
        input(Some(""), None, info, None),
        input(valid, Some("a/b"), info, None),
        input(valid, None, Some("debug"), None),
        input(valid, None, Some(""), None),
        input(valid, None, info, Some("tok=en_-/")),
    ];
    for i in &invalid {
        let client_err = send(&checking, i).await.unwrap_err();
        assert!(
            matches!(client_err, SdkError::ConstructionFailure(_)),
            "{i:?}: {client_err:?}"
        );
        let v = std::error::Error::source(&client_err)
            .and_then(|s| s.downcast_ref::<ValidationError>())
            .unwrap_or_else(|| panic!("{i:?}: no ValidationError in {client_err:?}"));

        let server_err = send(&plain, i).await.unwrap_err();
        let service_err = server_err.into_service_error();
        let CreateEventLogConfigurationError::ValidationException(e) = &service_err else {
            panic!("{i:?}: the server answered {service_err:?}");
        };
        assert_eq!(Some(v.message()), e.message(), "{i:?}");
        assert_eq!(v.to_string(), v.message());
        assert!(
            v.message()
                .starts_with(&format!("{} validation error", v.violations().len()))
        );
    }
    assert!(capture.requests().is_empty(), "the validating client sent");

    // Valid inputs, boundaries included, pass both ways.
    let ok = [
        input(valid, None, info, None),
        input(Some("*"), Some(&id200), Some("DEBUG"), Some(&token64)),
        input(Some("ota-task"), Some("a+b*9"), Some("WARN"), Some("t")),
        input(
            Some("credential-locker"),
            None,
            Some("ERROR"),
            Some("a=_-Z9"),
        ),
    ];
    for i in &ok {
        assert_eq!(
            send(&plain, i).await.unwrap().as_deref(),
            Some("cfg1"),
            "{i:?}"
        );
        let checking = client_to(&url, true, &capture);
        assert_eq!(
            send(&checking, i).await.unwrap().as_deref(),
            Some("cfg1"),
            "{i:?}"
        );
    }
}

/// The exact violations (paths and messages) for a mix of failures.
#[tokio::test]
async fn violations_carry_paths_and_server_messages() {
    let capture = CaptureServer::start(vec![Reply::ok()]).await;
    let checking = client_to(&capture.url(), true, &capture);
    let e65 = "é".repeat(65);
    let err = send(
        &checking,
        &input(None, Some("x y"), Some("TRACE"), Some(&e65)),
    )
    .await
    .unwrap_err();
    let v = std::error::Error::source(&err)
        .and_then(|s| s.downcast_ref::<ValidationError>())
        .unwrap();
    let got: Vec<(&str, &str)> = v
        .violations()
        .iter()
        .map(|x| (x.path.as_str(), x.message.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (
                "/ResourceType",
                "Value at '/ResourceType' failed to satisfy constraint: Member must not be null"
            ),
            (
                "/ResourceId",
                "Value at '/ResourceId' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9+*]*$"
            ),
            (
                "/EventLogLevel",
                "Value at '/EventLogLevel' failed to satisfy constraint: Member must satisfy enum value set: [DEBUG, ERROR, INFO, WARN]"
            ),
            (
                "/ClientToken",
                "Value with length 65 at '/ClientToken' failed to satisfy constraint: Member must have length between 1 and 64, inclusive"
            ),
            (
                "/ClientToken",
                "Value at '/ClientToken' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9=_-]+$"
            ),
        ]
    );
    assert!(
        v.message()
            .starts_with("5 validation errors detected. Value at '/ResourceType'")
    );
    assert!(capture.requests().is_empty());
}
