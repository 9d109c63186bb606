//! The service API as one object-safe trait: the client implements it, the server
//! serves any implementation of it, and a test double is any struct that does.

use super::{doc_attrs, error_enum_path, ident, type_path};
use crate::ir::Ir;
use crate::output::RustFile;
use quote::quote;

pub(super) fn emit(ir: &Ir) -> RustFile {
    let mut file = RustFile::new("src/api.rs".to_owned());
    file.inner_doc("The service API trait shared by the client, the server and test doubles.");
    let api = ident(&ir.service.api_trait);
    let trait_doc = format!(
        " The {} API: one method per operation. Object safe, so `Arc<dyn {}>` works.",
        ir.service.sdk_id,
        ir.service.api_trait.ident
    );
    // Each method's signature, for the trait and for the forwarding impls.
    let signatures: Vec<_> = ir
        .operations
        .iter()
        .map(|op| {
            let method = ident(&op.method);
            let input = type_path(ir, &op.input);
            let output = type_path(ir, &op.output);
            let error = error_enum_path(op);
            let signature = quote!(fn #method(&self, input: #input) -> BoxFuture<'_, ::std::result::Result<#output, #error>>);
            (op, method, signature)
        })
        .collect();
    let methods = signatures.iter().map(|(op, _, signature)| {
        let docs = doc_attrs(&op.docs);
        quote! { #docs #signature; }
    });
    let forwards: Vec<_> =
        signatures.iter().map(|(_, method, signature)| quote! { #signature { (**self).#method(input) } }).collect();
    file.push(
        &ir.service.api_trait.ident,
        quote! {
            /// The future every API method returns: boxed, so the trait stays object safe.
            pub type BoxFuture<'a, T> = ::std::pin::Pin<::std::boxed::Box<dyn ::std::future::Future<Output = T> + ::std::marker::Send + 'a>>;

            #[doc = #trait_doc]
            pub trait #api: ::std::marker::Send + ::std::marker::Sync {
                #(#methods)*
            }

            impl<T: #api + ?::std::marker::Sized> #api for ::std::sync::Arc<T> {
                #(#forwards)*
            }

            impl<T: #api + ?::std::marker::Sized> #api for ::std::boxed::Box<T> {
                #(#forwards)*
            }
        },
    );
    file
}
