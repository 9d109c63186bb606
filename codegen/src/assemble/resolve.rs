//! Relative shape ids of one IDL file, resolved as the IDL says: a `use`d name, then
//! a shape of the file's namespace, then the prelude.

use ::std::collections::HashMap;

use crate::idl::syntax::{File, Offset};

pub(super) struct Resolver<'a> {
    pub namespace: Option<&'a str>,
    /// Name → absolute id, from `use` statements.
    uses: HashMap<&'a str, &'a str>,
    kinds: &'a HashMap<String, String>,
}

impl<'a> Resolver<'a> {
    /// The file's resolver, and the conflicts among its `use` statements and shapes.
    pub fn new(
        file: &'a File,
        kinds: &'a HashMap<String, String>,
    ) -> (Self, Vec<(String, Offset)>) {
        let mut conflicts = Vec::new();
        let mut uses: HashMap<&str, &str> = HashMap::new();
        for used in &file.uses {
            let name = used
                .text
                .rsplit_once('#')
                .map_or(used.text.as_str(), |(_, n)| n);
            match uses.insert(name, &used.text) {
                Some(earlier) if earlier != used.text => conflicts.push((
                    format!(
                        "cannot use `{}`: the name conflicts with `{earlier}`, used before",
                        used.text
                    ),
                    used.at,
                )),
                _ => {}
            }
        }
        for shape in &file.shapes {
            if let Some(used) = uses.get(shape.name.as_str()) {
                conflicts.push((
                    format!(
                        "shape name `{}` conflicts with the used shape `{used}`",
                        shape.name
                    ),
                    shape.at,
                ));
            }
        }
        let resolver = Self {
            namespace: file.namespace.as_deref(),
            uses,
            kinds,
        };
        (resolver, conflicts)
    }

    /// The absolute id `text` names, if a shape of that id exists (or `text` is
    /// absolute already). A `$member` part is kept.
    pub fn resolve(&self, text: &str) -> Option<String> {
        if text.contains('#') {
            return Some(text.to_owned());
        }
        let (root, member) = match text.split_once('$') {
            Some((root, member)) => (root, Some(member)),
            None => (text, None),
        };
        let with_member = |id: String| match member {
            Some(member) => format!("{id}${member}"),
            None => id,
        };
        if let Some(used) = self.uses.get(root) {
            return Some(with_member((*used).to_owned()));
        }
        if let Some(namespace) = self.namespace {
            let local = format!("{namespace}#{root}");
            if self.kinds.contains_key(&local) {
                return Some(with_member(local));
            }
        }
        let prelude = format!("smithy.api#{root}");
        self.kinds
            .contains_key(&prelude)
            .then(|| with_member(prelude))
    }

    /// A shape reference: resolved, or else in the file's namespace (where a dangling
    /// target is then reported by validation).
    pub fn target(&self, text: &str) -> String {
        self.resolve(text).unwrap_or_else(|| match self.namespace {
            Some(namespace) => format!("{namespace}#{text}"),
            None => format!("smithy.api#{text}"),
        })
    }

    pub fn kind(&self, id: &str) -> Option<&str> {
        self.kinds.get(id).map(String::as_str)
    }
}
