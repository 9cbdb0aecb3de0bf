//! Every official model in tests/data/aws-models loads and validates with no diagnostics.

mod common;

use common::{aws_model, aws_models};

#[test]
fn every_official_model_loads_and_validates() {
    let models = aws_models();
    assert_eq!(models.len(), 6, "expected the six official models");
    for path in models {
        let text = std::fs::read_to_string(&path).unwrap();
        let model = codegen::load(&text).unwrap_or_else(|d| panic!("{}:\n{d}", path.display()));
        assert!(!model.operations.is_empty(), "{}", path.display());
    }
}

#[test]
fn whole_iot_service_has_83_operations() {
    let path = aws_model("iot-managed-integrations-2025-03-03.json");
    let model = codegen::load(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert_eq!(model.operations.len(), 83);
}
