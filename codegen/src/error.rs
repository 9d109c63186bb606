//! The generator's one error type: what went wrong and where in the model.

use ::std::fmt;

/// The classes of failure, each with its own exit code in `cargo xtask codegen`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The input is not JSON, or not JSON of the Smithy AST's shape.
    MalformedJson,
    /// The input is not Smithy IDL.
    MalformedIdl,
    /// A member or operation names a shape that does not exist.
    DanglingTarget,
    /// A shape kind (or a use of one) this generator does not turn into Rust.
    UnsupportedShape,
    /// Two shapes or generated items would get the same Rust name.
    NameCollision,
    /// A member name appears twice in one shape (or two map to one Rust field).
    DuplicateMember,
    /// A trait value is not of the form the Smithy spec gives it.
    InvalidTrait,
    /// The model is well-formed but unusable: no service, two services, …
    InvalidModel,
}

impl ErrorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::MalformedJson => "malformed model JSON",
            ErrorKind::MalformedIdl => "malformed model IDL",
            ErrorKind::DanglingTarget => "dangling target",
            ErrorKind::UnsupportedShape => "unsupported shape",
            ErrorKind::NameCollision => "Rust name collision",
            ErrorKind::DuplicateMember => "duplicate member",
            ErrorKind::InvalidTrait => "invalid trait",
            ErrorKind::InvalidModel => "invalid model",
        }
    }

    /// Process exit code: 2 for unreadable input, 3 for a readable but invalid model.
    pub fn exit_code(self) -> i32 {
        match self {
            ErrorKind::MalformedJson | ErrorKind::MalformedIdl => 2,
            _ => 3,
        }
    }
}

/// A model error that names its place: the file (when the model has several), shape
/// id, member, and line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub kind: ErrorKind,
    /// Boxed, to keep `Result<_, Error>` small.
    pub file: Option<Box<str>>,
    pub shape: Option<String>,
    pub member: Option<String>,
    pub line_column: Option<(usize, usize)>,
    pub message: String,
}

impl Error {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            file: None,
            shape: None,
            member: None,
            line_column: None,
            message: message.into(),
        }
    }

    /// Names the file, unless a more precise one is named already.
    pub fn in_file(mut self, file: impl fmt::Display) -> Self {
        self.file.get_or_insert_with(|| file.to_string().into());
        self
    }

    pub fn at_shape(mut self, shape: impl fmt::Display) -> Self {
        self.shape = Some(shape.to_string());
        self
    }

    pub fn at_member(mut self, member: impl Into<String>) -> Self {
        self.member = Some(member.into());
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{file}: ")?;
        }
        f.write_str(self.kind.as_str())?;
        if let Some((line, column)) = self.line_column {
            write!(f, " at line {line}, column {column}")?;
        }
        match (&self.shape, &self.member) {
            (Some(shape), Some(member)) => write!(f, " in `{shape}${member}`")?,
            (Some(shape), None) => write!(f, " in `{shape}`")?,
            (None, Some(member)) => write!(f, " in member `{member}`")?,
            (None, None) => {}
        }
        write!(f, ": {}", self.message)
    }
}

impl ::std::error::Error for Error {}

pub type Result<T, E = Error> = ::std::result::Result<T, E>;
