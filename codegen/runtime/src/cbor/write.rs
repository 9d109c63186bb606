//! Writing rpcv2Cbor values.

use ::std::vec::Vec;

use crate::Timestamp;

/// Writes one CBOR document into a buffer. Writing to memory cannot fail.
pub struct CborWriter {
    encoder: minicbor::Encoder<Vec<u8>>,
}

impl Default for CborWriter {
    fn default() -> Self {
        Self::new()
    }
}

/// minicbor's result for a `Vec<u8>` writer, whose error type is uninhabited.
fn done<T>(result: Result<T, minicbor::encode::Error<::core::convert::Infallible>>) {
    // A `Vec` write cannot fail: the error type has no values.
    let _ = result;
}

/// The buffer a writer starts with: most bodies fit, larger ones grow it a few times.
const INITIAL_CAPACITY: usize = 1024;

impl CborWriter {
    /// An empty document.
    pub fn new() -> Self {
        Self {
            encoder: minicbor::Encoder::new(Vec::with_capacity(INITIAL_CAPACITY)),
        }
    }

    /// The document written.
    pub fn into_bytes(self) -> Vec<u8> {
        self.encoder.into_writer()
    }

    /// A map of `len` entries: keys and values follow.
    pub fn map(&mut self, len: u64) {
        done(self.encoder.map(len));
    }

    /// An array of `len` items.
    pub fn array(&mut self, len: u64) {
        done(self.encoder.array(len));
    }

    pub fn str(&mut self, value: &str) {
        done(self.encoder.str(value));
    }

    pub fn bool(&mut self, value: bool) {
        done(self.encoder.bool(value));
    }

    /// An integer in its smallest encoding.
    pub fn int(&mut self, value: i64) {
        done(self.encoder.i64(value));
    }

    pub fn f32(&mut self, value: f32) {
        done(self.encoder.f32(value));
    }

    /// A double as a single-precision float when that is exact (NaN and the
    /// infinities included), else as a double.
    pub fn f64(&mut self, value: f64) {
        let single = value as f32;
        if f64::from(single) == value || value.is_nan() {
            done(self.encoder.f32(single));
        } else {
            done(self.encoder.f64(value));
        }
    }

    pub fn bytes(&mut self, value: &[u8]) {
        done(self.encoder.bytes(value));
    }

    /// Tag 1 (epoch date/time) with whole seconds as an integer, else as a double.
    pub fn timestamp(&mut self, value: Timestamp) {
        done(self.encoder.tag(minicbor::data::Tag::new(1)));
        if value.subsec_nanos() == 0 {
            self.int(value.secs());
        } else {
            let seconds = value.secs() as f64 + f64::from(value.subsec_nanos()) / 1e9;
            done(self.encoder.f64(seconds));
        }
    }

    pub fn null(&mut self) {
        done(self.encoder.null());
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
