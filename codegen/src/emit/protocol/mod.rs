//! Wire protocols: the one place that knows what a protocol puts on the wire. Each
//! one writes the generated crate's `protocol` module: the codec of every type, and
//! per operation the request it sends, the response it reads, and (server side) the
//! request it parses and the answers it writes, with the runtime's
//! [`Protocol`](../../../smithy_lite_runtime/protocol/trait.Protocol.html) value for
//! everything that is the same for every operation. Types, client, server and
//! validation only call the functions below by their fixed names, so adding a
//! protocol is an implementation of [`ProtocolGenerator`] and nothing else.
//!
//! Each protocol of the crate has its module, `crate::protocol::<protocol>` (e.g.
//! `aws_json`, `rpc_v2_cbor`), and per operation `<op>`,
//! `crate::protocol::<protocol>::operation::<op>` has:
//!
//! | function | side | does |
//! | --- | --- | --- |
//! | `serialize_request(&Input) -> http::Request<Vec<u8>>` | client | the request, before endpoint and signature |
//! | `parse_response(status, &HeaderMap, &[u8]) -> Result<Output, Error>` | client | the output or the error |
//! | `parse_request(&[u8]) -> Result<(Input, Vec<Path>), ServerError>` | server | the input, strictly, and the missing required members |
//! | `serialize_output(&Output) -> Vec<u8>` | server | the body of a success |
//! | `serialize_error(&Error) -> ServerError` | server | a modeled or unhandled error |
//!
//! and `PROTOCOL`; `crate::protocol` has `SERVICE` (the service shape's name) and
//! `PROTOCOLS` (the crate's, the default first). The client and the server pick an
//! operation's functions by the runtime's `WireProtocol` of the call.

mod aws_json;
mod operation;
mod rpc_v2_cbor;

use crate::ir::{Ir, Operation, Protocol, TypeDef};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// What a protocol contributes to the generated crate.
pub trait ProtocolGenerator: Sync {
    /// The protocol's module under `src/protocol/`.
    fn module(&self) -> &'static str;
    /// The `//!` doc of `src/protocol/mod.rs`.
    fn module_doc(&self) -> String;
    /// Items of the protocol's `mod.rs`: `PROTOCOL`.
    fn module_items(&self, ir: &Ir) -> TokenStream;
    /// The `use` items every codec file starts with.
    fn file_prelude(&self) -> TokenStream;
    /// The codec of one type.
    fn type_codec(&self, ir: &Ir, def: &TypeDef) -> TokenStream;
    /// The five functions of one operation (see the module doc).
    fn operation_codec(&self, ir: &Ir, op: &Operation) -> TokenStream;
}

/// The generator of one protocol.
pub fn generator(protocol: Protocol) -> &'static dyn ProtocolGenerator {
    match protocol {
        Protocol::RpcV2Cbor => &rpc_v2_cbor::RPC_V2_CBOR,
        Protocol::AwsJson1_0 => &aws_json::AWS_JSON_1_0,
        Protocol::AwsJson1_1 => &aws_json::AWS_JSON_1_1,
    }
}

/// The runtime's `WireProtocol` value of `protocol`.
pub fn wire(protocol: Protocol) -> TokenStream {
    let variant = match protocol {
        Protocol::RpcV2Cbor => "RpcV2Cbor",
        Protocol::AwsJson1_0 => "AwsJson1_0",
        Protocol::AwsJson1_1 => "AwsJson1_1",
    };
    let variant = format_ident!("{variant}");
    quote!(crate::rt::protocol::WireProtocol::#variant)
}

/// `crate::protocol::<protocol>::operation::<op>::<function>`.
pub fn operation_fn(protocol: Protocol, op: &Operation, function: &str) -> TokenStream {
    let module = format_ident!("{}", generator(protocol).module());
    let op = super::ident(&op.module);
    let function = format_ident!("{function}");
    quote!(crate::protocol::#module::operation::#op::#function)
}

/// An expression choosing by the call's `wire` (a `WireProtocol` in scope): `each`
/// of the crate's protocols in a `match`, the last as the fallback (the runtime only
/// hands over the crate's own); the expression alone for a crate of one protocol.
pub fn by_protocol(ir: &Ir, each: impl Fn(Protocol) -> TokenStream) -> TokenStream {
    let protocols = &ir.service.protocols;
    let Some((last, others)) = protocols.split_last() else {
        return quote!();
    };
    let fallback = each(*last);
    if others.is_empty() {
        return fallback;
    }
    let arms = others.iter().map(|p| {
        let wire = wire(*p);
        let body = each(*p);
        quote!(#wire => #body,)
    });
    quote! {
        match wire {
            #(#arms)*
            _ => #fallback,
        }
    }
}
