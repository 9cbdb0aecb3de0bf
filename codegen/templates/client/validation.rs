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

/// Validates [`{{ o.input }}`].
pub fn {{ o.name }}({{ o.param }}: &{{ o.input }}) -> Result<(), ValidationError> {
{%- for line in o.body %}
    {{ line }}
{%- endfor %}
}
{%- endfor %}
{% for item in items %}
{%- match item %}
{%- when Validator::Enum(e) %}
/// `{{ e.id }}`: a value the model defines, or an enum violation.
#[allow(deprecated)]
pub(crate) fn {{ e.name }}(v: &mut Vec<Violation>, path: &Path<'_>, value: &{{ e.ty }}) {
if let {{ e.ty }}::Unknown(_) = value {
validation::enum_violation(v, path, &[{{ e.values }}]);
}
}
{%- when Validator::Structure(s) %}
/// `{{ s.id }}`: every member validated.
pub(crate) fn {{ s.name }}(v: &mut Vec<Violation>, path: &Path<'_>, value: &{{ s.ty }}) {
{{ s.stmts|join("\n") }}
}
{%- when Validator::Union(u) %}
/// `{{ u.id }}`: the member that is set, validated.
pub(crate) fn {{ u.name }}(v: &mut Vec<Violation>, path: &Path<'_>, value: &{{ u.ty }}) {
{%- if u.arms.len() == 1 %}
{%- for a in u.arms %}
if let {{ a.pattern }} = value {
let p = path.member({{ a.member }});
{{ a.checks|join("\n") }}
}
{%- endfor %}
{%- else %}
match value {
{%- for a in u.arms %}
{{ a.pattern }} => {
let p = path.member({{ a.member }});
{{ a.checks|join("\n") }}
}
{%- endfor %}
_ => {}
}
{%- endif %}
}
{%- when Validator::List(c) %}
/// `{{ c.id }}`: every element validated.
pub(crate) fn {{ c.name }}(v: &mut Vec<Violation>, path: &Path<'_>, items: &[{{ c.elem }}]) {
for (i, value) in items.iter().enumerate() {
let p = path.index(i);
{{ c.stmts|join("\n") }}
}
}
{%- when Validator::Map(c) %}
/// `{{ c.id }}`: every key and value validated, in key order (the order the
/// server reads a JSON object in).
pub(crate) fn {{ c.name }}(v: &mut Vec<Violation>, path: &Path<'_>, entries: &std::collections::HashMap<String, {{ c.elem }}>) {
let entries: std::collections::BTreeMap<_, _> = entries.iter().collect();
for {{ c.entry }} in entries {
{%- if c.checks_values %}
let p = path.key(key);
{%- endif %}
{{ c.stmts|join("\n") }}
}
}
{%- endmatch %}
{% endfor %}
