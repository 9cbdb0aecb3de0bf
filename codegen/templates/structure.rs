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
{%- if s.request_id %}
    #[cfg_attr(feature = "serde", serde(skip))]
    _request_id: Option<String>,
{%- endif %}
{%- if s.error_meta %}
    #[cfg_attr(feature = "serde", serde(skip))]
    pub(crate) meta: crate::error::ErrorMetadata,
{%- endif %}
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
        // Not `Builder::default()`: a member named `default` gives the builder that method.
        Default::default()
    }
{%- endif %}
}

impl std::fmt::Debug for {{ s.name }} {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("{{ s.name }}")
{%- for f in s.fields %}
            .field("{{ f.ident_unraw }}", {{ f.debug_value }})
{%- endfor %}
{%- if s.request_id %}
            .field("_request_id", &self._request_id)
{%- endif %}
{%- if s.error_meta %}
            .field("meta", &self.meta)
{%- endif %}
            .finish()
    }
}
{%- if s.has_builder %}

/// A builder for [`{{ s.name }}`].
#[derive({{ s.builder_derives }})]
#[non_exhaustive]
pub struct {{ s.builder_path }} {
{%- for f in s.fields %}
    pub(crate) {{ f.ident }}: Option<{{ f.builder_ty }}>,
{%- endfor %}
{%- if s.request_id %}
    _request_id: Option<String>,
{%- endif %}
{%- if s.error_meta %}
    meta: Option<crate::error::ErrorMetadata>,
{%- endif %}
}

impl {{ s.builder_path }} {
{%- for f in s.fields %}

{% for line in f.docs %}    ///{{ line }}
{% endfor %}
{%- match f.builder_arg -%}
{%- when BuilderArg::Item %}    pub fn {{ f.ident }}(mut self, input: {{ f.item_ty }}) -> Self {
        self.{{ f.ident }}.get_or_insert_with(Vec::new).push(input);
        self
    }
{%- when BuilderArg::Entry %}    pub fn {{ f.ident }}(mut self, key: impl Into<String>, value: {{ f.item_ty }}) -> Self {
        self.{{ f.ident }}.get_or_insert_with(Default::default).insert(key.into(), value);
        self
    }
{%- when BuilderArg::Into %}    pub fn {{ f.ident }}(mut self, input: impl Into<{{ f.builder_ty }}>) -> Self {
        self.{{ f.ident }} = Some(input.into());
        self
    }
{%- endmatch %}

{% for line in f.docs %}    ///{{ line }}
{% endfor %}    pub fn {{ f.setter }}(mut self, input: Option<{{ f.builder_ty }}>) -> Self {
        self.{{ f.ident }} = input;
        self
    }

{% for line in f.docs %}    ///{{ line }}
{% endfor %}    pub fn {{ f.getter }}(&self) -> &Option<{{ f.builder_ty }}> {
        &self.{{ f.ident }}
    }
{%- endfor %}

{%- if s.request_id %}

    pub(crate) fn _set_request_id(mut self, request_id: Option<String>) -> Self {
        self._request_id = request_id;
        self
    }
{%- endif %}
{%- if s.error_meta %}

    /// Sets the error metadata (code, message, request id).
    pub fn meta(mut self, meta: crate::error::ErrorMetadata) -> Self {
        self.meta = Some(meta);
        self
    }

    /// Sets the error metadata.
    pub fn set_meta(&mut self, meta: Option<crate::error::ErrorMetadata>) -> &mut Self {
        self.meta = meta;
        self
    }
{%- endif %}

    /// Consumes the builder and constructs a [`{{ s.name }}`].
    pub fn build(self) -> {{ s.build_ty }} {
        {{ s.build_open }}{{ s.name }} {
{%- for f in s.fields %}
            {{ f.ident }}: {{ f.build_expr }},
{%- endfor %}
{%- if s.request_id %}
            _request_id: self._request_id,
{%- endif %}
{%- if s.error_meta %}
            meta: self.meta.unwrap_or_default(),
{%- endif %}
        }{{ s.build_close }}
    }
}

impl std::fmt::Debug for {{ s.builder_path }} {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("{{ s.builder_path }}")
{%- for f in s.fields %}
            .field("{{ f.ident_unraw }}", {{ f.debug_value }})
{%- endfor %}
            .finish()
    }
}
{%- endif %}
