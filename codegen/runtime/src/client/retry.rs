//! Standard retry mode: which responses are retried, how long to wait between
//! attempts, and the per-call invocation id.

use ::std::option::Option;
use ::std::string::String;
use ::std::time::Duration;

/// How many times a call is attempted and how long to wait between attempts.
///
/// The wait before retry `n` (1-based) is `min(max_backoff, initial_backoff *
/// 2^(n-1) * r)` with `r` uniform in `[0, 1)` ("full jitter"), as in the
/// standard retry mode of botocore and aws-sdk-rust.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryConfig {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
}

impl RetryConfig {
    /// Standard mode: 3 attempts, 1 s initial backoff, 20 s maximum backoff.
    pub fn standard() -> Self {
        RetryConfig {
            max_attempts: 3,
            initial_backoff: Duration::from_secs(1),
            max_backoff: Duration::from_secs(20),
        }
    }

    /// A single attempt, never retried.
    pub fn disabled() -> Self {
        RetryConfig::standard().with_max_attempts(1)
    }

    /// Sets the number of attempts, the first one included (at least 1).
    pub fn with_max_attempts(mut self, max_attempts: u32) -> Self {
        self.max_attempts = max_attempts.max(1);
        self
    }

    /// Sets the backoff scale: the wait before the first retry is at most this.
    pub fn with_initial_backoff(mut self, initial_backoff: Duration) -> Self {
        self.initial_backoff = initial_backoff;
        self
    }

    /// Sets the cap on any single wait between attempts.
    pub fn with_max_backoff(mut self, max_backoff: Duration) -> Self {
        self.max_backoff = max_backoff;
        self
    }

    /// The number of attempts, the first one included.
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The wait before retry number `retry` (1 for the second attempt), given a
    /// jitter factor in `[0, 1)`.
    pub(super) fn backoff(&self, retry: u32, jitter: f64) -> Duration {
        // The exponent is capped well before f64 or Duration could overflow.
        let exponent = retry.saturating_sub(1).min(32) as i32;
        let seconds = self.initial_backoff.as_secs_f64() * 2f64.powi(exponent) * jitter;
        // `try_`: `Duration::MAX` as f64 rounds up past what a Duration holds.
        Duration::try_from_secs_f64(seconds.min(self.max_backoff.as_secs_f64()))
            .unwrap_or(self.max_backoff)
    }
}

impl Default for RetryConfig {
    fn default() -> Self {
        RetryConfig::standard()
    }
}

// The lists of aws-sdk-rust's and botocore's standard retry mode.
const THROTTLING_CODES: &[&str] = &[
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
];
const TRANSIENT_CODES: &[&str] = &[
    "RequestTimeout",
    "RequestTimeoutException",
    "PriorRequestNotComplete",
];
const TRANSIENT_STATUSES: &[u16] = &[500, 502, 503, 504];

/// Whether a response with this status and error code is retried: throttling
/// and transient error codes at any status, and 500/502/503/504 whatever the code.
pub(super) fn is_retryable_response(status: u16, error_code: Option<&str>) -> bool {
    TRANSIENT_STATUSES.contains(&status)
        || error_code
            .is_some_and(|code| THROTTLING_CODES.contains(&code) || TRANSIENT_CODES.contains(&code))
}

/// The `amz-sdk-request` header value of an attempt.
pub(super) fn request_header(attempt: u32, max_attempts: u32) -> String {
    ::std::format!("attempt={attempt}; max={max_attempts}")
}

/// A fresh jitter factor in `[0, 1)`.
pub(super) fn jitter() -> f64 {
    ::fastrand::f64()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classification_table() {
        let cases: &[(u16, Option<&str>, bool)] = &[
            (500, None, true),
            (502, None, true),
            (503, Some("ServiceUnavailable"), true),
            (504, None, true),
            (500, Some("InternalServerException"), true),
            (400, Some("ThrottlingException"), true),
            (400, Some("Throttling"), true),
            (429, Some("TooManyRequestsException"), true),
            (400, Some("LimitExceededException"), true),
            (400, Some("ProvisionedThroughputExceededException"), true),
            (400, Some("RequestLimitExceeded"), true),
            (503, Some("SlowDown"), true),
            (400, Some("PriorRequestNotComplete"), true),
            (400, Some("EC2ThrottledException"), true),
            (408, Some("RequestTimeout"), true),
            (400, Some("RequestTimeoutException"), true),
            (400, Some("ValidationException"), false),
            (400, Some("InvalidParameterValuesException"), false),
            (400, Some("ResourceLimitExceededException"), false),
            (403, Some("AccessDeniedException"), false),
            (404, None, false),
            (429, None, false),
            (400, Some("throttlingexception"), false),
            (501, None, false),
            (200, None, false),
        ];
        for &(status, code, expected) in cases {
            assert_eq!(
                is_retryable_response(status, code),
                expected,
                "{status} {code:?}"
            );
        }
    }

    #[test]
    fn standard_backoff_is_full_jitter_exponential_and_capped() {
        let standard = RetryConfig::standard();
        assert_eq!(standard.max_attempts(), 3);
        assert_eq!(standard.backoff(1, 0.5), Duration::from_millis(500));
        assert_eq!(standard.backoff(2, 0.5), Duration::from_secs(1));
        assert_eq!(standard.backoff(3, 0.75), Duration::from_secs(3));
        assert_eq!(standard.backoff(6, 0.99), Duration::from_secs(20));
        assert_eq!(standard.backoff(u32::MAX, 0.99), Duration::from_secs(20));
        assert_eq!(standard.backoff(1, 0.0), Duration::ZERO);
        let fast = RetryConfig::standard().with_initial_backoff(Duration::from_millis(10));
        assert_eq!(fast.backoff(3, 0.5), Duration::from_millis(20));
        let huge = RetryConfig::standard()
            .with_initial_backoff(Duration::MAX)
            .with_max_backoff(Duration::MAX);
        assert_eq!(huge.backoff(40, 0.99), Duration::MAX);
        assert_eq!(RetryConfig::disabled().max_attempts(), 1);
        assert_eq!(
            RetryConfig::standard().with_max_attempts(0).max_attempts(),
            1
        );
    }

    #[test]
    fn request_header_format() {
        assert_eq!(request_header(2, 3), "attempt=2; max=3");
    }
}
