//! Client-side constraint validation (opt-in: `Config::builder().validate_requests(true)`).
//!
//! One `validate_<operation>_input` per operation checks the input's top-level members
//! (`@required`, `@length`, `@pattern`, `@range`, enum values) and reports every violation,
//! in the smithy-rs server's message templates (JSON-pointer paths from member names).

use crate::error::ValidationError;
{%- for v in validators %}

/// Validates [`{{ v.input }}`]({{ v.input }}).
#[allow(unused_variables, unused_mut)]
pub fn {{ v.name }}(input: &{{ v.input }}) -> Result<(), ValidationError> {
    let mut violations: Vec<String> = Vec::new();
{%- for c in v.checks %}
    {{ c }}
{%- endfor %}
    if violations.is_empty() {
        Ok(())
    } else {
        Err(ValidationError { violations })
    }
}
{%- endfor %}

#[allow(dead_code)] // not every service uses every check
fn required(path: &str) -> String {
    format!("Value at '{path}' failed to satisfy constraint: Member must not be null")
}

#[allow(dead_code)] // not every service uses every check
fn pattern(path: &str, pattern: &str) -> String {
    format!(
        "Value at '{path}' failed to satisfy constraint: Member must satisfy regular expression pattern: {pattern}"
    )
}

#[allow(dead_code)] // not every service uses every check
fn enum_value(violations: &mut Vec<String>, path: &str, value: &str, values: &[&str]) {
    if !values.contains(&value) {
        violations.push(format!(
            "Value at '{path}' failed to satisfy constraint: Member must satisfy enum value set: [{}]",
            values.join(", ")
        ));
    }
}

#[allow(dead_code)]
fn range(violations: &mut Vec<String>, path: &str, violated: bool, rule: &str) {
    if violated {
        violations.push(format!("Value at '{path}' failed to satisfy constraint: {rule}"));
    }
}

/// `@length`: strings count Unicode scalar values, lists and maps entries, blobs bytes.
#[allow(dead_code)]
fn length(violations: &mut Vec<String>, path: &str, n: usize, min: Option<usize>, max: Option<usize>) {
    let rule = match (min, max) {
        (Some(a), Some(b)) if n < a || n > b => format!("between {a} and {b}, inclusive"),
        (Some(a), None) if n < a => format!("greater than or equal to {a}"),
        (None, Some(b)) if n > b => format!("less than or equal to {b}"),
        _ => return,
    };
    violations.push(format!(
        "Value with length {n} at '{path}' failed to satisfy constraint: Member must have length {rule}"
    ));
}
