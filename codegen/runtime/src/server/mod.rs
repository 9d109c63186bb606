//! Server side, the same for every service and protocol.
//!
//! The generated code implements [`Dispatch`] for a service: given an
//! operation name and the request body, it deserializes and validates the
//! input, calls the service implementation and serializes the answer. This
//! module does everything around that: the dispatcher's protocol
//! ([`Protocol`](crate::protocol::Protocol)) routes the request (method,
//! operation, `Content-Type`) and checks the body (awsJson: UTF-8 and JSON
//! nesting depth); the router limits the body size, turns every failure (a panic
//! included) into an error answer the protocol writes, adds `x-amzn-requestid`,
//! and serves over HTTP/1.1 with graceful shutdown.
//!
//! A [`Router`] is a `tower_service::Service`: run it with [`serve()`] or
//! mount it in another HTTP stack.
//!
//! Requests that never reach the dispatcher get the protocol's error answers (see
//! [`AwsJson`](crate::protocol::AwsJson) for awsJson's); a body over
//! [`ServerConfig::body_limit`] is a 413, a panic in the service a 500 `InternalFailure`.

use ::bytes::Bytes;
use ::std::boxed::Box;
use ::std::future::Future;
use ::std::option::Option;
use ::std::pin::Pin;
use ::std::result::Result;

mod config;
mod error;
mod router;
mod serve;

pub use config::{CallLog, ServerConfig};
pub use error::ServerError;
pub use router::Router;
pub use serve::serve;

/// One call in progress: resolves to the serialized output or to the error to send.
pub type DispatchFuture =
    Pin<Box<dyn Future<Output = Result<Bytes, ServerError>> + Send + 'static>>;

/// What the generated per-service dispatcher implements.
///
/// ```ignore
/// impl Dispatch for WorkspacesDispatcher<S> {
///     const SERVICE: &'static str = "WorkspacesService";
///     const PROTOCOLS: &'static [&'static dyn Protocol] = &[&RpcV2Cbor::STANDARD, &AwsJson::V1_1];
///     const OPERATIONS: &'static [&'static str] = &["CreateWorkspaces", "DescribeWorkspaces"];
///     fn dispatch(&self, wire: WireProtocol, operation: &'static str, body: Bytes) -> Option<DispatchFuture> {
///         match operation {
///             "CreateWorkspaces" => Some(Box::pin(/* deserialize, validate, call, serialize */)),
///             _ => None,
///         }
///     }
/// }
/// ```
pub trait Dispatch: Clone + Send + Sync + 'static {
    /// The service shape's name, e.g. `"WorkspacesService"` (awsJson's `X-Amz-Target` prefix).
    const SERVICE: &'static str;

    /// The protocols the service is served in, its first protocol first: each
    /// request is answered in the one that recognizes it, else in the first.
    const PROTOCOLS: &'static [&'static dyn crate::protocol::Protocol];

    /// Every operation name the service has, e.g. `"CreateWorkspaces"`. A
    /// request naming any other is answered before its body is read.
    const OPERATIONS: &'static [&'static str];

    /// Starts one call of `operation`, one of [`Self::OPERATIONS`], whose request
    /// came in `wire`, one of [`Self::PROTOCOLS`].
    ///
    /// `body` is within the configured size and passed the protocol's checks
    /// (awsJson: UTF-8, nesting limit; rpcv2Cbor: one well-formed value), and may be
    /// empty (read as an empty structure). The future answers the output serialized
    /// in `wire` (sent with status 200) or a [`ServerError`]. `None` is answered as
    /// an unknown operation.
    fn dispatch(
        &self,
        wire: crate::protocol::WireProtocol,
        operation: &'static str,
        body: Bytes,
    ) -> Option<DispatchFuture>;
}
