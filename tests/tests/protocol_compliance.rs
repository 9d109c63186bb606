//! Smithy's awsJson 1.1 compliance cases: generates a crate per suite model, with one
//! test per `smithy.test` case, and runs them. Every case must run and pass but the
//! ones the settings skip, each with its reason (listed in the README's
//! `## Protocol compliance`).
//!
//! - `historical-awsJson1_1-main.json`: the suite in JSON AST form, as shipped.
//! - `tests/protocol-suite/awsJson1_1-idl.json`: cases of the current IDL suite that the
//!   JSON suite lacks (all but endpoints and request compression), converted with the
//!   shapes they use.

use std::collections::BTreeSet;
use std::path::Path;

use tests::{cargo, generate, run, workspace_root, write_crate};
use xtask::codegen_cmd::Options;

#[test]
fn historical_awsjson11_suite() {
    let model =
        workspace_root().join("../shared/reference/protocol-tests/historical-awsJson1_1-main.json");
    assert_eq!(
        run_suite(&model, "protocol-suite"),
        56,
        "the suite's size changed"
    );
}

#[test]
fn cases_of_the_idl_suite() {
    let model = workspace_root().join("tests/protocol-suite/awsJson1_1-idl.json");
    assert_eq!(run_suite(&model, "protocol-suite-idl"), 64);
}

/// Generates `model` into `target/<dir>` as a crate of its own (sharing one target dir
/// and the workspace's lock file), runs its protocol tests and checks that exactly the
/// cases not skipped passed. Returns the number of cases.
fn run_suite(model: &Path, dir: &str) -> usize {
    let root = workspace_root();
    let settings = root.join("tests/protocol-suite/awsJson1_1.settings.json");
    let dir = root.join("target").join(dir);
    let options = Options {
        model: model.to_path_buf(),
        settings: Some(settings.clone()),
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
        // The cases need the codecs only, not the client's or server's runtime.
        .args([
            "test",
            "--offline",
            "--no-default-features",
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
    let cases = cases(model);
    let skips = skip_keys(&settings);
    let (mut expected_passed, mut expected_ignored) = (BTreeSet::new(), BTreeSet::new());
    for case in &cases {
        // The generator's rules: `<id>/<kind>` or `<id>` skips, server cases are ignored,
        // and an id shared by a request and a response case gets the kind as a suffix.
        let skipped = skips.contains(&format!("{}/{}", case.id, case.kind))
            || skips.contains(&case.id)
            || case.server_only;
        let shared = cases.iter().filter(|c| c.id == case.id).count() > 1;
        let name = if shared {
            format!("{}_{}", case.id, case.kind)
        } else {
            case.id.clone()
        };
        let name = codegen::names::fn_name(&name).ident;
        if skipped {
            &mut expected_ignored
        } else {
            &mut expected_passed
        }
        .insert(name);
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
    server_only: bool,
}

/// The model's awsJson 1.1 request and response cases.
fn cases(model: &Path) -> Vec<Case> {
    let model: serde_json::Value =
        serde_json::from_slice(&std::fs::read(model).expect("the suite model")).expect("JSON");
    let mut cases = Vec::new();
    for shape in model["shapes"].as_object().expect("shapes").values() {
        for (trait_id, kind) in [
            ("smithy.test#httpRequestTests", "request"),
            ("smithy.test#httpResponseTests", "response"),
        ] {
            for case in shape["traits"][trait_id].as_array().into_iter().flatten() {
                if case["protocol"] == "aws.protocols#awsJson1_1" {
                    let id = case["id"].as_str().expect("an id").to_owned();
                    cases.push(Case {
                        id,
                        kind,
                        server_only: case["appliesTo"] == "server",
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
        .expect("skips")
        .keys()
        .cloned()
        .collect()
}
