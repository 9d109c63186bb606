//! A million random and mutated CBOR documents through the reader: skipping a
//! value, reading typed values, and reading an error body never panic, and every
//! error names a byte inside the input.

use smithy_lite_runtime::cbor::{CborRead, CborReader, CborWrite, CborWriter};
use smithy_lite_runtime::protocol::{Protocol, RpcV2Cbor};
use std::collections::HashMap;

const INPUTS: u64 = 1_000_000;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Well-formed seeds: maps of lists, sparse maps, timestamps, blobs, indefinite forms.
fn seeds() -> Vec<Vec<u8>> {
    let mut seeds = Vec::new();
    let mut writer = CborWriter::new();
    HashMap::from([(String::from("a"), vec![Some(1i64), None, Some(-300)])])
        .write_cbor(&mut writer);
    seeds.push(writer.into_bytes());
    let mut writer = CborWriter::new();
    writer.map(3);
    writer.str("__type");
    writer.str("ns#Oops");
    writer.str("when");
    writer.timestamp(smithy_lite_runtime::Timestamp::from_secs_and_nanos(
        5,
        250_000_000,
    ));
    writer.str("blob");
    writer.bytes(b"\x00\x01\x02");
    seeds.push(writer.into_bytes());
    seeds.push(vec![
        0xbf, 0x61, b'k', 0x9f, 0x01, 0xf9, 0x3c, 0x00, 0xff, 0x7f, 0x61, b'x', 0xff, 0x5f, 0x41,
        0x00, 0xff, 0xff,
    ]);
    seeds
}

#[test]
fn a_million_inputs_never_panic() {
    let seeds = seeds();
    let mut rng = Rng(0xc0b0_5eed);
    let mut rejected = 0u64;
    for n in 0..INPUTS {
        let mut input = if n % 4 == 0 {
            (0..rng.below(64)).map(|_| rng.next() as u8).collect()
        } else {
            seeds[rng.below(seeds.len())].clone()
        };
        for _ in 0..=rng.below(3) {
            let at = rng.below(input.len() + 1);
            match rng.below(4) {
                0 if at < input.len() => input[at] = rng.next() as u8,
                1 => input.insert(at, rng.next() as u8),
                2 if at < input.len() => {
                    input.remove(at);
                }
                _ => input.truncate(at),
            }
        }
        let outcome = std::panic::catch_unwind(|| {
            let mut reader = CborReader::new(&input);
            let skipped = reader.skip();
            let typed =
                HashMap::<String, Vec<Option<i64>>>::read_cbor(&mut CborReader::new(&input));
            let metadata = RpcV2Cbor::STANDARD.error_metadata(400, &http::HeaderMap::new(), &input);
            (skipped, typed.map(drop), metadata.status())
        });
        let (skipped, typed, _) =
            outcome.unwrap_or_else(|_| panic!("input {n} panicked: {input:x?}"));
        for error in [skipped.err(), typed.err()].into_iter().flatten() {
            rejected += 1;
            assert!(
                error.position <= input.len(),
                "input {n}: {error} past {} bytes",
                input.len()
            );
        }
    }
    assert!(rejected > INPUTS / 10, "{rejected} rejected");
}
