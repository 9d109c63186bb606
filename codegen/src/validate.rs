//! Checks a parsed model before anything is derived from it: one service, no dangling
//! targets, members that target something a value can be. Every error names the
//! shape id and member.

use crate::error::{Error, ErrorKind};
use crate::prelude;
use crate::smithy::{Model, Shape, ShapeId};

/// Picks the service to generate: the one asked for, or the model's only service.
pub fn service_id(model: &Model, wanted: Option<&str>) -> Result<ShapeId, Error> {
    let services: Vec<&ShapeId> = model
        .shapes
        .0
        .iter()
        .filter(|(_, s)| matches!(s, Shape::Service(_)))
        .map(|(id, _)| id)
        .collect();
    match (wanted, services.as_slice()) {
        (Some(wanted), _) => services
            .iter()
            .find(|id| id.as_str() == wanted)
            .map(|id| (*id).clone())
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::InvalidModel,
                    format!("the settings name service `{wanted}`, which the model lacks"),
                )
            }),
        (None, [one]) => Ok((*one).clone()),
        (None, []) => Err(Error::new(
            ErrorKind::InvalidModel,
            "the model has no service shape",
        )),
        (None, many) => Err(Error::new(
            ErrorKind::InvalidModel,
            format!(
                "the model has {} services ({}); name one in the settings",
                many.len(),
                many.iter()
                    .map(|id| id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )),
    }
}

/// Checks every reference in the model and what each member may target.
pub fn check(model: &Model) -> Result<(), Error> {
    for (id, shape) in &model.shapes.0 {
        for mixin in shape.mixins() {
            resolve(model, id, Some("(mixin)"), &mixin.target)?;
        }
        for (member, m) in shape.members() {
            let target = resolve(model, id, Some(member), &m.target)?;
            check_member_target(id, shape, member, &m.target, target)?;
        }
        match shape {
            Shape::Operation(op) => {
                for (what, target) in [("input", &op.input), ("output", &op.output)]
                    .into_iter()
                    .filter_map(|(w, t)| Some((w, t.as_ref()?)))
                {
                    let kind = resolve(model, id, Some(what), &target.target)?;
                    if kind != "structure" && target.target.as_str() != prelude::UNIT {
                        return Err(wrong_kind(id, what, &target.target, kind, "a structure"));
                    }
                }
                for error in &op.errors {
                    expect_error(model, id, "errors", &error.target)?;
                }
            }
            Shape::Service(service) => {
                for op in &service.operations {
                    expect_kind(model, id, "operations", &op.target, "operation")?;
                }
                for resource in &service.resources {
                    expect_kind(model, id, "resources", &resource.target, "resource")?;
                }
                for error in &service.errors {
                    expect_error(model, id, "errors", &error.target)?;
                }
            }
            Shape::Resource(resource) => {
                for op in resource.bound_operations() {
                    expect_kind(model, id, "operations", op, "operation")?;
                }
                for child in &resource.resources {
                    expect_kind(model, id, "resources", &child.target, "resource")?;
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// The kind of the shape a reference names, or a dangling-target error.
fn resolve<'m>(
    model: &'m Model,
    from: &ShapeId,
    member: Option<&str>,
    target: &ShapeId,
) -> Result<&'m str, Error> {
    if let Some(shape) = model.shapes.0.get(target) {
        return Ok(shape.kind());
    }
    if let Some(kind) = prelude::kind(target) {
        return Ok(kind);
    }
    let error = Error::new(
        ErrorKind::DanglingTarget,
        format!("target `{target}` is not defined in the model"),
    );
    let error = error.at_shape(from);
    Err(match member {
        Some(member) => error.at_member(member),
        None => error,
    })
}

fn expect_kind(
    model: &Model,
    from: &ShapeId,
    what: &str,
    target: &ShapeId,
    kind: &str,
) -> Result<(), Error> {
    let found = resolve(model, from, Some(what), target)?;
    if found == kind {
        Ok(())
    } else {
        Err(wrong_kind(from, what, target, found, kind))
    }
}

fn expect_error(model: &Model, from: &ShapeId, what: &str, target: &ShapeId) -> Result<(), Error> {
    expect_kind(model, from, what, target, "structure")?;
    if model
        .shapes
        .0
        .get(target)
        .is_some_and(|s| !s.traits().contains_key(crate::traits::ERROR))
    {
        return Err(Error::new(
            ErrorKind::InvalidModel,
            format!("`{target}` is listed as an error but lacks `@error`"),
        )
        .at_shape(from)
        .at_member(what));
    }
    Ok(())
}

fn wrong_kind(from: &ShapeId, what: &str, target: &ShapeId, found: &str, expected: &str) -> Error {
    Error::new(
        ErrorKind::UnsupportedShape,
        format!("targets `{target}`, a {found}, where {expected} is expected"),
    )
    .at_shape(from)
    .at_member(what)
}

fn check_member_target(
    id: &ShapeId,
    shape: &Shape,
    member: &str,
    target: &ShapeId,
    kind: &str,
) -> Result<(), Error> {
    let expected = match shape {
        Shape::Enum(_) | Shape::IntEnum(_) => {
            (target.as_str() != prelude::UNIT).then_some("smithy.api#Unit")
        }
        Shape::Map(_) if member == "key" => {
            (kind != "string" && kind != "enum").then_some("a string or enum")
        }
        _ if matches!(kind, "operation" | "service" | "resource") => Some("a value shape"),
        _ if target.as_str() == prelude::UNIT && !matches!(shape, Shape::Union(_)) => {
            Some("a value shape")
        }
        _ => None,
    };
    match expected {
        Some(expected) => Err(wrong_kind(id, member, target, kind, expected)),
        None => Ok(()),
    }
}
