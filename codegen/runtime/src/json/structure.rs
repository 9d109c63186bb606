//! Structures: generated code describes a structure's members through
//! [`JsonStructure`]; the loop that reads them lives here, once.

use ::std::fmt;
use ::std::marker::PhantomData;
use ::std::result::Result;

use ::serde::de::value::MapDeserializer;
use ::serde::de::{Deserializer, MapAccess, Visitor};

use super::DeContext;

/// A modeled structure as awsJson reads it; generated per structure.
pub trait JsonStructure: Sized {
    /// The shape name, for error messages.
    const NAME: &'static str;

    /// Reads the members from `map` (unknown ones skipped); absent required
    /// members are filled in and recorded in `ctx`.
    fn read_map<'de, A: MapAccess<'de>>(map: &mut A, ctx: &mut DeContext)
    -> Result<Self, A::Error>;
}

/// Reads a structure from a JSON object.
pub fn read_structure<'de, T: JsonStructure, D: Deserializer<'de>>(
    deserializer: D,
    ctx: &mut DeContext,
) -> Result<T, D::Error> {
    deserializer.deserialize_map(StructureVisitor::<T> {
        ctx,
        target: PhantomData,
    })
}

/// The value a required structure member takes when a response lacks it: the
/// structure read from `{}`, so its own required members take their zero values.
pub fn zero_structure<T: JsonStructure>() -> T {
    type Empty = ::std::iter::Empty<(&'static str, ())>;
    let mut empty = MapDeserializer::<Empty, ::serde::de::value::Error>::new(::std::iter::empty());
    T::read_map(&mut empty, &mut DeContext::new())
        .unwrap_or_else(|e| unreachable!("reading an empty map cannot fail: {e}"))
}

struct StructureVisitor<'c, T> {
    ctx: &'c mut DeContext,
    target: PhantomData<fn() -> T>,
}

impl<'de, T: JsonStructure> Visitor<'de> for StructureVisitor<'_, T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a {} structure", T::NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        T::read_map(&mut map, self.ctx)
    }
}
