//! awsJson 1.0 and 1.1: `POST /` with `X-Amz-Target: <Service>.<Operation>` and a
//! JSON object body; errors are named by `__type` (and `X-Amzn-ErrorType`).
//!
//! A server's answers to requests that never reach the dispatcher:
//!
//! | request | status | `__type` |
//! | --- | --- | --- |
//! | method other than POST | 405 (+ `Allow: POST`) | `UnknownOperationException` |
//! | `X-Amz-Target` missing, or not `<prefix>.<known operation>` | 400 | `UnknownOperationException` |
//! | `Content-Type` neither awsJson 1.1 nor 1.0 (absent is fine) | 415 | `UnsupportedMediaTypeException` |
//! | body over `ServerConfig::body_limit` | 413 | `RequestEntityTooLargeException` |
//! | body unreadable, not UTF-8, or nested over `ServerConfig::depth_limit` | 400 | `SerializationException` |
//! | the service panicked | 500 | `InternalFailure` |

use super::{Protocol, WireProtocol};
use crate::error_metadata::ErrorMetadata;
use ::http::HeaderValue;
use ::http::header::{CONTENT_LENGTH, CONTENT_TYPE, HeaderName};
use ::std::option::Option::{self, None, Some};
use ::std::vec::Vec;

#[cfg(feature = "server")]
use super::{Rejected, Route};
#[cfg(feature = "server")]
use crate::server::ServerError;

/// Sent by clients of `awsQueryCompatible` services.
const X_AMZN_QUERY_MODE: HeaderName = HeaderName::from_static("x-amzn-query-mode");

/// `X-Amz-Target: <prefix>.<Operation>` names the operation.
const X_AMZ_TARGET: HeaderName = HeaderName::from_static("x-amz-target");
/// Error code header; aws-sdk-rust reads it before the body's `__type`.
#[cfg(feature = "server")]
const X_AMZN_ERROR_TYPE: HeaderName = HeaderName::from_static("x-amzn-errortype");

/// The awsJson protocol of one version. A server answers both versions, each in its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AwsJson {
    version: JsonVersion,
    query_compatible: bool,
}

impl AwsJson {
    /// `aws.protocols#awsJson1_0`.
    pub const V1_0: AwsJson = AwsJson {
        version: JsonVersion::V1_0,
        query_compatible: false,
    };
    /// `aws.protocols#awsJson1_1`.
    pub const V1_1: AwsJson = AwsJson {
        version: JsonVersion::V1_1,
        query_compatible: false,
    };

    /// For a service with `aws.protocols#awsQueryCompatible`: requests carry
    /// `x-amzn-query-mode: true`, asking for errors with their awsQuery codes.
    pub const fn query_compatible(self) -> AwsJson {
        AwsJson {
            query_compatible: true,
            ..self
        }
    }

    /// The `Content-Type` of this version's requests and responses.
    pub fn media_type(self) -> &'static str {
        self.version.media_type()
    }
}

impl Protocol for AwsJson {
    fn wire(&self) -> WireProtocol {
        match self.version {
            JsonVersion::V1_0 => WireProtocol::AwsJson1_0,
            JsonVersion::V1_1 => WireProtocol::AwsJson1_1,
        }
    }

    /// `X-Amz-Target` or an awsJson media type, and nothing that says rpcv2Cbor
    /// (whose requests must not carry the header).
    #[cfg(feature = "server")]
    fn recognizes(&self, head: &::http::request::Parts) -> bool {
        let json_media_type = head.headers.get(CONTENT_TYPE).is_some_and(|v| {
            v.as_bytes()
                .get(..23)
                .is_some_and(|t| t.eq_ignore_ascii_case(b"application/x-amz-json-"))
        });
        (head.headers.contains_key(X_AMZ_TARGET) || json_media_type)
            && !super::rpc_v2_cbor::looks_like_cbor(head)
    }

    fn request(&self, service: &str, operation: &str, body: Vec<u8>) -> ::http::Request<Vec<u8>> {
        let length = HeaderValue::from(body.len());
        let mut request = ::http::Request::new(body);
        *request.method_mut() = ::http::Method::POST;
        *request.uri_mut() = ::http::Uri::from_static("/");
        let headers = request.headers_mut();
        // Shape names are identifiers, always valid header text.
        if let Ok(target) = HeaderValue::try_from(::std::format!("{service}.{operation}")) {
            headers.insert(X_AMZ_TARGET, target);
        }
        headers.insert(CONTENT_TYPE, HeaderValue::from_static(self.media_type()));
        headers.insert(CONTENT_LENGTH, length);
        if self.query_compatible {
            headers.insert(X_AMZN_QUERY_MODE, HeaderValue::from_static("true"));
        }
        request
    }

    fn error_metadata(
        &self,
        status: u16,
        headers: &::http::HeaderMap,
        body: &[u8],
    ) -> ErrorMetadata {
        crate::json::error_metadata(status, headers, body)
    }

    #[cfg(feature = "server")]
    fn route(
        &self,
        head: &::http::request::Parts,
        service: &str,
        operations: &'static [&'static str],
    ) -> Result<Route, Rejected> {
        let reject = |operation, error| Rejected {
            operation,
            content_type: self.media_type(),
            error,
        };
        if head.method != ::http::Method::POST {
            let error = ServerError::runtime(
                405,
                "UnknownOperationException",
                "awsJson operations are called with POST",
            );
            return Err(reject(None, error));
        }
        let Some(operation) = operation(head.headers.get(X_AMZ_TARGET), service, operations) else {
            let message = ::std::format!(
                "X-Amz-Target must be `{service}.<Operation>` naming an operation of this service"
            );
            return Err(reject(
                None,
                ServerError::runtime(400, "UnknownOperationException", message),
            ));
        };
        let Some(version) = json_version(head.headers.get(CONTENT_TYPE)) else {
            let message =
                "Content-Type must be application/x-amz-json-1.1 or application/x-amz-json-1.0";
            return Err(reject(
                Some(operation),
                ServerError::runtime(415, "UnsupportedMediaTypeException", message),
            ));
        };
        Ok(Route {
            operation,
            content_type: version.media_type(),
        })
    }

    #[cfg(feature = "server")]
    fn check_body(&self, body: &[u8], depth_limit: usize) -> Result<(), ServerError> {
        if ::std::str::from_utf8(body).is_err() {
            return Err(ServerError::serialization(
                "request body is not valid UTF-8",
            ));
        }
        if super::json_depth::exceeds(body, depth_limit) {
            let message = ::std::format!(
                "request body nests arrays or objects deeper than {depth_limit} levels"
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
        // A type name that cannot be a header value still reaches clients in the body.
        if let Ok(value) = HeaderValue::from_str(&error.type_name) {
            headers.insert(X_AMZN_ERROR_TYPE, value);
        }
        if error.status == 405 {
            headers.insert(::http::header::ALLOW, HeaderValue::from_static("POST"));
        }
        match &error.body {
            Some(body) => body.clone(),
            None => {
                let mut object = ::serde_json::Map::with_capacity(2);
                object.insert(
                    "__type".into(),
                    ::serde_json::Value::String(error.type_name.clone()),
                );
                if !error.message.is_empty() {
                    object.insert(
                        "message".into(),
                        ::serde_json::Value::String(error.message.clone()),
                    );
                }
                ::bytes::Bytes::from(::serde_json::Value::Object(object).to_string())
            }
        }
    }
}

/// The awsJson version a request declared; the response answers in the same one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum JsonVersion {
    /// `application/x-amz-json-1.0`
    V1_0,
    /// `application/x-amz-json-1.1`
    V1_1,
}

impl JsonVersion {
    fn media_type(self) -> &'static str {
        match self {
            JsonVersion::V1_0 => "application/x-amz-json-1.0",
            JsonVersion::V1_1 => "application/x-amz-json-1.1",
        }
    }
}

/// Reads `Content-Type`; `None` means a media type this protocol does not accept.
///
/// A missing or empty header is taken as 1.1 (some clients omit it for `{}`);
/// parameters such as `; charset=utf-8` are ignored and the comparison is
/// case-insensitive, as RFC 9110 says media types are.
#[cfg_attr(not(feature = "server"), allow(dead_code))]
fn json_version(value: Option<&HeaderValue>) -> Option<JsonVersion> {
    let Some(value) = value else {
        return Some(JsonVersion::V1_1);
    };
    let value = value.to_str().ok()?;
    let essence = value.split(';').next()?.trim();
    if value.trim().is_empty() || essence.eq_ignore_ascii_case(JsonVersion::V1_1.media_type()) {
        Some(JsonVersion::V1_1)
    } else if essence.eq_ignore_ascii_case(JsonVersion::V1_0.media_type()) {
        Some(JsonVersion::V1_0)
    } else {
        None
    }
}

/// Finds the operation named by `X-Amz-Target`, returning the dispatcher's own
/// `&'static str` so nothing the client wrote reaches logs. Exact match, as AWS does.
#[cfg_attr(not(feature = "server"), allow(dead_code))]
fn operation(
    value: Option<&HeaderValue>,
    prefix: &str,
    operations: &'static [&'static str],
) -> Option<&'static str> {
    let target = value?.to_str().ok()?;
    // strip_prefix rather than split_once: a prefix may itself contain dots.
    let name = target.strip_prefix(prefix)?.strip_prefix('.')?;
    operations.iter().copied().find(|op| *op == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ct(value: &str) -> Option<JsonVersion> {
        json_version(Some(&HeaderValue::from_str(value).unwrap()))
    }

    #[test]
    fn content_type_accepts_json_versions_with_params_and_case() {
        assert_eq!(json_version(None), Some(JsonVersion::V1_1));
        assert_eq!(ct(""), Some(JsonVersion::V1_1));
        assert_eq!(ct("application/x-amz-json-1.1"), Some(JsonVersion::V1_1));
        assert_eq!(ct("application/x-amz-json-1.0"), Some(JsonVersion::V1_0));
        assert_eq!(
            ct("application/x-amz-json-1.1; charset=utf-8"),
            Some(JsonVersion::V1_1)
        );
        assert_eq!(
            ct("  Application/X-Amz-Json-1.0 ;charset=UTF-8"),
            Some(JsonVersion::V1_0)
        );
        assert_eq!(ct("application/x-amz-json-1.1;"), Some(JsonVersion::V1_1));
    }

    #[test]
    fn content_type_rejects_other_media_types() {
        for bad in [
            "application/json",
            "text/plain",
            "application/x-amz-json-1.2",
            "application/x-amz-json-1.1x",
            "application/x-amz-cbor-1.1",
            "application/x-www-form-urlencoded; charset=utf-8",
            ";application/x-amz-json-1.1",
        ] {
            assert_eq!(ct(bad), None, "{bad}");
        }
        let opaque = HeaderValue::from_bytes(b"application/x-amz-json-1.1\xff").unwrap();
        assert_eq!(json_version(Some(&opaque)), None);
    }

    #[test]
    fn target_must_name_a_known_operation_of_this_service() {
        const OPS: &[&str] = &["CreateWorkspaces", "DescribeWorkspaces"];
        let op = |v: &str| {
            operation(
                Some(&HeaderValue::from_str(v).unwrap()),
                "WorkspacesService",
                OPS,
            )
        };
        assert_eq!(
            op("WorkspacesService.CreateWorkspaces"),
            Some("CreateWorkspaces")
        );
        assert_eq!(
            op("WorkspacesService.DescribeWorkspaces"),
            Some("DescribeWorkspaces")
        );
        for bad in [
            "WorkspacesService.Nope",
            "WorkspacesService.createWorkspaces",
            "WorkspacesService.",
            "WorkspacesService",
            "WorkspacesServiceX.CreateWorkspaces",
            "Other.CreateWorkspaces",
            "WorkspacesService.CreateWorkspaces.Extra",
            ".CreateWorkspaces",
            "",
        ] {
            assert_eq!(op(bad), None, "{bad}");
        }
        assert_eq!(operation(None, "WorkspacesService", OPS), None);
        let dotted = operation(Some(&HeaderValue::from_static("a.b.Op")), "a.b", &["Op"]);
        assert_eq!(dotted, Some("Op"));
    }
}
