//! Fact/insight comparison: which body facts each insight claim rests on, and which claims rest
//! on nothing in the article. Lexical and explainable: it finds shared wording, names and
//! numbers, not entailment. Deterministic. No drawing here.

// The engine's parts stay inside; the tokenizer is shared with `related` and the reader.
mod clock;
mod conflict;
mod lexicon;
mod modality;
mod negation;
mod numbers;
mod score;
mod segment;
pub mod tokens;

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use serde::Serialize;

use crate::{Article, Corpus};
pub use lexicon::MatchKind;
pub use modality::Beyond;
pub use score::Params;
use score::{Bag, Candidate, FactIndex, Interner};
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
    fn from_score(best: f64, p: &Params) -> Self {
        if best >= p.supported {
            Verdict::Supported
        } else if best >= p.weak {
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

/// A word of the claim matched in a fact: as the claim writes it, as the fact does, and how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SharedTerm {
    pub claim: String,
    pub fact: String,
    pub kind: MatchKind,
}

impl std::fmt::Display for SharedTerm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.kind {
            MatchKind::Exact => write!(f, "{}", self.claim),
            MatchKind::Stem => write!(f, "{}≈{}", self.claim, self.fact),
            kind => write!(f, "{}~{} ({})", self.claim, self.fact, kind.name()),
        }
    }
}

/// A score as the reader sees it: two places, cut rather than rounded, so that a support
/// printed beside a threshold is never shown meeting a threshold it misses (0.448 is `0.44`,
/// not `0.45` beside "supported ≥ 0.45").
pub fn score_text(score: f64) -> String {
    format!("{:.2}", score_hundredths(score) as f64 / 100.0)
}

/// A score in whole hundredths, cut as [`score_text`] shows it.
pub fn score_hundredths(score: f64) -> i64 {
    // The tiny nudge keeps 0.29 (28.999… hundredths in binary) from showing as 0.28.
    ((score + 1e-9) * 100.0).floor() as i64
}

/// Shared terms as the reader sees them: `word`, `claim≈fact` (stem), `claim~fact (synonym)`.
pub fn terms_text(terms: &[SharedTerm]) -> String {
    terms.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
}

/// A fact supporting a claim, with a score in [0, 1] and the shared terms that explain it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Link {
    pub fact: usize,
    pub score: f64,
    pub terms: Vec<SharedTerm>,
}

/// Why a linked fact seems to say something else than the claim.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Conflict {
    pub fact: usize,
    pub reason: String,
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
    /// How much of the claim its linked facts account for together, in [0, 1]; with no link,
    /// what its best fact would have.
    pub best: f64,
    pub verdict: Verdict,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conflict: Option<Conflict>,
    /// What the claim asserts beyond its linked facts (a forecast of what they only report, a
    /// ranking they do not give, a decision they leave open): unsupported, however much of it
    /// they account for (`best`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub beyond: Option<Beyond>,
}

impl Claim {
    /// Why the verdict is what it is, for the reader: how much the linked facts account for,
    /// and when the claim was judged unsupported despite that, why.
    pub fn verdict_note(&self) -> String {
        match self.beyond {
            Some(b) => format!("support {}, but {}", score_text(self.best), b.note()),
            None => format!("support {}", score_text(self.best)),
        }
    }
}

/// What [`Comparer::link`] finds for one claim.
struct Judgement {
    links: Vec<Link>,
    best: f64,
    verdict: Verdict,
    conflict: Option<Conflict>,
    beyond: Option<Beyond>,
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

/// The engine: its constants and, when a corpus is loaded, each term's document frequency in
/// it, blended with the shipped background statistics.
pub struct Comparer {
    df: Option<(HashMap<String, u32>, usize)>,
    params: Params,
}

/// Above this many articles the reader and `compare` weigh words by the background statistics
/// alone instead of counting them over the whole corpus, so one comparison stays quick.
pub const CORPUS_STATS_MAX_ARTICLES: usize = 5_000;

/// Articles are tokenised on all cores once there are at least this many.
const PARALLEL_MIN_ARTICLES: usize = 64;

/// One article on its own, with the default constants.
impl Default for Comparer {
    fn default() -> Self {
        Self::alone(Params::default())
    }
}

impl Comparer {
    /// One article on its own: words weighed by the background statistics alone.
    pub fn alone(params: Params) -> Self {
        Comparer { df: None, params }
    }

    /// Word statistics from `corpus` blended with the background; a corpus of one article
    /// uses the background alone.
    pub fn with_corpus(corpus: &Corpus, params: Params) -> Self {
        if corpus.len() < 2 {
            return Comparer { df: None, params };
        }
        let sets = crate::parallel::map_chunks(corpus.articles(), PARALLEL_MIN_ARTICLES, |chunk| {
            let mut tok = Tokenizer::default();
            let mut df: HashMap<String, u32> = HashMap::new();
            for a in chunk {
                let mut seen = HashSet::new();
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
        Comparer { df: Some((df, corpus.len())), params }
    }

    /// Corpus statistics up to [`CORPUS_STATS_MAX_ARTICLES`] articles, the background alone above.
    pub fn for_corpus(corpus: &Corpus, params: Params) -> Self {
        if corpus.len() <= CORPUS_STATS_MAX_ARTICLES {
            Self::with_corpus(corpus, params)
        } else {
            Self::alone(params)
        }
    }

    pub fn params(&self) -> &Params {
        &self.params
    }

    pub fn compare(&self, a: &Article) -> Comparison {
        let facts: Vec<Segment> = a.body.iter().enumerate().flat_map(|(i, p)| segment::facts(i, p)).collect();
        let claims: Vec<Segment> =
            a.insight.iter().enumerate().flat_map(|(i, p)| segment::claims(i, p)).collect();
        let text = |s: &Segment, paras: &[String]| paras[s.paragraph][s.range.clone()].to_string();
        let fact_texts: Vec<String> = facts.iter().map(|s| text(s, &a.body)).collect();
        let claim_texts: Vec<String> = claims.iter().map(|s| text(s, &a.insight)).collect();

        let mut tok = Tokenizer::cached();
        let mut interner = Interner::default();
        let mut claim_bags: Vec<Bag> =
            claim_texts.iter().map(|t| Bag::new(t, tok.tokens(t), &mut interner)).collect();
        // Without claims there is nothing to score: skip tokenising the facts.
        let mut fact_bags: Vec<Bag> = if claims.is_empty() {
            Vec::new()
        } else {
            fact_texts.iter().map(|t| Bag::new(t, tok.tokens(t), &mut interner)).collect()
        };
        self.weigh(&mut fact_bags, &mut claim_bags);
        let index = FactIndex::new(&fact_bags, &interner);

        let mut out_facts: Vec<Fact> = facts
            .iter()
            .zip(fact_texts)
            .enumerate()
            .map(|(id, (s, text))| Fact {
                id,
                text,
                paragraph: s.paragraph,
                range: s.range.clone(),
                lead: s.lead.clone().map(|r| a.body[s.paragraph][r].to_string()),
                used_by: Vec::new(),
            })
            .collect();
        let mut out_claims: Vec<Claim> = Vec::with_capacity(claims.len());
        // Identical claims get identical answers: computed once.
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (id, ((s, cb), claim_text)) in claims.iter().zip(&claim_bags).zip(&claim_texts).enumerate() {
            let Judgement { links, best, verdict, conflict, beyond } = match seen.get(claim_text.as_str()) {
                Some(&first) => {
                    let c = &out_claims[first];
                    Judgement {
                        links: c.links.clone(),
                        best: c.best,
                        verdict: c.verdict,
                        conflict: c.conflict.clone(),
                        beyond: c.beyond,
                    }
                }
                None => {
                    seen.insert(claim_text, id);
                    self.link(cb, claim_text, &index, &out_facts)
                }
            };
            for l in &links {
                out_facts[l.fact].used_by.push(id);
            }
            out_claims.push(Claim {
                id,
                text: claim_text.clone(),
                paragraph: s.paragraph,
                range: s.range.clone(),
                links,
                best,
                verdict,
                conflict,
                beyond,
            });
        }
        let paragraphs = summarise(a.insight.len(), &out_claims);
        Comparison { facts: out_facts, insights: out_claims, paragraphs }
    }

    /// Weighs every term: as evidence, by its rarity in general blended with the corpus; for
    /// ranking this article's facts, also by how few of them repeat it.
    fn weigh(&self, facts: &mut [Bag], claims: &mut [Bag]) {
        let p = &self.params;
        let mut local: HashMap<u32, usize> = HashMap::new();
        for b in facts.iter() {
            for t in &b.terms {
                *local.entry(t.id).or_default() += 1;
            }
        }
        let n = facts.len() as f64;
        let mut cache: HashMap<u32, f64> = HashMap::new();
        for (bag, is_claim) in
            facts.iter_mut().map(|b| (b, false)).chain(claims.iter_mut().map(|b| (b, true)))
        {
            for t in &mut bag.terms {
                let weight = *cache.entry(t.id).or_insert_with(|| {
                    let bg = score::background_rarity(t, p);
                    let rarity = match &self.df {
                        Some((df, docs)) => {
                            let d = f64::from(df.get(&t.key).copied().unwrap_or(0));
                            // The corpus can make a word commoner, never rarer than in general:
                            // a word it lacks gains no weight from that.
                            bg.max((p.prior_docs * bg + d) / (p.prior_docs + *docs as f64))
                        }
                        None => bg,
                    };
                    -rarity.clamp(1e-9, 1.0 - 1e-9).ln()
                });
                let boost = if is_claim && t.quoted { p.quote_boost } else { 1.0 };
                t.weight = weight * boost;
                // Within the article, BM25's IDF over its facts, relative to a term only one
                // fact has: words every fact repeats tell the facts apart least.
                let df = local.get(&t.id).copied().unwrap_or(0).max(1) as f64;
                let lidf = |df: f64| (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
                let share = lidf(df) / lidf(1.0);
                t.rank_weight = t.weight * (1.0 - p.local + p.local * share);
            }
        }
    }

    /// The facts that support one claim, best first: the best fact, then facts that add what
    /// it lacks (a claim may combine several facts) or score nearly as well.
    fn link(&self, claim: &Bag, claim_text: &str, index: &FactIndex, facts: &[Fact]) -> Judgement {
        let p = &self.params;
        let candidates = index.candidates(claim, p);
        let Some(first) = candidates.first() else {
            return Judgement {
                links: Vec::new(),
                best: 0.0,
                verdict: Verdict::Unsupported,
                conflict: None,
                beyond: None,
            };
        };
        let top = first.score;
        let mut chosen: Vec<&Candidate> = Vec::new();
        if top >= p.link {
            chosen.push(first);
            let mut support = index.coverage(claim, &chosen, p);
            for c in candidates.iter().skip(1).take(20) {
                if chosen.len() >= p.max_links || c.score < top * p.relative || c.score < p.link {
                    break;
                }
                if c.strict_terms() < p.extra_terms {
                    continue;
                }
                let mut with = chosen.clone();
                with.push(c);
                let more = index.coverage(claim, &with, p);
                if more - support >= p.gain || c.score >= top * p.repeat {
                    chosen = with;
                    support = more;
                }
            }
        }
        let best = if chosen.is_empty() {
            index.support(claim, &[first], p)
        } else {
            index.support(claim, &chosen, p)
        };
        let best = (best * 1000.0).round() / 1000.0;
        let mut verdict = if chosen.is_empty() { Verdict::Unsupported } else { Verdict::from_score(best, p) };
        if verdict == Verdict::Unsupported {
            // What little it shares is not support: no link, and `best` says how little.
            chosen.clear();
        }
        // A forecast, a ranking or a decision its facts do not make is unsupported, however
        // much of it they account for; its links are kept to show what it builds on.
        let beyond = if verdict == Verdict::Unsupported {
            None
        } else {
            let linked: Vec<(&str, &Bag)> =
                chosen.iter().map(|c| (facts[c.fact].text.as_str(), index.fact(c.fact))).collect();
            modality::beyond(claim_text, claim, &linked, p)
        };
        if beyond.is_some() {
            verdict = Verdict::Unsupported;
        }
        let conflict = if p.conflicts && !chosen.is_empty() {
            let f = chosen[0].fact;
            conflict::detect(claim_text, claim, &facts[f].text, index.fact(f), chosen[0], p.negations, &|t| {
                index.states(t)
            })
            .map(|reason| Conflict { fact: f, reason })
        } else {
            None
        };
        let links = chosen
            .iter()
            .map(|c| Link {
                fact: c.fact,
                score: (c.score * 1000.0).round() / 1000.0,
                terms: shared_terms(claim, claim_text, index.fact(c.fact), &facts[c.fact].text, c),
            })
            .collect();
        Judgement { links, best, verdict, conflict, beyond }
    }
}

/// The claim's words matched in a fact, heaviest first.
fn shared_terms(
    claim: &Bag,
    claim_text: &str,
    fact: &Bag,
    fact_text: &str,
    c: &Candidate,
) -> Vec<SharedTerm> {
    let mut shared: Vec<(f64, Range<usize>, SharedTerm)> = claim
        .terms
        .iter()
        .zip(&c.aligned)
        .filter_map(|(t, a)| {
            let a = a.as_ref()?;
            let ft = &fact.terms[a.fact_term];
            let term = SharedTerm {
                claim: claim_text[t.span.clone()].to_string(),
                fact: fact_text[ft.span.clone()].to_string(),
                kind: a.kind,
            };
            Some((t.weight, ft.span.clone(), term))
        })
        .collect();
    shared.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.2.claim.cmp(&y.2.claim)));
    // A number and its unit written as one word (百分之十二) are one shared word, not two.
    let mut seen = HashSet::new();
    shared.into_iter().filter(|(_, span, _)| seen.insert(span.clone())).map(|(_, _, t)| t).collect()
}

/// Claims aggregated by insight paragraph.
fn summarise(paragraphs: usize, claims: &[Claim]) -> Vec<ParagraphSummary> {
    let mut by_paragraph: Vec<Vec<&Claim>> = vec![Vec::new(); paragraphs];
    for c in claims {
        by_paragraph[c.paragraph].push(c);
    }
    by_paragraph
        .into_iter()
        .enumerate()
        .map(|(p, mine)| {
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
    fn a_shown_score_never_meets_a_threshold_it_misses() {
        assert_eq!(score_text(0.448), "0.44");
        assert_eq!(score_text(0.45), "0.45");
        assert_eq!(score_text(0.29), "0.29");
        assert_eq!(score_text(1.0), "1.00");
        assert_eq!(score_text(0.0), "0.00");
    }

    #[test]
    fn the_sample_links_iterative_deployment_and_flags_the_prediction() {
        let a = crate::load::load_seeds().corpus.get("000_77ee804ac85e857f").unwrap().clone();
        let c = Comparer::default().compare(&a);
        assert_eq!(c.facts.len(), 6, "three principles, then three sentences");
        let first = &c.insights[0];
        assert!(first.text.starts_with("Iterative deployment"));
        assert_eq!(first.links[0].fact, 0, "{:?}", first.links);
        assert!(first.links[0].terms.iter().any(|t| t.claim.eq_ignore_ascii_case("iterative")));
        let last = c.insights.last().unwrap();
        assert!(last.text.starts_with("This structure will promote"));
        assert_eq!(last.verdict, Verdict::Unsupported, "{last:?}");
    }

    fn verdict_of(body: &str, claim: &str) -> Verdict {
        beyond_of(body, claim).0
    }

    /// The verdict on one claim against `body` and an unrelated fact, and what it asserts beyond them.
    fn beyond_of(body: &str, claim: &str) -> (Verdict, Option<Beyond>) {
        let mut a = Article {
            title: "t".into(),
            body: vec![body.into(), "The mayor opened a library.".into()],
            insight: vec![claim.into()],
            ..Article::default()
        };
        a.normalize();
        let c = &Comparer::default().compare(&a).insights[0];
        (c.verdict, c.beyond)
    }

    #[test]
    fn a_forecast_rests_on_a_plan_but_not_on_a_report() {
        let will = "The retailer will open five new shops in Leeds next spring.";
        let plan = "The retailer plans to open five more shops in Leeds next spring.";
        assert_eq!(verdict_of(plan, will), Verdict::Supported);
        assert_eq!(
            verdict_of("The retailer is set to open five more shops in Leeds next spring.", will),
            Verdict::Supported
        );
        assert_eq!(
            verdict_of("The retailer opened five more shops in Leeds last spring.", will),
            Verdict::Unsupported
        );
        assert_eq!(
            verdict_of("零售商计划明年春天在利兹开设五家新店。", "零售商明年春天将在利兹开设五家新店。"),
            Verdict::Supported
        );
    }

    #[test]
    fn a_ranking_needs_a_fact_that_ranks() {
        let claim = "Greenvale is the biggest dairy cooperative in the country, with 1,800 farms.";
        let unranked = "The Greenvale dairy cooperative collects milk from 1,800 farms in the country.";
        assert_eq!(beyond_of(unranked, claim), (Verdict::Unsupported, Some(Beyond::Ranking)));
        let ranked =
            "The Greenvale dairy cooperative collects milk from 1,800 farms, the most in the country.";
        assert_eq!(beyond_of(ranked, claim), (Verdict::Supported, None));
        let (verdict, beyond) =
            beyond_of("公积金缴存人数达到二百一十万人。", "本市公积金缴存人数居全省首位。");
        assert!(verdict == Verdict::Unsupported && beyond != Some(Beyond::Forecast), "{beyond:?}");
    }

    #[test]
    fn a_decision_left_open_supports_no_decision() {
        let open = "The council will decide in May whether to extend the opening hours to midnight.";
        let claim = "The council has extended the opening hours to midnight.";
        assert_eq!(beyond_of(open, claim), (Verdict::Unsupported, Some(Beyond::Decision)));
        let asked = "The council may extend the opening hours to midnight, depending on whether it is used.";
        assert_eq!(beyond_of(open, asked).1, None, "a claim that leaves it open too");
        let decided = "The council decided in May to extend the opening hours to midnight.";
        assert_eq!(beyond_of(decided, claim), (Verdict::Supported, None));
    }

    #[test]
    fn a_forecast_needs_a_fact_that_forecasts_the_same_thing() {
        let claim =
            "The mediator the labour minister appoints in the port strike will settle it within a week.";
        let other = "The labour minister said she would appoint a mediator in the port strike.";
        assert_eq!(
            beyond_of(other, claim),
            (Verdict::Unsupported, Some(Beyond::Forecast)),
            "it forecasts another thing"
        );
        let same = "The labour minister expects the mediator she appoints in the port strike to settle it within a week.";
        assert_eq!(beyond_of(same, claim), (Verdict::Supported, None));
        let plan = "项目团队计划在二〇二八年前再发射三颗同类卫星，组成观测网。";
        let accuracy = "再发射三颗卫星组成观测网后，全省天气预报的准确率将大幅提高。";
        assert_eq!(beyond_of(plan, accuracy).1, Some(Beyond::Forecast), "the plan is not the forecast");
    }

    #[test]
    fn a_number_and_its_unit_in_one_word_are_one_shared_term() {
        let mut a = Article {
            title: "t".into(),
            body: vec!["地铁客流比去年同期增长百分之十二。".into()],
            insight: vec!["地铁客流同比增长百分之十二。".into()],
            ..Article::default()
        };
        a.normalize();
        let c = Comparer::default().compare(&a);
        let terms: Vec<&str> = c.insights[0].links[0].terms.iter().map(|t| t.fact.as_str()).collect();
        assert_eq!(terms.iter().filter(|t| **t == "百分之十二").count(), 1, "{terms:?}");
    }

    #[test]
    fn paragraphs_aggregate_their_claims() {
        let a = crate::load::load_seeds().corpus.get("000_77ee804ac85e857f").unwrap().clone();
        let c = Comparer::default().compare(&a);
        assert_eq!(c.paragraphs.len(), 4);
        let total: usize = c.paragraphs.iter().map(|p| p.supported + p.weak + p.unsupported).sum();
        assert_eq!(total, c.insights.len());
        assert_eq!(c.paragraphs[0].claims, [0, 1, 2]);
        assert!(c.paragraphs[0].facts.contains(&0));
    }

    #[test]
    fn deterministic() {
        let corpus = crate::load::load_seeds().corpus;
        let cmp = Comparer::with_corpus(&corpus, Params::default());
        for a in corpus.articles() {
            assert_eq!(cmp.compare(a), cmp.compare(a));
        }
    }
}
