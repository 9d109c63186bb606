//! The seam between the runtime and a wire protocol.
//!
//! Everything that differs between protocols on the wire, but is the same for every
//! operation, sits behind [`Protocol`]: the request line and headers around an encoded
//! body, the error code of a response, and on a server how a request names its
//! operation, which bodies are acceptable, and how an error is written. The client
//! and server runtimes call only this trait; the codecs of each shape are generated
//! per protocol in the generated crate's `protocol` module.

mod aws_json;
#[cfg(feature = "server")]
mod json_depth;
mod rpc_v2_cbor;

pub use self::aws_json::AwsJson;
pub use self::rpc_v2_cbor::RpcV2Cbor;

use crate::error_metadata::ErrorMetadata;
use ::std::vec::Vec;

#[cfg(feature = "server")]
use crate::server::ServerError;

/// The protocols the runtime speaks: a client chooses one of its service's with
/// `Config::builder().protocol(…)`, and a server answers each request in the one
/// it came in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum WireProtocol {
    /// `aws.protocols#awsJson1_0`.
    AwsJson1_0,
    /// `aws.protocols#awsJson1_1`.
    AwsJson1_1,
    /// `smithy.protocols#rpcv2Cbor`.
    RpcV2Cbor,
}

impl WireProtocol {
    /// The protocol trait's Smithy shape id, e.g. `smithy.protocols#rpcv2Cbor`.
    pub fn shape_id(self) -> &'static str {
        match self {
            WireProtocol::AwsJson1_0 => "aws.protocols#awsJson1_0",
            WireProtocol::AwsJson1_1 => "aws.protocols#awsJson1_1",
            WireProtocol::RpcV2Cbor => "smithy.protocols#rpcv2Cbor",
        }
    }
}

impl ::std::fmt::Display for WireProtocol {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(self.shape_id())
    }
}

/// A wire protocol, as the runtimes use it. Implemented by [`AwsJson`] and [`RpcV2Cbor`].
pub trait Protocol: ::std::fmt::Debug + Send + Sync + 'static {
    /// Which protocol this is.
    fn wire(&self) -> WireProtocol;

    /// The protocol trait's Smithy shape id, e.g. `aws.protocols#awsJson1_1`.
    fn id(&self) -> &'static str {
        self.wire().shape_id()
    }

    /// The request for `operation` of `service` (the service shape's name) carrying
    /// `body`, the input as the generated codec encoded it: method, path relative to
    /// the endpoint, and the protocol's headers with `Content-Length`. The client adds
    /// host, user agent and signature.
    fn request(&self, service: &str, operation: &str, body: Vec<u8>) -> ::http::Request<Vec<u8>>;

    /// The code, message and request id of an error response.
    fn error_metadata(
        &self,
        status: u16,
        headers: &::http::HeaderMap,
        body: &[u8],
    ) -> ErrorMetadata;

    /// Whether a request is in this protocol, from its request line and headers
    /// alone: a server of several protocols answers each request in the one that
    /// recognizes it (no two do), and in its first protocol when none does.
    #[cfg(feature = "server")]
    fn recognizes(&self, head: &::http::request::Parts) -> bool;

    /// Headers every answer in this protocol carries, success or error.
    #[cfg(feature = "server")]
    fn answer_headers(&self, _headers: &mut ::http::HeaderMap) {}

    /// Finds the operation a request names, one of `operations` of `service`, and
    /// checks its method and media type, before the body is read.
    #[cfg(feature = "server")]
    fn route(
        &self,
        head: &::http::request::Parts,
        service: &str,
        operations: &'static [&'static str],
    ) -> Result<Route, Rejected>;

    /// Checks a request body before any deserializer sees it (encoding, nesting).
    #[cfg(feature = "server")]
    fn check_body(&self, body: &[u8], depth_limit: usize) -> Result<(), ServerError>;

    /// The body of an error answer, adding the protocol's headers to `headers`. A
    /// modeled error's body was written by the generated codec; the runtime's own
    /// errors are written here from their type name and message.
    #[cfg(feature = "server")]
    fn error_response(
        &self,
        error: &ServerError,
        headers: &mut ::http::HeaderMap,
    ) -> ::bytes::Bytes;
}

/// Where a server request goes: its operation and the media type to answer in.
#[cfg(feature = "server")]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Route {
    /// The operation, as the dispatcher lists it.
    pub operation: &'static str,
    /// The `Content-Type` of the answer.
    pub content_type: &'static str,
}

/// A request refused before its body is read.
#[cfg(feature = "server")]
#[derive(Clone, Debug, PartialEq)]
pub struct Rejected {
    /// The operation, when the request named a known one.
    pub operation: Option<&'static str>,
    /// The `Content-Type` of the answer.
    pub content_type: &'static str,
    /// The answer.
    pub error: ServerError,
}
