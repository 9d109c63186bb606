//! DescribeWorkspacesPools calls per second through each client's whole pipeline
//! (build, validate, endpoint, sign, serialize, send to a canned transport, parse):
//! the generated client against aws-sdk-workspaces, on one thread, in rounds that
//! alternate, so both see the same machine. Prints the median calls/s of each and
//! their ratio. Built with `--features mimalloc`, both run on mimalloc instead of the
//! system allocator.

use std::time::Instant;

#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const ROUNDS: usize = 5;
const CALLS: usize = 20_000;

/// A DescribeWorkspacesPools answer with `n` pools, as the service sends it.
fn answer(n: usize) -> String {
    let pools: Vec<String> = (0..n)
        .map(|i| {
            format!(
                r#"{{"PoolId":"wspool-{i:08}","PoolArn":"arn:aws:workspaces:us-east-1:123456789012:workspacespool/wspool-{i:08}","CapacityStatus":{{"AvailableUserSessions":1,"DesiredUserSessions":2,"ActualUserSessions":3,"ActiveUserSessions":4}},"PoolName":"pool-{i}","Description":"A pool for the benchmark","State":"RUNNING","CreatedAt":1733000000.5,"BundleId":"wsb-0123456789","DirectoryId":"wsd-0123456789","RunningMode":"AUTO_STOP","TimeoutSettings":{{"DisconnectTimeoutInSeconds":900,"IdleDisconnectTimeoutInSeconds":900,"MaxUserDurationInSeconds":3600}}}}"#
            )
        })
        .collect();
    format!(
        r#"{{"WorkspacesPools":[{}],"NextToken":null}}"#,
        pools.join(",")
    )
}

/// The generated client's transport: every request gets the canned answer.
struct Canned(bytes::Bytes);

impl workspaces::client::HttpTransport for Canned {
    fn send(
        &self,
        _request: http::Request<bytes::Bytes>,
    ) -> workspaces::client::TransportFuture<'_> {
        let body = self.0.clone();
        Box::pin(async move {
            Ok(http::Response::builder()
                .status(200)
                .header("content-type", "application/x-amz-json-1.1")
                .body(body)
                .expect("a canned response"))
        })
    }
}

async fn ours(body: &str) -> f64 {
    let config = workspaces::client::Config::builder()
        .region("us-east-1")
        // The SDK speaks awsJson 1.1 to WorkSpaces; ours would pick rpcv2Cbor, listed first.
        .protocol(workspaces::client::WireProtocol::AwsJson1_1)
        .credentials(workspaces::client::Credentials::new(
            "AKID", "SECRET", None, None, "bench",
        ))
        .http_transport(Canned(bytes::Bytes::from(body.to_owned())))
        .build();
    let client = workspaces::client::Client::from_conf(config);
    let start = Instant::now();
    for _ in 0..CALLS {
        let output = client
            .describe_workspaces_pools()
            .limit(10)
            .send()
            .await
            .expect("a call");
        assert_eq!(output.workspaces_pools.as_ref().map_or(0, Vec::len), 10);
    }
    CALLS as f64 / start.elapsed().as_secs_f64()
}

async fn sdk(body: &str) -> f64 {
    use aws_sdk_workspaces::config::{BehaviorVersion, Credentials, Region};
    let body = body.to_owned();
    let http_client = aws_smithy_http_client::test_util::infallible_client_fn(move |_request| {
        http::Response::builder()
            .status(200)
            .header("content-type", "application/x-amz-json-1.1")
            .body(aws_smithy_types::body::SdkBody::from(body.clone()))
            .expect("a canned response")
    });
    let config = aws_sdk_workspaces::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new("AKID", "SECRET", None, None, "bench"))
        .http_client(http_client)
        .build();
    let client = aws_sdk_workspaces::Client::from_conf(config);
    let start = Instant::now();
    for _ in 0..CALLS {
        let output = client
            .describe_workspaces_pools()
            .limit(10)
            .send()
            .await
            .expect("a call");
        assert_eq!(output.workspaces_pools().len(), 10);
    }
    CALLS as f64 / start.elapsed().as_secs_f64()
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let body = answer(10);
    let (mut generated, mut official) = (Vec::new(), Vec::new());
    // `CLIENT_CALLS_ONLY=generated` skips the SDK: for profiling one side.
    let only_ours = std::env::var("CLIENT_CALLS_ONLY").is_ok_and(|only| only == "generated");
    for round in 0..ROUNDS {
        generated.push(ours(&body).await);
        official.push(if only_ours {
            f64::NAN
        } else {
            sdk(&body).await
        });
        eprintln!(
            "round {round}: generated {:.0} calls/s, aws-sdk-workspaces {:.0} calls/s",
            generated[round], official[round]
        );
    }
    let (generated, official) = (median(generated), median(official));
    let allocator = if cfg!(feature = "mimalloc") {
        "mimalloc"
    } else {
        "the system allocator"
    };
    println!(
        "| client ({allocator}) | calls/s (median of {ROUNDS} rounds of {CALLS}) |\n|---|---:|"
    );
    println!("| generated `workspaces` | {generated:.0} |");
    println!("| aws-sdk-workspaces | {official:.0} |");
    println!("ratio: {:.2}x", generated / official);
}
