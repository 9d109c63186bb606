//! Every fixture model and several official AWS models, generated and built as one cargo
//! workspace under `target/generated-fixtures/`: `cargo check`, `cargo doc` and
//! `cargo clippy`, each with warnings denied. One test, because the three share a build.
//!
//! Generation goes through xtask's own code path and writes only changed files, so a rerun
//! with no model or generator change rebuilds nothing. Run with `--nocapture` to see timings.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Duration;
use tests::{cargo, fixture_models, generate_model, model_name, reference_models_dir, run, workspace_root, write_crate};

/// Official models from `shared/reference/smithy-models/` built with the fixtures: every one
/// the generator accepts (all seven at the time of writing).
const OFFICIAL_MODELS: &[&str] = &[
    "cloudwatch-logs-2014-03-28.json",
    "dynamodb-2012-08-10.json",
    "ecr-2015-09-21.json",
    "kms-2014-11-01.json",
    "secrets-manager-2017-10-17.json",
    "sqs-2012-11-05.json",
    "workspaces-2015-04-08.json",
];

/// Generates every model into `<base>/<model name>/` and makes `<base>` a workspace of them.
fn prepare_workspace(base: &Path, models: &[PathBuf]) -> Vec<String> {
    let mut members = Vec::new();
    let mut crate_names = BTreeSet::new();
    for model in models {
        let name = model_name(model);
        let files = generate_model(model);
        let manifest = files.iter().find(|f| f.path == "Cargo.toml").expect("a generated crate has a Cargo.toml");
        let package = manifest.contents.lines().find_map(|l| l.strip_prefix("name = ")).expect("a package name");
        assert!(crate_names.insert(package.to_owned()), "two models generate the package {package}; give a fixture its own sdkId");
        write_crate(&base.join(&name), &files);
        members.push(name);
    }
    // Crates of models no longer in the list would otherwise linger and confuse a reader.
    for entry in std::fs::read_dir(base).expect("the workspace directory exists") {
        let path = entry.expect("directory entry").path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
        if path.is_dir() && !members.contains(&name) {
            std::fs::remove_dir_all(&path).unwrap_or_else(|e| panic!("cannot remove {}: {e}", path.display()));
        }
    }
    let list: Vec<String> = members.iter().map(|m| format!("    \"{m}\",")).collect();
    let manifest = format!(
        "# Written by tests/tests/compile_generated.rs: every fixture and official model as a crate.\n\
         [workspace]\nresolver = \"3\"\nmembers = [\n{}\n]\n",
        list.join("\n")
    );
    tests::write_if_changed(&base.join("Cargo.toml"), manifest.as_bytes());
    // The main build's versions, so `--offline` finds every dependency and results match.
    let lock = std::fs::read(workspace_root().join("Cargo.lock")).expect("the workspace has a Cargo.lock");
    std::fs::write(base.join("Cargo.lock"), lock).expect("cannot write Cargo.lock");
    members
}

#[test]
fn generated_crates_check_document_and_lint_clean() {
    let root = workspace_root();
    let base = root.join("target/generated-fixtures");
    let target_dir = root.join("target/generated-fixtures-target");
    std::fs::create_dir_all(&base).expect("cannot create target/generated-fixtures");

    let mut models = fixture_models();
    assert!(models.len() >= 7, "expected the fixtures of tests/fixtures/, found {models:?}");
    models.extend(OFFICIAL_MODELS.iter().map(|m| reference_models_dir().join(m)));
    let start = std::time::Instant::now();
    let members = prepare_workspace(&base, &models);
    eprintln!("generated {} crates in {:.1?}", members.len(), start.elapsed());

    // The same RUSTFLAGS for all three commands, so they share the dependencies' build.
    let steps: [(&str, &[&str]); 3] = [
        ("cargo check", &["check", "--workspace", "--all-targets", "--offline"]),
        ("cargo doc", &["doc", "--no-deps", "--workspace", "--offline"]),
        ("cargo clippy", &["clippy", "--workspace", "--all-targets", "--offline", "--", "-D", "warnings"]),
    ];
    let mut failures = Vec::new();
    let mut total = Duration::ZERO;
    for (label, args) in steps {
        let mut command = cargo(&base);
        command
            .args(args)
            .env("CARGO_TARGET_DIR", &target_dir)
            .env("RUSTFLAGS", "-D warnings")
            .env("RUSTDOCFLAGS", "-D warnings")
            .env("CARGO_TERM_COLOR", "never");
        let (output, took) = run(&mut command);
        total += took;
        eprintln!("{label}: {} in {took:.1?}", if output.status.success() { "ok" } else { "FAILED" });
        if !output.status.success() {
            failures.push(format!(
                "`{label}` failed ({}) in {}:\n{}",
                output.status,
                base.display(),
                String::from_utf8_lossy(&output.stderr)
            ));
        }
    }
    eprintln!("cargo total: {total:.1?} for {} crates", members.len());
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
