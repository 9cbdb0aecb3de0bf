//! The server side: a handler that records, per operation, how the received input differs
//! from the sample, and answers the sample output.

use std::collections::HashMap;
use std::sync::Mutex;

use {{ server_crate }} as server;
use server::RequestContext;

/// Records what each operation received.
#[derive(Debug, Default)]
pub struct RoundTrip {
    received: Mutex<HashMap<&'static str, Vec<String>>>,
}

impl RoundTrip {
    fn record(&self, operation: &'static str, diffs: Vec<String>) {
        self.received
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(operation, diffs);
    }

    /// How the input of `operation` differed from the sample (empty: it did not); `None` when
    /// the handler was not called.
    pub fn take(&self, operation: &str) -> Option<Vec<String>> {
        self.received
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(operation)
    }
}

impl server::{{ trait_name }} for RoundTrip {
{%- for op in ops %}
    async fn {{ op.method }}(
        &self,
        input: {{ op.server_input }},
        _ctx: RequestContext,
    ) -> Result<{{ op.server_output }}, {{ op.server_error }}> {
        self.record({{ op.name_lit }}, crate::ops::{{ op.module }}::check_input(&input));
        Ok(crate::ops::{{ op.module }}::output())
    }
{% endfor %}
{%- for op in skipped %}
    async fn {{ op.method }}(
        &self,
        _input: {{ op.server_input }},
        _ctx: RequestContext,
    ) -> Result<{{ op.server_output }}, {{ op.server_error }}> {
        unreachable!("{{ op.name }} is skipped by the round trip")
    }
{% endfor -%}
}
