//! iotmi-local over real sockets: in-process for the semantics, and the built binary as a
//! process for the command line, the ready line and signal handling.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use iotmanagedintegrations_server::{IotManagedIntegrationsServer, ServerConfig, serve};
use iotmi_local::{IotmiLocal, MemoryStore, Options, Store};
use test_support::{RawResponse, post_json, send};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::net::TcpListener;

const PATH: &str = "/event-log-configurations";

async fn start(options: Options) -> (SocketAddr, Arc<IotmiLocal<MemoryStore>>) {
    let service = Arc::new(IotmiLocal::new(MemoryStore::new(), &options));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = IotManagedIntegrationsServer::from_arc(Arc::clone(&service));
    tokio::spawn(serve(
        listener,
        server,
        ServerConfig::default(),
        std::future::pending(),
    ));
    (addr, service)
}

fn create(level: &str, token: Option<&str>) -> Vec<u8> {
    let token = token
        .map(|t| format!(r#","ClientToken":"{t}""#))
        .unwrap_or_default();
    post_json(
        PATH,
        &format!(
            r#"{{"ResourceType":"managed-thing","ResourceId":"thing1","EventLogLevel":"{level}"{token}}}"#
        ),
    )
}

fn id(r: &RawResponse) -> String {
    assert_eq!(r.status, 201, "{}", r.body_str());
    assert!(r.header("x-amzn-requestid").is_some());
    let v: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
    let id = v["Id"].as_str().unwrap().to_owned();
    assert!(
        !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric()),
        "Id {id:?} must match ^[A-Za-z0-9]+$"
    );
    id
}

fn assert_error(r: &RawResponse, status: u16, name: &str) {
    assert_eq!(r.status, status, "{}", r.body_str());
    assert_eq!(r.error_type(), Some(name));
    assert!(r.header("x-amzn-requestid").is_some());
    let v: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
    assert!(v["Message"].as_str().is_some_and(|m| !m.is_empty()), "{v}");
}

#[tokio::test]
async fn no_token_always_creates() {
    let (addr, svc) = start(Options::default()).await;
    let a = id(&send(addr, &create("INFO", None)).await);
    let b = id(&send(addr, &create("INFO", None)).await);
    assert_ne!(a, b);
    assert_eq!(svc.store().count().await, 2);
}

#[tokio::test]
async fn same_token_same_params_is_idempotent() {
    let (addr, svc) = start(Options::default()).await;
    let a = id(&send(addr, &create("INFO", Some("tok-1"))).await);
    let b = id(&send(addr, &create("INFO", Some("tok-1"))).await);
    assert_eq!(a, b);
    assert_eq!(svc.store().count().await, 1);
    // Another token is another configuration.
    let c = id(&send(addr, &create("INFO", Some("tok-2"))).await);
    assert_ne!(a, c);
    assert_eq!(svc.store().count().await, 2);
}

#[tokio::test]
async fn same_token_other_params_conflicts() {
    let (addr, svc) = start(Options::default()).await;
    id(&send(addr, &create("INFO", Some("tok"))).await);
    let r = send(addr, &create("DEBUG", Some("tok"))).await;
    assert_error(&r, 409, "ConflictException");
    // Optional member absent vs present also counts as different parameters.
    let r = send(
        addr,
        &post_json(
            PATH,
            r#"{"ResourceType":"managed-thing","EventLogLevel":"INFO","ClientToken":"tok"}"#,
        ),
    )
    .await;
    assert_error(&r, 409, "ConflictException");
    assert_eq!(svc.store().count().await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twenty_concurrent_duplicates_create_one() {
    let (addr, svc) = start(Options::default()).await;
    let tasks: Vec<_> = (0..20)
        .map(|_| tokio::spawn(async move { send(addr, &create("WARN", Some("same-token"))).await }))
        .collect();
    let mut ids = Vec::new();
    for t in tasks {
        ids.push(id(&t.await.unwrap()));
    }
    ids.dedup();
    assert_eq!(ids.len(), 1, "all duplicates got the same Id");
    assert_eq!(svc.store().count().await, 1, "exactly one created");
}

#[tokio::test]
async fn quota_402_but_replays_still_succeed() {
    let (addr, svc) = start(Options {
        max_configurations: Some(2),
        rate_limit: None,
    })
    .await;
    let first = id(&send(addr, &create("INFO", Some("a"))).await);
    id(&send(addr, &create("INFO", None)).await);
    let r = send(addr, &create("INFO", Some("c"))).await;
    assert_error(&r, 402, "ServiceQuotaExceededException");
    let r = send(addr, &create("INFO", None)).await;
    assert_error(&r, 402, "ServiceQuotaExceededException");
    assert_eq!(id(&send(addr, &create("INFO", Some("a"))).await), first);
    assert_eq!(svc.store().count().await, 2);
}

#[tokio::test]
async fn rate_limit_429() {
    let (addr, svc) = start(Options {
        max_configurations: None,
        rate_limit: Some(2.0),
    })
    .await;
    let mut statuses = Vec::new();
    for _ in 0..6 {
        let r = send(addr, &create("INFO", None)).await;
        if r.status == 429 {
            assert_error(&r, 429, "ThrottlingException");
        }
        statuses.push(r.status);
    }
    assert_eq!(
        &statuses[..2],
        &[201, 201],
        "the burst is allowed: {statuses:?}"
    );
    assert!(statuses.contains(&429), "{statuses:?}");
    let created = statuses.iter().filter(|s| **s == 201).count();
    assert_eq!(
        svc.store().count().await,
        created,
        "throttled requests create nothing"
    );
    // Validation still runs first: an invalid request is a 400 even when throttled.
    let r = send(addr, &post_json(PATH, "{}")).await;
    assert_eq!(r.status, 400);
}

#[tokio::test]
async fn no_rate_limit_by_default() {
    let (addr, _) = start(Options::default()).await;
    for _ in 0..30 {
        id(&send(addr, &create("INFO", None)).await);
    }
}

// ---- the binary -------------------------------------------------------------------------

fn binary() -> tokio::process::Command {
    let mut c = tokio::process::Command::new(env!("CARGO_BIN_EXE_iotmi-local"));
    c.stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .kill_on_drop(true);
    c
}

#[tokio::test]
async fn binary_prints_ready_line_serves_and_stops_on_sigterm() {
    let mut child = binary()
        .args(["--listen", "127.0.0.1:0", "--max-configurations", "1"])
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    tokio::time::timeout(Duration::from_secs(10), stdout.read_line(&mut line))
        .await
        .expect("ready line within 10 s")
        .unwrap();
    let addr = line
        .strip_prefix("listening on http://")
        .and_then(|rest| rest.strip_suffix('\n'))
        .unwrap_or_else(|| panic!("unexpected ready line {line:?}"));
    let addr: SocketAddr = addr.parse().unwrap();
    assert_ne!(addr.port(), 0, "the real port is printed");

    let first = id(&send(addr, &create("INFO", Some("t"))).await);
    assert_eq!(id(&send(addr, &create("INFO", Some("t"))).await), first);
    assert_error(
        &send(addr, &create("INFO", None)).await,
        402,
        "ServiceQuotaExceededException",
    );
    let r = send(addr, &post_json("/nope", "{}")).await;
    assert_eq!((r.status, r.body_str()), (404, "{}"));

    let pid = child.id().unwrap().to_string();
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = tokio::time::timeout(Duration::from_secs(10), child.wait())
        .await
        .expect("exits within 10 s of SIGTERM")
        .unwrap();
    assert!(status.success(), "graceful stop exits 0: {status:?}");
    let mut rest = String::new();
    tokio::io::AsyncReadExt::read_to_string(&mut stdout, &mut rest)
        .await
        .unwrap();
    assert_eq!(
        rest, "",
        "the ready line is printed exactly once and nothing else"
    );
}

#[tokio::test]
async fn binary_rejects_bad_arguments_with_usage() {
    let out = binary()
        .args(["--rate-limit", "fast"])
        .output()
        .await
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("--rate-limit: `fast` is not a number"),
        "{err}"
    );
    assert!(err.contains("usage: iotmi-local"), "{err}");
    assert!(out.stdout.is_empty());
}
