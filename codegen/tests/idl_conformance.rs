//! Smithy's own IDL loader corpus (`../shared/reference/smithy-idl-conformance`):
//! every valid case loads, and where Smithy gives the expected JSON AST the model
//! equals it; every invalid file is rejected with an error on the line Smithy names.
//!
//! Models are compared as Smithy's test compares them: with mixins flattened, `apply`
//! entries applied, and member, trait and key order ignored.

use std::path::{Path, PathBuf};

use codegen::assemble::{Source, assemble, flatten_mixins};
use serde_json::{Map, Value};

mod common;

fn corpus() -> PathBuf {
    common::reference().join("smithy-idl-conformance")
}

fn source(path: &Path, dependency: bool) -> Source {
    Source {
        name: path.display().to_string(),
        text: std::fs::read_to_string(path).expect("corpus file"),
        dependency,
    }
}

/// Valid cases this reader does not load, each with the reason and the start of
/// the error it gives instead.
const EXCEPTIONS: &[(&str, &str, &str)] = &[(
    "traits.smithy",
    "a bigDecimal trait value of 1.7976931348623157E+309 is beyond f64; serde_json holds \
     numbers as i64, u64 or f64 unless its `arbitrary_precision` feature is on, and that \
     feature would reach the runtime crate's JSON codec through feature unification",
    "number `1.7976931348623157E+309` is out of range",
)];

/// The valid cases, each with `valid/__shared.json` beside it as Smithy's test loads
/// them: the model equals the `.json` beside the case, and with mixins flattened it
/// equals the `.flattened.smithy` beside it; cases with neither at least load.
#[test]
fn valid_cases_load_and_equal_their_json() {
    let valid = corpus().join("valid");
    let shared = source(&valid.join("__shared.json"), true);
    let load = |path: &Path| assemble(&[source(path, false), shared.clone()]);
    let all = common::files(&valid);
    let (mut equal_json, mut equal_flattened, mut loaded, mut failures) = (0, 0, 0, Vec::new());
    for case in all
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "smithy"))
    {
        let name = case.strip_prefix(&valid).unwrap().display().to_string();
        let actual = match (load(case), EXCEPTIONS.iter().find(|(n, _, _)| *n == name)) {
            (Ok(model), None) => model,
            (Err(errors), Some((_, _, expected))) if errors[0].message.starts_with(expected) => {
                continue;
            }
            (Ok(_), Some(_)) => {
                failures.push(format!("{name}: loads now; take it off the exceptions"));
                continue;
            }
            (Err(errors), _) => {
                failures.push(format!("{name}: not loaded: {}", errors[0]));
                continue;
            }
        };
        loaded += 1;
        let stem = case.to_str().unwrap().trim_end_matches(".smithy");
        for (expected_path, count, form) in [
            (
                PathBuf::from(format!("{stem}.json")),
                &mut equal_json,
                canonical as fn(&Value) -> Value,
            ),
            (
                PathBuf::from(format!("{stem}.flattened.smithy")),
                &mut equal_flattened,
                without_mixins,
            ),
        ] {
            if !expected_path.exists() {
                continue;
            }
            let expected = match load(&expected_path) {
                Ok(model) => form(&model),
                Err(e) => panic!("{}: {}", expected_path.display(), e[0]),
            };
            let actual = form(&actual);
            if actual == expected {
                *count += 1;
            } else {
                failures.push(format!(
                    "{name}: differs from {}\n  ours:     {actual}\n  expected: {expected}",
                    expected_path.display()
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of the valid cases fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
    println!(
        "{loaded} loaded, {equal_json} equal to their JSON AST, {equal_flattened} equal to their flattened form; {} exceptions",
        EXCEPTIONS.len()
    );
    assert_eq!(
        (loaded, equal_json, equal_flattened),
        (79, 61, 13),
        "the corpus changed"
    );
}

#[test]
fn invalid_files_are_rejected_on_the_right_line() {
    let invalid = corpus().join("invalid");
    let all = common::files(&invalid);
    let mut failures = Vec::new();
    for case in &all {
        let name = case.strip_prefix(&invalid).unwrap().display().to_string();
        let expected_line = expected_line(case);
        match assemble(&[source(case, false)]) {
            Ok(_) => failures.push(format!("{name}: accepted")),
            Err(errors) => {
                let lines: Vec<usize> = errors
                    .iter()
                    .filter_map(|e| e.line_column.map(|(l, _)| l))
                    .collect();
                if let Some(line) = expected_line.filter(|line| !lines.contains(line)) {
                    failures.push(format!("{name}: expected line {line}, got {}", errors[0]));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} invalid files fail:\n{}",
        failures.len(),
        all.len(),
        failures.join("\n")
    );
}

/// The line Smithy's error names in the file's first line (`// … line L, column C …`).
fn expected_line(path: &Path) -> Option<usize> {
    let text = std::fs::read_to_string(path).ok()?;
    let first = text.lines().next()?;
    let rest = first.split_once("at line ")?.1;
    rest.split(|c: char| !c.is_ascii_digit())
        .next()?
        .parse()
        .ok()
}

/// The model as Smithy compares models: mixins flattened into the shapes, empty
/// collections dropped, operations with their implicit Unit input and output, the
/// version left out (it only says how the file was read).
fn canonical(model: &Value) -> Value {
    let model = flatten_mixins(model);
    let mut flat = Map::new();
    for (id, shape) in model["shapes"].as_object().cloned().unwrap_or_default() {
        flat.insert(
            id,
            Value::Object(normalised(shape.as_object().cloned().unwrap_or_default())),
        );
    }
    let mut out = Map::new();
    let metadata = model.get("metadata").cloned();
    out.insert(
        "metadata".into(),
        metadata.unwrap_or(Value::Object(Map::new())),
    );
    out.insert("shapes".into(), Value::Object(flat));
    Value::Object(out)
}

/// [`canonical`], then without the mixin shapes and the shapes' `mixins` lists: what
/// Smithy's `flattenAndRemoveMixins` leaves, which `.flattened.smithy` files show.
fn without_mixins(model: &Value) -> Value {
    let mut model = canonical(model);
    let shapes = model["shapes"].as_object_mut().unwrap();
    let shapes_map = std::mem::take(shapes);
    for (id, mut shape) in shapes_map {
        if shape.pointer("/traits/smithy.api#mixin").is_some() {
            continue;
        }
        shape.as_object_mut().unwrap().remove("mixins");
        shapes.insert(id, shape);
    }
    model
}

/// A flattened shape without what does not change its meaning: empty collections,
/// and an operation's implicit Unit input and output written out.
fn normalised(mut shape: Map<String, Value>) -> Map<String, Value> {
    if shape["type"] == "operation" {
        for key in ["input", "output"] {
            let unit = serde_json::json!({"target": "smithy.api#Unit"});
            shape.entry(key).or_insert(unit);
        }
    }
    drop_empty(
        &mut shape,
        &[
            "members",
            "traits",
            "mixins",
            "errors",
            "operations",
            "resources",
        ],
    );
    for key in ["member", "key", "value"] {
        if let Some(Value::Object(member)) = shape.get_mut(key) {
            drop_empty(member, &["traits"]);
        }
    }
    if let Some(Value::Object(members)) = shape.get_mut("members") {
        for member in members.values_mut() {
            if let Value::Object(member) = member {
                drop_empty(member, &["traits"]);
            }
        }
    }
    shape
}

fn drop_empty(map: &mut Map<String, Value>, keys: &[&str]) {
    for key in keys {
        let empty = match map.get(*key) {
            Some(Value::Object(inner)) => inner.is_empty(),
            Some(Value::Array(items)) => items.is_empty(),
            _ => false,
        };
        if empty {
            map.remove(*key);
        }
    }
}
