//! The one error type a call can end in, and its awsJson wire form.

use ::bytes::Bytes;
use ::http::StatusCode;
use ::serde_json::{Map, Value};
use ::std::boxed::Box;
use ::std::fmt;
use ::std::string::String;

/// An error answer: a modeled error of the service or one of the protocol's own.
///
/// Sent as `{"__type": type_name, "message": message, ...fields}` with the
/// `X-Amzn-ErrorType: type_name` header and HTTP status `status`.
#[derive(Clone, Debug, PartialEq)]
pub struct ServerError {
    /// HTTP status; anything outside 400..=599 is sent as 500.
    pub status: u16,
    /// Shape name of the error, e.g. `"ValidationException"`; goes to `__type`.
    pub type_name: String,
    /// Human-readable message; omitted from the body when empty.
    pub message: String,
    /// Other members of a modeled error, already in wire form. Keys `__type`
    /// and `message` are ignored: the two fields above own them. Boxed so the
    /// error stays small on the `Result` paths every request takes.
    pub fields: Box<Map<String, Value>>,
}

impl ServerError {
    /// A modeled error shape returned by the service implementation.
    pub fn modeled(
        status: u16,
        type_name: impl Into<String>,
        message: impl Into<String>,
        fields: Map<String, Value>,
    ) -> Self {
        ServerError {
            status,
            type_name: type_name.into(),
            message: message.into(),
            fields: Box::new(fields),
        }
    }

    /// 400 `ValidationException`: the input broke a modeled constraint.
    pub fn validation(message: impl Into<String>) -> Self {
        Self::runtime(400, "ValidationException", message)
    }

    /// 400 `SerializationException`: the body is not a well-formed input.
    pub fn serialization(message: impl Into<String>) -> Self {
        Self::runtime(400, "SerializationException", message)
    }

    /// 500 `InternalFailure`: the server failed; the message reaches the client.
    pub fn internal(message: impl Into<String>) -> Self {
        Self::runtime(500, "InternalFailure", message)
    }

    fn runtime(status: u16, type_name: &str, message: impl Into<String>) -> Self {
        Self::modeled(status, type_name, message, Map::new())
    }

    /// 400 `UnknownOperationException`: missing, malformed or unknown `X-Amz-Target`.
    pub(crate) fn unknown_operation(prefix: &str) -> Self {
        let message = ::std::format!(
            "X-Amz-Target must be `{prefix}.<Operation>` naming an operation of this service"
        );
        Self::runtime(400, "UnknownOperationException", message)
    }

    /// 405 for any method but POST; awsJson has no resource to GET.
    pub(crate) fn method_not_allowed() -> Self {
        Self::runtime(
            405,
            "UnknownOperationException",
            "awsJson operations are called with POST",
        )
    }

    /// 415 for a `Content-Type` that is not awsJson.
    pub(crate) fn unsupported_media_type() -> Self {
        let message =
            "Content-Type must be application/x-amz-json-1.1 or application/x-amz-json-1.0";
        Self::runtime(415, "UnsupportedMediaTypeException", message)
    }

    /// 413 for a body over the configured limit.
    pub(crate) fn too_large(limit: usize) -> Self {
        let message = ::std::format!("request body is larger than {limit} bytes");
        Self::runtime(413, "RequestEntityTooLargeException", message)
    }

    /// The status actually sent: error statuses only, so a bad value cannot pose as success.
    pub(crate) fn http_status(&self) -> StatusCode {
        match StatusCode::from_u16(self.status) {
            Ok(status) if status.is_client_error() || status.is_server_error() => status,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The awsJson error body.
    pub(crate) fn body(&self) -> Bytes {
        let mut object = Map::with_capacity(self.fields.len() + 2);
        object.insert("__type".into(), Value::String(self.type_name.clone()));
        if !self.message.is_empty() {
            object.insert("message".into(), Value::String(self.message.clone()));
        }
        for (key, value) in self.fields.iter() {
            if key != "__type" && key != "message" {
                object.insert(key.clone(), value.clone());
            }
        }
        Bytes::from(Value::Object(object).to_string())
    }
}

impl fmt::Display for ServerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}): {}", self.type_name, self.status, self.message)
    }
}

impl ::std::error::Error for ServerError {}

#[cfg(test)]
mod tests {
    use super::*;
    use ::serde_json::json;

    fn parsed(error: &ServerError) -> Value {
        ::serde_json::from_slice(&error.body()).unwrap()
    }

    #[test]
    fn runtime_errors_have_awsjson_shape() {
        let cases = [
            (ServerError::validation("bad"), 400, "ValidationException"),
            (
                ServerError::serialization("bad"),
                400,
                "SerializationException",
            ),
            (ServerError::internal("bad"), 500, "InternalFailure"),
            (
                ServerError::unknown_operation("Svc"),
                400,
                "UnknownOperationException",
            ),
            (
                ServerError::method_not_allowed(),
                405,
                "UnknownOperationException",
            ),
            (
                ServerError::unsupported_media_type(),
                415,
                "UnsupportedMediaTypeException",
            ),
            (
                ServerError::too_large(10),
                413,
                "RequestEntityTooLargeException",
            ),
        ];
        for (error, status, type_name) in cases {
            assert_eq!(error.http_status().as_u16(), status);
            let body = parsed(&error);
            assert_eq!(body["__type"], type_name);
            assert!(
                body["message"].as_str().is_some_and(|m| !m.is_empty()),
                "{body}"
            );
            assert_eq!(body.as_object().unwrap().len(), 2, "{body}");
        }
    }

    #[test]
    fn modeled_error_carries_its_fields_but_not_over_the_reserved_keys() {
        let fields = json!({"Reason": "x", "Count": 3, "__type": "Spoof", "message": "spoof"});
        let Value::Object(fields) = fields else {
            unreachable!()
        };
        let error = ServerError::modeled(409, "ResourceInUseException", "busy", fields);
        assert_eq!(
            parsed(&error),
            json!({"__type": "ResourceInUseException", "message": "busy", "Reason": "x", "Count": 3})
        );
        assert_eq!(error.http_status(), StatusCode::CONFLICT);
    }

    #[test]
    fn empty_message_is_omitted_and_text_is_escaped() {
        let error = ServerError::modeled(400, "Quote\"Exception", "", Map::new());
        assert_eq!(parsed(&error), json!({"__type": "Quote\"Exception"}));
        let error = ServerError::validation("line\nbreak \"quoted\" \u{1F4A5}");
        assert_eq!(
            parsed(&error)["message"],
            "line\nbreak \"quoted\" \u{1F4A5}"
        );
    }

    #[test]
    fn non_error_statuses_become_500() {
        for status in [0, 99, 100, 200, 204, 302, 600, 1000, u16::MAX] {
            let error = ServerError::modeled(status, "X", "m", Map::new());
            assert_eq!(
                error.http_status(),
                StatusCode::INTERNAL_SERVER_ERROR,
                "{status}"
            );
        }
        let error = ServerError::modeled(503, "ServiceUnavailable", "m", Map::new());
        assert_eq!(error.http_status(), StatusCode::SERVICE_UNAVAILABLE);
    }

    #[test]
    fn display_names_type_status_and_message() {
        assert_eq!(
            ServerError::validation("m").to_string(),
            "ValidationException (400): m"
        );
    }
}
