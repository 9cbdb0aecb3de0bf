//! Per-request context handed to every operation handler, and request-id generation.

use std::cell::Cell;
use std::net::SocketAddr;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

use http::HeaderMap;

/// A connection's peer address. [`crate::serve`] does not insert it into each request (an
/// extensions map allocated and dropped per request cost ~0.65k instructions); it makes the
/// peer [`PeerAddr::current`] while the service is called and its response future polled.
/// Hosts that mount the service elsewhere (axum, a custom hyper loop) may insert it as a
/// request extension, which takes precedence; with neither, [`RequestContext::peer`] is `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PeerAddr(pub SocketAddr);

thread_local! {
    /// The peer of the connection whose service call or response future is running on this
    /// thread (set by `serve` only for the duration of that call or poll).
    static CURRENT_PEER: Cell<Option<SocketAddr>> = const { Cell::new(None) };
}

impl PeerAddr {
    /// The peer of the connection [`crate::serve`] is running a service call or response
    /// future for on this thread, for middleware under `serve` that wants it. `None` outside
    /// `serve`, and in work moved to other tasks (e.g. a `tower::buffer` worker).
    pub fn current() -> Option<PeerAddr> {
        CURRENT_PEER.get().map(PeerAddr)
    }

    /// Run `f` with `self` as [`PeerAddr::current`], restoring the previous value afterwards
    /// (also on unwind, so a panicking handler cannot leave a stale peer behind).
    pub(crate) fn scope<R>(self, f: impl FnOnce() -> R) -> R {
        struct Restore(Option<SocketAddr>);
        impl Drop for Restore {
            fn drop(&mut self) {
                CURRENT_PEER.set(self.0);
            }
        }
        let _restore = Restore(CURRENT_PEER.replace(Some(self.0)));
        f()
    }
}

/// The caller a request was authenticated as (by `sigv4::SigV4Layer`, or any middleware that
/// inserts it as a request extension). Handlers read it from [`RequestContext::identity`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    access_key_id: String,
    region: String,
    presigned: bool,
}

impl Identity {
    /// The identity of a request whose SigV4 signature verified: its access key id, the region of
    /// its credential scope, and whether it came in the query string (presigned).
    pub fn new(
        access_key_id: impl Into<String>,
        region: impl Into<String>,
        presigned: bool,
    ) -> Self {
        Identity {
            access_key_id: access_key_id.into(),
            region: region.into(),
            presigned,
        }
    }

    /// The access key id whose secret signed the request.
    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }

    /// The region named in the signature's credential scope.
    pub fn region(&self) -> &str {
        &self.region
    }

    /// Whether the signature came in the query string (a presigned URL) rather than the
    /// `Authorization` header.
    pub fn presigned(&self) -> bool {
        self.presigned
    }
}

/// What a handler may want to know about the request beyond the typed input.
/// Cheap to build: the headers are moved out of the request, not copied.
#[derive(Debug, Clone)]
pub struct RequestContext {
    request_id: String,
    operation: &'static str,
    headers: HeaderMap,
    peer: Option<SocketAddr>,
    identity: Option<Identity>,
}

impl RequestContext {
    /// Build a context (the dispatcher does this; public so tests and other hosts can too).
    pub fn new(
        request_id: String,
        operation: &'static str,
        headers: HeaderMap,
        peer: Option<SocketAddr>,
    ) -> Self {
        RequestContext {
            request_id,
            operation,
            headers,
            peer,
            identity: None,
        }
    }

    /// The same context with the authenticated caller set.
    pub fn with_identity(mut self, identity: Option<Identity>) -> Self {
        self.identity = identity;
        self
    }

    /// The id sent back in `x-amzn-requestid` (and recorded on the request's tracing span).
    pub fn request_id(&self) -> &str {
        &self.request_id
    }

    /// The Smithy operation name, e.g. `CreateEventLogConfiguration`.
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// All request headers, as received.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The TCP peer, when served by [`crate::serve`] or the host provided [`PeerAddr`].
    pub fn peer(&self) -> Option<SocketAddr> {
        self.peer
    }

    /// The verified caller, when the service runs behind `sigv4::SigV4Layer` (or a host
    /// inserted an [`Identity`] extension); `None` for unauthenticated serving.
    pub fn identity(&self) -> Option<&Identity> {
        self.identity.as_ref()
    }
}

/// A new request id in UUID text form (8-4-4-4-12 lowercase hex, version 4 bits set).
///
/// Unique within the process (a counter run through a bijective mixer) and unpredictable
/// across processes (keys from std's randomly seeded `RandomState`), without pulling a
/// random-number or uuid crate into every generated server.
pub fn new_request_id() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    static KEYS: OnceLock<(u64, u64)> = OnceLock::new();
    let (k0, k1) = *KEYS.get_or_init(|| {
        use std::hash::{BuildHasher, Hasher};
        let state = std::hash::RandomState::new();
        let mut h0 = state.build_hasher();
        h0.write_u64(0x5eed_0000);
        let mut h1 = state.build_hasher();
        h1.write_u64(0x5eed_0001);
        (h0.finish(), h1.finish())
    });
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let hi = splitmix64(n ^ k0);
    let lo = splitmix64(n.wrapping_add(k1));
    let hi = (hi & 0xffff_ffff_ffff_0fff) | 0x0000_0000_0000_4000; // version 4
    let lo = (lo & 0x3fff_ffff_ffff_ffff) | 0x8000_0000_0000_0000; // RFC 4122 variant
    uuid_text((u128::from(hi) << 64) | u128::from(lo))
}

/// `8-4-4-4-12` lowercase hex of 128 bits, written directly: every response carries one, and
/// `format!` with five hex arguments costs more than the rest of the id (callgrind: ~2.9k
/// instructions per request against ~0.2k written directly).
fn uuid_text(bits: u128) -> String {
    let mut out = [b'-'; 36];
    // Two digits per byte from a table; the dashes (pre-filled) sit before bytes 4, 6, 8, 10.
    const DIGIT_AT: [usize; 16] = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];
    for (byte, at) in bits.to_be_bytes().into_iter().zip(DIGIT_AT) {
        out[at..at + 2].copy_from_slice(&HEX_PAIRS[usize::from(byte)]);
    }
    String::from_utf8(out.to_vec()).expect("hex digits and dashes are ASCII")
}

/// The two lowercase hex digits of every byte value.
static HEX_PAIRS: [[u8; 2]; 256] = {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut table = [[0u8; 2]; 256];
    let mut i = 0;
    while i < 256 {
        table[i] = [HEX[i >> 4], HEX[i & 0xf]];
        i += 1;
    }
    table
};

/// splitmix64's finalizer: a bijection on u64, so distinct counters give distinct outputs.
fn splitmix64(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuid_text_matches_the_formatted_layout() {
        for bits in [0u128, u128::MAX, 0x0123_4567_89ab_cdef_fedc_ba98_7654_3210] {
            let (hi, lo) = ((bits >> 64) as u64, bits as u64);
            let expected = format!(
                "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
                hi >> 32,
                (hi >> 16) & 0xffff,
                hi & 0xffff,
                lo >> 48,
                lo & 0xffff_ffff_ffff
            );
            assert_eq!(uuid_text(bits), expected);
        }
    }

    #[test]
    fn request_ids_are_uuid_shaped_and_distinct() {
        let mut seen = std::collections::HashSet::new();
        for _ in 0..10_000 {
            let id = new_request_id();
            assert_eq!(id.len(), 36, "{id}");
            let parts: Vec<&str> = id.split('-').collect();
            assert_eq!(
                parts.iter().map(|p| p.len()).collect::<Vec<_>>(),
                [8, 4, 4, 4, 12]
            );
            assert!(id.chars().all(|c| c == '-' || c.is_ascii_hexdigit()));
            assert_eq!(&parts[2][..1], "4", "{id}");
            assert!(seen.insert(id));
        }
    }
}
