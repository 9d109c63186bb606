//! Reading a model file, with errors that say where they happened.
//!
//! serde reports line and column; the shape and member being read are tracked on
//! the side, because the derived deserializers cannot carry that context.

use super::{Member, Members, Model, Shape, ShapeId, Shapes};
use crate::error::{Error, ErrorKind};
use ::std::cell::RefCell;
use ::std::collections::BTreeMap;
use ::std::fmt;
use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};

/// Where the parser is: the shape id and member currently being read, and for an error
/// inside a shape, where the shape's text starts (an address in the model text) and the
/// error's line and column within it.
#[derive(Default)]
struct Place {
    shape: Option<String>,
    member: Option<String>,
    shape_start: Option<usize>,
    in_shape: Option<(usize, usize)>,
}

thread_local! {
    static PLACE: RefCell<Place> = RefCell::new(Place::default());
}

/// Parses a Smithy JSON AST document strictly: unknown keys, duplicate keys and
/// unknown shape kinds are errors naming the shape and member.
pub fn parse_model(text: &str) -> Result<Model, Error> {
    PLACE.with(|p| *p.borrow_mut() = Place::default());
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let parsed = Model::deserialize(&mut deserializer).and_then(|model| {
        deserializer.end()?;
        Ok(model)
    });
    let place = PLACE.with(|p| ::std::mem::take(&mut *p.borrow_mut()));
    parsed.map_err(|e| {
        let mut error = json_error(&e, &place);
        if let (Some(start), Some(inner)) = (place.shape_start, place.in_shape) {
            error.line_column = Some(absolute_position(text, start, inner));
        }
        error
    })
}

/// The line and column in `text` of `inner`, a position inside the value whose text
/// starts at address `start` (inside `text`).
fn absolute_position(text: &str, start: usize, (line, column): (usize, usize)) -> (usize, usize) {
    let offset = start.saturating_sub(text.as_ptr() as usize).min(text.len());
    let before = &text.as_bytes()[..offset];
    let start_line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    let start_column = 1 + before.iter().rev().take_while(|&&b| b != b'\n').count();
    if line <= 1 {
        (start_line, start_column + column.saturating_sub(1))
    } else {
        (start_line + line - 1, column)
    }
}

/// Reads one shape's text: its `type` first, then the matching variant, unbuffered.
fn shape_from_raw(raw: &str) -> Result<Shape, serde_json::Error> {
    #[derive(serde::Deserialize)]
    struct Kind {
        #[serde(rename = "type")]
        kind: String,
    }
    let Kind { kind } = serde_json::from_str(raw)?;
    Ok(match kind.as_str() {
        "blob" => Shape::Blob(serde_json::from_str(raw)?),
        "boolean" => Shape::Boolean(serde_json::from_str(raw)?),
        "string" => Shape::String(serde_json::from_str(raw)?),
        "byte" => Shape::Byte(serde_json::from_str(raw)?),
        "short" => Shape::Short(serde_json::from_str(raw)?),
        "integer" => Shape::Integer(serde_json::from_str(raw)?),
        "long" => Shape::Long(serde_json::from_str(raw)?),
        "float" => Shape::Float(serde_json::from_str(raw)?),
        "double" => Shape::Double(serde_json::from_str(raw)?),
        "bigInteger" => Shape::BigInteger(serde_json::from_str(raw)?),
        "bigDecimal" => Shape::BigDecimal(serde_json::from_str(raw)?),
        "timestamp" => Shape::Timestamp(serde_json::from_str(raw)?),
        "document" => Shape::Document(serde_json::from_str(raw)?),
        "enum" => Shape::Enum(serde_json::from_str(raw)?),
        "intEnum" => Shape::IntEnum(serde_json::from_str(raw)?),
        "structure" => Shape::Structure(serde_json::from_str(raw)?),
        "union" => Shape::Union(serde_json::from_str(raw)?),
        "list" => Shape::List(serde_json::from_str(raw)?),
        "set" => Shape::Set(serde_json::from_str(raw)?),
        "map" => Shape::Map(serde_json::from_str(raw)?),
        "service" => Shape::Service(serde_json::from_str(raw)?),
        "operation" => Shape::Operation(serde_json::from_str(raw)?),
        "resource" => Shape::Resource(serde_json::from_str(raw)?),
        other => {
            return Err(de::Error::custom(format!(
                "unknown variant `{other}`: not a shape kind this generator reads"
            )));
        }
    })
}

fn json_error(e: &serde_json::Error, place: &Place) -> Error {
    let full = e.to_string();
    // serde_json appends " at line L column C"; we report position separately.
    let message = full
        .rsplit_once(" at line ")
        .map_or(full.as_str(), |(m, _)| m)
        .to_owned();
    let kind = if e.is_data() && place.member.is_none() && message.starts_with("unknown variant") {
        ErrorKind::UnsupportedShape
    } else if message.starts_with("duplicate member") {
        ErrorKind::DuplicateMember
    } else {
        ErrorKind::MalformedJson
    };
    Error {
        kind,
        file: None,
        shape: place.shape.clone(),
        member: place.member.clone(),
        line_column: (e.line() > 0).then(|| (e.line(), e.column())),
        message,
    }
}

impl<'de> Deserialize<'de> for Shapes {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ShapesVisitor;
        impl<'de> Visitor<'de> for ShapesVisitor {
            type Value = Shapes;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map of shape ids to shapes")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Shapes, A::Error> {
                let mut shapes = BTreeMap::new();
                while let Some(id) = map.next_key::<String>()? {
                    PLACE.with(|p| {
                        *p.borrow_mut() = Place {
                            shape: Some(id.clone()),
                            ..Place::default()
                        }
                    });
                    let shape_id = ShapeId::parse(&id).map_err(de::Error::custom)?;
                    let raw: &'de serde_json::value::RawValue = map.next_value()?;
                    let shape = shape_from_raw(raw.get()).map_err(|e| {
                        PLACE.with(|p| {
                            let mut p = p.borrow_mut();
                            p.shape_start = Some(raw.get().as_ptr() as usize);
                            p.in_shape = Some((e.line(), e.column()));
                        });
                        let full = e.to_string();
                        de::Error::custom(
                            full.rsplit_once(" at line ")
                                .map_or(full.as_str(), |(m, _)| m),
                        )
                    })?;
                    if shapes.insert(shape_id, shape).is_some() {
                        return Err(de::Error::custom(format!("shape `{id}` is defined twice")));
                    }
                }
                PLACE.with(|p| *p.borrow_mut() = Place::default());
                Ok(Shapes(shapes))
            }
        }
        deserializer.deserialize_map(ShapesVisitor)
    }
}

impl<'de> Deserialize<'de> for Members {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MembersVisitor;
        impl<'de> Visitor<'de> for MembersVisitor {
            type Value = Members;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map of member names to members")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Members, A::Error> {
                let mut members: Vec<(String, Member)> = Vec::new();
                while let Some(name) = map.next_key::<String>()? {
                    PLACE.with(|p| p.borrow_mut().member = Some(name.clone()));
                    if members.iter().any(|(seen, _)| *seen == name) {
                        return Err(de::Error::custom(format!(
                            "duplicate member `{name}`: a member name may appear once"
                        )));
                    }
                    let member: Member = map.next_value()?;
                    members.push((name, member));
                }
                PLACE.with(|p| p.borrow_mut().member = None);
                Ok(Members(members))
            }
        }
        deserializer.deserialize_map(MembersVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_small_model() {
        let model = parse_model(
            r#"{"smithy":"2.0","shapes":{"a.b#S":{"type":"structure","members":{"x":{"target":"smithy.api#String"}}}}}"#,
        )
        .unwrap();
        assert_eq!(model.shapes.0.len(), 1);
    }

    #[test]
    fn malformed_json_has_line_and_column() {
        let err = parse_model("{\n  \"smithy\": \"2.0\",\n  \"shapes\": {,}\n}").unwrap_err();
        assert_eq!(err.kind, ErrorKind::MalformedJson);
        assert_eq!(err.line_column, Some((3, 14)));
    }

    #[test]
    fn error_inside_a_shape_is_placed_exactly() {
        let text = "{\"smithy\":\"2.0\",\"shapes\":{\n  \"a.b#S\": {\"type\": \"structure\",\n    \"members\": {\"x\": {\"target\": 5}}}\n}}";
        let err = parse_model(text).unwrap_err();
        assert_eq!(err.shape.as_deref(), Some("a.b#S"));
        assert_eq!(err.member.as_deref(), Some("x"));
        assert_eq!(err.line_column, Some((3, 33)), "{err}");
    }

    #[test]
    fn unknown_kind_names_the_shape() {
        let err =
            parse_model(r#"{"smithy":"2.0","shapes":{"a.b#S":{"type":"widget"}}}"#).unwrap_err();
        assert_eq!(err.kind, ErrorKind::UnsupportedShape);
        assert_eq!(err.shape.as_deref(), Some("a.b#S"));
        assert!(err.message.contains("widget"), "{err}");
    }

    #[test]
    fn duplicate_member_is_named() {
        let err = parse_model(
            r#"{"smithy":"2.0","shapes":{"a.b#S":{"type":"structure","members":{
                "x":{"target":"smithy.api#String"},"x":{"target":"smithy.api#Integer"}}}}}"#,
        )
        .unwrap_err();
        assert_eq!(err.kind, ErrorKind::DuplicateMember);
        assert_eq!(err.shape.as_deref(), Some("a.b#S"));
        assert_eq!(err.member.as_deref(), Some("x"));
    }

    #[test]
    fn unknown_field_in_member_is_rejected() {
        let err = parse_model(
            r#"{"smithy":"2.0","shapes":{"a.b#S":{"type":"structure","members":{"x":{"target":"smithy.api#String","trait":{}}}}}}"#,
        )
        .unwrap_err();
        assert_eq!(err.kind, ErrorKind::MalformedJson);
        assert_eq!(err.member.as_deref(), Some("x"));
    }
}
