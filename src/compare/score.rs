//! Scoring an insight claim against a fact: IDF-weighted lexical overlap with BM25-style term
//! saturation and length normalisation, a boost for words the claim quotes, and a bonus for
//! shared word pairs, divided by the geometric mean of the claim's and the fact's total term
//! weight (a cosine over IDF weights), so long sentences neither win nor lose by length alone.
//! Every constant is named here; the README explains them. They were tuned on the tuning half
//! of `tests/eval/` only.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::ops::Range;

use super::tokens::Token;

/// BM25 term saturation and length normalisation.
pub const K1: f64 = 1.2;
pub const B: f64 = 0.5;
/// Weight multiplier for terms the claim puts in quotation marks ("iterative deployment").
pub const QUOTE_BOOST: f64 = 2.0;
/// Extra credit, as a share of the pair's weight, for two consecutive claim terms that are
/// also consecutive in the fact (a shared phrase, or a shared three-character run in CJK).
pub const PAIR_BONUS: f64 = 0.5;
/// A claim's best fact scoring at least this is `supported`; at least `WEAK`, `weak`;
/// below, `unsupported`. Links are the facts scoring at least `WEAK`.
pub const SUPPORTED: f64 = 0.35;
pub const WEAK: f64 = 0.2;
/// A link must also score at least this share of the claim's best link.
pub const RELATIVE: f64 = 0.5;
/// At most this many links per claim.
pub const MAX_LINKS: usize = 3;

/// A statement's terms: counts, order (for pairs) and the first word each came from.
#[derive(Debug, Default)]
pub struct Bag {
    pub tf: HashMap<String, u32>,
    pub len: usize,
    pub order: Vec<String>,
    pub surface: HashMap<String, Range<usize>>,
    /// Terms inside quotation marks.
    pub quoted: HashSet<String>,
    /// Consecutive term pairs. Ordered collections here keep sums in one order: deterministic
    /// to the last bit.
    pairs: BTreeSet<(String, String)>,
    /// Each term's weight, sorted by term, and their sum, set by [`Bag::weigh`].
    weights: Vec<(String, f64)>,
    total: f64,
}

impl Bag {
    pub fn new(text: &str, tokens: Vec<Token>) -> Self {
        let quotes = quoted_spans(text);
        let mut bag = Bag { len: tokens.len(), ..Default::default() };
        for t in tokens {
            *bag.tf.entry(t.term.clone()).or_default() += 1;
            if quotes.iter().any(|q| q.start <= t.span.start && t.span.end <= q.end) {
                bag.quoted.insert(t.term.clone());
            }
            bag.surface.entry(t.term.clone()).or_insert(t.span);
            bag.order.push(t.term);
        }
        bag.pairs = bag.order.windows(2).map(|w| (w[0].clone(), w[1].clone())).collect();
        bag
    }

    /// The weight of `term` (0 if the statement does not have it).
    fn weight(&self, term: &str) -> f64 {
        let i = self.weights.binary_search_by(|(k, _)| k.as_str().cmp(term));
        i.map_or(0.0, |i| self.weights[i].1)
    }

    /// Weighs every term by `weight` (IDF), with [`QUOTE_BOOST`] for quoted ones when `quotes`.
    pub fn weigh(&mut self, weight: &dyn Fn(&str) -> f64, quotes: bool) {
        self.weights = self
            .tf
            .keys()
            .map(|t| {
                let boost = if quotes && self.quoted.contains(t) { QUOTE_BOOST } else { 1.0 };
                (t.clone(), weight(t) * boost)
            })
            .collect();
        self.weights.sort_by(|a, b| a.0.cmp(&b.0));
        self.total = self.weights.iter().map(|(_, w)| w).sum();
    }
}

/// Byte ranges between matching quotation marks.
fn quoted_spans(text: &str) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let mut open: Option<(usize, char)> = None;
    for (i, c) in text.char_indices() {
        let closes = |o: char| matches!((o, c), ('"', '"') | ('“', '”') | ('「', '」') | ('『', '』'));
        match open {
            Some((start, o)) if closes(o) => {
                spans.push(start..i);
                open = None;
            }
            None if matches!(c, '"' | '“' | '「' | '『') => open = Some((i + c.len_utf8(), c)),
            _ => {}
        }
    }
    spans
}

/// Inverse document frequency, BM25's form: rare terms weigh more.
pub fn idf(df: u32, n: usize) -> f64 {
    let (df, n) = (f64::from(df), n as f64);
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

/// The facts of one article indexed by term and by term pair, so that a claim is scored only
/// against the facts that share something with it: the work follows the postings, not every
/// (claim, fact) pair.
pub struct FactIndex<'a> {
    facts: &'a [Bag],
    terms: HashMap<&'a str, Vec<(usize, u32)>>,
    pairs: HashMap<(&'a str, &'a str), Vec<usize>>,
    /// BM25 length normalisation of each fact.
    norm: Vec<f64>,
}

impl<'a> FactIndex<'a> {
    /// `facts` must have been weighed.
    pub fn new(facts: &'a [Bag]) -> Self {
        let avg = facts.iter().map(|b| b.len).sum::<usize>() as f64 / facts.len().max(1) as f64;
        let mut terms: HashMap<&str, Vec<(usize, u32)>> = HashMap::new();
        let mut pairs: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
        for (f, bag) in facts.iter().enumerate() {
            for (t, &tf) in &bag.tf {
                terms.entry(t.as_str()).or_default().push((f, tf));
            }
            for (a, b) in &bag.pairs {
                pairs.entry((a.as_str(), b.as_str())).or_default().push(f);
            }
        }
        let norm = facts.iter().map(|b| 1.0 - B + B * b.len as f64 / avg.max(1.0)).collect();
        FactIndex { facts, terms, pairs, norm }
    }

    /// How well each fact supports `claim`, in [0, 1], for every fact sharing a term with it:
    /// Σ over shared terms of weight × saturation, plus pair bonuses, over
    /// √(claim weight × fact weight). Facts sharing nothing score 0 and are left out.
    pub fn scores(&self, claim: &Bag) -> Vec<(usize, f64)> {
        let mut gained: HashMap<usize, f64> = HashMap::new();
        // Sorted terms and pairs: the sums always run in the same order, so scores are
        // deterministic to the last bit.
        for (t, w) in &claim.weights {
            for &(f, tf) in self.terms.get(t.as_str()).map_or(&[][..], Vec::as_slice) {
                let tf = f64::from(tf);
                let saturation = (tf * (K1 + 1.0) / (tf + K1 * self.norm[f])).min(1.0);
                *gained.entry(f).or_default() += w * saturation;
            }
        }
        for (a, b) in &claim.pairs {
            for &f in self.pairs.get(&(a.as_str(), b.as_str())).map_or(&[][..], Vec::as_slice) {
                *gained.entry(f).or_default() += PAIR_BONUS * (claim.weight(a) + claim.weight(b)) / 2.0;
            }
        }
        let mut out: Vec<(usize, f64)> = gained
            .into_iter()
            .filter(|&(f, _)| claim.total > 0.0 && self.facts[f].total > 0.0)
            .map(|(f, g)| (f, (g / (claim.total * self.facts[f].total).sqrt()).min(1.0)))
            .collect();
        out.sort_by_key(|&(f, _)| f);
        out
    }

    /// The terms `claim` shares with fact `f`, heaviest first.
    pub fn shared_terms(&self, claim: &Bag, f: usize) -> Vec<String> {
        let fact = &self.facts[f];
        let mut shared: Vec<&(String, f64)> =
            claim.weights.iter().filter(|(t, _)| fact.tf.contains_key(t)).collect();
        shared.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
        shared.into_iter().map(|(t, _)| t.clone()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::tokens::Tokenizer;

    fn bag(text: &str) -> Bag {
        let mut b = Bag::new(text, Tokenizer::default().tokens(text));
        b.weigh(&|_| 1.0, true);
        b
    }

    #[test]
    fn quotes_are_found() {
        let t = r#"He said "perfect before release" and “real world”."#;
        let spans: Vec<&str> = quoted_spans(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(spans, ["perfect before release", "real world"]);
        assert!(bag(t).quoted.contains("perfect"));
    }

    #[test]
    fn scores_are_bounded_and_only_for_facts_sharing_terms() {
        let claim = bag("Battery fires forced a recall of packs.");
        let facts =
            [bag("The company is recalling battery packs after fires."), bag("The company sells bikes.")];
        let index = FactIndex::new(&facts);
        let scores = index.scores(&claim);
        assert_eq!(scores.len(), 1, "the bikes fact shares nothing: {scores:?}");
        assert_eq!(scores[0].0, 0);
        assert!((0.0..=1.0).contains(&scores[0].1) && scores[0].1 > 0.3, "{scores:?}");
        let terms = index.shared_terms(&claim, 0);
        assert!(terms.contains(&"batteri".to_string()) && terms.contains(&"fire".to_string()));
    }

    #[test]
    fn a_shared_pair_scores_more_than_the_same_words_apart() {
        let claim = bag("Iterative deployment matters.");
        let facts = [bag("They use iterative deployment."), bag("Deployment they use is iterative.")];
        let scores = FactIndex::new(&facts).scores(&claim);
        assert!(scores[0].1 > scores[1].1, "{scores:?}");
    }

    #[test]
    fn idf_prefers_rare_terms() {
        assert!(idf(1, 100) > idf(50, 100));
        assert!(idf(100, 100) > 0.0);
    }
}
