#!/usr/bin/env bash
# Build-time comparison (issue item 9), not part of the test command: a clean
# debug build of the same one-call binary on the generated client
# (`workspaces`, feature `client` only) and on `aws-sdk-workspaces` from
# crates.io, each in a fresh target directory, one after the other; between
# them `floor`, the same call made by hand with only the crates the client
# issue requires by name (aws-sigv4, aws-credential-types, hyper + rustls,
# tokio), the least any client meeting those requirements can build in.
# Downloads are fetched first and not timed. Prints wall times and the number of distinct
# crates in the normal dependency graph (the binary itself included).
#
# Usage: tests/compare-build/run.sh    (needs network access to crates.io)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
out=${COMPARE_BUILD_DIR:-${TMPDIR:-/tmp}/compare-build}
rm -rf "$out"
mkdir -p "$out"

printf '| binary | clean debug build (s) | crates |\n|---|---:|---:|\n'
for name in ours floor aws-sdk; do
    manifest="$here/$name/Cargo.toml"
    cargo fetch --quiet --manifest-path "$manifest"
    start=$(date +%s.%N)
    cargo build --quiet --offline --manifest-path "$manifest" --target-dir "$out/$name"
    end=$(date +%s.%N)
    # `(*)` marks a crate already listed; drop it so each crate counts once.
    crates=$(cargo tree --offline -e normal --prefix none --manifest-path "$manifest" | sed 's/ (\*)$//' | sort -u | wc -l)
    printf '| %s | %.1f | %d |\n' "$name" "$(echo "$end - $start" | bc)" "$crates"
done
printf '\n%s, rustc %s, %s cores\n' "$(date -u +%Y-%m-%d)" "$(rustc --version | cut -d' ' -f2)" "$(nproc)"
