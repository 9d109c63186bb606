//! Names the generator itself gives to items, methods and variants of the generated
//! crate, beside the names that come from the model. Lowering checks model-derived
//! names against these lists, and the emitters take their own names from here, so
//! the two cannot drift apart (a test in `tests/tests/fixtures.rs` checks every
//! generated file against them).

/// Items of the generated `client` module: `Client` and the runtime's re-exports.
pub const CLIENT_ITEMS: &[&str] = &[
    "Client",
    "Config",
    "ConfigBuilder",
    "Credentials",
    "CredentialsError",
    "CredentialsFuture",
    "DispatchError",
    "EndpointError",
    "HttpTransport",
    "HyperTransport",
    "InMemoryTransport",
    "ItemPaginator",
    "ItemStream",
    "PageFuture",
    "PageStream",
    "ProvideCredentials",
    "RetryConfig",
    "SPEC",
    "SdkConfig",
    "TransportError",
    "TransportErrorKind",
    "TransportFuture",
    "WireProtocol",
];

/// Methods of `Client` besides the operations (its own and derived traits').
pub const CLIENT_METHODS: &[&str] = &[
    "call",
    "clone",
    "config",
    "fmt",
    "from_conf",
    "from_env",
    "from_sdk_config",
    "load_from_env",
    "protocol",
    "new",
];

/// Methods of every structure builder besides the member setters.
pub const BUILDER_METHODS: &[&str] = &["build"];

/// Methods of every fluent builder besides the member setters.
pub const FLUENT_METHODS: &[&str] = &["new", "send", "as_input", "into_paginator"];

/// The suffix of a setter whose plain name is a builder's own method (`build_value`).
pub const SETTER_SUFFIX: &str = "Value";

/// An operation error enum's catch-all for errors the model does not list.
pub const UNHANDLED_VARIANT: &str = "Unhandled";
/// An operation error enum's variant for failures on the caller's side.
pub const CLIENT_VARIANT: &str = "Client";

/// Candidates, in order, for the catch-all variant of enums and unions.
pub const UNKNOWN_VARIANTS: &[&str] = &["Unknown", "UnknownValue", "UnknownVariant"];
