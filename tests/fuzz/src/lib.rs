//! What each fuzz target does with its input. cargo-fuzz (`fuzz/fuzz_targets/*.rs`, nightly)
//! and the stable regression test (`tests/replay.rs`) call the same functions, so every seed
//! and every crash once found runs in `cargo test` forever after.
//!
//! A function returns normally for any input; a panic (or a broken invariant, asserted here)
//! is the finding.

use std::cell::RefCell;
use std::convert::Infallible;
use std::sync::OnceLock;

use bytes::Bytes;
use http_body_util::Full;
use hyper_util::rt::TokioIo;
use iotmanagedintegrations_server::{IotManagedIntegrationsServer, SIGNING_NAME};
use iotmi_local::{IotmiLocal, MemoryStore, Options};
use smithygen_server_runtime::sigv4::{SigV4Layer, StaticCredentials};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tower::Layer;

/// A fuzz target's entry point.
pub type Target = fn(&[u8]);

/// The fuzz targets, by the name of their `fuzz/fuzz_targets` file and seed folder.
pub const TARGETS: [(&str, Target); 4] = [
    ("server_request", server_request),
    ("client_response", client_response),
    ("json_ast", json_ast),
    ("idl", idl),
];

fn runtime() -> &'static tokio::runtime::Runtime {
    static RT: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RT.get_or_init(|| {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime")
    })
}

/// Raw bytes as an HTTP/1.1 connection into the generated server (iotmi-local's handler),
/// plain and behind `SigV4Layer`. Invariants: no 5xx (the handler never fails, so a 500 means
/// the framework broke), every response carries `x-amzn-requestid`.
pub fn server_request(data: &[u8]) {
    let plain =
        IotManagedIntegrationsServer::new(IotmiLocal::new(MemoryStore::new(), &Options::default()));
    let keys = StaticCredentials::new().with("AKIDEXAMPLE", "SECRET", None);
    let signed = SigV4Layer::new(SIGNING_NAME, "us-east-1", keys).layer(plain.clone());
    runtime().block_on(async {
        check_responses(&exchange(data, plain).await);
        check_responses(&exchange(data, signed).await);
    });
}

async fn exchange<S, B>(data: &[u8], service: S) -> Vec<u8>
where
    S: tower::Service<http::Request<hyper::body::Incoming>, Response = http::Response<B>>
        + Clone
        + Send
        + 'static,
    S::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
    S::Future: Send + 'static,
    B: http_body::Body + Send + 'static,
    B::Data: Send,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    let (mut client, server) = tokio::io::duplex(64 * 1024);
    let service = hyper::service::service_fn(move |req| {
        let mut service = service.clone();
        async move {
            std::future::poll_fn(|cx| tower::Service::poll_ready(&mut service, cx)).await?;
            tower::Service::call(&mut service, req).await
        }
    });
    // Half-close: the input ends with our write shutdown, and the answers must still come.
    let conn = hyper::server::conn::http1::Builder::new()
        .half_close(true)
        .serve_connection(TokioIo::new(server), service);
    // On the current-thread runtime the connection runs while this task talks to it.
    let conn = tokio::spawn(conn);
    let _ = client.write_all(data).await;
    let _ = client.shutdown().await;
    let mut out = Vec::new();
    let _ = client.read_to_end(&mut out).await;
    let _ = conn.await;
    out
}

/// Every response in `out` that our service wrote (an `x-amzn-errortype` or a 2xx; hyper's own
/// answers to unparsable heads, 400/414/431/505, carry neither) has a request id, and none is
/// a 5xx.
fn check_responses(out: &[u8]) {
    let text = String::from_utf8_lossy(out);
    for head in text.split("HTTP/1.1 ").skip(1) {
        let Some(status) = head.get(..3).and_then(|s| s.parse::<u16>().ok()) else {
            continue; // "HTTP/1.1 " inside a body
        };
        let head = head.split("\r\n\r\n").next().unwrap_or_default();
        let ours = head.contains("x-amzn-errortype") || (200..300).contains(&status);
        if !ours {
            continue;
        }
        assert!(status < 500, "server answered {status}:\n{text}");
        assert!(
            head.contains("x-amzn-requestid"),
            "no request id in:\n{head}"
        );
    }
}

thread_local! {
    static RESPONSE: RefCell<Option<http::Response<Full<Bytes>>>> = const { RefCell::new(None) };
}

/// The input as an HTTP response: two bytes of status (100-599), header lines up to the
/// first NUL (`name: value`, invalid ones skipped), then the body.
fn response_from(data: &[u8]) -> http::Response<Full<Bytes>> {
    let (status, rest) = match data {
        [a, b, rest @ ..] => (100 + u16::from_le_bytes([*a, *b]) % 500, rest),
        _ => (200, data),
    };
    let (head, body) = match rest.iter().position(|b| *b == 0) {
        Some(i) => (&rest[..i], &rest[i + 1..]),
        None => (&rest[..0], rest),
    };
    let mut response = http::Response::new(Full::new(Bytes::copy_from_slice(body)));
    *response.status_mut() = http::StatusCode::from_u16(status).expect("100..=599");
    for line in String::from_utf8_lossy(head).lines() {
        if let Some((k, v)) = line.split_once(':')
            && let (Ok(k), Ok(v)) = (
                http::HeaderName::from_bytes(k.trim().as_bytes()),
                http::HeaderValue::from_str(v.trim()),
            )
        {
            response.headers_mut().append(k, v);
        }
    }
    response
}

/// The input as the HTTP response to a `CreateEventLogConfiguration` call from the generated
/// client: decoded into output or error, never a panic.
pub fn client_response(data: &[u8]) {
    // Display and Debug of whatever came back must not panic either.
    match client_call(data) {
        Ok(out) => drop(format!("{out:?}")),
        Err(e) => drop(format!("{e} {e:?}")),
    }
}

// The error is the SDK's own (large) type; boxing it here would only hide what the client returns.
#[allow(clippy::result_large_err)]
type CreateResult = Result<
    iotmanagedintegrations_client::operation::create_event_log_configuration::CreateEventLogConfigurationOutput,
    iotmanagedintegrations_client::error::SdkError<
        iotmanagedintegrations_client::operation::create_event_log_configuration::CreateEventLogConfigurationError,
    >,
>;

#[allow(clippy::result_large_err)]
fn client_call(data: &[u8]) -> CreateResult {
    use iotmanagedintegrations_client as client;
    static CLIENT: OnceLock<client::Client> = OnceLock::new();
    let client = CLIENT.get_or_init(|| {
        let transport = tower::service_fn(|_req: http::Request<_>| {
            let response = RESPONSE
                .with(|r| r.borrow_mut().take())
                .unwrap_or_else(|| response_from(b""));
            std::future::ready(Ok::<_, Infallible>(response))
        });
        let config = client::Config::builder()
            .behavior_version(client::config::BehaviorVersion::latest())
            .region(client::config::Region::new("us-east-1"))
            .credentials_provider(client::config::Credentials::new(
                "AKID", "SECRET", None, None, "fuzz",
            ))
            .retry_config(aws_smithy_types::retry::RetryConfig::disabled())
            .http_client(smithygen_in_process::in_process(transport))
            .build();
        client::Client::from_conf(config)
    });
    RESPONSE.with(|r| *r.borrow_mut() = Some(response_from(data)));
    runtime().block_on(
        client
            .create_event_log_configuration()
            .resource_type("managed-thing")
            .event_log_level(client::types::LogLevel::Info)
            .client_token("fuzz")
            .send(),
    )
}

/// The input as a Smithy JSON AST model, through load, validation, transforms, IR and the
/// rendering of both crates (rustfmt left out: it is not ours).
pub fn json_ast(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(ast) = codegen::ast::parse(text) {
        render(&ast);
    }
}

/// The input as a Smithy IDL 2.0 file, through the same pipeline as [`json_ast`].
pub fn idl(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let source = codegen::assemble::Source {
        label: "fuzz.smithy".into(),
        text: text.to_owned(),
    };
    if let Ok(ast) = codegen::assemble::assemble(&[source]) {
        render(&ast);
    }
}

fn render(ast: &codegen::ast::Ast) {
    let Ok(model) = codegen::load_ast(ast) else {
        return;
    };
    let service = codegen::ir::build(&codegen::transform::run(model));
    let settings = codegen::render::ClientSettings {
        package: codegen::package::PackageSettings::workspace(),
    };
    for flavor in [
        codegen::render::Flavor::Client,
        codegen::render::Flavor::Server,
    ] {
        // A template error is a diagnostic, not a crash; only panics are findings.
        let _ = codegen::render::render_crate(&service, flavor, &settings);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CREATE: &[u8] = b"POST /event-log-configurations HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 55\r\n\r\n{\"ResourceType\":\"managed-thing\",\"EventLogLevel\":\"INFO\"}";

    /// The harness really reaches the service (a fuzz target that only ever saw hyper's 400s
    /// would find nothing).
    #[test]
    fn requests_reach_the_handler_and_the_signature_check() {
        let plain = IotManagedIntegrationsServer::new(IotmiLocal::new(
            MemoryStore::new(),
            &Options::default(),
        ));
        let keys = StaticCredentials::new();
        let signed = SigV4Layer::new(SIGNING_NAME, "us-east-1", keys).layer(plain.clone());
        let (a, b) = runtime().block_on(async {
            (
                exchange(CREATE, plain).await,
                exchange(CREATE, signed).await,
            )
        });
        let (a, b) = (String::from_utf8_lossy(&a), String::from_utf8_lossy(&b));
        assert!(a.starts_with("HTTP/1.1 201"), "{a}");
        assert!(b.starts_with("HTTP/1.1 403"), "{b}");
        assert!(b.contains("MissingAuthenticationTokenException"), "{b}");
    }

    #[test]
    fn responses_reach_the_client_decoder() {
        let created =
            client_call(b"\x65\x00content-type: application/json\0{\"Id\":\"abc\"}").unwrap();
        assert_eq!(created.id(), Some("abc"));
        let err =
            client_call(b"\x2c\x01x-amzn-errortype: ValidationException\0{\"Message\":\"m\"}")
                .unwrap_err();
        let service_error = err.into_service_error();
        assert!(service_error.is_validation_exception(), "{service_error:?}");
    }
}
