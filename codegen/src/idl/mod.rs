//! A reader of the Smithy IDL (versions 1.0 and 2.0): [`parse_file`] turns one
//! `.smithy` file into its [`syntax`] tree; [`crate::assemble`] resolves names across
//! files and writes the JSON AST model that the rest of the generator reads.

mod cursor;
mod node;
mod parser;
pub mod syntax;

pub use cursor::line_column;
pub use parser::parse_file;

/// Smithy's prelude (`smithy.api`), as Smithy 1.73.0 ships it: the shapes and trait
/// definitions every model may use without naming a file.
pub const PRELUDE: &str = include_str!("prelude.smithy");

#[cfg(test)]
mod tests {
    #[test]
    fn the_prelude_parses() {
        let prelude = super::parse_file(super::PRELUDE).unwrap();
        assert_eq!(prelude.namespace.as_deref(), Some("smithy.api"));
        assert!(prelude.shapes.len() > 100, "{}", prelude.shapes.len());
    }
}
