//! Normalisation: rewrites a checked model into the few forms the lowering handles,
//! so that later stages stay simple (as smithy-rs does before generating).
//!
//! - mixins are flattened into the shapes that use them;
//! - Smithy 1.0 `set` becomes `list`, `@enum` strings become `enum` shapes;
//! - operations without input or output get a synthetic empty structure;
//! - service-wide errors are added to every operation;
//! - only the closure of the service's operations is kept, prelude shapes included;
//! - members that close a cycle of structures or unions are marked to be boxed.

use crate::error::{Error, ErrorKind};
use crate::prelude;
use crate::smithy::{Aggregate, Member, Members, Model, Shape, ShapeId, Traits};
use crate::traits;
use ::std::collections::{BTreeMap, BTreeSet, VecDeque};

/// The model as the lowering sees it.
#[derive(Debug, Clone)]
pub struct Normalized {
    pub service_id: ShapeId,
    pub service_traits: Traits,
    pub service_version: Option<String>,
    /// Operation id to operation, each with input and output structures.
    pub operations: BTreeMap<ShapeId, Operation>,
    /// Every value shape the operations reach, and nothing else.
    pub shapes: BTreeMap<ShapeId, Shape>,
    /// `(shape, member)` edges that must be boxed to break recursion.
    pub boxed: BTreeSet<(ShapeId, String)>,
}

#[derive(Debug, Clone)]
pub struct Operation {
    pub input: ShapeId,
    pub output: ShapeId,
    /// The model gives no input (or `smithy.api#Unit`): `input` was synthesised,
    /// and rpcv2Cbor sends no body.
    pub unit_input: bool,
    /// The same for the output.
    pub unit_output: bool,
    pub errors: Vec<ShapeId>,
    pub traits: Traits,
}

/// Normalises `model` for the service `service_id`; the model must have passed
/// [`crate::validate::check`].
pub fn normalize(model: &Model, service_id: &ShapeId) -> Result<Normalized, Error> {
    let mut shapes = flatten_mixins(model)?;
    let Some(Shape::Service(service)) = shapes.get(service_id).cloned() else {
        return Err(Error::new(ErrorKind::InvalidModel, "not a service").at_shape(service_id));
    };
    let mut operations = BTreeMap::new();
    for op_id in service_operations(&shapes, &service) {
        let Some(Shape::Operation(op)) = shapes.get(&op_id).cloned() else {
            continue;
        };
        let input = io_shape(
            &mut shapes,
            &op_id,
            op.input.as_ref().map(|t| &t.target),
            "Input",
            traits::INPUT,
        )?;
        let output = io_shape(
            &mut shapes,
            &op_id,
            op.output.as_ref().map(|t| &t.target),
            "Output",
            traits::OUTPUT,
        )?;
        let mut errors: Vec<ShapeId> = op.errors.iter().map(|t| t.target.clone()).collect();
        for error in &service.errors {
            if !errors.contains(&error.target) {
                errors.push(error.target.clone());
            }
        }
        let is_unit = |t: Option<&crate::smithy::Target>| {
            t.is_none_or(|t| t.target.as_str() == prelude::UNIT)
        };
        let (unit_input, unit_output) = (is_unit(op.input.as_ref()), is_unit(op.output.as_ref()));
        operations.insert(
            op_id,
            Operation {
                input,
                output,
                unit_input,
                unit_output,
                errors,
                traits: op.traits,
            },
        );
    }
    let roots = operations
        .values()
        .flat_map(|op| [&op.input, &op.output].into_iter().chain(&op.errors))
        .cloned();
    let shapes = closure(&shapes, roots)?;
    let boxed = recursive_edges(&shapes);
    Ok(Normalized {
        service_id: service_id.clone(),
        service_traits: service.traits,
        service_version: service.version,
        operations,
        shapes,
        boxed,
    })
}

/// Copies members and traits of mixins into the shapes using them; drops mixin shapes.
fn flatten_mixins(model: &Model) -> Result<BTreeMap<ShapeId, Shape>, Error> {
    let mut out = BTreeMap::new();
    for (id, shape) in &model.shapes.0 {
        if shape.traits().contains_key(traits::MIXIN) {
            continue;
        }
        let mut shape = shape.clone();
        if !shape.mixins().is_empty() {
            let mut visiting = Vec::new();
            shape = apply_mixins(model, id, shape, &mut visiting)?;
        }
        out.insert(id.clone(), shape);
    }
    Ok(out)
}

fn apply_mixins(
    model: &Model,
    id: &ShapeId,
    mut shape: Shape,
    visiting: &mut Vec<ShapeId>,
) -> Result<Shape, Error> {
    if visiting.contains(id) {
        return Err(Error::new(ErrorKind::InvalidModel, "mixins form a cycle").at_shape(id));
    }
    visiting.push(id.clone());
    let mut inherited_members = Vec::new();
    let mut inherited_traits = Traits::new();
    for mixin in shape.mixins() {
        let declared = model
            .shapes
            .0
            .get(&mixin.target)
            .expect("checked by validate");
        let mixin_shape = apply_mixins(model, &mixin.target, declared.clone(), visiting)?;
        if let Shape::Structure(a) | Shape::Union(a) | Shape::Enum(a) | Shape::IntEnum(a) =
            &mixin_shape
        {
            inherited_members.extend(a.members.0.iter().cloned());
        }
        // `@mixin(localTraits: [...])` names traits that stay on the mixin.
        let local: Vec<String> = declared
            .traits()
            .get(traits::MIXIN)
            .and_then(|m| m.get("localTraits"))
            .and_then(|l| l.as_array())
            .map(|l| {
                l.iter()
                    .filter_map(|t| t.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        inherited_traits.extend(
            mixin_shape
                .traits()
                .clone()
                .into_iter()
                .filter(|(k, _)| k != traits::MIXIN && !local.contains(k)),
        );
    }
    visiting.pop();
    if matches!(
        shape,
        Shape::Service(_) | Shape::Operation(_) | Shape::Resource(_)
    ) {
        return Err(Error::new(
            ErrorKind::UnsupportedShape,
            "mixins on services, operations and resources are not supported",
        )
        .at_shape(id));
    }
    if let Shape::Structure(a) | Shape::Union(a) | Shape::Enum(a) | Shape::IntEnum(a) = &mut shape {
        let own = ::std::mem::take(&mut a.members.0);
        for (name, member) in inherited_members.into_iter().chain(own) {
            a.members.0.retain(|(n, _)| *n != name);
            a.members.0.push((name, member));
        }
    }
    let (shape_traits, mixins) = shape.parts_mut();
    let own = ::std::mem::replace(shape_traits, inherited_traits);
    shape_traits.extend(own);
    mixins.clear();
    Ok(shape)
}

/// The service's operations, including those bound through resources, in id order.
fn service_operations(
    shapes: &BTreeMap<ShapeId, Shape>,
    service: &crate::smithy::Service,
) -> BTreeSet<ShapeId> {
    let mut ops: BTreeSet<ShapeId> = service
        .operations
        .iter()
        .map(|t| t.target.clone())
        .collect();
    let mut resources: Vec<ShapeId> = service.resources.iter().map(|t| t.target.clone()).collect();
    let mut seen = BTreeSet::new();
    while let Some(id) = resources.pop() {
        if !seen.insert(id.clone()) {
            continue;
        }
        if let Some(Shape::Resource(resource)) = shapes.get(&id) {
            ops.extend(resource.bound_operations().cloned());
            resources.extend(resource.resources.iter().map(|t| t.target.clone()));
        }
    }
    ops
}

/// The operation's input or output structure, synthesised empty when it is absent or Unit.
fn io_shape(
    shapes: &mut BTreeMap<ShapeId, Shape>,
    op: &ShapeId,
    target: Option<&ShapeId>,
    suffix: &str,
    marker: &str,
) -> Result<ShapeId, Error> {
    if let Some(target) = target.filter(|t| t.as_str() != prelude::UNIT) {
        return Ok(target.clone());
    }
    let id = op.with_name(&format!("{}{suffix}", op.name()));
    if shapes.contains_key(&id) {
        return Err(Error::new(
            ErrorKind::NameCollision,
            format!(
                "the synthetic {} structure `{id}` would replace a shape of the model",
                suffix.to_lowercase()
            ),
        )
        .at_shape(op));
    }
    let mut traits = Traits::new();
    traits.insert(marker.to_owned(), serde_json::json!({}));
    shapes.insert(
        id.clone(),
        Shape::Structure(Aggregate {
            members: Members::default(),
            traits,
            ..Aggregate::default()
        }),
    );
    Ok(id)
}

/// Every shape reachable from `roots`, with sets as lists and 1.0 enums as enum shapes.
fn closure(
    shapes: &BTreeMap<ShapeId, Shape>,
    roots: impl Iterator<Item = ShapeId>,
) -> Result<BTreeMap<ShapeId, Shape>, Error> {
    let mut out = BTreeMap::new();
    let mut queue: VecDeque<ShapeId> = roots.collect();
    while let Some(id) = queue.pop_front() {
        if out.contains_key(&id) {
            continue;
        }
        let shape = match shapes.get(&id) {
            Some(shape) => shape.clone(),
            None => prelude::shape(&id).expect("targets checked by validate"),
        };
        let shape = match shape {
            Shape::Set(mut c) => {
                c.traits
                    .insert(traits::UNIQUE_ITEMS.to_owned(), serde_json::json!({}));
                Shape::List(c)
            }
            Shape::String(s) if s.traits.contains_key(traits::LEGACY_ENUM) => {
                legacy_enum(&id, s.traits)?
            }
            other => other,
        };
        // `smithy.api#Unit` marks a union member without a value: not a type of its own.
        for (_, member) in shape
            .members()
            .into_iter()
            .filter(|(_, m)| m.target.as_str() != prelude::UNIT)
        {
            queue.push_back(member.target.clone());
        }
        out.insert(id, shape);
    }
    Ok(out)
}

/// A Smithy 1.0 `@enum` string as a 2.0 enum shape; unnamed entries are named from their value.
fn legacy_enum(id: &ShapeId, mut shape_traits: Traits) -> Result<Shape, Error> {
    let entries = traits::legacy_enum(&shape_traits)
        .map_err(|e| e.at_shape(id))?
        .unwrap_or_default();
    shape_traits.remove(traits::LEGACY_ENUM);
    let unit = ShapeId::parse(prelude::UNIT).expect("valid prelude id");
    let mut members = Vec::new();
    for entry in entries {
        let name = entry.name.unwrap_or_else(|| entry.value.clone());
        let mut member_traits = Traits::new();
        member_traits.insert(
            traits::ENUM_VALUE.to_owned(),
            serde_json::Value::String(entry.value),
        );
        if let Some(doc) = entry.documentation {
            member_traits.insert(
                traits::DOCUMENTATION.to_owned(),
                serde_json::Value::String(doc),
            );
        }
        if members.iter().any(|(n, _): &(String, Member)| *n == name) {
            return Err(
                Error::new(ErrorKind::DuplicateMember, "enum entry defined twice")
                    .at_shape(id)
                    .at_member(name),
            );
        }
        members.push((
            name,
            Member {
                target: unit.clone(),
                traits: member_traits,
            },
        ));
    }
    Ok(Shape::Enum(Aggregate {
        members: Members(members),
        traits: shape_traits,
        ..Aggregate::default()
    }))
}

/// Members that must be boxed: direct structure/union edges inside one strongly
/// connected component (lists and maps already allocate, so they break cycles).
fn recursive_edges(shapes: &BTreeMap<ShapeId, Shape>) -> BTreeSet<(ShapeId, String)> {
    let direct = |id: &ShapeId| -> Vec<(String, ShapeId)> {
        match shapes.get(id) {
            Some(Shape::Structure(a) | Shape::Union(a)) => a
                .members
                .0
                .iter()
                .filter(|(_, m)| {
                    matches!(
                        shapes.get(&m.target),
                        Some(Shape::Structure(_) | Shape::Union(_))
                    )
                })
                .map(|(name, m)| (name.clone(), m.target.clone()))
                .collect(),
            _ => Vec::new(),
        }
    };
    let components = strongly_connected(shapes.keys(), &direct);
    let mut boxed = BTreeSet::new();
    for id in shapes.keys() {
        for (member, target) in direct(id) {
            if components.get(id) == components.get(&target) {
                boxed.insert((id.clone(), member));
            }
        }
    }
    boxed
}

/// Tarjan's algorithm: shape id to component id. A shape without a self edge gets
/// a component of its own, so only edges inside a cycle share a component.
fn strongly_connected<'a>(
    ids: impl Iterator<Item = &'a ShapeId>,
    edges: &dyn Fn(&ShapeId) -> Vec<(String, ShapeId)>,
) -> BTreeMap<ShapeId, usize> {
    let mut tarjan = Tarjan {
        edges,
        index: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        component: BTreeMap::new(),
    };
    for id in ids {
        if !tarjan.index.contains_key(id) {
            tarjan.visit(id);
        }
    }
    tarjan.component
}

struct Tarjan<'e> {
    edges: &'e dyn Fn(&ShapeId) -> Vec<(String, ShapeId)>,
    /// id -> discovery index
    index: BTreeMap<ShapeId, usize>,
    stack: Vec<ShapeId>,
    on_stack: BTreeSet<ShapeId>,
    component: BTreeMap<ShapeId, usize>,
}

impl Tarjan<'_> {
    /// Recursion depth is bounded by the length of a structure nesting chain.
    fn visit(&mut self, id: &ShapeId) -> usize {
        let own = self.index.len();
        self.index.insert(id.clone(), own);
        self.stack.push(id.clone());
        self.on_stack.insert(id.clone());
        let mut low = own;
        for (_, target) in (self.edges)(id) {
            match self.index.get(&target) {
                None => low = low.min(self.visit(&target)),
                Some(&target_index) if self.on_stack.contains(&target) => {
                    low = low.min(target_index)
                }
                Some(_) => {}
            }
        }
        if low == own {
            while let Some(member) = self.stack.pop() {
                self.on_stack.remove(&member);
                let done = member == *id;
                self.component.insert(member, own);
                if done {
                    break;
                }
            }
        }
        low
    }
}
