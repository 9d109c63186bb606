//! The IDL file as written: statements with their places, names still relative.
//! [`crate::assemble`] resolves names and turns the files into one JSON AST model.

/// A byte offset into the file's text; turned into line and column only for errors.
pub type Offset = usize;

/// The IDL version a file declares with `$version` (1.0 when it declares none).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    V1,
    V2,
}

/// One parsed `.smithy` file.
#[derive(Debug, Clone)]
pub struct File {
    pub version: Version,
    /// Control statements other than `$version`, e.g. `operationInputSuffix`.
    pub controls: Vec<(String, Node)>,
    pub metadata: Vec<(String, Node, Offset)>,
    pub namespace: Option<String>,
    /// `use` statements: absolute shape ids.
    pub uses: Vec<Reference>,
    pub shapes: Vec<ShapeDef>,
    pub applies: Vec<Apply>,
}

/// A shape id as written (relative or absolute, maybe with `$member`), and where.
#[derive(Debug, Clone, PartialEq)]
pub struct Reference {
    pub text: String,
    pub at: Offset,
}

/// `@id` or `@id(value)`.
#[derive(Debug, Clone, PartialEq)]
pub struct TraitApplication {
    pub id: Reference,
    /// `None` for `@id` and `@id()`: the value comes from the trait's shape.
    pub value: Option<Node>,
}

/// A shape statement, or an inline operation input or output.
#[derive(Debug, Clone)]
pub struct ShapeDef {
    /// The type keyword: `structure`, `intEnum`, …
    pub kind: &'static str,
    pub name: String,
    pub at: Offset,
    /// The text of the `///` comments right before the traits.
    pub docs: Option<String>,
    pub traits: Vec<TraitApplication>,
    pub mixins: Vec<Reference>,
    pub for_resource: Option<Reference>,
    pub body: Body,
}

#[derive(Debug, Clone)]
pub enum Body {
    /// Simple shapes.
    None,
    /// Structures, unions, lists, maps, enums and intEnums.
    Members(Vec<MemberDef>),
    /// Services and resources: a node object of properties.
    Properties(Vec<(String, Node, Offset)>),
    Operation(OperationBody),
}

#[derive(Debug, Clone)]
pub struct MemberDef {
    pub name: String,
    pub at: Offset,
    pub docs: Option<String>,
    pub traits: Vec<TraitApplication>,
    /// `None` for an elided target (`$name`) and for enum members.
    pub target: Option<Reference>,
    /// `= value`: the default of a member, the value of an enum member.
    pub value: Option<(Node, Offset)>,
}

#[derive(Debug, Clone, Default)]
pub struct OperationBody {
    pub input: Option<Io>,
    pub output: Option<Io>,
    pub errors: Option<Vec<Reference>>,
}

#[derive(Debug, Clone)]
pub enum Io {
    Target(Reference),
    Inline(Box<ShapeDef>),
}

/// `apply Target @trait` or `apply Target { @a @b }`.
#[derive(Debug, Clone)]
pub struct Apply {
    pub target: Reference,
    pub traits: Vec<TraitApplication>,
}

/// A node value. Unquoted strings stay [`Node::Id`] until names are resolved.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Null,
    Bool(bool),
    Number(serde_json::Number),
    String(String),
    Id(Reference),
    Array(Vec<Node>),
    Object(Vec<(String, Node)>),
}
