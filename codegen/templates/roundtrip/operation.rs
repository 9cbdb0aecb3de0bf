//! `{{ op.name }}`: sample input and output, and their checks.

use {{ client_crate }} as client;
use {{ server_crate }} as server;

#[allow(unused_imports)]
use crate::{diff, diff_subset};

/// The input the client sends: the server must receive exactly this.
pub fn expected_input() -> {{ op.server_input }} {
    {{ op.expected_input }}
}

/// How `got` differs from [`expected_input`], member by member.
pub fn check_input(got: &{{ op.server_input }}) -> Vec<String> {
    let want = expected_input();
    let checks: [Option<String>; {{ op.input_checks.len() }}] = [
{%- for c in op.input_checks %}
        {{ c.func }}({{ c.label }}, {{ c.got }}, {{ c.want }}),
{%- endfor %}
    ];
{%- for line in op.touch_input %}
    {{ line }}
{%- endfor %}
    checks.into_iter().flatten().collect()
}

/// The server's answer.
pub fn output() -> {{ op.server_output }} {
    {{ op.output }}
}

/// Sends the sample input and returns how the decoded output differs from the sample.
pub async fn call(client: &client::Client) -> Result<Vec<String>, String> {
    let got = client
        .{{ op.method }}()
{%- for s in op.setters %}
        {{ s }}
{%- endfor %}
        .send()
        .await
        .map_err(|e| client::error::DisplayErrorContext(&e).to_string())?;
    let want = {{ op.expected_output }};
    let checks: [Option<String>; {{ op.output_checks.len() }}] = [
{%- for c in op.output_checks %}
        {{ c.func }}({{ c.label }}, {{ c.got }}, {{ c.want }}),
{%- endfor %}
    ];
{%- for line in op.touch_output %}
    {{ line }}
{%- endfor %}
    Ok(checks.into_iter().flatten().collect())
}
