//! The error of a call that got no HTTP response to return.

use ::std::boxed::Box;
use ::std::error::Error;
use ::std::fmt;
use ::std::string::String;
use ::std::time::Duration;

use super::endpoint::EndpointError;
use super::transport::TransportError;

/// Why [`ClientRuntime::send`](super::ClientRuntime::send) returned no response.
///
/// Each message says everything (causes included), so `source` is not used.
#[derive(Debug)]
#[non_exhaustive]
pub enum DispatchError {
    /// No region is configured; requests are signed for a region.
    MissingRegion,
    /// No credentials are configured.
    MissingCredentials,
    /// The credentials source failed or gave expired credentials.
    Credentials(super::credentials::CredentialsError),
    /// The endpoint rules gave an error or the endpoint URL is not usable.
    Endpoint(EndpointError),
    /// The configuration chose a protocol the service does not speak.
    UnsupportedProtocol {
        /// The protocol chosen.
        chosen: crate::protocol::WireProtocol,
        /// The service's protocols, its first first.
        supported: ::std::vec::Vec<crate::protocol::WireProtocol>,
    },
    /// The request could not be built, e.g. an operation name that is not a valid header value.
    InvalidRequest(String),
    /// Signing the request failed.
    Signing(Box<dyn Error + Send + Sync>),
    /// The last attempt failed in the transport (connection refused, dropped, ...).
    Transport {
        /// How many attempts were made.
        attempts: u32,
        /// The failure of the last attempt.
        source: TransportError,
    },
    /// The last attempt did not finish within the attempt timeout.
    AttemptTimeout {
        /// How many attempts were made.
        attempts: u32,
        /// The configured attempt timeout.
        timeout: Duration,
    },
    /// The call, backoff waits included, did not finish within the total timeout.
    TotalTimeout {
        /// How many attempts were started.
        attempts: u32,
        /// The configured total timeout.
        timeout: Duration,
    },
}

impl DispatchError {
    /// Whether the call failed by a timeout (attempt, total, or the transport's own).
    pub fn is_timeout(&self) -> bool {
        match self {
            DispatchError::AttemptTimeout { .. } | DispatchError::TotalTimeout { .. } => true,
            DispatchError::Transport { source, .. } => {
                source.kind() == super::transport::TransportErrorKind::Timeout
            }
            _ => false,
        }
    }
}

fn attempts(n: u32) -> &'static str {
    if n == 1 { "attempt" } else { "attempts" }
}

impl fmt::Display for DispatchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DispatchError::MissingRegion => f.write_str(
                "no region configured: set one with the config builder's `region` or AWS_REGION",
            ),
            DispatchError::MissingCredentials => f.write_str(
                "no credentials configured: set them with the config builder's `credentials` \
                 or `credentials_provider`, with AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, \
                 or as a profile's keys in ~/.aws/credentials (profiles with roles, SSO or \
                 credential_process need the `aws-config` feature)",
            ),
            DispatchError::Credentials(e) => write!(f, "could not get credentials: {e}"),
            DispatchError::Endpoint(e) => write!(f, "could not resolve the endpoint: {e}"),
            DispatchError::UnsupportedProtocol { chosen, supported } => {
                write!(
                    f,
                    "the configuration chose {chosen}, which the service does not speak; it speaks"
                )?;
                for (i, protocol) in supported.iter().enumerate() {
                    f.write_str(if i == 0 { " " } else { ", " })?;
                    ::std::fmt::Display::fmt(protocol, f)?;
                }
                Ok(())
            }
            DispatchError::InvalidRequest(why) => write!(f, "could not build the request: {why}"),
            DispatchError::Signing(e) => write!(f, "could not sign the request: {e}"),
            DispatchError::Transport {
                attempts: n,
                source,
            } => {
                write!(f, "request failed after {n} {}: {source}", attempts(*n))
            }
            DispatchError::AttemptTimeout {
                attempts: n,
                timeout,
            } => write!(
                f,
                "request timed out: no response within the attempt timeout of {timeout:?} \
                 (after {n} {})",
                attempts(*n)
            ),
            DispatchError::TotalTimeout {
                attempts: n,
                timeout,
            } => write!(
                f,
                "request timed out: the call did not complete within the total timeout of \
                 {timeout:?} ({n} {} started)",
                attempts(*n)
            ),
        }
    }
}

impl Error for DispatchError {}
