//! The `validation` module: a `Validate` impl for every type an operation input can
//! hold, checking the constraint traits the IR carries (`@length`, `@range`,
//! `@pattern`, enum values). The client and the server share it; the policy they
//! pass decides how strict it is. The runtime part is `codegen/runtime/validation.rs`.

use super::{ident, type_path};
use crate::ir::{Ir, RefKind, TypeDef, TypeKind, TypeRef};
use crate::output::RustFile;
use crate::pattern::{self, SimplePattern};
use crate::smithy::ShapeId;
use crate::traits::Bounds;
use proc_macro2::{Literal, TokenStream};
use quote::{ToTokens, format_ident, quote};
use std::collections::{BTreeMap, BTreeSet};

/// `src/validation.rs`: the runtime's validation API, re-exported where users look.
pub(super) fn module_file() -> RustFile {
    let mut file = RustFile::new("src/validation.rs".to_owned());
    file.inner_doc(
        "Constraint checks for operation inputs: `validate(&input, Policy::Lenient)` before sending, \
         `Policy::Strict` on a server. Each type's `Validate` impl is beside the type.",
    );
    file.push(
        "",
        quote! {
            pub use crate::rt::validation::{aws_path, validate, validate_request, Constraint, Path, Policy, Segment, Shown, Validate, ValidationError, Violation, Violations};
        },
    );
    file
}

/// What the impls of one crate share: which types need an impl and what they check.
pub(super) struct Validation {
    /// Every type an operation input can hold.
    reachable: BTreeSet<ShapeId>,
    /// Types with anything to check (enums always: the strict policy checks their values).
    needs_check: BTreeSet<ShapeId>,
    /// Types whose checks depend on the policy: those holding an enum.
    policy_matters: BTreeSet<ShapeId>,
}

impl Validation {
    pub(super) fn new(ir: &Ir) -> Self {
        let reachable = reachable_types(ir);
        Validation {
            needs_check: types_reaching(ir, &reachable, has_constraints),
            // Only enum values depend on the policy.
            policy_matters: types_reaching(ir, &reachable, |_| false),
            reachable,
        }
    }

    /// The `Validate` impl of a type an input can hold; `None` for the others.
    pub(super) fn type_impl(&self, ir: &Ir, def: &TypeDef) -> Option<TokenStream> {
        self.reachable.contains(&def.id).then(|| {
            Generator {
                ir,
                shared: self,
                patterns: BTreeMap::new(),
            }
            .type_impl(def)
        })
    }
}

/// Every generated type an operation input contains, the inputs included.
fn reachable_types(ir: &Ir) -> BTreeSet<ShapeId> {
    let mut seen = BTreeSet::new();
    let mut stack: Vec<ShapeId> = ir.operations.iter().map(|op| op.input.clone()).collect();
    while let Some(id) = stack.pop() {
        if !seen.insert(id.clone()) {
            continue;
        }
        let refs: Vec<&TypeRef> = match &ir.type_def(&id).kind {
            TypeKind::Structure(s) => s.members.iter().map(|m| &m.ty).collect(),
            TypeKind::Union(u) => u.variants.iter().filter_map(|v| v.ty.as_ref()).collect(),
            TypeKind::Enum(_) | TypeKind::IntEnum(_) => Vec::new(),
        };
        for ty in refs {
            named_in(ty, &mut stack);
        }
    }
    seen
}

fn named_in(ty: &TypeRef, out: &mut Vec<ShapeId>) {
    match &ty.kind {
        RefKind::Named(id) => out.push(id.clone()),
        RefKind::List { member, .. } => named_in(member, out),
        RefKind::Map { key, value, .. } => {
            named_in(key, out);
            named_in(value, out);
        }
        _ => {}
    }
}

/// The types that contain (or are) a value for which `leaf` holds, or an enum; a
/// fixpoint, since structures can be recursive.
fn types_reaching(
    ir: &Ir,
    reachable: &BTreeSet<ShapeId>,
    leaf: fn(&TypeRef) -> bool,
) -> BTreeSet<ShapeId> {
    let mut found = BTreeSet::new();
    loop {
        let before = found.len();
        for id in reachable {
            let reaches = |ty: &TypeRef| ref_reaches(ty, &found, leaf);
            let any = match &ir.type_def(id).kind {
                TypeKind::Structure(s) => s.members.iter().any(|m| reaches(&m.ty)),
                TypeKind::Union(u) => u.variants.iter().filter_map(|v| v.ty.as_ref()).any(reaches),
                TypeKind::Enum(_) | TypeKind::IntEnum(_) => true,
            };
            if any {
                found.insert(id.clone());
            }
        }
        if found.len() == before {
            return found;
        }
    }
}

fn ref_reaches(ty: &TypeRef, found: &BTreeSet<ShapeId>, leaf: fn(&TypeRef) -> bool) -> bool {
    leaf(ty)
        || match &ty.kind {
            RefKind::Named(id) => found.contains(id),
            RefKind::List { member, .. } => ref_reaches(member, found, leaf),
            RefKind::Map { key, value, .. } => {
                ref_reaches(key, found, leaf) || ref_reaches(value, found, leaf)
            }
            _ => false,
        }
}

fn has_constraints(ty: &TypeRef) -> bool {
    let c = &ty.constraints;
    c.length.is_some() || c.range.is_some() || c.pattern.is_some()
}

struct Generator<'a> {
    ir: &'a Ir,
    shared: &'a Validation,
    /// Each distinct pattern regex-lite accepts, with the index of its static and, if
    /// `pattern::parse` takes it, its compiled form. The statics are local to the impl.
    patterns: BTreeMap<String, (usize, Option<SimplePattern>)>,
}

/// What generating one impl learnt besides its tokens.
#[derive(Default)]
struct Facts {
    /// Constraints the impl does not enforce, for its doc comment.
    not_enforced: Vec<String>,
    /// Whether the checks read the policy (enum values, nested types).
    uses_policy: bool,
}

impl Generator<'_> {
    fn type_impl(mut self, def: &TypeDef) -> TokenStream {
        let ty = type_path(self.ir, &def.id);
        let mut facts = Facts::default();
        let body = match &def.kind {
            TypeKind::Structure(s) => {
                let members: Vec<_> = s
                    .members
                    .iter()
                    .map(|m| {
                        let field = ident(&m.name);
                        let checks = self.value_checks(&m.ty, m.sensitive, &m.name.wire, &mut facts);
                        let wire = &m.name.wire;
                        let unbox = unbox(m.boxed);
                        match (m.required, checks.is_empty()) {
                            // Visited even with nothing to check: a server reports it there if missing.
                            (true, true) => quote! { check::member(path, out, #wire, |_, _| {}); },
                            (true, false) => quote! {
                                check::member(path, out, #wire, |path, out| { let value = &self.#field; #unbox #checks });
                            },
                            (false, true) => quote!(),
                            (false, false) => quote! {
                                if let ::std::option::Option::Some(value) = &self.#field {
                                    check::member(path, out, #wire, |path, out| { #unbox #checks });
                                }
                            },
                        }
                    })
                    .collect();
                quote!(#(#members)*)
            }
            TypeKind::Union(u) => {
                let arms: Vec<_> = u
                    .variants
                    .iter()
                    .filter_map(|v| {
                        let checks = self.value_checks(v.ty.as_ref()?, false, &v.name.wire, &mut facts);
                        let variant = ident(&v.name);
                        let wire = &v.name.wire;
                        let unbox = unbox(v.boxed);
                        (!checks.is_empty()).then(|| quote! { Self::#variant(value) => check::member(path, out, #wire, |path, out| { #unbox #checks }), })
                    })
                    .collect();
                if arms.is_empty() {
                    quote!()
                } else {
                    // A union with one checked member makes this a single-arm match.
                    quote! {
                        #[allow(clippy::single_match)]
                        match self { #(#arms)* _ => {} }
                    }
                }
            }
            TypeKind::Enum(e) => {
                let unknown = ident(&e.unknown);
                facts.uses_policy = true;
                quote! {
                    check::check_known(policy, !::std::matches!(self, Self::#unknown(_)), Self::VALUES, ::std::option::Option::Some(self), path, out);
                }
            }
            TypeKind::IntEnum(e) => {
                let unknown = ident(&e.unknown);
                facts.uses_policy = true;
                let values: Vec<String> = e.variants.iter().map(|v| v.value.to_string()).collect();
                quote! {
                    check::check_known(policy, !::std::matches!(self, Self::#unknown(_)), &[#(#values),*], ::std::option::Option::Some(&self.as_i32()), path, out);
                }
            }
        };
        let docs = facts.not_enforced.iter().map(|note| format!(" {note}"));
        // Parameters the checks do not use are left unnamed, so there is nothing to silence.
        let param = |name: &str, used: bool| {
            if used {
                format_ident!("{name}")
            } else {
                format_ident!("_")
            }
        };
        let policy = param("policy", facts.uses_policy);
        let (path, out) = (
            param("path", !body.is_empty()),
            param("out", !body.is_empty()),
        );
        // The policy only passes through to types it changes nothing for, maybe only to
        // this type itself (recursion), which clippy would flag.
        let passes_through = (facts.uses_policy && !self.shared.policy_matters.contains(&def.id))
            .then(|| quote!(#[allow(clippy::only_used_in_recursion)]));
        let check = (!body.is_empty()).then(|| {
            quote!(
                use crate::rt::validation as check;
            )
        });
        let statics = self.pattern_statics();
        quote! {
            #(#[doc = #docs])*
            #passes_through
            impl crate::validation::Validate for #ty {
                fn validate(&self, #policy: crate::validation::Policy, #path: &mut crate::validation::Path, #out: &mut crate::validation::Violations) {
                    #check
                    #statics
                    #body
                }
            }
        }
    }

    /// The statics of the patterns the impl checks, with the `rt::pattern` names they use.
    fn pattern_statics(&self) -> TokenStream {
        let mut patterns: Vec<_> = self.patterns.iter().collect();
        patterns.sort_by_key(|(_, (index, _))| *index);
        let mut used = BTreeSet::new();
        let statics: Vec<TokenStream> = patterns
            .into_iter()
            .map(|(pattern, (index, simple))| {
                let name = format_ident!("PATTERN_{index}");
                let doc = format!(" `{pattern}`");
                match simple {
                    Some(simple) => {
                        let value = simple_pattern(simple, &mut used);
                        quote! {
                            #[doc = #doc]
                            static #name: SimplePattern = #value;
                        }
                    }
                    None => quote! {
                        #[doc = #doc]
                        static #name: ::std::sync::LazyLock<crate::rt::__private::regex_lite::Regex> = ::std::sync::LazyLock::new(|| {
                            crate::rt::__private::regex_lite::Regex::new(#pattern).expect("the generator compiled this pattern")
                        });
                    },
                }
            })
            .collect();
        // Only the names used, so there is no unused import to silence.
        let names = used.iter().map(|name| format_ident!("{name}"));
        let imports = (!used.is_empty()).then(|| quote!(use crate::rt::pattern::{#(#names),*};));
        quote!(#imports #(#statics)*)
    }

    /// Checks of the value bound to `value` (a reference) of type `ty`, at `path`;
    /// empty when there is nothing to check.
    fn value_checks(
        &mut self,
        ty: &TypeRef,
        sensitive: bool,
        member: &str,
        facts: &mut Facts,
    ) -> TokenStream {
        let shown = if sensitive {
            quote!(::std::option::Option::None)
        } else {
            quote!(::std::option::Option::Some(value))
        };
        let hidden = quote!(::std::option::Option::None);
        let c = &ty.constraints;
        let mut checks = Vec::new();
        let length = |count: TokenStream, shown: &TokenStream, bounds: &Bounds| {
            let (min, max) = (length_bound(&bounds.min), length_bound(&bounds.max));
            quote! { check::check_length(#count, #min, #max, #shown, path, out); }
        };
        match &ty.kind {
            RefKind::String => {
                if let Some(bounds) = &c.length {
                    checks.push(length(quote!(value.chars().count()), &shown, bounds));
                }
                if let Some(pattern) = &c.pattern {
                    checks.push(self.pattern_check(pattern, &shown, member, facts));
                }
            }
            RefKind::Blob => {
                if let Some(bounds) = &c.length {
                    checks.push(length(
                        quote!(::std::convert::AsRef::<[u8]>::as_ref(value).len()),
                        &hidden,
                        bounds,
                    ));
                }
            }
            RefKind::Byte
            | RefKind::Short
            | RefKind::Integer
            | RefKind::Long
            | RefKind::Float
            | RefKind::Double => {
                if let Some(bounds) = &c.range {
                    checks.push(range_check(&ty.kind, bounds, &shown));
                }
            }
            RefKind::BigInteger | RefKind::BigDecimal if c.range.is_some() => {
                facts.not_enforced.push(format!(
                    "`{member}`: `@range` on an arbitrary-precision number is not enforced."
                ));
            }
            RefKind::List {
                member: item,
                sparse,
            } => {
                if let Some(bounds) = &c.length {
                    checks.push(length(quote!(value.len()), &hidden, bounds));
                }
                let item_checks = self.value_checks(item, sensitive, member, facts);
                if !item_checks.is_empty() {
                    let item_checks = if *sparse {
                        quote!(if let ::std::option::Option::Some(value) = value { #item_checks })
                    } else {
                        item_checks
                    };
                    checks.push(quote! { check::each_item(value, path, out, |value, path, out| { #item_checks }); });
                }
            }
            RefKind::Map {
                key,
                value: entry,
                sparse,
            } => {
                if let Some(bounds) = &c.length {
                    checks.push(length(quote!(value.len()), &hidden, bounds));
                }
                let key_checks = self.key_checks(key, sensitive, member, facts);
                let value_checks = self.value_checks(entry, sensitive, member, facts);
                if !key_checks.is_empty() || !value_checks.is_empty() {
                    let value_checks = if *sparse && !value_checks.is_empty() {
                        quote!(if let ::std::option::Option::Some(value) = value { #value_checks })
                    } else {
                        value_checks
                    };
                    let key_param = if key_checks.is_empty() {
                        quote!(_)
                    } else {
                        quote!(key)
                    };
                    let value_param = if value_checks.is_empty() {
                        quote!(_)
                    } else {
                        quote!(value)
                    };
                    checks.push(quote! {
                        check::each_entry(value, path, out, |#key_param, #value_param, path, out| { #key_checks #value_checks });
                    });
                }
            }
            RefKind::Named(id) if self.shared.needs_check.contains(id) => {
                facts.uses_policy = true;
                checks.push(
                    quote! { crate::validation::Validate::validate(value, policy, path, out); },
                );
            }
            _ => {}
        }
        quote!(#(#checks)*)
    }

    /// Map keys are strings in Rust even when the model's key is an enum.
    fn key_checks(
        &mut self,
        key: &TypeRef,
        sensitive: bool,
        member: &str,
        facts: &mut Facts,
    ) -> TokenStream {
        let as_string = TypeRef {
            kind: RefKind::String,
            constraints: key.constraints.clone(),
        };
        let checks = self.value_checks(&as_string, sensitive, member, facts);
        let known = match &key.kind {
            RefKind::Named(id) => {
                let ty = type_path(self.ir, id);
                facts.uses_policy = true;
                quote! {
                    check::check_known(policy, #ty::VALUES.contains(&value.as_str()), #ty::VALUES, ::std::option::Option::Some(value), path, out);
                }
            }
            _ => quote!(),
        };
        if checks.is_empty() && known.is_empty() {
            return quote!();
        }
        quote! { { let value = key; #checks #known } }
    }

    fn pattern_check(
        &mut self,
        pattern: &str,
        shown: &TokenStream,
        member: &str,
        facts: &mut Facts,
    ) -> TokenStream {
        // Checked here, so a pattern the runtime regex engine rejects can never panic there.
        if let Err(error) = regex_lite::Regex::new(pattern) {
            let error = error.to_string().replace('\n', " ");
            facts.not_enforced.push(format!("`{member}`: the pattern `{pattern}` is not enforced: regex-lite cannot compile it ({error})."));
            return quote!();
        }
        let next = self.patterns.len();
        let (index, simple) = self
            .patterns
            .entry(pattern.to_owned())
            .or_insert_with(|| (next, pattern::parse(pattern)));
        let name = format_ident!("PATTERN_{index}");
        let matcher = if simple.is_some() {
            quote!(&#name)
        } else {
            quote!(&*#name)
        };
        quote! { check::check_pattern(#matcher, #pattern, value, #shown, path, out); }
    }
}

/// A `SimplePattern` value, its classes written as byte ranges; adds the names of
/// `rt::pattern` it uses to `used`.
fn simple_pattern(simple: &SimplePattern, used: &mut BTreeSet<&'static str>) -> TokenStream {
    used.extend(["SimplePattern", "Branch"]);
    let branches = simple.branches.iter().map(|branch| {
        let (start, end) = (branch.start, branch.end);
        let items = branch.items.iter().map(|item| {
            used.insert("Item");
            if (item.min, item.max, item.class.count_ones()) == (1, 1, 1) {
                let byte = Literal::byte_character(item.class.trailing_zeros() as u8);
                return quote!(Item::byte(#byte));
            }
            let ranges = class_ranges(item.class).into_iter().map(|(first, last)| {
                let (first, last) = (
                    Literal::byte_character(first),
                    Literal::byte_character(last),
                );
                quote!(#first..=#last)
            });
            let min = Literal::u32_unsuffixed(item.min);
            let max = if item.max == pattern::UNBOUNDED {
                quote!(Item::UNBOUNDED)
            } else {
                Literal::u32_unsuffixed(item.max).into_token_stream()
            };
            used.insert("class");
            quote!(Item { class: class(&[#(#ranges),*]), min: #min, max: #max })
        });
        let items: Vec<TokenStream> = items.collect();
        quote!(Branch { start: #start, end: #end, items: &[#(#items),*] })
    });
    let branches: Vec<TokenStream> = branches.collect();
    quote!(SimplePattern { branches: &[#(#branches),*] })
}

/// The runs of consecutive bytes in `class`, as `(first, last)`.
fn class_ranges(class: u128) -> Vec<(u8, u8)> {
    let mut ranges: Vec<(u8, u8)> = Vec::new();
    for byte in (0..128u8).filter(|&b| (class >> b) & 1 == 1) {
        match ranges.last_mut() {
            Some((_, last)) if *last + 1 == byte => *last = byte,
            _ => ranges.push((byte, byte)),
        }
    }
    ranges
}

/// Rebinds `value` from `&Box<T>` to `&T` for a boxed member.
fn unbox(boxed: bool) -> TokenStream {
    if boxed {
        quote!(let value = &**value;)
    } else {
        quote!()
    }
}

fn length_bound(bound: &Option<serde_json::Number>) -> TokenStream {
    match bound.as_ref().and_then(serde_json::Number::as_u64) {
        Some(n) => quote!(::std::option::Option::Some(#n)),
        None => quote!(::std::option::Option::None),
    }
}

/// A `@range` check comparing in a type that holds both the value and the bound
/// exactly: `i128` for integers (fractional bounds rounded inwards), `f64` for floats.
fn range_check(kind: &RefKind, bounds: &Bounds, shown: &TokenStream) -> TokenStream {
    let integer = matches!(
        kind,
        RefKind::Byte | RefKind::Short | RefKind::Integer | RefKind::Long
    );
    let value = match kind {
        RefKind::Double => quote!(*value),
        RefKind::Float => quote!(f64::from(*value)),
        _ => quote!(i128::from(*value)),
    };
    let side = |bound: &Option<serde_json::Number>, below: bool| -> (TokenStream, String) {
        let Some(n) = bound else {
            return (quote!(false), String::new());
        };
        let limit = if integer {
            let exact = n
                .as_i64()
                .map(i128::from)
                .or_else(|| n.as_u64().map(i128::from));
            // Bounds come from `traits::bounds`, which only admits numbers.
            let float = n.as_f64().unwrap_or_default();
            let rounded = exact.unwrap_or_else(|| {
                if below {
                    float.ceil() as i128
                } else {
                    float.floor() as i128
                }
            });
            Literal::i128_unsuffixed(rounded)
        } else {
            Literal::f64_unsuffixed(n.as_f64().unwrap_or_default())
        };
        let compare = if below {
            quote!(#value < #limit)
        } else {
            quote!(#value > #limit)
        };
        (compare, n.to_string())
    };
    let (below, min) = side(&bounds.min, true);
    let (above, max) = side(&bounds.max, false);
    quote! { check::check_range((#below, #min), (#above, #max), #shown, path, out); }
}

#[cfg(test)]
mod tests {
    /// A service whose one input has a pattern regex-lite rejects (from a real AWS model).
    const MODEL: &str = r#"{
        "smithy": "2.0",
        "shapes": {
            "t#Svc": { "type": "service", "operations": [{ "target": "t#Op" }],
                       "traits": { "aws.protocols#awsJson1_1": {} } },
            "t#Op": { "type": "operation", "input": { "target": "t#OpInput" } },
            "t#OpInput": { "type": "structure", "members": {
                "Bad": { "target": "t#BadString" },
                "Good": { "target": "t#GoodString" } } },
            "t#BadString": { "type": "string", "traits": { "smithy.api#pattern": "^[\\w-_]*$" } },
            "t#GoodString": { "type": "string", "traits": { "smithy.api#pattern": "^[a-z]+$" } }
        }
    }"#;

    #[test]
    fn a_pattern_regex_lite_rejects_is_reported_and_a_simple_one_compiled() {
        let model = crate::parse(MODEL).unwrap();
        let files =
            crate::generate(&model, &crate::Settings::default(), &Default::default()).unwrap();
        let file = files
            .iter()
            .find(|f| f.path == "src/operation/op.rs")
            .unwrap();
        assert!(
            file.contents
                .contains("`Bad`: the pattern `^[\\w-_]*$` is not enforced"),
            "{}",
            file.contents
        );
        assert!(file.contents.contains("\"^[a-z]+$\""));
        assert!(!file.contents.contains("\"^[\\\\w-_]*$\""));
        // In the subset `pattern::parse` takes: a static matcher, no regex.
        assert!(
            file.contents.contains("static PATTERN_0: SimplePattern"),
            "{}",
            file.contents
        );
        assert!(!file.contents.contains("regex_lite"), "{}", file.contents);
    }

    #[test]
    fn only_the_pattern_names_used_are_imported() {
        let literal = MODEL
            .replace(r#""^[\\w-_]*$""#, r#""^ab$""#)
            .replace(r#""^[a-z]+$""#, r#""^ab$""#);
        let model = crate::parse(&literal).unwrap();
        let files =
            crate::generate(&model, &crate::Settings::default(), &Default::default()).unwrap();
        let file = files
            .iter()
            .find(|f| f.path == "src/operation/op.rs")
            .unwrap();
        assert!(
            file.contents.contains("Item::byte(b'a')"),
            "{}",
            file.contents
        );
        assert!(
            file.contents
                .contains("use crate::rt::pattern::{Branch, Item, SimplePattern};"),
            "{}",
            file.contents
        );
    }
}
