//! Mixins flattened: every shape gets the members and traits its mixins give it, as
//! Smithy's semantic model has them (a later mixin over an earlier one, the shape's
//! own over all; a mixin's `localTraits` and `@mixin` itself stay behind).

use serde_json::{Map, Value};

/// How deep mixin chains are followed; deeper ones are cycles.
const MAX_DEPTH: usize = 32;

const MEMBER_KEYS: &[&str] = &["member", "key", "value"];

/// The model with every shape's mixins flattened into it; the `mixins` lists stay.
pub fn flatten_mixins(model: &Value) -> Value {
    let mut model = model.clone();
    let Some(shapes) = model.get("shapes").and_then(Value::as_object) else {
        return model;
    };
    let flat: Map<String, Value> = shapes
        .keys()
        .map(|id| (id.clone(), Value::Object(flattened(shapes, id, 0))))
        .collect();
    model["shapes"] = Value::Object(flat);
    model
}

fn flattened(shapes: &Map<String, Value>, id: &str, depth: usize) -> Map<String, Value> {
    let local = shapes[id].as_object().cloned().unwrap_or_default();
    let mixins: Vec<&str> = local
        .get("mixins")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|m| m.get("target")?.as_str())
        .filter(|m| shapes.contains_key(*m) && depth < MAX_DEPTH)
        .collect();
    let mut shape = Map::new();
    for mixin in mixins {
        let mut parent = flattened(shapes, mixin, depth + 1);
        if let Some(Value::Object(traits)) = parent.get_mut("traits") {
            let local_only: Vec<String> = traits
                .get("smithy.api#mixin")
                .and_then(|m| m.get("localTraits"))
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|t| t.as_str().map(str::to_owned))
                .chain(["smithy.api#mixin".to_owned()])
                .collect();
            traits.retain(|id, _| !local_only.contains(id));
        }
        parent.remove("mixins");
        overlay(&mut shape, parent);
    }
    overlay(&mut shape, local);
    shape
}

/// `top` over `base`: traits and members merge (a member's traits too), lists of
/// shape references join, anything else is replaced.
fn overlay(base: &mut Map<String, Value>, top: Map<String, Value>) {
    for (key, value) in top {
        let merged = match (base.remove(&key), value) {
            (Some(Value::Object(mut under)), Value::Object(over)) if key == "members" => {
                for (name, member) in over {
                    let member_under = under.remove(&name);
                    under.insert(name, overlay_member(member_under, member));
                }
                Value::Object(under)
            }
            (Some(under), over) if MEMBER_KEYS.contains(&key.as_str()) => {
                overlay_member(Some(under), over)
            }
            (Some(Value::Object(mut under)), Value::Object(over))
                if key == "traits" || key == "rename" =>
            {
                under.extend(over);
                Value::Object(under)
            }
            (Some(Value::Array(mut under)), Value::Array(over)) => {
                let new: Vec<Value> = over.into_iter().filter(|i| !under.contains(i)).collect();
                under.extend(new);
                Value::Array(under)
            }
            (_, over) => over,
        };
        base.insert(key, merged);
    }
}

fn overlay_member(under: Option<Value>, over: Value) -> Value {
    let mut member = match under {
        Some(Value::Object(member)) => member,
        _ => Map::new(),
    };
    if let Value::Object(over) = over {
        overlay(&mut member, over);
    }
    Value::Object(member)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn later_mixins_win_and_local_traits_stay_behind() {
        let model = serde_json::json!({"smithy": "2.0", "shapes": {
            "a#A": {"type": "structure", "members": {"x": {"target": "a#S", "traits": {"t#t": 1}}},
                    "traits": {"smithy.api#mixin": {"localTraits": ["t#local"]}, "t#local": {}, "t#kept": {}}},
            "a#B": {"type": "structure", "members": {"x": {"target": "a#S", "traits": {"t#t": 2}}},
                    "traits": {"smithy.api#mixin": {}}},
            "a#C": {"type": "structure", "mixins": [{"target": "a#A"}, {"target": "a#B"}],
                    "members": {"y": {"target": "a#S"}}}
        }});
        let flat = flatten_mixins(&model);
        let c = &flat["shapes"]["a#C"];
        assert_eq!(c["members"]["x"]["traits"]["t#t"], 2);
        assert!(c["members"]["y"].is_object());
        assert_eq!(c["traits"], serde_json::json!({"t#kept": {}}));
    }

    #[test]
    fn mixin_cycles_end() {
        let model = serde_json::json!({"smithy": "2.0", "shapes": {
            "a#A": {"type": "structure", "mixins": [{"target": "a#B"}]},
            "a#B": {"type": "structure", "mixins": [{"target": "a#A"}]}
        }});
        assert!(flatten_mixins(&model)["shapes"]["a#A"].is_object());
    }
}
