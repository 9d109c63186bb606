//! rpcv2Cbor's byte level (`smithy-spec/smithy-rpc-v2-cbor.rst`), on minicbor: a
//! writer that picks the encodings the spec asks for (smallest integers, floats no
//! wider than needed but never half precision, timestamps as tag 1 epoch seconds),
//! and a reader that takes every encoding a peer may send (any integer width,
//! half/single/double floats, definite and indefinite lengths), with nesting bounded
//! so that no input can exhaust the stack. Generated codecs drive these directly; no
//! value tree is built in between.

#[doc(hidden)]
mod equivalent;
mod operation;
mod read;
mod value;
mod write;

pub use equivalent::equivalent;
pub use operation::{
    CborStructure, ModeledError, UnionValue, from_slice, parse_response, read_error, to_vec,
    unit_variant, zero_structure,
};
#[cfg(feature = "server")]
pub use operation::{error_response, parse_request};
pub use read::{CborError, CborReader, Container};
pub use value::{CborRead, CborWrite};
pub use write::{CborWriter, json_to_cbor};

/// Nesting deeper than this is rejected (the JSON reader's limit too).
pub const MAX_DEPTH: usize = 128;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Timestamp;

    /// xorshift64*: the same values on every machine.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
        }
    }

    /// What the writer writes, the reader reads back, for 100,000 random documents
    /// of every scalar kind in a map.
    #[test]
    fn the_reader_reads_what_the_writer_writes() {
        let mut rng = Rng(0x0c0b_0a09);
        for _ in 0..100_000 {
            let int = match rng.next() % 4 {
                0 => rng.next() as i64,
                1 => (rng.next() % 70_000) as i64 - 35_000,
                2 => i64::MIN,
                _ => i64::MAX,
            };
            let float = f64::from_bits(rng.next());
            let text: String = (0..rng.next() % 40)
                .map(|_| char::from_u32((rng.next() % 0x11_0000) as u32).unwrap_or('?'))
                .collect();
            let bytes: Vec<u8> = (0..rng.next() % 40).map(|_| rng.next() as u8).collect();
            let whole = Timestamp::from_secs((rng.next() % 4_000_000_000) as i64 - 1_000_000_000);
            let fractional = Timestamp::from_secs_and_nanos(whole.secs(), 500_000_000);

            let mut writer = CborWriter::new();
            writer.map(6);
            writer.str("int");
            writer.int(int);
            writer.str("float");
            writer.f64(float);
            writer.str("text");
            writer.str(&text);
            writer.str("bytes");
            writer.bytes(&bytes);
            writer.str("whole");
            writer.timestamp(whole);
            writer.str("fractional");
            writer.timestamp(fractional);
            let document = writer.into_bytes();

            let mut reader = CborReader::new(&document);
            assert_eq!(reader.map().unwrap(), Container::Definite(6));
            assert_eq!(reader.str().unwrap(), "int");
            assert_eq!(reader.int().unwrap(), int);
            assert_eq!(reader.str().unwrap(), "float");
            let read = reader.float().unwrap();
            assert!(
                read == float || (read.is_nan() && float.is_nan()),
                "{float} read as {read}"
            );
            assert_eq!(reader.str().unwrap(), "text");
            assert_eq!(reader.str().unwrap(), text);
            assert_eq!(reader.str().unwrap(), "bytes");
            assert_eq!(reader.bytes().unwrap(), bytes);
            assert_eq!(reader.str().unwrap(), "whole");
            assert_eq!(reader.timestamp().unwrap(), whole);
            assert_eq!(reader.str().unwrap(), "fractional");
            assert_eq!(reader.timestamp().unwrap(), fractional);
            reader.leave();
            assert!(reader.at_end());
        }
    }
}
