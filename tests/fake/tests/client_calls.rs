//! The generated client as a downstream crate uses it: mocked with the in-memory
//! transport or replaced by a hand-written `WorkSpacesApi`, inputs checked before
//! sending, paginators, and errors read into the operations' error enums.
use std::pin::Pin;
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use futures_core::Stream;
use serde_json::{Value, json};
use workspaces::api::{
    BoxFuture, CreateWorkspacesApi, CreateWorkspacesPoolApi, DescribeWorkspacesPoolsApi,
    UpdateWorkspacesPoolApi, WorkSpacesApi,
};
use workspaces::client::{
    Client, Config, Credentials, DispatchError, InMemoryTransport, RetryConfig, WireProtocol,
};
use workspaces::error::ClientError;
use workspaces::error::ErrorMetadata;
use workspaces::operation::create_workspaces::CreateWorkspacesError;
use workspaces::operation::create_workspaces::CreateWorkspacesRequest;
use workspaces::operation::create_workspaces::CreateWorkspacesResult;
use workspaces::operation::create_workspaces_pool::CreateWorkspacesPoolError;
use workspaces::operation::create_workspaces_pool::CreateWorkspacesPoolRequest;
use workspaces::operation::create_workspaces_pool::CreateWorkspacesPoolResult;
use workspaces::operation::describe_workspaces_pools::DescribeWorkspacesPoolsError;
use workspaces::operation::describe_workspaces_pools::DescribeWorkspacesPoolsRequest;
use workspaces::operation::describe_workspaces_pools::DescribeWorkspacesPoolsResult;
use workspaces::operation::update_workspaces_pool::UpdateWorkspacesPoolError;
use workspaces::operation::update_workspaces_pool::UpdateWorkspacesPoolRequest;
use workspaces::operation::update_workspaces_pool::UpdateWorkspacesPoolResult;
use workspaces::primitives::Timestamp;
use workspaces::types::{
    Capacity, CapacityStatus, PoolsRunningMode, WorkspaceRequest, WorkspacesPool,
    WorkspacesPoolState,
};

/// A client that sends through `transport`, with test credentials and no retry waits,
/// in awsJson 1.1 (the mocked answers are JSON; WorkSpaces' first protocol is rpcv2Cbor).
fn client(transport: &InMemoryTransport) -> Client {
    let config = Config::builder()
        .protocol(WireProtocol::AwsJson1_1)
        .region("us-west-2")
        .credentials(Credentials::new("AKID", "SECRET", None, None, "test"))
        .retry(RetryConfig::disabled())
        .http_transport(transport.clone())
        .build();
    Client::new(config)
}

fn response(status: u16, headers: &[(&str, &str)], body: &str) -> http::Response<Bytes> {
    let mut builder = http::Response::builder().status(status);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(Bytes::from(body.to_owned())).unwrap()
}

fn ok(body: Value) -> http::Response<Bytes> {
    response(
        200,
        &[("content-type", "application/x-amz-json-1.1")],
        &body.to_string(),
    )
}

/// A pool as the service writes it.
fn pool_json(id: &str) -> Value {
    json!({
        "PoolId": id,
        "PoolArn": format!("arn:aws:workspaces:us-west-2:123456789012:workspacespool/{id}"),
        "CapacityStatus": {"AvailableUserSessions": 1, "DesiredUserSessions": 2, "ActualUserSessions": 2, "ActiveUserSessions": 1},
        "PoolName": format!("name-{id}"),
        "State": "RUNNING",
        "CreatedAt": 1718201234.5,
        "BundleId": "wsb-8vbljg4r6",
        "DirectoryId": "wsd-4x7k2m9pq",
        "RunningMode": "AUTO_STOP"
    })
}

fn request_json(request: &http::Request<Bytes>) -> Value {
    serde_json::from_slice(request.body()).unwrap()
}

fn header(request: &http::Request<Bytes>, name: &str) -> String {
    request.headers()[name].to_str().unwrap().to_owned()
}

/// The example of the README: canned responses in, recorded requests out.
#[tokio::test]
async fn mock_the_service_with_the_in_memory_transport() {
    let transport = InMemoryTransport::from_responses([ok(json!({
        "WorkspacesPools": [pool_json("wspool-abcdefgh1")]
    }))]);
    let client = client(&transport);

    let output = client
        .describe_workspaces_pools()
        .pool_ids("wspool-abcdefgh1")
        .send()
        .await
        .unwrap();

    let pools = output.workspaces_pools.unwrap();
    assert_eq!(pools[0].pool_name, "name-wspool-abcdefgh1");
    assert_eq!(pools[0].state, WorkspacesPoolState::from("RUNNING"));
    let requests = transport.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(
        header(&requests[0], "x-amz-target"),
        "WorkspacesService.DescribeWorkspacesPools"
    );
    assert_eq!(
        header(&requests[0], "content-type"),
        "application/x-amz-json-1.1"
    );
    assert_eq!(
        requests[0].uri(),
        "https://workspaces.us-west-2.amazonaws.com/"
    );
    assert_eq!(
        request_json(&requests[0]),
        json!({"PoolIds": ["wspool-abcdefgh1"]})
    );
}

/// A test double: the code under test takes `Arc<dyn WorkSpacesApi>`. Pools are
/// paged by index, the token being the index of the next page's first pool.
#[derive(Default)]
struct FakeWorkSpaces {
    pools: Mutex<Vec<WorkspacesPool>>,
}

fn pool(id: &str, name: &str) -> WorkspacesPool {
    let capacity = CapacityStatus::builder()
        .available_user_sessions(1)
        .desired_user_sessions(1)
        .actual_user_sessions(1)
        .active_user_sessions(0)
        .build()
        .unwrap();
    WorkspacesPool::builder()
        .pool_id(id)
        .pool_arn(format!(
            "arn:aws:workspaces:us-west-2:123456789012:workspacespool/{id}"
        ))
        .capacity_status(capacity)
        .pool_name(name)
        .state(WorkspacesPoolState::from("CREATING"))
        .created_at(Timestamp::from_secs(1_718_201_234))
        .bundle_id("wsb-8vbljg4r6")
        .directory_id("wsd-4x7k2m9pq")
        .running_mode(PoolsRunningMode::from("AUTO_STOP"))
        .build()
        .unwrap()
}

/// What a double says to an operation it does not fake.
fn not_faked(operation: &str) -> ErrorMetadata {
    ErrorMetadata::new(
        501,
        Some("NotFaked".into()),
        Some(format!("{operation} is not faked")),
        None,
    )
}

impl CreateWorkspacesApi for FakeWorkSpaces {
    fn create_workspaces(
        &self,
        _: CreateWorkspacesRequest,
    ) -> BoxFuture<'_, Result<CreateWorkspacesResult, CreateWorkspacesError>> {
        Box::pin(async {
            Err(CreateWorkspacesError::Unhandled(not_faked(
                "CreateWorkspaces",
            )))
        })
    }
}

impl CreateWorkspacesPoolApi for FakeWorkSpaces {
    fn create_workspaces_pool(
        &self,
        input: CreateWorkspacesPoolRequest,
    ) -> BoxFuture<'_, Result<CreateWorkspacesPoolResult, CreateWorkspacesPoolError>> {
        Box::pin(async move {
            let mut pools = self.pools.lock().unwrap();
            let created = pool(&format!("wspool-{:09}", pools.len() + 1), &input.pool_name);
            pools.push(created.clone());
            Ok(CreateWorkspacesPoolResult::builder()
                .workspaces_pool(created)
                .build()
                .unwrap())
        })
    }
}

impl DescribeWorkspacesPoolsApi for FakeWorkSpaces {
    fn describe_workspaces_pools(
        &self,
        input: DescribeWorkspacesPoolsRequest,
    ) -> BoxFuture<'_, Result<DescribeWorkspacesPoolsResult, DescribeWorkspacesPoolsError>> {
        Box::pin(async move {
            let pools = self.pools.lock().unwrap();
            let start = input.next_token.map_or(0, |token| token.parse().unwrap());
            let end = pools.len().min(start + input.limit.unwrap_or(25) as usize);
            Ok(DescribeWorkspacesPoolsResult::builder()
                .set_workspaces_pools(Some(pools[start..end].to_vec()))
                .set_next_token((end < pools.len()).then(|| end.to_string()))
                .build()
                .unwrap())
        })
    }
}

impl UpdateWorkspacesPoolApi for FakeWorkSpaces {
    fn update_workspaces_pool(
        &self,
        _: UpdateWorkspacesPoolRequest,
    ) -> BoxFuture<'_, Result<UpdateWorkspacesPoolResult, UpdateWorkspacesPoolError>> {
        Box::pin(async {
            Err(UpdateWorkspacesPoolError::Unhandled(not_faked(
                "UpdateWorkspacesPool",
            )))
        })
    }
}

/// Code under test: creates one pool per team and returns the new ids.
async fn create_team_pools(
    api: Arc<dyn WorkSpacesApi>,
    teams: &[&str],
) -> Result<Vec<String>, CreateWorkspacesPoolError> {
    let mut ids = Vec::new();
    for team in teams {
        let input = CreateWorkspacesPoolRequest::builder()
            .pool_name(format!("{team}-pool"))
            .description(format!("Pool of {team}"))
            .bundle_id("wsb-8vbljg4r6")
            .directory_id("wsd-4x7k2m9pq")
            .capacity(
                Capacity::builder()
                    .desired_user_sessions(5)
                    .build()
                    .unwrap(),
            )
            .build()
            .unwrap();
        let output = api.create_workspaces_pool(input).await?;
        ids.push(output.workspaces_pool.unwrap().pool_id);
    }
    Ok(ids)
}

#[tokio::test]
async fn a_trait_implementation_is_a_test_double() {
    let fake = Arc::new(FakeWorkSpaces::default());
    let ids = create_team_pools(fake.clone(), &["design", "build"])
        .await
        .unwrap();
    assert_eq!(ids, ["wspool-000000001", "wspool-000000002"]);
    let names: Vec<String> = fake
        .pools
        .lock()
        .unwrap()
        .iter()
        .map(|p| p.pool_name.clone())
        .collect();
    assert_eq!(names, ["design-pool", "build-pool"]);
    // The real client goes where the double went.
    let transport = InMemoryTransport::from_responses([]);
    let api: Arc<dyn WorkSpacesApi> = Arc::new(client(&transport));
    let error = api
        .describe_workspaces_pools(DescribeWorkspacesPoolsRequest::builder().build().unwrap())
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            DescribeWorkspacesPoolsError::Client(ClientError::Dispatch(_))
        ),
        "{error:?}"
    );
}

#[tokio::test]
async fn invalid_input_lists_every_violation_and_sends_nothing() {
    let transport = InMemoryTransport::from_responses([]);
    let client = client(&transport);
    let error = client
        .create_workspaces_pool()
        .pool_name("-starts-with-a-dash")
        .description("")
        .bundle_id("wsb-8vbljg4r6")
        .directory_id("wsd-4x7k2m9pq")
        .capacity(
            Capacity::builder()
                .desired_user_sessions(-1)
                .build()
                .unwrap(),
        )
        .send()
        .await
        .unwrap_err();
    let CreateWorkspacesPoolError::Client(ClientError::Validation(validation)) = &error else {
        panic!("{error:?}")
    };
    let paths: Vec<String> = validation
        .violations()
        .iter()
        .map(|v| v.path.to_string())
        .collect();
    assert_eq!(
        paths,
        [
            "PoolName",
            "Description",
            "Description",
            "Capacity.DesiredUserSessions"
        ]
    );
    assert_eq!(
        error.to_string(),
        "invalid input, not sent: PoolName: must match the pattern ^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$; \
         Description: length must be ≥ 1; Description: must match the pattern ^[a-zA-Z0-9_./() -]+$; \
         Capacity.DesiredUserSessions: must be ≥ 0"
    );
    assert_eq!(error.code(), None);

    // Nested members, through the trait method.
    let input = CreateWorkspacesRequest::builder()
        .workspaces(
            WorkspaceRequest::builder()
                .directory_id("d-123")
                .user_name("")
                .bundle_id("wsb-12345678")
                .build()
                .unwrap(),
        )
        .build()
        .unwrap();
    let error = CreateWorkspacesApi::create_workspaces(&client, input)
        .await
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid input, not sent: Workspaces[0].DirectoryId: length must be ≥ 10; \
         Workspaces[0].DirectoryId: must match the pattern ^(d-[0-9a-f]{8,63}$)|(wsd-[0-9a-z]{8,63}$); \
         Workspaces[0].UserName: length must be ≥ 1"
    );
    assert!(transport.requests().is_empty());
}

#[tokio::test]
async fn missing_required_members_are_all_named_and_nothing_is_sent() {
    let transport = InMemoryTransport::from_responses([]);
    let error = client(&transport)
        .create_workspaces_pool()
        .pool_name("p")
        .send()
        .await
        .unwrap_err();
    let CreateWorkspacesPoolError::Client(ClientError::Build(build)) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(
        build.missing_members(),
        ["Description", "BundleId", "DirectoryId", "Capacity"]
    );
    assert_eq!(
        error.to_string(),
        "invalid input, not sent: cannot build CreateWorkspacesPoolRequest: \
         required members not set: Description, BundleId, DirectoryId, Capacity"
    );
    assert!(transport.requests().is_empty());
}

/// A service of pages: the token of each request picks the page.
fn paged_service(
    pages: &'static [(
        Option<&'static str>,
        &'static [&'static str],
        Option<&'static str>,
    )],
) -> InMemoryTransport {
    InMemoryTransport::new(move |request| {
        let body: Value = serde_json::from_slice(request.body()).unwrap();
        let token = body["NextToken"].as_str();
        let (_, ids, next) = pages
            .iter()
            .find(|(wanted, ..)| *wanted == token)
            .expect("a known token");
        let pools: Vec<Value> = ids.iter().map(|id| pool_json(id)).collect();
        let mut page = json!({ "WorkspacesPools": pools });
        if let Some(next) = next {
            page["NextToken"] = json!(next);
        }
        Ok(ok(page))
    })
}

fn sent_tokens(transport: &InMemoryTransport) -> Vec<Value> {
    transport
        .requests()
        .iter()
        .map(|r| request_json(r)["NextToken"].clone())
        .collect()
}

#[tokio::test]
async fn paginator_follows_the_tokens_over_three_pages() {
    let transport = paged_service(&[
        (None, &["wspool-000000001", "wspool-000000002"], Some("t1")),
        (Some("t1"), &[], Some("t2")),
        (Some("t2"), &["wspool-000000003"], None),
    ]);
    let client = client(&transport);
    let paginator = client
        .describe_workspaces_pools()
        .into_paginator()
        .page_size(2);

    let items = paginator
        .clone()
        .items()
        .send()
        .try_collect()
        .await
        .unwrap();
    let ids: Vec<&str> = items.iter().map(|pool| pool.pool_id.as_str()).collect();
    assert_eq!(
        ids,
        ["wspool-000000001", "wspool-000000002", "wspool-000000003"]
    );
    assert_eq!(
        sent_tokens(&transport),
        [Value::Null, json!("t1"), json!("t2")]
    );
    assert!(
        transport
            .requests()
            .iter()
            .all(|r| request_json(r)["Limit"] == 2)
    );

    // The pages, polled through `futures_core::Stream` as stream adapters do.
    let mut pages = paginator.send();
    let mut counts = Vec::new();
    for _ in 0..10 {
        let next = std::future::poll_fn(|cx| Stream::poll_next(Pin::new(&mut pages), cx));
        let Some(page) = next.await else { break };
        counts.push(page.unwrap().workspaces_pools.unwrap().len());
    }
    assert_eq!(counts, [2, 0, 1]);
    assert_eq!(transport.requests().len(), 6);
}

#[tokio::test]
async fn paginator_stops_on_a_repeated_or_empty_token() {
    let repeated = paged_service(&[
        (None, &["wspool-000000001"], Some("again")),
        (Some("again"), &["wspool-000000002"], Some("again")),
    ]);
    let pages = client(&repeated)
        .describe_workspaces_pools()
        .into_paginator()
        .send()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(pages.len(), 2);
    assert_eq!(sent_tokens(&repeated), [Value::Null, json!("again")]);

    let empty = paged_service(&[(None, &["wspool-000000001"], Some(""))]);
    let pages = client(&empty)
        .describe_workspaces_pools()
        .into_paginator()
        .send()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(pages.len(), 1);
    assert_eq!(empty.requests().len(), 1);
}

#[tokio::test]
async fn paginator_starts_from_the_input_token_and_ends_with_an_error() {
    let transport = InMemoryTransport::from_responses([
        ok(json!({"WorkspacesPools": [pool_json("wspool-000000001")], "NextToken": "t2"})),
        response(
            400,
            &[],
            r#"{"__type": "InvalidParameterValuesException", "message": "bad token"}"#,
        ),
    ]);
    let client = client(&transport);
    let mut items = client
        .describe_workspaces_pools()
        .next_token("t1")
        .into_paginator()
        .items()
        .send();
    assert_eq!(
        items.next().await.unwrap().unwrap().pool_id,
        "wspool-000000001"
    );
    let error = items.next().await.unwrap().unwrap_err();
    assert!(
        matches!(
            error,
            DescribeWorkspacesPoolsError::InvalidParameterValuesException(_)
        ),
        "{error:?}"
    );
    assert!(items.next().await.is_none());
    assert_eq!(sent_tokens(&transport), [json!("t1"), json!("t2")]);
}

#[tokio::test]
async fn error_responses_become_modeled_variants_or_unhandled() {
    let transport = InMemoryTransport::from_responses([
        response(
            400,
            &[("x-amzn-requestid", "req-1")],
            r#"{"__type": "com.amazonaws.workspaces#ResourceNotFoundException", "message": "no pool wspool-000000009"}"#,
        ),
        response(
            400,
            &[
                ("x-amzn-requestid", "req-2"),
                ("x-amzn-errortype", "ThrottledByPolicy:http://internal/"),
            ],
            r#"{"message": "slow down"}"#,
        ),
        // moto answers some errors with HTML: nothing in the body, the status stays.
        response(
            500,
            &[("content-type", "text/html"), ("x-amzn-requestid", "req-3")],
            "<html>oops</html>",
        ),
        // ... and some successes as text/html: the body is read all the same.
        response(
            200,
            &[("content-type", "text/html")],
            r#"{"WorkspacesPools": []}"#,
        ),
    ]);
    let client = client(&transport);
    let describe = || client.describe_workspaces_pools().send();

    let error = describe().await.unwrap_err();
    let DescribeWorkspacesPoolsError::ResourceNotFoundException(modeled) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(modeled.message(), Some("no pool wspool-000000009"));
    assert_eq!(error.code(), Some("ResourceNotFoundException"));
    assert_eq!(
        error.to_string(),
        "ResourceNotFoundException: no pool wspool-000000009"
    );

    let error = describe().await.unwrap_err();
    let DescribeWorkspacesPoolsError::Unhandled(meta) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(
        (
            meta.code(),
            meta.message(),
            meta.request_id(),
            meta.status()
        ),
        (
            Some("ThrottledByPolicy"),
            Some("slow down"),
            Some("req-2"),
            400
        )
    );
    assert_eq!(
        error.to_string(),
        "ThrottledByPolicy: slow down (status 400, request id req-2)"
    );

    let error = describe().await.unwrap_err();
    assert_eq!(
        error.to_string(),
        "unknown error (status 500, request id req-3)"
    );

    assert_eq!(describe().await.unwrap().workspaces_pools, Some(vec![]));
}

#[tokio::test]
async fn dispatch_failures_are_client_errors() {
    let transport = InMemoryTransport::from_responses([]);
    let config = Config::builder()
        .credentials(Credentials::new("AKID", "SECRET", None, None, "test"))
        .http_transport(transport.clone());
    let error = Client::new(config.build())
        .describe_workspaces_pools()
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            DescribeWorkspacesPoolsError::Client(ClientError::Dispatch(
                DispatchError::MissingRegion
            ))
        ),
        "{error:?}"
    );
    assert!(
        error.to_string().starts_with("no region configured"),
        "{error}"
    );
    assert!(std::error::Error::source(&error).is_some());
    assert!(transport.requests().is_empty());
}

/// The client against the generated server serving the test double, over loopback
/// HTTP, in each protocol.
#[tokio::test]
async fn the_client_pages_through_the_generated_server() {
    for protocol in [WireProtocol::RpcV2Cbor, WireProtocol::AwsJson1_1] {
        pages_through_the_generated_server(protocol).await;
    }
}

async fn pages_through_the_generated_server(protocol: WireProtocol) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let router = workspaces::server::router(FakeWorkSpaces::default());
    let server = tokio::spawn(workspaces::server::serve(listener, router, async {
        let _ = stopped.await;
    }));
    let config = Config::builder()
        .protocol(protocol)
        .region("us-west-2")
        .credentials(Credentials::new("AKID", "SECRET", None, None, "test"))
        .endpoint_url(url)
        .total_timeout(std::time::Duration::from_secs(10))
        .build();
    let client = Client::new(config);
    assert_eq!(client.protocol(), protocol);
    let create = |name: &str| {
        client
            .create_workspaces_pool()
            .pool_name(name)
            .description("A pool")
            .bundle_id("wsb-8vbljg4r6")
            .directory_id("wsd-4x7k2m9pq")
            .capacity(
                Capacity::builder()
                    .desired_user_sessions(1)
                    .build()
                    .unwrap(),
            )
    };
    for name in ["a", "b", "c", "d", "e"] {
        create(name).send().await.unwrap();
    }

    let pages = client
        .describe_workspaces_pools()
        .into_paginator()
        .page_size(2)
        .send()
        .try_collect()
        .await
        .unwrap();
    let names: Vec<Vec<String>> = pages
        .into_iter()
        .map(|page| {
            page.workspaces_pools
                .unwrap()
                .into_iter()
                .map(|p| p.pool_name)
                .collect()
        })
        .collect();
    assert_eq!(names, [vec!["a", "b"], vec!["c", "d"], vec!["e"]]);

    // The client lets a running mode it does not know through; the server checks strictly.
    let error = create("f")
        .running_mode(PoolsRunningMode::from("SOMETIMES"))
        .send()
        .await
        .unwrap_err();
    let CreateWorkspacesPoolError::Unhandled(meta) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(
        (meta.code(), meta.status()),
        (Some("ValidationException"), 400)
    );
    assert!(
        meta.message()
            .unwrap()
            .contains("at 'runningMode' failed to satisfy constraint"),
        "{error}"
    );

    stop.send(()).unwrap();
    tokio::time::timeout(std::time::Duration::from_secs(10), server)
        .await
        .unwrap()
        .unwrap();
}

/// The service's first protocol by default; a protocol the service does not speak
/// fails every call before anything is sent, naming the ones it does.
#[tokio::test]
async fn the_protocol_is_the_first_unless_configured() {
    let transport = InMemoryTransport::from_responses([]);
    let config = || {
        Config::builder()
            .region("us-west-2")
            .credentials(Credentials::new("AKID", "SECRET", None, None, "test"))
            .retry(RetryConfig::disabled())
            .http_transport(transport.clone())
    };
    assert_eq!(
        Client::new(config().build()).protocol(),
        WireProtocol::RpcV2Cbor
    );
    let client = Client::new(config().protocol(WireProtocol::AwsJson1_0).build());
    let error = client.describe_workspaces_pools().send().await.unwrap_err();
    let message = error.to_string();
    assert!(
        message.contains("aws.protocols#awsJson1_0")
            && message.contains("smithy.protocols#rpcv2Cbor, aws.protocols#awsJson1_1"),
        "{message}"
    );
    assert!(transport.requests().is_empty());
}
