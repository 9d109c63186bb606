//! The fake (`src/bin/workspaces-fake`) behind the generated server, in process over
//! loopback: malformed requests, strict validation, and concurrent clients.

mod common;
use workspaces_fake as fake;

use common::{Reply, Server, WAIT, deep, exchange, read_reply, request};
use serde_json::{Value, json};
use std::collections::HashSet;
use std::net::SocketAddr;
use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;
use workspaces::server::{ServerConfig, router_with_config};

const JSON_11: &str = "content-type: application/x-amz-json-1.1\r\n";

/// The fake with `config` behind the generated server.
async fn start(config: fake::FakeConfig) -> Server {
    Server::start(router_with_config(
        fake::Fake::new(config),
        ServerConfig::default(),
    ))
    .await
}

/// `WorkspacesService.<operation>` with `body`, as an SDK sends it.
fn call(operation: &str, body: &[u8]) -> Vec<u8> {
    request(
        "POST",
        Some(&format!("WorkspacesService.{operation}")),
        JSON_11,
        body,
    )
}

fn create_pool_body(name: &str) -> Vec<u8> {
    let body = json!({
        "PoolName": name, "Description": "a pool", "BundleId": "wsb-12345678",
        "DirectoryId": "d-1234567890", "Capacity": {"DesiredUserSessions": 2},
    });
    body.to_string().into_bytes()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_requests_are_answered_and_the_next_good_one_succeeds() {
    let server = start(fake::FakeConfig::default()).await;
    let describe = "WorkspacesService.DescribeWorkspacesPools";
    #[rustfmt::skip]
    let cases: Vec<(&str, Vec<u8>, u16, &str)> = vec![
        ("bad JSON", call("DescribeWorkspacesPools", b"{\"Limit\":"), 400, "SerializationException"),
        ("wrong member type", call("DescribeWorkspacesPools", b"{\"Limit\":\"5\"}"), 400, "SerializationException"),
        ("trailing garbage", call("DescribeWorkspacesPools", b"{} {}"), 400, "SerializationException"),
        ("not an object", call("DescribeWorkspacesPools", b"[]"), 400, "SerializationException"),
        ("wrong target prefix", request("POST", Some("Workspaces.DescribeWorkspacesPools"), JSON_11, b"{}"), 400, "UnknownOperationException"),
        ("unknown operation", call("DeleteWorkspacesPool", b"{}"), 400, "UnknownOperationException"),
        ("no target", request("POST", None, JSON_11, b"{}"), 400, "UnknownOperationException"),
        ("GET", request("GET", Some(describe), "", b""), 405, "UnknownOperationException"),
        ("wrong content type", request("POST", Some(describe), "content-type: application/json\r\n", b"{}"), 415, "UnsupportedMediaTypeException"),
        ("2 MiB body", call("DescribeWorkspacesPools", &vec![b' '; 2 << 20]), 413, "RequestEntityTooLargeException"),
        ("10,000 deep", call("DescribeWorkspacesPools", &deep(10_000)), 400, "SerializationException"),
        ("invalid UTF-8", call("DescribeWorkspacesPools", b"{\"NextToken\":\"\xc3\x28\"}"), 400, "SerializationException"),
        ("empty body, required members", call("CreateWorkspacesPool", b""), 400, "ValidationException"),
        ("empty body, nothing required", call("DescribeWorkspacesPools", b""), 200, ""),
    ];
    for (i, (what, bytes, status, error_type)) in cases.into_iter().enumerate() {
        let reply = exchange(server.addr, bytes)
            .await
            .unwrap_or_else(|| panic!("{what}: no reply"));
        assert_eq!(
            (reply.status, reply.error_type().as_str()),
            (status, error_type),
            "{what}: {reply:?}"
        );
        if !error_type.is_empty() {
            assert_eq!(reply.header("x-amzn-errortype"), Some(error_type), "{what}");
            assert!(
                reply.json()["message"]
                    .as_str()
                    .is_some_and(|m| !m.is_empty()),
                "{what}: {reply:?}"
            );
        }
        let good = exchange(
            server.addr,
            call(
                "CreateWorkspacesPool",
                &create_pool_body(&format!("after-{i}")),
            ),
        )
        .await
        .unwrap();
        assert_eq!(good.status, 200, "after {what}: {good:?}");
        assert_eq!(
            good.json()["WorkspacesPool"]["PoolName"],
            format!("after-{i}")
        );
    }
    server.stop().await;
}

#[tokio::test]
async fn strict_validation_names_every_member_at_fault() {
    let server = start(fake::FakeConfig::default()).await;
    let cases = [
        (
            "CreateWorkspacesPool",
            json!({}),
            vec![
                "Value null at 'poolName' failed to satisfy constraint: Member must not be null",
                "Value null at 'description' failed to satisfy constraint: Member must not be null",
                "Value null at 'bundleId' failed to satisfy constraint: Member must not be null",
                "Value null at 'directoryId' failed to satisfy constraint: Member must not be null",
                "Value null at 'capacity' failed to satisfy constraint: Member must not be null",
            ],
        ),
        (
            "CreateWorkspacesPool",
            json!({"PoolName": "-bad", "Description": "", "BundleId": "wsb-12345678", "DirectoryId": "d-1234567890",
                   "Capacity": {}, "RunningMode": "SOMETIMES", "TimeoutSettings": {"MaxUserDurationInSeconds": 1}}),
            vec![
                "Value '-bad' at 'poolName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$",
                "Value '' at 'description' failed to satisfy constraint: Member must have length greater than or equal to 1",
                "Value '' at 'description' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9_./() -]+$",
                "Value null at 'capacity.desiredUserSessions' failed to satisfy constraint: Member must not be null",
                "Value '1' at 'timeoutSettings.maxUserDurationInSeconds' failed to satisfy constraint: Member must have value greater than or equal to 600",
                "Value 'SOMETIMES' at 'runningMode' failed to satisfy constraint: Member must satisfy enum value set: [AUTO_STOP, ALWAYS_ON]",
            ],
        ),
        (
            "DescribeWorkspacesPools",
            json!({"Limit": 0, "Filters": [{"Name": "Size", "Values": ["ok-name"], "Operator": "LIKE"}]}),
            vec![
                "Value 'Size' at 'filters.1.member.name' failed to satisfy constraint: Member must satisfy enum value set: [PoolName]",
                "Value 'LIKE' at 'filters.1.member.operator' failed to satisfy constraint: Member must satisfy enum value set: [EQUALS, NOTEQUALS, CONTAINS, NOTCONTAINS]",
                "Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
            ],
        ),
        (
            "CreateWorkspaces",
            json!({"Workspaces": [
                {"DirectoryId": "d-1234567890", "UserName": "ok", "BundleId": "wsb-12345678"},
                {"DirectoryId": "nope", "UserName": "", "BundleId": "wsb-12345678"},
            ]}),
            vec![
                "Value 'nope' at 'workspaces.2.member.directoryId' failed to satisfy constraint: Member must have length greater than or equal to 10",
                "Value 'nope' at 'workspaces.2.member.directoryId' failed to satisfy constraint: Member must satisfy regular expression pattern: ^(d-[0-9a-f]{8,63}$)|(wsd-[0-9a-z]{8,63}$)",
                "Value '' at 'workspaces.2.member.userName' failed to satisfy constraint: Member must have length greater than or equal to 1",
            ],
        ),
    ];
    for (operation, body, expected) in cases {
        let reply = exchange(server.addr, call(operation, body.to_string().as_bytes()))
            .await
            .unwrap();
        assert_eq!(
            (reply.status, reply.error_type().as_str()),
            (400, "ValidationException"),
            "{body}"
        );
        let count = expected.len();
        let message = format!(
            "{count} validation error{} detected: {}",
            if count == 1 { "" } else { "s" },
            expected.join("; ")
        );
        assert_eq!(reply.json()["message"], message, "{body}");
    }
    server.stop().await;
}

#[tokio::test]
async fn a_body_full_of_violations_gets_a_prompt_bounded_answer() {
    let server = start(fake::FakeConfig::default()).await;
    // 20,000 empty requests: each lacks its three required members (linear work, or
    // this would take minutes).
    let body = format!("{{\"Workspaces\":[{}{{}}]}}", "{},".repeat(19_999));
    let started = std::time::Instant::now();
    let reply = exchange(server.addr, call("CreateWorkspaces", body.as_bytes()))
        .await
        .unwrap();
    assert_eq!(
        (reply.status, reply.error_type().as_str()),
        (400, "ValidationException")
    );
    let message = reply.json()["message"].as_str().unwrap().to_owned();
    assert!(
        message.starts_with("60001 validation errors detected: Value at 'workspaces' failed"),
        "{message:.200}"
    );
    assert!(
        message.ends_with("; and 59901 more"),
        "{}",
        &message[message.len() - 100..]
    );
    assert!(reply.body.len() < 64 << 10, "{} bytes", reply.body.len());
    assert!(started.elapsed() < WAIT / 2, "{:?}", started.elapsed());
    server.stop().await;
}

/// One client on one keep-alive connection.
struct Client {
    stream: TcpStream,
    buf: Vec<u8>,
}

impl Client {
    async fn connect(addr: SocketAddr) -> Client {
        Client {
            stream: TcpStream::connect(addr).await.unwrap(),
            buf: Vec::new(),
        }
    }

    async fn call(&mut self, operation: &str, body: &Value) -> Reply {
        let bytes = call(operation, body.to_string().as_bytes());
        tokio::time::timeout(WAIT, self.stream.write_all(&bytes))
            .await
            .unwrap()
            .unwrap();
        let reply = tokio::time::timeout(WAIT, read_reply(&mut self.stream, &mut self.buf))
            .await
            .unwrap();
        reply.expect("a reply on the open connection")
    }

    /// Every pool, through DescribeWorkspacesPools pages of `limit`; bounded.
    async fn all_pool_ids(&mut self, limit: usize) -> Vec<String> {
        let mut ids = Vec::new();
        let mut token: Option<String> = None;
        for _ in 0..10_000 {
            let mut body = json!({"Limit": limit});
            if let Some(token) = &token {
                body["NextToken"] = json!(token);
            }
            let reply = self.call("DescribeWorkspacesPools", &body).await;
            assert_eq!(reply.status, 200, "{reply:?}");
            let page = reply.json();
            let pools = page["WorkspacesPools"].as_array().unwrap();
            assert!(pools.len() <= limit);
            ids.extend(
                pools
                    .iter()
                    .map(|p| p["PoolId"].as_str().unwrap().to_owned()),
            );
            match page["NextToken"].as_str() {
                Some(next) => token = Some(next.to_owned()),
                None => return ids,
            }
        }
        panic!("paging did not end");
    }
}

/// What client `client` sends as its `i`th request, and checks of the answer.
async fn mixed_request(client: &mut Client, name: &str, i: usize, created: &mut Vec<String>) {
    match i % 5 {
        0 | 1 => {
            let reply = client
                .call(
                    "CreateWorkspacesPool",
                    &serde_json::from_slice(&create_pool_body(name)).unwrap(),
                )
                .await;
            assert_eq!(reply.status, 200, "{reply:?}");
            let pool = &reply.json()["WorkspacesPool"];
            assert_eq!(
                (pool["PoolName"].as_str(), pool["State"].as_str()),
                (Some(name), Some("CREATING"))
            );
            created.push(pool["PoolId"].as_str().unwrap().to_owned());
        }
        2 => {
            // A name this client took already.
            let taken = format!("{}-0", name.rsplit_once('-').unwrap().0);
            let reply = client
                .call(
                    "CreateWorkspacesPool",
                    &serde_json::from_slice(&create_pool_body(&taken)).unwrap(),
                )
                .await;
            assert_eq!(
                (reply.status, reply.error_type().as_str()),
                (400, "ResourceAlreadyExistsException"),
                "{reply:?}"
            );
        }
        3 => {
            let id = created.last().unwrap();
            let body = json!({"PoolId": id, "Capacity": {"DesiredUserSessions": i}});
            let reply = client.call("UpdateWorkspacesPool", &body).await;
            assert_eq!(reply.status, 200, "{reply:?}");
            let status = &reply.json()["WorkspacesPool"]["CapacityStatus"];
            assert_eq!(
                (
                    status["DesiredUserSessions"].as_u64(),
                    status["AvailableUserSessions"].as_u64()
                ),
                (Some(i as u64), Some(i as u64))
            );
        }
        _ => {
            let reply = client
                .call("DescribeWorkspacesPools", &json!({"PoolIds": [created[0]]}))
                .await;
            assert_eq!(reply.status, 200, "{reply:?}");
            let pools = reply.json()["WorkspacesPools"].clone();
            assert_eq!(
                (pools.as_array().unwrap().len(), pools[0]["State"].as_str()),
                (1, Some("RUNNING"))
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_clients_see_consistent_state_and_stable_pages() {
    const CLIENTS: usize = 8;
    const REQUESTS: usize = 500;
    let server = start(fake::FakeConfig::default()).await;
    let addr = server.addr;
    // A pool that exists before the load: every page walk must see it exactly once.
    let mut setup = Client::connect(addr).await;
    let first = setup
        .call(
            "CreateWorkspacesPool",
            &serde_json::from_slice(&create_pool_body("before-load")).unwrap(),
        )
        .await;
    let first_id = first.json()["WorkspacesPool"]["PoolId"]
        .as_str()
        .unwrap()
        .to_owned();
    let pager = tokio::spawn(async move {
        let mut walks = 0;
        for _ in 0..20 {
            let ids = setup.all_pool_ids(7).await;
            let unique: HashSet<&String> = ids.iter().collect();
            assert_eq!(unique.len(), ids.len(), "a page walk saw a pool twice");
            assert!(unique.contains(&first_id));
            walks += 1;
        }
        walks
    });
    let clients: Vec<_> = (0..CLIENTS)
        .map(|c| {
            tokio::spawn(async move {
                let mut client = Client::connect(addr).await;
                let mut created = Vec::new();
                for i in 0..REQUESTS {
                    mixed_request(&mut client, &format!("client{c}-{i}"), i, &mut created).await;
                }
                created
            })
        })
        .collect();
    let mut created = vec![];
    for client in clients {
        created.extend(client.await.unwrap());
    }
    assert_eq!(pager.await.unwrap(), 20);
    let mut client = Client::connect(addr).await;
    let listed = client.all_pool_ids(25).await;
    assert_eq!(listed.len(), created.len() + 1);
    let listed: HashSet<String> = listed.into_iter().collect();
    assert!(created.iter().all(|id| listed.contains(id)));
    assert_eq!(created.len(), CLIENTS * REQUESTS * 2 / 5);
    server.stop().await;
}

#[tokio::test]
async fn filters_paging_and_unknown_directories() {
    let directories = ["d-1234567890".to_owned()].into_iter().collect();
    let server = start(fake::FakeConfig {
        directories,
        ..fake::FakeConfig::default()
    })
    .await;
    let mut client = Client::connect(server.addr).await;
    for name in ["alpha-1", "alpha-2", "beta-1"] {
        assert_eq!(
            client
                .call(
                    "CreateWorkspacesPool",
                    &serde_json::from_slice(&create_pool_body(name)).unwrap()
                )
                .await
                .status,
            200
        );
    }
    let names = |reply: Reply| -> Vec<String> {
        let pools = reply.json()["WorkspacesPools"].as_array().unwrap().clone();
        pools
            .iter()
            .map(|p| p["PoolName"].as_str().unwrap().to_owned())
            .collect()
    };
    for (operator, values, expected) in [
        (
            "EQUALS",
            vec!["alpha-2", "beta-1"],
            vec!["alpha-2", "beta-1"],
        ),
        ("NOTEQUALS", vec!["alpha-2"], vec!["alpha-1", "beta-1"]),
        ("CONTAINS", vec!["alpha"], vec!["alpha-1", "alpha-2"]),
        ("NOTCONTAINS", vec!["alpha", "a-2"], vec!["beta-1"]),
    ] {
        let body =
            json!({"Filters": [{"Name": "PoolName", "Values": values, "Operator": operator}]});
        assert_eq!(
            names(client.call("DescribeWorkspacesPools", &body).await),
            expected,
            "{operator}"
        );
    }
    let page = client
        .call("DescribeWorkspacesPools", &json!({"Limit": 2}))
        .await
        .json();
    let rest = client
        .call(
            "DescribeWorkspacesPools",
            &json!({"Limit": 2, "NextToken": page["NextToken"]}),
        )
        .await;
    assert_eq!(names(rest), ["beta-1"]);
    let bad_token = client
        .call("DescribeWorkspacesPools", &json!({"NextToken": "nope"}))
        .await;
    assert_eq!(bad_token.error_type(), "InvalidParameterValuesException");
    let unknown = client
        .call(
            "DescribeWorkspacesPools",
            &json!({"PoolIds": ["wspool-000000000"]}),
        )
        .await;
    assert_eq!(unknown.error_type(), "ResourceNotFoundException");
    // A modeled error's other members travel beside `__type` and `message`.
    assert_eq!(unknown.json()["ResourceId"], "wspool-000000000");

    let request = |directory: &str| json!({"DirectoryId": directory, "UserName": "user", "BundleId": "wsb-12345678"});
    let body = json!({"Workspaces": [request("d-1234567890"), request("d-0000000000")]});
    let reply = client.call("CreateWorkspaces", &body).await.json();
    let pending = &reply["PendingRequests"][0];
    assert_eq!(pending["State"], "PENDING");
    assert!(pending["WorkspaceId"].as_str().unwrap().len() == "ws-".len() + 9);
    let failed = &reply["FailedRequests"][0];
    assert_eq!(failed["ErrorCode"], "ResourceNotFound.Directory");
    assert_eq!(failed["WorkspaceRequest"]["DirectoryId"], "d-0000000000");
    let pool = client
        .call(
            "CreateWorkspacesPool",
            &serde_json::from_slice(&create_pool_body("x1")).unwrap(),
        )
        .await;
    assert_eq!(pool.status, 200);
    let mut other_directory: Value = serde_json::from_slice(&create_pool_body("x2")).unwrap();
    other_directory["DirectoryId"] = json!("d-0000000000");
    assert_eq!(
        client
            .call("CreateWorkspacesPool", &other_directory)
            .await
            .error_type(),
        "ResourceNotFoundException"
    );
    server.stop().await;
}
