//! The payload of an enum's catch-all variant.

use ::std::string::String;

/// An enum value this crate did not know when it was generated.
///
/// Only the crate constructs it (through the enums' `From<&str>`), so a value that
/// later becomes known is never represented as unknown by mistake.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct UnknownValue(String);

impl UnknownValue {
    // Unused in a model without string enums.
    #[allow(dead_code)]
    #[doc(hidden)]
    pub fn new(value: &str) -> Self {
        Self(value.into())
    }

    /// The value as received.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}
