{% for line in o.docs %}//!{{ line }}
{% endfor %}
{{ input }}

{{ output }}
