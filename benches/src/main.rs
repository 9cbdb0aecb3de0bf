//! `smithygen-bench`: the suite `cargo xtask bench` runs (release build). See
//! the README's Performance section.
//!
//! ```text
//! smithygen-bench [--out DIR] [--rounds N] [--window SECS] [--quick] [--only P3,P4,...]
//!                 [--build] [--build-runs N]
//! smithygen-bench serve ours|baseline [--core N]      (child process of the suite)
//! ```

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use benches::clients::{self, ClientKind};
use benches::fixtures::{PATH, REQUEST_BODY};
use benches::loadgen::{self, Load};
use benches::process::{ServerKind, ServerProcess};
use benches::report::{self, Machine, Row};
use benches::stats::{Spread, percentile};
use benches::{affinity, build_cost};
use bytes::Bytes;
use http::StatusCode;

const USAGE: &str = "usage: smithygen-bench [--out DIR] [--rounds N] [--window SECS] [--quick] \
                     [--only P1,P2,P3,P4,P5,P6] [--build] [--build-runs N] [--p6-rate R]\n       \
                     smithygen-bench serve ours|baseline [--core N]";
const FULL_MODEL: &str = "tests/data/aws-models/iot-managed-integrations-2025-03-03.json";
const SMALL_MODEL: &str = "model/iot-managed-integrations.json";

struct Options {
    out: PathBuf,
    rounds: usize,
    warmup: Duration,
    window: Duration,
    only: Option<Vec<String>>,
    build: bool,
    build_runs: usize,
    p6_rate: f64,
}

impl Options {
    fn wants(&self, id: &str) -> bool {
        self.only
            .as_ref()
            .is_none_or(|only| only.iter().any(|o| o.eq_ignore_ascii_case(id)))
    }
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("benches/ lives in the workspace")
        .to_path_buf()
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("serve") {
        return serve_child(&args[1..]);
    }
    if args.first().map(String::as_str) == Some("profile") {
        return profile(&args[1..]);
    }
    let options = match parse(&args) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn serve_child(args: &[String]) -> ExitCode {
    let Some(kind) = args.first().and_then(|k| ServerKind::parse(k)) else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let core = match args.get(1..3) {
        Some([flag, n]) if flag == "--core" => n.parse().ok(),
        _ => None,
    };
    match benches::process::run_child(kind, core) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("server: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `profile WHAT N`: N in-process iterations of one hot path, for `valgrind --tool=callgrind`
/// (no sockets, no timing). WHAT: server, baseline, client-ours, client-official.
fn profile(args: &[String]) -> ExitCode {
    use http_body_util::{BodyExt, Full};
    use smithygen_server_runtime::tower::Service;
    let (Some(what), Some(n)) = (
        args.first(),
        args.get(1).and_then(|n| n.parse::<usize>().ok()),
    ) else {
        eprintln!("usage: smithygen-bench profile server|baseline|client-ours|client-official N");
        return ExitCode::from(2);
    };
    let Ok(rt) = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    else {
        return ExitCode::FAILURE;
    };
    let request = || {
        http::Request::post(PATH)
            .header(http::header::CONTENT_TYPE, "application/json")
            .body(Full::new(Bytes::from_static(REQUEST_BODY.as_bytes())))
            .expect("request")
    };
    let http = aws_smithy_runtime_api::client::http::SharedHttpClient::new(clients::Canned);
    let endpoint = "http://127.0.0.1:9";
    rt.block_on(async {
        match what.as_str() {
            "server" => {
                let mut service = benches::server::service();
                for _ in 0..n {
                    let r = service.call(request()).await.expect("infallible");
                    let _ = r.into_body().collect().await;
                }
            }
            "baseline" => {
                for _ in 0..n {
                    let r = benches::baseline::handle(request())
                        .await
                        .expect("infallible");
                    let _ = r.into_body().collect().await;
                }
            }
            "client-ours" => {
                let client = clients::ours_client(endpoint, http);
                for _ in 0..n {
                    assert!(clients::call_ours(&client).await);
                }
            }
            "client-official" => {
                let client = clients::official_client(endpoint, http);
                for _ in 0..n {
                    assert!(clients::call_official(&client).await);
                }
            }
            other => eprintln!("unknown profile target {other}"),
        }
    });
    ExitCode::SUCCESS
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut o = Options {
        out: root().join("target/bench"),
        rounds: 5,
        warmup: Duration::from_millis(500),
        window: Duration::from_secs(2),
        only: None,
        build: false,
        build_runs: 2,
        p6_rate: 5000.0,
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--out" => o.out = PathBuf::from(value()?),
            "--rounds" => o.rounds = value()?.parse().map_err(|_| "--rounds N")?,
            "--window" => {
                let secs: f64 = value()?.parse().map_err(|_| "--window SECS")?;
                o.window = Duration::from_secs_f64(secs);
            }
            "--quick" => {
                o.rounds = 2;
                o.warmup = Duration::from_millis(200);
                o.window = Duration::from_millis(700);
            }
            "--only" => {
                o.only = Some(value()?.split(',').map(|s| s.trim().to_string()).collect());
            }
            "--build" => o.build = true,
            "--p6-rate" => o.p6_rate = value()?.parse().map_err(|_| "--p6-rate REQ_PER_S")?,
            "--build-runs" => o.build_runs = value()?.parse().map_err(|_| "--build-runs N")?,
            "-h" | "--help" => return Err("help".into()),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    o.rounds = o.rounds.max(1);
    o.build_runs = o.build_runs.max(1);
    Ok(o)
}

fn log(line: &str) {
    eprintln!("{line}");
}

fn run(o: &Options) -> Result<(), String> {
    let machine = Machine::detect();
    log(&format!("machine: {}", machine.summary()));
    let mut rows = Vec::new();
    let mut notes = Vec::new();
    let started = Instant::now();

    // Unpinned: codegen runs rustfmt children and cargo builds use every core.
    if o.build && (o.wants("P1") || o.wants("P2")) {
        build_rows(o, &mut rows, &mut notes)?;
    }
    if o.wants("P5") {
        p5(o, &mut rows, &mut notes)?;
    }

    // Pinned: servers on one core, this process (load generator / clients) on the other.
    let plan = affinity::plan();
    let server_core = plan.map(|(s, _)| s);
    if let Some((s, c)) = plan {
        affinity::pin(Some(c));
        notes.push(format!(
            "servers pinned to CPU {s}, load generator and clients to CPU {c}; each on a \
             current-thread tokio runtime"
        ));
    } else {
        notes.push("one CPU: servers and load generator share it".into());
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    if o.wants("P3") {
        runtime.block_on(p3(o, server_core, &mut rows, &mut notes))?;
    }
    if o.wants("P4") {
        runtime.block_on(p4(o, server_core, &mut rows, &mut notes))?;
    }
    if o.wants("P6") {
        runtime.block_on(p6(o, server_core, &mut rows, &mut notes))?;
    }
    drop(runtime);
    affinity::pin(None);

    notes.push(format!(
        "{} rounds, interleaved; {:.1} s warm-up + {:.1} s window per measurement; suite took {:.0} s",
        o.rounds,
        o.warmup.as_secs_f64(),
        o.window.as_secs_f64(),
        started.elapsed().as_secs_f64()
    ));
    let md = report::markdown(&machine, &rows, &notes);
    println!("{md}");
    report::write(&o.out, &machine, &rows, &notes).map_err(|e| e.to_string())?;
    log(&format!(
        "written: {} and {}",
        o.out.join("bench.md").display(),
        o.out.join("bench.json").display()
    ));
    Ok(())
}

fn ratio_spread(ours: &[f64], theirs: &[f64]) -> Option<Spread> {
    let ratios: Vec<f64> = ours.iter().zip(theirs).map(|(a, b)| a / b).collect();
    Spread::of(&ratios)
}

fn median(samples: &[f64]) -> f64 {
    Spread::of(samples).map_or(f64::NAN, |s| s.median)
}

fn rate(x: f64) -> String {
    if x >= 10_000.0 {
        format!("{:.1}k/s", x / 1000.0)
    } else {
        format!("{x:.0}/s")
    }
}

/// P3: calls/s of both clients against the same baseline server.
async fn p3(
    o: &Options,
    core: Option<usize>,
    rows: &mut Vec<Row>,
    notes: &mut Vec<String>,
) -> Result<(), String> {
    let server = ServerProcess::start(ServerKind::Baseline, core).map_err(|e| e.to_string())?;
    let endpoint = format!("http://{}", server.addr);
    let ours = clients::call(ClientKind::Ours, &endpoint, clients::loopback_http());
    let official = clients::call(ClientKind::Official, &endpoint, clients::loopback_http());
    for concurrency in [1, 64] {
        let (mut a, mut b, mut a_cpu, mut b_cpu) = (vec![], vec![], vec![], vec![]);
        let mut errors = 0;
        for round in 0..o.rounds {
            for kind in [ClientKind::Ours, ClientKind::Official] {
                let call = match kind {
                    ClientKind::Ours => ours.clone(),
                    ClientKind::Official => official.clone(),
                };
                let t = clients::drive(call, concurrency, o.warmup, o.window).await;
                errors += t.errors;
                let cpu_us = t
                    .cpu
                    .map_or(f64::NAN, |c| c.as_secs_f64() * 1e6 / t.ok.max(1) as f64);
                log(&format!(
                    "P3 c={concurrency} round {}: {} {:.0} calls/s, {:.1} us client CPU/call",
                    round + 1,
                    kind.name(),
                    t.per_second(),
                    cpu_us
                ));
                match kind {
                    ClientKind::Ours => {
                        a.push(t.per_second());
                        a_cpu.push(cpu_us);
                    }
                    ClientKind::Official => {
                        b.push(t.per_second());
                        b_cpu.push(cpu_us);
                    }
                }
            }
        }
        let ratio = ratio_spread(&a, &b);
        rows.push(Row {
            id: "P3",
            measure: format!("client calls/s, loopback, c={concurrency}"),
            ours: rate(median(&a)),
            compared: format!("official SDK: {}", rate(median(&b))),
            met: ratio.map(|r| r.median >= 1.3),
            ratio,
            goal: ">= 1.3x".into(),
        });
        notes.push(format!(
            "P3 c={concurrency}: client CPU per call {:.1} us (ours) vs {:.1} us (official); {errors} failed calls",
            median(&a_cpu),
            median(&b_cpu)
        ));
    }
    notes.push(
        "P3 server: the hand-written hyper baseline (the same process for both clients)".into(),
    );
    Ok(())
}

fn load(addr: std::net::SocketAddr, concurrency: usize, o: &Options) -> Load {
    Load {
        addr,
        path: PATH,
        body: Bytes::from_static(REQUEST_BODY.as_bytes()),
        expect: StatusCode::CREATED,
        concurrency,
        warmup: o.warmup,
        window: o.window,
        rate: None,
    }
}

/// P4: requests/s of the generated server vs the hand-written baseline at c=64.
async fn p4(
    o: &Options,
    core: Option<usize>,
    rows: &mut Vec<Row>,
    notes: &mut Vec<String>,
) -> Result<(), String> {
    let ours = ServerProcess::start(ServerKind::Ours, core).map_err(|e| e.to_string())?;
    let base = ServerProcess::start(ServerKind::Baseline, core).map_err(|e| e.to_string())?;
    let (mut a, mut b, mut a_cpu, mut b_cpu, mut a_util, mut b_util) =
        (vec![], vec![], vec![], vec![], vec![], vec![]);
    let mut errors = 0;
    for round in 0..o.rounds {
        for server in [&ours, &base] {
            let r = loadgen::run(&load(server.addr, 64, o), || server.cpu_time()).await;
            errors += r.errors;
            let cpu = r.server_cpu_us_per_request().unwrap_or(f64::NAN);
            let util = r
                .server_cpu
                .map_or(f64::NAN, |c| c.as_secs_f64() / r.window.as_secs_f64());
            log(&format!(
                "P4 round {}: {} {:.0} req/s, {:.1} us server CPU/req, server CPU {:.0}%",
                round + 1,
                server.kind.name(),
                r.per_second(),
                cpu,
                util * 100.0
            ));
            let (rps, cpus, utils) = if server.kind == ServerKind::Ours {
                (&mut a, &mut a_cpu, &mut a_util)
            } else {
                (&mut b, &mut b_cpu, &mut b_util)
            };
            rps.push(r.per_second());
            cpus.push(cpu);
            utils.push(util);
        }
    }
    let ratio = ratio_spread(&a, &b);
    rows.push(Row {
        id: "P4",
        measure: "server req/s, CreateEventLogConfiguration, c=64".into(),
        ours: rate(median(&a)),
        compared: format!("hand-written hyper 1: {}", rate(median(&b))),
        met: ratio.map(|r| r.median >= 0.9),
        ratio,
        goal: ">= 0.9x".into(),
    });
    // Efficiency: baseline CPU / our CPU per request (1.0 = as cheap as the baseline).
    let efficiency = ratio_spread(&b_cpu, &a_cpu);
    rows.push(Row {
        id: "P4",
        measure: "server CPU per request (baseline / ours)".into(),
        ours: format!("{:.1} us", median(&a_cpu)),
        compared: format!("hand-written hyper 1: {:.1} us", median(&b_cpu)),
        met: None,
        ratio: efficiency,
        goal: "-".into(),
    });
    notes.push(format!(
        "P4: server CPU busy {:.0}% (ours) / {:.0}% (baseline) of the window; below ~95% the \
         load generator, not the server, was the limit; {errors} errors",
        median(&a_util) * 100.0,
        median(&b_util) * 100.0
    ));
    Ok(())
}

/// P6: latency percentiles and peak RSS of the generated server with 256 connections, closed
/// loop (saturated) and at a fixed offered load.
async fn p6(
    o: &Options,
    core: Option<usize>,
    rows: &mut Vec<Row>,
    notes: &mut Vec<String>,
) -> Result<(), String> {
    let server = ServerProcess::start(ServerKind::Ours, core).map_err(|e| e.to_string())?;
    for offered in [None, Some(o.p6_rate)] {
        let (mut p50, mut p99, mut rps) = (vec![], vec![], vec![]);
        let mut errors = 0;
        for round in 0..o.rounds.min(3) {
            let spec = Load {
                rate: offered,
                ..load(server.addr, 256, o)
            };
            let mut r = loadgen::run(&spec, || server.cpu_time()).await;
            errors += r.errors;
            r.latencies_us.sort_unstable();
            let (l50, l99) = (
                percentile(&r.latencies_us, 50.0).unwrap_or(0),
                percentile(&r.latencies_us, 99.0).unwrap_or(0),
            );
            log(&format!(
                "P6 {} round {}: {:.0} req/s, p50 {l50} us, p99 {l99} us",
                offered.map_or("closed loop".into(), |r| format!("at {r:.0}/s")),
                round + 1,
                r.per_second()
            ));
            p50.push(f64::from(l50) / 1000.0);
            p99.push(f64::from(l99) / 1000.0);
            rps.push(r.per_second());
        }
        let p99s = Spread::of(&p99);
        let mode = match offered {
            None => "closed loop (saturated)".to_string(),
            Some(r) => format!("offered {}", rate(r)),
        };
        rows.push(Row {
            id: "P6",
            measure: format!("server latency p50 / p99, 256 connections, {mode}"),
            ours: format!(
                "{:.2} ms / {:.2} ms at {}",
                median(&p50),
                median(&p99),
                rate(median(&rps))
            ),
            compared: "-".into(),
            met: p99s.map(|s| s.median < 5.0),
            ratio: None,
            goal: "p99 < 5 ms".into(),
        });
        notes.push(format!(
            "P6 {mode}: p99 per round {}; {errors} errors{}",
            p99.iter()
                .map(|x| format!("{x:.2} ms"))
                .collect::<Vec<_>>()
                .join(", "),
            if offered.is_none() {
                "; closed loop with 256 requests always in flight, latency = 256 / throughput \
                 (Little's law): p99 < 5 ms needs > 51k req/s, beyond one core here even for the \
                 hand-written baseline (P4 CPU per request)"
            } else {
                "; latency counted from each request's scheduled send time"
            }
        ));
    }
    let rss_mib = server
        .peak_rss_kib()
        .map_or(f64::NAN, |k| k as f64 / 1024.0);
    rows.push(Row {
        id: "P6",
        measure: "server peak RSS (VmHWM) after the 256-connection runs".into(),
        ours: format!("{rss_mib:.1} MiB"),
        compared: "-".into(),
        met: Some(rss_mib < 50.0),
        ratio: None,
        goal: "< 50 MB".into(),
    });
    Ok(())
}

/// P5: codegen wall time, whole official model and model/, in process (release build of the
/// same `codegen::generate` the xtask calls), into fresh directories, without a format cache
/// (the headline); then the whole model again with a warm format cache, as in the
/// edit-generate loop of `cargo xtask codegen` (an extra row, not the goal's number).
fn p5(o: &Options, rows: &mut Vec<Row>, notes: &mut Vec<String>) -> Result<(), String> {
    let root = root();
    let models = [
        ("whole official model", root.join(FULL_MODEL)),
        ("model/", root.join(SMALL_MODEL)),
    ];
    for (label, model) in models {
        if !model.exists() {
            notes.push(format!(
                "P5 {label}: {} not found, skipped",
                model.display()
            ));
            continue;
        }
        let text = std::fs::read_to_string(&model).map_err(|e| e.to_string())?;
        let mut totals = vec![];
        let mut stages: Vec<[f64; 3]> = vec![];
        let mut summary = None;
        for i in 0..o.rounds.max(3) {
            let out = o.out.join(format!("codegen/run-{i}"));
            let (elapsed, s) = p5_run(&root, &model, &out, None)?;
            totals.push(elapsed);
            summary = Some(s);
            // Stage split (not part of the total): front end, IR, templates without rustfmt.
            let t = Instant::now();
            let m = codegen::load(&text).map_err(|e| e.to_string())?;
            let front = t.elapsed().as_secs_f64();
            let t = Instant::now();
            let service = codegen::ir::build(&codegen::transform::run(m));
            let ir = t.elapsed().as_secs_f64();
            let t = Instant::now();
            let settings = codegen::render::ClientSettings::default();
            for flavor in [
                codegen::render::Flavor::Client,
                codegen::render::Flavor::Server,
            ] {
                codegen::render::render_crate(&service, flavor, &settings)
                    .map_err(|e| e.to_string())?;
            }
            stages.push([front, ir, t.elapsed().as_secs_f64()]);
        }
        let total = Spread::of(&totals);
        let stage = |k: usize| median(&stages.iter().map(|s| s[k]).collect::<Vec<_>>()) * 1000.0;
        let s = summary.unwrap_or_default();
        rows.push(Row {
            id: "P5",
            measure: format!(
                "codegen wall time, {label} ({} shapes, {} files)",
                s.shapes,
                s.written.len()
            ),
            ours: format!("{:.3} s", total.map_or(f64::NAN, |t| t.median)),
            compared: "-".into(),
            met: total.map(|t| t.median < 0.5),
            ratio: None,
            goal: "< 0.5 s".into(),
        });
        notes.push(format!(
            "P5 {label}: {:.3}-{:.3} s over {} runs; stages: parse+resolve+check {:.0} ms, transform+IR {:.0} ms, templates {:.0} ms, the rest is rustfmt and writing",
            total.map_or(f64::NAN, |t| t.min),
            total.map_or(f64::NAN, |t| t.max),
            totals.len(),
            stage(0),
            stage(1),
            stage(2)
        ));
        if label == "whole official model" {
            p5_warm(o, &root, &model, rows, notes)?;
        }
    }
    Ok(())
}

/// One `codegen::generate` into a fresh `out` (removed afterwards): seconds and summary.
fn p5_run(
    root: &Path,
    model: &Path,
    out: &Path,
    format_cache: Option<PathBuf>,
) -> Result<(f64, codegen::Summary), String> {
    let _ = std::fs::remove_dir_all(out);
    let options = codegen::Options {
        model_label: "bench".into(),
        runtime_dir: Some(root.join("crates")),
        format_cache,
        ..codegen::Options::new(model, out)
    };
    let t = Instant::now();
    let s = codegen::generate(&options).map_err(|e| format!("codegen: {e}"))?;
    let elapsed = t.elapsed().as_secs_f64();
    let _ = std::fs::remove_dir_all(out);
    Ok((elapsed, s))
}

/// The whole model with a format cache: one run fills an empty cache, then every run finds
/// each file's rustfmt output there (the loop after a template edit re-formats only the
/// files whose text changed, so its time is between the two).
fn p5_warm(
    o: &Options,
    root: &Path,
    model: &Path,
    rows: &mut Vec<Row>,
    notes: &mut Vec<String>,
) -> Result<(), String> {
    let cache = o.out.join("codegen/format-cache");
    let _ = std::fs::remove_dir_all(&cache);
    let out = o.out.join("codegen/warm");
    let (filling, _) = p5_run(root, model, &out, Some(cache.clone()))?;
    let mut warm = vec![];
    for _ in 0..o.rounds.max(3) {
        warm.push(p5_run(root, model, &out, Some(cache.clone()))?.0);
    }
    let _ = std::fs::remove_dir_all(&cache);
    let total = Spread::of(&warm);
    rows.push(Row {
        id: "P5",
        measure: "codegen wall time, whole official model, warm format cache (extra row: \
                  `cargo xtask codegen`'s edit loop; the goal is the row without the cache)"
            .into(),
        ours: format!("{:.3} s", total.map_or(f64::NAN, |t| t.median)),
        compared: "-".into(),
        met: None,
        ratio: None,
        goal: "-".into(),
    });
    notes.push(format!(
        "P5 warm format cache: {:.3}-{:.3} s over {} runs into fresh directories (no rustfmt \
         run; reading the model, templates, cache look-ups and writing 506 files remain); the \
         run that filled the empty cache took {filling:.3} s",
        total.map_or(f64::NAN, |t| t.min),
        total.map_or(f64::NAN, |t| t.max),
        warm.len(),
    ));
    Ok(())
}

/// P1/P2 (`--build`).
fn build_rows(o: &Options, rows: &mut Vec<Row>, notes: &mut Vec<String>) -> Result<(), String> {
    let root = root();
    let dir = o.out.join("build");
    log("P1/P2: generating the whole-service client and fetching dependencies (untimed)");
    let apps = build_cost::prepare(&root, &root.join(FULL_MODEL), &dir)?;
    let pairs = build_cost::run(&apps, &dir, o.build_runs, log)?;
    let ours_t: Vec<f64> = pairs.iter().map(|p| p.ours_build.as_secs_f64()).collect();
    let theirs_t: Vec<f64> = pairs
        .iter()
        .map(|p| p.official_build.as_secs_f64())
        .collect();
    let ours_b: Vec<f64> = pairs.iter().map(|p| p.ours_bytes as f64).collect();
    let theirs_b: Vec<f64> = pairs.iter().map(|p| p.official_bytes as f64).collect();
    let t = ratio_spread(&ours_t, &theirs_t);
    rows.push(Row {
        id: "P1",
        measure: "cold release build, one-call binary, whole-service client".into(),
        ours: format!("{:.0} s", median(&ours_t)),
        compared: format!("official crate: {:.0} s", median(&theirs_t)),
        met: t.map(|r| r.median <= 1.0 / 3.0),
        ratio: t,
        goal: "<= 0.33x".into(),
    });
    let b = ratio_spread(&ours_b, &theirs_b);
    rows.push(Row {
        id: "P2",
        measure: "stripped release binary size, same binaries".into(),
        ours: format!("{:.2} MB", median(&ours_b) / 1e6),
        compared: format!("official crate: {:.2} MB", median(&theirs_b) / 1e6),
        met: b.map(|r| r.median <= 0.5),
        ratio: b,
        goal: "<= 0.5x".into(),
    });
    notes.push(format!(
        "P1/P2: {} interleaved pairs of cold `cargo build --release --offline` in fresh target dirs; \
         both with default features (official: its default HTTPS client; ours: rustls + ring)",
        pairs.len()
    ));
    Ok(())
}
