//! Nesting-depth guard that runs before any deserializer sees a request body.

/// True when `body` nests arrays and objects more than `limit` levels deep.
///
/// One linear pass with no recursion, so a body of any shape is safe to scan
/// (a 10,000-deep array cannot overflow a stack here). Brackets inside strings,
/// including escaped quotes, do not count. Malformed JSON is not judged: the
/// deserializer rejects it afterwards. Multi-byte UTF-8 sequences never contain
/// ASCII bytes, so scanning bytes is exact.
pub(crate) fn exceeds(body: &[u8], limit: usize) -> bool {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for &byte in body {
        if in_string {
            if escaped {
                escaped = false;
            } else if byte == b'\\' {
                escaped = true;
            } else if byte == b'"' {
                in_string = false;
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > limit {
                    return true;
                }
            }
            // Saturating: stray closers are the deserializer's to reject.
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::exceeds;
    use ::std::string::String;

    fn nested(open: &str, close: &str, n: usize) -> String {
        let mut s = open.repeat(n);
        s.push_str(&close.repeat(n));
        s
    }

    #[test]
    fn counts_arrays_and_objects_up_to_the_limit() {
        assert!(!exceeds(b"", 0));
        assert!(!exceeds(b"{}", 1));
        assert!(exceeds(b"{}", 0));
        assert!(!exceeds(nested("[", "]", 64).as_bytes(), 64));
        assert!(exceeds(nested("[", "]", 65).as_bytes(), 64));
        assert!(!exceeds(nested("{\"a\":", "}", 64).as_bytes(), 64));
        assert!(exceeds(nested("{\"a\":", "}", 65).as_bytes(), 64));
        assert!(exceeds(nested("[{\"k\":", "}]", 33).as_bytes(), 64));
    }

    #[test]
    fn siblings_do_not_add_up() {
        let wide = "[".to_owned() + &["[[]]"; 1000].join(",") + "]";
        assert!(!exceeds(wide.as_bytes(), 3));
        assert!(exceeds(wide.as_bytes(), 2));
    }

    #[test]
    fn brackets_inside_strings_are_ignored() {
        let body = format!(r#"{{"a":"{}","b":"{}"}}"#, "[".repeat(500), "{{{{]]]}}}");
        assert!(!exceeds(body.as_bytes(), 1));
        assert!(!exceeds(br#"{"k[{":"v{["}"#, 1));
    }

    #[test]
    fn escapes_keep_the_string_open() {
        // \" does not end the string, so the brackets after it are still text.
        assert!(!exceeds(br#"{"a":"\"[[[[{{{{"}"#, 1));
        // \\ ends the escape, so the next quote closes the string and [[ counts.
        assert!(exceeds(br#"{"a":"\\",  "b":[[1]]}"#, 2));
        assert!(!exceeds(br#"{"a":"\\",  "b":[[1]]}"#, 3));
        // \u escapes and non-ASCII text are plain string content.
        assert!(!exceeds("{\"a\":\"\\u005b\\u007b é [ 💥\"}".as_bytes(), 1));
    }

    #[test]
    fn ten_thousand_deep_is_rejected_without_recursion() {
        assert!(exceeds(nested("[", "]", 10_000).as_bytes(), 64));
        assert!(exceeds(nested("{\"a\":", "}", 10_000).as_bytes(), 64));
        assert!(!exceeds(nested("[", "]", 10_000).as_bytes(), 10_000));
        // Unclosed openers still count; stray closers never go below zero.
        assert!(exceeds("[".repeat(10_000).as_bytes(), 64));
        assert!(!exceeds("]".repeat(10_000).as_bytes(), 0));
        assert!(exceeds(b"]]]]}}}}[", 0));
    }

    #[test]
    fn unterminated_string_hides_the_rest() {
        assert!(!exceeds(br#"{"a":"[[[[[[[[["#, 1));
        assert!(!exceeds(br#"{"a":"\"#, 1));
    }
}
