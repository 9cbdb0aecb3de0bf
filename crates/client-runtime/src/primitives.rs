//! Small types shared by generated model code.

/// What `Debug` prints instead of a member marked `@sensitive` (same text as smithy-rs).
pub const REDACTED: &str = "*** Sensitive Data Redacted ***";

/// The raw string of an enum value this client version does not know. Sealed: it can only
/// come from `From<&str>` / deserialization; compare with `as_str()`.
#[derive(Clone, Debug, Eq, Hash, Ord, PartialEq, PartialOrd)]
pub struct UnknownVariantValue(String);

impl UnknownVariantValue {
    #[doc(hidden)]
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The value as received.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for UnknownVariantValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
