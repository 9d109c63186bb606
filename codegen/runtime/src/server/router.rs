//! The front door: the protocol routes and checks a request, the dispatcher answers
//! it, the protocol writes the answer.

use super::Dispatch;
use super::config::{CallLog, ServerConfig};
use super::error::ServerError;
use crate::protocol::{Protocol, Rejected, Route};
use ::bytes::{Buf, Bytes};
use ::http::header::{CONTENT_LENGTH, CONTENT_TYPE, HeaderName};
use ::http::{HeaderValue, Request, Response, StatusCode};
use ::http_body_util::{BodyExt, Full, LengthLimitError, Limited};
use ::hyper::body::Body;
use ::std::boxed::Box;
use ::std::convert::Infallible;
use ::std::future::Future;
use ::std::option::Option::{self, None, Some};
use ::std::panic::{AssertUnwindSafe, catch_unwind};
use ::std::pin::Pin;
use ::std::result::Result::{self, Err, Ok};
use ::std::sync::Arc;
use ::std::task::{Context, Poll};
use ::std::time::{Duration, Instant};

/// A request body's error, boxed as `http_body_util::Limited` requires.
type BoxError = Box<dyn ::std::error::Error + Send + Sync>;

/// The request id that AWS SDKs report with every response.
const X_AMZN_REQUEST_ID: HeaderName = HeaderName::from_static("x-amzn-requestid");

/// One service over HTTP, in the dispatcher's protocol.
///
/// A `tower_service::Service` for any request body, so it can run under
/// [`serve`](super::serve()) or be mounted in another stack (e.g. axum's
/// `Router::fallback_service` or `nest_service`). The protocol decides how a request
/// names its operation (awsJson: `X-Amz-Target` alone, so endpoints with a path
/// prefix work).
/// It never fails: every outcome, a panic in the service included, is an HTTP response.
/// It must run on a Tokio runtime (it spawns a task to discard oversized bodies).
#[derive(Clone, Debug)]
pub struct Router<D> {
    dispatch: D,
    config: Arc<ServerConfig>,
}

/// Where a request ended: its protocol, the operation it named if known, and the
/// media type to answer in.
struct Outcome {
    protocol: &'static dyn Protocol,
    operation: Option<&'static str>,
    content_type: &'static str,
    result: Result<Bytes, ServerError>,
}

impl<D: Dispatch> Router<D> {
    /// Serves `dispatch` with the limits and hooks of `config`.
    pub fn new(dispatch: D, config: ServerConfig) -> Self {
        Router {
            dispatch,
            config: Arc::new(config),
        }
    }

    pub(crate) fn config(&self) -> &ServerConfig {
        &self.config
    }

    /// Answers one request; never fails.
    pub(crate) async fn handle<B>(&self, request: Request<B>) -> Response<Full<Bytes>>
    where
        B: Body + Send + 'static,
        B::Data: Send,
        B::Error: Into<BoxError>,
    {
        let started = Instant::now();
        let outcome = self.process(request).await;
        let request_id = crate::uuid::random_v4();
        let response = respond(&outcome, &request_id);
        if let Some(hook) = &self.config.on_call {
            hook(&CallLog {
                operation: outcome.operation,
                status: response.status().as_u16(),
                error_type: outcome.result.as_ref().err().map(|e| e.type_name.as_str()),
                request_id: &request_id,
                duration: started.elapsed(),
            });
        }
        response
    }

    /// Routing comes before the body, as in AWS: a wrong method or target is
    /// reported whatever the body holds, and an unknown operation costs no read.
    async fn process<B>(&self, request: Request<B>) -> Outcome
    where
        B: Body + Send + 'static,
        B::Data: Send,
        B::Error: Into<BoxError>,
    {
        let (head, body) = request.into_parts();
        let protocol = protocol_of::<D>(&head);
        match protocol.route(&head, D::SERVICE, D::OPERATIONS) {
            Ok(Route {
                operation,
                content_type,
            }) => {
                let result = self
                    .call(protocol, operation, Request::from_parts(head, body))
                    .await;
                Outcome {
                    protocol,
                    operation: Some(operation),
                    content_type,
                    result,
                }
            }
            Err(Rejected {
                operation,
                content_type,
                error,
            }) => Outcome {
                protocol,
                operation,
                content_type,
                result: Err(error),
            },
        }
    }

    async fn call<B>(
        &self,
        protocol: &'static dyn Protocol,
        operation: &'static str,
        request: Request<B>,
    ) -> Result<Bytes, ServerError>
    where
        B: Body + Send + 'static,
        B::Data: Send,
        B::Error: Into<BoxError>,
    {
        let body = read_body(request, self.config.body_limit).await?;
        protocol.check_body(&body, self.config.depth_limit)?;
        // User code runs from here: a panic, in the call or in any poll, becomes a 500.
        let dispatched = catch_unwind(AssertUnwindSafe(|| {
            self.dispatch.dispatch(protocol.wire(), operation, body)
        }));
        let mut future = match dispatched {
            Ok(Some(future)) => future,
            Ok(None) => return Err(ServerError::not_implemented(operation)),
            Err(_) => return Err(panicked()),
        };
        ::std::future::poll_fn(|cx| {
            match catch_unwind(AssertUnwindSafe(|| future.as_mut().poll(cx))) {
                Ok(poll) => poll,
                Err(_) => Poll::Ready(Err(panicked())),
            }
        })
        .await
    }
}

/// The panic's own text stays in the server's stderr (default panic hook), not in the answer.
fn panicked() -> ServerError {
    ServerError::internal("the service failed while handling the request")
}

/// Reads the whole body, refusing one over `limit` before reading it when its
/// length is declared, and as soon as the limit is passed otherwise.
async fn read_body<B>(request: Request<B>, limit: usize) -> Result<Bytes, ServerError>
where
    B: Body + Send + 'static,
    B::Data: Send,
    B::Error: Into<BoxError>,
{
    let declared = request
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok()?.parse::<u64>().ok())
        .unwrap_or(0)
        .max(request.body().size_hint().lower());
    // Boxed so it can be read through `&mut` and still be handed to `discard`.
    let mut body = Box::pin(request.into_body());
    if declared > u64::try_from(limit).unwrap_or(u64::MAX) {
        discard(body, declared);
        return Err(ServerError::too_large(limit));
    }
    match Limited::new(&mut body, limit).collect().await {
        Ok(collected) => Ok(collected.to_bytes()),
        Err(error) if error.is::<LengthLimitError>() => {
            discard(body, 0);
            Err(ServerError::too_large(limit))
        }
        Err(_) => Err(ServerError::serialization(
            "could not read the request body",
        )),
    }
}

/// Most of an oversized body read and thrown away after the 413 is sent.
const DISCARD_BYTES: u64 = 8 << 20;
/// Longest time spent throwing an oversized body away.
const DISCARD_TIME: Duration = Duration::from_secs(5);

/// Throws the rest of an oversized body away on a task of its own, bounded in
/// bytes and time, while the 413 goes out. Clients that write the whole request
/// before reading (urllib3, hence boto3) then see the 413; if the connection
/// were closed at once they would get a broken pipe and retry. A body declared
/// larger than the bound is dropped at once, which closes the connection.
fn discard<B>(mut body: Pin<Box<B>>, declared: u64)
where
    B: Body + Send + 'static,
    B::Data: Send,
{
    if declared > DISCARD_BYTES {
        return;
    }
    let drain = async move {
        let mut seen = 0u64;
        while let Some(Ok(frame)) = body.frame().await {
            if let Ok(data) = frame.into_data() {
                seen = seen.saturating_add(u64::try_from(data.remaining()).unwrap_or(u64::MAX));
                if seen > DISCARD_BYTES {
                    return;
                }
            }
        }
    };
    ::tokio::spawn(::tokio::time::timeout(DISCARD_TIME, drain));
}

/// The protocol that recognizes the request, else the service's first.
fn protocol_of<D: Dispatch>(head: &::http::request::Parts) -> &'static dyn Protocol {
    let protocols = D::PROTOCOLS;
    protocols
        .iter()
        .copied()
        .find(|protocol| protocol.recognizes(head))
        .or_else(|| protocols.first().copied())
        .unwrap_or(&crate::protocol::AwsJson::V1_1)
}

fn respond(outcome: &Outcome, request_id: &str) -> Response<Full<Bytes>> {
    let mut headers = ::http::HeaderMap::new();
    outcome.protocol.answer_headers(&mut headers);
    let (status, body) = match &outcome.result {
        Ok(body) => (StatusCode::OK, body.clone()),
        Err(error) => (
            error.http_status(),
            outcome.protocol.error_response(error, &mut headers),
        ),
    };
    // An empty body (an operation without output, in rpcv2Cbor) has no media type.
    if !body.is_empty() {
        headers.insert(CONTENT_TYPE, HeaderValue::from_static(outcome.content_type));
    }
    if let Ok(id) = HeaderValue::from_str(request_id) {
        headers.insert(X_AMZN_REQUEST_ID, id);
    }
    let mut response = Response::new(Full::new(body));
    *response.status_mut() = status;
    *response.headers_mut() = headers;
    response
}

impl<D, B> ::tower_service::Service<Request<B>> for Router<D>
where
    D: Dispatch,
    B: Body + Send + 'static,
    B::Data: Send,
    B::Error: Into<BoxError>,
{
    type Response = Response<Full<Bytes>>;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Infallible>> + Send>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: Request<B>) -> Self::Future {
        let router = self.clone();
        Box::pin(async move { Ok(router.handle(request).await) })
    }
}

#[cfg(test)]
mod tests {
    use super::super::DispatchFuture;
    use super::*;
    use ::http::Method;
    use ::hyper::body::Frame;
    use ::serde_json::Value;
    use ::std::string::{String, ToString};
    use ::std::sync::Mutex;
    use ::std::vec::Vec;
    use ::tower_service::Service;

    /// Echo answers its body, Fail a modeled error, Panic and PanicEarly panic
    /// inside the future and in `dispatch` itself; Ghost is listed but not dispatched.
    #[derive(Clone)]
    struct Echo;

    impl Dispatch for Echo {
        const SERVICE: &'static str = "Svc";
        const PROTOCOLS: &'static [&'static dyn crate::protocol::Protocol] =
            &[&crate::protocol::AwsJson::V1_1];
        const OPERATIONS: &'static [&'static str] =
            &["Echo", "Fail", "Panic", "PanicEarly", "Ghost"];

        fn dispatch(
            &self,
            _: crate::protocol::WireProtocol,
            operation: &'static str,
            body: Bytes,
        ) -> Option<DispatchFuture> {
            match operation {
                "Echo" => Some(Box::pin(async move { Ok(body) })),
                "Fail" => Some(Box::pin(async {
                    let body = ::serde_json::json!({"__type": "ConflictException", "message": "no", "Reason": "why"});
                    Err(ServerError::modeled(
                        409,
                        "ConflictException",
                        "no",
                        Bytes::from(body.to_string()),
                    ))
                })),
                "Panic" => Some(Box::pin(async {
                    panic!("handler panicked (expected by a test)")
                })),
                "PanicEarly" => panic!("dispatch panicked (expected by a test)"),
                _ => None,
            }
        }
    }

    /// A body that fails when read, with a chosen size hint: proves what was not read.
    struct Broken(u64);

    impl Body for Broken {
        type Data = Bytes;
        type Error = ::std::io::Error;

        fn poll_frame(
            self: Pin<&mut Self>,
            _: &mut Context<'_>,
        ) -> Poll<Option<Result<Frame<Bytes>, ::std::io::Error>>> {
            Poll::Ready(Some(Err(::std::io::Error::other("connection broke"))))
        }

        fn size_hint(&self) -> ::hyper::body::SizeHint {
            ::hyper::body::SizeHint::with_exact(self.0)
        }
    }

    fn post(target: &str) -> ::http::request::Builder {
        Request::post("/").header("x-amz-target", target)
    }

    async fn send<B>(
        router: &mut Router<Echo>,
        request: Request<B>,
    ) -> (StatusCode, ::http::HeaderMap, Value)
    where
        B: Body + Send + 'static,
        B::Data: Send,
        B::Error: Into<BoxError>,
    {
        let response = router.call(request).await.unwrap();
        let (parts, body) = response.into_parts();
        let bytes = body.collect().await.unwrap().to_bytes();
        let json = if bytes.is_empty() {
            Value::Null
        } else {
            ::serde_json::from_slice(&bytes).unwrap()
        };
        (parts.status, parts.headers, json)
    }

    fn router() -> Router<Echo> {
        Router::new(Echo, ServerConfig::default().body_limit(64).depth_limit(3))
    }

    fn full(body: &'static str) -> Full<Bytes> {
        Full::new(Bytes::from_static(body.as_bytes()))
    }

    #[tokio::test]
    async fn success_echoes_with_awsjson_headers() {
        let mut router = router();
        let request = post("Svc.Echo").header("content-type", "application/x-amz-json-1.1");
        let (status, headers, body) =
            send(&mut router, request.body(full(r#"{"a":[1]}"#)).unwrap()).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body, ::serde_json::json!({"a": [1]}));
        assert_eq!(headers["content-type"], "application/x-amz-json-1.1");
        assert_eq!(headers["x-amzn-requestid"].len(), 36);
        assert!(headers.get("x-amzn-errortype").is_none());
    }

    #[tokio::test]
    async fn version_1_0_is_answered_in_1_0() {
        let mut router = router();
        let request = post("Svc.Echo").header("content-type", "application/x-amz-json-1.0");
        let (status, headers, body) = send(&mut router, request.body(full("{}")).unwrap()).await;
        assert_eq!((status, body), (StatusCode::OK, ::serde_json::json!({})));
        assert_eq!(headers["content-type"], "application/x-amz-json-1.0");
    }

    #[tokio::test]
    async fn an_empty_body_passes_through_and_is_answered_without_media_type() {
        let mut router = router();
        let request = post("Svc.Echo").header("content-type", "application/x-amz-json-1.0");
        let (status, headers, body) = send(&mut router, request.body(full("")).unwrap()).await;
        assert_eq!((status, body), (StatusCode::OK, Value::Null));
        assert!(headers.get("content-type").is_none());
    }

    #[tokio::test]
    async fn rejections_have_status_type_and_header() {
        const UNKNOWN: &str = "UnknownOperationException";
        const SERDE: &str = "SerializationException";
        let large = Bytes::from(::std::vec![b' '; 65]);
        #[rustfmt::skip]
        let cases: [(Method, &str, &str, Bytes, u16, &str); 12] = [
            (Method::GET, "Svc.Echo", "", Bytes::from("{}"), 405, UNKNOWN),
            (Method::POST, "", "", Bytes::from("{}"), 400, UNKNOWN),
            (Method::POST, "Svc.Nope", "", Bytes::from("{}"), 400, UNKNOWN),
            (Method::POST, "Other.Echo", "", Bytes::from("{}"), 400, UNKNOWN),
            (Method::POST, "Svc.Ghost", "", Bytes::from("{}"), 400, UNKNOWN),
            (Method::POST, "Svc.Echo", "application/json", Bytes::from("{}"), 415, "UnsupportedMediaTypeException"),
            (Method::POST, "Svc.Echo", "", large, 413, "RequestEntityTooLargeException"),
            (Method::POST, "Svc.Echo", "", Bytes::from("[[[[1]]]]"), 400, SERDE),
            (Method::POST, "Svc.Echo", "", Bytes::from_static(b"{\"a\":\"\xff\"}"), 400, SERDE),
            (Method::POST, "Svc.Fail", "", Bytes::from("{}"), 409, "ConflictException"),
            (Method::POST, "Svc.Panic", "", Bytes::from("{}"), 500, "InternalFailure"),
            (Method::POST, "Svc.PanicEarly", "", Bytes::from("{}"), 500, "InternalFailure"),
        ];
        let mut router = router();
        for (method, target, content_type, body, status, type_name) in cases {
            let what = ::std::format!("{method} {target} {content_type}");
            let mut request = Request::builder().method(method).uri("/");
            if !target.is_empty() {
                request = request.header("x-amz-target", target);
            }
            if !content_type.is_empty() {
                request = request.header("content-type", content_type);
            }
            let request = request.body(Full::new(body)).unwrap();
            let (got, headers, body) = send(&mut router, request).await;
            assert_eq!(got.as_u16(), status, "{what}: {body}");
            assert_eq!(body["__type"], type_name, "{what}");
            assert!(body["message"].is_string(), "{what}: {body}");
            assert_eq!(headers["x-amzn-errortype"], type_name, "{what}");
            assert_eq!(
                headers["content-type"], "application/x-amz-json-1.1",
                "{what}"
            );
            assert_eq!(headers.get("allow").is_some(), status == 405, "{what}");
        }
        let request = post("Svc.Fail").body(full("{}")).unwrap();
        assert_eq!(send(&mut router, request).await.2["Reason"], "why");
    }

    #[tokio::test]
    async fn declared_oversize_is_refused_without_reading() {
        let mut router = router();
        // Reading Broken would give 400; 413 shows the hint alone decided.
        let (status, _, _) = send(&mut router, post("Svc.Echo").body(Broken(65)).unwrap()).await;
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
        let request = post("Svc.Echo")
            .header("content-length", "100000")
            .body(full("{}"))
            .unwrap();
        assert_eq!(
            send(&mut router, request).await.0,
            StatusCode::PAYLOAD_TOO_LARGE
        );
        let (status, _, body) = send(&mut router, post("Svc.Echo").body(Broken(10)).unwrap()).await;
        assert_eq!(
            (status, &body["__type"]),
            (
                StatusCode::BAD_REQUEST,
                &Value::from("SerializationException")
            )
        );
    }

    #[tokio::test]
    async fn every_call_is_logged_once() {
        let lines: Arc<Mutex<Vec<String>>> = Arc::default();
        let sink = Arc::clone(&lines);
        let config = ServerConfig::default()
            .on_call(move |call| sink.lock().unwrap().push(call.to_string()));
        let mut router = Router::new(Echo, config);
        send(&mut router, post("Svc.Echo").body(full("{}")).unwrap()).await;
        send(&mut router, post("Svc.What").body(full("{}")).unwrap()).await;
        send(&mut router, post("Svc.Fail").body(full("{}")).unwrap()).await;
        let lines = lines.lock().unwrap();
        let heads: Vec<String> = lines
            .iter()
            .map(|l| l.split(' ').take(3).collect::<Vec<_>>().join(" "))
            .collect();
        assert_eq!(
            heads,
            [
                "Echo 200 -",
                "- 400 UnknownOperationException",
                "Fail 409 ConflictException"
            ]
        );
    }
}
