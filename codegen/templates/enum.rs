{% for line in e.docs %}///{{ line }}
{% endfor %}#[derive(Clone, Debug, Eq, Hash, Ord, PartialEq, PartialOrd)]
{%- if e.open %}
#[non_exhaustive]
{%- endif %}
pub enum {{ e.name }} {
{%- for v in e.variants %}
{% for line in v.docs %}    ///{{ line }}
{% endfor %}{% if v.deprecated %}    #[deprecated]
{% endif %}    {{ v.name }},
{%- endfor %}
{%- if e.open %}
    /// A value this version of the crate does not know, kept as received.
    #[deprecated(note = "Don't match on `Unknown`: new variants may be added. Use `as_str()` instead.")]
    Unknown({{ e.unknown_ty }}),
{%- endif %}
}

impl {{ e.name }} {
    /// The value as sent on the wire.
    #[allow(deprecated)]
    pub fn {{ e.as_fn }}(&self) -> {{ e.value_ty }} {
        match self {
{%- for v in e.variants %}
            {{ e.name }}::{{ v.name }} => {{ v.literal }},
{%- endfor %}
{%- if e.open %}
            {{ e.name }}::Unknown(value) => {{ e.unknown_as }},
{%- endif %}
        }
    }

    /// Every value the model defines.
    pub const fn values() -> &'static [{{ e.value_elem }}] {
        &[{% for v in e.variants %}{{ v.literal }}, {% endfor %}]
    }
{%- if e.try_parse %}

    /// Parses a value, rejecting values this client version does not know.
    pub fn try_parse(value: &str) -> Result<Self, crate::error::UnknownVariantError> {
        match Self::from(value) {
            #[allow(deprecated)]
            Self::Unknown(_) => Err(crate::error::UnknownVariantError::new(value)),
            known => Ok(known),
        }
    }
{%- endif %}
}

impl {{ e.from_trait }} for {{ e.name }} {
{%- if e.open %}
    #[allow(deprecated)]
    fn from(value: {{ e.from_arg }}) -> Self {
        match value {
{%- for v in e.variants %}
            {{ v.literal }} => {{ e.name }}::{{ v.name }},
{%- endfor %}
            other => {{ e.name }}::Unknown({{ e.unknown_new }}),
        }
    }
{%- else %}
    type Error = {{ e.error_ty }};

    #[allow(deprecated)]
    fn try_from(value: {{ e.from_arg }}) -> Result<Self, {{ e.error_ty }}> {
        match value {
{%- for v in e.variants %}
            {{ v.literal }} => Ok({{ e.name }}::{{ v.name }}),
{%- endfor %}
            other => Err({{ e.error_new }}),
        }
    }
{%- endif %}
}
{%- if !e.int_enum %}

impl std::str::FromStr for {{ e.name }} {
    type Err = {{ e.from_str_err }};

    fn from_str(s: &str) -> Result<Self, {{ e.from_str_err }}> {
        {{ e.from_str_body }}
    }
}

impl AsRef<str> for {{ e.name }} {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}
{%- endif %}

impl std::fmt::Display for {{ e.name }} {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.{{ e.as_fn }}())
    }
}
{%- if e.serde %}

#[cfg(feature = "serde")]
impl serde::Serialize for {{ e.name }} {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
{%- if e.int_enum %}
        serializer.serialize_i32(self.value())
{%- else %}
        serializer.serialize_str(self.as_str())
{%- endif %}
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for {{ e.name }} {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
{%- if e.int_enum %}
        Ok({{ e.name }}::from(<i32 as serde::Deserialize>::deserialize(deserializer)?))
{%- else %}
        let s = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(deserializer)?;
        Ok({{ e.name }}::from(s.as_ref()))
{%- endif %}
    }
}
{%- endif %}
