//! Casing and escaping of every identifier the generator emits. No other module
//! changes the case of a model name or escapes a keyword: they call the functions here.
//!
//! Each function takes the name as it appears in the model (or on the wire) and returns
//! a [`Name`] holding both that text and the Rust identifier for it.
//!
//! # The identifier text
//!
//! [`Name::ident`] is valid Rust identifier text that may start with `r#` (`r#type`,
//! `r#async`). `quote::format_ident!("{}", name.ident)` and `syn::parse_str::<syn::Ident>`
//! both accept it as is; `proc_macro2::Ident::new` does not (use `new_raw` on
//! [`Name::unraw`]). Use [`Name::unraw`] for file names and messages. To derive another
//! name (`set_` + field), derive it from the model name and call these functions again:
//! `fn_name(&format!("set_{}", member))`, never by gluing strings onto `ident`.
//!
//! # Rules
//!
//! 1. Characters that cannot appear in an identifier (`.`, `-`, `:`, `/`, spaces, `_`,
//!    non-alphabetic non-ASCII) separate words: `us-east-1` -> `UsEast1` / `us_east_1`.
//!    Non-ASCII letters are kept (`char::is_alphabetic` stands in for XID, as std has no
//!    XID table). Smithy identifiers are ASCII, so only enum values can bring them in.
//! 2. Words are split and cased by `heck`, after two AWS fix-ups that heck cannot know:
//!    mixed-case single words (`IPv6`, `MiB`, ...) and plural acronyms (`CMKs`, `ARNs`)
//!    are made one word: `IPv6Address` -> `ipv6_address`, not `i_pv6_address`.
//! 3. A name with no letter or digit at all (`""`, `"-"`, `"*"`) is spelled as `x`
//!    followed by the hex code of each character (`*` -> `X2a` / `x2a`), so it stays
//!    deterministic and distinct symbol strings stay distinct.
//! 4. A result starting with a digit gets a leading `_`, in every case style
//!    (`2fa` -> `_2fa`, `1Foo` -> `_1Foo`, `2FA` -> `_2FA`). Why `_` and not a letter
//!    (`V1Foo`): heck strips leading underscores, so no other model name can produce an
//!    identifier starting with `_`, while a letter prefix can collide with a real name
//!    (`N1Foo`). rustc's case lints ignore leading/trailing underscores, so `_1Foo` passes
//!    `non_camel_case_types` and `_2fa` passes `non_snake_case`.
//! 5. Keywords, strict and reserved in any edition up to 2024, become raw identifiers
//!    (`r#type`, `r#gen`); the four that cannot be raw (`crate`, `self`, `super`, `Self`)
//!    get a trailing underscore instead (`self_`, `Self_`).
//!
//! Names of std items (`Option`, `Result`, `String`, `Box`, `Vec`, `Some`, `None`, `Ok`,
//! `Err`) are kept as is: generated code names std items by absolute path
//! (`::std::option::Option`), so a model type called `Option` cannot shadow them.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// A name in generated code: the Rust identifier text and the name on the wire/in the model.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Name {
    /// Rust identifier text; may start with `r#` (see the module doc).
    pub ident: String,
    /// The name exactly as given in the model.
    pub wire: String,
}

impl Name {
    /// The identifier without its `r#` prefix, for file names and human-readable text.
    pub fn unraw(&self) -> &str {
        self.ident.strip_prefix("r#").unwrap_or(&self.ident)
    }
}

/// UpperCamelCase name for structs, enums, unions and error enums.
pub fn type_name(smithy_name: &str) -> Name {
    build(smithy_name, str::to_upper_camel_case)
}

/// UpperCamelCase name for enum and union variants.
pub fn variant_name(member: &str) -> Name {
    build(member, str::to_upper_camel_case)
}

/// snake_case name for struct fields and builder setters.
pub fn field_name(member: &str) -> Name {
    build(member, str::to_snake_case)
}

/// snake_case name for methods and functions (operations become client methods).
pub fn fn_name(name: &str) -> Name {
    build(name, str::to_snake_case)
}

/// The private module (and file) that defines a type: `_` + snake_case
/// (`WorkspacesPool` -> `_workspaces_pool`), as aws-sdk-rust names them. The leading
/// `_` keeps it apart from the public modules beside it (`builders`, `error`) and
/// from keywords, so it is never raw.
pub fn private_module(type_name: &str) -> Name {
    let snake = fn_name(type_name);
    Name {
        ident: format!("_{}", snake.unraw().trim_start_matches('_')),
        wire: type_name.to_owned(),
    }
}

/// The module that groups the type files starting with `first` (`w` for
/// `_workspaces_pool`); digits get a letter first, as modules cannot start with one.
pub fn group_module(first: char) -> String {
    if first.is_ascii_digit() {
        format!("n{first}")
    } else {
        first.to_ascii_lowercase().to_string()
    }
}

/// kebab-case, for the endpoint prefix a service without one gets (`Secrets Manager`
/// -> `secrets-manager`).
pub fn kebab(name: &str) -> String {
    heck::ToKebabCase::to_kebab_case(name)
}

/// The generated crate's package name by the AWS SDKs' convention: the `sdkId`
/// lowercased, words joined by `-` (`WorkSpaces` -> `workspaces`, `Secrets Manager`
/// -> `secrets-manager`).
pub fn crate_name(sdk_id: &str) -> String {
    sdk_id
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join("-")
}

fn build(wire: &str, case: impl Fn(&str) -> String) -> Name {
    let mut ident = case(&prepare(wire));
    if !ident.starts_with(|c: char| c.is_alphabetic()) {
        ident.insert(0, '_');
    }
    Name {
        ident: escape_keyword(ident),
        wire: wire.to_owned(),
    }
}

/// Mixed-case spellings that are one word; heck would split them at the inner capital.
const WHOLE_WORDS: &[(&str, &str)] = &[
    ("IPv4", "Ipv4"),
    ("IPv6", "Ipv6"),
    ("KiB", "Kib"),
    ("MiB", "Mib"),
    ("GiB", "Gib"),
    ("TiB", "Tib"),
    ("PiB", "Pib"),
];

/// Rewrites `wire` into space-separated words that heck cases the AWS way (rules 1-3).
fn prepare(wire: &str) -> String {
    let chars: Vec<char> = wire
        .chars()
        .map(|c| if is_word_char(c) { c } else { ' ' })
        .collect();
    if chars.iter().all(|&c| c == ' ') {
        let codes: Vec<String> = wire
            .chars()
            .map(|c| format!("{:x}", u32::from(c)))
            .collect();
        return format!("x{}", codes.join("_"));
    }
    let ends_word = |i: usize| chars.get(i).is_none_or(|c| !c.is_lowercase());
    let mut out = String::with_capacity(wire.len());
    let mut i = 0;
    'scan: while i < chars.len() {
        for (from, to) in WHOLE_WORDS {
            let n = from.len();
            if chars[i..].iter().take(n).copied().eq(from.chars()) && ends_word(i + n) {
                out.push_str(to);
                i += n;
                continue 'scan;
            }
        }
        // Digits opening a word: heck would glue them to a capitalised word (`1Foo` -> `1foo`).
        if chars[i].is_ascii_digit() && (i == 0 || chars[i - 1] == ' ') {
            let digits = chars[i..].iter().take_while(|c| c.is_ascii_digit()).count();
            out.extend(&chars[i..i + digits]);
            i += digits;
            if chars.get(i).is_some_and(|c| c.is_uppercase()) && !ends_word(i + 1) {
                out.push(' ');
            }
            continue;
        }
        // Plural acronym: 2+ capitals, then `s`, then the end of the word.
        let caps = chars[i..]
            .iter()
            .take_while(|c| c.is_ascii_uppercase())
            .count();
        if caps >= 2 && chars.get(i + caps) == Some(&'s') && ends_word(i + caps + 1) {
            out.push(chars[i]);
            out.extend(chars[i + 1..=i + caps].iter().map(char::to_ascii_lowercase));
            i += caps + 1;
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// ASCII letters and digits, and non-ASCII letters (std's stand-in for XID).
fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || (!c.is_ascii() && c.is_alphabetic())
}

/// Strict and reserved keywords of editions 2015 to 2024 that can be raw identifiers.
const RAW_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// Keywords that `r#` cannot escape (Rust reference, "Raw identifiers").
const NON_RAW_KEYWORDS: &[&str] = &["crate", "self", "super", "Self"];

fn escape_keyword(ident: String) -> String {
    if RAW_KEYWORDS.contains(&ident.as_str()) {
        format!("r#{ident}")
    } else if NON_RAW_KEYWORDS.contains(&ident.as_str()) {
        ident + "_"
    } else {
        ident
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Case = fn(&str) -> Name;
    const CAMEL: [(&str, Case); 2] = [("type_name", type_name), ("variant_name", variant_name)];
    const SNAKE: [(&str, Case); 2] = [("field_name", field_name), ("fn_name", fn_name)];

    /// Names the tables below and the validity test run through every function.
    const SAMPLES: &[&str] = &[
        "ARN",
        "IPv6Address",
        "Ipv6Address",
        "RootVolumeSizeGib",
        "SizeInMiB",
        "S3Bucket",
        "DNSIpAddresses",
        "us-east-1",
        "t2.micro",
        "AUTO_STOP",
        "PENDING",
        "gp2",
        "MD5OfBody",
        "CustomKeyStoreHasCMKsException",
        "ResourceARNs",
        "AES256",
        "K8s",
        "RSAES_PKCS1_V1_5",
        "AmazonEC2ContainerRegistry_V20150921",
        "Bits/Second",
        "DeploymentError.InternalServerError",
        "ECC_SECG_P256K1",
        "UBUNTU_18_04",
        "2fa",
        "2FA",
        "1Foo",
        "1_foo",
        "42",
        "_foo",
        "__",
        "_",
        "",
        "-",
        "*",
        "-*",
        "naïve",
        "Ünïcode",
        "日本",
        "e\u{301}",
        "line\u{2028}sep",
        "Option",
        "Result",
        "String",
        "Box",
        "Vec",
        "Some",
        "None",
        "Ok",
        "Err",
        "self",
        "Self",
        "SELF",
        "super",
        "crate",
        "extern",
        "type",
        "Type",
        "async",
        "await",
        "dyn",
        "try",
        "gen",
        "r#type",
        "union",
        "macro_rules",
        "static",
        "ExtendedKeyUsage",
    ];

    fn check(case: Case, name: &str, table: &[(&str, &str)]) {
        for (input, want) in table {
            let got = case(input);
            assert_eq!(got.ident, *want, "{name}({input:?})");
            assert_eq!(got.wire, *input, "{name}({input:?}).wire");
        }
    }

    #[test]
    fn type_and_variant_names() {
        let table = [
            ("ARN", "Arn"),
            ("IPv6Address", "Ipv6Address"),
            ("Ipv6Address", "Ipv6Address"),
            ("SizeInMiB", "SizeInMib"),
            ("S3Bucket", "S3Bucket"),
            ("DNSIpAddresses", "DnsIpAddresses"),
            (
                "CustomKeyStoreHasCMKsException",
                "CustomKeyStoreHasCmksException",
            ),
            ("us-east-1", "UsEast1"),
            ("t2.micro", "T2Micro"),
            ("a:b c", "ABC"),
            ("AUTO_STOP", "AutoStop"),
            ("PENDING", "Pending"),
            ("gp2", "Gp2"),
            ("MD5OfBody", "Md5OfBody"),
            ("Bits/Second", "BitsSecond"),
            ("UBUNTU_18_04", "Ubuntu1804"),
            ("RSAES_PKCS1_V1_5", "RsaesPkcs1V15"),
            ("2fa", "_2fa"),
            ("2FA", "_2fa"),
            ("1Foo", "_1Foo"),
            ("1_foo", "_1Foo"),
            ("42", "_42"),
            ("", "X"),
            ("-", "X2d"),
            ("*", "X2a"),
            ("-*", "X2d2a"),
            ("_", "X5f"),
            ("naïve", "Naïve"),
            ("日本", "日本"),
            ("e\u{301}", "E"),
            ("self", "Self_"),
            ("Self", "Self_"),
            ("type", "Type"),
            ("async", "Async"),
            ("Option", "Option"),
            ("Result", "Result"),
            ("String", "String"),
            ("Box", "Box"),
            ("Vec", "Vec"),
            ("None", "None"),
            ("Some", "Some"),
            ("Ok", "Ok"),
            ("Err", "Err"),
        ];
        for (name, case) in CAMEL {
            check(case, name, &table);
        }
    }

    #[test]
    fn snake_names() {
        let table = [
            ("ARN", "arn"),
            ("IPv6Address", "ipv6_address"),
            ("Ipv6Address", "ipv6_address"),
            ("DNSIPv4", "dns_ipv4"),
            ("RootVolumeSizeGib", "root_volume_size_gib"),
            ("SizeInMiB", "size_in_mib"),
            ("MiBPerSecond", "mib_per_second"),
            ("S3Bucket", "s3_bucket"),
            ("s3DeliveryConfiguration", "s3_delivery_configuration"),
            ("DNSIpAddresses", "dns_ip_addresses"),
            ("ResourceARNs", "resource_arns"),
            ("ARNsList", "arns_list"),
            ("HTTPSettings", "http_settings"),
            ("HTTPSEndpoint", "https_endpoint"),
            ("MD5OfMessageBody", "md5_of_message_body"),
            ("Ios2XLogo", "ios2_x_logo"),
            (
                "AmazonEC2ContainerRegistry_V20150921",
                "amazon_ec2_container_registry_v20150921",
            ),
            ("us-east-1", "us_east_1"),
            ("t2.micro", "t2_micro"),
            ("AUTO_STOP", "auto_stop"),
            ("2fa", "_2fa"),
            ("2FA", "_2fa"),
            ("1Foo", "_1_foo"),
            ("42WhateverMan", "_42_whatever_man"),
            ("_foo", "foo"),
            ("", "x"),
            ("*", "x2a"),
            ("-*", "x2d_2a"),
            ("Ünïcode", "ünïcode"),
            ("type", "r#type"),
            ("Type", "r#type"),
            ("TYPE", "r#type"),
            ("async", "r#async"),
            ("Await", "r#await"),
            ("dyn", "r#dyn"),
            ("try", "r#try"),
            ("gen", "r#gen"),
            ("extern", "r#extern"),
            ("abstract", "r#abstract"),
            ("become", "r#become"),
            ("box", "r#box"),
            ("final", "r#final"),
            ("macro", "r#macro"),
            ("override", "r#override"),
            ("priv", "r#priv"),
            ("typeof", "r#typeof"),
            ("unsized", "r#unsized"),
            ("virtual", "r#virtual"),
            ("yield", "r#yield"),
            ("Match", "r#match"),
            ("self", "self_"),
            ("Self", "self_"),
            ("super", "super_"),
            ("Crate", "crate_"),
            ("r#type", "r_type"),
            ("union", "union"),
            ("macro_rules", "macro_rules"),
            ("None", "none"),
        ];
        for (name, case) in SNAKE {
            check(case, name, &table);
        }
    }

    #[test]
    fn every_raw_keyword_is_escaped_in_snake_case() {
        for kw in RAW_KEYWORDS {
            for (name, case) in SNAKE {
                assert_eq!(case(kw).ident, format!("r#{kw}"), "{name}({kw:?})");
            }
        }
    }

    #[test]
    fn private_modules_start_with_one_underscore() {
        for (name, module) in [
            ("WorkspacesPool", "_workspaces_pool"),
            ("Type", "_type"),
            ("Self", "_self_"),
            ("2FA", "_2fa"),
            ("IPv6Address", "_ipv6_address"),
            ("Builders", "_builders"),
        ] {
            assert_eq!(private_module(name).ident, module, "{name}");
        }
    }

    #[test]
    fn crate_names_and_kebab_case() {
        assert_eq!(crate_name("WorkSpaces"), "workspaces");
        assert_eq!(crate_name("Secrets Manager"), "secrets-manager");
        assert_eq!(kebab("Secrets Manager"), "secrets-manager");
        assert_eq!(kebab("WorkSpaces"), "work-spaces");
    }

    #[test]
    fn unraw_strips_only_the_raw_prefix() {
        assert_eq!(field_name("type").unraw(), "type");
        assert_eq!(field_name("self").unraw(), "self_");
        assert_eq!(type_name("Foo").unraw(), "Foo");
    }

    #[test]
    fn casing_is_idempotent() {
        let all: Vec<(&str, Case)> = [CAMEL.as_slice(), SNAKE.as_slice()].concat();
        for (name, case) in all {
            for input in SAMPLES {
                let once = case(input);
                let twice = case(once.unraw());
                assert_eq!(
                    twice.ident, once.ident,
                    "{name}({input:?}) is not a fixed point"
                );
            }
        }
    }

    /// Accepts what rustc accepts as an identifier, approximating XID with `is_alphabetic`.
    fn is_valid_ident(ident: &str) -> bool {
        let (raw, text) = match ident.strip_prefix("r#") {
            Some(text) => (true, text),
            None => (false, ident),
        };
        let mut chars = text.chars();
        let starts_ok = chars.next().is_some_and(|c| c == '_' || c.is_alphabetic());
        let keyword = RAW_KEYWORDS.contains(&text) || NON_RAW_KEYWORDS.contains(&text);
        starts_ok
            && chars.all(|c| c == '_' || c.is_alphanumeric())
            && text != "_"
            && keyword == raw
            && !NON_RAW_KEYWORDS.contains(&text)
    }

    /// rustc's `non_camel_case_types` rule.
    fn is_camel_case(ident: &str) -> bool {
        let name = ident.trim_matches('_');
        let chars: Vec<char> = name.chars().collect();
        let has_case = |c: char| c.is_lowercase() || c.is_uppercase();
        !chars.first().is_some_and(|c| c.is_lowercase())
            && !name.contains("__")
            && !chars
                .windows(2)
                .any(|w| (has_case(w[0]) && w[1] == '_') || (has_case(w[1]) && w[0] == '_'))
    }

    /// rustc's `non_snake_case` rule.
    fn is_snake_case(ident: &str) -> bool {
        let name = ident.strip_prefix("r#").unwrap_or(ident).trim_matches('_');
        !name.contains("__") && !name.chars().any(char::is_uppercase)
    }

    #[test]
    fn every_ident_is_valid_and_lint_clean() {
        for input in SAMPLES {
            for (name, case) in CAMEL {
                let ident = case(input).ident;
                assert!(
                    is_valid_ident(&ident) && is_camel_case(&ident),
                    "{name}({input:?}) = {ident}"
                );
            }
            for (name, case) in SNAKE {
                let ident = case(input).ident;
                assert!(
                    is_valid_ident(&ident) && is_snake_case(&ident),
                    "{name}({input:?}) = {ident}"
                );
            }
        }
    }

    #[test]
    fn validity_check_rejects_bad_idents() {
        for bad in [
            "", "_", "1a", "a-b", "type", "r#self", "r#_", "r#foo", "a b", "Self",
        ] {
            assert!(!is_valid_ident(bad), "{bad:?} accepted");
        }
    }
}
