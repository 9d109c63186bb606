//! Checking values against the model's constraint traits.
//!
//! The generated `validation` module implements [`Validate`] for every type an
//! operation input can hold. A client checks its input before sending with the
//! [`Policy::Lenient`] policy; a server checks what it parsed with
//! [`Policy::Strict`]. Each broken constraint is one [`Violation`], with the
//! [`Path`] of the value; a [`ValidationError`] lists them all and renders them
//! for people (`Display`) or as the message of an AWS `ValidationException`
//! ([`ValidationError::aws_message`]).

pub use crate::json::{Path, Segment};
use crate::pattern::Matcher;
use ::std::collections::HashSet;
use ::std::fmt::{self, Display, Write as _};
use ::std::option::Option::{self, Some};
use ::std::result::Result::{self, Err, Ok};
use ::std::string::{String, ToString};
use ::std::vec::Vec;

/// How much to check.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Policy {
    /// What a client checks: lengths, ranges and patterns. Enum values the crate does
    /// not know pass, since the service may have added them since generation.
    Lenient,
    /// What a server checks: everything, enum values included.
    Strict,
}

/// A value that can be checked against its model's constraints.
pub trait Validate {
    /// Adds one [`Violation`] per broken constraint to `out`, with paths under `path`
    /// (which is left as it was found).
    fn validate(&self, policy: Policy, path: &mut Path, out: &mut Violations);
}

/// Checks `value` and everything in it; `Err` lists every violation.
pub fn validate<T: Validate + ?Sized>(value: &T, policy: Policy) -> Result<(), ValidationError> {
    let mut out = Violations::default();
    value.validate(policy, &mut Path::default(), &mut out);
    ValidationError::from_violations(out.found)
}

/// What a server checks after parsing a request strictly: every constraint, and the
/// required members the body lacked (`missing`, from the parse), each reported where
/// the walk meets it, so violations come in member order. The zero values filled in
/// for missing members are not checked.
pub fn validate_request<T: Validate + ?Sized>(
    value: &T,
    missing: &[Path],
) -> Result<(), ValidationError> {
    let mut out = Violations {
        found: Vec::new(),
        unmet: missing.iter().map(ToString::to_string).collect(),
    };
    value.validate(Policy::Strict, &mut Path::default(), &mut out);
    let Violations { mut found, unmet } = out;
    // Nulls dropped from dense lists and maps are not there to be walked to.
    let not_walked = missing
        .iter()
        .filter(|path| unmet.contains(&path.to_string()));
    found.extend(not_walked.map(Violation::missing));
    ValidationError::from_violations(found)
}

/// The violations a walk has found so far, and the missing members it must report.
#[derive(Debug, Default)]
pub struct Violations {
    found: Vec<Violation>,
    /// Required members the body lacked and the walk has not met yet, by displayed
    /// path: a set, so a body with many of them cannot make the walk quadratic.
    unmet: HashSet<String>,
}

impl Violations {
    /// Records one violation.
    pub fn push(&mut self, violation: Violation) {
        self.found.push(violation);
    }

    /// Reports `path` if it is a missing member; the caller then skips its zero value.
    fn report_missing(&mut self, path: &Path) -> bool {
        if self.unmet.is_empty() || !self.unmet.remove(&path.to_string()) {
            return false;
        }
        self.found.push(Violation::missing(path));
        true
    }
}

/// One broken constraint.
#[derive(Clone, Debug, PartialEq)]
pub struct Violation {
    /// Where the value is: `Workspaces[0].UserName`.
    pub path: Path,
    /// The constraint, with its bound.
    pub constraint: Constraint,
    /// The offending value as AWS messages quote it.
    pub value: Shown,
}

impl Violation {
    /// A violation at `path`; `value` is `None` when it must not be quoted
    /// (sensitive members, collections, blobs and structures).
    pub fn new(path: &Path, constraint: Constraint, value: Option<&dyn Display>) -> Self {
        let value = value.map_or(Shown::Hidden, |v| Shown::Text(v.to_string()));
        Violation {
            path: path.clone(),
            constraint,
            value,
        }
    }

    /// A required member that was absent or `null`.
    pub fn missing(path: &Path) -> Self {
        Violation {
            path: path.clone(),
            constraint: Constraint::Required,
            value: Shown::Null,
        }
    }

    /// The AWS form: `Value 'x' at 'poolName' failed to satisfy constraint: Member must …`.
    pub fn aws_message(&self) -> String {
        let mut out = String::new();
        self.write_aws_message(&mut out);
        out
    }

    /// Appends [`aws_message`](Self::aws_message) to `out`.
    fn write_aws_message(&self, out: &mut String) {
        out.push_str("Value ");
        match &self.value {
            Shown::Text(text) => {
                let _ = write!(out, "'{text}' ");
            }
            Shown::Null => out.push_str("null "),
            Shown::Hidden => {}
        }
        out.push_str("at '");
        write_aws_path(&self.path, out);
        out.push_str("' failed to satisfy constraint: Member must ");
        let _ = match &self.constraint {
            Constraint::Required => write!(out, "not be null"),
            Constraint::MinLength(n) => write!(out, "have length greater than or equal to {n}"),
            Constraint::MaxLength(n) => write!(out, "have length less than or equal to {n}"),
            Constraint::MinValue(n) => write!(out, "have value greater than or equal to {n}"),
            Constraint::MaxValue(n) => write!(out, "have value less than or equal to {n}"),
            Constraint::Pattern(p) => write!(out, "satisfy regular expression pattern: {p}"),
            Constraint::OneOf(values) => {
                write!(out, "satisfy enum value set: [{}]", values.join(", "))
            }
        };
    }
}

/// The client form: `Workspaces[0].WorkspaceProperties.RootVolumeSizeGib: must be ≥ 10`.
impl Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.segments().is_empty() {
            f.write_str("input")?;
        } else {
            Display::fmt(&self.path, f)?;
        }
        match &self.constraint {
            Constraint::Required => f.write_str(": is required"),
            Constraint::MinLength(n) => write!(f, ": length must be ≥ {n}"),
            Constraint::MaxLength(n) => write!(f, ": length must be ≤ {n}"),
            Constraint::MinValue(n) => write!(f, ": must be ≥ {n}"),
            Constraint::MaxValue(n) => write!(f, ": must be ≤ {n}"),
            Constraint::Pattern(p) => write!(f, ": must match the pattern {p}"),
            Constraint::OneOf(values) => write!(f, ": must be one of {}", values.join(", ")),
        }
    }
}

/// A constraint trait of the model, with its bound.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Constraint {
    /// `@required`, or a `null` inside a dense list or map.
    Required,
    /// `@length` `min`: characters of a string, bytes of a blob, entries of a collection.
    MinLength(u64),
    /// `@length` `max`.
    MaxLength(u64),
    /// `@range` `min`, as written in the model.
    MinValue(&'static str),
    /// `@range` `max`, as written in the model.
    MaxValue(&'static str),
    /// `@pattern`: the value must contain a match.
    Pattern(&'static str),
    /// An enum value the crate does not know (strict policy only).
    OneOf(&'static [&'static str]),
}

/// How a violation quotes the value that broke it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Shown {
    /// The value as text.
    Text(String),
    /// Absent: the constraint was `@required`.
    Null,
    /// Not quoted: sensitive, or not a simple value.
    Hidden,
}

/// Every violation found in one value; never empty.
#[derive(Clone, Debug, PartialEq)]
pub struct ValidationError {
    violations: Vec<Violation>,
}

impl ValidationError {
    /// How many violations [`aws_message`](Self::aws_message) spells out: a 1 MiB
    /// body can hold hundreds of thousands, and the answer should stay small.
    pub const MAX_LISTED: usize = 100;

    fn from_violations(violations: Vec<Violation>) -> Result<(), Self> {
        if violations.is_empty() {
            Ok(())
        } else {
            Err(ValidationError { violations })
        }
    }

    /// The violations, in the order the members were checked.
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }

    /// The message of an AWS `ValidationException`:
    /// `2 validation errors detected: Value … ; Value …`. Past the first
    /// [`MAX_LISTED`](Self::MAX_LISTED) it ends with `; and N more`.
    pub fn aws_message(&self) -> String {
        let count = self.violations.len();
        let mut out = ::std::format!(
            "{count} validation error{} detected: ",
            if count == 1 { "" } else { "s" }
        );
        for (i, violation) in self.violations.iter().take(Self::MAX_LISTED).enumerate() {
            if i > 0 {
                out.push_str("; ");
            }
            violation.write_aws_message(&mut out);
        }
        if count > Self::MAX_LISTED {
            let _ = write!(out, "; and {} more", count - Self::MAX_LISTED);
        }
        out
    }
}

/// Every violation in the client form, separated by `; `.
impl Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, violation) in self.violations.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            Display::fmt(violation, f)?;
        }
        Ok(())
    }
}

impl ::std::error::Error for ValidationError {}

/// A path as AWS services print it: members in lowerCamelCase, list elements
/// 1-based followed by `member` (`workspaces.1.member.userName`), map entries by key.
pub fn aws_path(path: &Path) -> String {
    let mut out = String::new();
    write_aws_path(path, &mut out);
    out
}

/// Appends [`aws_path`] to `out`.
fn write_aws_path(path: &Path, out: &mut String) {
    let start = out.len();
    for segment in path.segments() {
        if out.len() > start {
            out.push('.');
        }
        match segment {
            Segment::Member(name) => {
                let mut chars = name.chars();
                if let Some(first) = chars.next() {
                    out.extend(first.to_lowercase());
                    out.push_str(chars.as_str());
                }
            }
            Segment::Index(index) => {
                let _ = write!(out, "{}.member", index + 1);
            }
            Segment::Key(key) => out.push_str(key),
        }
    }
}

/// Checks a `@length` on a value of `length` characters, bytes or entries.
#[doc(hidden)]
pub fn check_length(
    length: usize,
    min: Option<u64>,
    max: Option<u64>,
    value: Option<&dyn Display>,
    path: &Path,
    out: &mut Violations,
) {
    // usize always fits in u64 on the targets Rust supports.
    let length = length as u64;
    if let Some(min) = min.filter(|&min| length < min) {
        out.push(Violation::new(path, Constraint::MinLength(min), value));
    }
    if let Some(max) = max.filter(|&max| length > max) {
        out.push(Violation::new(path, Constraint::MaxLength(max), value));
    }
}

/// Checks a `@range` whose bounds the generator already compared: `below` the
/// minimum `min`, `above` the maximum `max`.
#[doc(hidden)]
pub fn check_range(
    (below, min): (bool, &'static str),
    (above, max): (bool, &'static str),
    value: Option<&dyn Display>,
    path: &Path,
    out: &mut Violations,
) {
    if below {
        out.push(Violation::new(path, Constraint::MinValue(min), value));
    }
    if above {
        out.push(Violation::new(path, Constraint::MaxValue(max), value));
    }
}

/// Checks a `@pattern` (a match anywhere in `text`, as Smithy specifies), compiled to
/// `matcher`; `pattern` is its text, for the message.
#[doc(hidden)]
pub fn check_pattern(
    matcher: &dyn Matcher,
    pattern: &'static str,
    text: &str,
    value: Option<&dyn Display>,
    path: &Path,
    out: &mut Violations,
) {
    if !matcher.is_match(text) {
        out.push(Violation::new(path, Constraint::Pattern(pattern), value));
    }
}

/// Checks that an enum value is one the crate knows, under the strict policy only.
#[doc(hidden)]
pub fn check_known(
    policy: Policy,
    known: bool,
    values: &'static [&'static str],
    value: Option<&dyn Display>,
    path: &Path,
    out: &mut Violations,
) {
    if policy == Policy::Strict && !known {
        out.push(Violation::new(path, Constraint::OneOf(values), value));
    }
}

/// Checks each item of a list, at its index.
#[doc(hidden)]
pub fn each_item<'a, T: 'a>(
    items: impl IntoIterator<Item = &'a T>,
    path: &mut Path,
    out: &mut Violations,
    mut check: impl FnMut(&'a T, &mut Path, &mut Violations),
) {
    for (index, item) in items.into_iter().enumerate() {
        path.push(Segment::Index(index));
        check(item, path, out);
        path.pop();
    }
}

/// Checks each entry of a map, at its key, in key order so messages are stable.
#[doc(hidden)]
pub fn each_entry<'a, V: 'a>(
    entries: impl IntoIterator<Item = (&'a String, &'a V)>,
    path: &mut Path,
    out: &mut Violations,
    mut check: impl FnMut(&'a String, &'a V, &mut Path, &mut Violations),
) {
    let mut entries: Vec<_> = entries.into_iter().collect();
    entries.sort_by(|a, b| a.0.cmp(b.0));
    for (key, value) in entries {
        path.push(Segment::Key(key.clone()));
        check(key, value, path, out);
        path.pop();
    }
}

/// Checks a member's value with the path extended by its wire name; a member the
/// request lacked is reported as missing instead.
#[doc(hidden)]
pub fn member(
    path: &mut Path,
    out: &mut Violations,
    name: &'static str,
    check: impl FnOnce(&mut Path, &mut Violations),
) {
    path.push(Segment::Member(name));
    if !out.report_missing(path) {
        check(path, out);
    }
    path.pop();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(segments: &[Segment]) -> Path {
        let mut path = Path::default();
        for segment in segments {
            path.push(segment.clone());
        }
        path
    }

    #[test]
    fn aws_paths_are_camel_cased_and_one_based() {
        let p = path(&[
            Segment::Member("Workspaces"),
            Segment::Index(0),
            Segment::Member("UserName"),
        ]);
        assert_eq!(aws_path(&p), "workspaces.1.member.userName");
        let p = path(&[Segment::Member("Tags"), Segment::Key("team".into())]);
        assert_eq!(aws_path(&p), "tags.team");
    }

    #[test]
    fn messages_in_both_forms() {
        let at = path(&[Segment::Member("PoolName")]);
        let mut out = Violations::default();
        check_length(65, Some(1), Some(64), Some(&"x"), &at, &mut out);
        out.push(Violation::missing(&at));
        let error = ValidationError::from_violations(out.found).unwrap_err();
        assert_eq!(
            error.to_string(),
            "PoolName: length must be ≤ 64; PoolName: is required"
        );
        assert_eq!(
            error.aws_message(),
            "2 validation errors detected: Value 'x' at 'poolName' failed to satisfy constraint: \
             Member must have length less than or equal to 64; \
             Value null at 'poolName' failed to satisfy constraint: Member must not be null"
        );
    }
}
