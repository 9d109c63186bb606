//! Server settings and the per-call log record.

use ::std::fmt;
use ::std::option::Option::{self, None, Some};
use ::std::sync::Arc;
use ::std::time::Duration;

/// The hook called once per call; see [`ServerConfig::on_call`].
type CallHook = Arc<dyn Fn(&CallLog<'_>) + Send + Sync>;

/// Limits and hooks shared by [`Router`](super::Router) and [`serve`](super::serve()):
/// start from `ServerConfig::default()` and chain the setters.
#[derive(Clone)]
pub struct ServerConfig {
    pub(crate) body_limit: usize,
    pub(crate) depth_limit: usize,
    pub(crate) shutdown_timeout: Duration,
    pub(crate) on_call: Option<CallHook>,
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            body_limit: 1024 * 1024,
            // Far beyond any AWS model's nesting, and under serde_json's own
            // recursion limit (128) so our clear error always comes first.
            depth_limit: 64,
            shutdown_timeout: Duration::from_secs(30),
            on_call: None,
        }
    }
}

impl ServerConfig {
    /// Largest request body accepted, in bytes (default 1 MiB); larger gets 413.
    #[must_use]
    pub fn body_limit(mut self, bytes: usize) -> Self {
        self.body_limit = bytes;
        self
    }

    /// Deepest nesting of JSON arrays and objects accepted (default 64);
    /// deeper gets 400 `SerializationException` before deserialization.
    #[must_use]
    pub fn depth_limit(mut self, levels: usize) -> Self {
        self.depth_limit = levels;
        self
    }

    /// How long [`serve`](super::serve()) lets in-flight requests run after
    /// shutdown is asked for (default 30 s); connections still open then are dropped.
    #[must_use]
    pub fn shutdown_timeout(mut self, timeout: Duration) -> Self {
        self.shutdown_timeout = timeout;
        self
    }

    /// Calls `hook` once per request, after its response is built. It runs on
    /// the request's task, so it should be quick and must not panic.
    #[must_use]
    pub fn on_call(mut self, hook: impl Fn(&CallLog<'_>) + Send + Sync + 'static) -> Self {
        self.on_call = Some(Arc::new(hook));
        self
    }
}

impl fmt::Debug for ServerConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServerConfig")
            .field("body_limit", &self.body_limit)
            .field("depth_limit", &self.depth_limit)
            .field("shutdown_timeout", &self.shutdown_timeout)
            .field("on_call", &self.on_call.as_ref().map(|_| "Fn(&CallLog)"))
            .finish()
    }
}

/// What one call did, handed to the [`ServerConfig::on_call`] hook.
///
/// Its `Display` is a one-line summary:
/// `CreateWorkspaces 200 - 1.234ms 6f1c…` or `- 400 UnknownOperationException 0.012ms …`.
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub struct CallLog<'a> {
    /// The operation, when the request named a known one.
    pub operation: Option<&'static str>,
    /// HTTP status sent.
    pub status: u16,
    /// The `__type` sent, for error answers.
    pub error_type: Option<&'a str>,
    /// The `x-amzn-requestid` sent.
    pub request_id: &'a str,
    /// From receiving the request head to the response being ready.
    pub duration: Duration,
}

impl fmt::Display for CallLog<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} {} {:.3}ms {}",
            self.operation.unwrap_or("-"),
            self.status,
            self.error_type.unwrap_or("-"),
            self.duration.as_secs_f64() * 1000.0,
            self.request_id
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_setters() {
        let config = ServerConfig::default();
        assert_eq!((config.body_limit, config.depth_limit), (1 << 20, 64));
        assert_eq!(config.shutdown_timeout, Duration::from_secs(30));
        assert!(config.on_call.is_none());
        let config = config
            .body_limit(10)
            .depth_limit(2)
            .shutdown_timeout(Duration::from_millis(5))
            .on_call(|_| {});
        assert_eq!((config.body_limit, config.depth_limit), (10, 2));
        assert_eq!(config.shutdown_timeout, Duration::from_millis(5));
        assert!(::std::format!("{config:?}").contains("Fn(&CallLog)"));
    }

    #[test]
    fn call_log_is_one_line() {
        let log = CallLog {
            operation: Some("CreateWorkspaces"),
            status: 200,
            error_type: None,
            request_id: "id-1",
            duration: Duration::from_micros(1500),
        };
        assert_eq!(log.to_string(), "CreateWorkspaces 200 - 1.500ms id-1");
        let log = CallLog {
            operation: None,
            status: 405,
            error_type: Some("X"),
            ..log
        };
        assert_eq!(log.to_string(), "- 405 X 1.500ms id-1");
    }
}
