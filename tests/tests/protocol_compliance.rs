//! Smithy's awsJson 1.0 and 1.1 compliance suites, read from their IDL sources
//! (`shared/reference/protocol-tests/smithy-aws-protocol-tests/model/`, with the
//! shared types and the trait definitions they use), and the historical awsJson 1.1
//! suite Smithy shipped as JSON AST: a crate per service, with one test per
//! `smithy.test` case, generated and run. Every case must run and pass but the ones
//! the settings skip, each with its reason (listed in the README's
//! `## Protocol compliance`).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::Value;
use tests::{cargo, generate, run, workspace_root, write_crate};
use xtask::codegen_cmd::Options;

fn protocol_tests() -> PathBuf {
    workspace_root().join("../shared/reference/protocol-tests")
}

/// A suite directory of `smithy-aws-protocol-tests/model/` with what it needs: the
/// shared types and the trait definitions (aws.*, smithy.test, smithy.framework).
fn idl_suite(dir: &str) -> Vec<PathBuf> {
    let base = protocol_tests();
    let suites = base.join("smithy-aws-protocol-tests/model");
    vec![
        suites.join(dir),
        suites.join("shared-types.smithy"),
        base.join("smithy-aws-traits"),
        base.join("smithy-protocol-test-traits"),
        base.join("smithy-validation-model"),
    ]
}

fn settings(name: &str) -> PathBuf {
    workspace_root().join("tests/protocol-suite").join(name)
}

#[test]
fn historical_awsjson11_suite() {
    let model = protocol_tests().join("historical-awsJson1_1-main.json");
    let cases = run_suite(
        &[model],
        &settings("historical-awsJson1_1.settings.json"),
        "protocol-suite",
    );
    assert_eq!(cases, 56, "the suite's size changed");
}

#[test]
fn awsjson11_suite() {
    let cases = run_suite(
        &idl_suite("awsJson1_1"),
        &settings("awsJson1_1.settings.json"),
        "protocol-suite-json11",
    );
    assert_eq!(cases, 122, "the suite's size changed");
}

#[test]
fn awsjson11_machinelearning_suite() {
    let cases = run_suite(
        &idl_suite("awsJson1_1"),
        &settings("awsJson1_1-machinelearning.settings.json"),
        "protocol-suite-json11-ml",
    );
    assert_eq!(cases, 1, "the suite's size changed");
}

#[test]
fn awsjson10_suite() {
    let cases = run_suite(
        &idl_suite("awsJson1_0"),
        &settings("awsJson1_0.settings.json"),
        "protocol-suite-json10",
    );
    assert_eq!(cases, 73, "the suite's size changed");
}

#[test]
fn awsjson10_query_compatible_suite() {
    let cases = run_suite(
        &idl_suite("awsJson1_0"),
        &settings("awsJson1_0-query-compatible.settings.json"),
        "protocol-suite-json10-qc",
    );
    assert_eq!(cases, 3, "the suite's size changed");
}

/// The rpcv2Cbor suite of `smithy-protocol-tests/model/rpcv2Cbor/` with the
/// protocol's trait definition and what its cases use.
fn cbor_suite() -> Vec<PathBuf> {
    let base = protocol_tests();
    vec![
        base.join("smithy-protocol-tests/model/rpcv2Cbor"),
        base.join("smithy-protocol-tests/model/shared-types.smithy"),
        base.join("smithy-protocol-traits"),
        base.join("smithy-protocol-test-traits"),
        base.join("smithy-validation-model"),
    ]
}

#[test]
fn rpcv2cbor_suite() {
    let cases = run_suite(
        &cbor_suite(),
        &settings("rpcv2Cbor.settings.json"),
        "protocol-suite-cbor",
    );
    assert_eq!(cases, 88, "the suite's size changed");
}

/// AWS's rpcv2Cbor cases: `smithy-aws-protocol-tests/model/rpcv2Cbor/`.
fn aws_cbor_suite() -> Vec<PathBuf> {
    let mut files = idl_suite("rpcv2Cbor");
    files.push(protocol_tests().join("smithy-protocol-traits"));
    files.push(protocol_tests().join("smithy-aws-protocol-tests/model/aws-config.smithy"));
    files
}

#[test]
fn rpcv2cbor_aws_suite() {
    let cases = run_suite(
        &aws_cbor_suite(),
        &settings("rpcv2Cbor-aws.settings.json"),
        "protocol-suite-cbor-aws",
    );
    assert_eq!(cases, 1, "the suite's size changed");
}

#[test]
fn rpcv2cbor_query_compatible_suite() {
    let cases = run_suite(
        &aws_cbor_suite(),
        &settings("rpcv2Cbor-query-compatible.settings.json"),
        "protocol-suite-cbor-qc",
    );
    assert_eq!(cases, 3, "the suite's size changed");
}

/// Generates `models` (with `settings`) into `target/<dir>` as a crate of its own
/// (sharing one target dir and the workspace's lock file), runs its protocol tests and
/// checks that exactly the cases not skipped passed. Returns the number of cases.
fn run_suite(models: &[PathBuf], settings: &Path, dir: &str) -> usize {
    let root = workspace_root();
    let dir = root.join("target").join(dir);
    let options = Options {
        models: models.to_vec(),
        settings: Some(settings.to_path_buf()),
        out: dir.clone(),
        check: false,
        runtime: xtask::codegen_cmd::Runtime::Workspace,
    };
    let mut files = generate(&options);
    for file in &mut files {
        if file.path == "Cargo.toml" {
            file.contents.push_str("\n[workspace]\n");
        }
    }
    write_crate(&dir, &files);
    tests::write_if_changed(
        &dir.join("Cargo.lock"),
        &std::fs::read(root.join("Cargo.lock")).expect("the root Cargo.lock"),
    );

    let (output, _) = run(cargo(&dir)
        // The cases need the codecs only, the server's for its side, not the client's runtime.
        .args([
            "test",
            "--offline",
            "--no-default-features",
            "--features",
            "server",
            "--lib",
            "protocol_tests::",
        ])
        .env(
            "CARGO_TARGET_DIR",
            root.join("target/protocol-suite-target"),
        ));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "the suite's tests failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );

    let outcome = |prefix: &str| -> BTreeSet<String> {
        stdout
            .lines()
            .filter_map(|line| {
                line.strip_prefix("test protocol_tests::")?
                    .split_once(" ... ")
            })
            .filter(|(_, result)| result.starts_with(prefix))
            .map(|(name, _)| name.to_owned())
            .collect()
    };
    let (passed, ignored) = (outcome("ok"), outcome("ignored"));
    let cases = cases(models, settings);
    let skips = skip_keys(settings);
    let (mut expected_passed, mut expected_ignored) = (BTreeSet::new(), BTreeSet::new());
    for case in &cases {
        // The generator's rules: `<id>/<kind>` or `<id>` skips, `<id>/server` skips the
        // server side alone; a case runs on each side it applies to, a case for both
        // twice (the server's test named `<name>_server`); an id shared by a request
        // and a response case gets the kind as a suffix.
        let skipped =
            skips.contains(&format!("{}/{}", case.id, case.kind)) || skips.contains(&case.id);
        let shared = cases.iter().filter(|c| c.id == case.id).count() > 1;
        let name = if shared {
            format!("{}_{}", case.id, case.kind)
        } else {
            case.id.clone()
        };
        let name = codegen::names::fn_name(&name).ident;
        let mut sides = Vec::new();
        if case.applies_to != Some("server") {
            sides.push((name.clone(), skipped));
        }
        if case.applies_to != Some("client") {
            let server_name = match case.applies_to {
                Some("server") => name.clone(),
                _ => format!("{name}_server"),
            };
            sides.push((
                server_name,
                skipped || skips.contains(&format!("{}/server", case.id)),
            ));
        }
        for (name, skipped) in sides {
            if skipped {
                &mut expected_ignored
            } else {
                &mut expected_passed
            }
            .insert(name);
        }
    }
    assert_eq!(
        passed, expected_passed,
        "every case not skipped runs and passes"
    );
    assert_eq!(
        ignored, expected_ignored,
        "exactly the skipped cases are ignored"
    );
    let summary = format!(
        "test result: ok. {} passed; 0 failed; {} ignored;",
        passed.len(),
        ignored.len()
    );
    assert!(
        stdout.contains(&summary),
        "libtest summary `{summary}` not found in:\n{stdout}"
    );
    cases.len()
}

struct Case {
    id: String,
    /// `request` or `response`.
    kind: &'static str,
    /// `client` or `server` when the case applies to one side only.
    applies_to: Option<&'static str>,
}

/// The request and response cases of the service the settings name (or the model's
/// only service), in its protocol: on its operations and their errors.
fn cases(models: &[PathBuf], settings: &Path) -> Vec<Case> {
    let sources = xtask::model_files::read(models, false).expect("the suite's files");
    let model = codegen::assemble::assemble(&sources).expect("the suite assembles");
    let shapes = model["shapes"].as_object().expect("shapes");
    let settings: Value =
        serde_json::from_slice(&std::fs::read(settings).expect("settings")).expect("JSON");
    let service_id = match settings["service"].as_str() {
        Some(id) => id.to_owned(),
        None => {
            let mut services = shapes.iter().filter(|(_, s)| s["type"] == "service");
            services.next().expect("a service").0.clone()
        }
    };
    let service = &shapes[&service_id];
    let protocol = [
        "smithy.protocols#rpcv2Cbor",
        "aws.protocols#awsJson1_0",
        "aws.protocols#awsJson1_1",
    ]
    .into_iter()
    .find(|p| service["traits"].get(*p).is_some())
    .expect("a service of a protocol the generator speaks");
    let targets = |value: &Value, key: &str| -> Vec<String> {
        value[key]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|t| t["target"].as_str().map(str::to_owned))
            .collect()
    };
    let operations = targets(service, "operations");
    let mut errors: BTreeSet<String> = targets(service, "errors").into_iter().collect();
    for operation in &operations {
        errors.extend(targets(&shapes[operation], "errors"));
    }
    let mut cases = Vec::new();
    let kinds = [
        ("smithy.test#httpRequestTests", "request"),
        ("smithy.test#httpResponseTests", "response"),
    ];
    for id in operations.iter().chain(&errors) {
        for (trait_id, kind) in kinds {
            for case in shapes[id]["traits"][trait_id]
                .as_array()
                .into_iter()
                .flatten()
            {
                if case["protocol"] == protocol {
                    cases.push(Case {
                        id: case["id"].as_str().expect("an id").to_owned(),
                        kind,
                        applies_to: match case["appliesTo"].as_str() {
                            Some("client") => Some("client"),
                            Some("server") => Some("server"),
                            _ => None,
                        },
                    });
                }
            }
        }
    }
    cases
}

fn skip_keys(settings: &Path) -> BTreeSet<String> {
    let settings: serde_json::Value =
        serde_json::from_slice(&std::fs::read(settings).expect("the suite settings"))
            .expect("JSON");
    settings["protocolTestSkips"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(id, _)| id.clone())
        .collect()
}
