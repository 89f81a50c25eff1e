//! Fact/insight comparison: which body facts each insight claim rests on, and which claims rest
//! on nothing in the article. Lexical and explainable: it finds shared wording, names and
//! numbers, not entailment. Deterministic. No drawing here.

pub mod score;
pub mod segment;
pub mod tokens;

use std::collections::HashMap;
use std::ops::Range;

use serde::Serialize;

use crate::{Article, Corpus};
use score::{Bag, FactIndex};
use segment::Segment;
use tokens::Tokenizer;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Supported,
    Weak,
    Unsupported,
}

impl Verdict {
    fn from_score(best: f64) -> Self {
        if best >= score::SUPPORTED {
            Verdict::Supported
        } else if best >= score::WEAK {
            Verdict::Weak
        } else {
            Verdict::Unsupported
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Verdict::Supported => "supported",
            Verdict::Weak => "weak",
            Verdict::Unsupported => "unsupported",
        }
    }
}

/// A statement of the body.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fact {
    pub id: usize,
    pub text: String,
    /// Body paragraph index, and byte range in that paragraph.
    pub paragraph: usize,
    pub range: Range<usize>,
    /// The lead-in shared by the items of a ";"-list ("He outlined three principles:").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lead: Option<String>,
    /// Claims that link to this fact; empty means no insight discusses it ("uncovered").
    pub used_by: Vec<usize>,
}

/// A fact supporting a claim, with a score in [0, 1] and the shared terms that explain it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Link {
    pub fact: usize,
    pub score: f64,
    pub terms: Vec<String>,
}

/// A statement of the insight.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Claim {
    pub id: usize,
    pub text: String,
    /// Insight paragraph index, and byte range in that paragraph.
    pub paragraph: usize,
    pub range: Range<usize>,
    /// Supporting facts, best first.
    pub links: Vec<Link>,
    pub verdict: Verdict,
}

/// One insight paragraph: its claims, the facts they rest on, and how many of its claims are
/// supported, weak and unsupported.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParagraphSummary {
    pub paragraph: usize,
    pub claims: Vec<usize>,
    /// Facts any of its claims link to, in body order.
    pub facts: Vec<usize>,
    pub supported: usize,
    pub weak: usize,
    pub unsupported: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    pub facts: Vec<Fact>,
    pub insights: Vec<Claim>,
    pub paragraphs: Vec<ParagraphSummary>,
}

impl Comparison {
    pub fn empty() -> Self {
        Comparison { facts: Vec::new(), insights: Vec::new(), paragraphs: Vec::new() }
    }

    /// Facts no claim links to.
    pub fn uncovered(&self) -> impl Iterator<Item = &Fact> {
        self.facts.iter().filter(|f| f.used_by.is_empty())
    }
}

/// Document frequencies for IDF: over a corpus (each article a document), or, for a single
/// article, over its own statements.
pub struct Comparer {
    df: Option<(HashMap<String, u32>, usize)>,
}

/// Articles are tokenised on all cores once there are at least this many.
const PARALLEL_MIN_ARTICLES: usize = 64;

impl Comparer {
    /// IDF over `corpus`; a corpus of one article falls back to [`Comparer::per_article`].
    pub fn new(corpus: &Corpus) -> Self {
        if corpus.len() < 2 {
            return Self::per_article();
        }
        let sets = crate::parallel::map_chunks(corpus.articles(), PARALLEL_MIN_ARTICLES, |chunk| {
            let mut tok = Tokenizer::default();
            let mut df: HashMap<String, u32> = HashMap::new();
            for a in chunk {
                let mut seen = std::collections::HashSet::new();
                for p in a.body.iter().chain(&a.insight) {
                    seen.extend(tok.tokens(p).into_iter().map(|t| t.term));
                }
                for t in seen {
                    *df.entry(t).or_default() += 1;
                }
            }
            vec![df]
        });
        let mut df: HashMap<String, u32> = HashMap::new();
        for part in sets {
            for (t, n) in part {
                *df.entry(t).or_default() += n;
            }
        }
        Comparer { df: Some((df, corpus.len())) }
    }

    pub fn per_article() -> Self {
        Comparer { df: None }
    }

    pub fn compare(&self, a: &Article) -> Comparison {
        let facts: Vec<Segment> = a.body.iter().enumerate().flat_map(|(i, p)| segment::facts(i, p)).collect();
        let claims: Vec<Segment> =
            a.insight.iter().enumerate().flat_map(|(i, p)| segment::claims(i, p)).collect();
        let text = |s: &Segment, paras: &'_ [String]| paras[s.paragraph][s.range.clone()].to_string();

        let mut tok = Tokenizer::default();
        let mut bag = |s: &Segment, paras: &[String]| {
            let t = &paras[s.paragraph][s.range.clone()];
            Bag::new(t, tok.tokens(t))
        };
        let mut claim_bags: Vec<Bag> = claims.iter().map(|s| bag(s, &a.insight)).collect();
        // Without claims there is nothing to score: skip tokenising the facts.
        let mut fact_bags: Vec<Bag> =
            if claims.is_empty() { Vec::new() } else { facts.iter().map(|s| bag(s, &a.body)).collect() };
        self.weigh(&mut fact_bags, &mut claim_bags);
        let index = FactIndex::new(&fact_bags);

        let mut out_facts: Vec<Fact> = facts
            .iter()
            .enumerate()
            .map(|(id, s)| Fact {
                id,
                text: text(s, &a.body),
                paragraph: s.paragraph,
                range: s.range.clone(),
                lead: s.lead.clone().map(|r| a.body[s.paragraph][r].to_string()),
                used_by: Vec::new(),
            })
            .collect();
        let mut out_claims = Vec::with_capacity(claims.len());
        for (id, (s, cb)) in claims.iter().zip(&claim_bags).enumerate() {
            let claim_text = text(s, &a.insight);
            let (links, best) = link(cb, &claim_text, &index);
            for l in &links {
                out_facts[l.fact].used_by.push(id);
            }
            out_claims.push(Claim {
                id,
                text: claim_text,
                paragraph: s.paragraph,
                range: s.range.clone(),
                links,
                verdict: Verdict::from_score(best),
            });
        }
        let paragraphs = summarise(a.insight.len(), &out_claims);
        Comparison { facts: out_facts, insights: out_claims, paragraphs }
    }

    /// Weighs every term by IDF: over the corpus, or over these statements when there is none.
    fn weigh(&self, facts: &mut [Bag], claims: &mut [Bag]) {
        let local = self.df.is_none().then(|| {
            let mut df: HashMap<String, u32> = HashMap::new();
            for t in facts.iter().chain(claims.iter()).flat_map(|b| b.tf.keys()) {
                *df.entry(t.clone()).or_default() += 1;
            }
            (df, facts.len() + claims.len())
        });
        let (df, n) = self.df.as_ref().or(local.as_ref()).expect("one of the two is set");
        let weight = |t: &str| score::idf(df.get(t).copied().unwrap_or(0), *n);
        facts.iter_mut().for_each(|b| b.weigh(&weight, false));
        claims.iter_mut().for_each(|b| b.weigh(&weight, true));
    }
}

/// The facts that support one claim, best first (equal scores in body order), and the best
/// score of any fact.
fn link(claim: &Bag, claim_text: &str, index: &FactIndex) -> (Vec<Link>, f64) {
    let mut scored: Vec<(usize, f64)> =
        index.scores(claim).into_iter().map(|(f, s)| (f, (s * 1000.0).round() / 1000.0)).collect();
    scored.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
    let best = scored.first().map_or(0.0, |l| l.1);
    let links = scored
        .into_iter()
        .filter(|&(_, s)| s >= score::WEAK && s >= best * score::RELATIVE)
        .take(score::MAX_LINKS)
        .map(|(fact, score)| {
            let terms = index.shared_terms(claim, fact);
            let terms = terms.iter().map(|t| claim_text[claim.surface[t].clone()].to_string()).collect();
            Link { fact, score, terms }
        })
        .collect();
    (links, best)
}

/// Claims aggregated by insight paragraph.
fn summarise(paragraphs: usize, claims: &[Claim]) -> Vec<ParagraphSummary> {
    (0..paragraphs)
        .map(|p| {
            let mine: Vec<&Claim> = claims.iter().filter(|c| c.paragraph == p).collect();
            let mut facts: Vec<usize> = mine.iter().flat_map(|c| c.links.iter().map(|l| l.fact)).collect();
            facts.sort_unstable();
            facts.dedup();
            let count = |v: Verdict| mine.iter().filter(|c| c.verdict == v).count();
            ParagraphSummary {
                paragraph: p,
                claims: mine.iter().map(|c| c.id).collect(),
                facts,
                supported: count(Verdict::Supported),
                weak: count(Verdict::Weak),
                unsupported: count(Verdict::Unsupported),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_links_iterative_deployment_and_flags_the_prediction() {
        let a = crate::load::load_seeds().corpus.get("000_77ee804ac85e857f").unwrap().clone();
        let c = Comparer::per_article().compare(&a);
        assert_eq!(c.facts.len(), 6, "three principles, then three sentences");
        let first = &c.insights[0];
        assert!(first.text.starts_with("Iterative deployment"));
        assert_eq!(first.links[0].fact, 0, "{:?}", first.links);
        assert!(first.links[0].terms.iter().any(|t| t.eq_ignore_ascii_case("iterative")));
        let last = c.insights.last().unwrap();
        assert!(last.text.starts_with("This structure will promote"));
        assert_eq!(last.verdict, Verdict::Unsupported, "{last:?}");
    }

    #[test]
    fn paragraphs_aggregate_their_claims() {
        let a = crate::load::load_seeds().corpus.get("000_77ee804ac85e857f").unwrap().clone();
        let c = Comparer::per_article().compare(&a);
        assert_eq!(c.paragraphs.len(), 4);
        let total: usize = c.paragraphs.iter().map(|p| p.supported + p.weak + p.unsupported).sum();
        assert_eq!(total, c.insights.len());
        assert_eq!(c.paragraphs[0].claims, [0, 1, 2]);
        assert!(c.paragraphs[0].facts.contains(&0));
    }

    #[test]
    fn deterministic() {
        let corpus = crate::load::load_seeds().corpus;
        let cmp = Comparer::new(&corpus);
        for a in corpus.articles() {
            assert_eq!(cmp.compare(a), cmp.compare(a));
        }
    }
}
