//! The code, message and request id of an awsJson error response.

use ::std::fmt;
use ::std::option::Option;
use ::std::result::Result;
use ::std::string::String;

use ::serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};

use super::MemberNames;
use crate::rt::error_metadata::ErrorMetadata;

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
    let [dunder_type, code, code_upper, message, message_upper, error_message] =
        ::serde_json::from_slice::<ErrorBody>(body).map(|body| body.0).unwrap_or_default();
    let code = [header("x-amzn-errortype"), dunder_type.as_deref(), code.as_deref(), code_upper.as_deref()]
        .into_iter()
        .flatten()
        .map(sanitize_error_code)
        .find(|code| !code.is_empty())
        .map(String::from);
    let message = message.or(message_upper).or(error_message);
    let request_id = header("x-amzn-requestid").or_else(|| header("x-amz-request-id")).map(String::from);
    ErrorMetadata::new(status, code, message, request_id)
}

fn sanitize_error_code(code: &str) -> &str {
    let code = code.split_once(':').map_or(code, |(head, _)| head);
    code.rsplit_once('#').map_or(code, |(_, name)| name).trim()
}

/// The top-level string members of an error body, in `ERROR_BODY_MEMBERS` order.
struct ErrorBody([Option<String>; 6]);

const ERROR_BODY_MEMBERS: &[&str] = &["__type", "code", "Code", "message", "Message", "errorMessage"];

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
                while let Some(member) = map.next_key_seed(MemberNames(ERROR_BODY_MEMBERS))? {
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

