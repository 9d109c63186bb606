//! Strict serde types for the Smithy JSON AST (Smithy 1.0 and 2.0).
//!
//! Only the model's structure is typed here; traits stay as JSON values keyed by
//! their absolute id and are read by [`crate::traits`]. No Rust naming happens here.

mod parse;
mod shape_id;

pub use parse::parse_model;
pub use shape_id::ShapeId;

use ::std::collections::BTreeMap;
use serde::Deserialize;

/// Trait id (`smithy.api#required`) to trait value.
pub type Traits = BTreeMap<String, serde_json::Value>;

/// A whole model file: `{"smithy": "2.0", "metadata": {…}, "shapes": {…}}`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Model {
    /// The IDL version, `1.0`, `2` or `2.0`.
    pub smithy: String,
    #[serde(default)]
    pub metadata: serde_json::Map<String, serde_json::Value>,
    #[serde(default)]
    pub shapes: Shapes,
}

/// Shapes keyed by absolute id, in id order (so every pass over them is deterministic).
#[derive(Debug, Clone, Default)]
pub struct Shapes(pub BTreeMap<ShapeId, Shape>);

/// A reference to another shape: `{"target": "ns#Name"}`.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Target {
    pub target: ShapeId,
}

/// A member of a structure, union, enum, list or map.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Member {
    pub target: ShapeId,
    #[serde(default)]
    pub traits: Traits,
}

/// Members in model order; a name given twice is rejected while parsing.
#[derive(Debug, Clone, Default)]
pub struct Members(pub Vec<(String, Member)>);

/// One shape, by its `type` (read in [`parse`], which picks the variant first so that
/// errors inside a shape keep their exact position).
#[derive(Debug, Clone)]
pub enum Shape {
    Blob(Simple),
    Boolean(Simple),
    String(Simple),
    Byte(Simple),
    Short(Simple),
    Integer(Simple),
    Long(Simple),
    Float(Simple),
    Double(Simple),
    BigInteger(Simple),
    BigDecimal(Simple),
    Timestamp(Simple),
    Document(Simple),
    Enum(Aggregate),
    IntEnum(Aggregate),
    List(Collection),
    /// Smithy 1.0 only; normalised to a list.
    Set(Collection),
    Map(MapShape),
    Structure(Aggregate),
    Union(Aggregate),
    Service(Service),
    Operation(Operation),
    Resource(Resource),
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Simple {
    /// The `type` key, already read to choose the kind.
    #[serde(default, rename = "type")]
    pub kind_tag: serde::de::IgnoredAny,
    #[serde(default)]
    pub traits: Traits,
    #[serde(default)]
    pub mixins: Vec<Target>,
}

/// Structures, unions, enums and intEnums: a named member list.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Aggregate {
    /// The `type` key, already read to choose the kind.
    #[serde(default, rename = "type")]
    pub kind_tag: serde::de::IgnoredAny,
    #[serde(default)]
    pub members: Members,
    #[serde(default)]
    pub traits: Traits,
    #[serde(default)]
    pub mixins: Vec<Target>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Collection {
    /// The `type` key, already read to choose the kind.
    #[serde(default, rename = "type")]
    pub kind_tag: serde::de::IgnoredAny,
    pub member: Member,
    #[serde(default)]
    pub traits: Traits,
    #[serde(default)]
    pub mixins: Vec<Target>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MapShape {
    /// The `type` key, already read to choose the kind.
    #[serde(default, rename = "type")]
    pub kind_tag: serde::de::IgnoredAny,
    pub key: Member,
    pub value: Member,
    #[serde(default)]
    pub traits: Traits,
    #[serde(default)]
    pub mixins: Vec<Target>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Service {
    /// The `type` key, already read to choose the kind.
    #[serde(default, rename = "type")]
    pub kind_tag: serde::de::IgnoredAny,
    #[serde(default)]
    pub version: Option<String>,
    #[serde(default)]
    pub operations: Vec<Target>,
    #[serde(default)]
    pub resources: Vec<Target>,
    #[serde(default)]
    pub errors: Vec<Target>,
    #[serde(default)]
    pub rename: BTreeMap<ShapeId, String>,
    #[serde(default)]
    pub traits: Traits,
    #[serde(default)]
    pub mixins: Vec<Target>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Operation {
    /// The `type` key, already read to choose the kind.
    #[serde(default, rename = "type")]
    pub kind_tag: serde::de::IgnoredAny,
    #[serde(default)]
    pub input: Option<Target>,
    #[serde(default)]
    pub output: Option<Target>,
    #[serde(default)]
    pub errors: Vec<Target>,
    #[serde(default)]
    pub traits: Traits,
    #[serde(default)]
    pub mixins: Vec<Target>,
}

/// Resources only matter for the operations they bind.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Resource {
    /// The `type` key, already read to choose the kind.
    #[serde(default, rename = "type")]
    pub kind_tag: serde::de::IgnoredAny,
    #[serde(default)]
    pub identifiers: BTreeMap<String, Target>,
    #[serde(default)]
    pub properties: BTreeMap<String, Target>,
    pub create: Option<Target>,
    pub put: Option<Target>,
    pub read: Option<Target>,
    pub update: Option<Target>,
    pub delete: Option<Target>,
    pub list: Option<Target>,
    #[serde(default)]
    pub operations: Vec<Target>,
    #[serde(default)]
    pub collection_operations: Vec<Target>,
    #[serde(default)]
    pub resources: Vec<Target>,
    #[serde(default)]
    pub traits: Traits,
    #[serde(default)]
    pub mixins: Vec<Target>,
}

impl Resource {
    /// Every operation the resource binds, lifecycle ones first.
    pub fn bound_operations(&self) -> impl Iterator<Item = &ShapeId> {
        [
            &self.create,
            &self.put,
            &self.read,
            &self.update,
            &self.delete,
            &self.list,
        ]
        .into_iter()
        .flatten()
        .chain(&self.operations)
        .chain(&self.collection_operations)
        .map(|t| &t.target)
    }
}

impl Shape {
    /// The kind as written in the model (`structure`, `intEnum`, …).
    pub fn kind(&self) -> &'static str {
        match self {
            Shape::Blob(_) => "blob",
            Shape::Boolean(_) => "boolean",
            Shape::String(_) => "string",
            Shape::Byte(_) => "byte",
            Shape::Short(_) => "short",
            Shape::Integer(_) => "integer",
            Shape::Long(_) => "long",
            Shape::Float(_) => "float",
            Shape::Double(_) => "double",
            Shape::BigInteger(_) => "bigInteger",
            Shape::BigDecimal(_) => "bigDecimal",
            Shape::Timestamp(_) => "timestamp",
            Shape::Document(_) => "document",
            Shape::Enum(_) => "enum",
            Shape::IntEnum(_) => "intEnum",
            Shape::List(_) => "list",
            Shape::Set(_) => "set",
            Shape::Map(_) => "map",
            Shape::Structure(_) => "structure",
            Shape::Union(_) => "union",
            Shape::Service(_) => "service",
            Shape::Operation(_) => "operation",
            Shape::Resource(_) => "resource",
        }
    }

    pub fn traits(&self) -> &Traits {
        self.parts().0
    }

    pub fn mixins(&self) -> &[Target] {
        self.parts().1
    }

    fn parts(&self) -> (&Traits, &Vec<Target>) {
        match self {
            Shape::Blob(s)
            | Shape::Boolean(s)
            | Shape::String(s)
            | Shape::Byte(s)
            | Shape::Short(s)
            | Shape::Integer(s)
            | Shape::Long(s)
            | Shape::Float(s)
            | Shape::Double(s)
            | Shape::BigInteger(s)
            | Shape::BigDecimal(s)
            | Shape::Timestamp(s)
            | Shape::Document(s) => (&s.traits, &s.mixins),
            Shape::Enum(a) | Shape::IntEnum(a) | Shape::Structure(a) | Shape::Union(a) => {
                (&a.traits, &a.mixins)
            }
            Shape::List(c) | Shape::Set(c) => (&c.traits, &c.mixins),
            Shape::Map(m) => (&m.traits, &m.mixins),
            Shape::Service(s) => (&s.traits, &s.mixins),
            Shape::Operation(o) => (&o.traits, &o.mixins),
            Shape::Resource(r) => (&r.traits, &r.mixins),
        }
    }

    /// Mutable traits and mixins, for normalisation.
    pub fn parts_mut(&mut self) -> (&mut Traits, &mut Vec<Target>) {
        match self {
            Shape::Blob(s)
            | Shape::Boolean(s)
            | Shape::String(s)
            | Shape::Byte(s)
            | Shape::Short(s)
            | Shape::Integer(s)
            | Shape::Long(s)
            | Shape::Float(s)
            | Shape::Double(s)
            | Shape::BigInteger(s)
            | Shape::BigDecimal(s)
            | Shape::Timestamp(s)
            | Shape::Document(s) => (&mut s.traits, &mut s.mixins),
            Shape::Enum(a) | Shape::IntEnum(a) | Shape::Structure(a) | Shape::Union(a) => {
                (&mut a.traits, &mut a.mixins)
            }
            Shape::List(c) | Shape::Set(c) => (&mut c.traits, &mut c.mixins),
            Shape::Map(m) => (&mut m.traits, &mut m.mixins),
            Shape::Service(s) => (&mut s.traits, &mut s.mixins),
            Shape::Operation(o) => (&mut o.traits, &mut o.mixins),
            Shape::Resource(r) => (&mut r.traits, &mut r.mixins),
        }
    }

    /// Named members with their targets: aggregate members, list `member`, map `key`/`value`.
    pub fn members(&self) -> Vec<(&str, &Member)> {
        match self {
            Shape::Enum(a) | Shape::IntEnum(a) | Shape::Structure(a) | Shape::Union(a) => {
                a.members.0.iter().map(|(n, m)| (n.as_str(), m)).collect()
            }
            Shape::List(c) | Shape::Set(c) => vec![("member", &c.member)],
            Shape::Map(m) => vec![("key", &m.key), ("value", &m.value)],
            _ => Vec::new(),
        }
    }
}
