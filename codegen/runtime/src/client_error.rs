//! The failures of a call that happen on the caller's side: an unusable input,
//! or a request that got no response. Each operation's error enum carries one
//! in its `Client` variant, next to the errors the service answers with.

use ::std::fmt;
use ::std::option::Option::{self, Some};

use crate::build::BuildError;
use crate::validation::ValidationError;

/// A call that the service did not answer: the input was incomplete or broke the
/// model's constraints (then nothing was sent), or the request was not delivered.
#[derive(Debug)]
#[non_exhaustive]
pub enum ClientError {
    /// A fluent builder lacked required members; every one is named.
    Build(BuildError),
    /// The input broke the model's constraints; every violation is listed.
    Validation(ValidationError),
    /// No response: configuration, connection, retries exhausted or a timeout.
    #[cfg(feature = "client")]
    Dispatch(crate::client::DispatchError),
}

impl fmt::Display for ClientError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClientError::Build(e) => write!(f, "invalid input, not sent: {e}"),
            ClientError::Validation(e) => write!(f, "invalid input, not sent: {e}"),
            #[cfg(feature = "client")]
            ClientError::Dispatch(e) => fmt::Display::fmt(e, f),
        }
    }
}

impl ::std::error::Error for ClientError {
    fn source(&self) -> Option<&(dyn ::std::error::Error + 'static)> {
        match self {
            ClientError::Build(e) => Some(e),
            ClientError::Validation(e) => Some(e),
            #[cfg(feature = "client")]
            ClientError::Dispatch(e) => Some(e),
        }
    }
}
