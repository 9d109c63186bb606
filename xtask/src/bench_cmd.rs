//! `cargo xtask bench`: wall time of code generation (in process, median of runs) and
//! the clean build time of the generated crate. Run it with `--release` numbers in mind:
//! the alias builds xtask in the dev profile, so this re-invokes itself in release.

use std::path::Path;
use std::time::{Duration, Instant};

const RUNS: usize = 21;

/// Times `codegen::parse` + `codegen::generate` for each model, then a clean build.
pub fn run(root: &Path, args: &[String]) -> Result<String, String> {
    if let Some(release_run) = crate::rerun_in_release(root, "bench", args) {
        return release_run.map(|()| String::new());
    }
    let mut report = String::from(
        "| input | shapes | generated files | median | min | max |\n|---|---|---|---|---|---|\n",
    );
    let full = root.join("../shared/reference/smithy-models/workspaces-2015-04-08.json");
    for (label, model, settings) in [
        (
            "model/workspaces.json (4 operations)",
            root.join("model/workspaces.json"),
            root.join("model/workspaces.settings.json"),
        ),
        (
            "official WorkSpaces model (all operations)",
            full,
            root.join("model/workspaces.settings.json"),
        ),
    ] {
        let text =
            std::fs::read_to_string(&model).map_err(|e| format!("{}: {e}", model.display()))?;
        let settings = codegen::Settings::from_json(
            &std::fs::read_to_string(&settings).map_err(|e| e.to_string())?,
        )
        .map_err(|e| e.to_string())?;
        let mut times = Vec::with_capacity(RUNS);
        let mut outcome = (0, 0);
        for _ in 0..RUNS {
            let start = Instant::now();
            let parsed = codegen::parse(&text).map_err(|e| e.to_string())?;
            let files = codegen::generate(&parsed, &settings).map_err(|e| e.to_string())?;
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
    if !args.iter().any(|a| a == "--skip-build") {
        report.push_str(&format!("\n{}\n", clean_build(root)?));
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
    codegen::emit::generate_files(&ir);
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

/// Debug builds of `generated/` from an empty target directory, with default features
/// (client and server) and with none (types, codec, validation), and a rebuild of the
/// crate alone. Dependencies are already downloaded; this measures compilation only.
fn clean_build(root: &Path) -> Result<String, String> {
    let target = root.join("target/bench-clean-build");
    let build = |features: &[&str]| -> Result<f64, String> {
        let start = Instant::now();
        let status = crate::cargo(root)
            .args(["build", "--quiet", "--package", "workspaces", "--offline"])
            .args(features)
            .env("CARGO_TARGET_DIR", &target)
            .status()
            .map_err(|e| e.to_string())?;
        if !status.success() {
            return Err(format!("build {features:?} failed: {status}"));
        }
        Ok(start.elapsed().as_secs_f64())
    };
    let mut lines = Vec::new();
    for (label, features) in [
        ("default features (client, server)", &[][..]),
        ("no default features", &["--no-default-features"][..]),
    ] {
        let _ = std::fs::remove_dir_all(&target);
        let clean = build(features)?;
        // Touching the crate root rebuilds the generated crate alone.
        let lib = root.join("generated/src/lib.rs");
        let text = std::fs::read(&lib).map_err(|e| e.to_string())?;
        std::fs::write(&lib, text).map_err(|e| e.to_string())?;
        let alone = build(features)?;
        lines.push(format!("| {label} | {clean:.1} s | {alone:.1} s |"));
    }
    let _ = std::fs::remove_dir_all(&target);
    Ok(format!(
        "Debug build of `generated/` ({} cores):\n\n| features | clean (with dependencies) | the crate alone |\n|---|---|---|\n{}",
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        lines.join("\n")
    ))
}
