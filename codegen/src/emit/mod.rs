//! Emitters: the IR becomes token streams with `quote!`, one module per concern.
//! Shared helpers here turn IR names, docs and type references into tokens; every
//! std item is named by absolute path so that model types cannot shadow it.

mod api;
mod crate_files;
mod errors;
pub mod protocol;
mod structures;
mod variants;

use crate::ir::{Ir, Module, RefKind, TypeKind, TypeRef};
use crate::names::Name;
use crate::output::{FileContent, RustFile};
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

/// Every file of the generated crate, in a fixed order.
pub fn emit(ir: &Ir) -> Vec<FileContent> {
    let mut files = crate_files::emit(ir);
    for module in Module::ALL {
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
        files.push(FileContent::Rust(file));
    }
    files.push(FileContent::Rust(protocol::for_service(ir).emit(ir)));
    files.push(FileContent::Rust(api::emit(ir)));
    files
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
    let module = format_ident!("{}", def.module.name());
    let name = ident(&def.name);
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

fn sparse_type(ir: &Ir, ty: &TypeRef, sparse: bool) -> TokenStream {
    let inner = rust_type(ir, ty);
    if sparse { quote!(::std::option::Option<#inner>) } else { inner }
}
