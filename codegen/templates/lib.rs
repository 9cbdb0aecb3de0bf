{% for line in c.docs %}//!{{ line }}
{% endfor %}
{%- for m in c.modules %}
{% for line in m.docs %}///{{ line }}
{% endfor %}pub mod {{ m.name }};
{%- endfor %}
