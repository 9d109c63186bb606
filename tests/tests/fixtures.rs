//! The fixture models of `tests/fixtures/`, one concern each: insta snapshots of their
//! generated files, and assertions on the generated items (read with syn) that a careless
//! snapshot update could not wave through. `compile_generated.rs` builds them.
//!
//! Snapshots: `tests/tests/snapshots/fixture_<model>__<path, `/` as `__`>.snap`. Runtime
//! files identical to the WorkSpaces crate's (covered by `snapshots.rs`) are not repeated.
//! Update: `INSTA_UPDATE=always cargo test -p tests --test fixtures`.

use codegen::GeneratedFile;
use quote::ToTokens;
use std::collections::{BTreeMap, BTreeSet};
use tests::{
    assert_file_snapshots, default_options, fixture_models, fixtures_dir, generate, generate_model,
    model_name,
};

/// The concerns named in the test plan; each must have its fixture.
const FIXTURES: &[&str] = &[
    "docs",
    "int_enum",
    "mixins",
    "names",
    "recursion",
    "scalars",
    "smithy1",
];

#[test]
fn every_concern_has_a_fixture() {
    let found: Vec<String> = fixture_models().iter().map(|p| model_name(p)).collect();
    assert_eq!(
        found, FIXTURES,
        "tests/fixtures/*.json changed: update FIXTURES and the assertions below"
    );
}

#[test]
fn fixture_files_match_snapshots() {
    let workspaces: BTreeMap<String, String> = generate(&default_options())
        .into_iter()
        .map(|f| (f.path, f.contents))
        .collect();
    let mut failed = Vec::new();
    for model in fixture_models() {
        let name = model_name(&model);
        let files = generate_model(&model);
        let own: Vec<&GeneratedFile> = files
            .iter()
            .filter(|f| workspaces.get(&f.path).is_none_or(|w| *w != f.contents))
            .collect();
        let outcome =
            std::panic::catch_unwind(|| assert_file_snapshots(&format!("fixture_{name}"), &own));
        if let Err(panic) = outcome {
            failed.push(
                panic
                    .downcast_ref::<String>()
                    .cloned()
                    .unwrap_or_else(|| name.clone()),
            );
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

#[test]
fn generation_is_deterministic() {
    for model in fixture_models() {
        assert!(
            generate_model(&model) == generate_model(&model),
            "{} generates differently twice",
            model.display()
        );
    }
}

// ---------------------------------------------------------------------------------------
// Reading generated items.

/// One generated crate, its Rust files parsed.
struct Crate {
    files: BTreeMap<String, syn::File>,
}

fn generate_fixture(name: &str) -> Crate {
    parse_crate(
        name,
        generate_model(&fixtures_dir().join(format!("{name}.json"))),
    )
}

/// The Rust files of a generated crate, parsed.
fn parse_crate(name: &str, files: Vec<GeneratedFile>) -> Crate {
    let files = files
        .into_iter()
        .filter(|f| f.path.ends_with(".rs"))
        .map(|f| {
            let parsed = syn::parse_file(&f.contents)
                .unwrap_or_else(|e| panic!("{name}: {} does not parse: {e}", f.path));
            (f.path, parsed)
        })
        .collect();
    Crate { files }
}

/// Tokens as compact text: `::std::option::Option<i32>`.
fn text(tokens: &impl ToTokens) -> String {
    let compact = tokens.to_token_stream().to_string().replace(' ', "");
    // prettyplease adds a trailing comma where it breaks a list over lines.
    compact
        .replace(",]", "]")
        .replace(",)", ")")
        .replace(",}", "}")
        .replace(",>", ">")
}

impl Crate {
    /// Items of a public module, gathered from the files that define them: `types`
    /// (`src/types/_*.rs`), `error` (modeled errors in `src/types/error/`, and the
    /// operations' error enums), `input` and `output` (the operation modules).
    fn items(&self, module: &str) -> Vec<&syn::Item> {
        let prefixes: &[&str] = match module {
            "types" => &["src/types/_"],
            "error" => &["src/types/error/_", "src/operation/"],
            "input" | "output" => &["src/operation/"],
            other => panic!("no module `{other}` to read"),
        };
        let items: Vec<&syn::Item> = self
            .files
            .iter()
            .filter(|(path, _)| {
                prefixes.iter().any(|p| path.starts_with(p)) && !path.ends_with("/mod.rs")
            })
            .flat_map(|(path, file)| file.items.iter().map(move |item| (path, item)))
            // An operation file holds its input and output structs and its error enum.
            .filter(|(path, item)| match (module, item) {
                ("error", syn::Item::Struct(_)) => !path.starts_with("src/operation/"),
                ("input" | "output", syn::Item::Enum(_)) => false,
                _ => true,
            })
            .map(|(_, item)| item)
            .collect();
        assert!(!items.is_empty(), "no items in `{module}`");
        items
    }

    /// Every struct and enum name of a module.
    fn type_names(&self, module: &str) -> BTreeSet<String> {
        self.items(module)
            .iter()
            .filter_map(|item| match item {
                syn::Item::Struct(s) => Some(s.ident.to_string()),
                syn::Item::Enum(e) => Some(e.ident.to_string()),
                _ => None,
            })
            .collect()
    }

    /// `(field, type)` of a struct, in declaration order; raw identifiers keep their `r#`.
    fn fields(&self, module: &str, name: &str) -> Vec<(String, String)> {
        let found = self.items(module).iter().find_map(|item| match item {
            syn::Item::Struct(s) if s.ident == name => Some(s),
            _ => None,
        });
        let s = found.unwrap_or_else(|| panic!("no struct {name} in src/{module}.rs"));
        s.fields
            .iter()
            .map(|f| (text(f.ident.as_ref().expect("named field")), text(&f.ty)))
            .collect()
    }

    fn field_names(&self, module: &str, name: &str) -> Vec<String> {
        self.fields(module, name)
            .into_iter()
            .map(|(f, _)| f)
            .collect()
    }

    fn field_type(&self, module: &str, name: &str, field: &str) -> String {
        let fields = self.fields(module, name);
        fields
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, t)| t.clone())
            .unwrap_or_else(|| panic!("{name} has no field {field}: {fields:?}"))
    }

    /// `(variant, payload type or "")` of an enum, in declaration order.
    fn variants(&self, module: &str, name: &str) -> Vec<(String, String)> {
        let found = self.items(module).iter().find_map(|item| match item {
            syn::Item::Enum(e) if e.ident == name => Some(e),
            _ => None,
        });
        let e = found.unwrap_or_else(|| panic!("no enum {name} in src/{module}.rs"));
        e.variants
            .iter()
            .map(|v| {
                (
                    v.ident.to_string(),
                    v.fields.iter().map(|f| text(&f.ty)).collect::<String>(),
                )
            })
            .collect()
    }

    fn variant_names(&self, module: &str, name: &str) -> Vec<String> {
        self.variants(module, name)
            .into_iter()
            .map(|(v, _)| v)
            .collect()
    }

    /// The elements of an associated array const (`VALUES`): string literals as their value,
    /// anything else as compact tokens (`-1i32`).
    fn assoc_const(&self, module: &str, ty: &str, konst: &str) -> Vec<String> {
        let found = self.items(module).iter().find_map(|item| match item {
            syn::Item::Impl(i) if i.trait_.is_none() && text(&i.self_ty) == ty => {
                i.items.iter().find_map(|ii| match ii {
                    syn::ImplItem::Const(c) if c.ident == konst => Some(&c.expr),
                    _ => None,
                })
            }
            _ => None,
        });
        let mut expr = found.unwrap_or_else(|| panic!("no {ty}::{konst} in src/{module}.rs"));
        if let syn::Expr::Reference(r) = expr {
            expr = &r.expr;
        }
        let syn::Expr::Array(array) = expr else {
            panic!("{ty}::{konst} is not an array: {}", text(expr))
        };
        array
            .elems
            .iter()
            .map(|e| match e {
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) => s.value(),
                other => text(other),
            })
            .collect()
    }

    /// Whether `ty` implements `Debug` by hand (a derive would show every field).
    fn has_manual_debug(&self, module: &str, ty: &str) -> bool {
        self.items(module).iter().any(|item| {
            matches!(item, syn::Item::Impl(i) if text(&i.self_ty) == ty
                && i.trait_.as_ref().is_some_and(|(_, path, _)| text(path).ends_with("Debug")))
        })
    }

    /// The `#[doc]` text of a type, joined by newlines.
    fn docs(&self, module: &str, ty: &str) -> String {
        let attrs = self.items(module).iter().find_map(|item| match item {
            syn::Item::Struct(s) if s.ident == ty => Some(&s.attrs),
            syn::Item::Enum(e) if e.ident == ty => Some(&e.attrs),
            _ => None,
        });
        let attrs = attrs.unwrap_or_else(|| panic!("no type {ty} in src/{module}.rs"));
        attrs
            .iter()
            .filter_map(|a| match &a.meta {
                syn::Meta::NameValue(nv) if nv.path.is_ident("doc") => match &nv.value {
                    syn::Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Str(s),
                        ..
                    }) => Some(s.value()),
                    _ => None,
                },
                _ => None,
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Every `(type, field or variant)` whose declared type contains a `Box`.
    fn boxed(&self, module: &str) -> BTreeSet<(String, String)> {
        let mut found = BTreeSet::new();
        for item in self.items(module) {
            match item {
                syn::Item::Struct(s) if !s.ident.to_string().ends_with("Builder") => {
                    for f in &s.fields {
                        if text(&f.ty).contains("::std::boxed::Box<") {
                            found.insert((
                                s.ident.to_string(),
                                text(f.ident.as_ref().expect("named field")),
                            ));
                        }
                    }
                }
                syn::Item::Enum(e) => {
                    for v in &e.variants {
                        if v.fields
                            .iter()
                            .any(|f| text(&f.ty).contains("::std::boxed::Box<"))
                        {
                            found.insert((e.ident.to_string(), v.ident.to_string()));
                        }
                    }
                }
                _ => {}
            }
        }
        found
    }
}

fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn pairs(list: &[(&str, &str)]) -> BTreeSet<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

/// An operation's error enum: a variant per modeled error, in model order (service-wide
/// errors last), then the catch-alls, among them `Unhandled`.
fn assert_modeled_errors(c: &Crate, error_enum: &str, modeled: &[&str]) {
    let variants = c.variant_names("error", error_enum);
    assert_eq!(
        variants[..modeled.len().min(variants.len())],
        strings(modeled),
        "{error_enum}: {variants:?}"
    );
    assert!(
        variants[modeled.len()..].contains(&"Unhandled".to_owned()),
        "{error_enum}: {variants:?}"
    );
}

// ---------------------------------------------------------------------------------------
// One test per fixture.

#[test]
fn names_keywords_and_std_names() {
    let c = generate_fixture("names");
    assert_eq!(
        c.field_names("input", "Type"),
        strings(&[
            "r#type",
            "self_",
            "r#async",
            "crate_",
            "super_",
            "r#match",
            "r#fn",
            "r#impl",
            "r#loop",
            "r#gen",
            "r#try",
            "r#dyn",
            "r#box",
            "r#yield",
            "r#static",
            "union",
            "macro_rules",
            "builder",
            "_1_foo",
            "_2fa",
        ])
    );
    // `Self` cannot be a raw identifier; std names are kept, std items are used by path.
    assert_eq!(
        c.field_names("output", "Self_"),
        strings(&[
            "some", "none", "ok", "err", "option", "result", "string", "r#box", "vec", "default",
            "unknown", "self_", "r#type"
        ])
    );
    assert_eq!(
        c.field_type("output", "Self_", "string"),
        "crate::types::String",
        "required: no Option"
    );
    assert_eq!(
        c.field_type("output", "Self_", "self_"),
        "::std::option::Option<::std::boxed::Box<crate::operation::option::Self_>>"
    );
    assert_eq!(
        c.field_type("output", "Self_", "option"),
        "::std::option::Option<crate::types::Option>"
    );
    for ty in [
        "Option", "Result", "String", "Vec", "Default", "Unknown", "None", "Kind",
    ] {
        assert!(
            c.type_names("types").contains(ty),
            "types::{ty} missing: {:?}",
            c.type_names("types")
        );
    }
    assert!(c.type_names("input").contains("Box"));
    assert!(
        c.type_names("error")
            .is_superset(&BTreeSet::from(["Err".to_owned(), "Error".to_owned()]))
    );

    // The catch-all takes the first free name of Unknown, UnknownValue, UnknownVariant.
    assert_eq!(
        c.variant_names("types", "String"),
        strings(&[
            "Unknown",
            "UnknownValue",
            "Some",
            "None",
            "Self_",
            "Type",
            "_1Foo",
            "_2xlarge",
            "Star",
            "Quote",
            "UnknownVariant"
        ])
    );
    assert_eq!(
        c.assoc_const("types", "String", "VALUES"),
        strings(&[
            "Unknown",
            "UnknownValue",
            "Some",
            "None",
            "Self",
            "type",
            "1Foo",
            "2xlarge",
            "*",
            "say \"hi\"\\n"
        ])
    );
    assert_eq!(
        c.variant_names("types", "Unknown"),
        strings(&["Unknown", "Known", "UnknownValue"])
    );
    assert_eq!(
        c.variant_names("types", "Kind"),
        strings(&["Async", "Crate", "Self_", "Unknown"])
    );
    assert_eq!(
        c.variant_names("types", "Default"),
        strings(&[
            "Unknown",
            "UnknownValue",
            "Default",
            "Self_",
            "UnknownVariant"
        ])
    );
    assert_eq!(
        c.variants("types", "Result"),
        [
            ("Ok", ""),
            ("Err", "crate::types::error::Err"),
            ("Some", "i32"),
            ("None", "crate::types::None"),
            ("Self_", "::std::boxed::Box<crate::types::Result>"),
            ("Unknown", "::std::string::String"),
            ("UnknownValue", ""),
        ]
        .map(|(v, t)| (v.to_owned(), t.to_owned()))
    );

    // Every operation, however it is named, has its error enum and synthetic input/output.
    let errors = c.type_names("error");
    // Operations `New`, `Self` and `Clone` are in generator_bugs.rs until the client takes them.
    for op in [
        "Async", "Box", "Default", "Match", "Option", "Result", "Some", "Type", "Unknown",
    ] {
        assert!(
            errors.contains(&format!("{op}Error")),
            "error::{op}Error missing: {errors:?}"
        );
    }
    for synthetic in ["AsyncInput", "ResultInput", "TypeInput", "UnknownInput"] {
        assert!(
            c.type_names("input").contains(synthetic),
            "input::{synthetic} missing"
        );
    }
    assert_modeled_errors(&c, "OptionError", &["Err", "Error"]);
}

#[test]
fn recursion_is_boxed_exactly_inside_cycles() {
    let c = generate_fixture("recursion");
    // Lists and maps already allocate: Tree, Graph and Json are not boxed; Leaf and the
    // input's reference into the cycles are outside any cycle.
    assert_eq!(
        c.boxed("types"),
        pairs(&[
            ("A", "b"),
            ("B", "a"),
            ("Expr", "Add"),
            ("Expr", "Negate"),
            ("Node", "next"),
            ("Pair", "left"),
            ("Pair", "right")
        ])
    );
    assert_eq!(
        c.field_type("types", "A", "b"),
        "::std::boxed::Box<crate::types::B>",
        "required and boxed"
    );
    assert_eq!(
        c.field_type("types", "Tree", "children"),
        "::std::option::Option<::std::vec::Vec<crate::types::Tree>>"
    );
    assert_eq!(
        c.field_type("types", "Graph", "edges"),
        "::std::option::Option<::std::collections::HashMap<::std::string::String,crate::types::Graph>>"
    );
    // Inputs and outputs share the operation modules: only the input's chain is boxed.
    assert_eq!(c.boxed("input"), pairs(&[("ChainLink", "next")]));
    assert_eq!(
        c.field_type("input", "WalkInput", "a"),
        "::std::option::Option<crate::types::A>"
    );
    assert!(c.variants("types", "Json").contains(&(
        "Array".into(),
        "::std::vec::Vec<::std::option::Option<crate::types::Json>>".into()
    )));
}

#[test]
fn int_enum_values_and_catch_all() {
    let c = generate_fixture("int_enum");
    assert_eq!(
        c.variants("types", "Priority"),
        vec![
            ("Low".into(), String::new()),
            ("Medium".into(), String::new()),
            ("High".into(), String::new()),
            ("None".into(), String::new()),
            ("Negative".into(), String::new()),
            ("Max".into(), String::new()),
            ("Min".into(), String::new()),
            ("Old".into(), String::new()),
            ("Unknown".into(), "i32".into()),
        ]
    );
    assert_eq!(
        c.assoc_const("types", "Priority", "VALUES"),
        strings(&[
            "1i32",
            "2i32",
            "3i32",
            "0i32",
            "-1i32",
            "2147483647i32",
            "-2147483648i32",
            "99i32"
        ])
    );
    assert_eq!(
        c.variant_names("types", "Level"),
        strings(&["Unknown", "Level1", "_2", "UnknownValue"])
    );
    assert_eq!(
        c.field_type("input", "SetPriorityInput", "by_name"),
        "::std::option::Option<::std::collections::HashMap<::std::string::String,crate::types::Priority>>"
    );
    assert_eq!(
        c.field_type("output", "SetPriorityOutput", "sparse"),
        "::std::option::Option<::std::vec::Vec<::std::option::Option<crate::types::Priority>>>"
    );
    assert!(
        c.docs("types", "Priority").contains("negative"),
        "{}",
        c.docs("types", "Priority")
    );
}

#[test]
fn smithy1_enums_sets_and_primitives() {
    let c = generate_fixture("smithy1");
    assert_eq!(
        c.variant_names("types", "Color"),
        strings(&["Red", "DarkGreen", "Blue", "Unknown"])
    );
    assert_eq!(
        c.assoc_const("types", "Color", "VALUES"),
        strings(&["red", "dark-green", "blue"])
    );
    // Without `name`, variants come from the values; the catch-all yields to `Unknown`.
    assert_eq!(
        c.variant_names("types", "InstanceType"),
        strings(&[
            "T2Micro",
            "M52xlarge",
            "_2xlarge",
            "X2a",
            "UsEast1",
            "Unknown",
            "UnknownValue"
        ])
    );
    assert_eq!(
        c.assoc_const("types", "InstanceType", "VALUES"),
        strings(&[
            "t2.micro",
            "m5.2xlarge",
            "2xlarge",
            "*",
            "us-east-1",
            "Unknown"
        ])
    );
    let data = c.fields("input", "ThingData");
    let ty = |f: &str| {
        data.iter()
            .find(|(n, _)| n == f)
            .map(|(_, t)| t.as_str())
            .unwrap_or_else(|| panic!("no {f}"))
    };
    assert_eq!(
        ty("colors"),
        "::std::option::Option<::std::vec::Vec<crate::types::Color>>",
        "a set is a Vec"
    );
    assert_eq!(
        ty("tags"),
        "::std::option::Option<::std::vec::Vec<::std::string::String>>"
    );
    for (field, rust) in [
        ("count", "i32"),
        ("enabled", "bool"),
        ("size", "i64"),
        ("ratio", "f64"),
        ("weight", "f32"),
        ("small", "i16"),
        ("tiny", "i8"),
    ] {
        assert!(ty(field).contains(rust), "{field}: {}", ty(field));
    }
    assert_eq!(ty("boxed_count"), "::std::option::Option<i32>");
    assert_eq!(ty("boxed_member"), "::std::option::Option<i32>");
    // The resource's `read` operation is generated with the service's own operation.
    assert!(c.type_names("error").contains("GetThingError"));
    assert!(c.type_names("error").contains("PutThingError"));
    assert!(
        c.type_names("output").contains("PutThingOutput"),
        "synthetic output"
    );
}

#[test]
fn scalars_map_to_their_rust_types() {
    let c = generate_fixture("scalars");
    let expected = [
        ("blob", "crate::primitives::Blob"),
        ("boolean", "bool"),
        ("string", "::std::string::String"),
        ("byte", "i8"),
        ("short", "i16"),
        ("integer", "i32"),
        ("long", "i64"),
        ("float", "f32"),
        ("double", "f64"),
        ("big_integer", "crate::primitives::BigInteger"),
        ("big_decimal", "crate::primitives::BigDecimal"),
        ("timestamp", "crate::primitives::Timestamp"),
        ("document", "crate::primitives::Document"),
        ("list", "::std::vec::Vec<::std::string::String>"),
        (
            "map",
            "::std::collections::HashMap<::std::string::String,::std::string::String>",
        ),
        (
            "sparse_map",
            "::std::collections::HashMap<::std::string::String,::std::option::Option<::std::string::String>>",
        ),
    ];
    let required = c
        .fields("types", "RequiredScalars")
        .into_iter()
        .collect::<BTreeMap<_, _>>();
    for (field, rust) in expected {
        assert_eq!(
            required.get(field).map(String::as_str),
            Some(rust),
            "RequiredScalars.{field}"
        );
        assert_eq!(
            c.field_type("types", "AllScalars", field),
            format!("::std::option::Option<{rust}>"),
            "AllScalars.{field}"
        );
    }
    assert_eq!(
        c.field_type("types", "AllScalars", "sparse_list"),
        "::std::option::Option<::std::vec::Vec<::std::option::Option<::std::string::String>>>"
    );
    assert_eq!(
        c.field_type("types", "AllScalars", "enum_keyed_map"),
        "::std::option::Option<::std::collections::HashMap<::std::string::String,::std::vec::Vec<::std::string::String>>>",
        "map keys are strings, even enum-keyed ones (the emitter's choice)"
    );
    // Unit members of a union carry no value.
    let choice = c.variants("types", "Choice");
    assert!(
        choice.contains(&("Nothing".into(), String::new()))
            && choice.contains(&("AlsoNothing".into(), String::new())),
        "{choice:?}"
    );
    // Sensitive members (or members targeting a sensitive shape) are redacted from Debug.
    for ty in ["AllScalars", "Secret"] {
        assert!(
            c.has_manual_debug("types", ty),
            "{ty} derives Debug despite @sensitive members"
        );
    }
    assert!(c.has_manual_debug("error", "Conflict"));
    assert!(!c.has_manual_debug("error", "BadInput"));
    // Operations without input or output get synthetic ones; service errors join every operation.
    assert!(
        c.type_names("input").contains("PingInput")
            && c.type_names("output").contains("PingOutput")
    );
    assert!(
        c.type_names("output").contains("OldEchoOutput"),
        "Unit output is synthesised too"
    );
    assert_modeled_errors(&c, "PingError", &["ServiceUnavailable"]);
    assert_modeled_errors(
        &c,
        "EchoError",
        &[
            "BadInput",
            "Throttled",
            "Internal",
            "Conflict",
            "ServiceUnavailable",
        ],
    );
    assert!(
        c.docs("types", "RequiredScalars")
            .contains("**Deprecated**: Kept for old clients.")
    );
}

#[test]
fn mixins_are_flattened() {
    let c = generate_fixture("mixins");
    // Mixin members first, in mixin order (nested mixins before their user), then own members.
    assert_eq!(
        c.field_names("types", "User"),
        strings(&[
            "user_id",
            "created_at",
            "updated_at",
            "audited_by",
            "name",
            "role",
            "contact"
        ])
    );
    assert_eq!(
        c.field_type("types", "User", "user_id"),
        "::std::string::String",
        "@required comes with the member"
    );
    assert_eq!(
        c.field_names("input", "GetUserInput"),
        strings(&["user_id"])
    );
    assert_eq!(
        c.field_names("error", "UserNotFound"),
        strings(&["message", "resource_id"])
    );
    let mut list_output = c.field_names("output", "ListUsersOutput");
    list_output.sort();
    assert_eq!(
        list_output,
        strings(&["max_results", "next_token", "users"]),
        "a redeclared mixin member appears once"
    );
    assert_eq!(
        c.assoc_const("types", "Role", "VALUES"),
        strings(&["reader", "admin"])
    );
    assert_eq!(
        c.variant_names("types", "Contact"),
        strings(&["Email", "Phone", "Unknown"])
    );
    let all: BTreeSet<String> = ["types", "input", "output", "error"]
        .iter()
        .flat_map(|m| c.type_names(m))
        .collect();
    for mixin in [
        "UserKey",
        "Timestamps",
        "Audited",
        "Paged",
        "Bounded",
        "BaseRole",
        "BaseContact",
        "ErrorFields",
    ] {
        assert!(!all.contains(mixin), "mixin {mixin} generated as a type");
    }
}

#[test]
fn docs_reach_the_generated_items() {
    let c = generate_fixture("docs");
    let lib = c.files.get("src/lib.rs").expect("src/lib.rs");
    let inner: Vec<String> = lib
        .attrs
        .iter()
        .filter_map(|a| match &a.meta {
            syn::Meta::NameValue(nv) if nv.path.is_ident("doc") => Some(text(&nv.value)),
            _ => None,
        })
        .collect();
    assert!(
        inner.iter().any(|l| l.contains("Placeholders")),
        "service docs missing from lib.rs: {inner:?}"
    );
    assert!(
        c.docs("types", "Thing").contains("*thing*"),
        "{}",
        c.docs("types", "Thing")
    );
    assert!(
        c.docs("types", "Filter").contains("```text"),
        "<pre> becomes a text fence: {}",
        c.docs("types", "Filter")
    );
}

/// Every name the generator gives its own items, methods and variants is in
/// `codegen::reserved`, the list lowering checks model-derived names against: a new
/// method or re-export that is not listed there could collide with a model name unseen.
#[test]
fn generator_names_are_the_reserved_ones() {
    use codegen::reserved::*;
    for c in [
        generate_fixture("names"),
        generate_fixture("recursion"),
        workspaces_crate(),
    ] {
        let client = &c.files["src/client.rs"];
        for item in &client.items {
            for name in item_names(item) {
                assert!(
                    CLIENT_ITEMS.contains(&name.as_str()),
                    "client::{name} is not in reserved::CLIENT_ITEMS"
                );
            }
            if let syn::Item::Impl(i) = item
                && i.trait_.is_none()
            {
                for name in method_names(&i.items) {
                    assert!(
                        CLIENT_METHODS.contains(&name.as_str()),
                        "Client::{name} is not in reserved::CLIENT_METHODS"
                    );
                }
            }
        }
        for (path, file) in c
            .files
            .iter()
            .filter(|(p, _)| p.starts_with("src/operation/") && !p.ends_with("mod.rs"))
        {
            for item in &file.items {
                match item {
                    // The error enum: a variant per modeled error (a tuple of that type), and the two catch-alls.
                    syn::Item::Enum(e) => {
                        for variant in &e.variants {
                            let name = variant.ident.to_string();
                            let payload = variant
                                .fields
                                .iter()
                                .map(|f| text(&f.ty))
                                .collect::<String>();
                            assert!(
                                payload.ends_with(&format!("::{name}"))
                                    || [UNHANDLED_VARIANT, CLIENT_VARIANT].contains(&name.as_str()),
                                "{path}: variant {name}({payload}) of {} is neither a modeled error nor reserved",
                                e.ident
                            );
                        }
                    }
                    syn::Item::Mod(m) if m.ident == "builders" => {
                        let items = &m.content.as_ref().expect("an inline module").1;
                        check_builder_methods(path, items);
                    }
                    _ => {}
                }
            }
        }
    }
}

/// The WorkSpaces crate as `cargo xtask codegen` writes it, parsed.
fn workspaces_crate() -> Crate {
    parse_crate("workspaces", generate(&default_options()))
}

/// Methods of a builder are member setters (`x`, `x_value`, `set_x` of a field `x`) or
/// the builders' own, which must be reserved.
fn check_builder_methods(path: &str, items: &[syn::Item]) {
    use codegen::reserved::{BUILDER_METHODS, FLUENT_METHODS, SETTER_SUFFIX};
    let fields: BTreeSet<String> = items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Struct(s) => Some(
                s.fields
                    .iter()
                    .filter_map(|f| f.ident.as_ref().map(|i| bare(&i.to_string()))),
            ),
            _ => None,
        })
        .flatten()
        .collect();
    let suffix = SETTER_SUFFIX.to_lowercase();
    for item in items {
        let syn::Item::Impl(i) = item else { continue };
        for name in method_names(&i.items) {
            let name = bare(&name);
            let setter = fields.contains(&name)
                || name.strip_prefix("set").is_some_and(|f| fields.contains(f))
                || name
                    .strip_suffix(&suffix)
                    .is_some_and(|f| fields.contains(f));
            assert!(
                setter
                    || BUILDER_METHODS
                        .iter()
                        .chain(FLUENT_METHODS)
                        .any(|m| bare(m) == name),
                "{path}: builder method {name} is neither a setter nor reserved"
            );
        }
    }
}

/// An identifier without its escapes and word separators (`r#type` as `type`, `self_`
/// as `self`, `_1_foo` as `1foo`), to compare a setter with the field it sets.
fn bare(ident: &str) -> String {
    ident.trim_start_matches("r#").replace('_', "")
}

fn method_names(items: &[syn::ImplItem]) -> Vec<String> {
    items
        .iter()
        .filter_map(|item| match item {
            syn::ImplItem::Fn(f) => Some(f.sig.ident.to_string()),
            _ => None,
        })
        .collect()
}

/// The names an item puts in its module (a `use` names its leaves).
fn item_names(item: &syn::Item) -> Vec<String> {
    fn leaves(tree: &syn::UseTree, out: &mut Vec<String>) {
        match tree {
            syn::UseTree::Path(p) => leaves(&p.tree, out),
            syn::UseTree::Name(n) => out.push(n.ident.to_string()),
            syn::UseTree::Rename(r) => out.push(r.rename.to_string()),
            syn::UseTree::Group(g) => g.items.iter().for_each(|t| leaves(t, out)),
            syn::UseTree::Glob(_) => out.push("*".to_owned()),
        }
    }
    let mut out = Vec::new();
    match item {
        syn::Item::Use(u) => leaves(&u.tree, &mut out),
        syn::Item::Struct(s) => out.push(s.ident.to_string()),
        syn::Item::Static(s) => out.push(s.ident.to_string()),
        syn::Item::Enum(e) => out.push(e.ident.to_string()),
        syn::Item::Fn(f) => out.push(f.sig.ident.to_string()),
        _ => {}
    }
    out
}
