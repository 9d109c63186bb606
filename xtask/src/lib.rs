//! The project's tasks (`cargo xtask …`), as a library so tests can run them too.

pub mod bench_cmd;
pub mod botocore_wheel;
pub mod check_services;
pub mod codegen_cmd;
pub mod model;
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

/// Writes `contents` to `path` unless it already holds exactly that (so its
/// modification time stays and cargo sees it fresh), through a temporary file
/// and a rename so that no file is ever half-written. Returns whether it wrote.
pub fn write_if_changed(path: &Path, contents: &[u8]) -> Result<bool, String> {
    let shown = path.display();
    if std::fs::read(path).is_ok_and(|old| old == contents) {
        return Ok(false);
    }
    if let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(".tmp");
    std::fs::write(&temporary, contents)
        .and_then(|()| std::fs::rename(&temporary, path))
        .map_err(|e| format!("cannot write {shown}: {e}"))?;
    Ok(true)
}
