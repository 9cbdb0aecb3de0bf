//! The Smithy protocol tests of {{ title }} for the generated {{ side }}: one test per case.
#![cfg(test)]
#![allow(non_snake_case, unused_imports, unused_variables, clippy::all)]

use smithygen_protocol_test as pt;
use pt::bytes::Bytes;
use {{ client_crate }} as client;
{%- if let Some(server) = server_crate %}
use {{ server }} as server;
{%- endif %}

/// A client whose requests go to `http`.
fn client(http: client::config::SharedHttpClient, endpoint: &str) -> client::Client {
    let config = client::Config::builder()
        .behavior_version(client::config::BehaviorVersion::latest())
        .region(client::config::Region::new("us-east-1"))
        .credentials_provider(client::config::Credentials::new("AKID", "SECRET", None, None, "test"))
        .endpoint_url(endpoint)
        .http_client(http)
        .retry_config(client::config::retry::RetryConfig::disabled())
        .build();
    client::Client::from_conf(config)
}
{%- if let Some(server) = server_crate %}

/// The handler: hands every input to the recorder and answers what it was told to.
struct Handler(std::sync::Arc<pt::Recorder>);

impl server::{{ trait_name }} for Handler {
{%- for op in operations %}
    async fn {{ op.method }}(
        &self,
        input: {{ op.input }},
        _ctx: server::RequestContext,
    ) -> Result<{{ op.output }}, {{ op.error }}> {
        self.0.handle(input).await
    }
{% endfor -%}
}

/// A fresh server and its recorder.
fn server() -> (server::{{ server_type }}<Handler>, std::sync::Arc<pt::Recorder>) {
    let recorder = std::sync::Arc::new(pt::Recorder::default());
    (server::{{ server_type }}::new(Handler(recorder.clone())), recorder)
}
{%- endif %}

/// The request a generated client sends for an operation call (the canned answer is `{}`).
macro_rules! sent {
    ($endpoint:expr, |$client:ident| $call:expr) => {{ "{{" }}
        let (http, captured) = pt::capture(200, &[], "{}");
        let $client = client(http, $endpoint);
        let result = $call.await;
        match captured.first() {
            Some(request) => request,
            None => panic!("no request was sent: {:?}", result.err().map(|e| client::error::DisplayErrorContext(e).to_string())),
        }
    {{ "}}" }};
}
{% for m in modules %}
mod {{ m.name }} {
    use super::*;
{% for c in m.cases %}
    #[tokio::test]
    async fn {{ c.name }}() {
{%- if let Some(reason) = c.unsupported %}
        panic!("not generated: {}", {{ reason }});
{%- else %}
{%- for line in c.lines %}
        {{ line }}
{%- endfor %}
{%- endif %}
    }
{% endfor %}
}
{% endfor %}
