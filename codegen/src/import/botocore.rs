//! botocore `service-2.json` -> Smithy 2.0 JSON AST, for services that botocore
//! can call with its `json` protocol (awsJson 1.0/1.1).
//!
//! Naming follows the official AWS Smithy models: namespace
//! `com.amazonaws.<serviceId lowercased, alphanumerics only>`, service shape
//! named after `targetPrefix` (the `X-Amz-Target` prefix), other shapes keep
//! their botocore names.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value, json};

use super::{ImportError, invalid, model_document, parse_json, sorted_object};
use obj::Obj;

mod obj;
#[cfg(test)]
mod tests;

const UNIT: &str = "smithy.api#Unit";

/// Botocore keys that carry nothing the Smithy model needs: `box` (Smithy 2
/// nullability is decided otherwise), `synthetic`, `retryable` (absent from the
/// official models), `event` (implied by the stream's union), `flattened` and
/// collection `locationName` (XML only), endpoint discovery and endpoint-rule
/// parameters (endpoint rules are not imported).
const IGNORED_KEYS: &[&str] = &[
    "box",
    "synthetic",
    "retryable",
    "event",
    "flattened",
    "contextParam",
    "endpointdiscovery",
    "endpointoperation",
    "operationContextParams",
    "staticContextParams",
];
const SHAPE_KEYS: &[&str] = &[
    "type",
    "documentation",
    "members",
    "required",
    "member",
    "key",
    "value",
    "min",
    "max",
    "pattern",
    "enum",
    "sensitive",
    "deprecated",
    "deprecatedMessage",
    "exception",
    "fault",
    "error",
    "union",
    "document",
    "eventstream",
    "timestampFormat",
];
const MEMBER_KEYS: &[&str] = &[
    "shape",
    "documentation",
    "deprecated",
    "deprecatedMessage",
    "idempotencyToken",
    "hostLabel",
    "locationName",
    "timestampFormat",
];
const COLLECTION_MEMBER_KEYS: &[&str] = &["shape", "locationName"];
// `http` is always `POST /` for the json protocol.
const OPERATION_KEYS: &[&str] = &[
    "name",
    "http",
    "input",
    "output",
    "errors",
    "documentation",
    "documentationUrl",
    "deprecated",
    "deprecatedMessage",
    "idempotent",
    "endpoint",
];

/// Converts a botocore `service-2.json` into a Smithy 2.0 JSON AST holding the
/// service, the named operations (all of them when `operations` is empty) and
/// the shapes they reach.
pub fn import_botocore(service_json: &str, operations: &[String]) -> Result<Value, ImportError> {
    let doc = parse_json(service_json)?;
    let root = Obj::new(&doc, String::new())?;
    let metadata = root.req_obj("metadata")?;
    let service = Service {
        namespace: namespace(&metadata)?,
        shapes: root.req_obj("shapes")?,
        operations: root.req_obj("operations")?,
    };
    let selected = select_operations(&service, operations)?;
    let roles = io_roles(&service)?;

    let mut shapes = BTreeMap::new();
    let service_name = metadata.req_str("targetPrefix")?;
    let service_shape = service_shape(&root, &metadata, &service, &selected)?;
    let service_path = metadata.at("targetPrefix");
    insert_new(
        &mut shapes,
        service.id(service_name),
        service_shape,
        service_path,
    )?;
    for &name in &selected {
        let shape = operation_shape(&service, name)?;
        insert_new(
            &mut shapes,
            service.id(name),
            shape,
            service.operations.at(name),
        )?;
    }
    for name in closure(&service, &selected)? {
        let shape = convert_shape(&service, name, roles.get(name).copied())?;
        insert_new(
            &mut shapes,
            service.id(name),
            shape,
            service.shapes.at(name),
        )?;
    }
    Ok(model_document(None, shapes))
}

fn insert_new(
    shapes: &mut BTreeMap<String, Value>,
    id: String,
    shape: Value,
    path: String,
) -> Result<(), ImportError> {
    if shapes.contains_key(&id) {
        return Err(invalid(
            path,
            format!("`{id}` is already the id of another shape"),
        ));
    }
    shapes.insert(id, shape);
    Ok(())
}

struct Service<'a> {
    namespace: String,
    shapes: Obj<'a>,
    operations: Obj<'a>,
}

impl<'a> Service<'a> {
    fn id(&self, name: &str) -> String {
        format!("{}#{name}", self.namespace)
    }

    fn operation(&self, name: &str) -> Result<Obj<'a>, ImportError> {
        self.operations.req_obj(name)
    }

    /// The shape a reference at `path` names.
    fn shape(&self, path: &str, name: &str) -> Result<Obj<'a>, ImportError> {
        self.shapes
            .obj(name)?
            .ok_or_else(|| ImportError::DanglingReference {
                path: path.to_string(),
                target: name.to_string(),
            })
    }
}

/// `WorkSpaces` -> `com.amazonaws.workspaces`, `CloudWatch Logs` ->
/// `com.amazonaws.cloudwatchlogs`, as in the official models.
fn namespace(metadata: &Obj) -> Result<String, ImportError> {
    let sdk_id = metadata.req_str("serviceId")?;
    let name: String = sdk_id
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if name.is_empty() {
        return Err(invalid(
            metadata.at("serviceId"),
            "makes an empty namespace",
        ));
    }
    Ok(format!("com.amazonaws.{name}"))
}

fn select_operations<'a>(
    service: &Service<'a>,
    requested: &'a [String],
) -> Result<Vec<&'a str>, ImportError> {
    if requested.is_empty() {
        return Ok(service
            .operations
            .map
            .keys()
            .map(String::as_str)
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect());
    }
    let mut selected = BTreeSet::new();
    for name in requested {
        if !service.operations.has(name) {
            return Err(ImportError::UnknownOperation {
                operation: name.clone(),
            });
        }
        selected.insert(name.as_str());
    }
    Ok(selected.into_iter().collect())
}

#[derive(Clone, Copy, PartialEq)]
enum Use {
    Input,
    Output,
    Other,
}

/// The shapes an operation refers to, with the path of each reference.
fn operation_references<'a>(op: &Obj<'a>) -> Result<Vec<(Use, String, &'a str)>, ImportError> {
    let mut refs = Vec::new();
    if let Some((path, name)) = op.shape_ref("input")? {
        refs.push((Use::Input, path, name));
    }
    if let Some((path, name)) = op.shape_ref("output")? {
        refs.push((Use::Output, path, name));
    }
    for (path, error) in op.items("errors")? {
        let error = Obj::new(error, path)?;
        refs.push((Use::Other, error.at("shape"), error.req_str("shape")?));
    }
    Ok(refs)
}

/// The shapes a shape's members refer to, with the path of each reference.
fn shape_references<'a>(shape: &Obj<'a>) -> Result<Vec<(String, &'a str)>, ImportError> {
    let mut refs = Vec::new();
    if let Some(members) = shape.obj("members")? {
        for (_, member) in members.children()? {
            refs.push((member.at("shape"), member.req_str("shape")?));
        }
    }
    for key in ["member", "key", "value"] {
        refs.extend(shape.shape_ref(key)?);
    }
    Ok(refs)
}

/// Every shape the operations reach, transitively.
fn closure<'a>(
    service: &Service<'a>,
    operations: &[&str],
) -> Result<BTreeSet<&'a str>, ImportError> {
    let mut pending = Vec::new();
    for &name in operations {
        let op = service.operation(name)?;
        pending.extend(
            operation_references(&op)?
                .into_iter()
                .map(|(_, path, target)| (path, target)),
        );
    }
    let mut reached = BTreeSet::new();
    while let Some((path, name)) = pending.pop() {
        let shape = service.shape(&path, name)?;
        if reached.insert(name) {
            pending.extend(shape_references(&shape)?);
        }
    }
    Ok(reached)
}

/// `@input`/`@output` for the structures that serve as one operation's input
/// or output and nothing else, which is where Smithy allows them. Decided over
/// the whole service, so that slicing does not change a shape's traits.
fn io_roles<'a>(service: &Service<'a>) -> Result<BTreeMap<&'a str, &'static str>, ImportError> {
    let mut uses: BTreeMap<&str, Vec<Use>> = BTreeMap::new();
    for (_, op) in service.operations.children()? {
        for (role, _, target) in operation_references(&op)? {
            uses.entry(target).or_default().push(role);
        }
    }
    for (_, shape) in service.shapes.children()? {
        for (_, target) in shape_references(&shape)? {
            uses.entry(target).or_default().push(Use::Other);
        }
    }
    Ok(uses
        .into_iter()
        .filter_map(|(name, roles)| match roles[..] {
            [Use::Input] => Some((name, "smithy.api#input")),
            [Use::Output] => Some((name, "smithy.api#output")),
            _ => None,
        })
        .collect())
}

fn service_shape(
    root: &Obj,
    metadata: &Obj,
    service: &Service,
    operations: &[&str],
) -> Result<Value, ImportError> {
    let endpoint_prefix = metadata.req_str("endpointPrefix")?;
    let signing_name = metadata.str("signingName")?.unwrap_or(endpoint_prefix);
    let mut traits = BTreeMap::new();
    // cloudFormationName, cloudTrailEventSource and docId are not in botocore.
    traits.insert(
        "aws.api#service".to_string(),
        json!({
            "sdkId": metadata.req_str("serviceId")?,
            "arnNamespace": signing_name,
            "endpointPrefix": endpoint_prefix,
        }),
    );
    let sigv4 = metadata.str("signatureVersion")? == Some("v4")
        || metadata
            .strings("auth")?
            .iter()
            .any(|(_, a)| *a == "aws.auth#sigv4");
    if sigv4 {
        traits.insert(
            "aws.auth#sigv4".to_string(),
            json!({ "name": signing_name }),
        );
    }
    traits.insert(protocol_trait(metadata)?.to_string(), json!({}));
    if metadata.has("awsQueryCompatible") {
        traits.insert("aws.protocols#awsQueryCompatible".to_string(), json!({}));
    }
    if let Some(title) = metadata.str("serviceFullName")? {
        traits.insert("smithy.api#title".to_string(), title.into());
    }
    if let Some(doc) = root.str("documentation")? {
        traits.insert("smithy.api#documentation".to_string(), doc.into());
    }
    if let Some(uri) = metadata.str("xmlNamespace")? {
        traits.insert("smithy.api#xmlNamespace".to_string(), json!({ "uri": uri }));
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

/// awsJson even when botocore lists another protocol first (WorkSpaces lists
/// `smithy-rpc-v2-cbor`): boto3 and the Rust SDK speak awsJson to them.
fn protocol_trait(metadata: &Obj) -> Result<&'static str, ImportError> {
    let listed = metadata.strings("protocols")?;
    let protocols: Vec<&str> = if listed.is_empty() {
        vec![metadata.req_str("protocol")?]
    } else {
        listed.into_iter().map(|(_, p)| p).collect()
    };
    if !protocols.contains(&"json") {
        return Err(invalid(
            metadata.at("protocols"),
            format!("no supported protocol in {protocols:?}: only `json` (awsJson 1.0/1.1) is"),
        ));
    }
    match metadata.req_str("jsonVersion")? {
        "1.0" => Ok("aws.protocols#awsJson1_0"),
        "1.1" => Ok("aws.protocols#awsJson1_1"),
        other => Err(invalid(
            metadata.at("jsonVersion"),
            format!("unknown JSON version `{other}`"),
        )),
    }
}

fn operation_shape(service: &Service, name: &str) -> Result<Value, ImportError> {
    let op = service.operation(name)?;
    op.check_keys(OPERATION_KEYS)?;
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
    if op.flag("idempotent")? {
        traits.insert("smithy.api#idempotent".to_string(), json!({}));
    }
    if let Some(endpoint) = op.obj("endpoint")? {
        endpoint.check_keys(&["hostPrefix"])?;
        let host_prefix = endpoint.req_str("hostPrefix")?;
        traits.insert(
            "smithy.api#endpoint".to_string(),
            json!({ "hostPrefix": host_prefix }),
        );
    }
    Ok(finish_shape(shape, traits))
}

fn finish_shape(mut shape: Map<String, Value>, traits: BTreeMap<String, Value>) -> Value {
    if !traits.is_empty() {
        shape.insert("traits".into(), sorted_object(traits).into());
    }
    Value::Object(shape)
}

fn documentation_and_deprecation(
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

/// Which trait botocore's `min`/`max` become on a shape of this type.
enum Bounds {
    Length,
    Range,
    None,
}

fn convert_shape(
    service: &Service,
    name: &str,
    io_role: Option<&str>,
) -> Result<Value, ImportError> {
    let shape = service.shapes.req_obj(name)?;
    shape.check_keys(SHAPE_KEYS)?;
    let botocore_type = shape.req_str("type")?;
    let mut out = Map::new();
    let mut traits = BTreeMap::new();
    documentation_and_deprecation(&shape, &mut traits)?;
    if shape.flag("sensitive")? {
        traits.insert("smithy.api#sensitive".to_string(), json!({}));
    }
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
    let mut required = BTreeSet::new();
    for (path, name) in shape.strings("required")? {
        if !members.iter().any(|(member, _)| *member == name) {
            return Err(invalid(
                path,
                format!("names no member of the structure (`{name}`)"),
            ));
        }
        required.insert(name);
    }
    let mut converted = Map::new();
    for (name, member) in &members {
        converted.insert(
            name.to_string(),
            structure_member(service, name, member, required.contains(name))?,
        );
    }
    out.insert("members".into(), converted.into());

    if shape.flag("exception")? {
        let fault = if shape.flag("fault")? {
            "server"
        } else {
            "client"
        };
        traits.insert("smithy.api#error".to_string(), fault.into());
        if let Some(error) = shape.obj("error")? {
            error.check_keys(&["code", "httpStatusCode", "senderFault"])?;
            if let Some(status) = error.number("httpStatusCode")? {
                traits.insert(
                    "smithy.api#httpError".to_string(),
                    Value::Number(status.clone()),
                );
            }
        }
    }
    Ok(())
}

fn structure_member(
    service: &Service,
    name: &str,
    member: &Obj,
    required: bool,
) -> Result<Value, ImportError> {
    member.check_keys(MEMBER_KEYS)?;
    let target = service.id(member.req_str("shape")?);
    let mut traits = BTreeMap::new();
    documentation_and_deprecation(member, &mut traits)?;
    if required {
        traits.insert("smithy.api#required".to_string(), json!({}));
    }
    if member.flag("idempotencyToken")? {
        traits.insert("smithy.api#idempotencyToken".to_string(), json!({}));
    }
    if member.flag("hostLabel")? {
        traits.insert("smithy.api#hostLabel".to_string(), json!({}));
    }
    if let Some(wire_name) = member.str("locationName")?.filter(|wire| *wire != name) {
        traits.insert("smithy.api#jsonName".to_string(), wire_name.into());
    }
    timestamp_format(member, &mut traits)?;
    let mut out = Map::new();
    out.insert("target".into(), target.into());
    Ok(finish_shape(out, traits))
}

fn collection_member(service: &Service, shape: &Obj, key: &str) -> Result<Value, ImportError> {
    let member = shape.req_obj(key)?;
    member.check_keys(COLLECTION_MEMBER_KEYS)?;
    Ok(json!({ "target": service.id(member.req_str("shape")?) }))
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
fn enum_member_name(value: &str) -> Option<String> {
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
