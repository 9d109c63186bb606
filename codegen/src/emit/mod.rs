//! Emitters: the IR becomes token streams with `quote!`, one module per concern.
//! Shared helpers here turn IR names, docs and type references into tokens; every
//! std item is named by absolute path so that model types cannot shadow it.

mod api;
mod client;
mod crate_files;
mod errors;
pub mod protocol;
mod protocol_tests;
mod server;
mod structures;
mod validation;
mod variants;

use crate::ir::{Ir, Module, RefKind, TypeKind, TypeRef};
use crate::names::Name;
use crate::output::{FileContent, GeneratedFile, RustFile};
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

/// One unit of emission: a function from the IR to some files.
type Job = fn(&Ir) -> Vec<FileContent>;

/// Every emitter, one job per file or group of files. Jobs run on all cores.
const JOBS: &[Job] = &[
    crate_files::emit,
    |ir| vec![FileContent::Rust(module_file(ir, Module::Types))],
    |ir| vec![FileContent::Rust(module_file(ir, Module::Input))],
    |ir| vec![FileContent::Rust(module_file(ir, Module::Output))],
    |ir| vec![FileContent::Rust(module_file(ir, Module::Error))],
    |ir| vec![FileContent::Rust(protocol::for_service(ir).emit(ir))],
    |ir| vec![FileContent::Rust(api::emit(ir))],
    |ir| vec![FileContent::Rust(validation::emit(ir))],
    |ir| vec![FileContent::Rust(server::emit(ir))],
    |ir| vec![FileContent::Rust(client::emit(ir))],
    |ir| protocol_tests::emit(ir).map(FileContent::Rust).into_iter().collect(),
];

/// Every file of the generated crate, emitted and formatted in parallel, in path order.
///
/// Token streams are not `Send`, so each job both emits and formats on its thread.
pub fn generate_files(ir: &Ir) -> Vec<GeneratedFile> {
    let next = ::std::sync::atomic::AtomicUsize::new(0);
    let threads = ::std::thread::available_parallelism().map_or(1, |n| n.get()).min(JOBS.len());
    let mut files: Vec<GeneratedFile> = ::std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    while let Some(job) = JOBS.get(next.fetch_add(1, ::std::sync::atomic::Ordering::Relaxed)) {
                        done.extend(job(ir).into_iter().map(FileContent::render));
                    }
                    done
                })
            })
            .collect();
        workers.into_iter().flat_map(|w| w.join().unwrap_or_else(|panic| ::std::panic::resume_unwind(panic))).collect()
    });
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

/// `src/<module>.rs`: the module's types, and for `error` the operation error enums.
fn module_file(ir: &Ir, module: Module) -> RustFile {
    let mut file = RustFile::new(format!("src/{}.rs", module.name()));
    file.inner_doc(module_doc(module));
    if module == Module::Error {
        file.push("", errors::reexports());
    }
    for def in ir.types.values().filter(|def| def.module == module) {
        let items = match &def.kind {
            TypeKind::Structure(s) => structures::emit(ir, def, s),
            TypeKind::Union(u) => variants::emit_union(ir, def, u),
            TypeKind::Enum(e) => variants::emit_enum(def, e),
            TypeKind::IntEnum(e) => variants::emit_int_enum(def, e),
        };
        file.push(&def.name.ident, items);
    }
    if module == Module::Error {
        for op in &ir.operations {
            file.push(&op.error_enum.ident, errors::emit_operation_error(ir, op));
        }
    }
    file
}

fn module_doc(module: Module) -> &'static str {
    match module {
        Module::Types => "Data types shared by the operations: structures, unions and enums.",
        Module::Input => "Operation inputs, with builders.",
        Module::Output => "Operation outputs, with builders.",
        Module::Error => "Modeled errors, each operation's error enum, and builder errors.",
    }
}

/// The identifier tokens for a name chosen in the IR (may be raw: `r#type`).
pub(crate) fn ident(name: &Name) -> Ident {
    format_ident!("{}", name.ident)
}

/// `#[doc = " …"]` lines for Markdown text; nothing for empty text.
pub(crate) fn doc_attrs(markdown: &str) -> TokenStream {
    let lines = markdown.lines().map(|line| if line.is_empty() { String::new() } else { format!(" {line}") });
    quote! { #( #[doc = #lines] )* }
}

/// The absolute path of a generated type (`crate::types::WorkspacesPool`).
pub(crate) fn type_path(ir: &Ir, id: &crate::smithy::ShapeId) -> TokenStream {
    let def = ir.type_def(id);
    module_path(def.module, &def.name)
}

/// The absolute path of an item of a type module (`crate::input::CreateWorkspacesPoolInputBuilder`).
pub(crate) fn module_path(module: Module, name: &Name) -> TokenStream {
    let module = format_ident!("{}", module.name());
    let name = ident(name);
    quote!(crate::#module::#name)
}

/// The Rust type of a value (without the `Option` of an optional member).
pub(crate) fn rust_type(ir: &Ir, ty: &TypeRef) -> TokenStream {
    match &ty.kind {
        RefKind::Boolean => quote!(bool),
        RefKind::Byte => quote!(i8),
        RefKind::Short => quote!(i16),
        RefKind::Integer => quote!(i32),
        RefKind::Long => quote!(i64),
        RefKind::Float => quote!(f32),
        RefKind::Double => quote!(f64),
        RefKind::BigInteger => quote!(crate::primitives::BigInteger),
        RefKind::BigDecimal => quote!(crate::primitives::BigDecimal),
        RefKind::String => quote!(::std::string::String),
        RefKind::Timestamp => quote!(crate::primitives::Timestamp),
        RefKind::Blob => quote!(crate::primitives::Blob),
        RefKind::Document => quote!(crate::primitives::Document),
        RefKind::Named(id) => type_path(ir, id),
        RefKind::List { member, sparse } => {
            let member = sparse_type(ir, member, *sparse);
            quote!(::std::vec::Vec<#member>)
        }
        // Keys stay strings even when the model's key is an enum: every wire key round-trips.
        RefKind::Map { value, sparse, .. } => {
            let value = sparse_type(ir, value, *sparse);
            quote!(::std::collections::HashMap<::std::string::String, #value>)
        }
    }
}

/// The type a value is stored as: boxed when it closes a cycle of structures and unions.
pub(crate) fn stored_type(ir: &Ir, ty: &TypeRef, boxed: bool) -> TokenStream {
    let ty = rust_type(ir, ty);
    if boxed { quote!(::std::boxed::Box<#ty>) } else { ty }
}

/// A list element or map value: in an `Option` when the collection is sparse.
pub(crate) fn sparse_type(ir: &Ir, ty: &TypeRef, sparse: bool) -> TokenStream {
    let inner = rust_type(ir, ty);
    if sparse { quote!(::std::option::Option<#inner>) } else { inner }
}
