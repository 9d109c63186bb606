//! Integration and snapshot tests live in `tests/`; this library holds what they share:
//! where the models are, generating a model exactly as `cargo xtask codegen` does, writing
//! a generated crate to disk, naming snapshots, and running cargo.

pub mod python;

use codegen::GeneratedFile;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use xtask::codegen_cmd::{self, Options};

pub use xtask::workspace_root;

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
    let entries =
        std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()));
    let mut files: Vec<PathBuf> = entries
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.is_file() && path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    files
}

/// The file name without `.json`: `tests/fixtures/names.json` -> `names`.
pub fn model_name(model: &Path) -> String {
    model
        .file_stem()
        .and_then(|s| s.to_str())
        .expect("a UTF-8 file name")
        .to_owned()
}

/// The options `cargo xtask codegen` runs with when given no arguments.
pub fn default_options() -> Options {
    Options::parse(&workspace_root(), &[]).expect("no arguments always parse")
}

/// Generates through xtask's own code path, so tests and `cargo xtask codegen` cannot disagree.
pub fn generate(options: &Options) -> Vec<GeneratedFile> {
    codegen_cmd::generate(options).unwrap_or_else(|f| {
        panic!(
            "generating {} failed (exit code {}): {}",
            options.models[0].display(),
            f.exit_code,
            f.message
        )
    })
}

/// Where the fixture crates are written and built: `target/generated-fixtures/<model>`.
pub fn fixture_crate_dir(model: &Path) -> PathBuf {
    workspace_root()
        .join("target/generated-fixtures")
        .join(model_name(model))
}

/// Generates `model` with the settings file beside it, if any (none of the fixtures has
/// one), for its crate directory under [`fixture_crate_dir`].
pub fn generate_model(model: &Path) -> Vec<GeneratedFile> {
    generate_model_into(model, &fixture_crate_dir(model))
}

/// Generates `model` for a crate in `out`: the runtime dependency is this workspace's
/// runtime crate, by its path relative to `out`.
pub fn generate_model_into(model: &Path, out: &Path) -> Vec<GeneratedFile> {
    generate(&Options::for_model(model, out))
}

/// Brings `dir` in line with `files` as `cargo xtask codegen` does (unchanged files are not
/// touched, so cargo sees them as fresh). Returns how many files were written or removed.
pub fn write_crate(dir: &Path, files: &[GeneratedFile]) -> usize {
    xtask::codegen_cmd::write(dir, files).unwrap_or_else(|f| panic!("{}", f.message))
}

/// Writes `contents` to `path` unless it already holds exactly that (keeps the mtime).
pub fn write_if_changed(path: &Path, contents: &[u8]) {
    xtask::sync::write_if_changed(path, contents).unwrap_or_else(|e| panic!("{e}"));
}

/// The snapshot name of one generated file: `workspaces` + `src/rt/json/mod.rs` ->
/// `workspaces__src__rt__json__mod.rs`. A `/` becomes `__`, not `_`, because
/// `src/rt/client/error.rs` and `src/rt/client_error.rs` both exist.
pub fn snapshot_name(label: &str, path: &str) -> String {
    format!("{label}__{}", path.replace('/', "__"))
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
    let mut command = xtask::cargo(dir);
    for var in [
        "CARGO_ENCODED_RUSTFLAGS",
        "CARGO_ENCODED_RUSTDOCFLAGS",
        "RUSTFLAGS",
        "RUSTDOCFLAGS",
        "RUSTC_WORKSPACE_WRAPPER",
    ] {
        command.env_remove(var);
    }
    command
}

/// Runs `command` and returns its output with the wall-clock time it took.
pub fn run(command: &mut Command) -> (Output, std::time::Duration) {
    let start = std::time::Instant::now();
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("cannot run {command:?}: {e}"));
    (output, start.elapsed())
}

/// Makes `base` a cargo workspace of generated crates, `<base>/<name>/` each, written as
/// `cargo xtask codegen` writes (unchanged files keep their mtime, so cargo rebuilds only
/// what changed). Directories of crates no longer listed are removed. The root `Cargo.lock`
/// is copied in, so dependency versions match the main build and `--offline` works.
pub fn write_workspace(base: &Path, crates: &[(String, Vec<GeneratedFile>)]) {
    std::fs::create_dir_all(base)
        .unwrap_or_else(|e| panic!("cannot create {}: {e}", base.display()));
    let mut packages = std::collections::BTreeSet::new();
    for (name, files) in crates {
        let manifest = files
            .iter()
            .find(|f| f.path == "Cargo.toml")
            .expect("a generated crate has a Cargo.toml");
        let package = manifest
            .contents
            .lines()
            .find_map(|l| l.strip_prefix("name = "))
            .expect("a package name");
        assert!(
            packages.insert(package.to_owned()),
            "two crates are the package {package}: give each model its own sdkId"
        );
        write_crate(&base.join(name), files);
    }
    let names: Vec<&str> = crates.iter().map(|(name, _)| name.as_str()).collect();
    for entry in std::fs::read_dir(base).expect("the workspace directory exists") {
        let path = entry.expect("directory entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if path.is_dir() && !names.contains(&name) {
            std::fs::remove_dir_all(&path)
                .unwrap_or_else(|e| panic!("cannot remove {}: {e}", path.display()));
        }
    }
    let members: Vec<String> = names.iter().map(|m| format!("    \"{m}\",")).collect();
    let manifest = format!(
        "# Written by the tests crate (tests/src/lib.rs): generated crates, built together.\n\
         [workspace]\nresolver = \"3\"\nmembers = [\n{}\n]\n",
        members.join("\n")
    );
    write_if_changed(&base.join("Cargo.toml"), manifest.as_bytes());
    let lock =
        std::fs::read(workspace_root().join("Cargo.lock")).expect("the workspace has a Cargo.lock");
    write_if_changed(&base.join("Cargo.lock"), &lock);
}

/// Where the generated crates' builds go: one target directory for every test that builds
/// them, so dependencies are built once.
pub fn generated_target_dir() -> PathBuf {
    workspace_root().join("target/generated-fixtures-target")
}

/// Runs cargo `steps` (label, arguments) in the workspace `base`, with warnings denied for
/// rustc, rustdoc and (by the caller's arguments) clippy. Every step runs; returns the
/// failures, each with cargo's stderr, and prints timings to stderr.
pub fn cargo_steps(base: &Path, steps: &[(&str, &[&str])]) -> Vec<String> {
    let mut failures = Vec::new();
    let mut total = std::time::Duration::ZERO;
    for (label, args) in steps {
        let mut command = cargo(base);
        command
            .args(*args)
            .env("CARGO_TARGET_DIR", generated_target_dir())
            // The same RUSTFLAGS for every step, so they share the dependencies' build.
            .env("RUSTFLAGS", "-D warnings")
            .env("RUSTDOCFLAGS", "-D warnings")
            .env("CARGO_TERM_COLOR", "never");
        let (output, took) = run(&mut command);
        total += took;
        eprintln!(
            "{label}: {} in {took:.1?}",
            if output.status.success() {
                "ok"
            } else {
                "FAILED"
            }
        );
        if !output.status.success() {
            failures.push(format!(
                "`{label}` failed ({}) in {}:\n{}",
                output.status,
                base.display(),
                String::from_utf8_lossy(&output.stderr)
            ));
        }
    }
    eprintln!("cargo total: {total:.1?}");
    failures
}

/// `cargo check`, `cargo doc` and `cargo clippy` over a whole workspace, warnings denied.
pub const CHECK_DOC_CLIPPY: &[(&str, &[&str])] = &[
    (
        "cargo check",
        &[
            "check",
            "--workspace",
            "--all-targets",
            "--all-features",
            "--offline",
        ],
    ),
    (
        "cargo doc",
        &[
            "doc",
            "--no-deps",
            "--workspace",
            "--all-features",
            "--offline",
        ],
    ),
    (
        "cargo clippy",
        &[
            "clippy",
            "--workspace",
            "--all-targets",
            "--all-features",
            "--offline",
            "--",
            "-D",
            "warnings",
        ],
    ),
];
