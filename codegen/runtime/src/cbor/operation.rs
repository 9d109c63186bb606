//! What every rpcv2Cbor operation does the same way: whole bodies in and out, the
//! response or the modeled error, and (server side) error bodies. The generated
//! per-operation functions only name their types and errors.

use ::std::option::Option::{self, None, Some};
use ::std::result::Result::{self, Err, Ok};
use ::std::string::ToString;
use ::std::vec::Vec;

use super::{CborError, CborRead, CborReader, CborWrite, CborWriter};
use crate::error_metadata::ErrorMetadata;
use crate::json::Path;

/// A structure or union as rpcv2Cbor writes it: a map of its set members, with
/// `__type` first when it is sent as an error.
pub trait CborStructure {
    /// Writes the map; `error_type` is the absolute shape id of an error.
    fn write_map(&self, writer: &mut CborWriter, error_type: Option<&str>);
}

/// A modeled error structure: its absolute shape id (rpcv2Cbor's `__type`) and status.
pub trait ModeledError: CborStructure {
    /// The absolute shape id, e.g. `com.amazonaws.workspaces#ResourceNotFoundException`.
    const SHAPE_ID: &'static str;
    /// The `@httpError` status, else 400 for client and 500 for server faults.
    const STATUS: u16;
}

/// The body of `value`.
pub fn to_vec<T: CborWrite + ?::std::marker::Sized>(value: &T) -> Vec<u8> {
    let mut writer = CborWriter::new();
    value.write_cbor(&mut writer);
    writer.into_bytes()
}

/// An empty map: what an empty body reads as, and what a zero structure is read from.
const EMPTY_MAP: &[u8] = &[0xa0];

/// Reads a whole body (an empty one reads as an empty map): the value, and the
/// required members it lacked (filled with zero values). Data after the value is
/// an error.
pub fn from_slice<T: CborRead>(body: &[u8]) -> Result<(T, Vec<Path>), CborError> {
    let body = if body.is_empty() { EMPTY_MAP } else { body };
    let mut reader = CborReader::new(body);
    let value = T::read_cbor(&mut reader)?;
    if !reader.at_end() {
        return Err(CborError::at(
            reader.position(),
            "data after the value".to_string(),
        ));
    }
    Ok((value, reader.missing().to_vec()))
}

/// The zero value of a structure: the structure read from an empty map, so its
/// required members take their zero values and defaulted ones their defaults.
pub fn zero_structure<T: CborRead>() -> T {
    let mut reader = CborReader::new(EMPTY_MAP);
    match T::read_cbor(&mut reader) {
        Ok(value) => value,
        Err(error) => unreachable!("reading an empty map cannot fail: {error}"),
    }
}

/// Reads a response: a 2xx body as the output; otherwise the modeled error that
/// `modeled` recognises by code (the shape name of `__type`), or the error metadata
/// as the unhandled variant. A response without `smithy-protocol: rpc-v2-cbor` is
/// malformed, as the spec says, and judged by its status alone.
pub fn parse_response<O: CborRead, E: From<ErrorMetadata>>(
    status: u16,
    headers: &::http::HeaderMap,
    body: &[u8],
    modeled: impl FnOnce(&str, &[u8]) -> Option<Result<E, CborError>>,
) -> Result<O, E> {
    let request_id = || {
        headers
            .get("x-amzn-requestid")
            .and_then(|v| v.to_str().ok())
            .map(ToString::to_string)
    };
    let speaks_cbor = headers
        .get("smithy-protocol")
        .is_some_and(|v| v.as_bytes() == b"rpc-v2-cbor");
    if !speaks_cbor {
        let message = "the response does not carry smithy-protocol: rpc-v2-cbor".to_string();
        return Err(E::from(ErrorMetadata::new(
            status,
            None,
            Some(message),
            request_id(),
        )));
    }
    if (200..300).contains(&status) {
        return from_slice(body).map(|(output, _)| output).map_err(|e| {
            let message = ::std::format!("the response body could not be read: {e}");
            E::from(ErrorMetadata::new(
                status,
                None,
                Some(message),
                request_id(),
            ))
        });
    }
    let meta = crate::protocol::Protocol::error_metadata(
        &crate::protocol::RpcV2Cbor::STANDARD,
        status,
        headers,
        body,
    );
    match meta.code().and_then(|code| modeled(code, body)) {
        Some(Ok(error)) => Err(error),
        // A modeled code with an unreadable body is still an error the caller must see.
        _ => Err(E::from(meta)),
    }
}

/// Reads a modeled error's body into its variant (`__type` is skipped as unknown).
pub fn read_error<T: CborRead, E>(
    body: &[u8],
    variant: fn(T) -> E,
) -> Option<Result<E, CborError>> {
    Some(from_slice(body).map(|(error, _)| variant(error)))
}

/// Reads a request body strictly: the input, and the required members it lacked,
/// for [`validate_request`](crate::validation::validate_request).
#[cfg(feature = "server")]
pub fn parse_request<T: CborRead>(
    body: &[u8],
) -> Result<(T, Vec<Path>), crate::server::ServerError> {
    from_slice(body).map_err(|error| crate::server::ServerError::serialization(error.to_string()))
}

/// A modeled error as the server sends it: `{"__type": "<shape id>", …members}`.
#[cfg(feature = "server")]
pub fn error_response<T: ModeledError>(
    error: &T,
    message: Option<&str>,
) -> crate::server::ServerError {
    let mut writer = CborWriter::new();
    error.write_map(&mut writer, Some(T::SHAPE_ID));
    let code = T::SHAPE_ID
        .rsplit_once('#')
        .map_or(T::SHAPE_ID, |(_, name)| name);
    crate::server::ServerError::modeled(
        T::STATUS,
        code,
        message.unwrap_or_default(),
        ::bytes::Bytes::from(writer.into_bytes()),
    )
}

/// `CborWrite` and `CborRead::zero_value` plumbing for a structure or union that
/// implements [`CborStructure`].
#[doc(hidden)]
#[macro_export]
macro_rules! cbor_structure {
    ($ty:ty) => {
        impl $crate::cbor::CborWrite for $ty {
            fn write_cbor(&self, writer: &mut $crate::cbor::CborWriter) {
                $crate::cbor::CborStructure::write_map(self, writer, ::std::option::Option::None)
            }
        }
    };
}

/// The rpcv2Cbor codec of a string enum: its value as a text string, matched
/// without allocating (only an unknown value allocates).
#[doc(hidden)]
#[macro_export]
macro_rules! cbor_string_enum {
    ($ty:ty) => {
        impl $crate::cbor::CborWrite for $ty {
            fn write_cbor(&self, writer: &mut $crate::cbor::CborWriter) {
                writer.str(self.as_str());
            }
        }

        impl $crate::cbor::CborRead for $ty {
            fn read_cbor(
                reader: &mut $crate::cbor::CborReader<'_>,
            ) -> ::std::result::Result<Self, $crate::cbor::CborError> {
                reader.text().map(|text| <$ty>::from(&*text))
            }
            fn zero_value() -> Self {
                Self::from("")
            }
        }
    };
}

/// The rpcv2Cbor codec of an int enum: its value as an integer.
#[doc(hidden)]
#[macro_export]
macro_rules! cbor_int_enum {
    ($ty:ty) => {
        impl $crate::cbor::CborWrite for $ty {
            fn write_cbor(&self, writer: &mut $crate::cbor::CborWriter) {
                writer.int(::std::primitive::i64::from(self.as_i32()));
            }
        }

        impl $crate::cbor::CborRead for $ty {
            fn read_cbor(
                reader: &mut $crate::cbor::CborReader<'_>,
            ) -> ::std::result::Result<Self, $crate::cbor::CborError> {
                <::std::primitive::i32 as $crate::cbor::CborRead>::read_cbor(reader).map(Self::from)
            }
            fn zero_value() -> Self {
                Self::from(0)
            }
        }
    };
}

/// A union being read: at most one member set (a `null` one counts as absent);
/// members this crate does not know read as the unknown variant, unless a known one
/// is set too.
pub struct UnionValue<T> {
    value: Option<T>,
    is_unknown: fn(&T) -> bool,
}

impl<T> UnionValue<T> {
    /// No member read yet; `is_unknown` tells the unknown variant.
    pub fn new(is_unknown: fn(&T) -> bool) -> Self {
        UnionValue {
            value: None,
            is_unknown,
        }
    }

    /// Takes the value of one entry (`None`: it was `null` or ignored).
    pub fn set(&mut self, reader: &CborReader<'_>, read: Option<T>) -> Result<(), CborError> {
        let Some(read) = read else { return Ok(()) };
        match &self.value {
            Some(first) if !(self.is_unknown)(first) && !(self.is_unknown)(&read) => {
                Err(CborError::at(reader.position(), TWO_MEMBERS.to_string()))
            }
            Some(first) if !(self.is_unknown)(first) => Ok(()),
            _ => {
                self.value = Some(read);
                Ok(())
            }
        }
    }

    /// The union, or an error when no member was set.
    pub fn finish(self, reader: &CborReader<'_>) -> Result<T, CborError> {
        self.value
            .ok_or_else(|| CborError::at(reader.position(), NO_MEMBER.to_string()))
    }
}

const TWO_MEMBERS: &str = "a union must have exactly one member set, found two";
const NO_MEMBER: &str = "a union must have exactly one member set, found none";

/// A union member targeting `smithy.api#Unit`: `variant` when set (to any value),
/// `None` when `null`.
pub fn unit_variant<T>(reader: &mut CborReader<'_>, variant: T) -> Result<Option<T>, CborError> {
    if reader.at_null()? {
        return Ok(None);
    }
    reader.skip()?;
    Ok(Some(variant))
}
