//! Shapes other than the service and operations: structures (and unions,
//! event streams, documents), collections, enums and simple types.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value, json};

use super::super::{ImportError, invalid, sorted_object};
use super::{Obj, Service, UNIT, keys};

pub(super) fn finish_shape(
    mut shape: Map<String, Value>,
    traits: BTreeMap<String, Value>,
) -> Value {
    if !traits.is_empty() {
        shape.insert("traits".into(), sorted_object(traits).into());
    }
    Value::Object(shape)
}

/// `documentation` and `deprecated` (with `deprecatedMessage` and
/// `deprecatedSince`), on any shape, member, operation or the document.
pub(super) fn documentation_and_deprecation(
    obj: &Obj,
    traits: &mut BTreeMap<String, Value>,
) -> Result<(), ImportError> {
    if let Some(doc) = obj.str("documentation")? {
        traits.insert("smithy.api#documentation".to_string(), doc.into());
    }
    if obj.flag("deprecated")? {
        let mut deprecated = Map::new();
        if let Some(message) = obj.str("deprecatedMessage")? {
            deprecated.insert("message".into(), message.into());
        }
        if let Some(since) = obj.str("deprecatedSince")? {
            deprecated.insert("since".into(), since.into());
        }
        traits.insert("smithy.api#deprecated".to_string(), deprecated.into());
    }
    Ok(())
}

fn timestamp_format(obj: &Obj, traits: &mut BTreeMap<String, Value>) -> Result<(), ImportError> {
    let Some(format) = obj.str("timestampFormat")? else {
        return Ok(());
    };
    let smithy = match format {
        "iso8601" => "date-time",
        "unixTimestamp" => "epoch-seconds",
        "rfc822" => "http-date",
        other => {
            return Err(invalid(
                obj.at("timestampFormat"),
                format!("unknown format `{other}`"),
            ));
        }
    };
    traits.insert("smithy.api#timestampFormat".to_string(), smithy.into());
    Ok(())
}

/// `xmlNamespace` of a shape or member: `{uri, prefix}`.
fn xml_namespace(
    service: &Service,
    obj: &Obj,
    traits: &mut BTreeMap<String, Value>,
) -> Result<(), ImportError> {
    let Some(namespace) = obj.obj("xmlNamespace")? else {
        return Ok(());
    };
    service.check(&namespace, &keys::XML_NAMESPACE);
    let mut value = Map::new();
    value.insert("uri".into(), namespace.req_str("uri")?.into());
    if let Some(prefix) = namespace.str("prefix")? {
        value.insert("prefix".into(), prefix.into());
    }
    traits.insert("smithy.api#xmlNamespace".to_string(), value.into());
    Ok(())
}

/// Boolean botocore keys that are a Smithy annotation trait of the same meaning.
fn flags(
    obj: &Obj,
    pairs: &[(&str, &str)],
    traits: &mut BTreeMap<String, Value>,
) -> Result<(), ImportError> {
    for (key, trait_id) in pairs {
        if obj.flag(key)? {
            traits.insert((*trait_id).to_string(), json!({}));
        }
    }
    Ok(())
}

/// Which trait botocore's `min`/`max` become on a shape of this type.
enum Bounds {
    Length,
    Range,
    None,
}

/// Converts shape `name`; `added` are traits its referring members imply
/// (see `target_traits`).
pub(super) fn convert_shape(
    service: &Service,
    name: &str,
    io_role: Option<&str>,
    mut traits: BTreeMap<String, Value>,
) -> Result<Value, ImportError> {
    let shape = service.shapes.req_obj(name)?;
    service.check(&shape, &keys::SHAPE);
    let botocore_type = shape.req_str("type")?;
    let mut out = Map::new();
    documentation_and_deprecation(&shape, &mut traits)?;
    flags(
        &shape,
        &[
            ("sensitive", "smithy.api#sensitive"),
            ("streaming", "smithy.api#streaming"),
            ("sparse", "smithy.api#sparse"),
            ("requiresLength", "smithy.api#requiresLength"),
        ],
        &mut traits,
    )?;
    if let Some(xml_name) = shape.str("locationName")? {
        traits.insert("smithy.api#xmlName".to_string(), xml_name.into());
    }
    xml_namespace(service, &shape, &mut traits)?;
    let bounds = match botocore_type {
        "structure" => {
            structure(service, &shape, io_role, &mut out, &mut traits)?;
            Bounds::None
        }
        "list" => {
            out.insert("type".into(), "list".into());
            out.insert(
                "member".into(),
                collection_member(service, &shape, "member")?,
            );
            Bounds::Length
        }
        "map" => {
            out.insert("type".into(), "map".into());
            out.insert("key".into(), collection_member(service, &shape, "key")?);
            out.insert("value".into(), collection_member(service, &shape, "value")?);
            Bounds::Length
        }
        "string" if shape.has("enum") => {
            out.insert("type".into(), "enum".into());
            out.insert("members".into(), enum_members(&shape)?.into());
            Bounds::Length
        }
        "string" | "blob" => {
            out.insert("type".into(), botocore_type.into());
            Bounds::Length
        }
        "integer" | "long" | "float" | "double" => {
            out.insert("type".into(), botocore_type.into());
            Bounds::Range
        }
        "boolean" | "timestamp" => {
            out.insert("type".into(), botocore_type.into());
            Bounds::None
        }
        other => {
            return Err(ImportError::UnknownType {
                path: shape.at("type"),
                type_name: other.to_string(),
            });
        }
    };
    let (min, max) = (shape.number("min")?, shape.number("max")?);
    if min.is_some() || max.is_some() {
        let trait_name = match bounds {
            Bounds::Length => "smithy.api#length",
            Bounds::Range => "smithy.api#range",
            Bounds::None => {
                return Err(invalid(
                    shape.path,
                    format!("min/max on a `{botocore_type}` shape"),
                ));
            }
        };
        let mut limits = Map::new();
        limits.extend(min.map(|n| ("min".to_string(), Value::Number(n.clone()))));
        limits.extend(max.map(|n| ("max".to_string(), Value::Number(n.clone()))));
        traits.insert(trait_name.to_string(), limits.into());
    }
    if let Some(pattern) = shape.str("pattern")? {
        if botocore_type != "string" {
            return Err(invalid(
                shape.at("pattern"),
                format!("pattern on a `{botocore_type}` shape"),
            ));
        }
        traits.insert("smithy.api#pattern".to_string(), pattern.into());
    }
    timestamp_format(&shape, &mut traits)?;
    Ok(finish_shape(out, traits))
}

/// A botocore structure: a structure, union, event stream (a union) or document.
fn structure(
    service: &Service,
    shape: &Obj,
    io_role: Option<&str>,
    out: &mut Map<String, Value>,
    traits: &mut BTreeMap<String, Value>,
) -> Result<(), ImportError> {
    if shape.flag("document")? {
        out.insert("type".into(), "document".into());
        return Ok(());
    }
    let event_stream = shape.flag("eventstream")?;
    let kind = if event_stream || shape.flag("union")? {
        "union"
    } else {
        "structure"
    };
    out.insert("type".into(), kind.into());
    if event_stream {
        traits.insert("smithy.api#streaming".to_string(), json!({}));
    }
    if let (Some(role), "structure") = (io_role, kind) {
        traits.insert(role.to_string(), json!({}));
    }

    let members = match shape.obj("members")? {
        Some(members) => members.children()?,
        None => Vec::new(),
    };
    let names_member = |path: String, name: &str| {
        if members.iter().any(|(member, _)| *member == name) {
            Ok(())
        } else {
            Err(invalid(
                path,
                format!("names no member of the structure (`{name}`)"),
            ))
        }
    };
    let mut required = BTreeSet::new();
    for (path, name) in shape.strings("required")? {
        names_member(path, name)?;
        required.insert(name);
    }
    let payload = shape.str("payload")?;
    if let Some(payload) = payload {
        names_member(shape.at("payload"), payload)?;
    }
    let mut converted = Map::new();
    for (name, member) in &members {
        let mut member_traits = BTreeMap::new();
        if required.contains(name) {
            member_traits.insert("smithy.api#required".to_string(), json!({}));
        }
        if payload == Some(*name) {
            member_traits.insert("smithy.api#httpPayload".to_string(), json!({}));
        }
        converted.insert(
            name.to_string(),
            structure_member(service, name, member, member_traits)?,
        );
    }
    out.insert("members".into(), converted.into());
    error_traits(service, shape, traits)
}

/// `exception` (with `fault`, `error` and `retryable`): `@error`, `@httpError`,
/// `@retryable` and, for a `code` (awsQuery-compatible services), `@awsQueryError`.
fn error_traits(
    service: &Service,
    shape: &Obj,
    traits: &mut BTreeMap<String, Value>,
) -> Result<(), ImportError> {
    if !shape.flag("exception")? {
        return Ok(());
    }
    let fault = if shape.flag("fault")? {
        "server"
    } else {
        "client"
    };
    traits.insert("smithy.api#error".to_string(), fault.into());
    if let Some(error) = shape.obj("error")? {
        service.check(&error, &keys::SHAPE_ERROR);
        let status = error.number("httpStatusCode")?;
        if let Some(status) = status {
            traits.insert(
                "smithy.api#httpError".to_string(),
                Value::Number(status.clone()),
            );
        }
        match (error.str("code")?, status) {
            (Some(code), Some(status)) => {
                traits.insert(
                    "aws.protocols#awsQueryError".to_string(),
                    json!({ "code": code, "httpResponseCode": status }),
                );
            }
            (Some(_), None) => service.warn(
                error.at("code"),
                "an awsQuery error code needs `httpStatusCode` beside it; ignored".into(),
            ),
            (None, _) => {}
        }
    }
    if let Some(retryable) = shape.obj("retryable")? {
        service.check(&retryable, &keys::RETRYABLE);
        let value = if retryable.flag("throttling")? {
            json!({ "throttling": true })
        } else {
            json!({})
        };
        traits.insert("smithy.api#retryable".to_string(), value);
    }
    Ok(())
}

fn structure_member(
    service: &Service,
    name: &str,
    member: &Obj,
    mut traits: BTreeMap<String, Value>,
) -> Result<Value, ImportError> {
    service.check(member, &keys::MEMBER);
    let target = service.id(member.req_str("shape")?);
    documentation_and_deprecation(member, &mut traits)?;
    flags(
        member,
        &[
            ("idempotencyToken", "smithy.api#idempotencyToken"),
            ("hostLabel", "smithy.api#hostLabel"),
            ("flattened", "smithy.api#xmlFlattened"),
            ("xmlAttribute", "smithy.api#xmlAttribute"),
            ("eventheader", "smithy.api#eventHeader"),
            ("eventpayload", "smithy.api#eventPayload"),
            ("endpointdiscoveryid", "aws.api#clientEndpointDiscoveryId"),
        ],
        &mut traits,
    )?;
    http_binding(service, name, member, &mut traits)?;
    if let Some(query_name) = member.str("queryName")? {
        traits.insert("aws.protocols#ec2QueryName".to_string(), query_name.into());
    }
    if let Some(param) = member.obj("contextParam")? {
        service.check(&param, &keys::CONTEXT_PARAM);
        traits.insert(
            "smithy.rules#contextParam".to_string(),
            json!({ "name": param.req_str("name")? }),
        );
    }
    xml_namespace(service, member, &mut traits)?;
    timestamp_format(member, &mut traits)?;
    let mut out = Map::new();
    out.insert("target".into(), target.into());
    Ok(finish_shape(out, traits))
}

/// `location` with `locationName`: an HTTP binding trait. Without `location`,
/// a `locationName` other than the member's name is its JSON key.
fn http_binding(
    service: &Service,
    name: &str,
    member: &Obj,
    traits: &mut BTreeMap<String, Value>,
) -> Result<(), ImportError> {
    let wire_name = member.str("locationName")?;
    let Some(location) = member.str("location")? else {
        if let Some(wire_name) = wire_name.filter(|wire| *wire != name) {
            traits.insert("smithy.api#jsonName".to_string(), wire_name.into());
        }
        return Ok(());
    };
    let wire_name = wire_name.unwrap_or(name);
    let (trait_id, value) = match location {
        "header" => ("smithy.api#httpHeader", wire_name.into()),
        "headers" => ("smithy.api#httpPrefixHeaders", wire_name.into()),
        "querystring" if member.has("locationName") => ("smithy.api#httpQuery", wire_name.into()),
        "querystring" => ("smithy.api#httpQueryParams", json!({})),
        "uri" => ("smithy.api#httpLabel", json!({})),
        "statusCode" => ("smithy.api#httpResponseCode", json!({})),
        other => {
            service.warn(
                member.at("location"),
                format!("unknown location `{other}`, ignored"),
            );
            return Ok(());
        }
    };
    traits.insert(trait_id.to_string(), value);
    Ok(())
}

fn collection_member(service: &Service, shape: &Obj, key: &str) -> Result<Value, ImportError> {
    let member = shape.req_obj(key)?;
    service.check(&member, &keys::COLLECTION_MEMBER);
    let mut traits = BTreeMap::new();
    if let Some(doc) = member.str("documentation")? {
        traits.insert("smithy.api#documentation".to_string(), doc.into());
    }
    if let Some(xml_name) = member.str("locationName")? {
        traits.insert("smithy.api#xmlName".to_string(), xml_name.into());
    }
    let mut out = Map::new();
    out.insert("target".into(), service.id(member.req_str("shape")?).into());
    Ok(finish_shape(out, traits))
}

fn enum_members(shape: &Obj) -> Result<Map<String, Value>, ImportError> {
    let mut members = Map::new();
    let mut values_by_name: BTreeMap<String, &str> = BTreeMap::new();
    for (path, value) in shape.strings("enum")? {
        let name = enum_member_name(value)
            .ok_or_else(|| invalid(&path, format!("cannot name an enum member after `{value}`")))?;
        if let Some(other) = values_by_name.insert(name.clone(), value) {
            return Err(invalid(
                path,
                format!("`{other}` and `{value}` both make the member name `{name}`"),
            ));
        }
        members.insert(
            name,
            json!({ "target": UNIT, "traits": { "smithy.api#enumValue": value } }),
        );
    }
    Ok(members)
}

/// The official models name an enum member after its value when the value is
/// an identifier (`PoolName`, `AUTO_STOP`), else after the value with each run
/// of other characters made `_` (`tag-key` -> `tag_key`), as Smithy converts
/// enum traits. A leading digit gets a `_` to stay an identifier.
pub(super) fn enum_member_name(value: &str) -> Option<String> {
    let mut name = String::new();
    let mut in_run = false;
    for c in value.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            name.push(c);
            in_run = false;
        } else if !in_run {
            name.push('_');
            in_run = true;
        }
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
    }
    name.contains(|c: char| c.is_ascii_alphanumeric())
        .then_some(name)
}
