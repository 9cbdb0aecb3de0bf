//! Behaviour of generated paginators and `@endpoint(hostPrefix)`: generates
//! codegen/tests/models/pages.json into a scratch workspace (see `common`) with a test crate
//! running codegen/tests/fixtures/pages/pages.rs against the generated client.

mod common;

use common::{root, tail, test_model};

#[test]
fn paginators_and_host_prefixes_behave() {
    let work = common::scratch("pages");
    let mut members = common::generate(&work, &test_model("pages.json"), false);
    let test_crate = work.join("pages-test");
    std::fs::create_dir_all(test_crate.join("tests")).unwrap();
    let runtime = root().join("crates/client-runtime");
    std::fs::write(
        test_crate.join("Cargo.toml"),
        format!(
            "[package]\nname = \"pages-test\"\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\n\n\
             [dev-dependencies]\npages-client = {{ path = \"../pages/pages-client\" }}\n\
             smithygen-client-runtime = {{ path = {:?} }}\n\
             tokio = {{ version = \"1\", features = [\"macros\", \"rt\"] }}\n",
            runtime.display().to_string()
        ),
    )
    .unwrap();
    std::fs::create_dir_all(test_crate.join("src")).unwrap();
    std::fs::write(test_crate.join("src/lib.rs"), "").unwrap();
    std::fs::copy(
        root().join("codegen/tests/fixtures/pages/pages.rs"),
        test_crate.join("tests/pages.rs"),
    )
    .unwrap();
    members.push("pages-test".into());
    let output = common::cargo(&work, &members, &["test", "--quiet", "-p", "pages-test"]);
    assert!(
        output.status.success(),
        "the pages fixture fails:\n{}\n{}",
        tail(&String::from_utf8_lossy(&output.stdout), 60),
        tail(&String::from_utf8_lossy(&output.stderr), 60)
    );
}
