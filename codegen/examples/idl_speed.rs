//! How fast IDL loads: `cargo run --release -p codegen --example idl_speed -- PATH...`
//! (default: the repository's `protocol-tests/`). Prints MB/s for parsing alone (every
//! `.smithy` file under the paths) and for the whole `load_paths` (parse, resolve, assemble,
//! built-in definitions included), best of several rounds.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn smithy_files(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
            .expect("readable folder")
            .map(|e| e.expect("readable entry").path())
            .collect();
        entries.sort();
        for entry in entries {
            smithy_files(&entry, out);
        }
    } else if path.extension().is_some_and(|e| e == "smithy") {
        out.push(path.to_path_buf());
    }
}

fn best_of(rounds: usize, mut run: impl FnMut()) -> Duration {
    (0..rounds)
        .map(|_| {
            let started = Instant::now();
            run();
            started.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn main() {
    let mut paths: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    if paths.is_empty() {
        paths.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("../protocol-tests"));
    }
    let mut files = Vec::new();
    for path in &paths {
        smithy_files(path, &mut files);
    }
    let texts: Vec<String> = files
        .iter()
        .map(|f| std::fs::read_to_string(f).expect("readable file"))
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let megabytes = bytes as f64 / 1e6;
    let parse = best_of(20, || {
        for text in &texts {
            if let Err(errors) = codegen::idl::parse(text) {
                panic!("syntax error: {}", errors[0].message);
            }
        }
    });
    let load = best_of(20, || {
        if let Err(d) = codegen::load::load_paths(&paths) {
            panic!("{d}");
        }
    });
    println!(
        "{} files, {:.2} MB: parse {:.2?} ({:.0} MB/s); load_paths {:.2?} ({:.0} MB/s)",
        files.len(),
        megabytes,
        parse,
        megabytes / parse.as_secs_f64(),
        load,
        megabytes / load.as_secs_f64()
    );
}
