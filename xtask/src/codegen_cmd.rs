//! `cargo xtask codegen [--check] [--model FILE_OR_DIR]... [--settings FILE] [--out DIR]
//! [--runtime-path PATH | --runtime-version VERSION]`.

use crate::sync;
use codegen::Settings;
use std::path::{Path, PathBuf};

/// What went wrong, with the process exit code to report it by.
#[derive(Debug)]
pub struct Failure {
    pub message: String,
    pub exit_code: i32,
}

impl Failure {
    fn io(what: &str, path: &Path, e: std::io::Error) -> Self {
        Self {
            message: format!("{what} {}: {e}", path.display()),
            exit_code: 1,
        }
    }
}

pub struct Options {
    /// The model: one JSON AST file, or `.smithy` and `.json` files and directories
    /// assembled into one model (trait definitions included).
    pub models: Vec<PathBuf>,
    pub settings: Option<PathBuf>,
    pub out: PathBuf,
    pub check: bool,
    pub runtime: Runtime,
}

/// Where the generated crate takes the runtime crate from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Runtime {
    /// This workspace's `codegen/runtime`, by a path relative to the output directory.
    Workspace,
    /// Another copy of the runtime crate, at this path (relative to the current directory).
    Path(PathBuf),
    /// A version from the registry.
    Version(String),
}

impl Options {
    /// Defaults relative to the workspace root: `model/workspaces.json` into `generated/`.
    pub fn parse(root: &Path, args: &[String]) -> Result<Self, Failure> {
        let mut models = Vec::new();
        let mut options = Options {
            models: Vec::new(),
            settings: None,
            out: root.join("generated"),
            check: false,
            runtime: Runtime::Workspace,
        };
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            let mut value = |flag: &str| {
                args.next().map(PathBuf::from).ok_or(Failure {
                    message: format!("{flag} needs a value"),
                    exit_code: 1,
                })
            };
            match arg.as_str() {
                "--check" => options.check = true,
                "--model" => models.push(value("--model")?),
                "--settings" => options.settings = Some(value("--settings")?),
                "--out" => options.out = value("--out")?,
                "--runtime-path" => options.runtime = Runtime::Path(value("--runtime-path")?),
                "--runtime-version" => {
                    let version = value("--runtime-version")?;
                    options.runtime = Runtime::Version(version.to_string_lossy().into_owned());
                }
                other => {
                    return Err(Failure {
                        message: format!("unknown argument `{other}`"),
                        exit_code: 1,
                    });
                }
            }
        }
        if models.is_empty() {
            models.push(root.join("model/workspaces.json"));
        }
        options.models = models;
        Ok(options)
    }

    /// Generation of `model` into `out` with the settings beside the model, the
    /// runtime from this workspace.
    pub fn for_model(model: &Path, out: &Path) -> Self {
        Options {
            models: vec![model.to_path_buf()],
            settings: None,
            out: out.to_path_buf(),
            check: false,
            runtime: Runtime::Workspace,
        }
    }
}

/// The settings file beside a model: `model/workspaces.json` → `model/workspaces.settings.json`,
/// a directory `suite/` → `suite.settings.json`.
pub fn default_settings_path(model: &Path) -> PathBuf {
    let model = model.components().as_path();
    if model.is_dir() {
        let mut name = model.file_name().unwrap_or_default().to_os_string();
        name.push(".settings.json");
        return model.with_file_name(name);
    }
    model.with_extension("settings.json")
}

/// Reads the model: one JSON AST file strictly as it is, anything else (IDL files,
/// directories, several files) assembled into one model first.
pub fn load_model(models: &[PathBuf]) -> Result<codegen::smithy::Model, Failure> {
    let single_json = match models {
        [model] => {
            Some(model).filter(|m| m.extension().is_some_and(|e| e == "json") && !m.is_dir())
        }
        _ => None,
    };
    if let Some(model) = single_json {
        let text = std::fs::read_to_string(model)
            .map_err(|e| Failure::io("cannot read model", model, e))?;
        return codegen::parse(&text).map_err(|e| model_failure(model, e));
    }
    let sources = crate::model_files::read(models, false).map_err(|message| Failure {
        message,
        exit_code: 1,
    })?;
    if sources.is_empty() {
        return Err(Failure {
            message: format!("no .smithy or .json file in {}", shown(models)),
            exit_code: 1,
        });
    }
    codegen::assemble::load(&sources).map_err(|errors| Failure {
        message: crate::model_files::report(&errors),
        exit_code: errors.first().map_or(1, |e| e.kind.exit_code()),
    })
}

fn shown(paths: &[PathBuf]) -> String {
    let shown: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    shown.join(", ")
}

/// Reads the model and settings and runs the generator; touches no output.
pub fn generate(options: &Options) -> Result<Vec<codegen::GeneratedFile>, Failure> {
    let first = options.models.first().ok_or_else(|| Failure {
        message: "no model given".to_owned(),
        exit_code: 1,
    })?;
    let settings_path = options
        .settings
        .clone()
        .unwrap_or_else(|| default_settings_path(first));
    let settings = match std::fs::read_to_string(&settings_path) {
        Ok(text) => Settings::from_json(&text).map_err(|e| model_failure(&settings_path, e))?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && options.settings.is_none() => {
            Settings::default()
        }
        Err(e) => return Err(Failure::io("cannot read settings", &settings_path, e)),
    };
    let model = load_model(&options.models)?;
    let emit = codegen::EmitOptions {
        runtime: runtime_dependency(&options.runtime, &options.out)?,
    };
    codegen::generate(&model, &settings, &emit).map_err(|e| Failure {
        message: format!("{}: {e}", shown(&options.models)),
        exit_code: e.kind.exit_code(),
    })
}

/// The runtime dependency as the generated `Cargo.toml` at `out` must spell it: a
/// path that resolves from `out` (relative when it can be), with the version, or a
/// registry version.
pub fn runtime_dependency(
    runtime: &Runtime,
    out: &Path,
) -> Result<codegen::RuntimeDependency, Failure> {
    let crate_dir = match runtime {
        Runtime::Version(version) => {
            return Ok(codegen::RuntimeDependency::Version(version.clone()));
        }
        Runtime::Workspace => crate::workspace_root().join("codegen/runtime"),
        Runtime::Path(path) => path.clone(),
    };
    let absolute =
        |path: &Path| std::path::absolute(path).map_err(|e| Failure::io("cannot resolve", path, e));
    let (crate_dir, out) = (absolute(&crate_dir)?, absolute(out)?);
    let path = relative_path(&out, &crate_dir).unwrap_or(crate_dir);
    Ok(codegen::RuntimeDependency::Path {
        path: path.to_string_lossy().replace('\\', "/"),
        version: codegen::RUNTIME_VERSION.to_owned(),
    })
}

/// `to` relative to the directory `from` (both absolute and without `..`); `None`
/// when they share no root (other drives).
fn relative_path(from: &Path, to: &Path) -> Option<PathBuf> {
    let (from, to): (Vec<_>, Vec<_>) = (from.components().collect(), to.components().collect());
    if from.first() != to.first() {
        return None;
    }
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut path: PathBuf = from[common..].iter().map(|_| "..").collect();
    path.extend(&to[common..]);
    Some(path)
}

fn model_failure(path: &Path, e: codegen::Error) -> Failure {
    Failure {
        exit_code: e.kind.exit_code(),
        message: e.in_file(path.display()).to_string(),
    }
}

/// Generates, then either checks `out` or brings it up to date. Returns a summary line.
pub fn run(options: &Options) -> Result<String, Failure> {
    let files = generate(options)?;
    if options.check {
        let drift = sync::drift(&options.out, &files)
            .map_err(|e| Failure::io("cannot read", &options.out, e))?;
        if drift.is_empty() {
            return Ok(format!(
                "{} is up to date ({} files)",
                options.out.display(),
                files.len()
            ));
        }
        let list: Vec<String> = drift.iter().map(|d| format!("  {d}")).collect();
        return Err(Failure {
            message: format!(
                "{} is out of sync with the model and generator; run `cargo xtask codegen`:\n{}",
                options.out.display(),
                list.join("\n")
            ),
            exit_code: 1,
        });
    }
    let written = write(&options.out, &files)?;
    let mut summary = format!(
        "{}: {} files, {written} written or removed",
        options.out.display(),
        files.len(),
    );
    if let Some(note) = model_change_note(options) {
        summary.push('\n');
        summary.push_str(&note);
    }
    Ok(summary)
}

/// When the model is one file of this repository that differs from its committed
/// version (the one the committed crate was generated from): what the API change
/// amounts to, and where the report is.
fn model_change_note(options: &Options) -> Option<String> {
    let [model] = options.models.as_slice() else {
        return None;
    };
    let root = crate::workspace_root();
    let committed = crate::model_diff::git_show(&root, "HEAD", model).ok()?;
    let current = std::fs::read_to_string(model).ok()?;
    if committed == current {
        return None;
    }
    let load = |name: &str, text: String| {
        let source = codegen::assemble::Source {
            name: name.to_owned(),
            text,
            dependency: false,
        };
        codegen::assemble::assemble(&[source]).ok()
    };
    let name = model.display().to_string();
    let changes = codegen::diff::diff(&load(&name, committed)?, &load(&name, current)?);
    Some(format!(
        "note: the model differs from the committed one: {}; `cargo xtask model diff --against HEAD` shows the report",
        codegen::diff::report::summary(&changes)
    ))
}

/// Brings `out` in line with `files`, as `cargo xtask codegen --out DIR` does:
/// only changed files are written (each through a rename), files the generator
/// no longer makes are removed. Returns how many files were written or removed.
pub fn write(out: &Path, files: &[codegen::GeneratedFile]) -> Result<usize, Failure> {
    let drift = sync::drift(out, files).map_err(|e| Failure::io("cannot read", out, e))?;
    sync::apply(out, files, &drift).map_err(|e| Failure::io("cannot write", out, e))?;
    Ok(drift.len())
}

#[cfg(test)]
mod tests {
    use super::relative_path;
    use std::path::{Path, PathBuf};

    #[test]
    fn relative_paths_climb_to_the_common_ancestor() {
        let rel = |from: &str, to: &str| relative_path(Path::new(from), Path::new(to));
        assert_eq!(
            rel("/w/generated", "/w/codegen/runtime"),
            Some(PathBuf::from("../codegen/runtime"))
        );
        assert_eq!(
            rel("/w/target/x/crate", "/w/codegen/runtime"),
            Some(PathBuf::from("../../../codegen/runtime"))
        );
        assert_eq!(
            rel("/w", "/w/codegen/runtime"),
            Some(PathBuf::from("codegen/runtime"))
        );
        assert_eq!(
            rel("/elsewhere/out", "/w/codegen/runtime"),
            Some(PathBuf::from("../../w/codegen/runtime"))
        );
    }
}
