//! Scoring an insight claim against the facts of its article.
//!
//! A claim's terms are weighed by how rare they are: in general (the shipped background
//! tables), blended with the loaded corpus when there is one. Each claim term is aligned with
//! its best match in a fact, in stages as METEOR does: the same word, the same stem or number,
//! a WordNet derivation, a WordNet synonym, each stage worth less than the one before. A fact's
//! score is the share of the claim's weight it accounts for (plus a bonus for shared word pairs,
//! and part credit for words only a neighbouring fact has, as a sentence often names its subject
//! only in the one before), so a short line that shares one rare word no longer beats the
//! sentence that shares nine; headings and page furniture count for little. For ranking facts within one article, words the article repeats everywhere weigh
//! less. Every constant is a field of [`Params`]; the README explains them.

use std::collections::HashMap;

use rustc_hash::{FxHashMap, FxHashSet};
use std::ops::Range;

use super::lexicon::{self, MatchKind};
use super::tokens::{Kind, Token};

/// The engine's constants. `Default` holds the tuned values (tuned on the WiCE dev sample and
/// the tuning half of `tests/eval/` only; `examples/tune.rs` reproduces the search).
#[derive(Debug, Clone, PartialEq)]
pub struct Params {
    /// Length of a typical document, in words, for the background rarity of a word.
    pub doc_len: f64,
    /// How many documents the background statistics count as, against the loaded corpus.
    pub prior_docs: f64,
    /// Background chance that a document contains a given number.
    pub number_rarity: f64,
    /// How much a word repeated across the article's facts is discounted when ranking them (0..1).
    pub local: f64,
    /// Credit of a match by stage (an exact match earns 1).
    pub stem: f64,
    pub derivation: f64,
    pub synonym: f64,
    /// Claim words commoner than this (the chance a typical document has them) match by
    /// stem only: common words have many senses, and their WordNet relations mostly wrong ones
    /// ("as well" / "health", "no longer" / "long").
    pub related_max: f64,
    /// Extra credit, as a share of a pair's weight, for two consecutive claim terms that are
    /// consecutive in the fact too.
    pub pair_bonus: f64,
    /// Weight multiplier for words the claim puts in quotation marks.
    pub quote_boost: f64,
    /// Exponent of the share of the fact's own weight that the claim accounts for (0 ignores it).
    pub focus: f64,
    /// Score multiplier for headings, datelines and page furniture.
    pub furniture: f64,
    /// Credit for a claim word the fact lacks but the fact before or after it has: a sentence
    /// often names its subject only in its neighbour ("He won it in 1998").
    pub context: f64,
    /// How much longer-than-average facts lose (BM25's b; shorter ones gain nothing).
    pub length: f64,
    /// Verdict thresholds on the support of a claim's linked facts together.
    pub supported: f64,
    pub weak: f64,
    /// A fact must score at least this to be linked at all.
    pub link: f64,
    /// A link must score at least this share of the claim's best link ...
    pub relative: f64,
    /// ... and, after the first, add at least this much support the others do not give, unless
    /// it scores nearly as well as the best on its own (a repeated line).
    pub gain: f64,
    /// A fact scoring at least this share of the best is linked even when it adds nothing.
    pub repeat: f64,
    /// A fact linked after the first must share at least this many of the claim's words
    /// exactly or by stem: one shared word is not evidence, and single words gathered from
    /// several facts made claims the page does not make look supported.
    pub extra_terms: usize,
    pub max_links: usize,
    /// Flag linked facts that state a different number, the opposite change or decision.
    pub conflicts: bool,
    /// Count a negation on one side only as a conflict: a denial of the very words the two
    /// share (exact or by stem), not inside a wish, and on the claim's side in the writer's
    /// own voice.
    pub negations: bool,
    /// A claim that predicts or hedges, resting on facts that do not, is unsupported.
    pub predictions: bool,
    /// A claim that ranks ("the largest", 第一), resting on facts that rank nothing, is unsupported.
    pub rankings: bool,
    /// A claim resting on a fact that leaves the matter open ("will decide whether") is unsupported.
    pub undecided: bool,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            doc_len: 300.0,
            prior_docs: 50.0,
            number_rarity: 0.01,
            local: 1.0,
            stem: 0.9,
            derivation: 0.7,
            synonym: 0.6,
            related_max: 0.1,
            pair_bonus: 0.3,
            quote_boost: 2.0,
            focus: 0.0,
            furniture: 1.0,
            context: 0.5,
            length: 0.0,
            supported: 0.45,
            weak: 0.15,
            link: 0.1,
            relative: 0.5,
            gain: 0.1,
            repeat: 0.8,
            extra_terms: 2,
            max_links: 3,
            conflicts: true,
            negations: true,
            predictions: true,
            rankings: true,
            undecided: true,
        }
    }
}

impl Params {
    /// Sets one constant by name (`examples/tune.rs`, `TUNE_PARAMS` in the evaluation tests):
    /// flags take 0 or 1.
    pub fn set(&mut self, name: &str, v: f64) -> Result<(), String> {
        match name {
            "doc_len" => self.doc_len = v,
            "prior_docs" => self.prior_docs = v,
            "number_rarity" => self.number_rarity = v,
            "local" => self.local = v,
            "stem" => self.stem = v,
            "derivation" => self.derivation = v,
            "synonym" => self.synonym = v,
            "related_max" => self.related_max = v,
            "pair_bonus" => self.pair_bonus = v,
            "quote_boost" => self.quote_boost = v,
            "focus" => self.focus = v,
            "furniture" => self.furniture = v,
            "context" => self.context = v,
            "length" => self.length = v,
            "supported" => self.supported = v,
            "weak" => self.weak = v,
            "link" => self.link = v,
            "relative" => self.relative = v,
            "gain" => self.gain = v,
            "repeat" => self.repeat = v,
            "extra_terms" => self.extra_terms = v as usize,
            "max_links" => self.max_links = v as usize,
            "conflicts" => self.conflicts = v != 0.0,
            "negations" => self.negations = v != 0.0,
            "predictions" => self.predictions = v != 0.0,
            "rankings" => self.rankings = v != 0.0,
            "undecided" => self.undecided = v != 0.0,
            _ => return Err(format!("unknown constant {name}")),
        }
        Ok(())
    }

    /// Defaults changed by `NAME=VALUE` words (whitespace-separated).
    pub fn with_overrides(spec: &str) -> Result<Params, String> {
        let mut p = Params::default();
        for word in spec.split_whitespace() {
            let (name, value) = word.split_once('=').ok_or_else(|| format!("{word}: not NAME=VALUE"))?;
            let v = value.parse().map_err(|_| format!("{word}: not a number"))?;
            p.set(name, v)?;
        }
        Ok(p)
    }

    pub fn credit(&self, kind: MatchKind) -> f64 {
        match kind {
            MatchKind::Exact => 1.0,
            MatchKind::Stem => self.stem,
            MatchKind::Derivation => self.derivation,
            MatchKind::Synonym => self.synonym,
        }
    }
}

/// One distinct term of a statement.
#[derive(Debug, Clone)]
pub struct Term {
    pub id: u32,
    pub key: String,
    pub kind: Kind,
    /// Every way the statement writes it (lower-cased, interned), and where it first does.
    pub surfaces: Vec<u32>,
    pub span: Range<usize>,
    pub quoted: bool,
    /// Weight as evidence (general and corpus rarity), and for ranking within the article.
    pub weight: f64,
    pub rank_weight: f64,
}

/// A statement as the scorer sees it.
#[derive(Debug, Clone, Default)]
pub struct Bag {
    pub terms: Vec<Term>,
    /// Term index of each token, in order (for pairs).
    pub order: Vec<usize>,
    pub len: usize,
    /// A heading, dateline or page furniture rather than a sentence.
    pub furniture: bool,
    by_id: FxHashMap<u32, usize>,
}

/// Term ids shared by all statements of one comparison.
#[derive(Default)]
pub struct Interner(FxHashMap<String, u32>);

impl Interner {
    pub fn id(&mut self, key: &str) -> u32 {
        let next = self.0.len() as u32;
        *self.0.entry(key.to_string()).or_insert(next)
    }
    pub fn get(&self, key: &str) -> Option<u32> {
        self.0.get(key).copied()
    }
}

impl Bag {
    pub fn new(text: &str, tokens: Vec<Token>, interner: &mut Interner) -> Self {
        let quotes = quoted_spans(text);
        let mut bag =
            Bag { len: tokens.len(), furniture: is_furniture(text, tokens.len()), ..Default::default() };
        for t in tokens {
            let quoted = quotes.iter().any(|q| q.start <= t.span.start && t.span.end <= q.end);
            let id = interner.id(&t.term);
            let i = *bag.by_id.entry(id).or_insert_with(|| {
                bag.terms.push(Term {
                    id,
                    key: t.term.clone(),
                    kind: t.kind,
                    surfaces: Vec::new(),
                    span: t.span.clone(),
                    quoted: false,
                    weight: 0.0,
                    rank_weight: 0.0,
                });
                bag.terms.len() - 1
            });
            // Surfaces share the interner with terms, marked so the two never collide.
            let surface = interner.id(&format!("\u{1}{}", t.surface));
            let term = &mut bag.terms[i];
            term.quoted |= quoted;
            if !term.surfaces.contains(&surface) {
                term.surfaces.push(surface);
            }
            bag.order.push(i);
        }
        bag
    }

    fn total(&self, rank: bool) -> f64 {
        self.terms.iter().map(|t| if rank { t.rank_weight } else { t.weight }).sum()
    }
}

/// Lines that are not sentences: markdown headings, and short lines without a full stop
/// ("Share", "Skip to content", "# Bill McGlaughlin", "By Jane Doe").
fn is_furniture(text: &str, tokens: usize) -> bool {
    let t = text.trim();
    let ends = t.ends_with(['.', '!', '?', '。', '！', '？', '"', '”']);
    t.starts_with('#') || (tokens <= 4 && !ends)
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

/// The background chance that a document contains `term`.
pub fn background_rarity(term: &Term, p: &Params) -> f64 {
    thread_local! {
        /// Word rarity by (term, document length): a corpus asks for the same words again.
        static CACHE: std::cell::RefCell<HashMap<(String, u64), f64>> = Default::default();
    }
    if term.kind == Kind::Number {
        return p.number_rarity;
    }
    CACHE.with_borrow_mut(|cache| {
        if cache.len() > 500_000 {
            cache.clear();
        }
        *cache.entry((term.key.clone(), p.doc_len.to_bits())).or_insert_with(|| match term.kind {
            Kind::Chinese => lexicon::chinese_rarity(&term.key, p.doc_len),
            _ => lexicon::get().english_rarity(&term.key, p.doc_len),
        })
    })
}

/// How a claim term is matched in one fact: the stage, and which fact term.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Alignment {
    pub kind: MatchKind,
    pub fact_term: usize,
}

/// A candidate fact for one claim: the best alignment of each claim term.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub fact: usize,
    pub aligned: Vec<Option<Alignment>>,
    /// Ranking score in [0, 1].
    pub score: f64,
}

impl Candidate {
    /// How many of the claim's terms this fact matches exactly or by stem.
    pub fn strict_terms(&self) -> usize {
        self.aligned.iter().filter(|a| a.is_some_and(|a| a.kind <= MatchKind::Stem)).count()
    }
}

/// Beyond this many candidate facts, a claim's common terms only refine the facts its rarer
/// terms found: degenerate input (thousands of near-identical sentences) stays near-linear.
const MAX_CANDIDATES: usize = 96;
const NONE: u32 = u32::MAX;

/// The facts of one article indexed by term, so a claim is scored only against the facts that
/// share something with it.
pub struct FactIndex<'a> {
    facts: &'a [Bag],
    /// Scratch for [`FactIndex::candidates`]: each fact's place among a claim's candidates.
    slot: std::cell::RefCell<Vec<u32>>,
    postings: FxHashMap<u32, Vec<usize>>,
    pairs: Vec<FxHashSet<(u32, u32)>>,
    norm: Vec<f64>,
    interner: &'a Interner,
}

impl<'a> FactIndex<'a> {
    /// `facts` must have been weighed.
    pub fn new(facts: &'a [Bag], interner: &'a Interner) -> Self {
        let mut postings: FxHashMap<u32, Vec<usize>> = FxHashMap::default();
        for (f, bag) in facts.iter().enumerate() {
            for t in &bag.terms {
                postings.entry(t.id).or_default().push(f);
            }
        }
        let pairs = facts
            .iter()
            .map(|b| b.order.windows(2).map(|w| (b.terms[w[0]].id, b.terms[w[1]].id)).collect())
            .collect();
        let avg = facts.iter().map(|b| b.len).sum::<usize>() as f64 / facts.len().max(1) as f64;
        let norm = facts.iter().map(|b| b.len as f64 / avg.max(1.0)).collect();
        let slot = std::cell::RefCell::new(vec![NONE; facts.len()]);
        FactIndex { facts, slot, postings, pairs, norm, interner }
    }

    /// Whether some fact has the term.
    pub fn states(&self, term: u32) -> bool {
        self.postings.contains_key(&term)
    }

    pub fn fact(&self, f: usize) -> &Bag {
        &self.facts[f]
    }

    /// Every fact sharing something with `claim`, scored, best first (ties in body order).
    pub fn candidates(&self, claim: &Bag, p: &Params) -> Vec<Candidate> {
        let n = claim.terms.len();
        // Candidate facts and their alignments; `slot[f]` is fact f's place in `found`.
        let mut found: Vec<(usize, Vec<Option<Alignment>>)> = Vec::new();
        let mut slot = self.slot.borrow_mut();
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by(|&a, &b| {
            claim.terms[b].rank_weight.total_cmp(&claim.terms[a].rank_weight).then(a.cmp(&b))
        });
        let lex = lexicon::get();
        for ti in order {
            let term = &claim.terms[ti];
            let mut targets: Vec<(u32, MatchKind)> = vec![(term.id, MatchKind::Stem)];
            if term.kind == Kind::Word && background_rarity(term, p) <= p.related_max {
                for &(key, kind) in lex.related(&term.key).iter() {
                    if let Some(id) = self.interner.get(key) {
                        targets.push((id, kind));
                    }
                }
            }
            for (id, kind) in targets {
                let postings = self.postings.get(&id).map_or(&[][..], Vec::as_slice);
                let mut align = |f: usize, found: &mut Vec<(usize, Vec<Option<Alignment>>)>| {
                    let at = slot[f];
                    // Nothing to gain where this claim word already has as good a match.
                    let best = if kind == MatchKind::Stem { MatchKind::Exact } else { kind };
                    if at != NONE && found[at as usize].1[ti].is_some_and(|a| a.kind <= best) {
                        return;
                    }
                    let Some(&fi) = self.facts[f].by_id.get(&id) else { return };
                    let fact_term = &self.facts[f].terms[fi];
                    let kind = if kind == MatchKind::Stem
                        && term.surfaces.iter().any(|s| fact_term.surfaces.contains(s))
                    {
                        MatchKind::Exact
                    } else {
                        kind
                    };
                    let at = if at != NONE {
                        at as usize
                    } else if found.len() < MAX_CANDIDATES {
                        slot[f] = found.len() as u32;
                        found.push((f, vec![None; n]));
                        found.len() - 1
                    } else {
                        return;
                    };
                    let s = &mut found[at].1[ti];
                    if s.is_none_or(|a| kind < a.kind) {
                        *s = Some(Alignment { kind, fact_term: fi });
                    }
                };
                if postings.len() > MAX_CANDIDATES && !found.is_empty() {
                    // A word most facts share: it only refines what rarer words found.
                    for i in 0..found.len() {
                        align(found[i].0, &mut found);
                    }
                } else {
                    for &f in postings.iter().take(MAX_CANDIDATES) {
                        align(f, &mut found);
                    }
                }
            }
        }
        for (f, _) in &found {
            slot[*f] = NONE;
        }
        drop(slot);
        let mut out: Vec<Candidate> = found
            .into_iter()
            .map(|(fact, aligned)| {
                let score = self.score(claim, fact, &aligned, p);
                Candidate { fact, aligned, score }
            })
            .filter(|c| c.score > 0.0)
            .collect();
        out.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.fact.cmp(&b.fact)));
        out
    }

    /// Ranking score of one fact for `claim`, in [0, 1].
    fn score(&self, claim: &Bag, f: usize, aligned: &[Option<Alignment>], p: &Params) -> f64 {
        let total = claim.total(true);
        let fact = &self.facts[f];
        let fact_total = fact.total(false);
        if total <= 0.0 || fact_total <= 0.0 {
            return 0.0;
        }
        let mut gained = 0.0;
        let mut fact_used = vec![false; fact.terms.len()];
        for (t, a) in claim.terms.iter().zip(aligned) {
            if let Some(a) = a {
                gained += t.rank_weight * p.credit(a.kind);
                fact_used[a.fact_term] = true;
            }
        }
        if p.context > 0.0 {
            // Words of the claim the fact lacks: each neighbouring fact that has one adds.
            let neighbours = [f.checked_sub(1), Some(f + 1).filter(|&n| n < self.facts.len())];
            for n in neighbours.into_iter().flatten() {
                for (t, a) in claim.terms.iter().zip(aligned) {
                    if a.is_none() && self.facts[n].by_id.contains_key(&t.id) {
                        gained += t.rank_weight * p.context;
                    }
                }
            }
        }
        for w in claim.order.windows(2) {
            let (a, b) = (&claim.terms[w[0]], &claim.terms[w[1]]);
            if aligned[w[0]].is_some_and(|x| x.kind == MatchKind::Exact)
                && self.pairs[f].contains(&(a.id, b.id))
            {
                gained += p.pair_bonus * (a.rank_weight + b.rank_weight) / 2.0;
            }
        }
        let cover = (gained / total).min(1.0);
        let used: f64 = fact.terms.iter().zip(&fact_used).filter(|(_, u)| **u).map(|(t, _)| t.weight).sum();
        let focus = (used / fact_total).clamp(0.0, 1.0);
        // Long facts lose a little; short ones gain nothing.
        let length = (1.0 / (1.0 - p.length + p.length * self.norm[f])).min(1.0);
        let furniture = if fact.furniture { p.furniture } else { 1.0 };
        cover.powf(1.0 - p.focus) * focus.powf(p.focus) * length * furniture
    }

    /// How much of `claim`'s evidence weight the facts `links` account for together, in [0, 1].
    pub fn support(&self, claim: &Bag, links: &[&Candidate], p: &Params) -> f64 {
        self.covered(claim, links, p, false)
    }

    /// Like [`FactIndex::support`], with the ranking weights: what the facts add to each other
    /// within this article.
    pub fn coverage(&self, claim: &Bag, links: &[&Candidate], p: &Params) -> f64 {
        self.covered(claim, links, p, true)
    }

    fn covered(&self, claim: &Bag, links: &[&Candidate], p: &Params, rank: bool) -> f64 {
        let total = claim.total(rank);
        if total <= 0.0 {
            return 0.0;
        }
        let mut gained = 0.0;
        for (i, t) in claim.terms.iter().enumerate() {
            let best =
                links.iter().filter_map(|c| c.aligned[i]).map(|a| p.credit(a.kind)).fold(0.0, f64::max);
            gained += if rank { t.rank_weight } else { t.weight } * best;
        }
        let furniture = if links.iter().all(|c| self.facts[c.fact].furniture) { p.furniture } else { 1.0 };
        (gained / total).min(1.0) * furniture
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::tokens::Tokenizer;

    fn bags(texts: &[&str], interner: &mut Interner) -> Vec<Bag> {
        let mut tok = Tokenizer::default();
        texts
            .iter()
            .map(|t| {
                let mut b = Bag::new(t, tok.tokens(t), interner);
                for term in &mut b.terms {
                    term.weight = 1.0;
                    term.rank_weight = 1.0;
                }
                b
            })
            .collect()
    }

    #[test]
    fn quotes_are_found() {
        let t = r#"He said "perfect before release" and “real world”."#;
        let spans: Vec<&str> = quoted_spans(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(spans, ["perfect before release", "real world"]);
    }

    #[test]
    fn scores_are_bounded_and_only_for_facts_sharing_terms() {
        let mut i = Interner::default();
        let facts = bags(
            &["The company is recalling battery packs after fires.", "The company sells bikes."],
            &mut i,
        );
        let claim = bags(&["Battery fires forced a recall of packs."], &mut i).remove(0);
        let index = FactIndex::new(&facts, &i);
        let c = index.candidates(&claim, &Params::default());
        assert_eq!(c.len(), 1, "the bikes fact shares nothing");
        assert_eq!(c[0].fact, 0);
        assert!((0.0..=1.0).contains(&c[0].score) && c[0].score > 0.5, "{}", c[0].score);
    }

    #[test]
    fn matches_are_staged() {
        let mut i = Interner::default();
        let facts =
            bags(&["Delays hit the port.", "The postponement hit the port.", "The port delayed it."], &mut i);
        let claim = bags(&["Delays hit the port."], &mut i).remove(0);
        let index = FactIndex::new(&facts, &i);
        let c = index.candidates(&claim, &Params::default());
        let kind = |f: usize| c.iter().find(|c| c.fact == f).unwrap().aligned[0].unwrap().kind;
        assert_eq!((kind(0), kind(1), kind(2)), (MatchKind::Exact, MatchKind::Synonym, MatchKind::Stem));
        assert_eq!(c[0].fact, 0, "exact beats stem beats synonym");
    }

    #[test]
    fn a_short_line_sharing_one_word_loses_to_the_sentence_sharing_many() {
        let mut i = Interner::default();
        let facts = bags(
            &[
                "# Bill McGlaughlin",
                "Bill McGlaughlin hosted the radio programme for thirty years until 2020.",
            ],
            &mut i,
        );
        let claim = bags(&["McGlaughlin hosted the radio programme for three decades."], &mut i).remove(0);
        let c = FactIndex::new(&facts, &i).candidates(&claim, &Params::default());
        assert_eq!(c[0].fact, 1, "{c:?}");
    }
}
