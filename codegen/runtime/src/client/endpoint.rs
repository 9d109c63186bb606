//! Endpoint resolution: the standard AWS rule set, parameterised by the
//! service's endpoint prefix, over the standard partitions.
//!
//! The rules (WorkSpaces' `endpoint-rule-set-1.json`, and most services'):
//! an endpoint override wins, but not with FIPS or dual-stack; otherwise
//! `https://{prefix}[-fips].{region}.{dnsSuffix | dualStackDnsSuffix}`, with an
//! error when the region's partition lacks FIPS or dual-stack. No region-specific
//! exceptions. Partitions follow partitions.json: a listed region name, else the
//! first `regionRegex` that matches, else `aws`.

use ::std::fmt;
use ::std::option::Option::{self, None, Some};
use ::std::result::Result::{self, Err, Ok};
use ::std::string::{String, ToString};

/// Why no endpoint could be chosen for a call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EndpointError {
    message: String,
}

impl EndpointError {
    fn new(message: impl Into<String>) -> Self {
        EndpointError {
            message: message.into(),
        }
    }
}

impl fmt::Display for EndpointError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl ::std::error::Error for EndpointError {}

/// The inputs of the endpoint rules (`Region`, `UseFIPS`, `UseDualStack`, `Endpoint`).
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct EndpointParams<'a> {
    pub(super) region: Option<&'a str>,
    pub(super) use_fips: bool,
    pub(super) use_dual_stack: bool,
    pub(super) endpoint: Option<&'a str>,
}

struct Partition {
    /// `regionRegex` is `^(<prefix>)-\w+-\d+$` for one of these prefixes.
    prefixes: &'static [&'static str],
    /// Region names listed in partitions.json that the regex does not match.
    global_regions: &'static [&'static str],
    dns_suffix: &'static str,
    dual_stack_dns_suffix: &'static str,
    supports_fips: bool,
    supports_dual_stack: bool,
}

// Order and values of partitions.json (botocore, 2025: with aws-eusc).
const PARTITIONS: &[Partition] = &[
    Partition {
        prefixes: &["us", "eu", "ap", "sa", "ca", "me", "af", "il", "mx"],
        global_regions: &["aws-global"],
        dns_suffix: "amazonaws.com",
        dual_stack_dns_suffix: "api.aws",
        supports_fips: true,
        supports_dual_stack: true,
    },
    Partition {
        prefixes: &["cn"],
        global_regions: &["aws-cn-global"],
        dns_suffix: "amazonaws.com.cn",
        dual_stack_dns_suffix: "api.amazonwebservices.com.cn",
        supports_fips: true,
        supports_dual_stack: true,
    },
    Partition {
        prefixes: &["eusc-de"],
        global_regions: &[],
        dns_suffix: "amazonaws.eu",
        dual_stack_dns_suffix: "api.amazonwebservices.eu",
        supports_fips: true,
        supports_dual_stack: false,
    },
    Partition {
        prefixes: &["us-iso"],
        global_regions: &["aws-iso-global"],
        dns_suffix: "c2s.ic.gov",
        dual_stack_dns_suffix: "api.aws.ic.gov",
        supports_fips: true,
        supports_dual_stack: false,
    },
    Partition {
        prefixes: &["us-isob"],
        global_regions: &["aws-iso-b-global"],
        dns_suffix: "sc2s.sgov.gov",
        dual_stack_dns_suffix: "api.aws.scloud",
        supports_fips: true,
        supports_dual_stack: false,
    },
    Partition {
        prefixes: &["eu-isoe"],
        global_regions: &["aws-iso-e-global"],
        dns_suffix: "cloud.adc-e.uk",
        dual_stack_dns_suffix: "api.cloud-aws.adc-e.uk",
        supports_fips: true,
        supports_dual_stack: false,
    },
    Partition {
        prefixes: &["us-isof"],
        global_regions: &["aws-iso-f-global"],
        dns_suffix: "csp.hci.ic.gov",
        dual_stack_dns_suffix: "api.aws.hci.ic.gov",
        supports_fips: true,
        supports_dual_stack: false,
    },
    Partition {
        prefixes: &["us-gov"],
        global_regions: &["aws-us-gov-global"],
        dns_suffix: "amazonaws.com",
        dual_stack_dns_suffix: "api.aws",
        supports_fips: true,
        supports_dual_stack: true,
    },
];

fn partition(region: &str) -> &'static Partition {
    let matches_regex = |p: &Partition| {
        p.prefixes.iter().any(|prefix| {
            let Some(rest) = region
                .strip_prefix(prefix)
                .and_then(|r| r.strip_prefix('-'))
            else {
                return false;
            };
            let Some((word, number)) = rest.split_once('-') else {
                return false;
            };
            !word.is_empty()
                && word.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
                && !number.is_empty()
                && number.bytes().all(|b| b.is_ascii_digit())
        })
    };
    PARTITIONS
        .iter()
        .find(|p| p.global_regions.contains(&region))
        .or_else(|| PARTITIONS.iter().find(|p| matches_regex(p)))
        .unwrap_or(&PARTITIONS[0])
}

/// Resolves the endpoint URL of a service whose endpoint prefix is `prefix`.
pub(super) fn resolve(prefix: &str, params: &EndpointParams<'_>) -> Result<String, EndpointError> {
    if let Some(endpoint) = params.endpoint {
        if params.use_fips {
            return Err(EndpointError::new(
                "Invalid Configuration: FIPS and custom endpoint are not supported",
            ));
        }
        if params.use_dual_stack {
            return Err(EndpointError::new(
                "Invalid Configuration: Dualstack and custom endpoint are not supported",
            ));
        }
        return Ok(endpoint.to_string());
    }
    let Some(region) = params.region else {
        return Err(EndpointError::new("Invalid Configuration: Missing Region"));
    };
    // The rules paste the region into the host name: refuse what would change
    // the URL's shape (`/`, `@`, `.`, ...).
    let valid_label = !region.is_empty()
        && !region.starts_with('-')
        && region
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-');
    if !valid_label {
        return Err(EndpointError::new(::std::format!(
            "Invalid Configuration: region `{region}` is not a valid host label"
        )));
    }
    let p = partition(region);
    let (fips, suffix) = match (params.use_fips, params.use_dual_stack) {
        (true, true) if p.supports_fips && p.supports_dual_stack => {
            ("-fips", p.dual_stack_dns_suffix)
        }
        (true, true) => {
            return Err(EndpointError::new(
                "FIPS and DualStack are enabled, but this partition does not support one or both",
            ));
        }
        (true, false) if p.supports_fips => ("-fips", p.dns_suffix),
        (true, false) => {
            return Err(EndpointError::new(
                "FIPS is enabled but this partition does not support FIPS",
            ));
        }
        (false, true) if p.supports_dual_stack => ("", p.dual_stack_dns_suffix),
        (false, true) => {
            return Err(EndpointError::new(
                "DualStack is enabled but this partition does not support DualStack",
            ));
        }
        (false, false) => ("", p.dns_suffix),
    };
    Ok(::std::format!("https://{prefix}{fips}.{region}.{suffix}"))
}

/// The URI to `POST` to: the endpoint, with path `/` unless the endpoint has a
/// path of its own (kept as is, like botocore does).
pub(super) fn request_uri(endpoint: &str) -> Result<::http::Uri, EndpointError> {
    let invalid = |why: &dyn fmt::Display| {
        EndpointError::new(::std::format!("invalid endpoint URL `{endpoint}`: {why}"))
    };
    let uri: ::http::Uri = endpoint.parse().map_err(|e| invalid(&e))?;
    if !matches!(uri.scheme_str(), Some("http" | "https")) {
        return Err(invalid(&"the scheme must be http or https"));
    }
    if uri.host().is_none_or(str::is_empty) {
        return Err(invalid(&"no host"));
    }
    let mut parts = uri.into_parts();
    if parts
        .path_and_query
        .as_ref()
        .is_none_or(|p| p.as_str().is_empty())
    {
        parts.path_and_query = Some(::http::uri::PathAndQuery::from_static("/"));
    }
    ::http::Uri::from_parts(parts).map_err(|e| invalid(&e))
}

/// The endpoint `uri` with a request's `path` under its own: `/` is the endpoint
/// itself; `/service/S/operation/O` goes after the endpoint's path.
pub(super) fn with_path(uri: &::http::Uri, path: &str) -> Result<::http::Uri, EndpointError> {
    if path == "/" || path.is_empty() {
        return Ok(uri.clone());
    }
    let mut parts = uri.clone().into_parts();
    let base = parts
        .path_and_query
        .as_ref()
        .map_or("", |p| p.path())
        .trim_end_matches('/');
    let joined = ::std::format!("{base}{path}");
    parts.path_and_query =
        Some(joined.parse().map_err(|e| {
            EndpointError::new(::std::format!("invalid request path `{path}`: {e}"))
        })?);
    ::http::Uri::from_parts(parts)
        .map_err(|e| EndpointError::new(::std::format!("invalid request path `{path}`: {e}")))
}

/// [`host_header`] as a header value.
pub(super) fn host_header_value(uri: &::http::Uri) -> Result<::http::HeaderValue, EndpointError> {
    ::http::HeaderValue::try_from(host_header(uri)).map_err(|e| {
        EndpointError::new(::std::format!("invalid host in the endpoint `{uri}`: {e}"))
    })
}

/// The `Host` header for `uri`: the authority without user info, and without
/// the scheme's default port (as botocore and aws-sigv4 sign it).
pub(super) fn host_header(uri: &::http::Uri) -> String {
    let host = uri.host().unwrap_or_default();
    match (uri.scheme_str(), uri.port_u16()) {
        (Some("https"), Some(443)) | (Some("http"), Some(80)) | (_, None) => host.to_string(),
        (_, Some(port)) => ::std::format!("{host}:{port}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(
        region: Option<&str>,
        fips: bool,
        dual: bool,
        endpoint: Option<&str>,
    ) -> Result<String, String> {
        let params = EndpointParams {
            region,
            use_fips: fips,
            use_dual_stack: dual,
            endpoint,
        };
        resolve("workspaces", &params).map_err(|e| e.to_string())
    }

    /// The `smithy.rules#endpointTests` of the WorkSpaces model, in order.
    #[test]
    #[rustfmt::skip]
    fn workspaces_model_endpoint_tests() {
        type Case = (Option<&'static str>, bool, bool, Option<&'static str>, Result<&'static str, &'static str>);
        let cases: &[Case] = &[
            (Some("ap-northeast-1"), false, false, None, Ok("https://workspaces.ap-northeast-1.amazonaws.com")),
            (Some("ap-northeast-2"), false, false, None, Ok("https://workspaces.ap-northeast-2.amazonaws.com")),
            (Some("ap-south-1"), false, false, None, Ok("https://workspaces.ap-south-1.amazonaws.com")),
            (Some("ap-southeast-1"), false, false, None, Ok("https://workspaces.ap-southeast-1.amazonaws.com")),
            (Some("ap-southeast-2"), false, false, None, Ok("https://workspaces.ap-southeast-2.amazonaws.com")),
            (Some("ca-central-1"), false, false, None, Ok("https://workspaces.ca-central-1.amazonaws.com")),
            (Some("eu-central-1"), false, false, None, Ok("https://workspaces.eu-central-1.amazonaws.com")),
            (Some("eu-west-1"), false, false, None, Ok("https://workspaces.eu-west-1.amazonaws.com")),
            (Some("eu-west-2"), false, false, None, Ok("https://workspaces.eu-west-2.amazonaws.com")),
            (Some("sa-east-1"), false, false, None, Ok("https://workspaces.sa-east-1.amazonaws.com")),
            (Some("us-east-1"), false, false, None, Ok("https://workspaces.us-east-1.amazonaws.com")),
            (Some("us-east-1"), true, false, None, Ok("https://workspaces-fips.us-east-1.amazonaws.com")),
            (Some("us-west-2"), false, false, None, Ok("https://workspaces.us-west-2.amazonaws.com")),
            (Some("us-west-2"), true, false, None, Ok("https://workspaces-fips.us-west-2.amazonaws.com")),
            (Some("us-east-1"), true, true, None, Ok("https://workspaces-fips.us-east-1.api.aws")),
            (Some("us-east-1"), false, true, None, Ok("https://workspaces.us-east-1.api.aws")),
            (Some("cn-northwest-1"), false, false, None, Ok("https://workspaces.cn-northwest-1.amazonaws.com.cn")),
            (Some("cn-north-1"), true, true, None, Ok("https://workspaces-fips.cn-north-1.api.amazonwebservices.com.cn")),
            (Some("cn-north-1"), true, false, None, Ok("https://workspaces-fips.cn-north-1.amazonaws.com.cn")),
            (Some("cn-north-1"), false, true, None, Ok("https://workspaces.cn-north-1.api.amazonwebservices.com.cn")),
            (Some("cn-north-1"), false, false, None, Ok("https://workspaces.cn-north-1.amazonaws.com.cn")),
            (Some("us-gov-west-1"), false, false, None, Ok("https://workspaces.us-gov-west-1.amazonaws.com")),
            (Some("us-gov-west-1"), true, false, None, Ok("https://workspaces-fips.us-gov-west-1.amazonaws.com")),
            (Some("us-gov-east-1"), true, true, None, Ok("https://workspaces-fips.us-gov-east-1.api.aws")),
            (Some("us-gov-east-1"), true, false, None, Ok("https://workspaces-fips.us-gov-east-1.amazonaws.com")),
            (Some("us-gov-east-1"), false, true, None, Ok("https://workspaces.us-gov-east-1.api.aws")),
            (Some("us-gov-east-1"), false, false, None, Ok("https://workspaces.us-gov-east-1.amazonaws.com")),
            (Some("us-iso-east-1"), false, false, None, Ok("https://workspaces.us-iso-east-1.c2s.ic.gov")),
            (Some("us-iso-east-1"), true, true, None, Err("FIPS and DualStack are enabled, but this partition does not support one or both")),
            (Some("us-iso-east-1"), true, false, None, Ok("https://workspaces-fips.us-iso-east-1.c2s.ic.gov")),
            (Some("us-iso-east-1"), false, true, None, Err("DualStack is enabled but this partition does not support DualStack")),
            (Some("us-isob-east-1"), false, false, None, Ok("https://workspaces.us-isob-east-1.sc2s.sgov.gov")),
            (Some("us-isob-east-1"), true, true, None, Err("FIPS and DualStack are enabled, but this partition does not support one or both")),
            (Some("us-isob-east-1"), true, false, None, Ok("https://workspaces-fips.us-isob-east-1.sc2s.sgov.gov")),
            (Some("us-isob-east-1"), false, true, None, Err("DualStack is enabled but this partition does not support DualStack")),
            (Some("us-east-1"), false, false, Some("https://example.com"), Ok("https://example.com")),
            (None, false, false, Some("https://example.com"), Ok("https://example.com")),
            (Some("us-east-1"), true, false, Some("https://example.com"), Err("Invalid Configuration: FIPS and custom endpoint are not supported")),
            (Some("us-east-1"), false, true, Some("https://example.com"), Err("Invalid Configuration: Dualstack and custom endpoint are not supported")),
            (None, false, false, None, Err("Invalid Configuration: Missing Region")),
        ];
        assert_eq!(cases.len(), 40);
        for (region, fips, dual, endpoint, expected) in cases {
            let expected = expected.map(String::from).map_err(String::from);
            assert_eq!(run(*region, *fips, *dual, *endpoint), expected, "{region:?} fips={fips} dual={dual} {endpoint:?}");
        }
    }

    /// Partitions the model's tests do not reach, and our own guards.
    #[test]
    #[rustfmt::skip]
    fn other_partitions_and_guards() {
        let cases: &[(&str, bool, bool, Result<&str, &str>)] = &[
            ("eusc-de-east-1", false, false, Ok("https://workspaces.eusc-de-east-1.amazonaws.eu")),
            ("eusc-de-east-1", true, false, Ok("https://workspaces-fips.eusc-de-east-1.amazonaws.eu")),
            ("eusc-de-east-1", false, true, Err("DualStack is enabled but this partition does not support DualStack")),
            ("eu-isoe-west-1", false, false, Ok("https://workspaces.eu-isoe-west-1.cloud.adc-e.uk")),
            ("us-isof-south-1", true, false, Ok("https://workspaces-fips.us-isof-south-1.csp.hci.ic.gov")),
            ("us-iso-west-1", false, false, Ok("https://workspaces.us-iso-west-1.c2s.ic.gov")),
            ("mx-central-1", false, true, Ok("https://workspaces.mx-central-1.api.aws")),
            ("il-central-1", false, false, Ok("https://workspaces.il-central-1.amazonaws.com")),
            ("aws-cn-global", false, false, Ok("https://workspaces.aws-cn-global.amazonaws.com.cn")),
            ("aws-us-gov-global", true, false, Ok("https://workspaces-fips.aws-us-gov-global.amazonaws.com")),
            // No partition matches: the rules fall back to `aws`.
            ("xx-unknown-1", false, false, Ok("https://workspaces.xx-unknown-1.amazonaws.com")),
            ("local", false, false, Ok("https://workspaces.local.amazonaws.com")),
            ("cn-north", false, false, Ok("https://workspaces.cn-north.amazonaws.com")),
            ("us-east-1.evil.com/x", false, false, Err("Invalid Configuration: region `us-east-1.evil.com/x` is not a valid host label")),
            ("", false, false, Err("Invalid Configuration: region `` is not a valid host label")),
        ];
        for (region, fips, dual, expected) in cases {
            let expected = expected.map(String::from).map_err(String::from);
            assert_eq!(run(Some(region), *fips, *dual, None), expected, "{region} fips={fips} dual={dual}");
        }
    }

    #[test]
    #[rustfmt::skip]
    fn request_uri_and_host() {
        let cases: &[(&str, Result<&str, ()>, &str)] = &[
            ("https://workspaces.us-east-1.amazonaws.com", Ok("https://workspaces.us-east-1.amazonaws.com/"), "workspaces.us-east-1.amazonaws.com"),
            ("http://127.0.0.1:4566", Ok("http://127.0.0.1:4566/"), "127.0.0.1:4566"),
            ("http://localhost:4566/", Ok("http://localhost:4566/"), "localhost:4566"),
            ("http://localhost:80/prefix", Ok("http://localhost:80/prefix"), "localhost"),
            ("https://example.com:443", Ok("https://example.com:443/"), "example.com"),
            ("https://example.com:8443", Ok("https://example.com:8443/"), "example.com:8443"),
            ("http://[::1]:4566", Ok("http://[::1]:4566/"), "[::1]:4566"),
            ("localhost:4566", Err(()), ""),
            ("ftp://example.com", Err(()), ""),
            ("/just/a/path", Err(()), ""),
            ("not a url", Err(()), ""),
        ];
        for (endpoint, expected, host) in cases {
            match (request_uri(endpoint), expected) {
                (Ok(uri), Ok(want)) => {
                    assert_eq!(uri.to_string(), *want);
                    assert_eq!(host_header(&uri), *host, "{endpoint}");
                }
                (Err(e), Err(())) => assert!(e.to_string().contains(endpoint), "{e}"),
                (got, want) => panic!("{endpoint}: got {got:?}, want {want:?}"),
            }
        }
    }

    #[test]
    fn request_paths_go_under_the_endpoint_path() {
        let join = |endpoint: &str, path: &str| {
            with_path(&request_uri(endpoint).unwrap(), path)
                .unwrap()
                .to_string()
        };
        assert_eq!(join("http://localhost:4566", "/"), "http://localhost:4566/");
        assert_eq!(
            join("http://localhost:4566/prefix", "/"),
            "http://localhost:4566/prefix"
        );
        assert_eq!(
            join("http://localhost:4566", "/service/S/operation/O"),
            "http://localhost:4566/service/S/operation/O"
        );
        assert_eq!(
            join("http://localhost:4566/p/", "/service/S/operation/O"),
            "http://localhost:4566/p/service/S/operation/O"
        );
    }
}
