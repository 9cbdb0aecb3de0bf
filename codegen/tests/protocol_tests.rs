//! The protocol-test cases of a hand-written model: which side runs each, `_caseN`
//! expansion, other protocols left out, and the generated test crates' shape.

use codegen::protocol_tests::{self, Kind, Side};

fn fixture() -> (codegen::model::Model, codegen::ir::Service) {
    let text = include_str!("models/protocol-tests.json");
    let model = codegen::transform::run(codegen::load(text).expect("the fixture loads"));
    let service = codegen::ir::build(&model);
    (model, service)
}

#[test]
fn cases_bind_to_their_sides_and_expand_parameters() {
    let (model, _) = fixture();
    let cases = protocol_tests::cases::collect(&model).expect("the traits decode");
    let got: Vec<String> = cases
        .iter()
        .map(|c| format!("{:?} {:?} {}", c.side, c.kind(), c.id))
        .collect();
    assert_eq!(
        got,
        [
            "Client Request PutPetAllBindings",
            "Server Request PutPetAllBindings",
            "Client Request PutPetSpecialFloat",
            "Server Request PutPetSpecialFloat",
            "Client Request PutPetClientOnly",
            "Client Response PutPetOutputBindings",
            "Server Response PutPetOutputBindings",
            "Client Response PetErrorFromHeaderAndBody",
            "Server Response PetErrorFromHeaderAndBody",
            "Server Malformed PutPetMalformedAge_case0",
            "Server Malformed PutPetMalformedAge_case1",
            "Server Malformed PutPetMalformedAge_case2",
            "Server Malformed PutPetMalformedBody_case0",
        ]
    );
    let protocol_tests::Case::Malformed(body) = &cases[12].case else {
        panic!("a malformed case");
    };
    assert_eq!(
        body.request.body.as_deref(),
        Some("{\"weight\": \"heavy\"}")
    );
    assert!(
        cases
            .iter()
            .all(|c| c.side == Side::Server || c.kind() != Kind::Malformed)
    );
}

#[test]
fn test_crates_call_the_generated_crates() {
    let (model, service) = fixture();
    let (_, files) = protocol_tests::crate_files(&model, &service, "/runtime").expect("renders");
    let find = |path: &str| {
        files
            .iter()
            .find(|f| f.path.to_str() == Some(path))
            .unwrap_or_else(|| panic!("{path} is generated"))
            .contents
            .clone()
    };
    let client = find("pets-client-protocol-tests/src/lib.rs");
    assert!(client.contains("async fn PutPetClientOnly()"));
    assert!(client.contains(".set_weight(Some(\"NaN\".parse().unwrap()))"));
    assert!(
        !client.contains("PutPetMalformedAge"),
        "malformed cases are server-only"
    );
    let server = find("pets-server-protocol-tests/src/lib.rs");
    assert!(server.contains("async fn PutPetMalformedAge_case1()"));
    assert!(server.contains(".uri(\"/pets/x?age=1.5\")"));
    assert!(!server.contains("PutPetClientOnly"));
    let manifest = find("pets-server-protocol-tests/Cargo.toml");
    assert!(manifest.contains("smithygen-protocol-test = { path = \"/runtime\" }"));
}
