//! Emitters: the IR becomes token streams with `quote!`, one module per concern,
//! and [`layout`] places them in files. Shared helpers here turn IR names, docs and
//! type references into tokens; every std item is named by absolute path so that
//! model types cannot shadow it, and every generated item by its absolute path in
//! the crate, so items can move between files freely.

mod api;
mod client;
mod crate_files;
mod errors;
mod layout;
mod literal;
pub mod protocol;
mod protocol_tests;
mod server;
mod structures;
mod validation;
mod variants;

pub use crate_files::RuntimeDependency;

use crate::ir::{Ir, Module, RefKind, TypeRef};
use crate::names::Name;
use crate::output::GeneratedFile;
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

/// How the generated crate is packaged: where its runtime dependency comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmitOptions {
    pub runtime: RuntimeDependency,
}

impl Default for EmitOptions {
    /// The runtime from the registry, at the version this generator writes code for.
    fn default() -> Self {
        EmitOptions {
            runtime: RuntimeDependency::Version(crate::RUNTIME_VERSION.to_owned()),
        }
    }
}

/// Every file of the generated crate, emitted and formatted in parallel, in path order.
///
/// Token streams are not `Send`, so each unit of work both emits and formats its
/// file on the thread that took it.
pub fn generate_files(ir: &Ir, options: &EmitOptions) -> Vec<GeneratedFile> {
    let context = layout::Context::new(ir, options);
    let units = layout::units(ir);
    let next = ::std::sync::atomic::AtomicUsize::new(0);
    let threads = ::std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(units.len())
        .max(1);
    let mut files: Vec<GeneratedFile> = ::std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    while let Some(unit) =
                        units.get(next.fetch_add(1, ::std::sync::atomic::Ordering::Relaxed))
                    {
                        done.extend(
                            context
                                .emit(unit)
                                .into_iter()
                                .map(crate::output::FileContent::render),
                        );
                    }
                    done
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| {
                w.join()
                    .unwrap_or_else(|panic| ::std::panic::resume_unwind(panic))
            })
            .collect()
    });
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

/// The identifier tokens for a name chosen in the IR (may be raw: `r#type`).
pub(crate) fn ident(name: &Name) -> Ident {
    format_ident!("{}", name.ident)
}

/// `#[doc = " …"]` lines for Markdown text; nothing for empty text.
pub(crate) fn doc_attrs(markdown: &str) -> TokenStream {
    let lines = markdown.lines().map(|line| {
        if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        }
    });
    quote! { #( #[doc = #lines] )* }
}

/// Markdown for `text` linking to the item at `path`: an intra-doc link, or plain code
/// where a segment is a raw identifier (`r#match`), which rustdoc links cannot name.
pub(crate) fn doc_link(text: &str, path: &TokenStream) -> String {
    let path = path.to_string().replace(' ', "");
    if path.contains("r#") {
        format!("`{text}`")
    } else {
        format!("[`{text}`]({path})")
    }
}

/// The absolute path of a generated type (`crate::types::WorkspacesPool`).
pub(crate) fn type_path(ir: &Ir, id: &crate::smithy::ShapeId) -> TokenStream {
    let def = ir.type_def(id);
    module_path(&def.module, &def.name)
}

/// The absolute path of a structure's builder (`crate::types::builders::WorkspacesPoolBuilder`).
pub(crate) fn builder_path(ir: &Ir, id: &crate::smithy::ShapeId) -> TokenStream {
    let module = module_tokens(&ir.type_def(id).module);
    let builder = ident(&ir.structure(id).builder);
    quote!(#module::builders::#builder)
}

/// The absolute path of an item of a type module (`crate::operation::create_workspaces_pool::CreateWorkspacesPoolError`).
pub(crate) fn module_path(module: &Module, name: &Name) -> TokenStream {
    let module = module_tokens(module);
    let name = ident(name);
    quote!(#module::#name)
}

/// `crate::types`, `crate::types::error` or `crate::operation::<op>`.
pub(crate) fn module_tokens(module: &Module) -> TokenStream {
    let segments = module.segments().into_iter().map(|s| format_ident!("{s}"));
    quote!(crate #(::#segments)*)
}

/// The absolute path of an operation's error enum.
pub(crate) fn error_enum_path(op: &crate::ir::Operation) -> TokenStream {
    module_path(&Module::Operation(op.module.clone()), &op.error_enum)
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
    if boxed {
        quote!(::std::boxed::Box<#ty>)
    } else {
        ty
    }
}

/// A list element or map value: in an `Option` when the collection is sparse.
pub(crate) fn sparse_type(ir: &Ir, ty: &TypeRef, sparse: bool) -> TokenStream {
    let inner = rust_type(ir, ty);
    if sparse {
        quote!(::std::option::Option<#inner>)
    } else {
        inner
    }
}
