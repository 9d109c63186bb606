//! Getting a Smithy 2.0 JSON AST to generate from: converting a botocore
//! `service-2.json` ([`import_botocore`]) and cutting a model down to the
//! closure of some operations ([`slice`]). Pure functions: no I/O.
//!
//! Both produce shapes sorted by id and traits sorted by name, so that a
//! refreshed model diffs reviewably; member order is kept (it is wire order).

mod botocore;
mod slice;

use std::collections::BTreeMap;
use std::fmt;

use serde_json::{Map, Value};

pub use botocore::{Imported, import_botocore};
pub use slice::slice;

/// Why a model could not be imported or sliced. `path` is a JSON path into
/// the input document, e.g. `shapes.Foo.members.Bar.shape`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    /// The input is not JSON.
    Json {
        line: usize,
        column: usize,
        message: String,
    },
    /// A requested operation is not in the model.
    UnknownOperation { operation: String },
    /// A reference to a shape the model does not define.
    DanglingReference { path: String, target: String },
    /// A botocore shape type this importer does not know.
    UnknownType { path: String, type_name: String },
    /// Anything else that is missing, malformed or unsupported.
    Invalid { path: String, message: String },
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Json {
                line,
                column,
                message,
            } => {
                write!(
                    f,
                    "malformed JSON at line {line}, column {column}: {message}"
                )
            }
            ImportError::UnknownOperation { operation } => {
                write!(
                    f,
                    "unknown operation `{operation}`: the model does not define it"
                )
            }
            ImportError::DanglingReference { path, target } => {
                write!(
                    f,
                    "{path}: refers to `{target}`, which the model does not define"
                )
            }
            ImportError::UnknownType { path, type_name } => {
                write!(f, "{path}: unknown botocore shape type `{type_name}`")
            }
            ImportError::Invalid { path, message } => write!(f, "{path}: {message}"),
        }
    }
}

impl std::error::Error for ImportError {}

/// Something the importer skipped without failing: a botocore key it does not
/// know (a newer botocore may add some) or a value it cannot use. `path` is the
/// JSON path of the key, e.g. `shapes.Foo.members.Bar.newKey`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportWarning {
    pub path: String,
    pub message: String,
}

impl fmt::Display for ImportWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// The text form of a model as checked in: 2-space indented, trailing newline.
pub fn to_json_text(model: &Value) -> String {
    let mut text = serde_json::to_string_pretty(model).expect("a JSON value always serializes");
    text.push('\n');
    text
}

fn parse_json(text: &str) -> Result<Value, ImportError> {
    serde_json::from_str(text).map_err(|e| {
        let (line, column) = (e.line(), e.column());
        let message = e.to_string();
        let position = format!(" at line {line} column {column}");
        let message = message
            .strip_suffix(&position)
            .unwrap_or(&message)
            .to_string();
        ImportError::Json {
            line,
            column,
            message,
        }
    })
}

/// `prefix.key`, or `prefix["key"]` when the key would make the path ambiguous.
fn path_key(prefix: &str, key: &str) -> String {
    if !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        if prefix.is_empty() {
            key.to_string()
        } else {
            format!("{prefix}.{key}")
        }
    } else {
        format!("{prefix}[{key:?}]")
    }
}

fn invalid(path: impl Into<String>, message: impl Into<String>) -> ImportError {
    ImportError::Invalid {
        path: path.into(),
        message: message.into(),
    }
}

/// Shapes that every Smithy model has without defining them.
fn is_prelude(id: &str) -> bool {
    id.starts_with("smithy.api#")
}

/// Converts a map built in sorted order into a JSON object (insertion order
/// is kept with serde_json's `preserve_order`).
fn sorted_object(map: BTreeMap<String, Value>) -> Map<String, Value> {
    map.into_iter().collect()
}

fn model_document(metadata: Option<Value>, shapes: BTreeMap<String, Value>) -> Value {
    let mut doc = Map::new();
    doc.insert("smithy".into(), "2.0".into());
    if let Some(metadata) = metadata {
        doc.insert("metadata".into(), metadata);
    }
    doc.insert("shapes".into(), Value::Object(sorted_object(shapes)));
    Value::Object(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_key_brackets_keys_with_dots_or_hashes() {
        assert_eq!(path_key("shapes", "Foo"), "shapes.Foo");
        assert_eq!(path_key("shapes", "a.b#Foo"), r#"shapes["a.b#Foo"]"#);
    }

    #[test]
    fn json_errors_carry_line_and_column() {
        let err = parse_json("{\n  \"a\": ,\n}").unwrap_err();
        assert!(
            matches!(
                err,
                ImportError::Json {
                    line: 2,
                    column: 8,
                    ..
                }
            ),
            "{err:?}"
        );
        assert!(
            err.to_string()
                .starts_with("malformed JSON at line 2, column 8")
        );
    }

    #[test]
    fn text_form_is_two_space_indented_with_trailing_newline() {
        let text = to_json_text(&serde_json::json!({"smithy": "2.0", "shapes": {}}));
        assert_eq!(text, "{\n  \"smithy\": \"2.0\",\n  \"shapes\": {}\n}\n");
    }
}
