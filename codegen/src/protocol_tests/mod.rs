//! The official Smithy protocol tests, generated: the cases a model's operations carry
//! ([`cases`]) become one test crate per side (client, server) that builds values from each
//! case's `params` ([`params`]), drives the generated crate in memory and compares with the
//! case's expectations through `smithygen-protocol-test`. `cargo xtask protocol-tests` writes
//! these crates into a scratch workspace, runs them and tallies the results.

pub mod cases;
pub mod params;
mod view;

use askama::Template;

use crate::ir::Service;
use crate::model::Model;
use crate::render::{self, Flavor};

pub use cases::{Bound, Case, Kind, Side};

/// The two test crates' files, paths relative to `<out>/`: `<stem>-client-protocol-tests/`
/// and `<stem>-server-protocol-tests/` (next to the client and server crates they test).
pub fn crate_files(
    model: &Model,
    service: &Service,
    runtime_path: &str,
) -> Result<(Vec<Bound>, Vec<render::RenderedFile>), crate::Error> {
    let bound = cases::collect(model).map_err(|d| crate::Error::Model(crate::Diagnostics(d)))?;
    let mut files = Vec::new();
    for side in [Side::Client, Side::Server] {
        let views = view::cases(service, &bound, side);
        let name = test_crate_name(service, side);
        let dir = std::path::PathBuf::from(&name);
        let mut add = |path: &str, contents: String| {
            files.push(render::RenderedFile {
                path: dir.join(path),
                contents,
            })
        };
        let cargo = view::CargoView {
            package: name.clone(),
            client: render::crate_name(service, Flavor::Client),
            server: (side == Side::Server).then(|| render::crate_name(service, Flavor::Server)),
            runtime_path: runtime_path.to_string(),
        };
        add("Cargo.toml", cargo.render().map_err(crate::Error::Render)?);
        let lib = view::LibView::new(service, side, views);
        add("src/lib.rs", lib.render().map_err(crate::Error::Render)?);
    }
    Ok((bound, files))
}

/// `<stem>-client-protocol-tests` or `<stem>-server-protocol-tests`.
pub fn test_crate_name(service: &Service, side: Side) -> String {
    let flavor = match side {
        Side::Client => "client",
        Side::Server => "server",
    };
    format!("{}-{flavor}-protocol-tests", service.crate_stem)
}
