//! The one error type a call can end in; the protocol writes its wire form.

use ::bytes::Bytes;
use ::http::StatusCode;
use ::std::fmt;
use ::std::option::Option::{self, None, Some};
use ::std::string::String;

/// An error answer: a modeled error of the service or one of the runtime's own.
///
/// The protocol writes it ([`Protocol::error_response`](crate::protocol::Protocol::error_response)):
/// a modeled error's `body` as the generated codec wrote it; otherwise a body naming
/// `type_name` and `message` (in awsJson `{"__type": …, "message": …}`).
#[derive(Clone, Debug, PartialEq)]
pub struct ServerError {
    /// HTTP status; anything outside 400..=599 is sent as 500.
    pub status: u16,
    /// Shape name of the error, e.g. `"ValidationException"`.
    pub type_name: String,
    /// Human-readable message; omitted from the body when empty.
    pub message: String,
    /// The whole error body in the protocol's encoding, for a modeled error.
    pub body: Option<Bytes>,
}

impl ServerError {
    /// A modeled error shape returned by the service implementation, with the body
    /// the protocol's codec wrote for it.
    pub fn modeled(
        status: u16,
        type_name: impl Into<String>,
        message: impl Into<String>,
        body: Bytes,
    ) -> Self {
        ServerError {
            status,
            type_name: type_name.into(),
            message: message.into(),
            body: Some(body),
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

    /// An error the model does not name, as the implementation described it (its
    /// code, else `InternalFailure`; its status and message).
    pub fn unhandled(meta: &crate::ErrorMetadata) -> Self {
        ServerError {
            status: meta.status(),
            type_name: meta.code().unwrap_or("InternalFailure").into(),
            message: meta.message().unwrap_or_default().into(),
            body: None,
        }
    }

    /// An error of the runtime or the protocol, written from its type name and message.
    pub(crate) fn runtime(status: u16, type_name: &str, message: impl Into<String>) -> Self {
        ServerError {
            status,
            type_name: type_name.into(),
            message: message.into(),
            body: None,
        }
    }

    /// 400 `UnknownOperationException`: a listed operation the dispatcher does not serve.
    pub(crate) fn not_implemented(operation: &str) -> Self {
        let message = ::std::format!("`{operation}` is not an operation this server implements");
        Self::runtime(400, "UnknownOperationException", message)
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
    use crate::protocol::{AwsJson, Protocol};
    use ::serde_json::{Value, json};

    fn parsed(error: &ServerError) -> Value {
        let mut headers = ::http::HeaderMap::new();
        let body = AwsJson::V1_1.error_response(error, &mut headers);
        assert_eq!(
            headers.get("x-amzn-errortype").unwrap(),
            error.type_name.as_str()
        );
        ::serde_json::from_slice(&body).unwrap()
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
                ServerError::not_implemented("Op"),
                400,
                "UnknownOperationException",
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
    fn modeled_error_is_sent_as_its_codec_wrote_it() {
        let written = json!({"__type": "ResourceInUseException", "message": "busy", "Reason": "x"});
        let error = ServerError::modeled(
            409,
            "ResourceInUseException",
            "busy",
            Bytes::from(written.to_string()),
        );
        assert_eq!(parsed(&error), written);
        assert_eq!(error.http_status(), StatusCode::CONFLICT);
    }

    #[test]
    fn empty_message_is_omitted_and_text_is_escaped() {
        let error = ServerError::runtime(400, "Quote\"Exception", "");
        let mut headers = ::http::HeaderMap::new();
        let body: Value =
            ::serde_json::from_slice(&AwsJson::V1_1.error_response(&error, &mut headers)).unwrap();
        assert_eq!(body, json!({"__type": "Quote\"Exception"}));
        let error = ServerError::validation("line\nbreak \"quoted\" \u{1F4A5}");
        assert_eq!(
            parsed(&error)["message"],
            "line\nbreak \"quoted\" \u{1F4A5}"
        );
    }

    #[test]
    fn non_error_statuses_become_500() {
        for status in [0, 99, 100, 200, 204, 302, 600, 1000, u16::MAX] {
            let error = ServerError::runtime(status, "X", "m");
            assert_eq!(
                error.http_status(),
                StatusCode::INTERNAL_SERVER_ERROR,
                "{status}"
            );
        }
        let error = ServerError::runtime(503, "ServiceUnavailable", "m");
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
