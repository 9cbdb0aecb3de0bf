//! Stage 2 (with [`crate::model`]): typed decoding of the traits the generator understands.
//!
//! Traits arrive as raw JSON. Each known trait is decoded into a typed field; a known trait
//! whose value has the wrong JSON shape becomes a diagnostic. Traits we do not know are kept
//! in `unknown` (so later passes can still see them) and otherwise ignored.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::{Number, Value};

use crate::ast::UniqueMap;
use crate::diag::Diagnostic;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimestampFormat {
    DateTime,
    HttpDate,
    EpochSeconds,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    Client,
    Server,
}

/// `@length` / `@range`: either bound may be absent.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bounds {
    pub min: Option<Number>,
    pub max: Option<Number>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HttpTrait {
    pub method: String,
    pub uri: String,
    #[serde(default = "default_http_code")]
    pub code: u16,
}

fn default_http_code() -> u16 {
    200
}

/// Old-style `@enum` (Smithy 1.0) entry.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EnumDefinition {
    pub value: String,
    pub name: Option<String>,
    pub documentation: Option<String>,
    #[serde(default)]
    pub deprecated: bool,
    #[serde(default)]
    pub tags: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum EnumValue {
    String(String),
    Int(i64),
}

#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Paginated {
    pub input_token: Option<String>,
    pub output_token: Option<String>,
    pub items: Option<String>,
    pub page_size: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
pub struct Deprecated {
    pub message: Option<String>,
    pub since: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AwsService {
    pub sdk_id: String,
    pub arn_namespace: Option<String>,
    pub endpoint_prefix: Option<String>,
    pub cloud_formation_name: Option<String>,
}

/// The decoded traits of one shape or member.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Traits {
    pub documentation: Option<String>,
    pub required: bool,
    pub default: Option<Value>,
    pub added_default: bool,
    pub client_optional: bool,
    pub length: Option<Bounds>,
    pub pattern: Option<String>,
    pub range: Option<Bounds>,
    pub unique_items: bool,
    pub enum_value: Option<EnumValue>,
    pub enum_definitions: Option<Vec<EnumDefinition>>,
    pub idempotency_token: bool,
    pub idempotent: bool,
    pub readonly: bool,
    pub http: Option<HttpTrait>,
    pub http_error: Option<u16>,
    pub error: Option<ErrorKind>,
    pub http_label: bool,
    pub http_query: Option<String>,
    pub http_query_params: bool,
    pub http_header: Option<String>,
    pub http_prefix_headers: Option<String>,
    pub http_payload: bool,
    pub http_response_code: bool,
    pub json_name: Option<String>,
    pub timestamp_format: Option<TimestampFormat>,
    pub sensitive: bool,
    /// `@internal`: left out of the enum value sets validation messages list.
    pub internal: bool,
    pub deprecated: Option<Deprecated>,
    /// `@retryable`; the flag says whether it is a throttling error.
    pub retryable: Option<bool>,
    pub paginated: Option<Paginated>,
    pub streaming: bool,
    pub sparse: bool,
    pub input: bool,
    pub output: bool,
    pub event_stream: bool,
    pub host_prefix: Option<String>,
    pub host_label: bool,
    pub media_type: Option<String>,
    pub mixin: bool,
    pub sigv4_name: Option<String>,
    pub rest_json1: bool,
    pub aws_service: Option<AwsService>,
    pub title: Option<String>,
    /// Every trait not decoded above, by absolute id.
    pub unknown: BTreeMap<String, Value>,
}

impl Traits {
    /// Decodes `raw`; problems are pushed to `errors`, located by the caller.
    pub fn decode(raw: &UniqueMap<Value>, errors: &mut Vec<Diagnostic>) -> Traits {
        let mut traits = Traits::default();
        for (id, value) in raw.iter() {
            if let Err(message) = traits.decode_one(id, value) {
                errors.push(Diagnostic::error(format!("trait `{id}`: {message}")));
            }
        }
        traits
    }

    fn decode_one(&mut self, id: &str, value: &Value) -> Result<(), String> {
        let Some(name) = id.strip_prefix("smithy.api#") else {
            return self.decode_aws(id, value);
        };
        match name {
            "documentation" => self.documentation = Some(string(value)?),
            "required" => self.required = true,
            "default" => self.default = Some(value.clone()),
            "addedDefault" => self.added_default = true,
            "clientOptional" => self.client_optional = true,
            "length" => self.length = Some(typed(value)?),
            "pattern" => self.pattern = Some(string(value)?),
            "range" => self.range = Some(typed(value)?),
            "uniqueItems" => self.unique_items = true,
            "enumValue" => {
                self.enum_value = Some(match value {
                    Value::String(s) => EnumValue::String(s.clone()),
                    Value::Number(n) => {
                        EnumValue::Int(n.as_i64().ok_or("an intEnum value must be an integer")?)
                    }
                    _ => return Err("expected a string or an integer".into()),
                })
            }
            "enum" => self.enum_definitions = Some(typed(value)?),
            "idempotencyToken" => self.idempotency_token = true,
            "idempotent" => self.idempotent = true,
            "readonly" => self.readonly = true,
            "http" => self.http = Some(typed(value)?),
            "httpError" => self.http_error = Some(typed(value)?),
            "error" => {
                self.error = Some(match value.as_str() {
                    Some("client") => ErrorKind::Client,
                    Some("server") => ErrorKind::Server,
                    _ => return Err("expected \"client\" or \"server\"".into()),
                })
            }
            "httpLabel" => self.http_label = true,
            "httpQuery" => self.http_query = Some(string(value)?),
            "httpQueryParams" => self.http_query_params = true,
            "httpHeader" => self.http_header = Some(string(value)?),
            "httpPrefixHeaders" => self.http_prefix_headers = Some(string(value)?),
            "httpPayload" => self.http_payload = true,
            "httpResponseCode" => self.http_response_code = true,
            "jsonName" => self.json_name = Some(string(value)?),
            "timestampFormat" => {
                self.timestamp_format = Some(match value.as_str() {
                    Some("date-time") => TimestampFormat::DateTime,
                    Some("http-date") => TimestampFormat::HttpDate,
                    Some("epoch-seconds") => TimestampFormat::EpochSeconds,
                    _ => return Err("expected date-time, http-date or epoch-seconds".into()),
                })
            }
            "sensitive" => self.sensitive = true,
            "internal" => self.internal = true,
            "deprecated" => self.deprecated = Some(typed(value)?),
            "retryable" => {
                let throttling = value.get("throttling").and_then(Value::as_bool);
                self.retryable = Some(throttling.unwrap_or(false));
            }
            "paginated" => self.paginated = Some(typed(value)?),
            "streaming" => self.streaming = true,
            "sparse" => self.sparse = true,
            "input" => self.input = true,
            "output" => self.output = true,
            "endpoint" => {
                let prefix = value.get("hostPrefix").and_then(Value::as_str);
                self.host_prefix = Some(prefix.ok_or("expected a `hostPrefix` string")?.into());
            }
            "hostLabel" => self.host_label = true,
            "mediaType" => self.media_type = Some(string(value)?),
            "mixin" => self.mixin = true,
            "title" => self.title = Some(string(value)?),
            _ => {
                self.unknown.insert(id.to_string(), value.clone());
            }
        }
        Ok(())
    }

    fn decode_aws(&mut self, id: &str, value: &Value) -> Result<(), String> {
        match id {
            "aws.auth#sigv4" => {
                let name = value.get("name").and_then(Value::as_str);
                self.sigv4_name = Some(name.ok_or("expected a `name` string")?.into());
            }
            "aws.protocols#restJson1" => self.rest_json1 = true,
            "aws.api#service" => self.aws_service = Some(typed(value)?),
            "smithy.api#eventStream" => self.event_stream = true,
            _ => {
                self.unknown.insert(id.to_string(), value.clone());
            }
        }
        Ok(())
    }

    /// True when the member may be absent in the client's view of the shape.
    pub fn has_default(&self) -> bool {
        matches!(&self.default, Some(v) if !v.is_null())
    }
}

fn string(value: &Value) -> Result<String, String> {
    value
        .as_str()
        .map(str::to_string)
        .ok_or_else(|| format!("expected a string, found {}", json_type(value)))
}

fn typed<T: serde::de::DeserializeOwned>(value: &Value) -> Result<T, String> {
    serde_json::from_value(value.clone()).map_err(|e| e.to_string())
}

fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn decode(raw: Value) -> (Traits, Vec<Diagnostic>) {
        let map: UniqueMap<Value> = serde_json::from_value(raw).unwrap();
        let mut errors = Vec::new();
        (Traits::decode(&map, &mut errors), errors)
    }

    #[test]
    fn decodes_constraints_and_bindings() {
        let (t, errors) = decode(json!({
            "smithy.api#length": {"min": 1, "max": 64},
            "smithy.api#pattern": "^a$",
            "smithy.api#http": {"method": "POST", "uri": "/x", "code": 201},
            "smithy.api#httpError": 409,
            "smithy.api#error": "client",
            "smithy.api#timestampFormat": "http-date",
            "smithy.api#retryable": {"throttling": true},
            "aws.auth#sigv4": {"name": "svc"},
            "aws.cloudformation#cfnMutability": "read"
        }));
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(t.length.unwrap().max.unwrap().as_u64(), Some(64));
        assert_eq!(t.http.unwrap().code, 201);
        assert_eq!(t.http_error, Some(409));
        assert_eq!(t.error, Some(ErrorKind::Client));
        assert_eq!(t.timestamp_format, Some(TimestampFormat::HttpDate));
        assert_eq!(t.retryable, Some(true));
        assert_eq!(t.sigv4_name.as_deref(), Some("svc"));
        assert!(t.unknown.contains_key("aws.cloudformation#cfnMutability"));
    }

    #[test]
    fn wrong_json_types_are_errors() {
        let (_, errors) = decode(json!({
            "smithy.api#pattern": 5,
            "smithy.api#length": {"min": "one"},
            "smithy.api#error": "maybe"
        }));
        assert_eq!(errors.len(), 3, "{errors:?}");
        assert!(errors[1].message.contains("smithy.api#length"));
    }

    #[test]
    fn http_code_defaults_to_200() {
        let (t, _) = decode(json!({"smithy.api#http": {"method": "GET", "uri": "/"}}));
        assert_eq!(t.http.unwrap().code, 200);
    }
}
