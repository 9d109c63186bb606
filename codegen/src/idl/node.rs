//! Node values: arrays, objects, numbers, keywords, quoted strings, text blocks and
//! unquoted shape ids.

use super::cursor::{Cursor, MAX_DEPTH, Parsed};
use super::syntax::{Node, Offset};

impl Cursor<'_> {
    /// `NodeValue`.
    pub fn node(&mut self) -> Parsed<Node> {
        self.node_at_depth(0)
    }

    fn node_at_depth(&mut self, depth: usize) -> Parsed<Node> {
        if depth > MAX_DEPTH {
            return Err(self.error_at(
                self.pos,
                format!("node values nest deeper than {MAX_DEPTH} levels"),
            ));
        }
        match self.peek() {
            Some(b'[') => {
                self.pos += 1;
                self.ws()?;
                let mut items = Vec::new();
                while self.peek() != Some(b']') {
                    items.push(self.node_at_depth(depth + 1)?);
                    self.ws()?;
                }
                self.pos += 1;
                Ok(Node::Array(items))
            }
            Some(b'{') => Ok(Node::Object(
                self.object_entries_at_depth(depth)?
                    .into_iter()
                    .map(|(key, value, _)| (key, value))
                    .collect(),
            )),
            Some(b'"') => self.string_or_text_block().map(Node::String),
            Some(b'-' | b'0'..=b'9') => self.number().map(Node::Number),
            Some(b) if b == b'_' || b.is_ascii_alphabetic() => {
                let id = self.shape_id()?;
                Ok(match id.text.as_str() {
                    "true" => Node::Bool(true),
                    "false" => Node::Bool(false),
                    "null" => Node::Null,
                    _ => Node::Id(id),
                })
            }
            _ => {
                Err(self
                    .expected("a node value (string, text block, number, identifier, `{` or `[`)"))
            }
        }
    }

    /// `NodeObject`, with where each key is.
    pub fn object_entries(&mut self) -> Parsed<Vec<(String, Node, Offset)>> {
        self.object_entries_at_depth(0)
    }

    fn object_entries_at_depth(&mut self, depth: usize) -> Parsed<Vec<(String, Node, Offset)>> {
        self.expect(b'{')?;
        self.ws()?;
        let mut entries: Vec<(String, Node, Offset)> = Vec::new();
        while self.peek() != Some(b'}') {
            let (key, at, value) = self.key_value(depth)?;
            if entries.iter().any(|(seen, _, _)| *seen == key) {
                return Err(self.error_at(at, format!("duplicate object key `{key}`")));
            }
            entries.push((key, value, at));
            self.ws()?;
        }
        self.pos += 1;
        Ok(entries)
    }

    /// `NodeObjectKvp`: `key: value`.
    pub fn key_value(&mut self, depth: usize) -> Parsed<(String, Offset, Node)> {
        let at = self.pos;
        let key = self.object_key()?;
        self.ws()?;
        if self.starts_with(":=") {
            return Err(self.expected("`:`"));
        }
        self.expect(b':')?;
        self.ws()?;
        let value = self.node_at_depth(depth + 1)?;
        Ok((key, at, value))
    }

    /// `NodeObjectKey`: a quoted string or an identifier.
    pub fn object_key(&mut self) -> Parsed<String> {
        match self.peek() {
            Some(b'"') if !self.starts_with("\"\"\"") => self.quoted(),
            Some(b) if b == b'_' || b.is_ascii_alphabetic() => Ok(self.identifier()?.to_owned()),
            _ => Err(self.expected("an object key (identifier or quoted string)")),
        }
    }

    fn string_or_text_block(&mut self) -> Parsed<String> {
        if self.starts_with("\"\"\"") {
            self.text_block()
        } else {
            self.quoted()
        }
    }

    /// `QuotedText`, escapes expanded.
    pub fn quoted(&mut self) -> Parsed<String> {
        let start = self.pos;
        self.pos += 1;
        let content_start = self.pos;
        loop {
            match self.peek() {
                None => return Err(self.expected("`\"` closing the string")),
                Some(b'"') => break,
                Some(b'\\') => self.pos += 2,
                Some(_) => self.pos += 1,
            }
        }
        let raw = &self.text[content_start..self.pos.min(self.bytes.len())];
        self.pos += 1;
        unescape(raw).map_err(|e| self.error_at(start, e))
    }

    /// `TextBlock`: incidental whitespace removed, then escapes expanded.
    fn text_block(&mut self) -> Parsed<String> {
        let start = self.pos;
        self.pos += 3;
        let content_start = self.pos;
        loop {
            match self.peek() {
                None => return Err(self.expected("`\"\"\"` closing the text block")),
                Some(b'"') if self.starts_with("\"\"\"") => break,
                Some(b'\\') => self.pos += 2,
                Some(_) => self.pos += 1,
            }
        }
        let raw = &self.text[content_start..self.pos.min(self.bytes.len())];
        self.pos += 3;
        let Some(content) = raw
            .trim_start_matches([' ', '\t'])
            .strip_prefix('\n')
            .or_else(|| raw.trim_start_matches([' ', '\t']).strip_prefix("\r\n"))
        else {
            let message = if raw.is_empty() {
                "a text block is empty: it must start with a line break"
            } else {
                "a text block must start with a line break after `\"\"\"`"
            };
            return Err(self.error_at(start, message));
        };
        unescape(&remove_incidental_whitespace(content)).map_err(|e| self.error_at(start, e))
    }

    /// `Number`: an integer when it has no fraction or exponent and fits 64 bits.
    fn number(&mut self) -> Parsed<serde_json::Number> {
        let start = self.pos;
        let digits = |c: &mut Self| {
            let from = c.pos;
            while c.peek().is_some_and(|b| b.is_ascii_digit()) {
                c.pos += 1;
            }
            c.pos > from
        };
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        if !digits(self) {
            return Err(self.error_at(start, "invalid number: `-` must be followed by a digit"));
        }
        let mut integer = true;
        if self.peek() == Some(b'.') {
            self.pos += 1;
            integer = false;
            if !digits(self) {
                return Err(self.error_at(start, "invalid number: `.` must be followed by a digit"));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            integer = false;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if !digits(self) {
                return Err(self.error_at(start, "invalid number: an exponent needs digits"));
            }
        }
        let text = &self.text[start..self.pos];
        let number = if integer {
            text.parse::<i64>()
                .map(Into::into)
                .or_else(|_| text.parse::<u64>().map(Into::into))
                .ok()
        } else {
            None
        };
        number
            .or_else(|| {
                text.parse::<f64>()
                    .ok()
                    .and_then(serde_json::Number::from_f64)
            })
            .ok_or_else(|| self.error_at(start, format!("number `{text}` is out of range")))
    }
}

/// Incidental whitespace removal: the common indentation of the non-blank lines (and
/// of the closing line) is removed, trailing spaces of every line too.
fn remove_incidental_whitespace(content: &str) -> String {
    let content = content.replace("\r\n", "\n");
    let lines: Vec<&str> = content.split('\n').collect();
    let last = lines.len() - 1;
    let indent = lines
        .iter()
        .enumerate()
        .filter(|(i, line)| *i == last || !line.trim().is_empty())
        .map(|(_, line)| line.len() - line.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    let mut out: Vec<&str> = lines
        .iter()
        .map(|line| {
            let trimmed = line.get(indent..).unwrap_or("");
            trimmed.trim_end_matches([' ', '\t'])
        })
        .collect();
    if lines[last].trim().is_empty() {
        out[last] = "";
    }
    out.join("\n")
}

/// Expands the string escapes; a backslash before a line break joins the lines.
fn unescape(raw: &str) -> Result<String, String> {
    if !raw.contains(['\\', '\r']) {
        return Ok(raw.to_owned());
    }
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c == '\r' {
            continue;
        }
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('"') => out.push('"'),
            Some('\\') => out.push('\\'),
            Some('/') => out.push('/'),
            Some('b') => out.push('\u{8}'),
            Some('f') => out.push('\u{c}'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some('\n') => {}
            Some('\r') if chars.next() == Some('\n') => {}
            Some('u') => {
                let hex: String = chars.by_ref().take(4).collect();
                if hex.len() < 4 {
                    return Err("unclosed unicode escape in string".to_owned());
                }
                let code = u32::from_str_radix(&hex, 16)
                    .map_err(|_| format!("invalid unicode escape `\\u{hex}`"))?;
                out.push(char::from_u32(code).unwrap_or('\u{fffd}'));
            }
            Some(other) => return Err(format!("invalid escape `\\{other}` in string")),
            None => return Err("a string ends with a lone `\\`".to_owned()),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(text: &str) -> Parsed<Node> {
        Cursor::new(text).node()
    }

    #[test]
    fn values() {
        assert_eq!(node("true").unwrap(), Node::Bool(true));
        assert_eq!(node("null").unwrap(), Node::Null);
        assert_eq!(node("-12").unwrap(), Node::Number((-12).into()));
        assert_eq!(
            node("1.5e2").unwrap(),
            Node::Number(serde_json::Number::from_f64(150.0).unwrap())
        );
        assert!(matches!(node("truefalse").unwrap(), Node::Id(r) if r.text == "truefalse"));
        assert_eq!(
            node("[1, \"a\" // c\n {b: 2}]").unwrap(),
            Node::Array(vec![
                Node::Number(1.into()),
                Node::String("a".into()),
                Node::Object(vec![("b".into(), Node::Number(2.into()))]),
            ])
        );
    }

    #[test]
    fn bad_values_are_placed() {
        for bad in [
            "1.",
            "1.0e",
            "1.0e+",
            "-",
            "\"a\\'\"",
            "\"\\u12\"",
            "\"abc",
            "{a: 1, a: 2}",
        ] {
            let err = node(bad).unwrap_err();
            assert_eq!(err.line_column.map(|(l, _)| l), Some(1), "{bad}: {err}");
        }
    }

    #[test]
    fn deep_nesting_is_an_error() {
        let deep = "[".repeat(10_000);
        assert!(node(&deep).unwrap_err().message.contains("nest"));
    }

    #[test]
    fn escapes() {
        assert_eq!(
            node(
                r#""a\"b\\c\/d\n\u00e9\
x""#
            )
            .unwrap(),
            Node::String("a\"b\\c/d\néx".into())
        );
    }

    #[test]
    fn text_blocks_lose_incidental_whitespace() {
        let block = "\"\"\"\n    Foo\n        Baz\n\n      \n    Bar\n    \"\"\"";
        assert_eq!(
            node(block).unwrap(),
            Node::String("Foo\n    Baz\n\n\nBar\n".into())
        );
        let closing_left = "\"\"\"\n    Foo\n  \"\"\"";
        assert_eq!(node(closing_left).unwrap(), Node::String("  Foo\n".into()));
        let escaped = "\"\"\"\n  foo \\\"\"\"\n  baz\"\"\"";
        assert_eq!(
            node(escaped).unwrap(),
            Node::String("foo \"\"\"\nbaz".into())
        );
        assert!(node("\"\"\"\"\"\"").is_err());
        assert!(node("\"\"\"abc\"\"\"").is_err());
    }
}
