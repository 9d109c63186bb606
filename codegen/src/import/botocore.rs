//! botocore `service-2.json` -> Smithy 2.0 JSON AST, for services that botocore
//! can call with its `json` protocol (awsJson 1.0/1.1).
//!
//! Naming follows the official AWS Smithy models: namespace
//! `com.amazonaws.<serviceId lowercased, alphanumerics only>`, service shape
//! named after `targetPrefix` (the `X-Amz-Target` prefix), other shapes keep
//! their botocore names. Where botocore's names are not valid Smithy ids they
//! are renamed, deterministically (see [`namespace`] and [`service_name`]).
//!
//! Every botocore key is either converted or ignored on purpose ([`keys`]);
//! an unknown key is an [`ImportWarning`], never an error.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Value, json};

use super::{ImportError, ImportWarning, invalid, model_document, parse_json};
use keys::Place;
use obj::Obj;

mod keys;
mod obj;
mod operation;
mod service;
mod shapes;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_keys;

const UNIT: &str = "smithy.api#Unit";

/// A converted model and what the conversion skipped.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// The Smithy 2.0 JSON AST.
    pub model: Value,
    /// Unknown keys and unusable values, in document order per shape.
    pub warnings: Vec<ImportWarning>,
}

/// Converts a botocore `service-2.json` into a Smithy 2.0 JSON AST holding the
/// service, the named operations (all of them when `operations` is empty) and
/// the shapes they reach. Malformed input is an error naming its JSON path;
/// keys the importer does not know are returned as warnings.
pub fn import_botocore(service_json: &str, operations: &[String]) -> Result<Imported, ImportError> {
    let doc = parse_json(service_json)?;
    let root = Obj::new(&doc, String::new())?;
    let metadata = root.req_obj("metadata")?;
    let service = Service {
        namespace: namespace(&metadata)?,
        shapes: root.req_obj("shapes")?,
        operations: root.req_obj("operations")?,
        warnings: RefCell::new(Vec::new()),
    };
    service.check(&root, &keys::ROOT);
    service.check(&metadata, &keys::METADATA);
    let selected = select_operations(&service, operations)?;
    let roles = io_roles(&service)?;
    let target_traits = target_traits(&service)?;

    let mut shapes = BTreeMap::new();
    let name = service_name(&metadata, &service)?;
    let service_shape = service::service_shape(&root, &metadata, &service, &selected)?;
    insert_new(
        &mut shapes,
        service.id(&name),
        service_shape,
        metadata.at("targetPrefix"),
    )?;
    for &name in &selected {
        let shape = operation::operation_shape(&service, name)?;
        insert_new(
            &mut shapes,
            service.id(name),
            shape,
            service.operations.at(name),
        )?;
    }
    for name in closure(&service, &selected)? {
        let added = target_traits.get(name).cloned().unwrap_or_default();
        let shape = shapes::convert_shape(&service, name, roles.get(name).copied(), added)?;
        insert_new(
            &mut shapes,
            service.id(name),
            shape,
            service.shapes.at(name),
        )?;
    }
    Ok(Imported {
        model: model_document(None, shapes),
        warnings: service.warnings.into_inner(),
    })
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
    warnings: RefCell<Vec<ImportWarning>>,
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

    /// Records a warning for every key of `obj` that `place` does not know.
    fn check(&self, obj: &Obj, place: &Place) {
        self.warnings.borrow_mut().extend(obj.unknown_keys(place));
    }

    /// Records that the value at `path` was skipped, and why.
    fn warn(&self, path: String, message: String) {
        self.warnings
            .borrow_mut()
            .push(ImportWarning { path, message });
    }
}

/// Whether `name` is a Smithy identifier: letters, digits and `_`, not starting
/// with a digit, and not only underscores.
fn is_identifier(name: &str) -> bool {
    let start_ok = name
        .trim_start_matches('_')
        .starts_with(|c: char| c.is_ascii_alphanumeric())
        && !name.starts_with(|c: char| c.is_ascii_digit());
    start_ok && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// `WorkSpaces` -> `com.amazonaws.workspaces`, `CloudWatch Logs` ->
/// `com.amazonaws.cloudwatchlogs`, as in the official models: the `serviceId`
/// lowercased, all but ASCII letters and digits dropped. A name that would
/// start with a digit gets a leading `_` (`3D Maps` -> `com.amazonaws._3dmaps`)
/// to stay a Smithy identifier.
fn namespace(metadata: &Obj) -> Result<String, ImportError> {
    let sdk_id = metadata.req_str("serviceId")?;
    let mut name: String = sdk_id
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
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
    }
    Ok(format!("com.amazonaws.{name}"))
}

/// The service shape's name: the last dot-separated part of `targetPrefix`
/// (`com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101` ->
/// `CloudTrail_20131101`, as in the official models), with every character
/// that is not a letter, digit or `_` made `_` and a `_` before a leading
/// digit. If an operation or shape already has that name, `Service` is
/// appended (then `Service2`, `Service3`, …): the first free one wins.
fn service_name(metadata: &Obj, service: &Service) -> Result<String, ImportError> {
    let prefix = metadata.req_str("targetPrefix")?;
    let last = prefix.rsplit('.').next().unwrap_or(prefix);
    let mut name: String = last
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
    }
    if !is_identifier(&name) {
        return Err(invalid(
            metadata.at("targetPrefix"),
            format!("cannot name the service after `{prefix}`"),
        ));
    }
    let taken = |n: &str| service.shapes.has(n) || service.operations.has(n);
    if !taken(&name) {
        return Ok(name);
    }
    let base = format!("{name}Service");
    Ok(std::iter::once(base.clone())
        .chain((2..).map(|n| format!("{base}{n}")))
        .find(|candidate| !taken(candidate))
        .expect("an unbounded sequence has a free name"))
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

/// The members of a shape (structure members, then list member, map key and
/// value), each with its path and target.
fn shape_members<'a>(shape: &Obj<'a>) -> Result<Vec<(Obj<'a>, &'a str)>, ImportError> {
    let mut refs = Vec::new();
    if let Some(members) = shape.obj("members")? {
        for (_, member) in members.children()? {
            let target = member.req_str("shape")?;
            refs.push((member, target));
        }
    }
    for key in ["member", "key", "value"] {
        if let Some(member) = shape.obj(key)? {
            let target = member.req_str("shape")?;
            refs.push((member, target));
        }
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
            for (member, target) in shape_members(&shape)? {
                pending.push((member.at("shape"), target));
            }
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
        for (_, target) in shape_members(&shape)? {
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

/// Traits that botocore writes on the members referring to a shape but that
/// Smithy puts on the shape itself: `jsonvalue` (a string holding JSON,
/// `@mediaType("application/json")`) and `streaming` (a streamed blob).
/// Gathered over the whole service, like [`io_roles`].
fn target_traits<'a>(
    service: &Service<'a>,
) -> Result<BTreeMap<&'a str, BTreeMap<String, Value>>, ImportError> {
    let mut traits: BTreeMap<&str, BTreeMap<String, Value>> = BTreeMap::new();
    for (_, shape) in service.shapes.children()? {
        for (member, target) in shape_members(&shape)? {
            if member.flag("jsonvalue")? {
                traits
                    .entry(target)
                    .or_default()
                    .insert("smithy.api#mediaType".into(), "application/json".into());
            }
            if member.flag("streaming")? {
                traits
                    .entry(target)
                    .or_default()
                    .insert("smithy.api#streaming".into(), json!({}));
            }
        }
    }
    Ok(traits)
}
