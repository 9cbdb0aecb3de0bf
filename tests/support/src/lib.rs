//! Test helpers over real sockets: raw HTTP/1.1 requests that see the exact bytes a server
//! sends ([`raw`], re-exported at the root), and a scripted capture server that records the
//! exact requests a client sends ([`capture`]).

pub mod capture;
pub mod raw;

pub use raw::*;
