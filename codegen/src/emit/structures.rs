//! Structures and their builders.

use super::{builder_path, doc_attrs, doc_link, ident, rust_type, stored_type, type_path};
use crate::ir::{Ir, Member, RefKind, Structure, TypeDef};
use crate::names::Name;
use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// The structure's items, and its builder's (which go in the module's `builders`).
pub(super) fn emit(ir: &Ir, def: &TypeDef, s: &Structure) -> (TokenStream, TokenStream) {
    let name = ident(&def.name);
    let builder = ident(&s.builder);
    let builder_path = builder_path(ir, &def.id);
    let docs = doc_attrs(&def.docs);
    let fields = s.members.iter().map(|m| {
        let field = ident(&m.name);
        let docs = doc_attrs(&m.docs);
        let ty = field_type(ir, m);
        quote! { #docs pub #field: #ty, }
    });
    let debug = debug_impl(&def.name, s);
    let builder_debug = debug_impl(&s.builder, s);
    let derive_debug = if debug.is_empty() {
        quote!(::std::fmt::Debug,)
    } else {
        quote!()
    };
    let builder_doc = format!(
        " A builder for {}.",
        doc_link(def.name.unraw(), &type_path(ir, &def.id))
    );
    let builder_fields = s.members.iter().map(|m| {
        let field = ident(&m.name);
        let ty = stored(ir, m);
        quote! { #field: ::std::option::Option<#ty>, }
    });
    let setters = s.members.iter().flat_map(|m| setters(ir, m)).map(setter_fn);
    let build = build_fn(ir, def, s);
    let error_impls = if s.error.is_some() {
        super::errors::emit_error_structure(def, s)
    } else {
        quote!()
    };
    let items = quote! {
        #docs
        #[derive(::std::clone::Clone, ::std::cmp::PartialEq, #derive_debug)]
        #[non_exhaustive]
        pub struct #name { #(#fields)* }

        impl #name {
            /// Starts a builder for this type.
            pub fn builder() -> #builder_path {
                <#builder_path as ::std::default::Default>::default()
            }
        }

        #debug
        #error_impls
    };
    let builder = quote! {
        #[doc = #builder_doc]
        #[derive(::std::clone::Clone, ::std::cmp::PartialEq, ::std::default::Default, #derive_debug)]
        pub struct #builder { #(#builder_fields)* }

        #builder_debug

        impl #builder {
            #(#setters)*
            #build
        }
    };
    (items, builder)
}

/// The field's declared type: `Option` unless required, `Box` when recursive.
fn field_type(ir: &Ir, m: &Member) -> TokenStream {
    let ty = stored(ir, m);
    if m.required {
        ty
    } else {
        quote!(::std::option::Option<#ty>)
    }
}

/// The value type as stored, boxed when it closes a cycle.
fn stored(ir: &Ir, m: &Member) -> TokenStream {
    stored_type(ir, &m.ty, m.boxed)
}

/// A builder method, described so that the fluent builders of the client can
/// delegate to it with the same signature.
pub(super) struct Setter {
    pub docs: TokenStream,
    pub name: Ident,
    /// The parameters after `mut self`.
    pub params: TokenStream,
    /// The parameter names, to pass them on.
    pub args: TokenStream,
    /// The statement that stores the parameters in the builder.
    store: TokenStream,
}

/// A member's two builder methods: the convenient one (lists and maps grow one
/// entry per call, as in the AWS SDKs), and `set_<field>` for the whole `Option`.
pub(super) fn setters(ir: &Ir, m: &Member) -> [Setter; 2] {
    let field = ident(&m.name);
    let docs = doc_attrs(&m.docs);
    let stored = stored(ir, m);
    let set_doc = format!(" Sets or clears `{}`.", m.name.wire);
    let setter = ident(&m.setter);
    let set_whole = Setter {
        docs: quote!(#[doc = #set_doc]),
        name: ident(&m.set_whole),
        params: quote!(value: ::std::option::Option<#stored>),
        args: quote!(value),
        store: quote!(self.#field = value;),
    };
    let add = match &m.ty.kind {
        RefKind::List { member, sparse } if !m.boxed => {
            let item = rust_type(ir, member);
            let wrap = if *sparse {
                quote!(::std::option::Option::Some(item.into()))
            } else {
                quote!(item.into())
            };
            let doc = format!(" Appends one item to `{}`.", m.name.wire);
            Setter {
                docs: quote!(#docs #[doc = ""] #[doc = #doc]),
                name: setter,
                params: quote!(item: impl ::std::convert::Into<#item>),
                args: quote!(item),
                store: quote!(self.#field.get_or_insert_with(::std::vec::Vec::new).push(#wrap);),
            }
        }
        RefKind::Map { value, sparse, .. } if !m.boxed => {
            let key = quote!(::std::string::String);
            let value_ty = rust_type(ir, value);
            let wrap = if *sparse {
                quote!(::std::option::Option::Some(value.into()))
            } else {
                quote!(value.into())
            };
            let doc = format!(" Inserts one entry into `{}`.", m.name.wire);
            Setter {
                docs: quote!(#docs #[doc = ""] #[doc = #doc]),
                name: setter,
                params: quote!(key: impl ::std::convert::Into<#key>, value: impl ::std::convert::Into<#value_ty>),
                args: quote!(key, value),
                store: quote!(self.#field.get_or_insert_with(::std::collections::HashMap::new).insert(key.into(), #wrap);),
            }
        }
        _ => {
            let value_ty = rust_type(ir, &m.ty);
            let wrap = if m.boxed {
                quote!(::std::boxed::Box::new(value.into()))
            } else {
                quote!(value.into())
            };
            Setter {
                docs,
                name: setter,
                params: quote!(value: impl ::std::convert::Into<#value_ty>),
                args: quote!(value),
                store: quote!(self.#field = ::std::option::Option::Some(#wrap);),
            }
        }
    };
    [add, set_whole]
}

fn setter_fn(setter: Setter) -> TokenStream {
    let Setter {
        docs,
        name,
        params,
        store,
        ..
    } = setter;
    quote! {
        #docs
        pub fn #name(mut self, #params) -> Self {
            #store
            self
        }
    }
}

/// `build()`: unset members with a `@default` take it (outside operation inputs,
/// whose defaults are the server's to apply), then it fails naming every required
/// member still unset.
fn build_fn(ir: &Ir, def: &TypeDef, s: &Structure) -> TokenStream {
    let name = type_path(ir, &def.id);
    let type_name = &def.id.name();
    let literals = super::literal::Literals { ir };
    let defaulted: Vec<(&Member, TokenStream)> = s
        .members
        .iter()
        .filter(|_| !s.input)
        .filter_map(|m| Some((m, literals.default_value(m)?)))
        .collect();
    let fills = defaulted.iter().map(|(m, default)| {
        let field = ident(&m.name);
        quote! { if self.#field.is_none() { self.#field = ::std::option::Option::Some(#default); } }
    });
    let receiver = if defaulted.is_empty() {
        quote!(self)
    } else {
        quote!(mut self)
    };
    let required: Vec<&Member> = s.members.iter().filter(|m| m.required).collect();
    let checks = required.iter().map(|m| {
        let field = ident(&m.name);
        let wire = &m.name.wire;
        quote! { if self.#field.is_none() { missing.push(#wire); } }
    });
    let required_fields: Vec<_> = required.iter().map(|m| ident(&m.name)).collect();
    let assignments = s.members.iter().map(|m| {
        let field = ident(&m.name);
        if m.required {
            quote!(#field,)
        } else {
            quote!(#field: self.#field,)
        }
    });
    let unpack = if required.is_empty() {
        quote!()
    } else {
        let self_fields = required_fields.iter().map(|f| quote!(self.#f));
        quote! {
            let mut missing: ::std::vec::Vec<&'static str> = ::std::vec::Vec::new();
            #(#checks)*
            let ( #( ::std::option::Option::Some(#required_fields), )* ) = ( #( #self_fields, )* ) else {
                return ::std::result::Result::Err(crate::error::BuildError::missing(#type_name, missing));
            };
        }
    };
    let unset_required: Vec<String> = required
        .iter()
        .filter(|m| !defaulted.iter().any(|(d, _)| d.name == m.name))
        .map(|m| format!("`{}`", m.name.wire))
        .collect();
    let mut doc = if unset_required.is_empty() {
        " Builds the value; it has no required members, so this never fails.".to_owned()
    } else {
        format!(
            " Builds the value, or names every required member that is unset ({}).",
            unset_required.join(", ")
        )
    };
    if !defaulted.is_empty() {
        doc.push_str(" Unset members with a default (required ones too) take it.");
    }
    quote! {
        #[doc = #doc]
        pub fn build(#receiver) -> ::std::result::Result<#name, crate::error::BuildError> {
            #(#fills)*
            #unpack
            ::std::result::Result::Ok(#name { #(#assignments)* })
        }
    }
}

/// A `Debug` that hides `@sensitive` members, for the structure or its builder (named
/// `type_name`; both have the members as fields); empty when the derive will do.
fn debug_impl(type_name: &Name, s: &Structure) -> TokenStream {
    if !s.members.iter().any(|m| m.sensitive) {
        return quote!();
    }
    let name = ident(type_name);
    let type_name = type_name.unraw();
    let fields = s.members.iter().map(|m| {
        let field = ident(&m.name);
        let label = m.name.unraw();
        if m.sensitive {
            quote! { .field(#label, &"*** Sensitive Data Redacted ***") }
        } else {
            quote! { .field(#label, &self.#field) }
        }
    });
    quote! {
        impl ::std::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(#type_name) #(#fields)* .finish()
            }
        }
    }
}
