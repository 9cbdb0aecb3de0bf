//! The official protocol compliance models (`protocol-tests/` at the repository root, IDL)
//! load through `load_paths`, and each protocol service there resolves into a model.

use std::path::{Path, PathBuf};

use codegen::ast::{Ast, AstShape};

fn protocol_tests() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../protocol-tests")
}

fn load_all() -> Ast {
    codegen::load::load_paths(&[protocol_tests()]).unwrap_or_else(|d| panic!("{d}"))
}

/// Every `.smithy` file under `dir`.
fn smithy_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            smithy_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "smithy") {
            out.push(path);
        }
    }
}

#[test]
fn the_whole_folder_loads() {
    let ast = load_all();
    let mut files = Vec::new();
    smithy_files(&protocol_tests(), &mut files);
    assert!(files.len() > 60, "{} files", files.len());
    assert!(ast.shapes.len() > 500, "{} shapes", ast.shapes.len());
}

#[test]
fn each_protocol_folder_loads_with_the_shared_files_alone() {
    // The files of one protocol use `shared-types.smithy`, `aws-config.smithy` and each
    // other, and nothing of the other protocols; the traits they use are built in.
    let root = protocol_tests();
    for folder in ["restJson1", "awsJson1_0", "awsJson1_1"] {
        let paths = vec![
            root.join("shared-types.smithy"),
            root.join("aws-config.smithy"),
            root.join(folder),
        ];
        if let Err(d) = codegen::load::load_paths(&paths) {
            panic!("{folder}:\n{d}");
        }
    }
}

#[test]
fn every_protocol_service_resolves() {
    let ast = load_all();
    let services = [
        "aws.protocoltests.restjson#RestJson",
        "aws.protocoltests.restjson.validation#RestJsonValidation",
        "aws.protocoltests.json10#JsonRpc10",
        "aws.protocoltests.json#JsonProtocol",
        "com.amazonaws.apigateway#BackplaneControlService",
        "com.amazonaws.glacier#Glacier",
        "com.amazonaws.machinelearning#AmazonML_20141212",
    ];
    for service in services {
        let mut one = ast.clone();
        one.shapes
            .retain(|id, s| id == service || !matches!(s, AstShape::Service(_)));
        assert!(one.shapes.contains_key(service), "{service} is missing");
        let model = codegen::model::build(&one).unwrap_or_else(|d| panic!("{service}:\n{d}"));
        assert!(!model.operations.is_empty(), "{service} has no operations");
    }
}

#[test]
fn the_json_output_loads_back_as_the_same_model() {
    let ast = load_all();
    let text = serde_json::to_string_pretty(&ast).unwrap();
    let source = codegen::assemble::Source {
        label: "protocol-tests.json".into(),
        text,
    };
    let again = codegen::assemble::assemble(&[source]).unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(again.metadata, ast.metadata);
    assert_eq!(again.shapes.len(), ast.shapes.len());
    let differ: Vec<&String> = ast
        .shapes
        .iter()
        .filter(|(id, shape)| again.shapes.get(*id) != Some(*shape))
        .map(|(id, _)| id)
        .collect();
    assert!(
        differ.is_empty(),
        "shapes that differ after the round trip: {differ:?}"
    );
}

#[test]
fn a_folder_skips_json_files_that_are_not_smithy_models() {
    let dir = std::env::temp_dir().join(format!("idl-folder-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("array.json"), "[1, 2, 3]").unwrap();
    std::fs::write(dir.join("package.json"), r#"{"name": "x"}"#).unwrap();
    std::fs::write(
        dir.join("model.json"),
        r#"{"smithy": "2.0", "shapes": {"ex#S": {"type": "string"}}}"#,
    )
    .unwrap();
    std::fs::write(dir.join("more.smithy"), "namespace ex\nstring T\n").unwrap();
    let ast =
        codegen::load::load_paths(std::slice::from_ref(&dir)).unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(ast.shapes.keys().collect::<Vec<_>>(), ["ex#S", "ex#T"]);
    // Named on its own, a JSON file that is not a model is an error.
    let named = codegen::load::load_paths(&[dir.join("package.json")]);
    assert!(named.is_err());
    std::fs::remove_dir_all(&dir).unwrap();
}
