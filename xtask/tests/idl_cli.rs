//! The real `xtask` binary on Smithy IDL: `model to-json` writes the JSON AST of IDL
//! files, `codegen --model` generates from IDL files and directories exactly what it
//! generates from that JSON, and a syntax error names file, line and column and
//! writes nothing.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SERVICE: &str = r#"$version: "2.0"

namespace t.e

use aws.api#service
use aws.auth#sigv4
use aws.protocols#awsJson1_1

/// A small service.
@service(sdkId: "Idl Test")
@sigv4(name: "idltest")
@awsJson1_1
service IdlTest {
    version: "2024-01-01"
    operations: [PutThing]
}

operation PutThing {
    input := with [Named] {
        /// How many.
        @range(min: 1)
        count: Integer = 1
        tags: TagList
    }
    output := {}
    errors: [Oops]
}

@mixin
structure Named {
    @required
    name: String
}

list TagList {
    member: String
}

@error("client")
structure Oops {
    message: String
}
"#;

/// `aws.*` trait definitions: the model must name them, as Smithy's loader needs.
const AWS_TRAITS: &str = "../shared/reference/protocol-tests/smithy-aws-traits";

fn xtask(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .current_dir(xtask::workspace_root())
        .output()
        .expect("xtask runs")
}

fn scratch(name: &str) -> PathBuf {
    let dir = xtask::workspace_root().join("target/idl-cli").join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("scratch directory");
    dir
}

fn read_tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        for entry in fs::read_dir(&d).expect("dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let relative = path.strip_prefix(dir).unwrap().to_path_buf();
                files.push((relative, fs::read(&path).expect("file")));
            }
        }
    }
    files.sort();
    files
}

#[test]
fn idl_generates_what_its_json_generates() {
    let dir = scratch("generate");
    let model_dir = dir.join("model");
    fs::create_dir_all(&model_dir).unwrap();
    fs::write(model_dir.join("service.smithy"), SERVICE).unwrap();
    let root = xtask::workspace_root();
    let traits = root.join(AWS_TRAITS);
    let json = dir.join("model.json");

    let out = xtask(&[
        "model",
        "to-json",
        model_dir.to_str().unwrap(),
        "--dep",
        traits.to_str().unwrap(),
        "--out",
        json.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let model: serde_json::Value = serde_json::from_slice(&fs::read(&json).unwrap()).unwrap();
    let shapes = model["shapes"].as_object().unwrap();
    assert!(
        shapes.keys().all(|id| id.starts_with("t.e#")),
        "only the model's shapes: {shapes:?}"
    );
    let input = &shapes["t.e#PutThingInput"];
    assert_eq!(input["members"]["count"]["traits"]["smithy.api#default"], 1);
    assert_eq!(
        input["members"]["count"]["traits"]["smithy.api#documentation"],
        "How many."
    );
    assert_eq!(input["traits"]["smithy.api#input"], serde_json::json!({}));
    assert_eq!(input["mixins"][0]["target"], "t.e#Named");

    // From the IDL directory plus the trait definitions, and from the JSON (which
    // names aws.* traits without defining them, as botocore-made models do).
    let from_idl = dir.join("from-idl");
    let from_json = dir.join("from-json");
    for (out_dir, models) in [
        (
            &from_idl,
            vec![model_dir.to_str().unwrap(), traits.to_str().unwrap()],
        ),
        (&from_json, vec![json.to_str().unwrap()]),
    ] {
        let mut args = vec!["codegen", "--out", out_dir.to_str().unwrap()];
        for model in models {
            args.extend(["--model", model]);
        }
        let out = xtask(&args);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let (idl, json) = (read_tree(&from_idl), read_tree(&from_json));
    assert!(idl.len() > 10, "{} files", idl.len());
    assert!(
        idl == json,
        "the IDL and JSON forms generate different crates"
    );
}

#[test]
fn idl_errors_name_file_line_and_column_and_write_nothing() {
    let dir = scratch("errors");
    let broken = dir.join("broken.smithy");
    fs::write(
        &broken,
        "$version: \"2.0\"\nnamespace t.e\n\nstructure Foo {\n    a: String =\n}\n",
    )
    .unwrap();
    let out_dir = dir.join("out");
    let out = xtask(&[
        "codegen",
        "--model",
        broken.to_str().unwrap(),
        "--out",
        out_dir.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("broken.smithy") && stderr.contains("line 5, column 16"),
        "{stderr}"
    );
    assert!(!out_dir.exists(), "nothing is written");

    let json = dir.join("out.json");
    let out = xtask(&[
        "model",
        "to-json",
        broken.to_str().unwrap(),
        "--out",
        json.to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("line 5, column 16"));
    assert!(!json.exists());
}
