#!/usr/bin/env bash
# Build-time comparison, not part of the test command: a clean debug build of
# the same one-call binary on the generated client (`workspaces`, feature
# `client`) and on `aws-sdk-workspaces` from crates.io, each in a fresh target
# directory, one after the other; then both again with feature `aws-config`
# (the generated client taking aws-config's chain, the SDK binary loading its
# config with aws-config: the fair comparison for a program that loads config).
# Downloads are fetched first and not timed. Prints wall times, the ratio to the
# SDK's build with the same feature, and the number of distinct crates in the
# normal dependency graph (the binary itself included).
#
# Usage: tests/compare-build/run.sh    (needs network access to crates.io)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
out=${COMPARE_BUILD_DIR:-${TMPDIR:-/tmp}/compare-build}
rm -rf "$out"
mkdir -p "$out"

declare -A seconds
printf '| binary | features | clean debug build (s) | / aws-sdk | crates |\n|---|---|---:|---:|---:|\n'
for features in "" aws-config; do
    for name in aws-sdk ours; do
        manifest="$here/$name/Cargo.toml"
        flags=()
        [ -n "$features" ] && flags=(--features "$features")
        cargo fetch --quiet --manifest-path "$manifest"
        start=$(date +%s.%N)
        cargo build --quiet --offline --manifest-path "$manifest" --target-dir "$out/$name-$features" "${flags[@]}"
        end=$(date +%s.%N)
        seconds[$name]=$(echo "$end - $start" | bc)
        # `(*)` marks a crate already listed; drop it so each crate counts once.
        crates=$(cargo tree --offline -e normal --prefix none --manifest-path "$manifest" "${flags[@]}" | sed 's/ (\*)$//' | sort -u | wc -l)
        ratio=$(echo "scale=2; ${seconds[$name]} / ${seconds[aws-sdk]}" | bc)
        printf '| %s | %s | %.1f | %s | %d |\n' "$name" "${features:-default}" "${seconds[$name]}" "$ratio" "$crates"
    done
done
printf '\n%s, rustc %s, %s cores\n' "$(date -u +%Y-%m-%d)" "$(rustc --version | cut -d' ' -f2)" "$(nproc)"
