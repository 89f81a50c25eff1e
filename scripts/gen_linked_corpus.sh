#!/usr/bin/env bash
# A large corpus of folders at no disk cost, for the 1,000,000-article target of issue 15:
#   scripts/gen_linked_corpus.sh [FOLDERS] [PER_FOLDER] [SRC] [DIR]
# makes DIR (default /tmp/triptych-bench-1m) with FOLDERS folders (default 1000, d000, d001, ...)
# of PER_FOLDER files each (default 1000), every file a hard link to one of SRC's files (default
# /tmp/triptych-bench-100000, from `examples/gen_corpus`; generated when missing): folder d takes
# SRC's files from (d * PER_FOLDER) mod COUNT on. Hard links share their content and inode but
# not their path, so each is an article of its own (its key is its path). Re-running is a no-op
# for the folders already made. `rm -r DIR` removes it (the SRC files stay).
set -euo pipefail
folders=${1:-1000}
per=${2:-1000}
src=${3:-/tmp/triptych-bench-100000}
dir=${4:-/tmp/triptych-bench-1m}
root=$(cd "$(dirname "$0")/.." && pwd)
if [ ! -f "$src/all.lines" ]; then
  cargo build --release --quiet --manifest-path "$root/Cargo.toml" --example gen_corpus
  "$root/target/release/examples/gen_corpus" 100000 "$src"
fi
count=$(find "$src" -maxdepth 1 -name '*.txt' | wc -l)
[ "$count" -ge "$per" ] || { echo "$src holds $count files, fewer than $per" >&2; exit 2; }
last=$((count - 1))
width=$(( ${#last} > 5 ? ${#last} : 5 )) # as gen_corpus names them
mkdir -p "$dir"
cd "$src"
for ((d = 0; d < folders; d++)); do
  out=$(printf '%s/d%03d' "$dir" "$d")
  [ -d "$out" ] && continue
  mkdir "$out.tmp"
  first=$(( (d * per) % count ))
  # One `ln` per folder, with every name it takes (wrapping round to SRC's first file).
  names=()
  for ((i = 0; i < per; i++)); do
    printf -v name "%0${width}d.txt" $(( (first + i) % count ))
    names+=("$name")
  done
  ln "${names[@]}" "$out.tmp/"
  mv "$out.tmp" "$out"
done
echo "$dir: $folders folders of $per files, hard links to $src" >&2
