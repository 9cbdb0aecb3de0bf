//! The whole official IoT Managed Integrations service (83 operations), round-tripped: the
//! generated client calls the generated server over a loopback socket with generated sample
//! inputs, a generated handler checks every received input and answers a generated output,
//! and the client checks what it decoded (`cargo xtask codegen --roundtrip`).
//!
//! The same nested cargo also runs a hand-written fixture,
//! `fixtures/whole-service-official/`: the official `aws-sdk-iotmanagedintegrations` client
//! against the generated whole-service server for eight operations chosen for their bindings.
//!
//! Same mechanism as `generated_compile.rs`: a scratch workspace under
//! `target/generated-check/work/whole-service` with the workspace's Cargo.lock, and a nested
//! cargo with its own target dir.

mod common;

use common::{aws_model, cargo, root, scratch, tail};

const MODEL: &str = "iot-managed-integrations-2025-03-03.json";
const OPERATIONS: usize = 83;
/// The hand-written fixture's package (and directory in the scratch workspace).
const OFFICIAL: &str = "whole-service-official";

#[test]
fn every_operation_of_the_whole_service_round_trips() {
    let work = scratch("whole-service");
    let mut options = codegen::Options::new(aws_model(MODEL), &work);
    options.runtime_dir = Some(root().join("crates"));
    let mut crates = codegen::generate(&options).unwrap().crates;
    let roundtrip = codegen::generate_roundtrip(&options).unwrap();
    assert_eq!(roundtrip.operations, OPERATIONS);
    crates.extend(roundtrip.crates.iter().cloned());
    // The hand-written official-client test, next to the generated crates.
    let fixture = root().join("codegen/tests/fixtures/whole-service-official");
    let official = work.join(OFFICIAL);
    std::fs::create_dir_all(official.join("tests")).unwrap();
    std::fs::copy(fixture.join("Cargo.toml.in"), official.join("Cargo.toml")).unwrap();
    std::fs::copy(
        fixture.join("tests/official.rs"),
        official.join("tests/official.rs"),
    )
    .unwrap();
    crates.push(OFFICIAL.to_owned());
    let output = cargo(
        &work,
        &crates,
        &[
            "test",
            "--quiet",
            "-p",
            &roundtrip.crates[0],
            "-p",
            OFFICIAL,
            "--test",
            "roundtrip",
            "--test",
            "official",
            "--",
            "--nocapture",
        ],
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    // The report: skipped operations and omitted members with their reasons, failures, totals.
    for line in stdout.lines().filter(|l| {
        [
            "skipped ",
            "omitted ",
            "FAILED ",
            "round trip: ",
            "official client: ",
        ]
        .iter()
        .any(|p| l.starts_with(p))
    }) {
        eprintln!("{line}");
    }
    assert!(
        output.status.success(),
        "the round trip failed:\n{stdout}\n{}",
        tail(&String::from_utf8_lossy(&output.stderr), 60)
    );
    assert!(
        stdout.contains("official client: 8 operations"),
        "the official-client test ran:\n{stdout}"
    );
    let summary = stdout
        .lines()
        .find_map(|l| l.strip_prefix("round trip: "))
        .expect("the round trip prints its summary");
    let numbers: Vec<usize> = summary.split(' ').filter_map(|w| w.parse().ok()).collect();
    let &[passed, total, failed, skipped] = numbers.as_slice() else {
        panic!("unexpected summary {summary:?}");
    };
    assert_eq!(total, OPERATIONS, "{summary}");
    assert_eq!(failed, 0, "{summary}");
    assert_eq!(passed + skipped, OPERATIONS, "{summary}");
    assert_eq!(
        skipped, 0,
        "every operation is expected to round-trip: {summary}"
    );
}
