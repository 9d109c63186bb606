//! Unit tests of the botocore importer, on a small inline service.

use super::super::to_json_text;
use super::shapes::enum_member_name;
use super::*;

/// A json-protocol service exercising every conversion, with `Other` and
/// `Unused` outside the closure of `MakeThing`.
fn service(shapes: Value) -> String {
    json!({
        "version": "2.0",
        "metadata": {
            "apiVersion": "2020-01-01",
            "endpointPrefix": "demo-api",
            "signingName": "demo",
            "jsonVersion": "1.1",
            "protocol": "smithy-rpc-v2-cbor",
            "protocols": ["smithy-rpc-v2-cbor", "json"],
            "serviceFullName": "Demo Service",
            "serviceId": "Demo Service",
            "signatureVersion": "v4",
            "targetPrefix": "DemoService_2020",
        },
        "documentation": "<p>Demo.</p>",
        "operations": {
            "MakeThing": {
                "name": "MakeThing",
                "http": {"method": "POST", "requestUri": "/"},
                "input": {"shape": "MakeThingRequest"},
                "errors": [{"shape": "Boom"}, {"shape": "BadThing"}],
                "documentation": "<p>Makes.</p>",
                "deprecated": true,
                "idempotent": true,
            },
            "Other": {"name": "Other", "input": {"shape": "Unused"}, "output": {"shape": "MakeThingRequest"}},
        },
        "shapes": shapes,
    })
    .to_string()
}

fn demo_shapes() -> Value {
    json!({
        "MakeThingRequest": {
            "type": "structure",
            "required": ["Name"],
            "members": {
                "Name": {"shape": "Name", "documentation": "<p>The name.</p>"},
                "Kind": {"shape": "Kind", "deprecated": true, "deprecatedMessage": "Use Name."},
                "Token": {"shape": "Name", "idempotencyToken": true},
                "Tags": {"shape": "Tags", "locationName": "tags"},
                "Attrs": {"shape": "Attrs", "box": true},
                "Choice": {"shape": "Choice"},
                "When": {"shape": "When", "timestampFormat": "unixTimestamp"},
            },
            "documentation": "<p>Shape docs.</p>",
        },
        "Name": {"type": "string", "min": 1, "max": 64, "pattern": "^[a-z]+$", "sensitive": true},
        "Kind": {"type": "string", "enum": ["ALWAYS_ON", "PoolName", "tag-key", "2x.large"]},
        "Tags": {"type": "list", "member": {"shape": "Name"}, "max": 10},
        "Attrs": {"type": "map", "key": {"shape": "Name"}, "value": {"shape": "Count"}},
        "Count": {"type": "integer", "min": 1, "max": 25},
        "Choice": {"type": "structure", "union": true, "members": {"Doc": {"shape": "Doc"}, "N": {"shape": "Count"}}},
        "Doc": {"type": "structure", "members": {}, "document": true},
        "When": {"type": "timestamp"},
        "BadThing": {"type": "structure", "members": {"message": {"shape": "Name"}}, "exception": true},
        "Boom": {"type": "structure", "members": {}, "exception": true, "fault": true, "error": {"httpStatusCode": 500}},
        "Unused": {"type": "structure", "members": {}},
    })
}

fn import(shapes: Value, operations: &[&str]) -> Result<Value, ImportError> {
    let operations: Vec<String> = operations.iter().map(ToString::to_string).collect();
    let imported = import_botocore(&service(shapes), &operations)?;
    assert_eq!(
        imported.warnings,
        [],
        "the demo service uses known keys only"
    );
    Ok(imported.model)
}

#[test]
fn converts_the_closure_of_an_operation() {
    let ns = "com.amazonaws.demoservice";
    let id = |name: &str| format!("{ns}#{name}");
    let expected = json!({
        "smithy": "2.0",
        "shapes": {
            id("Attrs"): {"type": "map", "key": {"target": id("Name")}, "value": {"target": id("Count")}},
            id("BadThing"): {"type": "structure", "members": {"message": {"target": id("Name")}}, "traits": {"smithy.api#error": "client"}},
            id("Boom"): {"type": "structure", "members": {}, "traits": {"smithy.api#error": "server", "smithy.api#httpError": 500}},
            id("Choice"): {"type": "union", "members": {"Doc": {"target": id("Doc")}, "N": {"target": id("Count")}}},
            id("Count"): {"type": "integer", "traits": {"smithy.api#range": {"min": 1, "max": 25}}},
            id("DemoService_2020"): {
                "type": "service",
                "version": "2020-01-01",
                "operations": [{"target": id("MakeThing")}],
                "traits": {
                    "aws.api#service": {"sdkId": "Demo Service", "arnNamespace": "demo", "endpointPrefix": "demo-api"},
                    "aws.auth#sigv4": {"name": "demo"},
                    "aws.protocols#awsJson1_1": {},
                    "smithy.api#documentation": "<p>Demo.</p>",
                    "smithy.api#title": "Demo Service",
                    "smithy.protocols#rpcv2Cbor": {},
                },
            },
            id("Doc"): {"type": "document"},
            id("Kind"): {"type": "enum", "members": {
                "ALWAYS_ON": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "ALWAYS_ON"}},
                "PoolName": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "PoolName"}},
                "tag_key": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "tag-key"}},
                "_2x_large": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "2x.large"}},
            }},
            id("MakeThing"): {
                "type": "operation",
                "input": {"target": id("MakeThingRequest")},
                "output": {"target": "smithy.api#Unit"},
                "errors": [{"target": id("BadThing")}, {"target": id("Boom")}],
                "traits": {
                    "smithy.api#deprecated": {},
                    "smithy.api#documentation": "<p>Makes.</p>",
                    "smithy.api#idempotent": {},
                },
            },
            id("MakeThingRequest"): {
                "type": "structure",
                "members": {
                    "Name": {"target": id("Name"), "traits": {"smithy.api#documentation": "<p>The name.</p>", "smithy.api#required": {}}},
                    "Kind": {"target": id("Kind"), "traits": {"smithy.api#deprecated": {"message": "Use Name."}}},
                    "Token": {"target": id("Name"), "traits": {"smithy.api#idempotencyToken": {}}},
                    "Tags": {"target": id("Tags"), "traits": {"smithy.api#jsonName": "tags"}},
                    "Attrs": {"target": id("Attrs")},
                    "Choice": {"target": id("Choice")},
                    "When": {"target": id("When"), "traits": {"smithy.api#timestampFormat": "epoch-seconds"}},
                },
                // No @input: `Other` uses it as its output too.
                "traits": {"smithy.api#documentation": "<p>Shape docs.</p>"},
            },
            id("Name"): {"type": "string", "traits": {
                "smithy.api#length": {"min": 1, "max": 64},
                "smithy.api#pattern": "^[a-z]+$",
                "smithy.api#sensitive": {},
            }},
            id("Tags"): {"type": "list", "member": {"target": id("Name")}, "traits": {"smithy.api#length": {"max": 10}}},
            id("When"): {"type": "timestamp"},
        },
    });
    let model = import(demo_shapes(), &["MakeThing"]).unwrap();
    assert_eq!(to_json_text(&model), to_json_text(&expected));
}

#[test]
fn no_operations_means_all_and_input_output_traits_go_where_smithy_allows() {
    let model = import(demo_shapes(), &[]).unwrap();
    let shapes = model["shapes"].as_object().unwrap();
    assert_eq!(shapes.len(), 15);
    let traits = |name: &str| {
        shapes[&format!("com.amazonaws.demoservice#{name}")]
            .get("traits")
            .cloned()
    };
    assert_eq!(traits("Unused"), Some(json!({"smithy.api#input": {}})));
    assert_eq!(traits("Doc"), None, "documents take no @input/@output");
    let service = &shapes["com.amazonaws.demoservice#DemoService_2020"];
    assert_eq!(
        service["operations"],
        json!([
            {"target": "com.amazonaws.demoservice#MakeThing"},
            {"target": "com.amazonaws.demoservice#Other"},
        ])
    );
}

#[test]
fn errors_name_the_place() {
    let err = |shapes: Value, ops: &[&str]| import(shapes, ops).unwrap_err().to_string();
    assert_eq!(
        err(demo_shapes(), &["MakeThing", "Nope"]),
        "unknown operation `Nope`: the model does not define it"
    );

    let mut shapes = demo_shapes();
    shapes["Tags"]["member"]["shape"] = "Missing".into();
    assert_eq!(
        err(shapes, &["MakeThing"]),
        "shapes.Tags.member.shape: refers to `Missing`, which the model does not define"
    );

    let mut shapes = demo_shapes();
    shapes["Count"]["type"] = "bigdecimal".into();
    assert_eq!(
        err(shapes, &["MakeThing"]),
        "shapes.Count.type: unknown botocore shape type `bigdecimal`"
    );

    let mut shapes = demo_shapes();
    shapes["MakeThingRequest"]["members"]["Name"]["idempotencyToken"] = "yes".into();
    assert_eq!(
        err(shapes, &["MakeThing"]),
        "shapes.MakeThingRequest.members.Name.idempotencyToken: expected true or false"
    );

    let mut shapes = demo_shapes();
    shapes["BadThing"]["retryable"] = json!({"throttling": 1});
    shapes["BadThing"]["exception"] = true.into();
    assert_eq!(
        err(shapes, &["MakeThing"]),
        "shapes.BadThing.retryable.throttling: expected true or false"
    );

    let mut shapes = demo_shapes();
    shapes["MakeThingRequest"]["required"] = json!(["Name", "Nmae"]);
    assert_eq!(
        err(shapes, &["MakeThing"]),
        "shapes.MakeThingRequest.required[1]: names no member of the structure (`Nmae`)"
    );

    let mut shapes = demo_shapes();
    shapes["Kind"]["enum"] = json!(["a-b", "a.b"]);
    assert_eq!(
        err(shapes, &["MakeThing"]),
        "shapes.Kind.enum[1]: `a-b` and `a.b` both make the member name `a_b`"
    );

    let mut shapes = demo_shapes();
    shapes["When"]["max"] = 3.into();
    assert_eq!(
        err(shapes, &["MakeThing"]),
        "shapes.When: min/max on a `timestamp` shape"
    );
}

#[test]
fn only_the_json_protocol_is_supported() {
    let mut doc: Value = serde_json::from_str(&service(demo_shapes())).unwrap();
    doc["metadata"]["protocols"] = json!(["rest-json"]);
    let err = import_botocore(&doc.to_string(), &[]).unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"metadata.protocols: no supported protocol in ["rest-json"]: `json` (awsJson 1.0/1.1) and `smithy-rpc-v2-cbor` are"#
    );
    doc["metadata"]["protocols"] = json!(["json"]);
    doc["metadata"]["jsonVersion"] = "1.0".into();
    let model = import_botocore(&doc.to_string(), &[]).unwrap().model;
    let traits = &model["shapes"]["com.amazonaws.demoservice#DemoService_2020"]["traits"];
    assert!(traits.get("aws.protocols#awsJson1_0").is_some(), "{traits}");
}

#[test]
fn malformed_json_is_reported_with_its_position() {
    let err = import_botocore("{\"metadata\": {]", &[]).unwrap_err();
    assert!(
        matches!(
            err,
            ImportError::Json {
                line: 1,
                column: 15,
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn enum_member_names_follow_the_official_models() {
    assert_eq!(enum_member_name("AUTO_STOP").as_deref(), Some("AUTO_STOP"));
    assert_eq!(enum_member_name("PoolName").as_deref(), Some("PoolName"));
    assert_eq!(enum_member_name("tag-key").as_deref(), Some("tag_key"));
    assert_eq!(
        enum_member_name("Bytes/Second").as_deref(),
        Some("Bytes_Second")
    );
    assert_eq!(
        enum_member_name("ValidationError.InsufficientMemory").as_deref(),
        Some("ValidationError_InsufficientMemory")
    );
    assert_eq!(enum_member_name("4xlarge").as_deref(), Some("_4xlarge"));
    assert_eq!(enum_member_name("*"), None);
    assert_eq!(enum_member_name(""), None);
}
