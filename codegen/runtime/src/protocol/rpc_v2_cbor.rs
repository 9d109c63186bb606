//! rpcv2Cbor (`smithy-spec/smithy-rpc-v2-cbor.rst`): `POST
//! /service/<Service>/operation/<Operation>` with `smithy-protocol: rpc-v2-cbor`, CBOR
//! bodies (`application/cbor`), and errors named by `__type` in the body.
//!
//! | request | status | error |
//! |---|---|---|
//! | not `POST` | 405 | `UnknownOperationException` |
//! | path not `…/service/<this service>/operation/<known operation>` | 404 | `UnknownOperationException` |
//! | `X-Amz-Target` present, or `smithy-protocol` missing or other | 400 | `UnknownOperationException` |
//! | a body with a `Content-Type` other than `application/cbor` | 415 | `UnsupportedMediaTypeException` |

use ::http::HeaderValue;
use ::http::header::{ACCEPT, CONTENT_LENGTH, CONTENT_TYPE, HeaderName};
use ::std::string::String;
use ::std::vec::Vec;

use super::Protocol;
#[cfg(feature = "server")]
use super::{Rejected, Route};
use crate::cbor::{CborReader, Container};
use crate::error_metadata::ErrorMetadata;
#[cfg(feature = "server")]
use crate::server::ServerError;

const SMITHY_PROTOCOL: HeaderName = HeaderName::from_static("smithy-protocol");
const RPC_V2_CBOR: &str = "rpc-v2-cbor";
const CBOR: &str = "application/cbor";

/// `smithy.protocols#rpcv2Cbor`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RpcV2Cbor {
    query_compatible: bool,
}

impl RpcV2Cbor {
    /// The protocol as the spec defines it.
    pub const STANDARD: RpcV2Cbor = RpcV2Cbor {
        query_compatible: false,
    };

    /// For a service with `aws.protocols#awsQueryCompatible`: requests carry
    /// `x-amzn-query-mode: true`, asking for errors with their awsQuery codes.
    pub const fn query_compatible(self) -> RpcV2Cbor {
        RpcV2Cbor {
            query_compatible: true,
        }
    }
}

/// A `smithy-protocol` header or an rpcv2Cbor path: whatever else the request
/// carries, it is answered as rpcv2Cbor (which rejects `X-Amz-Target`).
#[cfg(feature = "server")]
pub(super) fn looks_like_cbor(head: &::http::request::Parts) -> bool {
    let path = head.uri.path();
    head.headers.contains_key(SMITHY_PROTOCOL)
        || path
            .find("/service/")
            .is_some_and(|at| path[at..].contains("/operation/"))
}

impl Protocol for RpcV2Cbor {
    fn wire(&self) -> super::WireProtocol {
        super::WireProtocol::RpcV2Cbor
    }

    #[cfg(feature = "server")]
    fn recognizes(&self, head: &::http::request::Parts) -> bool {
        looks_like_cbor(head)
    }

    #[cfg(feature = "server")]
    fn answer_headers(&self, headers: &mut ::http::HeaderMap) {
        headers.insert(SMITHY_PROTOCOL, HeaderValue::from_static(RPC_V2_CBOR));
    }

    /// An empty `body` (an operation without input) goes without `Content-Type`.
    fn request(&self, service: &str, operation: &str, body: Vec<u8>) -> ::http::Request<Vec<u8>> {
        let length = HeaderValue::from(body.len());
        let has_body = !body.is_empty();
        let mut request = ::http::Request::new(body);
        *request.method_mut() = ::http::Method::POST;
        // Shape names are identifiers: always a valid path.
        if let Ok(uri) =
            ::http::Uri::try_from(::std::format!("/service/{service}/operation/{operation}"))
        {
            *request.uri_mut() = uri;
        }
        let headers = request.headers_mut();
        headers.insert(SMITHY_PROTOCOL, HeaderValue::from_static(RPC_V2_CBOR));
        headers.insert(ACCEPT, HeaderValue::from_static(CBOR));
        if has_body {
            headers.insert(CONTENT_TYPE, HeaderValue::from_static(CBOR));
        }
        headers.insert(CONTENT_LENGTH, length);
        if self.query_compatible {
            headers.insert("x-amzn-query-mode", HeaderValue::from_static("true"));
        }
        request
    }

    /// `__type` (an absolute shape id, the namespace removed) and `message` from the
    /// body's map; a body that is not one gives the status alone.
    fn error_metadata(
        &self,
        status: u16,
        headers: &::http::HeaderMap,
        body: &[u8],
    ) -> ErrorMetadata {
        let (code, message) = error_fields(body);
        let request_id = headers
            .get("x-amzn-requestid")
            .and_then(|v| v.to_str().ok())
            .map(String::from);
        let code = code.map(|code| match code.rsplit_once('#') {
            Some((_, name)) => name.to_owned(),
            None => code,
        });
        ErrorMetadata::new(status, code, message, request_id)
    }

    #[cfg(feature = "server")]
    fn route(
        &self,
        head: &::http::request::Parts,
        service: &str,
        operations: &'static [&'static str],
    ) -> Result<Route, Rejected> {
        let reject = |operation, status, type_name: &str, message: &str| Rejected {
            operation,
            content_type: CBOR,
            error: ServerError::runtime(status, type_name, message),
        };
        if head.method != ::http::Method::POST {
            return Err(reject(
                None,
                405,
                "UnknownOperationException",
                "rpcv2Cbor operations are called with POST",
            ));
        }
        // `…/service/<service>/operation/<name>`, read without allocating.
        let operation = head
            .uri
            .path()
            .rsplit_once("/operation/")
            .filter(|(before, _)| {
                before
                    .strip_suffix(service)
                    .is_some_and(|rest| rest.ends_with("/service/"))
            })
            .and_then(|(_, name)| operations.iter().copied().find(|op| *op == name));
        let Some(operation) = operation else {
            let message = ::std::format!(
                "the path must end in /service/{service}/operation/<Operation>, naming an operation of this service"
            );
            return Err(reject(None, 404, "UnknownOperationException", &message));
        };
        if head.headers.contains_key("x-amz-target") {
            return Err(reject(
                Some(operation),
                400,
                "UnknownOperationException",
                "an rpcv2Cbor request must not carry X-Amz-Target",
            ));
        }
        if head
            .headers
            .get(SMITHY_PROTOCOL)
            .and_then(|v| v.to_str().ok())
            != Some(RPC_V2_CBOR)
        {
            return Err(reject(
                Some(operation),
                400,
                "UnknownOperationException",
                "smithy-protocol must be rpc-v2-cbor",
            ));
        }
        let content_type = head.headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok());
        let essence = content_type.map(|v| v.split(';').next().unwrap_or("").trim());
        if essence.is_some_and(|e| !e.eq_ignore_ascii_case(CBOR)) {
            return Err(reject(
                Some(operation),
                415,
                "UnsupportedMediaTypeException",
                "Content-Type must be application/cbor",
            ));
        }
        Ok(Route {
            operation,
            content_type: CBOR,
        })
    }

    /// One well-formed CBOR value within the nesting limit (the reader's own), and
    /// nothing after it.
    #[cfg(feature = "server")]
    fn check_body(&self, body: &[u8], _depth_limit: usize) -> Result<(), ServerError> {
        if body.is_empty() {
            return Ok(());
        }
        let mut reader = CborReader::new(body);
        reader
            .skip()
            .map_err(|e| ServerError::serialization(::std::format!("malformed CBOR: {e}")))?;
        if !reader.at_end() {
            let message = ::std::format!(
                "malformed CBOR: data after the value at byte {}",
                reader.position()
            );
            return Err(ServerError::serialization(message));
        }
        Ok(())
    }

    #[cfg(feature = "server")]
    fn error_response(
        &self,
        error: &ServerError,
        headers: &mut ::http::HeaderMap,
    ) -> ::bytes::Bytes {
        if error.status == 405 {
            headers.insert(::http::header::ALLOW, HeaderValue::from_static("POST"));
        }
        match &error.body {
            Some(body) => body.clone(),
            None => {
                let mut writer = crate::cbor::CborWriter::new();
                let with_message = !error.message.is_empty();
                writer.map(if with_message { 2 } else { 1 });
                writer.str("__type");
                writer.str(&error.type_name);
                if with_message {
                    writer.str("message");
                    writer.str(&error.message);
                }
                ::bytes::Bytes::from(writer.into_bytes())
            }
        }
    }
}

/// `__type` and `message` of an error body, when it is a CBOR map.
fn error_fields(body: &[u8]) -> (Option<String>, Option<String>) {
    let mut reader = CborReader::new(body);
    let Ok(len) = reader.map() else {
        return (None, None);
    };
    let (mut code, mut message) = (None, None);
    let mut remaining = match len {
        Container::Definite(n) => n,
        Container::Indefinite => u64::MAX,
    };
    while remaining > 0 {
        remaining -= 1;
        if len == Container::Indefinite && reader.at_break().unwrap_or(true) {
            break;
        }
        let Ok(key) = reader.str() else { break };
        let slot = match key.as_str() {
            "__type" => &mut code,
            "message" | "Message" => &mut message,
            _ => {
                if reader.skip().is_err() {
                    break;
                }
                continue;
            }
        };
        match reader.str() {
            Ok(value) => *slot = Some(value),
            Err(_) => break,
        }
    }
    (code, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_name_service_and_operation_in_the_path() {
        let request =
            RpcV2Cbor::STANDARD.request("WorkspacesService", "CreateWorkspaces", vec![0xa0]);
        assert_eq!(request.method(), ::http::Method::POST);
        assert_eq!(
            request.uri(),
            "/service/WorkspacesService/operation/CreateWorkspaces"
        );
        assert_eq!(request.headers()["smithy-protocol"], "rpc-v2-cbor");
        assert_eq!(request.headers()["content-type"], "application/cbor");
        assert_eq!(request.headers()["accept"], "application/cbor");
        assert_eq!(request.headers()["content-length"], "1");
        let empty = RpcV2Cbor::STANDARD.request("S", "NoInput", Vec::new());
        assert!(!empty.headers().contains_key("content-type"));
    }

    #[test]
    fn error_codes_come_from_type_without_the_namespace() {
        // {"__type": "aws.protocoltests#InvalidGreeting", "message": "Hi"}
        let mut writer = crate::cbor::CborWriter::new();
        writer.map(3);
        writer.str("other");
        writer.array(1);
        writer.int(1);
        writer.str("__type");
        writer.str("aws.protocoltests#InvalidGreeting");
        writer.str("message");
        writer.str("Hi");
        let metadata = RpcV2Cbor::STANDARD.error_metadata(
            400,
            &::http::HeaderMap::new(),
            &writer.into_bytes(),
        );
        assert_eq!(metadata.code(), Some("InvalidGreeting"));
        assert_eq!(metadata.message(), Some("Hi"));
        let garbage =
            RpcV2Cbor::STANDARD.error_metadata(500, &::http::HeaderMap::new(), b"\xff\x00");
        assert_eq!(garbage.code(), None);
    }

    #[cfg(feature = "server")]
    #[test]
    fn routing_by_path_and_headers() {
        const OPERATIONS: &[&str] = &["CreateWorkspaces"];
        let head = |path: &str, headers: &[(&str, &str)]| {
            let mut builder = ::http::Request::post(path);
            for (name, value) in headers {
                builder = builder.header(*name, *value);
            }
            builder.body(()).unwrap().into_parts().0
        };
        let good = [
            ("smithy-protocol", "rpc-v2-cbor"),
            ("content-type", "application/cbor"),
        ];
        let route = RpcV2Cbor::STANDARD.route(
            &head("/service/Svc/operation/CreateWorkspaces", &good),
            "Svc",
            OPERATIONS,
        );
        assert_eq!(route.unwrap().operation, "CreateWorkspaces");
        let prefixed = RpcV2Cbor::STANDARD.route(
            &head("/a/b/service/Svc/operation/CreateWorkspaces", &good),
            "Svc",
            OPERATIONS,
        );
        assert!(prefixed.is_ok());
        let status = |path: &str, headers: &[(&str, &str)]| {
            RpcV2Cbor::STANDARD
                .route(&head(path, headers), "Svc", OPERATIONS)
                .unwrap_err()
                .error
                .status
        };
        assert_eq!(status("/service/Svc/operation/Nope", &good), 404);
        assert_eq!(
            status("/service/Other/operation/CreateWorkspaces", &good),
            404
        );
        assert_eq!(
            status(
                "/service/Svc/operation/CreateWorkspaces",
                &[("content-type", "application/cbor")]
            ),
            400
        );
        let with_target = [good[0], good[1], ("x-amz-target", "Svc.CreateWorkspaces")];
        assert_eq!(
            status("/service/Svc/operation/CreateWorkspaces", &with_target),
            400
        );
        assert_eq!(
            status(
                "/service/Svc/operation/CreateWorkspaces",
                &[good[0], ("content-type", "application/json")]
            ),
            415
        );
    }

    #[cfg(feature = "server")]
    #[test]
    fn bodies_are_checked_and_errors_written_in_cbor() {
        assert!(RpcV2Cbor::STANDARD.check_body(&[0xa0], 64).is_ok());
        assert!(RpcV2Cbor::STANDARD.check_body(&[], 64).is_ok());
        assert!(RpcV2Cbor::STANDARD.check_body(&[0xa1, 0x61], 64).is_err());
        assert!(RpcV2Cbor::STANDARD.check_body(&[0xa0, 0x00], 64).is_err());
        assert!(
            RpcV2Cbor::STANDARD
                .check_body(&vec![0x81; 10_000], 64)
                .is_err()
        );
        let error = ServerError::runtime(400, "ValidationException", "bad");
        let mut headers = ::http::HeaderMap::new();
        let body = RpcV2Cbor::STANDARD.error_response(&error, &mut headers);
        let metadata = RpcV2Cbor::STANDARD.error_metadata(400, &headers, &body);
        assert_eq!(metadata.code(), Some("ValidationException"));
        assert_eq!(metadata.message(), Some("bad"));
    }
}
