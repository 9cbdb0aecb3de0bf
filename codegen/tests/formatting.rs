//! Every way of running rustfmt gives the same bytes: each file on its own split over
//! processes, with a cold and a warm format cache, and the reference (rustfmt on each crate's
//! `lib.rs`, following `mod` declarations), for every official model.

mod common;

use common::aws_models;
use std::path::PathBuf;

use codegen::render::{ClientSettings, Flavor, RenderedFile};
use codegen::write::{Format, Strategy};

/// Both crates' files as rendered (paths under the crate directories), not yet formatted.
fn rendered(text: &str) -> Vec<RenderedFile> {
    let model = codegen::transform::run(codegen::load(text).unwrap_or_else(|d| panic!("{d}")));
    let service = codegen::ir::build(&model);
    let settings = ClientSettings::default();
    let mut files = Vec::new();
    for flavor in [Flavor::Client, Flavor::Server] {
        let dir = PathBuf::from(codegen::render::crate_name(&service, flavor));
        for f in codegen::render::render_crate(&service, flavor, &settings).unwrap() {
            files.push(RenderedFile {
                path: dir.join(f.path),
                contents: f.contents,
            });
        }
    }
    files
}

fn finish(files: &[RenderedFile], format: &Format) -> Vec<RenderedFile> {
    codegen::write::finish_with(files.to_vec(), "p", format).unwrap_or_else(|e| panic!("{e}"))
}

fn assert_same(label: &str, expected: &[RenderedFile], actual: &[RenderedFile]) {
    assert_eq!(expected.len(), actual.len(), "{label}: file count");
    for (e, a) in expected.iter().zip(actual) {
        assert_eq!(e.path, a.path, "{label}");
        assert!(
            e.contents == a.contents,
            "{label}: {} differs from the reference",
            e.path.display()
        );
    }
}

fn temp_cache(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("smithy-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn standalone_and_cached_formatting_match_the_reference() {
    let models = aws_models();
    assert!(!models.is_empty());
    let cache = temp_cache("format-cache-test");
    for model in models {
        let files = rendered(&std::fs::read_to_string(&model).unwrap());
        let name = model.display().to_string();
        let reference = finish(
            &files,
            &Format {
                strategy: Strategy::FromRoots,
                ..Format::default()
            },
        );
        // `Standalone` fails rather than fall back to the reference.
        let standalone = Format {
            jobs: Some(3),
            strategy: Strategy::Standalone,
            ..Format::default()
        };
        assert_same(&name, &reference, &finish(&files, &standalone));
        let cached = Format {
            cache: Some(cache.clone()),
            ..standalone
        };
        assert_same(
            &format!("{name}, cold cache"),
            &reference,
            &finish(&files, &cached),
        );
        assert_same(
            &format!("{name}, warm cache"),
            &reference,
            &finish(&files, &cached),
        );
    }
    let _ = std::fs::remove_dir_all(&cache);
}

#[test]
fn a_cache_entry_for_other_text_is_never_used() {
    let text = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../model/iot-managed-integrations.json"),
    )
    .unwrap();
    let files = rendered(&text);
    let cache = temp_cache("format-cache-swap");
    let format = Format {
        cache: Some(cache.clone()),
        strategy: Strategy::Standalone,
        ..Format::default()
    };
    let first = finish(&files, &format);
    // Give every entry another entry's contents: each lookup then finds a well-formed entry
    // (as after a hash collision) for a different text, which must be a miss.
    let mut entries: Vec<PathBuf> = std::fs::read_dir(&cache)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    assert!(entries.len() > 10);
    let contents: Vec<Vec<u8>> = entries.iter().map(|p| std::fs::read(p).unwrap()).collect();
    for (k, path) in entries.iter().enumerate() {
        std::fs::write(path, &contents[(k + 1) % contents.len()]).unwrap();
    }
    assert_same("swapped cache", &first, &finish(&files, &format));
    let _ = std::fs::remove_dir_all(&cache);
}
