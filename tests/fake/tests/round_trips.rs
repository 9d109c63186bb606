//! The generated awsJson codecs against realistic traffic, through the crate's public
//! client and server: the request and response examples of the four boto3 pages the
//! crate was seeded from (`tests/fixtures/`), a large DescribeWorkspacesPools response
//! with members and enum values this crate does not know, and every modeled error in
//! each `__type` spelling boto3 accepts.
//!
//! The server reads a request fixture into an input (strictly) and a client sends that
//! input again; the client reads a response fixture into an output and the server
//! answers with it. Each written body must equal its fixture as JSON.

mod common;

use std::any::Any;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use common::{Server, exchange, request};
use serde_json::Value;
use workspaces::api::{
    BoxFuture, CreateWorkspacesApi, CreateWorkspacesPoolApi, DescribeWorkspacesPoolsApi,
    UpdateWorkspacesPoolApi,
};
use workspaces::client::{Client, Config, Credentials, InMemoryTransport, WireProtocol};
use workspaces::error::ErrorMetadata;
use workspaces::operation::create_workspaces::{
    CreateWorkspacesError, CreateWorkspacesRequest, CreateWorkspacesResult,
};
use workspaces::operation::create_workspaces_pool::{
    CreateWorkspacesPoolError, CreateWorkspacesPoolRequest, CreateWorkspacesPoolResult,
};
use workspaces::operation::describe_workspaces_pools::{
    DescribeWorkspacesPoolsError, DescribeWorkspacesPoolsRequest, DescribeWorkspacesPoolsResult,
};
use workspaces::operation::update_workspaces_pool::{
    UpdateWorkspacesPoolError, UpdateWorkspacesPoolRequest, UpdateWorkspacesPoolResult,
};
use workspaces::server::router;
use workspaces::types::{WorkspacesPoolErrorCode, WorkspacesPoolState};

fn fixture(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// JSON equality by value: member order is free, numbers compare as numbers
/// (`1709294400` and `1709294400.0` are the same time).
fn json_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x == y || x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| json_eq(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| json_eq(v, w)))
        }
        _ => a == b,
    }
}

fn assert_same_json(written: &[u8], original: &[u8], what: &str) {
    let written: Value = serde_json::from_slice(written).expect("the codec writes JSON");
    let original: Value = serde_json::from_slice(original).expect("fixtures are JSON");
    assert!(
        json_eq(&written, &original),
        "{what} changed in the round trip\nwritten:  {written}\noriginal: {original}"
    );
}

/// A server implementation that keeps every input it is called with and answers
/// with the output it was given, or an unmodeled error when it has none.
#[derive(Clone, Default)]
struct Recorder {
    inputs: Arc<Mutex<Vec<Box<dyn Any + Send>>>>,
    output: Arc<Mutex<Option<Box<dyn Any + Send>>>>,
}

impl Recorder {
    fn answer<I: Send + 'static, O: Send + 'static, E: From<ErrorMetadata> + Send + 'static>(
        &self,
        input: I,
    ) -> BoxFuture<'_, Result<O, E>> {
        self.inputs.lock().unwrap().push(Box::new(input));
        let output = self.output.lock().unwrap().take();
        Box::pin(async move {
            match output {
                Some(output) => Ok(*output
                    .downcast::<O>()
                    .expect("the output of this operation")),
                None => Err(E::from(ErrorMetadata::new(
                    500,
                    Some("NoOutput".into()),
                    None,
                    None,
                ))),
            }
        })
    }

    fn last_input<I: 'static>(&self) -> I {
        let input = self
            .inputs
            .lock()
            .unwrap()
            .pop()
            .expect("the server was called");
        *input.downcast::<I>().expect("the input of this operation")
    }
}

impl CreateWorkspacesApi for Recorder {
    fn create_workspaces(
        &self,
        input: CreateWorkspacesRequest,
    ) -> BoxFuture<'_, Result<CreateWorkspacesResult, CreateWorkspacesError>> {
        self.answer(input)
    }
}

impl CreateWorkspacesPoolApi for Recorder {
    fn create_workspaces_pool(
        &self,
        input: CreateWorkspacesPoolRequest,
    ) -> BoxFuture<'_, Result<CreateWorkspacesPoolResult, CreateWorkspacesPoolError>> {
        self.answer(input)
    }
}

impl DescribeWorkspacesPoolsApi for Recorder {
    fn describe_workspaces_pools(
        &self,
        input: DescribeWorkspacesPoolsRequest,
    ) -> BoxFuture<'_, Result<DescribeWorkspacesPoolsResult, DescribeWorkspacesPoolsError>> {
        self.answer(input)
    }
}

impl UpdateWorkspacesPoolApi for Recorder {
    fn update_workspaces_pool(
        &self,
        input: UpdateWorkspacesPoolRequest,
    ) -> BoxFuture<'_, Result<UpdateWorkspacesPoolResult, UpdateWorkspacesPoolError>> {
        self.answer(input)
    }
}

/// A client whose every call is answered by `status` and `body`.
fn client_answering(status: u16, body: Vec<u8>) -> (Client, InMemoryTransport) {
    let response = http::Response::builder()
        .status(status)
        .body(Bytes::from(body))
        .expect("a response");
    let transport = InMemoryTransport::from_responses([response]);
    let config = Config::builder()
        // The fixtures are awsJson bodies.
        .protocol(WireProtocol::AwsJson1_1)
        .region("us-east-1")
        .credentials(Credentials::new("AKID", "SECRET", None, None, "test"))
        .http_transport(transport.clone())
        .build();
    (Client::new(config), transport)
}

/// What the server answers to `body` sent as `operation`: status and body.
async fn serve_once(recorder: &Recorder, operation: &str, body: &[u8]) -> (u16, Vec<u8>) {
    let server = Server::start(router(recorder.clone())).await;
    let target = format!("WorkspacesService.{operation}");
    let reply = exchange(
        server.addr,
        request(
            "POST",
            Some(&target),
            "content-type: application/x-amz-json-1.1\r\n",
            body,
        ),
    )
    .await
    .expect("a reply");
    server.stop().await;
    (reply.status, reply.body)
}

/// The request fixture through the server (strictly) and out of the client; the
/// response fixture through the client and out of the server.
async fn round_trip<I, O, E>(
    name: &str,
    operation: &str,
    call: for<'a> fn(&'a Client, I) -> BoxFuture<'a, Result<O, E>>,
) where
    I: Send + 'static,
    O: Send + 'static,
    E: std::fmt::Debug,
{
    let recorder = Recorder::default();
    let request_body = fixture(&format!("{name}.request.json"));
    let (status, body) = serve_once(&recorder, operation, &request_body).await;
    assert_eq!(
        status,
        500,
        "the recorder has no output yet: {}",
        String::from_utf8_lossy(&body)
    );
    let input: I = recorder.last_input();

    let (client, transport) = client_answering(200, fixture(&format!("{name}.response.json")));
    let output = call(&client, input)
        .await
        .expect("the response fixture parses");
    let sent = transport
        .requests()
        .pop()
        .expect("the client sent the request");
    assert_same_json(sent.body(), &request_body, &format!("{name} request"));

    *recorder.output.lock().unwrap() = Some(Box::new(output));
    let (status, body) = serve_once(&recorder, operation, &request_body).await;
    assert_eq!(status, 200);
    assert_same_json(
        &body,
        &fixture(&format!("{name}.response.json")),
        &format!("{name} response"),
    );
}

#[tokio::test]
async fn create_workspaces_pool() {
    round_trip::<CreateWorkspacesPoolRequest, _, _>(
        "create_workspaces_pool",
        "CreateWorkspacesPool",
        |c, i| CreateWorkspacesPoolApi::create_workspaces_pool(c, i),
    )
    .await;
}

#[tokio::test]
async fn update_workspaces_pool() {
    round_trip::<UpdateWorkspacesPoolRequest, _, _>(
        "update_workspaces_pool",
        "UpdateWorkspacesPool",
        |c, i| UpdateWorkspacesPoolApi::update_workspaces_pool(c, i),
    )
    .await;
}

#[tokio::test]
async fn describe_workspaces_pools() {
    round_trip::<DescribeWorkspacesPoolsRequest, _, _>(
        "describe_workspaces_pools",
        "DescribeWorkspacesPools",
        |c, i| DescribeWorkspacesPoolsApi::describe_workspaces_pools(c, i),
    )
    .await;
}

#[tokio::test]
async fn create_workspaces() {
    round_trip::<CreateWorkspacesRequest, _, _>("create_workspaces", "CreateWorkspaces", |c, i| {
        CreateWorkspacesApi::create_workspaces(c, i)
    })
    .await;
}

/// One pool of the large response; every seventh has a state and an error code from
/// the future, and every pool carries members the model does not have.
fn future_pool(i: usize) -> Value {
    let state = if i.is_multiple_of(7) {
        "HIBERNATING"
    } else {
        ["RUNNING", "STOPPED", "UPDATING"][i % 3]
    };
    let error_code = if i.is_multiple_of(7) {
        "QUANTUM_FLUX_EXCEEDED"
    } else {
        "SUBNET_NOT_FOUND"
    };
    serde_json::json!({
        "PoolId": format!("wspool-{i:09}"),
        "PoolArn": format!("arn:aws:workspaces:us-west-2:123456789012:workspacespool/wspool-{i:09}"),
        "CapacityStatus": {
            "AvailableUserSessions": i % 10, "DesiredUserSessions": 10, "ActualUserSessions": 10,
            "ActiveUserSessions": 10 - i % 10, "ReservedUserSessions": 2
        },
        "PoolName": format!("pool-{i}"),
        "Description": "Load test pool",
        "State": state,
        "CreatedAt": 1718201234.5 + i as f64,
        "BundleId": "wsb-8vbljg4r6",
        "DirectoryId": "wsd-4x7k2m9pq",
        "Errors": [{ "ErrorCode": error_code, "ErrorMessage": "see the console", "Severity": "LOW" }],
        "RunningMode": "AUTO_STOP",
        "NetworkAccess": { "Mode": "PRIVATE", "Endpoints": [{ "Id": "vpce-1", "Tags": {"a": [1, 2, {"b": null}]} }] },
        "FutureFlag": true
    })
}

#[tokio::test]
async fn a_thousand_pools_with_unknown_members_and_values() {
    let pools: Vec<Value> = (0..1000).map(future_pool).collect();
    let body = serde_json::to_vec(
        &serde_json::json!({ "WorkspacesPools": pools, "NextToken": "t", "Shards": 4 }),
    )
    .unwrap();
    let (client, _) = client_answering(200, body);
    let output = client
        .describe_workspaces_pools()
        .send()
        .await
        .expect("unknown members and enum values are no error");
    let pools = output.workspaces_pools.expect("the pools");
    assert_eq!(pools.len(), 1000);
    for (i, pool) in pools.iter().enumerate() {
        assert_eq!(pool.pool_id, format!("wspool-{i:09}"));
        let code = &pool.errors.as_ref().expect("errors")[0].error_code;
        if i.is_multiple_of(7) {
            assert!(
                matches!(pool.state, WorkspacesPoolState::Unknown(_)),
                "{:?}",
                pool.state
            );
            assert_eq!(pool.state.as_str(), "HIBERNATING");
            assert_eq!(
                code.as_ref().map(|c| c.as_str()),
                Some("QUANTUM_FLUX_EXCEEDED")
            );
            assert!(matches!(code, Some(WorkspacesPoolErrorCode::Unknown(_))));
        } else {
            assert!(!matches!(pool.state, WorkspacesPoolState::Unknown(_)));
            assert_eq!(code, &Some(WorkspacesPoolErrorCode::SubnetNotFound));
        }
    }
    // The unknown values are written back as they came.
    let recorder = Recorder::default();
    let one = DescribeWorkspacesPoolsResult::builder()
        .workspaces_pools(pools[0].clone())
        .build()
        .unwrap();
    *recorder.output.lock().unwrap() = Some(Box::new(one));
    let (status, body) = serve_once(&recorder, "DescribeWorkspacesPools", b"{}").await;
    assert_eq!(status, 200);
    let written: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(written["WorkspacesPools"][0]["State"], "HIBERNATING");
    assert_eq!(
        written["WorkspacesPools"][0]["Errors"][0]["ErrorCode"],
        "QUANTUM_FLUX_EXCEEDED"
    );
}

/// Operation name to its errors, from the model the crate was generated from.
fn modeled_errors() -> BTreeMap<String, Vec<String>> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../model/workspaces.json");
    let model: Value =
        serde_json::from_slice(&std::fs::read(path).expect("the model")).expect("JSON");
    let shapes = model["shapes"].as_object().expect("shapes");
    let service = shapes
        .values()
        .find(|s| s["type"] == "service")
        .expect("a service");
    let name = |target: &Value| {
        target
            .as_str()
            .expect("a target")
            .rsplit('#')
            .next()
            .unwrap()
            .to_owned()
    };
    let mut operations = BTreeMap::new();
    for op in service["operations"].as_array().expect("operations") {
        let op_id = op["target"].as_str().unwrap();
        let errors = shapes[op_id]["errors"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|e| name(&e["target"]));
        let service_errors = service["errors"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|e| name(&e["target"]));
        operations.insert(name(&op["target"]), errors.chain(service_errors).collect());
    }
    operations
}

/// `(error code, message)` of a 400 response with `body`, as the client reads it for
/// `operation`; `None` when the error was not recognised as a modeled one.
async fn parse_error(operation: &str, body: &[u8]) -> Option<(String, Option<String>)> {
    let (client, _) = client_answering(400, body.to_vec());
    macro_rules! read {
        ($call:expr, $error:ident) => {
            match $call.await {
                Ok(_) => panic!("{operation}: a 400 response parsed as success"),
                Err($error::Unhandled(_)) => None,
                Err(e) => Some((
                    e.code()
                        .unwrap_or_else(|| panic!("{operation}: not a modeled error: {e}"))
                        .to_owned(),
                    e.message().map(str::to_owned),
                )),
            }
        };
    }
    // Inputs the client accepts, so that the response is what decides the outcome.
    let pool = "wspool-123456789";
    match operation {
        "CreateWorkspaces" => {
            let request = workspaces::types::WorkspaceRequest::builder()
                .directory_id("d-1234567890")
                .user_name("u")
                .bundle_id("wsb-12345678");
            read!(
                client
                    .create_workspaces()
                    .workspaces(request.build().unwrap())
                    .send(),
                CreateWorkspacesError
            )
        }
        "CreateWorkspacesPool" => read!(
            client
                .create_workspaces_pool()
                .pool_name("p")
                .description("d")
                .bundle_id("wsb-12345678")
                .directory_id("wsd-12345678")
                .capacity(
                    workspaces::types::Capacity::builder()
                        .desired_user_sessions(1)
                        .build()
                        .unwrap()
                )
                .send(),
            CreateWorkspacesPoolError
        ),
        "DescribeWorkspacesPools" => read!(
            client.describe_workspaces_pools().send(),
            DescribeWorkspacesPoolsError
        ),
        "UpdateWorkspacesPool" => read!(
            client.update_workspaces_pool().pool_id(pool).send(),
            UpdateWorkspacesPoolError
        ),
        other => panic!("the model has an operation this test does not know: {other}"),
    }
}

#[tokio::test]
async fn every_error_parses_in_each_type_spelling() {
    let operations = modeled_errors();
    assert_eq!(operations.len(), 4);
    let mut checked = 0;
    for (operation, errors) in &operations {
        assert!(!errors.is_empty(), "{operation} has errors");
        for error in errors {
            for type_name in [
                error.clone(),
                format!("com.amazonaws.workspaces#{error}"),
                format!(
                    "com.amazonaws.workspaces#{error}:http://internal.amazon.com/coral/com.amazonaws.workspaces/"
                ),
            ] {
                let body = serde_json::json!({ "__type": type_name, "message": "it went wrong" });
                let parsed = parse_error(operation, body.to_string().as_bytes()).await;
                assert_eq!(
                    parsed,
                    Some((error.clone(), Some("it went wrong".to_owned()))),
                    "{operation}: `__type: {type_name}`"
                );
                checked += 1;
            }
        }
    }
    assert_eq!(
        checked,
        3 * operations.values().map(Vec::len).sum::<usize>()
    );
}
