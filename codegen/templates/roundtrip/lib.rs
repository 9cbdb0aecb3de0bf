//! Round trip of every operation of {{ title }}: the generated client sends a sample input to
//! the generated server over a loopback socket, the server's handler ([`handler::RoundTrip`])
//! checks that it received exactly that input and answers a sample output, and the client
//! checks the decoded output member by member. Every value is generated from the model.

use {{ client_crate }} as client;

pub mod handler;

/// One module per operation: its sample input and output and their checks.
pub mod ops {
{%- for op in ops %}
    pub mod {{ op.module }};
{%- endfor %}
}

/// Operations the round trip does not exercise, and why.
pub const SKIPPED: &[(&str, &str)] = &[
{%- for line in skipped %}
    {{ line }},
{%- endfor %}
];

/// Optional members left unset because no generated value satisfies their constraints.
pub const OMITTED: &[(&str, &str)] = &[
{%- for line in omitted %}
    {{ line }},
{%- endfor %}
];

/// How one operation went.
#[derive(Debug)]
pub struct Outcome {
    pub operation: &'static str,
    /// Empty when the operation round-tripped.
    pub problems: Vec<String>,
}

/// Calls every operation once, in model order, and collects what went wrong.
pub async fn run_all(client: &client::Client, handler: &handler::RoundTrip) -> Vec<Outcome> {
    let mut outcomes = Vec::new();
{%- for op in ops %}
    let result = ops::{{ op.module }}::call(client).await;
    outcomes.push(outcome({{ op.name_lit }}, result, handler.take({{ op.name_lit }})));
{%- endfor %}
    outcomes
}

fn outcome(
    operation: &'static str,
    client: Result<Vec<String>, String>,
    server: Option<Vec<String>>,
) -> Outcome {
    let mut problems = Vec::new();
    match server {
        None => problems.push("the server handler was not called".to_string()),
        Some(diffs) => problems.extend(diffs.into_iter().map(|d| format!("server received {d}"))),
    }
    match client {
        Err(e) => problems.push(format!("the call failed: {e}")),
        Ok(diffs) => problems.extend(diffs.into_iter().map(|d| format!("client decoded {d}"))),
    }
    Outcome {
        operation,
        problems,
    }
}

/// `Some("member: got .., want ..")` when the two differ.
pub fn diff<T: PartialEq + std::fmt::Debug>(member: &str, got: &T, want: &T) -> Option<String> {
    (got != want).then(|| format!("{member}: got {got:?}, want {want:?}"))
}

/// For a map bound to `@httpPrefixHeaders("")`, which receives every header of the message:
/// `Some(..)` unless each of the sample's entries is there with its value.
pub fn diff_subset<V: PartialEq + std::fmt::Debug>(
    member: &str,
    got: Option<&std::collections::HashMap<String, V>>,
    want: Option<&std::collections::HashMap<String, V>>,
) -> Option<String> {
    let missing: Vec<_> = want
        .into_iter()
        .flatten()
        .filter(|(k, v)| got.and_then(|g| g.get(*k)) != Some(*v))
        .collect();
    (!missing.is_empty()).then(|| format!("{member}: got {got:?}, want at least {missing:?}"))
}
