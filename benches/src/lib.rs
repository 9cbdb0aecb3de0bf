//! The pieces of `cargo xtask bench` (see the README's Performance section): fixed inputs, the two
//! servers under test (the generated one and a hand-written hyper 1 baseline), a hyper 1 load
//! generator, client drivers for our client and the official SDK, CPU pinning and statistics.
//!
//! The `smithygen-bench` binary (src/main.rs) runs them; `benches/hot_paths.rs` has the divan
//! micro-benchmarks of the hot paths.

pub mod affinity;
pub mod baseline;
pub mod build_cost;
pub mod clients;
pub mod fixtures;
pub mod loadgen;
pub mod process;
pub mod report;
pub mod server;
pub mod stats;
