//! Every service of botocore 1.44.8 that botocore calls with its `json`
//! protocol (awsJson 1.0/1.1) or `smithy-rpc-v2-cbor`, imported whole and generated through
//! `cargo xtask check-services`' own code. The wheel is downloaded with pip
//! into `target/botocore/` on first use. The release is pinned: a newer one
//! changes the list of services and of failures.

use std::path::PathBuf;

use xtask::check_services::{
    COMPILE_SAMPLE, ServiceOutcome, compile, import_and_generate, supported_services,
};

const BOTOCORE: &str = "1.44.8";

/// Services in botocore 1.44.8 (newest API version of each) that list `json` (154)
/// or only `smithy-rpc-v2-cbor` (4).
const SERVICES: usize = 158;

/// Services the generator cannot generate yet, with the start of the error.
/// The test fails if one of them starts to generate (remove it here then) or
/// if another one fails. None today.
const EXPECTED_GENERATION_FAILURES: &[(&str, &str)] = &[];

fn root() -> PathBuf {
    xtask::workspace_root()
}

fn sweep(base: &str, only: &[&str]) -> Vec<ServiceOutcome> {
    let root = root();
    let (models, _) = supported_services(&root, BOTOCORE).expect("the botocore wheel");
    if only.is_empty() {
        assert_eq!(
            models.len(),
            SERVICES,
            "json and rpcv2Cbor services in botocore {BOTOCORE}"
        );
    }
    let base = root.join(base);
    models
        .iter()
        .filter(|m| only.is_empty() || only.contains(&m.service.as_str()))
        .map(|m| import_and_generate(&root, &base, m))
        .collect()
}

/// The part of a generation error after the model's path.
fn error_without_path(error: &str) -> &str {
    error.split_once(".json: ").map_or(error, |(_, rest)| rest)
}

#[test]
fn every_json_and_cbor_service_imports_without_warnings_and_generates() {
    let outcomes = sweep("target/check-services-test", &[]);
    let mut unexpected = Vec::new();
    let mut failed = Vec::new();
    for outcome in &outcomes {
        let service = outcome.service.as_str();
        if let Err(e) = &outcome.import {
            unexpected.push(format!("{service}: import: {e}"));
        }
        for warning in &outcome.warnings {
            unexpected.push(format!("{service}: warning: {warning}"));
        }
        if let Some(Err(e)) = &outcome.generate {
            failed.push((service, error_without_path(e)));
        }
    }
    let expected: Vec<(&str, &str)> = EXPECTED_GENERATION_FAILURES.to_vec();
    assert!(unexpected.is_empty(), "{}", unexpected.join("\n"));
    assert_eq!(
        failed, expected,
        "generation failures differ from the expected list (fix the list if a failure was fixed)"
    );
}

/// `--compile sample`: the fixed sample of `check_services::COMPILE_SAMPLE`,
/// checked with warnings denied. Its crates build into the target directory
/// that `tests/tests/compile_generated.rs` uses for the fixture crates (with
/// the same `-D warnings`), so the generated crates' dependencies are built
/// once for both.
#[test]
fn the_compile_sample_checks_without_warnings() {
    let names: Vec<&str> = COMPILE_SAMPLE.iter().map(|(name, _)| *name).collect();
    let outcomes = sweep("target/check-services-sample-test", &names);
    assert_eq!(
        outcomes.len(),
        names.len(),
        "every sampled service is one the generator speaks"
    );
    let generated: Vec<&ServiceOutcome> = outcomes
        .iter()
        .filter(|o| matches!(o.generate, Some(Ok(_))))
        .collect();
    assert_eq!(generated.len(), names.len(), "the sample generates");
    let base = root().join("target/check-services-sample-test");
    let target_dir = root().join("target/generated-fixtures-target");
    let compiled = compile::write_and_check(&base, &target_dir, &generated).expect("cargo runs");
    let failures: Vec<String> = compiled
        .crates
        .iter()
        .filter_map(|(service, result)| result.as_ref().err().map(|e| format!("{service}: {e}")))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
