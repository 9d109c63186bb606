//! Statements: control, metadata, namespace, `use`, shapes and `apply`, as the IDL
//! grammar gives them (`smithy-spec/idl.rst`), with the version rules that decide
//! what a 1.0 file may say.

use super::cursor::{Cursor, Parsed};
use super::syntax::{
    Apply, Body, File, Io, MemberDef, Node, OperationBody, Reference, ShapeDef, TraitApplication,
    Version,
};
use crate::error::Error;

const SIMPLE_KINDS: &[&str] = &[
    "blob",
    "boolean",
    "document",
    "string",
    "byte",
    "short",
    "integer",
    "long",
    "float",
    "double",
    "bigInteger",
    "bigDecimal",
    "timestamp",
];

/// Parses one `.smithy` file.
pub fn parse_file(text: &str) -> Result<File, Error> {
    let mut parser = Parser {
        c: Cursor::new(text),
        file: File {
            version: Version::V1,
            controls: Vec::new(),
            metadata: Vec::new(),
            namespace: None,
            uses: Vec::new(),
            shapes: Vec::new(),
            applies: Vec::new(),
        },
        input_suffix: "Input".to_owned(),
        output_suffix: "Output".to_owned(),
    };
    parser.file().map_err(|e| *e)?;
    Ok(parser.file)
}

struct Parser<'a> {
    c: Cursor<'a>,
    file: File,
    input_suffix: String,
    output_suffix: String,
}

impl Parser<'_> {
    fn v2(&self) -> bool {
        self.file.version == Version::V2
    }

    /// An error unless the file is IDL 2.0: `what` names the 2.0 feature.
    fn require_v2(&self, at: usize, what: &str) -> Parsed<()> {
        if self.v2() {
            Ok(())
        } else {
            Err(self.c.error_at(
                at,
                format!(
                    "{what} can only be used in IDL version 2.0 or later; this file is version 1.0"
                ),
            ))
        }
    }

    fn file(&mut self) -> Parsed<()> {
        self.c.ws()?;
        let mut version_seen = false;
        while self.c.peek() == Some(b'$') {
            self.control(&mut version_seen)?;
        }
        while self.c.at_word("metadata") {
            self.c.pos += "metadata".len();
            self.c.require_sp()?;
            let at = self.c.pos;
            let key = self.c.object_key()?;
            self.c.sp();
            self.c.expect(b'=')?;
            self.c.sp();
            let value = self.c.node()?;
            self.file.metadata.push((key, value, at));
            self.c.br()?;
        }
        if self.c.at_end() {
            return Ok(());
        }
        if !self.c.at_word("namespace") {
            return Err(self.c.expected("a namespace statement (`namespace a.b`)"));
        }
        self.c.pos += "namespace".len();
        self.c.require_sp()?;
        self.file.namespace = Some(self.c.namespace()?.to_owned());
        self.c.br()?;
        while self.c.at_word("use") {
            self.c.pos += "use".len();
            self.c.require_sp()?;
            let id = self.c.shape_id()?;
            if !id.text.contains('#') {
                return Err(self
                    .c
                    .error_at(id.at, "a use statement needs an absolute shape id"));
            }
            if id.text.contains('$') {
                return Err(self.c.error_at(id.at, "use statements cannot use members"));
            }
            self.file.uses.push(id);
            self.c.br()?;
        }
        while !self.c.at_end() {
            self.statement()?;
            self.c.br()?;
        }
        Ok(())
    }

    fn control(&mut self, version_seen: &mut bool) -> Parsed<()> {
        self.c.pos += 1;
        let key = self.c.object_key()?;
        self.c.sp();
        self.c.expect(b':')?;
        self.c.sp();
        let at = self.c.pos;
        let value = self.c.node()?;
        match key.as_str() {
            "version" => {
                if std::mem::replace(version_seen, true) {
                    return Err(self.c.error_at(at, "duplicate control statement `version`"));
                }
                let Node::String(version) = &value else {
                    return Err(self.c.error_at(
                        at,
                        "the $version control statement must have a string value",
                    ));
                };
                self.file.version = match version.as_str() {
                    "1" | "1.0" => Version::V1,
                    "2" | "2.0" => Version::V2,
                    other => {
                        return Err(self.c.error_at(
                            at,
                            format!(
                                "unsupported Smithy IDL version `{other}`: expected 1.0 or 2.0"
                            ),
                        ));
                    }
                };
            }
            "operationInputSuffix" | "operationOutputSuffix" => {
                let Node::String(suffix) = &value else {
                    return Err(self.c.error_at(at, format!("${key} must be a string")));
                };
                if key == "operationInputSuffix" {
                    self.input_suffix.clone_from(suffix);
                } else {
                    self.output_suffix.clone_from(suffix);
                }
                self.file.controls.push((key, value));
            }
            _ => self.file.controls.push((key, value)),
        }
        self.c.br()
    }

    /// One shape or apply statement (without the line break after it).
    fn statement(&mut self) -> Parsed<()> {
        let docs = self.c.take_docs();
        let traits = self.traits()?;
        let at = self.c.pos;
        let keyword = self.c.identifier()?;
        if keyword == "apply" {
            if !traits.is_empty() {
                return Err(self
                    .c
                    .error_at(at, "traits cannot be applied to an apply statement"));
            }
            return self.apply();
        }
        let shape = self.shape(keyword, at, docs, traits)?;
        self.file.shapes.push(shape);
        Ok(())
    }

    fn apply(&mut self) -> Parsed<()> {
        self.c.require_sp()?;
        let target = self.c.shape_id()?;
        if !self.c.ws()? {
            return Err(self.c.expected("whitespace after the apply target"));
        }
        let traits = match self.c.peek() {
            Some(b'@') => vec![self.trait_application()?],
            Some(b'{') => {
                self.c.pos += 1;
                self.c.ws()?;
                let traits = self.traits()?;
                self.c.expect(b'}')?;
                traits
            }
            _ => return Err(self.c.expected("`@` or `{` after the apply target")),
        };
        self.file.applies.push(Apply { target, traits });
        Ok(())
    }

    /// `TraitStatements`: traits, each followed by optional whitespace.
    fn traits(&mut self) -> Parsed<Vec<TraitApplication>> {
        let mut traits = Vec::new();
        while self.c.peek() == Some(b'@') {
            traits.push(self.trait_application()?);
            self.c.ws()?;
        }
        Ok(traits)
    }

    /// `@id`, `@id(value)` or `@id(key: value, …)`.
    fn trait_application(&mut self) -> Parsed<TraitApplication> {
        self.c.pos += 1;
        let id = self.c.shape_id()?;
        if self.c.peek() != Some(b'(') {
            return Ok(TraitApplication { id, value: None });
        }
        self.c.pos += 1;
        self.c.ws()?;
        if self.c.peek() == Some(b')') {
            self.c.pos += 1;
            return Ok(TraitApplication { id, value: None });
        }
        let value = if self.at_key_value() {
            let mut entries: Vec<(String, Node)> = Vec::new();
            while self.c.peek() != Some(b')') {
                let (key, at, value) = self.c.key_value(0)?;
                if entries.iter().any(|(seen, _)| *seen == key) {
                    return Err(self.c.error_at(at, format!("duplicate trait key `{key}`")));
                }
                entries.push((key, value));
                self.c.ws()?;
                if self.c.at_end() {
                    return Err(self.c.expected("`)`"));
                }
            }
            Node::Object(entries)
        } else {
            let value = self.c.node()?;
            self.c.ws()?;
            value
        };
        self.c.expect(b')')?;
        Ok(TraitApplication {
            id,
            value: Some(value),
        })
    }

    /// Whether a trait body starts with `key:` (a structure) rather than a node value.
    fn at_key_value(&mut self) -> bool {
        let start = self.c.pos;
        let is_key = self.c.object_key().is_ok() && {
            let _ = self.c.ws();
            self.c.peek() == Some(b':')
        };
        self.c.pos = start;
        is_key
    }

    fn shape(
        &mut self,
        kind: &str,
        at: usize,
        docs: Option<String>,
        traits: Vec<TraitApplication>,
    ) -> Parsed<ShapeDef> {
        let kind: &'static str = match kind {
            "enum" | "intEnum" => {
                self.require_v2(at, &format!("{kind} shapes"))?;
                if kind == "enum" { "enum" } else { "intEnum" }
            }
            "set" => {
                if self.v2() {
                    return Err(self.c.error_at(at, "set shapes cannot be used in IDL version 2.0: use a list with @uniqueItems"));
                }
                "set"
            }
            "list" => "list",
            "map" => "map",
            "union" => "union",
            "structure" => "structure",
            "service" => "service",
            "resource" => "resource",
            "operation" => "operation",
            other => match SIMPLE_KINDS.iter().find(|k| **k == other) {
                Some(simple) => simple,
                None => return Err(self.c.error_at(at, format!("unknown shape type `{other}`"))),
            },
        };
        self.c.require_sp()?;
        let name_at = self.c.pos;
        let name = self.c.identifier()?.to_owned();
        let mut shape = ShapeDef {
            kind,
            name,
            at: name_at,
            docs,
            traits,
            mixins: Vec::new(),
            for_resource: None,
            body: Body::None,
        };
        let aggregate = matches!(kind, "list" | "set" | "map" | "union" | "structure");
        if aggregate {
            shape.for_resource = self.for_resource()?;
        }
        shape.mixins = self.mixins()?;
        if SIMPLE_KINDS.contains(&kind) {
            return Ok(shape);
        }
        self.c.ws()?;
        shape.body = match kind {
            "service" | "resource" => {
                if self.c.peek() != Some(b'{') {
                    return Err(self.c.expected("`{`"));
                }
                let properties = self.c.object_entries()?;
                let resource_properties = properties.iter().find(|(k, _, _)| k == "properties");
                if let (Some((_, _, at)), "resource") = (resource_properties, kind) {
                    self.require_v2(*at, "resource properties")?;
                }
                Body::Properties(properties)
            }
            "operation" => Body::Operation(self.operation_body(&shape.name)?),
            _ => Body::Members(self.members(kind)?),
        };
        Ok(shape)
    }

    /// `[SP "for" SP ShapeId]`.
    fn for_resource(&mut self) -> Parsed<Option<Reference>> {
        let start = self.c.pos;
        if self.c.sp() && self.c.at_word("for") {
            self.require_v2(self.c.pos, "`for` resource bindings")?;
            self.c.pos += "for".len();
            self.c.require_sp()?;
            return self.c.shape_id().map(Some);
        }
        self.c.pos = start;
        Ok(None)
    }

    /// `[SP] "with" [WS] "[" ShapeId… "]"`, on the shape's own line.
    fn mixins(&mut self) -> Parsed<Vec<Reference>> {
        let start = self.c.pos;
        self.c.sp();
        if !self.c.at_word("with") {
            self.c.pos = start;
            return Ok(Vec::new());
        }
        self.require_v2(self.c.pos, "mixins")?;
        self.c.pos += "with".len();
        self.c.ws()?;
        self.c.expect(b'[')?;
        self.c.ws()?;
        let mut mixins = vec![self.c.shape_id()?];
        self.c.ws()?;
        while self.c.peek() != Some(b']') {
            mixins.push(self.c.shape_id()?);
            self.c.ws()?;
        }
        self.c.pos += 1;
        Ok(mixins)
    }

    /// `{ member… }` of an aggregate or enum shape.
    fn members(&mut self, kind: &str) -> Parsed<Vec<MemberDef>> {
        let is_enum = matches!(kind, "enum" | "intEnum");
        self.c.expect(b'{')?;
        let open = self.c.pos - 1;
        self.c.ws()?;
        let mut members: Vec<MemberDef> = Vec::new();
        while self.c.peek() != Some(b'}') {
            let docs = self.c.take_docs();
            let traits = self.traits()?;
            let at = self.c.pos;
            let elided = !is_enum && self.c.peek() == Some(b'$');
            if elided {
                self.require_v2(at, "members with elided targets (`$name`)")?;
                self.c.pos += 1;
            }
            let name = self.c.identifier()?.to_owned();
            if members.iter().any(|m| m.name == name) {
                return Err(self.c.error_at(
                    at,
                    format!("conflicting member name `{name}`: a member name may appear once"),
                ));
            }
            let target = if is_enum || elided {
                None
            } else {
                self.c.sp();
                if self.c.starts_with(":=") {
                    return Err(self.c.expected("`:`"));
                }
                self.c.expect(b':')?;
                self.c.sp();
                Some(self.c.shape_id()?)
            };
            let value = self.value_assignment(is_enum)?;
            members.push(MemberDef {
                name,
                at,
                docs,
                traits,
                target,
                value,
            });
            self.c.ws()?;
        }
        self.c.pos += 1;
        if is_enum && members.is_empty() {
            return Err(self.c.error_at(
                open,
                format!("an {kind} shape must have at least one member"),
            ));
        }
        Ok(members)
    }

    /// `[SP] "=" [SP] NodeValue [SP] [","] BR`.
    fn value_assignment(&mut self, is_enum: bool) -> Parsed<Option<(Node, usize)>> {
        let start = self.c.pos;
        self.c.sp();
        if self.c.peek() != Some(b'=') {
            self.c.pos = start;
            return Ok(None);
        }
        if !is_enum {
            self.require_v2(self.c.pos, "default values (`= value`)")?;
        }
        self.c.pos += 1;
        self.c.sp();
        let at = self.c.pos;
        let value = self.c.node()?;
        self.c.sp();
        if self.c.peek() == Some(b',') {
            self.c.pos += 1;
        }
        if self.c.peek() != Some(b'}') {
            self.c.br()?;
        }
        Ok(Some((value, at)))
    }

    fn operation_body(&mut self, operation: &str) -> Parsed<OperationBody> {
        self.c.expect(b'{')?;
        self.c.ws()?;
        let mut body = OperationBody::default();
        while self.c.peek() != Some(b'}') {
            let at = self.c.pos;
            let key = self.c.identifier()?;
            let duplicate = match key {
                "input" | "output" => {
                    let io = self.operation_io(operation, key)?;
                    let slot = if key == "input" {
                        &mut body.input
                    } else {
                        &mut body.output
                    };
                    slot.replace(io).is_some()
                }
                "errors" => {
                    self.c.ws()?;
                    self.c.expect(b':')?;
                    self.c.ws()?;
                    self.c.expect(b'[')?;
                    self.c.ws()?;
                    let mut errors = Vec::new();
                    while self.c.peek() != Some(b']') {
                        errors.push(self.c.shape_id()?);
                        self.c.ws()?;
                    }
                    self.c.pos += 1;
                    body.errors.replace(errors).is_some()
                }
                other => {
                    return Err(self.c.error_at(
                        at,
                        format!(
                            "unknown operation property `{other}`: expected input, output or errors"
                        ),
                    ));
                }
            };
            if duplicate {
                return Err(self
                    .c
                    .error_at(at, format!("duplicate operation {key} property")));
            }
            if !self.c.ws()? && self.c.peek() != Some(b'}') {
                return Err(self.c.expected("whitespace between operation properties"));
            }
        }
        self.c.pos += 1;
        Ok(body)
    }

    /// `: ShapeId` or `:= [traits] [for R] [with […]] { members }`.
    fn operation_io(&mut self, operation: &str, key: &str) -> Parsed<Io> {
        self.c.ws()?;
        if !self.c.starts_with(":=") {
            self.c.expect(b':')?;
            self.c.ws()?;
            return self.c.shape_id().map(Io::Target);
        }
        let at = self.c.pos;
        self.require_v2(at, "inline operation input and output (`:=`)")?;
        self.c.pos += 2;
        self.c.ws()?;
        let docs = self.c.take_docs();
        let traits = self.traits()?;
        let suffix = if key == "input" {
            &self.input_suffix
        } else {
            &self.output_suffix
        };
        let mut shape = ShapeDef {
            kind: "structure",
            name: format!("{operation}{suffix}"),
            at,
            docs,
            traits,
            mixins: Vec::new(),
            for_resource: None,
            body: Body::None,
        };
        shape.for_resource = self.for_resource()?;
        shape.mixins = self.mixins()?;
        self.c.ws()?;
        shape.body = Body::Members(self.members("structure")?);
        Ok(Io::Inline(Box::new(shape)))
    }
}
