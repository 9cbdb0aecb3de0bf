//! Wire compatibility with the official `aws-sdk-iotmanagedintegrations` (one test binary,
//! so the official SDK is linked once). See the README's Compatibility section.

// `dropin_program.rs` is compiled twice on purpose: once per crate (the drop-in proof).
#![allow(clippy::duplicate_mod)]

mod common;
mod dropin_official;
mod dropin_ours;
mod in_process;
mod official_to_ours;
mod side_by_side;
mod signed;
