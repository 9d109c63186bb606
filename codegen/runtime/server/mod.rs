//! Server side of awsJson 1.0/1.1, the same for every service.
//!
//! The generated code implements [`Dispatch`] for a service: given an
//! operation name and the request body, it deserializes and validates the
//! input, calls the service implementation and serializes the answer. This
//! module does everything around that: it checks the HTTP method,
//! `X-Amz-Target`, `Content-Type`, body size, UTF-8 and JSON nesting depth,
//! turns every failure (a panic included) into an awsJson error answer, adds
//! `x-amzn-requestid`, and serves over HTTP/1.1 with graceful shutdown.
//!
//! A [`Router`] is a `tower_service::Service`: run it with [`serve()`] or
//! mount it in another HTTP stack.
//!
//! Answers to requests that never reach the dispatcher:
//!
//! | request | status | `__type` |
//! | --- | --- | --- |
//! | method other than POST | 405 (+ `Allow: POST`) | `UnknownOperationException` |
//! | `X-Amz-Target` missing, or not `<prefix>.<known operation>` | 400 | `UnknownOperationException` |
//! | `Content-Type` neither awsJson 1.1 nor 1.0 (absent is fine) | 415 | `UnsupportedMediaTypeException` |
//! | body over [`ServerConfig::body_limit`] | 413 | `RequestEntityTooLargeException` |
//! | body unreadable, not UTF-8, or nested over [`ServerConfig::depth_limit`] | 400 | `SerializationException` |
//! | the service panicked | 500 | `InternalFailure` |

use ::bytes::Bytes;
use ::std::boxed::Box;
use ::std::future::Future;
use ::std::option::Option;
use ::std::pin::Pin;
use ::std::result::Result;

mod config;
mod depth;
mod error;
mod router;
mod serve;
mod wire;

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
///     const TARGET_PREFIX: &'static str = "WorkspacesService";
///     const OPERATIONS: &'static [&'static str] = &["CreateWorkspaces", "DescribeWorkspaces"];
///     fn dispatch(&self, operation: &'static str, body: Bytes) -> Option<DispatchFuture> {
///         match operation {
///             "CreateWorkspaces" => Some(Box::pin(/* deserialize, validate, call, serialize */)),
///             _ => None,
///         }
///     }
/// }
/// ```
pub trait Dispatch: Clone + Send + Sync + 'static {
    /// The service's `X-Amz-Target` prefix, e.g. `"WorkspacesService"`.
    const TARGET_PREFIX: &'static str;

    /// Every operation name the service has, e.g. `"CreateWorkspaces"`. A
    /// request naming any other is answered before its body is read.
    const OPERATIONS: &'static [&'static str];

    /// Starts one call of `operation`, one of [`Self::OPERATIONS`].
    ///
    /// `body` is valid UTF-8 within the configured size and nesting limits, and
    /// may be empty (read it as `{}`); it is otherwise unchecked JSON. The future
    /// answers the serialized output (sent with status 200) or a
    /// [`ServerError`]. `None` is answered as an unknown operation.
    fn dispatch(&self, operation: &'static str, body: Bytes) -> Option<DispatchFuture>;
}
