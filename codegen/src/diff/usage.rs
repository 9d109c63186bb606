//! Which shapes travel in requests and which in responses: a change to a constraint
//! or a required member means something else for each.

use ::std::collections::{BTreeMap, BTreeSet};
use serde_json::{Map, Value};

/// Where a shape is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Used {
    Input,
    Output,
    Both,
    /// Not reached from a service: judged as if used both ways.
    Neither,
}

/// The shapes reached from the services' operations, by direction, and the
/// operations that reach each (for the report's grouping).
#[derive(Default)]
pub struct Usage {
    input: BTreeSet<String>,
    output: BTreeSet<String>,
    pub operations: BTreeMap<String, BTreeSet<String>>,
}

fn targets<'v>(value: &'v Value, key: &str) -> impl Iterator<Item = &'v str> {
    value
        .get(key)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|t| t.get("target")?.as_str())
}

fn target<'v>(value: &'v Value, key: &str) -> Option<&'v str> {
    value.get(key)?.get("target")?.as_str()
}

impl Usage {
    pub fn of(model: &Value) -> Self {
        let mut usage = Usage::default();
        let Some(shapes) = model.get("shapes").and_then(Value::as_object) else {
            return usage;
        };
        for (id, shape) in shapes {
            if shape.get("type").and_then(Value::as_str) != Some("service") {
                continue;
            }
            let mut operations = BTreeSet::new();
            collect_operations(shapes, id, &mut operations, 0);
            for error in targets(shape, "errors") {
                usage.walk(shapes, error, false, id);
            }
            for operation in operations {
                let Some(op) = shapes.get(&operation) else {
                    continue;
                };
                if let Some(input) = target(op, "input") {
                    usage.walk(shapes, input, true, &operation);
                }
                if let Some(output) = target(op, "output") {
                    usage.walk(shapes, output, false, &operation);
                }
                for error in targets(op, "errors") {
                    usage.walk(shapes, error, false, &operation);
                }
                usage
                    .operations
                    .entry(operation.clone())
                    .or_default()
                    .insert(operation.clone());
            }
        }
        usage
    }

    /// Marks every shape reached from `root` (a closure of its own per operation, so
    /// that each shape learns every operation that reaches it).
    fn walk(&mut self, shapes: &Map<String, Value>, root: &str, input: bool, operation: &str) {
        let mut seen = BTreeSet::new();
        let mut pending = vec![root.to_owned()];
        while let Some(id) = pending.pop() {
            if !seen.insert(id.clone()) {
                continue;
            }
            if input {
                &mut self.input
            } else {
                &mut self.output
            }
            .insert(id.clone());
            self.operations
                .entry(id.clone())
                .or_default()
                .insert(operation.to_owned());
            let Some(shape) = shapes.get(&id) else {
                continue;
            };
            let members = shape
                .get("members")
                .and_then(Value::as_object)
                .into_iter()
                .flatten();
            let named = ["member", "key", "value"]
                .into_iter()
                .filter_map(|k| shape.get(k));
            for member in members.map(|(_, m)| m).chain(named) {
                if let Some(t) = member.get("target").and_then(Value::as_str) {
                    pending.push(t.to_owned());
                }
            }
        }
    }

    pub fn used(&self, id: &str) -> Used {
        match (self.input.contains(id), self.output.contains(id)) {
            (true, true) => Used::Both,
            (true, false) => Used::Input,
            (false, true) => Used::Output,
            (false, false) => Used::Neither,
        }
    }
}

/// The operations of a service or resource, through its resources.
fn collect_operations(
    shapes: &Map<String, Value>,
    id: &str,
    out: &mut BTreeSet<String>,
    depth: usize,
) {
    let Some(shape) = shapes.get(id) else { return };
    if depth > 32 {
        return;
    }
    for key in ["create", "put", "read", "update", "delete", "list"] {
        if let Some(op) = target(shape, key) {
            out.insert(op.to_owned());
        }
    }
    for key in ["operations", "collectionOperations"] {
        out.extend(targets(shape, key).map(str::to_owned));
    }
    for resource in targets(shape, "resources") {
        collect_operations(shapes, resource, out, depth + 1);
    }
}

/// The operations bound to a service or resource (for binding changes).
pub fn bound_operations(shapes: &Map<String, Value>, id: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    collect_operations(shapes, id, &mut out, 0);
    out
}
