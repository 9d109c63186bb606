//! Typed readers for the traits the generator acts on.
//!
//! Trait values stay JSON in [`crate::smithy`]; these functions read them and report a
//! malformed value as an [`ErrorKind::InvalidTrait`] naming the trait.

use crate::error::{Error, ErrorKind};
use crate::smithy::Traits;

pub const DOCUMENTATION: &str = "smithy.api#documentation";
pub const REQUIRED: &str = "smithy.api#required";
pub const DEFAULT: &str = "smithy.api#default";
pub const CLIENT_OPTIONAL: &str = "smithy.api#clientOptional";
pub const LENGTH: &str = "smithy.api#length";
pub const RANGE: &str = "smithy.api#range";
pub const PATTERN: &str = "smithy.api#pattern";
pub const ENUM_VALUE: &str = "smithy.api#enumValue";
pub const LEGACY_ENUM: &str = "smithy.api#enum";
pub const ERROR: &str = "smithy.api#error";
pub const HTTP_ERROR: &str = "smithy.api#httpError";
pub const SENSITIVE: &str = "smithy.api#sensitive";
pub const DEPRECATED: &str = "smithy.api#deprecated";
pub const IDEMPOTENCY_TOKEN: &str = "smithy.api#idempotencyToken";
pub const SPARSE: &str = "smithy.api#sparse";
pub const UNIQUE_ITEMS: &str = "smithy.api#uniqueItems";
pub const MIXIN: &str = "smithy.api#mixin";
pub const INPUT: &str = "smithy.api#input";
pub const OUTPUT: &str = "smithy.api#output";
pub const PAGINATED: &str = "smithy.api#paginated";
pub const TITLE: &str = "smithy.api#title";
pub const AWS_SERVICE: &str = "aws.api#service";
pub const SIGV4: &str = "aws.auth#sigv4";
pub const AWS_JSON_1_0: &str = "aws.protocols#awsJson1_0";
pub const AWS_QUERY_COMPATIBLE: &str = "aws.protocols#awsQueryCompatible";
pub const AWS_JSON_1_1: &str = "aws.protocols#awsJson1_1";
pub const RPC_V2_CBOR: &str = "smithy.protocols#rpcv2Cbor";
pub const TIMESTAMP_FORMAT: &str = "smithy.api#timestampFormat";
pub const HTTP_REQUEST_TESTS: &str = "smithy.test#httpRequestTests";
pub const HTTP_RESPONSE_TESTS: &str = "smithy.test#httpResponseTests";

pub fn has(traits: &Traits, id: &str) -> bool {
    traits.contains_key(id)
}

fn invalid(id: &str, why: impl ::std::fmt::Display) -> Error {
    Error::new(ErrorKind::InvalidTrait, format!("`{id}` {why}"))
}

/// A trait whose value must be a string (`documentation`, `pattern`, `title`).
pub fn string<'a>(traits: &'a Traits, id: &str) -> Result<Option<&'a str>, Error> {
    match traits.get(id) {
        None => Ok(None),
        Some(value) => value
            .as_str()
            .map(Some)
            .ok_or_else(|| invalid(id, "must be a string")),
    }
}

/// An object member of a trait value, as a string (`aws.api#service` → `sdkId`).
pub fn string_field<'a>(
    traits: &'a Traits,
    id: &str,
    field: &str,
) -> Result<Option<&'a str>, Error> {
    match traits.get(id).and_then(|v| v.get(field)) {
        None => Ok(None),
        Some(value) => value
            .as_str()
            .map(Some)
            .ok_or_else(|| invalid(id, format_args!("field `{field}` must be a string"))),
    }
}

/// Bounds of `@length` (non-negative integers) or `@range` (any number).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Bounds {
    pub min: Option<serde_json::Number>,
    pub max: Option<serde_json::Number>,
}

pub fn bounds(traits: &Traits, id: &str) -> Result<Option<Bounds>, Error> {
    let Some(value) = traits.get(id) else {
        return Ok(None);
    };
    let object = value
        .as_object()
        .ok_or_else(|| invalid(id, "must be an object"))?;
    let mut bounds = Bounds::default();
    for (key, bound) in object {
        let number = match bound {
            serde_json::Value::Number(n) => n.clone(),
            // Some models write range bounds as strings ("1.5").
            serde_json::Value::String(s) => s
                .parse()
                .map_err(|_| invalid(id, format_args!("`{key}` is not a number")))?,
            _ => return Err(invalid(id, format_args!("`{key}` must be a number"))),
        };
        if id == LENGTH && number.as_u64().is_none() {
            return Err(invalid(
                id,
                format_args!("`{key}` must be a non-negative integer"),
            ));
        }
        match key.as_str() {
            "min" => bounds.min = Some(number),
            "max" => bounds.max = Some(number),
            other => return Err(invalid(id, format_args!("has unknown field `{other}`"))),
        }
    }
    Ok(Some(bounds))
}

/// `@error`: which side is at fault.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    Client,
    Server,
}

pub fn error(traits: &Traits) -> Result<Option<Fault>, Error> {
    match string(traits, ERROR)? {
        None => Ok(None),
        Some("client") => Ok(Some(Fault::Client)),
        Some("server") => Ok(Some(Fault::Server)),
        Some(other) => Err(invalid(
            ERROR,
            format_args!("must be \"client\" or \"server\", not {other:?}"),
        )),
    }
}

pub fn http_error(traits: &Traits) -> Result<Option<u16>, Error> {
    match traits.get(HTTP_ERROR) {
        None => Ok(None),
        Some(v) => v
            .as_u64()
            .and_then(|n| u16::try_from(n).ok())
            .filter(|n| (100..600).contains(n))
            .map(Some)
            .ok_or_else(|| invalid(HTTP_ERROR, "must be an HTTP status code")),
    }
}

/// `@deprecated`: the message to show, if any.
pub fn deprecated(traits: &Traits) -> Result<Option<String>, Error> {
    let Some(value) = traits.get(DEPRECATED) else {
        return Ok(None);
    };
    let field = |name: &str| value.get(name).and_then(|v| v.as_str());
    Ok(Some(match (field("message"), field("since")) {
        (Some(message), Some(since)) => format!("{message} (since {since})"),
        (Some(message), None) => message.to_owned(),
        (None, Some(since)) => format!("since {since}"),
        (None, None) => String::new(),
    }))
}

/// A value of `@enumValue`.
#[derive(Debug, Clone, PartialEq)]
pub enum EnumValue {
    String(String),
    Int(i32),
}

pub fn enum_value(traits: &Traits) -> Result<Option<EnumValue>, Error> {
    match traits.get(ENUM_VALUE) {
        None => Ok(None),
        Some(serde_json::Value::String(s)) => Ok(Some(EnumValue::String(s.clone()))),
        Some(v) => v
            .as_i64()
            .and_then(|n| i32::try_from(n).ok())
            .map(|n| Some(EnumValue::Int(n)))
            .ok_or_else(|| invalid(ENUM_VALUE, "must be a string or a 32-bit integer")),
    }
}

/// One entry of a Smithy 1.0 `@enum` trait on a string.
#[derive(Debug, Clone, PartialEq)]
pub struct LegacyEnumEntry {
    pub value: String,
    pub name: Option<String>,
    pub documentation: Option<String>,
}

pub fn legacy_enum(traits: &Traits) -> Result<Option<Vec<LegacyEnumEntry>>, Error> {
    let Some(value) = traits.get(LEGACY_ENUM) else {
        return Ok(None);
    };
    let entries = value
        .as_array()
        .ok_or_else(|| invalid(LEGACY_ENUM, "must be a list"))?;
    entries
        .iter()
        .map(|entry| {
            let field = |name: &str| entry.get(name).and_then(|v| v.as_str()).map(str::to_owned);
            let value = field("value")
                .ok_or_else(|| invalid(LEGACY_ENUM, "entry lacks a string `value`"))?;
            Ok(LegacyEnumEntry {
                value,
                name: field("name"),
                documentation: field("documentation"),
            })
        })
        .collect::<Result<_, _>>()
        .map(Some)
}

/// `@paginated` (on an operation, or on the service as defaults).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Paginated {
    pub input_token: Option<String>,
    pub output_token: Option<String>,
    pub items: Option<String>,
    pub page_size: Option<String>,
}

pub fn paginated(traits: &Traits) -> Result<Option<Paginated>, Error> {
    let Some(value) = traits.get(PAGINATED) else {
        return Ok(None);
    };
    let object = value
        .as_object()
        .ok_or_else(|| invalid(PAGINATED, "must be an object"))?;
    let field = |name: &str| -> Result<Option<String>, Error> {
        match object.get(name) {
            None => Ok(None),
            Some(v) => v
                .as_str()
                .map(|s| Some(s.to_owned()))
                .ok_or_else(|| invalid(PAGINATED, format_args!("`{name}` must be a string"))),
        }
    };
    Ok(Some(Paginated {
        input_token: field("inputToken")?,
        output_token: field("outputToken")?,
        items: field("items")?,
        page_size: field("pageSize")?,
    }))
}

/// `@timestampFormat`: how a timestamp is written on the wire.
pub fn timestamp_format(traits: &Traits) -> Result<Option<crate::ir::TimestampFormat>, Error> {
    use crate::ir::TimestampFormat;
    match string(traits, TIMESTAMP_FORMAT)? {
        None => Ok(None),
        Some("epoch-seconds") => Ok(Some(TimestampFormat::EpochSeconds)),
        Some("date-time") => Ok(Some(TimestampFormat::DateTime)),
        Some("http-date") => Ok(Some(TimestampFormat::HttpDate)),
        Some(other) => Err(invalid(
            TIMESTAMP_FORMAT,
            format_args!("has an unknown format {other:?}"),
        )),
    }
}
