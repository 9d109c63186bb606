//! smithy-diff's own test pairs (`../shared/reference/smithy-diff-cases`), read with
//! the IDL reader and compared with our differ. For each pair with expected events,
//! our verdict must match smithy-diff's (ERROR = breaking, DANGER or WARNING =
//! dangerous, NOTE = additive or docs, no event = no API change) unless the pair is
//! listed below with the reason we judge it differently. The evaluator pairs without
//! events (their expectations live in smithy-diff's Java tests) must load and diff.

use std::path::{Path, PathBuf};

use codegen::assemble::{Source, assemble};
use codegen::diff::{Severity, diff, report};
use serde_json::Value;

/// Pairs we judge differently from smithy-diff, and why.
const DIFFERENT: &[(&str, &str)] = &[
    (
        "diffs/jsonName/change-jsonName-value",
        "`@jsonName` is not on the wire of awsJson, the protocol of every crate we generate today: dangerous, not breaking (rules.rs)",
    ),
    (
        "diffs/removedEntityBinding/move-operation-from-resource-to-service",
        "the operation stays in the service; the generated crate flattens resources, so the client does not change: additive, not breaking",
    ),
    (
        "diffs/removedEntityBinding/remove-resource-from-resource",
        "the removed resource binds no operation, so the generated crate does not change: additive, not breaking",
    ),
    (
        "diffs/removedEntityBinding/remove-resource-from-service",
        "the removed resource binds no operation, so the generated crate does not change: additive, not breaking",
    ),
];

/// Evaluator pairs smithy-diff sees as unchanged and we do not, and why.
const DIFFERENT_EVALUATORS: &[(&str, &str)] = &[
    (
        "changed-member-target/nested-list-unchanged-member",
        SAME_FORM,
    ),
    (
        "changed-member-target/nested-map-unchanged-member",
        SAME_FORM,
    ),
];

const SAME_FORM: &str = "a list or map replaced by another of the same form under a new id: smithy-diff \
    compares the targets' structure, we compare shape ids and report the old shape removed and the \
    member's new target, both breaking (for lists and maps, which have no Rust type of their own, \
    the generated code would in fact not change)";

mod common;

fn cases_dir() -> PathBuf {
    common::reference().join("smithy-diff-cases")
}

fn load(path: &Path) -> Value {
    let source = Source {
        name: path.display().to_string(),
        text: std::fs::read_to_string(path).expect("case file"),
        dependency: false,
    };
    assemble(&[source]).unwrap_or_else(|e| panic!("{}: {}", path.display(), e[0]))
}

/// smithy-diff's gravest event as our severities it may mean.
fn expected(events: &str) -> Vec<Option<Severity>> {
    let graver = |level: &str| events.lines().any(|l| l.starts_with(&format!("[{level}]")));
    if graver("ERROR") {
        vec![Some(Severity::Breaking)]
    } else if graver("DANGER") || graver("WARNING") {
        vec![Some(Severity::Dangerous)]
    } else if graver("NOTE") {
        vec![Some(Severity::Additive), Some(Severity::Docs)]
    } else {
        vec![None, Some(Severity::Docs)]
    }
}

#[test]
fn pairs_with_events_get_smithy_diffs_verdict_or_a_listed_reason() {
    let root = cases_dir();
    let all = common::files(&root);
    let mut failures = Vec::new();
    let mut compared = 0;
    // `testrunner/invalid` checks that smithy-diff's runner notices wrong `.events`
    // files: those are wrong on purpose.
    let with_events = all.iter().filter(|p| {
        let runner_check = p.to_str().is_some_and(|s| s.contains("testrunner/invalid"));
        p.extension().is_some_and(|e| e == "events") && !runner_check
    });
    for events_path in with_events {
        let stem = events_path.with_extension("");
        let name = stem.strip_prefix(&root).unwrap().display().to_string();
        let (a, b) = (
            stem.with_extension("a.smithy"),
            stem.with_extension("b.smithy"),
        );
        let changes = diff(&load(&a), &load(&b));
        let ours = report::verdict(&changes);
        let theirs = expected(&std::fs::read_to_string(events_path).unwrap());
        let listed = DIFFERENT.iter().any(|(n, _)| *n == name);
        match (theirs.contains(&ours), listed) {
            (true, false) | (false, true) => compared += 1,
            (true, true) => failures.push(format!("{name}: agrees now; take it off DIFFERENT")),
            (false, false) => failures.push(format!(
                "{name}: ours {ours:?}, smithy-diff {theirs:?}: {}",
                report::summary(&changes)
            )),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(compared, 11, "the corpus changed");
}

#[test]
fn evaluator_pairs_load_and_diff() {
    let dir = cases_dir().join("evaluators");
    let all = common::files(&dir);
    let mut pairs = 0;
    for a in all
        .iter()
        .filter(|p| p.to_str().is_some_and(|s| s.ends_with("-a.smithy")))
    {
        let b = PathBuf::from(a.to_str().unwrap().replace("-a.smithy", "-b.smithy"));
        let (old, new) = (load(a), load(&b));
        let changes = diff(&old, &new);
        let name = a.strip_prefix(&dir).unwrap().to_str().unwrap();
        let name = name.trim_end_matches("-a.smithy");
        let listed = DIFFERENT_EVALUATORS.iter().any(|(n, _)| *n == name);
        let unchanged = name.contains("unchanged") && !listed;
        let summary = report::summary(&changes);
        assert_eq!(changes.is_empty(), unchanged, "{name}: {summary}");
        pairs += 1;
    }
    for single in all.iter().filter(|p| {
        !p.to_str().unwrap().ends_with("-a.smithy") && !p.to_str().unwrap().ends_with("-b.smithy")
    }) {
        assert!(
            diff(&load(single), &load(single)).is_empty(),
            "{}",
            single.display()
        );
    }
    assert_eq!(pairs, 22, "the corpus changed");
}
