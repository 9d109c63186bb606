//! `cargo xtask bench [--model LABEL=FILE]... [--before REV] [--skip-build]`: wall time
//! of code generation (in process, median of runs) for the checked-in model, the full
//! WorkSpaces model and any `--model` given (Glue: see the README), then clean debug
//! builds side by side: the generated crate at `--before REV` (default: the last commit
//! of the first design) and now, and one binary using two generated service crates.
//! The alias builds xtask in the dev profile, so this re-invokes itself in release.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const RUNS: usize = 21;

/// The last commit whose generated crate copied the runtime into itself.
const FIRST_DESIGN: &str = "794c021";

/// Times `codegen::parse` + `codegen::generate` for each model, then the clean builds.
pub fn run(root: &Path, args: &[String]) -> Result<String, String> {
    if let Some(release_run) = crate::rerun_in_release(root, "bench", args) {
        return release_run.map(|()| String::new());
    }
    let mut models = vec![
        (
            "model/workspaces.json (4 operations)".to_owned(),
            root.join("model/workspaces.json"),
        ),
        (
            "official WorkSpaces model (all operations)".to_owned(),
            root.join("../shared/reference/smithy-models/workspaces-2015-04-08.json"),
        ),
    ];
    let mut before = FIRST_DESIGN.to_owned();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--model" => {
                let value = args.next().ok_or("--model needs LABEL=FILE")?;
                let (label, file) = value.split_once('=').ok_or("--model needs LABEL=FILE")?;
                models.push((label.to_owned(), PathBuf::from(file)));
            }
            "--before" => before = args.next().ok_or("--before needs a revision")?.clone(),
            _ => {}
        }
    }
    let settings = codegen::Settings::from_json(
        &std::fs::read_to_string(root.join("model/workspaces.settings.json"))
            .map_err(|e| e.to_string())?,
    )
    .map_err(|e| e.to_string())?;
    let mut report = String::from(
        "| input | shapes | generated files | median | min | max |\n|---|---|---|---|---|---|\n",
    );
    for (label, model) in &models {
        let text =
            std::fs::read_to_string(model).map_err(|e| format!("{}: {e}", model.display()))?;
        // The WorkSpaces settings declare pagination of WorkSpaces operations only.
        let settings = if label.contains("WorkSpaces") || label.contains("workspaces") {
            settings.clone()
        } else {
            codegen::Settings::default()
        };
        let mut times = Vec::with_capacity(RUNS);
        let mut outcome = (0, 0);
        for _ in 0..RUNS {
            let start = Instant::now();
            let parsed = codegen::parse(&text).map_err(|e| e.to_string())?;
            let files = codegen::generate(&parsed, &settings, &codegen::EmitOptions::default())
                .map_err(|e| e.to_string())?;
            times.push(start.elapsed());
            outcome = (parsed.shapes.0.len(), files.len());
        }
        times.sort();
        eprintln!("{label}: {}", stages(&text, &settings)?);
        report.push_str(&format!(
            "| {label} | {} | {} | {} | {} | {} |\n",
            outcome.0,
            outcome.1,
            ms(times[RUNS / 2]),
            ms(times[0]),
            ms(times[RUNS - 1])
        ));
    }
    if !std::env::args().any(|a| a == "--skip-build") {
        report.push_str(&format!("\n{}\n", clean_builds(root, &before)?));
    }
    println!("{report}");
    Ok(String::new())
}

/// One run split by stage, to see where the time goes.
fn stages(text: &str, settings: &codegen::Settings) -> Result<String, String> {
    let start = Instant::now();
    let model = codegen::parse(text).map_err(|e| e.to_string())?;
    let parsed = start.elapsed();
    let service = codegen::validate::service_id(&model, settings.service.as_deref())
        .map_err(|e| e.to_string())?;
    codegen::validate::check(&model).map_err(|e| e.to_string())?;
    let normalized = codegen::normalize::normalize(&model, &service).map_err(|e| e.to_string())?;
    let ir = codegen::lower::lower(&normalized, settings).map_err(|e| e.to_string())?;
    let lowered = start.elapsed();
    codegen::emit::generate_files(&ir, &codegen::EmitOptions::default());
    let emitted = start.elapsed();
    Ok(format!(
        "parse {}, validate+normalize+lower {}, emit+format {}",
        ms(parsed),
        ms(lowered - parsed),
        ms(emitted - lowered)
    ))
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// A clean debug build (`cargo build` in `dir`, a fresh target directory) of `package`:
/// seconds, and how many times the runtime crate was compiled.
fn clean_build(
    dir: &Path,
    target: &Path,
    package: &str,
    features: &[&str],
) -> Result<(f64, usize), String> {
    let _ = std::fs::remove_dir_all(target);
    let start = Instant::now();
    let output = crate::cargo(dir)
        .args(["build", "--offline", "--package", package])
        .args(features)
        .env("CARGO_TARGET_DIR", target)
        .env("CARGO_TERM_COLOR", "never")
        .output()
        .map_err(|e| e.to_string())?;
    let took = start.elapsed().as_secs_f64();
    let log = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        return Err(format!(
            "building {package} in {} failed:\n{log}",
            dir.display()
        ));
    }
    let _ = std::fs::remove_dir_all(target);
    Ok((
        took,
        log.lines()
            .filter(|l| l.trim_start().starts_with("Compiling smithy-lite-runtime"))
            .count(),
    ))
}

/// Clean debug builds side by side: the WorkSpaces crate of revision `before` (a
/// worktree under `target/`) and of now, with default and no default features; and one
/// binary using the WorkSpaces crate and a second service's (SQS, awsJson 1.0).
fn clean_builds(root: &Path, before: &str) -> Result<String, String> {
    let old = root.join("target/bench-before");
    if !old.exists() {
        let status = std::process::Command::new("git")
            .args(["worktree", "add", "--detach"])
            .arg(&old)
            .arg(before)
            .current_dir(root)
            .status()
            .map_err(|e| e.to_string())?;
        if !status.success() {
            return Err(format!("cannot check out {before} into {}", old.display()));
        }
    }
    let target = root.join("target/bench-clean-build");
    let mut lines = Vec::new();
    for (label, features) in [
        ("default (client, server)", &[][..]),
        ("none", &["--no-default-features"][..]),
    ] {
        let (then, _) = clean_build(&old, &target, "workspaces", features)?;
        let (now, runtimes) = clean_build(root, &target, "workspaces", features)?;
        lines.push(format!(
            "| {label} | {then:.1} s | {now:.1} s | {:.2} | {runtimes} |",
            now / then
        ));
    }
    let (two, runtimes) = two_services(root, &target)?;
    Ok(format!(
        "Clean debug builds of the generated WorkSpaces crate ({} cores), {before} (runtime copied into the crate) \
         and now (runtime crate):\n\n| features | {before} | now | now / {before} | runtime compilations |\n\
         |---|---|---|---|---|\n{}\n\nOne binary using the WorkSpaces and SQS crates (client): {two:.1} s clean, \
         the runtime compiled {runtimes} time(s).",
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        lines.join("\n")
    ))
}

/// Generates SQS beside a binary that calls both it and WorkSpaces, and builds it clean.
fn two_services(root: &Path, target: &Path) -> Result<(f64, usize), String> {
    let base = root.join("target/bench-two-services");
    let sqs = base.join("sqs");
    let options = crate::codegen_cmd::Options::for_model(
        &root.join("../shared/reference/smithy-models/sqs-2012-11-05.json"),
        &sqs,
    );
    let files = crate::codegen_cmd::generate(&options).map_err(|f| f.message)?;
    crate::codegen_cmd::write(&sqs, &files).map_err(|f| f.message)?;
    let manifest = "[package]\nname = \"two-services\"\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\n\n\
         [dependencies]\nworkspaces = { path = \"../../generated\", default-features = false, features = [\"client\"] }\n\
         sqs = { path = \"sqs\", default-features = false, features = [\"client\"] }\n\n[workspace]\nmembers = [\"sqs\"]\n";
    let main = "fn main() {\n    let config = workspaces::client::Config::builder().region(\"us-east-1\").build();\n    \
         let _ = workspaces::client::Client::new(config.clone());\n    let _ = sqs::client::Client::new(config);\n}\n";
    for (path, contents) in [("Cargo.toml", manifest), ("src/main.rs", main)] {
        crate::sync::write_if_changed(&base.join(path), contents.as_bytes())?;
    }
    crate::sync::write_if_changed(
        &base.join("Cargo.lock"),
        &std::fs::read(root.join("Cargo.lock")).map_err(|e| e.to_string())?,
    )?;
    clean_build(&base, target, "two-services", &[])
}
