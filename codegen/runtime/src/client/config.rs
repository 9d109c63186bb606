//! Client configuration: built with [`ConfigBuilder`] or read from the
//! environment with [`Config::from_env`].

use crate::protocol::WireProtocol;
use ::std::convert::Into;
use ::std::fmt;
use ::std::option::Option::{self, None, Some};
use ::std::path::Path;
use ::std::string::String;
use ::std::sync::Arc;
use ::std::time::{Duration, SystemTime};

use super::credentials::{Credentials, CredentialsCache, ProvideCredentials};
use super::profile::{self, FileKind, Profile};
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
    pub(super) protocol: Option<WireProtocol>,
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
                protocol: None,
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

    /// Reads the standard environment variables over the defaults, and the shared
    /// config and credentials files for what they leave unset:
    ///
    /// - credentials: `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`;
    ///   else the static keys (`aws_access_key_id`, `aws_secret_access_key`,
    ///   `aws_session_token`) of the profile in the credentials file, else in the
    ///   config file;
    /// - region: `AWS_REGION`, else `AWS_DEFAULT_REGION`, else the profile's `region`
    ///   in the config file;
    /// - the profile: `AWS_PROFILE`, else `default`; the files: `AWS_CONFIG_FILE`
    ///   and `AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/config` and `~/.aws/credentials`;
    /// - `AWS_ENDPOINT_URL` (unless `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true`),
    ///   `AWS_USE_FIPS_ENDPOINT`, `AWS_USE_DUALSTACK_ENDPOINT` and `AWS_MAX_ATTEMPTS`.
    ///
    /// Empty variables count as unset; booleans are `true` in any case, else false.
    /// Profiles that assume roles, use SSO or run a `credential_process`, and the
    /// container and instance credentials, need the `aws-config` feature
    /// (`Config::load_from_env`).
    pub fn from_env() -> Config {
        Config::from_sources(
            |name| ::std::env::var(name).ok(),
            |path| ::std::fs::read_to_string(path).ok(),
        )
    }

    fn from_sources(
        lookup: impl Fn(&str) -> Option<String>,
        read: impl Fn(&Path) -> Option<String>,
    ) -> Config {
        let var = |name: &str| lookup(name).filter(|value| !value.trim().is_empty());
        let flag = |name: &str| var(name).is_some_and(|v| v.trim().eq_ignore_ascii_case("true"));
        let profile_name = var("AWS_PROFILE").unwrap_or_else(|| "default".into());
        let profile = |kind: FileKind| {
            let text = read(&profile::file_path(&var, kind)?)?;
            profile::profile(&text, kind, &profile_name)
        };
        let config_file = profile(FileKind::Config);
        let mut builder = Config::builder();
        let environment = [
            "AWS_ACCESS_KEY_ID",
            "AWS_SECRET_ACCESS_KEY",
            "AWS_SESSION_TOKEN",
        ];
        let credentials = keys(&var, environment, "Environment")
            .or_else(|| {
                let file = profile(FileKind::Credentials);
                from_profile(file.as_ref(), "SharedCredentialsFile")
            })
            .or_else(|| from_profile(config_file.as_ref(), "SharedConfigFile"));
        if let Some(credentials) = credentials {
            builder = builder.credentials(credentials);
        }
        let region = var("AWS_REGION")
            .or_else(|| var("AWS_DEFAULT_REGION"))
            .or_else(|| from_profile_value(config_file.as_ref(), "region"));
        if let Some(region) = region {
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

    /// The protocol chosen with [`ConfigBuilder::protocol`], if any.
    pub fn protocol(&self) -> Option<WireProtocol> {
        self.protocol
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

/// Credentials from three named values of `get` (an id, a secret and an optional
/// token), when both the id and the secret are set.
fn keys(
    get: &dyn Fn(&str) -> Option<String>,
    [id, secret, token]: [&str; 3],
    provider_name: &'static str,
) -> Option<Credentials> {
    let (id, secret) = (get(id)?, get(secret)?);
    Some(Credentials::new(
        id,
        secret,
        get(token),
        None,
        provider_name,
    ))
}

/// A non-empty property of a profile.
fn from_profile_value(profile: Option<&Profile>, key: &str) -> Option<String> {
    profile?.get(key).filter(|value| !value.is_empty()).cloned()
}

/// The static keys of a profile.
fn from_profile(profile: Option<&Profile>, provider_name: &'static str) -> Option<Credentials> {
    let get = |key: &str| from_profile_value(profile, key);
    let names = [
        "aws_access_key_id",
        "aws_secret_access_key",
        "aws_session_token",
    ];
    keys(&get, names, provider_name)
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
            .field("protocol", &self.protocol)
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

    /// Speaks `protocol` (one of the service's) instead of the service's first
    /// protocol. Calls fail with [`DispatchError::UnsupportedProtocol`](super::DispatchError::UnsupportedProtocol),
    /// sending nothing, when the service does not speak it.
    pub fn protocol(mut self, protocol: WireProtocol) -> Self {
        self.config.protocol = Some(protocol);
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
        Config::from_sources(|name| vars.get(name).cloned(), |_| None)
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

    /// `from_env` with these variables and these files (by path).
    fn with_files(vars: &[(&str, &str)], files: &[(&str, &str)]) -> (Config, Option<Credentials>) {
        let vars: BTreeMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let files: BTreeMap<::std::path::PathBuf, String> = files
            .iter()
            .map(|(k, v)| (k.into(), v.to_string()))
            .collect();
        let config = Config::from_sources(
            |name| vars.get(name).cloned(),
            |path| files.get(path).cloned(),
        );
        let credentials = config
            .credentials
            .as_ref()
            .map(|cache| super::super::tests::block_on(cache.get(SystemTime::now())).unwrap());
        (config, credentials)
    }

    const CONFIG: &str = "[default]\nregion = us-east-1\n[profile dev]\nregion = eu-west-3\n\
                          [profile keys]\naws_access_key_id = AKIDCONFIG\naws_secret_access_key = c\n";
    const CREDENTIALS: &str = "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = d\n\
                               [dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = s\n\
                               aws_session_token = t\n";

    #[test]
    fn from_env_reads_the_profile_of_the_shared_files() {
        let files = [
            ("/h/.aws/config", CONFIG),
            ("/h/.aws/credentials", CREDENTIALS),
        ];
        let (config, credentials) = with_files(&[("HOME", "/h"), ("AWS_PROFILE", "dev")], &files);
        let credentials = credentials.unwrap();
        assert_eq!(
            (
                credentials.access_key_id(),
                credentials.session_token(),
                credentials.provider_name()
            ),
            ("AKIDDEV", Some("t"), "SharedCredentialsFile")
        );
        assert_eq!(config.region(), Some("eu-west-3"));

        let (config, credentials) = with_files(&[("HOME", "/h")], &files);
        assert_eq!(credentials.unwrap().access_key_id(), "AKIDDEFAULT");
        assert_eq!(config.region(), Some("us-east-1"));

        let (_, credentials) = with_files(&[("HOME", "/h"), ("AWS_PROFILE", "keys")], &files);
        assert_eq!(credentials.unwrap().provider_name(), "SharedConfigFile");

        let (_, credentials) = with_files(&[("HOME", "/h"), ("AWS_PROFILE", "nobody")], &files);
        assert!(credentials.is_none());
    }

    #[test]
    fn environment_wins_over_files_and_file_variables_move_them() {
        let files = [("/elsewhere/c", CONFIG), ("/elsewhere/k", CREDENTIALS)];
        let vars = [
            ("HOME", "/h"),
            ("AWS_CONFIG_FILE", "/elsewhere/c"),
            ("AWS_SHARED_CREDENTIALS_FILE", "/elsewhere/k"),
            ("AWS_PROFILE", "dev"),
        ];
        let (config, credentials) = with_files(&vars, &files);
        assert_eq!(credentials.unwrap().access_key_id(), "AKIDDEV");
        assert_eq!(config.region(), Some("eu-west-3"));
        let mut vars = vars.to_vec();
        vars.extend([
            ("AWS_ACCESS_KEY_ID", "AKIDENV"),
            ("AWS_SECRET_ACCESS_KEY", "e"),
            ("AWS_REGION", "sa-east-1"),
        ]);
        let (config, credentials) = with_files(&vars, &files);
        assert_eq!(credentials.unwrap().provider_name(), "Environment");
        assert_eq!(config.region(), Some("sa-east-1"));
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
