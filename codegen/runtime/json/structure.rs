//! Structures: generated code describes a structure's members through
//! [`JsonStructure`]; the loops that read and write them live here, once.

use ::std::default::Default;
use ::std::fmt;
use ::std::marker::PhantomData;
use ::std::option::Option::{self, None, Some};
use ::std::result::Result::{self, Ok};

use ::serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};
use ::serde::ser::SerializeMap;

use super::{DeContext, JsonSerialize, MemberKey, Ser};

/// A modeled structure as awsJson reads it; generated per structure.
pub trait JsonStructure: Sized {
    /// The shape name, for error messages.
    const NAME: &'static str;
    /// Members read so far: the structure's builder.
    type Partial: Default;

    /// The member's index, from its name on the wire; `None` for unknown members.
    fn member_index(name: &str) -> Option<usize>;

    /// Reads the value of member `index` (from [`member_index`](Self::member_index)) into `partial`.
    fn read_member<'de, A: MapAccess<'de>>(
        partial: &mut Self::Partial,
        index: usize,
        map: &mut A,
        ctx: &mut DeContext,
    ) -> Result<(), A::Error>;

    /// The structure, with absent required members filled in and recorded in `ctx`.
    fn finish(partial: Self::Partial, ctx: &mut DeContext) -> Self;
}

/// Reads a structure: its members by name, unknown members skipped.
pub fn read_structure<'de, T: JsonStructure, D: Deserializer<'de>>(
    deserializer: D,
    ctx: &mut DeContext,
) -> Result<T, D::Error> {
    deserializer.deserialize_map(StructureVisitor::<T> { ctx, target: PhantomData })
}

/// The value a required structure member takes when a response lacks it.
pub fn zero_structure<T: JsonStructure>() -> T {
    T::finish(T::Partial::default(), &mut DeContext::new())
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
        let mut partial = T::Partial::default();
        while let Some(index) = map.next_key_seed(MemberKey(T::member_index))? {
            match index {
                Some(index) => T::read_member(&mut partial, index, &mut map, self.ctx)?,
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(T::finish(partial, self.ctx))
    }
}

/// Writes a member that is always present.
#[inline]
pub fn write_member<M: SerializeMap, T: JsonSerialize + ?::std::marker::Sized>(
    map: &mut M,
    name: &'static str,
    value: &T,
) -> Result<(), M::Error> {
    map.serialize_entry(name, &Ser(value))
}

/// Writes an optional member; an absent one is left out, as awsJson wants.
#[inline]
pub fn write_optional<M: SerializeMap, T: JsonSerialize>(
    map: &mut M,
    name: &'static str,
    value: &Option<T>,
) -> Result<(), M::Error> {
    match value {
        Some(value) => map.serialize_entry(name, &Ser(value)),
        None => Ok(()),
    }
}
