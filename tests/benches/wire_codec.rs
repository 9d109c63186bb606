//! The generated awsJson and rpcv2Cbor codecs side by side, and plain
//! `#[derive(Serialize, Deserialize)]` structs of the same shape (serde_json both
//! ways), on DescribeWorkspacesPools outputs of 1, 100 and 10,000 pools.
//! Run: `cargo bench -p tests --bench wire_codec`.
//!
//! The generated side does more per value than the baseline, by design: enums keep
//! unknown values, timestamps are exact decimals, required members are checked and
//! every read tracks its path for error messages.

use divan::Bencher;
use divan::counter::BytesCount;
use serde::{Deserialize, Serialize};
use workspaces::operation::describe_workspaces_pools::DescribeWorkspacesPoolsResult;
use workspaces::protocol::aws_json::operation::describe_workspaces_pools as codec;
use workspaces::protocol::rpc_v2_cbor::operation::describe_workspaces_pools as cbor;

fn main() {
    divan::main();
}

const SIZES: [usize; 3] = [1, 100, 10_000];

/// The response body with `n` pools, every member set.
fn body(n: usize) -> Vec<u8> {
    let states = [
        "CREATING", "DELETING", "RUNNING", "STARTING", "STOPPED", "STOPPING", "UPDATING",
    ];
    let pools: Vec<serde_json::Value> = (0..n)
        .map(|i| {
            serde_json::json!({
                "PoolId": format!("wspool-{i:09}"),
                "PoolArn": format!("arn:aws:workspaces:us-west-2:123456789012:workspacespool/wspool-{i:09}"),
                "CapacityStatus": {
                    "AvailableUserSessions": i % 17, "DesiredUserSessions": 40,
                    "ActualUserSessions": 35, "ActiveUserSessions": 35 - i % 17
                },
                "PoolName": format!("engineering-pool-{i}"),
                "Description": "Pool for the engineering team (Linux builds)",
                "State": states[i % states.len()],
                "CreatedAt": 1718201234.567 + i as f64,
                "BundleId": "wsb-8vbljg4r6",
                "DirectoryId": "wsd-4x7k2m9pq",
                "Errors": [{ "ErrorCode": "SUBNET_NOT_FOUND", "ErrorMessage": "Subnet subnet-0a1b2c3d4e5f67890 was deleted." }],
                "ApplicationSettings": {
                    "Status": "ENABLED", "SettingsGroup": "engineering/settings",
                    "S3BucketName": "wspool-settings-us-west-2-123456789012"
                },
                "TimeoutSettings": {
                    "DisconnectTimeoutInSeconds": 900, "IdleDisconnectTimeoutInSeconds": 600,
                    "MaxUserDurationInSeconds": 57600
                },
                "RunningMode": if i % 2 == 0 { "AUTO_STOP" } else { "ALWAYS_ON" }
            })
        })
        .collect();
    serde_json::to_vec(
        &serde_json::json!({ "WorkspacesPools": pools, "NextToken": "eyJwYWdlIjozfQ" }),
    )
    .unwrap()
}

fn generated(body: &[u8]) -> DescribeWorkspacesPoolsResult {
    codec::parse_response(200, &http::HeaderMap::new(), body).expect("the body parses")
}

#[divan::bench(args = SIZES)]
fn serialize_generated(bencher: Bencher, n: usize) {
    let body = body(n);
    let output = generated(&body);
    bencher
        .counter(BytesCount::new(body.len()))
        .bench(|| codec::serialize_output(divan::black_box(&output)));
}

/// The same output as the rpcv2Cbor body, and the headers its responses carry.
fn cbor_body(n: usize) -> (Vec<u8>, http::HeaderMap) {
    let output = generated(&body(n));
    let mut headers = http::HeaderMap::new();
    headers.insert(
        "smithy-protocol",
        http::HeaderValue::from_static("rpc-v2-cbor"),
    );
    (cbor::serialize_output(&output), headers)
}

#[divan::bench(args = SIZES)]
fn serialize_cbor(bencher: Bencher, n: usize) {
    let output = generated(&body(n));
    let (body, _) = cbor_body(n);
    bencher
        .counter(BytesCount::new(body.len()))
        .bench(|| cbor::serialize_output(divan::black_box(&output)));
}

#[divan::bench(args = SIZES)]
fn deserialize_cbor(bencher: Bencher, n: usize) {
    let (body, headers) = cbor_body(n);
    bencher.counter(BytesCount::new(body.len())).bench(|| {
        cbor::parse_response(200, &headers, divan::black_box(&body)).expect("the body parses")
    });
}

#[divan::bench(args = SIZES)]
fn serialize_serde_derive(bencher: Bencher, n: usize) {
    let body = body(n);
    let output: baseline::Output = serde_json::from_slice(&body).unwrap();
    bencher
        .counter(BytesCount::new(body.len()))
        .bench(|| serde_json::to_vec(divan::black_box(&output)).unwrap());
}

#[divan::bench(args = SIZES)]
fn deserialize_generated(bencher: Bencher, n: usize) {
    let body = body(n);
    bencher
        .counter(BytesCount::new(body.len()))
        .bench(|| generated(divan::black_box(&body)));
}

#[divan::bench(args = SIZES)]
fn deserialize_serde_derive(bencher: Bencher, n: usize) {
    let body = body(n);
    bencher
        .counter(BytesCount::new(body.len()))
        .bench(|| serde_json::from_slice::<baseline::Output>(divan::black_box(&body)).unwrap());
}

/// DescribeWorkspacesPoolsResult as plain serde structs: closed enums, `f64` times.
mod baseline {
    use super::{Deserialize, Serialize};

    #[derive(Serialize, Deserialize)]
    #[serde(rename_all = "PascalCase")]
    pub struct Output {
        #[serde(skip_serializing_if = "Option::is_none")]
        pub workspaces_pools: Option<Vec<Pool>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub next_token: Option<String>,
    }

    #[derive(Serialize, Deserialize)]
    #[serde(rename_all = "PascalCase")]
    pub struct Pool {
        pub pool_id: String,
        pub pool_arn: String,
        pub capacity_status: CapacityStatus,
        pub pool_name: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub description: Option<String>,
        pub state: State,
        pub created_at: f64,
        pub bundle_id: String,
        pub directory_id: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub errors: Option<Vec<PoolError>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub application_settings: Option<ApplicationSettings>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub timeout_settings: Option<TimeoutSettings>,
        pub running_mode: RunningMode,
    }

    #[derive(Serialize, Deserialize)]
    #[serde(rename_all = "PascalCase")]
    pub struct CapacityStatus {
        pub available_user_sessions: i32,
        pub desired_user_sessions: i32,
        pub actual_user_sessions: i32,
        pub active_user_sessions: i32,
    }

    #[derive(Serialize, Deserialize)]
    #[serde(rename_all = "SCREAMING_SNAKE_CASE")]
    pub enum State {
        Creating,
        Deleting,
        Running,
        Starting,
        Stopped,
        Stopping,
        Updating,
    }

    #[derive(Serialize, Deserialize)]
    #[serde(rename_all = "PascalCase")]
    pub struct PoolError {
        #[serde(skip_serializing_if = "Option::is_none")]
        pub error_code: Option<ErrorCode>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub error_message: Option<String>,
    }

    /// A few of the 40 codes; the benchmark's bodies use only these.
    #[derive(Serialize, Deserialize)]
    #[serde(rename_all = "SCREAMING_SNAKE_CASE")]
    pub enum ErrorCode {
        IamServiceRoleIsMissing,
        InternalServiceError,
        SubnetNotFound,
        ImageNotFound,
    }

    #[derive(Serialize, Deserialize)]
    #[serde(rename_all = "PascalCase")]
    pub struct ApplicationSettings {
        pub status: Status,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub settings_group: Option<String>,
        #[serde(rename = "S3BucketName", skip_serializing_if = "Option::is_none")]
        pub s3_bucket_name: Option<String>,
    }

    #[derive(Serialize, Deserialize)]
    #[serde(rename_all = "SCREAMING_SNAKE_CASE")]
    pub enum Status {
        Disabled,
        Enabled,
    }

    #[derive(Serialize, Deserialize)]
    #[serde(rename_all = "PascalCase")]
    pub struct TimeoutSettings {
        #[serde(skip_serializing_if = "Option::is_none")]
        pub disconnect_timeout_in_seconds: Option<i32>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub idle_disconnect_timeout_in_seconds: Option<i32>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub max_user_duration_in_seconds: Option<i32>,
    }

    #[derive(Serialize, Deserialize)]
    #[serde(rename_all = "SCREAMING_SNAKE_CASE")]
    pub enum RunningMode {
        AutoStop,
        AlwaysOn,
    }
}
