//! Loopback tests: the server runtime (`rt::server`) on 127.0.0.1 with a raw HTTP/1.1 client,
//! so every byte on the wire is under the test's control.

mod common;

use bytes::Bytes;
use common::{Server, WAIT, deep, exchange, read_reply, request};
use smithy_lite_runtime::server::{Dispatch, DispatchFuture, Router, ServerConfig};
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// Echo answers its body; Slow does after 300 ms; Hang never answers; Panic panics.
#[derive(Clone)]
struct TestService;

impl Dispatch for TestService {
    const SERVICE: &'static str = "TestService";
    const PROTOCOLS: &'static [&'static dyn smithy_lite_runtime::protocol::Protocol] =
        &[&smithy_lite_runtime::protocol::AwsJson::V1_1];
    const OPERATIONS: &'static [&'static str] = &["Echo", "Slow", "Hang", "Panic"];

    fn dispatch(
        &self,
        _: smithy_lite_runtime::protocol::WireProtocol,
        operation: &'static str,
        body: Bytes,
    ) -> Option<DispatchFuture> {
        match operation {
            "Echo" => Some(Box::pin(async move { Ok(body) })),
            "Slow" => Some(Box::pin(async move {
                tokio::time::sleep(Duration::from_millis(300)).await;
                Ok(body)
            })),
            "Hang" => Some(Box::pin(std::future::pending())),
            "Panic" => Some(Box::pin(async {
                panic!("handler panicked (expected by a test)")
            })),
            _ => None,
        }
    }
}

async fn start(config: ServerConfig) -> Server {
    Server::start(Router::new(TestService, config)).await
}

fn echo(body: &[u8]) -> Vec<u8> {
    let ct = "content-type: application/x-amz-json-1.1\r\n";
    request("POST", Some("TestService.Echo"), ct, body)
}

async fn assert_echo_works(addr: SocketAddr) {
    let reply = exchange(addr, echo(br#"{"ok":true}"#)).await.unwrap();
    assert_eq!(
        (reply.status, reply.body.as_slice()),
        (200, &br#"{"ok":true}"#[..])
    );
}

#[tokio::test]
async fn malformed_requests_get_awsjson_errors_and_the_server_keeps_serving() {
    let server = start(ServerConfig::default()).await;
    let big = vec![b' '; 2 << 20];
    let json11 = "content-type: application/x-amz-json-1.1\r\n";
    let chunked = "transfer-encoding: chunked\r\n";
    let mut chunked_big = Vec::new();
    for _ in 0..32 {
        chunked_big.extend_from_slice(format!("{:x}\r\n", 64 << 10).as_bytes());
        chunked_big.extend_from_slice(&[b' '; 64 << 10]);
        chunked_big.extend_from_slice(b"\r\n");
    }
    chunked_big.extend_from_slice(b"0\r\n\r\n");
    let target = Some("TestService.Echo");
    #[rustfmt::skip]
    let cases: Vec<(&str, Vec<u8>, u16, &str)> = vec![
        ("GET", request("GET", target, "", b""), 405, "UnknownOperationException"),
        ("PUT", request("PUT", target, json11, b"{}"), 405, "UnknownOperationException"),
        ("no target", request("POST", None, json11, b"{}"), 400, "UnknownOperationException"),
        ("other prefix", request("POST", Some("Other.Echo"), json11, b"{}"), 400, "UnknownOperationException"),
        ("unknown op", request("POST", Some("TestService.Nope"), json11, b"{}"), 400, "UnknownOperationException"),
        ("bare prefix", request("POST", Some("TestService"), json11, b"{}"), 400, "UnknownOperationException"),
        ("text/plain", request("POST", target, "content-type: text/plain\r\n", b"{}"), 415, "UnsupportedMediaTypeException"),
        ("application/json", request("POST", target, "content-type: application/json\r\n", b"{}"), 415, "UnsupportedMediaTypeException"),
        ("2 MiB declared", request("POST", target, json11, &big), 413, "RequestEntityTooLargeException"),
        // Only the head is sent: the 413 cannot have waited for the body.
        ("2 MiB declared, unsent", b"POST / HTTP/1.1\r\nhost: x\r\nx-amz-target: TestService.Echo\r\ncontent-length: 2097152\r\n\r\n".to_vec(), 413, "RequestEntityTooLargeException"),
        ("2 MiB chunked", request("POST", target, &format!("{json11}{chunked}"), &chunked_big), 413, "RequestEntityTooLargeException"),
        ("bad chunking", request("POST", target, chunked, b"zz\r\n{}\r\n0\r\n\r\n"), 400, "SerializationException"),
        ("10,000 deep", request("POST", target, json11, &deep(10_000)), 400, "SerializationException"),
        ("65 deep", request("POST", target, json11, &deep(65)), 400, "SerializationException"),
        ("invalid UTF-8", request("POST", target, json11, b"{\"a\":\"\xc3\x28\"}"), 400, "SerializationException"),
        ("not HTTP", b"HELLO\r\n\r\n".to_vec(), 400, ""),
        // Accepted: these reach the dispatcher (the echo), bad JSON included.
        ("64 deep", request("POST", target, json11, &deep(64)), 200, ""),
        ("empty body", request("POST", target, json11, b""), 200, ""),
        ("no content-type", request("POST", target, "", b"{}"), 200, ""),
        ("charset", request("POST", target, "content-type: application/x-amz-json-1.1; charset=utf-8\r\n", b"{}"), 200, ""),
        ("json 1.0", request("POST", target, "content-type: application/x-amz-json-1.0\r\n", b"{}"), 200, ""),
        ("bad JSON", request("POST", target, json11, b"{\"a\":"), 200, ""),
        ("any path", [b"POST /some/prefix".as_slice(), &request("POST", target, json11, b"{}")[6..]].concat(), 200, ""),
    ];
    for (what, bytes, status, error_type) in cases {
        let reply = exchange(server.addr, bytes)
            .await
            .unwrap_or_else(|| panic!("{what}: no reply"));
        assert_eq!(reply.status, status, "{what}: {reply:?}");
        assert_eq!(reply.error_type(), error_type, "{what}: {reply:?}");
        if !error_type.is_empty() {
            assert_eq!(reply.header("x-amzn-errortype"), Some(error_type), "{what}");
            assert!(reply.json()["message"].is_string(), "{what}");
        }
        if status == 405 {
            assert_eq!(reply.header("allow"), Some("POST"), "{what}");
        }
        // hyper's own 400 (not HTTP) carries no request id.
        if !error_type.is_empty() || status == 200 {
            assert_eq!(
                reply.header("x-amzn-requestid").map(str::len),
                Some(36),
                "{what}"
            );
        }
        assert_echo_works(server.addr).await;
    }
    server.stop().await;
}

#[tokio::test]
async fn success_has_awsjson_headers_and_fresh_request_ids() {
    let server = start(ServerConfig::default()).await;
    let a = exchange(server.addr, echo(b"{}")).await.unwrap();
    let b = exchange(server.addr, echo(b"{}")).await.unwrap();
    assert_eq!(a.status, 200);
    assert_eq!(a.header("content-type"), Some("application/x-amz-json-1.1"));
    assert_eq!(a.header("x-amzn-errortype"), None);
    assert_ne!(a.header("x-amzn-requestid"), b.header("x-amzn-requestid"));
    server.stop().await;
}

#[tokio::test]
async fn a_panicking_handler_gets_500_and_others_are_still_served() {
    let server = start(ServerConfig::default()).await;
    let mut stream = TcpStream::connect(server.addr).await.unwrap();
    let mut buf = Vec::new();
    for _ in 0..3 {
        let panic = request("POST", Some("TestService.Panic"), "", b"{}");
        stream.write_all(&panic).await.unwrap();
        let reply = read_reply(&mut stream, &mut buf).await.unwrap();
        assert_eq!(
            (reply.status, reply.error_type()),
            (500, "InternalFailure".to_owned())
        );
        assert!(!String::from_utf8_lossy(&reply.body).contains("expected by a test"));
        // Same connection: the panic did not take it down either.
        stream.write_all(&echo(b"[1]")).await.unwrap();
        let reply = read_reply(&mut stream, &mut buf).await.unwrap();
        assert_eq!((reply.status, reply.body.as_slice()), (200, &b"[1]"[..]));
    }
    server.stop().await;
}

#[tokio::test]
async fn errors_keep_the_connection_alive() {
    let server = start(ServerConfig::default()).await;
    let mut stream = TcpStream::connect(server.addr).await.unwrap();
    let mut buf = Vec::new();
    let requests = [
        (request("POST", Some("TestService.Nope"), "", b"{}"), 400),
        (request("GET", Some("TestService.Echo"), "", b""), 405),
        (
            request(
                "POST",
                Some("TestService.Echo"),
                "content-type: text/plain\r\n",
                b"{}",
            ),
            415,
        ),
        (
            request("POST", Some("TestService.Echo"), "", &deep(100)),
            400,
        ),
        (echo(b"{}"), 200),
    ];
    for (bytes, status) in requests {
        stream.write_all(&bytes).await.unwrap();
        let reply = tokio::time::timeout(WAIT, read_reply(&mut stream, &mut buf))
            .await
            .unwrap();
        assert_eq!(reply.unwrap().status, status);
    }
    server.stop().await;
}

#[tokio::test]
async fn oversized_body_written_before_reading_still_gets_413() {
    // Like urllib3 (boto3): the whole request is written, then the reply read.
    let server = start(ServerConfig::default()).await;
    let mut stream = TcpStream::connect(server.addr).await.unwrap();
    let mut buf = Vec::new();
    for (size, status) in [
        (2 << 20, 413),
        ((1 << 20) + 1, 413),
        (1 << 20, 200),
        (2, 200),
    ] {
        let body = vec![b' '; size];
        let bytes = request("POST", Some("TestService.Echo"), "", &body);
        tokio::time::timeout(WAIT, stream.write_all(&bytes))
            .await
            .unwrap()
            .unwrap();
        let reply = tokio::time::timeout(WAIT, read_reply(&mut stream, &mut buf))
            .await
            .unwrap();
        // The same connection serves on: the rest of the body was thrown away, not left unread.
        assert_eq!(reply.expect("reply").status, status, "{size}");
    }
    server.stop().await;
}

#[tokio::test]
async fn concurrent_calls_all_succeed_and_are_logged() {
    let calls = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&calls);
    let config = ServerConfig::default().on_call(move |call| {
        assert_eq!((call.operation, call.status), (Some("Slow"), 200));
        counter.fetch_add(1, Ordering::SeqCst);
    });
    let server = start(config).await;
    let started = Instant::now();
    let replies: Vec<_> = (0..50)
        .map(|i| {
            let bytes = request(
                "POST",
                Some("TestService.Slow"),
                "",
                format!("[{i}]").as_bytes(),
            );
            tokio::spawn(exchange(server.addr, bytes))
        })
        .collect();
    for (i, reply) in replies.into_iter().enumerate() {
        let reply = reply.await.unwrap().unwrap();
        assert_eq!(
            (reply.status, reply.body),
            (200, format!("[{i}]").into_bytes())
        );
    }
    // 50 × 300 ms handlers ran concurrently, not one after another.
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(calls.load(Ordering::SeqCst), 50);
    server.stop().await;
}

#[tokio::test]
async fn graceful_shutdown_finishes_the_request_in_flight() {
    let server = start(ServerConfig::default()).await;
    let addr = server.addr;
    let slow = request("POST", Some("TestService.Slow"), "", b"{\"slow\":1}");
    let in_flight = tokio::spawn(exchange(addr, slow));
    // An idle keep-alive connection must not hold shutdown up.
    let mut idle = TcpStream::connect(addr).await.unwrap();
    idle.write_all(&echo(b"{}")).await.unwrap();
    assert_eq!(
        read_reply(&mut idle, &mut Vec::new()).await.unwrap().status,
        200
    );
    tokio::time::sleep(Duration::from_millis(100)).await;
    let took = server.stop().await;
    let reply = in_flight
        .await
        .unwrap()
        .expect("in-flight request answered");
    assert_eq!(
        (reply.status, reply.body.as_slice()),
        (200, &b"{\"slow\":1}"[..])
    );
    assert!(took < Duration::from_secs(5), "{took:?}");
    // Stopped: the idle connection was closed and nothing accepts any more.
    let mut rest = Vec::new();
    let closed = tokio::time::timeout(WAIT, idle.read_to_end(&mut rest))
        .await
        .unwrap();
    assert!(closed.is_err() || rest.is_empty());
    assert!(TcpStream::connect(addr).await.is_err());
}

#[tokio::test]
async fn shutdown_is_bounded_by_the_timeout() {
    let config = ServerConfig::default().shutdown_timeout(Duration::from_millis(200));
    let server = start(config).await;
    let hang = tokio::spawn(exchange(
        server.addr,
        request("POST", Some("TestService.Hang"), "", b"{}"),
    ));
    tokio::time::sleep(Duration::from_millis(100)).await;
    let took = server.stop().await;
    assert!(took >= Duration::from_millis(200), "{took:?}");
    assert!(took < Duration::from_secs(2), "{took:?}");
    // The hanging call was dropped with its connection: no reply.
    assert!(hang.await.unwrap().is_none());
}

#[tokio::test]
async fn router_answers_inside_an_axum_app() {
    use axum::routing::get;
    let ours = Router::new(TestService, ServerConfig::default());
    let app = axum::Router::new()
        .route("/health", get(|| async { "ok" }))
        .nest_service("/aws", ours.clone())
        .fallback_service(ours);
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let task = tokio::spawn(async move { axum::serve(listener, app).await });

    let health = exchange(addr, b"GET /health HTTP/1.1\r\nhost: x\r\n\r\n".to_vec())
        .await
        .unwrap();
    assert_eq!((health.status, health.body.as_slice()), (200, &b"ok"[..]));
    for path in ["/", "/aws", "/aws/", "/anything"] {
        let mut bytes = format!("POST {path}").into_bytes();
        bytes.extend_from_slice(&echo(b"{\"via\":\"axum\"}")[6..]);
        let reply = exchange(addr, bytes).await.unwrap();
        assert_eq!(reply.status, 200, "{path}: {reply:?}");
        assert_eq!(reply.body, b"{\"via\":\"axum\"}", "{path}");
        assert_eq!(
            reply.header("content-type"),
            Some("application/x-amz-json-1.1")
        );
    }
    let bad = exchange(addr, request("POST", Some("TestService.Nope"), "", b"{}"))
        .await
        .unwrap();
    assert_eq!(
        (bad.status, bad.error_type()),
        (400, "UnknownOperationException".to_owned())
    );
    let panic = exchange(addr, request("POST", Some("TestService.Panic"), "", b"{}"))
        .await
        .unwrap();
    assert_eq!(
        (panic.status, panic.error_type()),
        (500, "InternalFailure".to_owned())
    );
    let big = exchange(addr, echo(&vec![b' '; 2 << 20])).await.unwrap();
    assert_eq!(big.status, 413);
    task.abort();
}
