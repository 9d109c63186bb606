//! Smithy's awsJson 1.1 compliance suite (`smithy.test` cases in the JSON AST of the
//! historical `aws.protocoltests.json#JsonProtocol` model): generates its crate, with
//! one test per case, and runs them. Every case must run and pass but the ones the
//! settings skip, each with its reason (listed in the README's `## Protocol compliance`).

use std::collections::BTreeSet;
use std::path::PathBuf;

use tests::{cargo, generate, run, workspace_root, write_crate};
use xtask::codegen_cmd::Options;

const SUITE: &str = "historical-awsJson1_1-main.json";

#[test]
fn every_awsjson11_case_passes() {
    let root = workspace_root();
    let model = root.join("../shared/reference/protocol-tests").join(SUITE);
    let settings = root.join("tests/protocol-suite/awsJson1_1.settings.json");
    let files = generate(&Options { model: model.clone(), settings: Some(settings.clone()), out: PathBuf::new(), check: false });

    // A crate of its own, outside the workspace, resolving exactly as the workspace does.
    let dir = root.join("target/protocol-suite");
    let mut files = files;
    for file in &mut files {
        if file.path == "Cargo.toml" {
            file.contents.push_str("\n[workspace]\n");
        }
    }
    write_crate(&dir, &files);
    tests::write_if_changed(&dir.join("Cargo.lock"), &std::fs::read(root.join("Cargo.lock")).expect("the root Cargo.lock"));

    let (output, _) = run(cargo(&dir)
        // The cases need the codecs only, not the client's or server's runtime.
        .args(["test", "--offline", "--no-default-features", "--test", "protocol_tests"])
        .env("CARGO_TARGET_DIR", root.join("target/protocol-suite-target")));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "the suite's tests failed:\n{stdout}\n{}", String::from_utf8_lossy(&output.stderr));

    let outcome = |suffix: &str| -> BTreeSet<String> {
        stdout
            .lines()
            .filter_map(|line| line.strip_prefix("test ")?.split_once(" ... "))
            .filter(|(_, result)| result.starts_with(suffix))
            .map(|(name, _)| name.to_owned())
            .collect()
    };
    let (passed, ignored) = (outcome("ok"), outcome("ignored"));
    let expected = suite_cases(&model);
    let skipped = skipped_cases(&settings);
    let run_expected: BTreeSet<String> = expected.difference(&skipped).cloned().collect();
    assert_eq!(passed, run_expected, "every case not skipped runs and passes");
    assert_eq!(ignored, skipped, "exactly the skipped cases are ignored");
    let summary = format!("test result: ok. {} passed; 0 failed; {} ignored;", passed.len(), ignored.len());
    assert!(stdout.contains(&summary), "libtest summary `{summary}` not found in:\n{stdout}");
}

/// The ids of the model's awsJson 1.1 request and response cases (all snake_case,
/// so they are the generated test names).
fn suite_cases(model: &std::path::Path) -> BTreeSet<String> {
    let text = std::fs::read_to_string(model).expect("the suite model");
    let model: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let mut ids = BTreeSet::new();
    for shape in model["shapes"].as_object().expect("shapes").values() {
        for kind in ["smithy.test#httpRequestTests", "smithy.test#httpResponseTests"] {
            for case in shape["traits"][kind].as_array().into_iter().flatten() {
                if case["protocol"] == "aws.protocols#awsJson1_1" {
                    ids.insert(case["id"].as_str().expect("an id").to_owned());
                }
            }
        }
    }
    assert_eq!(ids.len(), 56, "the suite's size changed");
    ids
}

fn skipped_cases(settings: &std::path::Path) -> BTreeSet<String> {
    let text = std::fs::read_to_string(settings).expect("the suite settings");
    let settings: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    settings["protocolTestSkips"].as_object().expect("skips").keys().cloned().collect()
}
