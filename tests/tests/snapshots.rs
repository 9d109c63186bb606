//! One insta snapshot per generated file of the WorkSpaces crate, generated exactly as
//! `cargo xtask codegen` does (its default options: `model/workspaces.json` with
//! `model/workspaces.settings.json`), so any model or generator change shows as a `.snap`
//! diff. Snapshots: `tests/tests/snapshots/workspaces__<path, `/` as `__`>.snap`.
//!
//! Update after an intended change: `INSTA_UPDATE=always cargo test -p tests --test snapshots`
//! (or `cargo insta test -p tests --accept`), then review `git diff tests/tests/snapshots`.

use tests::{assert_file_snapshots, default_options, generate};

#[test]
fn workspaces_crate_matches_snapshots() {
    let files = generate(&default_options());
    assert!(
        files.iter().any(|f| f.path == "src/types/mod.rs"),
        "no src/types/mod.rs among {:?}",
        paths(&files)
    );
    assert_file_snapshots("workspaces", &files.iter().collect::<Vec<_>>());
}

#[test]
fn snapshot_names_are_distinct_per_file() {
    // With `/` as `_`, `src/types/error/_x.rs` and `src/types/error__x.rs` would collide.
    let files = generate(&default_options());
    let mut names: Vec<String> = files
        .iter()
        .map(|f| tests::snapshot_name("workspaces", &f.path))
        .collect();
    names.sort();
    let before = names.len();
    names.dedup();
    assert_eq!(
        before,
        names.len(),
        "two generated files map to one snapshot name: {:?}",
        paths(&files)
    );
}

fn paths(files: &[codegen::GeneratedFile]) -> Vec<&str> {
    files.iter().map(|f| f.path.as_str()).collect()
}
