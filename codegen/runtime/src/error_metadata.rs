//! What every AWS error response says about itself, modeled or not.

use ::std::fmt;
use ::std::option::Option;
use ::std::string::String;

/// The protocol-level facts of an error response: its code (the error shape's
/// name, e.g. `ResourceNotFoundException`), message, request id and HTTP status.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct ErrorMetadata {
    code: Option<String>,
    message: Option<String>,
    request_id: Option<String>,
    status: u16,
}

impl ErrorMetadata {
    /// Collects the facts; the protocol code extracts them from a response.
    pub fn new(
        status: u16,
        code: Option<String>,
        message: Option<String>,
        request_id: Option<String>,
    ) -> Self {
        Self {
            code,
            message,
            request_id,
            status,
        }
    }

    /// The error code, without namespace or URI: `ResourceNotFoundException`.
    pub fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }

    /// The human-readable message.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The request id the service assigned, for support cases.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The HTTP status code.
    pub fn status(&self) -> u16 {
        self.status
    }
}

/// `ResourceNotFoundException: The pool wspool-123 was not found (status 400, request id 7d0f…)`;
/// `unknown error (status 500)` when the response named no code.
impl fmt::Display for ErrorMetadata {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code().unwrap_or("unknown error"))?;
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        write!(f, " (status {}", self.status)?;
        if let Some(id) = &self.request_id {
            write!(f, ", request id {id}")?;
        }
        f.write_str(")")
    }
}

impl ::std::error::Error for ErrorMetadata {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_code_message_status_and_request_id() {
        let full = ErrorMetadata::new(
            400,
            Some("ResourceNotFoundException".into()),
            Some("The pool wspool-123 was not found".into()),
            Some("7d0f".into()),
        );
        assert_eq!(
            full.to_string(),
            "ResourceNotFoundException: The pool wspool-123 was not found (status 400, request id 7d0f)"
        );
        assert_eq!(full.code(), Some("ResourceNotFoundException"));
        assert_eq!(full.message(), Some("The pool wspool-123 was not found"));
        assert_eq!(full.request_id(), Some("7d0f"));
        assert_eq!(full.status(), 400);
        let bare = ErrorMetadata::new(500, None, None, None);
        assert_eq!(bare.to_string(), "unknown error (status 500)");
        let boxed: ::std::boxed::Box<dyn ::std::error::Error> = ::std::boxed::Box::new(bare);
        assert!(boxed.source().is_none());
    }
}
