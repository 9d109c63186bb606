//! rpcv2Cbor's byte level (`smithy-spec/smithy-rpc-v2-cbor.rst`), on minicbor: a
//! writer that picks the encodings the spec asks for (smallest integers, floats no
//! wider than needed but never half precision, timestamps as tag 1 epoch seconds),
//! and a reader that takes every encoding a peer may send (any integer width,
//! half/single/double floats, definite and indefinite lengths), with nesting bounded
//! so that no input can exhaust the stack. Generated codecs drive these directly; no
//! value tree is built in between.

mod read;
mod write;

pub use read::{CborError, CborReader, Container};
pub use write::CborWriter;

/// Nesting deeper than this is rejected (the JSON reader's limit too).
pub const MAX_DEPTH: usize = 128;
