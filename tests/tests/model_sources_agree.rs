//! `model/workspaces.json` is imported from botocore 1.44.5; the official
//! Smithy model of WorkSpaces in `shared/` is older. On the closure of our
//! operations they must agree on shapes, members, targets, required members,
//! constraints and enum values, but for what botocore changed since, listed
//! below. A listed difference that no longer occurs fails too, so the list
//! stays true.

use std::collections::BTreeSet;
use std::fs;

use codegen::import::{import_botocore, slice, to_json_text};
use serde_json::{Map, Value};

const OPERATIONS: &[&str] = &[
    "CreateWorkspacesPool",
    "UpdateWorkspacesPool",
    "DescribeWorkspacesPools",
    "CreateWorkspaces",
];
const BOTOCORE: &str = "botocore-1.44.5-workspaces-service-2.json";
const OFFICIAL: &str = "smithy-models/workspaces-2015-04-08.json";

const SHAPES_ONLY_IN_BOTOCORE: &[&str] = &["Ipv6Address", "PoolsRunningMode"];

/// (structure, member, required in botocore)
const MEMBERS_ONLY_IN_BOTOCORE: &[(&str, &str, bool)] = &[
    ("CreateWorkspacesPoolRequest", "RunningMode", false),
    ("UpdateWorkspacesPoolRequest", "RunningMode", false),
    ("Workspace", "Ipv6Address", false),
    ("WorkspaceProperties", "NestedVirtualizationEnabled", false),
    ("WorkspaceRequest", "Ipv6Address", false),
    ("WorkspacesPool", "RunningMode", true),
];

const ENUM_VALUES_ONLY_IN_BOTOCORE: &[(&str, &[&str])] = &[
    (
        "Compute",
        &[
            "GRAPHICS_G6_XLARGE",
            "GRAPHICS_G6_2XLARGE",
            "GRAPHICS_G6_4XLARGE",
            "GRAPHICS_G6_8XLARGE",
            "GRAPHICS_G6_16XLARGE",
            "GRAPHICS_GR6_4XLARGE",
            "GRAPHICS_GR6_8XLARGE",
            "GRAPHICS_G6F_LARGE",
            "GRAPHICS_G6F_XLARGE",
            "GRAPHICS_G6F_2XLARGE",
            "GRAPHICS_G6F_4XLARGE",
            "GRAPHICS_GR6F_4XLARGE",
            "GRAPHICS_G7_2XLARGE",
            "GRAPHICS_G7_4XLARGE",
            "GRAPHICS_G7_8XLARGE",
            "GRAPHICS_G7_12XLARGE",
        ],
    ),
    (
        "ModificationResourceEnum",
        &["PROTOCOL", "NESTED_VIRTUALIZATION"],
    ),
    ("ModificationStateEnum", &["UPDATE_FAILED"]),
    (
        "OperatingSystemName",
        &[
            "WINDOWS_SERVER_2025",
            "UBUNTU_24_04",
            "RHEL_9",
            "ROCKY_9",
            "UBUNTU_26_04",
            "RHEL_10",
            "ROCKY_10",
        ],
    ),
];

/// (shape, botocore, official): botocore dropped the final `$`.
const PATTERNS_CHANGED: &[(&str, &str, &str)] = &[(
    "DirectoryId",
    "^(d-[0-9a-f]{8,63}$)|(wsd-[0-9a-z]{8,63}$)",
    "^(d-[0-9a-f]{8,63}$)|(wsd-[0-9a-z]{8,63}$)$",
)];

/// (enum, value, official member name): named by hand in the official model;
/// the importer names members after their value.
const ENUM_MEMBERS_NAMED_BY_HAND: &[(&str, &str, &str)] =
    &[("DescribeWorkspacesPoolsFilterName", "PoolName", "POOLNAME")];

/// Service traits only botocore's newer model has: the official model (2025-04) does
/// not list rpcv2Cbor yet.
const SERVICE_TRAITS_ONLY_IN_BOTOCORE: &[&str] = &["smithy.protocols#rpcv2Cbor"];

/// Fields of the service's `aws.api#service` trait that botocore has no source for.
const SERVICE_FIELDS_NOT_IN_BOTOCORE: &[&str] = &["cloudFormationName", "cloudTrailEventSource"];

fn shared(file: &str) -> String {
    let path = tests::workspace_root()
        .join("../shared/reference")
        .join(file);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn operations() -> Vec<String> {
    OPERATIONS.iter().map(ToString::to_string).collect()
}

fn imported() -> Value {
    let imported = import_botocore(&shared(BOTOCORE), &operations()).unwrap();
    assert_eq!(imported.warnings, [], "every key of {BOTOCORE} is known");
    imported.model
}

#[test]
fn botocore_and_the_official_model_agree_but_for_the_listed_changes() {
    let official: Value = serde_json::from_str(&shared(OFFICIAL)).unwrap();
    let official = slice(&official, &operations()).unwrap();
    let found = differences(&imported(), &official);

    let mut listed = BTreeSet::new();
    listed.extend(
        SHAPES_ONLY_IN_BOTOCORE
            .iter()
            .map(|shape| format!("shape only in botocore: {shape}")),
    );
    for (shape, member, required) in MEMBERS_ONLY_IN_BOTOCORE {
        let required = if *required { "required" } else { "optional" };
        listed.insert(format!(
            "member only in botocore: {shape}.{member} ({required})"
        ));
    }
    for (shape, values) in ENUM_VALUES_ONLY_IN_BOTOCORE {
        listed.extend(
            values
                .iter()
                .map(|value| format!("enum value only in botocore: {shape}.{value}")),
        );
    }
    for (shape, botocore, official) in PATTERNS_CHANGED {
        listed.insert(format!(
            "{shape} pattern: botocore {botocore:?}, official {official:?}"
        ));
    }
    for (shape, value, name) in ENUM_MEMBERS_NAMED_BY_HAND {
        listed.insert(format!(
            "{shape} value {value:?}: botocore names it {value}, official {name}"
        ));
    }
    for id in SERVICE_TRAITS_ONLY_IN_BOTOCORE {
        listed.insert(format!("WorkspacesService {id}: only in botocore"));
    }
    for field in SERVICE_FIELDS_NOT_IN_BOTOCORE {
        listed.insert(format!(
            "WorkspacesService aws.api#service.{field}: only in the official model"
        ));
    }

    let unlisted: Vec<_> = found.difference(&listed).collect();
    let stale: Vec<_> = listed.difference(&found).collect();
    assert!(
        unlisted.is_empty() && stale.is_empty(),
        "differences not listed (list them if botocore is right): {unlisted:#?}\n\
         listed differences that no longer occur (remove them): {stale:#?}"
    );
}

#[test]
fn checked_in_model_is_a_fresh_import() {
    let path = tests::workspace_root().join("model/workspaces.json");
    let checked_in = fs::read_to_string(&path).unwrap();
    assert!(
        checked_in == to_json_text(&imported()),
        "model/workspaces.json is not what the importer makes: refresh it with the command in model/README.md"
    );
}

/// Every disagreement on the shapes both models define, one line each.
fn differences(botocore: &Value, official: &Value) -> BTreeSet<String> {
    let (ours, theirs) = (shapes(botocore), shapes(official));
    let mut found = BTreeSet::new();
    for id in ours.keys().filter(|id| !theirs.contains_key(*id)) {
        found.insert(format!("shape only in botocore: {}", short(id)));
    }
    for id in theirs.keys().filter(|id| !ours.contains_key(*id)) {
        found.insert(format!("shape only in the official model: {}", short(id)));
    }
    for (id, ours) in ours {
        if let Some(theirs) = theirs.get(id) {
            compare_shape(short(id), ours, theirs, &mut found);
        }
    }
    found
}

fn shapes(model: &Value) -> &Map<String, Value> {
    model["shapes"].as_object().unwrap()
}

fn short(id: &str) -> &str {
    id.rsplit_once('#').map_or(id, |(_, name)| name)
}

fn compare_shape(name: &str, ours: &Value, theirs: &Value, found: &mut BTreeSet<String>) {
    let mut differ = |what: &str, ours: &Value, theirs: &Value| {
        if ours != theirs {
            found.insert(format!("{name} {what}: botocore {ours}, official {theirs}"));
        }
    };
    differ("type", &ours["type"], &theirs["type"]);
    for key in [
        "member",
        "key",
        "value",
        "input",
        "output",
        "errors",
        "operations",
    ] {
        differ(key, &ours[key], &theirs[key]);
    }
    compare_constraints(name, ours, theirs, found);
    if ours["type"] == "service" {
        compare_service_traits(name, ours, theirs, found);
    }
    let (Some(our_members), Some(their_members)) =
        (ours["members"].as_object(), theirs["members"].as_object())
    else {
        return;
    };
    if ours["type"] == "enum" {
        compare_enum(name, our_members, their_members, found);
        return;
    }
    for (member, ours) in our_members {
        let required = |m: &Value| m["traits"].get("smithy.api#required").is_some();
        let Some(theirs) = their_members.get(member) else {
            let required = if required(ours) {
                "required"
            } else {
                "optional"
            };
            found.insert(format!(
                "member only in botocore: {name}.{member} ({required})"
            ));
            continue;
        };
        let path = format!("{name}.{member}");
        if ours["target"] != theirs["target"] {
            found.insert(format!(
                "{path} target: botocore {}, official {}",
                ours["target"], theirs["target"]
            ));
        }
        if required(ours) != required(theirs) {
            found.insert(format!(
                "{path} required: botocore {}, official {}",
                required(ours),
                required(theirs)
            ));
        }
        compare_constraints(&path, ours, theirs, found);
    }
    for member in their_members
        .keys()
        .filter(|m| !our_members.contains_key(*m))
    {
        found.insert(format!(
            "member only in the official model: {name}.{member}"
        ));
    }
}

fn compare_constraints(path: &str, ours: &Value, theirs: &Value, found: &mut BTreeSet<String>) {
    for (key, what) in [
        ("smithy.api#length", "length"),
        ("smithy.api#range", "range"),
        ("smithy.api#pattern", "pattern"),
    ] {
        let (a, b) = (constraint(ours, key), constraint(theirs, key));
        if a != b {
            let show = |v: &Option<Value>| v.as_ref().map_or("none".to_string(), Value::to_string);
            found.insert(format!(
                "{path} {what}: botocore {}, official {}",
                show(&a),
                show(&b)
            ));
        }
    }
}

/// A length minimum of 0 says nothing, and botocore leaves it out.
fn constraint(shape: &Value, key: &str) -> Option<Value> {
    let mut value = shape["traits"].get(key)?.clone();
    if key == "smithy.api#length" && value["min"] == 0 {
        value.as_object_mut()?.remove("min");
    }
    Some(value)
}

fn compare_enum(
    name: &str,
    ours: &Map<String, Value>,
    theirs: &Map<String, Value>,
    found: &mut BTreeSet<String>,
) {
    let values = |members: &Map<String, Value>| -> Vec<(String, String)> {
        let value = |m: &Value| {
            m["traits"]["smithy.api#enumValue"]
                .as_str()
                .unwrap()
                .to_string()
        };
        members
            .iter()
            .map(|(member, m)| (value(m), member.clone()))
            .collect()
    };
    let (ours, theirs) = (values(ours), values(theirs));
    for (value, our_name) in &ours {
        match theirs.iter().find(|(v, _)| v == value) {
            None => found.insert(format!("enum value only in botocore: {name}.{value}")),
            Some((_, their_name)) if their_name != our_name => found.insert(format!(
                "{name} value {value:?}: botocore names it {our_name}, official {their_name}"
            )),
            Some(_) => false,
        };
    }
    for (value, _) in theirs
        .iter()
        .filter(|(v, _)| !ours.iter().any(|(o, _)| o == v))
    {
        found.insert(format!(
            "enum value only in the official model: {name}.{value}"
        ));
    }
}

/// Service traits botocore can supply: all but documentation and endpoint rules
/// (which do not come from `service-2.json`), `aws.api#service` field by field.
fn compare_service_traits(name: &str, ours: &Value, theirs: &Value, found: &mut BTreeSet<String>) {
    let compared = |traits: &Value| -> Vec<(String, Value)> {
        let mut out = Vec::new();
        for (key, value) in traits.as_object().unwrap() {
            if key == "smithy.api#documentation" || key.starts_with("smithy.rules#") {
                continue;
            }
            match value.as_object().filter(|_| key == "aws.api#service") {
                Some(fields) => out.extend(
                    fields
                        .iter()
                        .map(|(f, v)| (format!("{key}.{f}"), v.clone())),
                ),
                None => out.push((key.clone(), value.clone())),
            }
        }
        out
    };
    let (ours, theirs) = (compared(&ours["traits"]), compared(&theirs["traits"]));
    for (key, value) in &ours {
        match theirs.iter().find(|(k, _)| k == key) {
            None => found.insert(format!("{name} {key}: only in botocore")),
            Some((_, v)) if v != value => {
                found.insert(format!("{name} {key}: botocore {value}, official {v}"))
            }
            Some(_) => false,
        };
    }
    for (key, _) in theirs
        .iter()
        .filter(|(k, _)| !ours.iter().any(|(o, _)| o == k))
    {
        found.insert(format!("{name} {key}: only in the official model"));
    }
}
