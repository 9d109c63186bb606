//! The project's tasks (`cargo xtask …`), as a library so tests can run them too.

pub mod bench_cmd;
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
