//! Reading rpcv2Cbor values: every width and length form a peer may use.

use ::std::borrow::Cow;
use ::std::fmt;
use ::std::string::String;
use ::std::vec::Vec;

use minicbor::data::Type;

use super::MAX_DEPTH;
use crate::Timestamp;
use crate::json::{Path, Segment};

/// What went wrong, at which byte, and (once the document's reader returns it) in
/// which member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CborError {
    /// The offset of the item that failed.
    pub position: usize,
    /// What was expected and found.
    pub message: String,
    /// The members, elements and entries down to the failure.
    pub path: Path,
}

impl CborError {
    pub(crate) fn at(position: usize, message: String) -> Self {
        CborError {
            position,
            message,
            path: Path::default(),
        }
    }
}

/// ``at Workspaces[0].UserName: expected a text string, found u8 at byte 49``.
impl fmt::Display for CborError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.path.segments().is_empty() {
            write!(f, "at {}: ", self.path)?;
        }
        write!(f, "{} at byte {}", self.message, self.position)
    }
}

impl ::std::error::Error for CborError {}

/// minicbor's error, at its own position or else at `at`.
fn convert(error: minicbor::decode::Error, at: usize) -> CborError {
    CborError::at(error.position().unwrap_or(at), error.to_string())
}

/// Major types 0 and 1, of any width.
pub(super) fn is_integer(t: Type) -> bool {
    matches!(
        t,
        Type::U8
            | Type::U16
            | Type::U32
            | Type::U64
            | Type::I8
            | Type::I16
            | Type::I32
            | Type::I64
            | Type::Int
    )
}

/// The length of a map or array: counted, or ended by a break.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Container {
    /// This many items (entries for a map).
    Definite(u64),
    /// Items up to a break.
    Indefinite,
}

/// Reads one CBOR document, and records (as the JSON reader's context does) the
/// required members found absent, so a server can reject what a client forgives.
/// Paths cost nothing while all is well: a level adds its step only to a failure
/// or a recorded absence below it.
pub struct CborReader<'b> {
    decoder: minicbor::Decoder<'b>,
    len: usize,
    depth: usize,
    missing: Vec<Path>,
}

impl<'b> CborReader<'b> {
    /// A reader of `bytes`, at its start.
    pub fn new(bytes: &'b [u8]) -> Self {
        Self {
            decoder: minicbor::Decoder::new(bytes),
            len: bytes.len(),
            depth: 0,
            missing: Vec::new(),
        }
    }

    /// The required members found absent or `null`, and the `null` elements
    /// dropped from dense lists and maps, by their full paths.
    pub fn missing(&self) -> &[Path] {
        &self.missing
    }

    /// Reads a structure or union: a map whose keys are member names, each given
    /// to `entry` with the reader at its value; `entry` reads the value (with
    /// [`member`](Self::member)) or skips it.
    pub fn structure(
        &mut self,
        mut entry: impl FnMut(&mut Self, &str) -> Result<(), CborError>,
    ) -> Result<(), CborError> {
        let len = self.map()?;
        self.entries(len, |reader| {
            let key = reader.text()?;
            entry(reader, &key)
        })
    }

    /// Reads the entries of a map or the items of an array entered with `len`,
    /// definite or indefinite, and leaves it.
    pub fn entries(
        &mut self,
        len: Container,
        mut read: impl FnMut(&mut Self) -> Result<(), CborError>,
    ) -> Result<(), CborError> {
        match len {
            Container::Definite(n) => {
                // Each entry takes at least a byte: a declared length beyond the
                // input ends at the first read past it.
                for _ in 0..n {
                    read(self)?;
                }
            }
            Container::Indefinite => {
                while !self.at_break()? {
                    read(self)?;
                }
            }
        }
        self.leave();
        Ok(())
    }

    /// The value of member `name`: `None` for `null` (absent, as the spec says).
    #[inline]
    pub fn member<T: super::CborRead>(
        &mut self,
        name: &'static str,
    ) -> Result<Option<T>, CborError> {
        self.step(
            |reader| {
                if reader.at_null()? {
                    return Ok(None);
                }
                T::read_cbor(reader).map(Some)
            },
            || Segment::Member(name),
        )
    }

    /// Reads one level down, at `segment`: a failure or an absence recorded
    /// below gets the step put in front of its path.
    #[inline]
    pub fn step<T>(
        &mut self,
        read: impl FnOnce(&mut Self) -> Result<T, CborError>,
        segment: impl FnOnce() -> Segment,
    ) -> Result<T, CborError> {
        let recorded = self.missing.len();
        let result = read(self);
        if result.is_err() || self.missing.len() > recorded {
            return self.prepend(recorded, result, segment());
        }
        result
    }

    #[cold]
    fn prepend<T>(
        &mut self,
        recorded: usize,
        result: Result<T, CborError>,
        segment: Segment,
    ) -> Result<T, CborError> {
        for path in &mut self.missing[recorded..] {
            path.insert_first(segment.clone());
        }
        result.map_err(|mut error| {
            error.path.insert_first(segment);
            error
        })
    }

    /// A required member's value; when it was absent or `null`, records it and
    /// fills in its zero value (Smithy's client error correction).
    pub fn require<T: super::CborRead>(&mut self, value: Option<T>, member: &'static str) -> T {
        value.unwrap_or_else(|| {
            self.missing
                .push(Path::from_segments(::std::vec![Segment::Member(member)]));
            T::zero_value()
        })
    }

    /// Records a `null` element of a dense list or map, which is dropped.
    pub(crate) fn dropped_null(&mut self, segment: Segment) {
        self.missing.push(Path::from_segments(::std::vec![segment]));
    }

    /// The offset of the next item.
    pub fn position(&self) -> usize {
        self.decoder.position()
    }

    /// Whether the whole input was read.
    pub fn at_end(&self) -> bool {
        self.decoder.position() >= self.len
    }

    fn error(&self, message: impl Into<String>) -> CborError {
        CborError::at(self.decoder.position(), message.into())
    }

    fn decode_error(&self, error: minicbor::decode::Error) -> CborError {
        convert(error, self.decoder.position())
    }

    fn datatype(&self) -> Result<Type, CborError> {
        self.decoder.datatype().map_err(|e| self.decode_error(e))
    }

    /// The next item's initial byte, without decoding it: the common cases are
    /// told apart by it alone, and only the others go through `datatype`.
    fn peek(&self) -> Option<u8> {
        self.decoder.input().get(self.decoder.position()).copied()
    }

    fn enter(&mut self) -> Result<(), CborError> {
        if self.depth >= MAX_DEPTH {
            return Err(self.error(format!("values nest deeper than {MAX_DEPTH} levels")));
        }
        self.depth += 1;
        Ok(())
    }

    /// Leaves the map or array entered last.
    pub fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    /// Enters a map; its entries follow (key, value, key, value, …).
    pub fn map(&mut self) -> Result<Container, CborError> {
        let len = self.decoder.map().map_err(|e| self.decode_error(e))?;
        self.enter()?;
        Ok(len.map_or(Container::Indefinite, Container::Definite))
    }

    /// Enters an array; its items follow.
    pub fn array(&mut self) -> Result<Container, CborError> {
        let len = self.decoder.array().map_err(|e| self.decode_error(e))?;
        self.enter()?;
        Ok(len.map_or(Container::Indefinite, Container::Definite))
    }

    /// In an indefinite map or array: whether its break comes next (then read).
    pub fn at_break(&mut self) -> Result<bool, CborError> {
        if self.peek() != Some(0xff) {
            if self.peek().is_none() {
                // The input ends where a break or an item should come.
                self.datatype()?;
            }
            return Ok(false);
        }
        self.decoder.set_position(self.decoder.position() + 1);
        Ok(true)
    }

    /// A `null` or `undefined` comes next (then read), as in sparse collections.
    pub fn at_null(&mut self) -> Result<bool, CborError> {
        if self.peek().is_some_and(|b| b != 0xf6 && b != 0xf7) {
            return Ok(false);
        }
        match self.datatype()? {
            Type::Null | Type::Undefined => {
                self.decoder.skip().map_err(|e| self.decode_error(e))?;
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    /// A text string, of definite or indefinite length.
    pub fn str(&mut self) -> Result<String, CborError> {
        self.text().map(Cow::into_owned)
    }

    /// A text string, borrowed from the input when it is of definite length
    /// (member names and enum values are matched without allocating).
    pub fn text(&mut self) -> Result<Cow<'b, str>, CborError> {
        if let Some(text) = self.short_text() {
            return Ok(Cow::Borrowed(text));
        }
        // Major type 3 of definite length, the usual case.
        if self.peek().is_some_and(|b| b >> 5 == 3 && b != 0x7f) {
            let text = self.decoder.str().map_err(|e| self.decode_error(e))?;
            return Ok(Cow::Borrowed(text));
        }
        match self.datatype()? {
            Type::String => {
                let text = self.decoder.str().map_err(|e| self.decode_error(e))?;
                Ok(Cow::Borrowed(text))
            }
            Type::StringIndef => {
                let mut text = String::new();
                let at = self.decoder.position();
                let chunks = self.decoder.str_iter().map_err(|e| convert(e, at))?;
                for chunk in chunks {
                    text.push_str(chunk.map_err(|e| convert(e, at))?);
                }
                Ok(Cow::Owned(text))
            }
            other => Err(self.error(format!("expected a text string, found {other}"))),
        }
    }

    /// A valid text string under 256 bytes (nearly every name and value), read
    /// from the slice without going through the decoder; `None` leaves anything
    /// else, errors included, to the decoder.
    #[inline]
    fn short_text(&mut self) -> Option<&'b str> {
        let input: &'b [u8] = self.decoder.input();
        let at = self.decoder.position();
        let (start, len) = match *input.get(at)? {
            head @ 0x60..=0x77 => (at + 1, usize::from(head & 0x1f)),
            0x78 => (at + 2, usize::from(*input.get(at + 1)?)),
            _ => return None,
        };
        let text = ::std::str::from_utf8(input.get(start..start + len)?).ok()?;
        self.decoder.set_position(start + len);
        Some(text)
    }

    /// A byte string, of definite or indefinite length.
    pub fn bytes(&mut self) -> Result<Vec<u8>, CborError> {
        match self.datatype()? {
            Type::Bytes => {
                let bytes = self.decoder.bytes().map_err(|e| self.decode_error(e))?;
                Ok(bytes.to_vec())
            }
            Type::BytesIndef => {
                let mut bytes = Vec::new();
                let at = self.decoder.position();
                let chunks = self.decoder.bytes_iter().map_err(|e| convert(e, at))?;
                for chunk in chunks {
                    bytes.extend_from_slice(chunk.map_err(|e| convert(e, at))?);
                }
                Ok(bytes)
            }
            other => Err(self.error(format!("expected a byte string, found {other}"))),
        }
    }

    pub fn bool(&mut self) -> Result<bool, CborError> {
        self.decoder.bool().map_err(|e| self.decode_error(e))
    }

    /// An integer of any width that fits an `i64`.
    pub fn int(&mut self) -> Result<i64, CborError> {
        let integer = match self.peek() {
            // Major types 0 and 1, of any width.
            Some(b) if b >> 5 <= 1 => Type::Int,
            _ => self.datatype()?,
        };
        match integer {
            t if is_integer(t) => {
                let at = self.position();
                let int = self.decoder.int().map_err(|e| self.decode_error(e))?;
                i64::try_from(int)
                    .map_err(|_| CborError::at(at, format!("integer {int} does not fit 64 bits")))
            }
            other => Err(self.error(format!("expected an integer, found {other}"))),
        }
    }

    /// A float of any width (half precision included), or an integer.
    pub fn float(&mut self) -> Result<f64, CborError> {
        let kind = match self.peek() {
            Some(0xf9) => Type::F16,
            Some(0xfa) => Type::F32,
            Some(0xfb) => Type::F64,
            Some(b) if b >> 5 <= 1 => Type::Int,
            _ => self.datatype()?,
        };
        match kind {
            Type::F16 | Type::F32 | Type::F64 => {
                self.decoder.f64().map_err(|e| self.decode_error(e))
            }
            t if is_integer(t) => self.int().map(|i| i as f64),
            other => Err(self.error(format!("expected a number, found {other}"))),
        }
    }

    /// Tag 1 (epoch date/time) over integer or float seconds.
    pub fn timestamp(&mut self) -> Result<Timestamp, CborError> {
        let at = self.position();
        let tag = self.decoder.tag().map_err(|e| self.decode_error(e))?;
        if tag.as_u64() != 1 {
            return Err(CborError::at(
                at,
                format!(
                    "expected tag 1 (epoch seconds) on a timestamp, found tag {}",
                    tag.as_u64()
                ),
            ));
        }
        match self.datatype()? {
            Type::F16 | Type::F32 | Type::F64 => {
                let seconds = self.float()?;
                if !seconds.is_finite() || seconds.abs() > 9.2e18 {
                    return Err(CborError::at(
                        at,
                        format!("timestamp {seconds} is out of range"),
                    ));
                }
                // The protocol's resolution is the millisecond: what a double holds
                // beyond it is the binary fraction's noise.
                let whole = seconds.floor();
                let millis = ((seconds - whole) * 1e3).round() as u32;
                let (whole, millis) = if millis >= 1000 {
                    (whole + 1.0, 0)
                } else {
                    (whole, millis)
                };
                Ok(Timestamp::from_secs_and_nanos(
                    whole as i64,
                    millis * 1_000_000,
                ))
            }
            _ => self.int().map(Timestamp::from_secs),
        }
    }

    /// Skips one value, however nested (within the depth limit).
    pub fn skip(&mut self) -> Result<(), CborError> {
        match self.datatype()? {
            Type::Map | Type::MapIndef => {
                let len = self.map()?;
                self.skip_items(len, 2)?;
                self.leave();
                Ok(())
            }
            Type::Array | Type::ArrayIndef => {
                let len = self.array()?;
                self.skip_items(len, 1)?;
                self.leave();
                Ok(())
            }
            Type::Tag => {
                self.decoder.tag().map_err(|e| self.decode_error(e))?;
                self.enter()?;
                let skipped = self.skip();
                self.leave();
                skipped
            }
            Type::Break => Err(self.error("unexpected break")),
            _ => self.decoder.skip().map_err(|e| self.decode_error(e)),
        }
    }

    fn skip_items(&mut self, len: Container, per_entry: u64) -> Result<(), CborError> {
        match len {
            Container::Definite(n) => {
                // Each item takes at least a byte: a declared length beyond the input
                // ends at the first read past it.
                for _ in 0..n.saturating_mul(per_entry) {
                    self.skip()?;
                }
            }
            Container::Indefinite => {
                while !self.at_break()? {
                    self.skip()?;
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_integer_width() {
        for (bytes, value) in [
            (&[0x0a][..], 10),
            (&[0x18, 0xff][..], 255),
            (&[0x19, 0x01, 0xf4][..], 500),
            (&[0x1a, 0, 1, 0, 0][..], 65_536),
            (&[0x1b, 0, 0, 0, 1, 0, 0, 0, 0][..], 4_294_967_296),
            (&[0x20][..], -1),
            (&[0x38, 0xff][..], -256),
        ] {
            assert_eq!(CborReader::new(bytes).int().unwrap(), value, "{bytes:x?}");
        }
        let too_big = [0x1b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff];
        assert!(CborReader::new(&too_big).int().is_err());
    }

    #[test]
    fn every_float_width() {
        assert_eq!(CborReader::new(&[0xf9, 0x3c, 0x00]).float().unwrap(), 1.0);
        assert_eq!(
            CborReader::new(&[0xf9, 0x7c, 0x00]).float().unwrap(),
            f64::INFINITY
        );
        assert_eq!(
            CborReader::new(&[0xfa, 0x3f, 0xc0, 0, 0]).float().unwrap(),
            1.5
        );
        let double = [0xfb, 0x3f, 0xb9, 0x99, 0x99, 0x99, 0x99, 0x99, 0x9a];
        assert_eq!(CborReader::new(&double).float().unwrap(), 0.1);
        assert!(
            CborReader::new(&[0xf9, 0x7e, 0x00])
                .float()
                .unwrap()
                .is_nan()
        );
    }

    #[test]
    fn indefinite_strings_and_containers() {
        // (_ "ab" "c")
        let text = [0x7f, 0x62, b'a', b'b', 0x61, b'c', 0xff];
        assert_eq!(CborReader::new(&text).str().unwrap(), "abc");
        // {_ "a": [_ 1, 2]}
        let map = [0xbf, 0x61, b'a', 0x9f, 0x01, 0x02, 0xff, 0xff];
        let mut reader = CborReader::new(&map);
        assert_eq!(reader.map().unwrap(), Container::Indefinite);
        assert_eq!(reader.str().unwrap(), "a");
        assert_eq!(reader.array().unwrap(), Container::Indefinite);
        assert_eq!(reader.int().unwrap(), 1);
        assert!(!reader.at_break().unwrap());
        assert_eq!(reader.int().unwrap(), 2);
        assert!(reader.at_break().unwrap());
        reader.leave();
        assert!(reader.at_break().unwrap());
        reader.leave();
        assert!(reader.at_end());
    }

    #[test]
    fn timestamps() {
        assert_eq!(
            CborReader::new(&[0xc1, 0x01]).timestamp().unwrap(),
            Timestamp::from_secs(1)
        );
        let half = [0xc1, 0xfb, 0x3f, 0xf8, 0, 0, 0, 0, 0, 0];
        assert_eq!(
            CborReader::new(&half).timestamp().unwrap(),
            Timestamp::from_secs_and_nanos(1, 500_000_000)
        );
        assert!(CborReader::new(&[0xc0, 0x01]).timestamp().is_err());
        assert!(
            CborReader::new(&[0xc1, 0xf9, 0x7c, 0x00])
                .timestamp()
                .is_err()
        );
    }

    #[test]
    fn skip_is_bounded_and_total() {
        let deep = vec![0x81; 10_000];
        let error = CborReader::new(&deep).skip().unwrap_err();
        assert!(error.message.contains("nest"), "{error}");
        // A declared length beyond the input fails at the end of the input.
        let oversized = [0x9b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01];
        assert!(CborReader::new(&oversized).skip().is_err());
        let nested = [0xa1, 0x61, b'k', 0xc1, 0x9f, 0x01, 0xff];
        let mut reader = CborReader::new(&nested);
        reader.skip().unwrap();
        assert!(reader.at_end());
    }

    #[test]
    fn wrong_types_say_what_was_found() {
        let error = CborReader::new(&[0x01]).str().unwrap_err();
        assert!(error.message.contains("text string"), "{error}");
        let invalid_utf8 = [0x62, 0xff, 0xfe];
        assert!(CborReader::new(&invalid_utf8).str().is_err());
        assert!(CborReader::new(&[]).int().is_err());
    }
}
