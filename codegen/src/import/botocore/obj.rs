//! Reading the botocore document, with a JSON path for every error.

use serde_json::{Map, Number, Value};

use super::super::{ImportError, ImportWarning, invalid, path_key};
use super::keys::Place;

/// A JSON object of the botocore document, with its path for error messages.
pub(super) struct Obj<'a> {
    pub(super) map: &'a Map<String, Value>,
    pub(super) path: String,
}

impl<'a> Obj<'a> {
    pub(super) fn new(value: &'a Value, path: String) -> Result<Self, ImportError> {
        match value {
            Value::Object(map) => Ok(Obj { map, path }),
            _ => Err(invalid(path, "expected an object")),
        }
    }

    pub(super) fn at(&self, key: &str) -> String {
        path_key(&self.path, key)
    }

    pub(super) fn has(&self, key: &str) -> bool {
        self.map.contains_key(key)
    }

    pub(super) fn str(&self, key: &str) -> Result<Option<&'a str>, ImportError> {
        match self.map.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(_) => Err(invalid(self.at(key), "expected a string")),
        }
    }

    pub(super) fn req_str(&self, key: &str) -> Result<&'a str, ImportError> {
        self.str(key)?
            .ok_or_else(|| invalid(self.at(key), "missing"))
    }

    pub(super) fn flag(&self, key: &str) -> Result<bool, ImportError> {
        match self.map.get(key) {
            None => Ok(false),
            Some(Value::Bool(b)) => Ok(*b),
            Some(_) => Err(invalid(self.at(key), "expected true or false")),
        }
    }

    pub(super) fn number(&self, key: &str) -> Result<Option<&'a Number>, ImportError> {
        match self.map.get(key) {
            None => Ok(None),
            Some(Value::Number(n)) => Ok(Some(n)),
            Some(_) => Err(invalid(self.at(key), "expected a number")),
        }
    }

    pub(super) fn obj(&self, key: &str) -> Result<Option<Obj<'a>>, ImportError> {
        self.map
            .get(key)
            .map(|v| Obj::new(v, self.at(key)))
            .transpose()
    }

    pub(super) fn req_obj(&self, key: &str) -> Result<Obj<'a>, ImportError> {
        self.obj(key)?
            .ok_or_else(|| invalid(self.at(key), "missing"))
    }

    /// The elements of an array (none when absent), with their paths.
    pub(super) fn items(&self, key: &str) -> Result<Vec<(String, &'a Value)>, ImportError> {
        match self.map.get(key) {
            None => Ok(Vec::new()),
            Some(Value::Array(items)) => Ok(items
                .iter()
                .enumerate()
                .map(|(i, v)| (format!("{}[{i}]", self.at(key)), v))
                .collect()),
            Some(_) => Err(invalid(self.at(key), "expected an array")),
        }
    }

    pub(super) fn strings(&self, key: &str) -> Result<Vec<(String, &'a str)>, ImportError> {
        self.items(key)?
            .into_iter()
            .map(|(path, v)| match v {
                Value::String(s) => Ok((path, s.as_str())),
                _ => Err(invalid(path, "expected a string")),
            })
            .collect()
    }

    /// The entries of this object, each an object itself.
    pub(super) fn children(&self) -> Result<Vec<(&'a str, Obj<'a>)>, ImportError> {
        self.map
            .iter()
            .map(|(k, v)| Ok((k.as_str(), Obj::new(v, self.at(k))?)))
            .collect()
    }

    /// A warning for each key that `place` does not know, in key order.
    pub(super) fn unknown_keys(&self, place: &Place) -> Vec<ImportWarning> {
        self.map
            .keys()
            .filter(|key| !place.knows(key))
            .map(|key| ImportWarning {
                path: self.at(key),
                message: format!("unknown botocore key `{key}`, ignored"),
            })
            .collect()
    }

    /// `{"shape": name}` under `key`: the path of the name and the name.
    pub(super) fn shape_ref(&self, key: &str) -> Result<Option<(String, &'a str)>, ImportError> {
        let Some(reference) = self.obj(key)? else {
            return Ok(None);
        };
        Ok(Some((reference.at("shape"), reference.req_str("shape")?)))
    }
}
