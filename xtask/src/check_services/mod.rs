//! `cargo xtask check-services [--botocore-version V] [--compile none|sample|all]
//! [--only SVC]...`: every service of a botocore release that botocore calls
//! with its `json` protocol, imported whole, generated, and (with `--compile`)
//! checked by `cargo check` with warnings denied. Prints a table of how many
//! passed each step and how long it took, then each failure's first error.

pub mod compile;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::botocore_wheel::{self, ServiceModel};
use crate::codegen_cmd;

/// The botocore release swept by default and by the test.
pub const DEFAULT_BOTOCORE_VERSION: &str = "1.44.8";

/// The services `--compile sample` builds: fixed, so that CI time is
/// predictable, and chosen to cover what differs between services while
/// staying within a few minutes of `cargo check` on 2 cores.
pub const COMPILE_SAMPLE: &[(&str, &str)] = &[
    (
        "ssm",
        "a large service (1,360 shapes, 150 operations, unions): the generator's scale",
    ),
    ("opensearchmemory", "awsJson 1.0 with unions and documents"),
    ("kinesis", "an event stream (SubscribeToShard)"),
    (
        "codestar-connections",
        "odd names: a dotted targetPrefix, a service id with a space",
    ),
    ("sqs", "awsQuery-compatible errors (awsQueryError codes)"),
    (
        "partnercentral-revenue-measurement",
        "rpcv2Cbor only: a crate without awsJson",
    ),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compile {
    None,
    Sample,
    All,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    pub botocore_version: String,
    pub compile: Compile,
    /// Only these services (botocore's directory names); all when empty.
    pub only: Vec<String>,
}

const USAGE: &str = "usage: cargo xtask check-services [--botocore-version V] \
[--compile none|sample|all] [--only SERVICE]...";

impl Options {
    pub fn parse(args: &[String]) -> Result<Options, String> {
        let mut options = Options {
            botocore_version: DEFAULT_BOTOCORE_VERSION.to_owned(),
            compile: Compile::None,
            only: Vec::new(),
        };
        let mut args = args.iter().filter(|a| *a != "--in-release");
        while let Some(flag) = args.next() {
            let value = args
                .next()
                .ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))?;
            match flag.as_str() {
                "--botocore-version" => options.botocore_version = value.clone(),
                "--only" => options.only.push(value.clone()),
                "--compile" => {
                    options.compile = match value.as_str() {
                        "none" => Compile::None,
                        "sample" => Compile::Sample,
                        "all" => Compile::All,
                        other => return Err(format!("unknown --compile `{other}`\n{USAGE}")),
                    }
                }
                other => return Err(format!("unexpected argument `{other}`\n{USAGE}")),
            }
        }
        Ok(options)
    }
}

/// The json and rpcv2Cbor services of botocore `version` (newest API version of
/// each), downloading the wheel on first use, and how many services it has.
pub fn supported_services(
    root: &Path,
    version: &str,
) -> Result<(Vec<ServiceModel>, usize), String> {
    let wheel = botocore_wheel::wheel(root, version)?;
    let all = botocore_wheel::newest_service_models(&wheel, None)?;
    let total = all.len();
    // A model that is not even JSON is kept: its import reports why.
    let json = all
        .into_iter()
        .filter(|m| botocore_wheel::speaks_generated_protocol(&m.text) != Some(false))
        .collect();
    Ok((json, total))
}

/// What happened to one service.
pub struct ServiceOutcome {
    pub service: String,
    pub import_time: Duration,
    /// The imported model's path, or the import error.
    pub import: Result<PathBuf, String>,
    pub warnings: Vec<String>,
    pub generate_time: Duration,
    /// The generated files, or the generation error; `None` when not imported.
    pub generate: Option<Result<Vec<codegen::GeneratedFile>, String>>,
}

/// Imports `model` whole into `<base>/models/<service>.json` and generates it
/// exactly as `cargo xtask codegen --model <that file> --out <base>/crates/<service>` would.
pub fn import_and_generate(root: &Path, base: &Path, model: &ServiceModel) -> ServiceOutcome {
    let start = Instant::now();
    let model_path = base.join("models").join(format!("{}.json", model.service));
    let (import, warnings) = match codegen::import::import_botocore(&model.text, &[]) {
        Ok(imported) => {
            let text = codegen::import::to_json_text(&imported.model);
            let written = crate::sync::write_if_changed(&model_path, text.as_bytes())
                .map(|_| model_path.clone());
            let warnings = imported.warnings.iter().map(ToString::to_string).collect();
            (written, warnings)
        }
        Err(e) => (Err(e.to_string()), Vec::new()),
    };
    let import_time = start.elapsed();
    let start = Instant::now();
    let generate = import.as_ref().ok().map(|path| {
        let out = crate_dir(base, &model.service);
        let args: Vec<String> = [
            "--model",
            &path.to_string_lossy(),
            "--out",
            &out.to_string_lossy(),
        ]
        .map(str::to_owned)
        .to_vec();
        codegen_cmd::Options::parse(root, &args)
            .and_then(|options| codegen_cmd::generate(&options))
            .map_err(|failure| failure.message)
    });
    ServiceOutcome {
        service: model.service.clone(),
        import_time,
        import,
        warnings,
        generate_time: start.elapsed(),
        generate,
    }
}

/// Where a service's generated crate goes.
pub fn crate_dir(base: &Path, service: &str) -> PathBuf {
    base.join("crates").join(service)
}

/// Runs the command; the table goes to stdout, progress to stderr. Fails when
/// any service failed any step.
pub fn run(root: &Path, args: &[String]) -> Result<String, String> {
    if let Some(release_run) = crate::rerun_in_release(root, "check-services", args) {
        return release_run.map(|()| String::new());
    }
    let options = Options::parse(args)?;
    let base = root.join("target/check-services");
    let start = Instant::now();
    let (mut models, total) = supported_services(root, &options.botocore_version)?;
    if !options.only.is_empty() {
        for name in &options.only {
            if !models.iter().any(|m| &m.service == name) {
                return Err(format!(
                    "--only {name}: no json or rpcv2Cbor service of that name"
                ));
            }
        }
        models.retain(|m| options.only.contains(&m.service));
    }
    let discover_time = start.elapsed();
    let mut outcomes = Vec::with_capacity(models.len());
    for model in &models {
        outcomes.push(import_and_generate(root, &base, model));
    }
    let to_compile: Vec<&ServiceOutcome> = outcomes
        .iter()
        .filter(|o| matches!(o.generate, Some(Ok(_))))
        .filter(|o| match options.compile {
            Compile::None => false,
            Compile::Sample => COMPILE_SAMPLE.iter().any(|(s, _)| *s == o.service),
            Compile::All => true,
        })
        .collect();
    let compiled = match options.compile {
        Compile::None => None,
        _ => Some(compile::write_and_check(
            &base,
            &base.join("target"),
            &to_compile,
        )?),
    };
    let report = report::Report {
        version: &options.botocore_version,
        total,
        discover_time,
        outcomes: &outcomes,
        compile: options.compile,
        compiled: compiled.as_ref(),
    };
    println!("{}", report.render());
    if report.all_passed() {
        Ok(String::new())
    } else {
        Err("some services failed; see the table above".to_owned())
    }
}

mod report;
