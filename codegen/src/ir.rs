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
    /// `smithy.test` compliance cases of the crate's protocols, in protocol, shape and case order.
    pub protocol_tests: Vec<ProtocolTest>,
}

/// The wire protocols the generator speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    RpcV2Cbor,
    AwsJson1_0,
    AwsJson1_1,
}

impl Protocol {
    /// Every protocol, in the order a service's are ranked when the settings do not
    /// choose: rpcv2Cbor first, as aws-sdk-rust and the newer AWS SDKs do.
    pub const ALL: [Protocol; 3] = [
        Protocol::RpcV2Cbor,
        Protocol::AwsJson1_0,
        Protocol::AwsJson1_1,
    ];

    /// The protocol trait's shape id.
    pub fn trait_id(self) -> &'static str {
        match self {
            Protocol::RpcV2Cbor => crate::traits::RPC_V2_CBOR,
            Protocol::AwsJson1_0 => crate::traits::AWS_JSON_1_0,
            Protocol::AwsJson1_1 => crate::traits::AWS_JSON_1_1,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Service {
    pub id: ShapeId,
    /// `sdkId` of `aws.api#service`, else the shape name (`WorkSpaces`).
    pub sdk_id: String,
    pub title: Option<String>,
    pub version: Option<String>,
    pub docs: String,
    /// The protocols the crate speaks, the default (the client's, and the server's
    /// for requests no protocol recognizes) first.
    pub protocols: Vec<Protocol>,
    /// `aws.protocols#awsQueryCompatible`: the service was once awsQuery, and requests
    /// say `x-amzn-query-mode: true` so that errors keep their awsQuery codes.
    pub query_compatible: bool,
    /// The service shape's name, which the protocols put on the wire.
    pub shape_name: String,
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
    /// `CreateWorkspacesPool`: the name on the wire and the type-style ident.
    pub name: Name,
    /// `create_workspaces_pool`: the operation's module under `operation::` and `protocol::`.
    pub module: Name,
    /// `create_workspaces_pool`: trait and client method.
    pub method: Name,
    /// `CreateWorkspacesPoolError`: the operation's error enum, in its module.
    pub error_enum: Name,
    /// `CreateWorkspacesPoolApi`: the operation's trait, in its module.
    pub api_trait: Name,
    /// The error enum's variants besides the modeled errors: `Unhandled`, `Client`.
    pub error_variants: ErrorVariants,
    pub docs: String,
    pub input: ShapeId,
    pub output: ShapeId,
    /// No input in the model (the `input` structure was synthesised empty).
    pub unit_input: bool,
    /// No output in the model.
    pub unit_output: bool,
    pub errors: Vec<ShapeId>,
    pub pagination: Option<Pagination>,
    /// `CreateWorkspacesPoolFluentBuilder`, in the operation's `builders` module.
    pub fluent_builder: Name,
    /// `DescribeWorkspacesPoolsPaginator`, in the operation's `paginator` module (used when paginated).
    pub paginator: Name,
}

/// The catch-all variants of an operation's error enum.
#[derive(Debug, Clone)]
pub struct ErrorVariants {
    /// An error the model does not list, with its metadata.
    pub unhandled: Name,
    /// A failure on the caller's side (invalid input, no response).
    pub client: Name,
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

/// Where a generated type lives: its public module. Builders live in that module's
/// `builders` submodule.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Module {
    /// `types`: shapes shared by the operations.
    Types,
    /// `types::error`: modeled errors.
    Errors,
    /// `operation::<name>`: an operation's input and output.
    Operation(Name),
}

impl Module {
    /// The module path segments under the crate root.
    pub fn segments(&self) -> Vec<&str> {
        match self {
            Module::Types => vec!["types"],
            Module::Errors => vec!["types", "error"],
            Module::Operation(op) => vec!["operation", &op.ident],
        }
    }
}

#[derive(Debug, Clone)]
pub struct TypeDef {
    pub id: ShapeId,
    pub name: Name,
    pub module: Module,
    /// The private module (and file) defining it: `_workspaces_pool` for `types` and
    /// `types::error`; for an operation's input and output, the operation's module.
    pub file: Name,
    /// In a module of more types than one index file should list, the group module
    /// between the module and the file (`types::w::_workspaces_pool`): the file name's
    /// first character. Re-exported by glob, so public paths do not change.
    pub group: Option<String>,
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
    /// `@input`: an operation's input, whose members' defaults are left to the server
    /// (clients send only what was set).
    pub input: bool,
    /// The builder type, in the module's `builders` (`WorkspacesPoolBuilder`).
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
    /// Builder method that sets the value: the field's name, or `<field>_value` where
    /// that is one of the builders' own methods (`build`, `send`).
    pub setter: Name,
    /// Builder method that sets or clears the whole value: `set_<field>`.
    pub set_whole: Name,
    pub docs: String,
    pub ty: TypeRef,
    pub required: bool,
    /// Boxed to break a cycle of structures and unions.
    pub boxed: bool,
    pub sensitive: bool,
    pub idempotency_token: bool,
    /// `@timestampFormat` of a timestamp member (on the member, else its target).
    pub timestamp_format: Option<TimestampFormat>,
    /// `@default` (but `null`, which removes a default, and none on `@clientOptional`
    /// members): the value an unset member takes in builders (outside operation
    /// inputs) and in every deserializer.
    pub default: Option<serde_json::Value>,
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
    List {
        member: Box<TypeRef>,
        sparse: bool,
    },
    Map {
        key: Box<TypeRef>,
        value: Box<TypeRef>,
        sparse: bool,
    },
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
    /// The protocol the case is of (one of the crate's).
    pub protocol: Protocol,
    pub case: TestCase,
    /// Why the case is not run, when the settings say so.
    pub skip: Option<String>,
    /// Why its server side is not run (`<id>/server` in the settings, else `skip`).
    pub server_skip: Option<String>,
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
