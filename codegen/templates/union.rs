{% for line in u.docs %}///{{ line }}
{% endfor %}// Variant sizes follow the model; boxing them all would cost every user an allocation.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, PartialEq)]
{%- for a in u.attrs %}
{{ a }}
{%- endfor %}
{%- if u.open %}
#[non_exhaustive]
{%- endif %}
pub enum {{ u.name }} {
{%- for v in u.variants %}
{% for line in v.docs %}    ///{{ line }}
{% endfor %}{% for a in v.attrs %}    {{ a }}
{% endfor %}    {{ v.name }}({{ v.ty }}),
{%- endfor %}
{%- if u.open %}
    /// A member this version of the crate does not know.
{%- for a in u.unknown_attrs %}
    {{ a }}
{%- endfor %}
    #[non_exhaustive]
    Unknown,
{%- endif %}
}

impl {{ u.name }} {
{%- for v in u.variants %}
    /// The `{{ v.name }}` value, or `Err(self)` when another member is set.
    pub fn {{ v.as_fn }}(&self) -> Result<&{{ v.ty }}, &Self> {
        match self {
            {{ u.name }}::{{ v.name }}(value) => Ok(value),
            // Unreachable in a server union with one member.
            #[allow(unreachable_patterns)]
            _ => Err(self),
        }
    }

    /// True when the `{{ v.name }}` member is set.
    pub fn {{ v.is_fn }}(&self) -> bool {
        self.{{ v.as_fn }}().is_ok()
    }
{%- endfor %}
{%- if u.open %}

    /// True when the member is one this crate does not know.
    pub fn is_unknown(&self) -> bool {
        matches!(self, Self::Unknown)
    }
{%- endif %}
}

impl std::fmt::Debug for {{ u.name }} {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
{%- for v in u.variants %}
            {{ u.name }}::{{ v.name }}({{ v.debug_binding }}) => f.debug_tuple("{{ v.name }}").field({{ v.debug_value }}).finish(),
{%- endfor %}
{%- if u.open %}
            {{ u.name }}::Unknown => f.write_str("Unknown"),
{%- endif %}
        }
    }
}
