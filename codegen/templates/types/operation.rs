{% for line in docs %}//!{{ line }}
{% endfor %}
{{ input }}

{{ output }}
