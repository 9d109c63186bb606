//! One model from several files, IDL and JSON AST mixed, with the prelude built in:
//! names resolved, trait values completed, elided targets found, `apply` statements
//! applied, then written as one Smithy 2.0 JSON AST document.
//!
//! Every file is read and checked before anything is returned, and all errors are
//! reported at once, each naming its file, line and column.

mod flatten;
mod idl_shapes;
mod members;
mod resolve;
mod rules;

use ::std::collections::{BTreeMap, HashMap};
use serde_json::{Map, Value};

use crate::error::{Error, ErrorKind};
use crate::idl::{self, syntax::Offset};

pub use flatten::flatten_mixins;

/// One input file. Its format is chosen by name: `.json` is the JSON AST, anything
/// else the IDL.
#[derive(Debug, Clone)]
pub struct Source {
    /// The path, as errors name it.
    pub name: String,
    pub text: String,
    /// A dependency (trait definitions, shared shapes) is read for names and traits,
    /// but its shapes are left out of the assembled model.
    pub dependency: bool,
}

/// The JSON AST model of the non-dependency sources, or every error found.
pub fn assemble(sources: &[Source]) -> Result<Value, Vec<Error>> {
    let mut loader = Loader::default();
    loader.files.push(LoadedFile {
        name: "<prelude>".to_owned(),
        text: idl::PRELUDE.to_owned(),
        dependency: true,
        content: Content::Idl(prelude().clone()),
    });
    for source in sources {
        loader.read(source);
    }
    loader.finish()
}

/// The prelude, parsed once per process.
fn prelude() -> &'static idl::syntax::File {
    static PRELUDE: ::std::sync::OnceLock<idl::syntax::File> = ::std::sync::OnceLock::new();
    PRELUDE.get_or_init(|| {
        idl::parse_file(idl::PRELUDE)
            .unwrap_or_else(|e| unreachable!("the built-in prelude parses: {e}"))
    })
}

/// [`assemble`], then read as the generator's model.
pub fn load(sources: &[Source]) -> Result<crate::smithy::Model, Vec<Error>> {
    let model = assemble(sources)?;
    crate::parse(&model.to_string()).map_err(|e| vec![e])
}

/// Where a definition or statement is: a file (by index) and an offset in it.
#[derive(Debug, Clone, Copy)]
struct Place {
    file: usize,
    at: Option<Offset>,
}

enum Content {
    Idl(idl::syntax::File),
    Json(Value),
}

struct LoadedFile {
    name: String,
    text: String,
    dependency: bool,
    content: Content,
}

/// A shape being assembled: its JSON AST value and where it was defined.
struct Def {
    value: Map<String, Value>,
    place: Place,
    dependency: bool,
    /// Defined in an IDL 1.0 or JSON AST 1.0 file.
    v1: bool,
}

/// An `apply` statement or JSON `apply` entry, its target resolved.
struct PendingApply {
    target: String,
    traits: Vec<(String, Value, Place)>,
    place: Place,
}

/// A member written `$name`, its target still to be found.
struct Elided {
    shape: String,
    member: String,
    for_resource: Option<(String, Place)>,
    place: Place,
}

#[derive(Default)]
struct Loader {
    files: Vec<LoadedFile>,
    errors: Vec<Error>,
    /// Every defined shape id (prelude and dependencies included) and its kind.
    kinds: HashMap<String, String>,
    defs: BTreeMap<String, Def>,
    metadata: Map<String, Value>,
    applies: Vec<PendingApply>,
    elided: Vec<Elided>,
}

impl Loader {
    fn error(&mut self, place: Place, kind: ErrorKind, message: impl Into<String>) {
        let file = &self.files[place.file];
        let mut error = Error::new(kind, message).in_file(&file.name);
        error.line_column = place.at.map(|at| idl::line_column(&file.text, at));
        self.errors.push(error);
    }

    /// Parses a file; a syntax error is recorded and the file skipped.
    fn read(&mut self, source: &Source) {
        let content = if source.name.ends_with(".json") {
            match serde_json::from_str::<Value>(&source.text) {
                Ok(value) if value.is_object() => Ok(Content::Json(value)),
                Ok(_) => Err(Error::new(
                    ErrorKind::MalformedJson,
                    "a model must be a JSON object",
                )),
                Err(e) => {
                    let mut error = Error::new(ErrorKind::MalformedJson, e.to_string());
                    error.line_column = Some((e.line(), e.column()));
                    Err(error)
                }
            }
        } else {
            idl::parse_file(&source.text).map(Content::Idl)
        };
        match content {
            Ok(content) => self.files.push(LoadedFile {
                name: source.name.clone(),
                text: source.text.clone(),
                dependency: source.dependency,
                content,
            }),
            Err(error) => self.errors.push(error.in_file(&source.name)),
        }
    }

    fn finish(mut self) -> Result<Value, Vec<Error>> {
        self.collect_kinds();
        for index in 0..self.files.len() {
            let content =
                std::mem::replace(&mut self.files[index].content, Content::Json(Value::Null));
            match &content {
                Content::Idl(file) => self.add_idl(index, file),
                Content::Json(model) => self.add_json(index, model),
            }
            self.files[index].content = content;
        }
        self.resolve_elided();
        self.apply_all();
        self.check_rules();
        if !self.errors.is_empty() {
            return Err(self.errors);
        }
        Ok(self.output())
    }

    /// The assembled model: the shapes of non-dependency files, in id order.
    fn output(self) -> Value {
        let model_files = self.files.iter().filter(|f| !f.dependency);
        let all_v1 = model_files.clone().count() > 0
            && model_files.clone().all(|f| match &f.content {
                Content::Idl(file) => file.version == idl::syntax::Version::V1,
                Content::Json(model) => {
                    model["smithy"].as_str().is_some_and(|v| v.starts_with('1'))
                }
            });
        let mut shapes = Map::new();
        for (id, def) in self.defs {
            if def.dependency {
                continue;
            }
            let mut value = def.value;
            if def.v1 && !all_v1 && value["type"] == "set" {
                value.insert("type".into(), "list".into());
                traits_of(&mut value)
                    .insert("smithy.api#uniqueItems".into(), Value::Object(Map::new()));
            }
            shapes.insert(id, Value::Object(value));
        }
        let mut model = Map::new();
        model.insert("smithy".into(), if all_v1 { "1.0" } else { "2.0" }.into());
        if !self.metadata.is_empty() {
            model.insert("metadata".into(), Value::Object(self.metadata));
        }
        model.insert("shapes".into(), Value::Object(shapes));
        Value::Object(model)
    }

    /// The kind of every defined shape, so that names and trait values can be
    /// resolved before any shape is built; a shape defined twice is an error.
    fn collect_kinds(&mut self) {
        let mut first: HashMap<String, Place> = HashMap::new();
        let mut found = Vec::new();
        for (index, file) in self.files.iter().enumerate() {
            match &file.content {
                Content::Idl(syntax) => {
                    let Some(namespace) = &syntax.namespace else {
                        continue;
                    };
                    for shape in &syntax.shapes {
                        let place = Place {
                            file: index,
                            at: Some(shape.at),
                        };
                        found.push((
                            format!("{namespace}#{}", shape.name),
                            shape.kind.to_owned(),
                            place,
                        ));
                        if let idl::syntax::Body::Operation(body) = &shape.body {
                            for io in [&body.input, &body.output].into_iter().flatten() {
                                if let idl::syntax::Io::Inline(inline) = io {
                                    let place = Place {
                                        file: index,
                                        at: Some(inline.at),
                                    };
                                    found.push((
                                        format!("{namespace}#{}", inline.name),
                                        "structure".to_owned(),
                                        place,
                                    ));
                                }
                            }
                        }
                    }
                }
                Content::Json(model) => {
                    let Some(shapes) = model.get("shapes").and_then(Value::as_object) else {
                        continue;
                    };
                    for (id, shape) in shapes {
                        let kind = shape.get("type").and_then(Value::as_str).unwrap_or("");
                        if kind != "apply" {
                            found.push((
                                id.clone(),
                                kind.to_owned(),
                                Place {
                                    file: index,
                                    at: None,
                                },
                            ));
                        }
                    }
                }
            }
        }
        for (id, kind, place) in found {
            if let Some(earlier) = first.get(&id) {
                let earlier = self.describe(*earlier);
                self.error(
                    place,
                    ErrorKind::InvalidModel,
                    format!("shape `{id}` is defined twice: also at {earlier}"),
                );
                continue;
            }
            first.insert(id.clone(), place);
            self.kinds.insert(id, kind);
        }
    }

    /// `file:line:column` (or the file alone) of a place, for messages naming two.
    fn describe(&self, place: Place) -> String {
        let file = &self.files[place.file];
        match place.at {
            Some(at) => {
                let (line, column) = idl::line_column(&file.text, at);
                format!("{}:{line}:{column}", file.name)
            }
            None => file.name.clone(),
        }
    }

    fn add_def(&mut self, id: String, value: Map<String, Value>, place: Place, v1: bool) {
        let dependency = self.files[place.file].dependency;
        // A second definition was reported by `collect_kinds`; the first one stays.
        self.defs.entry(id).or_insert(Def {
            value,
            place,
            dependency,
            v1,
        });
    }

    /// Metadata of every file: equal values and lists merge, others conflict.
    fn add_metadata(&mut self, key: String, value: Value, place: Place) {
        match self.metadata.get_mut(&key) {
            None => {
                self.metadata.insert(key, value);
            }
            Some(Value::Array(existing)) if value.is_array() => {
                existing.extend(value.as_array().into_iter().flatten().cloned());
            }
            Some(existing) if *existing == value => {}
            Some(_) => self.error(
                place,
                ErrorKind::InvalidModel,
                format!("metadata `{key}` is defined twice with different values"),
            ),
        }
    }

    fn add_json(&mut self, file: usize, model: &Value) {
        let place = Place { file, at: None };
        let version = model.get("smithy").and_then(Value::as_str).unwrap_or("");
        if !matches!(version, "1" | "1.0" | "2" | "2.0") {
            self.error(
                place,
                ErrorKind::MalformedJson,
                format!("unsupported Smithy version `{version}`: expected 1.0 or 2.0"),
            );
            return;
        }
        let v1 = version.starts_with('1');
        if let Some(metadata) = model.get("metadata").and_then(Value::as_object) {
            for (key, value) in metadata {
                self.add_metadata(key.clone(), value.clone(), place);
            }
        }
        let Some(shapes) = model.get("shapes").and_then(Value::as_object) else {
            return;
        };
        for (id, shape) in shapes {
            let Some(shape) = shape.as_object() else {
                self.error(
                    place,
                    ErrorKind::MalformedJson,
                    format!("shape `{id}` is not an object"),
                );
                continue;
            };
            if shape.get("traits").is_some_and(|t| !t.is_object()) {
                self.error(
                    place,
                    ErrorKind::MalformedJson,
                    format!("the traits of `{id}` are not an object"),
                );
                continue;
            }
            if shape.get("type").and_then(Value::as_str) == Some("apply") {
                let traits = shape
                    .get("traits")
                    .and_then(Value::as_object)
                    .into_iter()
                    .flatten();
                let traits = traits.map(|(k, v)| (k.clone(), v.clone(), place)).collect();
                self.applies.push(PendingApply {
                    target: id.clone(),
                    traits,
                    place,
                });
                continue;
            }
            if v1
                && shape.get("type").and_then(Value::as_str) == Some("resource")
                && shape.contains_key("properties")
            {
                self.error(place, ErrorKind::InvalidModel, format!("`{id}`: resource properties can only be used in Smithy 2.0 or later; this file is version {version}"));
            }
            self.add_def(id.clone(), shape.clone(), place, v1);
        }
    }
}

/// The `traits` object of a shape or member, created when missing.
fn traits_of(value: &mut Map<String, Value>) -> &mut Map<String, Value> {
    let entry = value
        .entry("traits")
        .or_insert_with(|| Value::Object(Map::new()));
    if !entry.is_object() {
        // JSON inputs are checked first; a non-object here was reported already.
        *entry = Value::Object(Map::new());
    }
    match entry {
        Value::Object(traits) => traits,
        _ => unreachable!("made an object above"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(name: &str, text: &str) -> Source {
        Source {
            name: name.to_owned(),
            text: text.to_owned(),
            dependency: false,
        }
    }

    #[test]
    fn a_shape_defined_twice_names_both_places() {
        let idl = source(
            "a.smithy",
            "$version: \"2\"\nnamespace t.e\n\nstring Name\n",
        );
        let json = source(
            "b.json",
            r#"{"smithy": "2.0", "shapes": {"t.e#Name": {"type": "string"}}}"#,
        );
        let errors = assemble(&[idl, json]).unwrap_err();
        let message = errors[0].to_string();
        assert!(
            message.contains("b.json") && message.contains("a.smithy:4:8"),
            "{message}"
        );
    }

    #[test]
    fn idl_and_json_files_make_one_model() {
        let idl = source(
            "a.smithy",
            "$version: \"2\"\nnamespace t.e\n\nstructure S { other: Other }\napply Other @sensitive\n",
        );
        let json = source(
            "b.json",
            r#"{"smithy": "2.0", "shapes": {"t.e#Other": {"type": "string"}}}"#,
        );
        let model = assemble(&[idl, json]).unwrap();
        assert_eq!(
            model["shapes"]["t.e#S"]["members"]["other"]["target"],
            "t.e#Other"
        );
        assert_eq!(
            model["shapes"]["t.e#Other"]["traits"]["smithy.api#sensitive"],
            serde_json::json!({})
        );
        assert!(
            model["shapes"].get("smithy.api#String").is_none(),
            "the prelude is left out"
        );
    }

    #[test]
    fn every_error_is_reported_at_once() {
        let a = source("a.smithy", "namespace t.e\nstring\n");
        let b = source("b.smithy", "namespace t.e\n@nope\nstring X\n");
        let errors = assemble(&[a, b]).unwrap_err();
        assert_eq!(errors.len(), 2, "{errors:?}");
    }
}
