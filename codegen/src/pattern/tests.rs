use super::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The matcher the generated crates run, built here against this parser's output.
use smithy_lite_runtime::pattern as runtime;

use runtime::Matcher as _;

fn literal(byte: u8) -> Item {
    Item {
        class: bit(byte),
        min: 1,
        max: 1,
    }
}

fn items(pattern: &str) -> Vec<Item> {
    let parsed = parse(pattern).unwrap_or_else(|| panic!("{pattern} should parse"));
    assert_eq!(parsed.branches.len(), 1, "{pattern}");
    parsed.branches.into_iter().next().unwrap().items
}

fn class_of(pattern: &str) -> u128 {
    match items(pattern)[..] {
        [item] => item.class,
        ref other => panic!("{pattern}: {other:?}"),
    }
}

#[test]
fn reads_sequences_and_anchors() {
    let id = DIGIT | range(b'a', b'z');
    let mut expected = vec![literal(b'w'), literal(b's'), literal(b'b'), literal(b'-')];
    expected.push(Item {
        class: id,
        min: 8,
        max: 63,
    });
    assert_eq!(
        parse("^wsb-[0-9a-z]{8,63}$"),
        Some(SimplePattern {
            branches: vec![Branch {
                start: true,
                end: true,
                items: expected
            }]
        })
    );
    let anchors = |pattern: &str| -> Vec<(bool, bool)> {
        parse(pattern)
            .unwrap()
            .branches
            .iter()
            .map(|b| (b.start, b.end))
            .collect()
    };
    assert_eq!(
        anchors("^(d-[0-9a-f]{8,63}$)|(wsd-[0-9a-z]{8,63}$)"),
        [(true, true), (false, true)]
    );
    assert_eq!(
        anchors("^(d-[0-9a-f]{8,63}$)|(wsd-[0-9a-z]{8,63}$)$"),
        [(true, true), (false, true)]
    );
    assert_eq!(anchors(r"^\d{12}|AMAZON$"), [(true, false), (false, true)]);
    assert_eq!(
        anchors("(?:^ab)|(ab)$|ab"),
        [(true, false), (false, true), (false, false)]
    );
    assert_eq!(anchors("^$|x"), [(true, true), (false, false)]);
    assert_eq!(anchors(""), [(false, false)]);
    assert!(items("^$").is_empty());
    assert!(items("()").is_empty());
}

#[test]
fn reads_quantifiers() {
    let cases = [
        ("", 1, 1),
        ("?", 0, 1),
        ("*", 0, UNBOUNDED),
        ("+", 1, UNBOUNDED),
        ("{3}", 3, 3),
        ("{0}", 0, 0),
        ("{3,}", 3, UNBOUNDED),
        ("{0,1023}", 0, 1023),
    ];
    for (quantifier, min, max) in cases {
        assert_eq!(
            items(&format!("a{quantifier}")),
            [Item {
                class: bit(b'a'),
                min,
                max
            }],
            "{quantifier}"
        );
    }
}

#[test]
fn reads_classes_and_escapes_as_regex_lite_does() {
    assert_eq!(class_of("[-a]"), bit(b'-') | bit(b'a'));
    assert_eq!(class_of("[--a]"), bit(b'-') | bit(b'a'));
    assert_eq!(class_of("[a-]"), bit(b'-') | bit(b'a'));
    assert_eq!(class_of("[]a]"), bit(b']') | bit(b'a'));
    assert_eq!(class_of("[a^]"), bit(b'^') | bit(b'a'));
    // After a range, `-` is literal unless it starts another range.
    assert_eq!(
        class_of("[a-c-e]"),
        range(b'a', b'c') | bit(b'-') | bit(b'e')
    );
    assert_eq!(
        class_of("[0-9-_+.]"),
        DIGIT | bit(b'-') | bit(b'_') | bit(b'+') | bit(b'.')
    );
    // Ranges between escaped characters, and across the letters (as written in real models).
    assert_eq!(class_of(r"[\?-_]"), range(b'?', b'_'));
    assert_eq!(class_of(r"[A-z]"), range(b'A', b'z'));
    assert_eq!(
        class_of(r"[\x20-\x21\x23-\x2B\x2D-\x7E]"),
        range(0x20, 0x7E) & !bit(b'"') & !bit(b',')
    );
    assert_eq!(class_of(r"[\u0041\U00000042\x{43}]"), range(b'A', b'C'));
    assert_eq!(class_of(r"[\d\s\w]"), DIGIT | SPACE | WORD);
    assert_eq!(
        class_of(r"[\.\-\\\/\*]"),
        bit(b'.') | bit(b'-') | bit(b'\\') | bit(b'/') | bit(b'*')
    );
    assert_eq!(
        class_of(r"[\t\n\r\f\v\a]"),
        bit(b'\t') | bit(b'\n') | bit(b'\r') | bit(0x0C) | bit(0x0B) | bit(0x07)
    );
    // Outside a class.
    assert_eq!(class_of(r"\d"), DIGIT);
    assert_eq!(class_of(r"\w"), WORD);
    assert_eq!(class_of(r"\s"), SPACE);
    assert_eq!(class_of(r"\."), bit(b'.'));
    assert_eq!(class_of(r"\!"), bit(b'!'));
    assert_eq!(class_of("]"), bit(b']'));
    assert_eq!(class_of("}"), bit(b'}'));
    assert_eq!(class_of("#"), bit(b'#'));
    assert_eq!(class_of(" "), bit(b' '));
}

#[test]
fn leaves_everything_else_to_regex_lite() {
    let outside = [
        // Any character, negations, Unicode.
        ".",
        "a.b",
        "^.*$",
        "[^a]",
        r"\D",
        r"\S",
        r"\W",
        r"[\W]",
        r"\p{L}",
        r"[\p{L}]",
        "é",
        "[é]",
        r"\x80",
        r"\u00e9",
        r"\x{e9}",
        "[[:alpha:]]",
        // Flags, named and nested groups, alternation inside a sequence, repeated groups.
        "(?i)abc",
        "(?i:abc)",
        "(?P<n>a)",
        "(?<n>a)",
        "(a)(b)",
        "(a|b)",
        "((a))",
        "(a)*",
        "(a)b",
        "a(b)",
        "^(subnet-([0-9a-f]{8}|[0-9a-f]{17}))$",
        "^(?:[0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}|[0-9a-fA-F]{1,4}(?::[0-9a-fA-F]{1,4}){0,6}::[0-9a-fA-F]{1,4}$",
        // Anchors in the middle or repeated, assertions.
        "a^b",
        "a$b",
        "^^a",
        "a$$",
        "(a$b)",
        r"\b",
        r"\B",
        r"\A",
        r"\z",
        r"\<",
        r"\>",
        r"a\b{start}",
        // Lazy and repeated quantifiers, and quantifiers with nothing to repeat.
        "a*?",
        "a+?",
        "a??",
        "a{2}?",
        "a**",
        "a{2}{3}",
        "{3}",
        "*a",
        "+",
        "?",
        // Counted repetitions regex-lite rejects, or reads with spaces.
        "a{3,2}",
        "a{,3}",
        "a{ 3 }",
        "a{3",
        "a{}",
        "a{x}",
        "a{4294967295}",
        // Class set operations, class ranges with a class at one end, malformed classes.
        "[a&&b]",
        "[a--b]",
        "[a~~b]",
        r"[\d-z]",
        r"[a-\d]",
        "[z-a]",
        "[a",
        "[]",
        "[a-",
        "[[a]]",
        // Backreferences and unknown or incomplete escapes.
        r"\1",
        r"\e",
        r"\q",
        r"a\",
        r"\x{}",
        r"\xZZ",
        r"\x4",
        r"\u004",
        // Unbalanced groups.
        "a)",
        "(a",
        "(?a)",
    ];
    for pattern in outside {
        assert_eq!(parse(pattern), None, "{pattern}");
    }
}

/// The files whose `@pattern`s the equivalence test checks: the input model, the
/// fixtures and the official models beside the repository.
fn model_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let dirs = [
        root.join("model"),
        root.join("tests/fixtures"),
        root.join("../shared/reference/smithy-models"),
    ];
    let mut files = Vec::new();
    for dir in dirs {
        let entries = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()));
        files.extend(
            entries
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|x| x == "json")),
        );
    }
    files.sort();
    files
}

fn collect_patterns(value: &serde_json::Value, out: &mut BTreeSet<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, value) in map {
                match (key.as_str(), value) {
                    (crate::traits::PATTERN, serde_json::Value::String(pattern)) => {
                        out.insert(pattern.clone());
                    }
                    _ => collect_patterns(value, out),
                }
            }
        }
        serde_json::Value::Array(values) => values.iter().for_each(|v| collect_patterns(v, out)),
        _ => {}
    }
}

fn patterns_in(file: &Path) -> BTreeSet<String> {
    let text = std::fs::read_to_string(file).unwrap();
    let mut patterns = BTreeSet::new();
    collect_patterns(&serde_json::from_str(&text).unwrap(), &mut patterns);
    patterns
}

/// What the generated static holds, leaked to its `'static`.
fn to_runtime(pattern: &SimplePattern) -> runtime::SimplePattern {
    let branches: Vec<runtime::Branch> = pattern
        .branches
        .iter()
        .map(|branch| runtime::Branch {
            start: branch.start,
            end: branch.end,
            items: branch
                .items
                .iter()
                .map(|item| runtime::Item {
                    class: item.class,
                    min: item.min,
                    max: item.max,
                })
                .collect::<Vec<_>>()
                .leak(),
        })
        .collect();
    runtime::SimplePattern {
        branches: branches.leak(),
    }
}

/// splitmix64: deterministic, so a failure reproduces.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn percent(&mut self, chance: usize) -> bool {
        self.below(100) < chance
    }

    fn pick<'a, T>(&mut self, from: &'a [T]) -> &'a T {
        &from[self.below(from.len())]
    }
}

/// Characters outside most classes, two of them not ASCII.
const NOISE: &[char] = &[
    '!', ' ', '\t', '\n', 'a', 'Z', '0', '-', '.', '_', '/', ':', 'é', '日',
];

fn class_members(class: u128) -> Vec<char> {
    (0..128u8)
        .filter(|&b| (class >> b) & 1 == 1)
        .map(char::from)
        .collect()
}

/// A text along one branch, each item repeated a number of times at or between its
/// bounds, then often damaged in one or two places (a count one past a bound, a
/// character outside the class, text before or after), so both outcomes are common.
fn text_for(pattern: &SimplePattern, alphabet: &[char], rng: &mut Rng) -> String {
    let branch = rng.pick(&pattern.branches);
    let bounds = |item: &Item| {
        (
            item.min,
            if item.max == UNBOUNDED {
                item.min + 12
            } else {
                item.max
            },
        )
    };
    let repeat = |item: &Item, count: u32, rng: &mut Rng| -> String {
        let members = class_members(item.class);
        (0..count).map(|_| *rng.pick(&members)).collect()
    };
    let mut parts: Vec<String> = branch
        .items
        .iter()
        .map(|item| {
            let (min, max) = bounds(item);
            let between = min + rng.below((max - min) as usize + 1) as u32;
            let count = *rng.pick(&[min, max, between]);
            repeat(item, count, rng)
        })
        .collect();
    // Any ASCII character too, so that a class missing some of its members shows.
    let noise = |rng: &mut Rng| -> char {
        match rng.below(3) {
            0 => *rng.pick(NOISE),
            1 => *rng.pick(alphabet),
            _ => char::from(rng.below(128) as u8),
        }
    };
    let damages = if rng.percent(50) { 0 } else { 1 + rng.below(2) };
    let mut inserted = Vec::new();
    for _ in 0..damages {
        if rng.percent(40) && !parts.is_empty() {
            let at = rng.below(parts.len());
            let (min, max) = bounds(&branch.items[at]);
            let count = if min > 0 && rng.percent(50) {
                min - 1
            } else {
                max + 1
            };
            parts[at] = repeat(&branch.items[at], count, rng);
        } else {
            inserted.push(noise(rng));
        }
    }
    let mut text: Vec<char> = parts.concat().chars().collect();
    // At the start, at the end, or anywhere.
    for c in inserted {
        let at = match rng.below(3) {
            0 => 0,
            1 => text.len(),
            _ => rng.below(text.len() + 1),
        };
        text.insert(at, c);
    }
    if !text.is_empty() && rng.percent(10) {
        text.remove(rng.below(text.len()));
    }
    text.into_iter().collect()
}

#[test]
fn agrees_with_regex_lite_on_the_models_patterns() {
    let (mut compiled, mut fallback) = (BTreeMap::new(), BTreeSet::new());
    let mut official = BTreeSet::new();
    for file in model_files() {
        let patterns = patterns_in(&file);
        if file.to_string_lossy().contains("shared/reference") {
            official.extend(patterns.iter().cloned());
        }
        for pattern in patterns {
            match parse(&pattern) {
                Some(simple) => {
                    compiled.insert(pattern, simple);
                }
                None => {
                    fallback.insert(pattern);
                }
            }
        }
    }
    let official_compiled = official
        .iter()
        .filter(|p| compiled.contains_key(*p))
        .count();
    eprintln!(
        "{} distinct patterns compile, {} fall back to regex-lite; of the official models' {}, {} compile",
        compiled.len(),
        fallback.len(),
        official.len(),
        official_compiled
    );
    assert!(
        compiled.len() >= 40,
        "expected most patterns of the models to compile: {}",
        compiled.len()
    );
    let mut rng = Rng(0x5EED);
    for (pattern, simple) in &compiled {
        let regex = regex_lite::Regex::new(pattern)
            .unwrap_or_else(|e| panic!("{pattern}: accepted here, not by regex-lite: {e}"));
        let matcher = to_runtime(simple);
        let mut alphabet: Vec<char> = simple
            .branches
            .iter()
            .flat_map(|b| &b.items)
            .flat_map(|i| class_members(i.class))
            .collect();
        alphabet.extend(NOISE);
        let mut outcomes = [0; 2];
        for round in 0..2000 {
            let text = if round % 4 == 0 {
                (0..rng.below(16)).map(|_| *rng.pick(&alphabet)).collect()
            } else {
                text_for(simple, &alphabet, &mut rng)
            };
            let expected = regex.is_match(&text);
            assert_eq!(
                matcher.is_match(&text),
                expected,
                "pattern {pattern} on {text:?}"
            );
            outcomes[usize::from(expected)] += 1;
        }
        assert!(
            outcomes[0] > 0 && outcomes[1] > 0,
            "{pattern}: only one outcome tested: {outcomes:?}"
        );
    }
}

#[test]
fn unbounded_is_the_runtimes() {
    assert_eq!(UNBOUNDED, runtime::Item::UNBOUNDED);
}
