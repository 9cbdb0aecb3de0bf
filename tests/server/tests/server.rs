//! The generated server over real sockets: every rejection, validation message, modeled error,
//! panic recovery, hosting inside axum, graceful shutdown.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use iotmanagedintegrations_server::operation::create_event_log_configuration::{
    CreateEventLogConfigurationError, CreateEventLogConfigurationInput,
    CreateEventLogConfigurationOutput,
};
use iotmanagedintegrations_server::types::error::{
    AccessDeniedException, ConflictException, InternalServerException,
    ServiceQuotaExceededException, ThrottlingException,
};
use iotmanagedintegrations_server::{
    IotManagedIntegrations, IotManagedIntegrationsServer, RequestContext, ServerConfig, serve,
};
use test_support::{RawResponse, post_json, request, send};
use tokio::io::AsyncWriteExt;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;

const PATH: &str = "/event-log-configurations";

/// Behaviour picked by `ResourceId`, so one handler covers every outcome.
#[derive(Default)]
struct TestHandler {
    calls: AtomicUsize,
}

impl IotManagedIntegrations for TestHandler {
    async fn create_event_log_configuration(
        &self,
        input: CreateEventLogConfigurationInput,
        ctx: RequestContext,
    ) -> Result<CreateEventLogConfigurationOutput, CreateEventLogConfigurationError> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        match input.resource_id.as_deref() {
            Some("panic") => panic!("handler exploded"),
            Some("slow") => tokio::time::sleep(Duration::from_millis(600)).await,
            Some("denied") => return Err(AccessDeniedException::new("no").into()),
            Some("conflict") => return Err(ConflictException::new("busy").into()),
            Some("internal") => return Err(InternalServerException::new("db down").into()),
            Some("quota") => return Err(ServiceQuotaExceededException::new("full").into()),
            Some("throttle") => return Err(ThrottlingException::new("slow down").into()),
            _ => {}
        }
        // Echo what the handler saw, so tests check decoding end to end.
        Ok(CreateEventLogConfigurationOutput {
            id: Some(format!(
                "{}|{}|{:?}|{:?}|peer={}|op={}|rid={}",
                input.resource_type,
                input.event_log_level,
                input.resource_id,
                input.client_token,
                ctx.peer().is_some(),
                ctx.operation(),
                ctx.request_id().len(),
            )),
        })
    }
}

struct Running {
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
}

async fn start_with(config: ServerConfig) -> Running {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server =
        IotManagedIntegrationsServer::new(TestHandler::default()).with_config(config.clone());
    let (tx, rx) = oneshot::channel::<()>();
    let task = tokio::spawn(serve(listener, server, config, async {
        let _ = rx.await;
    }));
    Running {
        addr,
        stop: Some(tx),
        task,
    }
}

async fn start() -> Running {
    start_with(ServerConfig::default()).await
}

/// Send and check what must hold for EVERY response: a UUID-shaped request id.
async fn call(addr: SocketAddr, raw: &[u8]) -> RawResponse {
    let r = send(addr, raw).await;
    let rid = r
        .header("x-amzn-requestid")
        .unwrap_or_else(|| panic!("no x-amzn-requestid on {r:?}"));
    assert_eq!(rid.len(), 36, "{rid}");
    r
}

fn assert_error(r: &RawResponse, status: u16, error_type: &str) {
    assert_eq!(r.status, status, "{r:?} {}", r.body_str());
    assert_eq!(r.error_type(), Some(error_type), "{r:?}");
    assert_eq!(r.header("content-type"), Some("application/json"));
}

fn validation_message(r: &RawResponse) -> String {
    assert_error(r, 400, "ValidationException");
    let v: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(v.as_object().unwrap().len(), 1, "only Message: {v}");
    v["Message"].as_str().unwrap().to_owned()
}

fn body(rt: &str, level: &str, extra: &str) -> String {
    format!(r#"{{"ResourceType":"{rt}","EventLogLevel":"{level}"{extra}}}"#)
}

#[tokio::test]
async fn success_decodes_every_member_and_answers_201() {
    let s = start().await;
    let r = call(
        s.addr,
        &post_json(
            PATH,
            r#"{"ResourceType":"managed-thing","EventLogLevel":"WARN","ResourceId":"a+b*9","ClientToken":"tok=_-1","Unknown":{"x":[1,2]}}"#,
        ),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.body_str());
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(r.error_type(), None);
    assert_eq!(
        r.body_str(),
        r#"{"Id":"managed-thing|WARN|Some(\"a+b*9\")|Some(\"tok=_-1\")|peer=true|op=CreateEventLogConfiguration|rid=36"}"#
    );
    // Optional members absent, charset parameter and `Accept: */*` accepted.
    let r = call(
        s.addr,
        &request(
            "POST",
            PATH,
            &[
                "content-type: application/json; charset=utf-8",
                "accept: */*",
            ],
            body("*", "DEBUG", "").as_bytes(),
        ),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.body_str());
    assert!(
        r.body_str().starts_with(r#"{"Id":"*|DEBUG|None|None|"#),
        "{}",
        r.body_str()
    );
}

#[tokio::test]
async fn request_ids_differ_between_requests() {
    let s = start().await;
    let a = call(s.addr, &post_json(PATH, &body("*", "INFO", ""))).await;
    let b = call(s.addr, &post_json("/nope", "{}")).await;
    assert_ne!(a.header("x-amzn-requestid"), b.header("x-amzn-requestid"));
}

#[tokio::test]
async fn routing_rejections() {
    let s = start().await;
    let r = call(s.addr, &post_json("/unknown", "{}")).await;
    assert_error(&r, 404, "UnknownOperationException");
    assert_eq!(r.body_str(), "{}");
    let r = call(s.addr, &request("GET", "/", &[], b"")).await;
    assert_error(&r, 404, "UnknownOperationException");
    let r = call(s.addr, &request("GET", PATH, &[], b"")).await;
    assert_eq!(r.status, 405, "{r:?}");
    let r = call(s.addr, &post_json("/event-log-configurations/extra", "{}")).await;
    assert_eq!(r.status, 404);
}

#[tokio::test]
async fn media_type_rejections() {
    let s = start().await;
    let ok = body("*", "INFO", "");
    let r = call(
        s.addr,
        &request("POST", PATH, &["content-type: text/plain"], ok.as_bytes()),
    )
    .await;
    assert_error(&r, 415, "UnsupportedMediaTypeException");
    let r = call(s.addr, &request("POST", PATH, &[], ok.as_bytes())).await;
    assert_error(&r, 415, "UnsupportedMediaTypeException");
    let r = call(
        s.addr,
        &request(
            "POST",
            PATH,
            &["content-type: application/json", "accept: text/html"],
            ok.as_bytes(),
        ),
    )
    .await;
    assert_error(&r, 406, "NotAcceptableException");
    for accept in [
        "application/*",
        "application/json",
        "text/html, application/json;q=0.1",
    ] {
        let header = format!("accept: {accept}");
        let r = call(
            s.addr,
            &request(
                "POST",
                PATH,
                &["content-type: application/json", &header],
                ok.as_bytes(),
            ),
        )
        .await;
        assert_eq!(r.status, 201, "{accept}");
    }
}

#[tokio::test]
async fn body_limit_413() {
    let s = start_with(ServerConfig::default().with_body_limit(64)).await;
    // Exactly at the limit is accepted.
    let with_id = |n: usize| {
        format!(
            r#"{{"ResourceType":"*","EventLogLevel":"INFO","ResourceId":"{}"}}"#,
            "a".repeat(n)
        )
    };
    let at_limit = with_id(64 - with_id(0).len());
    assert_eq!(at_limit.len(), 64);
    let r = call(s.addr, &post_json(PATH, &at_limit)).await;
    assert_eq!(r.status, 201, "{}", r.body_str());
    let over = with_id(65 - with_id(0).len());
    let r = call(s.addr, &post_json(PATH, &over)).await;
    assert_error(&r, 413, "PayloadTooLargeException");
    assert_eq!(
        r.body_str(),
        r#"{"message":"Request body exceeds the limit of 64 bytes"}"#
    );
}

/// The slowloris guard: a client that starts a request head and never finishes it is
/// disconnected once `header_read_timeout` has passed (not before), also on a keep-alive
/// connection that already served a request.
#[tokio::test]
async fn slow_request_head_is_disconnected() {
    use tokio::io::AsyncReadExt;
    let timeout = Duration::from_millis(300);
    let s = start_with(ServerConfig::default().with_header_read_timeout(Some(timeout))).await;
    let body = r#"{"ResourceType":"*","EventLogLevel":"INFO"}"#;
    let keep_alive = format!(
        "POST {PATH} HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
        body.len()
    );
    let mut stream = TcpStream::connect(s.addr).await.unwrap();
    let mut buf = vec![0u8; 4096];
    for _ in 0..2 {
        stream.write_all(keep_alive.as_bytes()).await.unwrap();
        let n = stream.read(&mut buf).await.unwrap();
        assert!(buf[..n].starts_with(b"HTTP/1.1 201"), "{:?}", &buf[..n]);
    }
    let started = std::time::Instant::now();
    stream
        .write_all(b"POST /event-log-configurations HTTP/1.1\r\nhost: x\r\n")
        .await
        .unwrap();
    let read = tokio::time::timeout(Duration::from_secs(5), async {
        loop {
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(_) => continue,
            }
        }
    })
    .await;
    let waited = started.elapsed();
    assert!(read.is_ok(), "still connected after {waited:?}");
    assert!(waited >= timeout, "disconnected early, after {waited:?}");
}

#[tokio::test]
async fn body_limit_stops_reading_early() {
    let s = start().await; // default limit 1 MiB
    // Announce 2 MiB and send none of it: the answer comes from the header alone.
    let mut stream = TcpStream::connect(s.addr).await.unwrap();
    stream
        .write_all(
            format!(
                "POST {PATH} HTTP/1.1\r\nhost: t\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
                2 * 1024 * 1024
            )
            .as_bytes(),
        )
        .await
        .unwrap();
    let r = test_support::read_response(&mut stream).await;
    assert_error(&r, 413, "PayloadTooLargeException");
    // Chunked with no length: refused once the running total passes 1 MiB, while the client is
    // still sending (the writer runs on its own task and may then see the connection close).
    let mut stream = TcpStream::connect(s.addr).await.unwrap();
    stream
        .write_all(
            format!("POST {PATH} HTTP/1.1\r\nhost: t\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n")
                .as_bytes(),
        )
        .await
        .unwrap();
    let (mut rd, mut wr) = stream.into_split();
    let writer = tokio::spawn(async move {
        let chunk = format!("10000\r\n{}\r\n", "a".repeat(0x10000));
        for _ in 0..64 {
            // 4 MiB in total if nobody stopped us.
            if wr.write_all(chunk.as_bytes()).await.is_err() {
                return false;
            }
        }
        true
    });
    let mut buf = Vec::new();
    let _ = tokio::time::timeout(
        Duration::from_secs(10),
        tokio::io::AsyncReadExt::read_to_end(&mut rd, &mut buf),
    )
    .await;
    let r = test_support::parse(&buf);
    assert_error(&r, 413, "PayloadTooLargeException");
    let _ = writer.await;
}

#[tokio::test]
async fn truncated_body_is_a_serialization_error() {
    let s = start().await;
    let mut stream = TcpStream::connect(s.addr).await.unwrap();
    stream
        .write_all(
            format!("POST {PATH} HTTP/1.1\r\nhost: t\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{{\"ResourceType\"")
                .as_bytes(),
        )
        .await
        .unwrap();
    stream.shutdown().await.unwrap(); // half-close: no more body will come
    let r = test_support::read_response(&mut stream).await;
    assert_error(&r, 400, "SerializationException");
    assert!(r.header("x-amzn-requestid").is_some());
}

#[tokio::test]
async fn malformed_documents_are_serialization_errors() {
    let s = start().await;
    let mut cases: Vec<(&str, Vec<u8>)> = vec![
        ("syntax", br#"{"ResourceType":"*","#.to_vec()),
        ("not an object", br#"["*"]"#.to_vec()),
        (
            "number for string",
            br#"{"ResourceType":5,"EventLogLevel":"INFO"}"#.to_vec(),
        ),
        (
            "array for enum",
            br#"{"ResourceType":"*","EventLogLevel":["INFO"]}"#.to_vec(),
        ),
        (
            "object for string",
            br#"{"ResourceType":{},"EventLogLevel":"INFO"}"#.to_vec(),
        ),
        (
            "duplicate key",
            br#"{"ResourceType":"*","ResourceType":"*","EventLogLevel":"INFO"}"#.to_vec(),
        ),
        (
            "lone surrogate",
            br#"{"ResourceType":"\ud800","EventLogLevel":"INFO"}"#.to_vec(),
        ),
        (
            "trailing garbage",
            br#"{"ResourceType":"*","EventLogLevel":"INFO"} x"#.to_vec(),
        ),
    ];
    let mut invalid_utf8 =
        br#"{"ResourceType":"*","EventLogLevel":"INFO","ResourceId":"a"#.to_vec();
    invalid_utf8.extend_from_slice(&[0xff, 0xfe]);
    invalid_utf8.extend_from_slice(br#""}"#);
    cases.push(("invalid UTF-8", invalid_utf8));
    let deep = format!(
        r#"{{"ResourceType":"*","EventLogLevel":"INFO","Extra":{}{}}}"#,
        "[".repeat(200),
        "]".repeat(200)
    );
    cases.push(("deep nesting in an unknown member", deep.into_bytes()));
    let deep_member = format!(
        r#"{{"ResourceType":{}{}}}"#,
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    cases.push(("deep nesting in a member", deep_member.into_bytes()));
    for (name, bytes) in cases {
        let r = call(
            s.addr,
            &request("POST", PATH, &["content-type: application/json"], &bytes),
        )
        .await;
        assert_error(&r, 400, "SerializationException");
        assert!(
            r.body_str()
                .starts_with(r#"{"message":"Failed to parse request body: "#),
            "{name}: {}",
            r.body_str()
        );
    }
}

#[tokio::test]
async fn required_members_missing_or_null() {
    let s = start().await;
    let r = call(
        s.addr,
        &post_json(PATH, r#"{"ResourceType":null,"EventLogLevel":"DEBUG"}"#),
    )
    .await;
    assert_eq!(
        validation_message(&r),
        "1 validation error detected. Value at '/ResourceType' failed to satisfy constraint: Member must not be null"
    );
    // Empty body = `{}`: both required members missing, reported in member order.
    for raw in [
        post_json(PATH, ""),
        post_json(PATH, "{}"),
        request("POST", PATH, &[], b""),
    ] {
        let r = call(s.addr, &raw).await;
        assert_eq!(
            validation_message(&r),
            "2 validation errors detected. Value at '/ResourceType' failed to satisfy constraint: Member must not be null; Value at '/EventLogLevel' failed to satisfy constraint: Member must not be null"
        );
    }
}

#[tokio::test]
async fn boundaries() {
    let s = start().await;
    let ok = |b: String| async move {
        let r = call(s.addr, &post_json(PATH, &b)).await;
        assert_eq!(r.status, 201, "{b} -> {}", r.body_str());
    };
    ok(body(
        "*",
        "INFO",
        &format!(r#","ClientToken":"{}""#, "t".repeat(64)),
    ))
    .await;
    ok(body("*", "INFO", r#","ClientToken":"a""#)).await;
    ok(body("managed-thing", "INFO", "")).await;
    ok(body("ota-task", "ERROR", "")).await;
    ok(body(
        "*",
        "INFO",
        &format!(r#","ResourceId":"{}""#, "Z".repeat(200)),
    ))
    .await;

    let bad =
        |b: String| async move { validation_message(&call(s.addr, &post_json(PATH, &b)).await) };
    assert_eq!(
        bad(body(
            "*",
            "INFO",
            &format!(r#","ClientToken":"{}""#, "t".repeat(65))
        ))
        .await,
        "1 validation error detected. Value with length 65 at '/ClientToken' failed to satisfy constraint: Member must have length between 1 and 64, inclusive"
    );
    const RT: &str = "Value at '/ResourceType' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[*]$|^(managed-thing|credential-locker|provisioning-profile|ota-task)$";
    for rt in [
        "managed-thing2",
        "",
        "**",
        "Managed-Thing",
        "account-association",
    ] {
        assert_eq!(
            bad(body(rt, "INFO", "")).await,
            format!("1 validation error detected. {RT}"),
            "{rt}"
        );
    }
    // Empty ClientToken breaks both its length and its pattern: both are reported.
    assert_eq!(
        bad(body("*", "INFO", r#","ClientToken":"""#)).await,
        "2 validation errors detected. Value with length 0 at '/ClientToken' failed to satisfy constraint: Member must have length between 1 and 64, inclusive; Value at '/ClientToken' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9=_-]+$"
    );
    // Empty ResourceId: the pattern allows it (`*`), the length does not.
    assert_eq!(
        bad(body("*", "INFO", r#","ResourceId":"""#)).await,
        "1 validation error detected. Value with length 0 at '/ResourceId' failed to satisfy constraint: Member must have length between 1 and 200, inclusive"
    );
    assert_eq!(
        bad(body("*", "INFO", r#","ResourceId":"a-b""#)).await,
        "1 validation error detected. Value at '/ResourceId' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9+*]*$"
    );
    assert_eq!(
        bad(body("*", "TRACE", "")).await,
        "1 validation error detected. Value at '/EventLogLevel' failed to satisfy constraint: Member must satisfy enum value set: [DEBUG, ERROR, INFO, WARN]"
    );
    assert!(bad(body("*", "debug", "")).await.contains("enum value set"));
}

#[tokio::test]
async fn multibyte_lengths_count_scalar_values() {
    let s = start().await;
    let pattern = "Value at '/ResourceId' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9+*]*$";
    // 200 x "é" = 200 scalar values (400 bytes): within length, so only the pattern fails.
    let r = call(
        s.addr,
        &post_json(
            PATH,
            &body(
                "*",
                "INFO",
                &format!(r#","ResourceId":"{}""#, "é".repeat(200)),
            ),
        ),
    )
    .await;
    assert_eq!(
        validation_message(&r),
        format!("1 validation error detected. {pattern}")
    );
    // 201 x "😀" (4 bytes, 2 UTF-16 units each), sent as a JSON surrogate-pair escape: length 201.
    let r = call(
        s.addr,
        &post_json(
            PATH,
            &body(
                "*",
                "INFO",
                &format!(r#","ResourceId":"{}""#, r"\ud83d\ude00".repeat(201)),
            ),
        ),
    )
    .await;
    assert_eq!(
        validation_message(&r),
        format!(
            "2 validation errors detected. Value with length 201 at '/ResourceId' failed to satisfy constraint: Member must have length between 1 and 200, inclusive; {pattern}"
        )
    );
}

#[tokio::test]
async fn every_violation_is_reported_in_member_order() {
    let s = start().await;
    let r = call(
        s.addr,
        &post_json(
            PATH,
            &format!(r#"{{"ClientToken":"{}","EventLogLevel":"LOUD","ResourceId":"","ResourceType":"x"}}"#, "!".repeat(65)),
        ),
    )
    .await;
    assert_eq!(
        validation_message(&r),
        "5 validation errors detected. \
Value at '/ResourceType' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[*]$|^(managed-thing|credential-locker|provisioning-profile|ota-task)$; \
Value with length 0 at '/ResourceId' failed to satisfy constraint: Member must have length between 1 and 200, inclusive; \
Value at '/EventLogLevel' failed to satisfy constraint: Member must satisfy enum value set: [DEBUG, ERROR, INFO, WARN]; \
Value with length 65 at '/ClientToken' failed to satisfy constraint: Member must have length between 1 and 64, inclusive; \
Value at '/ClientToken' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9=_-]+$"
    );
}

#[tokio::test]
async fn modeled_errors_use_their_http_error_status() {
    let s = start().await;
    for (id, status, name, message) in [
        ("denied", 403, "AccessDeniedException", "no"),
        ("conflict", 409, "ConflictException", "busy"),
        ("internal", 500, "InternalServerException", "db down"),
        ("quota", 402, "ServiceQuotaExceededException", "full"),
        ("throttle", 429, "ThrottlingException", "slow down"),
    ] {
        let r = call(
            s.addr,
            &post_json(
                PATH,
                &body("*", "INFO", &format!(r#","ResourceId":"{id}""#)),
            ),
        )
        .await;
        assert_error(&r, status, name);
        assert_eq!(r.body_str(), format!(r#"{{"Message":"{message}"}}"#));
    }
}

#[tokio::test]
async fn panicking_handler_gives_500_and_server_keeps_serving() {
    let s = start().await;
    for _ in 0..3 {
        let r = call(
            s.addr,
            &post_json(PATH, &body("*", "INFO", r#","ResourceId":"panic""#)),
        )
        .await;
        assert_error(&r, 500, "InternalServerException");
        assert_eq!(
            r.body_str(),
            r#"{"Message":"Internal server error"}"#,
            "panic text must not leak"
        );
        let r = call(s.addr, &post_json(PATH, &body("*", "INFO", ""))).await;
        assert_eq!(r.status, 201);
    }
}

/// The same requests and expected answers, whatever hosts the service.
async fn conformance(addr: SocketAddr, expect_peer: bool) {
    let r = call(addr, &post_json(PATH, &body("*", "INFO", ""))).await;
    assert_eq!(r.status, 201, "{}", r.body_str());
    assert!(
        r.body_str().contains(&format!("|peer={expect_peer}|")),
        "{}",
        r.body_str()
    );
    let r = call(addr, &post_json("/unknown", "{}")).await;
    assert_error(&r, 404, "UnknownOperationException");
    assert_eq!(r.body_str(), "{}");
    let r = call(addr, &request("GET", PATH, &[], b"")).await;
    assert_eq!(r.status, 405);
    let r = call(
        addr,
        &request("POST", PATH, &["content-type: text/plain"], b"{}"),
    )
    .await;
    assert_error(&r, 415, "UnsupportedMediaTypeException");
    let r = call(addr, &post_json(PATH, "{")).await;
    assert_error(&r, 400, "SerializationException");
    let r = call(addr, &post_json(PATH, "{}")).await;
    assert!(validation_message(&r).starts_with("2 validation errors detected. "));
    let r = call(
        addr,
        &post_json(PATH, &body("*", "INFO", r#","ResourceId":"panic""#)),
    )
    .await;
    assert_error(&r, 500, "InternalServerException");
    let r = call(
        addr,
        &post_json(PATH, &body("*", "INFO", r#","ResourceId":"conflict""#)),
    )
    .await;
    assert_error(&r, 409, "ConflictException");
}

#[tokio::test]
async fn same_answers_served_directly_and_inside_axum() {
    // Directly, on the runtime's hyper-util loop.
    let s = start().await;
    conformance(s.addr, true).await;

    // Inside an axum Router, as the fallback next to the application's own routes.
    let server = IotManagedIntegrationsServer::new(TestHandler::default());
    let app = axum::Router::new()
        .route("/health", axum::routing::get(|| async { "ok" }))
        .fallback_service(server);
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    // axum does not insert our PeerAddr extension, so handlers see no peer there.
    conformance(addr, false).await;
    let r = send(addr, &request("GET", "/health", &[], b"")).await;
    assert_eq!((r.status, r.body_str()), (200, "ok"));
    assert!(
        r.header("x-amzn-requestid").is_none(),
        "axum's own route is untouched"
    );

    // An axum Router served by the runtime's loop works too (any infallible tower service).
    let app = axum::Router::new()
        .fallback_service(IotManagedIntegrationsServer::new(TestHandler::default()));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(serve(
        listener,
        app,
        ServerConfig::default(),
        std::future::pending(),
    ));
    conformance(addr, true).await;
}

#[tokio::test]
async fn graceful_shutdown_finishes_in_flight_requests() {
    let mut s = start().await;
    let addr = s.addr;
    let in_flight = tokio::spawn(async move {
        call(
            addr,
            &post_json(PATH, &body("*", "INFO", r#","ResourceId":"slow""#)),
        )
        .await
    });
    tokio::time::sleep(Duration::from_millis(150)).await; // the handler is now sleeping
    s.stop.take().unwrap().send(()).unwrap();
    let r = in_flight.await.unwrap();
    assert_eq!(
        r.status,
        201,
        "in-flight request completed: {}",
        r.body_str()
    );
    tokio::time::timeout(Duration::from_secs(5), &mut s.task)
        .await
        .expect("serve returns after shutdown")
        .unwrap()
        .unwrap();
    assert!(TcpStream::connect(addr).await.is_err(), "listener closed");
}

#[tokio::test]
async fn service_works_without_a_network() {
    // tower::Service on an in-memory request: the glue does not depend on the serve loop.
    use tower::Service;
    let mut server = IotManagedIntegrationsServer::new(TestHandler::default());
    let req = http::Request::post(PATH)
        .header("content-type", "application/json")
        .body(http_body_util_full(&body("*", "INFO", "")))
        .unwrap();
    let resp = server.call(req).await.unwrap();
    assert_eq!(resp.status(), 201);
    assert!(resp.headers().contains_key("x-amzn-requestid"));
    assert_eq!(server.handler().calls.load(Ordering::SeqCst), 1);
}

fn http_body_util_full(s: &str) -> smithygen_server_runtime::ResponseBody {
    // ResponseBody is http_body_util::Full<Bytes>: a convenient request body too.
    smithygen_server_runtime::ResponseBody::new(bytes::Bytes::from(s.to_owned()))
}
