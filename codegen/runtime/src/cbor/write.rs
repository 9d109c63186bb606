//! Writing rpcv2Cbor values.

use ::std::vec::Vec;

use crate::Timestamp;

/// Writes one CBOR document into a buffer, each item's head in its smallest
/// form (RFC 8949 §4.2.1). Writes straight into a `Vec` rather than through
/// minicbor's `Encoder`, whose per-item `write_all` calls made writing take
/// twice as long as awsJson's (measured in the wire codec benchmark); reading
/// stays on minicbor's decoder.
pub struct CborWriter {
    out: Vec<u8>,
}

impl Default for CborWriter {
    fn default() -> Self {
        Self::new()
    }
}

/// The buffer a writer starts with: most bodies fit, larger ones grow it a few times.
const INITIAL_CAPACITY: usize = 1024;

/// Major types (RFC 8949 §3.1).
const UNSIGNED: u8 = 0;
const NEGATIVE: u8 = 1 << 5;
const BYTES: u8 = 2 << 5;
const TEXT: u8 = 3 << 5;
const ARRAY: u8 = 4 << 5;
const MAP: u8 = 5 << 5;
const TAG: u8 = 6 << 5;

impl CborWriter {
    /// An empty document.
    pub fn new() -> Self {
        Self {
            out: Vec::with_capacity(INITIAL_CAPACITY),
        }
    }

    /// The document written.
    pub fn into_bytes(self) -> Vec<u8> {
        self.out
    }

    /// An item's head: its major type and argument, in the fewest bytes.
    #[inline]
    fn head(&mut self, major: u8, argument: u64) {
        match argument {
            0..24 => self.out.push(major | argument as u8),
            24..0x100 => self.out.extend_from_slice(&[major | 24, argument as u8]),
            0x100..0x1_0000 => {
                self.out.push(major | 25);
                self.out.extend_from_slice(&(argument as u16).to_be_bytes());
            }
            0x1_0000..0x1_0000_0000 => {
                self.out.push(major | 26);
                self.out.extend_from_slice(&(argument as u32).to_be_bytes());
            }
            _ => {
                self.out.push(major | 27);
                self.out.extend_from_slice(&argument.to_be_bytes());
            }
        }
    }

    /// A map of `len` entries: keys and values follow.
    pub fn map(&mut self, len: u64) {
        self.head(MAP, len);
    }

    /// An array of `len` items.
    pub fn array(&mut self, len: u64) {
        self.head(ARRAY, len);
    }

    pub fn str(&mut self, value: &str) {
        self.head(TEXT, value.len() as u64);
        self.out.extend_from_slice(value.as_bytes());
    }

    pub fn bool(&mut self, value: bool) {
        self.out.push(if value { 0xf5 } else { 0xf4 });
    }

    /// An integer in its smallest encoding.
    pub fn int(&mut self, value: i64) {
        match u64::try_from(value) {
            Ok(unsigned) => self.head(UNSIGNED, unsigned),
            // -1 - value, which is not negative and fits.
            Err(_) => self.head(NEGATIVE, !(value as u64)),
        }
    }

    pub fn f32(&mut self, value: f32) {
        self.out.push(0xfa);
        self.out.extend_from_slice(&value.to_be_bytes());
    }

    /// A double as a single-precision float when that is exact (NaN and the
    /// infinities included), else as a double.
    pub fn f64(&mut self, value: f64) {
        let single = value as f32;
        if f64::from(single) == value || value.is_nan() {
            self.f32(single);
        } else {
            self.double(value);
        }
    }

    fn double(&mut self, value: f64) {
        self.out.push(0xfb);
        self.out.extend_from_slice(&value.to_be_bytes());
    }

    pub fn bytes(&mut self, value: &[u8]) {
        self.head(BYTES, value.len() as u64);
        self.out.extend_from_slice(value);
    }

    /// Tag 1 (epoch date/time) with whole seconds as an integer, else as a double.
    pub fn timestamp(&mut self, value: Timestamp) {
        self.head(TAG, 1);
        if value.subsec_nanos() == 0 {
            self.int(value.secs());
        } else {
            let seconds = value.secs() as f64 + f64::from(value.subsec_nanos()) / 1e9;
            self.double(seconds);
        }
    }

    pub fn null(&mut self) {
        self.out.push(0xf6);
    }
}

/// A JSON value written as CBOR, as an SDK writes the same data (definite lengths,
/// integers in their smallest form): for tests and benchmarks that state bodies as JSON.
#[doc(hidden)]
pub fn json_to_cbor(value: &::serde_json::Value) -> Vec<u8> {
    fn write(value: &::serde_json::Value, w: &mut CborWriter) {
        use ::serde_json::Value;
        match value {
            Value::Null => w.null(),
            Value::Bool(b) => w.bool(*b),
            Value::Number(n) => match n.as_i64() {
                Some(i) => w.int(i),
                None => w.f64(n.as_f64().unwrap_or(0.0)),
            },
            Value::String(s) => w.str(s),
            Value::Array(items) => {
                w.array(items.len() as u64);
                items.iter().for_each(|i| write(i, w));
            }
            Value::Object(members) => {
                w.map(members.len() as u64);
                for (k, v) in members {
                    w.str(k);
                    write(v, w);
                }
            }
        }
    }
    let mut writer = CborWriter::new();
    write(value, &mut writer);
    writer.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(write: impl FnOnce(&mut CborWriter)) -> Vec<u8> {
        let mut writer = CborWriter::new();
        write(&mut writer);
        writer.into_bytes()
    }

    #[test]
    fn smallest_integers_and_floats() {
        assert_eq!(written(|w| w.int(10)), [0x0a]);
        assert_eq!(written(|w| w.int(-1)), [0x20]);
        assert_eq!(written(|w| w.int(500)), [0x19, 0x01, 0xf4]);
        assert_eq!(written(|w| w.f64(1.5)), [0xfa, 0x3f, 0xc0, 0, 0]);
        assert_eq!(written(|w| w.f64(0.1)).len(), 9);
        assert_eq!(written(|w| w.f64(f64::INFINITY))[0], 0xfa);
    }

    #[test]
    fn timestamps_are_tag_1() {
        assert_eq!(
            written(|w| w.timestamp(Timestamp::from_secs(1))),
            [0xc1, 0x01]
        );
        let fractional = written(|w| w.timestamp(Timestamp::from_secs_and_nanos(1, 500_000_000)));
        assert_eq!(fractional[..2], [0xc1, 0xfb]);
    }

    /// The heads and items minicbor's encoder writes, on values around every
    /// boundary of the argument's width and on random ones.
    #[test]
    fn items_are_what_minicbor_encodes() {
        let mut rng = ::fastrand::Rng::with_seed(3);
        let mut ints: Vec<i64> = [0u32, 1, 8, 16, 32, 63]
            .iter()
            .flat_map(|&bits| {
                let edge = 1i128 << bits;
                [
                    edge - 25,
                    edge - 24,
                    edge - 1,
                    edge,
                    edge + 1,
                    -edge - 1,
                    -edge,
                    -edge + 23,
                ]
            })
            .filter_map(|v| i64::try_from(v).ok())
            .collect();
        ints.extend([i64::MIN, i64::MAX, 23, 24, -24, -25]);
        ints.extend((0..10_000).map(|_| rng.i64(..) >> rng.u32(0..64)));
        for value in ints {
            let mut expected = minicbor::Encoder::new(Vec::new());
            let _ = expected.i64(value);
            assert_eq!(written(|w| w.int(value)), expected.into_writer(), "{value}");
        }
        for len in [0usize, 1, 23, 24, 255, 256, 65_535, 65_536, 70_000] {
            let text = "x".repeat(len);
            let mut expected = minicbor::Encoder::new(Vec::new());
            let _ = expected.str(&text);
            let _ = expected.bytes(text.as_bytes());
            let _ = expected.map(len as u64);
            let _ = expected.array(len as u64);
            let ours = written(|w| {
                w.str(&text);
                w.bytes(text.as_bytes());
                w.map(len as u64);
                w.array(len as u64);
            });
            assert_eq!(ours, expected.into_writer(), "{len}");
        }
        for value in [
            0.0,
            -0.0,
            1.5,
            0.1,
            f64::NAN,
            f64::INFINITY,
            f64::MIN,
            1e300,
        ] {
            let mut expected = minicbor::Encoder::new(Vec::new());
            let _ = match value as f32 {
                single if f64::from(single) == value || value.is_nan() => expected.f32(single),
                _ => expected.f64(value),
            };
            let _ = expected
                .bool(true)
                .and_then(|e| e.bool(false))
                .and_then(|e| e.null());
            let ours = written(|w| {
                w.f64(value);
                w.bool(true);
                w.bool(false);
                w.null();
            });
            assert_eq!(ours, expected.into_writer(), "{value}");
        }
    }

    #[test]
    fn maps_strings_and_bytes() {
        let bytes = written(|w| {
            w.map(1);
            w.str("a");
            w.bytes(b"xy");
        });
        assert_eq!(bytes, [0xa1, 0x61, b'a', 0x42, b'x', b'y']);
    }
}
