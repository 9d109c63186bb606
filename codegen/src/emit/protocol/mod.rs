//! Wire protocols. Each one emits the `protocol` module of the generated crate:
//! codecs for every type, and per operation the request it sends, the response it
//! reads and the errors it recognises. Types, client and server only call that
//! module, so adding a protocol (rpcv2Cbor) touches nothing else.

mod aws_json;

use crate::ir::{Ir, Protocol};
use crate::output::RustFile;

/// What a protocol contributes to the generated crate.
pub trait ProtocolGenerator {
    /// The `Content-Type` of requests and responses.
    fn content_type(&self) -> &'static str;
    /// The generated `src/protocol.rs`.
    fn emit(&self, ir: &Ir) -> RustFile;
}

/// The generator for the service's protocol.
pub fn for_service(ir: &Ir) -> Box<dyn ProtocolGenerator> {
    match ir.service.protocol {
        Protocol::AwsJson1_0 => Box::new(aws_json::AwsJson { content_type: "application/x-amz-json-1.0" }),
        Protocol::AwsJson1_1 => Box::new(aws_json::AwsJson { content_type: "application/x-amz-json-1.1" }),
    }
}
