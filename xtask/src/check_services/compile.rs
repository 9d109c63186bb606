//! The generated crates as one throwaway cargo workspace under
//! `target/check-services/`, checked with one shared target directory.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::time::{Duration, Instant};

use super::{ServiceOutcome, crate_dir};
use crate::codegen_cmd;

/// How `cargo check` went for each crate.
pub struct Compiled {
    pub write_time: Duration,
    pub check_time: Duration,
    /// By service: when its crate was checked (from the start of `cargo check`),
    /// or its first error.
    pub crates: BTreeMap<String, Result<Duration, String>>,
}

/// Writes each outcome's files into `<base>/crates/<service>/` (as `cargo xtask
/// codegen --out` does), a workspace of exactly those crates with the root
/// `Cargo.lock` (so dependency versions are the main build's), and runs
/// `cargo check` over it with warnings denied into `target_dir`, going on past
/// failing crates. Each crate's result is also printed to stderr when known, so
/// that a long run shows what it has done.
pub fn write_and_check(
    base: &Path,
    target_dir: &Path,
    outcomes: &[&ServiceOutcome],
) -> Result<Compiled, String> {
    let start = Instant::now();
    let mut members = Vec::new();
    let mut packages = BTreeSet::new();
    for outcome in outcomes {
        let Some(Ok(files)) = &outcome.generate else {
            continue;
        };
        let package = files
            .iter()
            .find(|f| f.path == "Cargo.toml")
            .and_then(|m| m.contents.lines().find_map(|l| l.strip_prefix("name = ")))
            .ok_or_else(|| {
                format!(
                    "{}: no package name in the generated Cargo.toml",
                    outcome.service
                )
            })?;
        if !packages.insert(package.to_owned()) {
            return Err(format!(
                "{}: the package name {package} is taken",
                outcome.service
            ));
        }
        let out = crate_dir(base, &outcome.service);
        codegen_cmd::write(&out, files).map_err(|f| f.message)?;
        members.push(outcome.service.as_str());
    }
    remove_other_crates(base, &members)?;
    let manifest: String = members
        .iter()
        .map(|m| format!("    \"crates/{m}\",\n"))
        .collect();
    let manifest = format!(
        "# Written by `cargo xtask check-services`: generated crates, checked together.\n\
         [workspace]\nresolver = \"3\"\nmembers = [\n{manifest}]\n"
    );
    crate::sync::write_if_changed(&base.join("Cargo.toml"), manifest.as_bytes())?;
    let lock = std::fs::read(crate::workspace_root().join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    crate::sync::write_if_changed(&base.join("Cargo.lock"), &lock)?;
    let write_time = start.elapsed();

    let start = Instant::now();
    let crates = check(base, target_dir, &members)?;
    Ok(Compiled {
        write_time,
        check_time: start.elapsed(),
        crates,
    })
}

/// Crates of an earlier run that this one does not build.
fn remove_other_crates(base: &Path, members: &[&str]) -> Result<(), String> {
    let Ok(entries) = std::fs::read_dir(base.join("crates")) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        if !members.iter().any(|m| name == *m) {
            std::fs::remove_dir_all(entry.path())
                .map_err(|e| format!("cannot remove {}: {e}", entry.path().display()))?;
        }
    }
    Ok(())
}

/// `cargo check` of the workspace, read as JSON messages: each member's first
/// error, or when its last artifact was done.
fn check(
    base: &Path,
    target_dir: &Path,
    members: &[&str],
) -> Result<BTreeMap<String, Result<Duration, String>>, String> {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;

    let mut command = crate::cargo(base);
    command
        .args([
            "check",
            "--workspace",
            "--all-targets",
            "--all-features",
            "--keep-going",
        ])
        .args(["--message-format", "json"])
        .env("CARGO_TARGET_DIR", target_dir)
        .env("RUSTFLAGS", "-D warnings")
        .env("CARGO_TERM_COLOR", "never")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    // Flags of the cargo running xtask would change what is built.
    for var in [
        "CARGO_ENCODED_RUSTFLAGS",
        "RUSTC_WORKSPACE_WRAPPER",
        "RUSTC_WRAPPER",
        "CARGO_BUILD_RUSTFLAGS",
    ] {
        command.env_remove(var);
    }
    eprintln!(
        "cargo check of {} crates in {}",
        members.len(),
        base.display()
    );
    let start = Instant::now();
    let mut child = command
        .spawn()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    let stderr = child.stderr.take().expect("piped");
    // Read stderr beside stdout, so that neither pipe fills up.
    let stderr = std::thread::spawn(move || {
        let mut text = String::new();
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            text.push_str(&line);
            text.push('\n');
        }
        text
    });
    let mut errors: BTreeMap<String, String> = BTreeMap::new();
    let mut done: BTreeMap<String, Duration> = BTreeMap::new();
    let member_of = |manifest: &str| {
        let dir = Path::new(manifest).parent()?;
        let name = dir.file_name()?.to_str()?;
        (dir.parent()? == base.join("crates")).then(|| name.to_owned())
    };
    for line in BufReader::new(child.stdout.take().expect("piped"))
        .lines()
        .map_while(Result::ok)
    {
        let Ok(message) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        let manifest = message["manifest_path"].as_str().unwrap_or_default();
        let Some(member) = member_of(manifest) else {
            continue;
        };
        match message["reason"].as_str() {
            Some("compiler-message") if message["message"]["level"] == "error" => {
                let rendered = message["message"]["rendered"].as_str().unwrap_or_default();
                errors.entry(member.clone()).or_insert_with(|| {
                    eprintln!("  {member} failed at {:.1?}", start.elapsed());
                    rendered.trim_end().to_owned()
                });
            }
            Some("compiler-artifact") => {
                eprintln!("  {member} checked at {:.1?}", start.elapsed());
                done.insert(member, start.elapsed());
            }
            _ => {}
        }
    }
    let status = child
        .wait()
        .map_err(|e| format!("cannot wait for cargo: {e}"))?;
    let stderr = stderr.join().unwrap_or_default();
    let mut crates = BTreeMap::new();
    for member in members {
        let result = match (errors.remove(*member), done.get(*member)) {
            (Some(error), _) => Err(error),
            (None, Some(at)) => Ok(*at),
            (None, None) => Err(format!(
                "not checked: cargo failed ({status}):\n{}",
                tail(&stderr)
            )),
        };
        crates.insert((*member).to_owned(), result);
    }
    Ok(crates)
}

fn tail(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(20)..].join("\n")
}
