//! The awsJson text writer: compact JSON, as `serde_json` writes it, straight
//! into a `Vec<u8>`.
//!
//! Generated code writes member names that the generator escaped already, so a
//! name is copied, not scanned; strings are scanned for bytes to escape eight at
//! a time. Numbers use the crates `serde_json` uses (`itoa`, `zmij`), so the text
//! is the same; `tests/json_writer.rs` compares the two on a million documents.

use ::std::vec::Vec;

use super::JsonSerialize;

/// Where a JSON text is written.
pub struct JsonWriter {
    out: Vec<u8>,
}

impl JsonWriter {
    /// A writer whose buffer starts with room for `capacity` bytes.
    pub fn with_capacity(capacity: usize) -> Self {
        JsonWriter {
            out: Vec::with_capacity(capacity),
        }
    }

    /// The text written.
    pub fn into_bytes(self) -> Vec<u8> {
        self.out
    }

    /// `null`.
    pub fn null(&mut self) {
        self.out.extend_from_slice(b"null");
    }

    /// `true` or `false`.
    pub fn bool(&mut self, value: bool) {
        let text: &[u8] = if value { b"true" } else { b"false" };
        self.out.extend_from_slice(text);
    }

    /// An integer.
    pub fn integer<I: ::itoa::Integer>(&mut self, value: I) {
        self.out
            .extend_from_slice(::itoa::Buffer::new().format(value).as_bytes());
    }

    /// A finite `f64` or `f32` in shortest round-trip form (`1.5`, `1e+300`,
    /// `-0.0`); a non-finite one writes `null`, as `serde_json` does.
    pub fn float<F: ::zmij::Float + Into<f64> + Copy>(&mut self, value: F) {
        if value.into().is_finite() {
            self.out
                .extend_from_slice(::zmij::Buffer::new().format_finite(value).as_bytes());
        } else {
            self.null();
        }
    }

    /// A string, escaped.
    pub fn string(&mut self, value: &str) {
        write_string(&mut self.out, value);
    }

    /// JSON text written as it is: the caller guarantees it is valid in place
    /// (a number's exact text, or base64 between quotes).
    pub(crate) fn raw(&mut self, text: &[u8]) {
        self.out.extend_from_slice(text);
    }

    /// Starts an object; its members follow, then [`Object::end`].
    pub fn object(&mut self) -> Object<'_> {
        self.out.push(b'{');
        Object {
            writer: self,
            first: true,
        }
    }

    /// Starts an array; its elements follow, then [`Array::end`].
    pub fn array(&mut self) -> Array<'_> {
        self.out.push(b'[');
        Array {
            writer: self,
            first: true,
        }
    }
}

/// The value `{}`: a union's member of unit type.
pub struct EmptyObject;

impl JsonSerialize for EmptyObject {
    fn write_json(&self, writer: &mut JsonWriter) {
        writer.object().end();
    }
}

/// An object being written.
pub struct Object<'w> {
    writer: &'w mut JsonWriter,
    first: bool,
}

impl Object<'_> {
    #[inline]
    fn separate(&mut self) {
        comma_unless_first(&mut self.first, &mut self.writer.out);
    }

    /// Writes `"name":`, `name` copied as it is: the generator passes member
    /// names already escaped for JSON.
    #[inline]
    fn name(&mut self, name: &str) {
        self.separate();
        let out = &mut self.writer.out;
        out.push(b'"');
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(b"\":");
    }

    /// A member that is always present; `name` is already escaped.
    #[inline]
    pub fn member<T: JsonSerialize + ?Sized>(&mut self, name: &str, value: &T) {
        self.name(name);
        value.write_json(self.writer);
    }

    /// A member left out when absent, as awsJson wants; `name` is already escaped.
    #[inline]
    pub fn optional<T: JsonSerialize>(&mut self, name: &str, value: &Option<T>) {
        if let Some(value) = value {
            self.member(name, value);
        }
    }

    /// A member whose name is data (a map key), escaped here.
    pub fn entry<T: JsonSerialize + ?Sized>(&mut self, key: &str, value: &T) {
        self.separate();
        write_string(&mut self.writer.out, key);
        self.writer.out.push(b':');
        value.write_json(self.writer);
    }

    /// Ends the object.
    pub fn end(self) {
        self.writer.out.push(b'}');
    }
}

/// An array being written.
pub struct Array<'w> {
    writer: &'w mut JsonWriter,
    first: bool,
}

impl Array<'_> {
    /// The next element.
    #[inline]
    pub fn element<T: JsonSerialize + ?Sized>(&mut self, value: &T) {
        comma_unless_first(&mut self.first, &mut self.writer.out);
        value.write_json(self.writer);
    }

    /// Ends the array.
    pub fn end(self) {
        self.writer.out.push(b']');
    }
}

/// The `,` before every member or element but the first.
#[inline]
fn comma_unless_first(first: &mut bool, out: &mut Vec<u8>) {
    if !::std::mem::replace(first, false) {
        out.push(b',');
    }
}

/// Bytes that JSON strings must escape: `"`, `\` and the controls below 0x20.
#[inline]
fn needs_escape(byte: u8) -> bool {
    byte < 0x20 || byte == b'"' || byte == b'\\'
}

/// Whether any of the eight bytes of `word` needs escaping. Exact: the
/// zero-byte tests have no false positives when only their sum is asked for,
/// and bytes of 0x80 and above never match.
#[inline]
fn word_needs_escape(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let has_zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGHS;
    let below_space = word.wrapping_sub(ONES * 0x20) & !word & HIGHS;
    let quote = has_zero(word ^ (ONES * u64::from(b'"')));
    let backslash = has_zero(word ^ (ONES * u64::from(b'\\')));
    (below_space | quote | backslash) != 0
}

/// The index of the first byte at or after `from` that needs escaping.
#[inline]
fn next_escape(bytes: &[u8], mut from: usize) -> Option<usize> {
    while let Some(chunk) = bytes.get(from..from + 8) {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or([b'"'; 8]));
        if word_needs_escape(word) {
            break;
        }
        from += 8;
    }
    let offset = bytes
        .get(from..)?
        .iter()
        .position(|&byte| needs_escape(byte))?;
    Some(from + offset)
}

/// Writes `value` as a JSON string, escaped as `serde_json` escapes it.
#[inline]
fn write_string(out: &mut Vec<u8>, value: &str) {
    let bytes = value.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut start = 0;
    while let Some(index) = next_escape(bytes, start) {
        out.extend_from_slice(&bytes[start..index]);
        write_escape(out, bytes[index]);
        start = index + 1;
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

#[cold]
fn write_escape(out: &mut Vec<u8>, byte: u8) {
    let short = match byte {
        b'"' => b'"',
        b'\\' => b'\\',
        0x08 => b'b',
        0x0c => b'f',
        b'\n' => b'n',
        b'\r' => b'r',
        b'\t' => b't',
        _ => {
            let (high, low) = (
                crate::HEX_DIGITS[usize::from(byte >> 4)],
                crate::HEX_DIGITS[usize::from(byte & 0xf)],
            );
            out.extend_from_slice(&[b'\\', b'u', b'0', b'0', high, low]);
            return;
        }
    };
    out.extend_from_slice(&[b'\\', short]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_word_test_finds_exactly_the_bytes_to_escape() {
        for byte in 0..=255u8 {
            for position in 0..8 {
                let mut bytes = [b'a'; 8];
                bytes[position] = byte;
                assert_eq!(
                    word_needs_escape(u64::from_le_bytes(bytes)),
                    needs_escape(byte),
                    "byte {byte:#04x} at {position}"
                );
            }
        }
        let mut rng = ::fastrand::Rng::with_seed(7);
        for _ in 0..1_000_000 {
            let bytes = rng.u64(..).to_le_bytes();
            assert_eq!(
                word_needs_escape(u64::from_le_bytes(bytes)),
                bytes.iter().any(|&b| needs_escape(b)),
                "{bytes:?}"
            );
        }
    }
}
