//! restJson1 wire forms end to end, on the naming obstacle course
//! (`tests/models/obstacle-course.json`): its generated round trip (big numbers, special
//! floats and unions in bodies, labels, queries and headers, client to server and back), and
//! `tests/generated/obstacle_wire_forms.rs`, copied into the generated round-trip crate: the
//! generated client against canned responses over a real socket (unknown union members read
//! as `Unknown`, `__type` ignored, `"NaN"`/`"Infinity"`/`"-Infinity"`, bare big numbers).
//!
//! Same mechanism as `generated_compile.rs`: a scratch workspace under
//! `target/generated-check/work/wire-forms` with the workspace's Cargo.lock, and a nested
//! cargo with its own target dir.

mod common;

use std::path::Path;

use common::{cargo, scratch, tail, test_model};

#[test]
fn obstacle_course_round_trips_and_reads_every_wire_form() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let work = scratch("wire-forms");
    let mut options = codegen::Options::new(test_model("obstacle-course.json"), &work);
    options.runtime_dir = Some(common::root().join("crates"));
    let mut crates = codegen::generate(&options).unwrap().crates;
    let roundtrip = codegen::generate_roundtrip(&options).unwrap();
    crates.extend(roundtrip.crates.iter().cloned());
    let tests = work.join(&roundtrip.crates[0]).join("tests");
    std::fs::copy(
        dir.join("tests/generated/obstacle_wire_forms.rs"),
        tests.join("obstacle_wire_forms.rs"),
    )
    .unwrap();
    let run = |args: &[&str]| cargo(&work, &crates, args);
    let package = roundtrip.crates[0].as_str();
    let output = run(&[
        "clippy", "--quiet", "-p", package, "--tests", "--", "-D", "warnings",
    ]);
    assert!(
        output.status.success(),
        "the hand-written test is not clippy-clean:\n{}",
        tail(&String::from_utf8_lossy(&output.stderr), 60)
    );
    let output = run(&[
        "test",
        "--quiet",
        "-p",
        package,
        "--tests",
        "--",
        "--nocapture",
    ]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "the obstacle course's tests failed:\n{stdout}\n{}",
        tail(&String::from_utf8_lossy(&output.stderr), 60)
    );
    assert!(
        stdout.contains("round trip: 3 of 3 operations passed, 0 failed, 0 skipped"),
        "{stdout}"
    );
}
