//! A million mutated IDL inputs, taken from every `.smithy` file under
//! `../shared/reference` (Smithy's loader corpus and the protocol suites): none may
//! panic, and every rejection names a line and column inside the input. Every 64th
//! input is also assembled as a model, which runs name resolution, trait values,
//! elision, `apply` and the mixin rules on it.
//!
//! The mutations are seeded, so a failure names an input that can be replayed.

use codegen::assemble::{Source, assemble};

mod common;
use codegen::idl::parse_file;

const INPUTS: u64 = 1_000_000;
const SEED: u64 = 0x5eed_01d1_f022;

/// Fragments that steer mutations toward the grammar's corners.
const TOKENS: &[&str] = &[
    "\"\"\"",
    "\"\"\"\n",
    "///",
    "//",
    "apply ",
    "with [",
    " for ",
    ":=",
    "$",
    "@",
    "@trait",
    "@mixin",
    "(",
    ")",
    "{",
    "}",
    "[",
    "]",
    "\\u",
    "\\",
    "\\\"",
    "1e999",
    "-",
    ".5",
    "0x",
    "namespace ",
    "use ",
    "metadata ",
    "$version: \"2\"\n",
    "$version: \"1.0\"\n",
    "\n",
    "\r\n",
    ",",
    ":",
    "=",
    "#",
    "é",
    "\u{1F600}",
    "\t",
    "enum ",
    "intEnum ",
    "structure ",
    "operation ",
    "resource ",
    "service ",
    "list ",
    "map ",
    "set ",
    "input := {}",
    "errors: []",
    "null",
    "true",
    "smithy.api#String",
    "Foo$bar",
    "[[[[[[[[[[",
    "{a:{a:{a:{a:",
];

/// xorshift64*: small, fast, and the same on every machine.
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

/// The nearest character boundary at or before `i`.
fn boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// One to four edits: replace, insert or delete a span, duplicate one, or cut the end.
fn mutate(seed: &str, rng: &mut Rng) -> String {
    let mut text = seed.to_owned();
    for _ in 0..=rng.below(4) {
        let at = boundary(&text, rng.below(text.len() + 1));
        let span = boundary(&text, at + rng.below(16)).max(at);
        match rng.below(6) {
            0 => text.replace_range(at..span, TOKENS[rng.below(TOKENS.len())]),
            1 => text.insert_str(at, TOKENS[rng.below(TOKENS.len())]),
            2 => text.replace_range(at..span, ""),
            3 => {
                let copy = text[at..span].to_owned();
                text.insert_str(span, &copy);
            }
            4 => {
                let byte = (rng.below(95) as u8 + b' ') as char;
                text.insert(at, byte);
            }
            _ => text.truncate(at),
        }
    }
    text
}

#[test]
fn a_million_mutated_inputs_never_panic() {
    let paths = common::files(&common::reference());
    let paths = paths
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "smithy"));
    let seeds: Vec<String> = paths
        .map(|p| std::fs::read_to_string(p).expect("seed file"))
        .collect();
    assert!(seeds.len() > 300, "{} seed files", seeds.len());

    let mut rng = Rng(SEED);
    let (mut rejected, mut assembled) = (0u64, 0u64);
    for n in 0..INPUTS {
        let seed = &seeds[rng.below(seeds.len())];
        let input = mutate(seed, &mut rng);
        let outcome = std::panic::catch_unwind(|| {
            let parsed = parse_file(&input);
            let model = (n % 64 == 0).then(|| {
                assemble(&[Source {
                    name: "fuzz.smithy".to_owned(),
                    text: input.clone(),
                    dependency: false,
                }])
            });
            (parsed, model)
        });
        let (parsed, model) = outcome.unwrap_or_else(|_| {
            panic!("input {n} (seed {SEED:#x}) panicked:\n{input}");
        });
        if let Err(error) = parsed {
            rejected += 1;
            let (line, _) = error.line_column.expect("syntax errors have a position");
            let lines = input.split('\n').count();
            assert!(
                (1..=lines).contains(&line),
                "input {n}: line {line} of {lines}: {error}"
            );
        }
        if let Some(Err(errors)) = model {
            assert!(!errors.is_empty(), "input {n}: an error list with no error");
        }
        assembled += u64::from(n % 64 == 0);
    }
    println!("{INPUTS} inputs: {rejected} rejected by the parser, {assembled} assembled");
    assert!(
        rejected > INPUTS / 10 && rejected < INPUTS,
        "mutations should break some inputs and leave others valid: {rejected} rejected"
    );
}
