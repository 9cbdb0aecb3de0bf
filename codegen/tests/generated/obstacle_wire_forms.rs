//! Hand-written (copied into the obstacle course's round-trip crate by
//! `codegen/tests/generated_compile.rs`): the generated client against canned responses over a
//! real loopback socket, for the restJson1 wire forms a round trip between our own client and
//! server cannot prove alone: unknown union members, `__type` in unions, special floats as
//! strings and big numbers as bare JSON numbers.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::mpsc;

use obstaclecourse_client::config::retry::RetryConfig;
use obstaclecourse_client::config::{BehaviorVersion, Credentials, Region};
use obstaclecourse_client::types::{BoxShape, NumberBody};
use obstaclecourse_client::{Client, Config};

/// Serves one connection with `headers` and `body`; sends the raw request (head and body) back.
fn canned(headers: &'static str, body: &'static str) -> (String, mpsc::Receiver<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
    let addr = listener.local_addr().expect("the bound address");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().expect("accept");
        let mut request = Vec::new();
        let mut buf = [0u8; 4096];
        loop {
            let n = stream.read(&mut buf).expect("read");
            request.extend_from_slice(&buf[..n]);
            let text = String::from_utf8_lossy(&request).into_owned();
            if let Some(end) = text.find("\r\n\r\n") {
                let length = text[..end]
                    .lines()
                    .find_map(|l| {
                        let (k, v) = l.split_once(':')?;
                        k.eq_ignore_ascii_case("content-length")
                            .then(|| v.trim().parse::<usize>().ok())?
                    })
                    .unwrap_or(0);
                if request.len() >= end + 4 + length {
                    break;
                }
            }
            assert!(n > 0, "the client closed the connection early");
        }
        let response = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n{headers}\r\n{body}",
            body.len()
        );
        stream.write_all(response.as_bytes()).expect("write");
        let _ = tx.send(String::from_utf8_lossy(&request).into_owned());
    });
    (format!("http://{addr}"), rx)
}

fn client(endpoint: String) -> Client {
    Client::from_conf(
        Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new("us-east-1"))
            .endpoint_url(endpoint)
            .credentials_provider(Credentials::new("AKID", "secret", None, None, "test"))
            .retry_config(RetryConfig::disabled())
            .build(),
    )
}

fn big(text: &str) -> aws_smithy_types::BigInteger {
    text.parse().unwrap()
}

fn dec(text: &str) -> aws_smithy_types::BigDecimal {
    text.parse().unwrap()
}

#[tokio::test]
async fn unknown_union_members_special_floats_and_big_numbers() {
    let (endpoint, request) = canned(
        "x-float: -Infinity\r\nx-big: 123456789012345678\r\nx-doubles: NaN, Infinity, 1.5\r\n",
        r#"{"Choice": {"NewMember": 1}, "Body": {"Double": "NaN", "Floats": ["Infinity", "-Infinity", 0.5], "BigInt": -9007199254740993, "BigDec": 1.25, "Decs": {"a": 2.5, "b": null}}}"#,
    );
    let output = client(endpoint)
        .numbers()
        .big(big("-9007199254740993"))
        .dec(dec("0.5"))
        .query_big(big("42"))
        .query_float(f32::NEG_INFINITY)
        .doubles(f64::NAN)
        .doubles(f64::INFINITY)
        .header_dec(dec("-2.75"))
        .header_double(f64::INFINITY)
        .body(
            NumberBody::builder()
                .double(f64::NEG_INFINITY)
                .floats(f32::NAN)
                .big_int(big("123456789012345678"))
                .big_dec(dec("-0.125"))
                .build(),
        )
        .choice(BoxShape::String("s".into()))
        .send()
        .await
        .expect("the canned response decodes");
    assert!(output.choice().is_some_and(BoxShape::is_unknown));
    assert_eq!(output.header_float(), Some(f32::NEG_INFINITY));
    assert_eq!(output.header_big(), Some(&big("123456789012345678")));
    let doubles = output.header_doubles();
    assert!(doubles[0].is_nan());
    assert_eq!(doubles[1..], [f64::INFINITY, 1.5]);
    let body = output.body().expect("the body member");
    assert!(body.double().is_some_and(f64::is_nan));
    assert_eq!(body.floats(), [f32::INFINITY, f32::NEG_INFINITY, 0.5]);
    assert_eq!(body.big_int(), Some(&big("-9007199254740993")));
    assert_eq!(body.big_dec(), Some(&dec("1.25")));
    let decs = body.decs().expect("the map member");
    assert_eq!(decs.get("a"), Some(&Some(dec("2.5"))));
    assert_eq!(decs.get("b"), Some(&None));

    let request = request.recv().expect("the request");
    let (head, sent) = request.split_once("\r\n\r\n").unwrap();
    let head = head.to_ascii_lowercase();
    assert!(
        head.starts_with("post /numbers/-9007199254740993/0.5?"),
        "{head}"
    );
    for part in [
        "big=42",
        "float=-infinity",
        "doubles=nan",
        "doubles=infinity",
    ] {
        assert!(
            head.lines().next().unwrap().contains(part),
            "{part} in {head}"
        );
    }
    assert!(head.contains("\r\nx-dec: -2.75\r\n"), "{head}");
    assert!(head.contains("\r\nx-double: infinity\r\n"), "{head}");
    for part in [
        r#""Floats":["NaN"]"#,
        r#""Double":"-Infinity""#,
        r#""BigInt":123456789012345678,"#,
        r#""BigDec":-0.125}"#,
        r#""Choice":{"String":"s"}"#,
    ] {
        assert!(sent.contains(part), "{part} in {sent}");
    }
}

#[tokio::test]
async fn type_keys_in_unions_are_ignored() {
    let (endpoint, _request) = canned(
        "",
        r#"{"Choice": {"__type": "test.obstacle#Box", "String": "known"}}"#,
    );
    let output = client(endpoint)
        .numbers()
        .big(big("1"))
        .dec(dec("1"))
        .send()
        .await
        .expect("the canned response decodes");
    assert_eq!(output.choice(), Some(&BoxShape::String("known".into())));
}

#[tokio::test]
async fn two_known_union_members_are_an_error() {
    let (endpoint, _request) = canned("", r#"{"Choice": {"String": "a", "Number": 1}}"#);
    let result = client(endpoint)
        .numbers()
        .big(big("1"))
        .dec(dec("1"))
        .send()
        .await;
    assert!(result.is_err());
}
