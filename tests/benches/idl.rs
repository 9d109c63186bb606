//! The Smithy IDL reader's speed, in MB/s of IDL: every `.smithy` file under
//! `../shared/reference` (Smithy's loader corpus, the protocol suites, the trait
//! definitions, the prelude) parsed, and the awsJson 1.1 suite assembled into one
//! model with its shared types and trait definitions.
//! Run: `cargo bench -p tests --bench idl`.

use std::path::PathBuf;

use codegen::assemble::{Source, assemble};
use divan::Bencher;
use divan::counter::BytesCount;

fn main() {
    divan::main();
}

fn reference() -> PathBuf {
    tests::workspace_root().join("../shared/reference")
}

/// Every file is parsed; the invalid ones of the loader corpus stop at their error.
#[divan::bench]
fn parse_every_reference_file(bencher: Bencher) {
    let paths = xtask::model_files::expand(&reference()).expect("the reference directory");
    let paths: Vec<_> = paths
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "smithy"))
        .collect();
    let texts: Vec<String> = paths
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("IDL file"))
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        texts
            .iter()
            .filter(|t| codegen::idl::parse_file(t).is_ok())
            .count()
    });
}

#[divan::bench]
fn assemble_the_awsjson11_suite(bencher: Bencher) {
    let base = reference().join("protocol-tests");
    let suite = base.join("smithy-aws-protocol-tests/model");
    let sources = xtask::model_files::read(
        &[
            suite.join("awsJson1_1"),
            suite.join("shared-types.smithy"),
            base.join("smithy-aws-traits"),
            base.join("smithy-protocol-test-traits"),
            base.join("smithy-validation-model"),
        ],
        false,
    )
    .expect("the suite's files");
    let bytes: usize = sources.iter().map(|s: &Source| s.text.len()).sum();
    bencher
        .counter(BytesCount::new(bytes + codegen::idl::PRELUDE.len()))
        .bench(|| assemble(&sources).expect("the suite assembles"));
}
