//! rpcv2Cbor: `POST /service/<Service>/operation/<Operation>` with
//! `smithy-protocol: rpc-v2-cbor`, bodies as CBOR maps keyed by member name,
//! errors named by `__type` (an absolute shape id).
//!
//! Codecs are `CborStructure`/`CborRead` impls written per type that drive the
//! runtime's `rt::cbor` reader and writer directly: no value tree in between.
//! Timestamps are always tag 1 epoch seconds (`@timestampFormat` does not apply).

use super::ProtocolGenerator;
use super::operation::Template;
use crate::emit::{ident, stored_type, type_path};
use crate::ir::{Ir, Operation, Structure, TypeDef, TypeKind, Union};
use proc_macro2::TokenStream;
use quote::quote;

pub(super) struct RpcV2Cbor;

pub(super) static RPC_V2_CBOR: RpcV2Cbor = RpcV2Cbor;

impl ProtocolGenerator for RpcV2Cbor {
    fn module(&self) -> &'static str {
        "rpc_v2_cbor"
    }

    fn module_doc(&self) -> String {
        "The rpcv2Cbor protocol: the codec of every type, mirroring the crate's modules, and per \
         operation its request, response and errors. Hidden: the client and the server are the \
         API; benchmarks and codec tests call these functions directly."
            .to_owned()
    }

    fn module_items(&self, ir: &Ir) -> TokenStream {
        let protocol = if ir.service.query_compatible {
            quote!(crate::rt::protocol::RpcV2Cbor::STANDARD.query_compatible())
        } else {
            quote!(crate::rt::protocol::RpcV2Cbor::STANDARD)
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
            use crate::rt::cbor::{CborError, CborRead, CborReader, CborStructure, CborWrite, CborWriter};
        }
    }

    fn type_codec(&self, ir: &Ir, def: &TypeDef) -> TokenStream {
        let ty = type_path(ir, &def.id);
        match &def.kind {
            TypeKind::Structure(s) => structure(ir, def, s),
            TypeKind::Union(u) => union(ir, def, u),
            TypeKind::Enum(_) => quote! { crate::rt::cbor_string_enum!(#ty); },
            TypeKind::IntEnum(_) => quote! { crate::rt::cbor_int_enum!(#ty); },
        }
    }

    fn operation_codec(&self, ir: &Ir, op: &Operation) -> TokenStream {
        Template {
            module: self.module(),
            runtime: quote!(crate::rt::cbor),
            no_body_without_input: true,
        }
        .operation(ir, op)
    }
}

fn structure(ir: &Ir, def: &TypeDef, s: &Structure) -> TokenStream {
    let ty = type_path(ir, &def.id);
    let modeled = s.error.map(|e| {
        let shape_id = def.id.as_str();
        let status = e.http_status;
        quote! {
            impl crate::rt::cbor::ModeledError for #ty {
                const SHAPE_ID: &'static str = #shape_id;
                const STATUS: u16 = #status;
            }
        }
    });
    // The map's length: `__type`, the required members, the optional ones set.
    let required = s.members.iter().filter(|m| m.required).count() as u64;
    let mut len = vec![quote!(u64::from(error_type.is_some()))];
    len.extend((required > 0).then(|| quote!(#required)));
    len.extend(s.members.iter().filter(|m| !m.required).map(|m| {
        let field = ident(&m.name);
        quote!(u64::from(self.#field.is_some()))
    }));
    let writes = s.members.iter().map(|m| {
        let field = ident(&m.name);
        let wire = &m.name.wire;
        if m.required {
            quote! { writer.str(#wire); CborWrite::write_cbor(&self.#field, writer); }
        } else {
            quote! {
                if let Some(value) = &self.#field {
                    writer.str(#wire);
                    CborWrite::write_cbor(value, writer);
                }
            }
        }
    });
    let read = if s.members.is_empty() {
        quote! {
            __reader.structure(|__reader, _| __reader.skip())?;
            Ok(#ty {})
        }
    } else {
        let wires: Vec<&str> = s.members.iter().map(|m| m.name.wire.as_str()).collect();
        let locals: Vec<_> = s.members.iter().map(|m| ident(&m.name)).collect();
        let value_types: Vec<_> = s
            .members
            .iter()
            .map(|m| stored_type(ir, &m.ty, m.boxed))
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
                quote!(#field: __reader.require(#field, #wire),)
            } else {
                quote!(#field,)
            }
        });
        quote! {
            #( let mut #locals: Option<#value_types> = None; )*
            __reader.structure(|__reader, __key| {
                match __key {
                    #( #wires => #locals = __reader.member(#wires)?, )*
                    _ => __reader.skip()?,
                }
                Ok(())
            })?;
            #(#fills)*
            Ok(#ty { #(#fields)* })
        }
    };
    quote! {
        impl CborStructure for #ty {
            fn write_map(&self, writer: &mut CborWriter, error_type: Option<&str>) {
                writer.map(#(#len)+*);
                if let Some(error_type) = error_type {
                    writer.str("__type");
                    writer.str(error_type);
                }
                #(#writes)*
            }
        }

        crate::rt::cbor_structure!(#ty);

        impl CborRead for #ty {
            // Locals are named after the members; ours start with `__`, which no member ident does.
            fn read_cbor(__reader: &mut CborReader<'_>) -> Result<Self, CborError> {
                #read
            }

            fn zero_value() -> Self {
                crate::rt::cbor::zero_structure()
            }
        }

        #modeled
    }
}

fn union(ir: &Ir, def: &TypeDef, u: &Union) -> TokenStream {
    let ty = type_path(ir, &def.id);
    let unknown = ident(&u.unknown);
    let writes = u.variants.iter().map(|v| {
        let variant = ident(&v.name);
        let wire = &v.name.wire;
        match v.ty {
            None => quote! { Self::#variant => { writer.map(1); writer.str(#wire); writer.map(0); } },
            Some(_) => quote! { Self::#variant(value) => { writer.map(1); writer.str(#wire); CborWrite::write_cbor(value, writer); } },
        }
    });
    let reads = u.variants.iter().map(|v| {
        let variant = ident(&v.name);
        let wire = &v.name.wire;
        match &v.ty {
            None => quote! { #wire => crate::rt::cbor::unit_variant(reader, #ty::#variant)?, },
            Some(t) => {
                let value_type = stored_type(ir, t, v.boxed);
                quote! { #wire => reader.member::<#value_type>(#wire)?.map(#ty::#variant), }
            }
        }
    });
    quote! {
        impl CborStructure for #ty {
            fn write_map(&self, writer: &mut CborWriter, _: Option<&str>) {
                match self {
                    #(#writes)*
                    // Validation rejects sending it; writing `{}` keeps serialization infallible.
                    Self::#unknown => writer.map(0),
                }
            }
        }

        crate::rt::cbor_structure!(#ty);

        impl CborRead for #ty {
            fn read_cbor(reader: &mut CborReader<'_>) -> Result<Self, CborError> {
                let mut value = crate::rt::cbor::UnionValue::new(#ty::is_unknown);
                reader.structure(|reader, key| {
                    let read = match key {
                        #(#reads)*
                        "__type" => {
                            reader.skip()?;
                            None
                        }
                        // Members this crate does not know.
                        _ => {
                            reader.skip()?;
                            Some(#ty::#unknown)
                        }
                    };
                    value.set(reader, read)
                })?;
                value.finish(reader)
            }

            fn zero_value() -> Self {
                #ty::#unknown
            }
        }
    }
}
