//! A botocore release from PyPI: its wheel, downloaded once with pip into
//! `target/botocore/<version>/`, and the service models in it.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

/// One `botocore/data/<service>/<api version>/service-2.json` of the wheel.
pub struct ServiceModel {
    /// The directory name botocore loads it by: `sagemaker`, `cloudwatch`.
    pub service: String,
    pub api_version: String,
    pub text: String,
}

/// The wheel of botocore `version`, downloaded with pip on first use.
pub fn wheel(root: &Path, version: &str) -> Result<PathBuf, String> {
    let dir = root.join("target/botocore").join(version);
    let wheel = dir.join(wheel_name(version));
    if wheel.is_file() {
        return Ok(wheel);
    }
    let partial = download(root, &format!("botocore=={version}"))?;
    keep(&partial, version)
}

/// The newest botocore on PyPI: its version and wheel (downloaded unless already
/// under `target/botocore/`).
pub fn newest_wheel(root: &Path) -> Result<(String, PathBuf), String> {
    let partial = download(root, "botocore")?;
    let version = std::fs::read_dir(&partial)
        .map_err(|e| format!("cannot read {}: {e}", partial.display()))?
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .find_map(|name| {
            name.strip_prefix("botocore-")?
                .strip_suffix("-py3-none-any.whl")
                .map(str::to_owned)
        });
    let Some(version) = version else {
        let _ = std::fs::remove_dir_all(&partial);
        return Err("pip downloaded no botocore wheel".to_owned());
    };
    let wheel = keep(&partial, &version)?;
    Ok((version, wheel))
}

fn wheel_name(version: &str) -> String {
    format!("botocore-{version}-py3-none-any.whl")
}

/// Downloads `requirement` with pip into a directory of this download's own (so that
/// an interrupted download is never mistaken for the wheel, and two processes or
/// tests downloading at once never share one), and returns that directory.
fn download(root: &Path, requirement: &str) -> Result<PathBuf, String> {
    static DOWNLOADS: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = DOWNLOADS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let partial = root
        .join("target/botocore")
        .join(format!(".partial-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&partial);
    eprintln!("downloading {requirement} with pip");
    let output = Command::new("python3")
        .args(["-m", "pip", "download", "--quiet", "--no-deps"])
        .args(["--only-binary=:all:", "--disable-pip-version-check"])
        .args(["--timeout", "60", "--retries", "2", "-d"])
        .arg(&partial)
        .arg(requirement)
        .output()
        .map_err(|e| format!("cannot run `python3 -m pip`: {e}"))?;
    if !output.status.success() {
        let _ = std::fs::remove_dir_all(&partial);
        return Err(format!(
            "pip could not download {requirement} ({}):\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(partial)
}

/// Moves a finished download to `target/botocore/<version>/` and returns the wheel.
fn keep(partial: &Path, version: &str) -> Result<PathBuf, String> {
    let dir = partial.with_file_name(version);
    let wheel = dir.join(wheel_name(version));
    // Another download may have finished first: then its wheel is the one. A directory
    // without the wheel is what an older, interrupted download left.
    if dir.is_dir() && !wheel.is_file() {
        let _ = std::fs::remove_dir_all(&dir);
    }
    let moved = std::fs::rename(partial, &dir);
    let _ = std::fs::remove_dir_all(partial);
    match (wheel.is_file(), moved) {
        (true, _) => Ok(wheel),
        (false, Err(e)) => Err(format!(
            "cannot move {} to {}: {e}",
            partial.display(),
            dir.display()
        )),
        (false, Ok(())) => Err(format!("pip did not leave {}", wheel.display())),
    }
}

/// The newest API version of every service in the wheel (the one botocore
/// loads by default), by service name, or of `only` that service. Older versions
/// kept beside it are left out.
pub fn newest_service_models(
    wheel: &Path,
    only: Option<&str>,
) -> Result<Vec<ServiceModel>, String> {
    let shown = wheel.display();
    let file = std::fs::File::open(wheel).map_err(|e| format!("cannot open {shown}: {e}"))?;
    let mut archive = zip::ZipArchive::new(file).map_err(|e| format!("{shown}: {e}"))?;
    let mut newest: BTreeMap<String, (String, String)> = BTreeMap::new();
    let names: Vec<String> = archive
        .file_names()
        .map(|name| name.map(|n| n.into_owned()))
        .collect::<Result<_, _>>()
        .map_err(|e| format!("{shown}: {e}"))?;
    for name in &names {
        let Some(rest) = name.strip_prefix("botocore/data/") else {
            continue;
        };
        let parts: Vec<&str> = rest.split('/').collect();
        let [service, api_version, "service-2.json" | "service-2.json.gz"] = parts[..] else {
            continue;
        };
        if only.is_some_and(|only| only != service) {
            continue;
        }
        let entry = newest.entry(service.to_owned()).or_default();
        if api_version > entry.0.as_str() {
            *entry = (api_version.to_owned(), name.clone());
        }
    }
    let mut models = Vec::with_capacity(newest.len());
    for (service, (api_version, name)) in newest {
        let mut bytes = Vec::new();
        archive
            .by_name(&name)
            .and_then(|mut entry| Ok(entry.read_to_end(&mut bytes)?))
            .map_err(|e| format!("{shown}: {name}: {e}"))?;
        let text = if name.ends_with(".gz") {
            let mut text = String::new();
            flate2::read::GzDecoder::new(&bytes[..])
                .read_to_string(&mut text)
                .map_err(|e| format!("{shown}: {name}: {e}"))?;
            text
        } else {
            String::from_utf8(bytes).map_err(|e| format!("{shown}: {name}: {e}"))?
        };
        models.push(ServiceModel {
            service,
            api_version,
            text,
        });
    }
    Ok(models)
}

/// The botocore protocols the generator speaks: `json` (awsJson) and `smithy-rpc-v2-cbor`.
const GENERATED_PROTOCOLS: [&str; 2] = ["json", "smithy-rpc-v2-cbor"];

/// Whether the service speaks a protocol the generator speaks:
/// `metadata.protocols` lists one, or, in models without that list,
/// `metadata.protocol` is one. `None` when the text is not such a document.
pub fn speaks_generated_protocol(text: &str) -> Option<bool> {
    let doc: serde_json::Value = serde_json::from_str(text).ok()?;
    let metadata = doc.get("metadata")?;
    let ours = |p: &serde_json::Value| GENERATED_PROTOCOLS.iter().any(|g| p == g);
    Some(match metadata.get("protocols") {
        Some(list) => list.as_array()?.iter().any(ours),
        None => ours(metadata.get("protocol")?),
    })
}
