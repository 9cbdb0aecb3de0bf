//! Paginator for `{{ p.name }}` (`@paginated`: {{ p.token_doc }}).

use super::builders::{{ p.fluent }};
use super::{ {{- p.error_name }}, {{ p.input_builder }}, {{ p.output_name -}} };
use crate::rt::reexports::aws_smithy_async::future::pagination_stream::PaginationStream;

/// Sends `{{ p.name }}` page after page, passing each response's next token ({{ p.token_doc }})
/// to the next request, until the service returns no token (or, by default, the token just
/// sent). Create it with `into_paginator()` on the fluent builder.
#[derive(Debug)]
pub struct {{ p.paginator }} {
    handle: std::sync::Arc<crate::client::Handle>,
    builder: {{ p.input_builder }},
    stop_on_duplicate_token: bool,
}

impl {{ p.paginator }} {
    pub(crate) fn new(
        handle: std::sync::Arc<crate::client::Handle>,
        builder: {{ p.input_builder }},
    ) -> Self {
        Self {
            handle,
            builder,
            stop_on_duplicate_token: true,
        }
    }
{%- if let Some(s) = p.page_size %}

    /// Sets the page size (`{{ s.member }}`).
    pub fn page_size(mut self, limit: {{ s.ty }}) -> Self {
        self.builder = self.builder.{{ s.setter }}(Some(limit));
        self
    }
{%- endif %}

    /// Whether to stop when the service returns the token just sent (default `true`), instead
    /// of requesting the same page forever.
    pub fn stop_on_duplicate_token(mut self, stop_on_duplicate_token: bool) -> Self {
        self.stop_on_duplicate_token = stop_on_duplicate_token;
        self
    }
{%- if let Some(i) = p.items %}

    /// The items (`{{ i.member }}`) of every page, one by one.
    pub fn items(self) -> {{ i.name }} {
        {{ i.name }}(self)
    }
{%- endif %}

    /// The stream of pages; an error is yielded and ends the stream.
    pub fn send(
        self,
    ) -> PaginationStream<Result<{{ p.output_name }}, crate::error::SdkError<{{ p.error_name }}>>> {
        let handle = self.handle;
        crate::rt::paginator::paginate(
            self.builder,
            move |input| {{ p.fluent }}::with_input(handle.clone(), input).send(),
            crate::rt::paginator::Tokens {
                get: {{ p.get_token }},
                set: {{ p.set_token }},
                next: {{ p.next_token }},
            },
            self.stop_on_duplicate_token,
        )
    }
}
{%- if let Some(i) = p.items %}

/// The items (`{{ i.member }}`) of every page of `{{ p.name }}`, from
/// [`{{ p.paginator }}::items`].
#[derive(Debug)]
pub struct {{ i.name }}({{ p.paginator }});

impl {{ i.name }} {
    /// The stream of items; an error is yielded and ends the stream.
    pub fn send(
        self,
    ) -> PaginationStream<Result<{{ i.ty }}, crate::error::SdkError<{{ p.error_name }}>>> {
        crate::rt::reexports::aws_smithy_async::future::pagination_stream::TryFlatMap::new(
            self.0.send(),
        )
        .flat_map(|page| {{ i.expr }})
    }
}
{%- endif %}
