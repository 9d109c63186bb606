//! Wire protocols: the one place that knows what a protocol puts on the wire. Each
//! one writes the generated crate's `protocol` module: the codec of every type, and
//! per operation the request it sends, the response it reads, and (server side) the
//! request it parses and the answers it writes, with the runtime's
//! [`Protocol`](../../../smithy_lite_runtime/protocol/trait.Protocol.html) value for
//! everything that is the same for every operation. Types, client, server and
//! validation only call the functions below by their fixed names, so adding a
//! protocol is an implementation of [`ProtocolGenerator`] and nothing else.
//!
//! Per operation `<op>`, `crate::protocol::operation::<op>` has:
//!
//! | function | side | does |
//! | --- | --- | --- |
//! | `serialize_request(&Input) -> http::Request<Vec<u8>>` | client | the request, before endpoint and signature |
//! | `parse_response(status, &HeaderMap, &[u8]) -> Result<Output, Error>` | client | the output or the error |
//! | `parse_request(&[u8]) -> Result<(Input, Vec<Path>), ServerError>` | server | the input, strictly, and the missing required members |
//! | `serialize_output(&Output) -> Vec<u8>` | server | the body of a success |
//! | `serialize_error(&Error) -> ServerError` | server | a modeled or unhandled error |
//!
//! and `crate::protocol` has `SERVICE` (the service shape's name) and `PROTOCOL`.

mod aws_json;

use crate::ir::{Ir, Operation, Protocol, TypeDef};
use proc_macro2::TokenStream;

/// What a protocol contributes to the generated crate.
pub trait ProtocolGenerator: Sync {
    /// The `//!` doc of `src/protocol/mod.rs`.
    fn module_doc(&self) -> String;
    /// Items of `src/protocol/mod.rs`: `SERVICE`, `PROTOCOL`.
    fn module_items(&self, ir: &Ir) -> TokenStream;
    /// The `use` items every codec file starts with.
    fn file_prelude(&self) -> TokenStream;
    /// The codec of one type.
    fn type_codec(&self, ir: &Ir, def: &TypeDef) -> TokenStream;
    /// The five functions of one operation (see the module doc).
    fn operation_codec(&self, ir: &Ir, op: &Operation) -> TokenStream;
}

/// The generator for the service's protocol.
pub fn for_service(ir: &Ir) -> &'static dyn ProtocolGenerator {
    match ir.service.protocol {
        Protocol::AwsJson1_0 => &aws_json::AWS_JSON_1_0,
        Protocol::AwsJson1_1 => &aws_json::AWS_JSON_1_1,
    }
}
