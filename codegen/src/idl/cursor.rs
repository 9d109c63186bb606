//! The IDL's lexical layer: a position in the text, its whitespace productions
//! (`WS`, `SP`, `BR`), comments, identifiers and shape ids, and errors with line
//! and column.

use super::syntax::{Offset, Reference};
use crate::error::{Error, ErrorKind};

/// Parse results: errors are boxed, as they are rare and large.
pub type Parsed<T> = Result<T, Box<Error>>;

/// Where nested node values stop: deeper input is rejected, never a stack overflow.
pub const MAX_DEPTH: usize = 64;

pub struct Cursor<'a> {
    pub text: &'a str,
    pub bytes: &'a [u8],
    pub pos: usize,
    /// `///` lines of the whitespace run that ended at `docs_end`.
    docs: Vec<&'a str>,
    docs_end: usize,
}

/// The 1-based line and column (in characters) of `offset` in `text`.
pub fn line_column(text: &str, offset: Offset) -> (usize, usize) {
    let before = &text.as_bytes()[..offset.min(text.len())];
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = 1 + String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count();
    (line, column)
}

pub fn is_identifier_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

impl<'a> Cursor<'a> {
    pub fn new(text: &'a str) -> Self {
        Self {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            docs: Vec::new(),
            docs_end: usize::MAX,
        }
    }

    pub fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    pub fn peek_at(&self, ahead: usize) -> Option<u8> {
        self.bytes.get(self.pos + ahead).copied()
    }

    pub fn at_end(&self) -> bool {
        self.pos >= self.bytes.len()
    }

    pub fn starts_with(&self, s: &str) -> bool {
        self.bytes[self.pos..].starts_with(s.as_bytes())
    }

    /// A syntax error at `offset`.
    pub fn error_at(&self, offset: Offset, message: impl Into<String>) -> Box<Error> {
        let mut error = Error::new(ErrorKind::MalformedIdl, message);
        error.line_column = Some(line_column(self.text, offset));
        Box::new(error)
    }

    /// "expected X, found Y" at the current position.
    pub fn expected(&self, what: &str) -> Box<Error> {
        self.error_at(self.pos, format!("expected {what}, found {}", self.found()))
    }

    /// What is at the current position, for error messages.
    pub fn found(&self) -> String {
        match self.peek() {
            None => "the end of the file".to_owned(),
            Some(b'\n' | b'\r') => "a line break".to_owned(),
            Some(b'/') if self.starts_with("//") => "a comment".to_owned(),
            Some(b) if is_identifier_char(b) => {
                let end = self.bytes[self.pos..]
                    .iter()
                    .position(|&b| !is_identifier_char(b))
                    .map_or(self.bytes.len(), |n| self.pos + n);
                format!("`{}`", &self.text[self.pos..end])
            }
            Some(_) => {
                let c = self.text[self.pos..].chars().next().unwrap_or('?');
                format!("`{c}`")
            }
        }
    }

    pub fn expect(&mut self, byte: u8) -> Parsed<()> {
        if self.peek() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.expected(&format!("`{}`", byte as char)))
        }
    }

    /// `SP`: spaces and tabs; whether any were skipped.
    pub fn sp(&mut self) -> bool {
        let start = self.pos;
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.pos += 1;
        }
        self.pos > start
    }

    pub fn require_sp(&mut self) -> Parsed<()> {
        if self.sp() {
            Ok(())
        } else {
            Err(self.expected("a space"))
        }
    }

    /// `WS`: spaces, line breaks, commas and comments; collects `///` lines for the
    /// next shape or member. Returns whether anything was skipped.
    pub fn ws(&mut self) -> Parsed<bool> {
        let start = self.pos;
        if self.docs_end != start {
            self.docs.clear();
        }
        loop {
            match self.peek() {
                Some(b' ' | b'\t' | b'\n' | b',') => self.pos += 1,
                Some(b'\r') if self.peek_at(1) == Some(b'\n') => self.pos += 2,
                Some(b'/') if self.peek_at(1) == Some(b'/') => self.comment()?,
                _ => break,
            }
        }
        self.docs_end = self.pos;
        Ok(self.pos > start)
    }

    /// One comment through its line break (or the end of the file).
    fn comment(&mut self) -> Parsed<()> {
        let start = self.pos;
        let end = self.bytes[start..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(self.bytes.len(), |n| start + n);
        let line = self.text[start..end].trim_end_matches('\r');
        // A `///` after a statement on the same line documents nothing.
        let line_start = self.bytes[..start]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let starts_line = self.bytes[line_start..start]
            .iter()
            .all(|&b| b == b' ' || b == b'\t');
        if let (Some(doc), true) = (line.strip_prefix("///"), starts_line) {
            self.docs.push(doc.strip_prefix(' ').unwrap_or(doc));
        } else {
            self.docs.clear();
        }
        self.pos = (end + 1).min(self.bytes.len());
        Ok(())
    }

    /// The `///` comment lines right before the current position, joined.
    pub fn take_docs(&mut self) -> Option<String> {
        if self.docs_end != self.pos || self.docs.is_empty() {
            return None;
        }
        let docs = self.docs.join("\n");
        self.docs.clear();
        Some(docs)
    }

    /// `BR`: a line break or comment (after optional spaces), then any whitespace.
    /// The end of the file ends a statement too.
    pub fn br(&mut self) -> Parsed<()> {
        self.sp();
        let line_break = match self.peek() {
            None => return Ok(()),
            Some(b'\n') => true,
            Some(b'\r') => self.peek_at(1) == Some(b'\n'),
            Some(b'/') => self.peek_at(1) == Some(b'/'),
            _ => false,
        };
        if !line_break {
            return Err(self.expected("a line break"));
        }
        self.ws().map(drop)
    }

    /// An identifier: `_*[A-Za-z0-9]` at the start, then letters, digits, `_`.
    pub fn identifier(&mut self) -> Parsed<&'a str> {
        let start = self.pos;
        while self.peek() == Some(b'_') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b) if b.is_ascii_alphabetic() || (self.pos > start && b.is_ascii_digit()) => {}
            _ if self.pos > start => {
                return Err(self.expected("a letter or digit after `_` in an identifier"));
            }
            _ => return Err(self.expected("an identifier")),
        }
        while self.peek().is_some_and(is_identifier_char) {
            self.pos += 1;
        }
        Ok(&self.text[start..self.pos])
    }

    /// Whether the next word is exactly `word` (not a longer identifier).
    pub fn at_word(&self, word: &str) -> bool {
        self.starts_with(word)
            && !self
                .bytes
                .get(self.pos + word.len())
                .is_some_and(|&b| is_identifier_char(b))
    }

    /// `Namespace`: identifiers joined by dots.
    pub fn namespace(&mut self) -> Parsed<&'a str> {
        let start = self.pos;
        self.identifier()?;
        while self.peek() == Some(b'.') {
            self.pos += 1;
            self.identifier()?;
        }
        Ok(&self.text[start..self.pos])
    }

    /// `ShapeId`: `[namespace#]Name[$member]`, relative or absolute.
    pub fn shape_id(&mut self) -> Parsed<Reference> {
        let start = self.pos;
        self.namespace()?;
        let dotted = self.text[start..self.pos].contains('.');
        if self.peek() == Some(b'#') {
            self.pos += 1;
            self.identifier()?;
        } else if dotted {
            return Err(self.expected("`#` after a namespace"));
        }
        if self.peek() == Some(b'$') {
            self.pos += 1;
            self.identifier()?;
        }
        Ok(Reference {
            text: self.text[start..self.pos].to_owned(),
            at: start,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let text = "ab\ncé\nx";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 3), (2, 1));
        assert_eq!(line_column(text, text.find('x').unwrap()), (3, 1));
        assert_eq!(line_column(text, 6), (2, 3));
    }

    #[test]
    fn doc_comments_are_those_right_before() {
        let mut c = Cursor::new("/// a\n// b\n/// c\n///d\nx");
        c.ws().unwrap();
        assert_eq!(c.take_docs().as_deref(), Some("c\nd"));
        let mut c = Cursor::new("x /// not docs\n/// a\n x");
        c.pos = 1;
        c.ws().unwrap();
        c.ws().unwrap();
        assert_eq!(c.take_docs().as_deref(), Some("a"));
        c.pos += 1;
        assert_eq!(c.take_docs(), None);
    }

    #[test]
    fn br_needs_a_line_break() {
        let mut c = Cursor::new("  // c\n  x");
        c.br().unwrap();
        assert_eq!(c.peek(), Some(b'x'));
        let mut c = Cursor::new("  x");
        assert!(c.br().unwrap_err().message.contains("line break"));
        assert!(Cursor::new("").br().is_ok());
    }

    #[test]
    fn identifiers_and_shape_ids() {
        let mut c = Cursor::new("_a1 ns.b#C$d __ ");
        assert_eq!(c.identifier().unwrap(), "_a1");
        c.sp();
        assert_eq!(c.shape_id().unwrap().text, "ns.b#C$d");
        c.sp();
        assert!(c.identifier().is_err());
        let mut c = Cursor::new("a.b c");
        assert!(c.shape_id().is_err());
    }
}
