//! SigV4 request signing with the aws-sigv4 crate, signing the same headers
//! as botocore.

use ::std::borrow::Cow;
use ::std::boxed::Box;
use ::std::error::Error;
use ::std::result::Result::{self, Ok};
use ::std::string::ToString;
use ::std::time::SystemTime;
use ::std::vec::Vec;

use ::aws_credential_types::Credentials;
use ::aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings};
use ::bytes::Bytes;

/// Headers left out of the signature besides aws-sigv4's defaults
/// (`authorization`, `user-agent`, `x-amzn-trace-id`, `transfer-encoding`).
///
/// botocore adds `amz-sdk-invocation-id` and `amz-sdk-request` after signing
/// (its retry-header handler runs after the signer) and `content-length` when
/// the request is prepared, so none of them is in its `SignedHeaders`. With these
/// left out too, a request signs as `content-type;host;x-amz-date;x-amz-target`
/// (plus `x-amz-security-token` with a session token), exactly like botocore.
const ALSO_UNSIGNED: &[&str] = &["amz-sdk-invocation-id", "amz-sdk-request", "content-length"];

/// Signs `request` in place: adds `x-amz-date`, `x-amz-security-token` (when the
/// credentials have a session token) and `authorization`.
///
/// The request must have an absolute URI and its `host` header already set.
pub(super) fn sign(
    request: &mut ::http::Request<Bytes>,
    credentials: &Credentials,
    region: &str,
    signing_name: &str,
    time: SystemTime,
) -> Result<(), Box<dyn Error + Send + Sync>> {
    let mut settings = SigningSettings::default();
    let excluded = settings.excluded_headers.get_or_insert_with(Vec::new);
    excluded.extend(ALSO_UNSIGNED.iter().map(|h| Cow::Borrowed(*h)));
    let identity = credentials.clone().into();
    let params = ::aws_sigv4::sign::v4::SigningParams::builder()
        .identity(&identity)
        .region(region)
        .name(signing_name)
        .time(time)
        .settings(settings)
        .build()?
        .into();
    let headers = request
        .headers()
        .iter()
        .map(|(name, value)| Ok((name.as_str(), value.to_str()?)))
        .collect::<Result<Vec<_>, ::http::header::ToStrError>>()?;
    let uri = request.uri().to_string();
    let signable = SignableRequest::new(
        request.method().as_str(),
        uri,
        headers.into_iter(),
        SignableBody::Bytes(request.body()),
    )?;
    let (instructions, _signature) =
        ::aws_sigv4::http_request::sign(signable, &params)?.into_parts();
    instructions.apply_to_request_http1x(request);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ::std::option::Option::{self, None, Some};
    use ::std::string::String;
    use ::std::time::Duration;

    // Vectors from botocore 1.44.5 (SigV4Auth, through a real `workspaces`
    // client with its clock fixed), for DescribeWorkspaces in us-east-1.
    const TIME: u64 = 1_732_192_496; // 2024-11-21T12:34:56Z
    const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    fn signed(uri: &str, body: &'static str, token: Option<&str>) -> ::http::Request<Bytes> {
        let uri: ::http::Uri = uri.parse().unwrap();
        let host = super::super::endpoint::host_header(&uri);
        let mut request = ::http::Request::post(uri)
            .header("content-type", "application/x-amz-json-1.1")
            .header("x-amz-target", "WorkspacesService.DescribeWorkspaces")
            .header("host", host)
            .header("content-length", body.len())
            .header("user-agent", "test/1")
            .header(
                "amz-sdk-invocation-id",
                "c29384bb-ac71-4ce1-8c21-f8cc6e265517",
            )
            .header("amz-sdk-request", "attempt=1; max=3")
            .body(Bytes::from_static(body.as_bytes()))
            .unwrap();
        let credentials =
            Credentials::new("AKIDEXAMPLE", SECRET, token.map(String::from), None, "test");
        let time = SystemTime::UNIX_EPOCH + Duration::from_secs(TIME);
        sign(&mut request, &credentials, "us-east-1", "workspaces", time).unwrap();
        request
    }

    fn header<'a>(request: &'a ::http::Request<Bytes>, name: &str) -> &'a str {
        request.headers()[name].to_str().unwrap()
    }

    #[test]
    fn matches_botocore_without_session_token() {
        let request = signed("https://workspaces.us-east-1.amazonaws.com/", "{}", None);
        assert_eq!(header(&request, "x-amz-date"), "20241121T123456Z");
        assert_eq!(
            header(&request, "authorization"),
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20241121/us-east-1/workspaces/aws4_request, \
             SignedHeaders=content-type;host;x-amz-date;x-amz-target, \
             Signature=48c0836a8e45e5ac8bef8972aa88b710872f696b0cfca266adb6543a7f288b35"
        );
        assert!(request.headers().get("x-amz-security-token").is_none());
    }

    #[test]
    fn matches_botocore_with_session_token() {
        let token = "SESSIONTOKEN/EXAMPLE+=";
        let request = signed(
            "https://workspaces.us-east-1.amazonaws.com/",
            "{\"Limit\": 5}",
            Some(token),
        );
        assert_eq!(header(&request, "x-amz-security-token"), token);
        assert!(request.headers()["x-amz-security-token"].is_sensitive());
        assert_eq!(
            header(&request, "authorization"),
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20241121/us-east-1/workspaces/aws4_request, \
             SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target, \
             Signature=fa1acf92ab5af2194d84c25e02d2d4a55d7d4389c3d3ad4b6b8a33e12f8eac29"
        );
    }

    #[test]
    fn matches_botocore_for_a_local_endpoint_with_port() {
        let request = signed("http://127.0.0.1:4566/", "{}", None);
        assert_eq!(
            header(&request, "authorization"),
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20241121/us-east-1/workspaces/aws4_request, \
             SignedHeaders=content-type;host;x-amz-date;x-amz-target, \
             Signature=26f6fd26c1a2fe0a86924cbc472964db41ca44236fad832cfeb2f7ca9b629c5f"
        );
    }
}
