//! `cargo xtask test`: every check CI runs, in the order that fails fastest.

use std::path::Path;
use std::process::Command;

/// The steps, each a cargo command line with extra environment.
const STEPS: &[(&str, &[&str], &[(&str, &str)])] = &[
    ("generated code in sync", &["xtask", "codegen", "--check"], &[]),
    ("clippy", &["clippy", "--workspace", "--all-targets", "--all-features", "--", "-D", "warnings"], &[]),
    ("docs of the generated crate", &["doc", "--no-deps", "--package", "workspaces", "--all-features"], &[("RUSTDOCFLAGS", "-D warnings")]),
    ("tests", &["test", "--workspace", "--all-features"], &[]),
];

/// Runs every step; stops at the first failure and names it.
pub fn run(root: &Path) -> Result<(), String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    for (name, args, env) in STEPS {
        eprintln!("==> {name}: cargo {}", args.join(" "));
        let status = Command::new(&cargo)
            .args(*args)
            .envs(env.iter().copied())
            .current_dir(root)
            .status()
            .map_err(|e| format!("cannot run cargo: {e}"))?;
        if !status.success() {
            return Err(format!("step `{name}` failed ({status})"));
        }
    }
    Ok(())
}
