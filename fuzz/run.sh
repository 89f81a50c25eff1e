#!/usr/bin/env bash
# Runs one or all fuzz targets for SECONDS each (default 600), seeded from tests/fixtures and the
# bundled seeds. cargo-fuzz needs nightly features; RUSTC_BOOTSTRAP lets the stable toolchain
# provide them.
#   fuzz/run.sh [TARGET|all] [SECONDS]
set -euo pipefail
cd "$(dirname "$0")"
target=${1:-all}
seconds=${2:-600}
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
export RUSTC_BOOTSTRAP=1
targets=(parse_seed parse_markdown parse_json sanitize query compare)
[ "$target" = all ] || targets=("$target")
for t in "${targets[@]}"; do
    mkdir -p "corpus/$t"
    cp -n ../tests/fixtures/* ../seeds/*.* "corpus/$t/" 2>/dev/null || true
    # Inputs up to 16 KiB: large inputs have their own tests, and small ones run many times faster.
    cargo fuzz run "$t" "corpus/$t" -- -max_total_time="$seconds" -max_len=16384 -rss_limit_mb=4096 -timeout=10 2>&1 | tail -n 25 | tee "fuzz-$t.log"
done
