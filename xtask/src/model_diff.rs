//! `cargo xtask model diff`: the API changes between two models, as markdown for a
//! reviewer or JSON for tools, with `--deny` for CI gates.

use std::path::{Path, PathBuf};
use std::process::Command;

use codegen::diff::{self, Change, Severity, report};
use serde_json::Value;

use crate::model_files;

pub const USAGE: &str = "usage:
  cargo xtask model diff OLD NEW [--format markdown|json] [--deny breaking|dangerous]
  cargo xtask model diff --against REV [NEW] [--format …] [--deny …]
OLD and NEW are model files or directories (JSON AST or IDL). --against REV compares
the committed model at git revision REV with NEW (default: model/workspaces.json).
--deny exits 1 when a change is at least that grave.";

/// A model file or directory as one JSON AST model.
pub fn load(path: &Path) -> Result<Value, String> {
    let sources = model_files::read(&[path.to_path_buf()], false)?;
    if sources.is_empty() {
        return Err(format!("no model in {}", path.display()));
    }
    codegen::assemble::assemble(&sources).map_err(|e| model_files::report(&e))
}

/// The text of `path` (relative to the repository root) at git revision `rev`.
pub fn git_show(root: &Path, rev: &str, path: &Path) -> Result<String, String> {
    let relative = std::path::absolute(path)
        .ok()
        .and_then(|p| p.strip_prefix(root).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf());
    let spec = format!("{rev}:{}", relative.display());
    let output = Command::new("git")
        .args(["show", &spec])
        .current_dir(root)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "git show {spec}: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    String::from_utf8(output.stdout).map_err(|e| format!("git show {spec}: {e}"))
}

/// The markdown report of `changes` between `old` and `new`.
pub fn markdown(title: &str, old: &Value, new: &Value, changes: &[Change]) -> String {
    let using = diff::operations_using(old, new);
    report::markdown(title, changes, &|shape| {
        using.get(shape).cloned().unwrap_or_default()
    })
}

/// Whether `--deny` refuses these changes.
pub fn denied(changes: &[Change], deny: Option<Severity>) -> bool {
    deny.is_some_and(|threshold| report::verdict(changes).is_some_and(|v| v >= threshold))
}

pub fn parse_deny(value: &str) -> Result<Severity, String> {
    match Severity::parse(value) {
        Some(s @ (Severity::Breaking | Severity::Dangerous)) => Ok(s),
        _ => Err(format!("--deny takes breaking or dangerous, not `{value}`")),
    }
}

pub fn run(root: &Path, args: &[String]) -> Result<(), String> {
    let (mut paths, mut against, mut json, mut deny) = (Vec::<PathBuf>::new(), None, false, None);
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        if arg == "--help" {
            return Err(USAGE.to_owned());
        }
        let mut value = || {
            args.next()
                .ok_or_else(|| format!("{arg} needs a value\n{USAGE}"))
        };
        match arg.as_str() {
            "--against" => against = Some(value()?.clone()),
            "--format" => {
                json = match value()?.as_str() {
                    "json" => true,
                    "markdown" => false,
                    other => return Err(format!("unknown format `{other}`\n{USAGE}")),
                }
            }
            "--deny" => deny = Some(parse_deny(value()?)?),
            flag if flag.starts_with("--") => return Err(format!("unexpected `{flag}`\n{USAGE}")),
            path => paths.push(PathBuf::from(path)),
        }
    }
    let shown = |path: &Path| {
        let relative = std::path::absolute(path)
            .ok()
            .and_then(|p| p.strip_prefix(root).ok().map(Path::to_path_buf));
        relative
            .unwrap_or_else(|| path.to_path_buf())
            .display()
            .to_string()
    };
    let (old_label, old, new_path) = match (against, paths.as_slice()) {
        (Some(rev), [] | [_]) => {
            let new_path = paths
                .first()
                .cloned()
                .unwrap_or_else(|| root.join("model/workspaces.json"));
            let text = git_show(root, &rev, &new_path)?;
            let name = format!("{rev}:{}", shown(&new_path));
            let source = codegen::assemble::Source {
                name: name.clone(),
                text,
                dependency: false,
            };
            let old =
                codegen::assemble::assemble(&[source]).map_err(|e| model_files::report(&e))?;
            (name, old, new_path)
        }
        (None, [old, new]) => (shown(old), load(old)?, new.clone()),
        _ => return Err(USAGE.to_owned()),
    };
    let new = load(&new_path)?;
    let changes = diff::diff(&old, &new);
    if json {
        let text =
            serde_json::to_string_pretty(&report::json(&changes)).map_err(|e| e.to_string())?;
        println!("{text}");
    } else {
        let title = format!("API changes: {old_label} → {}", shown(&new_path));
        print!("{}", markdown(&title, &old, &new, &changes));
    }
    if denied(&changes, deny) {
        return Err(format!("denied: {}", report::summary(&changes)));
    }
    Ok(())
}
