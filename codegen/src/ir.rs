//! The resolved intermediate representation. Every naming decision is made when the
//! model is lowered into it ([`crate::lower`]); emitters only read names from here.
//! Maps are ordered, so the output is the same on every run.

use crate::names::Name;
use crate::smithy::ShapeId;
use crate::traits::{Bounds, Fault};
use ::std::collections::BTreeMap;

/// Everything the emitters need to write one crate.
#[derive(Debug, Clone)]
pub struct Ir {
    pub crate_name: String,
    pub crate_version: String,
    pub service: Service,
    /// In wire-name order.
    pub operations: Vec<Operation>,
    /// The generated types: structures, unions, enums and intEnums.
    pub types: BTreeMap<ShapeId, TypeDef>,
    /// `smithy.test` compliance cases of the service's protocol, in shape and case order.
    pub protocol_tests: Vec<ProtocolTest>,
}

/// The wire protocols the generator speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    AwsJson1_0,
    AwsJson1_1,
}

#[derive(Debug, Clone)]
pub struct Service {
    pub id: ShapeId,
    /// `sdkId` of `aws.api#service`, else the shape name (`WorkSpaces`).
    pub sdk_id: String,
    pub title: Option<String>,
    pub version: Option<String>,
    pub docs: String,
    pub protocol: Protocol,
    /// The `X-Amz-Target` prefix: the service shape's name.
    pub target_prefix: String,
    /// SigV4 signing name (`aws.auth#sigv4` `name`).
    pub signing_name: String,
    /// Host prefix of the default endpoint (`aws.api#service` `endpointPrefix`).
    pub endpoint_prefix: String,
    /// The API trait every client and server implementation shares (`WorkSpacesApi`).
    pub api_trait: Name,
}

#[derive(Debug, Clone)]
pub struct Operation {
    pub id: ShapeId,
    /// `CreateWorkspacesPool`: the wire name (X-Amz-Target suffix) and the type-style ident.
    pub name: Name,
    /// `create_workspaces_pool`: trait and client method.
    pub method: Name,
    /// `CreateWorkspacesPoolError`: the operation's error enum, in the error module.
    pub error_enum: Name,
    pub docs: String,
    pub input: ShapeId,
    pub output: ShapeId,
    pub errors: Vec<ShapeId>,
    pub pagination: Option<Pagination>,
    /// The protocol module's functions for this operation.
    pub codec: CodecNames,
    /// `CreateWorkspacesPoolFluentBuilder`, in the client module.
    pub fluent_builder: Name,
    /// `DescribeWorkspacesPoolsPaginator`, in the client module (used when paginated).
    pub paginator: Name,
}

/// Functions of the generated `protocol` module for one operation.
#[derive(Debug, Clone)]
pub struct CodecNames {
    /// `serialize_<op>_request`: the input as an HTTP request (client).
    pub serialize_request: Name,
    /// `parse_<op>_response`: an HTTP response as the output or error (client).
    pub parse_response: Name,
    /// `parse_<op>_request`: a request body as the input (server).
    pub parse_request: Name,
    /// `serialize_<op>_output`: the output as a response body (server).
    pub serialize_output: Name,
    /// `serialize_<op>_error`: the error as status, code and body (server).
    pub serialize_error: Name,
}

/// How to page an operation: member paths are `Name`s of the input or output members.
#[derive(Debug, Clone)]
pub struct Pagination {
    pub input_token: Name,
    pub output_token: Name,
    pub page_size: Option<Name>,
    /// The output member holding each page's items, if declared.
    pub items: Option<Name>,
}

/// Where a generated type lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Module {
    Types,
    Input,
    Output,
    Error,
}

impl Module {
    pub const ALL: [Module; 4] = [Module::Types, Module::Input, Module::Output, Module::Error];

    /// The module's name in the generated crate.
    pub fn name(self) -> &'static str {
        match self {
            Module::Types => "types",
            Module::Input => "input",
            Module::Output => "output",
            Module::Error => "error",
        }
    }
}

#[derive(Debug, Clone)]
pub struct TypeDef {
    pub id: ShapeId,
    pub name: Name,
    pub module: Module,
    pub docs: String,
    pub kind: TypeKind,
}

#[derive(Debug, Clone)]
pub enum TypeKind {
    Structure(Structure),
    Union(Union),
    Enum(Enum),
    IntEnum(IntEnum),
}

#[derive(Debug, Clone)]
pub struct Structure {
    pub members: Vec<Member>,
    /// The builder type, in the same module (`WorkspacesPoolBuilder`).
    pub builder: Name,
    pub error: Option<ErrorInfo>,
}

/// An `@error` structure's fault and HTTP status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ErrorInfo {
    pub fault: Fault,
    pub http_status: u16,
}

#[derive(Debug, Clone)]
pub struct Member {
    /// Field ident, and the member name on the wire.
    pub name: Name,
    /// Builder method that sets the whole value: `set_<field>`.
    pub setter: Name,
    pub docs: String,
    pub ty: TypeRef,
    pub required: bool,
    /// Boxed to break a cycle of structures and unions.
    pub boxed: bool,
    pub sensitive: bool,
    pub idempotency_token: bool,
    /// `@timestampFormat` of a timestamp member (on the member, else its target).
    pub timestamp_format: Option<TimestampFormat>,
}

/// Wire forms of a timestamp (`@timestampFormat`); awsJson's default is epoch seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimestampFormat {
    EpochSeconds,
    /// RFC 3339.
    DateTime,
    /// IMF-fixdate (RFC 7231).
    HttpDate,
}

#[derive(Debug, Clone)]
pub struct Union {
    pub variants: Vec<UnionVariant>,
    /// The catch-all variant for members added after generation.
    pub unknown: Name,
}

#[derive(Debug, Clone)]
pub struct UnionVariant {
    pub name: Name,
    pub docs: String,
    /// `None` for a member targeting `smithy.api#Unit`.
    pub ty: Option<TypeRef>,
    pub boxed: bool,
    pub sensitive: bool,
}

#[derive(Debug, Clone)]
pub struct Enum {
    /// `Name::wire` is the enum value.
    pub variants: Vec<EnumVariant>,
    pub unknown: Name,
}

#[derive(Debug, Clone)]
pub struct EnumVariant {
    pub name: Name,
    pub docs: String,
}

#[derive(Debug, Clone)]
pub struct IntEnum {
    pub variants: Vec<IntEnumVariant>,
    pub unknown: Name,
}

#[derive(Debug, Clone)]
pub struct IntEnumVariant {
    pub name: Name,
    pub value: i32,
    pub docs: String,
}

/// A use of a shape as a member: the Rust type plus the constraints that apply.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeRef {
    pub kind: RefKind,
    pub constraints: Constraints,
}

#[derive(Debug, Clone, PartialEq)]
pub enum RefKind {
    Boolean,
    Byte,
    Short,
    Integer,
    Long,
    Float,
    Double,
    BigInteger,
    BigDecimal,
    String,
    Timestamp,
    Blob,
    Document,
    /// A generated type.
    Named(ShapeId),
    List { member: Box<TypeRef>, sparse: bool },
    Map { key: Box<TypeRef>, value: Box<TypeRef>, sparse: bool },
}

/// Smithy constraint traits, merged from the target shape and the member.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Constraints {
    pub length: Option<Bounds>,
    pub range: Option<Bounds>,
    pub pattern: Option<String>,
    pub unique_items: bool,
}

/// A compliance case and what it runs against.
#[derive(Debug, Clone)]
pub struct ProtocolTest {
    pub target: TestTarget,
    pub case: TestCase,
    /// Why the case is not run, when the settings say so.
    pub skip: Option<String>,
}

/// One `smithy.test#httpRequestTests` or `httpResponseTests` case, as the model
/// states it (field names follow the trait's).
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TestCase {
    pub id: String,
    pub protocol: String,
    #[serde(default)]
    pub documentation: Option<String>,
    /// `"client"` or `"server"`; both when absent.
    #[serde(default)]
    pub applies_to: Option<String>,
    /// Request tests only.
    #[serde(default)]
    pub method: Option<String>,
    #[serde(default)]
    pub uri: Option<String>,
    #[serde(default)]
    pub query_params: Vec<String>,
    /// Response tests only.
    #[serde(default)]
    pub code: Option<u16>,
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    #[serde(default)]
    pub forbid_headers: Vec<String>,
    #[serde(default)]
    pub require_headers: Vec<String>,
    #[serde(default)]
    pub body: Option<String>,
    #[serde(default)]
    pub body_media_type: Option<String>,
    /// A node value of the input, output or error structure; absent means `{}`.
    #[serde(default)]
    pub params: Option<serde_json::Value>,
}

/// What a compliance case exercises.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TestTarget {
    /// A request test of this operation.
    Request(ShapeId),
    /// A response test of this operation.
    Response(ShapeId),
    /// A response test of an error structure, run through this operation (one that can return it).
    ErrorResponse { error: ShapeId, operation: ShapeId },
}

impl Ir {
    /// The type a shape id was lowered to; ids come from the IR itself.
    pub fn type_def(&self, id: &ShapeId) -> &TypeDef {
        &self.types[id]
    }

    pub fn structure(&self, id: &ShapeId) -> &Structure {
        match &self.type_def(id).kind {
            TypeKind::Structure(s) => s,
            _ => panic!("{id} is not a structure"),
        }
    }
}
