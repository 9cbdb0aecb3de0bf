//! The official Smithy protocol tests, generated: the cases a model's operations carry
//! ([`cases`]) become one test crate per side (client, server) that builds values from each
//! case's `params` ([`params`]), drives the generated crate in memory and compares with the
//! case's expectations through `smithygen-protocol-test`. `cargo xtask protocol-tests` writes
//! these crates into a scratch workspace, runs them and tallies the results.

pub mod cases;
pub mod params;
mod view;

use askama::Template;

use crate::ast::{Ast, AstShape};
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

/// Removes from `service`'s operation list the operations that bind an event stream (their
/// cases are `eventStreamTests`, which this suite does not run, and the generator refuses
/// them); returns their ids.
pub fn drop_event_streams(ast: &mut Ast, service: &str) -> Vec<String> {
    let streams = |id: &str| {
        let Some(AstShape::Structure(s)) = ast.shapes.get(id) else {
            return false;
        };
        s.members.iter().any(|(_, m)| {
            matches!(ast.shapes.get(&m.target), Some(AstShape::Union(u))
                if u.traits.contains_key("smithy.api#streaming"))
        })
    };
    let dropped: Vec<String> = match ast.shapes.get(service) {
        Some(AstShape::Service(s)) => s
            .operations
            .iter()
            .filter(|op| match ast.shapes.get(&op.target) {
                Some(AstShape::Operation(o)) => [&o.input, &o.output]
                    .into_iter()
                    .flatten()
                    .any(|t| streams(&t.target)),
                _ => false,
            })
            .map(|op| op.target.clone())
            .collect(),
        _ => Vec::new(),
    };
    if let Some(AstShape::Service(s)) = ast.shapes.get_mut(service) {
        s.operations.retain(|op| !dropped.contains(&op.target));
    }
    dropped
}
