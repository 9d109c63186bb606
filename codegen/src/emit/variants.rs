//! Enums, intEnums and unions: open sets of variants with a catch-all, so that a
//! value the service adds later never breaks a caller.

use super::{doc_attrs, ident, stored_type};
use crate::ir::{Enum, IntEnum, Ir, TypeDef, Union};
use proc_macro2::TokenStream;
use quote::quote;

pub(super) fn emit_enum(def: &TypeDef, e: &Enum) -> TokenStream {
    let name = ident(&def.name);
    let docs = doc_attrs(&def.docs);
    let unknown = ident(&e.unknown);
    let variants: Vec<_> = e.variants.iter().map(|v| ident(&v.name)).collect();
    let variant_docs = e.variants.iter().map(|v| doc_attrs(&v.docs));
    let values: Vec<&str> = e.variants.iter().map(|v| v.name.wire.as_str()).collect();
    quote! {
        #docs
        #[non_exhaustive]
        #[derive(::std::clone::Clone, ::std::fmt::Debug, ::std::cmp::PartialEq, ::std::cmp::Eq, ::std::hash::Hash, ::std::cmp::PartialOrd, ::std::cmp::Ord)]
        pub enum #name {
            #( #variant_docs #variants, )*
            /// A value this crate does not know (the service may add values); construct through `From<&str>`.
            #unknown(crate::primitives::UnknownValue),
        }

        impl #name {
            /// The values known when this crate was generated, in model order.
            pub const VALUES: &'static [&'static str] = &[#(#values),*];

            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #( Self::#variants => #values, )*
                    Self::#unknown(value) => value.as_str(),
                }
            }

            /// The values known when this crate was generated.
            pub fn values() -> &'static [&'static str] {
                Self::VALUES
            }
        }

        impl ::std::convert::From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #( #values => Self::#variants, )*
                    other => Self::#unknown(crate::primitives::UnknownValue::new(other)),
                }
            }
        }

        crate::rt::string_enum_conversions!(#name);
    }
}

pub(super) fn emit_int_enum(def: &TypeDef, e: &IntEnum) -> TokenStream {
    let name = ident(&def.name);
    let docs = doc_attrs(&def.docs);
    let unknown = ident(&e.unknown);
    let variants: Vec<_> = e.variants.iter().map(|v| ident(&v.name)).collect();
    let variant_docs = e.variants.iter().map(|v| doc_attrs(&v.docs));
    let values: Vec<i32> = e.variants.iter().map(|v| v.value).collect();
    quote! {
        #docs
        #[non_exhaustive]
        #[derive(::std::clone::Clone, ::std::marker::Copy, ::std::fmt::Debug, ::std::cmp::PartialEq, ::std::cmp::Eq, ::std::hash::Hash, ::std::cmp::PartialOrd, ::std::cmp::Ord)]
        pub enum #name {
            #( #variant_docs #variants, )*
            /// A value this crate does not know; construct through `From<i32>`.
            #unknown(i32),
        }

        impl #name {
            /// The values known when this crate was generated, in model order.
            pub const VALUES: &'static [i32] = &[#(#values),*];

            /// The value as sent on the wire.
            pub fn as_i32(&self) -> i32 {
                match self {
                    #( Self::#variants => #values, )*
                    Self::#unknown(value) => *value,
                }
            }

            /// The values known when this crate was generated.
            pub fn values() -> &'static [i32] {
                Self::VALUES
            }
        }

        impl ::std::convert::From<i32> for #name {
            fn from(value: i32) -> Self {
                match value {
                    #( #values => Self::#variants, )*
                    other => Self::#unknown(other),
                }
            }
        }
    }
}

pub(super) fn emit_union(ir: &Ir, def: &TypeDef, u: &Union) -> TokenStream {
    let name = ident(&def.name);
    let debug = union_debug(def, u);
    let derive_debug = if debug.is_empty() {
        quote!(::std::fmt::Debug)
    } else {
        quote!()
    };
    let docs = doc_attrs(&def.docs);
    let unknown = ident(&u.unknown);
    let variants = u.variants.iter().map(|v| {
        let variant = ident(&v.name);
        let docs = doc_attrs(&v.docs);
        match &v.ty {
            None => quote! { #docs #variant, },
            Some(ty) => {
                let ty = stored_type(ir, ty, v.boxed);
                quote! { #docs #variant(#ty), }
            }
        }
    });
    quote! {
        #docs
        #[non_exhaustive]
        #[derive(::std::clone::Clone, ::std::cmp::PartialEq, #derive_debug)]
        // Members are stored inline, as the model's other types are; boxing is for recursion.
        #[allow(clippy::large_enum_variant)]
        pub enum #name {
            #(#variants)*
            /// A member this crate does not know (the service may add members). It cannot be sent.
            #unknown,
        }

        #debug

        impl #name {
            /// Whether the value is a member this crate does not know.
            pub fn is_unknown(&self) -> bool {
                ::std::matches!(self, Self::#unknown)
            }
        }
    }
}

/// A `Debug` that hides the values of `@sensitive` members; empty when the derive will do.
fn union_debug(def: &TypeDef, u: &Union) -> TokenStream {
    if !u.variants.iter().any(|v| v.sensitive) {
        return quote!();
    }
    let name = ident(&def.name);
    let unknown = ident(&u.unknown);
    let unknown_label = u.unknown.unraw();
    let arms = u.variants.iter().map(|v| {
        let variant = ident(&v.name);
        let label = v.name.unraw();
        match (&v.ty, v.sensitive) {
            (None, _) => quote! { Self::#variant => f.write_str(#label), },
            (Some(_), true) => quote! { Self::#variant(_) => f.debug_tuple(#label).field(&"*** Sensitive Data Redacted ***").finish(), },
            (Some(_), false) => quote! { Self::#variant(value) => f.debug_tuple(#label).field(value).finish(), },
        }
    });
    quote! {
        impl ::std::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    #(#arms)*
                    Self::#unknown => f.write_str(#unknown_label),
                }
            }
        }
    }
}
