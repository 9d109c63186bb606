//! The client runtime against a scripted HTTP/1.1 server on 127.0.0.1, through
//! the default hyper transport: retries, dropped connections, stalls, timeouts.
//!
//! The server runs on plain std threads; each connection gets the next action of
//! the script and then closes. Every wait is bounded.
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use smithy_lite_runtime::__private::bytes::Bytes;
use smithy_lite_runtime::client::{
    ClientRuntime, Config, Credentials, DispatchError, RetryConfig, ServiceSpec,
};
use smithy_lite_runtime::protocol::{AwsJson, Protocol};

mod common;
use common::header;

#[derive(Clone, Copy, Debug)]
enum Action {
    /// Answer with this status and, when set, this awsJson error type.
    Respond(u16, Option<&'static str>),
    /// Read the request, then close without answering.
    Drop,
    /// Read the request and send nothing for this long, then close.
    Stall(Duration),
    /// Send the head and part of the body, then stall for this long.
    StallInBody(Duration),
}

struct Server {
    addr: SocketAddr,
    /// The request heads received, in order.
    heads: Arc<Mutex<Vec<String>>>,
}

impl Server {
    fn start(script: Vec<Action>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let addr = listener.local_addr().unwrap();
        let heads = Arc::new(Mutex::new(Vec::new()));
        let recorded = Arc::clone(&heads);
        thread::spawn(move || {
            let deadline = Instant::now() + Duration::from_secs(10);
            let mut script = script.into_iter();
            let mut next = script.next();
            while let Some(action) = next {
                if Instant::now() > deadline {
                    return;
                }
                match listener.accept() {
                    Ok((stream, _)) => {
                        let recorded = Arc::clone(&recorded);
                        thread::spawn(move || serve(stream, action, &recorded));
                        next = script.next();
                    }
                    Err(_) => thread::sleep(Duration::from_millis(2)),
                }
            }
        });
        Server { addr, heads }
    }

    fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    fn heads(&self) -> Vec<String> {
        self.heads.lock().unwrap().clone()
    }
}

fn serve(mut stream: TcpStream, action: Action, heads: &Mutex<Vec<String>>) {
    let Some((head, _body)) = common::read_request(&mut stream) else {
        return;
    };
    heads.lock().unwrap().push(head);
    match action {
        Action::Respond(status, error_type) => {
            let body = match error_type {
                Some(t) => format!("{{\"__type\":\"{t}\",\"message\":\"scripted\"}}"),
                None => "{}".to_string(),
            };
            let error_header = error_type
                .map(|t| format!("x-amzn-errortype: {t}\r\n"))
                .unwrap_or_default();
            let response = format!(
                "HTTP/1.1 {status} Scripted\r\ncontent-type: application/x-amz-json-1.1\r\n{error_header}content-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = stream.write_all(response.as_bytes());
        }
        Action::Drop => {}
        Action::Stall(time) => thread::sleep(time),
        Action::StallInBody(time) => {
            let _ = stream.write_all(
                b"HTTP/1.1 200 OK\r\ncontent-length: 100\r\nconnection: close\r\n\r\n{\"Work",
            );
            let _ = stream.flush();
            thread::sleep(time);
        }
    }
}

static SPEC: ServiceSpec = ServiceSpec {
    signing_name: "workspaces",
    endpoint_prefix: "workspaces",
    user_agent: "workspaces/0.1.0",
    protocols: &[&AwsJson::V1_1],
};

fn config(url: &str) -> smithy_lite_runtime::client::ConfigBuilder {
    Config::builder()
        .region("us-east-1")
        .credentials(Credentials::new("AKID", "SECRET", None, None, "test"))
        .endpoint_url(url)
        .connect_timeout(Duration::from_secs(2))
        .attempt_timeout(Duration::from_secs(5))
        .total_timeout(Duration::from_secs(8))
        .retry(RetryConfig::standard().with_initial_backoff(Duration::from_millis(10)))
}

fn send(config: Config) -> (Result<http::Response<Bytes>, DispatchError>, Duration) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let client = ClientRuntime::new(config, &SPEC);
    let start = Instant::now();
    let request = AwsJson::V1_1.request("WorkspacesService", "DescribeWorkspaces", b"{}".to_vec());
    let result = runtime.block_on(client.send(request));
    (result, start.elapsed())
}

#[test]
fn server_error_then_success_is_retried() {
    let server = Server::start(vec![Action::Respond(500, None), Action::Respond(200, None)]);
    let (result, _) = send(config(&server.url()).build());
    let response = result.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.body().as_ref(), b"{}");
    let heads = server.heads();
    assert_eq!(heads.len(), 2);
    assert!(heads[0].starts_with("POST / HTTP/1.1\r\n"), "{}", heads[0]);
    assert_eq!(
        header(&heads[0], "amz-sdk-request"),
        Some("attempt=1; max=3")
    );
    assert_eq!(
        header(&heads[1], "amz-sdk-request"),
        Some("attempt=2; max=3")
    );
    assert_eq!(
        header(&heads[0], "amz-sdk-invocation-id"),
        header(&heads[1], "amz-sdk-invocation-id")
    );
    assert_eq!(
        header(&heads[1], "x-amz-target"),
        Some("WorkspacesService.DescribeWorkspaces")
    );
    assert_eq!(
        header(&heads[1], "content-type"),
        Some("application/x-amz-json-1.1")
    );
    assert_eq!(
        header(&heads[1], "host"),
        Some(server.addr.to_string().as_str())
    );
    assert_eq!(header(&heads[1], "content-length"), Some("2"));
    let authorization = header(&heads[1], "authorization").unwrap();
    assert!(authorization.contains("/us-east-1/workspaces/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature="), "{authorization}");
}

#[test]
fn throttling_is_retried() {
    let server = Server::start(vec![
        Action::Respond(400, Some("ThrottlingException")),
        Action::Respond(200, None),
    ]);
    let (result, _) = send(config(&server.url()).build());
    assert_eq!(result.unwrap().status(), 200);
    assert_eq!(server.heads().len(), 2);
}

#[test]
fn validation_error_is_not_retried() {
    let server = Server::start(vec![
        Action::Respond(400, Some("ValidationException")),
        Action::Respond(200, None),
    ]);
    let (result, _) = send(config(&server.url()).build());
    let response = result.unwrap();
    assert_eq!(response.status(), 400);
    assert!(String::from_utf8_lossy(response.body()).contains("ValidationException"));
    assert_eq!(server.heads().len(), 1);
}

#[test]
fn retries_are_exhausted_on_persistent_503() {
    let server = Server::start(vec![Action::Respond(503, None); 3]);
    let (result, _) = send(config(&server.url()).build());
    assert_eq!(result.unwrap().status(), 503);
    assert_eq!(server.heads().len(), 3);
}

#[test]
fn dropped_connection_is_retried() {
    let server = Server::start(vec![Action::Drop, Action::Respond(200, None)]);
    let (result, _) = send(config(&server.url()).build());
    assert_eq!(result.unwrap().status(), 200);
    assert_eq!(server.heads().len(), 2);
}

#[test]
fn dropped_connections_fail_with_a_clear_error() {
    let server = Server::start(vec![Action::Drop; 3]);
    let (result, _) = send(config(&server.url()).build());
    let error = result.unwrap_err();
    assert!(
        matches!(error, DispatchError::Transport { attempts: 3, .. }),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        "request failed after 3 attempts: connection failed during the request: connection closed before message completed"
    );
    assert_eq!(server.heads().len(), 3);
}

#[test]
fn refused_connection_is_retried_then_fails() {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let (result, elapsed) = send(config(&format!("http://127.0.0.1:{port}")).build());
    let error = result.unwrap_err();
    assert!(
        matches!(error, DispatchError::Transport { attempts: 3, .. }),
        "{error:?}"
    );
    let message = error.to_string();
    assert!(
        message
            .starts_with("request failed after 3 attempts: could not connect: tcp connect error"),
        "{message}"
    );
    assert!(elapsed < Duration::from_secs(2), "{elapsed:?}");
}

#[test]
fn stalled_response_hits_the_attempt_timeout_then_succeeds() {
    let server = Server::start(vec![
        Action::Stall(Duration::from_secs(3)),
        Action::Respond(200, None),
    ]);
    let config = config(&server.url())
        .attempt_timeout(Duration::from_millis(200))
        .build();
    let (result, elapsed) = send(config);
    assert_eq!(result.unwrap().status(), 200);
    assert!(
        elapsed >= Duration::from_millis(200) && elapsed < Duration::from_secs(2),
        "{elapsed:?}"
    );
}

#[test]
fn stalled_responses_fail_within_the_attempt_timeouts() {
    let server = Server::start(vec![Action::Stall(Duration::from_secs(3)); 2]);
    let config = config(&server.url())
        .attempt_timeout(Duration::from_millis(200))
        .retry(
            RetryConfig::standard()
                .with_max_attempts(2)
                .with_initial_backoff(Duration::from_millis(10)),
        )
        .build();
    let (result, elapsed) = send(config);
    let error = result.unwrap_err();
    assert!(
        matches!(error, DispatchError::AttemptTimeout { attempts: 2, .. }),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        "request timed out: no response within the attempt timeout of 200ms (after 2 attempts)"
    );
    // Two attempts of 200 ms and at most 10 ms of backoff.
    assert!(
        elapsed >= Duration::from_millis(400) && elapsed < Duration::from_millis(1000),
        "{elapsed:?}"
    );
}

#[test]
fn attempt_timeout_covers_reading_the_body() {
    let server = Server::start(vec![Action::StallInBody(Duration::from_secs(3))]);
    let config = config(&server.url())
        .attempt_timeout(Duration::from_millis(200))
        .retry(RetryConfig::disabled())
        .build();
    let (result, elapsed) = send(config);
    let error = result.unwrap_err();
    assert!(
        matches!(error, DispatchError::AttemptTimeout { attempts: 1, .. }),
        "{error:?}"
    );
    assert!(elapsed < Duration::from_secs(1), "{elapsed:?}");
}

#[test]
fn total_timeout_bounds_the_call() {
    let server = Server::start(vec![Action::Stall(Duration::from_secs(3)); 3]);
    let config = config(&server.url())
        .attempt_timeout(Duration::from_millis(300))
        .total_timeout(Duration::from_millis(500))
        .build();
    let (result, elapsed) = send(config);
    let error = result.unwrap_err();
    assert!(
        matches!(error, DispatchError::TotalTimeout { attempts: 2, .. }),
        "{error:?}"
    );
    assert!(error.is_timeout());
    assert!(
        elapsed >= Duration::from_millis(500) && elapsed < Duration::from_millis(1000),
        "{elapsed:?}"
    );
}

#[test]
fn https_endpoint_starts_a_tls_handshake() {
    // A listener that only records the first bytes: a TLS handshake record
    // (0x16, version 0x03 0x0x) shows that the rustls connector is in use.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let reader = thread::spawn(move || {
        listener.set_nonblocking(true).unwrap();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok((mut stream, _)) = listener.accept() {
                stream.set_nonblocking(false).unwrap();
                stream
                    .set_read_timeout(Some(Duration::from_secs(2)))
                    .unwrap();
                let mut first = [0u8; 3];
                return stream.read_exact(&mut first).ok().map(|_| first);
            }
            thread::sleep(Duration::from_millis(2));
        }
        None
    });
    let config = config(&format!("https://127.0.0.1:{port}"))
        .retry(RetryConfig::disabled())
        .build();
    let (result, _) = send(config);
    let error = result.unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("request failed after 1 attempt: could not connect: "),
        "{error}"
    );
    let first = reader.join().unwrap().expect("no TLS bytes received");
    assert_eq!(first[..2], [0x16, 0x03], "{first:?}");
}
