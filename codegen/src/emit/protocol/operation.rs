//! The five functions of an operation (see the parent module), one template for every
//! protocol: what differs is the runtime module that encodes bodies (`rt::json`,
//! `rt::cbor`, each with `to_vec`, `parse_response`, `read_error`, `parse_request` and
//! `error_response`), the protocol's module, and whether an operation without input
//! sends a body.

use crate::emit::{error_enum_path, ident, type_path};
use crate::ir::{Ir, Operation};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// How a protocol's operations differ.
pub(super) struct Template {
    /// The protocol's module under `crate::protocol`.
    pub module: &'static str,
    /// The runtime module with the body functions, e.g. `crate::rt::json`.
    pub runtime: TokenStream,
    /// Whether an operation without input sends an empty body (rpcv2Cbor) rather than
    /// its empty structure (awsJson's `{}`).
    pub no_body_without_input: bool,
}

impl Template {
    pub(super) fn operation(&self, ir: &Ir, op: &Operation) -> TokenStream {
        let Template { runtime: rt, .. } = self;
        let module = format_ident!("{}", self.module);
        let input = type_path(ir, &op.input);
        let output = type_path(ir, &op.output);
        let error = error_enum_path(op);
        let wire = &op.name.wire;
        let codes: Vec<&str> = op.errors.iter().map(|id| id.name()).collect();
        let variants: Vec<_> = op
            .errors
            .iter()
            .map(|id| ident(&ir.type_def(id).name))
            .collect();
        let (unhandled, client) = (
            ident(&op.error_variants.unhandled),
            ident(&op.error_variants.client),
        );
        // Without modeled errors, every error response is unhandled.
        let read_modeled = if op.errors.is_empty() {
            quote! { #rt::parse_response(status, headers, body, |_, _| None) }
        } else {
            quote! {
                use #error as E;
                #rt::parse_response(status, headers, body, |code, body| match code {
                    #( #codes => #rt::read_error(body, E::#variants), )*
                    _ => None,
                })
            }
        };
        let request_body = if op.unit_input && self.no_body_without_input {
            quote!({
                let _ = input;
                ::std::vec::Vec::new()
            })
        } else {
            quote!(#rt::to_vec(input))
        };
        // An operation without output answers no body (clients read none as empty).
        let output_body = if op.unit_output {
            quote! {
                let _ = output;
                ::std::vec::Vec::new()
            }
        } else {
            quote!(#rt::to_vec(output))
        };
        quote! {
            /// The request for `input`.
            #[cfg(any(feature = "client", test))]
            pub fn serialize_request(input: &#input) -> crate::rt::http::Request<::std::vec::Vec<u8>> {
                crate::rt::protocol::Protocol::request(crate::protocol::#module::PROTOCOL, crate::protocol::SERVICE, #wire, #request_body)
            }

            /// Reads a response; non-2xx statuses become the operation's error.
            #[cfg(any(feature = "client", test))]
            pub fn parse_response(status: u16, headers: &crate::rt::http::HeaderMap, body: &[u8]) -> Result<#output, #error> {
                #read_modeled
            }

            /// Reads a request body strictly; missing required members are returned beside it.
            #[cfg(feature = "server")]
            pub fn parse_request(body: &[u8]) -> Result<(#input, ::std::vec::Vec<crate::validation::Path>), crate::rt::server::ServerError> {
                #rt::parse_request(body)
            }

            /// The body of a successful response.
            #[cfg(feature = "server")]
            pub fn serialize_output(output: &#output) -> ::std::vec::Vec<u8> {
                #output_body
            }

            /// A modeled or unhandled error, as the server sends it.
            #[cfg(feature = "server")]
            pub fn serialize_error(error: &#error) -> crate::rt::server::ServerError {
                use #error as E;
                match error {
                    #( E::#variants(e) => #rt::error_response(e, e.message()), )*
                    E::#unhandled(meta) => crate::rt::server::ServerError::unhandled(meta),
                    E::#client(e) => crate::rt::server::ServerError::internal(::std::string::ToString::to_string(e)),
                }
            }
        }
    }
}
