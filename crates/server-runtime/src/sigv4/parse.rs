//! Finding and parsing a SigV4 signature in a received request: the `Authorization` header or
//! the `X-Amz-*` query parameters of a presigned URL.

use std::time::{Duration, SystemTime};

use aws_smithy_types::DateTime;
use aws_smithy_types::date_time::Format;
use http::HeaderMap;

use super::AuthError;

pub(crate) const ALGORITHM: &str = "AWS4-HMAC-SHA256";
/// The longest validity a presigned URL may ask for (7 days, as AWS allows).
const MAX_EXPIRES_SECS: u64 = 7 * 24 * 3600;

/// Where the signature travelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Location {
    Header,
    /// A presigned URL valid for this long after its `X-Amz-Date`.
    Query {
        expires: Duration,
    },
}

/// Every field of a signature, before any of it is checked against credentials.
#[derive(Debug, Clone)]
pub(crate) struct Signed {
    pub location: Location,
    pub access_key_id: String,
    /// The credential scope's four parts after the key id.
    pub scope_date: String,
    pub region: String,
    pub service: String,
    pub terminator: String,
    pub signed_headers: Vec<String>,
    pub signature: String,
    /// `X-Amz-Date` exactly as sent (it goes into the string to sign verbatim).
    pub amz_date: String,
    pub time: SystemTime,
    pub security_token: Option<String>,
}

impl Signed {
    /// `date/region/service/aws4_request`, as sent.
    pub fn scope(&self) -> String {
        format!(
            "{}/{}/{}/{}",
            self.scope_date, self.region, self.service, self.terminator
        )
    }
}

/// Find the signature. `Ok(None)` when the request carries none at all.
pub(crate) fn find(headers: &HeaderMap, query: Option<&str>) -> Result<Option<Signed>, AuthError> {
    if let Some(value) = headers.get(http::header::AUTHORIZATION) {
        let value = value
            .to_str()
            .map_err(|_| AuthError::Incomplete("Authorization header is not ASCII".into()))?;
        return from_header(value, headers).map(Some);
    }
    let params: Vec<(String, String)> = query
        .map(|q| form_urlencoded::parse(q.as_bytes()).into_owned().collect())
        .unwrap_or_default();
    let has = |name: &str| params.iter().any(|(k, _)| k == name);
    if has("X-Amz-Algorithm") || has("X-Amz-Signature") || has("X-Amz-Credential") {
        return from_query(&params).map(Some);
    }
    Ok(None)
}

fn from_header(value: &str, headers: &HeaderMap) -> Result<Signed, AuthError> {
    let (algorithm, rest) = value.split_once(' ').unwrap_or((value, ""));
    if algorithm != ALGORITHM {
        return Err(AuthError::Incomplete(format!(
            "Unsupported AWS 'algorithm': '{algorithm}'"
        )));
    }
    let (mut credential, mut signed_headers, mut signature) = (None, None, None);
    for part in rest.split(',') {
        let Some((key, val)) = part.trim().split_once('=') else {
            continue;
        };
        match key {
            "Credential" => credential = Some(val),
            "SignedHeaders" => signed_headers = Some(val),
            "Signature" => signature = Some(val),
            _ => {}
        }
    }
    let mut missing = String::new();
    for (name, v) in [
        ("Credential", credential),
        ("Signature", signature),
        ("SignedHeaders", signed_headers),
    ] {
        if v.is_none_or(str::is_empty) {
            missing.push_str(&format!(
                "Authorization header requires '{name}' parameter. "
            ));
        }
    }
    let (Some(credential), Some(signed_headers), Some(signature), true) =
        (credential, signed_headers, signature, missing.is_empty())
    else {
        return Err(AuthError::Incomplete(format!(
            "{missing}Authorization={algorithm}"
        )));
    };
    let amz_date = headers
        .get("x-amz-date")
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| {
            AuthError::Incomplete(
                "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."
                    .into(),
            )
        })?;
    let security_token = headers
        .get("x-amz-security-token")
        .map(|v| v.to_str().map(str::to_owned))
        .transpose()
        .map_err(|_| AuthError::UnrecognizedClient)?;
    build(
        Location::Header,
        credential,
        signed_headers,
        signature,
        amz_date,
        security_token,
    )
}

fn from_query(params: &[(String, String)]) -> Result<Signed, AuthError> {
    let get = |name: &str| {
        params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    let mut missing = Vec::new();
    for name in [
        "X-Amz-Algorithm",
        "X-Amz-Credential",
        "X-Amz-Signature",
        "X-Amz-SignedHeaders",
        "X-Amz-Date",
        "X-Amz-Expires",
    ] {
        if get(name).is_none() {
            missing.push(name);
        }
    }
    if !missing.is_empty() {
        return Err(AuthError::Incomplete(format!(
            "AWS query-string parameters must include {}. Re-examine the query-string parameters.",
            missing.join(", ")
        )));
    }
    let field = |name| get(name).unwrap_or_default();
    let algorithm = field("X-Amz-Algorithm");
    if algorithm != ALGORITHM {
        return Err(AuthError::Incomplete(format!(
            "Unsupported AWS 'algorithm': '{algorithm}'"
        )));
    }
    let expires: u64 = field("X-Amz-Expires").parse().map_err(|_| {
        AuthError::Incomplete("X-Amz-Expires must be a whole number of seconds".into())
    })?;
    if expires == 0 || expires > MAX_EXPIRES_SECS {
        return Err(AuthError::Incomplete(format!(
            "X-Amz-Expires must be between 1 and {MAX_EXPIRES_SECS} seconds"
        )));
    }
    build(
        Location::Query {
            expires: Duration::from_secs(expires),
        },
        field("X-Amz-Credential"),
        field("X-Amz-SignedHeaders"),
        field("X-Amz-Signature"),
        field("X-Amz-Date"),
        get("X-Amz-Security-Token").map(str::to_owned),
    )
}

fn build(
    location: Location,
    credential: &str,
    signed_headers: &str,
    signature: &str,
    amz_date: &str,
    security_token: Option<String>,
) -> Result<Signed, AuthError> {
    let parts: Vec<&str> = credential.split('/').collect();
    let [access_key_id, scope_date, region, service, terminator] = parts[..] else {
        return Err(AuthError::Incomplete(format!(
            "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '{credential}'"
        )));
    };
    let time = parse_amz_date(amz_date).ok_or_else(|| {
        AuthError::Incomplete(format!(
            "Date must be in ISO-8601 'basic format'. Got '{amz_date}'. See http://en.wikipedia.org/wiki/ISO_8601"
        ))
    })?;
    Ok(Signed {
        location,
        access_key_id: access_key_id.to_owned(),
        scope_date: scope_date.to_owned(),
        region: region.to_owned(),
        service: service.to_owned(),
        terminator: terminator.to_owned(),
        signed_headers: signed_headers.split(';').map(str::to_owned).collect(),
        signature: signature.to_owned(),
        amz_date: amz_date.to_owned(),
        time,
        security_token,
    })
}

/// `20150830T123600Z` (ISO 8601 basic format, UTC) as a time.
pub(crate) fn parse_amz_date(s: &str) -> Option<SystemTime> {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if b.len() != 16 || b[8] != b'T' || b[15] != b'Z' || !digits(0..8) || !digits(9..15) {
        return None;
    }
    let extended = format!(
        "{}-{}-{}T{}:{}:{}Z",
        &s[0..4],
        &s[4..6],
        &s[6..8],
        &s[9..11],
        &s[11..13],
        &s[13..15]
    );
    let t = DateTime::from_str(&extended, Format::DateTime).ok()?;
    SystemTime::try_from(t).ok()
}

/// A time in ISO 8601 basic format, for messages.
pub(crate) fn format_amz_date(t: SystemTime) -> String {
    DateTime::from(t)
        .fmt(Format::DateTime)
        .map(|s| {
            // `2015-08-30T12:36:00Z` (whole seconds) -> `20150830T123600Z`
            let s: String = s.chars().filter(|c| *c != '-' && *c != ':').collect();
            match s.split_once('.') {
                Some((whole, _)) => format!("{whole}Z"),
                None => s,
            }
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amz_dates_round_trip_and_reject_other_shapes() {
        let t = parse_amz_date("20150830T123600Z").unwrap();
        assert_eq!(
            t.duration_since(SystemTime::UNIX_EPOCH).unwrap().as_secs(),
            1_440_938_160
        );
        assert_eq!(format_amz_date(t), "20150830T123600Z");
        for bad in [
            "2015-08-30T12:36:00Z",
            "20150830T123600",
            "20151330T123600Z",
            "2015083OT123600Z",
            "",
        ] {
            assert_eq!(parse_amz_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn header_fields_are_all_required() {
        let mut headers = HeaderMap::new();
        headers.insert("x-amz-date", "20150830T123600Z".parse().unwrap());
        let ok = from_header(
            "AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/svc/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc",
            &headers,
        )
        .unwrap();
        assert_eq!(ok.access_key_id, "AKID");
        assert_eq!(ok.scope(), "20150830/us-east-1/svc/aws4_request");
        assert_eq!(ok.signed_headers, ["host", "x-amz-date"]);
        for bad in [
            "AWS4-HMAC-SHA256 SignedHeaders=host, Signature=abc",
            "AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/svc/aws4_request, Signature=abc",
            "AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/svc/aws4_request, SignedHeaders=host, Signature=",
            "AWS4-HMAC-SHA256 Credential=AKID/us-east-1/svc/aws4_request, SignedHeaders=host, Signature=abc",
            "AWS4-ECDSA-P256-SHA256 Credential=AKID/20150830/us-east-1/svc/aws4_request, SignedHeaders=host, Signature=abc",
        ] {
            assert!(
                matches!(from_header(bad, &headers), Err(AuthError::Incomplete(_))),
                "{bad}"
            );
        }
    }
}
