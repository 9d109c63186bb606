//! `cargo xtask codegen [--check] [--model FILE] [--settings FILE] [--out DIR]`.

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
    pub model: PathBuf,
    pub settings: Option<PathBuf>,
    pub out: PathBuf,
    pub check: bool,
}

impl Options {
    /// Defaults relative to the workspace root: `model/workspaces.json` into `generated/`.
    pub fn parse(root: &Path, args: &[String]) -> Result<Self, Failure> {
        let mut options = Options {
            model: root.join("model/workspaces.json"),
            settings: None,
            out: root.join("generated"),
            check: false,
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
                "--model" => options.model = value("--model")?,
                "--settings" => options.settings = Some(value("--settings")?),
                "--out" => options.out = value("--out")?,
                other => {
                    return Err(Failure {
                        message: format!("unknown argument `{other}`"),
                        exit_code: 1,
                    });
                }
            }
        }
        Ok(options)
    }
}

/// The settings file beside a model: `model/workspaces.json` → `model/workspaces.settings.json`.
pub fn default_settings_path(model: &Path) -> PathBuf {
    model.with_extension("settings.json")
}

/// Reads the model and settings and runs the generator; touches no output.
pub fn generate(options: &Options) -> Result<Vec<codegen::GeneratedFile>, Failure> {
    let text = std::fs::read_to_string(&options.model)
        .map_err(|e| Failure::io("cannot read model", &options.model, e))?;
    let settings_path = options
        .settings
        .clone()
        .unwrap_or_else(|| default_settings_path(&options.model));
    let settings = match std::fs::read_to_string(&settings_path) {
        Ok(text) => Settings::from_json(&text).map_err(|e| model_failure(&settings_path, e))?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && options.settings.is_none() => {
            Settings::default()
        }
        Err(e) => return Err(Failure::io("cannot read settings", &settings_path, e)),
    };
    let model = codegen::parse(&text).map_err(|e| model_failure(&options.model, e))?;
    codegen::generate(&model, &settings).map_err(|e| model_failure(&options.model, e))
}

fn model_failure(path: &Path, e: codegen::Error) -> Failure {
    Failure {
        message: format!("{}: {e}", path.display()),
        exit_code: e.kind.exit_code(),
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
    Ok(format!(
        "{}: {} files, {written} written or removed",
        options.out.display(),
        files.len(),
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
