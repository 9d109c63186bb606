//! `cargo xtask codegen [--check] [--model FILE_OR_DIR]... [--settings FILE] [--out DIR]`
//! `cargo xtask model import|slice …`, `cargo xtask test`, `cargo xtask bench`,
//! `cargo xtask check-services …`

use std::process::ExitCode;
use xtask::{bench_cmd, codegen_cmd, model, test_cmd, workspace_root};

/// Code generation builds and drops token streams and syn trees by the million; with
/// mimalloc it takes 0.7 to 0.8 of the time it takes with the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const USAGE: &str = "usage:
  cargo xtask codegen [--check] [--model FILE_OR_DIR]... [--settings FILE] [--out DIR]
  cargo xtask test                     every check CI runs
  cargo xtask bench [--skip-build]     codegen time and the generated crate's build time
  cargo xtask serve-bench              the fake under load beside a bare hyper handler and moto
  cargo xtask check-services [--botocore-version V] [--compile none|sample|all] [--only SVC]...
                                       every json and rpcv2Cbor service of botocore: import, generate, check
  cargo xtask model import --botocore SERVICE-2.JSON [--operation OP]... [--out FILE]
  cargo xtask model slice --smithy MODEL.JSON [--operation OP]... [--out FILE]
  cargo xtask model to-json FILE_OR_DIR... [--dep FILE_OR_DIR]... [--out FILE]
  cargo xtask model diff OLD NEW | --against REV [NEW]  [--format markdown|json] [--deny SEVERITY]
  cargo xtask model update [--botocore-version V | --botocore FILE] [--model FILE] [--out DIR] [--deny SEVERITY]";

fn fail(message: String) -> codegen_cmd::Failure {
    codegen_cmd::Failure {
        message,
        exit_code: 1,
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = workspace_root();
    let result = match args.first().map(String::as_str) {
        Some("codegen") => {
            codegen_cmd::Options::parse(&root, &args[1..]).and_then(|o| codegen_cmd::run(&o))
        }
        Some("test") => test_cmd::run(&root)
            .map(|()| "all checks passed".to_owned())
            .map_err(fail),
        Some("bench") => bench_cmd::run(&root, &args[1..]).map_err(fail),
        Some("serve-bench") => xtask::serve_bench::run(&root, &args[1..]).map_err(fail),
        Some("check-services") => xtask::check_services::run(&root, &args[1..]).map_err(fail),
        Some("model") => model::run(&args[1..]).map(|()| String::new()).map_err(fail),
        _ => Err(codegen_cmd::Failure {
            message: USAGE.to_owned(),
            exit_code: 1,
        }),
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
