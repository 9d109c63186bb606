//! The error a builder returns when required members are unset.

use ::std::fmt;
use ::std::vec::Vec;

/// Names every required member a builder was not given.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct BuildError {
    type_name: &'static str,
    missing: Vec<&'static str>,
}

impl BuildError {
    /// Used by generated builders.
    #[doc(hidden)]
    pub fn missing(type_name: &'static str, missing: Vec<&'static str>) -> Self {
        Self { type_name, missing }
    }

    /// The shape whose builder failed.
    pub fn type_name(&self) -> &'static str {
        self.type_name
    }

    /// The unset required members, by their model names.
    pub fn missing_members(&self) -> &[&'static str] {
        &self.missing
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural = if self.missing.len() == 1 {
            "member"
        } else {
            "members"
        };
        write!(
            f,
            "cannot build {}: required {plural} not set: {}",
            self.type_name,
            self.missing.join(", ")
        )
    }
}

impl ::std::error::Error for BuildError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_every_missing_member() {
        let error = BuildError::missing("WorkspacesPool", ::std::vec!["PoolId", "State"]);
        assert_eq!(
            error.to_string(),
            "cannot build WorkspacesPool: required members not set: PoolId, State"
        );
        assert_eq!(error.missing_members(), ["PoolId", "State"]);
    }
}
