//! awsJson 1.0 and 1.1: `POST /` with `X-Amz-Target: <Service>.<Operation>`, bodies
//! as JSON objects keyed by member name, errors named by `__type`.
//!
//! Codecs are `JsonSerialize`/`JsonDeserialize` impls written per type (no serde
//! derive on the types, which stay protocol-free); the generic parts live in the
//! runtime's `rt::json`.

use super::ProtocolGenerator;
use crate::emit::{ident, rust_type, type_path};
use crate::ir::{Enum, IntEnum, Ir, Member, Operation, RefKind, Structure, TimestampFormat, TypeDef, TypeKind, Union};
use crate::output::RustFile;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

pub(super) struct AwsJson {
    pub content_type: &'static str,
}

impl ProtocolGenerator for AwsJson {
    fn content_type(&self) -> &'static str {
        self.content_type
    }

    fn emit(&self, ir: &Ir) -> RustFile {
        let mut file = RustFile::new("src/protocol.rs".to_owned());
        file.inner_doc(&format!(
            "The {} protocol: request and response codecs for every operation.",
            if self.content_type.ends_with("1.0") { "awsJson 1.0" } else { "awsJson 1.1" }
        ));
        file.push("", self.constants(ir));
        for op in &ir.operations {
            file.push(&op.name.wire, operation(ir, op));
        }
        for def in ir.types.values() {
            let tokens = match &def.kind {
                TypeKind::Structure(s) => structure(ir, def, s),
                TypeKind::Union(u) => union(ir, def, u),
                TypeKind::Enum(e) => string_enum(def, e),
                TypeKind::IntEnum(e) => int_enum(def, e),
            };
            file.push(&def.name.ident, tokens);
        }
        file
    }
}

impl AwsJson {
    fn constants(&self, ir: &Ir) -> TokenStream {
        let content_type = self.content_type;
        let prefix = &ir.service.target_prefix;
        quote! {
            pub use crate::rt::json::{DeContext, DeError, Path, Segment};

            /// The `Content-Type` of requests and responses.
            pub const CONTENT_TYPE: &str = #content_type;

            /// The service name that prefixes every `X-Amz-Target`.
            pub const TARGET_PREFIX: &str = #prefix;

            /// `POST /` with the awsJson headers and `body`.
            fn request(target: &'static str, body: ::std::vec::Vec<u8>) -> ::http::Request<::std::vec::Vec<u8>> {
                let mut request = ::http::Request::new(body);
                *request.method_mut() = ::http::Method::POST;
                *request.uri_mut() = ::http::Uri::from_static("/");
                let headers = request.headers_mut();
                headers.insert("x-amz-target", ::http::HeaderValue::from_static(target));
                headers.insert(::http::header::CONTENT_TYPE, ::http::HeaderValue::from_static(CONTENT_TYPE));
                request
            }

            /// A modeled error's body: `{"__type": "Name", …members}`.
            fn error_body<T: crate::rt::json::JsonSerialize>(type_name: &str, error: &T) -> ::std::vec::Vec<u8> {
                let mut body = ::serde_json::to_value(crate::rt::json::Ser(error)).unwrap_or_default();
                if let ::serde_json::Value::Object(members) = &mut body {
                    members.insert("__type".to_owned(), ::serde_json::Value::String(type_name.to_owned()));
                }
                ::serde_json::to_vec(&body).unwrap_or_default()
            }

            /// An error response whose body says nothing usable.
            fn unparsable(status: u16, headers: &::http::HeaderMap, error: &DeError) -> crate::error::ErrorMetadata {
                let request_id = headers.get("x-amzn-requestid").and_then(|v| v.to_str().ok()).map(str::to_owned);
                crate::error::ErrorMetadata::new(status, ::std::option::Option::None, ::std::option::Option::Some(::std::format!("the response body could not be read: {error}")), request_id)
            }
        }
    }
}

/// Per operation: the request, the response parse (client side), and the request
/// parse and response/error writing (server side).
fn operation(ir: &Ir, op: &Operation) -> TokenStream {
    let serialize_request = ident(&op.codec.serialize_request);
    let parse_response = ident(&op.codec.parse_response);
    let parse_request = ident(&op.codec.parse_request);
    let serialize_output = ident(&op.codec.serialize_output);
    let serialize_error = ident(&op.codec.serialize_error);
    let input = type_path(ir, &op.input);
    let output = type_path(ir, &op.output);
    let error = ident(&op.error_enum);
    let target = format!("{}.{}", ir.service.target_prefix, op.name.wire);
    let codes: Vec<&str> = op.errors.iter().map(|id| id.name()).collect();
    let variants: Vec<_> = op.errors.iter().map(|id| ident(&ir.type_def(id).name)).collect();
    let error_types: Vec<_> = op.errors.iter().map(|id| type_path(ir, id)).collect();
    let statuses = op.errors.iter().map(|id| ir.structure(id).error.map_or(400, |e| e.http_status));
    let docs = [
        format!(" `{}`: the request for `input`.", op.name.wire),
        format!(" `{}`: reads a response; non-2xx statuses become the operation's error.", op.name.wire),
        format!(" `{}`: reads a request body (strictly: missing required members are recorded in `ctx`).", op.name.wire),
        format!(" `{}`: the body of a successful response.", op.name.wire),
        format!(" `{}`: status, error code and body of an error response.", op.name.wire),
    ];
    let [d1, d2, d3, d4, d5] = &docs;
    // Without modeled errors, every error response is unhandled.
    let read_modeled = if op.errors.is_empty() {
        quote! { ::std::result::Result::Err(crate::error::#error::Unhandled(meta)) }
    } else {
        quote! {
            let modeled = match meta.code() {
                #( ::std::option::Option::Some(#codes) => crate::rt::json::from_slice(body, &mut DeContext::new()).map(crate::error::#error::#variants), )*
                _ => return ::std::result::Result::Err(crate::error::#error::Unhandled(meta)),
            };
            ::std::result::Result::Err(modeled.unwrap_or(crate::error::#error::Unhandled(meta)))
        }
    };
    quote! {
        #[doc = #d1]
        pub fn #serialize_request(input: &#input) -> ::http::Request<::std::vec::Vec<u8>> {
            request(#target, crate::rt::json::to_vec(input))
        }

        #[doc = #d2]
        pub fn #parse_response(status: u16, headers: &::http::HeaderMap, body: &[u8]) -> ::std::result::Result<#output, crate::error::#error> {
            if (200..300).contains(&status) {
                return crate::rt::json::from_slice(body, &mut DeContext::new())
                    .map_err(|e| crate::error::#error::Unhandled(unparsable(status, headers, &e)));
            }
            let meta = crate::rt::json::error_metadata(status, headers, body);
            #read_modeled
        }

        #[doc = #d3]
        pub fn #parse_request(body: &[u8], ctx: &mut DeContext) -> ::std::result::Result<#input, DeError> {
            crate::rt::json::from_slice(body, ctx)
        }

        #[doc = #d4]
        pub fn #serialize_output(output: &#output) -> ::std::vec::Vec<u8> {
            crate::rt::json::to_vec(output)
        }

        #[doc = #d5]
        pub fn #serialize_error(error: &crate::error::#error) -> (u16, &str, ::std::vec::Vec<u8>) {
            match error {
                #( crate::error::#error::#variants(e) => (#statuses, <#error_types>::CODE, error_body(<#error_types>::CODE, e)), )*
                crate::error::#error::Unhandled(meta) => {
                    let code = meta.code().unwrap_or("InternalFailure");
                    let body = ::serde_json::json!({ "__type": code, "message": meta.message() });
                    (meta.status(), code, ::serde_json::to_vec(&body).unwrap_or_default())
                }
                // A client failure inside an implementation (a proxy's upstream call) is the server's fault.
                crate::error::#error::Client(e) => {
                    let body = ::serde_json::json!({ "__type": "InternalFailure", "message": ::std::string::ToString::to_string(e) });
                    (500, "InternalFailure", ::serde_json::to_vec(&body).unwrap_or_default())
                }
            }
        }
    }
}

fn structure(ir: &Ir, def: &TypeDef, s: &Structure) -> TokenStream {
    let ty = type_path(ir, &def.id);
    let writes = s.members.iter().map(|m| {
        let field = ident(&m.name);
        let wire = &m.name.wire;
        if m.required {
            let written = write_value(m, quote!(&self.#field));
            quote! { map.serialize_entry(#wire, #written)?; }
        } else {
            let written = write_value(m, quote!(value));
            quote! {
                if let ::std::option::Option::Some(value) = &self.#field {
                    map.serialize_entry(#wire, #written)?;
                }
            }
        }
    });
    let wires: Vec<&str> = s.members.iter().map(|m| m.name.wire.as_str()).collect();
    let locals: Vec<_> = s.members.iter().map(|m| ident(&m.name)).collect();
    let value_types: Vec<_> = s.members.iter().map(|m| stored_type(ir, m)).collect();
    let indexes: Vec<usize> = (0..s.members.len()).collect();
    let fields = s.members.iter().map(|m| {
        let field = ident(&m.name);
        let wire = &m.name.wire;
        if m.required { quote!(#field: __ctx.require(#field, #wire),) } else { quote!(#field,) }
    });
    let zero_fields = s.members.iter().map(|m| {
        let field = ident(&m.name);
        if m.required {
            quote!(#field: crate::rt::json::ZeroValue::zero_value(),)
        } else {
            quote!(#field: ::std::option::Option::None,)
        }
    });
    let expecting = format!("a {} structure", def.id.name());
    if s.members.is_empty() {
        return empty_structure(&ty);
    }
    quote! {
        impl crate::rt::json::JsonSerialize for #ty {
            fn serialize_json<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                use ::serde::ser::SerializeMap as _;
                let mut map = serializer.serialize_map(::std::option::Option::None)?;
                #(#writes)*
                map.end()
            }
        }

        impl crate::rt::json::JsonDeserialize for #ty {
            fn deserialize_json<'de, D: ::serde::Deserializer<'de>>(deserializer: D, ctx: &mut DeContext) -> ::std::result::Result<Self, D::Error> {
                struct Visitor<'c>(&'c mut DeContext);
                impl<'de> ::serde::de::Visitor<'de> for Visitor<'_> {
                    type Value = #ty;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(#expecting)
                    }
                    // Locals for members use the members' idents; ours start with `__`, which no member ident does.
                    fn visit_map<A: ::serde::de::MapAccess<'de>>(self, mut __map: A) -> ::std::result::Result<Self::Value, A::Error> {
                        let __ctx = self.0;
                        #( let mut #locals: ::std::option::Option<#value_types> = ::std::option::Option::None; )*
                        let __key = crate::rt::json::MemberKey(|name| match name {
                            #( #wires => ::std::option::Option::Some(#indexes), )*
                            _ => ::std::option::Option::None,
                        });
                        while let ::std::option::Option::Some(__member) = __map.next_key_seed(__key)? {
                            match __member {
                                #( ::std::option::Option::Some(#indexes) => #locals = __ctx.member(&mut __map, #wires)?, )*
                                _ => {
                                    __map.next_value::<::serde::de::IgnoredAny>()?;
                                }
                            }
                        }
                        ::std::result::Result::Ok(#ty { #(#fields)* })
                    }
                }
                deserializer.deserialize_map(Visitor(ctx))
            }
        }

        impl crate::rt::json::ZeroValue for #ty {
            fn zero_value() -> Self {
                #ty { #(#zero_fields)* }
            }
        }
    }
}

/// What a member's `value` is written as. Timestamps in a `@timestampFormat` other
/// than epoch seconds become strings; reading needs nothing, as it accepts every form.
fn write_value(m: &Member, value: TokenStream) -> TokenStream {
    match (&m.ty.kind, m.timestamp_format) {
        (RefKind::Timestamp, Some(TimestampFormat::DateTime)) => quote!(&::std::string::ToString::to_string(#value)),
        (RefKind::Timestamp, Some(TimestampFormat::HttpDate)) => quote!(&crate::primitives::Timestamp::to_http_date(#value)),
        _ => quote!(&crate::rt::json::Ser(#value)),
    }
}

/// A structure without members: `{}` out, any object in.
fn empty_structure(ty: &TokenStream) -> TokenStream {
    quote! {
        impl crate::rt::json::JsonSerialize for #ty {
            fn serialize_json<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                use ::serde::ser::SerializeMap as _;
                serializer.serialize_map(::std::option::Option::Some(0))?.end()
            }
        }

        impl crate::rt::json::JsonDeserialize for #ty {
            fn deserialize_json<'de, D: ::serde::Deserializer<'de>>(deserializer: D, _: &mut DeContext) -> ::std::result::Result<Self, D::Error> {
                deserializer.deserialize_map(::serde::de::IgnoredAny).map(|_| #ty {})
            }
        }

        impl crate::rt::json::ZeroValue for #ty {
            fn zero_value() -> Self {
                #ty {}
            }
        }
    }
}

fn stored_type(ir: &Ir, m: &Member) -> TokenStream {
    let ty = rust_type(ir, &m.ty);
    if m.boxed { quote!(::std::boxed::Box<#ty>) } else { ty }
}

fn union(ir: &Ir, def: &TypeDef, u: &Union) -> TokenStream {
    let ty = type_path(ir, &def.id);
    let unknown = ident(&u.unknown);
    let writes = u.variants.iter().map(|v| {
        let variant = ident(&v.name);
        let wire = &v.name.wire;
        match v.ty {
            None => quote! { Self::#variant => map.serialize_entry(#wire, &::serde_json::Map::new())?, },
            Some(_) => quote! { Self::#variant(value) => map.serialize_entry(#wire, &crate::rt::json::Ser(value))?, },
        }
    });
    let wires: Vec<&str> = u.variants.iter().map(|v| v.name.wire.as_str()).collect();
    let indexes: Vec<usize> = (0..u.variants.len()).collect();
    let reads = u.variants.iter().enumerate().map(|(index, v)| {
        let variant = ident(&v.name);
        let wire = &v.name.wire;
        match &v.ty {
            None => quote! {
                ::std::option::Option::Some(#index) => {
                    if map.next_value::<::std::option::Option<::serde::de::IgnoredAny>>()?.is_some() {
                        ::std::option::Option::Some(#ty::#variant)
                    } else {
                        ::std::option::Option::None
                    }
                }
            },
            Some(t) => {
                let value_type = rust_type(ir, t);
                let value_type = if v.boxed { quote!(::std::boxed::Box<#value_type>) } else { value_type };
                quote! {
                    ::std::option::Option::Some(#index) => ctx.member::<::std::option::Option<#value_type>, _>(&mut map, #wire)?.map(#ty::#variant),
                }
            }
        }
    });
    let expecting = format!("a {} union", def.id.name());
    quote! {
        impl crate::rt::json::JsonSerialize for #ty {
            fn serialize_json<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                use ::serde::ser::SerializeMap as _;
                let mut map = serializer.serialize_map(::std::option::Option::Some(1))?;
                match self {
                    #(#writes)*
                    // Validation rejects sending it; writing `{}` keeps serialization infallible.
                    Self::#unknown => {}
                }
                map.end()
            }
        }

        impl crate::rt::json::JsonDeserialize for #ty {
            fn deserialize_json<'de, D: ::serde::Deserializer<'de>>(deserializer: D, ctx: &mut DeContext) -> ::std::result::Result<Self, D::Error> {
                struct Visitor<'c>(&'c mut DeContext);
                impl<'de> ::serde::de::Visitor<'de> for Visitor<'_> {
                    type Value = #ty;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(#expecting)
                    }
                    fn visit_map<A: ::serde::de::MapAccess<'de>>(self, mut map: A) -> ::std::result::Result<Self::Value, A::Error> {
                        use ::serde::de::Error as _;
                        let ctx = self.0;
                        let mut value: ::std::option::Option<#ty> = ::std::option::Option::None;
                        let key = crate::rt::json::MemberKey(|name| match name {
                            #( #wires => ::std::option::Option::Some(#indexes), )*
                            _ => ::std::option::Option::None,
                        });
                        while let ::std::option::Option::Some(member) = map.next_key_seed(key)? {
                            let read = match member {
                                #(#reads)*
                                // `__type` and members this crate does not know.
                                _ => {
                                    map.next_value::<::serde::de::IgnoredAny>()?;
                                    ::std::option::Option::Some(#ty::#unknown).filter(|_| value.is_none())
                                }
                            };
                            match (&value, read) {
                                (::std::option::Option::Some(first), ::std::option::Option::Some(second)) if !first.is_unknown() && !second.is_unknown() => {
                                    return ::std::result::Result::Err(A::Error::custom("a union must have exactly one member set"));
                                }
                                (::std::option::Option::Some(first), ::std::option::Option::Some(_)) if !first.is_unknown() => {}
                                (_, ::std::option::Option::Some(read)) => value = ::std::option::Option::Some(read),
                                (_, ::std::option::Option::None) => {}
                            }
                        }
                        value.ok_or_else(|| A::Error::custom("a union must have exactly one member set"))
                    }
                }
                deserializer.deserialize_map(Visitor(ctx))
            }
        }

        impl crate::rt::json::ZeroValue for #ty {
            fn zero_value() -> Self {
                #ty::#unknown
            }
        }
    }
}

fn string_enum(def: &TypeDef, e: &Enum) -> TokenStream {
    let _ = e;
    let ty = quote_type(def);
    quote! {
        impl crate::rt::json::JsonSerialize for #ty {
            fn serialize_json<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl crate::rt::json::JsonDeserialize for #ty {
            fn deserialize_json<'de, D: ::serde::Deserializer<'de>>(deserializer: D, _: &mut DeContext) -> ::std::result::Result<Self, D::Error> {
                // Matches the borrowed text: only an unknown value allocates.
                struct Visitor;
                impl ::serde::de::Visitor<'_> for Visitor {
                    type Value = #ty;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str("a string")
                    }
                    fn visit_str<E: ::serde::de::Error>(self, value: &str) -> ::std::result::Result<Self::Value, E> {
                        ::std::result::Result::Ok(#ty::from(value))
                    }
                }
                deserializer.deserialize_str(Visitor)
            }
        }

        impl crate::rt::json::ZeroValue for #ty {
            fn zero_value() -> Self {
                Self::from("")
            }
        }
    }
}

fn int_enum(def: &TypeDef, e: &IntEnum) -> TokenStream {
    let _ = e;
    let ty = quote_type(def);
    quote! {
        impl crate::rt::json::JsonSerialize for #ty {
            fn serialize_json<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_i32(self.as_i32())
            }
        }

        impl crate::rt::json::JsonDeserialize for #ty {
            fn deserialize_json<'de, D: ::serde::Deserializer<'de>>(deserializer: D, ctx: &mut DeContext) -> ::std::result::Result<Self, D::Error> {
                <i32 as crate::rt::json::JsonDeserialize>::deserialize_json(deserializer, ctx).map(Self::from)
            }
        }

        impl crate::rt::json::ZeroValue for #ty {
            fn zero_value() -> Self {
                Self::from(0)
            }
        }
    }
}

fn quote_type(def: &TypeDef) -> TokenStream {
    let module = format_ident!("{}", def.module.name());
    let name = ident(&def.name);
    quote!(crate::#module::#name)
}
