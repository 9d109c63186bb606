//! Bringing a directory in line with the generator's output: shared by
//! `cargo xtask codegen`, `cargo xtask codegen --check` and the test that runs the check.

use codegen::GeneratedFile;
use codegen::output::PREAMBLE;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// How a file on disk differs from what the generator writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Drift {
    Missing(PathBuf),
    Changed(PathBuf),
    /// A generated file (it starts with the preamble) that the generator no longer writes.
    Stale(PathBuf),
}

impl std::fmt::Display for Drift {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Drift::Missing(p) => write!(f, "missing: {}", p.display()),
            Drift::Changed(p) => write!(f, "out of date: {}", p.display()),
            Drift::Stale(p) => write!(f, "no longer generated: {}", p.display()),
        }
    }
}

/// Every difference between `dir` and `files`, in path order.
pub fn drift(dir: &Path, files: &[GeneratedFile]) -> io::Result<Vec<Drift>> {
    let mut drift = Vec::new();
    for file in files {
        let path = dir.join(&file.path);
        match fs::read(&path) {
            Ok(on_disk) if on_disk == file.contents.as_bytes() => {}
            Ok(_) => drift.push(Drift::Changed(path)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => drift.push(Drift::Missing(path)),
            Err(e) => return Err(e),
        }
    }
    let wanted: std::collections::BTreeSet<PathBuf> =
        files.iter().map(|f| dir.join(&f.path)).collect();
    for path in generated_files_in(dir)? {
        if !wanted.contains(&path) {
            drift.push(Drift::Stale(path));
        }
    }
    drift.sort_by(|a, b| drift_path(a).cmp(drift_path(b)));
    Ok(drift)
}

fn drift_path(d: &Drift) -> &Path {
    match d {
        Drift::Missing(p) | Drift::Changed(p) | Drift::Stale(p) => p,
    }
}

/// Applies `drift`: writes missing and changed files (each through a temporary file and
/// a rename, so no file is ever half-written) and removes stale ones.
pub fn apply(dir: &Path, files: &[GeneratedFile], drift: &[Drift]) -> io::Result<()> {
    for d in drift {
        match d {
            Drift::Missing(path) | Drift::Changed(path) => {
                let file = files
                    .iter()
                    .find(|f| dir.join(&f.path) == *path)
                    .expect("drift comes from files");
                write_atomically(path, file.contents.as_bytes())?;
            }
            Drift::Stale(path) => fs::remove_file(path)?,
        }
    }
    Ok(())
}

/// Writes `contents` to `path` unless it already holds exactly that (so its mtime, and
/// cargo's view of it, stay as they were). Returns whether it wrote; an error names the path.
pub fn write_if_changed(path: &Path, contents: &[u8]) -> Result<bool, String> {
    if fs::read(path).is_ok_and(|old| old == contents) {
        return Ok(false);
    }
    write_atomically(path, contents)
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(true)
}

/// Writes through a temporary file and a rename, creating the parent directories, so
/// that no reader ever sees half a file.
fn write_atomically(path: &Path, contents: &[u8]) -> io::Result<()> {
    if let Some(parent) = path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
        fs::create_dir_all(parent)?;
    }
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(".codegen-tmp");
    fs::write(&temporary, contents)?;
    fs::rename(&temporary, path)
}

/// Files under `dir` (skipping `target/`) whose first line is the generator's preamble.
fn generated_files_in(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        let entries = match fs::read_dir(&current) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        };
        for entry in entries {
            let path = entry?.path();
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n != "target") {
                    pending.push(path);
                }
            } else if starts_with_preamble(&path)? {
                found.push(path);
            }
        }
    }
    Ok(found)
}

fn starts_with_preamble(path: &Path) -> io::Result<bool> {
    use std::io::Read;
    let mut head = vec![0; PREAMBLE.len() + 2];
    let read = fs::File::open(path)?.read(&mut head)?;
    let head = String::from_utf8_lossy(&head[..read]);
    // Cargo.toml carries the preamble as a TOML comment.
    let head = head.strip_prefix("# ").map_or(head.as_ref(), |rest| rest);
    Ok(head.starts_with(PREAMBLE.trim_start_matches("// ")) || head.starts_with(PREAMBLE))
}
