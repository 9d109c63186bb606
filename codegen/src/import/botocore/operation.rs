//! Operation shapes: input, output, errors and the operation's traits.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value, json};

use super::super::ImportError;
use super::shapes::{documentation_and_deprecation, finish_shape};
use super::{Obj, Service, UNIT, Use, keys, operation_references};

pub(super) fn operation_shape(service: &Service, name: &str) -> Result<Value, ImportError> {
    let op = service.operation(name)?;
    service.check(&op, &keys::OPERATION);
    for key in ["input", "output"] {
        if let Some(reference) = op.obj(key)? {
            service.check(&reference, &keys::OPERATION_IO);
        }
    }
    for (path, error) in op.items("errors")? {
        service.check(&Obj::new(error, path)?, &keys::ERROR_REFERENCE);
    }
    let target = |key: &str| -> Result<String, ImportError> {
        Ok(op
            .shape_ref(key)?
            .map_or(UNIT.to_string(), |(_, shape)| service.id(shape)))
    };
    let mut shape = Map::new();
    shape.insert("type".into(), "operation".into());
    shape.insert("input".into(), json!({ "target": target("input")? }));
    shape.insert("output".into(), json!({ "target": target("output")? }));
    let errors: BTreeSet<String> = operation_references(&op)?
        .into_iter()
        .filter(|(role, _, _)| *role == Use::Other)
        .map(|(_, _, error)| service.id(error))
        .collect();
    if !errors.is_empty() {
        let errors: Vec<Value> = errors
            .into_iter()
            .map(|id| json!({ "target": id }))
            .collect();
        shape.insert("errors".into(), errors.into());
    }
    let mut traits = BTreeMap::new();
    documentation_and_deprecation(&op, &mut traits)?;
    if let Some(url) = op.str("documentationUrl")? {
        traits.insert(
            "smithy.api#externalDocumentation".to_string(),
            json!({ "API Reference": url }),
        );
    }
    for (key, trait_id) in [
        ("idempotent", "smithy.api#idempotent"),
        ("readonly", "smithy.api#readonly"),
        ("httpChecksumRequired", "smithy.api#httpChecksumRequired"),
        ("unsignedPayload", "aws.auth#unsignedPayload"),
    ] {
        if op.flag(key)? {
            traits.insert(trait_id.to_string(), json!({}));
        }
    }
    if let Some(endpoint) = op.obj("endpoint")? {
        service.check(&endpoint, &keys::ENDPOINT);
        let host_prefix = endpoint.req_str("hostPrefix")?;
        traits.insert(
            "smithy.api#endpoint".to_string(),
            json!({ "hostPrefix": host_prefix }),
        );
    }
    if let Some(discovery) = op.obj("endpointdiscovery")? {
        service.check(&discovery, &keys::ENDPOINT_DISCOVERY);
        traits.insert(
            "aws.api#clientDiscoveredEndpoint".to_string(),
            json!({ "required": discovery.flag("required")? }),
        );
    }
    context_params(service, &op, &mut traits)?;
    if let Some(compression) = op.obj("requestcompression")? {
        service.check(&compression, &keys::REQUEST_COMPRESSION);
        let encodings: Vec<&str> = compression
            .strings("encodings")?
            .into_iter()
            .map(|(_, e)| e)
            .collect();
        traits.insert(
            "smithy.api#requestCompression".to_string(),
            json!({ "encodings": encodings }),
        );
    }
    if let Some(checksum) = op.obj("httpChecksum")? {
        traits.insert(
            "aws.protocols#httpChecksum".to_string(),
            http_checksum(service, &checksum)?,
        );
    }
    auth(service, &op, &mut traits)?;
    Ok(finish_shape(shape, traits))
}

/// `staticContextParams` and `operationContextParams`: endpoint rule parameters
/// the operation sets, by a constant or by a path into the input.
fn context_params(
    service: &Service,
    op: &Obj,
    traits: &mut BTreeMap<String, Value>,
) -> Result<(), ImportError> {
    if let Some(params) = op.obj("staticContextParams")? {
        let mut converted = Map::new();
        for (name, param) in params.children()? {
            service.check(&param, &keys::STATIC_CONTEXT_PARAM);
            let value = param
                .map
                .get("value")
                .ok_or_else(|| super::invalid(param.at("value"), "missing"))?;
            converted.insert(name.to_string(), json!({ "value": value }));
        }
        traits.insert(
            "smithy.rules#staticContextParams".to_string(),
            converted.into(),
        );
    }
    if let Some(params) = op.obj("operationContextParams")? {
        let mut converted = Map::new();
        for (name, param) in params.children()? {
            service.check(&param, &keys::OPERATION_CONTEXT_PARAM);
            converted.insert(name.to_string(), json!({ "path": param.req_str("path")? }));
        }
        traits.insert(
            "smithy.rules#operationContextParams".to_string(),
            converted.into(),
        );
    }
    Ok(())
}

fn http_checksum(service: &Service, checksum: &Obj) -> Result<Value, ImportError> {
    service.check(checksum, &keys::HTTP_CHECKSUM);
    let mut out = Map::new();
    for key in ["requestAlgorithmMember", "requestValidationModeMember"] {
        if let Some(member) = checksum.str(key)? {
            out.insert(key.into(), member.into());
        }
    }
    if checksum.flag("requestChecksumRequired")? {
        out.insert("requestChecksumRequired".into(), true.into());
    }
    let algorithms: Vec<&str> = checksum
        .strings("responseAlgorithms")?
        .into_iter()
        .map(|(_, a)| a)
        .collect();
    if !algorithms.is_empty() {
        out.insert("responseAlgorithms".into(), algorithms.into());
    }
    Ok(out.into())
}

/// `auth` (Smithy scheme ids; `smithy.api#noAuth` alone means none, which
/// Smithy says as `@auth([])`), else the older `authtype`.
fn auth(
    service: &Service,
    op: &Obj,
    traits: &mut BTreeMap<String, Value>,
) -> Result<(), ImportError> {
    let schemes = op.strings("auth")?;
    if !schemes.is_empty() {
        let schemes: Vec<&str> = schemes
            .into_iter()
            .map(|(_, s)| s)
            .filter(|s| *s != "smithy.api#noAuth")
            .collect();
        traits.insert("smithy.api#auth".to_string(), schemes.into());
        return Ok(());
    }
    match op.str("authtype")? {
        None | Some("v4") => {}
        Some("none") => {
            traits.insert("smithy.api#auth".to_string(), json!([]));
        }
        Some("v4-unsigned-body") => {
            traits.insert("aws.auth#unsignedPayload".to_string(), json!({}));
        }
        Some("bearer") => {
            traits.insert(
                "smithy.api#auth".to_string(),
                json!(["smithy.api#httpBearerAuth"]),
            );
        }
        Some(other) => service.warn(
            op.at("authtype"),
            format!("unknown auth type `{other}`, ignored"),
        ),
    }
    Ok(())
}
