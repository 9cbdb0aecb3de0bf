//! Micro-benchmarks of the hot paths (`cargo bench -p benches`), each next to its reference
//! where one exists:
//!
//! - `client_call`: one whole client call (build, serialize, sign, deserialize) with a canned
//!   in-memory transport, ours vs the official SDK;
//! - `server_call`: one request through the `tower::Service` (routing, body, decode, validate,
//!   handler, encode), ours vs the hand-written hyper handler, valid and invalid input;
//! - `decode`, `validation`, `routing`, `encode`: the server runtime's pieces on their own
//!   (routing over the whole official model's 83 routes too).

use std::hint::black_box;
use std::sync::LazyLock;

use aws_smithy_runtime_api::client::http::SharedHttpClient;
use benches::clients::{self, Canned};
use benches::fixtures::{INVALID_BODY, PATH, REQUEST_BODY};
use bytes::Bytes;
use divan::Bencher;
use http::{HeaderMap, HeaderValue, Method, Request, header};
use http_body_util::{BodyExt, Full};
use smithygen_server_runtime::tower::Service;
use smithygen_server_runtime::validation::{self, Path, Pattern};
use smithygen_server_runtime::{Route, Router, ToJson, decode, encode, rest_json};

fn main() {
    divan::main();
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
}

const ENDPOINT: &str = "http://127.0.0.1:9";

mod client_call {
    use super::*;

    #[divan::bench]
    fn ours(b: Bencher) {
        let rt = runtime();
        let client = clients::ours_client(ENDPOINT, SharedHttpClient::new(Canned));
        b.bench_local(|| assert!(rt.block_on(clients::call_ours(&client))));
    }

    #[divan::bench]
    fn official(b: Bencher) {
        let rt = runtime();
        let client = clients::official_client(ENDPOINT, SharedHttpClient::new(Canned));
        b.bench_local(|| assert!(rt.block_on(clients::call_official(&client))));
    }
}

fn request(body: &'static str) -> Request<Full<Bytes>> {
    Request::post(PATH)
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::HOST, "127.0.0.1")
        .body(Full::new(Bytes::from_static(body.as_bytes())))
        .expect("request")
}

mod server_call {
    use super::*;

    fn ours_with(b: Bencher, body: &'static str, status: u16) {
        let rt = runtime();
        let mut service = benches::server::service();
        b.bench_local(|| {
            rt.block_on(async {
                let response = service.call(request(body)).await.expect("infallible");
                assert_eq!(response.status().as_u16(), status);
                black_box(response.into_body().collect().await.ok());
            })
        });
    }

    #[divan::bench]
    fn ours_valid(b: Bencher) {
        ours_with(b, REQUEST_BODY, 201);
    }

    #[divan::bench]
    fn ours_invalid(b: Bencher) {
        ours_with(b, INVALID_BODY, 400);
    }

    #[divan::bench]
    fn baseline_valid(b: Bencher) {
        let rt = runtime();
        b.bench_local(|| {
            rt.block_on(async {
                let response = benches::baseline::handle(request(REQUEST_BODY))
                    .await
                    .expect("infallible");
                assert_eq!(response.status().as_u16(), 201);
                black_box(response.into_body().collect().await.ok());
            })
        });
    }
}

mod decode_body {
    use super::*;

    fn headers() -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        h
    }

    /// The strict JSON tree the generated decoders walk.
    #[divan::bench]
    fn parse_body(b: Bencher) {
        let h = headers();
        b.bench(|| decode::parse_body(&h, black_box(REQUEST_BODY.as_bytes())).is_ok());
    }

    /// `serde_json` straight into a `Value`, for scale.
    #[divan::bench]
    fn serde_json_value(b: Bencher) {
        b.bench(|| {
            serde_json::from_slice::<serde_json::Value>(black_box(REQUEST_BODY.as_bytes())).is_ok()
        });
    }
}

mod validation_checks {
    use super::*;

    static RESOURCE_TYPE: Pattern =
        Pattern::new("^[*]$|^(managed-thing|credential-locker|provisioning-profile|ota-task)$");
    static RESOURCE_ID: Pattern = Pattern::new("^[a-zA-Z0-9+*]*$");
    static TOKEN: Pattern = Pattern::new("^[a-zA-Z0-9=_-]+$");

    /// The checks of one valid CreateEventLogConfiguration input.
    #[divan::bench]
    fn valid_input(b: Bencher) {
        let mut v = Vec::new();
        let root = Path::root();
        b.bench_local(|| {
            v.clear();
            let p = root.member("ResourceType");
            validation::check_pattern(&mut v, &p, black_box("managed-thing"), &RESOURCE_TYPE);
            let p = root.member("ResourceId");
            validation::check_string_length(&mut v, &p, black_box("thing1"), Some(1), Some(200));
            validation::check_pattern(&mut v, &p, black_box("thing1"), &RESOURCE_ID);
            let p = root.member("ClientToken");
            validation::check_string_length(&mut v, &p, black_box("token-1"), Some(1), Some(64));
            validation::check_pattern(&mut v, &p, black_box("token-1"), &TOKEN);
            assert!(v.is_empty());
        });
    }

    /// Three violations and the message.
    #[divan::bench]
    fn invalid_input_message(b: Bencher) {
        let root = Path::root();
        b.bench_local(|| {
            let mut v = Vec::new();
            let p = root.member("ResourceType");
            validation::check_pattern(&mut v, &p, black_box("lamp"), &RESOURCE_TYPE);
            let p = root.member("ResourceId");
            validation::check_string_length(&mut v, &p, black_box(""), Some(1), Some(200));
            validation::enum_violation(
                &mut v,
                &root.member("EventLogLevel"),
                &["DEBUG", "ERROR", "INFO", "WARN"],
            );
            validation::message(&v)
        });
    }
}

mod routing {
    use super::*;

    static ONE: LazyLock<Router<usize>> = LazyLock::new(|| {
        Router::new([Route {
            method: Method::POST,
            uri: PATH,
            op: 0,
            name: "CreateEventLogConfiguration",
        }])
        .expect("router")
    });

    /// Every route of the whole official model (83 operations).
    static WHOLE: LazyLock<Option<Router<usize>>> = LazyLock::new(|| {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let text = std::fs::read_to_string(
            root.join("tests/data/aws-models/iot-managed-integrations-2025-03-03.json"),
        )
        .ok()?;
        let service = codegen::ir::build(&codegen::transform::run(codegen::load(&text).ok()?));
        let routes: Vec<Route<usize>> = service
            .operations
            .iter()
            .enumerate()
            .map(|(i, op)| Route {
                method: op.method.parse().expect("method"),
                uri: Box::leak(op.uri.clone().into_boxed_str()),
                op: i,
                name: Box::leak(op.shape_id.clone().into_boxed_str()),
            })
            .collect();
        Router::new(routes).ok()
    });

    #[divan::bench]
    fn one_route_hit(b: Bencher) {
        b.bench(|| ONE.route(&Method::POST, black_box(PATH), None).is_ok());
    }

    #[divan::bench]
    fn whole_model_hit_create_event_log_configuration(b: Bencher) {
        let Some(router) = WHOLE.as_ref() else { return };
        b.bench(|| router.route(&Method::POST, black_box(PATH), None).is_ok());
    }

    #[divan::bench]
    fn whole_model_hit_labelled(b: Bencher) {
        let Some(router) = WHOLE.as_ref() else { return };
        b.bench(|| {
            router
                .route(&Method::GET, black_box("/managed-things/abc123"), None)
                .is_ok()
        });
    }

    #[divan::bench]
    fn whole_model_miss(b: Bencher) {
        let Some(router) = WHOLE.as_ref() else { return };
        b.bench(|| {
            router
                .route(&Method::GET, black_box("/no/such/route"), None)
                .is_err()
        });
    }
}

mod encode_response {
    use super::*;

    /// The generated `respond`: object, `ToJson`, response with headers.
    #[divan::bench]
    fn ours(b: Bencher) {
        b.bench(|| {
            let mut body = encode::Object::new();
            body.insert("Id", black_box("abc123").to_json());
            rest_json::json_response(201, body.into_value()).is_ok()
        });
    }
}
