//! The `server` module (cargo feature `server`): a `Dispatch` impl that serves any
//! implementation of the API trait through the runtime's `rt::server` router.
//! Per operation it parses strictly, validates with the strict policy, calls the
//! implementation and writes the output or the modeled error with `protocol`; the
//! protocol itself (routing, error bodies) is the `protocol` module's.

use super::ident;
use crate::ir::{Ir, Operation};
use crate::output::RustFile;
use proc_macro2::TokenStream;
use quote::quote;

pub(super) fn emit(ir: &Ir) -> RustFile {
    let mut file = RustFile::new("src/server.rs".to_owned());
    let api = ident(&ir.service.api_trait);
    file.inner_doc(&format!(
        "The {} server: `serve(listener, router(api), shutdown)` serves any `{}`.\n\n\
         Requests are read strictly: a missing required member, a broken constraint or an enum value \
         this crate does not know is answered with a 400 `ValidationException` listing every violation, \
         before the implementation is called.",
        ir.service.sdk_id, ir.service.api_trait.ident
    ));
    let names: Vec<&str> = ir
        .operations
        .iter()
        .map(|op| op.name.wire.as_str())
        .collect();
    let arms = ir.operations.iter().map(operation_arm);
    let dispatcher_doc = format!(
        " Serves the operations of any [`{}`] implementation.",
        ir.service.api_trait.ident
    );
    file.push(
        "",
        quote! {
            pub use crate::rt::server::{serve, CallLog, Router, ServerConfig, ServerError};
            use crate::api::#api;
            use crate::rt::server::{Dispatch, DispatchFuture};
            use crate::validation::{Path, Validate};

            #[doc = #dispatcher_doc]
            pub struct Dispatcher<A> {
                api: ::std::sync::Arc<A>,
            }

            impl<A> Dispatcher<A> {
                /// A dispatcher calling `api`.
                pub fn new(api: A) -> Self {
                    Dispatcher { api: ::std::sync::Arc::new(api) }
                }
            }

            // By hand: a derive would require `A: Clone`, and only the `Arc` is cloned.
            impl<A> ::std::clone::Clone for Dispatcher<A> {
                fn clone(&self) -> Self {
                    Dispatcher { api: <::std::sync::Arc<A> as ::std::clone::Clone>::clone(&self.api) }
                }
            }

            impl<A: #api + 'static> Dispatch for Dispatcher<A> {
                const SERVICE: &'static str = crate::protocol::SERVICE;
                const PROTOCOLS: &'static [&'static dyn crate::rt::protocol::Protocol] = crate::protocol::PROTOCOLS;
                const OPERATIONS: &'static [&'static str] = &[#(#names),*];

                fn dispatch(&self, wire: crate::rt::protocol::WireProtocol, operation: &'static str, body: crate::rt::__private::bytes::Bytes) -> ::std::option::Option<DispatchFuture> {
                    // Named by trait: the API itself may have an operation called `clone`.
                    let api = <::std::sync::Arc<A> as ::std::clone::Clone>::clone(&self.api);
                    ::std::option::Option::Some(match operation {
                        #(#arms)*
                        _ => return ::std::option::Option::None,
                    })
                }
            }

            /// A router serving `api` with the default limits.
            pub fn router<A: #api + 'static>(api: A) -> Router<Dispatcher<A>> {
                router_with_config(api, ServerConfig::default())
            }

            /// A router serving `api` with the limits and hooks of `config`.
            pub fn router_with_config<A: #api + 'static>(api: A, config: ServerConfig) -> Router<Dispatcher<A>> {
                Router::new(Dispatcher::new(api), config)
            }

            /// A request parse: the input, and the required members it lacked.
            pub(crate) type Parse<I> = fn(&[u8]) -> ::std::result::Result<(I, ::std::vec::Vec<Path>), ServerError>;

            /// One call: read and check the input, call the implementation, write the answer.
            pub(crate) fn answer<A, I, O, E>(
                api: ::std::sync::Arc<A>,
                body: crate::rt::__private::bytes::Bytes,
                parse: Parse<I>,
                call: for<'a> fn(&'a A, I) -> crate::api::BoxFuture<'a, ::std::result::Result<O, E>>,
                write: fn(&O) -> ::std::vec::Vec<u8>,
                write_error: fn(&E) -> ServerError,
            ) -> DispatchFuture
            where
                A: ::std::marker::Send + ::std::marker::Sync + ?::std::marker::Sized + 'static,
                I: Validate + ::std::marker::Send + 'static,
                O: 'static,
                E: 'static,
            {
                ::std::boxed::Box::pin(async move {
                    let (input, missing) = parse(&body)?;
                    crate::validation::validate_request(&input, &missing).map_err(|error| ServerError::validation(error.aws_message()))?;
                    match call(&api, input).await {
                        ::std::result::Result::Ok(output) => ::std::result::Result::Ok(crate::rt::__private::bytes::Bytes::from(write(&output))),
                        ::std::result::Result::Err(error) => ::std::result::Result::Err(write_error(&error)),
                    }
                })
            }
        },
    );
    file
}

fn operation_arm(op: &Operation) -> TokenStream {
    let name = &op.name.wire;
    let module = ident(&op.module);
    quote! { #name => crate::operation::#module::serve(api, wire, body), }
}

/// For the operation's file: the server's glue of one operation, in the protocol
/// the request came in.
pub(super) fn operation_glue(ir: &Ir, op: &Operation) -> TokenStream {
    let api = super::api::operation_trait_path(op);
    let method = ident(&op.method);
    let answer = super::protocol::by_protocol(ir, |protocol| {
        let codec = |name| super::protocol::operation_fn(protocol, op, name);
        let (parse, write, write_error) = (
            codec("parse_request"),
            codec("serialize_output"),
            codec("serialize_error"),
        );
        quote!(crate::server::answer(api, body, #parse, <A as #api>::#method, #write, #write_error))
    });
    quote! {
        /// Serves one call of this operation: the server's glue.
        #[cfg(feature = "server")]
        pub(crate) fn serve<A: #api + ?::std::marker::Sized + 'static>(
            api: ::std::sync::Arc<A>,
            #[allow(unused_variables)]
            wire: crate::rt::protocol::WireProtocol,
            body: crate::rt::__private::bytes::Bytes,
        ) -> crate::rt::server::DispatchFuture {
            #answer
        }
    }
}
