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

mod error_response;
mod impls;
mod operation;
mod read;
mod structure;
mod write;
mod writer;

pub use self::error_response::error_metadata;
pub use self::operation::{ModeledError, parse_response, read_error};
#[cfg(feature = "server")]
pub use self::operation::{error_response, parse_request};
pub use self::structure::{JsonStructure, read_structure, zero_structure};
pub use self::writer::{Array, EmptyObject, JsonWriter, Object};

// ---------------------------------------------------------------- writing

/// A value that has an awsJson form.
pub trait JsonSerialize {
    /// Writes `self` as JSON.
    fn write_json(&self, writer: &mut JsonWriter);
}

/// The compact JSON text of `value`.
pub fn to_vec<T: JsonSerialize + ?Sized>(value: &T) -> Vec<u8> {
    // Most bodies are small, but starting at 1 KiB saves the first reallocations
    // of a listing.
    let mut writer = JsonWriter::with_capacity(1024);
    value.write_json(&mut writer);
    writer.into_bytes()
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

    pub(crate) fn from_segments(segments: Vec<Segment>) -> Self {
        Path(segments)
    }

    pub(crate) fn insert_first(&mut self, segment: Segment) {
        self.0.insert(0, segment);
    }

    /// Steps into a member, element or entry (validation walks values with one `Path`).
    pub fn push(&mut self, segment: Segment) {
        self.0.push(segment);
    }

    /// Steps back out of what [`push`](Self::push) stepped into.
    pub fn pop(&mut self) {
        self.0.pop();
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

/// The state of one deserialization: what it had to forgive, and where it failed.
///
/// Paths cost nothing while all is well: a level adds its step to a path only
/// when something beneath it was recorded as missing or failed, as it returns.
#[derive(Debug, Default)]
pub struct DeContext {
    /// The steps down to a failure, filled in as the error propagates.
    error_path: Vec<Segment>,
    missing: Vec<Path>,
}

impl DeContext {
    /// A context for reading one document.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records that the required `member` of the structure being read was absent or `null`.
    pub fn missing_required(&mut self, member: &'static str) {
        self.missing
            .push(Path(::std::vec![Segment::Member(member)]));
    }

    /// The required members found absent or `null` (recorded when their
    /// structure ends) and the `null` elements dropped from dense lists and
    /// maps, by their full paths once [`from_slice`] returns.
    pub fn missing(&self) -> &[Path] {
        &self.missing
    }

    /// Reads the value of the member whose name `map` just gave:
    /// `name = ctx.member(&mut map, "Name")?`.
    #[inline]
    pub fn member<'de, T: JsonDeserialize, A: MapAccess<'de>>(
        &mut self,
        map: &mut A,
        member: &'static str,
    ) -> Result<T, A::Error> {
        let recorded = self.missing.len();
        let result = map.next_value_seed(Seed::new(self));
        self.step_out(recorded, result.is_err(), || Segment::Member(member));
        result
    }

    /// After reading one step down, at `segment`: adds the step to the paths
    /// recorded there, if any, and to the error path if the read `failed`.
    #[inline]
    fn step_out(&mut self, recorded: usize, failed: bool, segment: impl FnOnce() -> Segment) {
        if failed || self.missing.len() > recorded {
            self.prepend(recorded, failed, segment());
        }
    }

    #[cold]
    fn prepend(&mut self, recorded: usize, failed: bool, segment: Segment) {
        for path in &mut self.missing[recorded..] {
            path.0.insert(0, segment.clone());
        }
        if failed {
            self.error_path.insert(0, segment);
        }
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
        Self {
            ctx,
            target: PhantomData,
        }
    }
}

impl<'de, T: JsonDeserialize> DeserializeSeed<'de> for Seed<'_, T> {
    type Value = T;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        T::deserialize_json(deserializer, self.ctx)
    }
}

/// Reads a structure's member name (borrowed, never allocated) and maps it to
/// the member's index, or `None` for a name the model does not know, with a
/// `match` that compiles as tightly as serde's derive:
/// `map.next_key_seed(MemberKey(|name| match name { "Key" => Some(0), "Value" => Some(1), _ => None }))?`.
#[derive(Clone, Copy)]
pub struct MemberKey(pub fn(&str) -> Option<usize>);

impl<'de> DeserializeSeed<'de> for MemberKey {
    type Value = Option<usize>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<usize>, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for MemberKey {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member name")
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<Option<usize>, E> {
        Ok((self.0)(name))
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

/// ``at Workspaces[0].UserName: invalid type: integer `5`, expected a string (line 1, column 49)``.
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
/// On failure the error names the path being read; `ctx` keeps what it
/// recorded as missing.
pub fn from_slice<T: JsonDeserialize>(body: &[u8], ctx: &mut DeContext) -> Result<T, DeError> {
    let blank = body
        .iter()
        .all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'));
    let body: &[u8] = if blank { b"{}" } else { body };
    ctx.error_path.clear();
    // serde_json's recursion limit (128) stays on: deep bodies fail, never overflow.
    // One UTF-8 check of the whole body (fast over ASCII) spares serde_json a
    // check per string; a body that fails it is read from the bytes, so its
    // error, and what it accepts (invalid UTF-8 in a skipped member), stay serde_json's.
    let result = match ::std::str::from_utf8(body) {
        Ok(text) => read_all(::serde_json::Deserializer::from_str(text), ctx),
        Err(_) => read_all(::serde_json::Deserializer::from_slice(body), ctx),
    };
    result.map_err(|error| {
        let (line, column) = (error.line(), error.column());
        let mut message = error.to_string();
        // serde_json appends the position; it goes into our own suffix instead.
        let position = format!(" at line {line} column {column}");
        if line != 0 && message.ends_with(&position) {
            message.truncate(message.len() - position.len());
        }
        DeError {
            path: Path(::std::mem::take(&mut ctx.error_path)),
            message,
            line,
            column,
        }
    })
}

/// Reads one value and then the end of the input.
fn read_all<'de, R: ::serde_json::de::Read<'de>, T: JsonDeserialize>(
    mut deserializer: ::serde_json::Deserializer<R>,
    ctx: &mut DeContext,
) -> Result<T, ::serde_json::Error> {
    let value = T::deserialize_json(&mut deserializer, ctx)?;
    deserializer.end()?;
    Ok(value)
}

#[cfg(test)]
mod tests {
    use ::std::borrow::ToOwned;
    use ::std::boxed::Box;
    use ::std::collections::HashMap;
    use ::std::{format, vec};

    use ::serde::de::IgnoredAny;

    use super::*;
    use crate::document::Document;
    use crate::timestamp::Timestamp;

    /// Expands to what the generator emits for a structure.
    macro_rules! structure {
        ($name:ident {
            required: [$($ri:literal $rf:ident: $rt:ty = $rw:literal),*],
            optional: [$($oi:literal $of:ident: $ot:ty = $ow:literal),*] $(,)?
        }) => {
            #[derive(Debug, PartialEq)]
            struct $name {
                $($rf: $rt,)*
                $($of: Option<$ot>,)*
            }

            impl ZeroValue for $name {
                fn zero_value() -> Self {
                    Self { $($rf: ZeroValue::zero_value(),)* $($of: None,)* }
                }
            }

            impl JsonSerialize for $name {
                fn write_json(&self, w: &mut JsonWriter) {
                    let mut object = w.object();
                    $(object.member($rw, &self.$rf);)*
                    $(object.optional($ow, &self.$of);)*
                    object.end();
                }
            }

            impl JsonDeserialize for $name {
                fn deserialize_json<'de, D: Deserializer<'de>>(d: D, ctx: &mut DeContext) -> Result<Self, D::Error> {
                    struct V<'c>(&'c mut DeContext);
                    impl<'de> Visitor<'de> for V<'_> {
                        type Value = $name;
                        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                            f.write_str(concat!("a ", stringify!($name), " structure"))
                        }
                        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<$name, A::Error> {
                            $(let mut $rf: Option<$rt> = None;)*
                            $(let mut $of: Option<$ot> = None;)*
                            let index = MemberKey(|name| match name {
                                $($rw => Some($ri),)*
                                $($ow => Some($oi),)*
                                _ => None,
                            });
                            while let Some(member) = map.next_key_seed(index)? {
                                match member {
                                    $(Some($ri) => $rf = self.0.member(&mut map, $rw)?,)*
                                    $(Some($oi) => $of = self.0.member(&mut map, $ow)?,)*
                                    _ => {
                                        map.next_value::<IgnoredAny>()?;
                                    }
                                }
                            }
                            Ok($name { $($rf: self.0.require($rf, $rw),)* $($of,)* })
                        }
                    }
                    d.deserialize_map(V(ctx))
                }
            }
        };
    }

    structure!(Tag { required: [0 key: String = "Key"], optional: [1 value: String = "Value"] });
    structure!(Properties { required: [], optional: [0 root_volume_size_gib: i32 = "RootVolumeSizeGib"] });
    structure!(Workspace {
        required: [0 workspace_id: String = "WorkspaceId"],
        optional: [
            1 user_name: String = "UserName",
            2 properties: Properties = "WorkspaceProperties",
            3 tags: Vec<Tag> = "Tags",
            4 created: Timestamp = "Created",
            5 labels: HashMap<String, String> = "Labels"
        ],
    });
    structure!(Output {
        required: [],
        optional: [0 workspaces: Vec<Workspace> = "Workspaces", 1 next_token: String = "NextToken"],
    });
    structure!(Node { required: [], optional: [0 child: Box<Node> = "Child", 1 doc: Document = "Doc"] });

    fn workspace(id: &str) -> Workspace {
        Workspace {
            workspace_id: id.to_owned(),
            user_name: None,
            properties: None,
            tags: None,
            created: None,
            labels: None,
        }
    }

    fn read<T: JsonDeserialize>(body: &str) -> (Result<T, DeError>, Vec<String>) {
        let mut ctx = DeContext::new();
        let result = from_slice(body.as_bytes(), &mut ctx);
        assert!(ctx.error_path.is_empty());
        (
            result,
            ctx.missing().iter().map(ToString::to_string).collect(),
        )
    }

    #[test]
    fn structures_round_trip() {
        let output = Output {
            workspaces: Some(vec![Workspace {
                user_name: Some("jane".to_owned()),
                properties: Some(Properties {
                    root_volume_size_gib: Some(80),
                }),
                tags: Some(vec![Tag {
                    key: "team".to_owned(),
                    value: None,
                }]),
                created: Some(Timestamp::from_secs_and_nanos(1515531081, 123_000_000)),
                labels: Some(HashMap::from([
                    ("b".to_owned(), "2".to_owned()),
                    ("a".to_owned(), "1".to_owned()),
                ])),
                ..workspace("ws-1")
            }]),
            next_token: None,
        };
        let body = String::from_utf8(to_vec(&output)).unwrap();
        assert_eq!(
            body,
            r#"{"Workspaces":[{"WorkspaceId":"ws-1","UserName":"jane","WorkspaceProperties":{"RootVolumeSizeGib":80},"Tags":[{"Key":"team"}],"Created":1515531081.123,"Labels":{"a":"1","b":"2"}}]}"#
        );
        let (read_back, missing) = read::<Output>(&body);
        assert_eq!(read_back.unwrap(), output);
        assert!(missing.is_empty());
    }

    #[test]
    fn reading_forgives_like_an_aws_client() {
        let body = r#"{
            "__type": "ignored",
            "Unknown": {"deep": [1, {"x": null}]},
            "NextToken": null,
            "Workspaces": [
                {"WorkspaceId": "ws-1", "UserName": null, "Created": "2000-01-02T20:34:56Z", "Labels": {"k": null}},
                {"UserName": "bob", "Tags": [{"Key": null, "Value": "v"}, null, {"Key": "k"}]}
            ]
        }"#;
        let (output, missing) = read::<Output>(body);
        let mut second = workspace("");
        second.user_name = Some("bob".to_owned());
        second.tags = Some(vec![
            Tag {
                key: String::new(),
                value: Some("v".to_owned()),
            },
            Tag {
                key: "k".to_owned(),
                value: None,
            },
        ]);
        let mut first = workspace("ws-1");
        first.created = Some(Timestamp::from_secs(946845296));
        first.labels = Some(HashMap::new());
        assert_eq!(
            output.unwrap(),
            Output {
                workspaces: Some(vec![first, second]),
                next_token: None
            }
        );
        assert_eq!(
            missing,
            [
                r#"Workspaces[0].Labels["k"]"#,
                "Workspaces[1].Tags[0].Key",
                "Workspaces[1].Tags[1]",
                "Workspaces[1].WorkspaceId"
            ]
        );
    }

    #[test]
    fn empty_bodies_read_as_empty_objects() {
        for body in ["", " \r\n\t"] {
            let (output, _) = read::<Output>(body);
            assert_eq!(
                output.unwrap(),
                Output {
                    workspaces: None,
                    next_token: None
                }
            );
        }
        let (workspace, missing) = read::<Workspace>("");
        assert_eq!(workspace.unwrap(), self::workspace(""));
        assert_eq!(missing, ["WorkspaceId"]);
    }

    #[test]
    fn errors_say_where() {
        let body = r#"{"Workspaces":[{"WorkspaceId":"ws-1","UserName":5}]}"#;
        let error = read::<Output>(body).0.unwrap_err();
        assert_eq!(
            error.to_string(),
            "at Workspaces[0].UserName: invalid type: integer `5`, expected a string (line 1, column 49)"
        );
        let segments = [
            Segment::Member("Workspaces"),
            Segment::Index(0),
            Segment::Member("UserName"),
        ];
        assert_eq!(error.path().segments(), segments);
        let error =
            read::<Output>("{\n\"Workspaces\": [{\"Tags\": [{\"Key\": \"k\"}, {\"Key\": true")
                .0
                .unwrap_err();
        assert_eq!(
            error.to_string(),
            "at Workspaces[0].Tags[1].Key: invalid type: boolean `true`, expected a string (line 2, column 51)"
        );
        let error = read::<Output>(r#"{"Workspaces": [{"WorkspaceId": "a"}"#)
            .0
            .unwrap_err();
        assert_eq!(
            error.to_string(),
            "at Workspaces[1]: EOF while parsing a list (line 1, column 36)"
        );
        let error = read::<Output>(r#"{"NextToken": "t"} x"#).0.unwrap_err();
        assert_eq!(error.to_string(), "trailing characters (line 1, column 20)");
        let error = read::<Output>("null").0.unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid type: null, expected a Output structure (line 1, column 4)"
        );
        let error = read::<Output>(r#"{"Workspaces": {}}"#).0.unwrap_err();
        assert_eq!(
            error.to_string(),
            "at Workspaces: invalid type: map, expected a list (line 1, column 15)"
        );
    }

    #[test]
    fn deep_nesting_fails_without_overflowing_the_stack() {
        let deep =
            |open: &str, close: &str| format!("{}{}", open.repeat(10_000), close.repeat(10_000));
        for body in [
            deep(r#"{"Child":"#, "}"),
            format!(r#"{{"Doc":{}}}"#, deep("[", "]")),
            deep(r#"{"Doc":{"a":"#, "}}"),
        ] {
            let error = read::<Node>(&body).0.unwrap_err();
            assert!(
                error.to_string().contains("recursion limit exceeded"),
                "{error}"
            );
        }
        let error = read::<Node>(&deep(r#"{"Child":"#, "}")).0.unwrap_err();
        assert_eq!(error.path().segments().len(), 127);
        // Unknown members are skipped without recursion.
        let (node, _) = read::<Node>(&format!(r#"{{"Unknown":{}}}"#, deep("[", "]")));
        assert_eq!(
            node.unwrap(),
            Node {
                child: None,
                doc: None
            }
        );
    }

    #[test]
    fn paths_display_members_indexes_and_keys() {
        assert_eq!(Path::default().to_string(), "");
        let key = Segment::Key("a\"b".to_owned());
        let path = Path(vec![
            Segment::Member("Pools"),
            Segment::Index(3),
            Segment::Member("Tags"),
            key,
        ]);
        assert_eq!(path.to_string(), r#"Pools[3].Tags["a\"b"]"#);
        assert_eq!(
            Path(vec![Segment::Index(0), Segment::Member("A")]).to_string(),
            "[0].A"
        );
    }

    #[test]
    fn paths_are_complete_after_errors_and_misses() {
        let mut ctx = DeContext::new();
        let body = br#"{"Workspaces": [{"WorkspaceId": "a"}, {"WorkspaceId": "b", "Tags": [{"Value": "v"}]}]}"#;
        let _: Output = from_slice(body, &mut ctx).unwrap();
        let error = from_slice::<Output>(br#"{"Workspaces": [{"Labels": {"k": 1}}]}"#, &mut ctx)
            .unwrap_err();
        assert_eq!(error.path().to_string(), r#"Workspaces[0].Labels["k"]"#);
        // A second read keeps what the first recorded, and adds its own.
        let _: Output = from_slice(br#"{"Workspaces": [{}]}"#, &mut ctx).unwrap();
        let missing: Vec<String> = ctx.missing().iter().map(ToString::to_string).collect();
        assert_eq!(
            missing,
            ["Workspaces[1].Tags[0].Key", "Workspaces[0].WorkspaceId"]
        );
    }

    #[test]
    fn seeds_plug_into_serde() {
        let mut ctx = DeContext::new();
        let mut deserializer = ::serde_json::Deserializer::from_str("[1, null, 2]");
        let items = Seed::<Vec<i64>>::new(&mut ctx)
            .deserialize(&mut deserializer)
            .unwrap();
        assert_eq!(items, [1, 2]);
        assert_eq!(ctx.missing()[0].to_string(), "[1]");
    }
}
