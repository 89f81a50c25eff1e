//! Build steps:
//! - embeds the bundled sample articles (`seeds/`) as (file name, text) pairs;
//! - turns the word tables in `assets/lexicon/` into tables keyed by Snowball stems, sorted,
//!   so the comparison looks words up by binary search with nothing to build at run time.
use std::collections::BTreeMap;
use std::{env, fs, path::Path};

use rust_stemmers::{Algorithm, Stemmer};

fn main() {
    let out = env::var("OUT_DIR").unwrap();
    seeds(Path::new(&out));
    lexicon(Path::new(&out));
}

fn seeds(out: &Path) {
    println!("cargo:rerun-if-changed=seeds");
    let mut names: Vec<String> = fs::read_dir("seeds")
        .expect("seeds/ directory")
        .map(|e| e.expect("readable seeds/ entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n != "README.md" && !n.starts_with('.'))
        .collect();
    names.sort();
    let root = env::var("CARGO_MANIFEST_DIR").unwrap();
    let entries: String = names
        .iter()
        .map(|n| format!("({n:?}, include_bytes!({:?})),\n", Path::new(&root).join("seeds").join(n)))
        .collect();
    fs::write(out.join("seeds.rs"), format!("&[\n{entries}]")).unwrap();
}

fn table(name: &str) -> Vec<String> {
    let path = format!("assets/lexicon/{name}");
    println!("cargo:rerun-if-changed={path}");
    fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{path}: {e}"))
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// Writes `frequency.tsv` (stem, summed count), `related.tsv` (stem, related stem, `d` for a
/// derivation or `s` for a synonym; both directions) and `irregular.tsv` (word, its lemma's stem), each sorted by its first column.
fn lexicon(out: &Path) {
    let stemmer = Stemmer::create(Algorithm::English);
    let stem = |w: &str| stemmer.stem(w).into_owned();
    let single = |w: &&str| w.chars().all(|c| c.is_ascii_lowercase());

    let mut counts: BTreeMap<String, u64> = BTreeMap::new();
    for line in table("frequency.txt") {
        if let Some((word, count)) = line.split_once(' ') {
            *counts.entry(stem(word)).or_default() += count.parse::<u64>().expect("a count");
        }
    }
    let text: String = counts.iter().map(|(s, c)| format!("{s}\t{c}\n")).collect();
    fs::write(out.join("frequency.tsv"), text).unwrap();
    // The sum and the smallest count, so the run time does not scan the table for them.
    let (total, floor) = (counts.values().sum::<u64>(), counts.values().min().copied().unwrap_or(1));
    fs::write(out.join("frequency_totals.rs"), format!("({total}.0, {floor}.0)")).unwrap();

    // The strongest relation wins: a derivation ('d') over a synonym ('s').
    let mut related: BTreeMap<(String, String), char> = BTreeMap::new();
    let mut relate = |a: &str, b: &str, kind: char| {
        let (a, b) = (stem(a), stem(b));
        if a != b {
            for key in [(a.clone(), b.clone()), (b, a)] {
                let k = related.entry(key).or_insert(kind);
                *k = (*k).min(kind);
            }
        }
    };
    for line in table("derivations.txt") {
        if let [a, b] = line.split(' ').filter(single).collect::<Vec<_>>()[..] {
            relate(a, b, 'd');
        }
    }
    for line in table("synonyms.txt") {
        let words: Vec<&str> = line.split(' ').filter(single).collect();
        for (i, a) in words.iter().enumerate() {
            for b in &words[i + 1..] {
                relate(a, b, 's');
            }
        }
    }
    let text: String = related.iter().map(|((a, b), k)| format!("{a}\t{b}\t{k}\n")).collect();
    fs::write(out.join("related.tsv"), text).unwrap();

    // Irregular forms whose stem differs from their lemma's: "rose" -> "rise" (for the conflict signal's directions;
    // as a stem for matching they cost WiCE dev F1: "found" is not always "find").
    let irregular: BTreeMap<String, String> = table("irregular.txt")
        .iter()
        .filter_map(|l| l.split_once(' '))
        .filter(|(form, lemma)| single(form) && single(lemma) && stem(form) != stem(lemma))
        .map(|(form, lemma)| (form.to_string(), stem(lemma)))
        .collect();
    let text: String = irregular.iter().map(|(f, s)| format!("{f}\t{s}\n")).collect();
    fs::write(out.join("irregular.tsv"), text).unwrap();
}
