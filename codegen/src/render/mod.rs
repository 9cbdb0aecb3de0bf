//! Stage 6: askama views. Each view already holds every string and decision; the templates in
//! `codegen/templates/` only loop and interpolate.

pub mod client;
mod constraints;
pub mod roundtrip;
mod server;
mod types;

use std::path::PathBuf;

use askama::Template;

use crate::ir::{self, Service, TypeDef};
use crate::naming;

pub use client::ClientSettings;
pub use types::{EnumView, StructView, UnionView};

/// Which of the two generated crates a view is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    Client,
    Server,
}

impl Flavor {
    pub fn suffix(self) -> &'static str {
        match self {
            Flavor::Client => "client",
            Flavor::Server => "server",
        }
    }
}

/// One rendered file, its path relative to the crate's directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedFile {
    pub path: PathBuf,
    pub contents: String,
}

/// Doc lines ready for `///{line}`: a space before text, nothing on empty lines (no trailing
/// whitespace in generated code).
pub fn doc_lines(lines: &[String]) -> Vec<String> {
    lines
        .iter()
        .map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!(" {l}")
            }
        })
        .collect()
}

pub fn crate_name(service: &Service, flavor: Flavor) -> String {
    format!("{}-{}", service.crate_stem, flavor.suffix())
}

#[derive(Template)]
#[template(path = "Cargo.toml")]
struct CargoView {
    c: CargoInfo,
}

struct CargoInfo {
    package: String,
    description: String,
    dependencies: Vec<String>,
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

#[derive(Template)]
#[template(path = "error_struct.rs")]
struct ErrorStructView {
    structure: String,
    name: String,
    code: String,
    message_expr: String,
}

#[derive(Template)]
#[template(path = "primitives.rs")]
struct PrimitivesView;

#[derive(Template)]
#[template(path = "operation.rs")]
struct OperationView {
    o: OperationDocs,
    input: String,
    output: String,
}

struct OperationDocs {
    docs: Vec<String>,
}

/// Renders one crate of `service`.
pub fn render_crate(
    service: &Service,
    flavor: Flavor,
    settings: &ClientSettings,
) -> Result<Vec<RenderedFile>, askama::Error> {
    let mut files = Vec::new();
    let mut add = |path: String, contents: String| {
        files.push(RenderedFile {
            path: PathBuf::from(path),
            contents,
        })
    };
    if flavor == Flavor::Client {
        for (path, text) in client::crate_files(service, settings)? {
            add(path, text);
        }
    } else {
        add(
            "Cargo.toml".into(),
            cargo_toml(service, flavor, settings).render()?,
        );
        // The server's lib.rs, service, validators and serializers.
        for f in server::files(service)? {
            add(f.path.display().to_string(), f.contents);
        }
        add("src/primitives.rs".into(), PrimitivesView.render()?);
    }
    let client = flavor == Flavor::Client;

    let mut type_items = Vec::new();
    let mut builders = Vec::new();
    for def in &service.types {
        let (name, text) = match def {
            TypeDef::Structure(s) => (
                &s.name,
                types::StructureView {
                    s: if client {
                        client::struct_view(s)
                    } else {
                        StructView::new(s, flavor)
                    },
                }
                .render()?,
            ),
            TypeDef::Enum(e) => (
                &e.name,
                types::EnumTemplate {
                    e: if client {
                        client::enum_view(e)
                    } else {
                        EnumView::new(e, flavor)
                    },
                }
                .render()?,
            ),
            TypeDef::Union(u) => (
                &u.name,
                types::UnionTemplate {
                    u: if client {
                        client::union_view(u)
                    } else {
                        UnionView::new(u, flavor)
                    },
                }
                .render()?,
            ),
        };
        if client && let TypeDef::Structure(_) = def {
            builders.push(format!(
                "{}::{}",
                private_module(name),
                naming::builder(name)
            ));
        }
        let module = private_module(name);
        add(format!("src/types/{module}.rs"), text);
        type_items.push(ModuleItem {
            module,
            name: name.clone(),
            public: false,
        });
    }
    type_items.push(ModuleItem {
        module: "error".into(),
        name: String::new(),
        public: true,
    });
    add(
        "src/types.rs".into(),
        ModulesView {
            m: ModuleList {
                docs: vec![" The model's data types.".into()],
                items: type_items,
                builders,
            },
            uses: Vec::new(),
        }
        .render()?,
    );

    let mut error_items = Vec::new();
    let mut error_builders = Vec::new();
    for e in &service.errors {
        let module = private_module(&e.name);
        let text = if client {
            error_builders.push(format!("{module}::{}", naming::builder(&e.name)));
            client::error_struct(e)?
        } else {
            error_struct(e, flavor)?
        };
        add(format!("src/types/error/{module}.rs"), text);
        error_items.push(ModuleItem {
            module,
            name: e.name.clone(),
            public: false,
        });
    }
    add(
        "src/types/error.rs".into(),
        ModulesView {
            m: ModuleList {
                docs: vec![" The model's error shapes.".into()],
                items: error_items,
                builders: error_builders,
            },
            uses: Vec::new(),
        }
        .render()?,
    );

    let mut op_items = Vec::new();
    for op in &service.operations {
        op_items.push(ModuleItem {
            module: op.names.snake.clone(),
            name: String::new(),
            public: true,
        });
        if client {
            for (path, text) in client::operation_files(service, op)? {
                add(path, text);
            }
            continue;
        }
        if flavor == Flavor::Server {
            add(
                format!("src/operation/{}.rs", naming::unraw(&op.names.snake)),
                server::operation_file(service, op)?,
            );
            continue;
        }
        let view = OperationView {
            o: OperationDocs {
                docs: doc_lines(&op.docs),
            },
            input: types::StructureView {
                s: StructView::new(&op.input, flavor),
            }
            .render()?,
            output: types::StructureView {
                s: StructView::new(&op.output, flavor),
            }
            .render()?,
        };
        add(
            format!("src/operation/{}.rs", naming::unraw(&op.names.snake)),
            view.render()?,
        );
    }
    add(
        "src/operation.rs".into(),
        ModulesView {
            m: ModuleList {
                docs: vec![" One module per operation.".into()],
                items: op_items,
                builders: Vec::new(),
            },
            uses: if client {
                vec!["pub use crate::rt::reexports::aws_types::request_id::RequestId;".into()]
            } else {
                Vec::new()
            },
        }
        .render()?,
    );
    Ok(files)
}

/// Type files live in private modules named after the type (`_log_level`), re-exported by
/// their parent, as in aws-sdk-rust; the underscore keeps them apart from public modules.
fn private_module(type_name: &str) -> String {
    format!("_{}", naming::unraw(&naming::snake(type_name)))
}

fn error_struct(e: &ir::Structure, flavor: Flavor) -> Result<String, askama::Error> {
    let message = e.message_field();
    let optional = message.is_some_and(|m| match flavor {
        Flavor::Client => m.client_optional,
        Flavor::Server => m.server_optional,
    });
    let message_expr = match message {
        Some(m) if optional => format!("self.{}.as_deref()", m.ident),
        Some(m) => format!("Some(&self.{})", m.ident),
        None => "None::<&str>".into(),
    };
    ErrorStructView {
        structure: types::StructureView {
            s: StructView::new(e, flavor),
        }
        .render()?,
        name: e.name.clone(),
        code: e.error_code().to_string(),
        message_expr,
    }
    .render()
}

pub(crate) fn uses_smithy_types(service: &Service) -> bool {
    let all_fields = service
        .types
        .iter()
        .flat_map(|t| match t {
            TypeDef::Structure(s) => s.fields.iter().collect::<Vec<_>>(),
            TypeDef::Union(u) => u.variants.iter().collect(),
            TypeDef::Enum(_) => vec![],
        })
        .chain(service.errors.iter().flat_map(|e| &e.fields))
        .chain(
            service
                .operations
                .iter()
                .flat_map(|o| o.input.fields.iter().chain(&o.output.fields)),
        );
    all_fields.into_iter().any(|f| f.ty.uses_smithy_types())
}

fn cargo_toml(service: &Service, flavor: Flavor, settings: &ClientSettings) -> CargoView {
    let mut dependencies = Vec::new();
    if uses_smithy_types(service) {
        dependencies.push("aws-smithy-types = \"1.9\"".to_string());
    }
    if flavor == Flavor::Server {
        dependencies.push(format!(
            "smithygen-server-runtime = {{ path = {:?} }}",
            server::runtime_path(&settings.runtime_path)
        ));
    }
    let what = match flavor {
        Flavor::Client => "Client",
        Flavor::Server => "Server",
    };
    CargoView {
        c: CargoInfo {
            package: crate_name(service, flavor),
            description: format!(
                "{what} for {} (API version {})",
                service.title, service.version
            ),
            dependencies,
        },
    }
}
