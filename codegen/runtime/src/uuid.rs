//! Random UUID v4 text: the client's `amz-sdk-invocation-id` and the server's request ids.

use ::std::string::String;

/// A fresh random id in the lowercase `8-4-4-4-12` form of a UUID v4.
pub fn random_v4() -> String {
    let mut bits = ::fastrand::u128(..);
    bits = (bits & !(0xF << 76)) | (0x4 << 76); // version 4
    bits = (bits & !(0x3 << 62)) | (0x2 << 62); // RFC 4122 variant
    // By table, not `format!`: a client call and a server answer each make one.
    let mut text = String::with_capacity(36);
    for nibble in 0..32 {
        if matches!(nibble, 8 | 12 | 16 | 20) {
            text.push('-');
        }
        let digit = (bits >> (124 - 4 * nibble)) & 0xF;
        text.push(char::from(crate::HEX_DIGITS[digit as usize]));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_lowercase_uuid_v4_and_differ() {
        let a = random_v4();
        let b = random_v4();
        assert_ne!(a, b);
        for id in [&a, &b] {
            assert_eq!(id.len(), 36, "{id}");
            let groups: ::std::vec::Vec<&str> = id.split('-').collect();
            let lens: ::std::vec::Vec<usize> = groups.iter().map(|g| g.len()).collect();
            assert_eq!(lens, [8, 4, 4, 4, 12], "{id}");
            assert!(groups[2].starts_with('4'), "{id}");
            assert!(
                matches!(groups[3].as_bytes()[0], b'8' | b'9' | b'a' | b'b'),
                "{id}"
            );
            assert!(
                id.bytes()
                    .all(|c| c == b'-' || c.is_ascii_digit() || (b'a'..=b'f').contains(&c)),
                "{id}"
            );
        }
    }
}
