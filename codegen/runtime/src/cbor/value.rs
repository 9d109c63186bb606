//! The CBOR form of every value type generated code holds, one impl per type, so
//! that a generated codec writes and reads a member with one call whatever its type.
//! Collections follow the spec: lists as arrays, maps as maps with text keys, `null`
//! for the absent entries of sparse ones.

use ::std::collections::HashMap;
use ::std::string::String;
use ::std::vec::Vec;

use super::{CborError, CborReader, CborWriter};
use crate::json::Segment;
use crate::{Blob, Timestamp};

/// A value written as CBOR.
pub trait CborWrite {
    /// Writes the value as one CBOR item.
    fn write_cbor(&self, writer: &mut CborWriter);
}

/// A value read from CBOR.
pub trait CborRead: Sized {
    /// Reads one CBOR item.
    fn read_cbor(reader: &mut CborReader<'_>) -> Result<Self, CborError>;

    /// The value a required member takes when a response lacks it: `""`, `0`,
    /// `false`, the epoch, an empty blob or collection, a structure of zero values.
    fn zero_value() -> Self;

    /// What a `null` element of a list or map reads as; `None` (the default)
    /// drops the element and records it in [`CborReader::missing`].
    fn from_null() -> Option<Self> {
        None
    }
}

/// `zero_value` of the types whose `Default` is their zero value.
macro_rules! zero_is_default {
    () => {
        fn zero_value() -> Self {
            Self::default()
        }
    };
}

impl CborWrite for String {
    fn write_cbor(&self, writer: &mut CborWriter) {
        writer.str(self);
    }
}

impl CborRead for String {
    fn read_cbor(reader: &mut CborReader<'_>) -> Result<Self, CborError> {
        reader.str()
    }
    zero_is_default!();
}

impl CborWrite for bool {
    fn write_cbor(&self, writer: &mut CborWriter) {
        writer.bool(*self);
    }
}

impl CborRead for bool {
    fn read_cbor(reader: &mut CborReader<'_>) -> Result<Self, CborError> {
        reader.bool()
    }
    zero_is_default!();
}

/// Integers: written in their smallest form, read from any width that fits.
macro_rules! integer {
    ($($ty:ty),*) => {$(
        impl CborWrite for $ty {
            fn write_cbor(&self, writer: &mut CborWriter) {
                writer.int(i64::from(*self));
            }
        }

        impl CborRead for $ty {
            fn read_cbor(reader: &mut CborReader<'_>) -> Result<Self, CborError> {
                let at = reader.position();
                let value = reader.int()?;
                <$ty>::try_from(value).map_err(|_| {
                    CborError::at(at, format!("{value} does not fit {}", stringify!($ty)))
                })
            }
            zero_is_default!();
        }
    )*};
}

integer!(i8, i16, i32, i64);

impl CborWrite for f32 {
    fn write_cbor(&self, writer: &mut CborWriter) {
        writer.f32(*self);
    }
}

impl CborRead for f32 {
    fn read_cbor(reader: &mut CborReader<'_>) -> Result<Self, CborError> {
        // A double narrowed to the shape's precision, as the model asks for.
        reader.float().map(|f| f as f32)
    }
    zero_is_default!();
}

impl CborWrite for f64 {
    fn write_cbor(&self, writer: &mut CborWriter) {
        writer.f64(*self);
    }
}

impl CborRead for f64 {
    fn read_cbor(reader: &mut CborReader<'_>) -> Result<Self, CborError> {
        reader.float()
    }
    zero_is_default!();
}

impl CborWrite for Blob {
    fn write_cbor(&self, writer: &mut CborWriter) {
        writer.bytes(self.as_ref());
    }
}

impl CborRead for Blob {
    fn read_cbor(reader: &mut CborReader<'_>) -> Result<Self, CborError> {
        reader.bytes().map(Blob::new)
    }
    zero_is_default!();
}

impl CborWrite for Timestamp {
    fn write_cbor(&self, writer: &mut CborWriter) {
        writer.timestamp(*self);
    }
}

impl CborRead for Timestamp {
    fn read_cbor(reader: &mut CborReader<'_>) -> Result<Self, CborError> {
        reader.timestamp()
    }
    fn zero_value() -> Self {
        Timestamp::from_secs(0)
    }
}

impl<T: CborWrite> CborWrite for ::std::boxed::Box<T> {
    fn write_cbor(&self, writer: &mut CborWriter) {
        (**self).write_cbor(writer);
    }
}

impl<T: CborRead> CborRead for ::std::boxed::Box<T> {
    fn read_cbor(reader: &mut CborReader<'_>) -> Result<Self, CborError> {
        T::read_cbor(reader).map(::std::boxed::Box::new)
    }
    fn zero_value() -> Self {
        ::std::boxed::Box::new(T::zero_value())
    }
}

/// An entry of a sparse list or map: `null` when absent.
impl<T: CborWrite> CborWrite for Option<T> {
    fn write_cbor(&self, writer: &mut CborWriter) {
        match self {
            Some(value) => value.write_cbor(writer),
            None => writer.null(),
        }
    }
}

impl<T: CborRead> CborRead for Option<T> {
    fn read_cbor(reader: &mut CborReader<'_>) -> Result<Self, CborError> {
        if reader.at_null()? {
            return Ok(None);
        }
        T::read_cbor(reader).map(Some)
    }
    fn zero_value() -> Self {
        None
    }
    fn from_null() -> Option<Self> {
        Some(None)
    }
}

impl<T: CborWrite> CborWrite for Vec<T> {
    fn write_cbor(&self, writer: &mut CborWriter) {
        writer.array(self.len() as u64);
        for item in self {
            item.write_cbor(writer);
        }
    }
}

/// A dense collection's element: `None` when it was a `null`, dropped and recorded.
fn element<T: CborRead>(reader: &mut CborReader<'_>) -> Result<Option<T>, CborError> {
    if reader.at_null()? {
        return Ok(T::from_null());
    }
    T::read_cbor(reader).map(Some)
}

impl<T: CborRead> CborRead for Vec<T> {
    fn read_cbor(reader: &mut CborReader<'_>) -> Result<Self, CborError> {
        let len = reader.array()?;
        // Capacity from the input, not the declared length: a forged length cannot
        // make a large allocation.
        let mut items = Vec::new();
        let mut index = 0;
        reader.entries(len, |reader| {
            let at = index;
            index += 1;
            match reader.step(element::<T>, || Segment::Index(at))? {
                Some(item) => items.push(item),
                None => reader.dropped_null(Segment::Index(at)),
            }
            Ok(())
        })?;
        Ok(items)
    }
    zero_is_default!();
}

impl<T: CborWrite> CborWrite for HashMap<String, T> {
    fn write_cbor(&self, writer: &mut CborWriter) {
        writer.map(self.len() as u64);
        for (key, value) in self {
            writer.str(key);
            value.write_cbor(writer);
        }
    }
}

impl<T: CborRead> CborRead for HashMap<String, T> {
    fn read_cbor(reader: &mut CborReader<'_>) -> Result<Self, CborError> {
        let len = reader.map()?;
        let mut map = HashMap::new();
        reader.entries(len, |reader| {
            let key = reader.str()?;
            match reader.step(element::<T>, || Segment::Key(key.clone()))? {
                Some(value) => {
                    map.insert(key, value);
                }
                None => reader.dropped_null(Segment::Key(key)),
            }
            Ok(())
        })?;
        Ok(map)
    }
    zero_is_default!();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip<T: CborWrite + CborRead + PartialEq + ::std::fmt::Debug>(value: T) {
        let mut writer = CborWriter::new();
        value.write_cbor(&mut writer);
        let bytes = writer.into_bytes();
        let mut reader = CborReader::new(&bytes);
        assert_eq!(T::read_cbor(&mut reader).unwrap(), value);
        assert!(reader.at_end());
    }

    #[test]
    fn every_value_type_round_trips() {
        round_trip(String::from("héllo"));
        round_trip(true);
        round_trip(-7i8);
        round_trip(i16::MIN);
        round_trip(i32::MAX);
        round_trip(i64::MIN);
        round_trip(1.25f32);
        round_trip(0.1f64);
        round_trip(Blob::new(b"\x00\xff".to_vec()));
        round_trip(Timestamp::from_secs_and_nanos(-2, 500_000_000));
        round_trip(vec![1i32, 2, 3]);
        round_trip(vec![Some(String::from("a")), None]);
        round_trip(HashMap::from([(String::from("k"), vec![Some(1i64), None])]));
        round_trip(::std::boxed::Box::new(5i32));
    }

    #[test]
    fn integers_out_of_their_range_are_errors() {
        let mut writer = CborWriter::new();
        writer.int(300);
        let bytes = writer.into_bytes();
        let error = i8::read_cbor(&mut CborReader::new(&bytes)).unwrap_err();
        assert!(error.message.contains("does not fit i8"), "{error}");
    }

    #[test]
    fn indefinite_collections_read() {
        // [_ 1, 2] and {_ "a": 1}
        assert_eq!(
            Vec::<i32>::read_cbor(&mut CborReader::new(&[0x9f, 1, 2, 0xff])).unwrap(),
            [1, 2]
        );
        let map =
            HashMap::<String, i32>::read_cbor(&mut CborReader::new(&[0xbf, 0x61, b'a', 1, 0xff]))
                .unwrap();
        assert_eq!(map["a"], 1);
    }

    #[test]
    fn forged_lengths_do_not_allocate() {
        // An array declaring 2^64-1 items, with one.
        let forged = [0x9b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01];
        assert!(Vec::<i32>::read_cbor(&mut CborReader::new(&forged)).is_err());
    }
}
