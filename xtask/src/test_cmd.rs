//! `cargo xtask test`: every check CI runs, in the order that fails fastest.

use std::path::Path;

/// A cargo command line with extra environment.
struct Step {
    name: &'static str,
    args: &'static [&'static str],
    env: &'static [(&'static str, &'static str)],
}

const STEPS: &[Step] = &[
    Step {
        name: "hand-written code formatted",
        args: &["fmt", "--all", "--check"],
        env: &[],
    },
    Step {
        name: "generated code in sync",
        args: &["xtask", "codegen", "--check"],
        env: &[],
    },
    Step {
        name: "clippy",
        args: &[
            "clippy",
            "--workspace",
            "--all-targets",
            "--all-features",
            "--",
            "-D",
            "warnings",
        ],
        env: &[],
    },
    Step {
        name: "docs of the generated and runtime crates",
        args: &[
            "doc",
            "--no-deps",
            "--package",
            "workspaces",
            "--package",
            "smithy-lite-runtime",
            "--all-features",
        ],
        env: &[("RUSTDOCFLAGS", "-D warnings")],
    },
    Step {
        name: "tests",
        args: &["test", "--workspace", "--all-features"],
        env: &[],
    },
];

/// Runs every step; stops at the first failure and names it.
pub fn run(root: &Path) -> Result<(), String> {
    for Step { name, args, env } in STEPS {
        eprintln!("==> {name}: cargo {}", args.join(" "));
        let status = crate::cargo(root)
            .args(*args)
            .envs(env.iter().copied())
            .status()
            .map_err(|e| format!("cannot run cargo: {e}"))?;
        if !status.success() {
            return Err(format!("step `{name}` failed ({status})"));
        }
    }
    Ok(())
}
