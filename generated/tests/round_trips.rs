//! The generated awsJson codecs against realistic traffic: the request and response
//! examples of the four boto3 pages the crate was seeded from (`tests/fixtures/`),
//! a large DescribeWorkspacesPools response with members and enum values this crate
//! does not know, and every modeled error in each `__type` spelling boto3 accepts.

use std::collections::BTreeMap;

use serde_json::Value;
use workspaces::protocol::{self, DeContext};
use workspaces::types::{WorkspacesPoolErrorCode, WorkspacesPoolState};

fn fixture(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// JSON equality by value: member order is free, numbers compare as numbers
/// (`1709294400` and `1709294400.0` are the same time).
fn json_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x == y || x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| json_eq(x, y)),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| json_eq(v, w)))
        }
        _ => a == b,
    }
}

fn assert_same_json(written: &[u8], original: &[u8], what: &str) {
    let written: Value = serde_json::from_slice(written).expect("the codec writes JSON");
    let original: Value = serde_json::from_slice(original).expect("fixtures are JSON");
    assert!(json_eq(&written, &original), "{what} changed in the round trip\nwritten:  {written}\noriginal: {original}");
}

/// Request fixture: read as a server would (strictly: nothing missing), then written as
/// the client sends it. Response fixture: read as the client does, then written as the
/// server sends it.
macro_rules! round_trip {
    ($test:ident, $name:literal, $parse_request:ident, $serialize_request:ident, $parse_response:ident, $serialize_output:ident) => {
        #[test]
        fn $test() {
            let body = fixture(concat!($name, ".request.json"));
            let mut ctx = DeContext::new();
            let input = protocol::$parse_request(&body, &mut ctx).expect("the request fixture parses");
            assert!(ctx.missing().is_empty(), "the request fixture lacks required members: {:?}", ctx.missing());
            assert_same_json(protocol::$serialize_request(&input).body(), &body, concat!($name, " request"));

            let body = fixture(concat!($name, ".response.json"));
            let output = protocol::$parse_response(200, &http::HeaderMap::new(), &body).expect("the response fixture parses");
            assert_same_json(&protocol::$serialize_output(&output), &body, concat!($name, " response"));
        }
    };
}

round_trip!(
    create_workspaces_pool,
    "create_workspaces_pool",
    parse_create_workspaces_pool_request,
    serialize_create_workspaces_pool_request,
    parse_create_workspaces_pool_response,
    serialize_create_workspaces_pool_output
);
round_trip!(
    update_workspaces_pool,
    "update_workspaces_pool",
    parse_update_workspaces_pool_request,
    serialize_update_workspaces_pool_request,
    parse_update_workspaces_pool_response,
    serialize_update_workspaces_pool_output
);
round_trip!(
    describe_workspaces_pools,
    "describe_workspaces_pools",
    parse_describe_workspaces_pools_request,
    serialize_describe_workspaces_pools_request,
    parse_describe_workspaces_pools_response,
    serialize_describe_workspaces_pools_output
);
round_trip!(
    create_workspaces,
    "create_workspaces",
    parse_create_workspaces_request,
    serialize_create_workspaces_request,
    parse_create_workspaces_response,
    serialize_create_workspaces_output
);

/// One pool of the large response; every seventh has a state and an error code from
/// the future, and every pool carries members the model does not have.
fn future_pool(i: usize) -> Value {
    let state = if i.is_multiple_of(7) { "HIBERNATING" } else { ["RUNNING", "STOPPED", "UPDATING"][i % 3] };
    let error_code = if i.is_multiple_of(7) { "QUANTUM_FLUX_EXCEEDED" } else { "SUBNET_NOT_FOUND" };
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

#[test]
fn a_thousand_pools_with_unknown_members_and_values() {
    let pools: Vec<Value> = (0..1000).map(future_pool).collect();
    let body = serde_json::to_vec(&serde_json::json!({ "WorkspacesPools": pools, "NextToken": "t", "Shards": 4 })).unwrap();
    let output = protocol::parse_describe_workspaces_pools_response(200, &http::HeaderMap::new(), &body)
        .expect("unknown members and enum values are no error");
    let pools = output.workspaces_pools.expect("the pools");
    assert_eq!(pools.len(), 1000);
    for (i, pool) in pools.iter().enumerate() {
        assert_eq!(pool.pool_id, format!("wspool-{i:09}"));
        let code = &pool.errors.as_ref().expect("errors")[0].error_code;
        if i.is_multiple_of(7) {
            assert!(matches!(pool.state, WorkspacesPoolState::Unknown(_)), "{:?}", pool.state);
            assert_eq!(pool.state.as_str(), "HIBERNATING");
            assert_eq!(code.as_ref().map(|c| c.as_str()), Some("QUANTUM_FLUX_EXCEEDED"));
            assert!(matches!(code, Some(WorkspacesPoolErrorCode::Unknown(_))));
        } else {
            assert!(!matches!(pool.state, WorkspacesPoolState::Unknown(_)));
            assert_eq!(code, &Some(WorkspacesPoolErrorCode::SubnetNotFound));
        }
    }
    // The unknown values are written back as they came.
    let written: Value = serde_json::from_slice(&protocol::serialize_describe_workspaces_pools_output(
        &workspaces::output::DescribeWorkspacesPoolsResult::builder().workspaces_pools(pools[0].clone()).build().unwrap(),
    ))
    .unwrap();
    assert_eq!(written["WorkspacesPools"][0]["State"], "HIBERNATING");
    assert_eq!(written["WorkspacesPools"][0]["Errors"][0]["ErrorCode"], "QUANTUM_FLUX_EXCEEDED");
}

/// Operation name to its errors, from the model the crate was generated from.
fn modeled_errors() -> BTreeMap<String, Vec<String>> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../model/workspaces.json");
    let model: Value = serde_json::from_slice(&std::fs::read(path).expect("the model")).expect("JSON");
    let shapes = model["shapes"].as_object().expect("shapes");
    let service = shapes.values().find(|s| s["type"] == "service").expect("a service");
    let name = |target: &Value| target.as_str().expect("a target").rsplit('#').next().unwrap().to_owned();
    let mut operations = BTreeMap::new();
    for op in service["operations"].as_array().expect("operations") {
        let op_id = op["target"].as_str().unwrap();
        let errors = shapes[op_id]["errors"].as_array().into_iter().flatten().map(|e| name(&e["target"]));
        let service_errors = service["errors"].as_array().into_iter().flatten().map(|e| name(&e["target"]));
        operations.insert(name(&op["target"]), errors.chain(service_errors).collect());
    }
    operations
}

/// `(error code, message)` of a 400 response with `body`, through the operation's parser;
/// `None` when the error was not recognised as a modeled one.
fn parse_error(operation: &str, body: &[u8]) -> Option<(String, Option<String>)> {
    let headers = http::HeaderMap::new();
    macro_rules! read {
        ($parse:ident, $error:ident) => {
            match protocol::$parse(400, &headers, body) {
                Ok(_) => panic!("{operation}: a 400 response parsed as success"),
                Err(workspaces::error::$error::Unhandled(_)) => None,
                Err(e) => Some((e.code().expect("a modeled error has a code").to_owned(), e.message().map(str::to_owned))),
            }
        };
    }
    match operation {
        "CreateWorkspaces" => read!(parse_create_workspaces_response, CreateWorkspacesError),
        "CreateWorkspacesPool" => read!(parse_create_workspaces_pool_response, CreateWorkspacesPoolError),
        "DescribeWorkspacesPools" => read!(parse_describe_workspaces_pools_response, DescribeWorkspacesPoolsError),
        "UpdateWorkspacesPool" => read!(parse_update_workspaces_pool_response, UpdateWorkspacesPoolError),
        other => panic!("the model has an operation this test does not know: {other}"),
    }
}

#[test]
fn every_error_parses_in_each_type_spelling() {
    let operations = modeled_errors();
    assert_eq!(operations.len(), 4);
    let mut checked = 0;
    for (operation, errors) in &operations {
        assert!(!errors.is_empty(), "{operation} has errors");
        for error in errors {
            for type_name in [
                error.clone(),
                format!("com.amazonaws.workspaces#{error}"),
                format!("com.amazonaws.workspaces#{error}:http://internal.amazon.com/coral/com.amazonaws.workspaces/"),
            ] {
                let body = serde_json::json!({ "__type": type_name, "message": "it went wrong" });
                let parsed = parse_error(operation, body.to_string().as_bytes());
                assert_eq!(
                    parsed,
                    Some((error.clone(), Some("it went wrong".to_owned()))),
                    "{operation}: `__type: {type_name}`"
                );
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 3 * operations.values().map(Vec::len).sum::<usize>());
}
