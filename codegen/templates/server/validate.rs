//! Decoding and validation of every shape reachable from an operation input. Every function
//! pushes one violation per failed constraint and returns `None` only when it pushed
//! something, so callers keep walking and report every violation; a value of the wrong JSON
//! type is a `Rejection` (400 `SerializationException`).

// Every validator has the same signature, whether or not it pushes violations itself.
#![allow(clippy::ptr_arg)]

#[allow(unused_imports)]
use smithygen_server_runtime::serde_json::Value;
#[allow(unused_imports)]
use smithygen_server_runtime::validation::{self, Path, Pattern, Violation};
#[allow(unused_imports)]
use smithygen_server_runtime::{Rejection, bind, decode};
{% for p in patterns %}
pub(crate) static {{ p.name }}: Pattern = Pattern::{{ p.constructor }}({{ p.source }}, {{ p.regex }}, {{ p.prefix }}{{ p.count }});
{%- endfor %}
{% for item in items %}
{%- match item %}
{%- when Validator::Enum(e) %}
/// `{{ e.id }}`: a value of the enum, or an enum violation.
pub(crate) fn {{ e.name }}(v: &mut Vec<Violation>, path: &Path<'_>, value: {{ e.arg }}) -> Option<{{ e.ty }}> {
match {{ e.conv }} {
Ok(value) => Some(value),
Err(_) => {
validation::enum_violation(v, path, &[{{ e.values }}]);
None
}
}
}
{%- when Validator::Structure(s) %}
/// `{{ s.id }}`: decode and validate.
pub(crate) fn {{ s.name }}(v: &mut Vec<Violation>, path: &Path<'_>, value: Value) -> Result<Option<{{ s.ty }}>, Rejection> {
let {{ s.binding }} = decode::object(value, path)?;
let before = v.len();
{{ s.decls|join("\n") }}
if v.len() != before {
return Ok(None);
}
Ok(Some({{ s.ty }} {
{{ s.assemble|join(",\n") }}
}))
}
{%- when Validator::Union(u) %}
/// `{{ u.id }}`: exactly one member, decoded and validated.
pub(crate) fn {{ u.name }}(v: &mut Vec<Violation>, path: &Path<'_>, value: Value) -> Result<Option<{{ u.ty }}>, Rejection> {
let (key, value) = decode::union_member(decode::object(value, path)?, path)?;
let before = v.len();
let value = match key.as_str() {
{%- for a in u.arms %}
{{ a.json }} => {
let p = path.member({{ a.member }});
let item: Option<_> = {{ a.block }};
item.map({{ a.wrap }})
}
{%- endfor %}
_ => return Err(decode::unknown_member(&key, path)),
};
Ok(value.filter(|_| v.len() == before))
}
{%- when Validator::List(c) %}
/// `{{ c.id }}`: every element decoded and validated.
pub(crate) fn {{ c.name }}(v: &mut Vec<Violation>, path: &Path<'_>, items: Vec<Value>) -> Result<Option<Vec<{{ c.elem }}>>, Rejection> {
let before = v.len();
let mut out = Vec::with_capacity(items.len());
for (i, value) in items.into_iter().enumerate() {
let p = path.index(i);
{{ c.null }}
let item: Option<{{ c.item_ty }}> = {{ c.block }};
if let Some(item) = item {
out.push({{ c.item }});
}
}
Ok((v.len() == before).then_some(out))
}
{%- when Validator::Map(c) %}
/// `{{ c.id }}`: every key and value validated.
pub(crate) fn {{ c.name }}(v: &mut Vec<Violation>, path: &Path<'_>, entries: decode::Object) -> Result<Option<std::collections::HashMap<String, {{ c.elem }}>>, Rejection> {
let before = v.len();
let mut out = std::collections::HashMap::with_capacity(entries.len());
for (key, value) in entries {
let p = path.key(&key);
{{ c.key_checks|join("\n") }}
{{ c.null }}
let item: Option<{{ c.item_ty }}> = {{ c.block }};
if let Some(item) = item {
out.insert(key.clone(), {{ c.item }});
}
}
Ok((v.len() == before).then_some(out))
}
{%- endmatch %}
{% endfor %}
