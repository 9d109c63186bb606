//! Client runtime: endpoint resolution, SigV4 signing, retries and timeouts
//! around an HTTP transport. Generated operations serialize their input, call
//! [`ClientRuntime::send`], and parse the response it returns.
//!
//! Needs a tokio runtime with time and I/O enabled.

mod config;
mod credentials;
mod endpoint;
mod error;
mod profile;
mod retry;
#[cfg(feature = "aws-config")]
mod sdk_config;
#[doc(hidden)]
pub mod signing;
mod transport;

use ::std::fmt;
use ::std::option::Option::{None, Some};
use ::std::result::Result::{self, Err, Ok};
use ::std::string::ToString;
use ::std::sync::Arc;
use ::std::time::Duration;

use ::bytes::Bytes;
use ::http::header::{HOST, HeaderValue, USER_AGENT};

pub use self::config::{Config, ConfigBuilder};
pub use self::credentials::{Credentials, CredentialsError, CredentialsFuture, ProvideCredentials};
pub use self::endpoint::EndpointError;
pub use self::error::DispatchError;
pub use self::retry::RetryConfig;
#[cfg(feature = "aws-config")]
pub use self::sdk_config::SdkConfig;
pub use self::transport::{
    HttpTransport, HyperTransport, InMemoryTransport, TransportError, TransportErrorKind,
    TransportFuture,
};

/// The static facts about a service that the runtime needs; the generated
/// code provides one as a `static`.
#[derive(Debug)]
#[doc(hidden)]
pub struct ServiceSpec {
    /// The SigV4 signing name (`aws.auth#sigv4` `name`), e.g. `workspaces`.
    pub signing_name: &'static str,
    /// The endpoint prefix (`aws.api#service` `endpointPrefix`), e.g. `workspaces`.
    pub endpoint_prefix: &'static str,
    /// `User-Agent`: the generated crate's name and version.
    pub user_agent: &'static str,
    /// The wire protocols the service speaks, its first (the default) first.
    pub protocols: &'static [&'static dyn crate::protocol::Protocol],
}

/// Sends operations of one service: cheap to clone, shareable across tasks.
#[derive(Clone)]
#[doc(hidden)]
pub struct ClientRuntime {
    inner: Arc<Inner>,
}

struct Inner {
    config: Config,
    spec: &'static ServiceSpec,
    /// The protocol spoken: the configured one, else the service's first.
    protocol: &'static dyn crate::protocol::Protocol,
    /// A configured protocol the service does not speak: every call fails.
    unsupported: Option<crate::protocol::WireProtocol>,
    transport: Arc<dyn HttpTransport>,
    signing_keys: signing::SigningKeyCache,
    /// Resolved once: it depends on the configuration alone. `None` without a region.
    endpoint: Option<Result<Endpoint, endpoint::EndpointError>>,
}

/// The endpoint of every call, and its `Host` header.
struct Endpoint {
    uri: ::http::Uri,
    host: HeaderValue,
}

impl Endpoint {
    fn resolve(
        config: &Config,
        spec: &ServiceSpec,
        region: &str,
    ) -> Result<Self, endpoint::EndpointError> {
        let params = endpoint::EndpointParams {
            region: Some(region),
            use_fips: config.use_fips,
            use_dual_stack: config.use_dual_stack,
            endpoint: config.endpoint_url.as_deref(),
        };
        let uri = endpoint::resolve(spec.endpoint_prefix, &params)
            .and_then(|url| endpoint::request_uri(&url))?;
        let host = endpoint::host_header_value(&uri)?;
        Ok(Endpoint { uri, host })
    }
}

/// A failed attempt, before it becomes a [`DispatchError`].
enum Failure {
    Transport(TransportError),
    Timeout(Duration),
}

impl ClientRuntime {
    /// Creates a runtime for `spec`; builds the default transport unless the
    /// config has one.
    pub fn new(config: Config, spec: &'static ServiceSpec) -> Self {
        let transport = match &config.transport {
            Some(transport) => Arc::clone(transport),
            None => Arc::new(HyperTransport::new(config.connect_timeout)),
        };
        let first = spec
            .protocols
            .first()
            .copied()
            .unwrap_or(&crate::protocol::AwsJson::V1_1);
        let chosen = config.protocol.map(|wire| {
            let found = spec.protocols.iter().copied().find(|p| p.wire() == wire);
            found.ok_or(wire)
        });
        let (protocol, unsupported) = match chosen {
            None => (first, None),
            Some(Ok(protocol)) => (protocol, None),
            Some(Err(wire)) => (first, Some(wire)),
        };
        let endpoint = config
            .region
            .as_deref()
            .map(|region| Endpoint::resolve(&config, spec, region));
        ClientRuntime {
            inner: Arc::new(Inner {
                config,
                spec,
                protocol,
                unsupported,
                transport,
                signing_keys: signing::SigningKeyCache::default(),
                endpoint,
            }),
        }
    }

    /// The configuration this runtime was created with.
    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// The protocol calls are made in: the configured one, else the service's first.
    pub fn protocol(&self) -> crate::protocol::WireProtocol {
        self.inner.protocol.wire()
    }

    /// Sends `request`, as the protocol made it (method, path relative to the
    /// endpoint, protocol headers, body), to the resolved endpoint, signed,
    /// retried per standard mode, and returns the last response whatever its status.
    ///
    /// Throttling and transient errors, connection failures and attempt
    /// timeouts are retried; other responses are returned as they are.
    pub async fn send(
        &self,
        request: ::http::Request<::std::vec::Vec<u8>>,
    ) -> Result<::http::Response<Bytes>, DispatchError> {
        let mut attempts = 0;
        let Some(limit) = self.inner.config.total_timeout else {
            return self.call(&request, &mut attempts).await;
        };
        let outcome = ::tokio::time::timeout(limit, self.call(&request, &mut attempts)).await;
        match outcome {
            Ok(result) => result,
            Err(_elapsed) => Err(DispatchError::TotalTimeout {
                attempts,
                timeout: limit,
            }),
        }
    }

    async fn call(
        &self,
        template: &::http::Request<::std::vec::Vec<u8>>,
        attempts: &mut u32,
    ) -> Result<::http::Response<Bytes>, DispatchError> {
        let Inner {
            config,
            spec,
            protocol,
            unsupported,
            transport,
            signing_keys,
            endpoint,
        } = &*self.inner;
        if let Some(chosen) = *unsupported {
            return Err(DispatchError::UnsupportedProtocol {
                chosen,
                supported: spec.protocols.iter().map(|p| p.wire()).collect(),
            });
        }
        let credentials = config
            .credentials
            .as_ref()
            .ok_or(DispatchError::MissingCredentials)?;
        let region = config
            .region
            .as_deref()
            .ok_or(DispatchError::MissingRegion)?;
        let Endpoint { uri, host } = match endpoint {
            Some(Ok(endpoint)) => endpoint,
            Some(Err(error)) => return Err(DispatchError::Endpoint(error.clone())),
            None => return Err(DispatchError::MissingRegion),
        };
        let uri =
            endpoint::with_path(uri, template.uri().path()).map_err(DispatchError::Endpoint)?;
        let body = Bytes::copy_from_slice(template.body());
        // One id for all attempts of the call, so the service can tie them together.
        let invocation_id = HeaderValue::try_from(crate::uuid::random_v4())
            .map_err(|e| DispatchError::InvalidRequest(e.to_string()))?;
        let max_attempts = config.retry.max_attempts();
        loop {
            *attempts += 1;
            let attempt = *attempts;
            let mut builder = ::http::Request::builder()
                .method(template.method().clone())
                .uri(uri.clone());
            if let Some(headers) = builder.headers_mut() {
                headers.clone_from(template.headers());
            }
            let mut request = builder
                .header(HOST, host.clone())
                .header(USER_AGENT, spec.user_agent)
                .header("amz-sdk-invocation-id", invocation_id.clone())
                .header(
                    "amz-sdk-request",
                    retry::request_header(attempt, max_attempts),
                )
                .body(body.clone())
                .map_err(|e| DispatchError::InvalidRequest(e.to_string()))?;
            // Signed afresh on every attempt: a new date and signature each time, and
            // credentials that expired during the previous attempt or backoff replaced.
            let now = (config.clock)();
            let credentials = credentials
                .get(now)
                .await
                .map_err(DispatchError::Credentials)?;
            let params = signing::SigningParams {
                access_key_id: credentials.access_key_id(),
                secret_access_key: credentials.secret_access_key(),
                session_token: credentials.session_token(),
                region,
                service: spec.signing_name,
                time: now,
                normalize_path: true,
                double_encode_path: true,
                content_sha256_header: false,
                unsigned_headers: signing::CLIENT_UNSIGNED,
                key_cache: Some(signing_keys),
            };
            signing::sign(&mut request, &params)
                .map_err(|e| DispatchError::Signing(Box::new(e)))?;
            let sent = transport.send(request);
            let result = match config.attempt_timeout {
                Some(limit) => match ::tokio::time::timeout(limit, sent).await {
                    Ok(result) => result.map_err(Failure::Transport),
                    Err(_elapsed) => Err(Failure::Timeout(limit)),
                },
                None => sent.await.map_err(Failure::Transport),
            };
            let retryable = match &result {
                Ok(response) if response.status().is_success() => false,
                Ok(response) => {
                    let status = response.status().as_u16();
                    let meta = protocol.error_metadata(status, response.headers(), response.body());
                    retry::is_retryable_response(status, meta.code())
                }
                Err(Failure::Transport(error)) => error.is_retryable(),
                Err(Failure::Timeout(_)) => true,
            };
            if !retryable || attempt >= max_attempts {
                return result.map_err(|failure| match failure {
                    Failure::Transport(source) => DispatchError::Transport {
                        attempts: attempt,
                        source,
                    },
                    Failure::Timeout(timeout) => DispatchError::AttemptTimeout {
                        attempts: attempt,
                        timeout,
                    },
                });
            }
            ::tokio::time::sleep(config.retry.backoff(attempt, retry::jitter())).await;
        }
    }
}

impl fmt::Debug for ClientRuntime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientRuntime")
            .field("config", &self.inner.config)
            .field("spec", &self.inner.spec)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ::std::boxed::Box;
    use ::std::future::Future;
    use ::std::sync::Mutex;
    use ::std::sync::atomic::{AtomicU64, Ordering};
    use ::std::time::{Instant, SystemTime};
    use ::std::vec::Vec;

    pub(super) fn block_on<F: Future>(future: F) -> F::Output {
        ::tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(future)
    }

    static SPEC: ServiceSpec = ServiceSpec {
        signing_name: "workspaces",
        endpoint_prefix: "workspaces",
        user_agent: "workspaces/0.1.0",
        protocols: &[&crate::protocol::AwsJson::V1_1],
    };

    /// The request of `operation` as the awsJson codec makes it.
    fn op(operation: &str, body: &[u8]) -> ::http::Request<Vec<u8>> {
        crate::protocol::Protocol::request(
            &crate::protocol::AwsJson::V1_1,
            "WorkspacesService",
            operation,
            body.to_vec(),
        )
    }

    const BOTOCORE_TIME: u64 = 1_732_192_496; // 2024-11-21T12:34:56Z

    fn response(status: u16, error_type: Option<&str>) -> ::http::Response<Bytes> {
        let mut builder = ::http::Response::builder().status(status);
        if let Some(error_type) = error_type {
            builder = builder.header("x-amzn-errortype", error_type);
        }
        builder.body(Bytes::from_static(b"{}")).unwrap()
    }

    /// A runtime on `transport` whose clock starts at the botocore vector's
    /// time and advances one second per signature; backoff is shortened.
    fn runtime(transport: impl HttpTransport + 'static) -> ClientRuntime {
        let tick = AtomicU64::new(0);
        let config = Config::builder()
            .region("us-east-1")
            .credentials(Credentials::new(
                "AKIDEXAMPLE",
                "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                None,
                None,
                "test",
            ))
            .retry(RetryConfig::standard().with_initial_backoff(Duration::from_millis(1)))
            .clock(move || {
                let seconds = BOTOCORE_TIME + tick.fetch_add(1, Ordering::Relaxed);
                SystemTime::UNIX_EPOCH + Duration::from_secs(seconds)
            })
            .http_transport(transport)
            .build();
        ClientRuntime::new(config, &SPEC)
    }

    fn header(request: &::http::Request<Bytes>, name: &str) -> String {
        request.headers()[name].to_str().unwrap().to_string()
    }

    #[test]
    fn first_attempt_is_the_request_botocore_sends() {
        let transport = InMemoryTransport::from_responses([response(200, None)]);
        let client = runtime(transport.clone());
        let response = block_on(client.send(op("DescribeWorkspaces", b"{}"))).unwrap();
        assert_eq!(response.status(), 200);
        let requests = transport.requests();
        let [request] = requests.as_slice() else {
            panic!("{requests:?}")
        };
        assert_eq!(request.method(), "POST");
        assert_eq!(request.uri(), "https://workspaces.us-east-1.amazonaws.com/");
        assert_eq!(
            header(request, "x-amz-target"),
            "WorkspacesService.DescribeWorkspaces"
        );
        assert_eq!(
            header(request, "content-type"),
            "application/x-amz-json-1.1"
        );
        assert_eq!(
            header(request, "host"),
            "workspaces.us-east-1.amazonaws.com"
        );
        assert_eq!(header(request, "content-length"), "2");
        assert_eq!(header(request, "amz-sdk-request"), "attempt=1; max=3");
        assert_eq!(header(request, "amz-sdk-invocation-id").len(), 36);
        assert_eq!(header(request, "x-amz-date"), "20241121T123456Z");
        // Byte for byte what botocore 1.44.5 sends for this request and time.
        assert_eq!(
            header(request, "authorization"),
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20241121/us-east-1/workspaces/aws4_request, \
             SignedHeaders=content-type;host;x-amz-date;x-amz-target, \
             Signature=48c0836a8e45e5ac8bef8972aa88b710872f696b0cfca266adb6543a7f288b35"
        );
        assert_eq!(request.body().as_ref(), b"{}");
    }

    #[test]
    fn retries_a_500_with_the_same_invocation_id_and_a_new_signature() {
        let transport =
            InMemoryTransport::from_responses([response(500, None), response(200, None)]);
        let client = runtime(transport.clone());
        let response = block_on(client.send(op("DescribeWorkspaces", b""))).unwrap();
        assert_eq!(response.status(), 200);
        let requests = transport.requests();
        assert_eq!(requests.len(), 2);
        assert_eq!(header(&requests[0], "amz-sdk-request"), "attempt=1; max=3");
        assert_eq!(header(&requests[1], "amz-sdk-request"), "attempt=2; max=3");
        assert_eq!(
            header(&requests[0], "amz-sdk-invocation-id"),
            header(&requests[1], "amz-sdk-invocation-id")
        );
        assert_eq!(header(&requests[1], "x-amz-date"), "20241121T123457Z");
        assert_ne!(
            header(&requests[0], "authorization"),
            header(&requests[1], "authorization")
        );
    }

    /// Temporary keys `AKID1`, `AKID2`, … each valid for 90 s from the clock's time.
    #[derive(Debug)]
    struct Rotating(Arc<AtomicU64>, AtomicU64);

    impl ProvideCredentials for Rotating {
        fn provide_credentials(&self) -> CredentialsFuture<'_> {
            let n = self.1.fetch_add(1, Ordering::SeqCst) + 1;
            let now = SystemTime::UNIX_EPOCH + Duration::from_secs(self.0.load(Ordering::SeqCst));
            let expiry = now + Duration::from_secs(90);
            let credentials = Credentials::new(format!("AKID{n}"), "S", None, Some(expiry), "t");
            Box::pin(::std::future::ready(Ok(credentials)))
        }
    }

    #[test]
    fn credentials_expiring_between_attempts_are_replaced_before_signing() {
        let seconds = Arc::new(AtomicU64::new(BOTOCORE_TIME));
        let (clock, provider) = (Arc::clone(&seconds), Arc::clone(&seconds));
        let transport = InMemoryTransport::new(move |request| {
            // The first attempt fails, and the backoff lasts until the keys expire.
            let first = header(request, "authorization").contains("AKID1");
            if first {
                clock.fetch_add(45, Ordering::SeqCst);
            }
            Ok(response(if first { 500 } else { 200 }, None))
        });
        let clock = Arc::clone(&seconds);
        let config = Config::builder()
            .region("us-east-1")
            .credentials_provider(Rotating(provider, AtomicU64::new(0)))
            .retry(RetryConfig::standard().with_initial_backoff(Duration::from_millis(1)))
            .clock(move || {
                SystemTime::UNIX_EPOCH + Duration::from_secs(clock.load(Ordering::SeqCst))
            })
            .http_transport(transport.clone())
            .build();
        let client = ClientRuntime::new(config.clone(), &SPEC);
        let response = block_on(client.send(op("DescribeWorkspaces", b"{}"))).unwrap();
        assert_eq!(response.status(), 200);
        let keys: Vec<String> = transport
            .requests()
            .iter()
            .map(|r| header(r, "authorization")[28..33].to_string())
            .collect();
        assert_eq!(keys, ["AKID1", "AKID2"]);
        // A second client from the same config shares the cache: no new fetch.
        let again = ClientRuntime::new(config, &SPEC);
        block_on(again.send(op("DescribeWorkspaces", b"{}"))).unwrap();
        assert!(header(&transport.requests()[2], "authorization").contains("AKID2"));
    }

    #[test]
    fn each_call_gets_a_new_invocation_id() {
        let transport =
            InMemoryTransport::from_responses([response(200, None), response(200, None)]);
        let client = runtime(transport.clone());
        block_on(async {
            client.send(op("A", b"")).await.unwrap();
            client.send(op("B", b"")).await.unwrap();
        });
        let ids: Vec<String> = transport
            .requests()
            .iter()
            .map(|r| header(r, "amz-sdk-invocation-id"))
            .collect();
        assert_ne!(ids[0], ids[1]);
    }

    #[test]
    fn retry_decisions_by_response() {
        type Responses = &'static [(u16, Option<&'static str>)];
        // (responses, expected attempts, expected final status)
        let cases: &[(Responses, usize, u16)] = &[
            (&[(400, Some("ThrottlingException")), (200, None)], 2, 200),
            (&[(400, Some("ValidationException")), (200, None)], 1, 400),
            (
                &[
                    (400, Some("ThrottlingException:http://internal/")),
                    (200, None),
                ],
                2,
                200,
            ),
            (
                &[(503, None), (502, None), (504, None), (200, None)],
                3,
                504,
            ),
            (&[(404, None), (200, None)], 1, 404),
            (&[(501, None), (200, None)], 1, 501),
        ];
        for (responses, attempts, status) in cases {
            let transport = InMemoryTransport::from_responses(
                responses
                    .iter()
                    .map(|(status, code)| response(*status, *code)),
            );
            let client = runtime(transport.clone());
            let got = block_on(client.send(op("Op", b""))).unwrap();
            assert_eq!(got.status(), *status, "{responses:?}");
            assert_eq!(transport.requests().len(), *attempts, "{responses:?}");
        }
    }

    #[test]
    fn transport_errors_retry_by_kind() {
        let calls = Arc::new(Mutex::new(0));
        let counter = Arc::clone(&calls);
        let refused = InMemoryTransport::new(move |_| {
            *counter.lock().unwrap() += 1;
            Err(TransportError::new(
                TransportErrorKind::Connect,
                "connection refused",
            ))
        });
        let error = block_on(runtime(refused).send(op("Op", b""))).unwrap_err();
        assert_eq!(*calls.lock().unwrap(), 3);
        assert!(
            matches!(error, DispatchError::Transport { attempts: 3, .. }),
            "{error:?}"
        );
        assert_eq!(
            error.to_string(),
            "request failed after 3 attempts: could not connect: connection refused"
        );
        let unusable = InMemoryTransport::new(|_| {
            Err(TransportError::new(
                TransportErrorKind::Other,
                "unsupported",
            ))
        });
        let error = block_on(runtime(unusable).send(op("Op", b""))).unwrap_err();
        assert!(
            matches!(error, DispatchError::Transport { attempts: 1, .. }),
            "{error:?}"
        );
    }

    /// A transport that never answers.
    struct Stalled;

    impl HttpTransport for Stalled {
        fn send(&self, _request: ::http::Request<Bytes>) -> TransportFuture<'_> {
            Box::pin(::std::future::pending())
        }
    }

    #[test]
    fn attempt_and_total_timeouts() {
        let attempt = Duration::from_millis(40);
        let client = runtime(Stalled);
        let config = client
            .config()
            .to_builder()
            .attempt_timeout(attempt)
            .build();
        let client = ClientRuntime::new(config, &SPEC);
        let start = Instant::now();
        let error = block_on(client.send(op("Op", b""))).unwrap_err();
        assert!(
            matches!(error, DispatchError::AttemptTimeout { attempts: 3, .. }),
            "{error:?}"
        );
        assert!(error.is_timeout());
        assert!(
            start.elapsed() < Duration::from_secs(2),
            "{:?}",
            start.elapsed()
        );

        let config = client
            .config()
            .to_builder()
            .total_timeout(Duration::from_millis(100))
            .build();
        let client = ClientRuntime::new(config, &SPEC);
        let start = Instant::now();
        let error = block_on(client.send(op("Op", b""))).unwrap_err();
        // Attempts end at 40 and 80 ms, so 2 or 3 have started at 100 ms.
        assert!(
            matches!(
                error,
                DispatchError::TotalTimeout {
                    attempts: 2 | 3,
                    ..
                }
            ),
            "{error:?}"
        );
        assert!(
            start.elapsed() < Duration::from_secs(2),
            "{:?}",
            start.elapsed()
        );
    }

    #[test]
    fn configuration_errors_send_nothing() {
        let transport = InMemoryTransport::from_responses([]);
        let base = runtime(transport.clone()).config().clone();
        let no_credentials = Config::builder()
            .region("us-east-1")
            .http_transport(transport.clone());
        let no_region = base.to_builder();
        let no_region = Config {
            region: None,
            ..no_region.build()
        };
        let fips_and_url = base
            .to_builder()
            .use_fips(true)
            .endpoint_url("http://localhost:1");
        let bad_url = base.to_builder().endpoint_url("localhost:4566");
        let cases = [
            (no_credentials.build(), "no credentials configured"),
            (no_region, "no region configured"),
            (
                fips_and_url.build(),
                "could not resolve the endpoint: Invalid Configuration: FIPS and custom endpoint",
            ),
            (
                bad_url.build(),
                "could not resolve the endpoint: invalid endpoint URL `localhost:4566`",
            ),
        ];
        for (config, message) in cases {
            let error =
                block_on(ClientRuntime::new(config, &SPEC).send(op("Op", b""))).unwrap_err();
            assert!(error.to_string().starts_with(message), "{error}");
        }
        assert!(transport.requests().is_empty());
    }

    #[test]
    fn endpoint_override_and_session_token() {
        let transport = InMemoryTransport::from_responses([response(200, None)]);
        let base = runtime(transport.clone()).config().clone();
        let config = base
            .to_builder()
            .endpoint_url("http://127.0.0.1:4566")
            .credentials(Credentials::new(
                "AKID",
                "SECRET",
                Some("TOKEN".to_string()),
                None,
                "test",
            ))
            .build();
        block_on(ClientRuntime::new(config, &SPEC).send(op("Op", b""))).unwrap();
        let request = &transport.requests()[0];
        assert_eq!(request.uri(), "http://127.0.0.1:4566/");
        assert_eq!(header(request, "host"), "127.0.0.1:4566");
        assert_eq!(header(request, "x-amz-security-token"), "TOKEN");
        assert!(header(request, "authorization").contains(
            "SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target,"
        ));
    }

    #[test]
    fn runtime_and_its_future_can_cross_threads() {
        fn assert_send_sync_clone<T: Send + Sync + Clone>(_: &T) {}
        fn assert_send<T: Send>(_: &T) {}
        let client = runtime(InMemoryTransport::from_responses([]));
        assert_send_sync_clone(&client);
        assert_send(&client.send(op("Op", b"")));
        fn assert_error<E: ::std::error::Error + Send + Sync + 'static>() {}
        assert_error::<DispatchError>();
    }
}
