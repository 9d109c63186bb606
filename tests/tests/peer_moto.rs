//! The generated client against moto 5.2.5's server (tests/py/requirements.txt), started
//! by the test: CreateWorkspaces fails per request for an unknown directory and is
//! pending once a directory is registered; the pool operations, which moto lacks (500
//! with an HTML body), come back as errors.

use std::time::Duration;

use tests::python::{ServerProcess, run_script, start_moto};
use workspaces::client::{Client, Config, Credentials, RetryConfig, WireProtocol};
use workspaces::operation::create_workspaces_pool::CreateWorkspacesPoolError;
use workspaces::operation::describe_workspaces_pools::DescribeWorkspacesPoolsError;
use workspaces::operation::update_workspaces_pool::UpdateWorkspacesPoolError;
use workspaces::types::{Capacity, WorkspaceRequest, WorkspaceState};

/// A well-formed directory id (moto rejects the whole request otherwise) that moto does
/// not know.
const UNKNOWN_DIRECTORY: &str = "d-0123456789";

/// A client of `moto` with dummy credentials (the ones tests/py/moto_register_directory.py
/// uses: moto keeps one backend per account and region).
fn client(moto: &ServerProcess) -> Client {
    let config = Config::builder()
        // moto answers WorkSpaces in awsJson only.
        .protocol(WireProtocol::AwsJson1_1)
        .region("us-east-1")
        .credentials(Credentials::new(
            "AKIDEXAMPLE",
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            None,
            None,
            "peer_moto",
        ))
        .endpoint_url(moto.endpoint_url())
        // moto's 500s are retried: keep the waits between attempts short.
        .retry(RetryConfig::standard().with_initial_backoff(Duration::from_millis(10)))
        .total_timeout(Duration::from_secs(30))
        .build();
    Client::new(config)
}

fn workspace_request(directory_id: &str) -> WorkspaceRequest {
    WorkspaceRequest::builder()
        .directory_id(directory_id)
        .user_name("alice")
        .bundle_id("wsb-0123456789")
        .build()
        .expect("all required members are set")
}

#[tokio::test]
async fn create_workspaces_fails_for_an_unknown_directory_and_is_pending_once_registered() {
    let moto = start_moto();
    let client = client(&moto);

    let unknown = client
        .create_workspaces()
        .workspaces(workspace_request(UNKNOWN_DIRECTORY))
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e:?}\nmoto's log:\n{}", moto.log_text()));
    let failed = unknown.failed_requests.expect("FailedRequests");
    let [failure] = failed.as_slice() else {
        panic!("one failed request expected: {failed:?}")
    };
    assert_eq!(
        failure.error_code.as_deref(),
        Some("ResourceNotFound.Directory")
    );
    assert_eq!(
        failure
            .workspace_request
            .as_ref()
            .map(|r| r.directory_id.as_str()),
        Some(UNKNOWN_DIRECTORY)
    );
    assert!(unknown.pending_requests.unwrap_or_default().is_empty());

    let directory_id = run_script("moto_register_directory.py", &[&moto.endpoint_url()], "");
    let directory_id = directory_id.trim();
    let registered = client
        .create_workspaces()
        .workspaces(workspace_request(directory_id))
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e:?}\nmoto's log:\n{}", moto.log_text()));
    assert!(registered.failed_requests.unwrap_or_default().is_empty());
    let pending = registered.pending_requests.expect("PendingRequests");
    let [workspace] = pending.as_slice() else {
        panic!("one pending request expected: {pending:?}")
    };
    assert!(
        workspace
            .workspace_id
            .as_deref()
            .is_some_and(|id| id.starts_with("ws-")),
        "{workspace:?}"
    );
    assert_eq!(workspace.directory_id.as_deref(), Some(directory_id));
    assert_eq!(workspace.user_name.as_deref(), Some("alice"));
    // moto skips PENDING: its workspaces are AVAILABLE at once.
    assert_eq!(workspace.state, Some(WorkspaceState::Available));
}

#[tokio::test]
async fn pool_operations_that_moto_lacks_are_errors() {
    let moto = start_moto();
    let client = client(&moto);
    let capacity = || {
        Capacity::builder()
            .desired_user_sessions(1)
            .build()
            .expect("required members set")
    };

    let created = client
        .create_workspaces_pool()
        .pool_name("pool-1")
        .description("A pool")
        .bundle_id("wsb-0123456789")
        .directory_id(UNKNOWN_DIRECTORY)
        .capacity(capacity())
        .send()
        .await;
    assert!(
        matches!(&created, Err(CreateWorkspacesPoolError::Unhandled(meta)) if meta.status() == 500),
        "{created:?}"
    );

    let described = client.describe_workspaces_pools().send().await;
    assert!(
        matches!(&described, Err(DescribeWorkspacesPoolsError::Unhandled(meta)) if meta.status() == 500),
        "{described:?}"
    );

    let updated = client
        .update_workspaces_pool()
        .pool_id("wspool-abcdefghi")
        .capacity(capacity())
        .send()
        .await;
    assert!(
        matches!(&updated, Err(UpdateWorkspacesPoolError::Unhandled(meta)) if meta.status() == 500),
        "{updated:?}"
    );
}
