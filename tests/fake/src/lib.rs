//! A stateful in-memory WorkSpaces: the four operations of the model, safe under
//! concurrent calls. Everything it holds is lost when the process ends.
//!
//! - CreateWorkspacesPool: id `wspool-` + 9 lowercase alphanumerics, ARN
//!   `arn:aws:workspaces:<region>:<account>:workspacespool/<id>`, answered as CREATING
//!   with no sessions yet; every later call sees it RUNNING with its desired sessions
//!   available. A taken name is `ResourceAlreadyExistsException`.
//! - UpdateWorkspacesPool: changes only the members given (timeouts one by one);
//!   an unknown id is `ResourceNotFoundException`.
//! - DescribeWorkspacesPools: `PoolIds` (unknown ones: `ResourceNotFoundException`),
//!   `Filters` on PoolName, pages of `Limit` (default 25) in creation order; the
//!   `NextToken` stays valid while others create pools.
//! - CreateWorkspaces: each request becomes a PENDING WorkSpace (`ws-` + 9
//!   characters) or, for an unknown directory, a failed request with ErrorCode
//!   `ResourceNotFound.Directory`.
//!
//! Every directory exists unless the fake was started with `--directory`: then only those.

mod pools;

use pools::{Pools, StoreError};
use std::collections::BTreeSet;
use workspaces::api::{
    BoxFuture, CreateWorkspacesApi, CreateWorkspacesPoolApi, DescribeWorkspacesPoolsApi,
    UpdateWorkspacesPoolApi,
};
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
use workspaces::types::error::InvalidParameterValuesException;
use workspaces::types::error::ResourceAlreadyExistsException;
use workspaces::types::error::ResourceNotFoundException;
use workspaces::types::{
    ApplicationSettingsRequest, ApplicationSettingsResponse, CapacityStatus,
    FailedCreateWorkspaceRequest, PoolsRunningMode, TimeoutSettings, Workspace, WorkspaceRequest,
    WorkspaceState, WorkspacesPool, WorkspacesPoolState,
};

/// Where the fake pretends to run, and what exists there already.
#[derive(Clone, Debug)]
pub struct FakeConfig {
    pub region: String,
    pub account: String,
    /// Directories that exist; empty means every well-formed directory id does.
    pub directories: BTreeSet<String>,
}

impl Default for FakeConfig {
    fn default() -> Self {
        FakeConfig {
            region: "us-east-1".into(),
            account: "123456789012".into(),
            directories: BTreeSet::new(),
        }
    }
}

/// Pages hold at most this many pools when the request sets no `Limit` (its maximum).
const DEFAULT_LIMIT: usize = 25;

pub struct Fake {
    config: FakeConfig,
    pools: Pools,
}

impl Fake {
    pub fn new(config: FakeConfig) -> Self {
        Fake {
            config,
            pools: Pools::default(),
        }
    }

    fn directory_exists(&self, id: &str) -> bool {
        self.config.directories.is_empty() || self.config.directories.contains(id)
    }

    fn create_pool(
        &self,
        input: CreateWorkspacesPoolRequest,
    ) -> Result<CreateWorkspacesPoolResult, CreateWorkspacesPoolError> {
        if !self.directory_exists(&input.directory_id) {
            return Err(CreateWorkspacesPoolError::ResourceNotFoundException(
                not_found(&input.directory_id, "directory"),
            ));
        }
        let stored = self.pools.insert(
            || format!("wspool-{}", random_id()),
            |id| {
                let desired = input.capacity.desired_user_sessions;
                // Provisioning is instant: the caller sees CREATING, every later call RUNNING.
                WorkspacesPool::builder()
                    .pool_arn(format!(
                        "arn:aws:workspaces:{}:{}:workspacespool/{id}",
                        self.config.region, self.config.account
                    ))
                    .pool_id(id)
                    .pool_name(input.pool_name)
                    .description(input.description)
                    .bundle_id(input.bundle_id)
                    .directory_id(input.directory_id)
                    .capacity_status(capacity(desired, desired))
                    .state(WorkspacesPoolState::Running)
                    .created_at(now_in_milliseconds())
                    .set_application_settings(input.application_settings.map(settings_response))
                    .set_timeout_settings(input.timeout_settings)
                    .running_mode(input.running_mode.unwrap_or(PoolsRunningMode::AutoStop))
                    .build()
                    .expect("every required member is set")
            },
        );
        match stored {
            Ok(mut created) => {
                created.state = WorkspacesPoolState::Creating;
                created.capacity_status =
                    capacity(created.capacity_status.desired_user_sessions, 0);
                Ok(CreateWorkspacesPoolResult::builder()
                    .workspaces_pool(created)
                    .build()
                    .expect("no required members"))
            }
            Err(StoreError::NameTaken(name)) => {
                Err(CreateWorkspacesPoolError::ResourceAlreadyExistsException(
                    ResourceAlreadyExistsException::builder()
                        .message(format!("A WorkSpaces pool named {name} already exists."))
                        .build()
                        .expect("no required members"),
                ))
            }
            Err(other) => unreachable!("insert fails only on a taken name: {other:?}"),
        }
    }

    fn update_pool(
        &self,
        input: UpdateWorkspacesPoolRequest,
    ) -> Result<UpdateWorkspacesPoolResult, UpdateWorkspacesPoolError> {
        if let Some(directory) = input
            .directory_id
            .as_deref()
            .filter(|d| !self.directory_exists(d))
        {
            return Err(UpdateWorkspacesPoolError::ResourceNotFoundException(
                not_found(directory, "directory"),
            ));
        }
        let updated = self.pools.update(&input.pool_id, |pool| {
            // Only the members the request sets change.
            if let Some(description) = input.description {
                pool.description = Some(description);
            }
            if let Some(bundle) = input.bundle_id {
                pool.bundle_id = bundle;
            }
            if let Some(directory) = input.directory_id {
                pool.directory_id = directory;
            }
            if let Some(wanted) = input.capacity {
                let desired = wanted.desired_user_sessions;
                pool.capacity_status = capacity(desired, desired);
            }
            if let Some(settings) = input.application_settings {
                pool.application_settings = Some(settings_response(settings));
            }
            if let Some(timeouts) = input.timeout_settings {
                pool.timeout_settings =
                    Some(merge_timeouts(pool.timeout_settings.take(), timeouts));
            }
            if let Some(mode) = input.running_mode {
                pool.running_mode = mode;
            }
        });
        match updated {
            Ok(pool) => Ok(UpdateWorkspacesPoolResult::builder()
                .workspaces_pool(pool)
                .build()
                .expect("no required members")),
            Err(StoreError::NotFound(id)) => Err(
                UpdateWorkspacesPoolError::ResourceNotFoundException(not_found(&id, "pool")),
            ),
            Err(other) => unreachable!("update fails only on an unknown id: {other:?}"),
        }
    }

    fn describe_pools(
        &self,
        input: DescribeWorkspacesPoolsRequest,
    ) -> Result<DescribeWorkspacesPoolsResult, DescribeWorkspacesPoolsError> {
        // Validation keeps Limit within 1..=25.
        let limit = input.limit.map_or(DEFAULT_LIMIT, |limit| {
            usize::try_from(limit).unwrap_or(DEFAULT_LIMIT)
        });
        let filters = input.filters.unwrap_or_default();
        match self.pools.page(
            input.pool_ids.as_deref(),
            &filters,
            limit,
            input.next_token.as_deref(),
        ) {
            Ok(page) => Ok(DescribeWorkspacesPoolsResult::builder()
                .set_workspaces_pools(Some(page.pools))
                .set_next_token(page.next_token)
                .build()
                .expect("no required members")),
            Err(StoreError::NotFound(id)) => Err(
                DescribeWorkspacesPoolsError::ResourceNotFoundException(not_found(&id, "pool")),
            ),
            Err(StoreError::BadToken | StoreError::NameTaken(_)) => Err(
                DescribeWorkspacesPoolsError::InvalidParameterValuesException(
                    InvalidParameterValuesException::builder()
                        .message("The NextToken is not valid.")
                        .build()
                        .expect("no required members"),
                ),
            ),
        }
    }

    fn create_workspaces(&self, input: CreateWorkspacesRequest) -> CreateWorkspacesResult {
        let (mut pending, mut failed) = (Vec::new(), Vec::new());
        for request in input.workspaces {
            if self.directory_exists(&request.directory_id) {
                pending.push(pending_workspace(request));
            } else {
                failed.push(
                    FailedCreateWorkspaceRequest::builder()
                        .error_code("ResourceNotFound.Directory")
                        .error_message(format!(
                            "The directory {} could not be found.",
                            request.directory_id
                        ))
                        .workspace_request(request)
                        .build()
                        .expect("no required members"),
                );
            }
        }
        CreateWorkspacesResult::builder()
            .set_pending_requests(Some(pending))
            .set_failed_requests(Some(failed))
            .build()
            .expect("no required members")
    }
}

impl CreateWorkspacesApi for Fake {
    fn create_workspaces(
        &self,
        input: CreateWorkspacesRequest,
    ) -> BoxFuture<'_, Result<CreateWorkspacesResult, CreateWorkspacesError>> {
        Box::pin(async move { Ok(Fake::create_workspaces(self, input)) })
    }
}

impl CreateWorkspacesPoolApi for Fake {
    fn create_workspaces_pool(
        &self,
        input: CreateWorkspacesPoolRequest,
    ) -> BoxFuture<'_, Result<CreateWorkspacesPoolResult, CreateWorkspacesPoolError>> {
        Box::pin(async move { self.create_pool(input) })
    }
}

impl DescribeWorkspacesPoolsApi for Fake {
    fn describe_workspaces_pools(
        &self,
        input: DescribeWorkspacesPoolsRequest,
    ) -> BoxFuture<'_, Result<DescribeWorkspacesPoolsResult, DescribeWorkspacesPoolsError>> {
        Box::pin(async move { self.describe_pools(input) })
    }
}

impl UpdateWorkspacesPoolApi for Fake {
    fn update_workspaces_pool(
        &self,
        input: UpdateWorkspacesPoolRequest,
    ) -> BoxFuture<'_, Result<UpdateWorkspacesPoolResult, UpdateWorkspacesPoolError>> {
        Box::pin(async move { self.update_pool(input) })
    }
}

/// Nine lowercase alphanumerics, as pool and WorkSpace ids end.
fn random_id() -> String {
    const ALPHABET: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    (0..9)
        .map(|_| char::from(ALPHABET[fastrand::usize(..ALPHABET.len())]))
        .collect()
}

/// Nobody is connected to a fake pool: every session that exists is available.
fn capacity(desired: i32, actual: i32) -> CapacityStatus {
    let active = 0;
    CapacityStatus::builder()
        .desired_user_sessions(desired)
        .actual_user_sessions(actual)
        .active_user_sessions(active)
        .available_user_sessions(actual - active)
        .build()
        .expect("every required member is set")
}

fn settings_response(request: ApplicationSettingsRequest) -> ApplicationSettingsResponse {
    ApplicationSettingsResponse::builder()
        .status(request.status)
        .set_settings_group(request.settings_group)
        .build()
        .expect("every required member is set")
}

fn merge_timeouts(old: Option<TimeoutSettings>, new: TimeoutSettings) -> TimeoutSettings {
    let old = old.unwrap_or_else(|| {
        TimeoutSettings::builder()
            .build()
            .expect("no required members")
    });
    TimeoutSettings::builder()
        .set_disconnect_timeout_in_seconds(
            new.disconnect_timeout_in_seconds
                .or(old.disconnect_timeout_in_seconds),
        )
        .set_idle_disconnect_timeout_in_seconds(
            new.idle_disconnect_timeout_in_seconds
                .or(old.idle_disconnect_timeout_in_seconds),
        )
        .set_max_user_duration_in_seconds(
            new.max_user_duration_in_seconds
                .or(old.max_user_duration_in_seconds),
        )
        .build()
        .expect("no required members")
}

fn pending_workspace(request: WorkspaceRequest) -> Workspace {
    Workspace::builder()
        .workspace_id(format!("ws-{}", random_id()))
        .state(WorkspaceState::Pending)
        .directory_id(request.directory_id)
        .user_name(request.user_name)
        .bundle_id(request.bundle_id)
        .set_volume_encryption_key(request.volume_encryption_key)
        .set_user_volume_encryption_enabled(request.user_volume_encryption_enabled)
        .set_root_volume_encryption_enabled(request.root_volume_encryption_enabled)
        .set_workspace_properties(request.workspace_properties)
        .set_workspace_name(request.workspace_name)
        .build()
        .expect("no required members")
}

fn not_found(id: &str, what: &str) -> ResourceNotFoundException {
    ResourceNotFoundException::builder()
        .message(format!("The {what} {id} does not exist."))
        .resource_id(id)
        .build()
        .expect("no required members")
}

/// Now, to the millisecond, as the real service reports times.
fn now_in_milliseconds() -> Timestamp {
    let now = Timestamp::now();
    Timestamp::from_secs_and_nanos(now.secs(), now.subsec_nanos() / 1_000_000 * 1_000_000)
}
