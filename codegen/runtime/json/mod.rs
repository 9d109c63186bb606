//! The awsJson runtime that generated (de)serializers build on.
//!
//! Every modeled type implements [`JsonSerialize`] and [`JsonDeserialize`]; the
//! impls here cover the Smithy simple types and collections. Reading is lenient
//! as AWS clients are: unknown members are skipped, `null` reads as absent, a
//! `null` inside a dense list or map is dropped, a missing required member is
//! filled with its [`ZeroValue`]; each dropped or filled value is recorded in the
//! [`DeContext`] by its [`Path`], so a server can reject what a client forgives.

use ::std::fmt;
use ::std::marker::PhantomData;
use ::std::option::Option;
use ::std::result::Result;
use ::std::string::String;
use ::std::vec::Vec;

use ::serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
use ::serde::ser::{Serialize, Serializer};

mod error_response;
mod read;
mod write;

pub use self::error_response::error_metadata;

// ---------------------------------------------------------------- writing

/// A value that has an awsJson form.
pub trait JsonSerialize {
    /// Writes `self` through `serializer`.
    fn serialize_json<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error>;
}

/// Lends a [`JsonSerialize`] value to serde, e.g. `map.serialize_entry("Name", &Ser(&self.name))`.
pub struct Ser<'a, T: ?Sized>(pub &'a T);

impl<T: JsonSerialize + ?Sized> Serialize for Ser<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize_json(serializer)
    }
}

/// The compact JSON text of `value`.
pub fn to_vec<T: JsonSerialize + ?Sized>(value: &T) -> Vec<u8> {
    // Writing to a Vec cannot fail, and no impl here reports an error.
    ::serde_json::to_vec(&Ser(value)).expect("awsJson serialization is infallible")
}

// ---------------------------------------------------------------- reading context

/// One step of a [`Path`].
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum Segment {
    /// A structure or union member, by its wire name.
    Member(&'static str),
    /// A list element.
    Index(usize),
    /// A map entry.
    Key(String),
}

/// Where a value sits in a document, from the top.
///
/// Displays as `Workspaces[0].WorkspaceProperties.RootVolumeSizeGib`, with map
/// keys quoted (`Tags["team"]`); the empty path displays as nothing.
#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct Path(Vec<Segment>);

impl Path {
    /// The steps, outermost first.
    pub fn segments(&self) -> &[Segment] {
        &self.0
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, segment) in self.0.iter().enumerate() {
            match segment {
                Segment::Member(name) if i == 0 => f.write_str(name)?,
                Segment::Member(name) => write!(f, ".{name}")?,
                Segment::Index(index) => write!(f, "[{index}]")?,
                Segment::Key(key) => write!(f, "[{key:?}]")?,
            }
        }
        Ok(())
    }
}

/// The state of one deserialization: where it is, and what it had to forgive.
#[derive(Debug, Default)]
pub struct DeContext {
    path: Vec<Segment>,
    missing: Vec<Path>,
}

impl DeContext {
    /// A context at the top of a document.
    pub fn new() -> Self {
        Self::default()
    }

    /// Steps into a member, element or entry.
    pub fn enter(&mut self, segment: Segment) {
        self.path.push(segment);
    }

    /// Steps back out of what [`enter`](Self::enter) stepped into.
    pub fn leave(&mut self) {
        self.path.pop();
    }

    /// Where the deserializer is now.
    pub fn path(&self) -> Path {
        Path(self.path.clone())
    }

    /// Records that the required `member` of the current structure was absent or `null`.
    pub fn missing_required(&mut self, member: &'static str) {
        let mut path = self.path();
        path.0.push(Segment::Member(member));
        self.missing.push(path);
    }

    /// The required members found absent or `null`, and the `null` elements
    /// dropped from dense lists and maps, in document order.
    pub fn missing(&self) -> &[Path] {
        &self.missing
    }

    /// Reads the value of the member whose name `map` just gave, with the path
    /// extended by `member`: `name = ctx.member(&mut map, "Name")?`.
    pub fn member<'de, T: JsonDeserialize, A: MapAccess<'de>>(
        &mut self,
        map: &mut A,
        member: &'static str,
    ) -> Result<T, A::Error> {
        self.enter(Segment::Member(member));
        let value = map.next_value_seed(Seed::new(self))?;
        self.leave();
        Ok(value)
    }

    /// A required member's value; when it was absent or `null`, records it
    /// and fills in its zero value (Smithy client error correction).
    pub fn require<T: ZeroValue>(&mut self, value: Option<T>, member: &'static str) -> T {
        value.unwrap_or_else(|| {
            self.missing_required(member);
            T::zero_value()
        })
    }
}

// ---------------------------------------------------------------- reading

/// A value that can be read from awsJson.
pub trait JsonDeserialize: Sized {
    /// Reads a value from `deserializer`, keeping `ctx` up to date.
    fn deserialize_json<'de, D: Deserializer<'de>>(
        deserializer: D,
        ctx: &mut DeContext,
    ) -> Result<Self, D::Error>;

    /// What a `null` element of a list or map reads as; `None` (the default)
    /// drops the element and records it in [`DeContext::missing`].
    fn from_null() -> Option<Self> {
        None
    }
}

/// The value a required member takes when a response lacks it.
pub trait ZeroValue {
    /// `""`, `0`, `false`, the epoch, an empty blob or collection, `null`…
    fn zero_value() -> Self;
}

/// A [`JsonDeserialize`] type as a serde [`DeserializeSeed`].
pub struct Seed<'c, T> {
    ctx: &'c mut DeContext,
    target: PhantomData<fn() -> T>,
}

impl<'c, T> Seed<'c, T> {
    /// Reads a `T` with `ctx`.
    pub fn new(ctx: &'c mut DeContext) -> Self {
        Self { ctx, target: PhantomData }
    }
}

impl<'de, T: JsonDeserialize> DeserializeSeed<'de> for Seed<'_, T> {
    type Value = T;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        T::deserialize_json(deserializer, self.ctx)
    }
}

/// Reads a structure's member name as its index in the given wire names, or
/// `None` for a name the model does not know; borrows, so it never allocates:
/// `while let Some(member) = map.next_key_seed(MemberNames(&["Key", "Value"]))? { match member { … } }`.
pub struct MemberNames(pub &'static [&'static str]);

impl<'de> DeserializeSeed<'de> for MemberNames {
    type Value = Option<usize>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<usize>, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for MemberNames {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member name")
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<Option<usize>, E> {
        Ok(self.0.iter().position(|known| *known == name))
    }
}

/// What went wrong reading a body, and where.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct DeError {
    path: Path,
    message: String,
    line: usize,
    column: usize,
}

impl DeError {
    /// The member the deserializer was reading when it failed.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// `at Workspaces[0].UserName: invalid type: integer `5`, expected a string (line 1, column 42)`.
impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.path.0.is_empty() {
            write!(f, "at {}: ", self.path)?;
        }
        f.write_str(&self.message)?;
        if self.line != 0 {
            write!(f, " (line {}, column {})", self.line, self.column)?;
        }
        Ok(())
    }
}

impl ::std::error::Error for DeError {}

/// Reads a whole body; an empty (or all-whitespace) body reads as `{}`.
///
/// On failure the error names the path being read; `ctx` is back at its
/// starting path, and keeps what it recorded as missing.
pub fn from_slice<T: JsonDeserialize>(body: &[u8], ctx: &mut DeContext) -> Result<T, DeError> {
    let blank = body.iter().all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'));
    let body: &[u8] = if blank { b"{}" } else { body };
    let depth = ctx.path.len();
    // serde_json's recursion limit (128) stays on: deep bodies fail, never overflow.
    let mut deserializer = ::serde_json::Deserializer::from_slice(body);
    T::deserialize_json(&mut deserializer, ctx)
        .and_then(|value| deserializer.end().map(|()| value))
        .map_err(|error| {
            let (line, column) = (error.line(), error.column());
            let mut message = error.to_string();
            // serde_json appends the position; it goes into our own suffix instead.
            let position = format!(" at line {line} column {column}");
            if line != 0 && message.ends_with(&position) {
                message.truncate(message.len() - position.len());
            }
            DeError { path: Path(ctx.path.split_off(depth)), message, line, column }
        })
}
