//! The module tree both crates share: `types.rs` with one private module per model type,
//! `types/error.rs` with one per error shape, and `operation.rs` listing the operation
//! modules. Each crate says how it renders a type through [`ModelTypes`].

use std::path::PathBuf;

use askama::Template;

use super::RenderedFile;
use crate::ir::{self, Service, TypeDef};
use crate::naming;

/// How one crate renders each model type.
pub(crate) trait ModelTypes {
    fn structure(&self, s: &ir::Structure) -> Result<String, askama::Error>;
    fn enumeration(&self, e: &ir::Enum) -> Result<String, askama::Error>;
    fn union(&self, u: &ir::Union) -> Result<String, askama::Error>;
    fn error(&self, e: &ir::Structure) -> Result<String, askama::Error>;
    /// Whether structures and errors have builders, re-exported by a `builders` module.
    fn builders(&self) -> bool;
}

#[derive(Template)]
#[template(path = "modules.rs")]
struct ModulesView {
    m: ModuleList,
    /// Extra `use` items.
    uses: Vec<String>,
}

struct ModuleList {
    docs: Vec<String>,
    items: Vec<ModuleItem>,
    /// Builder paths re-exported by a `builders` module (`_foo::FooBuilder`).
    builders: Vec<String>,
}

/// `mod module; pub use module::name;`, or a public module when `public`.
struct ModuleItem {
    module: String,
    name: String,
    public: bool,
}

fn file(path: impl Into<PathBuf>, contents: String) -> RenderedFile {
    RenderedFile {
        path: path.into(),
        contents,
    }
}

/// Type files live in private modules named after the type (`_log_level`), re-exported by
/// their parent, as in aws-sdk-rust; the underscore keeps them apart from public modules.
fn private_module(type_name: &str) -> String {
    format!("_{}", naming::unraw(&naming::snake(type_name)))
}

/// `src/types.rs`, `src/types/error.rs` and a file per model type and error shape.
pub(crate) fn model_files(
    service: &Service,
    types: &impl ModelTypes,
) -> Result<Vec<RenderedFile>, askama::Error> {
    let mut files = Vec::new();
    let mut items = Vec::new();
    let mut builders = Vec::new();
    for def in &service.types {
        let (name, text) = match def {
            TypeDef::Structure(s) => (&s.name, types.structure(s)?),
            TypeDef::Enum(e) => (&e.name, types.enumeration(e)?),
            TypeDef::Union(u) => (&u.name, types.union(u)?),
        };
        let module = private_module(name);
        if types.builders() && matches!(def, TypeDef::Structure(_)) {
            builders.push(format!("{module}::{}", naming::builder(name)));
        }
        files.push(file(format!("src/types/{module}.rs"), text));
        items.push(ModuleItem {
            module,
            name: name.clone(),
            public: false,
        });
    }
    items.push(ModuleItem {
        module: "error".into(),
        name: String::new(),
        public: true,
    });
    files.push(modules(
        "src/types.rs",
        " The model's data types.",
        items,
        builders,
    )?);

    let mut items = Vec::new();
    let mut builders = Vec::new();
    for e in &service.errors {
        let module = private_module(&e.name);
        if types.builders() {
            builders.push(format!("{module}::{}", naming::builder(&e.name)));
        }
        files.push(file(
            format!("src/types/error/{module}.rs"),
            types.error(e)?,
        ));
        items.push(ModuleItem {
            module,
            name: e.name.clone(),
            public: false,
        });
    }
    files.push(modules(
        "src/types/error.rs",
        " The model's error shapes.",
        items,
        builders,
    )?);
    Ok(files)
}

fn modules(
    path: &str,
    doc: &str,
    items: Vec<ModuleItem>,
    builders: Vec<String>,
) -> Result<RenderedFile, askama::Error> {
    let view = ModulesView {
        m: ModuleList {
            docs: vec![doc.into()],
            items,
            builders,
        },
        uses: Vec::new(),
    };
    Ok(file(path, view.render()?))
}

/// `src/operation.rs`: one public module per operation, after the `uses` items.
pub(crate) fn operation_list(
    service: &Service,
    uses: Vec<String>,
) -> Result<RenderedFile, askama::Error> {
    let items = service
        .operations
        .iter()
        .map(|op| ModuleItem {
            module: op.names.snake.clone(),
            name: String::new(),
            public: true,
        })
        .collect();
    let view = ModulesView {
        m: ModuleList {
            docs: vec![" One module per operation.".into()],
            items,
            builders: Vec::new(),
        },
        uses,
    };
    Ok(file("src/operation.rs", view.render()?))
}
