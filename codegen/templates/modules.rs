{% for line in m.docs %}//!{{ line }}
{% endfor %}{% for u in uses %}
{{ u }}
{% endfor %}
{%- for item in m.items %}
{% if item.public %}pub {% endif %}mod {{ item.module }};
{%- endfor %}
{% for item in m.items %}
{%- if !item.public %}
pub use {{ item.module }}::{{ item.name }};
{%- endif %}
{%- endfor %}
{%- if !m.builders.is_empty() %}

/// Builders for the types above.
pub mod builders {
{%- for b in m.builders %}
    pub use super::{{ b }};
{%- endfor %}
}
{%- endif %}
