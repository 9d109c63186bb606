//! Recognises the `@pattern`s simple enough to match without a regex engine: a
//! top-level alternation of sequences of ASCII character classes, each repeated a
//! counted number of times, optionally anchored. The generated crate matches those
//! with `rt::pattern::SimplePattern` (linear time, no allocation for short values) and
//! everything else with regex-lite.
//!
//! The syntax accepted is a subset of regex-lite's, read exactly as regex-lite reads it
//! (its escapes, its class ranges, its ASCII-only `\d`, `\s` and `\w`), and [`parse`]
//! returns `None` for anything outside it. Only ASCII atoms are accepted, so matching
//! bytes of UTF-8 text is exact: no byte of a multi-byte character is in any class.

/// A pattern of the subset: it matches where any branch matches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SimplePattern {
    pub branches: Vec<Branch>,
}

/// One alternative: `items` in sequence, anchored at the start and end of the text
/// when `start` and `end` say so, otherwise matched anywhere in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Branch {
    pub start: bool,
    pub end: bool,
    pub items: Vec<Item>,
}

/// `min..=max` bytes of `class` (bit `b` set: byte `b` is in the class).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Item {
    pub class: u128,
    pub min: u32,
    /// [`UNBOUNDED`] for `*`, `+` and `{m,}`.
    pub max: u32,
}

pub const UNBOUNDED: u32 = u32::MAX;

/// `pattern` as a [`SimplePattern`], or `None` if it is outside the subset.
pub fn parse(pattern: &str) -> Option<SimplePattern> {
    // A non-ASCII character is a literal or a class member either way: outside the subset.
    if !pattern.is_ascii() {
        return None;
    }
    let mut parser = Parser {
        text: pattern.as_bytes(),
        pos: 0,
    };
    let mut branches = vec![parser.branch()?];
    while parser.eat(b'|') {
        branches.push(parser.branch()?);
    }
    parser
        .peek()
        .is_none()
        .then_some(SimplePattern { branches })
}

const DIGIT: u128 = range(b'0', b'9');
const SPACE: u128 = bit(b'\t') | bit(b'\n') | bit(0x0B) | bit(0x0C) | bit(b'\r') | bit(b' ');
const WORD: u128 = DIGIT | range(b'A', b'Z') | bit(b'_') | range(b'a', b'z');

const fn bit(byte: u8) -> u128 {
    1 << byte
}

const fn range(first: u8, last: u8) -> u128 {
    (u128::MAX >> (127 - last)) & (u128::MAX << first)
}

/// A class item: one byte (which can start or end a range) or a Perl class.
enum ClassItem {
    Byte(u8),
    Set(u128),
}

impl ClassItem {
    /// The bytes the item stands for.
    fn class(self) -> u128 {
        match self {
            ClassItem::Byte(byte) => bit(byte),
            ClassItem::Set(set) => set,
        }
    }
}

struct Parser<'a> {
    text: &'a [u8],
    pos: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.get(self.pos).copied()
    }

    fn peek_at(&self, ahead: usize) -> Option<u8> {
        self.text.get(self.pos + ahead).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let byte = self.peek()?;
        self.pos += 1;
        Some(byte)
    }

    fn eat(&mut self, byte: u8) -> bool {
        let found = self.peek() == Some(byte);
        self.pos += usize::from(found);
        found
    }

    /// `^? items $?`, or the same wrapped in one group: `^? ( ^? items $? ) $?`.
    fn branch(&mut self) -> Option<Branch> {
        let mut start = self.eat(b'^');
        let grouped = self.eat(b'(');
        if grouped {
            // `(?:` only: `(?i)`, `(?P<name>` and the like are not in the subset.
            if self.eat(b'?') && !self.eat(b':') {
                return None;
            }
            start |= self.eat(b'^');
        }
        let items = self.items()?;
        let mut end = self.eat(b'$');
        if grouped {
            if !self.eat(b')') {
                return None;
            }
            end |= self.eat(b'$');
        }
        Some(Branch { start, end, items })
    }

    /// Quantified atoms up to the end of the branch (`|`, `)`, `$` or the end).
    fn items(&mut self) -> Option<Vec<Item>> {
        let mut items = Vec::new();
        while !matches!(self.peek(), None | Some(b'|' | b')' | b'$')) {
            let class = self.atom()?;
            let (min, max) = self.quantifier()?;
            items.push(Item { class, min, max });
        }
        Some(items)
    }

    fn atom(&mut self) -> Option<u128> {
        match self.next()? {
            b'[' => self.class(),
            b'\\' => self.escape().map(ClassItem::class),
            // `.` (any character), groups inside a sequence, anchors in the middle, and
            // quantifiers with nothing (or a quantifier: lazy `*?`, nested `a**`) before them.
            b'.' | b'(' | b'^' | b'?' | b'*' | b'+' | b'{' => None,
            // regex-lite reads every other character, `]` and `}` included, literally.
            byte => Some(bit(byte)),
        }
    }

    /// The repetition after an atom: `(1, 1)` when there is none.
    fn quantifier(&mut self) -> Option<(u32, u32)> {
        let bounds = match self.peek() {
            Some(b'?') => (0, 1),
            Some(b'*') => (0, UNBOUNDED),
            Some(b'+') => (1, UNBOUNDED),
            Some(b'{') => {
                self.pos += 1;
                let min = self.number()?;
                let max = match (self.eat(b','), self.peek()) {
                    (false, _) => min,
                    (true, Some(b'}')) => UNBOUNDED,
                    (true, _) => self.number()?,
                };
                return (self.eat(b'}') && min <= max).then_some((min, max));
            }
            _ => return Some((1, 1)),
        };
        self.pos += 1;
        Some(bounds)
    }

    /// Decimal digits below [`UNBOUNDED`] (regex-lite's whitespace around them is not taken).
    fn number(&mut self) -> Option<u32> {
        let digits = self.text[self.pos..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        let text = std::str::from_utf8(&self.text[self.pos..self.pos + digits]).ok()?;
        self.pos += digits;
        text.parse().ok().filter(|&n| n < UNBOUNDED)
    }

    /// A bracket class, after its `[`, as regex-lite reads it: leading `-`s and a
    /// leading `]` are literal, `a-z` is a range unless the `-` comes before `]` or `-`.
    fn class(&mut self) -> Option<u128> {
        if self.peek() == Some(b'^') {
            return None;
        }
        let mut class = 0;
        while self.eat(b'-') {
            class |= bit(b'-');
        }
        if class == 0 && self.eat(b']') {
            class |= bit(b']');
        }
        loop {
            match (self.peek()?, self.peek_at(1)) {
                (b']', _) => {
                    self.pos += 1;
                    return Some(class);
                }
                // POSIX and nested classes, and the set operations `&&`, `--`, `~~`.
                (b'[', _) | (b'&', Some(b'&')) | (b'-', Some(b'-')) | (b'~', Some(b'~')) => {
                    return None;
                }
                _ => {}
            }
            let first = self.class_item()?;
            let is_range = self.peek()? == b'-' && !matches!(self.peek_at(1), Some(b']' | b'-'));
            if !is_range {
                class |= first.class();
                continue;
            }
            self.pos += 1;
            match (first, self.class_item()?) {
                (ClassItem::Byte(first), ClassItem::Byte(last)) if first <= last => {
                    class |= range(first, last)
                }
                _ => return None,
            }
        }
    }

    fn class_item(&mut self) -> Option<ClassItem> {
        match self.next()? {
            b'\\' => self.escape(),
            byte => Some(ClassItem::Byte(byte)),
        }
    }

    /// An escape, after its `\`, that stands for ASCII characters only.
    fn escape(&mut self) -> Option<ClassItem> {
        let byte = self.next()?;
        Some(match byte {
            b'd' => ClassItem::Set(DIGIT),
            b's' => ClassItem::Set(SPACE),
            b'w' => ClassItem::Set(WORD),
            b'x' => ClassItem::Byte(self.hex(2)?),
            b'u' => ClassItem::Byte(self.hex(4)?),
            b'U' => ClassItem::Byte(self.hex(8)?),
            b'a' => ClassItem::Byte(0x07),
            b'f' => ClassItem::Byte(0x0C),
            b't' => ClassItem::Byte(b'\t'),
            b'n' => ClassItem::Byte(b'\n'),
            b'r' => ClassItem::Byte(b'\r'),
            b'v' => ClassItem::Byte(0x0B),
            // regex-lite's escapable characters: ASCII but letters, digits, `<` and `>`
            // (which are backreferences, `\D`, `\p{..}`, assertions, or errors).
            b'<' | b'>' => return None,
            byte if byte.is_ascii_alphanumeric() => return None,
            byte => ClassItem::Byte(byte),
        })
    }

    /// `digits` hex digits, or any number in braces (`\x{41}`), naming an ASCII character.
    fn hex(&mut self, digits: usize) -> Option<u8> {
        let braced = self.eat(b'{');
        let count = if braced {
            self.text[self.pos..]
                .iter()
                .take_while(|b| **b != b'}')
                .count()
        } else {
            digits
        };
        let text = std::str::from_utf8(self.text.get(self.pos..self.pos + count)?).ok()?;
        self.pos += count;
        if braced && !self.eat(b'}') || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        u8::from_str_radix(text, 16).ok().filter(u8::is_ascii)
    }
}

#[cfg(test)]
mod tests;
