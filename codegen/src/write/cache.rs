//! A cache of rustfmt's output, for the edit-generate loop: a template change alters a few
//! files, and only those need rustfmt again.
//!
//! An entry is one file named by a 64-bit hash of the unformatted text. It holds the whole
//! key (rustfmt's version, the configuration rustfmt resolves for the staging directory, the
//! unformatted text) and the formatted text; a lookup compares the key byte for byte, so a
//! hash collision or a different rustfmt is a miss, never a wrong answer. Entries are written
//! to a temporary name and renamed, so concurrent generators never read a partial one.
//! Nothing is ever evicted: the cache lives under the target directory, which `cargo clean`
//! empties.

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::WriteError;
use super::rustfmt::rustfmt_binary;

const MAGIC: &str = "smithygen-format-cache 1\n";

/// What besides the text decides rustfmt's output: its version and the configuration it
/// resolves for a file in the staging area (edition, any `rustfmt.toml` on the way up).
/// Runs rustfmt twice, concurrently.
pub(super) fn toolchain_key() -> Result<String, WriteError> {
    let probe = super::rustfmt::staging_base().join("smithy-codegen-probe.rs");
    let spawn = |args: &[&OsStr]| {
        Command::new(rustfmt_binary())
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
    };
    let version = spawn(&["--version".as_ref()]);
    let config = spawn(&[
        "--edition".as_ref(),
        "2024".as_ref(),
        "--print-config".as_ref(),
        "current".as_ref(),
        probe.as_os_str(),
    ]);
    let mut key = String::new();
    for child in [version, config] {
        let output = child
            .and_then(std::process::Child::wait_with_output)
            .map_err(|e| WriteError::Rustfmt(format!("cannot run rustfmt: {e}")))?;
        if !output.status.success() {
            return Err(WriteError::Rustfmt(
                String::from_utf8_lossy(&output.stderr).into_owned(),
            ));
        }
        key.push_str(&String::from_utf8_lossy(&output.stdout));
        key.push('\n');
    }
    Ok(key)
}

/// A stored entry, read before the toolchain key is known.
pub(super) struct Entry {
    bytes: Vec<u8>,
    /// Where the key starts, after the header.
    start: usize,
    key_len: usize,
    text_len: usize,
}

impl Entry {
    /// The formatted text, when this entry is for exactly `key` and `text`.
    pub fn formatted(&self, key: &str, text: &str) -> Option<String> {
        let (stored_key, rest) = self.bytes[self.start..].split_at(self.key_len);
        let (stored_text, formatted) = rest.split_at(self.text_len);
        if stored_key != key.as_bytes() || stored_text != text.as_bytes() {
            return None;
        }
        String::from_utf8(formatted.to_vec()).ok()
    }
}

fn entry_path(dir: &Path, text: &str) -> PathBuf {
    dir.join(format!("{:016x}", fnv1a(text.as_bytes())))
}

/// The entry stored for `text`'s hash, if any and well formed.
pub(super) fn read(dir: &Path, text: &str) -> Option<Entry> {
    let bytes = fs::read(entry_path(dir, text)).ok()?;
    let header_end = MAGIC.len() + bytes.get(MAGIC.len()..)?.iter().position(|&b| b == b'\n')?;
    if !bytes.starts_with(MAGIC.as_bytes()) {
        return None;
    }
    let header = std::str::from_utf8(&bytes[MAGIC.len()..header_end]).ok()?;
    let (key_len, text_len) = header.split_once(' ')?;
    let (key_len, text_len): (usize, usize) = (key_len.parse().ok()?, text_len.parse().ok()?);
    let start = header_end + 1;
    if key_len.checked_add(text_len)? > bytes.len() - start {
        return None;
    }
    Some(Entry {
        bytes,
        start,
        key_len,
        text_len,
    })
}

/// Stores `formatted` for `key` and `text`. Best effort: a cache that cannot be written
/// only costs time, so errors are ignored.
pub(super) fn store(dir: &Path, key: &str, text: &str, formatted: &str) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let path = entry_path(dir, text);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let tmp = path.with_extension(format!("tmp-{}-{n}", std::process::id()));
    let mut bytes = Vec::with_capacity(key.len() + text.len() + formatted.len() + 64);
    bytes.extend_from_slice(MAGIC.as_bytes());
    bytes.extend_from_slice(format!("{} {}\n", key.len(), text.len()).as_bytes());
    bytes.extend_from_slice(key.as_bytes());
    bytes.extend_from_slice(text.as_bytes());
    bytes.extend_from_slice(formatted.as_bytes());
    let stored = fs::create_dir_all(dir)
        .and_then(|()| fs::write(&tmp, &bytes))
        .and_then(|()| fs::rename(&tmp, &path));
    if stored.is_err() {
        let _ = fs::remove_file(&tmp);
    }
}

/// FNV-1a: stable across Rust releases (unlike `DefaultHasher`), fast enough for megabytes.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stores_and_verifies_the_whole_key() {
        let dir = super::super::rustfmt::staging_dir();
        assert!(
            read(&dir, "fn  a(){}").is_none(),
            "no directory yet: a miss"
        );
        store(&dir, "rustfmt 1\n", "fn  a(){}", "fn a() {}\n");
        let entry = read(&dir, "fn  a(){}").unwrap();
        assert_eq!(
            entry.formatted("rustfmt 1\n", "fn  a(){}").as_deref(),
            Some("fn a() {}\n")
        );
        assert_eq!(entry.formatted("rustfmt 2\n", "fn  a(){}"), None);
        // Another text under the same file name (as after a hash collision) is a miss.
        fs::copy(entry_path(&dir, "fn  a(){}"), entry_path(&dir, "fn b(){}")).unwrap();
        let entry = read(&dir, "fn b(){}").unwrap();
        assert_eq!(entry.formatted("rustfmt 1\n", "fn b(){}"), None);
        // A truncated entry is a miss.
        fs::write(entry_path(&dir, "x"), format!("{MAGIC}10 10\nabc")).unwrap();
        assert!(read(&dir, "x").is_none());
        fs::remove_dir_all(dir).unwrap();
    }
}
