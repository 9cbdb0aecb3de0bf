{% for line in docs %}//!{{ line }}
{% endfor %}
#[allow(unused_imports)]
use smithygen_server_runtime::serde_json::Value;
#[allow(unused_imports)]
use smithygen_server_runtime::validation::{self, Path, Violation};
#[allow(unused_imports)]
use smithygen_server_runtime::{bind, bytes, decode, encode, http, rest_json, ToJson};
use smithygen_server_runtime::{OperationRequest, Rejection, RequestContext, ResponseBody};

{{ input_struct }}

{{ output_struct }}

///{{ error_docs }}
#[derive(Debug, Clone, PartialEq)]
pub enum {{ error }} {
{%- for v in variants %}
    {{ v.name }}({{ v.ty }}),
{%- endfor %}
}

impl {{ error }} {
    fn into_response(self) -> Result<http::Response<ResponseBody>, Rejection> {
        match self {
{%- for v in variants %}
            Self::{{ v.name }}(e) => rest_json::modeled_error_response(&e),
{%- endfor %}
        }
    }
}
{% for v in variants %}
impl From<{{ v.ty }}> for {{ error }} {
    fn from(e: {{ v.ty }}) -> Self {
        Self::{{ v.name }}(e)
    }
}
{% endfor %}
impl std::fmt::Display for {{ error }} {
    fn fmt(&self, {{ formatter }}: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match {{ display_scrutinee }} {
{%- for v in variants %}
            Self::{{ v.name }}(e) => e.fmt(f),
{%- endfor %}
        }
    }
}

impl std::error::Error for {{ error }} {}

/// Decode every input member from its binding and validate it; `Ok(None)` means violations
/// were pushed.
#[allow(clippy::ptr_arg)]
fn decode_input(v: &mut Vec<Violation>, {{ decode_params }}) -> Result<Option<{{ input }}>, Rejection> {
    let {{ root_path }} = Path::root();
{%- for line in prelude %}
    {{ line }}
{%- endfor %}
    let before = v.len();
{%- for d in decls %}
    {{ d }}
{%- endfor %}
    if v.len() != before {
        return Ok(None);
    }
    Ok(Some({{ input }} {
{%- for a in assemble %}
        {{ a }},
{%- endfor %}
    }))
}

/// Encode the output: status, headers and body.
async fn respond({{ output_param }}: {{ output }}) -> Result<http::Response<ResponseBody>, Rejection> {
{%- for line in respond %}
    {{ line }}
{%- endfor %}
    Ok(response)
}

/// Decode, validate, call the handler, encode. Routing, `Accept`, the body limit, panics and
/// the request id were handled by the runtime's dispatcher before this runs.
pub(crate) async fn handle<T: {{ trait_path }}>(
    handler: &T,
    request: OperationRequest,
) -> Result<http::Response<ResponseBody>, Rejection> {
    let OperationRequest { ctx, labels, uri, body } = request;
    let mut violations = Vec::new();
    let input = decode_input(&mut violations, &ctx, &labels, &uri, &body)?;
    let Some(input) = input.filter(|_| violations.is_empty()) else {
        return {{ validation_response }};
    };
    match handler.{{ snake }}(input, ctx).await {
        Ok(output) => respond(output).await,
        Err(error) => error.into_response(),
    }
}
