//! Codegen settings: a small JSON file beside the model (`model/<model>.settings.json`).

use ::std::collections::BTreeMap;
use serde::Deserialize;

/// What the model does not say: crate identity and declared pagination.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Settings {
    /// Package name of the generated crate; default: the service's `sdkId`, kebab-cased.
    #[serde(default)]
    pub crate_name: Option<String>,
    /// Package version; default `0.1.0`.
    #[serde(default)]
    pub crate_version: Option<String>,
    /// The service shape to generate when the model has several.
    #[serde(default)]
    pub service: Option<String>,
    /// The protocols to generate, by trait shape id, the default first; default:
    /// every protocol of the service that the generator speaks, rpcv2Cbor first.
    #[serde(default)]
    pub protocols: Option<Vec<String>>,
    /// Pagination for operations the model does not mark `@paginated`, by operation name.
    #[serde(default)]
    pub paginators: BTreeMap<String, Paginator>,
    /// Compliance cases (`smithy.test`) to emit as ignored, with the reason: by case id,
    /// or `<id>/request` / `<id>/response` for one of a request and a response case sharing an id,
    /// or `<id>/server` for the server side of a case alone.
    #[serde(default)]
    pub protocol_test_skips: BTreeMap<String, String>,
}

/// The `@paginated` trait's fields, for an operation that lacks the trait.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Paginator {
    pub input_token: String,
    pub output_token: String,
    #[serde(default)]
    pub items: Option<String>,
    #[serde(default)]
    pub page_size: Option<String>,
}

impl Settings {
    /// Reads a settings file's text; errors name the file's JSON position.
    pub fn from_json(text: &str) -> Result<Self, crate::Error> {
        serde_json::from_str(text).map_err(|e| crate::Error {
            kind: crate::ErrorKind::MalformedJson,
            file: None,
            shape: None,
            member: None,
            line_column: Some((e.line(), e.column())),
            message: format!("settings: {e}"),
        })
    }
}
