//! Integration and snapshot tests live in `tests/`; this library holds what they share:
//! where the models are, generating a model exactly as `cargo xtask codegen` does, writing
//! a generated crate to disk, naming snapshots, and running cargo.

pub mod python;

use codegen::GeneratedFile;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use xtask::codegen_cmd::{self, Options};

/// The cargo workspace root (the parent of `tests/`).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ lives in the workspace").to_path_buf()
}

/// The official Smithy models shipped beside the repository.
pub fn reference_models_dir() -> PathBuf {
    workspace_root().join("../shared/reference/smithy-models")
}

/// The fixture models of `tests/fixtures/`, one concern each.
pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// Every `tests/fixtures/*.json` (not the `bugs/` subdirectory), in name order.
pub fn fixture_models() -> Vec<PathBuf> {
    json_files(&fixtures_dir())
}

/// The `*.json` files directly in `dir`, in name order.
pub fn json_files(dir: &Path) -> Vec<PathBuf> {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()));
    let mut files: Vec<PathBuf> = entries
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.is_file() && path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    files
}

/// The file name without `.json`: `tests/fixtures/names.json` -> `names`.
pub fn model_name(model: &Path) -> String {
    model.file_stem().and_then(|s| s.to_str()).expect("a UTF-8 file name").to_owned()
}

/// The options `cargo xtask codegen` runs with when given no arguments.
pub fn default_options() -> Options {
    Options::parse(&workspace_root(), &[]).expect("no arguments always parse")
}

/// Generates through xtask's own code path, so tests and `cargo xtask codegen` cannot disagree.
pub fn generate(options: &Options) -> Vec<GeneratedFile> {
    codegen_cmd::generate(options)
        .unwrap_or_else(|f| panic!("generating {} failed (exit code {}): {}", options.model.display(), f.exit_code, f.message))
}

/// Generates `model` with the settings file beside it, if any (none of the fixtures has one).
pub fn generate_model(model: &Path) -> Vec<GeneratedFile> {
    generate(&Options { model: model.to_path_buf(), settings: None, out: PathBuf::new(), check: false })
}

/// Brings `dir` in line with `files` as `cargo xtask codegen` does (unchanged files are not
/// touched, so cargo sees them as fresh). Returns how many files were written or removed.
pub fn write_crate(dir: &Path, files: &[GeneratedFile]) -> usize {
    let drift = xtask::sync::drift(dir, files).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
    xtask::sync::apply(dir, files, &drift).unwrap_or_else(|e| panic!("cannot write {}: {e}", dir.display()));
    drift.len()
}

/// Writes `contents` to `path` unless it already holds exactly that (keeps the mtime).
pub fn write_if_changed(path: &Path, contents: &[u8]) {
    if std::fs::read(path).is_ok_and(|old| old == contents) {
        return;
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("cannot create {}: {e}", parent.display()));
    }
    std::fs::write(path, contents).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
}

/// The snapshot name of one generated file: `workspaces` + `src/types.rs` ->
/// `workspaces__src_types.rs`.
pub fn snapshot_name(label: &str, path: &str) -> String {
    format!("{label}__{}", path.replace('/', "_"))
}

/// `tests/tests/snapshots/`, where every `.snap` file lives.
pub fn snapshots_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots")
}

/// insta settings shared by the snapshot tests: snapshots in `tests/tests/snapshots/`, named
/// by [`snapshot_name`] alone (no test-module prefix), no `expression` noise.
pub fn insta_settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    // Relative to this file otherwise, which is not where the tests are.
    settings.set_snapshot_path(snapshots_dir());
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings
}

/// Asserts one snapshot per file, then fails once naming every mismatch (insta alone stops
/// at the first), and fails too for a snapshot file under `label__` that no file produced.
pub fn assert_file_snapshots(label: &str, files: &[&GeneratedFile]) {
    let mut failed = Vec::new();
    let mut expected = std::collections::BTreeSet::new();
    for file in files {
        let name = snapshot_name(label, &file.path);
        expected.insert(format!("{name}.snap"));
        let outcome = std::panic::catch_unwind(|| {
            insta_settings().bind(|| insta::assert_snapshot!(name.clone(), file.contents.as_str()));
        });
        if outcome.is_err() {
            failed.push(file.path.clone());
        }
    }
    let snapshots = snapshots_dir();
    let prefix = format!("{label}__");
    let unreferenced: Vec<String> = std::fs::read_dir(&snapshots)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok()?.file_name().into_string().ok())
                .filter(|n| n.starts_with(&prefix) && n.ends_with(".snap") && !expected.contains(n))
                .collect()
        })
        .unwrap_or_default();
    assert!(
        failed.is_empty() && unreferenced.is_empty(),
        "snapshots of `{label}` differ for {failed:?}; snapshot files no generated file produces \
         (delete them): {unreferenced:?}. If the change is intended, regenerate with \
         `INSTA_UPDATE=always cargo test -p tests --test snapshots --test fixtures` and review the .snap diff."
    );
}

/// A cargo command for a directory, with the environment of the cargo running the tests
/// removed where it would leak into the child (flags, wrappers).
pub fn cargo(dir: &Path) -> Command {
    let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    command.current_dir(dir);
    for var in ["CARGO_ENCODED_RUSTFLAGS", "CARGO_ENCODED_RUSTDOCFLAGS", "RUSTFLAGS", "RUSTDOCFLAGS", "RUSTC_WORKSPACE_WRAPPER"] {
        command.env_remove(var);
    }
    command
}

/// Runs `command` and returns its output with the wall-clock time it took.
pub fn run(command: &mut Command) -> (Output, std::time::Duration) {
    let start = std::time::Instant::now();
    let output = command.output().unwrap_or_else(|e| panic!("cannot run {command:?}: {e}"));
    (output, start.elapsed())
}
