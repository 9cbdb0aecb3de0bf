//! Wire compatibility with the official `aws-sdk-iotmanagedintegrations`: see
//! `tests/it/` and `COMPATIBILITY.md`. This library is empty on purpose; everything lives in
//! the test target, so the official SDK stays a dev-dependency.
