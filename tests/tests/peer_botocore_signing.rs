//! What the generated client puts on the wire, as a loopback server records it: the exact
//! method, path, headers and body of each operation, and a SigV4 `Authorization` equal to
//! the one botocore 1.44.5's `SigV4Auth` computes for the same request, credentials and
//! time (tests/py/botocore_sigv4.py), with and without a session token.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime};

use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;
use workspaces::client::{Client, Config, Credentials, WireProtocol};
use workspaces::types::{
    ApplicationSettingsRequest, ApplicationSettingsStatusEnum, Capacity,
    DescribeWorkspacesPoolsFilter, DescribeWorkspacesPoolsFilterName,
    DescribeWorkspacesPoolsFilterOperator, PoolsRunningMode, Protocol, RunningMode, Tag,
    TimeoutSettings, WorkspaceProperties, WorkspaceRequest,
};

const ACCESS_KEY: &str = "AKIDEXAMPLE";
const SECRET_KEY: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const SESSION_TOKEN: &str = "SESSIONTOKEN/EXAMPLE+=";
const REGION: &str = "us-east-1";
/// 2024-11-21T12:34:56Z, the client's fixed clock.
const SIGNING_TIME: u64 = 1_732_192_496;
const AMZ_DATE: &str = "20241121T123456Z";
/// How long the server waits for a whole request, and a call for its response.
const IO_TIMEOUT: Duration = Duration::from_secs(10);

/// One request as it arrived: header names lowercased, in arrival order.
#[derive(Debug)]
struct Recorded {
    method: String,
    path: String,
    headers: Vec<(String, String)>,
    body: String,
}

impl Recorded {
    fn header(&self, name: &str) -> &str {
        let mut values = self.headers.iter().filter(|(n, _)| n == name);
        let (_, value) = values
            .next()
            .unwrap_or_else(|| panic!("no `{name}` header in {self:?}"));
        assert!(values.next().is_none(), "`{name}` sent twice in {self:?}");
        value
    }
}

/// An HTTP/1.1 server on 127.0.0.1 that records each request and answers `200 {}`;
/// stops when dropped.
struct RecordingServer {
    port: u16,
    requests: Arc<Mutex<Vec<Recorded>>>,
    accept_loop: JoinHandle<()>,
}

impl RecordingServer {
    async fn start() -> RecordingServer {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("cannot bind 127.0.0.1:0");
        let port = listener.local_addr().expect("a bound address").port();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let recorded = Arc::clone(&requests);
        let accept_loop = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let recorded = Arc::clone(&recorded);
                tokio::spawn(tokio::time::timeout(IO_TIMEOUT, answer(stream, recorded)));
            }
        });
        RecordingServer {
            port,
            requests,
            accept_loop,
        }
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// The requests recorded since the last call.
    fn take(&self) -> Vec<Recorded> {
        std::mem::take(&mut *self.requests.lock().unwrap_or_else(PoisonError::into_inner))
    }
}

impl Drop for RecordingServer {
    fn drop(&mut self) {
        self.accept_loop.abort();
    }
}

/// Reads one request (headers, then `Content-Length` bytes of body), records it, and
/// answers it.
async fn answer(mut stream: TcpStream, recorded: Arc<Mutex<Vec<Recorded>>>) -> std::io::Result<()> {
    const MAX_REQUEST: usize = 1 << 20;
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 4096];
    let header_end = loop {
        if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break at;
        }
        let read = stream.read(&mut chunk).await?;
        assert!(
            read > 0 && buffer.len() < MAX_REQUEST,
            "incomplete request head: {buffer:?}"
        );
        buffer.extend_from_slice(&chunk[..read]);
    };
    let head = String::from_utf8(buffer[..header_end].to_vec()).expect("a UTF-8 request head");
    let mut lines = head.split("\r\n");
    let request_line: Vec<&str> = lines.next().unwrap_or_default().split(' ').collect();
    let [method, path, "HTTP/1.1"] = request_line.as_slice() else {
        panic!("request line {request_line:?}")
    };
    let headers: Vec<(String, String)> = lines
        .map(|line| {
            let (name, value) = line
                .split_once(':')
                .unwrap_or_else(|| panic!("header line {line:?}"));
            (name.to_ascii_lowercase(), value.trim().to_owned())
        })
        .collect();
    let length: usize = headers
        .iter()
        .find(|(name, _)| name == "content-length")
        .map_or(0, |(_, value)| {
            value.parse().expect("a numeric Content-Length")
        });
    assert!(length <= MAX_REQUEST, "body too large: {length}");
    let mut body = buffer[header_end + 4..].to_vec();
    while body.len() < length {
        let read = stream.read(&mut chunk).await?;
        assert!(read > 0, "body cut short");
        body.extend_from_slice(&chunk[..read]);
    }
    // Recorded before answering, so the requests are in the order the client sent them.
    let request = Recorded {
        method: method.to_string(),
        path: path.to_string(),
        headers,
        body: String::from_utf8(body).expect("a UTF-8 body"),
    };
    recorded
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push(request);
    let response = "HTTP/1.1 200 OK\r\ncontent-type: application/x-amz-json-1.1\r\n\
                    content-length: 2\r\nconnection: close\r\n\r\n{}";
    stream.write_all(response.as_bytes()).await?;
    stream.shutdown().await
}

fn client(server: &RecordingServer, session_token: Option<&str>) -> Client {
    let credentials = Credentials::new(
        ACCESS_KEY,
        SECRET_KEY,
        session_token.map(str::to_owned),
        None,
        "test",
    );
    let config = Config::builder()
        // awsJson: the recorded bodies are compared with botocore's JSON serializer.
        .protocol(WireProtocol::AwsJson1_1)
        .region(REGION)
        .credentials(credentials)
        .endpoint_url(server.url())
        .clock(|| SystemTime::UNIX_EPOCH + Duration::from_secs(SIGNING_TIME))
        .attempt_timeout(IO_TIMEOUT)
        .total_timeout(3 * IO_TIMEOUT)
        .build();
    Client::new(config)
}

/// Sends each operation once, with members set out of model order and some left unset,
/// and returns `(operation, expected body)` in sending order.
///
/// The responses (`{}`) are not what this test is about, so they are not checked.
async fn send_every_operation(client: &Client) -> Vec<(&'static str, &'static str)> {
    let workspace = WorkspaceRequest::builder()
        .tags(Tag::builder().key("team").value("rust").build().unwrap())
        .bundle_id("wsb-0123456789")
        .user_volume_encryption_enabled(false)
        .workspace_properties(
            WorkspaceProperties::builder()
                .protocols(Protocol::Wsp)
                .running_mode(RunningMode::AutoStop)
                .running_mode_auto_stop_timeout_in_minutes(60)
                .build()
                .unwrap(),
        )
        .user_name("alice")
        .directory_id("d-0123456789")
        .build()
        .unwrap();
    let _ = client
        .create_workspaces()
        .workspaces(workspace)
        .send()
        .await;

    let _ = client
        .create_workspaces_pool()
        .running_mode(PoolsRunningMode::AutoStop)
        .timeout_settings(
            TimeoutSettings::builder()
                .max_user_duration_in_seconds(3600)
                .disconnect_timeout_in_seconds(900)
                .build()
                .unwrap(),
        )
        .application_settings(
            ApplicationSettingsRequest::builder()
                .settings_group("group-1")
                .status(ApplicationSettingsStatusEnum::Enabled)
                .build()
                .unwrap(),
        )
        .tags(Tag::builder().key("team").build().unwrap())
        .capacity(
            Capacity::builder()
                .desired_user_sessions(5)
                .build()
                .unwrap(),
        )
        .directory_id("d-0123456789")
        .bundle_id("wsb-0123456789")
        .description("A pool")
        .pool_name("pool-1")
        .send()
        .await;

    let filter = DescribeWorkspacesPoolsFilter::builder()
        .operator(DescribeWorkspacesPoolsFilterOperator::Equals)
        .values("pool-1")
        .name(DescribeWorkspacesPoolsFilterName::PoolName)
        .build()
        .unwrap();
    let _ = client
        .describe_workspaces_pools()
        .limit(5)
        .filters(filter)
        .pool_ids("wspool-abcdefghi")
        .send()
        .await;

    let _ = client
        .update_workspaces_pool()
        .running_mode(PoolsRunningMode::AlwaysOn)
        .capacity(
            Capacity::builder()
                .desired_user_sessions(0)
                .build()
                .unwrap(),
        )
        .pool_id("wspool-abcdefghi")
        .send()
        .await;

    vec![
        (
            "CreateWorkspaces",
            r#"{"Workspaces":[{"DirectoryId":"d-0123456789","UserName":"alice","BundleId":"wsb-0123456789","UserVolumeEncryptionEnabled":false,"WorkspaceProperties":{"RunningMode":"AUTO_STOP","RunningModeAutoStopTimeoutInMinutes":60,"Protocols":["WSP"]},"Tags":[{"Key":"team","Value":"rust"}]}]}"#,
        ),
        (
            "CreateWorkspacesPool",
            r#"{"PoolName":"pool-1","Description":"A pool","BundleId":"wsb-0123456789","DirectoryId":"d-0123456789","Capacity":{"DesiredUserSessions":5},"Tags":[{"Key":"team"}],"ApplicationSettings":{"Status":"ENABLED","SettingsGroup":"group-1"},"TimeoutSettings":{"DisconnectTimeoutInSeconds":900,"MaxUserDurationInSeconds":3600},"RunningMode":"AUTO_STOP"}"#,
        ),
        (
            "DescribeWorkspacesPools",
            r#"{"PoolIds":["wspool-abcdefghi"],"Filters":[{"Name":"PoolName","Values":["pool-1"],"Operator":"EQUALS"}],"Limit":5}"#,
        ),
        (
            "UpdateWorkspacesPool",
            r#"{"PoolId":"wspool-abcdefghi","Capacity":{"DesiredUserSessions":0},"RunningMode":"ALWAYS_ON"}"#,
        ),
    ]
}

/// `8-4-4-4-12` lowercase hex digits, version 4 (what botocore sends too).
fn is_uuid_v4(value: &str) -> bool {
    let groups: Vec<&str> = value.split('-').collect();
    let lengths: Vec<usize> = groups.iter().map(|g| g.len()).collect();
    lengths == [8, 4, 4, 4, 12]
        && value
            .chars()
            .all(|c| c == '-' || c.is_ascii_digit() || ('a'..='f').contains(&c))
        && groups[2].starts_with('4')
}

/// Checks everything but `authorization` (compared with botocore's afterwards).
fn assert_request(
    request: &Recorded,
    operation: &str,
    body: &str,
    port: u16,
    session_token: Option<&str>,
) {
    assert_eq!(
        (request.method.as_str(), request.path.as_str()),
        ("POST", "/"),
        "{operation}"
    );
    let mut names: Vec<&str> = request
        .headers
        .iter()
        .map(|(name, _)| name.as_str())
        .collect();
    names.sort_unstable();
    let mut expected = vec![
        "amz-sdk-invocation-id",
        "amz-sdk-request",
        "authorization",
        "content-length",
        "content-type",
        "host",
        "user-agent",
        "x-amz-date",
        "x-amz-target",
    ];
    if session_token.is_some() {
        expected.push("x-amz-security-token");
        expected.sort_unstable();
    }
    assert_eq!(names, expected, "{operation}: the headers sent");
    assert_eq!(request.header("host"), format!("127.0.0.1:{port}"));
    assert_eq!(
        request.header("x-amz-target"),
        format!("WorkspacesService.{operation}")
    );
    assert_eq!(request.header("content-type"), "application/x-amz-json-1.1");
    assert_eq!(
        request.header("content-length"),
        body.len().to_string(),
        "{operation}"
    );
    assert_eq!(request.header("amz-sdk-request"), "attempt=1; max=3");
    assert!(
        is_uuid_v4(request.header("amz-sdk-invocation-id")),
        "{request:?}"
    );
    assert!(
        request.header("user-agent").starts_with("workspaces/"),
        "{request:?}"
    );
    assert_eq!(request.header("x-amz-date"), AMZ_DATE);
    if let Some(token) = session_token {
        assert_eq!(request.header("x-amz-security-token"), token);
    }
    assert_eq!(request.body, body, "{operation}: the body");
}

/// botocore's `Authorization` for each request (one Python run for all of them).
fn botocore_authorizations(requests: &[(&Recorded, Option<&str>)], port: u16) -> Vec<String> {
    let specs: Vec<serde_json::Value> = requests
        .iter()
        .map(|(request, session_token)| {
            json!({
                "method": request.method,
                "url": format!("http://127.0.0.1:{port}{}", request.path),
                "headers": request.headers,
                "body": request.body,
                "access_key": ACCESS_KEY,
                "secret_key": SECRET_KEY,
                "session_token": session_token,
                "region": REGION,
                "service": "workspaces",
                "amz_date": AMZ_DATE,
            })
        })
        .collect();
    let printed = tests::python::run_script(
        "botocore_sigv4.py",
        &[],
        &serde_json::to_string(&specs).unwrap(),
    );
    serde_json::from_str(&printed)
        .unwrap_or_else(|e| panic!("botocore_sigv4.py printed {printed:?}: {e}"))
}

#[tokio::test]
async fn requests_match_the_model_and_are_signed_like_botocore() {
    let server = RecordingServer::start().await;
    let mut sent = Vec::new();
    for session_token in [None, Some(SESSION_TOKEN)] {
        let expected = send_every_operation(&client(&server, session_token)).await;
        let recorded = server.take();
        assert_eq!(
            recorded.len(),
            expected.len(),
            "one request per operation, no retries: {recorded:#?}"
        );
        for (request, (operation, body)) in recorded.into_iter().zip(expected) {
            assert_request(&request, operation, body, server.port, session_token);
            sent.push((operation, request, session_token));
        }
    }
    let pairs: Vec<(&Recorded, Option<&str>)> = sent
        .iter()
        .map(|(_, request, token)| (request, *token))
        .collect();
    let botocore = botocore_authorizations(&pairs, server.port);
    assert_eq!(botocore.len(), sent.len());
    for ((operation, request, session_token), expected) in sent.iter().zip(&botocore) {
        assert_eq!(
            request.header("authorization"),
            expected,
            "{operation}, session token {session_token:?}"
        );
    }
}
