//! A client generated at build time: `build.rs` runs `smithygen::Builder`, and this file
//! includes the result at the crate root (generated code names its items `crate::...`).
//!
//! The crate-level attributes of a generated client (an included file cannot carry them):
#![forbid(unsafe_code)]
#![allow(clippy::module_inception, clippy::result_large_err)]
#![allow(clippy::enum_variant_names, clippy::wrong_self_convention)]

include!(concat!(env!("OUT_DIR"), "/client/lib.rs"));
