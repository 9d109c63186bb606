//! Model inputs on disk: `.json` and `.smithy` files, or directories of them, read
//! into [`codegen::assemble::Source`]s.

use std::path::{Path, PathBuf};

use codegen::assemble::Source;

/// The files of `path`: itself, or for a directory every `.smithy` and `.json` file
/// under it, in path order.
pub fn expand(path: &Path) -> Result<Vec<PathBuf>, String> {
    if !path.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files = Vec::new();
    let mut pending = vec![path.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries =
            std::fs::read_dir(&dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
        for entry in entries {
            let path = entry
                .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
                .path();
            if path.is_dir() {
                pending.push(path);
            } else if path
                .extension()
                .is_some_and(|e| e == "smithy" || e == "json")
            {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}

/// Reads every file of `paths` (see [`expand`]) as a model source.
pub fn read(paths: &[PathBuf], dependency: bool) -> Result<Vec<Source>, String> {
    let mut sources = Vec::new();
    for path in paths {
        for file in expand(path)? {
            let text = std::fs::read_to_string(&file)
                .map_err(|e| format!("cannot read model {}: {e}", file.display()))?;
            sources.push(Source {
                name: file.display().to_string(),
                text,
                dependency,
            });
        }
    }
    Ok(sources)
}

/// Every error of an assembly, one per line.
pub fn report(errors: &[codegen::Error]) -> String {
    let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
    lines.join("\n")
}
