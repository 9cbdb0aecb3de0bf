//! The SigV4 canonical request, rebuilt from the request as received, and the signature over
//! it. Encoding rules follow what AWS SDKs sign for non-S3 services: the path normalized
//! (dot segments removed, repeated slashes merged) and percent-encoded once more; query names
//! and values decoded and re-encoded with only unreserved characters left bare, sorted; each
//! signed header's values trimmed, inner runs of spaces collapsed, joined with commas.

use std::borrow::Cow;

use http::{HeaderMap, Method};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use sha2::{Digest, Sha256};

use super::parse::{ALGORITHM, Location, Signed};

/// Everything but RFC 3986 unreserved characters (`A-Z a-z 0-9 - _ . ~`) is encoded.
const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');
/// The same, with `/` left bare (path segments).
const PATH: &AsciiSet = &UNRESERVED.remove(b'/');

/// `hex(sha256(bytes))`.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// The signature `secret` makes over the request, given the received signature's fields.
pub(crate) fn signature(
    secret: &str,
    signed: &Signed,
    method: &Method,
    path: &str,
    query: Option<&str>,
    headers: &HeaderMap,
    payload_hash: &str,
) -> String {
    let creq = canonical_request(signed, method, path, query, headers, payload_hash);
    let string_to_sign = format!(
        "{ALGORITHM}\n{}\n{}\n{}",
        signed.amz_date,
        signed.scope(),
        sha256_hex(creq.as_bytes())
    );
    let key = aws_sigv4::sign::v4::generate_signing_key(
        secret,
        signed.time,
        &signed.region,
        &signed.service,
    );
    aws_sigv4::sign::v4::calculate_signature(key, string_to_sign.as_bytes())
}

pub(crate) fn canonical_request(
    signed: &Signed,
    method: &Method,
    path: &str,
    query: Option<&str>,
    headers: &HeaderMap,
    payload_hash: &str,
) -> String {
    let mut out = String::with_capacity(256);
    out.push_str(method.as_str());
    out.push('\n');
    out.extend(utf8_percent_encode(&normalize_path(path), PATH));
    out.push('\n');
    out.push_str(&canonical_query(
        query,
        matches!(signed.location, Location::Query { .. }),
    ));
    out.push('\n');
    for name in &signed.signed_headers {
        out.push_str(name);
        out.push(':');
        let mut first = true;
        for value in headers.get_all(name.as_str()) {
            if !first {
                out.push(',');
            }
            first = false;
            out.push_str(&trim_all(&String::from_utf8_lossy(value.as_bytes())));
        }
        out.push('\n');
    }
    out.push('\n');
    out.push_str(&signed.signed_headers.join(";"));
    out.push('\n');
    out.push_str(payload_hash);
    out
}

/// RFC 3986 dot-segment removal, also merging repeated slashes (as the SDKs do before signing).
fn normalize_path(path: &str) -> Cow<'_, str> {
    if path.is_empty() {
        return Cow::Borrowed("/");
    }
    if !path.contains('.') && !path.contains("//") && path.starts_with('/') {
        return Cow::Borrowed(path);
    }
    let mut segments: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            s => segments.push(s),
        }
    }
    let mut out = format!("/{}", segments.join("/"));
    let trailing = ["/", "/.", "/..", "/./", "/../"]
        .iter()
        .any(|s| path.ends_with(s));
    if trailing && !out.ends_with('/') {
        out.push('/');
    }
    Cow::Owned(out)
}

/// Names and values decoded and strictly re-encoded, sorted; a presigned URL's own
/// `X-Amz-Signature` left out.
fn canonical_query(query: Option<&str>, presigned: bool) -> String {
    let Some(query) = query else {
        return String::new();
    };
    let mut pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .filter(|(k, _)| !(presigned && k == "X-Amz-Signature"))
        .map(|(k, v)| {
            (
                utf8_percent_encode(&k, UNRESERVED).to_string(),
                utf8_percent_encode(&v, UNRESERVED).to_string(),
            )
        })
        .collect();
    pairs.sort();
    let mut out = String::with_capacity(query.len() + 16);
    for (i, (k, v)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        out.push_str(k);
        out.push('=');
        out.push_str(v);
    }
    out
}

/// Trim spaces at both ends and collapse inner runs of spaces to one.
fn trim_all(value: &str) -> Cow<'_, str> {
    let trimmed = value.trim_matches(' ');
    if !trimmed.contains("  ") {
        return Cow::Borrowed(trimmed);
    }
    let mut out = String::with_capacity(trimmed.len());
    let mut last_space = false;
    for c in trimmed.chars() {
        if c == ' ' && last_space {
            continue;
        }
        last_space = c == ' ';
        out.push(c);
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_normalized_then_encoded_again() {
        assert_eq!(normalize_path(""), "/");
        assert_eq!(normalize_path("/a//b/./c/../d"), "/a/b/d");
        assert_eq!(normalize_path("/a/b/.."), "/a/");
        assert_eq!(normalize_path("/a%20b"), "/a%20b");
        let encoded: String = utf8_percent_encode("/a%20b/c d", PATH).collect();
        assert_eq!(encoded, "/a%2520b/c%20d");
    }

    #[test]
    fn query_is_decoded_reencoded_and_sorted() {
        assert_eq!(
            canonical_query(Some("b=2&a=x%2By&a=1&c&sp=a+b"), false),
            "a=1&a=x%2By&b=2&c=&sp=a%20b"
        );
        assert_eq!(
            canonical_query(Some("X-Amz-Signature=abc&X-Amz-Date=1"), true),
            "X-Amz-Date=1"
        );
        assert_eq!(canonical_query(None, false), "");
    }

    #[test]
    fn header_values_are_trimmed_and_collapsed() {
        assert_eq!(trim_all("  a   b  c "), "a b c");
        assert_eq!(trim_all("plain"), "plain");
    }
}
