//! API changes between two models, each with a verdict for the users of the
//! generated crate: [`diff`] compares two JSON AST models (mixins flattened first),
//! [`rules::RULES`] is the one table that gives every kind of change its severity,
//! [`report`] writes the reviewer's markdown and the JSON form, and picks the next
//! crate version.

mod compare;
pub mod report;
pub mod rules;
mod usage;

#[cfg(test)]
mod tests;

use serde::Serialize;
use serde_json::Value;

/// How a change affects the users of the generated crate, least grave first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Documentation only.
    Docs,
    /// New API: nothing that compiled or worked stops doing so.
    Additive,
    /// Compiles, but behaviour may change.
    Dangerous,
    /// A crate that compiled may not compile, or a valid request may be rejected.
    Breaking,
}

impl Severity {
    pub const ALL: [Severity; 4] = [
        Severity::Breaking,
        Severity::Dangerous,
        Severity::Additive,
        Severity::Docs,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Docs => "docs",
            Severity::Additive => "additive",
            Severity::Dangerous => "dangerous",
            Severity::Breaking => "breaking",
        }
    }

    /// `breaking` / `dangerous` / `additive` / `docs`.
    pub fn parse(text: &str) -> Option<Self> {
        Severity::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// What the severity means, as the report explains it.
    pub fn meaning(self) -> &'static str {
        match self {
            Severity::Breaking => {
                "a crate that compiled against the old API may not compile, or a request that was valid may now be rejected"
            }
            Severity::Dangerous => {
                "compiles as before, but behaviour may change: a server must set something new, a default or format changed, an output may hold values it could not before"
            }
            Severity::Additive => {
                "new API (members, operations, errors, enum values: the generated enums keep unknown values, structures and error enums are non-exhaustive); nothing that worked stops working"
            }
            Severity::Docs => "documentation only",
        }
    }
}

/// One API change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// The absolute id of the shape that changed (the operation or service for
    /// binding changes).
    pub shape: String,
    /// The member, enum member or `member`/`key`/`value` that changed.
    pub member: Option<String>,
    /// What happened, e.g. `member-added`, `trait-removed` (see [`rules::RULES`]).
    pub kind: &'static str,
    /// The trait, for changes of one trait.
    #[serde(rename = "trait", skip_serializing_if = "Option::is_none")]
    pub trait_id: Option<String>,
    pub severity: Severity,
    pub message: String,
}

/// For the report's headings: the operations (by name) that use each shape, in the
/// new model or, for what was removed, the old one.
pub fn operations_using(
    old: &Value,
    new: &Value,
) -> ::std::collections::BTreeMap<String, Vec<String>> {
    let mut using: ::std::collections::BTreeMap<String, Vec<String>> = Default::default();
    // The new model's usage replaces the old one's where both have the shape.
    for model in [old, new] {
        for (shape, operations) in usage::Usage::of(model).operations {
            let name = |op: &String| op.rsplit('#').next().unwrap_or(op).to_owned();
            using.insert(shape, operations.iter().map(name).collect());
        }
    }
    using
}

/// Every API change from `old` to `new` (JSON AST models, as [`crate::assemble`]
/// makes them), in shape, member and kind order.
pub fn diff(old: &Value, new: &Value) -> Vec<Change> {
    let (old, new) = (
        crate::assemble::flatten_mixins(old),
        crate::assemble::flatten_mixins(new),
    );
    compare::Comparison::new(&old, &new).run()
}
