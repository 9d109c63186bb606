//! Arbitrary-precision numbers (Smithy `bigInteger`, `bigDecimal`), kept as
//! their exact decimal text.

use ::std::fmt;
use ::std::option::Option;
use ::std::result::Result;
use ::std::string::String;

/// An integer of any size, e.g. `-123456789012345678901234567890`.
///
/// Its text is validated on construction ([`str::parse`]) against JSON's
/// integer grammar, `-?(0|[1-9][0-9]*)`, and kept as given: equality compares text.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct BigInteger(String);

/// A decimal number of any size and precision, e.g. `1.50e-400`.
///
/// Its text is validated on construction ([`str::parse`]) against JSON's number
/// grammar and kept as given: equality compares text, so `1.5 != 1.50`.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct BigDecimal(String);

impl BigInteger {
    /// The decimal text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl BigDecimal {
    /// The decimal text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Zero.
impl Default for BigInteger {
    fn default() -> Self {
        Self("0".into())
    }
}

/// Zero.
impl Default for BigDecimal {
    fn default() -> Self {
        Self("0".into())
    }
}

impl ::std::str::FromStr for BigInteger {
    type Err = ParseBigNumberError;

    fn from_str(text: &str) -> Result<Self, ParseBigNumberError> {
        match json_number_parts(text.as_bytes()) {
            Some(false) => Ok(Self(text.into())),
            _ => Err(ParseBigNumberError("an integer")),
        }
    }
}

impl ::std::str::FromStr for BigDecimal {
    type Err = ParseBigNumberError;

    fn from_str(text: &str) -> Result<Self, ParseBigNumberError> {
        match json_number_parts(text.as_bytes()) {
            Some(_) => Ok(Self(text.into())),
            None => Err(ParseBigNumberError("a decimal number")),
        }
    }
}

impl fmt::Display for BigInteger {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Display for BigDecimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The text given to [`BigInteger`] or [`BigDecimal`] is not a JSON number of that kind.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct ParseBigNumberError(&'static str);

impl fmt::Display for ParseBigNumberError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not {} in JSON number syntax", self.0)
    }
}

impl ::std::error::Error for ParseBigNumberError {}

/// Checks `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`; `Some(true)` when
/// it has a fraction or an exponent.
fn json_number_parts(text: &[u8]) -> Option<bool> {
    let digits = |s: &[u8]| s.iter().take_while(|b| b.is_ascii_digit()).count();
    let rest = text.strip_prefix(b"-").unwrap_or(text);
    let int = digits(rest);
    if int == 0 || (int > 1 && rest[0] == b'0') {
        return None;
    }
    let mut rest = &rest[int..];
    let mut decimal = false;
    if let Some(after) = rest.strip_prefix(b".") {
        let frac = digits(after);
        if frac == 0 {
            return None;
        }
        rest = &after[frac..];
        decimal = true;
    }
    if let [b'e' | b'E', after @ ..] = rest {
        let after = after
            .strip_prefix(b"+")
            .or_else(|| after.strip_prefix(b"-"))
            .unwrap_or(after);
        let exp = digits(after);
        if exp == 0 {
            return None;
        }
        rest = &after[exp..];
        decimal = true;
    }
    rest.is_empty().then_some(decimal)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_keep_their_text() {
        for text in ["0", "-0", "7", "-123456789012345678901234567890"] {
            let n: BigInteger = text.parse().unwrap();
            assert_eq!(n.as_str(), text);
            assert_eq!(n.to_string(), text);
        }
        for text in [
            "", "-", "+1", "01", "1.0", "1e3", " 1", "1 ", "0x1", "1_000", "NaN",
        ] {
            assert!(text.parse::<BigInteger>().is_err(), "{text:?}");
        }
    }

    #[test]
    fn decimals_keep_their_text() {
        for text in [
            "0",
            "-0.0",
            "1.50",
            "1e400",
            "-1.5E-400",
            "2e+3",
            "123456789.123456789123456789",
        ] {
            let n: BigDecimal = text.parse().unwrap();
            assert_eq!(n.as_str(), text);
            assert_eq!(n.to_string(), text);
        }
        for text in [
            "", ".5", "5.", "1e", "1e+", "01.5", "1.5.5", "Infinity", "-", "1.5 ",
        ] {
            assert!(text.parse::<BigDecimal>().is_err(), "{text:?}");
        }
        assert_ne!("1.5".parse::<BigDecimal>(), "1.50".parse::<BigDecimal>());
    }

    #[test]
    fn errors_display() {
        assert_eq!(
            "x".parse::<BigInteger>().unwrap_err().to_string(),
            "not an integer in JSON number syntax"
        );
        assert_eq!(
            "x".parse::<BigDecimal>().unwrap_err().to_string(),
            "not a decimal number in JSON number syntax"
        );
    }
}
