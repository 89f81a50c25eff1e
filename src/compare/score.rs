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

/// How well `fact` supports `claim`, in [0, 1], and the shared terms, heaviest first:
/// Σ over shared terms of weight × saturation, plus pair bonuses, over
/// √(claim weight × fact weight). Both bags must have been weighed.
pub fn score(claim: &Bag, fact: &Bag, avg_fact_len: f64) -> (f64, Vec<String>) {
    if claim.total <= 0.0 || fact.total <= 0.0 {
        return (0.0, Vec::new());
    }
    let w = |t: &str| {
        let i = claim.weights.binary_search_by(|(k, _)| k.as_str().cmp(t));
        i.map_or(0.0, |i| claim.weights[i].1)
    };
    let norm = 1.0 - B + B * fact.len as f64 / avg_fact_len.max(1.0);
    let mut shared: Vec<(f64, &str)> = Vec::new();
    let mut gained = 0.0;
    for (t, wt) in &claim.weights {
        let wt = *wt;
        if let Some(&tf) = fact.tf.get(t) {
            let tf = f64::from(tf);
            let saturation = (tf * (K1 + 1.0) / (tf + K1 * norm)).min(1.0);
            gained += wt * saturation;
            shared.push((wt, t));
        }
    }
    if shared.is_empty() {
        return (0.0, Vec::new());
    }
    for (a, b) in &claim.pairs {
        if fact.pairs.contains(&(a.clone(), b.clone())) {
            gained += PAIR_BONUS * (w(a) + w(b)) / 2.0;
        }
    }
    shared.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(y.1)));
    let score = (gained / (claim.total * fact.total).sqrt()).min(1.0);
    (score, shared.into_iter().map(|(_, t)| t.to_string()).collect())
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
    fn scores_are_bounded_and_ordered_by_overlap() {
        let claim = bag("Battery fires forced a recall of packs.");
        let strong = bag("The company is recalling battery packs after fires.");
        let weak = bag("The company sells bikes.");
        let (s1, terms) = score(&claim, &strong, 6.0);
        let (s2, _) = score(&claim, &weak, 6.0);
        assert!(s1 > s2 && (0.0..=1.0).contains(&s1), "{s1} {s2}");
        assert_eq!(s2, 0.0);
        assert!(terms.contains(&"batteri".to_string()) && terms.contains(&"fire".to_string()));
    }

    #[test]
    fn idf_prefers_rare_terms() {
        assert!(idf(1, 100) > idf(50, 100));
        assert!(idf(100, 100) > 0.0);
    }
}
