//! The same drop-in program compiled against our generated crate.

use iotmanagedintegrations_client as sdk;

#[path = "dropin_program.rs"]
mod program;

#[tokio::test]
async fn program_passes_against_our_crate() {
    let server = crate::common::OurServer::start().await;
    program::run(&server.url()).await;
}
