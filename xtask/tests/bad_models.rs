//! The real `xtask` binary against bad models and stale output directories.
//!
//! For every class of model error: the exit code (2 for unreadable JSON, 3 for a readable
//! but invalid model), an error message that names the place (line and column, shape id,
//! member), and an output directory generated earlier that is left byte-for-byte (and
//! mtime-for-mtime) as it was. Then `--check` on a stale directory, and a plain run that
//! rewrites only what changed.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, SystemTime};

/// The namespace every test model uses.
const NS: &str = "t.e";

/// A model with a service, one operation `Op` whose input is `t.e#OpInput`, and `shapes`
/// (JSON object members, without the braces) that define `OpInput` and anything else.
fn model(shapes: &str) -> String {
    format!(
        r#"{{
  "smithy": "2.0",
  "shapes": {{
    "{NS}#Svc": {{
      "type": "service",
      "version": "2024-01-01",
      "operations": [{{ "target": "{NS}#Op" }}],
      "traits": {{
        "aws.api#service": {{ "sdkId": "Test" }},
        "aws.auth#sigv4": {{ "name": "test" }},
        "aws.protocols#awsJson1_1": {{}}
      }}
    }},
    "{NS}#Op": {{
      "type": "operation",
      "input": {{ "target": "{NS}#OpInput" }},
      "errors": [{{ "target": "{NS}#Oops" }}]
    }},
    "{NS}#Oops": {{
      "type": "structure",
      "members": {{ "message": {{ "target": "smithy.api#String" }} }},
      "traits": {{ "smithy.api#error": "client" }}
    }},
    {shapes}
  }}
}}
"#
    )
}

/// A valid model: the output directory is generated from it before each bad run.
fn good_model() -> String {
    model(&format!(
        r#""{NS}#OpInput": {{
      "type": "structure",
      "members": {{
        "name": {{ "target": "smithy.api#String", "traits": {{ "smithy.api#required": {{}} }} }},
        "kind": {{ "target": "{NS}#Kind" }}
      }}
    }},
    "{NS}#Kind": {{
      "type": "enum",
      "members": {{ "A": {{ "target": "smithy.api#Unit" }}, "B": {{ "target": "smithy.api#Unit" }} }}
    }}"#
    ))
}

fn xtask(args: &[&str]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .output()
        .expect("cannot run the xtask binary")
}

fn path_arg(path: &Path) -> &str {
    path.to_str().expect("temporary paths are UTF-8")
}

fn codegen(model: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "codegen",
        "--model",
        path_arg(model),
        "--out",
        path_arg(out),
    ];
    args.extend(extra);
    xtask(&args)
}

/// Every file under `dir` with its bytes and modification time.
fn dir_state(dir: &Path) -> BTreeMap<PathBuf, (Vec<u8>, SystemTime)> {
    let mut state = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        for entry in fs::read_dir(&current)
            .unwrap_or_else(|e| panic!("cannot list {}: {e}", current.display()))
        {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let modified = fs::metadata(&path)
                    .and_then(|m| m.modified())
                    .expect("mtime");
                state.insert(
                    path.strip_prefix(dir).expect("under dir").to_path_buf(),
                    (fs::read(&path).expect("readable"), modified),
                );
            }
        }
    }
    state
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A directory generated from [`good_model`], and the model file's path.
struct Generated {
    temp: tempfile::TempDir,
    out: PathBuf,
    good: PathBuf,
}

fn generate_good() -> Generated {
    let temp = tempfile::tempdir().expect("a temporary directory");
    let out = temp.path().join("out");
    let good = temp.path().join("good.json");
    fs::write(&good, good_model()).expect("write the good model");
    let output = codegen(&good, &out, &[]);
    assert!(
        output.status.success(),
        "the good model must generate: {}",
        stderr(&output)
    );
    assert!(out.join("src/lib.rs").is_file(), "no src/lib.rs generated");
    Generated { temp, out, good }
}

/// Runs the bad `text` (plain and `--check`) against a generated directory: the exit code,
/// every `fragment` in stderr, and the directory untouched.
fn assert_rejected(text: &str, exit_code: i32, fragments: &[&str]) {
    let generated = generate_good();
    let before = dir_state(&generated.out);
    let bad = generated.temp.path().join("bad.json");
    fs::write(&bad, text).expect("write the bad model");
    for extra in [&[][..], &["--check"][..]] {
        let output = codegen(&bad, &generated.out, extra);
        let err = stderr(&output);
        assert_eq!(
            output.status.code(),
            Some(exit_code),
            "{extra:?}: wrong exit code; stderr:\n{err}"
        );
        for fragment in fragments {
            assert!(
                err.contains(fragment),
                "{extra:?}: stderr lacks {fragment:?}:\n{err}"
            );
        }
        assert!(
            err.contains("bad.json"),
            "the message names the model file:\n{err}"
        );
        assert!(
            output.stdout.is_empty(),
            "nothing on stdout on failure: {}",
            String::from_utf8_lossy(&output.stdout)
        );
        assert!(
            dir_state(&generated.out) == before,
            "{extra:?}: a failed run changed the output directory"
        );
    }
}

// ---------------------------------------------------------------------------------------
// Exit code 2: the input is not JSON of the Smithy AST's shape.

#[test]
fn malformed_json_names_line_and_column() {
    let text = "{\n  \"smithy\": \"2.0\",\n  \"shapes\": {\n    \"t.e#A\": { \"type\": \"structure\" },,\n  }\n}\n";
    assert_rejected(text, 2, &["malformed model JSON", "line 4, column 38"]);
}

#[test]
fn truncated_file_is_malformed_json() {
    let text = good_model();
    assert_rejected(
        &text[..text.len() / 2],
        2,
        &["malformed model JSON", "line "],
    );
}

#[test]
fn unknown_member_field_names_shape_and_member() {
    let text = model(
        r#""t.e#OpInput": { "type": "structure", "members": { "x": { "target": "smithy.api#String", "trait": {} } } }"#,
    );
    assert_rejected(
        &text,
        2,
        &[
            "malformed model JSON",
            "`t.e#OpInput$x`",
            "unknown field `trait`",
        ],
    );
}

#[test]
fn malformed_settings_are_exit_code_2() {
    let generated = generate_good();
    let before = dir_state(&generated.out);
    let good = &generated.good;
    let settings = generated.temp.path().join("good.settings.json");
    fs::write(
        &settings,
        "{\n  \"crateName\": \"x\",\n  \"crateNmae\": \"y\"\n}\n",
    )
    .expect("write settings");
    let output = codegen(good, &generated.out, &[]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{err}");
    assert!(
        err.contains("good.settings.json") && err.contains("crateNmae") && err.contains("line 3"),
        "{err}"
    );
    assert!(dir_state(&generated.out) == before);
}

// ---------------------------------------------------------------------------------------
// Exit code 3: readable, but not a model this generator can turn into Rust.

#[test]
fn dangling_target_names_shape_member_and_target() {
    let text = model(
        r#""t.e#OpInput": { "type": "structure", "members": { "owner": { "target": "t.e#Missing" } } }"#,
    );
    assert_rejected(
        &text,
        3,
        &["dangling target", "`t.e#OpInput$owner`", "`t.e#Missing`"],
    );
}

#[test]
fn dangling_operation_error_names_the_operation() {
    let text = model(r#""t.e#OpInput": { "type": "structure" }"#).replace(
        r#""errors": [{ "target": "t.e#Oops" }]"#,
        r#""errors": [{ "target": "t.e#Nope" }]"#,
    );
    assert_rejected(
        &text,
        3,
        &["dangling target", "`t.e#Op$errors`", "`t.e#Nope`"],
    );
}

#[test]
fn unknown_shape_kind_is_unsupported() {
    let text =
        model(r#""t.e#OpInput": { "type": "structure" }, "t.e#Gadget": { "type": "widget" }"#);
    assert_rejected(&text, 3, &["unsupported shape", "`t.e#Gadget`", "widget"]);
}

#[test]
fn apply_shape_is_unsupported() {
    // The AST also allows member ids (`t.e#Oops$message`) as apply keys; the parser rejects
    // those earlier, as an invalid shape id (exit code 2).
    let text = model(
        r#""t.e#OpInput": { "type": "structure" }, "t.e#Elsewhere": { "type": "apply", "traits": { "smithy.api#documentation": "x" } }"#,
    );
    assert_rejected(&text, 3, &["unsupported shape", "`t.e#Elsewhere`", "apply"]);
}

#[test]
fn operation_input_that_is_not_a_structure_is_unsupported() {
    let text = model(r#""t.e#OpInput": { "type": "string" }"#);
    assert_rejected(
        &text,
        3,
        &[
            "unsupported shape",
            "`t.e#Op$input`",
            "`t.e#OpInput`",
            "a string",
        ],
    );
}

#[test]
fn same_name_in_two_namespaces_collides() {
    let text = model(
        r#""t.e#OpInput": { "type": "structure", "members": { "a": { "target": "a.b#Foo" }, "c": { "target": "c.d#Foo" } } },
    "a.b#Foo": { "type": "structure" },
    "c.d#Foo": { "type": "structure" }"#,
    );
    assert_rejected(
        &text,
        3,
        &[
            "Rust name collision",
            "`a.b#Foo`",
            "`c.d#Foo`",
            "types::Foo",
        ],
    );
}

#[test]
fn names_that_case_to_one_identifier_collide() {
    let text = model(
        r#""t.e#OpInput": { "type": "structure", "members": { "a": { "target": "t.e#FooBar" }, "c": { "target": "t.e#Foo_Bar" } } },
    "t.e#FooBar": { "type": "enum", "members": { "X": { "target": "smithy.api#Unit" } } },
    "t.e#Foo_Bar": { "type": "structure" }"#,
    );
    assert_rejected(
        &text,
        3,
        &[
            "Rust name collision",
            "`t.e#FooBar`",
            "`t.e#Foo_Bar`",
            "types::FooBar",
        ],
    );
}

/// Builders have a namespace of their own (`types::builders`), so a shape named like
/// another shape's builder is no collision: both are generated.
#[test]
fn a_shape_named_like_another_shapes_builder_is_no_collision() {
    let generated = generate_good();
    let text = model(
        r#""t.e#OpInput": { "type": "structure", "members": { "a": { "target": "t.e#Foo" }, "c": { "target": "t.e#FooBuilder" } } },
    "t.e#Foo": { "type": "structure" },
    "t.e#FooBuilder": { "type": "structure" }"#,
    );
    let both = generated.temp.path().join("builders.json");
    fs::write(&both, text).expect("write the model");
    let output = codegen(&both, &generated.out, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let index = fs::read_to_string(generated.out.join("src/types/mod.rs")).expect("types index");
    for item in [
        "pub use self::_foo::Foo;",
        "pub use self::_foo_builder::FooBuilder;",
        "pub use super::_foo::FooBuilder;",
    ] {
        assert!(index.contains(item), "no `{item}` in\n{index}");
    }
}

#[test]
fn member_named_twice_in_json_is_a_duplicate_member() {
    let text = model(
        r#""t.e#OpInput": { "type": "structure", "members": {
        "name": { "target": "smithy.api#String" },
        "name": { "target": "smithy.api#Integer" }
    } }"#,
    );
    assert_rejected(&text, 3, &["duplicate member", "`t.e#OpInput$name`"]);
}

#[test]
fn errors_inside_a_shape_point_at_their_own_line() {
    // `model` puts the caller's shapes from line 24 on; the second `name` is on line 26.
    let text = model(
        r#""t.e#OpInput": { "type": "structure", "members": {
        "name": { "target": "smithy.api#String" },
        "name": { "target": "smithy.api#Integer" }
    } }"#,
    );
    assert_eq!(
        text.lines().nth(25).map(str::trim),
        Some(r#""name": { "target": "smithy.api#Integer" }"#)
    );
    assert_rejected(
        &text,
        3,
        &["duplicate member", "`t.e#OpInput$name`", "line 26,"],
    );
    let text = model(
        r#""t.e#OpInput": { "type": "structure", "members": { "x": { "target": "smithy.api#String", "trait": {} } } }"#,
    );
    assert_rejected(&text, 2, &["unknown field `trait`", "line 24,"]);
}

#[test]
fn members_with_one_rust_field_name_are_duplicates() {
    let text = model(
        r#""t.e#OpInput": { "type": "structure", "members": { "fooBar": { "target": "smithy.api#String" }, "FooBar": { "target": "smithy.api#String" } } }"#,
    );
    assert_rejected(
        &text,
        3,
        &[
            "duplicate member",
            "`t.e#OpInput$FooBar`",
            "`fooBar`",
            "foo_bar",
        ],
    );
}

#[test]
fn enum_members_with_one_variant_name_are_duplicates() {
    let text = model(
        r#""t.e#OpInput": { "type": "structure", "members": { "e": { "target": "t.e#E" } } },
    "t.e#E": { "type": "enum", "members": { "FOO_BAR": { "target": "smithy.api#Unit" }, "FooBar": { "target": "smithy.api#Unit" } } }"#,
    );
    assert_rejected(
        &text,
        3,
        &["duplicate member", "`t.e#E$FooBar`", "`FOO_BAR`", "FooBar"],
    );
}

#[test]
fn model_without_a_service_is_invalid() {
    assert_rejected(
        r#"{ "smithy": "2.0", "shapes": { "t.e#A": { "type": "structure" } } }"#,
        3,
        &["invalid model", "no service"],
    );
}

#[test]
fn malformed_trait_value_is_an_invalid_trait() {
    let text = model(r#""t.e#OpInput": { "type": "structure" }"#).replace(
        r#""smithy.api#error": "client""#,
        r#""smithy.api#error": "client", "smithy.api#httpError": 4000"#,
    );
    assert_rejected(
        &text,
        3,
        &["invalid trait", "`t.e#Oops`", "smithy.api#httpError"],
    );
}

#[test]
fn malformed_documentation_names_its_shape() {
    let text = model(
        r#""t.e#OpInput": { "type": "structure", "traits": { "smithy.api#documentation": 42 } }"#,
    );
    assert_rejected(
        &text,
        3,
        &["invalid trait", "smithy.api#documentation", "`t.e#OpInput`"],
    );
}

// ---------------------------------------------------------------------------------------
// Output directories: `--check` and rewriting only what changed.

#[test]
fn check_on_an_up_to_date_directory_succeeds_and_writes_nothing() {
    let generated = generate_good();
    let before = dir_state(&generated.out);
    let output = codegen(&generated.good, &generated.out, &["--check"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(String::from_utf8_lossy(&output.stdout).contains("up to date"));
    assert!(dir_state(&generated.out) == before);
}

#[test]
fn check_on_a_stale_directory_names_every_stale_file() {
    let generated = generate_good();
    let out = &generated.out;
    let preamble = codegen::output::PREAMBLE;
    fs::write(out.join("src/types/mod.rs"), "// edited by hand\n").expect("edit");
    fs::remove_file(out.join("src/error.rs")).expect("remove");
    fs::write(
        out.join("src/old_module.rs"),
        format!("{preamble}\npub struct Old;\n"),
    )
    .expect("stale");
    fs::write(out.join("src/hand_written.rs"), "pub struct Mine;\n").expect("user file");
    let before = dir_state(out);

    let output = codegen(&generated.good, out, &["--check"]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    let expected = [
        format!("out of date: {}", out.join("src/types/mod.rs").display()),
        format!("missing: {}", out.join("src/error.rs").display()),
        format!(
            "no longer generated: {}",
            out.join("src/old_module.rs").display()
        ),
    ];
    for line in &expected {
        assert!(err.contains(line.as_str()), "stderr lacks {line:?}:\n{err}");
    }
    let listed = err.lines().filter(|l| l.starts_with("  ")).count();
    assert_eq!(
        listed,
        expected.len(),
        "exactly the stale files are listed:\n{err}"
    );
    assert!(
        !err.contains("hand_written.rs"),
        "a file without the preamble is not the generator's:\n{err}"
    );
    assert!(dir_state(out) == before, "--check must not write");
}

#[test]
fn a_plain_run_rewrites_only_what_changed() {
    let generated = generate_good();
    let out = &generated.out;
    let preamble = codegen::output::PREAMBLE;
    // Age every file, so that a rewrite shows in the mtime whatever the clock's resolution.
    let past = SystemTime::now() - Duration::from_secs(3600);
    for path in dir_state(out).keys() {
        fs::File::options()
            .write(true)
            .open(out.join(path))
            .and_then(|f| f.set_modified(past))
            .expect("set mtime");
    }
    let pristine = dir_state(out);
    fs::write(out.join("src/types/mod.rs"), "// edited by hand\n").expect("edit");
    fs::write(
        out.join("src/old_module.rs"),
        format!("{preamble}\npub struct Old;\n"),
    )
    .expect("stale");
    fs::write(out.join("src/hand_written.rs"), "pub struct Mine;\n").expect("user file");
    let hand_written = fs::read(out.join("src/hand_written.rs")).expect("read");

    let output = codegen(&generated.good, out, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let summary = String::from_utf8_lossy(&output.stdout);
    assert!(
        summary.contains("2 written or removed"),
        "one rewrite, one removal: {summary}"
    );

    let after = dir_state(out);
    assert!(
        !out.join("src/old_module.rs").exists(),
        "a file the generator no longer writes is removed"
    );
    assert_eq!(
        fs::read(out.join("src/hand_written.rs")).expect("kept"),
        hand_written,
        "files without the preamble are kept"
    );
    for (path, (contents, modified)) in &pristine {
        let (now_contents, now_modified) = &after[path];
        assert_eq!(
            now_contents,
            contents,
            "{} has the generated contents",
            path.display()
        );
        if path == Path::new("src/types/mod.rs") {
            assert_ne!(now_modified, modified, "the edited file is rewritten");
        } else {
            assert_eq!(
                now_modified,
                modified,
                "{} was unchanged and must not be rewritten",
                path.display()
            );
        }
    }
    let leftovers: Vec<&PathBuf> = after
        .keys()
        .filter(|p| p.to_string_lossy().contains("codegen-tmp"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "temporary files left behind: {leftovers:?}"
    );
}

#[test]
fn usage_errors_exit_1() {
    for args in [
        &["codegen", "--bogus"][..],
        &["codegen", "--model"][..],
        &["frobnicate"][..],
    ] {
        let output = xtask(args);
        assert_eq!(
            output.status.code(),
            Some(1),
            "{args:?}: {}",
            stderr(&output)
        );
        assert!(
            stderr(&output).starts_with("error: "),
            "{args:?}: {}",
            stderr(&output)
        );
    }
    let temp = tempfile::tempdir().expect("a temporary directory");
    let missing = temp.path().join("missing.json");
    let output = codegen(&missing, &temp.path().join("out"), &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("cannot read model") && stderr(&output).contains("missing.json"),
        "{}",
        stderr(&output)
    );
    assert!(
        !temp.path().join("out").exists(),
        "nothing is created when the model cannot be read"
    );
}
