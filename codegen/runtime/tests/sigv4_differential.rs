//! The runtime's SigV4 signer against aws-sigv4 on 12,000 generated requests:
//! random header names (mixed case, repeated), values with leading, trailing and
//! repeated spaces, tabs and UTF-8, empty and large bodies, session tokens or none,
//! times around midnight and the turn of the year, regions, services, paths and
//! queries. The seed is fixed, so a failure reproduces.

use std::borrow::Cow;
use std::time::{Duration, SystemTime};

use aws_credential_types::Credentials;
use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings, sign};
use smithy_lite_runtime::client::signing::{
    DEFAULT_UNSIGNED, SigningKeyCache, SigningParams, signature,
};

const REQUESTS: usize = 12_000;

fn pick<'a>(rng: &mut fastrand::Rng, items: &[&'a str]) -> &'a str {
    items[rng.usize(..items.len())]
}

fn header_name(rng: &mut fastrand::Rng) -> String {
    const TCHARS: &[u8] =
        b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.!#$%&'*+^`|~";
    let length = rng.usize(1..20);
    let name: String = (0..length)
        .map(|_| char::from(TCHARS[rng.usize(..TCHARS.len())]))
        .collect();
    // Names the signer handles specially, now and then.
    match rng.u8(..20) {
        0 => "Content-Type".to_owned(),
        1 => "X-Amz-Target".to_owned(),
        2 => "user-agent".to_owned(),
        _ => format!("x-{name}"),
    }
}

fn header_value(rng: &mut fastrand::Rng) -> String {
    let pieces = [
        "a", "B", " ", "  ", "\t", "é", "日本", "=", "/", ":", ";", ",", "\"", "0",
    ];
    let length = rng.usize(0..12);
    (0..length).map(|_| pick(rng, &pieces)).collect()
}

fn path(rng: &mut fastrand::Rng) -> String {
    let segments = [
        "a",
        "b%3D",
        "%40",
        "..",
        ".",
        "",
        "x-y_z~",
        "%E1%88%B4",
        "c+d",
    ];
    let length = rng.usize(0..5);
    let path: Vec<&str> = (0..length).map(|_| pick(rng, &segments)).collect();
    format!("/{}", path.join("/"))
}

fn query(rng: &mut fastrand::Rng) -> Option<String> {
    let parts = [
        "a=1", "b=", "c", "A=2", "a=0", "k=v%20w", "x=y+z", "%C3%A9=1", "e=%2F",
    ];
    let length = rng.usize(0..4);
    (length > 0).then(|| {
        (0..length)
            .map(|_| pick(rng, &parts))
            .collect::<Vec<_>>()
            .join("&")
    })
}

/// Seconds around midnight of a day, some of them the last of a year.
fn time(rng: &mut fastrand::Rng) -> SystemTime {
    let midnights = [
        1_704_067_200u64,
        1_735_689_600,
        1_767_225_600,
        951_782_400,
        1_732_147_200,
    ];
    let midnight = midnights[rng.usize(..midnights.len())];
    let seconds = midnight - 2 + rng.u64(..5);
    SystemTime::UNIX_EPOCH + Duration::from_secs(seconds) + Duration::from_millis(rng.u64(..1000))
}

#[test]
fn signatures_equal_aws_sigv4s() {
    let mut rng = fastrand::Rng::with_seed(0x5167_7634);
    let key_cache = SigningKeyCache::default();
    let regions = ["us-east-1", "eu-west-3", "ap-southeast-2", "cn-north-1"];
    let services = ["workspaces", "sqs", "execute-api", "glue"];
    let mut compared = 0;
    for i in 0..REQUESTS {
        let mut headers: Vec<(String, String)> =
            vec![("host".into(), "example.amazonaws.com".into())];
        for _ in 0..rng.usize(0..6) {
            let name = header_name(&mut rng);
            headers.push((name.clone(), header_value(&mut rng)));
            if rng.u8(..8) == 0 {
                headers.push((name, header_value(&mut rng)));
            }
        }
        // Large bodies are few: hashing them in a debug build is most of the test's time.
        let body: Vec<u8> = match rng.u8(..32) {
            0..8 => Vec::new(),
            8 => vec![b'x'; rng.usize(65_536..131_072)],
            _ => header_value(&mut rng).into_bytes(),
        };
        let token = (rng.bool()).then(|| format!("token/{i}+="));
        let (region, service) = (pick(&mut rng, &regions), pick(&mut rng, &services));
        let (path, query) = (path(&mut rng), query(&mut rng));
        let time = time(&mut rng);
        let method = pick(&mut rng, &["POST", "GET", "PUT"]);

        let uri = match &query {
            Some(query) => format!("https://example.amazonaws.com{path}?{query}"),
            None => format!("https://example.amazonaws.com{path}"),
        };
        let identity =
            Credentials::new("AKIDEXAMPLE", "secret/KEY+1", token.clone(), None, "t").into();
        let mut settings = SigningSettings::default();
        settings.excluded_headers =
            Some(DEFAULT_UNSIGNED.iter().map(|h| Cow::Borrowed(*h)).collect());
        let params = aws_sigv4::sign::v4::SigningParams::builder()
            .identity(&identity)
            .region(region)
            .name(service)
            .time(time)
            .settings(settings)
            .build()
            .unwrap()
            .into();
        let signable = SignableRequest::new(
            method,
            uri.clone(),
            headers.iter().map(|(n, v)| (n.as_str(), v.as_str())),
            SignableBody::Bytes(&body),
        )
        .unwrap();
        let Ok(expected) = sign(signable, &params) else {
            panic!("aws-sigv4 refused request {i}: {uri} {headers:?}");
        };
        let (instructions, expected_signature) = expected.into_parts();

        let ours = signature(
            method,
            &path,
            query.as_deref(),
            &headers
                .iter()
                .map(|(n, v)| (n.as_str(), v.as_bytes()))
                .collect::<Vec<_>>(),
            &body,
            &SigningParams {
                access_key_id: "AKIDEXAMPLE",
                secret_access_key: "secret/KEY+1",
                session_token: token.as_deref(),
                region,
                service,
                time,
                normalize_path: true,
                double_encode_path: true,
                content_sha256_header: false,
                unsigned_headers: DEFAULT_UNSIGNED,
                // One cache for all requests: its key must follow every change of
                // date, region and service.
                key_cache: Some(&key_cache),
            },
        );
        assert_eq!(
            ours.signature,
            expected_signature,
            "request {i}: {method} {uri} {headers:?} body {} bytes\ncanonical request:\n{}",
            body.len(),
            ours.canonical_request
        );
        let expected_headers: Vec<(&str, &str)> = instructions.headers().collect();
        for (name, value) in &ours.headers {
            assert!(
                expected_headers.contains(&(*name, value.as_str())),
                "request {i}: {name}: {value} not in {expected_headers:?}"
            );
        }
        compared += 1;
    }
    assert_eq!(compared, REQUESTS);
}
