//! Smithy constraint checks with the exact `ValidationException` message templates.
//!
//! Shared by generated servers (which must reject) and generated clients (which may check
//! opt-in before sending), so this crate knows nothing about HTTP.
//!
//! Generated code walks a shape's members and calls one `check_*` function per constraint
//! trait, pushing a [`Violation`] for each failure into a `Vec<Violation>`. All violations are
//! collected (smithy-rs stops at the first) and [`message`] renders the whole message:
//!
//! ```text
//! 2 validation errors detected. <first>; <second>
//! ```
//!
//! Joiner: `"; "` (a semicolon and a space), the separator the AWS services themselves use
//! between multiple constraint messages. With one violation the message is byte-identical to
//! smithy-rs's: `1 validation error detected. <message>`.
//!
//! Paths are JSON pointers (RFC 6901) built from Smithy member names, list indices and map keys.
//! [`Path`] is a borrowed linked list, so the happy path allocates nothing: the pointer string is
//! rendered only when a violation is recorded.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

use std::fmt::{self, Display, Write as _};
use std::hash::Hash;

pub use pattern::{DEFAULT_BACKTRACK_LIMIT, Pattern, backtrack_limit, set_backtrack_limit};

mod pattern;
mod simple_pattern;

/// One failed constraint: where (JSON pointer) and the full template text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// JSON pointer, e.g. `/ResourceType`, `/list/0`, `/map/key`.
    pub path: String,
    /// The complete message for this violation (the smithy-rs template, path included).
    pub message: String,
}

impl Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// Error of a generated enum's `FromStr` / `TryFrom<&str>` for a value outside its set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownEnumValue {
    /// The enum shape's name, e.g. `LogLevel`.
    pub shape: &'static str,
    /// The rejected value.
    pub value: String,
}

impl Display for UnknownEnumValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown {} value `{}`", self.shape, self.value)
    }
}

impl std::error::Error for UnknownEnumValue {}

// ---------------------------------------------------------------------------------------------
// Paths
// ---------------------------------------------------------------------------------------------

/// One step of a JSON pointer.
#[derive(Debug, Clone, Copy)]
pub enum Segment<'a> {
    /// A structure member, by its Smithy member name (not `jsonName`: the templates use model names).
    Member(&'a str),
    /// A list element.
    Index(usize),
    /// A map entry, by key.
    Key(&'a str),
}

/// A JSON pointer under construction: a chain of borrowed segments, rendered on demand.
#[derive(Debug, Clone, Copy)]
pub struct Path<'a> {
    parent: Option<&'a Path<'a>>,
    segment: Option<Segment<'a>>,
}

impl<'a> Path<'a> {
    /// The document root; renders as the empty string, so `/Member` follows naturally.
    pub const fn root() -> Path<'static> {
        Path {
            parent: None,
            segment: None,
        }
    }

    /// Child path for a structure member.
    pub fn member(&'a self, name: &'a str) -> Path<'a> {
        self.child(Segment::Member(name))
    }

    /// Child path for a list element.
    pub fn index(&'a self, index: usize) -> Path<'a> {
        self.child(Segment::Index(index))
    }

    /// Child path for a map entry.
    pub fn key(&'a self, key: &'a str) -> Path<'a> {
        self.child(Segment::Key(key))
    }

    fn child(&'a self, segment: Segment<'a>) -> Path<'a> {
        Path {
            parent: Some(self),
            segment: Some(segment),
        }
    }

    /// Render as an RFC 6901 JSON pointer (`~` -> `~0`, `/` -> `~1`).
    pub fn to_pointer(&self) -> String {
        let mut out = String::new();
        self.write_into(&mut out);
        out
    }

    fn write_into(&self, out: &mut String) {
        if let Some(parent) = self.parent {
            parent.write_into(out);
        }
        match self.segment {
            None => {}
            Some(Segment::Member(name)) | Some(Segment::Key(name)) => {
                out.push('/');
                escape_pointer_token(name, out);
            }
            Some(Segment::Index(i)) => {
                let _ = write!(out, "/{i}");
            }
        }
    }
}

impl Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_pointer())
    }
}

/// RFC 6901 section 3: `~` is written `~0` and `/` is written `~1`.
fn escape_pointer_token(token: &str, out: &mut String) {
    for c in token.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Patterns
// ---------------------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------------
// Checks: each pushes at most one violation and returns whether the value passed.
// ---------------------------------------------------------------------------------------------

/// `@required` member absent (missing or JSON `null`). `path` is the member's own path,
/// e.g. `/ResourceType`.
pub fn required(violations: &mut Vec<Violation>, path: &Path<'_>) {
    let path = path.to_pointer();
    let message =
        format!("Value at '{path}' failed to satisfy constraint: Member must not be null");
    violations.push(Violation { path, message });
}

/// `@length` on a string: counts Unicode scalar values (not bytes, not UTF-16 units).
pub fn check_string_length(
    violations: &mut Vec<Violation>,
    path: &Path<'_>,
    value: &str,
    min: Option<u64>,
    max: Option<u64>,
) -> bool {
    check_length(violations, path, value.chars().count(), min, max)
}

/// `@length` on a blob: counts bytes.
pub fn check_blob_length(
    violations: &mut Vec<Violation>,
    path: &Path<'_>,
    value: &[u8],
    min: Option<u64>,
    max: Option<u64>,
) -> bool {
    check_length(violations, path, value.len(), min, max)
}

/// `@length` given an already computed length: list and map entries (`list.len()`,
/// `map.len()`), or anything else the caller counted.
pub fn check_length(
    violations: &mut Vec<Violation>,
    path: &Path<'_>,
    len: usize,
    min: Option<u64>,
    max: Option<u64>,
) -> bool {
    let n = len as u64;
    let ok = min.is_none_or(|m| n >= m) && max.is_none_or(|m| n <= m);
    if !ok {
        let path = path.to_pointer();
        let bound = match (min, max) {
            (Some(lo), Some(hi)) => format!("between {lo} and {hi}, inclusive"),
            (Some(lo), None) => format!("greater than or equal to {lo}"),
            (None, Some(hi)) => format!("less than or equal to {hi}"),
            (None, None) => unreachable_bound(),
        };
        let message = format!(
            "Value with length {n} at '{path}' failed to satisfy constraint: Member must have length {bound}"
        );
        violations.push(Violation { path, message });
    }
    ok
}

// Both bounds absent always passes, so no message is ever built for it; kept as a function so
// the match above stays total without a panic.
fn unreachable_bound() -> String {
    String::new()
}

/// `@pattern` on a string (searched, not anchored; see [`Pattern`]).
pub fn check_pattern(
    violations: &mut Vec<Violation>,
    path: &Path<'_>,
    value: &str,
    pattern: &Pattern,
) -> bool {
    let ok = pattern.is_match(value);
    if !ok {
        let path = path.to_pointer();
        let message = format!(
            "Value at '{path}' failed to satisfy constraint: Member must satisfy regular expression pattern: {}",
            pattern.source()
        );
        violations.push(Violation { path, message });
    }
    ok
}

/// `@range` on integer shapes (byte, short, integer, long; bigInteger within i128).
pub fn check_range_int(
    violations: &mut Vec<Violation>,
    path: &Path<'_>,
    value: i128,
    min: Option<i128>,
    max: Option<i128>,
) -> bool {
    let ok = min.is_none_or(|m| value >= m) && max.is_none_or(|m| value <= m);
    if !ok {
        push_range(violations, path, min, max);
    }
    ok
}

/// `@range` on float/double shapes. NaN fails any bound (it is neither >= nor <= anything).
/// Bounds print with Rust's shortest round-trip `Display` (`1.5`, `10`): the generator passes
/// the model's numbers, so `{"min": 10}` prints `10` as in the model.
pub fn check_range_float(
    violations: &mut Vec<Violation>,
    path: &Path<'_>,
    value: f64,
    min: Option<f64>,
    max: Option<f64>,
) -> bool {
    let ok = min.is_none_or(|m| value >= m) && max.is_none_or(|m| value <= m);
    if !ok {
        push_range(violations, path, min, max);
    }
    ok
}

fn push_range<T: Display>(
    violations: &mut Vec<Violation>,
    path: &Path<'_>,
    min: Option<T>,
    max: Option<T>,
) {
    let path = path.to_pointer();
    let bound = match (min, max) {
        (Some(lo), Some(hi)) => format!("between {lo} and {hi}, inclusive"),
        (Some(lo), None) => format!("greater than or equal to {lo}"),
        (None, Some(hi)) => format!("less than or equal to {hi}"),
        (None, None) => unreachable_bound(),
    };
    let message = format!("Value at '{path}' failed to satisfy constraint: Member must be {bound}");
    violations.push(Violation { path, message });
}

/// Enum value set (enum shapes and legacy `@enum` strings). `allowed` in model order.
pub fn check_enum(
    violations: &mut Vec<Violation>,
    path: &Path<'_>,
    value: &str,
    allowed: &[&str],
) -> bool {
    let ok = allowed.contains(&value);
    if !ok {
        enum_violation(violations, path, allowed);
    }
    ok
}

/// Push the enum message without re-checking: for generated code that already tried
/// `FromStr` on the enum type and failed.
pub fn enum_violation(violations: &mut Vec<Violation>, path: &Path<'_>, allowed: &[&str]) {
    let path = path.to_pointer();
    let message = format!(
        "Value at '{path}' failed to satisfy constraint: Member must satisfy enum value set: [{}]",
        allowed.join(", ")
    );
    violations.push(Violation { path, message });
}

/// `@uniqueItems` on a list: one violation at the list's path when any value repeats, worded
/// as the Smithy protocol tests expect (smithy-rs adds the repeated indices, and fails those
/// tests). O(n) via a hash set.
pub fn check_unique_items<T: Eq + Hash>(
    violations: &mut Vec<Violation>,
    path: &Path<'_>,
    items: &[T],
) -> bool {
    let mut seen: std::collections::HashSet<&T> =
        std::collections::HashSet::with_capacity(items.len());
    let repeated = items.iter().find(|item| !seen.insert(*item));
    match repeated {
        None => true,
        Some(_) => {
            push_repeated(violations, path);
            false
        }
    }
}

/// [`check_unique_items`] for values that only compare for equality (typed client values such
/// as structures or floats): the same violation, found in O(n²).
pub fn check_unique_items_eq<T: PartialEq>(
    violations: &mut Vec<Violation>,
    path: &Path<'_>,
    items: &[T],
) -> bool {
    let repeated = items
        .iter()
        .enumerate()
        .find(|(i, item)| items[..*i].contains(item))
        .map(|(_, item)| item);
    match repeated {
        None => true,
        Some(_) => {
            push_repeated(violations, path);
            false
        }
    }
}

/// The message the Smithy protocol tests expect (no indices: `RestJsonMalformedUniqueItems*`).
fn push_repeated(violations: &mut Vec<Violation>, path: &Path<'_>) {
    let path = path.to_pointer();
    let message =
        format!("Value at '{path}' failed to satisfy constraint: Member must have unique values");
    violations.push(Violation { path, message });
}

// ---------------------------------------------------------------------------------------------
// The whole message
// ---------------------------------------------------------------------------------------------

/// Separator between individual violation messages in [`message`].
pub const JOINER: &str = "; ";

/// `1 validation error detected. <m1>` / `N validation errors detected. <m1>; <m2>; ...`.
/// An empty slice renders `0 validation errors detected.` (callers only call this with
/// violations, but it must not panic).
pub fn message(violations: &[Violation]) -> String {
    let n = violations.len();
    let noun = if n == 1 { "error" } else { "errors" };
    let mut out = format!("{n} validation {noun} detected.");
    for (i, v) in violations.iter().enumerate() {
        out.push_str(if i == 0 { " " } else { JOINER });
        out.push_str(&v.message);
    }
    out
}

#[cfg(test)]
mod tests;
