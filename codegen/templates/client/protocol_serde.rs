//! restJson1 wire forms (private): one serde form per model structure and union, per
//! operation input and output body, and per error body. Member names are the model's (or
//! `@jsonName`); unset members are omitted; unknown keys are ignored and `null` reads as
//! unset. Independent of the public `serde` feature.
// Every model type gets a wire form; a service's operations need not use each one.
#![allow(dead_code)]

use serde::{Deserialize, Serialize};
{%- for w in structs %}

#[derive(Serialize, Deserialize, Default)]
pub(crate) struct {{ w.name }} {
{%- for f in w.fields %}
    #[serde(rename = "{{ f.json }}", default, skip_serializing_if = "Option::is_none")]
    pub(crate) {{ f.ident }}: Option<{{ f.ty }}>,
{%- endfor %}
}
{%- if w.to_model_wire %}

impl From<&{{ w.model }}> for {{ w.name }} {
    #[allow(unused_variables)]
    fn from(value: &{{ w.model }}) -> Self {
        Self {
{%- for f in w.fields %}
            {{ f.ident }}: {{ f.to }},
{%- endfor %}
        }
    }
}
{%- endif %}
{%- if w.from_wire %}

impl From<{{ w.name }}> for {{ w.model }} {
    #[allow(unused_variables)]
    fn from(wire: {{ w.name }}) -> Self {
        {{ w.model }}::builder()
{%- for f in w.fields %}
            .{{ f.setter }}({{ f.from }})
{%- endfor %}
            .build()
    }
}
{%- endif %}
{%- if w.into_error %}

impl {{ w.name }} {
    #[allow(unused_variables)]
    pub(crate) fn into_error(self, meta: crate::error::ErrorMetadata) -> {{ w.model }} {
        let wire = self;
        {{ w.model }}::builder()
{%- for f in w.fields %}
            .{{ f.setter }}({{ f.from }})
{%- endfor %}
            .meta(meta)
            .build()
    }
}
{%- endif %}
{%- endfor %}
{%- for u in unions %}

// Variant sizes follow the model, as in the public union.
#[allow(clippy::large_enum_variant)]
#[derive(Serialize, Deserialize)]
pub(crate) enum {{ u.name }} {
{%- for v in u.variants %}
    #[serde(rename = "{{ v.json }}")]
    {{ v.name }}({{ v.ty }}),
{%- endfor %}
    /// A member this client does not know: never sent, never read.
    #[serde(skip)]
    Unknown,
}

impl From<&{{ u.model }}> for {{ u.name }} {
    fn from(value: &{{ u.model }}) -> Self {
        match value {
{%- for v in u.variants %}
            {{ u.model }}::{{ v.name }}(v) => {{ u.name }}::{{ v.name }}({{ v.to }}),
{%- endfor %}
            {{ u.model }}::Unknown => {{ u.name }}::Unknown,
        }
    }
}

impl From<{{ u.name }}> for {{ u.model }} {
    fn from(wire: {{ u.name }}) -> Self {
        match wire {
{%- for v in u.variants %}
            {{ u.name }}::{{ v.name }}(v) => {{ u.model }}::{{ v.name }}({{ v.from }}),
{%- endfor %}
            {{ u.name }}::Unknown => {{ u.model }}::Unknown,
        }
    }
}
{%- endfor %}
