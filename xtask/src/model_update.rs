//! `cargo xtask model update`: the model re-imported from a newer botocore (the
//! newest on PyPI unless told), the operations recorded in its provenance file kept,
//! the API change report printed and appended to `CHANGES.md`, the crate version
//! bumped by the report's verdict, and the crate regenerated. Everything is computed
//! first; nothing is written when a step fails.

use std::path::{Path, PathBuf};

use codegen::diff::{self, report};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::{botocore_wheel, codegen_cmd, model_diff};

pub const USAGE: &str = "usage:
  cargo xtask model update [--botocore-version V | --botocore SERVICE-2.JSON]
                           [--model FILE] [--out DIR] [--deny breaking|dangerous]
Re-imports the operations recorded in <model>.provenance.json (default model:
model/workspaces.json) from botocore V (default: the newest on PyPI, downloaded with
pip into target/botocore/), writes the model if it changed, records the version, bumps
crateVersion in the settings by the verdict, regenerates the crate into --out (default
generated/), prints the change report and appends it to CHANGES.md beside the model.
--deny stops before writing anything when a change is at least that grave.";

/// Where the model came from: `<model>.provenance.json`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Provenance {
    /// `botocore`: the only source `update` knows.
    pub source: String,
    /// The botocore release the model was imported from.
    pub version: String,
    /// The directory name of the service in botocore's data (`workspaces`).
    pub service: String,
    /// The operations kept, in the order they were imported.
    pub operations: Vec<String>,
}

pub fn provenance_path(model: &Path) -> PathBuf {
    model.with_extension("provenance.json")
}

struct Options {
    model: PathBuf,
    out: PathBuf,
    version: Option<String>,
    file: Option<PathBuf>,
    deny: Option<diff::Severity>,
}

fn parse(root: &Path, args: &[String]) -> Result<Options, String> {
    let mut options = Options {
        model: root.join("model/workspaces.json"),
        out: root.join("generated"),
        version: None,
        file: None,
        deny: None,
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        if arg == "--help" {
            return Err(USAGE.to_owned());
        }
        let value = args
            .next()
            .ok_or_else(|| format!("{arg} needs a value\n{USAGE}"))?;
        match arg.as_str() {
            "--botocore-version" => options.version = Some(value.clone()),
            "--botocore" => options.file = Some(PathBuf::from(value)),
            "--model" => options.model = PathBuf::from(value),
            "--out" => options.out = PathBuf::from(value),
            "--deny" => options.deny = Some(model_diff::parse_deny(value)?),
            other => return Err(format!("unexpected `{other}`\n{USAGE}")),
        }
    }
    if options.version.is_some() && options.file.is_some() {
        return Err(format!(
            "--botocore-version and --botocore exclude each other\n{USAGE}"
        ));
    }
    Ok(options)
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// The service's `service-2.json` and the botocore version it is from.
fn botocore_model(
    root: &Path,
    options: &Options,
    provenance: &Provenance,
) -> Result<(String, String), String> {
    if let Some(file) = &options.file {
        // `botocore-1.44.5-workspaces-service-2.json` names its version; other names
        // are recorded as they are.
        let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let version = name
            .strip_prefix("botocore-")
            .and_then(|rest| rest.split('-').next())
            .filter(|v| v.split('.').all(|p| p.parse::<u32>().is_ok()))
            .map_or_else(|| file.display().to_string(), str::to_owned);
        return Ok((version, read(file)?));
    }
    let (version, wheel) = match &options.version {
        Some(version) => (version.clone(), botocore_wheel::wheel(root, version)?),
        None => botocore_wheel::newest_wheel(root)?,
    };
    let mut models = botocore_wheel::newest_service_models(&wheel, Some(&provenance.service))?;
    let model = models
        .pop()
        .ok_or_else(|| format!("botocore {version} has no service `{}`", provenance.service))?;
    Ok((version, model.text))
}

/// Today's date, `YYYY-MM-DD` (UTC), for the report's heading.
fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
    let z = (secs / 86_400) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

fn pretty(value: &impl Serialize) -> Result<String, String> {
    serde_json::to_string_pretty(value)
        .map(|text| text + "\n")
        .map_err(|e| e.to_string())
}

pub fn run(root: &Path, args: &[String]) -> Result<(), String> {
    let options = parse(root, args)?;
    let provenance_file = provenance_path(&options.model);
    let mut provenance: Provenance = serde_json::from_str(&read(&provenance_file)?)
        .map_err(|e| format!("{}: {e}", provenance_file.display()))?;
    if provenance.source != "botocore" {
        return Err(format!(
            "{}: source `{}`: update knows botocore only",
            provenance_file.display(),
            provenance.source
        ));
    }
    let (version, service_json) = botocore_model(root, &options, &provenance)?;
    let imported = codegen::import::import_botocore(&service_json, &provenance.operations)
        .map_err(|e| format!("botocore {version}: {e}"))?;
    for warning in &imported.warnings {
        eprintln!("warning: botocore {version}: {warning}");
    }
    let new_text = codegen::import::to_json_text(&imported.model);
    let old_text = read(&options.model)?;
    let load = |name: &str, text: &str| {
        let source = codegen::assemble::Source {
            name: name.to_owned(),
            text: text.to_owned(),
            dependency: false,
        };
        codegen::assemble::assemble(&[source]).map_err(|e| crate::model_files::report(&e))
    };
    let old = load(&options.model.display().to_string(), &old_text)?;
    let new = load(&format!("botocore-{version}.json"), &new_text)?;
    let changes = diff::diff(&old, &new);
    if model_diff::denied(&changes, options.deny) {
        return Err(format!(
            "denied, nothing written: {}",
            report::summary(&changes)
        ));
    }

    let settings_path = codegen_cmd::default_settings_path(&options.model);
    let mut settings: Value = match std::fs::read_to_string(&settings_path) {
        Ok(text) => {
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", settings_path.display()))?
        }
        Err(_) => Value::Object(Default::default()),
    };
    let current = settings["crateVersion"]
        .as_str()
        .unwrap_or("0.1.0")
        .to_owned();
    let (next, why) = report::next_version(&current, report::verdict(&changes))?;
    if next != current {
        settings["crateVersion"] = Value::String(next.clone());
    }
    let settings_text = pretty(&settings)?;
    let parsed_settings = codegen::Settings::from_json(&settings_text)
        .map_err(|e| format!("{}: {e}", settings_path.display()))?;
    let model = codegen::parse(&new_text).map_err(|e| format!("botocore {version}: {e}"))?;
    let emit = codegen::EmitOptions {
        runtime: codegen_cmd::runtime_dependency(&codegen_cmd::Runtime::Workspace, &options.out)
            .map_err(|f| f.message)?,
    };
    let files = codegen::generate(&model, &parsed_settings, &emit)
        .map_err(|e| format!("botocore {version}: {e}"))?;

    let old_version = std::mem::replace(&mut provenance.version, version.clone());
    let title = format!("botocore {old_version} → {version} ({})", today());
    let mut entry = model_diff::markdown(&title, &old, &new, &changes);
    entry.push_str(&format!("\nCrate version: {current} → {next} ({why}).\n"));
    print!("{entry}");
    if changes.is_empty() && old_text == new_text && old_version == version {
        println!("the model is up to date with botocore {version}; nothing written");
        return Ok(());
    }
    let write =
        |path: &Path, text: &str| crate::sync::write_if_changed(path, text.as_bytes()).map(drop);
    write(&options.model, &new_text)?;
    write(&settings_path, &settings_text)?;
    write(&provenance_file, &pretty(&provenance)?)?;
    codegen_cmd::write(&options.out, &files).map_err(|f| f.message)?;
    let changes_file = options.model.with_file_name("CHANGES.md");
    let mut log = std::fs::read_to_string(&changes_file).unwrap_or_else(|_| {
        "# Model changes\n\nWritten by `cargo xtask model update`, newest last.\n".to_owned()
    });
    log.push('\n');
    log.push_str(&entry);
    write(&changes_file, &log)?;
    eprintln!(
        "updated {} to botocore {version}; report appended to {}",
        options.model.display(),
        changes_file.display()
    );
    Ok(())
}
