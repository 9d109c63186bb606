//! AWS's SigV4 signing test suite, as it ships inside the aws-sigv4 crate
//! (`aws-signing-test-suite/v4/`, found through this crate's dev-dependency with
//! `cargo metadata`): every header-signing case, signed by the runtime's own signer,
//! compared on canonical request, string to sign, signature and `Authorization`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

use smithy_lite_runtime::Timestamp;
use smithy_lite_runtime::client::signing::{DEFAULT_UNSIGNED, SigningParams, signature};

/// The suite's directory in the aws-sigv4 package cargo resolved for this crate.
fn suite_dir() -> PathBuf {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .args(["metadata", "--format-version", "1"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo metadata runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    metadata["packages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|package| package["name"] == "aws-sigv4")
        .filter_map(|package| Path::new(package["manifest_path"].as_str()?).parent())
        .map(|dir| dir.join("aws-signing-test-suite/v4"))
        .find(|dir| dir.is_dir())
        .expect("aws-sigv4 (a dev-dependency) ships aws-signing-test-suite/v4")
}

/// A request as the suite writes it: request line, headers (a line starting with
/// whitespace continues the previous header), blank line, body.
struct Request {
    method: String,
    path: String,
    query: Option<String>,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Request {
    /// The value of header `name` (any case), trimmed; the case must have it.
    fn header(&self, name: &str) -> String {
        let (_, value) = self
            .headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .unwrap();
        value.trim().to_owned()
    }
}

fn parse_request(text: &str) -> Request {
    let (head, body) = text.split_once("\n\n").unwrap_or((text, ""));
    let mut lines = head.lines();
    let request_line = lines.next().unwrap();
    let (method, rest) = request_line.split_once(' ').unwrap();
    let target = rest
        .rsplit_once(" HTTP/")
        .map_or(rest, |(target, _)| target);
    let (path, query) = match target.split_once('?') {
        Some((path, query)) => (path, Some(query.to_owned())),
        None => (target, None),
    };
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in lines {
        if line.starts_with([' ', '\t']) {
            let (_, value) = headers.last_mut().expect("a header to continue");
            value.push(' ');
            value.push_str(line);
        } else if let Some((name, value)) = line.split_once(':') {
            headers.push((name.to_owned(), value.to_owned()));
        }
    }
    Request {
        method: method.to_owned(),
        path: path.to_owned(),
        query,
        headers,
        body: body.as_bytes().to_vec(),
    }
}

fn read(dir: &Path, file: &str) -> Option<String> {
    std::fs::read_to_string(dir.join(file)).ok()
}

/// The public test keys of the cases without a context: the suite's own, and
/// aws-credential-types' `Credentials::for_tests()`, which aws-sigv4's test of
/// `double-encode-path` signs with.
const TEST_KEYS: &[(&str, &str)] = &[
    ("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
    ("ANOTREAL", "notrealrnrELgWzOk3IfjzDKtFBhDby"),
];

/// Cases whose expected canonical path is the sent path encoded once (S3's mode),
/// though their path is already encoded: signed with double encoding off (the one
/// setting that differs from the client's). aws-sigv4's own test skips it
/// ("relies on single encode of path segments").
const SINGLE_ENCODED: &[&str] = &["get-space-normalized"];

/// A raw path as a client sends it: spaces and non-ASCII bytes percent-encoded.
fn sent_path(raw: &str) -> String {
    raw.bytes()
        .map(|b| match b {
            b' ' | 0x80.. => format!("%{b:02X}"),
            _ => char::from(b).to_string(),
        })
        .collect()
}

/// `Credential=AKID/DATE/REGION/SERVICE/aws4_request` of an `Authorization` value.
fn scope(authorization: &str) -> Vec<String> {
    let credential = authorization.split("Credential=").nth(1).unwrap();
    credential
        .split(',')
        .next()
        .unwrap()
        .split('/')
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_header_signing_case_of_the_suite() {
    let suite = suite_dir();
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&suite)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|dir| dir.join("header-signed-request.txt").is_file())
        .collect();
    cases.sort();
    assert!(
        cases.len() >= 40,
        "{} cases in {}",
        cases.len(),
        suite.display()
    );
    let mut failures = Vec::new();
    for dir in &cases {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let request = parse_request(&read(dir, "request.txt").unwrap());
        let expected = parse_request(&read(dir, "header-signed-request.txt").unwrap());
        let expected_authorization = expected.header("authorization");
        let context: serde_json::Value = read(dir, "context.json")
            .map(|text| serde_json::from_str(&text).unwrap())
            .unwrap_or_default();
        // Cases without a context sign with the suite's test keys at the time, region
        // and service their expected `Authorization` and `X-Amz-Date` name.
        let scope = scope(&expected_authorization);
        let text = |key: &str| context[key].as_str().map(str::to_owned);
        let credentials = &context["credentials"];
        let time = match text("timestamp") {
            Some(time) => Timestamp::parse_rfc3339(&time).unwrap(),
            None => {
                let date = expected.header("x-amz-date");
                let rfc3339 = format!(
                    "{}-{}-{}T{}:{}:{}Z",
                    &date[0..4],
                    &date[4..6],
                    &date[6..8],
                    &date[9..11],
                    &date[11..13],
                    &date[13..15]
                );
                Timestamp::parse_rfc3339(&rfc3339).unwrap()
            }
        };
        let token = credentials["token"].as_str();
        let omit_token = context["omit_session_token"].as_bool().unwrap_or(false);
        let mut unsigned = DEFAULT_UNSIGNED.to_vec();
        if omit_token {
            unsigned.push("x-amz-security-token");
        }
        let access_key_id = credentials["access_key_id"].as_str().unwrap_or(&scope[0]);
        let secret_access_key = credentials["secret_access_key"]
            .as_str()
            .unwrap_or_else(|| {
                TEST_KEYS
                    .iter()
                    .find(|(id, _)| *id == access_key_id)
                    .map(|(_, secret)| *secret)
                    .unwrap()
            });
        // Paths the suite writes raw (a space, UTF-8) are percent-encoded as they would
        // be sent; the expected canonical path is that one encoding (not two).
        let raw_path = request.path.bytes().any(|b| b == b' ' || !b.is_ascii());
        let path = if raw_path {
            sent_path(&request.path)
        } else {
            request.path.clone()
        };
        let params = SigningParams {
            access_key_id,
            secret_access_key,
            session_token: token,
            region: &text("region").unwrap_or_else(|| scope[2].clone()),
            service: &text("service").unwrap_or_else(|| scope[3].clone()),
            time: SystemTime::try_from(time).unwrap(),
            normalize_path: context["normalize"].as_bool().unwrap_or(true),
            double_encode_path: !raw_path && !SINGLE_ENCODED.contains(&name.as_str()),
            content_sha256_header: context["sign_body"].as_bool().unwrap_or(true)
                && !context.is_null(),
            unsigned_headers: &unsigned,
            key_cache: None,
        };
        let headers: Vec<(&str, &[u8])> = request
            .headers
            .iter()
            .map(|(name, value)| (name.as_str(), value.as_bytes()))
            .collect();
        let signed = signature(
            &request.method,
            &path,
            request.query.as_deref(),
            &headers,
            &request.body,
            &params,
        );
        let authorization = signed
            .headers
            .iter()
            .find(|(name, _)| *name == "authorization")
            .map(|(_, value)| value.as_str());
        let mut check = |what: &str, expected: Option<String>, got: &str| {
            if let Some(expected) = expected.filter(|_| !context.is_null())
                && expected.trim_end() != got
            {
                failures.push(format!(
                    "{name}: {what}:\nexpected:\n{expected}\ngot:\n{got}"
                ));
            }
        };
        check(
            "canonical request",
            read(dir, "header-canonical-request.txt"),
            &signed.canonical_request,
        );
        check(
            "string to sign",
            read(dir, "header-string-to-sign.txt"),
            &signed.string_to_sign,
        );
        check(
            "signature",
            read(dir, "header-signature.txt"),
            &signed.signature,
        );
        if authorization != Some(expected_authorization.as_str()) {
            failures.push(format!(
                "{name}: authorization {authorization:?} != {expected_authorization}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
    eprintln!(
        "{} cases of {} signed as expected",
        cases.len(),
        suite.display()
    );
}
