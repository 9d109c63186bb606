//! awsJson forms of the Smithy simple types and collections.

use ::std::boxed::Box;
use ::std::collections::HashMap;
use ::std::option::Option::{self, None, Some};
use ::std::string::String;
use ::std::vec::Vec;

use ::base64::Engine as _;

use super::{JsonSerialize, JsonWriter};
use crate::big_number::{BigDecimal, BigInteger};
use crate::blob::Blob;
use crate::document::{Document, Number};
use crate::timestamp::Timestamp;

impl JsonSerialize for bool {
    fn write_json(&self, w: &mut JsonWriter) {
        w.bool(*self);
    }
}

macro_rules! integer {
    ($($ty:ty),*) => {$(
        impl JsonSerialize for $ty {
            fn write_json(&self, w: &mut JsonWriter) {
                w.integer(*self);
            }
        }
    )*};
}

integer!(i8, i16, i32, i64);

impl JsonSerialize for str {
    fn write_json(&self, w: &mut JsonWriter) {
        w.string(self);
    }
}

impl JsonSerialize for String {
    fn write_json(&self, w: &mut JsonWriter) {
        w.string(self);
    }
}

/// JSON has no NaN or infinities; Smithy spells them as strings.
fn non_finite_name(value: f64) -> Option<&'static str> {
    match value {
        v if v.is_nan() => Some("NaN"),
        f64::INFINITY => Some("Infinity"),
        f64::NEG_INFINITY => Some("-Infinity"),
        _ => None,
    }
}

impl JsonSerialize for f64 {
    fn write_json(&self, w: &mut JsonWriter) {
        match non_finite_name(*self) {
            Some(name) => w.string(name),
            None => w.float(*self),
        }
    }
}

impl JsonSerialize for f32 {
    fn write_json(&self, w: &mut JsonWriter) {
        match non_finite_name(f64::from(*self)) {
            Some(name) => w.string(name),
            None => w.float(*self),
        }
    }
}

/// Epoch seconds: an integer when whole, else the `f64` nearest to the exact
/// value in shortest form (what boto3 sends), which is the exact decimal for
/// every millisecond or microsecond time of the years 1698–2242.
impl JsonSerialize for Timestamp {
    fn write_json(&self, w: &mut JsonWriter) {
        match self.subsec_nanos() {
            0 => w.integer(self.secs()),
            _ => w.float(self.to_f64()),
        }
    }
}

/// Standard base64 between quotes (its alphabet needs no escaping).
impl JsonSerialize for Blob {
    fn write_json(&self, w: &mut JsonWriter) {
        let text = ::base64::engine::general_purpose::STANDARD.encode(self.as_ref());
        w.raw(b"\"");
        w.raw(text.as_bytes());
        w.raw(b"\"");
    }
}

/// The exact text, a JSON number (checked when the value was made).
impl JsonSerialize for BigInteger {
    fn write_json(&self, w: &mut JsonWriter) {
        w.raw(self.as_str().as_bytes());
    }
}

/// The exact text, a JSON number (checked when the value was made).
impl JsonSerialize for BigDecimal {
    fn write_json(&self, w: &mut JsonWriter) {
        w.raw(self.as_str().as_bytes());
    }
}

impl JsonSerialize for Document {
    fn write_json(&self, w: &mut JsonWriter) {
        match self {
            Document::Null => w.null(),
            Document::Bool(b) => w.bool(*b),
            Document::Number(Number::PosInt(n)) => w.integer(*n),
            Document::Number(Number::NegInt(n)) => w.integer(*n),
            Document::Number(Number::Float(n)) => n.write_json(w),
            Document::String(s) => w.string(s),
            Document::Array(items) => items.write_json(w),
            Document::Object(members) => {
                let mut object = w.object();
                for (name, value) in members {
                    object.entry(name, value);
                }
                object.end();
            }
        }
    }
}

impl<T: JsonSerialize> JsonSerialize for [T] {
    fn write_json(&self, w: &mut JsonWriter) {
        let mut array = w.array();
        for item in self {
            array.element(item);
        }
        array.end();
    }
}

impl<T: JsonSerialize> JsonSerialize for Vec<T> {
    fn write_json(&self, w: &mut JsonWriter) {
        self.as_slice().write_json(w);
    }
}

/// Keys in sorted order, so that the same map always gives the same bytes.
impl<T: JsonSerialize> JsonSerialize for HashMap<String, T> {
    fn write_json(&self, w: &mut JsonWriter) {
        let mut entries: Vec<(&String, &T)> = self.iter().collect();
        entries.sort_unstable_by_key(|(key, _)| *key);
        let mut object = w.object();
        for (key, value) in entries {
            object.entry(key, value);
        }
        object.end();
    }
}

impl<T: JsonSerialize + ?Sized> JsonSerialize for &T {
    fn write_json(&self, w: &mut JsonWriter) {
        (**self).write_json(w);
    }
}

impl<T: JsonSerialize + ?Sized> JsonSerialize for Box<T> {
    fn write_json(&self, w: &mut JsonWriter) {
        (**self).write_json(w);
    }
}

/// `null` for `None`: structures omit absent members, so this shows only in sparse collections.
impl<T: JsonSerialize> JsonSerialize for Option<T> {
    fn write_json(&self, w: &mut JsonWriter) {
        match self {
            Some(value) => value.write_json(w),
            None => w.null(),
        }
    }
}

#[cfg(test)]
mod tests {
    use ::std::collections::BTreeMap;
    use ::std::vec;

    use super::*;
    use crate::json::to_vec;

    fn json<T: JsonSerialize + ?Sized>(value: &T) -> String {
        String::from_utf8(to_vec(value)).unwrap()
    }

    #[test]
    fn simple_values() {
        assert_eq!(json("a\"b\\c\u{1}é"), r#""a\"b\\c\u0001é""#);
        assert_eq!(json(&String::from("x")), r#""x""#);
        assert_eq!(json(&true), "true");
        assert_eq!(json(&i8::MIN), "-128");
        assert_eq!(json(&i16::MAX), "32767");
        assert_eq!(json(&i32::MIN), "-2147483648");
        assert_eq!(json(&i64::MAX), "9223372036854775807");
        assert_eq!(json(&1234.5f64), "1234.5");
        assert_eq!(json(&1234.5f32), "1234.5");
        assert_eq!(json(&0.1f32), "0.1");
        assert_eq!(json(&-0.0f64), "-0.0");
        assert_eq!(json(&1e300f64), "1e+300");
    }

    #[test]
    fn non_finite_floats_are_strings() {
        assert_eq!(json(&f64::NAN), r#""NaN""#);
        assert_eq!(json(&f64::INFINITY), r#""Infinity""#);
        assert_eq!(json(&f64::NEG_INFINITY), r#""-Infinity""#);
        assert_eq!(json(&f32::NAN), r#""NaN""#);
        assert_eq!(json(&f32::NEG_INFINITY), r#""-Infinity""#);
    }

    #[test]
    fn timestamps_are_epoch_seconds() {
        let ts = Timestamp::from_secs_and_nanos;
        assert_eq!(json(&ts(946845296, 0)), "946845296");
        assert_eq!(json(&ts(1515531081, 123_000_000)), "1515531081.123");
        assert_eq!(json(&ts(1515531081, 123_456_000)), "1515531081.123456");
        assert_eq!(json(&ts(-2, 500_000_000)), "-1.5");
        assert_eq!(json(&ts(-1, 0)), "-1");
        assert_eq!(json(&ts(0, 1)), "1e-9");
        // Beyond what an f64 holds at this magnitude: the nearest f64.
        assert_eq!(json(&ts(1515531081, 123_456_789)), "1515531081.1234567");
    }

    #[test]
    fn millisecond_timestamps_are_exact_on_the_wire() {
        let mut millis: i64 = -(1 << 33) * 1000;
        while millis < (1 << 33) * 1000 {
            let time = Timestamp::from_secs_and_nanos(
                millis.div_euclid(1000),
                millis.rem_euclid(1000) as u32 * 1_000_000,
            );
            assert_eq!(json(&time), time.to_epoch_string());
            millis += 99_990_001_117;
        }
    }

    #[test]
    fn blobs_are_base64() {
        assert_eq!(json(&Blob::new(*b"binary-value")), r#""YmluYXJ5LXZhbHVl""#);
        assert_eq!(json(&Blob::new(*b"a")), r#""YQ==""#);
        assert_eq!(json(&Blob::default()), r#""""#);
    }

    #[test]
    fn big_numbers_are_exact_json_numbers() {
        let int: BigInteger = "-123456789012345678901234567890".parse().unwrap();
        assert_eq!(json(&int), "-123456789012345678901234567890");
        let dec: BigDecimal = "1.50e-400".parse().unwrap();
        assert_eq!(json(&dec), "1.50e-400");
        assert_eq!(json(&vec![dec]), "[1.50e-400]");
    }

    #[test]
    fn documents() {
        let object = BTreeMap::from([
            (
                "b".to_owned(),
                Document::from(vec![Document::Null, true.into(), "s".into()]),
            ),
            ("a".to_owned(), Document::from(-1i64)),
            ("c".to_owned(), Document::from(u64::MAX)),
            ("d".to_owned(), Document::from(1.5)),
            ("e".to_owned(), Document::from(f64::NAN)),
        ]);
        assert_eq!(
            json(&Document::Object(object)),
            r#"{"a":-1,"b":[null,true,"s"],"c":18446744073709551615,"d":1.5,"e":"NaN"}"#
        );
        assert_eq!(json(&Document::Object(BTreeMap::new())), "{}");
    }

    #[test]
    fn collections() {
        assert_eq!(json(&vec![1, 2]), "[1,2]");
        assert_eq!(json(&Vec::<i32>::new()), "[]");
        assert_eq!(json(&[true][..]), "[true]");
        let map = HashMap::from([
            ("b".to_owned(), 2),
            ("a".to_owned(), 1),
            ("c".to_owned(), 3),
        ]);
        assert_eq!(json(&map), r#"{"a":1,"b":2,"c":3}"#);
        assert_eq!(json(&Box::new(5)), "5");
        assert_eq!(json(&Some(5)), "5");
        assert_eq!(json(&vec![vec!["x"]]), r#"[["x"]]"#);
    }

    #[test]
    fn sparse_collections_write_null() {
        // AwsJson11SparseListsSerializeNull, AwsJson11SparseMapsSerializeNull.
        assert_eq!(json(&vec![None::<String>]), "[null]");
        assert_eq!(
            json(&HashMap::from([("foo".to_owned(), None::<String>)])),
            r#"{"foo":null}"#
        );
    }
}
