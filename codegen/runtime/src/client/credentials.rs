//! Credentials, the small trait any source of them implements, and the cache in
//! front of a source that refreshes expiring credentials before a request is signed.

use std::error::Error;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

/// AWS credentials: an access key, its secret and, for temporary credentials, a
/// session token and an expiry. `Debug` shows neither the secret nor the token.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    access_key_id: String,
    secret_access_key: String,
    session_token: Option<String>,
    expiry: Option<SystemTime>,
    provider_name: &'static str,
}

impl Credentials {
    /// Credentials from their parts, as `aws_credential_types::Credentials::new`
    /// takes them; `provider_name` says where they came from, for debugging.
    pub fn new(
        access_key_id: impl Into<String>,
        secret_access_key: impl Into<String>,
        session_token: Option<String>,
        expiry: Option<SystemTime>,
        provider_name: &'static str,
    ) -> Self {
        Credentials {
            access_key_id: access_key_id.into(),
            secret_access_key: secret_access_key.into(),
            session_token,
            expiry,
            provider_name,
        }
    }

    /// The access key id, e.g. `AKIDEXAMPLE`.
    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }

    /// The secret access key.
    pub fn secret_access_key(&self) -> &str {
        &self.secret_access_key
    }

    /// The session token of temporary credentials.
    pub fn session_token(&self) -> Option<&str> {
        self.session_token.as_deref()
    }

    /// When temporary credentials stop being valid; `None` for long-term keys.
    pub fn expiry(&self) -> Option<SystemTime> {
        self.expiry
    }

    /// Where the credentials came from (`Environment`, `aws-config`, …).
    pub fn provider_name(&self) -> &'static str {
        self.provider_name
    }

    /// Whether the credentials are still usable at `now` for at least `margin`.
    fn fresh_at(&self, now: SystemTime, margin: Duration) -> bool {
        self.expiry.is_none_or(|expiry| expiry > now + margin)
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("provider_name", &self.provider_name)
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"** redacted **")
            .field(
                "session_token",
                &self.session_token.as_ref().map(|_| "** redacted **"),
            )
            .field("expiry", &self.expiry)
            .finish()
    }
}

/// Why a credentials source gave no credentials.
#[derive(Debug)]
pub struct CredentialsError {
    message: String,
    source: Option<Box<dyn Error + Send + Sync>>,
}

impl CredentialsError {
    /// An error with this message.
    pub fn new(message: impl Into<String>) -> Self {
        CredentialsError {
            message: message.into(),
            source: None,
        }
    }

    /// An error with this message, caused by `source`.
    pub fn with_source(
        message: impl Into<String>,
        source: impl Into<Box<dyn Error + Send + Sync>>,
    ) -> Self {
        CredentialsError {
            message: message.into(),
            source: Some(source.into()),
        }
    }
}

impl fmt::Display for CredentialsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The cause is part of the message: most callers print only `Display`.
        match &self.source {
            Some(source) => write!(f, "{}: {source}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl Error for CredentialsError {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        self.source
            .as_deref()
            .map(|source| source as &(dyn Error + 'static))
    }
}

/// What [`ProvideCredentials::provide_credentials`] returns.
pub type CredentialsFuture<'a> =
    Pin<Box<dyn Future<Output = Result<Credentials, CredentialsError>> + Send + 'a>>;

/// A source of credentials: fixed keys, a file, a credentials endpoint, a vault….
///
/// The client asks its source only when it has no credentials yet or the ones it
/// has expire within a minute, and never twice at once; a source need not cache.
pub trait ProvideCredentials: fmt::Debug + Send + Sync {
    /// Fetches credentials.
    fn provide_credentials(&self) -> CredentialsFuture<'_>;
}

impl ProvideCredentials for Credentials {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(std::future::ready(Ok(self.clone())))
    }
}

/// How long before their expiry credentials are replaced: a request signed with
/// them must still reach the service while they are valid.
const REFRESH_MARGIN: Duration = Duration::from_secs(60);

/// A credentials source with the last credentials it gave. Shared by clones of a
/// [`Config`](super::Config) and the clients made from them.
#[derive(Clone)]
pub(super) struct CredentialsCache {
    provider: Arc<dyn ProvideCredentials>,
    // An async lock held across the refresh: concurrent calls wait for one fetch.
    current: Arc<tokio::sync::Mutex<Option<Credentials>>>,
}

impl CredentialsCache {
    pub(super) fn new(provider: Arc<dyn ProvideCredentials>) -> Self {
        CredentialsCache {
            provider,
            current: Arc::new(tokio::sync::Mutex::new(None)),
        }
    }

    pub(super) fn provider(&self) -> &dyn ProvideCredentials {
        &*self.provider
    }

    /// Credentials valid for at least [`REFRESH_MARGIN`] after `now`, fetched anew
    /// when the cached ones are older. Credentials that a source hands out already
    /// close to their expiry are used once rather than refused.
    pub(super) async fn get(&self, now: SystemTime) -> Result<Credentials, CredentialsError> {
        let mut current = self.current.lock().await;
        if let Some(credentials) = current.as_ref().filter(|c| c.fresh_at(now, REFRESH_MARGIN)) {
            return Ok(credentials.clone());
        }
        let fresh = self.provider.provide_credentials().await?;
        if fresh.expiry().is_some_and(|expiry| expiry <= now) {
            return Err(CredentialsError::new(format!(
                "the credentials from {} have expired",
                fresh.provider_name()
            )));
        }
        *current = Some(fresh.clone());
        Ok(fresh)
    }
}

impl fmt::Debug for CredentialsCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.provider, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU32, Ordering};

    /// Hands out keys `AKID1`, `AKID2`, … each valid for `lifetime` from `now`.
    #[derive(Debug)]
    struct Counting {
        calls: AtomicU32,
        now: SystemTime,
        lifetime: Duration,
    }

    impl ProvideCredentials for Counting {
        fn provide_credentials(&self) -> CredentialsFuture<'_> {
            let n = self.calls.fetch_add(1, Ordering::SeqCst) + 1;
            let expiry = Some(self.now + self.lifetime);
            Box::pin(
                async move { Ok(Credentials::new(format!("AKID{n}"), "S", None, expiry, "t")) },
            )
        }
    }

    fn cache(lifetime: Duration) -> (CredentialsCache, Arc<Counting>, SystemTime) {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let provider = Arc::new(Counting {
            calls: AtomicU32::new(0),
            now,
            lifetime,
        });
        (CredentialsCache::new(provider.clone()), provider, now)
    }

    fn key(result: Result<Credentials, CredentialsError>) -> String {
        result.unwrap().access_key_id().to_owned()
    }

    #[test]
    fn cached_until_a_minute_before_expiry_then_fetched_once() {
        let (cache, provider, now) = cache(Duration::from_secs(900));
        crate::client::tests::block_on(async {
            assert_eq!(key(cache.get(now).await), "AKID1");
            let later = now + Duration::from_secs(839);
            assert_eq!(key(cache.clone().get(later).await), "AKID1");
            let expiring = now + Duration::from_secs(841);
            assert_eq!(key(cache.get(expiring).await), "AKID2");
        });
        assert_eq!(provider.calls.load(Ordering::SeqCst), 2);
    }

    #[test]
    fn credentials_already_expired_are_an_error() {
        let (cache, _, now) = cache(Duration::ZERO);
        let error = crate::client::tests::block_on(cache.get(now)).unwrap_err();
        assert_eq!(error.to_string(), "the credentials from t have expired");
    }

    #[test]
    fn long_term_keys_are_fetched_once() {
        let fixed = Credentials::new("AKID", "SECRET", Some("TOKEN".into()), None, "static");
        let cache = CredentialsCache::new(Arc::new(fixed.clone()));
        let far = SystemTime::UNIX_EPOCH + Duration::from_secs(4_000_000_000);
        let got = crate::client::tests::block_on(cache.get(far)).unwrap();
        assert_eq!(got, fixed);
        let debug = format!("{got:?}");
        assert!(
            !debug.contains("SECRET") && !debug.contains("TOKEN"),
            "{debug}"
        );
    }

    #[test]
    fn errors_show_their_cause() {
        let io = std::io::Error::other("connection refused");
        let error = CredentialsError::with_source("cannot reach the container endpoint", io);
        assert_eq!(
            error.to_string(),
            "cannot reach the container endpoint: connection refused"
        );
        assert!(error.source().is_some());
    }
}
