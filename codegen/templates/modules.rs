{% for line in m.docs %}//!{{ line }}
{% endfor %}
{%- for item in m.items %}
{% if item.public %}pub {% endif %}mod {{ item.module }};
{%- endfor %}
{% for item in m.items %}
{%- if !item.public %}
pub use {{ item.module }}::{{ item.name }};
{%- endif %}
{%- endfor %}
