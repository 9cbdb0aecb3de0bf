//! Our client and the official SDK configured identically (endpoint, region, static
//! credentials, default retries, the same plain-HTTP hyper connector from
//! `aws-smithy-http-client`), and a driver that keeps `concurrency` calls in flight.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use aws_sdk_iotmanagedintegrations as official;
use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpClient,
    SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, HttpResponse};
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::body::SdkBody;
use iotmanagedintegrations_client as ours;

use crate::fixtures::{AKID, REGION, RESPONSE_BODY, SECRET, call_args};

/// One call of the operation under test; `true` when it succeeded.
pub type Call = Arc<dyn Fn() -> Pin<Box<dyn Future<Output = bool> + Send>> + Send + Sync>;

/// Which client.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientKind {
    Ours,
    Official,
}

impl ClientKind {
    pub fn name(self) -> &'static str {
        match self {
            ClientKind::Ours => "ours",
            ClientKind::Official => "official",
        }
    }
}

/// The plain-HTTP connector both clients use over loopback.
pub fn loopback_http() -> SharedHttpClient {
    aws_smithy_http_client::Builder::new().build_http()
}

/// Our client with `http` as its transport.
pub fn ours_client(endpoint: &str, http: SharedHttpClient) -> ours::Client {
    let config = ours::Config::builder()
        .behavior_version(ours::config::BehaviorVersion::latest())
        .region(ours::config::Region::new(REGION))
        .endpoint_url(endpoint)
        .credentials_provider(ours::config::Credentials::new(
            AKID, SECRET, None, None, "bench",
        ))
        .http_client(http)
        .build();
    ours::Client::from_conf(config)
}

/// The official client, configured the same way.
pub fn official_client(endpoint: &str, http: SharedHttpClient) -> official::Client {
    let config = official::Config::builder()
        .behavior_version(official::config::BehaviorVersion::latest())
        .region(official::config::Region::new(REGION))
        .endpoint_url(endpoint)
        .credentials_provider(official::config::Credentials::new(
            AKID, SECRET, None, None, "bench",
        ))
        .http_client(http)
        .build();
    official::Client::from_conf(config)
}

/// One `CreateEventLogConfiguration` call with the fixed inputs.
pub async fn call_ours(client: &ours::Client) -> bool {
    let (resource_type, resource_id, token) = call_args();
    client
        .create_event_log_configuration()
        .resource_type(resource_type)
        .resource_id(resource_id)
        .event_log_level(ours::types::LogLevel::Debug)
        .client_token(token)
        .send()
        .await
        .is_ok_and(|out| out.id().is_some())
}

/// The same call on the official client.
pub async fn call_official(client: &official::Client) -> bool {
    let (resource_type, resource_id, token) = call_args();
    client
        .create_event_log_configuration()
        .resource_type(resource_type)
        .resource_id(resource_id)
        .event_log_level(official::types::LogLevel::Debug)
        .client_token(token)
        .send()
        .await
        .is_ok_and(|out| out.id().is_some())
}

/// A [`Call`] for `kind` against `endpoint` over `http`.
pub fn call(kind: ClientKind, endpoint: &str, http: SharedHttpClient) -> Call {
    match kind {
        ClientKind::Ours => {
            let client = ours_client(endpoint, http);
            Arc::new(move || {
                let client = client.clone();
                Box::pin(async move { call_ours(&client).await })
            })
        }
        ClientKind::Official => {
            let client = official_client(endpoint, http);
            Arc::new(move || {
                let client = client.clone();
                Box::pin(async move { call_official(&client).await })
            })
        }
    }
}

/// Calls completed in a window.
#[derive(Debug, Clone, Copy)]
pub struct Throughput {
    pub ok: u64,
    pub errors: u64,
    pub window: Duration,
    /// This process' CPU time in the window.
    pub cpu: Option<Duration>,
}

impl Throughput {
    pub fn per_second(&self) -> f64 {
        self.ok as f64 / self.window.as_secs_f64()
    }
}

/// Keeps `concurrency` calls in flight on the current runtime: warm-up, then a window.
pub async fn drive(
    call: Call,
    concurrency: usize,
    warmup: Duration,
    window: Duration,
) -> Throughput {
    #[derive(Default)]
    struct Shared {
        measuring: AtomicBool,
        stop: AtomicBool,
        ok: AtomicU64,
        errors: AtomicU64,
    }
    let shared = Arc::new(Shared::default());
    let tasks: Vec<_> = (0..concurrency)
        .map(|_| {
            let call = Arc::clone(&call);
            let shared = Arc::clone(&shared);
            tokio::spawn(async move {
                while !shared.stop.load(Ordering::Acquire) {
                    let ok = call().await;
                    if shared.measuring.load(Ordering::Acquire) {
                        let counter = if ok { &shared.ok } else { &shared.errors };
                        counter.fetch_add(1, Ordering::Relaxed);
                    }
                }
            })
        })
        .collect();
    tokio::time::sleep(warmup).await;
    shared.ok.store(0, Ordering::Relaxed);
    shared.errors.store(0, Ordering::Relaxed);
    let cpu0 = crate::process::own_cpu_time();
    shared.measuring.store(true, Ordering::Release);
    let started = Instant::now();
    tokio::time::sleep(window).await;
    shared.measuring.store(false, Ordering::Release);
    let window = started.elapsed();
    let cpu1 = crate::process::own_cpu_time();
    let ok = shared.ok.load(Ordering::Acquire);
    let errors = shared.errors.load(Ordering::Acquire);
    shared.stop.store(true, Ordering::Release);
    for t in tasks {
        let _ = t.await;
    }
    Throughput {
        ok,
        errors,
        window,
        cpu: cpu0.zip(cpu1).map(|(a, b)| b.saturating_sub(a)),
    }
}

/// An [`HttpClient`] that answers every request with the fixed 201 at once: the client
/// pipeline (build, serialize, sign, retry bookkeeping, deserialize) with no socket. Used by
/// the micro-benchmarks.
#[derive(Debug, Clone, Copy, Default)]
pub struct Canned;

impl HttpConnector for Canned {
    fn call(&self, _request: HttpRequest) -> HttpConnectorFuture {
        let mut response = HttpResponse::new(
            201.try_into().expect("201 is a status"),
            SdkBody::from(RESPONSE_BODY),
        );
        response
            .headers_mut()
            .insert("content-type", "application/json");
        response
            .headers_mut()
            .insert("x-amzn-requestid", "00000000-0000-4000-8000-000000000000");
        HttpConnectorFuture::ready(Ok(response))
    }
}

impl HttpClient for Canned {
    fn http_connector(
        &self,
        _settings: &HttpConnectorSettings,
        _components: &RuntimeComponents,
    ) -> SharedHttpConnector {
        SharedHttpConnector::new(*self)
    }
}
