//! `src/protocol_tests.rs` of the generated crate (`#[cfg(test)]`): one test per
//! `smithy.test` compliance case of the service's protocol. Request cases build the
//! input from the case's `params` and check the request the operation's
//! `serialize_request` makes; response cases feed status, headers and body to its
//! `parse_response` and compare with the output (or error) built from `params`.
//!
//! The codecs are crate-private, so the tests live in the crate.

use super::ident;
use crate::ir::{Ir, Operation, ProtocolTest, RefKind, TestCase, TestTarget, TypeKind, TypeRef};
use crate::names;
use crate::output::RustFile;
use crate::smithy::ShapeId;
use proc_macro2::{Literal, TokenStream};
use quote::{ToTokens as _, format_ident, quote};
use serde_json::Value;

/// The test file, or `None` when the model has no cases for its protocol.
pub(super) fn emit(ir: &Ir) -> Option<RustFile> {
    if ir.protocol_tests.is_empty() {
        return None;
    }
    let mut file = RustFile::new("src/protocol_tests.rs".to_owned());
    file.inner_doc("Compliance tests of the protocol, one per `smithy.test` case of the model.");
    let json_bodies = ir
        .protocol_tests
        .iter()
        .any(|t| matches!(t.target, TestTarget::Request(_)) && json_body(&t.case));
    if json_bodies {
        file.push("", helpers());
    }
    let emitter = Emitter { ir };
    for test in &ir.protocol_tests {
        let name = test_name(ir, test);
        let skip = test.skip.clone().or_else(|| {
            (test.case.applies_to.as_deref() == Some("server"))
                .then(|| "a server-side case; the generated tests are the client's".to_owned())
        });
        file.push(&test.case.id, emitter.test(test, &name, skip));
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

/// JSON compared as values (numbers by value, objects regardless of member order).
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
                    x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| json_eq(v, w)))
                }
                _ => a == b,
            }
        }
    }
}

struct Emitter<'a> {
    ir: &'a Ir,
}

impl Emitter<'_> {
    fn test(&self, test: &ProtocolTest, name: &str, skip: Option<String>) -> TokenStream {
        let case = &test.case;
        let name = format_ident!("{name}");
        let docs = super::doc_attrs(case.documentation.as_deref().unwrap_or(&case.id));
        let body = match skip {
            Some(reason) => Err(reason),
            None => match &test.target {
                TestTarget::Request(op) => self.request_test(op, case),
                TestTarget::Response(op) => self.response_test(op, None, case),
                TestTarget::ErrorResponse { error, operation } => {
                    self.response_test(operation, Some(error), case)
                }
            }
            .map_err(|why| format!("the case's params do not fit the model: {why}")),
        };
        let (ignore, body) = match body {
            Ok(body) => (quote!(), body),
            Err(reason) => (quote!(#[ignore = #reason]), quote!()),
        };
        quote! {
            #docs
            #[test]
            #ignore
            fn #name() { #body }
        }
    }

    fn operation(&self, id: &ShapeId) -> &Operation {
        self.ir
            .operations
            .iter()
            .find(|o| o.id == *id)
            .expect("cases name operations of the IR")
    }

    /// A codec function of an operation.
    fn protocol_fn(&self, op: &ShapeId, function: &str) -> TokenStream {
        let module = ident(&self.operation(op).module);
        let function = format_ident!("{function}");
        quote!(crate::protocol::operation::#module::#function)
    }

    fn request_test(&self, op: &ShapeId, case: &TestCase) -> Result<TokenStream, String> {
        let input_id = &self.operation(op).input;
        let input = self.structure(
            input_id,
            case.params
                .as_ref()
                .unwrap_or(&Value::Object(Default::default())),
        )?;
        let serialize = self.protocol_fn(op, "serialize_request");
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
        checks.push(body_check(case));
        Ok(quote! {
            let input = #input;
            let request = #serialize(&input);
            #(#checks)*
        })
    }

    fn response_test(
        &self,
        op: &ShapeId,
        error: Option<&ShapeId>,
        case: &TestCase,
    ) -> Result<TokenStream, String> {
        let empty = Value::Object(Default::default());
        let params = case.params.as_ref().unwrap_or(&empty);
        let parse = self.protocol_fn(op, "parse_response");
        let status = case.code.unwrap_or(200);
        let headers = case.headers.iter().map(|(name, value)| {
            let name = name.to_ascii_lowercase();
            quote!(headers.insert(crate::rt::http::HeaderName::from_static(#name), crate::rt::http::HeaderValue::from_static(#value));)
        });
        let body = Literal::byte_string(case.body.as_deref().unwrap_or("").as_bytes());
        let compare = match error {
            None => {
                let output = self.operation(op).output.clone();
                let expected = self.structure(&output, params)?;
                let actual = quote!(actual.expect("the response parses"));
                assert_equal(params, &actual, &expected)
            }
            Some(error) => {
                let expected = self.structure(error, params)?;
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

    fn type_path(&self, id: &ShapeId) -> TokenStream {
        super::type_path(self.ir, id)
    }

    fn primitive(&self, name: &str) -> TokenStream {
        let name = format_ident!("{name}");
        quote!(crate::primitives::#name)
    }

    /// A structure through its builder; `params` must be an object of its members.
    fn structure(&self, id: &ShapeId, params: &Value) -> Result<TokenStream, String> {
        let TypeKind::Structure(s) = &self.ir.type_def(id).kind else {
            return Err(format!("{id} is not a structure"));
        };
        let Value::Object(members) = params else {
            return Err(format!("{id} needs an object, not {params}"));
        };
        let mut setters = Vec::new();
        for (wire, value) in members {
            let member = s
                .members
                .iter()
                .find(|m| m.name.wire == *wire)
                .ok_or_else(|| format!("{id} has no member {wire}"))?;
            let setter = ident(&member.set_whole);
            if value.is_null() {
                continue;
            }
            let value = self.value(&member.ty, value)?;
            let value = if member.boxed {
                quote!(::std::boxed::Box::new(#value))
            } else {
                value
            };
            setters.push(quote!(.#setter(::std::option::Option::Some(#value))));
        }
        let path = self.type_path(id);
        Ok(
            quote!(#path::builder() #(#setters)* .build().expect("the params set every required member")),
        )
    }

    /// A Rust expression of type `ty` for a Smithy node value.
    fn value(&self, ty: &TypeRef, value: &Value) -> Result<TokenStream, String> {
        let mismatch = || format!("{value} is not a {:?}", ty.kind);
        let int = || value.as_i64().ok_or_else(mismatch);
        Ok(match &ty.kind {
            RefKind::Boolean => {
                let b = value.as_bool().ok_or_else(mismatch)?;
                quote!(#b)
            }
            RefKind::Byte => Literal::i8_suffixed(i8::try_from(int()?).map_err(|_| mismatch())?)
                .into_token_stream(),
            RefKind::Short => Literal::i16_suffixed(i16::try_from(int()?).map_err(|_| mismatch())?)
                .into_token_stream(),
            RefKind::Integer => {
                Literal::i32_suffixed(i32::try_from(int()?).map_err(|_| mismatch())?)
                    .into_token_stream()
            }
            RefKind::Long => Literal::i64_suffixed(int()?).into_token_stream(),
            RefKind::Float => float(value, quote!(f32), |f| Literal::f32_suffixed(f as f32))
                .ok_or_else(mismatch)?,
            RefKind::Double => {
                float(value, quote!(f64), Literal::f64_suffixed).ok_or_else(mismatch)?
            }
            RefKind::BigInteger | RefKind::BigDecimal => {
                let text = match value {
                    Value::Number(n) => n.to_string(),
                    Value::String(s) => s.clone(),
                    _ => return Err(mismatch()),
                };
                let ty = self.primitive(if ty.kind == RefKind::BigInteger {
                    "BigInteger"
                } else {
                    "BigDecimal"
                });
                quote!(#text.parse::<#ty>().expect("a number"))
            }
            RefKind::String => {
                let s = value.as_str().ok_or_else(mismatch)?;
                quote!(::std::string::String::from(#s))
            }
            RefKind::Timestamp => {
                let ts = self.primitive("Timestamp");
                match value {
                    Value::Number(n) if n.is_i64() => {
                        let secs = n.as_i64().expect("checked");
                        quote!(#ts::from_secs(#secs))
                    }
                    Value::Number(n) => {
                        let text = n.to_string();
                        quote!(#ts::from_epoch_str(#text).expect("epoch seconds"))
                    }
                    _ => return Err(mismatch()),
                }
            }
            RefKind::Blob => {
                let bytes = Literal::byte_string(value.as_str().ok_or_else(mismatch)?.as_bytes());
                let blob = self.primitive("Blob");
                quote!(#blob::new(#bytes.to_vec()))
            }
            RefKind::Document => self.document(value),
            RefKind::List { member, sparse } => {
                let items = value.as_array().ok_or_else(mismatch)?;
                let items = items
                    .iter()
                    .map(|item| self.element(member, *sparse, item))
                    .collect::<Result<Vec<_>, _>>()?;
                quote!(::std::vec![#(#items),*])
            }
            RefKind::Map {
                value: value_ty,
                sparse,
                ..
            } => {
                let entries = value.as_object().ok_or_else(mismatch)?;
                let entries = entries
                    .iter()
                    .map(|(key, item)| {
                        let item = self.element(value_ty, *sparse, item)?;
                        Ok(quote!((::std::string::String::from(#key), #item)))
                    })
                    .collect::<Result<Vec<_>, String>>()?;
                quote!(::std::collections::HashMap::from([#(#entries),*]))
            }
            RefKind::Named(id) => self.named(id, value)?,
        })
    }

    /// A list element or map value: `None` for a sparse `null`.
    fn element(&self, ty: &TypeRef, sparse: bool, value: &Value) -> Result<TokenStream, String> {
        match (sparse, value) {
            (true, Value::Null) => Ok(quote!(::std::option::Option::None)),
            (true, _) => {
                let value = self.value(ty, value)?;
                Ok(quote!(::std::option::Option::Some(#value)))
            }
            (false, Value::Null) => Err("a dense collection holds null".to_owned()),
            (false, _) => self.value(ty, value),
        }
    }

    fn named(&self, id: &ShapeId, value: &Value) -> Result<TokenStream, String> {
        let path = self.type_path(id);
        match &self.ir.type_def(id).kind {
            TypeKind::Structure(_) => self.structure(id, value),
            TypeKind::Enum(_) => {
                let v = value
                    .as_str()
                    .ok_or_else(|| format!("{id} needs a string, not {value}"))?;
                Ok(quote!(#path::from(#v)))
            }
            TypeKind::IntEnum(_) => {
                let v = value
                    .as_i64()
                    .and_then(|v| i32::try_from(v).ok())
                    .ok_or_else(|| format!("{id} needs an integer"))?;
                Ok(quote!(#path::from(#v)))
            }
            TypeKind::Union(u) => {
                let Some((wire, inner)) = value
                    .as_object()
                    .filter(|o| o.len() == 1)
                    .and_then(|o| o.iter().next())
                else {
                    return Err(format!("{id} needs an object with one member, not {value}"));
                };
                let variant = u
                    .variants
                    .iter()
                    .find(|v| v.name.wire == *wire)
                    .ok_or_else(|| format!("{id} has no member {wire}"))?;
                let name = ident(&variant.name);
                match &variant.ty {
                    None => Ok(quote!(#path::#name)),
                    Some(ty) => {
                        let inner = self.value(ty, inner)?;
                        let inner = if variant.boxed {
                            quote!(::std::boxed::Box::new(#inner))
                        } else {
                            inner
                        };
                        Ok(quote!(#path::#name(#inner)))
                    }
                }
            }
        }
    }

    fn document(&self, value: &Value) -> TokenStream {
        let doc = self.primitive("Document");
        let number = self.primitive("Number");
        match value {
            Value::Null => quote!(#doc::Null),
            Value::Bool(b) => quote!(#doc::Bool(#b)),
            Value::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
                (Some(u), _, _) => quote!(#doc::Number(#number::PosInt(#u))),
                (None, Some(i), _) => quote!(#doc::Number(#number::NegInt(#i))),
                (None, None, f) => {
                    let f = f.unwrap_or(f64::NAN);
                    quote!(#doc::Number(#number::Float(#f)))
                }
            },
            Value::String(s) => quote!(#doc::String(::std::string::String::from(#s))),
            Value::Array(items) => {
                let items = items.iter().map(|item| self.document(item));
                quote!(#doc::Array(::std::vec![#(#items),*]))
            }
            Value::Object(members) => {
                let members = members.iter().map(|(k, v)| {
                    let v = self.document(v);
                    quote!((::std::string::String::from(#k), #v))
                });
                quote!(#doc::Object(::std::collections::BTreeMap::from([#(#members),*])))
            }
        }
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

/// A float literal, or the constant for the node values `"NaN"`, `"Infinity"`, `"-Infinity"`.
fn float(value: &Value, ty: TokenStream, literal: impl Fn(f64) -> Literal) -> Option<TokenStream> {
    match value {
        Value::Number(n) => n.as_f64().map(|f| literal(f).into_token_stream()),
        Value::String(s) if s == "NaN" => Some(quote!(#ty::NAN)),
        Value::String(s) if s == "Infinity" => Some(quote!(#ty::INFINITY)),
        Value::String(s) if s == "-Infinity" => Some(quote!(#ty::NEG_INFINITY)),
        _ => None,
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

/// The body check: JSON by value for a JSON media type, bytes otherwise, none when absent.
fn body_check(case: &TestCase) -> TokenStream {
    match (&case.body, case.body_media_type.as_deref()) {
        (None, _) => quote!(),
        (Some(body), _) if body.is_empty() => {
            quote!(assert!(request.body().is_empty(), "the body should be empty");)
        }
        (Some(body), _) if json_body(case) => quote!(assert_json_eq(request.body(), #body);),
        (Some(body), _) => {
            let bytes = Literal::byte_string(body.as_bytes());
            quote!(assert_eq!(request.body().as_slice(), #bytes);)
        }
    }
}

#[cfg(test)]
mod tests {
    /// One request case per way a case can be left out: on the server side, listed in
    /// the settings, params that do not fit; one of another protocol; one that runs.
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
        let settings =
            crate::Settings::from_json(r#"{ "protocolTestSkips": { "Listed": "a reason" } }"#)
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
        assert!(ignored("server_only") && file.contains("a server-side case"));
        assert!(ignored("listed") && file.contains("#[ignore = \"a reason\"]"));
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
