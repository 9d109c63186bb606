//! Binary data (a Smithy `blob`), base64 text on the JSON wire.

use ::std::vec::Vec;

/// Binary data.
#[derive(Clone, PartialEq, Eq, Hash, Debug, Default)]
pub struct Blob(Vec<u8>);

impl Blob {
    /// Wraps `bytes`.
    pub fn new(bytes: impl Into<Vec<u8>>) -> Self {
        Self(bytes.into())
    }

    /// The bytes, given back.
    pub fn into_inner(self) -> Vec<u8> {
        self.0
    }
}

impl AsRef<[u8]> for Blob {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl From<Vec<u8>> for Blob {
    fn from(bytes: Vec<u8>) -> Self {
        Self(bytes)
    }
}

impl From<&[u8]> for Blob {
    fn from(bytes: &[u8]) -> Self {
        Self(bytes.to_vec())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_and_unwraps() {
        let blob = Blob::new(*b"abc");
        assert_eq!(blob.as_ref(), b"abc");
        assert_eq!(Blob::from(&b"abc"[..]), blob);
        assert_eq!(Blob::from(b"abc".to_vec()), blob);
        assert_eq!(blob.into_inner(), b"abc");
        assert_eq!(Blob::default().as_ref(), b"");
    }
}
