//! The rules of the semantic model that only the whole model can check: mixins of
//! the right kind that do not contradict the shape, complete lists and maps, mixin
//! operations and resources without their own input, output or properties.

use serde_json::Value;

use super::members::{member_entry, mixins};
use super::{Loader, Place};
use crate::error::ErrorKind;

impl Loader {
    pub(super) fn check_rules(&mut self) {
        let mut problems: Vec<(Place, ErrorKind, String)> = Vec::new();
        for (id, def) in &self.defs {
            let value = &def.value;
            let kind = value.get("type").and_then(Value::as_str).unwrap_or("");
            let mut problem =
                |kind: ErrorKind, message: String| problems.push((def.place, kind, message));
            for mixin in mixins(value) {
                let Some(mixin_def) = self.defs.get(mixin) else {
                    problem(
                        ErrorKind::DanglingTarget,
                        format!("`{id}` mixes in `{mixin}`, which is not defined"),
                    );
                    continue;
                };
                let mixin_kind = mixin_def
                    .value
                    .get("type")
                    .and_then(Value::as_str)
                    .unwrap_or("");
                if mixin_kind != kind {
                    problem(
                        ErrorKind::InvalidModel,
                        format!(
                            "mixins may only be mixed into shapes of the same type: `{id}` is a {kind}, its mixin `{mixin}` a {mixin_kind}"
                        ),
                    );
                } else if mixin_def
                    .value
                    .get("traits")
                    .and_then(|t| t.get("smithy.api#mixin"))
                    .is_none()
                {
                    problem(
                        ErrorKind::InvalidModel,
                        format!("`{id}` mixes in `{mixin}`, which lacks the @mixin trait"),
                    );
                }
            }
            for (name, entry) in local_members(value) {
                let Some(local) = entry.get("target").and_then(Value::as_str) else {
                    continue;
                };
                if let Some((inherited, from)) =
                    self.inherited(id, name).filter(|(t, _)| t != local)
                {
                    problem(
                        ErrorKind::InvalidModel,
                        format!(
                            "member `{id}${name}` (targeting `{local}`) conflicts with the inherited mixin member `{from}${name}` (targeting `{inherited}`)"
                        ),
                    );
                }
            }
            // Two mixins may not bring one member name with different targets.
            let mut brought: Vec<(String, String, &str)> = Vec::new();
            for mixin in mixins(value) {
                let Some(mixin_def) = self.defs.get(mixin) else {
                    continue;
                };
                let names = local_members(&mixin_def.value)
                    .into_iter()
                    .map(|(n, _)| n.to_owned());
                for name in names.collect::<Vec<_>>() {
                    let target = member_entry(&mixin_def.value, &name)
                        .and_then(|e| e.get("target")?.as_str())
                        .map(str::to_owned)
                        .or_else(|| self.inherited(mixin, &name).map(|(t, _)| t));
                    let Some(target) = target else { continue };
                    if let Some((_, other, earlier)) =
                        brought.iter().find(|(n, t, _)| *n == name && *t != target)
                    {
                        problem(
                            ErrorKind::InvalidModel,
                            format!(
                                "member `{id}${name}` conflicts with an inherited mixin member: `{mixin}${name}` targets `{target}`, `{earlier}${name}` targets `{other}`"
                            ),
                        );
                    }
                    brought.push((name, target, mixin));
                }
            }
            let required: &[&str] = match kind {
                "list" | "set" => &["member"],
                "map" => &["key", "value"],
                _ => &[],
            };
            let missing: Vec<&str> = required
                .iter()
                .copied()
                .filter(|name| {
                    member_entry(value, name).is_none() && self.inherited(id, name).is_none()
                })
                .collect();
            if !missing.is_empty() {
                problem(
                    ErrorKind::InvalidModel,
                    format!(
                        "`{id}` is missing its required member(s): {}",
                        missing.join(", ")
                    ),
                );
            }
            let is_mixin = value
                .get("traits")
                .and_then(|t| t.get("smithy.api#mixin"))
                .is_some();
            if is_mixin && kind == "operation" {
                let not_unit = ["input", "output"].iter().any(|key| {
                    value
                        .get(*key)
                        .and_then(|t| t.get("target"))
                        .and_then(Value::as_str)
                        .is_some_and(|t| t != crate::prelude::UNIT)
                });
                if not_unit {
                    problem(
                        ErrorKind::InvalidModel,
                        format!(
                            "operation mixin `{id}` must target smithy.api#Unit for its input and output"
                        ),
                    );
                }
            }
            if is_mixin
                && kind == "resource"
                && (value.get("properties").is_some() || value.get("identifiers").is_some())
            {
                problem(
                    ErrorKind::InvalidModel,
                    format!("resource mixin `{id}` may not define identifiers or properties"),
                );
            }
            if kind == "intEnum" {
                for (name, entry) in local_members(value) {
                    let has_value = entry
                        .get("traits")
                        .and_then(|t| t.get("smithy.api#enumValue"))
                        .is_some();
                    if !has_value && self.inherited(id, name).is_none() {
                        problem(
                            ErrorKind::InvalidModel,
                            format!(
                                "intEnum member `{id}${name}` requires an integer value (`= 1`)"
                            ),
                        );
                    }
                }
            }
        }
        for (place, kind, message) in problems {
            self.error(place, kind, message);
        }
    }
}

/// The members a shape writes itself.
fn local_members(value: &serde_json::Map<String, Value>) -> Vec<(&str, &Value)> {
    match value.get("type").and_then(Value::as_str) {
        Some("list" | "set") => value
            .get("member")
            .map(|m| ("member", m))
            .into_iter()
            .collect(),
        Some("map") => ["key", "value"]
            .into_iter()
            .filter_map(|name| Some((name, value.get(name)?)))
            .collect(),
        _ => value
            .get("members")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
            .map(|(name, entry)| (name.as_str(), entry))
            .collect(),
    }
}
