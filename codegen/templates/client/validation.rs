//! Client-side constraint validation (opt-in: `Config::builder().validate_requests(true)`).
//!
//! One `validate_<operation>_input` per operation walks the input and every nested value
//! (`@required`, `@length`, `@pattern`, `@range`, `@uniqueItems`, enum values) with the checks
//! of `smithygen-validation`, the code the generated server runs: the same violations, in the
//! same order, with the same JSON-pointer paths and messages as the server's
//! `ValidationException`.

#[allow(unused_imports)]
use crate::error::ValidationError;
#[allow(unused_imports)]
use crate::rt::validation::{self, Path, Pattern};
/// One violated constraint: its JSON-pointer path and its message.
pub use crate::rt::validation::Violation;
{% for p in patterns %}
pub(crate) static {{ p.name }}: Pattern = Pattern::{{ p.constructor }}({{ p.source }}, {{ p.regex }}, {{ p.prefix }}{{ p.count }});
{%- endfor %}
{%- for o in operations %}

/// Validates [`{{ o.input }}`]({{ o.input }}).
pub fn {{ o.name }}({{ o.param }}: &{{ o.input }}) -> Result<(), ValidationError> {
{%- for line in o.body %}
    {{ line }}
{%- endfor %}
}
{%- endfor %}
{% for item in items %}
{{ item }}
{% endfor %}
