//! `iotmi-local [--listen ADDR:PORT] [--max-configurations N] [--rate-limit RPS]`
//!
//! Prints exactly `listening on http://ADDR` (the bound address, so port 0 reveals the real
//! port) once ready; stops gracefully on SIGINT or SIGTERM, letting in-flight requests finish.

use std::future::poll_fn;
use std::io::Write;
use std::process::ExitCode;
use std::task::Poll;

use iotmanagedintegrations_server::{IotManagedIntegrationsServer, ServerConfig, serve};
use iotmi_local::{IotmiLocal, MemoryStore, USAGE, parse_args};
use tokio::signal::unix::{SignalKind, signal};

fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(Some(args)) => args,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("iotmi-local: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("iotmi-local: cannot start runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(args)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("iotmi-local: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(args: iotmi_local::Args) -> std::io::Result<()> {
    let mut interrupt = signal(SignalKind::interrupt())?;
    let mut terminate = signal(SignalKind::terminate())?;
    let listener = tokio::net::TcpListener::bind(args.listen).await?;
    let addr = listener.local_addr()?;
    let config = ServerConfig::default();
    let service = IotmiLocal::new(MemoryStore::new(), &args.options);
    let server = IotManagedIntegrationsServer::new(service).with_config(config.clone());
    {
        let mut out = std::io::stdout().lock();
        writeln!(out, "listening on http://{addr}")?;
        out.flush()?;
    }
    let shutdown = poll_fn(move |cx| {
        if interrupt.poll_recv(cx).is_ready() || terminate.poll_recv(cx).is_ready() {
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    });
    serve(listener, server, config, shutdown).await?;
    eprintln!("iotmi-local: stopped");
    Ok(())
}
