#!/usr/bin/env bash
# Whole-process benchmarks of the library (issue 15), side by side in one hyperfine run each:
#   scripts/bench_library.sh [COUNT] [DIR]
# Generates COUNT synthetic articles into DIR (default 100000, /tmp/triptych-bench-COUNT) if it
# is not there yet, then times `list` without a library (the old behaviour), with an empty
# library (first start: it writes the list index after the output) and with the list index
# filled (second start), `show` on a second start, and `search` (second start from the stored
# search texts, first start) against ripgrep and fzf.
# Prints Markdown tables for the README's Benchmarks section. Needs hyperfine, rg, fzf.
set -euo pipefail
count=${1:-100000}
dir=${2:-/tmp/triptych-bench-$count}
root=$(cd "$(dirname "$0")/.." && pwd)
cargo build --release --quiet --manifest-path "$root/Cargo.toml" --bin triptych --example gen_corpus
bin=$root/target/release/triptych
[ -f "$dir/all.lines" ] || "$root/target/release/examples/gen_corpus" "$count" "$dir"
lib=$(mktemp -d)/library.sqlite3
word=${WORD:-market}
runs=${RUNS:-3}
out=$(mktemp -d)

echo "## $count articles, $(du -sh --apparent-size "$dir/all.lines" | cut -f1) of text; $(nproc) cores; $(uname -sm)"
"$bin" library update --library "$lib" "$dir" >/dev/null # fill the library once
# One --prepare per command (a single one would apply to every command): only the first start
# starts from an empty library; the second start uses the rows the first start wrote.
hyperfine -N -w 1 -r "$runs" --export-markdown "$out/list.md" \
  --prepare true -n "list, no library (as before)" "$bin list --no-library $dir" \
  --prepare "rm -f $lib $lib-wal $lib-shm" -n "list, first start (empty library)" "$bin list --library $lib $dir" \
  --prepare true -n "list, second start (list index)" "$bin list --library $lib $dir" \
  --prepare true -n "show one article, second start" "$bin show $(basename "$dir")-00001 --library $lib $dir" >/dev/null
"$bin" library update --library "$lib" "$dir" >/dev/null # refill after the last first start
cat "$out/list.md"
echo
# Search texts are written by searches, at most 10,000 files per run: fill them first.
for _ in $(seq 0 $((count / 10000))); do "$bin" search "$word" "$dir" --library "$lib" >/dev/null; done
slib=$(mktemp -d)/library.sqlite3
hyperfine -w 1 -r "$runs" --export-markdown "$out/search.md" \
  --prepare true -n "triptych search $word (second start, search texts)" "$bin search $word $dir --library $lib >/dev/null" \
  --prepare "rm -f $slib $slib-wal $slib-shm" -n "triptych search $word (first start, empty library)" "$bin search $word $dir --library $slib >/dev/null" \
  --prepare true -n "triptych search $word (no library)" "$bin search $word $dir --no-library >/dev/null" \
  --prepare true -n "rg -l -i $word" "rg -l -i $word $dir >/dev/null" \
  --prepare true -n "fzf -e --filter $word (one file)" "fzf -e --filter $word < $dir/all.lines >/dev/null" >/dev/null
cat "$out/search.md"
echo
for mode in "--no-library" "--library $lib"; do
  /usr/bin/time -f "max resident memory, list $mode: %M KB" "$bin" list $mode "$dir" >/dev/null
done
echo "library file: $(du -h --apparent-size "$lib" | cut -f1)"
for mode in "--library $lib" "--no-library"; do
  echo "reader, first frame, $mode: $("$root/scripts/first_frame.sh" "$dir" $mode)"
done
