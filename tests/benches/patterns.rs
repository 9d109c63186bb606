//! `@pattern` checks: the matchers `codegen::pattern` compiles (run by the generated
//! crate's `rt::pattern`) against `regex_lite::Regex::is_match`, the engine every
//! pattern used before and the others still use, on the WorkSpaces patterns that
//! CreateWorkspaces and CreateWorkspacesPool inputs check, with a valid value each.
//! Run: `cargo bench -p tests --bench patterns`.

use smithy_lite_runtime::pattern::{Branch, Item, Matcher, SimplePattern};

fn main() {
    divan::main();
}

/// (name, pattern, a value that matches), as the model has them.
const CASES: [(&str, &str, &str); 4] = [
    (
        "DirectoryId",
        "^(d-[0-9a-f]{8,63}$)|(wsd-[0-9a-z]{8,63}$)",
        "d-0123456789",
    ),
    ("BundleId", "^wsb-[0-9a-z]{8,63}$", "wsb-0123456789"),
    (
        "WorkspacesPoolName",
        "^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$",
        "bench-pool-01",
    ),
    (
        "ARN",
        "^arn:aws[a-z-]{0,7}:[A-Za-z0-9][A-za-z0-9_/.-]{0,62}:[A-za-z0-9_/.-]{0,63}:[A-za-z0-9_/.-]{0,63}:[A-Za-z0-9][A-Za-z0-9:_/+=,@.\\\\-]{0,1023}$",
        "arn:aws:workspaces:us-east-1:123456789012:workspacespool/wspool-abc123def",
    ),
];

const NAMES: [&str; 4] = ["DirectoryId", "BundleId", "WorkspacesPoolName", "ARN"];

fn case(name: &str) -> (&'static str, &'static str) {
    let (_, pattern, value) = CASES.iter().find(|(n, ..)| *n == name).expect("a case");
    (pattern, value)
}

/// The runtime form of what the generator compiles `pattern` to, as the generated
/// statics hold it (leaked: the runtime types borrow `'static` slices).
fn compiled(pattern: &str) -> &'static SimplePattern {
    let parsed = codegen::pattern::parse(pattern).expect("the generator compiles this pattern");
    let branches = parsed.branches.into_iter().map(|branch| {
        let items = branch.items.into_iter().map(|item| Item {
            class: item.class,
            min: item.min,
            max: item.max,
        });
        Branch {
            start: branch.start,
            end: branch.end,
            items: items.collect::<Vec<_>>().leak(),
        }
    });
    Box::leak(Box::new(SimplePattern {
        branches: branches.collect::<Vec<_>>().leak(),
    }))
}

#[divan::bench(args = NAMES)]
fn compiled_matcher(bencher: divan::Bencher, name: &str) {
    let (pattern, value) = case(name);
    let matcher = compiled(pattern);
    assert!(matcher.is_match(value));
    bencher.bench(|| matcher.is_match(divan::black_box(value)));
}

#[divan::bench(args = NAMES)]
fn regex_lite(bencher: divan::Bencher, name: &str) {
    let (pattern, value) = case(name);
    let regex = regex_lite::Regex::new(pattern).expect("regex-lite compiles the pattern");
    assert!(regex.is_match(value));
    bencher.bench(|| regex.is_match(divan::black_box(value)));
}
