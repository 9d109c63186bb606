//! What every awsJson operation does the same way: build the request, read the
//! response or the modeled error, and (server side) write error responses. The
//! generated per-operation functions only name their types and errors.

use ::std::fmt::Display;
use ::std::option::Option::{self, None, Some};
use ::std::result::Result::{self, Err};
use ::std::string::{String, ToString};
use ::std::vec::Vec;

use super::{DeContext, DeError, JsonDeserialize, JsonSerialize, Ser, error_metadata, from_slice};
use crate::rt::error_metadata::ErrorMetadata;

/// A modeled error structure: its code on the wire and its HTTP status.
pub trait ModeledError: JsonSerialize {
    /// The shape name, sent as `__type`.
    const CODE: &'static str;
    /// The `@httpError` status, else 400 for client and 500 for server faults.
    const STATUS: u16;
}

/// `POST /` with the awsJson headers, `target` and `body`.
pub fn request(target: &'static str, content_type: &'static str, body: Vec<u8>) -> ::http::Request<Vec<u8>> {
    let mut request = ::http::Request::new(body);
    *request.method_mut() = ::http::Method::POST;
    *request.uri_mut() = ::http::Uri::from_static("/");
    let headers = request.headers_mut();
    headers.insert("x-amz-target", ::http::HeaderValue::from_static(target));
    headers.insert(::http::header::CONTENT_TYPE, ::http::HeaderValue::from_static(content_type));
    request
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
        return from_slice(body, &mut DeContext::new()).map_err(|e| E::from(unparsable(status, headers, &e)));
    }
    let meta = error_metadata(status, headers, body);
    match meta.code().and_then(|code| modeled(code, body)) {
        Some(::std::result::Result::Ok(error)) => Err(error),
        // A modeled code with an unreadable body is still an error the caller must see.
        _ => Err(E::from(meta)),
    }
}

/// Reads a modeled error's body into its variant.
pub fn read_error<T: JsonDeserialize, E>(body: &[u8], variant: fn(T) -> E) -> Option<Result<E, DeError>> {
    Some(from_slice(body, &mut DeContext::new()).map(variant))
}

/// An error response whose body could not be read.
fn unparsable(status: u16, headers: &::http::HeaderMap, error: &DeError) -> ErrorMetadata {
    let request_id = headers.get("x-amzn-requestid").and_then(|v| v.to_str().ok()).map(ToString::to_string);
    ErrorMetadata::new(status, None, Some(::std::format!("the response body could not be read: {error}")), request_id)
}

/// Status, code and body of a modeled error: `{"__type": "Name", …members}`.
pub fn error_response<T: ModeledError>(error: &T) -> (u16, &'static str, Vec<u8>) {
    let mut body = ::serde_json::to_value(Ser(error)).unwrap_or_default();
    if let ::serde_json::Value::Object(members) = &mut body {
        members.insert("__type".to_string(), ::serde_json::Value::String(T::CODE.to_string()));
    }
    (T::STATUS, T::CODE, ::serde_json::to_vec(&body).unwrap_or_default())
}

/// Status, code and body for an error the model does not name.
pub fn unhandled_response(meta: &ErrorMetadata) -> (u16, &str, Vec<u8>) {
    let code = meta.code().unwrap_or("InternalFailure");
    let body = ::serde_json::json!({ "__type": code, "message": meta.message() });
    (meta.status(), code, ::serde_json::to_vec(&body).unwrap_or_default())
}

/// A client failure inside an implementation (a proxy's upstream call) is the server's fault.
pub fn internal_failure_response(error: &dyn Display) -> (u16, &'static str, Vec<u8>) {
    let message: String = error.to_string();
    let body = ::serde_json::json!({ "__type": "InternalFailure", "message": message });
    (500, "InternalFailure", ::serde_json::to_vec(&body).unwrap_or_default())
}
