//! Members across shapes: targets elided with `$name` (found in the `for` resource or
//! the mixins), and `apply` statements (also on members a mixin brings).

use serde_json::{Map, Value};

use super::{Elided, Loader, traits_of};
use crate::error::ErrorKind;

/// How deep mixin chains are followed; deeper ones are cycles or absurd.
const MAX_MIXIN_DEPTH: usize = 32;

/// The ids of a shape's mixins.
pub(super) fn mixins(value: &Map<String, Value>) -> impl Iterator<Item = &str> {
    value
        .get("mixins")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|m| m.get("target")?.as_str())
}

/// A member's entry in a shape: `members.<name>`, or a list's `member`, a map's
/// `key`/`value`.
pub(super) fn member_entry<'v>(value: &'v Map<String, Value>, name: &str) -> Option<&'v Value> {
    match value.get("type").and_then(Value::as_str) {
        Some("list" | "set" | "map") => value.get(name),
        _ => value.get("members")?.get(name),
    }
}

fn member_entry_mut<'v>(
    value: &'v mut Map<String, Value>,
    name: &str,
) -> Option<&'v mut Map<String, Value>> {
    match value.get("type").and_then(Value::as_str) {
        Some("list" | "set" | "map") => value.get_mut(name)?.as_object_mut(),
        _ => value.get_mut("members")?.get_mut(name)?.as_object_mut(),
    }
}

/// Adds a member entry (a list's, a map's, or to `members`).
fn insert_member(value: &mut Map<String, Value>, name: &str, entry: Map<String, Value>) {
    match value.get("type").and_then(Value::as_str) {
        Some("list" | "set" | "map") => {
            value.insert(name.to_owned(), Value::Object(entry));
        }
        _ => {
            let members = value
                .entry("members")
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(members) = members {
                members.insert(name.to_owned(), Value::Object(entry));
            }
        }
    }
}

impl Loader {
    /// The target member `name` of shape `id` has from its mixins, and the mixin.
    pub(super) fn inherited(&self, id: &str, name: &str) -> Option<(String, String)> {
        self.inherited_at_depth(id, name, 0)
    }

    fn inherited_at_depth(&self, id: &str, name: &str, depth: usize) -> Option<(String, String)> {
        if depth > MAX_MIXIN_DEPTH {
            return None;
        }
        let def = self.defs.get(id)?;
        mixins(&def.value).find_map(|mixin| {
            let own = self
                .defs
                .get(mixin)
                .and_then(|m| member_entry(&m.value, name));
            match own.and_then(|entry| entry.get("target")?.as_str()) {
                Some(target) => Some((target.to_owned(), mixin.to_owned())),
                None => self.inherited_at_depth(mixin, name, depth + 1),
            }
        })
    }

    /// The target an elided member takes from its resource or mixins.
    fn elided_target(&mut self, elided: &Elided) -> Result<Option<String>, ()> {
        if let Some((resource, place)) = &elided.for_resource {
            match self.kinds.get(resource).map(String::as_str) {
                Some("resource") => {}
                other => {
                    let found = other.map_or("nothing".to_owned(), |k| format!("a {k}"));
                    let message = format!(
                        "the target of `for` must be a resource shape, but `{resource}` is {found}"
                    );
                    self.error(*place, ErrorKind::InvalidModel, message);
                    return Err(());
                }
            }
            let def = self.defs.get(resource).map(|d| &d.value);
            let from_resource = ["identifiers", "properties"]
                .iter()
                .find_map(|key| def?.get(*key)?.get(&elided.member)?.get("target")?.as_str());
            if let Some(target) = from_resource {
                return Ok(Some(target.to_owned()));
            }
        }
        Ok(self
            .inherited(&elided.shape, &elided.member)
            .map(|(target, _)| target))
    }

    /// Gives every `$name` member its target; mixins may elide too, so this repeats
    /// while it makes progress.
    pub(super) fn resolve_elided(&mut self) {
        let mut pending = std::mem::take(&mut self.elided);
        loop {
            let before = pending.len();
            let mut still = Vec::new();
            for elided in pending {
                match self.elided_target(&elided) {
                    Ok(Some(target)) => {
                        if let Some(def) = self.defs.get_mut(&elided.shape) {
                            let entry = member_entry_mut(&mut def.value, &elided.member);
                            if let Some(entry) = entry {
                                entry.insert("target".into(), target.into());
                            }
                        }
                    }
                    Ok(None) => still.push(elided),
                    Err(()) => {}
                }
            }
            pending = still;
            if pending.len() == before || pending.is_empty() {
                break;
            }
        }
        for elided in pending {
            let message = format!(
                "the target of `{}${}` is elided, but no bound resource or mixin has an identifier, property or member of that name",
                elided.shape, elided.member
            );
            self.error(elided.place, ErrorKind::DanglingTarget, message);
        }
    }

    /// Applies every `apply` statement; a list trait applied again grows, an equal
    /// value is kept, a different one is a conflict.
    pub(super) fn apply_all(&mut self) {
        for apply in std::mem::take(&mut self.applies) {
            let (shape, member) = match apply.target.split_once('$') {
                Some((shape, member)) => (shape, Some(member)),
                None => (apply.target.as_str(), None),
            };
            let inherited = member.and_then(|m| self.inherited(shape, m));
            let Some(def) = self.defs.get_mut(shape) else {
                let message = format!("`apply` targets `{}`, which is not defined", apply.target);
                self.error(apply.place, ErrorKind::DanglingTarget, message);
                continue;
            };
            let entry = match member {
                None => Some(&mut def.value),
                Some(name) => {
                    let missing = member_entry(&def.value, name).is_none();
                    if let (true, Some((target, _))) = (missing, inherited) {
                        let mut entry = Map::new();
                        entry.insert("target".into(), target.into());
                        insert_member(&mut def.value, name, entry);
                    }
                    member_entry_mut(&mut def.value, name)
                }
            };
            let Some(entry) = entry else {
                let message = format!(
                    "`apply` targets `{}`, which is not a member of the shape or its mixins",
                    apply.target
                );
                self.error(apply.place, ErrorKind::DanglingTarget, message);
                continue;
            };
            let mut conflicts = Vec::new();
            let traits = traits_of(entry);
            for (id, value, place) in apply.traits {
                match (traits.get_mut(&id), value) {
                    (None, value) => {
                        traits.insert(id, value);
                    }
                    (Some(Value::Array(existing)), Value::Array(more)) => existing.extend(more),
                    (Some(existing), value) if *existing == value => {}
                    (Some(_), _) => conflicts.push((id, place)),
                }
            }
            for (id, place) in conflicts {
                let message = format!(
                    "trait `{id}` of `{}` is applied again with a different value",
                    apply.target
                );
                self.error(place, ErrorKind::InvalidTrait, message);
            }
        }
    }
}
