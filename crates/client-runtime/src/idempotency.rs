//! `@idempotencyToken` support.

/// A fresh idempotency token: a random (version 4) UUID in its hyphenated lowercase form,
/// the same shape the official SDKs send.
///
/// Generated code calls this once per `send()`, before serialization, and only when the
/// caller left the token member unset; the serialized request (and so the token) is reused
/// unchanged by every retry attempt.
pub fn token() -> String {
    let mut bytes = [0u8; 16];
    for b in &mut bytes {
        *b = fastrand::u8(..);
    }
    uuid::Builder::from_random_bytes(bytes)
        .into_uuid()
        .hyphenated()
        .to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn tokens_are_v4_uuids_and_differ() {
        let a = super::token();
        let b = super::token();
        assert_ne!(a, b);
        assert_eq!(a.len(), 36);
        assert_eq!(&a[14..15], "4", "version nibble: {a}");
        assert!(matches!(&a[19..20], "8" | "9" | "a" | "b"), "variant: {a}");
    }
}
