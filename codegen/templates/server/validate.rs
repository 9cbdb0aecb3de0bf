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
{{ item }}
{% endfor %}
