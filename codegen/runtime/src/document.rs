//! Smithy documents: protocol-agnostic, untyped JSON-like values.

use ::std::collections::BTreeMap;
use ::std::string::String;
use ::std::vec::Vec;

/// An untyped value (a Smithy `document`).
///
/// Objects are `BTreeMap`s: JSON object members are unordered, so equality
/// ignores their order, lookups are by key, a repeated key keeps its last
/// value (as `serde_json` does), and output is deterministic.
#[derive(Clone, PartialEq, Debug)]
pub enum Document {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number.
    Number(Number),
    /// A string.
    String(String),
    /// An ordered list of values.
    Array(Vec<Document>),
    /// Named values.
    Object(BTreeMap<String, Document>),
}

/// A document number. Integers that fit 64 bits stay exact; other numbers are `f64`.
#[derive(Clone, Copy, PartialEq, Debug)]
pub enum Number {
    /// An integer ≥ 0.
    PosInt(u64),
    /// An integer < 0 (the `From` impls never put a non-negative value here).
    NegInt(i64),
    /// Any other number.
    Float(f64),
}

impl From<u64> for Number {
    fn from(n: u64) -> Self {
        Number::PosInt(n)
    }
}

impl From<i64> for Number {
    fn from(n: i64) -> Self {
        match u64::try_from(n) {
            Ok(n) => Number::PosInt(n),
            Err(_) => Number::NegInt(n),
        }
    }
}

impl From<i32> for Number {
    fn from(n: i32) -> Self {
        i64::from(n).into()
    }
}

impl From<f64> for Number {
    fn from(n: f64) -> Self {
        Number::Float(n)
    }
}

impl From<bool> for Document {
    fn from(b: bool) -> Self {
        Document::Bool(b)
    }
}

impl From<&str> for Document {
    fn from(s: &str) -> Self {
        Document::String(s.into())
    }
}

impl From<String> for Document {
    fn from(s: String) -> Self {
        Document::String(s)
    }
}

impl<T: Into<Number>> From<T> for Document {
    fn from(n: T) -> Self {
        Document::Number(n.into())
    }
}

impl From<Vec<Document>> for Document {
    fn from(items: Vec<Document>) -> Self {
        Document::Array(items)
    }
}

impl From<BTreeMap<String, Document>> for Document {
    fn from(members: BTreeMap<String, Document>) -> Self {
        Document::Object(members)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conversions() {
        assert_eq!(Document::from(true), Document::Bool(true));
        assert_eq!(Document::from("a"), Document::String("a".into()));
        assert_eq!(
            Document::from(String::from("a")),
            Document::String("a".into())
        );
        assert_eq!(Document::from(5i64), Document::Number(Number::PosInt(5)));
        assert_eq!(Document::from(-5i32), Document::Number(Number::NegInt(-5)));
        assert_eq!(
            Document::from(u64::MAX),
            Document::Number(Number::PosInt(u64::MAX))
        );
        assert_eq!(Document::from(1.5), Document::Number(Number::Float(1.5)));
        assert_eq!(
            Document::from(vec![Document::Null]),
            Document::Array(vec![Document::Null])
        );
        let object = BTreeMap::from([("k".to_owned(), Document::Null)]);
        assert_eq!(Document::from(object.clone()), Document::Object(object));
    }
}
