//! A million random and mutated request bodies, CBOR and JSON, through the generated
//! router in front of the fake (in process, no sockets): no panic, and every answer
//! a success or a well-formed error of the request's protocol.

use axum::body::Body;
use bytes::Bytes;
use http::{Request, Response};
use serde_json::json;
use smithy_lite_runtime::cbor::json_to_cbor;
use smithy_lite_runtime::protocol::{Protocol, RpcV2Cbor};
use tower_service::Service;
use workspaces_fake as fake;

const REQUESTS: usize = 1_000_000;
/// A fresh fake this often, so that pools created by lucky mutations stay few.
const FRESH_EVERY: usize = 5_000;

/// xorshift64*: the same inputs on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const OPERATIONS: [&str; 4] = [
    "CreateWorkspacesPool",
    "UpdateWorkspacesPool",
    "DescribeWorkspacesPools",
    "CreateWorkspaces",
];

/// Valid bodies of every operation, as JSON values (written in both protocols).
fn seeds() -> Vec<(usize, serde_json::Value)> {
    let pool = json!({
        "PoolName": "p1", "Description": "a pool", "BundleId": "wsb-12345678",
        "DirectoryId": "d-1234567890", "Capacity": {"DesiredUserSessions": 2},
        "Tags": [{"Key": "team", "Value": "a"}], "RunningMode": "AUTO_STOP",
        "TimeoutSettings": {"MaxUserDurationInSeconds": 3600},
    });
    vec![
        (0, pool),
        (
            1,
            json!({"PoolId": "wspool-123456789", "Description": "x", "Capacity": {"DesiredUserSessions": 3}}),
        ),
        (
            2,
            json!({"PoolIds": ["wspool-123456789"], "Limit": 5, "NextToken": "abc",
                   "Filters": [{"Name": "PoolName", "Values": ["a", "b"], "Operator": "CONTAINS"}]}),
        ),
        (
            3,
            json!({"Workspaces": [{"DirectoryId": "d-1234567890", "UserName": "ana", "BundleId": "wsb-12345678",
                   "WorkspaceProperties": {"RunningMode": "AUTO_STOP", "RootVolumeSizeGib": 80}}]}),
        ),
    ]
}

fn mutate(rng: &mut Rng, body: &mut Vec<u8>) {
    for _ in 0..=rng.below(4) {
        let len = body.len();
        match rng.below(6) {
            0 if len > 0 => body[rng.below(len)] ^= 1 << rng.below(8),
            1 if len > 0 => body[rng.below(len)] = rng.next() as u8,
            2 => body.insert(rng.below(len + 1), rng.next() as u8),
            3 if len > 0 => {
                body.remove(rng.below(len));
            }
            4 if len > 0 => body.truncate(rng.below(len)),
            _ if len > 0 => {
                // A run of the body copied elsewhere: nesting and lengths go astray.
                let start = rng.below(len);
                let run: Vec<u8> = body[start..(start + rng.below(16)).min(len)].to_vec();
                let at = rng.below(body.len() + 1);
                body.splice(at..at, run);
            }
            _ => body.push(rng.next() as u8),
        }
    }
}

fn request(cbor: bool, operation: &str, body: Vec<u8>) -> Request<Body> {
    let builder = if cbor {
        Request::post(format!("/service/WorkspacesService/operation/{operation}"))
            .header("smithy-protocol", "rpc-v2-cbor")
            .header("content-type", "application/cbor")
    } else {
        Request::post("/")
            .header("x-amz-target", format!("WorkspacesService.{operation}"))
            .header("content-type", "application/x-amz-json-1.1")
    };
    builder.body(Body::from(body)).unwrap()
}

/// A success, or an error whose body names its type in the request's protocol.
fn check_answer(cbor: bool, body: &[u8], response: Response<Bytes>) -> Result<(), String> {
    let status = response.status().as_u16();
    if status == 200 {
        return Ok(());
    }
    if !matches!(status, 400 | 404 | 413 | 415) {
        return Err(format!("status {status}"));
    }
    let code = if cbor {
        let meta = RpcV2Cbor::STANDARD.error_metadata(status, response.headers(), response.body());
        meta.code().map(str::to_owned)
    } else {
        let value: serde_json::Value = serde_json::from_slice(response.body())
            .map_err(|e| format!("error body is not JSON: {e}"))?;
        value["__type"].as_str().map(str::to_owned)
    };
    match code {
        Some(code) if !code.is_empty() => Ok(()),
        _ => Err(format!(
            "no error type in {:?} for {body:?}",
            response.body()
        )),
    }
}

async fn collect(response: Response<http_body_util::Full<Bytes>>) -> Response<Bytes> {
    let (parts, body) = response.into_parts();
    let bytes = http_body_util::BodyExt::collect(body)
        .await
        .expect("a full body")
        .to_bytes();
    Response::from_parts(parts, bytes)
}

#[tokio::test]
async fn a_million_random_and_mutated_bodies_get_protocol_answers() {
    let mut rng = Rng(0x5eed_cb0e);
    let seeds = seeds();
    let mut router = None;
    let mut answered = [0usize; 2];
    for i in 0..REQUESTS {
        if i % FRESH_EVERY == 0 {
            router = Some(workspaces::server::router(fake::Fake::new(
                fake::FakeConfig::default(),
            )));
        }
        let cbor = rng.below(2) == 0;
        let (op, value) = &seeds[rng.below(seeds.len())];
        let mut body = match rng.below(8) {
            // Pure noise, some of the time.
            0 => (0..rng.below(64)).map(|_| rng.next() as u8).collect(),
            _ if cbor => json_to_cbor(value),
            _ => value.to_string().into_bytes(),
        };
        mutate(&mut rng, &mut body);
        let operation = OPERATIONS[if rng.below(16) == 0 {
            rng.below(4)
        } else {
            *op
        }];
        let router = router.as_mut().expect("made on the first iteration");
        let response = router
            .call(request(cbor, operation, body.clone()))
            .await
            .expect("the router never fails");
        let response = collect(response).await;
        let ok = response.status() == 200;
        if let Err(why) = check_answer(cbor, &body, response) {
            panic!("request {i} ({operation}, cbor: {cbor}): {why}; body {body:?}");
        }
        answered[usize::from(ok)] += 1;
    }
    // Both outcomes are common, so the mutations reach the codecs and the fake.
    assert!(
        answered[0] > REQUESTS / 10 && answered[1] > REQUESTS / 100,
        "{answered:?}"
    );
}
