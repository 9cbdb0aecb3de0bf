//! Integration tests over real sockets (one binary to keep link time down).
#![allow(clippy::unwrap_used)]

mod common;
mod dropin;
mod errors;
mod parity;
mod retries;
mod sigv4;
mod wire;
