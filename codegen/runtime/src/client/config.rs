//! Client configuration: built with [`ConfigBuilder`] or read from the
//! environment with [`Config::from_env`].

use ::std::convert::Into;
use ::std::fmt;
use ::std::option::Option::{self, None, Some};
use ::std::string::String;
use ::std::sync::Arc;
use ::std::time::{Duration, SystemTime};

use super::credentials::{Credentials, CredentialsCache, ProvideCredentials};
use super::retry::RetryConfig;
use super::transport::HttpTransport;

type Clock = Arc<dyn Fn() -> SystemTime + Send + Sync>;

/// The configuration of a client: where to send, how to sign, how long to
/// wait and how often to retry.
///
/// Cheap to clone. Unset region or credentials are reported when a call is made.
#[derive(Clone)]
pub struct Config {
    pub(super) region: Option<String>,
    pub(super) credentials: Option<CredentialsCache>,
    pub(super) endpoint_url: Option<String>,
    pub(super) use_fips: bool,
    pub(super) use_dual_stack: bool,
    pub(super) connect_timeout: Option<Duration>,
    pub(super) attempt_timeout: Option<Duration>,
    pub(super) total_timeout: Option<Duration>,
    pub(super) retry: RetryConfig,
    pub(super) transport: Option<Arc<dyn HttpTransport>>,
    pub(super) clock: Clock,
}

/// Builds a [`Config`]; every setting is optional.
#[derive(Clone)]
pub struct ConfigBuilder {
    config: Config,
}

/// The default connect timeout (aws-sdk-rust's).
const CONNECT_TIMEOUT: Duration = Duration::from_millis(3100);
/// The default attempt timeout, so a stalled server cannot hang a call forever
/// (botocore's read timeout is 60 s too).
const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(60);

impl Config {
    /// A builder with the defaults: no region, no credentials, standard retries,
    /// connect timeout 3.1 s, attempt timeout 60 s, no total timeout.
    pub fn builder() -> ConfigBuilder {
        ConfigBuilder {
            config: Config {
                region: None,
                credentials: None,
                endpoint_url: None,
                use_fips: false,
                use_dual_stack: false,
                connect_timeout: Some(CONNECT_TIMEOUT),
                attempt_timeout: Some(ATTEMPT_TIMEOUT),
                total_timeout: None,
                retry: RetryConfig::standard(),
                transport: None,
                clock: Arc::new(SystemTime::now),
            },
        }
    }

    /// Reads the standard environment variables over the defaults:
    /// `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`,
    /// `AWS_REGION` (else `AWS_DEFAULT_REGION`), `AWS_ENDPOINT_URL` (unless
    /// `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true`), `AWS_USE_FIPS_ENDPOINT`,
    /// `AWS_USE_DUALSTACK_ENDPOINT` and `AWS_MAX_ATTEMPTS`.
    ///
    /// Empty variables count as unset; booleans are `true` in any case, else false.
    pub fn from_env() -> Config {
        Config::from_lookup(|name| ::std::env::var(name).ok())
    }

    fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Config {
        let var = |name: &str| lookup(name).filter(|value| !value.trim().is_empty());
        let flag = |name: &str| var(name).is_some_and(|v| v.trim().eq_ignore_ascii_case("true"));
        let mut builder = Config::builder();
        if let (Some(id), Some(secret)) = (var("AWS_ACCESS_KEY_ID"), var("AWS_SECRET_ACCESS_KEY")) {
            let token = var("AWS_SESSION_TOKEN");
            builder = builder.credentials(Credentials::new(id, secret, token, None, "Environment"));
        }
        if let Some(region) = var("AWS_REGION").or_else(|| var("AWS_DEFAULT_REGION")) {
            builder = builder.region(region);
        }
        if let Some(url) = var("AWS_ENDPOINT_URL")
            && !flag("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")
        {
            builder = builder.endpoint_url(url);
        }
        if let Some(max) = var("AWS_MAX_ATTEMPTS").and_then(|v| v.trim().parse::<u32>().ok()) {
            let retry = builder.config.retry.clone().with_max_attempts(max);
            builder = builder.retry(retry);
        }
        builder
            .use_fips(flag("AWS_USE_FIPS_ENDPOINT"))
            .use_dual_stack(flag("AWS_USE_DUALSTACK_ENDPOINT"))
            .build()
    }

    /// A builder starting from this configuration.
    pub fn to_builder(&self) -> ConfigBuilder {
        ConfigBuilder {
            config: self.clone(),
        }
    }

    /// The region requests are sent to and signed for.
    pub fn region(&self) -> Option<&str> {
        self.region.as_deref()
    }

    /// Where credentials come from, if anywhere.
    pub fn credentials_provider(&self) -> Option<&dyn ProvideCredentials> {
        self.credentials.as_ref().map(CredentialsCache::provider)
    }

    /// The endpoint URL override, if any.
    pub fn endpoint_url(&self) -> Option<&str> {
        self.endpoint_url.as_deref()
    }

    /// The retry policy.
    pub fn retry(&self) -> &RetryConfig {
        &self.retry
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Credentials' own Debug redacts the secret; other sources show what they are.
        f.debug_struct("Config")
            .field("region", &self.region)
            .field("credentials", &self.credentials)
            .field("endpoint_url", &self.endpoint_url)
            .field("use_fips", &self.use_fips)
            .field("use_dual_stack", &self.use_dual_stack)
            .field("connect_timeout", &self.connect_timeout)
            .field("attempt_timeout", &self.attempt_timeout)
            .field("total_timeout", &self.total_timeout)
            .field("retry", &self.retry)
            .field("custom_transport", &self.transport.is_some())
            .finish_non_exhaustive()
    }
}

impl fmt::Debug for ConfigBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("ConfigBuilder").field(&self.config).finish()
    }
}

impl ConfigBuilder {
    /// Sets the region, e.g. `us-east-1`.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.config.region = Some(region.into());
        self
    }

    /// Signs requests with these fixed credentials.
    pub fn credentials(self, credentials: Credentials) -> Self {
        self.credentials_provider(credentials)
    }

    /// Signs requests with credentials from `provider`, asked again when the ones it
    /// gave expire within a minute (see [`ProvideCredentials`]).
    pub fn credentials_provider(mut self, provider: impl ProvideCredentials + 'static) -> Self {
        self.config.credentials = Some(CredentialsCache::new(Arc::new(provider)));
        self
    }

    /// Sends every request to this URL (e.g. `http://127.0.0.1:4566`) instead
    /// of the region's endpoint. Cannot be combined with FIPS or dual-stack.
    pub fn endpoint_url(mut self, url: impl Into<String>) -> Self {
        self.config.endpoint_url = Some(url.into());
        self
    }

    /// Uses the FIPS endpoint of the region.
    pub fn use_fips(mut self, use_fips: bool) -> Self {
        self.config.use_fips = use_fips;
        self
    }

    /// Uses the dual-stack (IPv4 and IPv6) endpoint of the region.
    pub fn use_dual_stack(mut self, use_dual_stack: bool) -> Self {
        self.config.use_dual_stack = use_dual_stack;
        self
    }

    /// Limits how long establishing a TCP connection may take (`None`: no limit).
    /// Applies to the default transport only.
    pub fn connect_timeout(mut self, timeout: impl Into<Option<Duration>>) -> Self {
        self.config.connect_timeout = timeout.into();
        self
    }

    /// Limits one attempt, from sending the request to the end of the response
    /// body (`None`: no limit). A timed-out attempt is retried.
    pub fn attempt_timeout(mut self, timeout: impl Into<Option<Duration>>) -> Self {
        self.config.attempt_timeout = timeout.into();
        self
    }

    /// Limits the whole call, retries and the waits between them included
    /// (`None`: no limit).
    pub fn total_timeout(mut self, timeout: impl Into<Option<Duration>>) -> Self {
        self.config.total_timeout = timeout.into();
        self
    }

    /// Sets the retry policy.
    pub fn retry(mut self, retry: RetryConfig) -> Self {
        self.config.retry = retry;
        self
    }

    /// Sends requests through `transport` instead of the default hyper one.
    pub fn http_transport(mut self, transport: impl HttpTransport + 'static) -> Self {
        self.config.transport = Some(Arc::new(transport));
        self
    }

    /// Sets the clock that dates signatures (default: `SystemTime::now`).
    pub fn clock(mut self, clock: impl Fn() -> SystemTime + Send + Sync + 'static) -> Self {
        self.config.clock = Arc::new(clock);
        self
    }

    /// Builds the configuration.
    pub fn build(self) -> Config {
        self.config
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ::std::collections::BTreeMap;
    use ::std::string::ToString;

    fn from(vars: &[(&str, &str)]) -> Config {
        let vars: BTreeMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_lookup(|name| vars.get(name).cloned())
    }

    #[test]
    fn from_env_reads_the_standard_variables() {
        let config = from(&[
            ("AWS_ACCESS_KEY_ID", "AKID"),
            ("AWS_SECRET_ACCESS_KEY", "SECRET"),
            ("AWS_SESSION_TOKEN", "TOKEN"),
            ("AWS_REGION", "eu-west-1"),
            ("AWS_DEFAULT_REGION", "us-east-1"),
            ("AWS_ENDPOINT_URL", "http://127.0.0.1:4566"),
            ("AWS_USE_FIPS_ENDPOINT", "TRUE"),
            ("AWS_USE_DUALSTACK_ENDPOINT", "false"),
            ("AWS_MAX_ATTEMPTS", "5"),
        ]);
        let credentials = super::super::tests::block_on(
            config.credentials.as_ref().unwrap().get(SystemTime::now()),
        )
        .unwrap();
        assert_eq!(credentials.access_key_id(), "AKID");
        assert_eq!(credentials.secret_access_key(), "SECRET");
        assert_eq!(credentials.session_token(), Some("TOKEN"));
        assert_eq!(config.region(), Some("eu-west-1"));
        assert_eq!(config.endpoint_url(), Some("http://127.0.0.1:4566"));
        assert!(config.use_fips);
        assert!(!config.use_dual_stack);
        assert_eq!(config.retry().max_attempts(), 5);
        let debug = ::std::format!("{config:?}");
        assert!(!debug.contains("SECRET"), "{debug}");
    }

    #[test]
    fn from_env_fallbacks_and_empty_values() {
        let config = from(&[
            ("AWS_ACCESS_KEY_ID", "AKID"),
            ("AWS_SECRET_ACCESS_KEY", ""),
            ("AWS_REGION", ""),
            ("AWS_DEFAULT_REGION", "us-west-2"),
            ("AWS_ENDPOINT_URL", "http://localhost:1"),
            ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"),
            ("AWS_USE_DUALSTACK_ENDPOINT", "yes"),
            ("AWS_MAX_ATTEMPTS", "many"),
        ]);
        assert!(config.credentials.is_none());
        assert_eq!(config.region(), Some("us-west-2"));
        assert_eq!(config.endpoint_url(), None);
        assert!(!config.use_dual_stack);
        assert_eq!(config.retry().max_attempts(), 3);
        let empty = from(&[]);
        assert!(empty.credentials.is_none() && empty.region.is_none());
        assert_eq!(empty.attempt_timeout, Some(ATTEMPT_TIMEOUT));
        assert_eq!(empty.connect_timeout, Some(CONNECT_TIMEOUT));
        assert_eq!(empty.total_timeout, None);
    }

    #[test]
    fn builder_overrides_and_clears() {
        let config = Config::builder()
            .region("us-east-1")
            .attempt_timeout(None)
            .total_timeout(Duration::from_secs(5))
            .clock(|| SystemTime::UNIX_EPOCH)
            .build();
        assert_eq!(config.attempt_timeout, None);
        assert_eq!(config.total_timeout, Some(Duration::from_secs(5)));
        assert_eq!((config.clock)(), SystemTime::UNIX_EPOCH);
        let changed = config.to_builder().region("eu-west-1").build();
        assert_eq!(changed.region(), Some("eu-west-1"));
        assert_eq!(config.region(), Some("us-east-1"));
    }
}
