//! Wire compatibility with the official `aws-sdk-iotmanagedintegrations`: see
//! `tests/it/` and the README's Compatibility section. This library is empty on purpose; everything lives in
//! the test target, so the official SDK stays a dev-dependency.
