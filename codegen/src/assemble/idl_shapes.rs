//! IDL statements into JSON AST shapes: names resolved, trait values completed from
//! the trait's shape, doc comments as `@documentation`, enum values as `@enumValue`,
//! default values as `@default`, inline input and output as structures of their own.

use serde_json::{Map, Value};

use super::resolve::Resolver;
use super::{Elided, Loader, PendingApply, Place};
use crate::error::ErrorKind;
use crate::idl::syntax::{
    Body, File, Io, MemberDef, Node, Offset, OperationBody, Reference, ShapeDef, TraitApplication,
    Version,
};

const SERVICE_PROPERTIES: &[&str] = &["version", "operations", "resources", "errors", "rename"];
const RESOURCE_PROPERTIES: &[&str] = &[
    "identifiers",
    "properties",
    "create",
    "put",
    "read",
    "update",
    "delete",
    "list",
    "operations",
    "collectionOperations",
    "resources",
];

/// What one IDL file's conversion needs at hand.
struct Scope<'r> {
    file: usize,
    resolver: &'r Resolver<'r>,
    v1: bool,
}

impl Scope<'_> {
    fn place(&self, at: Offset) -> Place {
        Place {
            file: self.file,
            at: Some(at),
        }
    }
}

impl Loader {
    pub(super) fn add_idl(&mut self, file: usize, syntax: &File) {
        let kinds = std::mem::take(&mut self.kinds);
        let (resolver, conflicts) = Resolver::new(syntax, &kinds);
        let scope = Scope {
            file,
            resolver: &resolver,
            v1: syntax.version == Version::V1,
        };
        for (message, at) in conflicts {
            self.error(scope.place(at), ErrorKind::InvalidModel, message);
        }
        for (key, node, at) in &syntax.metadata {
            if let Some(value) = self.node_json(&scope, node) {
                self.add_metadata(key.clone(), value, scope.place(*at));
            }
        }
        for shape in &syntax.shapes {
            self.add_shape(&scope, shape);
        }
        for apply in &syntax.applies {
            let traits = self.trait_list(&scope, &apply.traits);
            self.applies.push(PendingApply {
                target: resolver.target(&apply.target.text),
                traits,
                place: scope.place(apply.target.at),
            });
        }
        drop(resolver);
        self.kinds = kinds;
    }

    fn add_shape(&mut self, scope: &Scope<'_>, shape: &ShapeDef) {
        let Some(namespace) = scope.resolver.namespace else {
            return;
        };
        let id = format!("{namespace}#{}", shape.name);
        let mut value = Map::new();
        value.insert("type".into(), shape.kind.into());
        let traits = self.traits(scope, &shape.traits, shape.docs.as_deref());
        if !shape.mixins.is_empty() {
            let mixins = shape
                .mixins
                .iter()
                .map(|m| target(scope.resolver.target(&m.text)));
            value.insert("mixins".into(), Value::Array(mixins.collect()));
        }
        let for_resource = shape
            .for_resource
            .as_ref()
            .map(|r| (scope.resolver.target(&r.text), scope.place(r.at)));
        match &shape.body {
            Body::None => {}
            Body::Members(members) => {
                self.add_members(scope, &id, shape.kind, members, &mut value, for_resource);
            }
            Body::Properties(properties) => {
                self.add_properties(scope, &id, shape.kind, properties, &mut value);
            }
            Body::Operation(body) => self.add_operation(scope, &id, body, &mut value),
        }
        if !traits.is_empty() {
            value.insert("traits".into(), Value::Object(traits));
        }
        self.add_def(id, value, scope.place(shape.at), scope.v1);
    }

    fn add_members(
        &mut self,
        scope: &Scope<'_>,
        id: &str,
        kind: &str,
        members: &[MemberDef],
        value: &mut Map<String, Value>,
        for_resource: Option<(String, Place)>,
    ) {
        let mut json = Map::new();
        for member in members {
            let mut traits = self.traits(scope, &member.traits, member.docs.as_deref());
            let mut entry = Map::new();
            match (&member.target, kind) {
                (_, "enum" | "intEnum") => {
                    entry.insert("target".into(), crate::prelude::UNIT.into());
                    let explicit = traits.contains_key("smithy.api#enumValue");
                    if let (false, Some(enum_value)) =
                        (explicit, self.enum_value(scope, id, kind, member))
                    {
                        traits.insert("smithy.api#enumValue".into(), enum_value);
                    }
                }
                (Some(reference), _) => {
                    entry.insert(
                        "target".into(),
                        scope.resolver.target(&reference.text).into(),
                    );
                }
                (None, _) => self.elided.push(Elided {
                    shape: id.to_owned(),
                    member: member.name.clone(),
                    for_resource: for_resource.clone(),
                    place: scope.place(member.at),
                }),
            }
            let is_enum = matches!(kind, "enum" | "intEnum");
            let default = member.value.as_ref().filter(|_| !is_enum);
            if let Some(default) = default.and_then(|(node, _)| self.node_json(scope, node)) {
                traits.insert("smithy.api#default".into(), default);
            }
            if !traits.is_empty() {
                entry.insert("traits".into(), Value::Object(traits));
            }
            json.insert(member.name.clone(), Value::Object(entry));
        }
        let allowed: &[&str] = match kind {
            "list" | "set" => &["member"],
            "map" => &["key", "value"],
            _ => {
                value.insert("members".into(), Value::Object(json));
                return;
            }
        };
        for (name, member) in json {
            if allowed.contains(&name.as_str()) {
                value.insert(name, member);
            } else if let Some(m) = members.iter().find(|m| m.name == name) {
                let message = format!(
                    "a {kind} has only the members {}; `{name}` is not one",
                    allowed.join(" and ")
                );
                self.error(scope.place(m.at), ErrorKind::InvalidModel, message);
            }
        }
    }

    /// The `@enumValue` of an enum member: its `= value`, or for an enum its name.
    /// A member redefined from a mixin may leave it out.
    fn enum_value(
        &mut self,
        scope: &Scope<'_>,
        id: &str,
        kind: &str,
        member: &MemberDef,
    ) -> Option<Value> {
        let Some((node, at)) = &member.value else {
            return (kind == "enum").then(|| member.name.clone().into());
        };
        let member_id = format!("{id}${}", member.name);
        let problem = match (kind, node) {
            ("enum", Node::String(_)) => None,
            ("enum", _) => Some("enum members can only be assigned string values".to_owned()),
            (_, Node::Number(n)) if n.is_f64() => {
                Some("intEnum members do not support floating point values".to_owned())
            }
            (_, Node::Number(n)) => (n.as_i64().and_then(|v| i32::try_from(v).ok()).is_none())
                .then(|| {
                    format!("intEnum members must fit within a 32-bit integer, but found {n}")
                }),
            _ => Some("intEnum members require integer values".to_owned()),
        };
        if let Some(problem) = problem {
            self.error(
                scope.place(*at),
                ErrorKind::InvalidModel,
                format!("`{member_id}`: {problem}"),
            );
            return None;
        }
        self.node_json(scope, node)
    }

    fn add_properties(
        &mut self,
        scope: &Scope<'_>,
        id: &str,
        kind: &str,
        properties: &[(String, Node, Offset)],
        value: &mut Map<String, Value>,
    ) {
        let known = if kind == "service" {
            SERVICE_PROPERTIES
        } else {
            RESOURCE_PROPERTIES
        };
        for (key, node, at) in properties {
            let place = scope.place(*at);
            if !known.contains(&key.as_str()) {
                let message = format!(
                    "unknown {kind} property `{key}` of `{id}`: expected one of {}",
                    known.join(", ")
                );
                self.error(place, ErrorKind::InvalidModel, message);
                continue;
            }
            let converted = match (key.as_str(), node) {
                ("version", Node::String(version)) => Some(version.clone().into()),
                ("rename", Node::Object(entries)) => Some(Value::Object(
                    entries
                        .iter()
                        .map(|(from, to)| {
                            let to = match to {
                                Node::String(s) => s.clone(),
                                Node::Id(r) => r.text.clone(),
                                _ => String::new(),
                            };
                            (scope.resolver.target(from), Value::String(to))
                        })
                        .collect(),
                )),
                ("identifiers" | "properties", Node::Object(entries)) => entries
                    .iter()
                    .map(|(name, node)| {
                        let reference = self.reference(node)?;
                        Some((name.clone(), target(scope.resolver.target(&reference.text))))
                    })
                    .collect::<Option<Map<_, _>>>()
                    .map(Value::Object),
                (
                    "operations" | "resources" | "errors" | "collectionOperations",
                    Node::Array(items),
                ) => items
                    .iter()
                    .map(|node| {
                        self.reference(node)
                            .map(|r| target(scope.resolver.target(&r.text)))
                    })
                    .collect::<Option<Vec<_>>>()
                    .map(Value::Array),
                ("create" | "put" | "read" | "update" | "delete" | "list", node) => self
                    .reference(node)
                    .map(|r| target(scope.resolver.target(&r.text))),
                _ => None,
            };
            match converted {
                Some(converted) => {
                    value.insert(key.clone(), converted);
                }
                None => self.error(
                    place,
                    ErrorKind::InvalidModel,
                    format!("`{id}`: the {kind} property `{key}` has a value of the wrong form"),
                ),
            }
        }
    }

    fn reference<'n>(&self, node: &'n Node) -> Option<&'n Reference> {
        match node {
            Node::Id(reference) => Some(reference),
            _ => None,
        }
    }

    fn add_operation(
        &mut self,
        scope: &Scope<'_>,
        id: &str,
        body: &OperationBody,
        value: &mut Map<String, Value>,
    ) {
        for (key, io) in [("input", &body.input), ("output", &body.output)] {
            let Some(io) = io else { continue };
            let io_target = match io {
                Io::Target(reference) => scope.resolver.target(&reference.text),
                Io::Inline(shape) => {
                    let mut shape = (**shape).clone();
                    shape.traits.push(TraitApplication {
                        id: Reference {
                            text: format!("smithy.api#{key}"),
                            at: shape.at,
                        },
                        value: None,
                    });
                    self.add_shape(scope, &shape);
                    let namespace = id.split_once('#').map_or("", |(ns, _)| ns);
                    format!("{namespace}#{}", shape.name)
                }
            };
            value.insert(key.into(), target(io_target));
        }
        if let Some(errors) = &body.errors {
            let errors = errors
                .iter()
                .map(|r| target(scope.resolver.target(&r.text)));
            value.insert("errors".into(), Value::Array(errors.collect()));
        }
    }

    /// A shape's or member's traits, with its doc comment as `@documentation` unless
    /// the trait is written too.
    fn traits(
        &mut self,
        scope: &Scope<'_>,
        applications: &[TraitApplication],
        docs: Option<&str>,
    ) -> Map<String, Value> {
        let mut traits = Map::new();
        for (id, value, place) in self.trait_list(scope, applications) {
            if let Some(existing) = traits.get(&id) {
                if *existing != value {
                    self.error(
                        place,
                        ErrorKind::InvalidTrait,
                        format!("trait `{id}` is applied twice with different values"),
                    );
                }
                continue;
            }
            traits.insert(id, value);
        }
        if let Some(docs) = docs {
            traits
                .entry("smithy.api#documentation")
                .or_insert_with(|| docs.into());
        }
        traits
    }

    /// Trait ids resolved and values completed: an omitted value is `{}` for a
    /// structure or map trait, `[]` for a list, `null` otherwise.
    fn trait_list(
        &mut self,
        scope: &Scope<'_>,
        applications: &[TraitApplication],
    ) -> Vec<(String, Value, Place)> {
        let mut traits = Vec::new();
        for application in applications {
            let place = scope.place(application.id.at);
            let Some(id) = scope.resolver.resolve(&application.id.text) else {
                let message = format!(
                    "trait `{}` is not defined: no shape of that name is in the model or the files it depends on",
                    application.id.text
                );
                self.error(place, ErrorKind::InvalidTrait, message);
                continue;
            };
            if scope.v1 && id == "smithy.api#mixin" {
                self.error(
                    place,
                    ErrorKind::InvalidModel,
                    "mixins can only be used in Smithy 2.0 or later; this file is version 1.0",
                );
            }
            let value = match &application.value {
                Some(node) => match self.node_json(scope, node) {
                    Some(value) => value,
                    None => continue,
                },
                None => match scope.resolver.kind(&id) {
                    Some("structure" | "map") => Value::Object(Map::new()),
                    Some("list" | "set") => Value::Array(Vec::new()),
                    _ => Value::Null,
                },
            };
            traits.push((id, value, place));
        }
        traits
    }

    /// A node value as JSON; unquoted strings become the absolute ids they resolve
    /// to, or stay as written when they resolve to nothing.
    fn node_json(&mut self, scope: &Scope<'_>, node: &Node) -> Option<Value> {
        Some(match node {
            Node::Null => Value::Null,
            Node::Bool(b) => Value::Bool(*b),
            Node::Number(n) => Value::Number(n.clone()),
            Node::String(s) => Value::String(s.clone()),
            Node::Id(reference) => match scope.resolver.resolve(&reference.text) {
                Some(id) => Value::String(id),
                None if scope.resolver.namespace.is_none() => {
                    let message = format!(
                        "syntactic shape id `{}` does not resolve to a shape (outside a namespace, only prelude shapes can be named); quote it for a string",
                        reference.text
                    );
                    self.error(scope.place(reference.at), ErrorKind::InvalidModel, message);
                    return None;
                }
                None => Value::String(reference.text.clone()),
            },
            Node::Array(items) => Value::Array(
                items
                    .iter()
                    .map(|n| self.node_json(scope, n))
                    .collect::<Option<_>>()?,
            ),
            Node::Object(entries) => Value::Object(
                entries
                    .iter()
                    .map(|(k, n)| Some((k.clone(), self.node_json(scope, n)?)))
                    .collect::<Option<_>>()?,
            ),
        })
    }
}

/// `{"target": id}`.
pub(super) fn target(id: String) -> Value {
    let mut map = Map::new();
    map.insert("target".into(), Value::String(id));
    Value::Object(map)
}
