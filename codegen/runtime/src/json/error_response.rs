//! The code, message and request id of an awsJson error response.

use ::std::fmt;
use ::std::option::Option;
use ::std::result::Result;
use ::std::string::String;

use ::serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};

use super::MemberKey;
use crate::error_metadata::ErrorMetadata;

/// The code, message and request id of an error response.
///
/// The code comes from the first of: the `X-Amzn-ErrorType` header (as
/// aws-sdk-rust), the body's `__type` (the only place boto3 looks), `code`,
/// `Code`; it is cut at the first `:` and keeps what follows the last `#`
/// (`aws.protocoltests.json#FooError:http://internal…` is `FooError`). The
/// message is the body's `message`, `Message` or `errorMessage`; the request id
/// is the `x-amzn-RequestId` (or `x-amz-request-id`) header. A body that is not
/// a JSON object (moto answers some errors with HTML) contributes nothing.
pub fn error_metadata(status: u16, headers: &::http::HeaderMap, body: &[u8]) -> ErrorMetadata {
    let header = |name: &str| headers.get(name).and_then(|value| value.to_str().ok());
    let [
        dunder_type,
        code,
        code_upper,
        message,
        message_upper,
        error_message,
    ] = ::serde_json::from_slice::<ErrorBody>(body)
        .map(|body| body.0)
        .unwrap_or_default();
    let code = [
        header("x-amzn-errortype"),
        dunder_type.as_deref(),
        code.as_deref(),
        code_upper.as_deref(),
    ]
    .into_iter()
    .flatten()
    .map(sanitize_error_code)
    .find(|code| !code.is_empty())
    .map(String::from);
    let message = message.or(message_upper).or(error_message);
    let request_id = header("x-amzn-requestid")
        .or_else(|| header("x-amz-request-id"))
        .map(String::from);
    ErrorMetadata::new(status, code, message, request_id)
}

fn sanitize_error_code(code: &str) -> &str {
    let code = code.split_once(':').map_or(code, |(head, _)| head);
    code.rsplit_once('#').map_or(code, |(_, name)| name).trim()
}

/// The top-level string members of an error body, in the order of `index`.
struct ErrorBody([Option<String>; 6]);

impl<'de> ::serde::Deserialize<'de> for ErrorBody {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = ErrorBody;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an error object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ErrorBody, A::Error> {
                let mut found = ErrorBody(Default::default());
                let index = MemberKey(|name| match name {
                    "__type" => Some(0),
                    "code" => Some(1),
                    "Code" => Some(2),
                    "message" => Some(3),
                    "Message" => Some(4),
                    "errorMessage" => Some(5),
                    _ => None,
                });
                while let Some(member) = map.next_key_seed(index)? {
                    match member {
                        Some(i) => match map.next_value::<::serde_json::Value>()? {
                            ::serde_json::Value::String(value) => found.0[i] = Some(value),
                            _ => found.0[i] = None,
                        },
                        None => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(found)
            }
        }
        d.deserialize_map(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(headers: &[(&'static str, &str)], body: &str) -> ErrorMetadata {
        let mut map = ::http::HeaderMap::new();
        for (name, value) in headers {
            map.append(*name, value.parse().unwrap());
        }
        error_metadata(500, &map, body.as_bytes())
    }

    fn code(headers: &[(&'static str, &str)], body: &str) -> Option<String> {
        meta(headers, body).code().map(String::from)
    }

    const URI: &str = ":http://internal.amazon.com/coral/com.amazon.coral.validate/";

    #[test]
    fn protocol_test_error_codes() {
        // smithy-aws-protocol-tests awsJson1_1/errors.smithy, FooError cases.
        let foo = Some("FooError".to_owned());
        assert_eq!(code(&[("X-Amzn-Errortype", "FooError")], ""), foo);
        assert_eq!(
            code(&[("X-Amzn-Errortype", &format!("FooError{URI}"))], ""),
            foo
        );
        let namespaced = format!("aws.protocoltests.json#FooError{URI}");
        assert_eq!(code(&[("X-Amzn-Errortype", &namespaced)], ""), foo);
        for body in [
            r#"{"code": "FooError"}"#.to_owned(),
            r#"{"code": "aws.protocoltests.json#FooError"}"#.to_owned(),
            format!(r#"{{"code": "aws.protocoltests.json#FooError{URI}"}}"#),
            r#"{"__type": "FooError"}"#.to_owned(),
            r#"{"__type": "aws.protocoltests.json#FooError"}"#.to_owned(),
            r#"{"__type": "aws.different.namespace#FooError"}"#.to_owned(),
            format!(r#"{{"__type": "aws.protocoltests.json#FooError{URI}"}}"#),
            r#"{"__type": "aws.protocoltests.json#FooError",
                "ErrorDetails": [{"__type": "com.amazon.internal#ErrorDetails", "reason": "Some reason"}]}"#
                .to_owned(),
        ] {
            assert_eq!(code(&[], &body), foo, "{body}");
        }
        let invalid = meta(&[], r#"{"__type": "InvalidGreeting", "Message": "Hi"}"#);
        assert_eq!(
            (invalid.code(), invalid.message()),
            (Some("InvalidGreeting"), Some("Hi"))
        );
        assert_eq!(
            code(
                &[],
                r#"{"__type": "ComplexError", "Nested": {"Foo": "bar"}}"#
            )
            .as_deref(),
            Some("ComplexError")
        );
    }

    #[test]
    fn code_sources_in_order() {
        let body = r#"{"Code": "D", "code": "C", "__type": "B"}"#;
        assert_eq!(
            code(&[("x-amzn-errortype", "A")], body).as_deref(),
            Some("A")
        );
        assert_eq!(code(&[], body).as_deref(), Some("B"));
        assert_eq!(
            code(&[], r#"{"Code": "D", "code": "C"}"#).as_deref(),
            Some("C")
        );
        assert_eq!(code(&[], r#"{"Code": "D"}"#).as_deref(), Some("D"));
        // Unusable sources are skipped.
        assert_eq!(
            code(
                &[("x-amzn-errortype", ":x")],
                r#"{"__type": 5, "code": "C"}"#
            )
            .as_deref(),
            Some("C")
        );
        assert_eq!(code(&[], r#"{"__type": ""}"#), None);
        assert_eq!(code(&[], ""), None);
    }

    #[test]
    fn messages_and_request_ids() {
        let full = meta(
            &[
                ("x-amzn-RequestId", "req-1"),
                ("X-Amzn-ErrorType", "ResourceNotFoundException"),
            ],
            r#"{"errorMessage": "c", "Message": "b", "message": "a"}"#,
        );
        assert_eq!(full.message(), Some("a"));
        assert_eq!(full.request_id(), Some("req-1"));
        assert_eq!(full.status(), 500);
        assert_eq!(
            full.to_string(),
            "ResourceNotFoundException: a (status 500, request id req-1)"
        );
        assert_eq!(
            meta(&[], r#"{"errorMessage": "c", "Message": "b"}"#).message(),
            Some("b")
        );
        assert_eq!(meta(&[], r#"{"errorMessage": "c"}"#).message(), Some("c"));
        assert_eq!(meta(&[], r#"{"message": null}"#).message(), None);
        assert_eq!(
            meta(&[("x-amz-request-id", "req-2")], "").request_id(),
            Some("req-2")
        );
    }

    #[test]
    fn bodies_that_are_not_json_objects_are_ignored() {
        // moto answers unimplemented operations with HTML.
        let html = "<!doctype html><html><title>500 Internal Server Error</title></html>";
        let moto = meta(&[("X-Amzn-ErrorType", "ValidationException")], html);
        assert_eq!(
            (moto.code(), moto.message()),
            (Some("ValidationException"), None)
        );
        assert_eq!(code(&[], html), None);
        assert_eq!(code(&[], r#"["__type"]"#), None);
        assert_eq!(code(&[], r#"{"__type": "X""#), None);
        assert_eq!(code(&[], &"[".repeat(10_000)), None);
        let mut headers = ::http::HeaderMap::new();
        headers.insert(
            "x-amzn-errortype",
            ::http::HeaderValue::from_bytes(b"\xffX").unwrap(),
        );
        assert_eq!(
            error_metadata(400, &headers, br#"{"__type":"Y"}"#).code(),
            Some("Y")
        );
    }
}
