//! The project's tasks (`cargo xtask …`), as a library so tests can run them too.

pub mod bench_cmd;
pub mod botocore_wheel;
pub mod check_services;
pub mod codegen_cmd;
pub mod model;
pub mod model_diff;
pub mod model_files;
pub mod model_update;
pub mod serve_bench;
pub mod sync;
pub mod test_cmd;

use std::path::{Path, PathBuf};
use std::process::Command;

/// The workspace root (the parent of `xtask/`).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}

/// The cargo running this task (`$CARGO`, else `cargo` from `PATH`), in `root`.
pub fn cargo(root: &Path) -> Command {
    let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    command.current_dir(root);
    command
}

/// Runs `cargo xtask <command> <args>` again from a release build, for timings
/// that mean something (the `xtask` alias builds in the dev profile). `None`
/// when this already is that run (it gets `--in-release`) or a release build.
pub fn rerun_in_release(root: &Path, command: &str, args: &[String]) -> Option<Result<(), String>> {
    if !cfg!(debug_assertions) || args.iter().any(|a| a == "--in-release") {
        return None;
    }
    let status = cargo(root)
        .args(["run", "--quiet", "--release", "--package", "xtask", "--"])
        .args([command, "--in-release"])
        .args(args)
        .status();
    Some(match status {
        Ok(status) if status.success() => Ok(()),
        Ok(status) => Err(format!("the release run failed ({status})")),
        Err(e) => Err(format!("cannot run cargo: {e}")),
    })
}
