#!/usr/bin/env python3
"""Checks tests/eval/labels.json against the articles it labels, without running triptych.

Splits each article into facts (body) and claims (insight) roughly the way
src/compare/segment.rs does, then asserts what tests/eval/README.md promises: every fragment
names exactly one statement of its part, every claim has exactly one entry, the flags agree
(`conflicts` implies `unsupported` with facts; otherwise `unsupported` means no facts), short
(`alone`) articles have 3-6 facts, and the held-out half is the frozen list of 16 files.
Prints the Counts table rows of the README.

The sentence splitter approximates Unicode sentence boundaries (UAX #29): it breaks after
`!` `?` `。` `！` `？` (and `；`), and after `.` followed by white space unless the next letter
is lower-case (UAX #29 rule SB8) or the word before is an abbreviation (segment.rs re-joins
those). `tests/compare_eval.rs` re-checks the fragments against the real segmenter; this
script exists so that a labeller can check without building or running the engine.

Usage: scripts/check_eval_labels.py [--split tune|heldout] [--files e33,e34,...]
"""

import argparse
import json
import re
import sys
from pathlib import Path

EVAL = Path(__file__).resolve().parent.parent / "tests" / "eval"

# Fixed when the set was split; tuning never sees these (see tests/eval/README.md).
HELDOUT = {
    f"e{n}_{name}.txt"
    for n, name in [
        (5, "battery_recall"), (6, "drought_wheat"), (7, "bike_parking_zh"), (8, "tool_library"),
        (10, "flu_vaccine"), (11, "chip_plant"), (13, "tram_line"), (14, "marathon"),
        (16, "court_ruling"), (19, "school_meals"), (20, "rate_cut"), (24, "care_wages"),
        (27, "rainstorm_zh"), (28, "metro_line_zh"), (29, "spring_tea_zh"),
        (32, "animated_film_zh"),
    ]
}

# segment.rs ABBREVIATIONS: a full stop after these does not end a sentence.
ABBREVIATIONS = set(
    "mr mrs ms dr prof st gen sen rep gov col lt sgt capt rev inc corp ltd co vs no nos fig "
    "approx est dept jan feb mar apr jun jul aug sep sept oct nov dec e.g i.e cf al".split()
)
CLOSERS = "\"'”’)]}」』）"
SOURCE = re.compile(r"^\s*(sources?\s*[:：]|来源\s*[:：])", re.IGNORECASE)


def ends_with_abbreviation(sentence: str) -> bool:
    words = sentence.split()
    if not words or not words[-1].endswith("."):
        return False
    stem = words[-1][:-1].lstrip("(\"“'")
    initial = len(stem) == 1 and stem.isupper()
    acronym = len(stem) >= 3 and all(len(p) == 1 and p.isalpha() for p in stem.split("."))
    return initial or acronym or stem.lower() in ABBREVIATIONS


def next_letter_is_lower(text: str, i: int) -> bool:
    """UAX #29 SB8: after `.` and spaces, no break if the next letter (skipping digits and
    punctuation) is lower-case."""
    for ch in text[i:]:
        if ch in ".!?。！？":
            return False
        if ch.isalpha():
            return ch.islower()
    return False


def sentences(text: str) -> list[str]:
    out, start, i, join_next = [], 0, 0, False
    bounds = []
    while i < len(text):
        ch = text[i]
        if ch in "!?。！？" or ch == ".":
            j = i + 1
            while j < len(text) and text[j] in CLOSERS:
                j += 1
            if ch == ".":
                if j < len(text) and not text[j].isspace():
                    i += 1
                    continue
                k = j
                while k < len(text) and text[k].isspace():
                    k += 1
                if next_letter_is_lower(text, k):
                    i = k
                    continue
            while j < len(text) and text[j].isspace():
                j += 1
            bounds.append(j)
            i = j
            continue
        i += 1
    bounds.append(len(text))
    for end in bounds:
        s = text[start:end].strip()
        start = end
        if not s:
            continue
        if join_next and out:
            out[-1] = out[-1] + " " + s
        else:
            out.append(s)
        join_next = ends_with_abbreviation(s)
    return [p for s in out for p in split_after(s, "；")]


def split_after(s: str, sep: str) -> list[str]:
    parts = [p.strip() for p in re.split(f"(?<={re.escape(sep)})", s)]
    return [p for p in parts if p]


def facts(paragraph: str) -> list[str]:
    out = []
    for s in sentences(paragraph):
        items = split_after(s, ";")
        out.extend(items if len(items) > 1 else [s])
    return out


def parse(path: Path) -> tuple[list[str], list[str]]:
    """Body and insight paragraphs of a seed-format article (one paragraph per line)."""
    lines = [l.strip() for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]
    src = next(i for i, l in enumerate(lines) if SOURCE.match(l))
    return lines[1:src], lines[src + 2 :]


def find(texts: list[str], fragment: str, what: str) -> int:
    hits = [i for i, t in enumerate(texts) if fragment in t]
    if len(hits) != 1:
        raise AssertionError(f"{what} fragment {fragment!r} names {len(hits)} statements")
    return hits[0]


def check(label: dict) -> list[str]:
    errors = []
    body, insight = parse(EVAL / label["file"])
    fs = [f for p in body for f in facts(p)]
    cs = [c for p in insight for c in sentences(p)]
    seen = set()
    for g in label["insights"]:
        try:
            i = find(cs, g["statement"], "claim")
            if i in seen:
                errors.append(f"claim {g['statement']!r} labelled twice")
            seen.add(i)
            for f in g["facts"]:
                find(fs, f, "fact")
        except AssertionError as e:
            errors.append(str(e))
        if g.get("conflicts", False):
            if not (g["unsupported"] and g["facts"]):
                errors.append(f"{g['statement']!r}: conflicts needs unsupported and facts")
        elif g["unsupported"] != (not g["facts"]):
            errors.append(f"{g['statement']!r}: unsupported must mean no facts")
    for i, c in enumerate(cs):
        if i not in seen:
            errors.append(f"claim {i} not labelled: {c!r}")
    if label.get("alone", False) and not 3 <= len(fs) <= 6:
        errors.append(f"short article has {len(fs)} facts, not 3-6")
    return errors


def counts(articles: list[dict]) -> str:
    gs = [g for a in articles for g in a["insights"]]
    un = sum(g["unsupported"] for g in gs)
    conf = sum(g.get("conflicts", False) for g in gs)
    return (
        f"| {len(articles)} | {sum(a.get('alone', False) for a in articles)} "
        f"| {sum(a['file'].endswith('_zh.txt') for a in articles)} "
        f"| {len({a['domain'] for a in articles})} | {len(gs)} | {un} ({conf}) |"
    )


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", choices=["tune", "heldout"])
    ap.add_argument("--files", help="comma-separated file prefixes, e.g. e33,e34")
    args = ap.parse_args()
    labels = json.loads((EVAL / "labels.json").read_text(encoding="utf-8"))
    articles = labels["articles"]
    failed = False
    files = [a["file"] for a in articles]
    if len(set(files)) != len(files):
        print("labels.json names a file twice")
        failed = True
    heldout = {a["file"] for a in articles if a["split"] == "heldout"}
    if heldout != HELDOUT:
        print(f"held-out half is not the frozen 16: {sorted(heldout ^ HELDOUT)}")
        failed = True
    if any(a["split"] not in ("tune", "heldout") or not a.get("domain") for a in articles):
        print("every article needs split tune/heldout and a domain")
        failed = True
    chosen = articles
    if args.split:
        chosen = [a for a in chosen if a["split"] == args.split]
    if args.files:
        prefixes = tuple(p + "_" for p in args.files.split(","))
        chosen = [a for a in chosen if a["file"].startswith(prefixes)]
    for a in chosen:
        for e in check(a):
            print(f"{a['file']}: {e}")
            failed = True
    print(f"checked {len(chosen)} articles: {'FAILED' if failed else 'ok'}")
    print("| | articles | short, alone | Chinese | domains | claims | unsupported (of which conflicting) |")
    print("|---|---|---|---|---|---|---|")
    for name, part in [
        ("all", articles),
        ("tune", [a for a in articles if a["split"] == "tune"]),
        ("heldout", [a for a in articles if a["split"] == "heldout"]),
    ]:
        print(f"| {name} {counts(part)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
