//! Rust expressions for Smithy node values of a given type: the values of compliance
//! cases' `params`, and members' `@default`s.

use super::ident;
use crate::ir::{Ir, Member, RefKind, TypeKind, TypeRef};
use crate::smithy::ShapeId;
use proc_macro2::{Literal, TokenStream};
use quote::{ToTokens as _, format_ident, quote};
use serde_json::Value;

pub(super) struct Literals<'a> {
    pub ir: &'a Ir,
}

impl Literals<'_> {
    /// The value an unset member takes from its `@default`, as the member's field
    /// stores it; `None` when it has none, or one that does not fit its type (which
    /// the model's validation reports).
    pub(super) fn default_value(&self, member: &Member) -> Option<TokenStream> {
        let default = member.default.as_ref()?;
        let value = match (&member.ty.kind, default) {
            (RefKind::Blob, Value::String(encoded)) => {
                use base64::Engine as _;
                let bytes = base64::engine::general_purpose::STANDARD
                    .decode(encoded)
                    .ok()?;
                let bytes = Literal::byte_string(&bytes);
                let blob = self.primitive("Blob");
                quote!(#blob::new(#bytes.to_vec()))
            }
            _ => self.value(&member.ty, default).ok()?,
        };
        Some(if member.boxed {
            quote!(::std::boxed::Box::new(#value))
        } else {
            value
        })
    }

    pub(super) fn type_path(&self, id: &ShapeId) -> TokenStream {
        super::type_path(self.ir, id)
    }

    fn primitive(&self, name: &str) -> TokenStream {
        let name = format_ident!("{name}");
        quote!(crate::primitives::#name)
    }

    /// A structure through its builder; `params` must be an object of its members.
    pub(super) fn structure(&self, id: &ShapeId, params: &Value) -> Result<TokenStream, String> {
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
    pub(super) fn value(&self, ty: &TypeRef, value: &Value) -> Result<TokenStream, String> {
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
