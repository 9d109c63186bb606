//! The project's tasks (`cargo xtask …`), as a library so tests can run them too.

pub mod bench_cmd;
pub mod codegen_cmd;
pub mod model;
pub mod serve_bench;
pub mod sync;
pub mod test_cmd;

use std::path::{Path, PathBuf};

/// The workspace root (the parent of `xtask/`).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}
