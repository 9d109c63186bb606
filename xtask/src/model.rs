//! `cargo xtask model import|slice|to-json`: makes the Smithy model the generator
//! reads, from botocore's `service-2.json`, from an official Smithy model, or from
//! Smithy IDL files.

use std::fs;
use std::path::{Path, PathBuf};

use crate::model_files;

use codegen::import::{import_botocore, slice, to_json_text};

const USAGE: &str = "usage:
  cargo xtask model import --botocore <service-2.json> [--operation <Op>]... [--out <file>]
  cargo xtask model slice --smithy <model.json> [--operation <Op>]... [--out <file>]
  cargo xtask model to-json <file-or-dir>... [--dep <file-or-dir>]... [--out <file>]
import and slice keep the named operations (all when none is named) and the shapes
they reach. to-json assembles .smithy and .json files (directories: all of them in
them) into one Smithy 2.0 JSON AST model: the shapes of the given files, without the
prelude and without the shapes of --dep files (trait definitions, shared shapes).
Writes pretty JSON to <file> (only if that changes it), else to stdout.
  cargo xtask model diff …     API changes between two models (`model diff --help`)
  cargo xtask model update …   re-import from a newer botocore (`model update --help`)";

/// Runs `model <import|slice> ...` (`args` excludes `model`).
pub fn run(args: &[String]) -> Result<(), String> {
    let Some((command, rest)) = args.split_first() else {
        return Err(USAGE.to_string());
    };
    let source_flag = match command.as_str() {
        "to-json" => return to_json(rest),
        "diff" => return crate::model_diff::run(&crate::workspace_root(), rest),
        "update" => return crate::model_update::run(&crate::workspace_root(), rest),
        "import" => "--botocore",
        "slice" => "--smithy",
        other => return Err(format!("unknown model command `{other}`\n{USAGE}")),
    };
    let options = Options::parse(rest, source_flag)?;
    let source = options
        .source
        .as_deref()
        .ok_or_else(|| format!("missing {source_flag}\n{USAGE}"))?;
    let text = fs::read_to_string(source).map_err(|e| format!("cannot read {source}: {e}"))?;
    let model = if command == "import" {
        import_botocore(&text, &options.operations).map(|imported| {
            for warning in &imported.warnings {
                eprintln!("warning: {source}: {warning}");
            }
            imported.model
        })
    } else {
        let smithy =
            serde_json::from_str(&text).map_err(|e| format!("{source}: malformed JSON: {e}"))?;
        slice(&smithy, &options.operations)
    }
    .map_err(|e| format!("{source}: {e}"))?;

    let output = to_json_text(&model);
    match options.out {
        Some(out) => write_if_changed(Path::new(&out), &output),
        None => {
            print!("{output}");
            Ok(())
        }
    }
}

/// `model to-json`: IDL and JSON files into one JSON AST document.
fn to_json(args: &[String]) -> Result<(), String> {
    let (mut models, mut deps, mut out) = (Vec::new(), Vec::new(), None);
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = || {
            args.next()
                .ok_or_else(|| format!("{arg} needs a value\n{USAGE}"))
        };
        match arg.as_str() {
            "--dep" => deps.push(PathBuf::from(value()?)),
            "--out" => out = Some(value()?.clone()),
            flag if flag.starts_with("--") => {
                return Err(format!("unexpected argument `{flag}`\n{USAGE}"));
            }
            path => models.push(PathBuf::from(path)),
        }
    }
    if models.is_empty() {
        return Err(format!(
            "to-json needs at least one model file or directory\n{USAGE}"
        ));
    }
    let mut sources = model_files::read(&models, false)?;
    sources.extend(model_files::read(&deps, true)?);
    let model = codegen::assemble::assemble(&sources).map_err(|e| model_files::report(&e))?;
    let mut output = serde_json::to_string_pretty(&model).map_err(|e| e.to_string())?;
    output.push('\n');
    match out {
        Some(out) => write_if_changed(Path::new(&out), &output),
        None => {
            print!("{output}");
            Ok(())
        }
    }
}

struct Options {
    source: Option<String>,
    operations: Vec<String>,
    out: Option<String>,
}

impl Options {
    fn parse(args: &[String], source_flag: &str) -> Result<Self, String> {
        let mut options = Options {
            source: None,
            operations: Vec::new(),
            out: None,
        };
        let mut args = args.iter();
        while let Some(flag) = args.next() {
            let value = args
                .next()
                .ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))?
                .clone();
            let slot = match flag.as_str() {
                "--operation" => {
                    options.operations.push(value);
                    continue;
                }
                "--out" => &mut options.out,
                f if f == source_flag => &mut options.source,
                _ => return Err(format!("unexpected argument `{flag}`\n{USAGE}")),
            };
            if slot.replace(value).is_some() {
                return Err(format!("{flag} given twice"));
            }
        }
        Ok(options)
    }
}

fn write_if_changed(path: &Path, contents: &str) -> Result<(), String> {
    let shown = path.display();
    if crate::sync::write_if_changed(path, contents.as_bytes())? {
        eprintln!("wrote {shown}");
    } else {
        eprintln!("{shown} is up to date");
    }
    Ok(())
}
