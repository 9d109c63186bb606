//! A fixture pair per kind of change and direction, each with its exact change list,
//! and a check that every rule of the table has one. Then: a model against itself
//! is empty, and A→B mirrors B→A.

use serde_json::{Value, json};

use super::rules::{Direction, RULES};
use super::{Change, Severity, diff};

/// A service with one operation; `t#In` is only in requests, `t#Out` and `t#Err` only
/// in responses, `t#Both` in both.
fn base() -> Value {
    json!({"smithy": "2.0", "shapes": {
        "t#Svc": {"type": "service", "version": "1", "operations": [{"target": "t#Op"}],
                  "resources": [{"target": "t#Res"}],
                  "traits": {"aws.protocols#awsJson1_1": {}, "aws.auth#sigv4": {"name": "t"},
                             "aws.api#service": {"sdkId": "T"}}},
        "t#Res": {"type": "resource"},
        "t#Op": {"type": "operation", "input": {"target": "t#In"}, "output": {"target": "t#Out"},
                 "errors": [{"target": "t#Err"}],
                 "traits": {"smithy.api#paginated": {"inputToken": "next", "outputToken": "next"}}},
        "t#In": {"type": "structure", "members": {
            "name": {"target": "t#Name", "traits": {"smithy.api#required": {}}},
            "count": {"target": "smithy.api#Integer", "traits": {"smithy.api#range": {"min": 1, "max": 10}}},
            "next": {"target": "smithy.api#String"},
            "both": {"target": "t#Both"},
            "when": {"target": "smithy.api#Timestamp", "traits": {"smithy.api#timestampFormat": "epoch-seconds"}},
            "mode": {"target": "t#Mode"}}},
        "t#Out": {"type": "structure", "members": {
            "id": {"target": "smithy.api#String", "traits": {"smithy.api#required": {}}},
            "next": {"target": "smithy.api#String"},
            "size": {"target": "smithy.api#Integer", "traits": {"smithy.api#range": {"min": 1, "max": 10}}},
            "code": {"target": "smithy.api#String", "traits": {"smithy.api#pattern": "^[a-z]+$",
                     "smithy.api#jsonName": "Code"}},
            "both": {"target": "t#Both"}}},
        "t#Err": {"type": "structure", "members": {"message": {"target": "smithy.api#String"}},
                  "traits": {"smithy.api#error": "client", "smithy.api#httpError": 400,
                             "smithy.api#retryable": {}}},
        "t#Other": {"type": "structure", "members": {}, "traits": {"smithy.api#error": "server"}},
        "t#Name": {"type": "string", "traits": {"smithy.api#length": {"min": 1, "max": 10},
                   "smithy.api#pattern": "^[a-z]+$", "smithy.api#documentation": "A name."}},
        "t#Both": {"type": "structure", "members": {"x": {"target": "smithy.api#String",
                   "traits": {"smithy.api#default": "x"}}},
                   "traits": {"smithy.api#deprecated": {"message": "old"}}},
        "t#Mode": {"type": "enum", "members": {
            "A": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "a"}},
            "B": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "b"}}}}
    }})
}

fn at<'v>(model: &'v mut Value, path: &str) -> &'v mut Value {
    let pointer = if path.is_empty() {
        "/shapes".to_owned()
    } else {
        format!("/shapes/{path}")
    };
    match model.pointer_mut(&pointer) {
        Some(value) => value,
        None => panic!("no {pointer}"),
    }
}

fn set(model: &mut Value, path: &str, value: Value) {
    let (parent, key) = path.rsplit_once('/').unwrap_or(("", path));
    at(model, parent)
        .as_object_mut()
        .expect("an object")
        .insert(key.to_owned(), value);
}

fn remove(model: &mut Value, path: &str) {
    let (parent, key) = path.rsplit_once('/').unwrap_or(("", path));
    at(model, parent)
        .as_object_mut()
        .expect("an object")
        .remove(key);
}

type Edit = fn(&mut Value);

/// (what, the edit, the direction the rule is for, the expected changes as
/// `(shape, member, kind, severity)`).
#[allow(clippy::type_complexity)]
fn cases() -> Vec<(
    &'static str,
    Edit,
    Direction,
    Vec<(&'static str, Option<&'static str>, &'static str, Severity)>,
)> {
    use Direction::{Any, Input, Output};
    use Severity::{Additive, Breaking, Dangerous, Docs};
    vec![
        (
            "new shape",
            |m| set(m, "t#New", json!({"type": "string"})),
            Any,
            vec![("t#New", None, "shape-added", Additive)],
        ),
        (
            "shape removed",
            |m| remove(m, "t#Other"),
            Any,
            vec![("t#Other", None, "shape-removed", Breaking)],
        ),
        (
            "type changed",
            |m| set(m, "t#Name/type", json!("blob")),
            Any,
            vec![("t#Name", None, "shape-type-changed", Breaking)],
        ),
        (
            "optional member",
            |m| {
                set(
                    m,
                    "t#In/members/extra",
                    json!({"target": "smithy.api#String"}),
                )
            },
            Any,
            vec![("t#In", Some("extra"), "member-added", Additive)],
        ),
        (
            "required input member",
            |m| {
                set(
                    m,
                    "t#In/members/extra",
                    json!({"target": "smithy.api#String", "traits": {"smithy.api#required": {}}}),
                )
            },
            Input,
            vec![("t#In", Some("extra"), "required-member-added", Breaking)],
        ),
        (
            "required output member",
            |m| {
                set(
                    m,
                    "t#Out/members/extra",
                    json!({"target": "smithy.api#String", "traits": {"smithy.api#required": {}}}),
                )
            },
            Output,
            vec![("t#Out", Some("extra"), "required-member-added", Dangerous)],
        ),
        (
            "member removed",
            |m| remove(m, "t#Out/members/size"),
            Any,
            vec![("t#Out", Some("size"), "member-removed", Breaking)],
        ),
        (
            "member renamed",
            |m| {
                remove(m, "t#Out/members/id");
                set(
                    m,
                    "t#Out/members/ident",
                    json!({"target": "smithy.api#String"}),
                );
            },
            Any,
            vec![("t#Out", Some("id"), "member-renamed", Breaking)],
        ),
        (
            "member target",
            |m| set(m, "t#In/members/next/target", json!("t#Name")),
            Any,
            vec![("t#In", Some("next"), "member-target-changed", Breaking)],
        ),
        (
            "required added",
            |m| {
                set(
                    m,
                    "t#Out/members/next/traits",
                    json!({"smithy.api#required": {}}),
                )
            },
            Any,
            vec![("t#Out", Some("next"), "required-added", Breaking)],
        ),
        (
            "required removed",
            |m| remove(m, "t#In/members/name/traits/smithy.api#required"),
            Any,
            vec![("t#In", Some("name"), "required-removed", Breaking)],
        ),
        (
            "default added",
            |m| set(m, "t#Out/members/size/traits/smithy.api#default", json!(5)),
            Any,
            vec![("t#Out", Some("size"), "default-added", Dangerous)],
        ),
        (
            "default removed",
            |m| {
                set(m, "t#Out/members/size/traits/smithy.api#default", json!(5));
            },
            Any,
            vec![],
        ),
        (
            "default changed",
            |m| set(m, "t#Both/members/x/traits/smithy.api#default", json!("y")),
            Any,
            vec![("t#Both", Some("x"), "default-changed", Dangerous)],
        ),
        (
            "nullability",
            |m| {
                set(
                    m,
                    "t#Out/members/size/traits/smithy.api#clientOptional",
                    json!({}),
                )
            },
            Any,
            vec![("t#Out", Some("size"), "nullability-changed", Dangerous)],
        ),
        (
            "enum value added",
            |m| {
                set(
                    m,
                    "t#Mode/members/C",
                    json!({"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "c"}}),
                )
            },
            Any,
            vec![("t#Mode", Some("C"), "enum-value-added", Additive)],
        ),
        (
            "enum value removed",
            |m| remove(m, "t#Mode/members/B"),
            Any,
            vec![("t#Mode", Some("B"), "enum-value-removed", Breaking)],
        ),
        (
            "enum value changed",
            |m| {
                set(
                    m,
                    "t#Mode/members/B/traits/smithy.api#enumValue",
                    json!("bee"),
                )
            },
            Any,
            vec![("t#Mode", Some("B"), "enum-value-changed", Breaking)],
        ),
        (
            "input constraint added",
            |m| {
                set(
                    m,
                    "t#In/members/next/traits",
                    json!({"smithy.api#length": {"max": 5}}),
                )
            },
            Input,
            vec![("t#In", Some("next"), "constraint-added", Breaking)],
        ),
        (
            "output constraint added",
            |m| {
                set(
                    m,
                    "t#Out/members/next/traits",
                    json!({"smithy.api#length": {"max": 5}}),
                )
            },
            Output,
            vec![("t#Out", Some("next"), "constraint-added", Additive)],
        ),
        (
            "input constraint tightened",
            |m| {
                set(
                    m,
                    "t#Name/traits/smithy.api#length",
                    json!({"min": 2, "max": 10}),
                )
            },
            Input,
            vec![("t#Name", None, "constraint-tightened", Breaking)],
        ),
        (
            "output constraint tightened",
            |m| {
                set(
                    m,
                    "t#Out/members/size/traits/smithy.api#range",
                    json!({"min": 1, "max": 5}),
                )
            },
            Output,
            vec![("t#Out", Some("size"), "constraint-tightened", Additive)],
        ),
        (
            "input constraint removed",
            |m| remove(m, "t#Name/traits/smithy.api#pattern"),
            Input,
            vec![("t#Name", None, "constraint-removed", Additive)],
        ),
        (
            "output constraint removed",
            |m| remove(m, "t#Out/members/code/traits/smithy.api#pattern"),
            Output,
            vec![("t#Out", Some("code"), "constraint-removed", Dangerous)],
        ),
        (
            "input constraint loosened",
            |m| {
                set(
                    m,
                    "t#In/members/count/traits/smithy.api#range",
                    json!({"min": 0, "max": 10}),
                )
            },
            Input,
            vec![("t#In", Some("count"), "constraint-loosened", Additive)],
        ),
        (
            "output constraint loosened",
            |m| {
                set(
                    m,
                    "t#Out/members/size/traits/smithy.api#range",
                    json!({"min": 1}),
                )
            },
            Output,
            vec![("t#Out", Some("size"), "constraint-loosened", Dangerous)],
        ),
        (
            "input pattern changed",
            |m| set(m, "t#Name/traits/smithy.api#pattern", json!("^[a-z0-9]+$")),
            Input,
            vec![("t#Name", None, "constraint-changed", Breaking)],
        ),
        (
            "output pattern changed",
            |m| {
                set(
                    m,
                    "t#Out/members/code/traits/smithy.api#pattern",
                    json!("^[a-z0-9]+$"),
                )
            },
            Output,
            vec![("t#Out", Some("code"), "constraint-changed", Dangerous)],
        ),
        (
            "shape used both ways",
            |m| {
                set(
                    m,
                    "t#Both/members/x/traits/smithy.api#length",
                    json!({"max": 3}),
                )
            },
            Any,
            vec![("t#Both", Some("x"), "constraint-added", Breaking)],
        ),
        (
            "operation added",
            |m| {
                set(m, "t#Op2", json!({"type": "operation"}));
                at(m, "t#Svc/operations")
                    .as_array_mut()
                    .unwrap()
                    .push(json!({"target": "t#Op2"}));
            },
            Any,
            vec![
                ("t#Op2", None, "shape-added", Additive),
                ("t#Svc", None, "operation-added", Additive),
            ],
        ),
        (
            "operation moved into a resource",
            |m| {
                set(m, "t#Svc/operations", json!([]));
                set(m, "t#Res/operations", json!([{"target": "t#Op"}]));
            },
            Any,
            vec![("t#Res", None, "resource-binding-changed", Additive)],
        ),
        (
            "operation removed",
            |m| {
                set(m, "t#Svc/operations", json!([]));
            },
            Any,
            vec![("t#Svc", None, "operation-removed", Breaking)],
        ),
        (
            "error added",
            |m| {
                at(m, "t#Op/errors")
                    .as_array_mut()
                    .unwrap()
                    .push(json!({"target": "t#Other"}))
            },
            Any,
            vec![("t#Op", None, "error-added", Additive)],
        ),
        (
            "error removed",
            |m| set(m, "t#Op/errors", json!([])),
            Any,
            vec![("t#Op", None, "error-removed", Breaking)],
        ),
        (
            "input changed",
            |m| set(m, "t#Op/input", json!({"target": "t#Both"})),
            Any,
            vec![("t#Op", None, "input-changed", Breaking)],
        ),
        (
            "output changed",
            |m| set(m, "t#Op/output", json!({"target": "t#Both"})),
            Any,
            vec![("t#Op", None, "output-changed", Breaking)],
        ),
        (
            "paginated removed",
            |m| remove(m, "t#Op/traits/smithy.api#paginated"),
            Any,
            vec![("t#Op", None, "trait-removed", Breaking)],
        ),
        (
            "paginated changed",
            |m| {
                set(
                    m,
                    "t#Op/traits/smithy.api#paginated",
                    json!({"inputToken": "next", "outputToken": "next", "pageSize": "count"}),
                )
            },
            Any,
            vec![("t#Op", None, "trait-changed", Breaking)],
        ),
        (
            "idempotency token",
            |m| {
                set(
                    m,
                    "t#In/members/next/traits",
                    json!({"smithy.api#idempotencyToken": {}}),
                )
            },
            Any,
            vec![("t#In", Some("next"), "trait-added", Dangerous)],
        ),
        (
            "sensitive",
            |m| set(m, "t#Out/members/id/traits/smithy.api#sensitive", json!({})),
            Any,
            vec![("t#Out", Some("id"), "trait-added", Dangerous)],
        ),
        (
            "timestamp format",
            |m| {
                set(
                    m,
                    "t#In/members/when/traits/smithy.api#timestampFormat",
                    json!("date-time"),
                )
            },
            Any,
            vec![("t#In", Some("when"), "trait-changed", Dangerous)],
        ),
        (
            "timestamp format removed",
            |m| remove(m, "t#In/members/when/traits/smithy.api#timestampFormat"),
            Any,
            vec![("t#In", Some("when"), "trait-removed", Dangerous)],
        ),
        (
            "json name",
            |m| {
                set(
                    m,
                    "t#Out/members/id/traits/smithy.api#jsonName",
                    json!("ID"),
                )
            },
            Any,
            vec![("t#Out", Some("id"), "trait-added", Dangerous)],
        ),
        (
            "json name changed",
            |m| {
                set(
                    m,
                    "t#Out/members/code/traits/smithy.api#jsonName",
                    json!("CODE"),
                )
            },
            Any,
            vec![("t#Out", Some("code"), "trait-changed", Dangerous)],
        ),
        (
            "streaming",
            |m| {
                set(
                    m,
                    "t#Out/members/next/traits",
                    json!({"smithy.api#streaming": {}}),
                )
            },
            Any,
            vec![("t#Out", Some("next"), "trait-added", Breaking)],
        ),
        (
            "http error",
            |m| set(m, "t#Err/traits/smithy.api#httpError", json!(409)),
            Any,
            vec![("t#Err", None, "trait-changed", Dangerous)],
        ),
        (
            "http error removed",
            |m| remove(m, "t#Err/traits/smithy.api#httpError"),
            Any,
            vec![("t#Err", None, "trait-removed", Dangerous)],
        ),
        (
            "error trait removed",
            |m| remove(m, "t#Other/traits/smithy.api#error"),
            Any,
            vec![("t#Other", None, "trait-removed", Breaking)],
        ),
        (
            "retryable changed",
            |m| {
                set(
                    m,
                    "t#Err/traits/smithy.api#retryable",
                    json!({"throttling": true}),
                )
            },
            Any,
            vec![("t#Err", None, "trait-changed", Dangerous)],
        ),
        (
            "deprecation changed",
            |m| {
                set(
                    m,
                    "t#Both/traits/smithy.api#deprecated",
                    json!({"message": "new"}),
                )
            },
            Any,
            vec![("t#Both", None, "trait-changed", Docs)],
        ),
        (
            "error fault",
            |m| set(m, "t#Err/traits/smithy.api#error", json!("server")),
            Any,
            vec![("t#Err", None, "trait-changed", Dangerous)],
        ),
        (
            "deprecated",
            |m| {
                set(
                    m,
                    "t#Out/members/id/traits/smithy.api#deprecated",
                    json!({}),
                )
            },
            Any,
            vec![("t#Out", Some("id"), "trait-added", Dangerous)],
        ),
        (
            "other trait",
            |m| set(m, "t#Both/traits/t#custom", json!({})),
            Any,
            vec![("t#Both", None, "trait-added", Dangerous)],
        ),
        (
            "protocol added",
            |m| set(m, "t#Svc/traits/smithy.protocols#rpcv2Cbor", json!({})),
            Any,
            vec![("t#Svc", None, "protocol-added", Additive)],
        ),
        (
            "protocol removed",
            |m| remove(m, "t#Svc/traits/aws.protocols#awsJson1_1"),
            Any,
            vec![("t#Svc", None, "protocol-removed", Breaking)],
        ),
        (
            "auth",
            |m| set(m, "t#Svc/traits/aws.auth#sigv4", json!({"name": "u"})),
            Any,
            vec![("t#Svc", None, "auth-changed", Dangerous)],
        ),
        (
            "endpoint",
            |m| {
                set(
                    m,
                    "t#Svc/traits/aws.api#service",
                    json!({"sdkId": "T", "endpointPrefix": "u"}),
                )
            },
            Any,
            vec![("t#Svc", None, "endpoint-changed", Dangerous)],
        ),
        (
            "service version",
            |m| set(m, "t#Svc/version", json!("2")),
            Any,
            vec![("t#Svc", None, "service-version-changed", Additive)],
        ),
        (
            "documentation",
            |m| {
                set(
                    m,
                    "t#Name/traits/smithy.api#documentation",
                    json!("Another."),
                );
                set(
                    m,
                    "t#In/members/next/traits",
                    json!({"smithy.api#documentation": "Next."}),
                );
            },
            Any,
            vec![
                ("t#In", None, "documentation", Docs),
                ("t#Name", None, "documentation", Docs),
            ],
        ),
    ]
}

fn brief(changes: &[Change]) -> Vec<(String, Option<String>, &'static str, Severity)> {
    changes
        .iter()
        .map(|c| (c.shape.clone(), c.member.clone(), c.kind, c.severity))
        .collect()
}

/// The changes of a case: base → edited, or for "default removed" edited → base.
fn run_case(what: &str, edit: Edit) -> Vec<Change> {
    let mut edited = base();
    edit(&mut edited);
    if what == "default removed" {
        diff(&edited, &base())
    } else {
        diff(&base(), &edited)
    }
}

#[test]
fn each_kind_of_change_gets_its_verdict() {
    for (what, edit, _, expected) in cases() {
        let expected: Vec<_> = if what == "default removed" {
            vec![(
                "t#Out".to_owned(),
                Some("size".to_owned()),
                "default-removed",
                Severity::Dangerous,
            )]
        } else {
            expected
                .into_iter()
                .map(|(s, m, k, v)| (s.to_owned(), m.map(str::to_owned), k, v))
                .collect()
        };
        assert_eq!(brief(&run_case(what, edit)), expected, "{what}");
    }
}

#[test]
fn every_rule_has_a_fixture() {
    // Each case read both ways: the reverse of an addition is the removal.
    let runs: Vec<(Direction, Vec<Change>)> = cases()
        .into_iter()
        .map(|(what, edit, direction, _)| {
            let mut edited = base();
            edit(&mut edited);
            let mut changes = run_case(what, edit);
            changes.extend(diff(&edited, &base()));
            (direction, changes)
        })
        .collect();
    let mut missing = Vec::new();
    for rule in RULES {
        let has_own_rule = |kind: &str, t: &str| {
            RULES
                .iter()
                .any(|r| r.kind == kind && r.trait_id == Some(t))
        };
        let covered = runs.iter().any(|(direction, changes)| {
            (rule.direction == Direction::Any || rule.direction == *direction)
                && changes.iter().any(|c| {
                    c.kind == rule.kind
                        && match (rule.trait_id, c.trait_id.as_deref()) {
                            (Some(wanted), got) => got == Some(wanted),
                            (None, Some(got)) => !has_own_rule(c.kind, got),
                            (None, None) => true,
                        }
                })
        });
        if !covered {
            missing.push(format!(
                "{} {:?} {:?}",
                rule.kind, rule.trait_id, rule.direction
            ));
        }
    }
    assert!(
        missing.is_empty(),
        "rules without a fixture:\n{}",
        missing.join("\n")
    );
}

#[test]
fn a_model_against_itself_is_empty() {
    assert!(diff(&base(), &base()).is_empty());
}

#[test]
fn the_two_directions_mirror_each_other() {
    let mirror = |kind: &str| -> String {
        if kind == "required-member-added" {
            return "member-removed".to_owned();
        }
        for (a, b) in [("added", "removed"), ("tightened", "loosened")] {
            if let Some(stem) = kind.strip_suffix(a) {
                return format!("{stem}{b}");
            }
            if let Some(stem) = kind.strip_suffix(b) {
                return format!("{stem}{a}");
            }
        }
        kind.to_owned()
    };
    for (what, edit, _, _) in cases() {
        let mut new = base();
        edit(&mut new);
        let forward: Vec<(String, Option<String>, String)> = diff(&base(), &new)
            .iter()
            .map(|c| (c.shape.clone(), c.member.clone(), mirror(c.kind)))
            .collect();
        let backward: Vec<(String, Option<String>, String)> = diff(&new, &base())
            .iter()
            .filter(|c| c.kind != "member-renamed")
            .map(|c| (c.shape.clone(), c.member.clone(), c.kind.to_owned()))
            .collect();
        if forward.iter().any(|(_, _, k)| k == "member-renamed") {
            continue; // the rename is seen from the old name's side in both directions
        }
        assert_eq!(forward, backward, "{what}");
    }
}

#[test]
fn required_member_added_with_a_default_is_optional() {
    let mut new = base();
    set(
        &mut new,
        "t#In/members/extra",
        json!({"target": "smithy.api#Integer", "traits": {"smithy.api#required": {}, "smithy.api#default": 0}}),
    );
    assert_eq!(diff(&base(), &new)[0].kind, "member-added");
}

#[test]
fn mixins_are_compared_flattened() {
    let mut old = base();
    set(
        &mut old,
        "t#Mix",
        json!({"type": "structure", "members": {"m": {"target": "smithy.api#String"}}, "traits": {"smithy.api#mixin": {}}}),
    );
    let mut new = old.clone();
    set(&mut new, "t#Out/mixins", json!([{"target": "t#Mix"}]));
    let changes = diff(&old, &new);
    assert!(
        changes.iter().any(|c| c.shape == "t#Out"
            && c.member.as_deref() == Some("m")
            && c.kind == "member-added"),
        "{changes:?}"
    );
}

#[test]
fn versions_follow_the_verdict() {
    use super::report::next_version;
    let next = |current: &str, verdict| next_version(current, verdict).unwrap().0;
    assert_eq!(next("0.1.0", Some(Severity::Breaking)), "0.2.0");
    assert_eq!(next("0.1.3", Some(Severity::Dangerous)), "0.1.4");
    assert_eq!(next("0.1.3", Some(Severity::Docs)), "0.1.4");
    assert_eq!(next("1.2.3", Some(Severity::Breaking)), "2.0.0");
    assert_eq!(next("1.2.3", Some(Severity::Additive)), "1.3.0");
    assert_eq!(next("1.2.3", Some(Severity::Dangerous)), "1.3.0");
    assert_eq!(next("1.2.3", Some(Severity::Docs)), "1.2.4");
    assert_eq!(next("1.2.3", None), "1.2.3");
    assert!(next_version("1.2", Some(Severity::Docs)).is_err());
    assert!(next_version("1.x.3", Some(Severity::Docs)).is_err());
}
