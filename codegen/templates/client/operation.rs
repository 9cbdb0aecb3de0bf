{% for line in o.docs %}//!{{ line }}
{% endfor %}
// Operation: {{ o.shape_id }}
//   {{ o.http }}

pub mod builders;
{%- if o.paginated %}
pub mod paginator;
{%- endif %}

use crate::error::{ErrorMetadata, ProvideErrorMetadata};
use crate::rt::protocol::JsonValue;
use crate::rt::reexports::aws_smithy_runtime_api::client::orchestrator::{
    HttpRequest, HttpResponse, OrchestratorError,
};

{{ o.input }}

{{ o.output }}

impl crate::operation::RequestId for {{ o.output_name }} {
    fn request_id(&self) -> Option<&str> {
        self._request_id.as_deref()
    }
}

/// Errors `{{ o.name }}` can return: one variant per error in the model's `errors` list,
/// plus `Unhandled` for anything else.
#[non_exhaustive]
#[derive(Debug)]
pub enum {{ o.error_name }} {
{%- for e in o.errors %}
{% for line in e.v.docs %}    ///{{ line }}
{% endfor %}    {{ e.v.name }}(crate::types::error::{{ e.v.name }}),
{%- endfor %}
    /// An unexpected error occurred (e.g., invalid JSON returned by the service or an unknown error code).
    #[deprecated(
        note = "Matching `Unhandled` directly is not forwards compatible. Instead, match using a \
                variable wildcard pattern and check `.code()`: \
                `err if err.code() == Some(\"SpecificExceptionCode\") => { /* handle the error */ }`"
    )]
    Unhandled(crate::error::Unhandled),
}

#[allow(deprecated)]
impl {{ o.error_name }} {
    /// Creates the `Unhandled` variant from any error.
    pub fn unhandled(err: impl Into<crate::error::BoxError>) -> Self {
        Self::Unhandled(crate::error::Unhandled::new(err, None))
    }

    /// Creates the `Unhandled` variant from error metadata.
    pub fn generic(meta: ErrorMetadata) -> Self {
        Self::Unhandled(crate::error::Unhandled::new(meta.clone(), Some(meta)))
    }

    /// The error metadata (code, message, request id).
    pub fn meta(&self) -> &ErrorMetadata {
        match self {
{%- for e in o.errors %}
            Self::{{ e.v.name }}(e) => ProvideErrorMetadata::meta(e),
{%- endfor %}
            Self::Unhandled(e) => e.meta(),
        }
    }
{%- for e in o.errors %}

    /// `true` if this is `{{ e.v.name }}`.
    pub fn {{ e.is_fn }}(&self) -> bool {
        matches!(self, Self::{{ e.v.name }}(_))
    }
{%- endfor %}
}

#[allow(deprecated)]
impl std::error::Error for {{ o.error_name }} {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
{%- for e in o.errors %}
            Self::{{ e.v.name }}(e) => Some(e),
{%- endfor %}
            Self::Unhandled(e) => Some(e.source()),
        }
    }
}

#[allow(deprecated)]
impl std::fmt::Display for {{ o.error_name }} {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
{%- for e in o.errors %}
            Self::{{ e.v.name }}(e) => e.fmt(f),
{%- endfor %}
            Self::Unhandled(e) => crate::rt::error::fmt_unhandled(e.meta(), f),
        }
    }
}

impl ProvideErrorMetadata for {{ o.error_name }} {
    fn meta(&self) -> &ErrorMetadata {
        self.meta()
    }
}

impl crate::rt::error::ProvideErrorKind for {{ o.error_name }} {
    fn code(&self) -> Option<&str> {
        ProvideErrorMetadata::code(self)
    }

    /// From `@retryable` on the error shapes.
    #[allow(deprecated)]
    fn retryable_error_kind(&self) -> Option<crate::rt::error::ErrorKind> {
        match self {
{%- for e in o.errors %}
            Self::{{ e.v.name }}(_) => {{ e.kind }},
{%- endfor %}
            Self::Unhandled(_) => None,
        }
    }
}

impl crate::rt::error::CreateUnhandledError for {{ o.error_name }} {
    fn create_unhandled_error(source: crate::error::BoxError, meta: Option<ErrorMetadata>) -> Self {
        #[allow(deprecated)]
        Self::Unhandled(crate::error::Unhandled::new(source, meta))
    }
}

impl crate::operation::RequestId for {{ o.error_name }} {
    fn request_id(&self) -> Option<&str> {
        crate::operation::RequestId::request_id(self.meta())
    }
}

/// The operation as the runtime invokes it.
pub(crate) static OPERATION: crate::rt::operation::OperationMeta<
    {{ o.input_name }},
    {{ o.output_name }},
    {{ o.error_name }},
> = crate::rt::operation::OperationMeta {
    name: "{{ o.name }}",
    slot: {{ o.slot }},
    serialize: ser_request,
    deserialize: de_response,
{%- if o.host_prefix.is_some() %}
    host_prefix: Some(host_prefix),
{%- else %}
    host_prefix: None,
{%- endif %}
};
{%- if let Some(lines) = o.host_prefix %}

/// `@endpoint(hostPrefix)` with the input's `@hostLabel`s.
fn host_prefix({{ o.host_prefix_param }}: &{{ o.input_name }}) -> Result<String, crate::error::BoxError> {
{%- for line in lines %}
    {{ line }}
{%- endfor %}
}
{%- endif %}

fn ser_request({{ o.input_param }}: {{ o.input_name }}) -> Result<HttpRequest, crate::error::BoxError> {
{%- for line in o.ser_lines %}
    {{ line }}
{%- endfor %}
}

fn de_response(
    response: &HttpResponse,
) -> Result<{{ o.output_name }}, OrchestratorError<{{ o.error_name }}>> {
    crate::rt::rest::deserialize_response(
        response,
        |response| {
{%- for line in o.de_lines %}
            {{ line }}
{%- endfor %}
            Ok({{ o.output_name }}::builder()
{%- for s in o.de_setters %}
                {{ s }}
{%- endfor %}
                ._set_request_id(crate::rt::protocol::request_id(response))
                .build())
        },
        de_error,
    )
}

/// Dispatches on the sanitized error code (case-sensitive shape names).
fn de_error(
    meta: ErrorMetadata,
    {{ o.body_param }}: JsonValue,
    {{ o.response_param }}: &HttpResponse,
) -> {{ o.error_name }} {
{%- if o.errors.is_empty() %}
    {{ o.error_name }}::generic(meta)
{%- else %}
    match meta.code() {
{%- for e in o.errors %}
        Some("{{ e.code }}") => match {{ e.wire }}::decode(body, meta, response) {
            Ok(error) => {{ o.error_name }}::{{ e.v.name }}(error),
            Err((source, meta)) => crate::rt::error::CreateUnhandledError::create_unhandled_error(source, Some(meta)),
        },
{%- endfor %}
        _ => {{ o.error_name }}::generic(meta),
    }
{%- endif %}
}
