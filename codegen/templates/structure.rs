{% for line in s.docs %}///{{ line }}
{% endfor %}#[derive({{ s.derives }})]
{%- for a in s.attrs %}
{{ a }}
{%- endfor %}
{%- if s.non_exhaustive %}
#[non_exhaustive]
{%- endif %}
pub struct {{ s.name }} {
{%- for f in s.fields %}
{% for line in f.docs %}    ///{{ line }}
{% endfor %}{% for a in f.attrs %}    {{ a }}
{% endfor %}    pub {{ f.ident }}: {{ f.decl_ty }},
{%- endfor %}
{%- for x in s.extra_fields %}
{% for a in x.attrs %}    {{ a }}
{% endfor %}    {{ x.decl }},
{%- endfor %}
}

impl {{ s.name }} {
{%- for f in s.fields %}

{% for line in f.docs %}    ///{{ line }}
{% endfor %}    pub fn {{ f.ident }}(&self) -> {{ f.getter_ty }} {
        {{ f.getter_body }}
    }
{%- endfor %}
{%- if s.has_builder %}

    /// Creates a new builder for [`{{ s.name }}`].
    pub fn builder() -> {{ s.builder_path }} {
        {{ s.builder_path }}::default()
    }
{%- endif %}
}

impl std::fmt::Debug for {{ s.name }} {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("{{ s.name }}")
{%- for f in s.fields %}
            .field("{{ f.ident_unraw }}", {{ f.debug_value }})
{%- endfor %}
{%- for x in s.extra_fields %}
            .field("{{ x.ident }}", &self.{{ x.ident }})
{%- endfor %}
            .finish()
    }
}
{%- if s.has_builder %}

/// A builder for [`{{ s.name }}`].
#[derive({{ s.builder_derives }})]
#[non_exhaustive]
pub struct {{ s.name }}Builder {
{%- for f in s.fields %}
    pub(crate) {{ f.ident }}: Option<{{ f.builder_ty }}>,
{%- endfor %}
{%- for x in s.extra_fields %}
    {{ x.builder_decl }},
{%- endfor %}
}

impl {{ s.name }}Builder {
{%- for f in s.fields %}

{% for line in f.docs %}    ///{{ line }}
{% endfor %}    {{ f.builder_method }}

{% for line in f.docs %}    ///{{ line }}
{% endfor %}    pub fn {{ f.setter }}(mut self, input: Option<{{ f.builder_ty }}>) -> Self {
        self.{{ f.ident }} = input;
        self
    }

{% for line in f.docs %}    ///{{ line }}
{% endfor %}    pub fn get_{{ f.ident_unraw }}(&self) -> &Option<{{ f.builder_ty }}> {
        &self.{{ f.ident }}
    }
{%- endfor %}

{%- for m in s.builder_extra %}

    {{ m }}
{%- endfor %}

    /// Consumes the builder and constructs a [`{{ s.name }}`].
    pub fn build(self) -> {{ s.build_ty }} {
        {{ s.build_open }}{{ s.name }} {
{%- for f in s.fields %}
            {{ f.ident }}: {{ f.build_expr }},
{%- endfor %}
{%- for x in s.extra_fields %}
            {{ x.ident }}: {{ x.build_expr }},
{%- endfor %}
        }{{ s.build_close }}
    }
}

impl std::fmt::Debug for {{ s.name }}Builder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("{{ s.name }}Builder")
{%- for f in s.fields %}
            .field("{{ f.ident_unraw }}", {{ f.debug_value }})
{%- endfor %}
            .finish()
    }
}
{%- endif %}
