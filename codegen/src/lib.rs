//! Turns a Smithy 2.0 JSON AST model of an AWS service into a Rust crate.
//!
//! The pipeline, one module per stage: [`smithy`] (strict parse) → [`validate`] →
//! [`normalize`] → [`lower`] into the [`ir`], where every naming decision is made →
//! [`emit`] with `quote!` → [`output`] (prettyplease, preamble, file list).
//! The core does no I/O: `xtask` reads the model and writes the files.

pub mod assemble;
pub mod docs;
pub mod error;
pub mod idl;
pub mod import;
pub mod names;
pub mod smithy;

pub use error::{Error, ErrorKind};
pub mod diff;
pub mod emit;
pub mod ir;
pub mod lower;
pub mod normalize;
pub mod output;
pub mod pattern;
pub mod prelude;
pub mod reserved;
pub mod settings;
pub mod traits;
pub mod validate;

pub use emit::{EmitOptions, RuntimeDependency};
pub use output::GeneratedFile;
pub use settings::Settings;

/// The version of the runtime crate (`codegen/runtime`) this generator writes code for.
pub const RUNTIME_VERSION: &str = "0.1.0";

/// Parses a model file's text. Errors carry line and column, shape and member.
pub fn parse(text: &str) -> Result<smithy::Model, Error> {
    smithy::parse_model(text)
}

/// The whole pipeline after parsing: validate → normalise → lower → emit → format.
pub fn generate(
    model: &smithy::Model,
    settings: &Settings,
    options: &EmitOptions,
) -> Result<Vec<GeneratedFile>, Error> {
    let service = validate::service_id(model, settings.service.as_deref())?;
    validate::check(model)?;
    let normalized = normalize::normalize(model, &service)?;
    let ir = lower::lower(&normalized, settings)?;
    Ok(emit::generate_files(&ir, options))
}

#[cfg(test)]
mod tests {
    #[test]
    fn runtime_version_is_the_runtime_crates() {
        let manifest = include_str!("../runtime/Cargo.toml");
        let version = format!("\nversion = \"{}\"\n", super::RUNTIME_VERSION);
        assert!(
            manifest.contains(&version),
            "codegen/runtime/Cargo.toml is not at {}",
            super::RUNTIME_VERSION
        );
    }
}
