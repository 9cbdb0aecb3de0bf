//! A closed-loop HTTP/1.1 load generator on hyper 1's low-level client: `concurrency`
//! keep-alive connections, each with one request in flight at a time, for a warm-up and then
//! a measured window. Only responses completed inside the window count; every one of them
//! has its latency recorded.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use bytes::Bytes;
use http::{Request, StatusCode, header};
use http_body_util::{BodyExt, Full};
use hyper_util::rt::TokioIo;

/// What to send and how hard.
#[derive(Debug, Clone)]
pub struct Load {
    pub addr: SocketAddr,
    pub path: &'static str,
    pub body: Bytes,
    /// The status a successful response has.
    pub expect: StatusCode,
    pub concurrency: usize,
    pub warmup: Duration,
    pub window: Duration,
    /// Offered load in requests/s over all connections (each connection sends on its own
    /// fixed schedule, and latency counts from the scheduled time, so a stalled server is not
    /// hidden by the generator waiting: no coordinated omission). `None`: closed loop, each
    /// connection sends its next request as soon as the previous answer arrived.
    pub rate: Option<f64>,
}

/// What a run measured.
#[derive(Debug, Clone, Default)]
pub struct LoadResult {
    /// Successful responses completed in the window.
    pub ok: u64,
    /// Wrong statuses and transport errors in the window.
    pub errors: u64,
    pub window: Duration,
    /// Latency of each successful response in the window, microseconds.
    pub latencies_us: Vec<u32>,
    /// CPU time the probe reported for the window (the server process).
    pub server_cpu: Option<Duration>,
    /// CPU time of the load generator's own process in the window.
    pub client_cpu: Option<Duration>,
}

impl LoadResult {
    pub fn per_second(&self) -> f64 {
        self.ok as f64 / self.window.as_secs_f64()
    }

    /// Server CPU microseconds per successful request.
    pub fn server_cpu_us_per_request(&self) -> Option<f64> {
        let cpu = self.server_cpu?;
        (self.ok > 0).then(|| cpu.as_secs_f64() * 1e6 / self.ok as f64)
    }
}

#[derive(Default)]
struct Shared {
    measuring: AtomicBool,
    stop: AtomicBool,
    ok: AtomicU64,
    errors: AtomicU64,
}

/// Runs `load` on the current runtime. `cpu_probe` is read at the start and end of the window
/// (pass the server process' CPU time).
pub async fn run(load: &Load, cpu_probe: impl Fn() -> Option<Duration>) -> LoadResult {
    let shared = Arc::new(Shared::default());
    let begin = tokio::time::Instant::now();
    let workers: Vec<_> = (0..load.concurrency)
        .map(|i| {
            let schedule = load.rate.map(|rate| {
                let interval = Duration::from_secs_f64(load.concurrency as f64 / rate);
                (
                    begin + interval.mul_f64(i as f64 / load.concurrency as f64),
                    interval,
                )
            });
            tokio::spawn(worker(load.clone(), schedule, Arc::clone(&shared)))
        })
        .collect();
    tokio::time::sleep(load.warmup).await;
    let server0 = cpu_probe();
    let client0 = crate::process::own_cpu_time();
    shared.ok.store(0, Ordering::Relaxed);
    shared.errors.store(0, Ordering::Relaxed);
    shared.measuring.store(true, Ordering::Release);
    let started = Instant::now();
    tokio::time::sleep(load.window).await;
    shared.measuring.store(false, Ordering::Release);
    let window = started.elapsed();
    let ok = shared.ok.load(Ordering::Acquire);
    let errors = shared.errors.load(Ordering::Acquire);
    let server1 = cpu_probe();
    let client1 = crate::process::own_cpu_time();
    shared.stop.store(true, Ordering::Release);
    let mut latencies_us = Vec::with_capacity(ok as usize);
    for w in workers {
        if let Ok(mut l) = w.await {
            latencies_us.append(&mut l);
        }
    }
    LoadResult {
        ok,
        errors,
        window,
        latencies_us,
        server_cpu: server0.zip(server1).map(|(a, b)| b.saturating_sub(a)),
        client_cpu: client0.zip(client1).map(|(a, b)| b.saturating_sub(a)),
    }
}

async fn worker(
    load: Load,
    mut schedule: Option<(tokio::time::Instant, Duration)>,
    shared: Arc<Shared>,
) -> Vec<u32> {
    let mut latencies = Vec::new();
    let host = load.addr.to_string();
    'connect: while !shared.stop.load(Ordering::Acquire) {
        let Ok(stream) = tokio::net::TcpStream::connect(load.addr).await else {
            shared.errors.fetch_add(1, Ordering::Relaxed);
            tokio::time::sleep(Duration::from_millis(10)).await;
            continue;
        };
        let _ = stream.set_nodelay(true);
        let Ok((mut sender, conn)) =
            hyper::client::conn::http1::handshake::<_, Full<Bytes>>(TokioIo::new(stream)).await
        else {
            shared.errors.fetch_add(1, Ordering::Relaxed);
            continue;
        };
        tokio::spawn(async move {
            let _ = conn.await;
        });
        while !shared.stop.load(Ordering::Acquire) {
            let request = Request::post(load.path)
                .header(header::HOST, &host)
                .header(header::CONTENT_TYPE, "application/json")
                .header(header::CONTENT_LENGTH, load.body.len())
                .body(Full::new(load.body.clone()))
                .expect("static request parts are valid");
            if sender.ready().await.is_err() {
                shared.errors.fetch_add(1, Ordering::Relaxed);
                continue 'connect;
            }
            let started = match &mut schedule {
                Some((due, interval)) => {
                    tokio::time::sleep_until(*due).await;
                    let at = due.into_std();
                    *due += *interval;
                    at
                }
                None => Instant::now(),
            };
            let ok = match sender.send_request(request).await {
                Ok(response) => {
                    let status = response.status();
                    response.into_body().collect().await.is_ok() && status == load.expect
                }
                Err(_) => false,
            };
            let micros = u32::try_from(started.elapsed().as_micros()).unwrap_or(u32::MAX);
            if shared.measuring.load(Ordering::Acquire) {
                if ok {
                    shared.ok.fetch_add(1, Ordering::Relaxed);
                    latencies.push(micros);
                } else {
                    shared.errors.fetch_add(1, Ordering::Relaxed);
                }
            }
            if !ok {
                continue 'connect;
            }
        }
    }
    latencies
}
