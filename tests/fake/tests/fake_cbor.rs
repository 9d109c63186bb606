//! The fake over rpcv2Cbor, in process over loopback: malformed CBOR answered 4xx and
//! followed by a good request, one listener and one state for both protocols, and the
//! same validation messages in both.

mod common;
use workspaces_fake as fake;

use common::{Reply, Server, exchange, request};
use serde_json::json;
use smithy_lite_runtime::cbor::CborWriter;
use smithy_lite_runtime::protocol::{Protocol, RpcV2Cbor};
use workspaces::protocol::rpc_v2_cbor::operation::{
    create_workspaces_pool, describe_workspaces_pools,
};
use workspaces::server::{ServerConfig, router_with_config};

const CBOR: &str = "smithy-protocol: rpc-v2-cbor\r\ncontent-type: application/cbor\r\n";

async fn start() -> Server {
    Server::start(router_with_config(
        fake::Fake::new(fake::FakeConfig::default()),
        ServerConfig::default(),
    ))
    .await
}

/// An rpcv2Cbor request of `operation` with `extra` headers and `body`.
fn cbor_call(operation: &str, extra: &str, body: &[u8]) -> Vec<u8> {
    let mut bytes = request("POST", None, extra, body);
    let path = format!("POST /service/WorkspacesService/operation/{operation} ");
    bytes.splice(..b"POST / ".len(), path.into_bytes());
    bytes
}

/// `CreateWorkspacesPool` of a valid pool named `name`, as CBOR.
fn create_pool_cbor(name: &str) -> Vec<u8> {
    let mut w = CborWriter::new();
    w.map(5);
    for (key, value) in [
        ("PoolName", name),
        ("Description", "a pool"),
        ("BundleId", "wsb-12345678"),
        ("DirectoryId", "d-1234567890"),
    ] {
        w.str(key);
        w.str(value);
    }
    w.str("Capacity");
    w.map(1);
    w.str("DesiredUserSessions");
    w.int(2);
    w.into_bytes()
}

/// A one-entry map `{key: <value>}` with the value's bytes as given.
fn map_with(key: &str, value: &[u8]) -> Vec<u8> {
    let mut w = CborWriter::new();
    w.map(1);
    w.str(key);
    let mut bytes = w.into_bytes();
    bytes.extend_from_slice(value);
    bytes
}

fn headers(reply: &Reply) -> http::HeaderMap {
    let mut map = http::HeaderMap::new();
    for (name, value) in &reply.headers {
        map.append(
            http::HeaderName::try_from(name.as_str()).unwrap(),
            http::HeaderValue::try_from(value.as_str()).unwrap(),
        );
    }
    map
}

/// The error type and message of a CBOR error answer.
fn cbor_error(reply: &Reply) -> (String, String) {
    let meta = RpcV2Cbor::STANDARD.error_metadata(reply.status, &headers(reply), &reply.body);
    (
        meta.code().unwrap_or_default().to_owned(),
        meta.message().unwrap_or_default().to_owned(),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_cbor_is_answered_and_the_next_good_request_succeeds() {
    let server = start().await;
    let describe = |body: &[u8]| cbor_call("DescribeWorkspacesPools", CBOR, body);
    let huge_array = [0x9b, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01];
    let huge_text = [0x7b, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, b'a'];
    let huge_map = [0xbb, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff];
    const SERDE: &str = "SerializationException";
    const UNKNOWN: &str = "UnknownOperationException";
    #[rustfmt::skip]
    let cases: Vec<(&str, Vec<u8>, u16, &str)> = vec![
        ("truncated map", describe(&map_with("Limit", &[])), 400, SERDE),
        ("truncated integer", describe(&map_with("Limit", &[0x19, 0x01])), 400, SERDE),
        ("text for an integer", describe(&map_with("Limit", &[0x61, b'5'])), 400, SERDE),
        ("array for a structure", describe(&[0x80]), 400, SERDE),
        ("integer for a list", describe(&map_with("PoolIds", &[0x01])), 400, SERDE),
        ("tag on an integer member", describe(&map_with("Limit", &[0xc1, 0x05])), 400, SERDE),
        ("tag 1 on a string member", describe(&map_with("NextToken", &[0xc1, 0x05])), 400, SERDE),
        ("10,000-deep nesting", describe(&vec![0x81; 10_000]), 400, SERDE),
        ("10,000-deep maps", describe(&[0xa1, 0x61, b'a'].repeat(10_000)), 400, SERDE),
        ("array declared 2^63 long", describe(&map_with("PoolIds", &huge_array)), 400, SERDE),
        ("text declared 2^63 long", describe(&map_with("NextToken", &huge_text)), 400, SERDE),
        ("map declared 2^63 long", describe(&huge_map), 400, SERDE),
        ("invalid UTF-8 text", describe(&map_with("NextToken", &[0x62, 0xc3, 0x28])), 400, SERDE),
        ("invalid UTF-8 key", describe(&[0xa1, 0x62, 0xc3, 0x28, 0x01]), 400, SERDE),
        ("data after the value", describe(&[0xa0, 0xa0]), 400, SERDE),
        ("a lone break", describe(&[0xff]), 400, SERDE),
        ("reserved additional info", describe(&[0x1c]), 400, SERDE),
        ("a map for a string", describe(&map_with("NextToken", &[0xa0])), 400, SERDE),
        ("an integer for an enum", describe(&map_with("Filters", &[0x81, 0xa1, 0x68, b'O', b'p', b'e', b'r', b'a', b't', b'o', b'r', 0x01])), 400, SERDE),
        ("X-Amz-Target present", cbor_call("DescribeWorkspacesPools", &format!("{CBOR}x-amz-target: WorkspacesService.DescribeWorkspacesPools\r\n"), &[0xa0]), 400, UNKNOWN),
        ("no smithy-protocol", cbor_call("DescribeWorkspacesPools", "content-type: application/cbor\r\n", &[0xa0]), 400, UNKNOWN),
        ("unknown operation", cbor_call("DeleteWorkspacesPool", CBOR, &[0xa0]), 404, UNKNOWN),
        ("JSON content type", cbor_call("DescribeWorkspacesPools", "smithy-protocol: rpc-v2-cbor\r\ncontent-type: application/json\r\n", b"{}"), 415, "UnsupportedMediaTypeException"),
        ("2 MiB body", describe(&vec![0xf6; 2 << 20]), 413, "RequestEntityTooLargeException"),
        ("empty body, required members", cbor_call("CreateWorkspacesPool", CBOR, b""), 400, "ValidationException"),
        ("empty body, nothing required", describe(b""), 200, ""),
    ];
    for (i, (what, bytes, status, error_type)) in cases.into_iter().enumerate() {
        let reply = exchange(server.addr, bytes)
            .await
            .unwrap_or_else(|| panic!("{what}: no reply"));
        assert_eq!(reply.status, status, "{what}: {reply:?}");
        assert_eq!(
            reply.header("smithy-protocol"),
            Some("rpc-v2-cbor"),
            "{what}"
        );
        if !error_type.is_empty() {
            let (code, message) = cbor_error(&reply);
            assert_eq!(code, error_type, "{what}: {message}");
            assert!(!message.is_empty(), "{what}");
        }
        let good = exchange(
            server.addr,
            cbor_call(
                "CreateWorkspacesPool",
                CBOR,
                &create_pool_cbor(&format!("after-{i}")),
            ),
        )
        .await
        .unwrap();
        let output =
            create_workspaces_pool::parse_response(good.status, &headers(&good), &good.body)
                .unwrap_or_else(|e| panic!("after {what}: {e:?}"));
        assert_eq!(
            output.workspaces_pool.unwrap().pool_name,
            format!("after-{i}")
        );
    }
    server.stop().await;
}

/// One listener, one state: what is created in one protocol is listed in the other.
#[tokio::test]
async fn both_protocols_share_one_listener_and_one_state() {
    let server = start().await;
    let created = exchange(
        server.addr,
        cbor_call("CreateWorkspacesPool", CBOR, &create_pool_cbor("by-cbor")),
    )
    .await
    .unwrap();
    assert_eq!(created.status, 200, "{created:?}");
    assert_eq!(created.header("content-type"), Some("application/cbor"));

    let body = json!({
        "PoolName": "by-json", "Description": "a pool", "BundleId": "wsb-12345678",
        "DirectoryId": "d-1234567890", "Capacity": {"DesiredUserSessions": 2},
    });
    let json_call = |operation: &str, body: &[u8]| {
        request(
            "POST",
            Some(&format!("WorkspacesService.{operation}")),
            "content-type: application/x-amz-json-1.1\r\n",
            body,
        )
    };
    let reply = exchange(
        server.addr,
        json_call("CreateWorkspacesPool", body.to_string().as_bytes()),
    )
    .await
    .unwrap();
    assert_eq!(reply.status, 200, "{reply:?}");

    let listed = exchange(server.addr, json_call("DescribeWorkspacesPools", b"{}"))
        .await
        .unwrap();
    assert_eq!(
        listed.header("content-type"),
        Some("application/x-amz-json-1.1")
    );
    let names: Vec<_> = listed.json()["WorkspacesPools"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["PoolName"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(names, ["by-cbor", "by-json"]);

    let listed = exchange(
        server.addr,
        cbor_call("DescribeWorkspacesPools", CBOR, &[0xa0]),
    )
    .await
    .unwrap();
    let output =
        describe_workspaces_pools::parse_response(listed.status, &headers(&listed), &listed.body)
            .unwrap();
    let names: Vec<_> = output
        .workspaces_pools
        .unwrap()
        .into_iter()
        .map(|p| p.pool_name)
        .collect();
    assert_eq!(names, ["by-cbor", "by-json"]);
    server.stop().await;
}

/// The same invalid input gets the same answer in both protocols.
#[tokio::test]
async fn validation_messages_are_the_same_in_both_protocols() {
    let server = start().await;
    let mut w = CborWriter::new();
    w.map(2);
    w.str("PoolName");
    w.str("bad name!");
    w.str("Capacity");
    w.map(1);
    w.str("DesiredUserSessions");
    w.int(-1);
    let cbor = exchange(
        server.addr,
        cbor_call("CreateWorkspacesPool", CBOR, &w.into_bytes()),
    )
    .await
    .unwrap();
    let body = json!({"PoolName": "bad name!", "Capacity": {"DesiredUserSessions": -1}});
    let json = exchange(
        server.addr,
        request(
            "POST",
            Some("WorkspacesService.CreateWorkspacesPool"),
            "content-type: application/x-amz-json-1.1\r\n",
            body.to_string().as_bytes(),
        ),
    )
    .await
    .unwrap();
    let (code, message) = cbor_error(&cbor);
    assert_eq!((cbor.status, code.as_str()), (400, "ValidationException"));
    assert_eq!(json.status, 400);
    assert_eq!(json.json()["message"].as_str(), Some(message.as_str()));
    assert!(
        message.starts_with("5 validation errors detected"),
        "{message}"
    );
    server.stop().await;
}

/// The generated client in each protocol against the fake: every operation, a modeled
/// error and a server-side validation error, each read into its typed variant.
#[tokio::test]
async fn the_client_calls_every_operation_of_the_fake_in_each_protocol() {
    use workspaces::client::{Client, Config, Credentials, WireProtocol};
    use workspaces::operation::update_workspaces_pool::UpdateWorkspacesPoolError;
    use workspaces::types::{Capacity, WorkspaceRequest};

    for protocol in [WireProtocol::RpcV2Cbor, WireProtocol::AwsJson1_1] {
        let mut directories = std::collections::BTreeSet::new();
        directories.insert("d-1234567890".to_owned());
        let server = Server::start(router_with_config(
            fake::Fake::new(fake::FakeConfig {
                directories,
                ..fake::FakeConfig::default()
            }),
            ServerConfig::default(),
        ))
        .await;
        let client = Client::new(
            Config::builder()
                .protocol(protocol)
                .region("us-east-1")
                .credentials(Credentials::new("AKID", "SECRET", None, None, "test"))
                .endpoint_url(format!("http://{}", server.addr))
                .total_timeout(std::time::Duration::from_secs(10))
                .build(),
        );
        let capacity = |n| {
            Capacity::builder()
                .desired_user_sessions(n)
                .build()
                .unwrap()
        };
        let pool = client
            .create_workspaces_pool()
            .pool_name("team-a")
            .description("a pool")
            .bundle_id("wsb-12345678")
            .directory_id("d-1234567890")
            .capacity(capacity(2))
            .send()
            .await
            .unwrap_or_else(|e| panic!("{protocol}: {e}"))
            .workspaces_pool
            .unwrap();
        let updated = client
            .update_workspaces_pool()
            .pool_id(&pool.pool_id)
            .capacity(capacity(4))
            .send()
            .await
            .unwrap()
            .workspaces_pool
            .unwrap();
        assert_eq!(
            updated.capacity_status.desired_user_sessions, 4,
            "{protocol}"
        );
        let listed = client
            .describe_workspaces_pools()
            .pool_ids(&pool.pool_id)
            .send()
            .await
            .unwrap();
        assert_eq!(listed.workspaces_pools.unwrap()[0].pool_name, "team-a");
        let request = |directory: &str| {
            WorkspaceRequest::builder()
                .directory_id(directory)
                .user_name("ana")
                .bundle_id("wsb-12345678")
                .build()
                .unwrap()
        };
        let created = client
            .create_workspaces()
            .workspaces(request("d-1234567890"))
            .workspaces(request("d-0000000000"))
            .send()
            .await
            .unwrap();
        assert_eq!(created.pending_requests.unwrap().len(), 1, "{protocol}");
        assert_eq!(created.failed_requests.unwrap().len(), 1, "{protocol}");

        let missing = client
            .update_workspaces_pool()
            .pool_id("wspool-000000000")
            .description("x")
            .send()
            .await
            .unwrap_err();
        assert!(
            matches!(
                missing,
                UpdateWorkspacesPoolError::ResourceNotFoundException(_)
            ),
            "{protocol}: {missing:?}"
        );
        // What the client lets through (an enum value it does not know), the server rejects.
        let invalid = client
            .create_workspaces_pool()
            .pool_name("team-b")
            .description("a pool")
            .bundle_id("wsb-12345678")
            .directory_id("d-1234567890")
            .capacity(capacity(1))
            .running_mode(workspaces::types::PoolsRunningMode::from("SOMETIMES"))
            .send()
            .await
            .unwrap_err();
        let workspaces::operation::create_workspaces_pool::CreateWorkspacesPoolError::Unhandled(
            meta,
        ) = &invalid
        else {
            panic!("{protocol}: {invalid:?}")
        };
        assert_eq!(meta.code(), Some("ValidationException"), "{protocol}");
        server.stop().await;
    }
}
