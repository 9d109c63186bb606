//! The table `check-services` prints.

use std::fmt::Write;
use std::time::Duration;

use super::compile::Compiled;
use super::{COMPILE_SAMPLE, Compile, ServiceOutcome};

pub(super) struct Report<'a> {
    pub version: &'a str,
    /// Services in the wheel (newest API version each).
    pub total: usize,
    pub discover_time: Duration,
    pub outcomes: &'a [ServiceOutcome],
    pub compile: Compile,
    pub compiled: Option<&'a Compiled>,
}

/// How many of the slowest generations to list.
const SLOWEST: usize = 5;

impl Report<'_> {
    fn imported(&self) -> usize {
        self.outcomes.iter().filter(|o| o.import.is_ok()).count()
    }

    fn generated(&self) -> usize {
        self.outcomes
            .iter()
            .filter(|o| matches!(o.generate, Some(Ok(_))))
            .count()
    }

    /// The services `--compile` asked for (built or not).
    fn to_compile(&self) -> Vec<&str> {
        self.outcomes
            .iter()
            .map(|o| o.service.as_str())
            .filter(|s| match self.compile {
                Compile::None => false,
                Compile::Sample => COMPILE_SAMPLE.iter().any(|(name, _)| name == s),
                Compile::All => true,
            })
            .collect()
    }

    fn compiled_ok(&self) -> usize {
        self.compiled
            .map_or(0, |c| c.crates.values().filter(|r| r.is_ok()).count())
    }

    pub fn all_passed(&self) -> bool {
        let n = self.outcomes.len();
        self.imported() == n
            && self.generated() == n
            && self.compiled_ok() == self.to_compile().len()
            && self.outcomes.iter().all(|o| o.warnings.is_empty())
    }

    pub fn render(&self) -> String {
        let n = self.outcomes.len();
        let total_time =
            |f: fn(&ServiceOutcome) -> Duration| -> Duration { self.outcomes.iter().map(f).sum() };
        let mut out = String::new();
        let _ = writeln!(
            out,
            "botocore {}: {n} json and rpcv2Cbor services of {} (found in {:.1?})\n",
            self.version, self.total, self.discover_time
        );
        let _ = writeln!(out, "| step | passed | time |\n|---|---|---|");
        let _ = writeln!(
            out,
            "| import (whole service) | {}/{n} | {:.1?} |",
            self.imported(),
            total_time(|o| o.import_time)
        );
        let _ = writeln!(
            out,
            "| generate | {}/{n} | {:.1?} |",
            self.generated(),
            total_time(|o| o.generate_time)
        );
        if let Some(compiled) = self.compiled {
            let _ = writeln!(
                out,
                "| write crates | {} | {:.1?} |",
                compiled.crates.len(),
                compiled.write_time
            );
            let which = if self.compile == Compile::Sample {
                "sample"
            } else {
                "all"
            };
            let _ = writeln!(
                out,
                "| cargo check -D warnings ({which}) | {}/{} | {:.1?} |",
                self.compiled_ok(),
                self.to_compile().len(),
                compiled.check_time
            );
        }
        let mut slowest: Vec<&ServiceOutcome> = self.outcomes.iter().collect();
        slowest.sort_by_key(|o| std::cmp::Reverse(o.generate_time));
        let slowest: Vec<String> = slowest
            .iter()
            .take(SLOWEST)
            .map(|o| format!("{} {:.1?}", o.service, o.generate_time))
            .collect();
        let _ = writeln!(out, "\nslowest to generate: {}", slowest.join(", "));
        self.render_failures(&mut out);
        out
    }

    fn render_failures(&self, out: &mut String) {
        let mut failures = Vec::new();
        for o in self.outcomes {
            match (&o.import, &o.generate) {
                (Err(e), _) => failures.push((o.service.as_str(), "import", e.clone())),
                (_, Some(Err(e))) => failures.push((o.service.as_str(), "generate", e.clone())),
                _ => {}
            }
            for warning in &o.warnings {
                failures.push((o.service.as_str(), "import warning", warning.clone()));
            }
        }
        if let Some(compiled) = self.compiled {
            for (service, result) in &compiled.crates {
                if let Err(e) = result {
                    failures.push((service.as_str(), "cargo check", first_lines(e)));
                }
            }
        }
        if failures.is_empty() {
            return;
        }
        let _ = writeln!(out, "\n{} failures:", failures.len());
        for (service, step, error) in failures {
            let _ = writeln!(out, "- {service} ({step}): {error}");
        }
    }
}

/// The head of a compiler message: what and where.
fn first_lines(error: &str) -> String {
    error.lines().take(8).collect::<Vec<_>>().join("\n  ")
}
