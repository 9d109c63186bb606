//! Feature `aws-config`: `Config::load_from_env` finds credentials and region the way
//! the AWS SDKs do, and requests are signed with them.
//!
//! Each test sets up a home directory of its own (`HOME`, `AWS_CONFIG_FILE`,
//! `AWS_SHARED_CREDENTIALS_FILE`) and a loopback server that records the request's
//! `Authorization` and `x-amz-security-token` and serves container credentials.
//! The environment is process-wide, so the test runs its client in a child process:
//! the test binary again, filtered to the same test, with the scenario's variables
//! and none of the caller's `AWS_*` ones.

use std::io::Write;
use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant, SystemTime};

use smithy_lite_runtime::Timestamp;
use smithy_lite_runtime::client::{ClientRuntime, Config, ServiceSpec};
use smithy_lite_runtime::protocol::{AwsJson, Protocol};

mod common;
use common::header;

/// Set in the child process: run the client instead of the scenario.
const CHILD: &str = "SMITHY_LITE_AWS_CONFIG_CHILD";
/// How many calls the child makes (`2` to see the credentials cache at work).
const CALLS: &str = "SMITHY_LITE_AWS_CONFIG_CALLS";

static SPEC: ServiceSpec = ServiceSpec {
    signing_name: "workspaces",
    endpoint_prefix: "workspaces",
    user_agent: "workspaces/0.1.0",
    protocols: &[&AwsJson::V1_1],
};

/// The API calls the server received (request heads) and how often it handed out
/// container credentials.
struct Server {
    addr: SocketAddr,
    calls: Arc<Mutex<Vec<String>>>,
    credentials_served: Arc<AtomicU32>,
}

impl Server {
    /// Serves `/container-credentials` with keys `AKIDECS1`, `AKIDECS2`, … valid for
    /// `lifetime`, and answers everything else `200 {}`. Stops after 20 s.
    fn start(lifetime: Duration) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let addr = listener.local_addr().unwrap();
        let calls = Arc::new(Mutex::new(Vec::new()));
        let credentials_served = Arc::new(AtomicU32::new(0));
        let (recorded, served) = (Arc::clone(&calls), Arc::clone(&credentials_served));
        thread::spawn(move || {
            let deadline = Instant::now() + Duration::from_secs(20);
            while Instant::now() < deadline {
                let Ok((mut stream, _)) = listener.accept() else {
                    thread::sleep(Duration::from_millis(2));
                    continue;
                };
                let Some((head, _)) = common::read_request(&mut stream) else {
                    continue;
                };
                let body = if head.starts_with("GET /container-credentials ") {
                    let n = served.fetch_add(1, Ordering::SeqCst) + 1;
                    container_credentials(n, lifetime)
                } else {
                    recorded.lock().unwrap().push(head);
                    "{}".to_owned()
                };
                let response = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = stream.write_all(response.as_bytes());
            }
        });
        Server {
            addr,
            calls,
            credentials_served,
        }
    }

    fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// (access key id, region, service, session token) of each API call, from its
    /// `Authorization` credential scope.
    fn signed_with(&self) -> Vec<(String, String, String, Option<String>)> {
        let calls = self.calls.lock().unwrap();
        calls
            .iter()
            .map(|head| {
                let authorization = header(head, "authorization").expect("signed");
                let scope = authorization
                    .split("Credential=")
                    .nth(1)
                    .and_then(|rest| rest.split(',').next())
                    .expect("a credential scope");
                let parts: Vec<&str> = scope.split('/').collect();
                let token = header(head, "x-amz-security-token").map(str::to_owned);
                (
                    parts[0].to_owned(),
                    parts[2].to_owned(),
                    parts[3].to_owned(),
                    token,
                )
            })
            .collect()
    }
}

fn container_credentials(n: u32, lifetime: Duration) -> String {
    // Whole seconds, in RFC 3339 as the container endpoint writes it.
    let expiry =
        Timestamp::from_secs_and_nanos(Timestamp::from(SystemTime::now() + lifetime).secs(), 0);
    format!(
        r#"{{"AccessKeyId":"AKIDECS{n}","SecretAccessKey":"secret{n}","Token":"token{n}","Expiration":"{expiry}"}}"#
    )
}

/// A home directory under `target/` with these `.aws/config` and `.aws/credentials`.
fn home(test: &str, config: &str, credentials: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("aws-config-chain")
        .join(test);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join(".aws")).unwrap();
    std::fs::write(dir.join(".aws/config"), config).unwrap();
    std::fs::write(dir.join(".aws/credentials"), credentials).unwrap();
    dir
}

/// Runs `test` again in a child process with `home` and `vars` (and no other
/// `AWS_*` variable of this process), where it makes its calls to `server`.
fn run_child(test: &str, home: &Path, server: &Server, vars: &[(&str, &str)]) {
    let mut command = Command::new(std::env::current_exe().unwrap());
    command.args([test, "--exact", "--nocapture", "--test-threads=1"]);
    for (name, _) in std::env::vars() {
        if name.starts_with("AWS_") {
            command.env_remove(name);
        }
    }
    command
        .env(CHILD, "1")
        .env("HOME", home)
        .env("AWS_CONFIG_FILE", home.join(".aws/config"))
        .env("AWS_SHARED_CREDENTIALS_FILE", home.join(".aws/credentials"))
        .env("AWS_ENDPOINT_URL", server.url())
        // No probing of a real instance metadata service from a test.
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .envs(vars.iter().copied());
    let output = command.output().unwrap();
    assert!(
        output.status.success(),
        "child {test} failed:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// In the child: loads the configuration, then makes the calls.
fn child_calls() -> bool {
    if std::env::var_os(CHILD).is_none() {
        return false;
    }
    let calls: u32 = std::env::var(CALLS).map_or(1, |n| n.parse().unwrap());
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let client = ClientRuntime::new(Config::load_from_env().await, &SPEC);
        for _ in 0..calls {
            let request =
                AwsJson::V1_1.request("WorkspacesService", "DescribeWorkspaces", b"{}".to_vec());
            let response = client.send(request).await.expect("the call succeeds");
            assert_eq!(response.status(), 200);
        }
    });
    true
}

fn signed(
    key: &str,
    region: &str,
    token: Option<&str>,
) -> (String, String, String, Option<String>) {
    (
        key.into(),
        region.into(),
        "workspaces".into(),
        token.map(str::to_owned),
    )
}

#[test]
fn profile_chosen_by_aws_profile_with_its_region_from_the_config_file() {
    if child_calls() {
        return;
    }
    let server = Server::start(Duration::ZERO);
    let home = home(
        "profile",
        "[default]\nregion = us-east-1\n\n[profile dev]\nregion = eu-west-3\n",
        "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = s\n\n\
         [dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = s\naws_session_token = devtoken\n",
    );
    run_child(
        "profile_chosen_by_aws_profile_with_its_region_from_the_config_file",
        &home,
        &server,
        &[("AWS_PROFILE", "dev")],
    );
    assert_eq!(
        server.signed_with(),
        [signed("AKIDDEV", "eu-west-3", Some("devtoken"))]
    );
}

#[test]
fn default_profile() {
    if child_calls() {
        return;
    }
    let server = Server::start(Duration::ZERO);
    let home = home(
        "default",
        "[default]\nregion = ap-south-1\n",
        "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = s\n",
    );
    run_child("default_profile", &home, &server, &[]);
    assert_eq!(
        server.signed_with(),
        [signed("AKIDDEFAULT", "ap-south-1", None)]
    );
}

#[test]
fn credential_process() {
    if child_calls() {
        return;
    }
    let server = Server::start(Duration::ZERO);
    let dir = home("process", "", "");
    let script = dir.join("credentials.sh");
    std::fs::write(
        &script,
        "#!/bin/sh\necho '{\"Version\": 1, \"AccessKeyId\": \"AKIDPROCESS\", \
         \"SecretAccessKey\": \"s\", \"SessionToken\": \"processtoken\"}'\n",
    )
    .unwrap();
    let config = format!(
        "[default]\nregion = us-west-2\ncredential_process = /bin/sh {}\n",
        script.display()
    );
    std::fs::write(dir.join(".aws/config"), config).unwrap();
    run_child("credential_process", &dir, &server, &[]);
    assert_eq!(
        server.signed_with(),
        [signed("AKIDPROCESS", "us-west-2", Some("processtoken"))]
    );
}

#[test]
fn container_credentials_from_the_full_uri() {
    if child_calls() {
        return;
    }
    let server = Server::start(Duration::from_secs(3600));
    let home = home("container", "", "");
    let uri = format!("{}/container-credentials", server.url());
    let vars = [
        ("AWS_CONTAINER_CREDENTIALS_FULL_URI", uri.as_str()),
        ("AWS_REGION", "eu-central-1"),
        (CALLS, "2"),
    ];
    run_child(
        "container_credentials_from_the_full_uri",
        &home,
        &server,
        &vars,
    );
    let call = signed("AKIDECS1", "eu-central-1", Some("token1"));
    assert_eq!(server.signed_with(), [call.clone(), call]);
    // Valid for an hour: fetched once for both calls.
    assert_eq!(server.credentials_served.load(Ordering::SeqCst), 1);
}

#[test]
fn expiring_container_credentials_are_refreshed_before_signing() {
    if child_calls() {
        return;
    }
    // Valid for 30 s: less than the client's one-minute margin, so each call fetches anew.
    let server = Server::start(Duration::from_secs(30));
    let home = home("expiring", "", "");
    let uri = format!("{}/container-credentials", server.url());
    let vars = [
        ("AWS_CONTAINER_CREDENTIALS_FULL_URI", uri.as_str()),
        ("AWS_REGION", "eu-central-1"),
        (CALLS, "2"),
    ];
    run_child(
        "expiring_container_credentials_are_refreshed_before_signing",
        &home,
        &server,
        &vars,
    );
    assert_eq!(
        server.signed_with(),
        [
            signed("AKIDECS1", "eu-central-1", Some("token1")),
            signed("AKIDECS2", "eu-central-1", Some("token2")),
        ]
    );
}

#[test]
fn sdk_config_settings_map_onto_the_client_config() {
    use aws_config::retry::RetryConfig;
    use aws_config::timeout::TimeoutConfig;
    use aws_config::{Region, SdkConfig};
    let sdk_config = SdkConfig::builder()
        .region(Region::new("eu-north-1"))
        .endpoint_url("http://127.0.0.1:4566")
        .retry_config(RetryConfig::standard().with_max_attempts(7))
        .timeout_config(
            TimeoutConfig::builder()
                .operation_attempt_timeout(Duration::from_secs(4))
                .build(),
        )
        .use_dual_stack(true)
        .build();
    let config = Config::from_sdk_config(&sdk_config);
    assert_eq!(config.region(), Some("eu-north-1"));
    assert_eq!(config.endpoint_url(), Some("http://127.0.0.1:4566"));
    assert_eq!(config.retry().max_attempts(), 7);
    assert!(config.credentials_provider().is_none());
    let debug = format!("{config:?}");
    assert!(debug.contains("attempt_timeout: Some(4s)"), "{debug}");
    assert!(debug.contains("use_dual_stack: true"), "{debug}");
}
