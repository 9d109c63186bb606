//! The awsJson writer (`json::to_vec`) against `serde_json` on a million
//! generated documents: the same bytes for every one. Each document is written
//! by our writer and, through a serde `Serialize` mirror, by `serde_json`.
//! Strings mix ASCII, quotes, backslashes, every control character, DEL and
//! multibyte UTF-8 at every offset of the eight-byte scan; numbers cover every
//! width and float form (non-finite floats are strings in awsJson).

use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};
use smithy_lite_runtime::json::{JsonSerialize, JsonWriter, to_vec};
use smithy_lite_runtime::{BigDecimal, BigInteger, Blob, Document, Number};
use std::collections::{BTreeMap, HashMap};

const DOCUMENTS: usize = 1_000_000;

/// Every kind of value the writer writes, timestamps aside (unit-tested beside it).
enum Item {
    Document(Document),
    Text(String),
    Int8(i8),
    Int16(i16),
    Int32(i32),
    Int64(i64),
    Float32(f32),
    Float64(f64),
    Bytes(Blob),
    BigInt(BigInteger),
    BigDec(BigDecimal),
    List(Vec<Option<Item>>),
    Map(HashMap<String, Item>),
}

impl JsonSerialize for Item {
    fn write_json(&self, w: &mut JsonWriter) {
        match self {
            Item::Document(v) => v.write_json(w),
            Item::Text(v) => v.write_json(w),
            Item::Int8(v) => v.write_json(w),
            Item::Int16(v) => v.write_json(w),
            Item::Int32(v) => v.write_json(w),
            Item::Int64(v) => v.write_json(w),
            Item::Float32(v) => v.write_json(w),
            Item::Float64(v) => v.write_json(w),
            Item::Bytes(v) => v.write_json(w),
            Item::BigInt(v) => v.write_json(w),
            Item::BigDec(v) => v.write_json(w),
            Item::List(v) => v.write_json(w),
            Item::Map(v) => v.write_json(w),
        }
    }
}

/// awsJson's names for the floats JSON cannot hold.
fn non_finite(value: f64) -> Option<&'static str> {
    match value {
        v if v.is_nan() => Some("NaN"),
        f64::INFINITY => Some("Infinity"),
        f64::NEG_INFINITY => Some("-Infinity"),
        _ => None,
    }
}

/// The reference: the same value through serde, as `serde_json` writes it.
struct Reference<'a, T>(&'a T);

impl Serialize for Reference<'_, Document> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Document::Null => s.serialize_unit(),
            Document::Bool(b) => s.serialize_bool(*b),
            Document::Number(Number::PosInt(n)) => s.serialize_u64(*n),
            Document::Number(Number::NegInt(n)) => s.serialize_i64(*n),
            Document::Number(Number::Float(n)) => match non_finite(*n) {
                Some(name) => s.serialize_str(name),
                None => s.serialize_f64(*n),
            },
            Document::String(text) => s.serialize_str(text),
            Document::Array(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(&Reference(item))?;
                }
                seq.end()
            }
            Document::Object(members) => {
                let mut map = s.serialize_map(Some(members.len()))?;
                for (name, value) in members {
                    map.serialize_entry(name, &Reference(value))?;
                }
                map.end()
            }
        }
    }
}

impl Serialize for Reference<'_, Item> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use base64::Engine as _;
        match self.0 {
            Item::Document(v) => Reference(v).serialize(s),
            Item::Text(v) => s.serialize_str(v),
            Item::Int8(v) => s.serialize_i8(*v),
            Item::Int16(v) => s.serialize_i16(*v),
            Item::Int32(v) => s.serialize_i32(*v),
            Item::Int64(v) => s.serialize_i64(*v),
            Item::Float32(v) => match non_finite(f64::from(*v)) {
                Some(name) => s.serialize_str(name),
                None => s.serialize_f32(*v),
            },
            Item::Float64(v) => match non_finite(*v) {
                Some(name) => s.serialize_str(name),
                None => s.serialize_f64(*v),
            },
            Item::Bytes(v) => {
                s.serialize_str(&base64::engine::general_purpose::STANDARD.encode(v.as_ref()))
            }
            Item::BigInt(v) => serde_json::value::RawValue::from_string(v.to_string())
                .expect("a JSON number")
                .serialize(s),
            Item::BigDec(v) => serde_json::value::RawValue::from_string(v.to_string())
                .expect("a JSON number")
                .serialize(s),
            Item::List(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    match item {
                        Some(item) => seq.serialize_element(&Reference(item))?,
                        None => seq.serialize_element(&())?,
                    }
                }
                seq.end()
            }
            Item::Map(entries) => {
                let sorted: BTreeMap<&String, &Item> = entries.iter().collect();
                let mut map = s.serialize_map(Some(sorted.len()))?;
                for (key, value) in sorted {
                    map.serialize_entry(key, &Reference(value))?;
                }
                map.end()
            }
        }
    }
}

/// Characters chosen to hit every escape and both sides of each scan test.
fn text(rng: &mut fastrand::Rng) -> String {
    const PICKS: [char; 12] = [
        '"', '\\', '\n', '\t', '\u{8}', '\u{c}', '\r', '\u{7f}', 'é', '€', '😀', '/',
    ];
    let len = rng.usize(0..40);
    (0..len)
        .map(|_| match rng.u8(0..10) {
            0 => char::from(rng.u8(0..0x20)),
            1 | 2 => PICKS[rng.usize(..PICKS.len())],
            3 => rng.char(..),
            _ => char::from(rng.u8(0x20..0x7f)),
        })
        .collect()
}

fn float(rng: &mut fastrand::Rng) -> f64 {
    match rng.u8(0..6) {
        0 => f64::from_bits(rng.u64(..)),
        1 => [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 0.0, -0.0, 1e300][rng.usize(..6)],
        2 => rng.i64(..) as f64 / 1000.0,
        _ => rng.f64() * 10f64.powi(rng.i32(-20..20)),
    }
}

fn document(rng: &mut fastrand::Rng, depth: u32) -> Document {
    match rng.u8(0..if depth > 3 { 6 } else { 8 }) {
        0 => Document::Null,
        1 => Document::Bool(rng.bool()),
        2 => Document::Number(Number::PosInt(rng.u64(..))),
        3 => Document::Number(Number::NegInt(rng.i64(i64::MIN..0))),
        4 => Document::Number(Number::Float(float(rng))),
        5 => Document::String(text(rng)),
        6 => Document::Array(
            (0..rng.usize(0..5))
                .map(|_| document(rng, depth + 1))
                .collect(),
        ),
        _ => Document::Object(
            (0..rng.usize(0..5))
                .map(|_| (text(rng), document(rng, depth + 1)))
                .collect(),
        ),
    }
}

fn item(rng: &mut fastrand::Rng, depth: u32) -> Item {
    match rng.u8(0..if depth > 3 { 11 } else { 13 }) {
        0 => Item::Document(document(rng, depth)),
        1 => Item::Text(text(rng)),
        2 => Item::Int8(rng.i8(..)),
        3 => Item::Int16(rng.i16(..)),
        4 => Item::Int32(rng.i32(..)),
        5 => Item::Int64(rng.i64(..)),
        6 => Item::Float32(float(rng) as f32),
        7 => Item::Float64(float(rng)),
        8 => Item::Bytes(Blob::new(
            (0..rng.usize(0..20))
                .map(|_| rng.u8(..))
                .collect::<Vec<_>>(),
        )),
        9 => Item::BigInt(
            format!("{}{}", rng.i64(..), rng.u32(..))
                .parse()
                .expect("an integer"),
        ),
        10 => Item::BigDec(
            format!("{}.{}e{}", rng.i64(..), rng.u32(..), rng.i8(..))
                .parse()
                .expect("a decimal"),
        ),
        11 => Item::List(
            (0..rng.usize(0..5))
                .map(|_| rng.bool().then(|| item(rng, depth + 1)))
                .collect(),
        ),
        _ => Item::Map(
            (0..rng.usize(0..5))
                .map(|_| (text(rng), item(rng, depth + 1)))
                .collect(),
        ),
    }
}

#[test]
fn the_writer_writes_what_serde_json_writes() {
    let mut rng = fastrand::Rng::with_seed(0x5eed);
    for case in 0..DOCUMENTS {
        let value = item(&mut rng, 0);
        let ours = to_vec(&value);
        let theirs = serde_json::to_vec(&Reference(&value)).expect("serde_json writes it");
        assert_eq!(
            String::from_utf8_lossy(&ours),
            String::from_utf8_lossy(&theirs),
            "document {case}"
        );
    }
}
