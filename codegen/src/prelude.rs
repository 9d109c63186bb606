//! The Smithy prelude (`smithy.api#String`, `smithy.api#Unit`, …): shapes every model
//! may target without defining them.

use crate::smithy::{Shape, ShapeId, Simple};

pub const UNIT: &str = "smithy.api#Unit";

const SIMPLE: &[(&str, &str)] = &[
    ("Blob", "blob"),
    ("Boolean", "boolean"),
    ("PrimitiveBoolean", "boolean"),
    ("String", "string"),
    ("Byte", "byte"),
    ("PrimitiveByte", "byte"),
    ("Short", "short"),
    ("PrimitiveShort", "short"),
    ("Integer", "integer"),
    ("PrimitiveInteger", "integer"),
    ("Long", "long"),
    ("PrimitiveLong", "long"),
    ("Float", "float"),
    ("PrimitiveFloat", "float"),
    ("Double", "double"),
    ("PrimitiveDouble", "double"),
    ("BigInteger", "bigInteger"),
    ("BigDecimal", "bigDecimal"),
    ("Timestamp", "timestamp"),
    ("Document", "document"),
];

/// The kind of a prelude shape, or `None` when the id is not in the prelude.
pub fn kind(id: &ShapeId) -> Option<&'static str> {
    if id.namespace() != "smithy.api" {
        return None;
    }
    if id.as_str() == UNIT {
        return Some("structure");
    }
    SIMPLE
        .iter()
        .find(|(name, _)| *name == id.name())
        .map(|(_, kind)| *kind)
}

/// The prelude shape itself, for the normalised model's shape map.
pub fn shape(id: &ShapeId) -> Option<Shape> {
    let simple = Simple::default();
    Some(match kind(id)? {
        "blob" => Shape::Blob(simple),
        "boolean" => Shape::Boolean(simple),
        "string" => Shape::String(simple),
        "byte" => Shape::Byte(simple),
        "short" => Shape::Short(simple),
        "integer" => Shape::Integer(simple),
        "long" => Shape::Long(simple),
        "float" => Shape::Float(simple),
        "double" => Shape::Double(simple),
        "bigInteger" => Shape::BigInteger(simple),
        "bigDecimal" => Shape::BigDecimal(simple),
        "timestamp" => Shape::Timestamp(simple),
        "document" => Shape::Document(simple),
        _ => Shape::Structure(Default::default()),
    })
}
