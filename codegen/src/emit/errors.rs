//! Error types: `Display`/`Error` for modeled error structures, and one enum per
//! operation with a variant per modeled error, a catch-all for the rest, and the
//! client's own failures (invalid input, no response).

use super::{doc_attrs, ident, type_path};
use crate::ir::{Ir, Member, Operation, RefKind, Structure, TypeDef};
use proc_macro2::TokenStream;
use quote::quote;

/// The `message` member of an error structure, if it has a string one.
pub(crate) fn message_member(s: &Structure) -> Option<&Member> {
    // A sensitive message is not shown: `Display` then gives the code alone.
    s.members.iter().find(|m| {
        m.name.wire.eq_ignore_ascii_case("message") && m.ty.kind == RefKind::String && !m.sensitive
    })
}

/// `Display` and `std::error::Error` for an `@error` structure.
pub(super) fn emit_error_structure(def: &TypeDef, s: &Structure) -> TokenStream {
    let name = ident(&def.name);
    let code = def.id.name();
    let (message, display) = match message_member(s) {
        Some(m) => {
            let field = ident(&m.name);
            let message = if m.required {
                quote!(::std::option::Option::Some(self.#field.as_str()))
            } else {
                quote!(self.#field.as_deref())
            };
            let display = quote! {
                match self.message() {
                    ::std::option::Option::Some(message) => ::std::write!(f, "{}: {}", Self::CODE, message),
                    ::std::option::Option::None => f.write_str(Self::CODE),
                }
            };
            (message, display)
        }
        None => (
            quote!(::std::option::Option::None),
            quote!(f.write_str(Self::CODE)),
        ),
    };
    quote! {
        impl #name {
            /// The error code on the wire: the shape's name.
            pub const CODE: &'static str = #code;

            /// The error message, if the service sent one.
            pub fn message(&self) -> ::std::option::Option<&str> {
                #message
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                #display
            }
        }

        impl ::std::error::Error for #name {}
    }
}

pub(super) fn emit_operation_error(ir: &Ir, op: &Operation) -> TokenStream {
    let name = ident(&op.error_enum);
    let doc = format!(" The errors `{}` can return.", op.name.wire);
    let variants: Vec<_> = op
        .errors
        .iter()
        .map(|id| ident(&ir.type_def(id).name))
        .collect();
    let types: Vec<_> = op.errors.iter().map(|id| type_path(ir, id)).collect();
    let variant_docs = op.errors.iter().map(|id| doc_attrs(&ir.type_def(id).docs));
    let unhandled = ident(&op.error_variants.unhandled);
    let client = ident(&op.error_variants.client);
    quote! {
        #[doc = #doc]
        #[non_exhaustive]
        #[derive(::std::fmt::Debug)]
        pub enum #name {
            #( #variant_docs #variants(#types), )*
            /// An error the model does not list for this operation, with what the response said.
            #unhandled(crate::error::ErrorMetadata),
            /// The call failed on the caller's side: invalid input (nothing was sent) or no response.
            #client(crate::error::ClientError),
        }

        impl ::std::convert::From<crate::error::ClientError> for #name {
            fn from(error: crate::error::ClientError) -> Self {
                Self::#client(error)
            }
        }

        impl ::std::convert::From<crate::error::ErrorMetadata> for #name {
            fn from(meta: crate::error::ErrorMetadata) -> Self {
                Self::#unhandled(meta)
            }
        }

        impl #name {
            /// The error code: the modeled error's name, or the code the service sent;
            /// `None` for a client failure.
            pub fn code(&self) -> ::std::option::Option<&str> {
                match self {
                    #( Self::#variants(_) => ::std::option::Option::Some(<#types>::CODE), )*
                    Self::#unhandled(meta) => meta.code(),
                    Self::#client(_) => ::std::option::Option::None,
                }
            }

            /// The service's error message, if any (`Display` describes client failures).
            pub fn message(&self) -> ::std::option::Option<&str> {
                match self {
                    #( Self::#variants(e) => e.message(), )*
                    Self::#unhandled(meta) => meta.message(),
                    Self::#client(_) => ::std::option::Option::None,
                }
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    #( Self::#variants(e) => ::std::fmt::Display::fmt(e, f), )*
                    Self::#unhandled(meta) => ::std::fmt::Display::fmt(meta, f),
                    Self::#client(e) => ::std::fmt::Display::fmt(e, f),
                }
            }
        }

        impl ::std::error::Error for #name {
            fn source(&self) -> ::std::option::Option<&(dyn ::std::error::Error + 'static)> {
                match self {
                    #( Self::#variants(e) => ::std::option::Option::Some(e), )*
                    Self::#unhandled(meta) => ::std::option::Option::Some(meta),
                    Self::#client(e) => ::std::option::Option::Some(e),
                }
            }
        }
    }
}
