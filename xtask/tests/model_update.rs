//! Model updates on WorkSpaces' real history: the four operations imported from
//! botocore 1.35.0 (2024, downloaded with pip into `target/botocore/`) and from 1.44.5
//! (`shared/reference`). The expected change list was checked by hand against the
//! two `service-2.json` files (a separate closure walk over botocore's JSON: 5 shapes,
//! 7 members of which one required on an output, 29 enum values in 4 enums, the
//! service's `xmlNamespace` and its second protocol, rpcv2Cbor). Then `cargo xtask model update` end to end on a copy.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use codegen::diff::{Change, diff};
use serde_json::Value;

const OPERATIONS: [&str; 4] = [
    "CreateWorkspacesPool",
    "UpdateWorkspacesPool",
    "DescribeWorkspacesPools",
    "CreateWorkspaces",
];

/// (kind, shape name, member, severity), in the report's order.
const EXPECTED: &[(&str, &str, Option<&str>, &str)] = &[
    ("shape-added", "AGAModeForWorkSpaceEnum", None, "additive"),
    (
        "shape-added",
        "AGAPreferredProtocolForWorkSpace",
        None,
        "additive",
    ),
    (
        "enum-value-added",
        "Compute",
        Some("GENERALPURPOSE_4XLARGE"),
        "additive",
    ),
    (
        "enum-value-added",
        "Compute",
        Some("GENERALPURPOSE_8XLARGE"),
        "additive",
    ),
    (
        "enum-value-added",
        "Compute",
        Some("GRAPHICS_G6F_2XLARGE"),
        "additive",
    ),
    (
        "enum-value-added",
        "Compute",
        Some("GRAPHICS_G6F_4XLARGE"),
        "additive",
    ),
    (
        "enum-value-added",
        "Compute",
        Some("GRAPHICS_G6F_LARGE"),
        "additive",
    ),
    (
        "enum-value-added",
        "Compute",
        Some("GRAPHICS_G6F_XLARGE"),
        "additive",
    ),
    (
        "enum-value-added",
        "Compute",
        Some("GRAPHICS_G6_16XLARGE"),
        "additive",
    ),
    (
        "enum-value-added",
        "Compute",
        Some("GRAPHICS_G6_2XLARGE"),
        "additive",
    ),
    (
        "enum-value-added",
        "Compute",
        Some("GRAPHICS_G6_4XLARGE"),
        "additive",
    ),
    (
        "enum-value-added",
        "Compute",
        Some("GRAPHICS_G6_8XLARGE"),
        "additive",
    ),
    (
        "enum-value-added",
        "Compute",
        Some("GRAPHICS_G6_XLARGE"),
        "additive",
    ),
    (
        "enum-value-added",
        "Compute",
        Some("GRAPHICS_G7_12XLARGE"),
        "additive",
    ),
    (
        "enum-value-added",
        "Compute",
        Some("GRAPHICS_G7_2XLARGE"),
        "additive",
    ),
    (
        "enum-value-added",
        "Compute",
        Some("GRAPHICS_G7_4XLARGE"),
        "additive",
    ),
    (
        "enum-value-added",
        "Compute",
        Some("GRAPHICS_G7_8XLARGE"),
        "additive",
    ),
    (
        "enum-value-added",
        "Compute",
        Some("GRAPHICS_GR6F_4XLARGE"),
        "additive",
    ),
    (
        "enum-value-added",
        "Compute",
        Some("GRAPHICS_GR6_4XLARGE"),
        "additive",
    ),
    (
        "enum-value-added",
        "Compute",
        Some("GRAPHICS_GR6_8XLARGE"),
        "additive",
    ),
    ("documentation", "CreateWorkspaces", None, "docs"),
    ("documentation", "CreateWorkspacesPool", None, "docs"),
    (
        "member-added",
        "CreateWorkspacesPoolRequest",
        Some("RunningMode"),
        "additive",
    ),
    ("documentation", "DescribeWorkspacesPools", None, "docs"),
    (
        "shape-added",
        "GlobalAcceleratorForWorkSpace",
        None,
        "additive",
    ),
    ("shape-added", "Ipv6Address", None, "additive"),
    (
        "enum-value-added",
        "ModificationResourceEnum",
        Some("NESTED_VIRTUALIZATION"),
        "additive",
    ),
    (
        "enum-value-added",
        "ModificationResourceEnum",
        Some("PROTOCOL"),
        "additive",
    ),
    ("documentation", "ModificationState", None, "docs"),
    (
        "enum-value-added",
        "ModificationStateEnum",
        Some("UPDATE_FAILED"),
        "additive",
    ),
    (
        "enum-value-added",
        "OperatingSystemName",
        Some("RHEL_10"),
        "additive",
    ),
    (
        "enum-value-added",
        "OperatingSystemName",
        Some("RHEL_9"),
        "additive",
    ),
    (
        "enum-value-added",
        "OperatingSystemName",
        Some("ROCKY_10"),
        "additive",
    ),
    (
        "enum-value-added",
        "OperatingSystemName",
        Some("ROCKY_8"),
        "additive",
    ),
    (
        "enum-value-added",
        "OperatingSystemName",
        Some("ROCKY_9"),
        "additive",
    ),
    (
        "enum-value-added",
        "OperatingSystemName",
        Some("UBUNTU_24_04"),
        "additive",
    ),
    (
        "enum-value-added",
        "OperatingSystemName",
        Some("UBUNTU_26_04"),
        "additive",
    ),
    (
        "enum-value-added",
        "OperatingSystemName",
        Some("WINDOWS_SERVER_2025"),
        "additive",
    ),
    ("shape-added", "PoolsRunningMode", None, "additive"),
    ("documentation", "UpdateWorkspacesPool", None, "docs"),
    (
        "member-added",
        "UpdateWorkspacesPoolRequest",
        Some("RunningMode"),
        "additive",
    ),
    ("member-added", "Workspace", Some("Ipv6Address"), "additive"),
    ("documentation", "WorkspaceProperties", None, "docs"),
    (
        "member-added",
        "WorkspaceProperties",
        Some("GlobalAccelerator"),
        "additive",
    ),
    (
        "member-added",
        "WorkspaceProperties",
        Some("NestedVirtualizationEnabled"),
        "additive",
    ),
    ("documentation", "WorkspaceRequest", None, "docs"),
    (
        "member-added",
        "WorkspaceRequest",
        Some("Ipv6Address"),
        "additive",
    ),
    ("documentation", "WorkspacesPool", None, "docs"),
    (
        "required-member-added",
        "WorkspacesPool",
        Some("RunningMode"),
        "dangerous",
    ),
    ("protocol-added", "WorkspacesService", None, "additive"),
    ("trait-added", "WorkspacesService", None, "dangerous"),
];

fn root() -> PathBuf {
    xtask::workspace_root()
}

fn newer_service_json() -> PathBuf {
    root().join("../shared/reference/botocore-1.44.5-workspaces-service-2.json")
}

fn older_service_json() -> String {
    let wheel = xtask::botocore_wheel::wheel(&root(), "1.35.0").expect("botocore 1.35.0 from PyPI");
    let mut models = xtask::botocore_wheel::newest_service_models(&wheel, Some("workspaces"))
        .expect("the wheel's models");
    models.pop().expect("workspaces in botocore 1.35.0").text
}

fn import(service_json: &str) -> Value {
    let operations: Vec<String> = OPERATIONS.iter().map(|s| (*s).to_owned()).collect();
    codegen::import::import_botocore(service_json, &operations)
        .expect("imports")
        .model
}

fn brief(changes: &[Change]) -> Vec<(String, String, Option<String>, String)> {
    changes
        .iter()
        .map(|c| {
            let name = c.shape.rsplit('#').next().unwrap_or(&c.shape).to_owned();
            (
                c.kind.to_owned(),
                name,
                c.member.clone(),
                c.severity.as_str().to_owned(),
            )
        })
        .collect()
}

#[test]
fn botocore_1_35_to_1_44_5_is_the_list_checked_by_hand() {
    let old = import(&older_service_json());
    let new = import(&fs::read_to_string(newer_service_json()).expect("1.44.5"));
    let changes = diff(&old, &new);
    let expected: Vec<(String, String, Option<String>, String)> = EXPECTED
        .iter()
        .map(|(k, s, m, v)| {
            (
                (*k).to_owned(),
                (*s).to_owned(),
                m.map(str::to_owned),
                (*v).to_owned(),
            )
        })
        .collect();
    assert_eq!(brief(&changes), expected);
    assert_eq!(
        codegen::diff::report::summary(&changes),
        "2 dangerous, 41 additive, 8 docs"
    );
    // And back: every addition a removal.
    let back = diff(&new, &old);
    assert_eq!(back.len(), changes.len());
    assert!(
        back.iter()
            .all(|c| c.kind != "shape-added" && c.kind != "member-added")
    );
    assert!(diff(&new, &new).is_empty());
}

fn xtask(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("xtask runs")
}

/// A model directory as `model update` finds it after an import of botocore 1.35.0.
fn model_dir_at_1_35(dir: &Path) -> PathBuf {
    let _ = fs::remove_dir_all(dir);
    fs::create_dir_all(dir).unwrap();
    let model = dir.join("workspaces.json");
    fs::write(
        &model,
        codegen::import::to_json_text(&import(&older_service_json())),
    )
    .unwrap();
    fs::copy(
        root().join("model/workspaces.settings.json"),
        dir.join("workspaces.settings.json"),
    )
    .unwrap();
    let mut provenance: Value = serde_json::from_str(
        &fs::read_to_string(root().join("model/workspaces.provenance.json")).unwrap(),
    )
    .unwrap();
    provenance["version"] = "1.35.0".into();
    fs::write(
        dir.join("workspaces.provenance.json"),
        serde_json::to_string_pretty(&provenance).unwrap(),
    )
    .unwrap();
    model
}

fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            let bytes = fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect();
    files.sort();
    files
}

#[test]
fn model_update_writes_the_model_version_report_and_crate() {
    let base = root().join("target/model-update-test");
    let model = model_dir_at_1_35(&base.join("model"));
    let out = base.join("generated");
    let _ = fs::remove_dir_all(&out);
    let (model_arg, out_arg) = (model.to_str().unwrap(), out.to_str().unwrap());
    let newer = newer_service_json();

    // --deny dangerous refuses this update and writes nothing.
    let before = snapshot(model.parent().unwrap());
    let denied = xtask(&[
        "model",
        "update",
        "--botocore",
        newer.to_str().unwrap(),
        "--model",
        model_arg,
        "--out",
        out_arg,
        "--deny",
        "dangerous",
    ]);
    assert!(!denied.status.success());
    assert!(String::from_utf8_lossy(&denied.stderr).contains("nothing written"));
    assert_eq!(snapshot(model.parent().unwrap()), before);
    assert!(!out.exists());

    let run = xtask(&[
        "model",
        "update",
        "--botocore",
        newer.to_str().unwrap(),
        "--model",
        model_arg,
        "--out",
        out_arg,
    ]);
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(stdout.contains("botocore 1.35.0 → 1.44.5"), "{stdout}");
    assert!(
        stdout.contains("| dangerous | 2 |") && stdout.contains("| additive | 41 |"),
        "{stdout}"
    );
    assert!(stdout.contains("0.1.0 → 0.1.1"), "{stdout}");
    // The model is exactly the checked-in one, which is 1.44.5's import.
    assert_eq!(
        fs::read_to_string(&model).unwrap(),
        fs::read_to_string(root().join("model/workspaces.json")).unwrap()
    );
    let settings: Value = serde_json::from_str(
        &fs::read_to_string(model.with_file_name("workspaces.settings.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(settings["crateVersion"], "0.1.1");
    let provenance =
        fs::read_to_string(model.with_file_name("workspaces.provenance.json")).unwrap();
    assert!(provenance.contains("\"1.44.5\""), "{provenance}");
    let changes = fs::read_to_string(model.with_file_name("CHANGES.md")).unwrap();
    assert!(
        changes.contains("required-member-added") && changes.contains("RunningMode"),
        "{changes}"
    );
    let manifest = fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(manifest.contains("version = \"0.1.1\""), "{manifest}");

    // Again: nothing to do, nothing written.
    let before = snapshot(model.parent().unwrap());
    let again = xtask(&[
        "model",
        "update",
        "--botocore",
        newer.to_str().unwrap(),
        "--model",
        model_arg,
        "--out",
        out_arg,
    ]);
    assert!(again.status.success());
    assert!(String::from_utf8_lossy(&again.stdout).contains("nothing written"));
    assert_eq!(snapshot(model.parent().unwrap()), before);
}

#[test]
fn an_unknown_version_is_an_error_that_writes_nothing() {
    let base = root().join("target/model-update-missing");
    let model = model_dir_at_1_35(&base.join("model"));
    let before = snapshot(model.parent().unwrap());
    let run = xtask(&[
        "model",
        "update",
        "--botocore-version",
        "0.0.0-nonexistent",
        "--model",
        model.to_str().unwrap(),
        "--out",
        base.join("generated").to_str().unwrap(),
    ]);
    assert!(!run.status.success());
    assert!(
        String::from_utf8_lossy(&run.stderr).contains("pip could not download"),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(snapshot(model.parent().unwrap()), before);
    assert!(!base.join("generated").exists());
}

#[test]
fn model_diff_against_the_committed_model_and_as_json() {
    let run = xtask(&["model", "diff", "--against", "HEAD"]);
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(
        stdout.contains("HEAD:model/workspaces.json") && stdout.contains("No API change"),
        "{stdout}"
    );

    let dir = root().join("target/model-diff-test");
    fs::create_dir_all(&dir).unwrap();
    let (old, new) = (dir.join("old.json"), dir.join("new.json"));
    fs::write(
        &old,
        codegen::import::to_json_text(&import(&older_service_json())),
    )
    .unwrap();
    fs::copy(root().join("model/workspaces.json"), &new).unwrap();
    let run = xtask(&[
        "model",
        "diff",
        old.to_str().unwrap(),
        new.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert!(run.status.success());
    let report: Value = serde_json::from_slice(&run.stdout).expect("JSON");
    assert_eq!(report["verdict"], "dangerous");
    assert_eq!(report["changes"].as_array().unwrap().len(), EXPECTED.len());
    let denied = xtask(&[
        "model",
        "diff",
        old.to_str().unwrap(),
        new.to_str().unwrap(),
        "--deny",
        "dangerous",
    ]);
    assert_eq!(denied.status.code(), Some(1));
    let allowed = xtask(&[
        "model",
        "diff",
        old.to_str().unwrap(),
        new.to_str().unwrap(),
        "--deny",
        "breaking",
    ]);
    assert!(allowed.status.success());
}

#[test]
fn a_wheel_without_the_service_is_an_error_that_writes_nothing() {
    let base = root().join("target/model-update-no-service");
    let model = model_dir_at_1_35(&base.join("model"));
    let provenance = model.with_file_name("workspaces.provenance.json");
    let text = fs::read_to_string(&provenance)
        .unwrap()
        .replace("\"workspaces\"", "\"no-such-service\"");
    fs::write(&provenance, text).unwrap();
    let before = snapshot(model.parent().unwrap());
    let run = xtask(&[
        "model",
        "update",
        "--botocore-version",
        "1.35.0",
        "--model",
        model.to_str().unwrap(),
        "--out",
        base.join("generated").to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(!run.status.success());
    assert!(
        stderr.contains("botocore 1.35.0 has no service `no-such-service`"),
        "{stderr}"
    );
    assert_eq!(snapshot(model.parent().unwrap()), before);
    assert!(!base.join("generated").exists());
}
