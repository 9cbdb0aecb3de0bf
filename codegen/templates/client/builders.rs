//! Builders for `{{ o.name }}`.

pub use super::{{ o.input_builder }};
pub use super::{{ o.output_builder }};

use super::{ {{- o.error_name }}, {{ o.output_name -}} };

impl {{ o.input_builder }} {
    /// Sends a request with this input using the given client.
    pub async fn send_with(
        self,
        client: &crate::Client,
    ) -> Result<{{ o.output_name }}, crate::error::SdkError<{{ o.error_name }}>> {
        let mut fluent_builder = client.{{ o.snake }}();
        fluent_builder.inner = self;
        fluent_builder.send().await
    }
}

/// Fluent builder for `{{ o.name }}`.
{%- if !o.docs.is_empty() %}
///
{%- endif %}
{% for line in o.docs %}///{{ line }}
{% endfor %}#[derive({{ o.derives }})]
pub struct {{ o.fluent }} {
    handle: std::sync::Arc<crate::client::Handle>,
    inner: {{ o.input_builder }},
}

impl {{ o.fluent }} {
    pub(crate) fn new(handle: std::sync::Arc<crate::client::Handle>) -> Self {
        Self {
            handle,
            inner: Default::default(),
        }
    }

{%- if let Some(paginator) = o.paginator %}

    pub(crate) fn with_input(
        handle: std::sync::Arc<crate::client::Handle>,
        inner: {{ o.input_builder }},
    ) -> Self {
        Self { handle, inner }
    }

    /// Creates a paginator for this request: its `send()` yields every page, `items()` (when
    /// the model names the items) every item.
    pub fn into_paginator(self) -> super::paginator::{{ paginator }} {
        super::paginator::{{ paginator }}::new(self.handle, self.inner)
    }
{%- endif %}

    /// Access the input as set so far.
    pub fn as_input(&self) -> &{{ o.input_builder }} {
        &self.inner
    }

    /// Sends the request.
    ///
    /// An unset `@idempotencyToken` member is generated here (once per call, reused by every
    /// retry). With `validate_requests(true)` the input is checked against the model's
    /// constraints first, and a violation is returned as `SdkError::ConstructionFailure`
    /// without sending.
    pub async fn send(
        self,
    ) -> Result<{{ o.output_name }}, crate::error::SdkError<{{ o.error_name }}>> {
        {{ o.input_binding }} = self
            .inner
            .build()
            .map_err(crate::error::SdkError::construction_failure)?;
{%- for line in o.token_lines %}
        {{ line }}
{%- endfor %}
        if self.handle.conf.validate_requests() {
            crate::validation::{{ o.validate_fn }}(&input)
                .map_err(crate::error::SdkError::construction_failure)?;
        }
        crate::rt::operation::invoke(
            &self.handle.conf,
            &self.handle.operations,
            &crate::meta::SERVICE,
            &super::OPERATION,
            input,
        )
        .await
    }
{%- for f in o.fields %}

{% for line in f.docs %}    ///{{ line }}
{% endfor %}
{%- match f.builder_arg -%}
{%- when BuilderArg::Item %}    pub fn {{ f.ident }}(mut self, input: {{ f.item_ty }}) -> Self {
        self.inner = self.inner.{{ f.ident }}(input);
        self
    }
{%- when BuilderArg::Entry %}    pub fn {{ f.ident }}(mut self, key: impl Into<String>, value: {{ f.item_ty }}) -> Self {
        self.inner = self.inner.{{ f.ident }}(key, value);
        self
    }
{%- when BuilderArg::Into %}    pub fn {{ f.ident }}(mut self, input: impl Into<{{ f.builder_ty }}>) -> Self {
        self.inner = self.inner.{{ f.ident }}(input);
        self
    }
{%- endmatch %}

{% for line in f.docs %}    ///{{ line }}
{% endfor %}    pub fn {{ f.setter }}(mut self, input: Option<{{ f.builder_ty }}>) -> Self {
        self.inner = self.inner.{{ f.setter }}(input);
        self
    }

{% for line in f.docs %}    ///{{ line }}
{% endfor %}    pub fn {{ f.getter }}(&self) -> &Option<{{ f.builder_ty }}> {
        self.inner.{{ f.getter }}()
    }
{%- endfor %}
}
