//! Header-level pieces of awsJson: media types, the `X-Amz-Target` split and request ids.

use ::http::HeaderValue;
use ::http::header::HeaderName;
use ::std::option::Option::{self, None, Some};

/// `X-Amz-Target: <prefix>.<Operation>` names the operation.
pub(crate) const X_AMZ_TARGET: HeaderName = HeaderName::from_static("x-amz-target");
/// The request id that AWS SDKs report with every response.
pub(crate) const X_AMZN_REQUEST_ID: HeaderName = HeaderName::from_static("x-amzn-requestid");
/// Error code header; aws-sdk-rust reads it before the body's `__type`.
pub(crate) const X_AMZN_ERROR_TYPE: HeaderName = HeaderName::from_static("x-amzn-errortype");

/// The awsJson version a request declared; the response answers in the same one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum JsonVersion {
    /// `application/x-amz-json-1.0`
    V1_0,
    /// `application/x-amz-json-1.1`
    V1_1,
}

impl JsonVersion {
    /// The media type sent back in `Content-Type`.
    pub(crate) fn media_type(self) -> &'static str {
        match self {
            JsonVersion::V1_0 => "application/x-amz-json-1.0",
            JsonVersion::V1_1 => "application/x-amz-json-1.1",
        }
    }
}

/// Reads `Content-Type`; `None` means a media type this protocol does not accept.
///
/// A missing or empty header is taken as 1.1 (some clients omit it for `{}`);
/// parameters such as `; charset=utf-8` are ignored and the comparison is
/// case-insensitive, as RFC 9110 says media types are.
pub(crate) fn json_version(value: Option<&HeaderValue>) -> Option<JsonVersion> {
    let Some(value) = value else {
        return Some(JsonVersion::V1_1);
    };
    let value = value.to_str().ok()?;
    let essence = value.split(';').next()?.trim();
    if value.trim().is_empty() || essence.eq_ignore_ascii_case(JsonVersion::V1_1.media_type()) {
        Some(JsonVersion::V1_1)
    } else if essence.eq_ignore_ascii_case(JsonVersion::V1_0.media_type()) {
        Some(JsonVersion::V1_0)
    } else {
        None
    }
}

/// Finds the operation named by `X-Amz-Target`, returning the dispatcher's own
/// `&'static str` so nothing the client wrote reaches logs. Exact match, as AWS does.
pub(crate) fn operation(
    value: Option<&HeaderValue>,
    prefix: &str,
    operations: &'static [&'static str],
) -> Option<&'static str> {
    let target = value?.to_str().ok()?;
    // strip_prefix rather than split_once: a prefix may itself contain dots.
    let name = target.strip_prefix(prefix)?.strip_prefix('.')?;
    operations.iter().copied().find(|op| *op == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ct(value: &str) -> Option<JsonVersion> {
        json_version(Some(&HeaderValue::from_str(value).unwrap()))
    }

    #[test]
    fn content_type_accepts_json_versions_with_params_and_case() {
        assert_eq!(json_version(None), Some(JsonVersion::V1_1));
        assert_eq!(ct(""), Some(JsonVersion::V1_1));
        assert_eq!(ct("application/x-amz-json-1.1"), Some(JsonVersion::V1_1));
        assert_eq!(ct("application/x-amz-json-1.0"), Some(JsonVersion::V1_0));
        assert_eq!(
            ct("application/x-amz-json-1.1; charset=utf-8"),
            Some(JsonVersion::V1_1)
        );
        assert_eq!(
            ct("  Application/X-Amz-Json-1.0 ;charset=UTF-8"),
            Some(JsonVersion::V1_0)
        );
        assert_eq!(ct("application/x-amz-json-1.1;"), Some(JsonVersion::V1_1));
    }

    #[test]
    fn content_type_rejects_other_media_types() {
        for bad in [
            "application/json",
            "text/plain",
            "application/x-amz-json-1.2",
            "application/x-amz-json-1.1x",
            "application/x-amz-cbor-1.1",
            "application/x-www-form-urlencoded; charset=utf-8",
            ";application/x-amz-json-1.1",
        ] {
            assert_eq!(ct(bad), None, "{bad}");
        }
        let opaque = HeaderValue::from_bytes(b"application/x-amz-json-1.1\xff").unwrap();
        assert_eq!(json_version(Some(&opaque)), None);
    }

    #[test]
    fn target_must_name_a_known_operation_of_this_service() {
        const OPS: &[&str] = &["CreateWorkspaces", "DescribeWorkspaces"];
        let op = |v: &str| {
            operation(
                Some(&HeaderValue::from_str(v).unwrap()),
                "WorkspacesService",
                OPS,
            )
        };
        assert_eq!(
            op("WorkspacesService.CreateWorkspaces"),
            Some("CreateWorkspaces")
        );
        assert_eq!(
            op("WorkspacesService.DescribeWorkspaces"),
            Some("DescribeWorkspaces")
        );
        for bad in [
            "WorkspacesService.Nope",
            "WorkspacesService.createWorkspaces",
            "WorkspacesService.",
            "WorkspacesService",
            "WorkspacesServiceX.CreateWorkspaces",
            "Other.CreateWorkspaces",
            "WorkspacesService.CreateWorkspaces.Extra",
            ".CreateWorkspaces",
            "",
        ] {
            assert_eq!(op(bad), None, "{bad}");
        }
        assert_eq!(operation(None, "WorkspacesService", OPS), None);
        let dotted = operation(Some(&HeaderValue::from_static("a.b.Op")), "a.b", &["Op"]);
        assert_eq!(dotted, Some("Op"));
    }
}
