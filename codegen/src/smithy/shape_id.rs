//! Absolute shape ids: `namespace#Name` or `namespace#Name$member`.

use ::std::fmt;
use serde::{Deserialize, Deserializer};

/// An absolute shape id such as `com.amazonaws.workspaces#WorkspacesPool`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ShapeId(String);

impl ShapeId {
    /// Checks the `namespace#Name` form; a member part (`$member`) is not a shape.
    pub fn parse(text: &str) -> Result<Self, String> {
        let Some((namespace, name)) = text.split_once('#') else {
            return Err(format!(
                "shape id `{text}` has no `#`: expected `namespace#Name`"
            ));
        };
        let valid_part = |part: &str| {
            !part.is_empty()
                && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                && !part.starts_with(|c: char| c.is_ascii_digit())
        };
        if !namespace.split('.').all(valid_part) || !valid_part(name) {
            return Err(format!("`{text}` is not a valid absolute shape id"));
        }
        Ok(Self(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn namespace(&self) -> &str {
        self.0.split_once('#').map_or("", |(ns, _)| ns)
    }

    /// The shape's own name, the part after `#`.
    pub fn name(&self) -> &str {
        self.0.split_once('#').map_or(&self.0, |(_, name)| name)
    }

    /// Builds a sibling id in the same namespace.
    pub fn with_name(&self, name: &str) -> Self {
        Self(format!("{}#{name}", self.namespace()))
    }
}

impl fmt::Display for ShapeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for ShapeId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <::std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        ShapeId::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_splits() {
        let id = ShapeId::parse("com.amazonaws.workspaces#WorkspacesPool").unwrap();
        assert_eq!(id.namespace(), "com.amazonaws.workspaces");
        assert_eq!(id.name(), "WorkspacesPool");
        assert_eq!(id.with_name("X").as_str(), "com.amazonaws.workspaces#X");
    }

    #[test]
    fn rejects_malformed() {
        for bad in [
            "Foo",
            "#Foo",
            "ns#",
            "ns#Foo$bar",
            "n s#Foo",
            "ns#1Foo",
            "a..b#C",
        ] {
            assert!(ShapeId::parse(bad).is_err(), "{bad}");
        }
    }
}
