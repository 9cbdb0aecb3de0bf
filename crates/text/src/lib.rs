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

/// The text of a float or double: `NaN`, `Infinity`, `-Infinity`, or the number in the
/// shortest form of its own type (an `f32` 1.1 is `1.1`, not its widened `1.100000023841858`).
pub fn float_text<T: Copy + Into<f64> + std::fmt::Display>(value: T) -> String {
    match special_float_name(value.into()) {
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

/// A list header's value: items joined with `", "`; with `quote`, an item holding a comma or a
/// double quote is written as a quoted string (RFC 9110), as restJson1 requires for strings.
pub fn join_list<S: AsRef<str>>(items: impl IntoIterator<Item = S>, quote: bool) -> String {
    let items: Vec<String> = items
        .into_iter()
        .map(|item| {
            let item = item.as_ref();
            if quote && item.contains([',', '"']) {
                format!("\"{}\"", item.replace('\\', "\\\\").replace('"', "\\\""))
            } else {
                item.to_owned()
            }
        })
        .collect();
    items.join(", ")
}

/// The http-dates of a list header, from its comma-separated items: each date holds a comma
/// (`Mon, 16 Dec 2019 23:48:18 GMT`), so the items pair up.
pub fn pair_dates(items: Vec<String>) -> Vec<String> {
    items.chunks(2).map(|pair| pair.join(", ")).collect()
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
        assert_eq!(float_text(1.1f32), "1.1");
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
        let items = ["a", "b,c", "d\"e"];
        assert_eq!(join_list(items, true), r#"a, "b,c", "d\"e""#);
        assert_eq!(split_list(&join_list(items, true)), items);
        assert_eq!(join_list(items, false), r#"a, b,c, d"e"#);
        let dates = split_list("Mon, 16 Dec 2019 23:48:18 GMT, Tue, 17 Dec 2019 00:00:00 GMT");
        assert_eq!(
            pair_dates(dates),
            [
                "Mon, 16 Dec 2019 23:48:18 GMT",
                "Tue, 17 Dec 2019 00:00:00 GMT"
            ]
        );
    }
}
