//! The model differ on the whole WorkSpaces API: every operation of botocore
//! 1.44.5's `workspaces` imported (about 600 shapes), against a copy with changes
//! spread over it (members removed and added, enum values added, documentation
//! rewritten, a constraint tightened). Run: `cargo bench -p tests --bench diff`.

use divan::Bencher;
use serde_json::{Value, json};

fn main() {
    divan::main();
}

fn full_model() -> Value {
    let path = tests::workspace_root()
        .join("../shared/reference/botocore-1.44.5-workspaces-service-2.json");
    let text = std::fs::read_to_string(path).expect("botocore's WorkSpaces model");
    codegen::import::import_botocore(&text, &[])
        .expect("imports")
        .model
}

/// Every 7th structure loses its first member and gains one, every 5th enum gains a
/// value, every 3rd shape's documentation changes, every string with a length gets a
/// tighter one.
fn changed(model: &Value) -> Value {
    let mut changed = model.clone();
    let shapes = changed["shapes"].as_object_mut().expect("shapes");
    for (n, shape) in shapes.values_mut().enumerate() {
        let kind = shape["type"].as_str().unwrap_or("").to_owned();
        if let Some(members) = shape.get_mut("members").and_then(Value::as_object_mut) {
            if kind == "structure" && n % 7 == 0 {
                let first = members.keys().next().cloned();
                if let Some(first) = first {
                    members.remove(&first);
                }
                members.insert(
                    "AddedForTheBenchmark".into(),
                    json!({"target": "smithy.api#String"}),
                );
            }
            if kind == "enum" && n % 5 == 0 {
                members.insert("ADDED".into(), json!({"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "ADDED"}}));
            }
        }
        if let Some(traits) = shape.get_mut("traits").and_then(Value::as_object_mut) {
            if n % 3 == 0 && traits.contains_key("smithy.api#documentation") {
                traits.insert("smithy.api#documentation".into(), json!("Rewritten."));
            }
            if let Some(length) = traits.get_mut("smithy.api#length") {
                length["min"] = json!(1);
            }
        }
    }
    changed
}

#[divan::bench]
fn diff_the_full_workspaces_model(bencher: Bencher) {
    let old = full_model();
    let new = changed(&old);
    let shapes = old["shapes"].as_object().map_or(0, |s| s.len());
    assert!(shapes > 500, "{shapes} shapes");
    let changes = codegen::diff::diff(&old, &new);
    assert!(changes.len() > 100, "{} changes", changes.len());
    bencher.bench(|| codegen::diff::diff(&old, &new));
}
