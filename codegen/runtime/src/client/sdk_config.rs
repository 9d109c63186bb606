//! Feature `aws-config`: configuration taken over from the AWS SDKs' loader, so a
//! program that already uses them loads its settings once, and gets their whole
//! credentials chain (profiles, SSO, `credential_process`, web identity, container
//! and instance endpoints).

use std::fmt;

use aws_credential_types::provider::{ProvideCredentials as _, SharedCredentialsProvider};

use super::credentials::{Credentials, CredentialsError, CredentialsFuture, ProvideCredentials};
use super::{Config, RetryConfig};

pub use aws_config::SdkConfig;

impl Config {
    /// The settings of `sdk_config` that apply to this client: region, credentials
    /// provider, endpoint URL, FIPS and dual-stack, retry attempts and backoff,
    /// connect, attempt and total timeouts. What it leaves unset keeps the defaults
    /// of [`Config::builder`].
    pub fn from_sdk_config(sdk_config: &SdkConfig) -> Config {
        let mut builder = Config::builder();
        if let Some(region) = sdk_config.region() {
            builder = builder.region(region.as_ref());
        }
        if let Some(provider) = sdk_config.credentials_provider() {
            builder = builder.credentials_provider(SdkCredentials(provider));
        }
        if let Some(url) = sdk_config.endpoint_url() {
            builder = builder.endpoint_url(url);
        }
        if let Some(retry) = sdk_config.retry_config() {
            builder = builder.retry(
                RetryConfig::standard()
                    .with_max_attempts(retry.max_attempts())
                    .with_initial_backoff(retry.initial_backoff())
                    .with_max_backoff(retry.max_backoff()),
            );
        }
        if let Some(timeouts) = sdk_config.timeout_config() {
            if let Some(connect) = timeouts.connect_timeout() {
                builder = builder.connect_timeout(connect);
            }
            if let Some(attempt) = timeouts.operation_attempt_timeout() {
                builder = builder.attempt_timeout(attempt);
            }
            if let Some(total) = timeouts.operation_timeout() {
                builder = builder.total_timeout(total);
            }
        }
        builder
            .use_fips(sdk_config.use_fips().unwrap_or(false))
            .use_dual_stack(sdk_config.use_dual_stack().unwrap_or(false))
            .build()
    }

    /// Loads the configuration the way the AWS SDKs and the CLI do
    /// (`aws_config::load_defaults`): environment variables, the shared config and
    /// credentials files with `AWS_PROFILE`, SSO, `credential_process`, web
    /// identity, the ECS/EKS container endpoint and the EC2 instance metadata service.
    pub async fn load_from_env() -> Config {
        let sdk_config = aws_config::load_defaults(aws_config::BehaviorVersion::latest()).await;
        Config::from_sdk_config(&sdk_config)
    }
}

/// An aws-config credentials provider as this client's source; the client's cache
/// asks it again when its credentials are about to expire.
struct SdkCredentials(SharedCredentialsProvider);

impl fmt::Debug for SdkCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("SdkCredentials").field(&self.0).finish()
    }
}

impl ProvideCredentials for SdkCredentials {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(async move {
            let credentials = self.0.provide_credentials().await.map_err(|e| {
                // aws-config's errors keep the detail (which file, which endpoint) in
                // their sources: all of it goes into the message.
                let mut message = format!("aws-config found no credentials: {e}");
                let mut source = std::error::Error::source(&e);
                while let Some(cause) = source {
                    message.push_str(&format!(": {cause}"));
                    source = cause.source();
                }
                CredentialsError::new(message)
            })?;
            Ok(Credentials::new(
                credentials.access_key_id(),
                credentials.secret_access_key(),
                credentials.session_token().map(str::to_owned),
                credentials.expiry(),
                "aws-config",
            ))
        })
    }
}
