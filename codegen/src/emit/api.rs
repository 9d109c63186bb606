//! The service API: one object-safe trait per operation, in the operation's module,
//! and the service trait in `api.rs` that has them all as supertraits. The client
//! implements every operation's trait, the server serves any implementation of the
//! service trait, and a test double is any struct that implements them.
//!
//! A trait per operation keeps every file small for services of hundreds of
//! operations: the service trait is one line per operation, and each operation's
//! trait, its forwarding impls, the client's impl and the server's glue are in the
//! operation's file.

use super::{doc_attrs, doc_link, error_enum_path, ident, module_tokens, type_path};
use crate::ir::{Ir, Module, Operation};
use crate::output::RustFile;
use proc_macro2::TokenStream;
use quote::quote;

/// `src/api.rs`: `BoxFuture`, the service trait and the operations' traits re-exported.
pub(super) fn emit(ir: &Ir) -> RustFile {
    let mut file = RustFile::new("src/api.rs".to_owned());
    file.inner_doc(
        "The service API shared by the client, the server and test doubles: a trait per operation \
         (in its module under `operation`, re-exported here), and the service trait that has them all.",
    );
    let api = ident(&ir.service.api_trait);
    let trait_doc = format!(
        " The {sdk} API: every operation's trait. A type implementing all of them is a `{api}` \
         (the client is); object safe, so `Arc<dyn {api}>` works.",
        sdk = ir.service.sdk_id,
        api = ir.service.api_trait.ident,
    );
    let paths: Vec<TokenStream> = ir.operations.iter().map(operation_trait_path).collect();
    file.push(
        &ir.service.api_trait.ident,
        quote! {
            /// The future every API method returns: boxed, so the traits stay object safe.
            pub type BoxFuture<'a, T> = ::std::pin::Pin<::std::boxed::Box<dyn ::std::future::Future<Output = T> + ::std::marker::Send + 'a>>;

            #( pub use #paths; )*

            #[doc = #trait_doc]
            pub trait #api: ::std::marker::Send + ::std::marker::Sync #( + #paths )* {}

            impl<T: ?::std::marker::Sized #( + #paths )*> #api for T {}
        },
    );
    file
}

/// `crate::operation::<op>::<Op>Api`.
pub(super) fn operation_trait_path(op: &Operation) -> TokenStream {
    let module = module_tokens(&Module::Operation(op.module.clone()));
    let name = ident(&op.api_trait);
    quote!(#module::#name)
}

/// An operation's trait and its impls for `Arc` and `Box`, for the operation's file.
pub(super) fn operation_trait(ir: &Ir, op: &Operation) -> TokenStream {
    let name = ident(&op.api_trait);
    let method = ident(&op.method);
    let input = type_path(ir, &op.input);
    let output = type_path(ir, &op.output);
    let error = error_enum_path(op);
    let doc = format!(
        " The `{}` operation of the {} API ({}).",
        op.name.wire,
        ir.service.sdk_id,
        doc_link(&ir.service.api_trait.ident, &{
            let api = ident(&ir.service.api_trait);
            quote!(crate::api::#api)
        })
    );
    let docs = doc_attrs(&op.docs);
    let signature = quote!(fn #method(&self, input: #input) -> crate::api::BoxFuture<'_, ::std::result::Result<#output, #error>>);
    quote! {
        #[doc = #doc]
        pub trait #name: ::std::marker::Send + ::std::marker::Sync {
            #docs
            #signature;
        }

        impl<T: #name + ?::std::marker::Sized> #name for ::std::sync::Arc<T> {
            #signature { (**self).#method(input) }
        }

        impl<T: #name + ?::std::marker::Sized> #name for ::std::boxed::Box<T> {
            #signature { (**self).#method(input) }
        }
    }
}
