//! The HTTP transport behind the client: a small object-safe trait, the default
//! implementation on hyper 1 + rustls, and an in-memory one for tests.

use ::std::boxed::Box;
use ::std::collections::VecDeque;
use ::std::error::Error;
use ::std::fmt;
use ::std::future::Future;
use ::std::option::Option::{self, None, Some};
use ::std::pin::Pin;
use ::std::result::Result::{self, Ok};
use ::std::string::{String, ToString};
use ::std::sync::{Arc, Mutex, PoisonError};
use ::std::time::Duration;
use ::std::vec::Vec;

use ::bytes::Bytes;
use ::http_body_util::{BodyExt, Full};
use ::hyper_util::client::legacy::Client;
use ::hyper_util::client::legacy::connect::HttpConnector;
use ::hyper_util::rt::{TokioExecutor, TokioTimer};

/// The future returned by [`HttpTransport::send`].
pub type TransportFuture<'a> =
    Pin<Box<dyn Future<Output = Result<::http::Response<Bytes>, TransportError>> + Send + 'a>>;

/// Sends one HTTP request and reads the whole response.
///
/// Retries, timeouts per attempt and signing are done by the caller; a
/// transport only moves bytes. It must be usable from several tasks at once.
pub trait HttpTransport: Send + Sync {
    /// Sends `request` and returns the response with its body fully read.
    fn send(&self, request: ::http::Request<Bytes>) -> TransportFuture<'_>;
}

/// What kind of failure a [`TransportError`] is; decides whether it is retried.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// No connection could be made (DNS, refused, connect timeout, TLS). Retried.
    Connect,
    /// The connection failed while the request or response was in flight. Retried.
    Io,
    /// The transport gave up waiting by a timeout of its own. Retried.
    Timeout,
    /// Anything else, such as a request the transport cannot send. Not retried.
    Other,
}

/// A failure to get a response from the transport.
#[derive(Debug)]
pub struct TransportError {
    kind: TransportErrorKind,
    message: String,
}

impl TransportError {
    /// Creates an error of `kind`; `source` and its chain of causes make the message.
    pub fn new(kind: TransportErrorKind, source: impl Into<Box<dyn Error + Send + Sync>>) -> Self {
        let source = source.into();
        TransportError {
            kind,
            message: flatten(&*source),
        }
    }

    /// The kind of failure.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }

    /// Whether standard retry mode retries after this error.
    pub fn is_retryable(&self) -> bool {
        self.kind != TransportErrorKind::Other
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            TransportErrorKind::Connect => "could not connect",
            TransportErrorKind::Io => "connection failed during the request",
            TransportErrorKind::Timeout => "transport timed out",
            TransportErrorKind::Other => "could not send the request",
        };
        write!(f, "{what}: {}", self.message)
    }
}

// The causes are folded into the message (and `source` is not exposed), so that
// printing the error once says everything: hyper's top-level messages alone
// ("client error (Connect)") say little.
impl Error for TransportError {}

fn flatten(error: &(dyn Error + 'static)) -> String {
    let mut message = error.to_string();
    let mut cause = error.source();
    // Bounded: a source chain is finite, but a buggy one could be cyclic.
    for _ in 0..16 {
        let Some(next) = cause else { break };
        let text = next.to_string();
        if !message.ends_with(&text) {
            message.push_str(": ");
            message.push_str(&text);
        }
        cause = next.source();
    }
    message
}

type HyperClient = Client<::hyper_rustls::HttpsConnector<HttpConnector>, Full<Bytes>>;

/// The default transport: hyper 1 over rustls (ring, webpki roots), HTTP/1.1,
/// `https://` and plain `http://` (for local endpoints), with connection pooling.
///
/// Needs a tokio runtime with I/O and time enabled when sending.
#[derive(Clone, Debug)]
pub struct HyperTransport {
    client: HyperClient,
}

impl HyperTransport {
    /// Creates a transport whose TCP connect gives up after `connect_timeout`.
    pub fn new(connect_timeout: Option<Duration>) -> Self {
        let mut http = HttpConnector::new();
        // The HTTPS connector hands `https://` URIs to this connector.
        http.enforce_http(false);
        http.set_connect_timeout(connect_timeout);
        http.set_nodelay(true);
        // The provider is named, not taken from the process default, so a
        // program that also enables aws-lc-rs does not panic here.
        let https = ::hyper_rustls::HttpsConnectorBuilder::new()
            .with_provider_and_webpki_roots(::rustls::crypto::ring::default_provider())
            .expect("ring supports rustls' default protocol versions")
            .https_or_http()
            .enable_http1()
            .wrap_connector(http);
        let client = Client::builder(TokioExecutor::new())
            .pool_timer(TokioTimer::new())
            .pool_idle_timeout(Duration::from_secs(90))
            .build(https);
        HyperTransport { client }
    }
}

impl HttpTransport for HyperTransport {
    fn send(&self, request: ::http::Request<Bytes>) -> TransportFuture<'_> {
        let response = self.client.request(request.map(Full::new));
        Box::pin(async move {
            let response = response.await.map_err(classify)?;
            let (parts, body) = response.into_parts();
            let body = body
                .collect()
                .await
                .map_err(|e| TransportError::new(TransportErrorKind::Io, e))?
                .to_bytes();
            Ok(::http::Response::from_parts(parts, body))
        })
    }
}

fn classify(error: ::hyper_util::client::legacy::Error) -> TransportError {
    let kind = if error.is_connect() {
        TransportErrorKind::Connect
    } else if hyper_error(&error).is_some_and(|e| e.is_user()) {
        TransportErrorKind::Other
    } else {
        TransportErrorKind::Io
    };
    // hyper-util's own message ("client error (SendRequest)") adds nothing.
    match error.source() {
        Some(source) => TransportError {
            kind,
            message: flatten(source),
        },
        None => TransportError::new(kind, error),
    }
}

fn hyper_error<'a>(error: &'a (dyn Error + 'static)) -> Option<&'a ::hyper::Error> {
    let mut cause = error.source();
    for _ in 0..16 {
        let next = cause?;
        if let Some(found) = next.downcast_ref::<::hyper::Error>() {
            return Some(found);
        }
        cause = next.source();
    }
    None
}

type Responder = dyn Fn(&::http::Request<Bytes>) -> Result<::http::Response<Bytes>, TransportError>
    + Send
    + Sync;

/// A transport for tests: answers from a closure or a queue of canned
/// responses, and records every request it is given.
///
/// Clones share the recording, so keep one clone to inspect after the call.
#[derive(Clone)]
pub struct InMemoryTransport {
    inner: Arc<InMemory>,
}

struct InMemory {
    responder: Box<Responder>,
    requests: Mutex<Vec<::http::Request<Bytes>>>,
}

impl InMemoryTransport {
    /// Answers each request with what `responder` returns for it.
    pub fn new(
        responder: impl Fn(&::http::Request<Bytes>) -> Result<::http::Response<Bytes>, TransportError>
        + Send
        + Sync
        + 'static,
    ) -> Self {
        InMemoryTransport {
            inner: Arc::new(InMemory {
                responder: Box::new(responder),
                requests: Mutex::new(Vec::new()),
            }),
        }
    }

    /// Answers requests with `responses` in order; once they run out, every
    /// request fails with a [`TransportErrorKind::Other`] error.
    pub fn from_responses(responses: impl IntoIterator<Item = ::http::Response<Bytes>>) -> Self {
        let queue = Mutex::new(responses.into_iter().collect::<VecDeque<_>>());
        InMemoryTransport::new(move |_| {
            queue
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .pop_front()
                .ok_or_else(|| {
                    TransportError::new(TransportErrorKind::Other, "no canned response left")
                })
        })
    }

    /// The requests sent so far, oldest first.
    pub fn requests(&self) -> Vec<::http::Request<Bytes>> {
        self.inner
            .requests
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

impl fmt::Debug for InMemoryTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("InMemoryTransport")
            .field("requests", &self.requests().len())
            .finish_non_exhaustive()
    }
}

impl HttpTransport for InMemoryTransport {
    fn send(&self, request: ::http::Request<Bytes>) -> TransportFuture<'_> {
        let result = (self.inner.responder)(&request);
        self.inner
            .requests
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(request);
        Box::pin(::std::future::ready(result))
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::block_on;
    use super::*;

    fn request() -> ::http::Request<Bytes> {
        ::http::Request::builder()
            .uri("http://127.0.0.1/")
            .body(Bytes::from_static(b"{}"))
            .unwrap()
    }

    #[test]
    fn in_memory_replays_in_order_then_fails_and_records() {
        let transport = InMemoryTransport::from_responses([
            ::http::Response::builder()
                .status(500)
                .body(Bytes::new())
                .unwrap(),
            ::http::Response::builder()
                .status(200)
                .body(Bytes::new())
                .unwrap(),
        ]);
        let recorder = transport.clone();
        block_on(async {
            assert_eq!(transport.send(request()).await.unwrap().status(), 500);
            assert_eq!(transport.send(request()).await.unwrap().status(), 200);
            let error = transport.send(request()).await.unwrap_err();
            assert_eq!(error.kind(), TransportErrorKind::Other);
            assert!(!error.is_retryable());
        });
        assert_eq!(recorder.requests().len(), 3);
        assert_eq!(recorder.requests()[0].body().as_ref(), b"{}");
    }

    #[test]
    fn error_message_includes_the_causes_once() {
        let io = ::std::io::Error::new(::std::io::ErrorKind::ConnectionRefused, "refused");
        let error = TransportError::new(TransportErrorKind::Connect, io);
        assert_eq!(error.to_string(), "could not connect: refused");
        assert!(error.is_retryable());
    }

    #[test]
    fn hyper_transport_reports_a_refused_connection_as_connect() {
        // Bind then drop to get a port that nobody listens on.
        let port = ::std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let transport = HyperTransport::new(Some(Duration::from_secs(2)));
        let uri = ::std::format!("http://127.0.0.1:{port}/");
        let request = ::http::Request::post(uri).body(Bytes::new()).unwrap();
        let error = block_on(transport.send(request)).unwrap_err();
        assert_eq!(error.kind(), TransportErrorKind::Connect, "{error}");
        assert!(
            error.to_string().starts_with("could not connect: "),
            "{error}"
        );
    }
}
