//! Tests of the generated `iotmanagedintegrations-client` over real sockets live in
//! `tests/it/`: request bytes against WIRE.md, error decoding, retries, SigV4 verification
//! and a program written against the official SDK's API.
