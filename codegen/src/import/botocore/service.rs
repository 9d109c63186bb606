//! The service shape: `metadata` and the document's own keys.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use super::super::{ImportError, invalid, sorted_object};
use super::shapes::documentation_and_deprecation;
use super::{Obj, Service, keys};

const SIGV4: &str = "aws.auth#sigv4";
const SIGV4A: &str = "aws.auth#sigv4a";
const BEARER: &str = "smithy.api#httpBearerAuth";

pub(super) fn service_shape(
    root: &Obj,
    metadata: &Obj,
    service: &Service,
    operations: &[&str],
) -> Result<Value, ImportError> {
    let endpoint_prefix = metadata.req_str("endpointPrefix")?;
    let signing_name = metadata.str("signingName")?.unwrap_or(endpoint_prefix);
    let mut traits = BTreeMap::new();
    // cloudFormationName and cloudTrailEventSource are not in botocore; docId
    // (`uid`) is left out on purpose, see keys::METADATA.
    traits.insert(
        "aws.api#service".to_string(),
        json!({
            "sdkId": metadata.req_str("serviceId")?,
            "arnNamespace": signing_name,
            "endpointPrefix": endpoint_prefix,
        }),
    );
    auth_traits(metadata, service, signing_name, &mut traits)?;
    for (protocol, settings) in protocol_traits(metadata, service)? {
        traits.insert(protocol.to_string(), settings);
    }
    if metadata.has("awsQueryCompatible") {
        traits.insert("aws.protocols#awsQueryCompatible".to_string(), json!({}));
    }
    if let Some(title) = metadata.str("serviceFullName")? {
        traits.insert("smithy.api#title".to_string(), title.into());
    }
    documentation_and_deprecation(root, &mut traits)?;
    if let Some(uri) = metadata.str("xmlNamespace")? {
        traits.insert("smithy.api#xmlNamespace".to_string(), json!({ "uri": uri }));
    }
    if let Some(params) = root.obj("clientContextParams")? {
        let mut converted = Map::new();
        for (name, param) in params.children()? {
            service.check(&param, &keys::CLIENT_CONTEXT_PARAM);
            let mut out = Map::new();
            out.insert("type".into(), param.req_str("type")?.into());
            if let Some(doc) = param.str("documentation")? {
                out.insert("documentation".into(), doc.into());
            }
            converted.insert(name.to_string(), out.into());
        }
        traits.insert(
            "smithy.rules#clientContextParams".to_string(),
            converted.into(),
        );
    }
    if let Some(discovery) = endpoint_operation(service, operations)? {
        traits.insert(
            "aws.api#clientEndpointDiscovery".to_string(),
            json!({ "operation": service.id(discovery) }),
        );
    }
    let operations: Vec<Value> = operations
        .iter()
        .map(|op| json!({ "target": service.id(op) }))
        .collect();
    Ok(json!({
        "type": "service",
        "version": metadata.req_str("apiVersion")?,
        "operations": operations,
        "traits": sorted_object(traits),
    }))
}

/// The operation marked `endpointoperation`, when it is imported (Smithy's
/// `clientEndpointDiscovery` must name a bound operation).
fn endpoint_operation<'a>(
    service: &Service,
    operations: &[&'a str],
) -> Result<Option<&'a str>, ImportError> {
    for &name in operations {
        if service.operation(name)?.flag("endpointoperation")? {
            return Ok(Some(name));
        }
    }
    Ok(None)
}

/// The auth scheme traits: `metadata.auth` (botocore's list of Smithy scheme
/// ids, in priority order), else `signatureVersion`. Several schemes also get
/// `@auth` with their order.
fn auth_traits(
    metadata: &Obj,
    service: &Service,
    signing_name: &str,
    traits: &mut BTreeMap<String, Value>,
) -> Result<(), ImportError> {
    let listed = metadata.strings("auth")?;
    let schemes: Vec<(String, &str)> = if listed.is_empty() {
        let Some(version) = metadata.str("signatureVersion")? else {
            return Ok(());
        };
        let scheme = match version {
            "v4" | "s3v4" => SIGV4,
            "v4a" => SIGV4A,
            "bearer" => BEARER,
            other => {
                service.warn(
                    metadata.at("signatureVersion"),
                    format!("no Smithy auth trait for `{other}`, ignored"),
                );
                return Ok(());
            }
        };
        vec![(metadata.at("signatureVersion"), scheme)]
    } else {
        listed
    };
    let mut order = Vec::new();
    for (path, scheme) in schemes {
        let value = match scheme {
            SIGV4 | SIGV4A => json!({ "name": signing_name }),
            BEARER => json!({}),
            other => {
                service.warn(path, format!("unknown auth scheme `{other}`, ignored"));
                continue;
            }
        };
        traits.insert(scheme.to_string(), value);
        order.push(Value::from(scheme));
    }
    if order.len() > 1 {
        traits.insert("smithy.api#auth".to_string(), order.into());
    }
    Ok(())
}

/// The protocols of botocore's list that Smithy has traits for and the generator
/// speaks: `json` (awsJson 1.0 or 1.1, by `jsonVersion`) and `smithy-rpc-v2-cbor`
/// (WorkSpaces lists it first; a few services list only it). Each trait's value says
/// which HTTP versions `protocolSettings.h2` asks for.
fn protocol_traits(
    metadata: &Obj,
    service: &Service,
) -> Result<Vec<(&'static str, Value)>, ImportError> {
    let listed = metadata.strings("protocols")?;
    let protocols: Vec<&str> = if listed.is_empty() {
        vec![metadata.req_str("protocol")?]
    } else {
        listed.into_iter().map(|(_, p)| p).collect()
    };
    let (json, cbor) = (
        protocols.contains(&"json"),
        protocols.contains(&"smithy-rpc-v2-cbor"),
    );
    if !json && !cbor {
        return Err(invalid(
            metadata.at("protocols"),
            format!(
                "no supported protocol in {protocols:?}: `json` (awsJson 1.0/1.1) and `smithy-rpc-v2-cbor` are"
            ),
        ));
    }
    let json_trait = if json {
        Some(match metadata.req_str("jsonVersion")? {
            "1.0" => "aws.protocols#awsJson1_0",
            "1.1" => "aws.protocols#awsJson1_1",
            other => {
                return Err(invalid(
                    metadata.at("jsonVersion"),
                    format!("unknown JSON version `{other}`"),
                ));
            }
        })
    } else {
        None
    };
    let mut settings = Map::new();
    if let Some(protocol_settings) = metadata.obj("protocolSettings")? {
        service.check(&protocol_settings, &keys::PROTOCOL_SETTINGS);
        match protocol_settings.str("h2")? {
            None => {}
            Some("eventstream") => {
                settings.insert("eventStreamHttp".into(), json!(["h2"]));
            }
            Some("required") => {
                settings.insert("http".into(), json!(["h2"]));
                settings.insert("eventStreamHttp".into(), json!(["h2"]));
            }
            Some("optional") => {
                settings.insert("http".into(), json!(["h2", "http/1.1"]));
            }
            Some(other) => service.warn(
                protocol_settings.at("h2"),
                format!("unknown HTTP/2 setting `{other}`, ignored"),
            ),
        }
    }
    let settings = Value::from(settings);
    let mut traits = Vec::new();
    if let Some(json_trait) = json_trait {
        traits.push((json_trait, settings.clone()));
    }
    if cbor {
        traits.push(("smithy.protocols#rpcv2Cbor", settings));
    }
    Ok(traits)
}
