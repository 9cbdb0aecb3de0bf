//! `iotmi-local [--listen ADDR:PORT] [--max-configurations N] [--rate-limit RPS] [--credentials
//! AKID:SECRET[:TOKEN]]... [--credentials-file FILE]... [--region REGION] [connection limits]`
//!
//! Prints exactly `listening on http://ADDR` (the bound address, so port 0 reveals the real
//! port) once ready, and on stderr whether it checks signatures; stops gracefully on SIGINT or
//! SIGTERM, letting in-flight requests finish.

use std::future::poll_fn;
use std::io::Write;
use std::process::ExitCode;
use std::task::Poll;

use iotmanagedintegrations_server::{IotManagedIntegrationsServer, SIGNING_NAME, serve};
use iotmi_local::{DEFAULT_REGION, IotmiLocal, MemoryStore, Store, USAGE, credentials, parse_args};
use smithygen_server_runtime::sigv4::SigV4Layer;
use smithygen_server_runtime::tower::Layer;
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
    let keys = credentials::load(&args.auth.credentials, &args.auth.credentials_files)
        .map_err(std::io::Error::other)?;
    let mut interrupt = signal(SignalKind::interrupt())?;
    let mut terminate = signal(SignalKind::terminate())?;
    let listener = tokio::net::TcpListener::bind(args.listen).await?;
    let addr = listener.local_addr()?;
    let config = args.limits.config();
    let service = IotmiLocal::new(MemoryStore::new(), &args.options);
    let server = IotManagedIntegrationsServer::new(service).with_config(config.clone());
    let handler = std::sync::Arc::clone(server.handler());
    let region = args.auth.region.as_deref().unwrap_or(DEFAULT_REGION);
    match &keys {
        Some(keys) => eprintln!(
            "iotmi-local: signed-only: {} key(s), SigV4 for service `{SIGNING_NAME}` in region `{region}`",
            keys.len()
        ),
        None => eprintln!(
            "iotmi-local: accepting any caller: signatures are not checked (give --credentials or --credentials-file to require them)"
        ),
    }
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
    match keys {
        Some(keys) => {
            let layer = SigV4Layer::new(SIGNING_NAME, region, keys)
                .with_body_limit(config.body_limit)
                .with_body_read_timeout(config.body_read_timeout);
            serve(listener, layer.layer(server), config, shutdown).await?;
        }
        None => serve(listener, server, config, shutdown).await?,
    }
    // The count lets a caller check that every acknowledged create survived until shutdown.
    eprintln!(
        "iotmi-local: stopped with {} configurations",
        handler.store().count().await
    );
    Ok(())
}
