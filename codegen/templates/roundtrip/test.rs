//! Every operation, client to server and back, over a loopback socket.

use std::sync::Arc;

use {{ client_crate }}::config::retry::RetryConfig;
use {{ client_crate }}::config::{BehaviorVersion, Credentials, Region};
use {{ client_crate }}::{Client, Config};
use {{ crate_ident }}::handler::RoundTrip;
use {{ crate_ident }}::{OMITTED, SKIPPED, run_all};
use {{ server_crate }}::{ {{- server_type }}, ServerConfig, serve};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_operation_round_trips() {
    let handler = Arc::new(RoundTrip::default());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind a loopback port");
    let addr = listener.local_addr().expect("the bound address");
    let server = {{ server_type }}::from_arc(Arc::clone(&handler));
    tokio::spawn(serve(
        listener,
        server,
        ServerConfig::default(),
        std::future::pending::<()>(),
    ));
    let config = Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .endpoint_url(format!("http://{addr}"))
        .credentials_provider(Credentials::new("AKIDROUNDTRIP", "secret", None, None, "test"))
        .retry_config(RetryConfig::disabled())
        .build();
    let client = Client::from_conf(config);
    let outcomes = run_all(&client, &handler).await;
    let failed: Vec<_> = outcomes.iter().filter(|o| !o.problems.is_empty()).collect();
    for (operation, why) in SKIPPED {
        println!("skipped {operation}: {why}");
    }
    for (member, why) in OMITTED {
        println!("omitted {member}: {why}");
    }
    for o in &failed {
        println!("FAILED {}: {}", o.operation, o.problems.join("; "));
    }
    println!(
        "round trip: {} of {} operations passed, {} failed, {} skipped",
        outcomes.len() - failed.len(),
        outcomes.len() + SKIPPED.len(),
        failed.len(),
        SKIPPED.len()
    );
    assert!(
        failed.is_empty(),
        "{} operation(s) did not round-trip",
        failed.len()
    );
}
