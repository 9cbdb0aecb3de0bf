//! Small types shared by the generated model types.

/// An enum value this version of the crate does not know, kept exactly as received.
#[derive(Clone, Debug, Eq, Hash, Ord, PartialEq, PartialOrd)]
pub struct UnknownVariantValue(pub(crate) String);

impl UnknownVariantValue {
    /// The value as received.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The error for a value outside an enum's set.
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct UnknownVariantError(pub(crate) String);

impl std::fmt::Display for UnknownVariantError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "unknown enum value `{}`", self.0)
    }
}

impl std::error::Error for UnknownVariantError {}
