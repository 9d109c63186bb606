//! `cargo xtask codegen --check` as a plain test: the committed `generated/` crate is what the
//! generator makes of `model/workspaces.json` today. Fix a failure with `cargo xtask codegen`.

use tests::{default_options, generate};

#[test]
fn generated_crate_is_up_to_date() {
    let options = default_options();
    let files = generate(&options);
    let drift = xtask::sync::drift(&options.out, &files)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", options.out.display()));
    let list: Vec<String> = drift.iter().map(|d| format!("  {d}")).collect();
    assert!(
        drift.is_empty(),
        "{} is out of sync with the model and generator ({} of {} files); run `cargo xtask codegen`:\n{}",
        options.out.display(),
        drift.len(),
        files.len(),
        list.join("\n")
    );
}
