//! Cutting a Smithy 2.0 JSON AST down to its service, some operations and the
//! shapes they reach.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value, json};

use super::{ImportError, invalid, is_prelude, model_document, path_key, sorted_object};

/// Keeps the model's service, bound to just the named operations (given by
/// short name, e.g. `CreateWorkspacesPool`; all the service's operations when
/// `operations` is empty), and the shapes the operations and the service's
/// errors reach. Resources are dropped; `metadata` is kept.
pub fn slice(model: &Value, operations: &[String]) -> Result<Value, ImportError> {
    match model.get("smithy").and_then(Value::as_str) {
        Some(version) if version == "2" || version.starts_with("2.") => {}
        _ => {
            return Err(invalid(
                "smithy",
                "expected a Smithy 2 model (`\"smithy\": \"2.0\"`)",
            ));
        }
    }
    let shapes = model
        .get("shapes")
        .and_then(Value::as_object)
        .ok_or_else(|| invalid("shapes", "missing or not an object"))?;
    let service_id = the_service(shapes)?;
    let selected = if operations.is_empty() {
        bound_operations(shapes, service_id)?
    } else {
        operations
            .iter()
            .map(|name| operation_by_name(shapes, name))
            .collect::<Result<_, _>>()?
    };

    let mut roots: Vec<(String, &str)> = selected
        .iter()
        .map(|id| (path_key("shapes", id), *id))
        .collect();
    roots.extend(references(service_id, &shapes[service_id], &["errors"])?);
    let mut out = BTreeMap::new();
    for id in closure(shapes, roots)? {
        out.insert(id.to_string(), with_sorted_traits(&shapes[id]));
    }
    out.insert(
        service_id.to_string(),
        sliced_service(&shapes[service_id], &selected),
    );
    Ok(model_document(model.get("metadata").cloned(), out))
}

fn the_service(shapes: &Map<String, Value>) -> Result<&str, ImportError> {
    let services: Vec<&str> = shapes
        .iter()
        .filter(|(_, shape)| shape_type(shape) == Some("service"))
        .map(|(id, _)| id.as_str())
        .collect();
    match services[..] {
        [id] => Ok(id),
        _ => Err(invalid(
            "shapes",
            format!("expected exactly one service shape, found {services:?}"),
        )),
    }
}

fn shape_type(shape: &Value) -> Option<&str> {
    shape.get("type").and_then(Value::as_str)
}

fn operation_by_name<'a>(
    shapes: &'a Map<String, Value>,
    name: &str,
) -> Result<&'a str, ImportError> {
    let found: Vec<&str> = shapes
        .iter()
        .filter(|(id, shape)| {
            id.rsplit_once('#').is_some_and(|(_, short)| short == name)
                && shape_type(shape) == Some("operation")
        })
        .map(|(id, _)| id.as_str())
        .collect();
    match found[..] {
        [id] => Ok(id),
        [] => Err(ImportError::UnknownOperation {
            operation: name.to_string(),
        }),
        _ => Err(invalid(
            "shapes",
            format!("operation name `{name}` is ambiguous: {found:?}"),
        )),
    }
}

/// Operations bound to the service, directly or through its resources.
fn bound_operations<'a>(
    shapes: &'a Map<String, Value>,
    service_id: &'a str,
) -> Result<BTreeSet<&'a str>, ImportError> {
    const RESOURCE_OPERATIONS: &[&str] = &[
        "operations",
        "collectionOperations",
        "create",
        "put",
        "read",
        "update",
        "delete",
        "list",
    ];
    let mut operations = BTreeSet::new();
    let mut pending = vec![(path_key("shapes", service_id), service_id)];
    let mut visited = BTreeSet::new();
    while let Some((path, id)) = pending.pop() {
        let Some(shape) = shapes.get(id) else {
            return Err(ImportError::DanglingReference {
                path,
                target: id.to_string(),
            });
        };
        if !visited.insert(id) {
            continue;
        }
        for (path, target) in references(id, shape, RESOURCE_OPERATIONS)? {
            if !shapes.contains_key(target) {
                return Err(ImportError::DanglingReference {
                    path,
                    target: target.to_string(),
                });
            }
            operations.insert(target);
        }
        pending.extend(references(id, shape, &["resources"])?);
    }
    Ok(operations)
}

/// The targets under `keys` of a shape: `{"target": id}` or arrays of them.
fn references<'a>(
    id: &str,
    shape: &'a Value,
    keys: &[&str],
) -> Result<Vec<(String, &'a str)>, ImportError> {
    let shape_path = path_key("shapes", id);
    let mut refs = Vec::new();
    for &key in keys {
        let path = path_key(&shape_path, key);
        match shape.get(key) {
            None => {}
            Some(Value::Array(items)) => {
                for (i, item) in items.iter().enumerate() {
                    refs.push(target(item, &format!("{path}[{i}]"))?);
                }
            }
            Some(item) => refs.push(target(item, &path)?),
        }
    }
    Ok(refs)
}

fn target<'a>(reference: &'a Value, path: &str) -> Result<(String, &'a str), ImportError> {
    let path = path_key(path, "target");
    match reference.get("target") {
        Some(Value::String(id)) => Ok((path, id)),
        _ => Err(invalid(path, "missing or not a string")),
    }
}

/// Every shape the roots reach, transitively, prelude shapes aside.
fn closure<'a>(
    shapes: &'a Map<String, Value>,
    roots: Vec<(String, &'a str)>,
) -> Result<BTreeSet<&'a str>, ImportError> {
    let mut pending = roots;
    let mut reached = BTreeSet::new();
    while let Some((path, id)) = pending.pop() {
        if is_prelude(id) {
            continue;
        }
        let Some((id, shape)) = shapes.get_key_value(id) else {
            return Err(ImportError::DanglingReference {
                path,
                target: id.to_string(),
            });
        };
        if !reached.insert(id.as_str()) {
            continue;
        }
        pending.extend(references(
            id,
            shape,
            &[
                "input", "output", "errors", "member", "key", "value", "mixins",
            ],
        )?);
        if let Some(members) = shape.get("members").and_then(Value::as_object) {
            let members_path = path_key(&path_key("shapes", id), "members");
            for (name, member) in members {
                pending.push(target(member, &path_key(&members_path, name))?);
            }
        }
    }
    Ok(reached)
}

/// The service with only the selected operations and no resources.
fn sliced_service(service: &Value, operations: &BTreeSet<&str>) -> Value {
    let mut out = Map::new();
    if let Some(fields) = service.as_object() {
        for (key, value) in fields {
            if !matches!(key.as_str(), "operations" | "resources" | "traits") {
                out.insert(key.clone(), value.clone());
            }
        }
    }
    let operations: Vec<Value> = operations
        .iter()
        .map(|id| json!({ "target": id }))
        .collect();
    out.insert("operations".into(), operations.into());
    if let Some(traits) = service.get("traits") {
        out.insert("traits".into(), sort_object(traits));
    }
    Value::Object(out)
}

/// A copy of the shape whose traits, and its members' traits, are sorted by name.
fn with_sorted_traits(shape: &Value) -> Value {
    let mut shape = shape.clone();
    sort_traits(&mut shape);
    if let Some(members) = shape.get_mut("members").and_then(Value::as_object_mut) {
        members.values_mut().for_each(sort_traits);
    }
    for key in ["member", "key", "value"] {
        if let Some(member) = shape.get_mut(key) {
            sort_traits(member);
        }
    }
    shape
}

fn sort_traits(shape_or_member: &mut Value) {
    if let Some(traits) = shape_or_member.get_mut("traits") {
        *traits = sort_object(traits);
    }
}

fn sort_object(value: &Value) -> Value {
    match value.as_object() {
        Some(map) => {
            sorted_object(map.iter().map(|(k, v)| (k.clone(), v.clone())).collect()).into()
        }
        None => value.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::to_json_text;
    use super::*;

    fn model() -> Value {
        json!({
            "smithy": "2.0",
            "metadata": {"suppressions": []},
            "shapes": {
                "ex#Svc": {
                    "type": "service",
                    "version": "1",
                    "operations": [{"target": "ex#GetThing"}, {"target": "ex#PutThing"}],
                    "resources": [{"target": "ex#Thing"}],
                    "errors": [{"target": "ex#Throttled"}],
                    "traits": {"smithy.api#title": "Svc", "aws.protocols#awsJson1_1": {}},
                },
                "ex#Thing": {"type": "resource", "read": {"target": "ex#ReadThing"}, "resources": [{"target": "ex#Part"}]},
                "ex#Part": {"type": "resource", "operations": [{"target": "ex#ListParts"}]},
                "ex#GetThing": {
                    "type": "operation",
                    "input": {"target": "ex#GetThingInput"},
                    "output": {"target": "smithy.api#Unit"},
                    "errors": [{"target": "ex#NotFound"}],
                },
                "ex#PutThing": {"type": "operation", "input": {"target": "ex#Unrelated"}},
                "ex#ReadThing": {"type": "operation"},
                "ex#ListParts": {"type": "operation"},
                "ex#GetThingInput": {
                    "type": "structure",
                    "members": {
                        "Zed": {"target": "ex#Names", "traits": {"smithy.api#required": {}, "smithy.api#documentation": "z"}},
                        "Alpha": {"target": "smithy.api#String"},
                    },
                    "traits": {"smithy.api#input": {}, "smithy.api#documentation": "in"},
                },
                "ex#Names": {"type": "list", "member": {"target": "ex#Name"}},
                "ex#Name": {"type": "string", "traits": {"smithy.api#pattern": "^a$", "smithy.api#length": {"min": 1}}},
                "ex#NotFound": {"type": "structure", "members": {}, "traits": {"smithy.api#error": "client"}},
                "ex#Throttled": {"type": "structure", "members": {}, "traits": {"smithy.api#error": "client"}},
                "ex#Unrelated": {"type": "structure", "members": {}},
            },
        })
    }

    fn names(operations: &[&str]) -> Vec<String> {
        operations.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn keeps_the_closure_of_the_named_operations_with_sorted_traits() {
        let expected = json!({
            "smithy": "2.0",
            "metadata": {"suppressions": []},
            "shapes": {
                "ex#GetThing": model()["shapes"]["ex#GetThing"],
                "ex#GetThingInput": {
                    "type": "structure",
                    "members": {
                        "Zed": {"target": "ex#Names", "traits": {"smithy.api#documentation": "z", "smithy.api#required": {}}},
                        "Alpha": {"target": "smithy.api#String"},
                    },
                    "traits": {"smithy.api#documentation": "in", "smithy.api#input": {}},
                },
                "ex#Name": {"type": "string", "traits": {"smithy.api#length": {"min": 1}, "smithy.api#pattern": "^a$"}},
                "ex#Names": {"type": "list", "member": {"target": "ex#Name"}},
                "ex#NotFound": model()["shapes"]["ex#NotFound"],
                "ex#Svc": {
                    "type": "service",
                    "version": "1",
                    "errors": [{"target": "ex#Throttled"}],
                    "operations": [{"target": "ex#GetThing"}],
                    "traits": {"aws.protocols#awsJson1_1": {}, "smithy.api#title": "Svc"},
                },
                "ex#Throttled": model()["shapes"]["ex#Throttled"],
            },
        });
        let sliced = slice(&model(), &names(&["GetThing"])).unwrap();
        assert_eq!(to_json_text(&sliced), to_json_text(&expected));
    }

    #[test]
    fn no_operations_means_every_operation_bound_to_the_service() {
        let sliced = slice(&model(), &[]).unwrap();
        assert_eq!(
            sliced["shapes"]["ex#Svc"]["operations"],
            json!([
                {"target": "ex#GetThing"},
                {"target": "ex#ListParts"},
                {"target": "ex#PutThing"},
                {"target": "ex#ReadThing"},
            ])
        );
        assert!(sliced["shapes"].get("ex#Unrelated").is_some());
        assert!(
            sliced["shapes"].get("ex#Thing").is_none(),
            "resources are dropped"
        );
    }

    #[test]
    fn errors_name_the_place() {
        let err = slice(&model(), &names(&["GetThing", "Nope"])).unwrap_err();
        assert_eq!(
            err,
            ImportError::UnknownOperation {
                operation: "Nope".into()
            }
        );

        let mut broken = model();
        broken["shapes"]["ex#Names"]["member"]["target"] = "ex#Missing".into();
        let err = slice(&broken, &names(&["GetThing"])).unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"shapes["ex#Names"].member.target: refers to `ex#Missing`, which the model does not define"#
        );

        let mut broken = model();
        broken["smithy"] = "1.0".into();
        let err = slice(&broken, &[]).unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"smithy: expected a Smithy 2 model (`"smithy": "2.0"`)"#
        );
    }
}
