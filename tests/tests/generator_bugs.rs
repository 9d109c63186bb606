//! Regression tests for generator bugs found while writing the tests (each doc comment
//! names the bug as found and its cause), and one known limitation, ignored
//! (`cargo test -p tests --test generator_bugs -- --ignored` runs it).
//!
//! Models are small and inline. Those that must compile are built like the fixtures (one
//! workspace each under `target/generated-bugs/`, the shared target directory).

use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use tests::{
    CHECK_DOC_CLIPPY, cargo_steps, fixtures_dir, generate_model, reference_models_dir,
    workspace_root, write_workspace,
};

fn bugs_dir() -> PathBuf {
    workspace_root().join("target/generated-bugs")
}

/// A Smithy 2.0 model: service `bug.<name>#Service` (sdkId `Bug <name>`) with operation
/// `Op` taking `bug.<name>#OpInput`, plus `shapes` (ids relative to the namespace), written
/// to a file so it goes through xtask's code path. `service_traits` are added to the service.
/// The service has an error `Oops` holding a string enum, so that each model shows its own
/// bug rather than `model_without_errors_or_string_enums_is_warning_free`'s.
fn model(name: &str, service_traits: Value, op: Value, shapes: Value) -> PathBuf {
    let mut shapes = shapes;
    let shapes_map = shapes.as_object_mut().expect("object");
    shapes_map.insert(
        "Oops".into(),
        json!({ "type": "structure", "members": {
        "message": { "target": "smithy.api#String" },
        "mood": { "target": "#Mood" }
    }, "traits": { "smithy.api#error": "server" } }),
    );
    shapes_map.insert(
        "Mood".into(),
        json!({ "type": "enum", "members": { "CALM": { "target": "smithy.api#Unit" } } }),
    );
    let mut service_traits = service_traits;
    service_traits
        .as_object_mut()
        .expect("object")
        .insert("#service-errors".into(), json!(["#Oops"]));
    bare_model(name, service_traits, op, shapes)
}

/// [`model`] without the error and the enum.
fn bare_model(name: &str, service_traits: Value, op: Value, shapes: Value) -> PathBuf {
    let ns = format!("bug.{name}");
    let mut all = serde_json::Map::new();
    let mut traits = json!({
        "aws.api#service": { "sdkId": format!("Bug {name}") },
        "aws.auth#sigv4": { "name": name },
        "aws.protocols#awsJson1_1": {}
    });
    let mut service_traits = service_traits;
    let errors = service_traits
        .as_object_mut()
        .expect("object")
        .remove("#service-errors")
        .unwrap_or(json!([]));
    let errors: Vec<Value> = errors
        .as_array()
        .expect("list")
        .iter()
        .map(|e| json!({ "target": e }))
        .collect();
    traits
        .as_object_mut()
        .expect("object")
        .extend(service_traits.as_object().expect("object").clone());
    all.insert(
        format!("{ns}#Service"),
        json!({
            "type": "service",
            "version": "2024-01-01",
            "operations": [{ "target": format!("{ns}#Op") }],
            "errors": errors,
            "traits": traits
        }),
    );
    let mut op = op;
    op.as_object_mut()
        .expect("object")
        .insert("type".into(), "operation".into());
    op.as_object_mut()
        .expect("object")
        .insert("input".into(), json!({ "target": format!("{ns}#OpInput") }));
    all.insert(format!("{ns}#Op"), op);
    for (id, shape) in shapes.as_object().expect("object") {
        all.insert(format!("{ns}#{id}"), shape.clone());
    }
    let text =
        serde_json::to_string_pretty(&json!({ "smithy": "2.0", "shapes": all })).expect("JSON");
    // Shape references inside the shapes use `#Name`; make them absolute.
    let text = text.replace("\"#", &format!("\"{ns}#"));
    let path = bugs_dir().join("models").join(format!("{name}.json"));
    tests::write_if_changed(&path, text.as_bytes());
    path
}

/// Generates `model` and runs check, doc and clippy on it alone, warnings denied.
fn assert_builds_clean(name: &str, model: &Path) {
    let files = tests::generate_model_into(model, &bugs_dir().join(name).join(name));
    write_workspace(&bugs_dir().join(name), &[(name.to_owned(), files)]);
    let failures = cargo_steps(&bugs_dir().join(name), CHECK_DOC_CLIPPY);
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

fn error_shape() -> Value {
    json!({ "type": "structure", "members": { "message": { "target": "smithy.api#String" } }, "traits": { "smithy.api#error": "client" } })
}

/// `smithy.api#Unit` (the target of every enum member and unit union member) is lowered
/// into `pub struct Unit {}` with a builder in `types`, so a model shape named `Unit` fails
/// as a name collision with it, and every crate has a stray `types::Unit`.
/// Cause: `normalize::closure` queues member targets including the prelude's Unit, and
/// `lower` lowers every structure. Fix: never queue `smithy.api#Unit` (or skip it in lower).
#[test]
fn prelude_unit_is_not_a_generated_type() {
    let path = model(
        "unit",
        json!({}),
        json!({}),
        json!({
            "OpInput": { "type": "structure", "members": { "unit": { "target": "#Unit" } } },
            "Unit": { "type": "enum", "members": { "SECONDS": { "target": "smithy.api#Unit" } } }
        }),
    );
    let files = generate_model(&path);
    let types: String = files
        .iter()
        .filter(|f| f.path.starts_with("src/types/"))
        .map(|f| f.contents.as_str())
        .collect();
    assert!(
        types.contains("pub enum Unit {"),
        "the model's own Unit enum is generated"
    );
    assert!(
        !types.contains("pub struct Unit"),
        "no struct for smithy.api#Unit"
    );
    assert!(
        !types.contains("UnitBuilder"),
        "no builder for smithy.api#Unit"
    );
}

/// `@mixin(localTraits: [...])` names traits that stay on the mixin; the generator copies
/// them anyway: `Event` (fixture `mixins`) gets the documentation of its mixin `Timestamps`.
/// Cause: `normalize::apply_mixins` copies every mixin trait but `smithy.api#mixin`.
/// Fix: also skip the ids listed in the mixin trait's `localTraits`.
#[test]
fn mixin_local_traits_are_not_inherited() {
    let files = generate_model(&fixtures_dir().join("mixins.json"));
    let types = files
        .iter()
        .find(|f| f.path == "src/types/_event.rs")
        .expect("src/types/_event.rs");
    let event = types
        .contents
        .find("pub struct Event")
        .expect("struct Event");
    let before = &types.contents[..event];
    let docs = &before[before.rfind("\n\n").unwrap_or(0)..];
    assert!(
        !docs.contains("Docs local to the mixin"),
        "Event inherited a local trait of its mixin:{docs}"
    );
}

/// An error shape may be named like the items the `error` module defines or re-exports, or
/// like an operation error enum's catch-all variants: `BuildError` and `ErrorMetadata`
/// (E0255: re-exported by `error.rs`), `Unhandled` and `Client` (E0428: duplicate variant).
/// Cause: `emit/errors.rs` uses fixed names that lowering never claims.
/// Fix: claim them in `lower::OutputSpace` (at least a clean NameCollision error), or pick
/// free names for the catch-alls as `unknown_variant` does, and refer to the runtime types
/// by their `crate::rt::…` paths instead of re-exporting them into the model's namespace.
#[test]
fn error_shapes_named_like_error_module_items_are_a_clear_error() {
    let path = model(
        "error_names",
        json!({}),
        json!({ "errors": [
            { "target": "#BuildError" }, { "target": "#ErrorMetadata" }, { "target": "#Unhandled" }, { "target": "#Client" }
        ] }),
        json!({
            "OpInput": { "type": "structure", "members": {} },
            "BuildError": error_shape(),
            "ErrorMetadata": error_shape(),
            "Unhandled": error_shape(),
            "Client": error_shape()
        }),
    );
    // The generator reserves these names and says so, naming the shape.
    let model = codegen::parse(&std::fs::read_to_string(&path).expect("model")).expect("parses");
    let error = codegen::generate(
        &model,
        &codegen::Settings::default(),
        &codegen::EmitOptions::default(),
    )
    .expect_err("reserved names");
    assert_eq!(error.kind, codegen::ErrorKind::NameCollision, "{error}");
    assert!(error.to_string().contains("the generated code"), "{error}");
}

/// The service title goes unescaped into `lib.rs` (`//! Amazon <Widgets> [Service]: …`:
/// rustdoc's invalid_html_tags and broken_intra_doc_links) and into the TOML string of
/// `description` (only `"` is replaced; a `\` makes Cargo.toml invalid).
/// Cause: `emit/crate_files.rs` (`lib_rs`, `cargo_toml`). Fix: escape the title as doc
/// text (as `docs.rs` escapes text) and as a TOML basic string (`\` and `"`, controls).
#[test]
fn service_title_is_escaped() {
    let path = model(
        "title",
        json!({ "smithy.api#title": "Amazon <Widgets> [Service] for C:\\Temp \"quoted\"" }),
        json!({}),
        json!({ "OpInput": { "type": "structure", "members": {} } }),
    );
    assert_builds_clean("title", &path);
}

/// `@deprecated(message: …)` text is appended to the Markdown docs raw: brackets become
/// broken intra-doc links, `<Newer>` an unclosed HTML tag, a URL a bare URL.
/// Cause: `lower::docs` pushes `note` unescaped. Fix: escape it as `docs.rs` escapes text
/// (`html_to_markdown` on the message would do).
#[test]
fn deprecated_message_is_escaped() {
    let path = model(
        "deprecated",
        json!({}),
        json!({}),
        json!({
            "OpInput": { "type": "structure", "members": {
                "old": { "target": "smithy.api#String", "traits": {
                    "smithy.api#deprecated": { "message": "Use [New] or <Newer> *now*, see https://example.com/x", "since": "<2024>" }
                } }
            } }
        }),
    );
    assert_builds_clean("deprecated", &path);
}

/// Sensitive values reach `Debug` and `Display` by several paths: builders always derive
/// `Debug`; unions derive it whatever their members; a member whose list or map holds a
/// sensitive shape is not treated as sensitive; an error's `Display` prints a sensitive
/// `message`. Cause: `emit/structures.rs` (builder derive, `debug_impl`), `emit/variants.rs`
/// (union derive), `lower::lower_structure` (`sensitive` ignores collection members),
/// `emit/errors.rs` (Display). Fix: redact in all four, as smithy-rs does.
#[test]
fn sensitive_values_stay_out_of_debug_and_display() {
    let path = model(
        "sensitive",
        json!({}),
        json!({ "errors": [{ "target": "#Denied" }] }),
        json!({
            "OpInput": { "type": "structure", "members": {
                "password": { "target": "smithy.api#String", "traits": { "smithy.api#sensitive": {} } },
                "keys": { "target": "#KeyList" },
                "choice": { "target": "#Choice" }
            } },
            "Key": { "type": "string", "traits": { "smithy.api#sensitive": {} } },
            "KeyList": { "type": "list", "member": { "target": "#Key" } },
            "Choice": { "type": "union", "members": { "key": { "target": "#Key" }, "name": { "target": "smithy.api#String" } } },
            "Denied": { "type": "structure", "members": {
                "message": { "target": "smithy.api#String", "traits": { "smithy.api#sensitive": {} } }
            }, "traits": { "smithy.api#error": "client" } }
        }),
    );
    let files = generate_model(&path);
    let file = |p: &str| {
        syn::parse_file(&files.iter().find(|f| f.path == p).expect(p).contents).expect("parses")
    };
    let (operation, types, error) = (
        file("src/operation/op.rs"),
        file("src/types/_choice.rs"),
        file("src/types/error/_denied.rs"),
    );
    // The input's builder is in the operation's inline `builders` module.
    let builders = operation.items.iter().find_map(|item| match item {
        syn::Item::Mod(m) if m.ident == "builders" => {
            m.content.as_ref().map(|(_, items)| syn::File {
                shebang: None,
                attrs: Vec::new(),
                items: items.clone(),
            })
        }
        _ => None,
    });
    let builders = builders.expect("a builders module");
    let input = &operation;
    let derives_debug = |file: &syn::File, name: &str| {
        file.items.iter().any(|item| {
            let (ident, attrs) = match item {
                syn::Item::Struct(s) => (&s.ident, &s.attrs),
                syn::Item::Enum(e) => (&e.ident, &e.attrs),
                _ => return false,
            };
            ident == name
                && attrs.iter().any(|a| {
                    a.path().is_ident("derive")
                        && a.meta.to_token_stream().to_string().contains("Debug")
                })
        })
    };
    use quote::ToTokens;
    let mut leaks = Vec::new();
    for (file, name) in [(&builders, "OpInputBuilder"), (&types, "Choice")] {
        if derives_debug(file, name) {
            leaks.push(format!("{name} derives Debug"));
        }
    }
    let op_input_debug = input.items.iter().find_map(|item| match item {
        syn::Item::Impl(i)
            if i.trait_.is_some() && i.self_ty.to_token_stream().to_string() == "OpInput" =>
        {
            Some(i.to_token_stream().to_string())
        }
        _ => None,
    });
    match op_input_debug {
        Some(debug) if debug.contains("self . keys") => {
            leaks.push("OpInput's Debug prints `keys` (a list of @sensitive Key)".into())
        }
        Some(_) => {}
        None if derives_debug(input, "OpInput") => leaks.push("OpInput derives Debug".into()),
        None => {}
    }
    let display = error.items.iter().find_map(|item| match item {
        syn::Item::Impl(i)
            if i.self_ty.to_token_stream().to_string() == "Denied"
                && i.trait_.as_ref().is_some_and(|(_, p, _)| {
                    p.to_token_stream().to_string().ends_with("Display")
                }) =>
        {
            Some(i.to_token_stream().to_string())
        }
        _ => None,
    });
    if display.is_some_and(|d| d.contains("message")) {
        leaks.push("Denied's Display prints its @sensitive message".into());
    }
    assert!(leaks.is_empty(), "{leaks:#?}");
}

/// Operations named `New`, `Self` and `Clone` (fixture `names` had them): the client's
/// method for `New` is `new`, a second definition beside `Client::new(config)` (E0592);
/// `Self` gives `Self_FluentBuilder` (non_camel_case_types) and, in `protocol.rs`,
/// `serialize_self__error` (non_snake_case); `Clone` gives `Client::clone(&self)`
/// (clippy::should_implement_trait). Cause: `emit/client.rs` and `emit/protocol/` glue
/// strings onto `Name::ident` instead of deriving names through `names.rs`
/// (`type_name(&format!("{}FluentBuilder", op.name.wire))` gives `SelfFluentBuilder`), and
/// the client's own method names are not reserved. Fix: derive names through `names.rs`;
/// reserve `new` and the std trait method names (`clone`, `default`, …) for client methods,
/// e.g. with a suffix, as smithy-rs does.
#[test]
fn operations_named_new_self_or_clone_compile() {
    let path = model(
        "op_names",
        json!({}),
        json!({}),
        json!({ "OpInput": { "type": "structure", "members": {} } }),
    );
    // `model` makes one operation; add the others beside it.
    let mut text: Value =
        serde_json::from_slice(&std::fs::read(&path).expect("model")).expect("JSON");
    let shapes = text["shapes"].as_object_mut().expect("shapes");
    for op in ["New", "Self", "Clone"] {
        shapes.insert(format!("bug.op_names#{op}"), json!({ "type": "operation" }));
        shapes["bug.op_names#Service"]["operations"]
            .as_array_mut()
            .expect("list")
            .push(json!({ "target": format!("bug.op_names#{op}") }));
    }
    tests::write_if_changed(
        &path,
        serde_json::to_string_pretty(&text)
            .expect("JSON")
            .as_bytes(),
    );
    assert_builds_clean("op_names", &path);
}

/// A member named `build` (GameLift's `CreateBuildOutput$Build`, for one) or like a
/// fluent builder's own method (`send`) failed generation: its setter would be the
/// builder's own method. Fixed (kept as a regression test): such setters get a `_value`
/// suffix (`build_value`, as smithy-rs), beside `set_build`, and the crate builds clean.
#[test]
fn member_named_build_is_generated() {
    let path = model(
        "build_member",
        json!({}),
        json!({}),
        json!({ "OpInput": { "type": "structure", "members": {
            "Build": { "target": "smithy.api#String" },
            "Send": { "target": "smithy.api#Integer" }
        } } }),
    );
    let files = generate_model(&path);
    let operation = &files
        .iter()
        .find(|f| f.path == "src/operation/op.rs")
        .expect("the operation's file")
        .contents;
    for setter in [
        "pub fn build_value(",
        "pub fn set_build(",
        "pub fn send_value(",
        "pub fn set_send(",
    ] {
        assert!(operation.contains(setter), "no `{setter}` in\n{operation}");
    }
    assert_builds_clean("build_member", &path);
}

/// CloudWatch Logs' union `IntegrationDetails` has one 648-byte variant and the unit-like
/// catch-all: `clippy::large_enum_variant`; validating a union of one member is a `match`
/// with one arm: `clippy::single_match`. Cause: `emit/variants.rs::emit_union`,
/// `emit/validation.rs`. Fix: box large variants (or allow the lint on unions); emit
/// `if let` or `#[allow(clippy::single_match)]`.
#[test]
fn cloudwatch_logs_builds_lint_clean() {
    assert_builds_clean(
        "cloudwatch_logs",
        &reference_models_dir().join("cloudwatch-logs-2014-03-28.json"),
    );
}

/// DynamoDB's `Scan` and `Query` paginate with a map token (`ExclusiveStartKey` /
/// `LastEvaluatedKey`: `map<String, AttributeValue>`): the client's paginator calls
/// `as_deref()` on `Option<HashMap<…>>` (E0599) and passes the token to the map setter,
/// which takes a key and a value (E0061). Cause: `emit/client.rs` assumes string tokens.
/// Fix: clone the token and use `set_<member>(Some(token))` for any token type.
#[test]
fn dynamodb_builds_lint_clean() {
    assert_builds_clean(
        "dynamodb",
        &reference_models_dir().join("dynamodb-2012-08-10.json"),
    );
}

/// A service without modeled errors and without string enums: `protocol.rs`'s
/// `error_body` and `rt::unknown_value::UnknownValue::new` are dead code in the test
/// target (`cargo check --all-targets`, `-D warnings`). Cause: `emit/protocol/` and
/// `emit/crate_files.rs` emit them unconditionally. Fix: emit them only when used, or mark
/// them `#[allow(dead_code)]`.
#[test]
fn model_without_errors_or_string_enums_is_warning_free() {
    let path = bare_model(
        "minimal",
        json!({}),
        json!({}),
        json!({ "OpInput": { "type": "structure", "members": { "count": { "target": "smithy.api#Integer" } } } }),
    );
    assert_builds_clean("minimal", &path);
}

/// Fixed (kept as a regression test): every generated `Cargo.toml` declared
/// `[[example]] name = "list_pools"`, which exists only in the hand-written
/// `generated/examples/`, so the crate of any other model failed to load.
#[test]
fn manifest_declares_only_targets_that_exist() {
    for model in tests::fixture_models() {
        let files = generate_model(&model);
        let manifest = &files
            .iter()
            .find(|f| f.path == "Cargo.toml")
            .expect("Cargo.toml")
            .contents;
        let mut section = "";
        for line in manifest.lines() {
            if line.starts_with('[') {
                section = line;
            } else if let Some(name) = line
                .strip_prefix("name = ")
                .filter(|_| section == "[[example]]")
            {
                let name = name.trim_matches('"');
                let path = format!("examples/{name}.rs");
                assert!(
                    files.iter().any(|f| f.path == path || f.path.starts_with(&format!("examples/{name}/"))),
                    "{}: Cargo.toml declares example `{name}`, which the generator does not write",
                    model.display()
                );
            }
        }
    }
}

/// An operation without modeled errors (most real services have some: WorkSpaces'
/// `StartWorkspaces`; fixtures `names`, `docs`, `recursion`): `protocol.rs` imports its
/// error enum unused (`use crate::error::OpError as E;`) and matches the error code with a
/// lone `_ => None` arm (clippy::match_single_binding). Cause: `emit/protocol/aws_json.rs`,
/// `parse_*_response`. Fix: without modeled errors, emit `|_, _| None` and no `use`.
/// compile_generated.rs is ignored while this stands.
#[test]
fn operation_without_errors_is_warning_free() {
    let path = bare_model(
        "no_errors",
        json!({}),
        json!({}),
        json!({
            "OpInput": { "type": "structure", "members": { "mood": { "target": "#Mood" } } },
            "Mood": { "type": "enum", "members": { "CALM": { "target": "smithy.api#Unit" } } },
            "Oops": { "type": "structure", "members": {}, "traits": { "smithy.api#error": "client" } }
        }),
    );
    // A second operation has an error, so the only difference is `Op` having none.
    let mut text: Value =
        serde_json::from_slice(&std::fs::read(&path).expect("model")).expect("JSON");
    let shapes = text["shapes"].as_object_mut().expect("shapes");
    shapes.insert(
        "bug.no_errors#Other".into(),
        json!({ "type": "operation", "errors": [{ "target": "bug.no_errors#Oops" }] }),
    );
    shapes["bug.no_errors#Service"]["operations"]
        .as_array_mut()
        .expect("list")
        .push(json!({ "target": "bug.no_errors#Other" }));
    tests::write_if_changed(
        &path,
        serde_json::to_string_pretty(&text)
            .expect("JSON")
            .as_bytes(),
    );
    assert_builds_clean("no_errors", &path);
}
