//! Lowering: the normalised model becomes the [`Ir`]. Every Rust name is chosen here
//! (through [`crate::names`]) and checked for collisions in one ordered output space.

use crate::docs::html_to_markdown;
use crate::error::{Error, ErrorKind};
use crate::ir::*;
use crate::names::{self, Name};
use crate::normalize::Normalized;
use crate::reserved;
use crate::settings::Settings;
use crate::smithy::{Aggregate, Member as SmithyMember, Shape, ShapeId, Traits};
use crate::traits::{self, EnumValue};
use ::std::collections::BTreeMap;

pub fn lower(model: &Normalized, settings: &Settings) -> Result<Ir, Error> {
    let service = lower_service(model, settings)?;
    let op_modules = operation_modules(model)?;
    let modules = classify(model, &op_modules);
    let mut space = OutputSpace::default();
    for reserved in reserved::CLIENT_ITEMS
        .iter()
        .copied()
        .chain([service.api_trait.ident.as_str()])
    {
        space.reserve("client".to_owned(), reserved);
    }
    let mut types = BTreeMap::new();
    for (id, shape) in &model.shapes {
        let kind = match shape {
            Shape::Structure(a) => TypeKind::Structure(lower_structure(model, id, a)?),
            Shape::Union(a) => TypeKind::Union(lower_union(model, id, a)?),
            Shape::Enum(a) => TypeKind::Enum(lower_enum(id, a)?),
            Shape::IntEnum(a) => TypeKind::IntEnum(lower_int_enum(id, a)?),
            _ => continue,
        };
        let module = modules.get(id).cloned().unwrap_or(Module::Types);
        let name = names::type_name(id.name());
        let path = module.segments().join("::");
        space.claim(path.clone(), &name.ident, id)?;
        if let TypeKind::Structure(s) = &kind {
            space.claim(format!("{path}::builders"), &s.builder.ident, id)?;
        }
        let file = match &module {
            Module::Operation(op) => op.clone(),
            Module::Types | Module::Errors => {
                space.file(format!("{path}/"), names::private_module(id.name()), id)
            }
        };
        let docs = docs(shape.traits()).map_err(|e| e.at_shape(id))?;
        let docs = or_undocumented(docs, || match io_role(model, id) {
            Some(role) => role,
            None => format!("The model's `{}` {}.", id.name(), shape.kind()),
        });
        types.insert(
            id.clone(),
            TypeDef {
                id: id.clone(),
                name,
                module,
                file,
                group: None,
                kind,
                docs,
            },
        );
    }
    group_large_modules(&mut types);
    let mut operations = Vec::new();
    for (id, op) in &model.operations {
        let module = op_modules[id].clone();
        let path = format!("operation::{}", module.ident);
        let name = names::type_name(id.name());
        let error_enum = names::type_name(&format!("{}Error", id.name()));
        space.claim(path.clone(), &error_enum.ident, id)?;
        let api_trait = names::type_name(&format!("{}Api", id.name()));
        space.claim(path.clone(), &api_trait.ident, id)?;
        let fluent_builder = names::type_name(&format!("{}FluentBuilder", id.name()));
        space.claim(format!("{path}::builders"), &fluent_builder.ident, id)?;
        let paginator = names::type_name(&format!("{}Paginator", id.name()));
        let error_variants = error_variants(&types, id, &op.errors)?;
        let pagination = pagination(model, settings, id, op, &types)?;
        operations.push(Operation {
            id: id.clone(),
            name,
            module,
            method: operation_method(id.name()),
            error_enum,
            api_trait,
            error_variants,
            docs: or_undocumented(docs(&op.traits).map_err(|e| e.at_shape(id))?, || {
                format!("Calls `{}`.", id.name())
            }),
            input: op.input.clone(),
            output: op.output.clone(),
            unit_input: op.unit_input,
            unit_output: op.unit_output,
            errors: op.errors.clone(),
            pagination,
            fluent_builder,
            paginator,
        });
    }
    operations.sort_by(|a, b| a.name.wire.cmp(&b.name.wire));
    check_protocol_support(&service, &types)?;
    let mut protocol_tests = Vec::new();
    for protocol in &service.protocols {
        protocol_tests.extend(protocol_tests_of(model, *protocol, &operations)?);
    }
    let skips = &settings.protocol_test_skips;
    for test in &mut protocol_tests {
        let kind = if matches!(test.target, TestTarget::Request(_)) {
            "request"
        } else {
            "response"
        };
        test.skip = skips
            .get(&format!("{}/{kind}", test.case.id))
            .or_else(|| skips.get(&test.case.id))
            .cloned();
        test.server_skip = skips
            .get(&format!("{}/server", test.case.id))
            .cloned()
            .or_else(|| test.skip.clone());
    }
    let crate_name = settings
        .crate_name
        .clone()
        .unwrap_or_else(|| names::crate_name(&service.sdk_id));
    let crate_version = settings
        .crate_version
        .clone()
        .unwrap_or_else(|| "0.1.0".to_owned());
    Ok(Ir {
        crate_name,
        crate_version,
        service,
        operations,
        types,
        protocol_tests,
    })
}

/// The most types a module's index file lists directly (three lines each: the module,
/// the re-export, the builder's re-export); beyond, files go into groups by first letter.
const MAX_TYPES_PER_INDEX: usize = 600;

/// Puts the files of `types` and `types::error` into groups when there are too many
/// for one index file (SageMaker has about 2,600 shared types).
fn group_large_modules(types: &mut BTreeMap<ShapeId, TypeDef>) {
    for module in [Module::Types, Module::Errors] {
        let count = types.values().filter(|def| def.module == module).count();
        if count <= MAX_TYPES_PER_INDEX {
            continue;
        }
        for def in types.values_mut().filter(|def| def.module == module) {
            // Private module names are `_` + snake_case: the next character is a letter or digit.
            let first = def
                .file
                .ident
                .trim_start_matches('_')
                .chars()
                .next()
                .unwrap_or('x');
            def.group = Some(names::group_module(first));
        }
    }
}

/// The operation's method on the API trait and the client; `Operation` is appended
/// where the plain name is one of the client's own methods (`New` → `new_operation`).
fn operation_method(operation: &str) -> Name {
    let method = names::fn_name(operation);
    if reserved::CLIENT_METHODS.contains(&method.unraw()) {
        let renamed = names::fn_name(&format!("{operation}Operation"));
        return Name {
            ident: renamed.ident,
            wire: method.wire,
        };
    }
    method
}

/// Each operation's module under `operation::` (`create_workspaces_pool`); two
/// operations whose names differ only in case are a collision.
fn operation_modules(model: &Normalized) -> Result<BTreeMap<ShapeId, Name>, Error> {
    let mut space = OutputSpace::default();
    let mut modules = BTreeMap::new();
    for id in model.operations.keys() {
        let module = names::fn_name(id.name());
        space.claim("operation".to_owned(), &module.ident, id)?;
        modules.insert(id.clone(), module);
    }
    Ok(modules)
}

/// The catch-all variants of an operation's error enum, checked against its modeled errors.
fn error_variants(
    types: &BTreeMap<ShapeId, TypeDef>,
    op: &ShapeId,
    errors: &[ShapeId],
) -> Result<ErrorVariants, Error> {
    let mut space = OutputSpace::default();
    let variants = ErrorVariants {
        unhandled: names::variant_name(reserved::UNHANDLED_VARIANT),
        client: names::variant_name(reserved::CLIENT_VARIANT),
    };
    let scope = format!("the error enum of `{op}`");
    space.reserve(scope.clone(), &variants.unhandled.ident);
    space.reserve(scope.clone(), &variants.client.ident);
    for error in errors {
        space.claim(scope.clone(), &types[error].name.ident, error)?;
    }
    Ok(variants)
}

/// Generated names per module; a second claim on one name is a collision. Names the
/// generator itself needs are claimed first, with `None` as their owner.
#[derive(Default)]
struct OutputSpace(BTreeMap<(String, String), Option<ShapeId>>);

impl OutputSpace {
    fn reserve(&mut self, module: String, ident: &str) {
        self.0.insert((module, ident.to_owned()), None);
    }

    fn claim(&mut self, module: String, ident: &str, owner: &ShapeId) -> Result<(), Error> {
        let first = match self.0.get(&(module.clone(), ident.to_owned())) {
            None => {
                self.0
                    .insert((module, ident.to_owned()), Some(owner.clone()));
                return Ok(());
            }
            Some(Some(first)) => format!("`{first}`"),
            Some(None) => "the generated code".to_owned(),
        };
        Err(Error::new(
            ErrorKind::NameCollision,
            format!("{first} and `{owner}` both need the Rust name `{module}::{ident}`"),
        )
        .at_shape(owner))
    }

    /// A file module name in `dir`: `wanted`, or with `_2`, `_3` … appended when another
    /// type's name cases to the same file name (`IPAddress` and `IpAddress`), in shape id order.
    fn file(&mut self, dir: String, wanted: Name, owner: &ShapeId) -> Name {
        let mut candidate = wanted.clone();
        let mut n = 1;
        while self.claim(dir.clone(), &candidate.ident, owner).is_err() {
            n += 1;
            candidate = Name {
                ident: format!("{}_{n}", wanted.ident),
                wire: wanted.wire.clone(),
            };
        }
        candidate
    }
}

/// The service's protocols that the crate speaks, the default first: the settings'
/// list, else every one the generator speaks, rpcv2Cbor first. At most one awsJson
/// version: a model listing both gets the one ranked first.
fn protocols(t: &Traits, settings: &Settings) -> Result<Vec<Protocol>, Error> {
    let mut protocols = Vec::new();
    match &settings.protocols {
        Some(chosen) => {
            for id in chosen {
                let protocol = Protocol::ALL.into_iter().find(|p| p.trait_id() == id);
                let Some(protocol) = protocol.filter(|p| traits::has(t, p.trait_id())) else {
                    return Err(Error::new(
                        ErrorKind::UnsupportedShape,
                        format!(
                            "settings: `protocols` lists {id}, which is not a protocol of the service that this generator speaks"
                        ),
                    ));
                };
                protocols.push(protocol);
            }
        }
        None => protocols.extend(
            Protocol::ALL
                .into_iter()
                .filter(|p| traits::has(t, p.trait_id())),
        ),
    }
    let mut json_seen = false;
    protocols.retain(|p| {
        let json = *p != Protocol::RpcV2Cbor;
        let keep = !(json && json_seen);
        json_seen |= json;
        keep
    });
    if protocols.is_empty() {
        return Err(Error::new(
            ErrorKind::UnsupportedShape,
            "the service has no protocol this generator speaks (smithy.protocols#rpcv2Cbor, aws.protocols#awsJson1_0 or awsJson1_1)",
        ));
    }
    Ok(protocols)
}

/// rpcv2Cbor carries no documents (its trait's `NoDocuments` rule), and this
/// generator has no CBOR form of arbitrary-precision numbers yet: the spec asks a
/// generator without one to fail when generating, naming the member.
fn check_protocol_support(
    service: &Service,
    types: &BTreeMap<ShapeId, TypeDef>,
) -> Result<(), Error> {
    if !service.protocols.contains(&Protocol::RpcV2Cbor) {
        return Ok(());
    }
    fn unsupported(ty: &TypeRef) -> Option<&'static str> {
        match &ty.kind {
            RefKind::Document => Some("a document, which rpcv2Cbor does not carry"),
            RefKind::BigInteger | RefKind::BigDecimal => Some(
                "an arbitrary-precision number, which this generator's rpcv2Cbor codec does not read or write yet",
            ),
            RefKind::List { member, .. } => unsupported(member),
            RefKind::Map { value, .. } => unsupported(value),
            _ => None,
        }
    }
    for def in types.values() {
        let members: Vec<(&Name, &TypeRef)> = match &def.kind {
            TypeKind::Structure(s) => s.members.iter().map(|m| (&m.name, &m.ty)).collect(),
            TypeKind::Union(u) => u
                .variants
                .iter()
                .filter_map(|v| Some((&v.name, v.ty.as_ref()?)))
                .collect(),
            _ => Vec::new(),
        };
        for (name, ty) in members {
            if let Some(what) = unsupported(ty) {
                return Err(Error::new(
                    ErrorKind::UnsupportedShape,
                    format!("the member is {what}; list the service's other protocols in the settings' `protocols` to generate without rpcv2Cbor"),
                )
                .at_shape(&def.id)
                .at_member(&name.wire));
            }
        }
    }
    Ok(())
}

fn lower_service(model: &Normalized, settings: &Settings) -> Result<Service, Error> {
    let id = &model.service_id;
    let t = &model.service_traits;
    let at = |e: Error| e.at_shape(id);
    let protocols = protocols(t, settings).map_err(at)?;
    let sdk_id = traits::string_field(t, traits::AWS_SERVICE, "sdkId")
        .map_err(at)?
        .unwrap_or(id.name())
        .to_owned();
    let endpoint_prefix =
        match traits::string_field(t, traits::AWS_SERVICE, "endpointPrefix").map_err(at)? {
            Some(prefix) => prefix.to_owned(),
            None => names::kebab(&sdk_id),
        };
    let signing_name = traits::string_field(t, traits::SIGV4, "name")
        .map_err(at)?
        .map_or_else(|| endpoint_prefix.clone(), str::to_owned);
    Ok(Service {
        id: id.clone(),
        api_trait: names::type_name(&format!("{}Api", sdk_id.replace([' ', '-'], ""))),
        sdk_id,
        title: traits::string(t, traits::TITLE)
            .map_err(at)?
            .map(str::to_owned),
        version: model.service_version.clone(),
        docs: docs(t).map_err(at)?,
        protocols,
        query_compatible: traits::has(t, traits::AWS_QUERY_COMPATIBLE),
        shape_name: id.name().to_owned(),
        signing_name,
        endpoint_prefix,
    })
}

/// Errors go to `types::error`, an operation's input and output to its module
/// (a structure that is the input or output of several goes with the first, by
/// shape id), the rest to `types`.
fn classify(model: &Normalized, op_modules: &BTreeMap<ShapeId, Name>) -> BTreeMap<ShapeId, Module> {
    let mut modules = BTreeMap::new();
    for op in model.operations.values() {
        for error in &op.errors {
            modules.insert(error.clone(), Module::Errors);
        }
    }
    for (id, op) in &model.operations {
        for io in [&op.input, &op.output] {
            modules
                .entry(io.clone())
                .or_insert_with(|| Module::Operation(op_modules[id].clone()));
        }
    }
    modules
}

/// "The input of `CreateWorkspacesPool`." for an operation's input (or output).
fn io_role(model: &Normalized, id: &ShapeId) -> Option<String> {
    model.operations.iter().find_map(|(op, operation)| {
        let role = if operation.input == *id {
            "input"
        } else if operation.output == *id {
            "output"
        } else {
            return None;
        };
        Some(format!("The {role} of `{}`.", op.name()))
    })
}

/// `text`, or for an item the model leaves undocumented, a line saying what it is:
/// every public item of the generated crate has documentation.
fn or_undocumented(text: String, what: impl FnOnce() -> String) -> String {
    if !text.is_empty() {
        return text;
    }
    format!("{} The model does not document it.", what())
}

/// Markdown for rustdoc, with a deprecation note when the shape has one.
fn docs(t: &Traits) -> Result<String, Error> {
    let mut text = traits::string(t, traits::DOCUMENTATION)?
        .map(html_to_markdown)
        .unwrap_or_default();
    if let Some(note) = traits::deprecated(t)? {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str("**Deprecated**");
        if !note.is_empty() {
            text.push_str(": ");
            text.push_str(&html_to_markdown(&note));
        }
    }
    Ok(text)
}

fn lower_structure(
    model: &Normalized,
    id: &ShapeId,
    shape: &Aggregate,
) -> Result<Structure, Error> {
    let mut members: Vec<Member> = Vec::new();
    // Every builder method name, and the member it belongs to.
    let mut methods: BTreeMap<String, String> = reserved::BUILDER_METHODS
        .iter()
        .chain(reserved::FLUENT_METHODS)
        .map(|method| {
            (
                (*method).to_owned(),
                "(the builder's own method)".to_owned(),
            )
        })
        .collect();
    for (wire, member) in &shape.members.0 {
        let at = |e: Error| e.at_shape(id).at_member(wire.as_str());
        let name = names::field_name(wire);
        let setter = if methods.contains_key(name.unraw()) {
            names::fn_name(&format!("{}{}", name.unraw(), reserved::SETTER_SUFFIX))
        } else {
            name.clone()
        };
        let set_whole = names::fn_name(&format!("set_{}", name.unraw()));
        for method in [&setter, &set_whole] {
            if let Some(other) = methods.insert(method.ident.clone(), wire.clone()) {
                return Err(at(Error::new(
                    ErrorKind::DuplicateMember,
                    format!(
                        "members `{other}` and `{wire}` both need the Rust name `{}`",
                        method.ident
                    ),
                )));
            }
        }
        members.push(Member {
            name,
            setter,
            set_whole,
            docs: member_docs(model, wire, member).map_err(at)?,
            ty: type_ref(model, member).map_err(at)?,
            required: traits::has(&member.traits, traits::REQUIRED),
            boxed: model.boxed.contains(&(id.clone(), wire.clone())),
            sensitive: traits::has(&member.traits, traits::SENSITIVE)
                || holds_sensitive(model, &member.target),
            idempotency_token: traits::has(&member.traits, traits::IDEMPOTENCY_TOKEN),
            timestamp_format: timestamp_format(model, member).map_err(at)?,
            // `@clientOptional` members are optional to clients whatever their default.
            default: member
                .traits
                .get(traits::DEFAULT)
                .filter(|v| !v.is_null() && !traits::has(&member.traits, traits::CLIENT_OPTIONAL))
                .cloned(),
        });
    }
    let error = match traits::error(&shape.traits).map_err(|e| e.at_shape(id))? {
        Some(fault) => {
            let default_status = if fault == traits::Fault::Client {
                400
            } else {
                500
            };
            let http_status = traits::http_error(&shape.traits)
                .map_err(|e| e.at_shape(id))?
                .unwrap_or(default_status);
            Some(ErrorInfo { fault, http_status })
        }
        None => None,
    };
    Ok(Structure {
        members,
        input: traits::has(&shape.traits, traits::INPUT),
        builder: names::type_name(&format!("{}Builder", id.name())),
        error,
    })
}

fn lower_union(model: &Normalized, id: &ShapeId, shape: &Aggregate) -> Result<Union, Error> {
    let mut variants = Vec::new();
    for (wire, member) in &shape.members.0 {
        let at = |e: Error| e.at_shape(id).at_member(wire.as_str());
        let ty = if member.target.as_str() == crate::prelude::UNIT {
            None
        } else {
            Some(type_ref(model, member).map_err(at)?)
        };
        variants.push(UnionVariant {
            name: names::variant_name(wire),
            docs: member_docs(model, wire, member).map_err(at)?,
            ty,
            boxed: model.boxed.contains(&(id.clone(), wire.clone())),
            sensitive: traits::has(&member.traits, traits::SENSITIVE)
                || holds_sensitive(model, &member.target),
        });
    }
    let unknown = unknown_variant(id, variants.iter().map(|v| &v.name))?;
    Ok(Union { variants, unknown })
}

fn lower_enum(id: &ShapeId, shape: &Aggregate) -> Result<Enum, Error> {
    let mut variants = Vec::new();
    for (member_name, member) in &shape.members.0 {
        let at = |e: Error| e.at_shape(id).at_member(member_name.as_str());
        let value = match traits::enum_value(&member.traits).map_err(at)? {
            None => member_name.clone(),
            Some(EnumValue::String(value)) => value,
            Some(EnumValue::Int(_)) => {
                return Err(at(Error::new(
                    ErrorKind::InvalidTrait,
                    "an enum member's `@enumValue` must be a string",
                )));
            }
        };
        let docs = or_undocumented(docs(&member.traits).map_err(at)?, || {
            format!("The value `{value}`.")
        });
        variants.push(EnumVariant {
            name: Name {
                ident: names::variant_name(member_name).ident,
                wire: value,
            },
            docs,
        });
    }
    distinct_values(
        id,
        variants.iter().map(|v| (v.name.wire.clone(), &v.name.wire)),
    )?;
    let unknown = unknown_variant(id, variants.iter().map(|v| &v.name))?;
    Ok(Enum { variants, unknown })
}

fn lower_int_enum(id: &ShapeId, shape: &Aggregate) -> Result<IntEnum, Error> {
    let mut variants = Vec::new();
    for (member_name, member) in &shape.members.0 {
        let at = |e: Error| e.at_shape(id).at_member(member_name.as_str());
        let Some(EnumValue::Int(value)) = traits::enum_value(&member.traits).map_err(at)? else {
            return Err(at(Error::new(
                ErrorKind::InvalidTrait,
                "an intEnum member needs an integer `@enumValue`",
            )));
        };
        let docs = or_undocumented(docs(&member.traits).map_err(at)?, || {
            format!("The value {value} (`{member_name}`).")
        });
        variants.push(IntEnumVariant {
            name: names::variant_name(member_name),
            value,
            docs,
        });
    }
    distinct_values(
        id,
        variants.iter().map(|v| (v.value.to_string(), &v.name.wire)),
    )?;
    let unknown = unknown_variant(id, variants.iter().map(|v| &v.name))?;
    Ok(IntEnum { variants, unknown })
}

/// Two members with one value would make the value's parse ambiguous.
fn distinct_values<'a>(
    id: &ShapeId,
    values: impl Iterator<Item = (String, &'a String)>,
) -> Result<(), Error> {
    let mut seen = BTreeMap::new();
    for (value, member) in values {
        if let Some(other) = seen.insert(value.clone(), member) {
            return Err(Error::new(
                ErrorKind::DuplicateMember,
                format!("members `{other}` and `{member}` have the same value `{value}`"),
            )
            .at_shape(id)
            .at_member(member.clone()));
        }
    }
    Ok(())
}

/// Checks variant idents are distinct and picks a free name for the catch-all variant.
fn unknown_variant<'a>(
    id: &ShapeId,
    variants: impl Iterator<Item = &'a Name>,
) -> Result<Name, Error> {
    let mut seen = BTreeMap::new();
    for name in variants {
        if let Some(other) = seen.insert(name.ident.clone(), name.wire.clone()) {
            return Err(Error::new(
                ErrorKind::DuplicateMember,
                format!(
                    "members `{other}` and `{}` both need the variant name `{}`",
                    name.wire, name.ident
                ),
            )
            .at_shape(id)
            .at_member(name.wire.clone()));
        }
    }
    let unknown = reserved::UNKNOWN_VARIANTS
        .iter()
        .map(|candidate| names::variant_name(candidate))
        .find(|candidate| !seen.contains_key(&candidate.ident))
        .ok_or_else(|| {
            Error::new(
                ErrorKind::NameCollision,
                "no free name for the unknown-value variant",
            )
            .at_shape(id)
        })?;
    Ok(unknown)
}

/// Whether values of `target` are `@sensitive`, directly or as list/map elements.
fn holds_sensitive(model: &Normalized, target: &ShapeId) -> bool {
    match model.shapes.get(target) {
        Some(shape) if traits::has(shape.traits(), traits::SENSITIVE) => true,
        Some(Shape::List(c) | Shape::Set(c)) => holds_sensitive(model, &c.member.target),
        Some(Shape::Map(m)) => holds_sensitive(model, &m.value.target),
        _ => false,
    }
}

/// The member's own documentation, else its target's (for simple targets).
fn member_docs(model: &Normalized, wire: &str, member: &SmithyMember) -> Result<String, Error> {
    let own = docs(&member.traits)?;
    let text = match model.shapes.get(&member.target) {
        _ if !own.is_empty() => own,
        Some(Shape::Structure(_) | Shape::Union(_) | Shape::Enum(_) | Shape::IntEnum(_)) | None => {
            own
        }
        Some(target) => docs(target.traits())?,
    };
    Ok(or_undocumented(text, || format!("The `{wire}` member.")))
}

/// The Rust-facing type of a member, with constraints merged (member traits win).
fn type_ref(model: &Normalized, member: &SmithyMember) -> Result<TypeRef, Error> {
    let target = &member.target;
    let shape = model
        .shapes
        .get(target)
        .expect("closure holds every target");
    let kind = match shape {
        Shape::Boolean(_) => RefKind::Boolean,
        Shape::Byte(_) => RefKind::Byte,
        Shape::Short(_) => RefKind::Short,
        Shape::Integer(_) => RefKind::Integer,
        Shape::Long(_) => RefKind::Long,
        Shape::Float(_) => RefKind::Float,
        Shape::Double(_) => RefKind::Double,
        Shape::BigInteger(_) => RefKind::BigInteger,
        Shape::BigDecimal(_) => RefKind::BigDecimal,
        Shape::String(_) => RefKind::String,
        Shape::Timestamp(_) => RefKind::Timestamp,
        Shape::Blob(_) => RefKind::Blob,
        Shape::Document(_) => RefKind::Document,
        Shape::Structure(_) | Shape::Union(_) | Shape::Enum(_) | Shape::IntEnum(_) => {
            RefKind::Named(target.clone())
        }
        Shape::List(c) | Shape::Set(c) => RefKind::List {
            member: Box::new(
                type_ref(model, &c.member).map_err(|e| e.at_shape(target).at_member("member"))?,
            ),
            sparse: traits::has(&c.traits, traits::SPARSE),
        },
        Shape::Map(m) => RefKind::Map {
            key: Box::new(
                type_ref(model, &m.key).map_err(|e| e.at_shape(target).at_member("key"))?,
            ),
            value: Box::new(
                type_ref(model, &m.value).map_err(|e| e.at_shape(target).at_member("value"))?,
            ),
            sparse: traits::has(&m.traits, traits::SPARSE),
        },
        Shape::Service(_) | Shape::Operation(_) | Shape::Resource(_) => {
            return Err(Error::new(
                ErrorKind::UnsupportedShape,
                format!("`{target}` is not a value shape"),
            ));
        }
    };
    let constraints =
        constraints(shape.traits(), &member.traits).map_err(|e| e.at_shape(target))?;
    Ok(TypeRef { kind, constraints })
}

/// `@timestampFormat` on the member wins over the one on its target shape.
fn timestamp_format(
    model: &Normalized,
    member: &SmithyMember,
) -> Result<Option<TimestampFormat>, Error> {
    match traits::timestamp_format(&member.traits)? {
        Some(format) => Ok(Some(format)),
        None => model
            .shapes
            .get(&member.target)
            .map_or(Ok(None), |shape| traits::timestamp_format(shape.traits())),
    }
}

/// The `smithy.test` cases for one protocol: request and response cases on
/// operations, and response cases on errors (run through the first operation returning them).
fn protocol_tests_of(
    model: &Normalized,
    protocol: Protocol,
    operations: &[Operation],
) -> Result<Vec<ProtocolTest>, Error> {
    let protocol_id = protocol.trait_id();
    let cases = |id: &ShapeId, t: &Traits, trait_id: &str| -> Result<Vec<TestCase>, Error> {
        let Some(value) = t.get(trait_id) else {
            return Ok(Vec::new());
        };
        let cases: Vec<TestCase> = serde_json::from_value(value.clone()).map_err(|e| {
            Error::new(
                ErrorKind::InvalidTrait,
                format!("`{trait_id}` is malformed: {e}"),
            )
            .at_shape(id)
        })?;
        Ok(cases
            .into_iter()
            .filter(|case| case.protocol == protocol_id)
            .collect())
    };
    let mut tests = Vec::new();
    for op in operations {
        let t = &model.operations[&op.id].traits;
        for case in cases(&op.id, t, traits::HTTP_REQUEST_TESTS)? {
            tests.push(ProtocolTest {
                target: TestTarget::Request(op.id.clone()),
                protocol,
                case,
                skip: None,
                server_skip: None,
            });
        }
        for case in cases(&op.id, t, traits::HTTP_RESPONSE_TESTS)? {
            tests.push(ProtocolTest {
                target: TestTarget::Response(op.id.clone()),
                protocol,
                case,
                skip: None,
                server_skip: None,
            });
        }
    }
    for (id, shape) in &model.shapes {
        let Shape::Structure(a) = shape else { continue };
        let Some(op) = operations.iter().find(|op| op.errors.contains(id)) else {
            continue;
        };
        for case in cases(id, &a.traits, traits::HTTP_RESPONSE_TESTS)? {
            let target = TestTarget::ErrorResponse {
                error: id.clone(),
                operation: op.id.clone(),
            };
            tests.push(ProtocolTest {
                target,
                protocol,
                case,
                skip: None,
                server_skip: None,
            });
        }
    }
    Ok(tests)
}

fn constraints(shape: &Traits, member: &Traits) -> Result<Constraints, Error> {
    let pick = |id: &str| {
        if member.contains_key(id) {
            member
        } else {
            shape
        }
    };
    Ok(Constraints {
        length: traits::bounds(pick(traits::LENGTH), traits::LENGTH)?,
        range: traits::bounds(pick(traits::RANGE), traits::RANGE)?,
        pattern: traits::string(pick(traits::PATTERN), traits::PATTERN)?.map(str::to_owned),
        unique_items: traits::has(shape, traits::UNIQUE_ITEMS),
    })
}

/// `@paginated` on the operation (with service-wide defaults), else the settings' declaration.
fn pagination(
    model: &Normalized,
    settings: &Settings,
    id: &ShapeId,
    op: &crate::normalize::Operation,
    types: &BTreeMap<ShapeId, TypeDef>,
) -> Result<Option<Pagination>, Error> {
    let declared = match traits::paginated(&op.traits).map_err(|e| e.at_shape(id))? {
        Some(own) => {
            let defaults = traits::paginated(&model.service_traits)?.unwrap_or_default();
            traits::Paginated {
                input_token: own.input_token.or(defaults.input_token),
                output_token: own.output_token.or(defaults.output_token),
                items: own.items.or(defaults.items),
                page_size: own.page_size.or(defaults.page_size),
            }
        }
        None => match settings.paginators.get(id.name()) {
            Some(p) => traits::Paginated {
                input_token: Some(p.input_token.clone()),
                output_token: Some(p.output_token.clone()),
                items: p.items.clone(),
                page_size: p.page_size.clone(),
            },
            None => return Ok(None),
        },
    };
    let (Some(input_token), Some(output_token)) = (&declared.input_token, &declared.output_token)
    else {
        return Ok(None);
    };
    let member = |structure: &ShapeId, path: &str| -> Option<&Member> {
        let TypeKind::Structure(s) = &types[structure].kind else {
            unreachable!("operation io is a structure")
        };
        s.members.iter().find(|m| m.name.wire == path)
    };
    // Paginators carry string tokens; the few services with structured tokens
    // (DynamoDB's `ExclusiveStartKey`) page by hand.
    let is_string = |m: Option<&Member>| m.is_none_or(|m| m.ty.kind == RefKind::String);
    if !is_string(member(&op.input, input_token)) || !is_string(member(&op.output, output_token)) {
        return Ok(None);
    }
    let find = |structure: &ShapeId, path: &str| -> Result<Name, Error> {
        member(structure, path)
            .map(|m| m.name.clone())
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::InvalidTrait,
                    format!(
                        "pagination names `{path}`, which `{structure}` lacks as a top-level member"
                    ),
                )
                .at_shape(id)
            })
    };
    Ok(Some(Pagination {
        input_token: find(&op.input, input_token)?,
        output_token: find(&op.output, output_token)?,
        page_size: declared
            .page_size
            .as_deref()
            .map(|p| find(&op.input, p))
            .transpose()?,
        items: declared
            .items
            .as_deref()
            .map(|p| find(&op.output, p))
            .transpose()?,
    }))
}
