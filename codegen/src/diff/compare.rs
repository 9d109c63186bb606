//! The comparison itself: shapes, members, enum values, bindings and traits of two
//! flattened JSON AST models.

use ::std::collections::{BTreeMap, BTreeSet};
use serde_json::{Map, Value};

use super::rules::severity;
use super::usage::{Usage, Used, bound_operations};
use super::{Change, Severity};

/// Traits that only document.
const DOC_TRAITS: &[&str] = &[
    "smithy.api#documentation",
    "smithy.api#examples",
    "smithy.api#externalDocumentation",
    "smithy.api#since",
    "smithy.api#tags",
    "smithy.api#title",
    "smithy.api#suppress",
    "smithy.api#unstable",
    "smithy.api#recommended",
];
const CONSTRAINTS: &[&str] = &[
    "smithy.api#length",
    "smithy.api#range",
    "smithy.api#pattern",
    "smithy.api#uniqueItems",
];
const NULLABILITY: &[&str] = &[
    "smithy.api#clientOptional",
    "smithy.api#box",
    "smithy.api#addedDefault",
];
const PROTOCOLS: &[&str] = &[
    "aws.protocols#awsJson1_0",
    "aws.protocols#awsJson1_1",
    "aws.protocols#restJson1",
    "aws.protocols#restXml",
    "aws.protocols#awsQuery",
    "aws.protocols#ec2Query",
    "smithy.protocols#rpcv2Cbor",
];
const ENDPOINT: &[&str] = &[
    "smithy.api#endpoint",
    "smithy.api#hostLabel",
    "aws.api#service",
    "aws.api#clientEndpointDiscovery",
];

fn is_auth(id: &str) -> bool {
    id.starts_with("aws.auth#")
        || matches!(
            id,
            "smithy.api#auth"
                | "smithy.api#optionalAuth"
                | "smithy.api#httpBasicAuth"
                | "smithy.api#httpDigestAuth"
                | "smithy.api#httpBearerAuth"
                | "smithy.api#httpApiKeyAuth"
        )
}

pub struct Comparison<'m> {
    old: &'m Map<String, Value>,
    new: &'m Map<String, Value>,
    old_usage: Usage,
    new_usage: Usage,
    changes: Vec<Change>,
    /// Documentation changes per shape: members (None for the shape itself).
    docs: BTreeMap<String, Vec<Option<String>>>,
}

fn shapes(model: &Value) -> &Map<String, Value> {
    static EMPTY: ::std::sync::OnceLock<Map<String, Value>> = ::std::sync::OnceLock::new();
    model
        .get("shapes")
        .and_then(Value::as_object)
        .unwrap_or_else(|| EMPTY.get_or_init(Map::new))
}

fn kind_of(shape: &Value) -> &str {
    shape.get("type").and_then(Value::as_str).unwrap_or("")
}

fn traits_of(value: &Value) -> Map<String, Value> {
    value
        .get("traits")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default()
}

fn target_of(value: &Value, key: &str) -> Option<String> {
    Some(value.get(key)?.get("target")?.as_str()?.to_owned())
}

fn target_list(value: &Value, key: &str) -> BTreeSet<String> {
    value
        .get(key)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|t| Some(t.get("target")?.as_str()?.to_owned()))
        .collect()
}

/// A shape's members by name: aggregate members, or a list's and map's own.
fn members_of(shape: &Value) -> Vec<(String, Value)> {
    match kind_of(shape) {
        "list" | "set" | "map" => ["member", "key", "value"]
            .into_iter()
            .filter_map(|k| Some((k.to_owned(), shape.get(k)?.clone())))
            .collect(),
        _ => shape
            .get("members")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
    }
}

fn short(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() > 80 {
        format!("{}…", text.chars().take(80).collect::<String>())
    } else {
        text
    }
}

impl<'m> Comparison<'m> {
    pub fn new(old: &'m Value, new: &'m Value) -> Self {
        Self {
            old: shapes(old),
            new: shapes(new),
            old_usage: Usage::of(old),
            new_usage: Usage::of(new),
            changes: Vec::new(),
            docs: BTreeMap::new(),
        }
    }

    /// How `id` is used: in the new model, else (for what was removed) the old one.
    fn used(&self, id: &str) -> Used {
        match self.new_usage.used(id) {
            Used::Neither => self.old_usage.used(id),
            used => used,
        }
    }

    fn push(
        &mut self,
        shape: &str,
        member: Option<&str>,
        kind: &'static str,
        trait_id: Option<&str>,
        message: String,
    ) {
        let severity = severity(kind, trait_id, self.used(shape));
        self.changes.push(Change {
            shape: shape.to_owned(),
            member: member.map(str::to_owned),
            kind,
            trait_id: trait_id.map(str::to_owned),
            severity,
            message,
        });
    }

    pub fn run(mut self) -> Vec<Change> {
        let ids: BTreeSet<&String> = self.old.keys().chain(self.new.keys()).collect();
        for id in ids {
            match (self.old.get(id), self.new.get(id)) {
                (Some(old), None) => {
                    let message = format!("the {} `{id}` was removed", kind_of(old));
                    self.push(id, None, "shape-removed", None, message);
                }
                (None, Some(new)) => {
                    let message = format!("the {} `{id}` was added", kind_of(new));
                    self.push(id, None, "shape-added", None, message);
                }
                (Some(old), Some(new)) => self.shape(id, old, new),
                (None, None) => {}
            }
        }
        for (shape, members) in std::mem::take(&mut self.docs) {
            let mut parts: Vec<String> = Vec::new();
            if members.iter().any(Option::is_none) {
                parts.push("the shape".to_owned());
            }
            let named: Vec<String> = members.iter().flatten().map(|m| format!("`{m}`")).collect();
            if !named.is_empty() {
                parts.push(format!(
                    "member{} {}",
                    if named.len() > 1 { "s" } else { "" },
                    named.join(", ")
                ));
            }
            let message = format!(
                "{} documentation change{}: {}",
                members.len(),
                if members.len() > 1 { "s" } else { "" },
                parts.join(", ")
            );
            self.changes.push(Change {
                shape,
                member: None,
                kind: "documentation",
                trait_id: None,
                severity: Severity::Docs,
                message,
            });
        }
        self.changes
            .sort_by(|a, b| (&a.shape, &a.member, a.kind).cmp(&(&b.shape, &b.member, b.kind)));
        self.changes
    }

    fn shape(&mut self, id: &str, old: &Value, new: &Value) {
        let (old_kind, new_kind) = (kind_of(old), kind_of(new));
        if old_kind != new_kind {
            let message = format!("`{id}` changed from {old_kind} to {new_kind}");
            self.push(id, None, "shape-type-changed", None, message);
            return;
        }
        self.traits(id, None, &traits_of(old), &traits_of(new));
        match new_kind {
            "enum" | "intEnum" => self.enum_values(id, old, new),
            "operation" => self.operation(id, old, new),
            "service" | "resource" => self.bindings(id, old, new),
            _ => self.members(id, old, new),
        }
    }

    fn members(&mut self, id: &str, old: &Value, new: &Value) {
        let (old_members, new_members) = (members_of(old), members_of(new));
        let find = |list: &[(String, Value)], name: &str| {
            list.iter().find(|(n, _)| n == name).map(|(_, m)| m.clone())
        };
        let removed: Vec<&(String, Value)> = old_members
            .iter()
            .filter(|(n, _)| find(&new_members, n).is_none())
            .collect();
        let mut added: Vec<&(String, Value)> = new_members
            .iter()
            .filter(|(n, _)| find(&old_members, n).is_none())
            .collect();
        for (name, member) in removed {
            let target = member.get("target").and_then(Value::as_str).unwrap_or("");
            let twin = added
                .iter()
                .position(|(_, m)| m.get("target").and_then(Value::as_str) == Some(target));
            if let Some(index) = twin {
                let (new_name, _) = added.remove(index);
                let message = format!(
                    "`{name}` was removed and `{new_name}` added with the same target `{target}`: it looks renamed"
                );
                self.push(id, Some(name), "member-renamed", None, message);
            } else {
                self.push(
                    id,
                    Some(name),
                    "member-removed",
                    None,
                    format!("member `{name}` (targeting `{target}`) was removed"),
                );
            }
        }
        for (name, member) in added {
            let target = member.get("target").and_then(Value::as_str).unwrap_or("");
            let traits = traits_of(member);
            let required = traits.contains_key("smithy.api#required")
                && !traits.contains_key("smithy.api#default");
            let (kind, what) = if required {
                ("required-member-added", "required member")
            } else {
                ("member-added", "member")
            };
            self.push(
                id,
                Some(name),
                kind,
                None,
                format!("{what} `{name}` (targeting `{target}`) was added"),
            );
        }
        for (name, old_member) in &old_members {
            let Some(new_member) = find(&new_members, name) else {
                continue;
            };
            let (old_target, new_target) =
                (target_of_member(old_member), target_of_member(&new_member));
            if old_target != new_target {
                let message =
                    format!("member `{name}` now targets `{new_target}` instead of `{old_target}`");
                self.push(id, Some(name), "member-target-changed", None, message);
            }
            self.traits(
                id,
                Some(name),
                &traits_of(old_member),
                &traits_of(&new_member),
            );
        }
    }

    fn enum_values(&mut self, id: &str, old: &Value, new: &Value) {
        let (old_members, new_members) = (members_of(old), members_of(new));
        let value = |member: &Value| traits_of(member).get("smithy.api#enumValue").cloned();
        for (name, old_member) in &old_members {
            match new_members.iter().find(|(n, _)| n == name) {
                None => {
                    let shown =
                        value(old_member).map_or_else(String::new, |v| format!(" ({})", short(&v)));
                    self.push(
                        id,
                        Some(name),
                        "enum-value-removed",
                        None,
                        format!("enum value `{name}`{shown} was removed"),
                    );
                }
                Some((_, new_member)) => {
                    let (old_value, new_value) = (value(old_member), value(new_member));
                    if old_value != new_value {
                        let shown = |v: Option<Value>| v.map_or("none".to_owned(), |v| short(&v));
                        let message = format!(
                            "enum value `{name}` changed from {} to {}",
                            shown(old_value),
                            shown(new_value)
                        );
                        self.push(id, Some(name), "enum-value-changed", None, message);
                    }
                    let strip = |m: &Value| {
                        let mut t = traits_of(m);
                        t.remove("smithy.api#enumValue");
                        t
                    };
                    self.traits(id, Some(name), &strip(old_member), &strip(new_member));
                }
            }
        }
        for (name, new_member) in &new_members {
            if !old_members.iter().any(|(n, _)| n == name) {
                let shown =
                    value(new_member).map_or_else(String::new, |v| format!(" ({})", short(&v)));
                self.push(
                    id,
                    Some(name),
                    "enum-value-added",
                    None,
                    format!("enum value `{name}`{shown} was added"),
                );
            }
        }
    }

    fn operation(&mut self, id: &str, old: &Value, new: &Value) {
        for (key, kind) in [("input", "input-changed"), ("output", "output-changed")] {
            let unit = || crate::prelude::UNIT.to_owned();
            let (a, b) = (
                target_of(old, key).unwrap_or_else(unit),
                target_of(new, key).unwrap_or_else(unit),
            );
            if a != b {
                self.push(
                    id,
                    None,
                    kind,
                    None,
                    format!("the {key} changed from `{a}` to `{b}`"),
                );
            }
        }
        self.errors(id, old, new);
    }

    fn errors(&mut self, id: &str, old: &Value, new: &Value) {
        let (a, b) = (target_list(old, "errors"), target_list(new, "errors"));
        for error in a.difference(&b) {
            self.push(
                id,
                None,
                "error-removed",
                None,
                format!("error `{error}` was removed"),
            );
        }
        for error in b.difference(&a) {
            self.push(
                id,
                None,
                "error-added",
                None,
                format!("error `{error}` was added"),
            );
        }
    }

    /// A service's operations (through its resources), errors and version; a
    /// resource's bindings, which the generated crate flattens away.
    fn bindings(&mut self, id: &str, old: &Value, new: &Value) {
        if kind_of(new) == "resource" {
            let keys = ["create", "put", "read", "update", "delete", "list"];
            let lists = ["operations", "collectionOperations", "resources"];
            for key in keys.into_iter().chain(lists) {
                if old.get(key) != new.get(key) {
                    let message = format!("the resource's `{key}` binding changed");
                    self.push(id, None, "resource-binding-changed", None, message);
                }
            }
        } else {
            let (a, b) = (
                bound_operations(self.old, id),
                bound_operations(self.new, id),
            );
            for operation in a.difference(&b) {
                let message = format!("operation `{operation}` is no longer bound");
                self.push(id, None, "operation-removed", None, message);
            }
            for operation in b.difference(&a) {
                let message = format!("operation `{operation}` was bound");
                self.push(id, None, "operation-added", None, message);
            }
            if old.get("resources") != new.get("resources") {
                let message = "the service's `resources` binding changed".to_owned();
                self.push(id, None, "resource-binding-changed", None, message);
            }
        }
        self.errors(id, old, new);
        let version = |v: &Value| {
            v.get("version")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_owned()
        };
        if version(old) != version(new) {
            let message = format!(
                "the service version changed from `{}` to `{}`",
                version(old),
                version(new)
            );
            self.push(id, None, "service-version-changed", None, message);
        }
        for key in ["identifiers", "properties", "rename"] {
            if old.get(key) != new.get(key) {
                let message = format!("`{key}` changed");
                self.push(id, None, "trait-changed", None, message);
            }
        }
    }

    /// The trait changes of a shape or member.
    fn traits(
        &mut self,
        id: &str,
        member: Option<&str>,
        old: &Map<String, Value>,
        new: &Map<String, Value>,
    ) {
        let names: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
        for name in names {
            let (a, b) = (old.get(name), new.get(name));
            if a == b {
                continue;
            }
            let trait_name = name.as_str();
            if DOC_TRAITS.contains(&trait_name) {
                self.docs
                    .entry(id.to_owned())
                    .or_default()
                    .push(member.map(str::to_owned));
                continue;
            }
            let place = member.map_or_else(|| format!("`{id}`"), |m| format!("member `{m}`"));
            match trait_name {
                "smithy.api#required" => {
                    let kind = if b.is_some() {
                        "required-added"
                    } else {
                        "required-removed"
                    };
                    let what = if b.is_some() {
                        "is now required"
                    } else {
                        "is no longer required"
                    };
                    self.push(
                        id,
                        member,
                        kind,
                        Some(trait_name),
                        format!("{place} {what}"),
                    );
                }
                "smithy.api#default" => {
                    let (kind, message) = match (a, b) {
                        (None, Some(v)) => (
                            "default-added",
                            format!("{place} now defaults to {}", short(v)),
                        ),
                        (Some(v), None) => (
                            "default-removed",
                            format!("{place} no longer defaults to {}", short(v)),
                        ),
                        (Some(x), Some(y)) => (
                            "default-changed",
                            format!(
                                "{place}'s default changed from {} to {}",
                                short(x),
                                short(y)
                            ),
                        ),
                        (None, None) => continue,
                    };
                    self.push(id, member, kind, Some(trait_name), message);
                }
                t if NULLABILITY.contains(&t) => {
                    let what = if b.is_some() { "added" } else { "removed" };
                    self.push(
                        id,
                        member,
                        "nullability-changed",
                        Some(t),
                        format!("`@{}` {what} on {place}", trait_short(t)),
                    );
                }
                t if CONSTRAINTS.contains(&t) => {
                    let kind = constraint_change(t, a, b);
                    let message = format!(
                        "`@{}` on {place}: {} → {}",
                        trait_short(t),
                        a.map_or("none".into(), short),
                        b.map_or("none".into(), short)
                    );
                    self.push(id, member, kind, Some(t), message);
                }
                t if PROTOCOLS.contains(&t) && member.is_none() => {
                    let kind = if b.is_some() {
                        "protocol-added"
                    } else if a.is_some() && b.is_none() {
                        "protocol-removed"
                    } else {
                        "trait-changed"
                    };
                    self.push(
                        id,
                        member,
                        kind,
                        Some(t),
                        format!(
                            "protocol `{t}` {}",
                            if b.is_some() { "added" } else { "removed" }
                        ),
                    );
                }
                t if is_auth(t) => {
                    self.push(
                        id,
                        member,
                        "auth-changed",
                        Some(t),
                        format!("auth trait `{t}` changed on {place}"),
                    );
                }
                t if ENDPOINT.contains(&t) || t.starts_with("smithy.rules#") => {
                    let message = format!(
                        "`{t}` on {place}: {} → {}",
                        a.map_or("none".into(), short),
                        b.map_or("none".into(), short)
                    );
                    self.push(id, member, "endpoint-changed", Some(t), message);
                }
                t => {
                    let (kind, message) = match (a, b) {
                        (None, Some(v)) => (
                            "trait-added",
                            format!("`@{}` added to {place}: {}", trait_short(t), short(v)),
                        ),
                        (Some(_), None) => (
                            "trait-removed",
                            format!("`@{}` removed from {place}", trait_short(t)),
                        ),
                        (Some(x), Some(y)) => (
                            "trait-changed",
                            format!(
                                "`@{}` on {place}: {} → {}",
                                trait_short(t),
                                short(x),
                                short(y)
                            ),
                        ),
                        (None, None) => continue,
                    };
                    self.push(id, member, kind, Some(t), message);
                }
            }
        }
    }
}

fn target_of_member(member: &Value) -> String {
    member
        .get("target")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_owned()
}

/// `smithy.api#length` → `length`; other namespaces keep theirs.
fn trait_short(id: &str) -> &str {
    id.strip_prefix("smithy.api#").unwrap_or(id)
}

/// Whether a constraint was added, removed, tightened, loosened or just changed.
fn constraint_change(trait_id: &str, old: Option<&Value>, new: Option<&Value>) -> &'static str {
    let (old, new) = match (old, new) {
        (None, Some(_)) => return "constraint-added",
        (Some(_), None) => return "constraint-removed",
        (Some(old), Some(new)) => (old, new),
        (None, None) => return "constraint-changed",
    };
    if !matches!(trait_id, "smithy.api#length" | "smithy.api#range") {
        return "constraint-changed";
    }
    let bound = |v: &Value, key: &str| v.get(key).and_then(Value::as_f64);
    let (mut tighter, mut looser) = (false, false);
    for (key, lower) in [("min", true), ("max", false)] {
        match (bound(old, key), bound(new, key)) {
            (None, Some(_)) => tighter = true,
            (Some(_), None) => looser = true,
            (Some(a), Some(b)) if a != b => {
                if (b > a) == lower {
                    tighter = true;
                } else {
                    looser = true;
                }
            }
            _ => {}
        }
    }
    match (tighter, looser) {
        (true, false) => "constraint-tightened",
        (false, true) => "constraint-loosened",
        _ => "constraint-changed",
    }
}
