//! The service trait users implement and the `tower::Service` that serves it.

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, LazyLock};
use std::task::{Context, Poll};

use smithygen_server_runtime::http::{Method, Request, Response};
use smithygen_server_runtime::{
    BoxError, InternalErrorShape, RequestContext, ResponseBody, Route, Router, ServerConfig,
    ServiceShape, dispatch, http_body, tower,
};

{% for line in trait_docs %}///{{ line }}
{% endfor %}///
/// Implement one `async fn` per operation; each receives the decoded, validated input.
pub trait {{ trait_name }}: Send + Sync + 'static {
{%- for op in ops %}
{% for line in op.docs %}    ///{{ line }}
{% endfor %}    fn {{ op.snake }}(
        &self,
        input: {{ op.input }},
        ctx: RequestContext,
    ) -> impl Future<Output = Result<{{ op.output }}, {{ op.error }}>> + Send;
{%- endfor %}
}

/// Which operation a request was routed to (variants are the model's operation names).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(clippy::enum_variant_names)]
enum Operation {
{%- for op in ops %}
    {{ op.name }},
{%- endfor %}
}

static ROUTER: LazyLock<Router<Operation>> = LazyLock::new(|| {
    Router::new([
{%- for op in ops %}
        Route {
            method: Method::{{ op.method }},
            uri: {{ op.uri }},
            op: Operation::{{ op.name }},
            name: "{{ op.name }}",
        },
{%- endfor %}
    ])
    .expect("URI templates are validated at codegen time")
});

const SERVICE: ServiceShape = ServiceShape {
    name: "{{ service_name }}",
    internal_error: {{ internal_error }},
};

/// A `tower::Service` serving a [`{{ trait_name }}`] implementation over restJson1.
/// Cloning is cheap (two `Arc`s).
pub struct {{ server }}<T> {
    handler: Arc<T>,
    config: Arc<ServerConfig>,
}

impl<T> Clone for {{ server }}<T> {
    fn clone(&self) -> Self {
        {{ server }} {
            handler: Arc::clone(&self.handler),
            config: Arc::clone(&self.config),
        }
    }
}

impl<T: {{ trait_name }}> {{ server }}<T> {
    /// Serve `handler` with the default [`ServerConfig`].
    pub fn new(handler: T) -> Self {
        Self::from_arc(Arc::new(handler))
    }

    /// Serve a handler that is shared elsewhere too.
    pub fn from_arc(handler: Arc<T>) -> Self {
        {{ server }} {
            handler,
            config: Arc::new(ServerConfig::default()),
        }
    }

    /// Replace the configuration (the service uses `body_limit`; pass the same config to
    /// [`crate::serve`] for the connection settings).
    pub fn with_config(mut self, config: ServerConfig) -> Self {
        self.config = Arc::new(config);
        self
    }

    /// The configuration in use.
    pub fn config(&self) -> &ServerConfig {
        &self.config
    }

    /// The handler.
    pub fn handler(&self) -> &Arc<T> {
        &self.handler
    }
}

impl<T, B> tower::Service<Request<B>> for {{ server }}<T>
where
    T: {{ trait_name }},
    B: http_body::Body + Send + 'static,
    B::Data: Send,
    B::Error: Into<BoxError>,
{
    type Response = Response<ResponseBody>;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Infallible>> + Send>>;

    fn poll_ready(&mut self, _cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: Request<B>) -> Self::Future {
        let handler = Arc::clone(&self.handler);
        // The dispatch future itself is boxed (no `async` block around it: one move less of
        // the whole request future per request).
        Box::pin(dispatch(request, &ROUTER, &SERVICE, Arc::clone(&self.config), move |op, request| async move {
            match op {
{%- for op in ops %}
                Operation::{{ op.name }} => crate::operation::{{ op.snake }}::handle(&*handler, request).await,
{%- endfor %}
            }
        }))
    }
}
