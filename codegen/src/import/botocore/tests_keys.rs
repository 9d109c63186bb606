//! Unit tests of the key table: every botocore key converted to the trait the
//! official models use, unknown keys as warnings, and the service's names.

use super::*;

fn document(edit: impl FnOnce(&mut Value)) -> String {
    let mut doc = json!({
        "version": "2.0",
        "metadata": {
            "apiVersion": "2020-01-01",
            "endpointPrefix": "demo",
            "jsonVersion": "1.0",
            "protocols": ["json"],
            "serviceFullName": "Demo",
            "serviceId": "Demo",
            "signatureVersion": "v4",
            "targetPrefix": "Demo_2020",
            "uid": "demo-2020-01-01",
        },
        "operations": {
            "Get": {
                "name": "Get",
                "http": {"method": "POST", "requestUri": "/"},
                "input": {"shape": "GetInput", "documentation": "ignored"},
                "output": {"shape": "GetOutput"},
                "errors": [{"shape": "Throttled", "exception": true}],
            },
        },
        "shapes": {
            "GetInput": {"type": "structure", "members": {
                "Arn": {"shape": "Text", "contextParam": {"name": "ResourceArn"}},
                "Spec": {"shape": "Json", "jsonvalue": true},
                "Header": {"shape": "Text", "location": "header", "locationName": "x-amz-h"},
                "Body": {"shape": "Text", "box": true},
            }, "payload": "Body"},
            "GetOutput": {"type": "structure", "members": {}},
            "Throttled": {
                "type": "structure", "members": {}, "exception": true,
                "error": {"code": "Throttling", "httpStatusCode": 429, "senderFault": true},
                "retryable": {"throttling": true},
            },
            "Text": {"type": "string"},
            "Json": {"type": "string"},
        },
    });
    edit(&mut doc);
    doc.to_string()
}

fn import(edit: impl FnOnce(&mut Value)) -> Imported {
    import_botocore(&document(edit), &[]).unwrap()
}

fn shape<'a>(imported: &'a Imported, name: &str) -> &'a Value {
    let id = format!("com.amazonaws.demo#{name}");
    &imported.model["shapes"][id.as_str()]
}

#[test]
fn botocore_keys_become_the_traits_of_the_official_models() {
    let imported = import(|doc| {
        let get = &mut doc["operations"]["Get"];
        get["readonly"] = true.into();
        get["deprecated"] = true.into();
        get["deprecatedSince"] = "2024-01-01".into();
        get["documentationUrl"] = "https://example.com/Get".into();
        get["staticContextParams"] = json!({"UseControlPlane": {"value": true}});
        get["operationContextParams"] = json!({"Arns": {"path": "Items[*].Arn"}});
        get["requestcompression"] = json!({"encodings": ["gzip"]});
        get["httpChecksum"] =
            json!({"requestChecksumRequired": true, "requestAlgorithmMember": "Algo"});
        get["auth"] = json!(["smithy.api#noAuth"]);
        get["authtype"] = "none".into();
        get["endpointdiscovery"] = json!({});
        doc["metadata"]["auth"] = json!(["aws.auth#sigv4a", "aws.auth#sigv4"]);
        doc["metadata"]["protocolSettings"] = json!({"h2": "eventstream"});
        doc["clientContextParams"] =
            json!({"Accel": {"type": "boolean", "documentation": "Fast."}});
    });
    assert_eq!(imported.warnings, []);
    let op = &shape(&imported, "Get")["traits"];
    assert_eq!(
        *op,
        json!({
            "aws.api#clientDiscoveredEndpoint": {"required": false},
            "aws.protocols#httpChecksum": {"requestAlgorithmMember": "Algo", "requestChecksumRequired": true},
            "smithy.api#auth": [],
            "smithy.api#deprecated": {"since": "2024-01-01"},
            "smithy.api#externalDocumentation": {"API Reference": "https://example.com/Get"},
            "smithy.api#readonly": {},
            "smithy.api#requestCompression": {"encodings": ["gzip"]},
            "smithy.rules#operationContextParams": {"Arns": {"path": "Items[*].Arn"}},
            "smithy.rules#staticContextParams": {"UseControlPlane": {"value": true}},
        })
    );
    let service = &shape(&imported, "Demo_2020")["traits"];
    assert_eq!(service["aws.auth#sigv4a"], json!({"name": "demo"}));
    assert_eq!(service["aws.auth#sigv4"], json!({"name": "demo"}));
    assert_eq!(
        service["smithy.api#auth"],
        json!(["aws.auth#sigv4a", "aws.auth#sigv4"])
    );
    assert_eq!(
        service["aws.protocols#awsJson1_0"],
        json!({"eventStreamHttp": ["h2"]})
    );
    assert_eq!(
        service["smithy.rules#clientContextParams"],
        json!({"Accel": {"type": "boolean", "documentation": "Fast."}})
    );

    let input = &shape(&imported, "GetInput")["members"];
    assert_eq!(
        input["Arn"]["traits"],
        json!({"smithy.rules#contextParam": {"name": "ResourceArn"}})
    );
    assert_eq!(
        input["Header"]["traits"],
        json!({"smithy.api#httpHeader": "x-amz-h"})
    );
    assert_eq!(
        input["Body"]["traits"],
        json!({"smithy.api#httpPayload": {}})
    );
    assert_eq!(input["Spec"].get("traits"), None);
    assert_eq!(
        shape(&imported, "Json")["traits"],
        json!({"smithy.api#mediaType": "application/json"}),
        "jsonvalue on a member is the target's media type"
    );
    assert_eq!(
        shape(&imported, "Throttled")["traits"],
        json!({
            "aws.protocols#awsQueryError": {"code": "Throttling", "httpResponseCode": 429},
            "smithy.api#error": "client",
            "smithy.api#httpError": 429,
            "smithy.api#retryable": {"throttling": true},
        })
    );
}

#[test]
fn unknown_keys_are_warnings_naming_their_path_and_the_import_goes_on() {
    let imported = import(|doc| {
        doc["newTopLevel"] = 1.into();
        doc["metadata"]["newMetadata"] = "x".into();
        doc["operations"]["Get"]["newOperationKey"] = json!({"a": 1});
        doc["operations"]["Get"]["errors"][0]["newRef"] = true.into();
        doc["shapes"]["Text"]["newShapeKey"] = true.into();
        doc["shapes"]["GetInput"]["members"]["Arn"]["newKey"] = true.into();
        doc["shapes"]["GetInput"]["members"]["Arn"]["contextParam"]["newField"] = true.into();
        doc["shapes"]["Throttled"]["error"]["newErrorField"] = 1.into();
        doc["operations"]["Get"]["httpChecksum"] = json!({"newAlgorithmKey": ["x"]});
        doc["operations"]["Get"]["authtype"] = "quantum".into();
    });
    let warnings: Vec<String> = imported.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        [
            "newTopLevel: unknown botocore key `newTopLevel`, ignored",
            "metadata.newMetadata: unknown botocore key `newMetadata`, ignored",
            "operations.Get.newOperationKey: unknown botocore key `newOperationKey`, ignored",
            "operations.Get.errors[0].newRef: unknown botocore key `newRef`, ignored",
            "operations.Get.httpChecksum.newAlgorithmKey: unknown botocore key `newAlgorithmKey`, ignored",
            "operations.Get.authtype: unknown auth type `quantum`, ignored",
            "shapes.GetInput.members.Arn.newKey: unknown botocore key `newKey`, ignored",
            "shapes.GetInput.members.Arn.contextParam.newField: unknown botocore key `newField`, ignored",
            "shapes.Text.newShapeKey: unknown botocore key `newShapeKey`, ignored",
            "shapes.Throttled.error.newErrorField: unknown botocore key `newErrorField`, ignored",
        ]
    );
    assert!(
        shape(&imported, "Text").is_object(),
        "the shape is still imported"
    );
}

#[test]
fn malformed_values_of_known_keys_stay_errors() {
    let err = |edit: fn(&mut Value)| {
        import_botocore(&document(edit), &[])
            .unwrap_err()
            .to_string()
    };
    assert_eq!(
        err(|doc| doc["operations"]["Get"]["readonly"] = "yes".into()),
        "operations.Get.readonly: expected true or false"
    );
    assert_eq!(
        err(|doc| doc["operations"]["Get"]["staticContextParams"] = json!({"P": {}})),
        "operations.Get.staticContextParams.P.value: missing"
    );
    assert_eq!(
        err(|doc| doc["shapes"]["GetInput"]["payload"] = "Nope".into()),
        "shapes.GetInput.payload: names no member of the structure (`Nope`)"
    );
}

#[test]
fn service_names_are_valid_smithy_ids_and_collisions_are_renamed() {
    let service_id = |edit: fn(&mut Value)| -> String {
        let imported = import(edit);
        let shapes = imported.model["shapes"].as_object().unwrap();
        let services: Vec<&String> = shapes
            .iter()
            .filter(|(_, s)| s["type"] == "service")
            .map(|(id, _)| id)
            .collect();
        services[0].clone()
    };
    assert_eq!(service_id(|_| {}), "com.amazonaws.demo#Demo_2020");
    assert_eq!(
        service_id(
            |doc| doc["metadata"]["targetPrefix"] = "com.amazonaws.demo.v2020.Demo_2020".into()
        ),
        "com.amazonaws.demo#Demo_2020",
        "a dotted targetPrefix: its last part, as the official models"
    );
    assert_eq!(
        service_id(|doc| doc["metadata"]["targetPrefix"] = "Demo-Api 2".into()),
        "com.amazonaws.demo#Demo_Api_2"
    );
    assert_eq!(
        service_id(|doc| doc["metadata"]["targetPrefix"] = "2020Demo".into()),
        "com.amazonaws.demo#_2020Demo"
    );
    assert_eq!(
        service_id(|doc| doc["metadata"]["serviceId"] = "3D Maps".into()),
        "com.amazonaws._3dmaps#Demo_2020"
    );
    assert_eq!(
        service_id(|doc| doc["metadata"]["targetPrefix"] = "Text".into()),
        "com.amazonaws.demo#TextService",
        "a shape has the name"
    );
    assert_eq!(
        service_id(|doc| {
            doc["metadata"]["targetPrefix"] = "Get".into();
            doc["shapes"]["GetService"] = json!({"type": "string"});
        }),
        "com.amazonaws.demo#GetService2",
        "an operation has the name, and a shape the first rename"
    );
}

#[test]
fn no_key_is_both_converted_and_ignored() {
    use keys::*;
    for place in [
        &ROOT,
        &METADATA,
        &OPERATION,
        &OPERATION_IO,
        &ERROR_REFERENCE,
        &SHAPE,
        &SHAPE_ERROR,
        &MEMBER,
        &COLLECTION_MEMBER,
    ] {
        for (key, why) in place.ignored {
            assert!(!place.converted.contains(key), "{key}");
            assert!(!why.is_empty(), "{key} needs a reason");
        }
    }
}
