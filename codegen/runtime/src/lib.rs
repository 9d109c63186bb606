//! Runtime support for the crates that smithy-rs-lite generates from Smithy models.
//!
//! A generated service crate depends on this crate and re-exports what its users
//! touch, where they look for it: the Smithy value types under `primitives`
//! ([`Timestamp`], [`Blob`], [`Document`], [`BigInteger`], [`BigDecimal`],
//! [`UnknownValue`]), the error types under `error` ([`ErrorMetadata`],
//! [`BuildError`], [`ClientError`]), the client's configuration and transport under
//! `client` ([`client::Config`]) and the server's router under `server`. Several
//! generated crates in one program share this crate, so a `Timestamp` of one service
//! is a `Timestamp` of every other.
//!
//! Items marked `#[doc(hidden)]` are called by generated code only: they are not a
//! stable API.
//!
//! Cargo features: `client` (endpoints, SigV4, credentials from the environment and the
//! shared files, retries, the hyper + rustls transport, paginators), `aws-config` (the
//! client configured by the AWS SDKs' loader and credentials chain) and `server` (the
//! router and HTTP/1.1 listener).

#![warn(missing_docs)]

mod big_number;
mod blob;
mod build;
mod client_error;
mod document;
mod error_metadata;
mod timestamp;
mod unknown_value;

#[doc(hidden)]
pub mod cbor;
pub mod enums;
#[doc(hidden)]
pub mod json;
#[doc(hidden)]
pub mod pattern;
pub mod protocol;
pub mod validation;

#[cfg(feature = "client")]
pub mod client;
#[cfg(feature = "client")]
pub mod paginator;
#[cfg(feature = "server")]
pub mod server;
#[cfg(any(feature = "client", feature = "server"))]
mod uuid;

/// Lowercase hex digits by value: ids, SigV4 and JSON's `\u00XX` escapes write
/// hex by table rather than through `format!`.
const HEX_DIGITS: &[u8; 16] = b"0123456789abcdef";

pub use big_number::{BigDecimal, BigInteger, ParseBigNumberError};
pub use blob::Blob;
pub use build::BuildError;
pub use client_error::ClientError;
pub use document::{Document, Number};
pub use error_metadata::ErrorMetadata;
pub use timestamp::{Timestamp, TimestampError};
pub use unknown_value::UnknownValue;

/// The `http` crate whose request, response and header types the transport and
/// router APIs use.
pub use ::http;

/// Crates that generated code and the runtime's macros name through this crate, so
/// that a generated crate depends on the runtime alone.
#[doc(hidden)]
pub mod __private {
    #[cfg(any(feature = "client", feature = "server"))]
    pub use ::bytes;
    pub use ::regex_lite;
    pub use ::serde;
    pub use ::serde_json;
}
