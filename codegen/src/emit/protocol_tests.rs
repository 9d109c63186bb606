//! `src/protocol_tests.rs` of the generated crate (`#[cfg(test)]`): one test per
//! `smithy.test` compliance case of the service's protocol. Request cases build the
//! input from the case's `params` and check the request the operation's
//! `serialize_request` makes; response cases feed status, headers and body to its
//! `parse_response` and compare with the output (or error) built from `params`.
//!
//! The codecs are crate-private, so the tests live in the crate.

use super::ident;
use super::literal::Literals;
use crate::ir::{Ir, Operation, Protocol, ProtocolTest, TestCase, TestTarget};
use crate::names;
use crate::output::RustFile;
use crate::smithy::ShapeId;
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};
use serde_json::Value;

/// The test file, or `None` when the model has no cases for its protocol.
pub(super) fn emit(ir: &Ir) -> Option<RustFile> {
    if ir.protocol_tests.is_empty() {
        return None;
    }
    let mut file = RustFile::new("src/protocol_tests.rs".to_owned());
    file.inner_doc("Compliance tests of the protocol, one per `smithy.test` case of the model.");
    // Request bodies the client writes, and response bodies the server writes.
    let json_bodies = ir.protocol_tests.iter().any(|t| json_body(&t.case));
    if json_bodies {
        file.push("", helpers());
    }
    let emitter = Emitter {
        ir,
        literals: Literals { ir },
    };
    // A case runs on each side it applies to: the client's codec, or the server's;
    // a case for both gets a second test, `<name>_server`.
    for test in &ir.protocol_tests {
        let name = test_name(ir, test);
        let applies = test.case.applies_to.as_deref();
        if applies != Some("server") {
            let client = emitter.test(test, &name, test.skip.clone(), Side::Client);
            file.push(&test.case.id, client);
        }
        if applies != Some("client") {
            let name = match applies {
                Some("server") => name,
                _ => format!("{name}_server"),
            };
            let server = emitter.test(test, &name, test.server_skip.clone(), Side::Server);
            file.push(&test.case.id, server);
        }
    }
    Some(file)
}

/// The case id as a function name; an id used by both a request and a response case
/// (allowed: they are different traits) gets `_request` or `_response` appended.
fn test_name(ir: &Ir, test: &ProtocolTest) -> String {
    let shared = ir
        .protocol_tests
        .iter()
        .filter(|t| t.case.id == test.case.id)
        .count()
        > 1;
    let suffix = match (&test.target, shared) {
        (_, false) => "",
        (TestTarget::Request(_), true) => "_request",
        _ => "_response",
    };
    names::fn_name(&format!("{}{suffix}", test.case.id)).ident
}

/// JSON compared as values (numbers by value, objects regardless of member order,
/// `__type` by the name after any namespace).
fn helpers() -> TokenStream {
    quote! {
        fn assert_json_eq(actual: &[u8], expected: &str) {
            let actual: crate::rt::__private::serde_json::Value = crate::rt::__private::serde_json::from_slice(actual).expect("the body is JSON");
            let expected: crate::rt::__private::serde_json::Value = crate::rt::__private::serde_json::from_str(expected).expect("the expected body is JSON");
            assert!(json_eq(&actual, &expected), "body\n  actual: {actual}\nexpected: {expected}");
        }

        fn json_eq(a: &crate::rt::__private::serde_json::Value, b: &crate::rt::__private::serde_json::Value) -> bool {
            use crate::rt::__private::serde_json::Value;
            match (a, b) {
                (Value::Number(x), Value::Number(y)) => x == y || x.as_f64() == y.as_f64(),
                (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| json_eq(x, y)),
                (Value::Object(x), Value::Object(y)) => {
                    x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| {
                        // `__type` as clients read it: the suites expect a name from a
                        // server in one version and an absolute shape id in the other.
                        let name = |v: &Value| v.as_str().map(|s| s.rsplit('#').next().unwrap_or(s).to_owned());
                        if k == "__type" { name(v) == name(w) } else { json_eq(v, w) }
                    }))
                }
                _ => a == b,
            }
        }
    }
}

/// Which side of the protocol a test runs.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    /// The client's codec: requests written, responses read.
    Client,
    /// The server's codec (`feature = "server"`): requests read, responses written.
    Server,
}

struct Emitter<'a> {
    ir: &'a Ir,
    literals: Literals<'a>,
}

impl Emitter<'_> {
    fn test(
        &self,
        test: &ProtocolTest,
        name: &str,
        skip: Option<String>,
        side: Side,
    ) -> TokenStream {
        let case = &test.case;
        let name = format_ident!("{name}");
        let docs = super::doc_attrs(case.documentation.as_deref().unwrap_or(&case.id));
        let body = match skip {
            Some(reason) => Err(reason),
            None => match (&test.target, side) {
                (TestTarget::Request(op), Side::Client) => self.request_test(test, op),
                (TestTarget::Request(op), Side::Server) => self.server_request_test(test, op),
                (TestTarget::Response(op), Side::Client) => self.response_test(test, op, None),
                (TestTarget::Response(op), Side::Server) => {
                    self.server_response_test(test, op, None)
                }
                (TestTarget::ErrorResponse { error, operation }, Side::Client) => {
                    self.response_test(test, operation, Some(error))
                }
                (TestTarget::ErrorResponse { error, operation }, Side::Server) => {
                    self.server_response_test(test, operation, Some(error))
                }
            }
            .map_err(|why| format!("the case's params do not fit the model: {why}")),
        };
        let (ignore, body) = match body {
            Ok(body) => (quote!(), body),
            Err(reason) => (quote!(#[ignore = #reason]), quote!()),
        };
        let server = (side == Side::Server).then(|| quote!(#[cfg(feature = "server")]));
        quote! {
            #docs
            #[test]
            #server
            #ignore
            fn #name() { #body }
        }
    }

    /// The server reads the case's request body into the case's input.
    fn server_request_test(
        &self,
        test: &ProtocolTest,
        op: &ShapeId,
    ) -> Result<TokenStream, String> {
        let case = &test.case;
        let empty = Value::Object(Default::default());
        let expected = self.literals.structure(
            &self.operation(op).input,
            case.params.as_ref().unwrap_or(&empty),
        )?;
        let parse = self.protocol_fn(test, op, "parse_request");
        let body = Literal::byte_string(&body_bytes(test)?);
        let compare = assert_equal(
            case.params.as_ref().unwrap_or(&empty),
            &quote!(input),
            &expected,
        );
        Ok(quote! {
            let (input, _missing) = #parse(#body).expect("the request parses");
            #compare
        })
    }

    /// The server writes the case's output (or error) as the case's body and status.
    fn server_response_test(
        &self,
        test: &ProtocolTest,
        op: &ShapeId,
        error: Option<&ShapeId>,
    ) -> Result<TokenStream, String> {
        let case = &test.case;
        let empty = Value::Object(Default::default());
        let params = case.params.as_ref().unwrap_or(&empty);
        let operation = self.operation(op);
        let write = match error {
            None => {
                let output = self.literals.structure(&operation.output, params)?;
                let serialize = self.protocol_fn(test, op, "serialize_output");
                quote!(let body = #serialize(&#output);)
            }
            Some(error) => {
                let value = self.literals.structure(error, params)?;
                let error_enum = super::error_enum_path(operation);
                let variant = ident(&self.ir.type_def(error).name);
                let serialize = self.protocol_fn(test, op, "serialize_error");
                let status = case.code.unwrap_or(400);
                quote! {
                    let error = #serialize(&#error_enum::#variant(#value));
                    assert_eq!(error.status, #status, "status");
                    let body = error.body.expect("a modeled error has a body").to_vec();
                }
            }
        };
        let check = body_check(test, &quote!(body))?;
        Ok(quote! {
            #write
            #check
        })
    }

    fn operation(&self, id: &ShapeId) -> &Operation {
        self.ir
            .operations
            .iter()
            .find(|o| o.id == *id)
            .expect("cases name operations of the IR")
    }

    /// A codec function of an operation, in the case's protocol.
    fn protocol_fn(&self, test: &ProtocolTest, op: &ShapeId, function: &str) -> TokenStream {
        super::protocol::operation_fn(test.protocol, self.operation(op), function)
    }

    fn request_test(&self, test: &ProtocolTest, op: &ShapeId) -> Result<TokenStream, String> {
        let case = &test.case;
        let input_id = &self.operation(op).input;
        let input = self.literals.structure(
            input_id,
            case.params
                .as_ref()
                .unwrap_or(&Value::Object(Default::default())),
        )?;
        let serialize = self.protocol_fn(test, op, "serialize_request");
        let mut checks = Vec::new();
        if let Some(method) = &case.method {
            checks.push(quote!(assert_eq!(request.method().as_str(), #method);));
        }
        if let Some(uri) = &case.uri {
            checks.push(quote!(assert_eq!(request.uri().path(), #uri);));
        }
        for param in &case.query_params {
            checks.push(quote! {
                assert!(request.uri().query().unwrap_or("").split('&').any(|p| p == #param), "query lacks {}", #param);
            });
        }
        for (name, value) in &case.headers {
            let name = name.to_ascii_lowercase();
            checks.push(quote! {
                assert_eq!(request.headers().get(#name).and_then(|v| v.to_str().ok()), ::std::option::Option::Some(#value), "header {}", #name);
            });
        }
        for name in &case.forbid_headers {
            let name = name.to_ascii_lowercase();
            checks.push(quote!(assert!(!request.headers().contains_key(#name), "forbidden header {}", #name);));
        }
        for name in &case.require_headers {
            let name = name.to_ascii_lowercase();
            checks.push(quote!(assert!(request.headers().contains_key(#name), "required header {}", #name);));
        }
        checks.push(body_check(test, &quote!(request.body()))?);
        Ok(quote! {
            let input = #input;
            let request = #serialize(&input);
            #(#checks)*
        })
    }

    fn response_test(
        &self,
        test: &ProtocolTest,
        op: &ShapeId,
        error: Option<&ShapeId>,
    ) -> Result<TokenStream, String> {
        let case = &test.case;
        let empty = Value::Object(Default::default());
        let params = case.params.as_ref().unwrap_or(&empty);
        let parse = self.protocol_fn(test, op, "parse_response");
        let status = case.code.unwrap_or(200);
        let headers = case.headers.iter().map(|(name, value)| {
            let name = name.to_ascii_lowercase();
            quote!(headers.insert(crate::rt::http::HeaderName::from_static(#name), crate::rt::http::HeaderValue::from_static(#value));)
        });
        let body = Literal::byte_string(&body_bytes(test)?);
        let compare = match error {
            None => {
                let output = self.operation(op).output.clone();
                let expected = self.literals.structure(&output, params)?;
                let actual = quote!(actual.expect("the response parses"));
                assert_equal(params, &actual, &expected)
            }
            Some(error) => {
                let expected = self.literals.structure(error, params)?;
                let error_enum = super::error_enum_path(self.operation(op));
                let variant = ident(&self.ir.type_def(error).name);
                let check = assert_equal(params, &quote!(error), &expected);
                quote! {
                    match actual {
                        ::std::result::Result::Err(#error_enum::#variant(error)) => { #check }
                        other => panic!("expected the error {}, got {other:?}", stringify!(#variant)),
                    }
                }
            }
        };
        Ok(quote! {
            #[allow(unused_mut)]
            let mut headers = crate::rt::http::HeaderMap::new();
            #(#headers)*
            let actual = #parse(#status, &headers, #body);
            #compare
        })
    }
}

/// `assert_eq!`, or for params with a `NaN` (which is not equal to itself) the same on
/// the `Debug` forms (no case with a `NaN` has a map, whose `Debug` order would vary).
fn assert_equal(params: &Value, actual: &TokenStream, expected: &TokenStream) -> TokenStream {
    fn has_nan(v: &Value) -> bool {
        match v {
            Value::String(s) => s == "NaN",
            Value::Array(items) => items.iter().any(has_nan),
            Value::Object(members) => members.values().any(has_nan),
            _ => false,
        }
    }
    if has_nan(params) {
        quote!(assert_eq!(format!("{:?}", #actual), format!("{:?}", #expected));)
    } else {
        quote!(assert_eq!(#actual, #expected);)
    }
}

/// A non-empty body of a JSON media type, compared as JSON.
fn json_body(case: &TestCase) -> bool {
    case.body.as_ref().is_some_and(|b| !b.is_empty())
        && case
            .body_media_type
            .as_deref()
            .is_some_and(|m| m.ends_with("json"))
}

/// A CBOR body (of an rpcv2Cbor case, or of the CBOR media type): base64 in the
/// case, as CBOR is binary.
fn cbor_body(test: &ProtocolTest) -> bool {
    test.protocol == Protocol::RpcV2Cbor
        || test.case.body_media_type.as_deref() == Some("application/cbor")
}

/// The bytes of the case's body: base64-decoded for CBOR.
fn body_bytes(test: &ProtocolTest) -> Result<Vec<u8>, String> {
    let body = test.case.body.as_deref().unwrap_or("");
    if !cbor_body(test) {
        return Ok(body.as_bytes().to_vec());
    }
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD
        .decode(body)
        .map_err(|e| format!("the CBOR body is not base64: {e}"))
}

/// The body check: JSON and CBOR by value for their media types, bytes otherwise,
/// none when absent.
fn body_check(test: &ProtocolTest, actual: &TokenStream) -> Result<TokenStream, String> {
    let case = &test.case;
    Ok(match &case.body {
        None => quote!(),
        Some(body) if body.is_empty() => {
            quote!(assert!(#actual.is_empty(), "the body should be empty");)
        }
        Some(body) if json_body(case) => quote!(assert_json_eq(&#actual, #body);),
        Some(_) if cbor_body(test) => {
            let bytes = Literal::byte_string(&body_bytes(test)?);
            quote! {
                if let ::std::result::Result::Err(difference) = crate::rt::cbor::equivalent(&#actual, #bytes) {
                    panic!("the body differs: {difference}");
                }
            }
        }
        Some(_) => {
            let bytes = Literal::byte_string(&body_bytes(test)?);
            quote!(assert_eq!(&#actual[..], #bytes);)
        }
    })
}

#[cfg(test)]
mod tests {
    /// One request case per way a case is emitted: for the server alone, listed in the
    /// settings, params that do not fit, of another protocol, and one that runs on both
    /// sides but for a server-side skip.
    const MODEL: &str = r#"{
        "smithy": "2.0",
        "shapes": {
            "t#Svc": { "type": "service", "operations": [{ "target": "t#Op" }],
                       "traits": { "aws.protocols#awsJson1_1": {} } },
            "t#Op": { "type": "operation", "input": { "target": "t#OpInput" },
                "traits": { "smithy.test#httpRequestTests": [
                    { "id": "ServerOnly", "protocol": "aws.protocols#awsJson1_1", "method": "POST", "uri": "/", "appliesTo": "server" },
                    { "id": "Listed", "protocol": "aws.protocols#awsJson1_1", "method": "POST", "uri": "/" },
                    { "id": "Misfit", "protocol": "aws.protocols#awsJson1_1", "method": "POST", "uri": "/", "params": { "Nope": 1 } },
                    { "id": "OtherProtocol", "protocol": "aws.protocols#restJson1", "method": "GET", "uri": "/x" },
                    { "id": "Runs", "protocol": "aws.protocols#awsJson1_1", "method": "POST", "uri": "/",
                      "params": { "When": 1.5 }, "body": "{\"When\":1.5}", "bodyMediaType": "application/json" }
                ] } },
            "t#OpInput": { "type": "structure", "members": { "When": { "target": "smithy.api#Timestamp" } } }
        }
    }"#;

    #[test]
    fn cases_are_emitted_run_or_ignored_with_a_reason() {
        let model = crate::parse(MODEL).unwrap();
        let settings = crate::Settings::from_json(
            r#"{ "protocolTestSkips": { "Listed": "a reason", "Runs/server": "not here" } }"#,
        )
        .unwrap();
        let files = crate::generate(&model, &settings, &Default::default()).unwrap();
        let file = &files
            .iter()
            .find(|f| f.path == "src/protocol_tests.rs")
            .expect("the test file")
            .contents;
        let ignored = |id: &str| {
            file.split(&format!("fn {id}()"))
                .next()
                .unwrap()
                .rsplit("#[test]")
                .next()
                .unwrap()
                .contains("#[ignore")
        };
        let server_side = |id: &str| {
            file.split(&format!("fn {id}()"))
                .next()
                .unwrap()
                .rsplit("#[test]")
                .next()
                .unwrap()
                .contains("#[cfg(feature = \"server\")]")
        };
        assert!(!ignored("server_only") && server_side("server_only"));
        assert!(!file.contains("fn server_only_server()"));
        assert!(ignored("listed") && ignored("listed_server"));
        assert!(file.contains("#[ignore = \"a reason\"]"));
        assert!(ignored("runs_server") && file.contains("#[ignore = \"not here\"]"));
        assert!(!server_side("runs") && server_side("runs_server"));
        assert!(ignored("misfit") && file.contains("t#OpInput has no member Nope"));
        assert!(
            !ignored("runs") && file.contains("Timestamp::from_epoch_str(\"1.5\")"),
            "{file}"
        );
        assert!(!file.contains("other_protocol"));
    }

    #[test]
    fn no_cases_no_file() {
        let plain = r#"{ "smithy": "2.0", "shapes": {
            "t#Svc": { "type": "service", "operations": [{ "target": "t#Op" }], "traits": { "aws.protocols#awsJson1_1": {} } },
            "t#Op": { "type": "operation" } } }"#;
        let files = crate::generate(
            &crate::parse(plain).unwrap(),
            &crate::Settings::default(),
            &Default::default(),
        )
        .unwrap();
        assert!(files.iter().all(|f| f.path != "src/protocol_tests.rs"));
        let lib = &files
            .iter()
            .find(|f| f.path == "src/lib.rs")
            .expect("lib.rs")
            .contents;
        assert!(!lib.contains("mod protocol_tests"));
    }
}
