//! Matching `@pattern`s: a match anywhere in the text, as Smithy specifies, unless the
//! pattern is anchored. The generator compiles the simple patterns (alternatives of
//! anchored or unanchored sequences of repeated ASCII classes) to [`SimplePattern`]
//! statics; the others stay `regex_lite` regexes.

use ::std::ops::RangeInclusive;
use ::std::vec::Vec;

/// A compiled `@pattern`.
pub trait Matcher {
    /// Whether `text` contains a match.
    fn is_match(&self, text: &str) -> bool;
}

impl Matcher for ::regex_lite::Regex {
    fn is_match(&self, text: &str) -> bool {
        ::regex_lite::Regex::is_match(self, text)
    }
}

/// A pattern that matches where any of its branches does, in time linear in the
/// text's length times the number of items, whatever the text (no backtracking).
#[derive(Debug)]
pub struct SimplePattern {
    pub branches: &'static [Branch],
}

/// `items` in sequence, anchored at the start and at the end of the text when
/// `start` and `end` say so, and otherwise found anywhere in it.
#[derive(Debug)]
pub struct Branch {
    pub start: bool,
    pub end: bool,
    pub items: &'static [Item],
}

/// `min..=max` bytes of `class` (bit `b` set: ASCII byte `b` is in the class).
#[derive(Debug)]
pub struct Item {
    pub class: u128,
    pub min: u32,
    /// [`Item::UNBOUNDED`] for `*`, `+` and `{m,}`.
    pub max: u32,
}

impl Item {
    pub const UNBOUNDED: u32 = u32::MAX;

    /// One `byte` (ASCII), as a literal character of the pattern.
    pub const fn byte(byte: u8) -> Item {
        Item {
            class: 1 << byte,
            min: 1,
            max: 1,
        }
    }

    fn has(&self, byte: u8) -> bool {
        // Bytes of non-ASCII characters are in no class.
        byte < 128 && (self.class >> byte) & 1 == 1
    }

    /// Where the item can end: `to[q]` is whether some `p` in `starts` with `from[p]`
    /// has `text[p..q]` of `min..=max` bytes, all in the class. Returns the range of
    /// `q` it wrote that holds every such end, or `None` if there is none. Reads
    /// `from` only within `starts` and writes `to` only from its start on, so a
    /// literal after an anchored prefix costs a step or two, not a pass over the text.
    fn step(
        &self,
        text: &[u8],
        from: &[bool],
        starts: RangeInclusive<usize>,
        to: &mut [bool],
    ) -> Option<RangeInclusive<usize>> {
        let min = self.min as usize;
        let max = if self.max == Self::UNBOUNDED {
            usize::MAX
        } else {
            self.max as usize
        };
        let (first, last) = (*starts.start(), *starts.end());
        // `text[run_start..q]` is all in the class.
        let mut run_start = first;
        // The last `p <= q - min` in `starts` with `from[p]`: if it is too far back,
        // so are all the others.
        let mut latest = None;
        let mut scanned = first;
        let mut ends: Option<(usize, usize)> = None;
        for q in first..=text.len() {
            if q > first && !self.has(text[q - 1]) {
                run_start = q;
            }
            if q >= first + min {
                while scanned <= (q - min).min(last) {
                    if from[scanned] {
                        latest = Some(scanned);
                    }
                    scanned += 1;
                }
            }
            let reached = latest.is_some_and(|p| p >= run_start && q - p <= max);
            to[q] = reached;
            if reached {
                ends = Some((ends.map_or(q, |(lo, _)| lo), q));
            }
            // Every start is in: once the latest is out of reach, every later end is too.
            if q >= last.saturating_add(min) && latest.is_none_or(|p| p < run_start || q - p >= max)
            {
                break;
            }
        }
        ends.map(|(lo, hi)| lo..=hi)
    }
}

/// The bytes in `ranges` as a class, so that generated statics read like the pattern.
pub const fn class(ranges: &[RangeInclusive<u8>]) -> u128 {
    let mut class = 0;
    let mut i = 0;
    while i < ranges.len() {
        let (first, last) = (*ranges[i].start(), *ranges[i].end());
        class |= (u128::MAX >> (127 - last)) & (u128::MAX << first);
        i += 1;
    }
    class
}

/// Texts up to this many bytes are matched without allocating.
const ON_STACK: usize = 255;

impl Matcher for SimplePattern {
    fn is_match(&self, text: &str) -> bool {
        let text = text.as_bytes();
        let positions = text.len() + 1;
        let mut stack = [false; 2 * (ON_STACK + 1)];
        let mut heap = Vec::new();
        let sets = if positions <= ON_STACK + 1 {
            &mut stack[..2 * positions]
        } else {
            heap.resize(2 * positions, false);
            &mut heap[..]
        };
        let (first, second) = sets.split_at_mut(positions);
        self.branches
            .iter()
            .any(|branch| branch.matches(text, first, second))
    }
}

impl Branch {
    fn matches<'a>(&self, text: &[u8], mut from: &'a mut [bool], mut to: &'a mut [bool]) -> bool {
        // `from[p]` for `p` in `starts`: the items so far match some `text[s..p]`
        // (with `s == 0` if anchored).
        let mut starts = if self.start { 0..=0 } else { 0..=text.len() };
        from[starts.clone()].fill(true);
        for item in self.items {
            match item.step(text, from, starts, to) {
                Some(ends) => starts = ends,
                None => return false,
            }
            ::std::mem::swap(&mut from, &mut to);
        }
        !self.end || (starts.contains(&text.len()) && from[text.len()])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(class: u128, min: u32, max: u32) -> Item {
        Item { class, min, max }
    }

    /// The items matching `literal`, one byte each.
    fn bytes(literal: &str) -> Vec<Item> {
        literal.bytes().map(Item::byte).collect()
    }

    /// Branches as `(start, end, items)`, leaked to the `'static` the generated statics have.
    fn pattern(branches: Vec<(bool, bool, Vec<Item>)>) -> SimplePattern {
        let branches: Vec<Branch> = branches
            .into_iter()
            .map(|(start, end, items)| Branch {
                start,
                end,
                items: items.leak(),
            })
            .collect();
        SimplePattern {
            branches: branches.leak(),
        }
    }

    const DIGITS: u128 = class(&[b'0'..=b'9']);
    const LOWER: u128 = class(&[b'a'..=b'z']);
    const HEX: u128 = class(&[b'0'..=b'9', b'a'..=b'f']);
    const A: u128 = 1 << b'a';

    #[test]
    fn classes_from_ranges() {
        assert_eq!(class(&[b'a'..=b'a']), A);
        assert_eq!(class(&[b'\0'..=0x7F]), u128::MAX);
        assert_eq!(class(&[b'a'..=b'c', b'b'..=b'd']), class(&[b'a'..=b'd']));
        assert_eq!(DIGITS.count_ones(), 10);
        assert_eq!(HEX.count_ones(), 16);
    }

    #[test]
    fn anchors_and_unanchored_search() {
        // ^wsb-[0-9a-z]{8,63}$
        let mut items = bytes("wsb-");
        items.push(item(DIGITS | LOWER, 8, 63));
        let bundle = pattern(vec![(true, true, items)]);
        assert!(bundle.is_match("wsb-12345678"));
        assert!(bundle.is_match(&format!("wsb-{}", "a".repeat(63))));
        assert!(!bundle.is_match(&format!("wsb-{}", "a".repeat(64))));
        assert!(!bundle.is_match("wsb-1234567"));
        assert!(!bundle.is_match("xwsb-12345678"));
        assert!(!bundle.is_match("wsb-12345678 "));
        assert!(!bundle.is_match(""));
        // [0-9]{3}, with each combination of anchors.
        let digits = |start, end| pattern(vec![(start, end, vec![item(DIGITS, 3, 3)])]);
        assert!(digits(false, false).is_match("ab123cd"));
        assert!(digits(false, false).is_match("12345"));
        assert!(!digits(false, false).is_match("12a34"));
        assert!(digits(false, true).is_match("abc123"));
        assert!(!digits(false, true).is_match("123abc"));
        assert!(digits(true, false).is_match("123abc"));
        assert!(!digits(true, false).is_match("abc123"));
        assert!(digits(true, true).is_match("123"));
        assert!(!digits(true, true).is_match("1234"));
        // An empty pattern matches everything; `^$` only the empty text.
        assert!(pattern(vec![(false, false, vec![])]).is_match("x"));
        assert!(pattern(vec![(true, true, vec![])]).is_match(""));
        assert!(!pattern(vec![(true, true, vec![])]).is_match("x"));
    }

    #[test]
    fn alternatives_anchored_separately() {
        // ^(d-[0-9a-f]{8,63}$)|(wsd-[0-9a-z]{8,63}$): the second branch is unanchored at its start.
        let mut directory = bytes("d-");
        directory.push(item(HEX, 8, 63));
        let mut workspaces = bytes("wsd-");
        workspaces.push(item(DIGITS | LOWER, 8, 63));
        let either = pattern(vec![(true, true, directory), (false, true, workspaces)]);
        assert!(either.is_match("d-0123abcd"));
        assert!(!either.is_match("d-0123abcz"));
        assert!(!either.is_match("xd-0123abcd"));
        assert!(either.is_match("wsd-0123abcz"));
        assert!(either.is_match("junk wsd-0123abcz"));
        assert!(!either.is_match("wsd-0123abcz junk"));
    }

    #[test]
    fn overlapping_classes_need_every_split() {
        // ^[a-z0-9][.a-z0-9-]{1,61}[a-z0-9]$: the middle class also holds the last one.
        let name = DIGITS | LOWER;
        let dotted = name | class(&[b'.'..=b'.', b'-'..=b'-']);
        let bucket = pattern(vec![(
            true,
            true,
            vec![item(name, 1, 1), item(dotted, 1, 61), item(name, 1, 1)],
        )]);
        assert!(bucket.is_match("abc"));
        assert!(bucket.is_match("a.b-c"));
        assert!(!bucket.is_match("ab"));
        assert!(!bucket.is_match("abc-"));
        assert!(!bucket.is_match("-abc"));
        assert!(bucket.is_match(&"a".repeat(63)));
        assert!(!bucket.is_match(&"a".repeat(64)));
        // ^a?a?a$: the optional items must also be able to match nothing.
        let optional = pattern(vec![(
            true,
            true,
            vec![item(A, 0, 1), item(A, 0, 1), item(A, 1, 1)],
        )]);
        let results: Vec<bool> = (0..5).map(|n| optional.is_match(&"a".repeat(n))).collect();
        assert_eq!(results, [false, true, true, true, false]);
    }

    #[test]
    fn counted_bounds_at_their_edges() {
        // ^a{2,4}b{0}$
        let between = pattern(vec![(
            true,
            true,
            vec![item(A, 2, 4), item(1 << b'b', 0, 0)],
        )]);
        let results: Vec<bool> = (0..6).map(|n| between.is_match(&"a".repeat(n))).collect();
        assert_eq!(results, [false, false, true, true, true, false]);
        let at_least = pattern(vec![(true, true, vec![item(A, 3, Item::UNBOUNDED)])]);
        assert!(!at_least.is_match("aa"));
        assert!(at_least.is_match("aaa"));
        assert!(at_least.is_match(&"a".repeat(1000)));
    }

    #[test]
    fn non_ascii_text_is_never_in_a_class() {
        let ascii = pattern(vec![(
            true,
            true,
            vec![item(u128::MAX, 0, Item::UNBOUNDED)],
        )]);
        assert!(ascii.is_match("plain ascii\n"));
        assert!(!ascii.is_match("café"));
        // The two bytes of `é` are not two characters of a class, nor one.
        let two = pattern(vec![(false, false, vec![item(u128::MAX, 2, 2)])]);
        assert!(!two.is_match("é"));
        assert!(!two.is_match("aéb"));
        assert!(two.is_match("éab"));
        let lower = pattern(vec![(true, true, vec![item(LOWER, 1, 3)])]);
        assert!(!lower.is_match("aé"));
    }

    #[test]
    fn adversarial_input_stays_linear() {
        // ^a*a*a*a*b$ on 1 MiB of `a`: exponential for a backtracking engine, and
        // quadratic for one that retries every start position.
        let items = || {
            let mut items: Vec<Item> = (0..4).map(|_| item(A, 0, Item::UNBOUNDED)).collect();
            items.extend(bytes("b"));
            items
        };
        let text = "a".repeat(1 << 20);
        for (start, end) in [(true, true), (false, false)] {
            let nested = pattern(vec![(start, end, items())]);
            assert!(!nested.is_match(&text), "{start} {end}");
            assert!(nested.is_match(&(text.clone() + "b")), "{start} {end}");
        }
    }
}
