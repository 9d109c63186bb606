//! What every awsJson operation does the same way: read the response or the
//! modeled error, and (server side) write error bodies. The generated
//! per-operation functions only name their types and errors.

use ::std::option::Option::{self, None, Some};
use ::std::result::Result::{self, Err};
use ::std::string::ToString;

use super::{DeContext, DeError, JsonDeserialize, JsonSerialize, error_metadata, from_slice};
use crate::error_metadata::ErrorMetadata;

/// A modeled error structure: its code on the wire and its HTTP status.
pub trait ModeledError: JsonSerialize {
    /// The shape name, sent as `__type`.
    const CODE: &'static str;
    /// The `@httpError` status, else 400 for client and 500 for server faults.
    const STATUS: u16;
}

/// Reads a response: a 2xx body as the output; otherwise the modeled error that
/// `modeled` recognises by code, or the error metadata as the unhandled variant.
pub fn parse_response<O: JsonDeserialize, E: From<ErrorMetadata>>(
    status: u16,
    headers: &::http::HeaderMap,
    body: &[u8],
    modeled: impl FnOnce(&str, &[u8]) -> Option<Result<E, DeError>>,
) -> Result<O, E> {
    if (200..300).contains(&status) {
        return from_slice(body, &mut DeContext::new())
            .map_err(|e| E::from(unparsable(status, headers, &e)));
    }
    let meta = error_metadata(status, headers, body);
    match meta.code().and_then(|code| modeled(code, body)) {
        Some(::std::result::Result::Ok(error)) => Err(error),
        // A modeled code with an unreadable body is still an error the caller must see.
        _ => Err(E::from(meta)),
    }
}

/// Reads a modeled error's body into its variant.
pub fn read_error<T: JsonDeserialize, E>(
    body: &[u8],
    variant: fn(T) -> E,
) -> Option<Result<E, DeError>> {
    Some(from_slice(body, &mut DeContext::new()).map(variant))
}

/// An error response whose body could not be read.
fn unparsable(status: u16, headers: &::http::HeaderMap, error: &DeError) -> ErrorMetadata {
    let request_id = headers
        .get("x-amzn-requestid")
        .and_then(|v| v.to_str().ok())
        .map(ToString::to_string);
    ErrorMetadata::new(
        status,
        None,
        Some(::std::format!(
            "the response body could not be read: {error}"
        )),
        request_id,
    )
}

/// Reads a request body strictly: the input, and the required members it lacked
/// (filled with zero values), for [`validate_request`](crate::validation::validate_request).
#[cfg(feature = "server")]
pub fn parse_request<T: JsonDeserialize>(
    body: &[u8],
) -> Result<(T, ::std::vec::Vec<super::Path>), crate::server::ServerError> {
    let mut ctx = DeContext::new();
    let input = from_slice(body, &mut ctx)
        .map_err(|error| crate::server::ServerError::serialization(error.to_string()))?;
    ::std::result::Result::Ok((input, ctx.missing().to_vec()))
}

/// A modeled error as the server sends it: `{"__type": "Name", …members}`.
#[cfg(feature = "server")]
pub fn error_response<T: ModeledError>(
    error: &T,
    message: Option<&str>,
) -> crate::server::ServerError {
    // `{"__type":"Code",` then the members the error's own writer wrote.
    let members = super::to_vec(error);
    let mut body = super::JsonWriter::with_capacity(members.len() + T::CODE.len() + 12);
    body.raw(b"{\"__type\":");
    body.string(T::CODE);
    match members.get(1..) {
        Some(rest) if rest != b"}" => {
            body.raw(b",");
            body.raw(rest);
        }
        _ => body.raw(b"}"),
    }
    crate::server::ServerError::modeled(
        T::STATUS,
        T::CODE,
        message.unwrap_or_default(),
        ::bytes::Bytes::from(body.into_bytes()),
    )
}
