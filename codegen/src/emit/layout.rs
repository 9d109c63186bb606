//! Where every generated item goes: the files of the generated crate and the
//! module tree that ties them together.
//!
//! ```text
//! src/lib.rs                    crate doc (where things are), modules, `rt` alias
//! src/types/mod.rs              shared types, re-exported from their files; `builders`
//! src/types/_<type>.rs          one type: struct/enum/union, builder, `Validate`
//! src/types/error/…             the same for modeled errors
//! src/operation/mod.rs          one module per operation
//! src/operation/<op>.rs         input, output, error enum, builders, fluent builder, paginator
//! src/protocol/mod.rs           the service's name and protocols (hidden)
//! src/protocol/<protocol>/…     one protocol's codecs, mirroring types/ and operation/
//! src/api.rs, client.rs, server.rs, error.rs, primitives.rs, validation.rs
//! ```
//!
//! A model change touches the files of the shapes it changes, so the snapshot diff
//! a reviewer reads is as small as the change.

use super::protocol::{self, ProtocolGenerator};
use super::validation::Validation;
use super::{
    EmitOptions, api, client, crate_files, errors, ident, protocol_tests, server, structures,
    variants,
};
use crate::ir::Protocol;
use crate::ir::{Ir, Module, Operation, TypeDef, TypeKind};
use crate::output::{FileContent, RustFile};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use std::collections::BTreeMap;

/// One file (or group of small files) to emit, taken by one worker thread.
pub(super) enum Unit<'a> {
    CrateFiles,
    TypesModule(Module),
    TypeFile(&'a TypeDef),
    OperationsModule,
    OperationFile(&'a Operation),
    ProtocolModule,
    ProtocolTypeFile(Protocol, &'a TypeDef),
    ProtocolOperationFile(Protocol, &'a Operation),
    Api,
    Client,
    Server,
    ProtocolTests,
}

/// Every unit of the crate, the largest first so that workers finish together.
pub(super) fn units(ir: &Ir) -> Vec<Unit<'_>> {
    let mut units = vec![Unit::Client, Unit::Api, Unit::Server, Unit::ProtocolTests];
    units.extend(ir.operations.iter().map(Unit::OperationFile));
    let protocols = &ir.service.protocols;
    for protocol in protocols {
        units.extend(
            ir.operations
                .iter()
                .map(|op| Unit::ProtocolOperationFile(*protocol, op)),
        );
    }
    let shared = || {
        ir.types
            .values()
            .filter(|def| !matches!(def.module, Module::Operation(_)))
    };
    units.extend(shared().map(Unit::TypeFile));
    for protocol in protocols {
        units.extend(shared().map(|def| Unit::ProtocolTypeFile(*protocol, def)));
    }
    units.extend([
        Unit::CrateFiles,
        Unit::TypesModule(Module::Types),
        Unit::TypesModule(Module::Errors),
        Unit::OperationsModule,
        Unit::ProtocolModule,
    ]);
    units
}

/// What every unit needs: the IR, the options, and what is computed once per crate.
pub(super) struct Context<'a> {
    ir: &'a Ir,
    options: &'a EmitOptions,
    validation: Validation,
}

impl<'a> Context<'a> {
    pub(super) fn new(ir: &'a Ir, options: &'a EmitOptions) -> Self {
        Context {
            ir,
            options,
            validation: Validation::new(ir),
        }
    }

    pub(super) fn emit(&self, unit: &Unit<'_>) -> Vec<FileContent> {
        let ir = self.ir;
        let rust = |file: RustFile| vec![FileContent::Rust(file)];
        match unit {
            Unit::CrateFiles => crate_files::emit(ir, self.options),
            Unit::TypesModule(module) => types_module(ir, module),
            Unit::TypeFile(def) => rust(self.type_file(def)),
            Unit::OperationsModule => rust(operations_module(ir)),
            Unit::OperationFile(op) => rust(self.operation_file(op)),
            Unit::ProtocolModule => self.protocol_module(),
            Unit::ProtocolTypeFile(protocol, def) => {
                let generator = protocol::generator(*protocol);
                let mut file = RustFile::new(format!(
                    "src/protocol/{}/{}{}.rs",
                    generator.module(),
                    type_dir(def),
                    def.file.ident
                ));
                file.push("", generator.file_prelude());
                file.push(&def.name.ident, generator.type_codec(ir, def));
                rust(file)
            }
            Unit::ProtocolOperationFile(protocol, op) => {
                let generator = protocol::generator(*protocol);
                let mut file = RustFile::new(format!(
                    "src/protocol/{}/operation/{}.rs",
                    generator.module(),
                    op.module.unraw()
                ));
                file.inner_doc(&format!(
                    "The codec of `{}` and of its input and output.",
                    op.name.wire
                ));
                file.push("", generator.file_prelude());
                file.push(&op.name.wire, generator.operation_codec(ir, op));
                for id in io_types(ir, op) {
                    file.push(
                        &ir.type_def(id).name.ident,
                        generator.type_codec(ir, ir.type_def(id)),
                    );
                }
                rust(file)
            }
            Unit::Api => rust(api::emit(ir)),
            Unit::Client => rust(client::emit(ir)),
            Unit::Server => rust(server::emit(ir)),
            Unit::ProtocolTests => protocol_tests::emit(ir)
                .map(FileContent::Rust)
                .into_iter()
                .collect(),
        }
    }

    /// The items of one type, its builder and its `Validate` impl, with absolute paths.
    fn type_items(&self, def: &TypeDef) -> (TokenStream, TokenStream) {
        let ir = self.ir;
        let (items, builder) = match &def.kind {
            TypeKind::Structure(s) => structures::emit(ir, def, s),
            TypeKind::Union(u) => (variants::emit_union(ir, def, u), quote!()),
            TypeKind::Enum(e) => (variants::emit_enum(def, e), quote!()),
            TypeKind::IntEnum(e) => (variants::emit_int_enum(def, e), quote!()),
        };
        let validate = self.validation.type_impl(ir, def);
        (quote!(#items #validate), builder)
    }

    /// `src/types/_<type>.rs` (or under `types/error/`): one shared type.
    fn type_file(&self, def: &TypeDef) -> RustFile {
        let mut file = RustFile::new(format!("src/{}{}.rs", type_dir(def), def.file.ident));
        let (items, builder) = self.type_items(def);
        file.push(&def.name.ident, items);
        file.push(&def.name.ident, builder);
        file
    }

    /// `src/operation/<op>.rs`: everything of one operation that is not protocol.
    fn operation_file(&self, op: &Operation) -> RustFile {
        let ir = self.ir;
        let mut file = RustFile::new(format!("src/operation/{}.rs", op.module.unraw()));
        file.inner_doc(&operation_doc(op));
        let mut builders = Vec::new();
        for id in io_types(ir, op) {
            let (items, builder) = self.type_items(ir.type_def(id));
            file.push(&ir.type_def(id).name.ident, items);
            builders.push(builder);
        }
        file.push(&op.error_enum.ident, errors::emit_operation_error(ir, op));
        file.push(&op.api_trait.ident, api::operation_trait(ir, op));
        let fluent = client::fluent_builder(ir, op);
        file.push(
            "builders",
            quote! {
                /// Builders of the input and output, and the client's fluent builder.
                pub mod builders {
                    #(#builders)*
                    #fluent
                }
            },
        );
        file.push("Client", client::client_items(ir, op));
        file.push("serve", server::operation_glue(ir, op));
        if let Some(pagination) = &op.pagination {
            let paginator = client::paginator(ir, op, pagination);
            file.push(
                "paginator",
                quote! {
                    /// The paginator of this operation.
                    #[cfg(feature = "client")]
                    pub mod paginator {
                        #paginator
                    }
                },
            );
        }
        file
    }

    /// `src/protocol/mod.rs`: the service's name and protocols; per protocol its
    /// `mod.rs` with its constants and codec modules (and the groups' indexes).
    fn protocol_module(&self) -> Vec<FileContent> {
        let ir = self.ir;
        let service = &ir.service.shape_name;
        let generators: Vec<_> = ir
            .service
            .protocols
            .iter()
            .map(|p| protocol::generator(*p))
            .collect();
        let modules: Vec<_> = generators
            .iter()
            .map(|g| format_ident!("{}", g.module()))
            .collect();
        let mut top = RustFile::new("src/protocol/mod.rs".to_owned());
        top.inner_doc(
            "The wire protocols of the crate, each in its module: the codec of every type and per \
             operation its request, response and errors. Hidden: the client and the server are the \
             API; benchmarks and codec tests call these functions directly.",
        );
        top.push(
            "",
            quote! {
                /// The service shape's name, which every protocol puts on the wire.
                #[cfg(any(feature = "client", feature = "server", test))]
                pub const SERVICE: &str = #service;

                /// The crate's protocols, the default first.
                #[cfg(any(feature = "client", feature = "server", test))]
                pub const PROTOCOLS: &[&dyn crate::rt::protocol::Protocol] = &[#( #modules::PROTOCOL ),*];

                #( pub mod #modules; )*
            },
        );
        let mut files = vec![FileContent::Rust(top)];
        for generator in generators {
            files.extend(self.one_protocol_module(generator));
        }
        files
    }

    /// `src/protocol/<protocol>/mod.rs` and its group indexes.
    fn one_protocol_module(&self, generator: &dyn ProtocolGenerator) -> Vec<FileContent> {
        let ir = self.ir;
        let root = format!("src/protocol/{}/", generator.module());
        let mut file = RustFile::new(format!("{root}mod.rs"));
        file.inner_doc(&generator.module_doc());
        file.push("", generator.module_items(ir));
        let mut files = Vec::new();
        // The codec modules of a type module: its files, or its groups, each with an index.
        let mut codecs = |module: Module| -> TokenStream {
            let mut items = Vec::new();
            for (group, defs) in groups(ir, &module) {
                let modules: Vec<_> = defs.iter().map(|def| ident(&def.file)).collect();
                match group {
                    None => items.push(quote!(#( mod #modules; )*)),
                    Some(group) => {
                        let mut index =
                            RustFile::new(format!("{root}{}{group}/mod.rs", dir(&module)));
                        index.inner_doc(&format!(
                            "The codecs of the types whose file names start with `{group}`."
                        ));
                        index.push("", quote!(#( mod #modules; )*));
                        files.push(FileContent::Rust(index));
                        let group = format_ident!("{group}");
                        items.push(quote!(mod #group;));
                    }
                }
            }
            quote!(#(#items)*)
        };
        let (shared, errors) = (codecs(Module::Types), codecs(Module::Errors));
        let ops = ir.operations.iter().map(|op| ident(&op.module));
        // The tree mirrors the crate's: `types/_<type>.rs`, `types/error/…`, `operation/<op>.rs`.
        file.push(
            "",
            quote! {
                mod types {
                    #shared
                    mod error {
                        #errors
                    }
                }

                pub mod operation {
                    #( pub mod #ops; )*
                }
            },
        );
        files.push(FileContent::Rust(file));
        files
    }
}

/// The directory of a module's type files under `src/` (and under `src/protocol/`).
fn dir(module: &Module) -> String {
    match module {
        Module::Types => "types/".to_owned(),
        Module::Errors => "types/error/".to_owned(),
        Module::Operation(op) => format!("operation/{}/", op.unraw()),
    }
}

/// The directory of a type's file: its module's, and its group's.
fn type_dir(def: &TypeDef) -> String {
    match &def.group {
        Some(group) => format!("{}{group}/", dir(&def.module)),
        None => dir(&def.module),
    }
}

/// The input and output of an operation that live in its module (once, in that order).
fn io_types<'a>(ir: &'a Ir, op: &'a Operation) -> Vec<&'a crate::smithy::ShapeId> {
    let mut ids = vec![&op.input];
    if op.output != op.input {
        ids.push(&op.output);
    }
    ids.retain(|id| ir.type_def(id).module == Module::Operation(op.module.clone()));
    ids
}

fn operation_doc(op: &Operation) -> String {
    let mut doc = format!(
        "The `{}` operation: its input, output and errors, and their builders.",
        op.name.wire
    );
    if !op.docs.is_empty() {
        doc.push_str("\n\n");
        doc.push_str(&op.docs);
    }
    doc
}

/// The types of `module`, by group (`None`: the files the module's index lists itself).
fn groups<'a>(ir: &'a Ir, module: &Module) -> BTreeMap<Option<&'a str>, Vec<&'a TypeDef>> {
    let mut groups: BTreeMap<Option<&str>, Vec<&TypeDef>> = BTreeMap::new();
    for def in ir.types.values().filter(|def| def.module == *module) {
        groups.entry(def.group.as_deref()).or_default().push(def);
    }
    groups
}

/// `src/types/mod.rs` or `src/types/error/mod.rs`: the types, re-exported from their
/// files, and their builders in `builders`; with groups, one more index per group.
fn types_module(ir: &Ir, module: &Module) -> Vec<FileContent> {
    let mut file = RustFile::new(format!("src/{}mod.rs", dir(module)));
    file.inner_doc(match module {
        Module::Errors => "The errors the service's operations can return, each with its builder in `builders`.",
        _ => "Data types shared by the operations: structures, unions and enums, with builders in `builders`.",
    });
    let mut files = Vec::new();
    let (mut items, mut builders) = (Vec::new(), Vec::new());
    for (group, defs) in groups(ir, module) {
        let (own, own_builders) = type_index(&defs);
        match group {
            None => {
                items.push(own);
                builders.push(own_builders);
            }
            Some(group) => {
                let name = format_ident!("{group}");
                items.push(quote!(mod #name; pub use self::#name::*;));
                builders.push(quote!(pub use super::#name::builders::*;));
                let mut index = RustFile::new(format!("src/{}{group}/mod.rs", dir(module)));
                index.inner_doc(&format!("The types whose file names start with `{group}`, re-exported by the parent module."));
                index.push("", quote!(#own pub mod builders { #own_builders }));
                files.push(FileContent::Rust(index));
            }
        }
    }
    let error_module = (*module == Module::Types).then(|| {
        quote!(
            pub mod error;
        )
    });
    file.push(
        "",
        quote! {
            #(#items)*

            /// Builders of the types of this module.
            pub mod builders {
                #(#builders)*
            }

            #error_module
        },
    );
    files.push(FileContent::Rust(file));
    files
}

/// The module of each type's file with its re-export, and the builders' re-exports.
fn type_index(defs: &[&TypeDef]) -> (TokenStream, TokenStream) {
    let files: Vec<_> = defs.iter().map(|def| ident(&def.file)).collect();
    let names = defs.iter().map(|def| ident(&def.name));
    let builders = defs.iter().filter_map(|def| match &def.kind {
        TypeKind::Structure(s) => {
            let (file, builder) = (ident(&def.file), ident(&s.builder));
            Some(quote!(pub use super::#file::#builder;))
        }
        _ => None,
    });
    (
        quote! { #( mod #files; )* #( pub use self::#files::#names; )* },
        quote!(#(#builders)*),
    )
}

/// `src/operation/mod.rs`: one module per operation.
fn operations_module(ir: &Ir) -> RustFile {
    let mut file = RustFile::new("src/operation/mod.rs".to_owned());
    file.inner_doc("One module per operation: its input, output and error enum, builders, fluent builder and paginator.");
    let modules = ir.operations.iter().map(|op| {
        let module = ident(&op.module);
        let doc = format!(" `{}`.", op.name.wire);
        quote! { #[doc = #doc] pub mod #module; }
    });
    file.push("", quote!(#(#modules)*));
    file
}
