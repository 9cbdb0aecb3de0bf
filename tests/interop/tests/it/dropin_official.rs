//! The drop-in program compiled against the official crate.

use aws_sdk_iotmanagedintegrations as sdk;

#[path = "dropin_program.rs"]
mod program;

#[tokio::test]
async fn program_passes_against_the_official_crate() {
    let server = crate::common::OurServer::start().await;
    program::run(&server.url()).await;
}
