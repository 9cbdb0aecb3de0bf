//! The capture server (from test-support) and a client configured against it.

use iotmanagedintegrations_client::config::retry::RetryConfig;
use iotmanagedintegrations_client::config::{BehaviorVersion, Credentials, Region};
use iotmanagedintegrations_client::{Client, Config};
use std::time::Duration;

pub use test_support::capture::{CaptureServer, Captured, Reply};

pub const AKID: &str = "AKIDEXAMPLE";
pub const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

pub fn config_builder(server: &CaptureServer) -> iotmanagedintegrations_client::config::Builder {
    Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .endpoint_url(server.url())
        .credentials_provider(Credentials::new(AKID, SECRET, None, None, "test"))
        .retry_config(RetryConfig::standard().with_initial_backoff(Duration::from_millis(1)))
}

pub fn client(server: &CaptureServer) -> Client {
    Client::from_conf(config_builder(server).build())
}
