//! Generates the client of the IoT Managed Integrations model into `$OUT_DIR/client/`.

fn main() {
    smithygen::Builder::new()
        .model("../../model/iot-managed-integrations.json")
        .client()
        .generate()
        .unwrap_or_else(|e| panic!("smithygen: {e}"));
}
