//! Word knowledge shipped with the program, loaded on first use (never at start-up):
//! - how common each English word is in general (the SymSpell frequency list, MIT) and each
//!   Chinese word (jieba's dictionary, MIT), so that a lone article's words are weighed by their
//!   general rarity rather than by its own three sentences;
//! - WordNet 3.0 synonyms, derivations and antonyms of single words, among their most frequent
//!   senses (`assets/lexicon/build_tables.py` generates the tables; NOTICE has the licences).
//!
//! Everything is keyed by the tokenizer's terms (Snowball stems for English).

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use jieba_rs::Jieba;
use rust_stemmers::{Algorithm, Stemmer};

const FREQUENCY: &str = include_str!("../../assets/lexicon/frequency.txt");
const SYNONYMS: &str = include_str!("../../assets/lexicon/synonyms.txt");
const DERIVATIONS: &str = include_str!("../../assets/lexicon/derivations.txt");
const ANTONYMS: &str = include_str!("../../assets/lexicon/antonyms.txt");

/// The sum of the frequencies in jieba's default dictionary (its `dict.txt`).
const JIEBA_TOTAL: f64 = 60_101_964.0;

/// How a claim word matched a fact word, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MatchKind {
    /// The same word.
    Exact,
    /// The same stem or the same number ("deployed" / "deployment", "6%" / "6 percent").
    Stem,
    /// Derivationally related in WordNet ("decide" / "decision").
    Derivation,
    /// Synonyms in WordNet ("delay" / "postponement").
    Synonym,
}

impl MatchKind {
    pub fn name(self) -> &'static str {
        match self {
            MatchKind::Exact => "exact",
            MatchKind::Stem => "stem",
            MatchKind::Derivation => "derivation",
            MatchKind::Synonym => "synonym",
        }
    }
}

pub struct Lexicon {
    /// Corpus counts of English stems (all words with the stem summed) and their total.
    counts: HashMap<String, f64>,
    total: f64,
    /// The smallest count in the list: unlisted words are rarer than that.
    floor: f64,
    related: HashMap<String, Vec<(String, MatchKind)>>,
    antonyms: HashSet<(String, String)>,
}

static LEXICON: OnceLock<Lexicon> = OnceLock::new();
static JIEBA: OnceLock<Jieba> = OnceLock::new();

/// The English tables, built on first use.
pub fn get() -> &'static Lexicon {
    LEXICON.get_or_init(Lexicon::build)
}

/// The Chinese segmenter, built on first use (only text with Chinese in it needs it).
pub fn jieba() -> &'static Jieba {
    JIEBA.get_or_init(Jieba::new)
}

fn lines(table: &str) -> impl Iterator<Item = &str> {
    table.lines().filter(|l| !l.starts_with('#') && !l.is_empty())
}

impl Lexicon {
    fn build() -> Lexicon {
        let stemmer = Stemmer::create(Algorithm::English);
        let stem = |w: &str| stemmer.stem(w).into_owned();
        let mut counts: HashMap<String, f64> = HashMap::new();
        let (mut total, mut floor) = (0.0, f64::INFINITY);
        for line in lines(FREQUENCY) {
            let Some((word, count)) = line.split_once(' ') else { continue };
            let Ok(count) = count.parse::<f64>() else { continue };
            *counts.entry(stem(word)).or_default() += count;
            total += count;
            floor = floor.min(count);
        }
        let mut related: HashMap<String, Vec<(String, MatchKind)>> = HashMap::new();
        let mut relate = |a: &str, b: &str, kind: MatchKind| {
            let (a, b) = (stem(a), stem(b));
            if a == b {
                return;
            }
            for (x, y) in [(&a, &b), (&b, &a)] {
                let list = related.entry(x.clone()).or_default();
                match list.iter_mut().find(|(t, _)| t == y) {
                    Some(entry) => entry.1 = entry.1.min(kind),
                    None => list.push((y.clone(), kind)),
                }
            }
        };
        let single = |w: &&str| w.chars().all(|c| c.is_ascii_lowercase());
        for line in lines(DERIVATIONS) {
            let words: Vec<&str> = line.split(' ').filter(single).collect();
            if let [a, b] = words[..] {
                relate(a, b, MatchKind::Derivation);
            }
        }
        for line in lines(SYNONYMS) {
            let words: Vec<&str> = line.split(' ').filter(single).collect();
            for (i, a) in words.iter().enumerate() {
                for b in &words[i + 1..] {
                    relate(a, b, MatchKind::Synonym);
                }
            }
        }
        let antonyms = lines(ANTONYMS)
            .filter_map(|l| l.split_once(' '))
            .filter(|(a, b)| single(a) && single(b))
            .flat_map(|(a, b)| [(stem(a), stem(b)), (stem(b), stem(a))])
            .filter(|(a, b)| a != b)
            .collect();
        Lexicon { counts, total, floor, related, antonyms }
    }

    /// The chance that a typical document of `doc_len` words contains the English term `stem`.
    pub fn english_rarity(&self, stem: &str, doc_len: f64) -> f64 {
        let count = self.counts.get(stem).copied().unwrap_or(self.floor / 2.0);
        presence(count / self.total, doc_len)
    }

    /// Terms related to `stem` and how.
    pub fn related(&self, stem: &str) -> &[(String, MatchKind)] {
        self.related.get(stem).map_or(&[], Vec::as_slice)
    }

    pub fn are_antonyms(&self, a: &str, b: &str) -> bool {
        self.antonyms.contains(&(a.to_string(), b.to_string()))
    }
}

/// The chance that a typical document of `doc_len` words contains the Chinese word `word`.
pub fn chinese_rarity(word: &str, doc_len: f64) -> f64 {
    let freq = jieba().suggest_freq(word) as f64;
    presence(freq / JIEBA_TOTAL, doc_len)
}

/// P(a document of `doc_len` words contains a word of frequency `p`), Poisson.
fn presence(p: f64, doc_len: f64) -> f64 {
    (1.0 - (-p * doc_len).exp()).clamp(1e-9, 1.0 - 1e-9)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_words_are_less_rare_than_uncommon_ones() {
        let lex = get();
        assert!(lex.english_rarity("the", 300.0) > 0.99);
        assert!(lex.english_rarity("wage", 300.0) < lex.english_rarity("increas", 300.0));
        assert!(lex.english_rarity("zzxqv", 300.0) < lex.english_rarity("wage", 300.0));
        assert!(chinese_rarity("的", 300.0) > chinese_rarity("出口", 300.0));
    }

    #[test]
    fn wordnet_relations_are_keyed_by_stem() {
        let lex = get();
        assert!(lex.related("decid").iter().any(|(t, k)| t == "decis" && *k == MatchKind::Derivation));
        assert!(lex.related("postpon").iter().any(|(t, k)| t == "delay" && *k == MatchKind::Synonym));
        assert!(lex.are_antonyms("rise", "fall") && lex.are_antonyms("increas", "decreas"));
        assert!(!lex.are_antonyms("rise", "increas"));
    }
}
