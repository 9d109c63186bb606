//! The generated `validation` module: every constraint kind, both policies, both renderings.

use workspaces::operation::create_workspaces::CreateWorkspacesRequest;
use workspaces::operation::create_workspaces_pool::CreateWorkspacesPoolRequest;
use workspaces::operation::describe_workspaces_pools::DescribeWorkspacesPoolsRequest;
use workspaces::types::{Capacity, RunningMode, WorkspaceProperties, WorkspaceRequest};
use workspaces::validation::{Path, Segment};
use workspaces::validation::{Policy, validate, validate_request};

fn workspace(user: &str, properties: Option<WorkspaceProperties>) -> WorkspaceRequest {
    WorkspaceRequest::builder()
        .directory_id("d-1234567890")
        .user_name(user)
        .bundle_id("wsb-12345678")
        .set_workspace_properties(properties)
        .build()
        .unwrap()
}

fn pool(name: &str, description: &str, sessions: i32) -> CreateWorkspacesPoolRequest {
    CreateWorkspacesPoolRequest::builder()
        .pool_name(name)
        .description(description)
        .bundle_id("wsb-12345678")
        .directory_id("d-1234567890")
        .capacity(
            Capacity::builder()
                .desired_user_sessions(sessions)
                .build()
                .unwrap(),
        )
        .build()
        .unwrap()
}

#[test]
fn a_valid_input_passes_both_policies() {
    let input = pool("pool-1", "A pool", 2);
    assert_eq!(validate(&input, Policy::Lenient), Ok(()));
    assert_eq!(validate(&input, Policy::Strict), Ok(()));
}

#[test]
fn every_violation_is_listed_with_its_path() {
    let input = pool(&"p".repeat(65), "", -1);
    let error = validate(&input, Policy::Lenient).unwrap_err();
    assert_eq!(
        error.to_string(),
        format!(
            "PoolName: must match the pattern ^[A-Za-z0-9][A-Za-z0-9_.-]{{0,63}}$; \
             Description: length must be ≥ 1; \
             Description: must match the pattern ^[a-zA-Z0-9_./() -]+$; \
             Capacity.DesiredUserSessions: must be ≥ 0"
        )
    );
    assert_eq!(
        error.aws_message(),
        format!(
            "4 validation errors detected: Value '{}' at 'poolName' failed to satisfy constraint: \
             Member must satisfy regular expression pattern: ^[A-Za-z0-9][A-Za-z0-9_.-]{{0,63}}$; \
             Value '' at 'description' failed to satisfy constraint: Member must have length greater than or equal to 1; \
             Value '' at 'description' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9_./() -]+$; \
             Value '-1' at 'capacity.desiredUserSessions' failed to satisfy constraint: \
             Member must have value greater than or equal to 0",
            "p".repeat(65)
        )
    );
}

#[test]
fn lengths_count_unicode_scalar_values_not_bytes() {
    // 63 two-byte characters: 126 bytes, but within UserName's 63-character maximum.
    let ok = CreateWorkspacesRequest::builder()
        .workspaces(workspace(&"é".repeat(63), None))
        .build()
        .unwrap();
    assert_eq!(validate(&ok, Policy::Strict), Ok(()));
    let long = CreateWorkspacesRequest::builder()
        .workspaces(workspace(&"é".repeat(64), None))
        .build()
        .unwrap();
    let error = validate(&long, Policy::Strict).unwrap_err();
    assert_eq!(
        error.to_string(),
        "Workspaces[0].UserName: length must be ≤ 63"
    );
}

#[test]
fn list_lengths_and_elements_use_one_based_member_paths_for_aws() {
    let mut builder = CreateWorkspacesRequest::builder();
    for i in 0..26 {
        builder = builder.workspaces(workspace(if i == 1 { "" } else { "user" }, None));
    }
    let error = validate(&builder.build().unwrap(), Policy::Lenient).unwrap_err();
    assert_eq!(error.violations().len(), 2);
    assert_eq!(
        error.aws_message(),
        "2 validation errors detected: Value at 'workspaces' failed to satisfy constraint: \
         Member must have length less than or equal to 25; \
         Value '' at 'workspaces.2.member.userName' failed to satisfy constraint: \
         Member must have length greater than or equal to 1"
    );
    assert_eq!(
        error.violations()[1].path.to_string(),
        "Workspaces[1].UserName"
    );
}

#[test]
fn unknown_enum_values_fail_only_the_strict_policy() {
    let properties = WorkspaceProperties::builder()
        .running_mode(RunningMode::from("SOMETIMES"))
        .build()
        .unwrap();
    let input = CreateWorkspacesRequest::builder()
        .workspaces(workspace("user", Some(properties)))
        .build()
        .unwrap();
    assert_eq!(validate(&input, Policy::Lenient), Ok(()));
    let error = validate(&input, Policy::Strict).unwrap_err();
    let values = RunningMode::VALUES.join(", ");
    assert_eq!(
        error.aws_message(),
        format!(
            "1 validation error detected: Value 'SOMETIMES' at 'workspaces.1.member.workspaceProperties.runningMode' \
             failed to satisfy constraint: Member must satisfy enum value set: [{values}]"
        )
    );
    assert_eq!(
        error.to_string(),
        format!("Workspaces[0].WorkspaceProperties.RunningMode: must be one of {values}")
    );
}

#[test]
fn ranges_and_patterns_on_optional_members() {
    let input = DescribeWorkspacesPoolsRequest::builder()
        .pool_ids("wspool-abc")
        .limit(26)
        .build()
        .unwrap();
    let error = validate(&input, Policy::Lenient).unwrap_err();
    assert_eq!(
        error.to_string(),
        "PoolIds[0]: must match the pattern ^wspool-[0-9a-z]{9}$; Limit: must be ≤ 25"
    );
}

#[test]
fn a_server_reports_missing_members_without_checking_their_zero_values() {
    // What a strict parse of `{"PoolName": "p"}` yields: zero values, recorded as missing.
    let input = pool("p", "", 0);
    let missing: Vec<Path> = ["Description", "Capacity"]
        .into_iter()
        .map(|member| {
            let mut path = Path::default();
            path.push(Segment::Member(member));
            path
        })
        .collect();
    let error = validate_request(&input, &missing).unwrap_err();
    assert_eq!(
        error.aws_message(),
        "2 validation errors detected: Value null at 'description' failed to satisfy constraint: \
         Member must not be null; Value null at 'capacity' failed to satisfy constraint: Member must not be null"
    );
}
