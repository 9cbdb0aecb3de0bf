//! The restJson1 text forms of values outside a JSON body (labels, query strings, headers),
//! one implementation for the generated client's runtime and the generated server's, so both
//! sides write and read them the same way.
//!
//! * floats: `NaN`, `Infinity`, `-Infinity` for the special values, Rust's shortest
//!   round-trip decimal otherwise; reading accepts those three names or a finite number;
//! * list headers: comma-separated items, each trimmed; a double-quoted item keeps its commas
//!   and `\"`/`\\` escapes (RFC 9110 quoted strings), as aws-sdk-rust reads them.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

/// The text of a float or double: `NaN`, `Infinity`, `-Infinity`, or the number.
pub fn float_text(value: f64) -> String {
    match special_float_name(value) {
        Some(name) => name.to_owned(),
        None => value.to_string(),
    }
}

/// The name of a special float value, `None` for a finite one.
pub fn special_float_name(value: f64) -> Option<&'static str> {
    if value.is_nan() {
        Some("NaN")
    } else if value == f64::INFINITY {
        Some("Infinity")
    } else if value == f64::NEG_INFINITY {
        Some("-Infinity")
    } else {
        None
    }
}

/// The special float a name stands for (`NaN`, `Infinity`, `-Infinity`, exactly).
pub fn special_float(text: &str) -> Option<f64> {
    match text {
        "NaN" => Some(f64::NAN),
        "Infinity" => Some(f64::INFINITY),
        "-Infinity" => Some(f64::NEG_INFINITY),
        _ => None,
    }
}

/// A float or double from text (surrounding whitespace ignored): a special name or a finite
/// number; `None` otherwise (`inf`, `1e999` and other spellings are not the protocol's).
pub fn parse_float(text: &str) -> Option<f64> {
    let text = text.trim();
    special_float(text).or_else(|| text.parse::<f64>().ok().filter(|v| v.is_finite()))
}

/// The items of a list header value.
pub fn split_list(text: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => quoted = !quoted,
            '\\' if quoted => current.extend(chars.next()),
            ',' if !quoted => items.push(std::mem::take(&mut current).trim().to_owned()),
            c => current.push(c),
        }
    }
    items.push(current.trim().to_owned());
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats() {
        assert_eq!(float_text(f64::NAN), "NaN");
        assert_eq!(float_text(f64::from(f32::INFINITY)), "Infinity");
        assert_eq!(float_text(f64::NEG_INFINITY), "-Infinity");
        assert_eq!(float_text(0.1), "0.1");
        assert_eq!(float_text(-2.0), "-2");
        assert!(parse_float("NaN").unwrap().is_nan());
        assert_eq!(parse_float(" -Infinity "), Some(f64::NEG_INFINITY));
        assert_eq!(parse_float("2.5"), Some(2.5));
        assert_eq!(parse_float("inf"), None);
        assert_eq!(parse_float("1e999"), None);
        assert_eq!(parse_float("nan"), None);
    }

    #[test]
    fn list_headers() {
        assert_eq!(split_list("a, b ,c"), ["a", "b", "c"]);
        assert_eq!(split_list(r#""x, y", z"#), ["x, y", "z"]);
        assert_eq!(split_list(r#""a\"b\\c""#), [r#"a"b\c"#]);
        assert_eq!(split_list(""), [""]);
    }
}
