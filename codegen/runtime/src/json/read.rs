//! Lenient awsJson readers of the Smithy simple types and collections.

use ::std::boxed::Box;
use ::std::collections::{BTreeMap, HashMap};
use ::std::fmt;
use ::std::marker::PhantomData;
use ::std::option::Option;
use ::std::result::Result;
use ::std::string::String;
use ::std::vec::Vec;

use ::base64::Engine as _;
use ::serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use super::{DeContext, JsonDeserialize, Path, Seed, Segment, ZeroValue};
use crate::big_number::{BigDecimal, BigInteger};
use crate::blob::Blob;
use crate::document::Document;
use crate::timestamp::Timestamp;

impl JsonDeserialize for String {
    fn deserialize_json<'de, D: Deserializer<'de>>(
        d: D,
        _: &mut DeContext,
    ) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = String;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
                Ok(v.into())
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<String, E> {
                Ok(v)
            }
        }
        d.deserialize_string(V)
    }
}

impl JsonDeserialize for bool {
    fn deserialize_json<'de, D: Deserializer<'de>>(
        d: D,
        _: &mut DeContext,
    ) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = bool;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a boolean")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<bool, E> {
                Ok(v)
            }
        }
        d.deserialize_bool(V)
    }
}

/// Integers from JSON integers, or from numbers with no fraction (`5.0`, `1e3`).
struct IntVisitor<T>(PhantomData<T>);

impl<T: TryFrom<i64> + TryFrom<u64>> Visitor<'_> for IntVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an integer that fits {}", ::std::any::type_name::<T>())
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
        T::try_from(v).map_err(|_| E::invalid_value(de::Unexpected::Signed(v), &self))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
        T::try_from(v).map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &self))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<T, E> {
        // -2^63 and 2^63 are exact in f64.
        let min = i64::MIN as f64;
        if v.fract() == 0.0 && (min..-min).contains(&v) {
            self.visit_i64(v as i64)
        } else {
            Err(E::invalid_value(de::Unexpected::Float(v), &self))
        }
    }
}

macro_rules! deserialize_int {
    ($($ty:ty),*) => {$(
        impl JsonDeserialize for $ty {
            fn deserialize_json<'de, D: Deserializer<'de>>(d: D, _: &mut DeContext) -> Result<Self, D::Error> {
                d.deserialize_i64(IntVisitor(PhantomData))
            }
        }
    )*};
}

deserialize_int!(i8, i16, i32, i64);

/// Any JSON number, or the strings `"NaN"`, `"Infinity"`, `"-Infinity"`.
struct FloatVisitor;

impl Visitor<'_> for FloatVisitor {
    type Value = f64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number, \"NaN\", \"Infinity\" or \"-Infinity\"")
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<f64, E> {
        Ok(v)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<f64, E> {
        Ok(v as f64)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<f64, E> {
        Ok(v as f64)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<f64, E> {
        match v {
            "NaN" => Ok(f64::NAN),
            "Infinity" => Ok(f64::INFINITY),
            "-Infinity" => Ok(f64::NEG_INFINITY),
            _ => Err(E::invalid_value(de::Unexpected::Str(v), &self)),
        }
    }
}

impl JsonDeserialize for f64 {
    fn deserialize_json<'de, D: Deserializer<'de>>(
        d: D,
        _: &mut DeContext,
    ) -> Result<Self, D::Error> {
        d.deserialize_any(FloatVisitor)
    }
}

impl JsonDeserialize for f32 {
    fn deserialize_json<'de, D: Deserializer<'de>>(
        d: D,
        _: &mut DeContext,
    ) -> Result<Self, D::Error> {
        // Rounds to the nearest f32, as any JSON reader of a float does.
        d.deserialize_any(FloatVisitor).map(|v| v as f32)
    }
}

/// Epoch seconds as a number (integer, fraction or exponent) or a numeric
/// string, or an RFC 3339 or HTTP-date string: whatever boto3 accepts.
///
/// Integers are exact. `serde_json` hands over fractions as `f64`, so they read
/// as the shortest decimal of that `f64`: exactly the text sent for every
/// millisecond or microsecond time of the years 1698–2242 (boto3 reads via
/// float too). Strings are read exactly, to the nanosecond.
impl JsonDeserialize for Timestamp {
    fn deserialize_json<'de, D: Deserializer<'de>>(
        d: D,
        _: &mut DeContext,
    ) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Timestamp;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("epoch seconds, an RFC 3339 date-time or an HTTP date")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Timestamp, E> {
                Ok(Timestamp::from_secs(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Timestamp, E> {
                let seconds = i64::try_from(v);
                seconds
                    .map(Timestamp::from_secs)
                    .map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &self))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Timestamp, E> {
                Timestamp::from_f64(v)
                    .map_err(|_| E::invalid_value(de::Unexpected::Float(v), &self))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Timestamp, E> {
                Timestamp::from_epoch_str(v)
                    .or_else(|_| Timestamp::parse_rfc3339(v))
                    .or_else(|_| Timestamp::parse_http_date(v))
                    .map_err(|_| E::invalid_value(de::Unexpected::Str(v), &self))
            }
        }
        d.deserialize_any(V)
    }
}

/// Standard base64; padding optional, as some services omit it.
const BASE64: ::base64::engine::GeneralPurpose = ::base64::engine::GeneralPurpose::new(
    &::base64::alphabet::STANDARD,
    ::base64::engine::GeneralPurposeConfig::new()
        .with_decode_padding_mode(::base64::engine::DecodePaddingMode::Indifferent),
);

impl JsonDeserialize for Blob {
    fn deserialize_json<'de, D: Deserializer<'de>>(
        d: D,
        _: &mut DeContext,
    ) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Blob;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a base64 string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Blob, E> {
                BASE64
                    .decode(v)
                    .map(Blob::from)
                    .map_err(|e| E::custom(format_args!("invalid base64: {e}")))
            }
        }
        d.deserialize_str(V)
    }
}

/// The exact text of a JSON number, or of a string holding one (read through
/// a `serde_json` raw value, so the error names no line and column).
fn deserialize_number_text<'de, D: Deserializer<'de>, T: ::std::str::FromStr>(
    d: D,
    expected: &'static str,
) -> Result<T, D::Error> {
    let raw: Box<::serde_json::value::RawValue> = ::serde::Deserialize::deserialize(d)?;
    let text: ::std::borrow::Cow<'_, str> = match raw.get() {
        quoted if quoted.starts_with('"') => ::serde_json::from_str::<String>(quoted)
            .map_err(de::Error::custom)?
            .into(),
        number => number.into(),
    };
    text.parse()
        .map_err(|_| de::Error::invalid_value(de::Unexpected::Other(&text), &expected))
}

impl JsonDeserialize for BigInteger {
    fn deserialize_json<'de, D: Deserializer<'de>>(
        d: D,
        _: &mut DeContext,
    ) -> Result<Self, D::Error> {
        deserialize_number_text(d, "an integer")
    }
}

impl JsonDeserialize for BigDecimal {
    fn deserialize_json<'de, D: Deserializer<'de>>(
        d: D,
        _: &mut DeContext,
    ) -> Result<Self, D::Error> {
        deserialize_number_text(d, "a number")
    }
}

/// Integers that fit 64 bits stay exact; other numbers become `f64`.
struct DocumentVisitor;

impl<'de> DeserializeSeed<'de> for DocumentVisitor {
    type Value = Document;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Document, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for DocumentVisitor {
    type Value = Document;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_unit<E: de::Error>(self) -> Result<Document, E> {
        Ok(Document::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Document, E> {
        Ok(Document::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Document, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Document, E> {
        Ok(Document::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Document, E> {
        Ok(Document::Number(v.into()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Document, E> {
        Ok(Document::Number(v.into()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Document, E> {
        Ok(Document::Number(v.into()))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Document, E> {
        Ok(Document::String(v.into()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Document, E> {
        Ok(Document::String(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Document, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(DocumentVisitor)? {
            items.push(item);
        }
        Ok(Document::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Document, A::Error> {
        let mut members = BTreeMap::new();
        while let Some(name) = map.next_key::<String>()? {
            members.insert(name, map.next_value_seed(DocumentVisitor)?);
        }
        Ok(Document::Object(members))
    }
}

impl JsonDeserialize for Document {
    fn deserialize_json<'de, D: Deserializer<'de>>(
        d: D,
        _: &mut DeContext,
    ) -> Result<Self, D::Error> {
        d.deserialize_any(DocumentVisitor)
    }

    fn from_null() -> Option<Self> {
        Some(Document::Null)
    }
}

/// `null` reads as `None`.
impl<T: JsonDeserialize> JsonDeserialize for Option<T> {
    fn deserialize_json<'de, D: Deserializer<'de>>(
        d: D,
        ctx: &mut DeContext,
    ) -> Result<Self, D::Error> {
        d.deserialize_option(Nullable::<T>(Seed::new(ctx)))
    }

    fn from_null() -> Option<Self> {
        Some(None)
    }
}

/// Reads `null` as `None`, anything else as a `T`.
struct Nullable<'c, T>(Seed<'c, T>);

impl<'de, T: JsonDeserialize> DeserializeSeed<'de> for Nullable<'_, T> {
    type Value = Option<T>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<T>, D::Error> {
        d.deserialize_option(self)
    }
}

impl<'de, T: JsonDeserialize> Visitor<'de> for Nullable<'_, T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value or null")
    }
    fn visit_none<E: de::Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Option<T>, D::Error> {
        self.0.deserialize(d).map(Some)
    }
}

impl<T: JsonDeserialize> JsonDeserialize for Box<T> {
    fn deserialize_json<'de, D: Deserializer<'de>>(
        d: D,
        ctx: &mut DeContext,
    ) -> Result<Self, D::Error> {
        T::deserialize_json(d, ctx).map(Box::new)
    }

    fn from_null() -> Option<Self> {
        T::from_null().map(Box::new)
    }
}

/// A list element or map value: `null` reads as `T::from_null`, or else is
/// dropped (`None`) and recorded as missing.
struct Element<'c, T>(&'c mut DeContext, PhantomData<T>);

impl<'de, T: JsonDeserialize> DeserializeSeed<'de> for Element<'_, T> {
    type Value = Option<T>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<T>, D::Error> {
        let ctx = self.0;
        let value = Nullable(Seed::<T>::new(ctx)).deserialize(d)?;
        Ok(value.or_else(|| {
            let null = T::from_null();
            if null.is_none() {
                ctx.missing.push(Path::default());
            }
            null
        }))
    }
}

/// An [`Element`] pushed straight onto its list: the value is moved once, not
/// returned through the layers of `Result<Option<Option<T>>>` first.
struct Push<'c, 'v, T>(Element<'c, T>, &'v mut Vec<T>);

impl<'de, T: JsonDeserialize> DeserializeSeed<'de> for Push<'_, '_, T> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        let items = self.1;
        if let Some(item) = self.0.deserialize(d)? {
            items.push(item);
        }
        Ok(())
    }
}

/// Dense lists drop `null` elements (recorded as missing); sparse lists
/// (`Vec<Option<T>>`) keep them.
impl<T: JsonDeserialize> JsonDeserialize for Vec<T> {
    fn deserialize_json<'de, D: Deserializer<'de>>(
        d: D,
        ctx: &mut DeContext,
    ) -> Result<Self, D::Error> {
        struct V<'c, T>(&'c mut DeContext, PhantomData<T>);
        impl<'de, T: JsonDeserialize> Visitor<'de> for V<'_, T> {
            type Value = Vec<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
                let ctx = self.0;
                let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
                // Counts the wire's elements, dropped nulls included.
                for index in 0.. {
                    let recorded = ctx.missing.len();
                    let next =
                        seq.next_element_seed(Push(Element(&mut *ctx, PhantomData), &mut items));
                    ctx.step_out(recorded, next.is_err(), || Segment::Index(index));
                    if next?.is_none() {
                        break;
                    }
                }
                Ok(items)
            }
        }
        d.deserialize_seq(V(ctx, PhantomData))
    }
}

/// Dense maps drop `null` values (recorded as missing); sparse maps
/// (`HashMap<String, Option<T>>`) keep them. A repeated key keeps its last value.
impl<T: JsonDeserialize> JsonDeserialize for HashMap<String, T> {
    fn deserialize_json<'de, D: Deserializer<'de>>(
        d: D,
        ctx: &mut DeContext,
    ) -> Result<Self, D::Error> {
        struct V<'c, T>(&'c mut DeContext, PhantomData<T>);
        impl<'de, T: JsonDeserialize> Visitor<'de> for V<'_, T> {
            type Value = HashMap<String, T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let ctx = self.0;
                let mut entries = HashMap::with_capacity(map.size_hint().unwrap_or(0).min(1024));
                while let Some(key) = map.next_key::<String>()? {
                    let recorded = ctx.missing.len();
                    let value = map.next_value_seed(Element(&mut *ctx, PhantomData));
                    ctx.step_out(recorded, value.is_err(), || Segment::Key(key.clone()));
                    if let Some(value) = value? {
                        entries.insert(key, value);
                    }
                }
                Ok(entries)
            }
        }
        d.deserialize_map(V(ctx, PhantomData))
    }
}

macro_rules! zero_value {
    ($($ty:ty => $zero:expr),* $(,)?) => {$(
        impl ZeroValue for $ty {
            fn zero_value() -> Self {
                $zero
            }
        }
    )*};
}

zero_value!(
    String => String::new(), bool => false, i8 => 0, i16 => 0, i32 => 0, i64 => 0, f32 => 0.0, f64 => 0.0,
    Timestamp => Timestamp::from_secs(0), Blob => Blob::default(), Document => Document::Null,
    BigInteger => BigInteger::default(), BigDecimal => BigDecimal::default(),
);

impl<T> ZeroValue for Vec<T> {
    fn zero_value() -> Self {
        Vec::new()
    }
}

impl<T> ZeroValue for HashMap<String, T> {
    fn zero_value() -> Self {
        HashMap::new()
    }
}

impl<T: ZeroValue> ZeroValue for Box<T> {
    fn zero_value() -> Self {
        Box::new(T::zero_value())
    }
}

#[cfg(test)]
mod tests {
    use ::std::vec;

    use super::*;
    use crate::document::Number;
    use crate::json::{DeError, from_slice};

    fn read<T: JsonDeserialize>(json: &str) -> Result<T, DeError> {
        from_slice(json.as_bytes(), &mut DeContext::new())
    }

    fn fails<T: JsonDeserialize + fmt::Debug>(json: &str) -> String {
        read::<T>(json).unwrap_err().to_string()
    }

    #[test]
    fn strings_and_booleans() {
        assert_eq!(read::<String>(r#""a\"\u00e9""#).unwrap(), "a\"é");
        assert_eq!(
            fails::<String>("5"),
            "invalid type: integer `5`, expected a string (line 1, column 1)"
        );
        assert!(read::<bool>("true").unwrap());
        assert!(read::<bool>(r#""true""#).is_err());
    }

    #[test]
    fn integers_accept_whole_numbers_only() {
        assert_eq!(read::<i32>("5").unwrap(), 5);
        assert_eq!(read::<i32>("-5").unwrap(), -5);
        assert_eq!(read::<i32>("5.0").unwrap(), 5);
        assert_eq!(read::<i32>("1e3").unwrap(), 1000);
        assert_eq!(read::<i8>("-128").unwrap(), -128);
        assert_eq!(read::<i16>("-32768").unwrap(), i16::MIN);
        assert_eq!(read::<i64>("-9223372036854775808").unwrap(), i64::MIN);
        assert_eq!(read::<i64>("9223372036854775807").unwrap(), i64::MAX);
        assert_eq!(
            fails::<i8>("128"),
            "invalid value: integer `128`, expected an integer that fits i8 (line 1, column 3)"
        );
        assert!(fails::<i32>("5.5").starts_with("invalid value: floating point `5.5`"));
        assert!(read::<i64>("9223372036854775808").is_err());
        assert!(read::<i64>("1e19").is_err());
        assert!(read::<i32>(r#""5""#).is_err());
        assert!(read::<i32>("null").is_err());
    }

    #[test]
    fn floats_accept_numbers_and_non_finite_names() {
        assert_eq!(read::<f64>("1234.5").unwrap(), 1234.5);
        assert_eq!(
            read::<f64>("123456789.12345679").unwrap(),
            123456789.12345679
        );
        assert_eq!(read::<f64>("5").unwrap(), 5.0);
        assert_eq!(read::<f64>("-5").unwrap(), -5.0);
        assert_eq!(read::<f32>("1234.5").unwrap(), 1234.5);
        assert!(read::<f64>(r#""NaN""#).unwrap().is_nan());
        assert!(read::<f32>(r#""NaN""#).unwrap().is_nan());
        assert_eq!(read::<f64>(r#""Infinity""#).unwrap(), f64::INFINITY);
        assert_eq!(read::<f64>(r#""-Infinity""#).unwrap(), f64::NEG_INFINITY);
        assert!(
            fails::<f64>(r#""nan""#)
                .starts_with("invalid value: string \"nan\", expected a number")
        );
        assert!(read::<f64>(r#""1.5""#).is_err());
        assert!(read::<f64>("true").is_err());
    }

    #[test]
    fn timestamps_in_every_form() {
        let ts = Timestamp::from_secs_and_nanos;
        let cases = [
            ("946845296", ts(946845296, 0)),
            ("946845296.123", ts(946845296, 123_000_000)),
            ("1.515531081123E9", ts(1515531081, 123_000_000)),
            ("1515531081.123456", ts(1515531081, 123_456_000)),
            ("-1.5", ts(-2, 500_000_000)),
            ("-1", ts(-1, 0)),
            ("1e0", ts(1, 0)),
            (r#""2000-01-02T20:34:56.123Z""#, ts(946845296, 123_000_000)),
            (r#""2019-12-16T22:48:18-01:00""#, ts(1576540098, 0)),
            (r#""2019-12-17T00:48:18+01:00""#, ts(1576540098, 0)),
            (r#""1515531081.123456789""#, ts(1515531081, 123_456_789)),
            (r#""1515531081""#, ts(1515531081, 0)),
            (r#""Sun, 02 Jan 2000 20:34:56.000 GMT""#, ts(946845296, 0)),
        ];
        for (json, expected) in cases {
            assert_eq!(read::<Timestamp>(json).unwrap(), expected, "{json}");
        }
        assert_eq!(
            fails::<Timestamp>(r#""yesterday""#),
            "invalid value: string \"yesterday\", expected epoch seconds, an RFC 3339 date-time or an HTTP date (line 1, column 11)"
        );
        for bad in ["18446744073709551615", "1e300", "true", "null", "[]"] {
            assert!(read::<Timestamp>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn microsecond_timestamps_read_exactly() {
        // serde_json hands fractions over as f64; its fast path is correctly
        // rounded for up to 2^53 significant units, which covers these.
        let mut micros: i64 = -(1 << 33) * 1_000_000;
        while micros < (1 << 33) * 1_000_000 {
            let time = Timestamp::from_secs_and_nanos(
                micros.div_euclid(1_000_000),
                micros.rem_euclid(1_000_000) as u32 * 1000,
            );
            assert_eq!(read::<Timestamp>(&time.to_epoch_string()).unwrap(), time);
            micros += 999_983_999_999;
        }
    }

    #[test]
    fn blobs_are_base64_with_optional_padding() {
        assert_eq!(
            read::<Blob>(r#""YmluYXJ5LXZhbHVl""#).unwrap().as_ref(),
            b"binary-value"
        );
        assert_eq!(read::<Blob>(r#""YQ==""#).unwrap().as_ref(), b"a");
        assert_eq!(read::<Blob>(r#""YQ""#).unwrap().as_ref(), b"a");
        assert_eq!(read::<Blob>(r#""""#).unwrap().as_ref(), b"");
        assert!(fails::<Blob>(r#""!!""#).starts_with("invalid base64: "));
        assert!(read::<Blob>("[1]").is_err());
    }

    #[test]
    fn big_numbers_are_exact() {
        let int: BigInteger = read("123456789012345678901234567890").unwrap();
        assert_eq!(int.as_str(), "123456789012345678901234567890");
        let dec: BigDecimal = read(" -1.50e-400 ").unwrap();
        assert_eq!(dec.as_str(), "-1.50e-400");
        let quoted: BigDecimal = read(r#""1.5""#).unwrap();
        assert_eq!(quoted.as_str(), "1.5");
        assert_eq!(
            fails::<BigInteger>("1.5"),
            "invalid value: 1.5, expected an integer"
        );
        assert!(read::<BigDecimal>("true").is_err());
        assert!(read::<BigDecimal>(r#""abc""#).is_err());
    }

    #[test]
    fn documents_read_any_json() {
        let doc: Document =
            read(r#"{"b":[null,true,-1,2,1.5,18446744073709551616,"s"],"a":{},"a":{"x":1}}"#)
                .unwrap();
        let expected = Document::Object(BTreeMap::from([
            (
                "a".to_owned(),
                Document::Object(BTreeMap::from([("x".to_owned(), 1i64.into())])),
            ),
            (
                "b".to_owned(),
                Document::Array(vec![
                    Document::Null,
                    true.into(),
                    Document::Number(Number::NegInt(-1)),
                    Document::Number(Number::PosInt(2)),
                    1.5.into(),
                    18446744073709551616.0.into(),
                    "s".into(),
                ]),
            ),
        ]));
        assert_eq!(doc, expected);
        assert_eq!(read::<Document>("null").unwrap(), Document::Null);
        assert_eq!(
            read::<Vec<Document>>("[null]").unwrap(),
            vec![Document::Null]
        );
    }

    #[test]
    fn options_read_null_as_none() {
        assert_eq!(read::<Option<String>>("null").unwrap(), None);
        assert_eq!(
            read::<Option<String>>(r#""x""#).unwrap(),
            Some("x".to_owned())
        );
        assert_eq!(read::<Option<Document>>("null").unwrap(), None);
        assert_eq!(read::<Box<i32>>("7").unwrap(), Box::new(7));
    }

    #[test]
    fn dense_lists_drop_and_record_nulls() {
        let mut ctx = DeContext::new();
        let items: Vec<Vec<i32>> = from_slice(b"[[1,null,2],null,[null]]", &mut ctx).unwrap();
        assert_eq!(items, vec![vec![1, 2], vec![]]);
        let missing: Vec<String> = ctx.missing().iter().map(ToString::to_string).collect();
        // Indexes count the elements on the wire, dropped nulls included.
        assert_eq!(missing, ["[0][1]", "[1]", "[2][0]"]);
    }

    #[test]
    fn sparse_lists_keep_nulls() {
        // AwsJson11SparseListsDeserializeNull.
        let mut ctx = DeContext::new();
        let items: Vec<Option<String>> = from_slice(br#"[null,"a"]"#, &mut ctx).unwrap();
        assert_eq!(items, vec![None, Some("a".to_owned())]);
        assert!(ctx.missing().is_empty());
    }

    #[test]
    fn maps_drop_or_keep_nulls() {
        let mut ctx = DeContext::new();
        let dense: HashMap<String, i32> =
            from_slice(br#"{"a":1,"b":null,"a":2}"#, &mut ctx).unwrap();
        assert_eq!(dense, HashMap::from([("a".to_owned(), 2)]));
        assert_eq!(
            ctx.missing()
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>(),
            [r#"["b"]"#]
        );
        // AwsJson11SparseMapsDeserializeNullValues.
        let sparse: HashMap<String, Option<String>> = read(r#"{"foo":null}"#).unwrap();
        assert_eq!(sparse, HashMap::from([("foo".to_owned(), None)]));
        assert!(read::<HashMap<String, i32>>("[]").is_err());
    }

    #[test]
    fn errors_inside_collections_name_the_element() {
        let error = read::<HashMap<String, Vec<i32>>>(r#"{"k\"ey":[1,"x"]}"#).unwrap_err();
        assert_eq!(
            error.to_string(),
            r#"at ["k\"ey"][1]: invalid type: string "x", expected an integer that fits i32 (line 1, column 15)"#
        );
    }

    #[test]
    fn zero_values() {
        assert_eq!(String::zero_value(), "");
        assert!(!bool::zero_value());
        assert_eq!(
            (
                i8::zero_value(),
                i16::zero_value(),
                i32::zero_value(),
                i64::zero_value()
            ),
            (0, 0, 0, 0)
        );
        assert_eq!((f32::zero_value(), f64::zero_value()), (0.0, 0.0));
        assert_eq!(Timestamp::zero_value(), Timestamp::from_secs(0));
        assert_eq!(Blob::zero_value(), Blob::default());
        assert_eq!(Document::zero_value(), Document::Null);
        assert_eq!(BigInteger::zero_value().as_str(), "0");
        assert_eq!(BigDecimal::zero_value().as_str(), "0");
        assert!(Vec::<i32>::zero_value().is_empty());
        assert!(HashMap::<String, i32>::zero_value().is_empty());
        assert_eq!(*Box::<i32>::zero_value(), 0);
    }
}
