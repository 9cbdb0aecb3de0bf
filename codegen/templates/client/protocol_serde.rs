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
    /// Decodes the error body and headers; on a member of the wrong type the metadata comes
    /// back with the error, for the operation's `Unhandled`.
    pub(crate) fn decode(
        body: crate::rt::protocol::JsonValue,
        meta: crate::error::ErrorMetadata,
        response: &crate::rt::protocol::HttpResponse,
    ) -> Result<{{ w.model }}, (crate::error::BoxError, crate::error::ErrorMetadata)> {
        let wire = match crate::rt::protocol::decode_error_body::<Self>(body) {
            Ok(wire) => wire,
            Err(source) => return Err((source, meta)),
        };
        match Self::headers(response) {
            Ok(builder) => Ok(wire.into_error(builder, meta)),
            Err(source) => Err((source, meta)),
        }
    }

    /// The builder with the members bound to headers set.
    #[allow(unused_variables)]
    fn headers(
        response: &crate::rt::protocol::HttpResponse,
    ) -> Result<{{ w.builder }}, crate::error::BoxError> {
        Ok({{ w.model }}::builder()
{%- for s in w.header_setters %}
            {{ s }}
{%- endfor %}
        )
    }

    #[allow(unused_variables)]
    fn into_error(
        self,
        builder: {{ w.builder }},
        meta: crate::error::ErrorMetadata,
    ) -> {{ w.model }} {
        let wire = self;
        builder
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
#[derive(Serialize)]
pub(crate) enum {{ u.name }} {
{%- for v in u.variants %}
    #[serde(rename = "{{ v.json }}")]
    {{ v.name }}({{ v.ty }}),
{%- endfor %}
    /// A member this client does not know: never sent; read from any unknown key.
    #[serde(skip)]
    Unknown,
}

// restJson1: `__type` is ignored, `null` members are unset; keys this client does not know
// read as `Unknown` when no known member is set.
impl<'de> Deserialize<'de> for {{ u.name }} {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Members;
        impl<'de> serde::de::Visitor<'de> for Members {
            type Value = {{ u.name }};
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("the union {{ u.model }}")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut set = None;
                let mut unknown = false;
                while let Some(key) = map.next_key::<String>()? {
                    let value = match key.as_str() {
{%- for v in u.variants %}
                        "{{ v.json }}" => map.next_value::<Option<{{ v.ty }}>>()?.map({{ u.name }}::{{ v.name }}),
{%- endfor %}
                        "__type" => {
                            map.next_value::<serde::de::IgnoredAny>()?;
                            None
                        }
                        _ => {
                            map.next_value::<serde::de::IgnoredAny>()?;
                            unknown = true;
                            None
                        }
                    };
                    if let Some(value) = value {
                        if set.is_some() {
                            return Err(serde::de::Error::custom("the union {{ u.model }} sets more than one member"));
                        }
                        set = Some(value);
                    }
                }
                match set {
                    Some(value) => Ok(value),
                    None if unknown => Ok({{ u.name }}::Unknown),
                    None => Err(serde::de::Error::custom("the union {{ u.model }} sets no member")),
                }
            }
        }
        d.deserialize_map(Members)
    }
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
