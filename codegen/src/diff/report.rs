//! The change report: counts per severity and what each means, then every change
//! grouped by shape (with the operations that use it); the JSON form; the next crate
//! version.

use ::std::collections::BTreeMap;
use ::std::fmt::Write as _;

use serde_json::{Value, json};

use super::{Change, Severity};

/// The gravest severity among the changes (`None` when there are none).
pub fn verdict(changes: &[Change]) -> Option<Severity> {
    changes.iter().map(|c| c.severity).max()
}

/// How many changes of each severity.
pub fn counts(changes: &[Change]) -> BTreeMap<Severity, usize> {
    let mut counts = BTreeMap::new();
    for change in changes {
        *counts.entry(change.severity).or_insert(0) += 1;
    }
    counts
}

/// `5 breaking, 2 additive, 1 docs`, gravest first; `no API change` when empty.
pub fn summary(changes: &[Change]) -> String {
    let counts = counts(changes);
    let parts: Vec<String> = Severity::ALL
        .iter()
        .filter_map(|s| counts.get(s).map(|n| format!("{n} {}", s.as_str())))
        .collect();
    if parts.is_empty() {
        "no API change".to_owned()
    } else {
        parts.join(", ")
    }
}

/// The markdown report: `title`, the counts with what each severity means, then the
/// changes grouped by shape, gravest group first. `used_by` names the operations
/// that use a shape.
pub fn markdown(title: &str, changes: &[Change], used_by: &dyn Fn(&str) -> Vec<String>) -> String {
    let mut out = format!("## {title}\n\n");
    if changes.is_empty() {
        out.push_str("No API change.\n");
        return out;
    }
    let counts = counts(changes);
    out.push_str("| severity | changes | meaning |\n|---|---|---|\n");
    for severity in Severity::ALL {
        if let Some(n) = counts.get(&severity) {
            let _ = writeln!(
                out,
                "| {} | {n} | {} |",
                severity.as_str(),
                severity.meaning()
            );
        }
    }
    let mut groups: BTreeMap<&str, Vec<&Change>> = BTreeMap::new();
    for change in changes {
        groups.entry(&change.shape).or_default().push(change);
    }
    let mut groups: Vec<(&str, Vec<&Change>)> = groups.into_iter().collect();
    groups.sort_by_key(|(shape, changes)| {
        let gravest = changes.iter().map(|c| c.severity).max();
        (::std::cmp::Reverse(gravest), *shape)
    });
    for (shape, group) in groups {
        let users = used_by(shape);
        let _ = write!(out, "\n### `{shape}`");
        if !users.is_empty() {
            let _ = write!(out, " (used by {})", users.join(", "));
        }
        out.push_str("\n\n");
        for change in group {
            let _ = writeln!(
                out,
                "- **{}** `{}`: {}",
                change.severity.as_str(),
                change.kind,
                change.message
            );
        }
    }
    out
}

/// The JSON form: `{"summary": {...}, "changes": [...]}`.
pub fn json(changes: &[Change]) -> Value {
    let counts: serde_json::Map<String, Value> = counts(changes)
        .into_iter()
        .map(|(s, n)| (s.as_str().to_owned(), json!(n)))
        .collect();
    json!({
        "verdict": verdict(changes).map(Severity::as_str),
        "counts": counts,
        "changes": changes,
    })
}

/// The crate version after an update with this verdict, and why. Before 1.0, a
/// breaking change bumps the minor version and anything else the patch; from 1.0,
/// breaking → major, dangerous or additive → minor, docs → patch.
pub fn next_version(current: &str, verdict: Option<Severity>) -> Result<(String, String), String> {
    let parts: Vec<u64> = current
        .split('.')
        .map(|p| p.parse::<u64>())
        .collect::<Result<_, _>>()
        .map_err(|_| format!("crate version `{current}` is not MAJOR.MINOR.PATCH"))?;
    let [major, minor, patch] = parts[..] else {
        return Err(format!(
            "crate version `{current}` is not MAJOR.MINOR.PATCH"
        ));
    };
    let Some(verdict) = verdict else {
        return Ok((
            current.to_owned(),
            "no API change: the version stays".to_owned(),
        ));
    };
    let (next, why) = match (major, verdict) {
        (0, Severity::Breaking) => (
            (0, minor + 1, 0),
            "breaking changes before 1.0 bump the minor version",
        ),
        (0, _) => (
            (0, minor, patch + 1),
            "no breaking change: before 1.0 that is a patch release",
        ),
        (_, Severity::Breaking) => ((major + 1, 0, 0), "breaking changes bump the major version"),
        (_, Severity::Dangerous | Severity::Additive) => (
            (major, minor + 1, 0),
            "new or changed behaviour without a break bumps the minor version",
        ),
        (_, Severity::Docs) => (
            (major, minor, patch + 1),
            "documentation only: a patch release",
        ),
    };
    Ok((format!("{}.{}.{}", next.0, next.1, next.2), why.to_owned()))
}
