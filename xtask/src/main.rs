//! `cargo xtask codegen [--check] [--model FILE] [--settings FILE] [--out DIR]`
//! `cargo xtask model import|slice …`

use std::process::ExitCode;
use xtask::{codegen_cmd, model, workspace_root};

const USAGE: &str = "usage:
  cargo xtask codegen [--check] [--model FILE] [--settings FILE] [--out DIR]
  cargo xtask model import --botocore SERVICE-2.JSON [--operation OP]... [--out FILE]
  cargo xtask model slice --smithy MODEL.JSON [--operation OP]... [--out FILE]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = workspace_root();
    let result = match args.first().map(String::as_str) {
        Some("codegen") => codegen_cmd::Options::parse(&root, &args[1..]).and_then(|o| codegen_cmd::run(&o)),
        Some("model") => model::run(&args[1..]).map(|()| String::new()).map_err(|message| codegen_cmd::Failure { message, exit_code: 1 }),
        _ => Err(codegen_cmd::Failure { message: USAGE.to_owned(), exit_code: 1 }),
    };
    match result {
        Ok(summary) => {
            if !summary.is_empty() {
                println!("{summary}");
            }
            ExitCode::SUCCESS
        }
        Err(failure) => {
            eprintln!("error: {}", failure.message);
            ExitCode::from(u8::try_from(failure.exit_code).unwrap_or(1))
        }
    }
}
