//! awsJson 1.0 and 1.1: `POST /` with `X-Amz-Target: <Service>.<Operation>`, bodies
//! as JSON objects keyed by member name, errors named by `__type`.
//!
//! Codecs are `JsonSerialize`/`JsonDeserialize` impls written per type (no serde
//! derive on the types, which stay protocol-free); the generic parts live in the
//! runtime's `rt::json`.

use super::ProtocolGenerator;
use super::operation::Template;
use crate::emit::{ident, stored_type, type_path};
use crate::ir::{
    Ir, Member, Operation, RefKind, Structure, TimestampFormat, TypeDef, TypeKind, Union,
};
use proc_macro2::TokenStream;
use quote::quote;

pub(super) struct AwsJson {
    /// The runtime's `AwsJson` constant.
    runtime: &'static str,
    name: &'static str,
}

pub(super) static AWS_JSON_1_0: AwsJson = AwsJson {
    runtime: "V1_0",
    name: "awsJson 1.0",
};
pub(super) static AWS_JSON_1_1: AwsJson = AwsJson {
    runtime: "V1_1",
    name: "awsJson 1.1",
};

impl ProtocolGenerator for AwsJson {
    fn module(&self) -> &'static str {
        "aws_json"
    }

    fn module_doc(&self) -> String {
        format!(
            "The {} protocol: the codec of every type, mirroring the crate's modules, and per \
             operation its request, response and errors. Hidden: the client and the server are the \
             API; benchmarks and codec tests call these functions directly.",
            self.name
        )
    }

    fn module_items(&self, ir: &Ir) -> TokenStream {
        let version = quote::format_ident!("{}", self.runtime);
        let protocol = if ir.service.query_compatible {
            quote!(crate::rt::protocol::AwsJson::#version.query_compatible())
        } else {
            quote!(crate::rt::protocol::AwsJson::#version)
        };
        quote! {
            /// The protocol, as the client and server runtimes use it.
            #[cfg(any(feature = "client", feature = "server", test))]
            pub const PROTOCOL: &dyn crate::rt::protocol::Protocol = &#protocol;
        }
    }

    fn file_prelude(&self) -> TokenStream {
        quote! {
            // Codec files define no model types, so short std names cannot be shadowed here.
            #[allow(unused_imports)]
            use ::std::option::Option::{self, None, Some};
            #[allow(unused_imports)]
            use ::std::result::Result::{self, Ok};
            #[allow(unused_imports)]
            use crate::rt::json::{
                DeContext, JsonDeserialize, JsonSerialize, JsonStructure, JsonWriter, ZeroValue,
            };
            #[allow(unused_imports)]
            use crate::rt::__private::serde;
        }
    }

    fn type_codec(&self, ir: &Ir, def: &TypeDef) -> TokenStream {
        match &def.kind {
            TypeKind::Structure(s) => structure(ir, def, s),
            TypeKind::Union(u) => union(ir, def, u),
            TypeKind::Enum(_) => string_enum(ir, def),
            TypeKind::IntEnum(_) => int_enum(ir, def),
        }
    }

    fn operation_codec(&self, ir: &Ir, op: &Operation) -> TokenStream {
        Template {
            module: self.module(),
            runtime: quote!(crate::rt::json),
            no_body_without_input: false,
        }
        .operation(ir, op)
    }
}

/// `ModeledError` for an `@error` structure: its code and status.
fn modeled_error(ty: &TokenStream, code: &str, status: u16) -> TokenStream {
    quote! {
        impl crate::rt::json::ModeledError for #ty {
            const CODE: &'static str = #code;
            const STATUS: u16 = #status;
        }
    }
}

fn structure(ir: &Ir, def: &TypeDef, s: &Structure) -> TokenStream {
    let ty = type_path(ir, &def.id);
    let modeled = s
        .error
        .map(|e| modeled_error(&ty, def.id.name(), e.http_status));
    if s.members.is_empty() {
        let mut tokens = empty_structure(&ty);
        tokens.extend(modeled);
        return tokens;
    }
    let writes = s.members.iter().map(|m| {
        let field = ident(&m.name);
        let name = escaped(&m.name.wire);
        match (m.required, formatted_timestamp(m, quote!(value))) {
            (true, None) => quote! { object.member(#name, &self.#field); },
            (false, None) => quote! { object.optional(#name, &self.#field); },
            (true, Some(text)) => {
                quote! { let value = &self.#field; object.member(#name, #text); }
            }
            (false, Some(text)) => quote! {
                if let Some(value) = &self.#field {
                    object.member(#name, #text);
                }
            },
        }
    });
    let name = def.id.name();
    let wires: Vec<&str> = s.members.iter().map(|m| m.name.wire.as_str()).collect();
    let locals: Vec<_> = s.members.iter().map(|m| ident(&m.name)).collect();
    let value_types: Vec<_> = s
        .members
        .iter()
        .map(|m| stored_type(ir, &m.ty, m.boxed))
        .collect();
    let indexes: Vec<_> = (0..s.members.len())
        .map(proc_macro2::Literal::usize_unsuffixed)
        .collect();
    // Absent members with a `@default` take it, in requests and responses alike.
    let literals = crate::emit::literal::Literals { ir };
    let fills = s.members.iter().filter_map(|m| {
        let default = literals.default_value(m)?;
        let local = ident(&m.name);
        Some(quote! { if #local.is_none() { #local = Some(#default); } })
    });
    let fields = s.members.iter().map(|m| {
        let field = ident(&m.name);
        let wire = &m.name.wire;
        if m.required {
            quote!(#field: __ctx.require(#field, #wire),)
        } else {
            quote!(#field,)
        }
    });
    quote! {
        impl JsonSerialize for #ty {
            fn write_json(&self, writer: &mut JsonWriter) {
                let mut object = writer.object();
                #(#writes)*
                object.end();
            }
        }

        impl JsonStructure for #ty {
            const NAME: &'static str = #name;

            // Locals are named after the members; ours start with `__`, which no member ident does.
            fn read_map<'de, A: serde::de::MapAccess<'de>>(__map: &mut A, __ctx: &mut DeContext) -> Result<Self, A::Error> {
                #( let mut #locals: Option<#value_types> = None; )*
                let __key = crate::rt::json::MemberKey(|name| match name {
                    #( #wires => Some(#indexes), )*
                    _ => None,
                });
                while let Some(__member) = __map.next_key_seed(__key)? {
                    match __member {
                        #( Some(#indexes) => #locals = __ctx.member(__map, #wires)?, )*
                        _ => {
                            __map.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                #(#fills)*
                Ok(#ty { #(#fields)* })
            }
        }

        crate::rt::structure_codec!(#ty);

        #modeled
    }
}

/// A member name as the JSON writer takes it: escaped, without its quotes
/// (the writer copies it as it is).
fn escaped(wire: &str) -> String {
    let quoted = serde_json::to_string(wire).unwrap_or_default();
    quoted[1..quoted.len() - 1].to_owned()
}

/// How a timestamp member in a `@timestampFormat` other than epoch seconds is written
/// (as a string); `None` for every other member. Reading accepts every form.
fn formatted_timestamp(m: &Member, value: TokenStream) -> Option<TokenStream> {
    match (&m.ty.kind, m.timestamp_format) {
        (RefKind::Timestamp, Some(TimestampFormat::DateTime)) => {
            Some(quote!(&::std::string::ToString::to_string(#value)))
        }
        (RefKind::Timestamp, Some(TimestampFormat::HttpDate)) => {
            Some(quote!(&crate::primitives::Timestamp::to_http_date(#value)))
        }
        _ => None,
    }
}

/// A structure without members: `{}` out, any object in.
fn empty_structure(ty: &TokenStream) -> TokenStream {
    quote! {
        impl JsonSerialize for #ty {
            fn write_json(&self, writer: &mut JsonWriter) {
                writer.object().end();
            }
        }

        impl JsonDeserialize for #ty {
            fn deserialize_json<'de, D: serde::Deserializer<'de>>(deserializer: D, _: &mut DeContext) -> Result<Self, D::Error> {
                deserializer.deserialize_map(serde::de::IgnoredAny).map(|_| #ty {})
            }
        }

        impl ZeroValue for #ty {
            fn zero_value() -> Self {
                #ty {}
            }
        }
    }
}

fn union(ir: &Ir, def: &TypeDef, u: &Union) -> TokenStream {
    let ty = type_path(ir, &def.id);
    let unknown = ident(&u.unknown);
    let writes = u.variants.iter().map(|v| {
        let variant = ident(&v.name);
        let name = escaped(&v.name.wire);
        match v.ty {
            None => {
                quote! { Self::#variant => object.member(#name, &crate::rt::json::EmptyObject), }
            }
            Some(_) => quote! { Self::#variant(value) => object.member(#name, value), },
        }
    });
    let wires: Vec<&str> = u.variants.iter().map(|v| v.name.wire.as_str()).collect();
    let indexes: Vec<usize> = (0..u.variants.len()).collect();
    let reads = u.variants.iter().enumerate().map(|(index, v)| {
        let variant = ident(&v.name);
        let wire = &v.name.wire;
        match &v.ty {
            None => quote! {
                Some(#index) => {
                    if map.next_value::<Option<serde::de::IgnoredAny>>()?.is_some() {
                        Some(#ty::#variant)
                    } else {
                        None
                    }
                }
            },
            Some(t) => {
                let value_type = stored_type(ir, t, v.boxed);
                quote! {
                    Some(#index) => ctx.member::<Option<#value_type>, _>(&mut map, #wire)?.map(#ty::#variant),
                }
            }
        }
    });
    let expecting = format!("a {} union", def.id.name());
    quote! {
        impl JsonSerialize for #ty {
            fn write_json(&self, writer: &mut JsonWriter) {
                let mut object = writer.object();
                match self {
                    #(#writes)*
                    // Validation rejects sending it; writing `{}` keeps serialization infallible.
                    Self::#unknown => {}
                }
                object.end();
            }
        }

        impl JsonDeserialize for #ty {
            fn deserialize_json<'de, D: serde::Deserializer<'de>>(deserializer: D, ctx: &mut DeContext) -> Result<Self, D::Error> {
                struct Visitor<'c>(&'c mut DeContext);
                impl<'de> serde::de::Visitor<'de> for Visitor<'_> {
                    type Value = #ty;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(#expecting)
                    }
                    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                        use serde::de::Error as _;
                        let ctx = self.0;
                        let mut value: Option<#ty> = None;
                        let key = crate::rt::json::MemberKey(|name| match name {
                            #( #wires => Some(#indexes), )*
                            _ => None,
                        });
                        while let Some(member) = map.next_key_seed(key)? {
                            let read = match member {
                                #(#reads)*
                                // `__type` and members this crate does not know.
                                _ => {
                                    map.next_value::<serde::de::IgnoredAny>()?;
                                    Some(#ty::#unknown).filter(|_| value.is_none())
                                }
                            };
                            match (&value, read) {
                                (Some(first), Some(second)) if !first.is_unknown() && !second.is_unknown() => {
                                    return Result::Err(A::Error::custom("a union must have exactly one member set"));
                                }
                                (Some(first), Some(_)) if !first.is_unknown() => {}
                                (_, Some(read)) => value = Some(read),
                                (_, None) => {}
                            }
                        }
                        value.ok_or_else(|| A::Error::custom("a union must have exactly one member set"))
                    }
                }
                deserializer.deserialize_map(Visitor(ctx))
            }
        }

        impl ZeroValue for #ty {
            fn zero_value() -> Self {
                #ty::#unknown
            }
        }
    }
}

fn string_enum(ir: &Ir, def: &TypeDef) -> TokenStream {
    let ty = type_path(ir, &def.id);
    quote! { crate::rt::string_enum_codec!(#ty); }
}

fn int_enum(ir: &Ir, def: &TypeDef) -> TokenStream {
    let ty = type_path(ir, &def.id);
    quote! { crate::rt::int_enum_codec!(#ty); }
}
