//! Across the library: articles that report the same facts (`related`), and facts in other
//! articles that would support a claim its own article does not (`outside`, corroboration).
//! A cheap inverted index of rare terms ([`index`]) picks a few candidates; the comparison's
//! scorer ([`overlap`]) decides, statement by statement.

pub mod index;
pub mod overlap;
pub mod signature;

use serde::Serialize;

use crate::compare::{Comparer, Verdict};
use crate::Corpus;
pub use index::TermIndex;
pub use overlap::{Overlap, SharedFact};

/// Candidates the index hands to the scorer for one article.
const CANDIDATES: usize = 6;
/// Candidates the index hands to the scorer for one claim.
const CLAIM_CANDIDATES: usize = 6;
/// Below this overlap (a quarter of their statements) two articles share some background, not
/// a story.
pub const MIN_OVERLAP: f64 = 0.25;
/// Outside links kept per claim.
pub const MAX_OUTSIDE: usize = 3;
/// An outside link must cover this much of the claim, more than its own article's facts need
/// (the supported threshold, 0.45): an article on another subject shares generic words with
/// almost any claim ("a study … over two years", 位居…第一), worth half of it (a tester's two
/// examples scored 0.48 and 0.52; the corroborating facts of `tests/corroboration.rs` score
/// 0.63 and up).
pub const OUTSIDE_MIN: f64 = 0.6;

/// An article reporting some of the same facts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RelatedArticle {
    #[serde(skip)]
    pub index: usize,
    pub id: String,
    pub title: String,
    pub score: f64,
    /// The asked-about article's statements this one supports, with its supporting fact.
    pub shared: Vec<SharedFact>,
}

/// A fact in another article that supports a claim: where it comes from, and how well.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutsideLink {
    pub article: String,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    pub fact: String,
    pub score: f64,
}

/// The corpus with its candidate index and the scorer.
pub struct Relations<'a> {
    corpus: &'a Corpus,
    index: TermIndex,
    comparer: Comparer,
}

impl<'a> Relations<'a> {
    /// `signatures[i]` is article `i`'s signature ([`signature::of_article`], or as stored).
    pub fn new(corpus: &'a Corpus, signatures: &[Vec<String>], comparer: Comparer) -> Self {
        let mut index = TermIndex::default();
        for (a, terms) in corpus.articles().iter().zip(signatures) {
            index.insert(&a.key, terms);
        }
        Relations { corpus, index, comparer }
    }

    /// Computes every signature (for tests and benches; the CLI takes them from the library).
    pub fn build(corpus: &'a Corpus, comparer: Comparer) -> Self {
        let sigs = crate::parallel::map_chunks(corpus.articles(), 64, |chunk| {
            chunk.iter().map(signature::of_article).collect()
        });
        Self::new(corpus, &sigs, comparer)
    }

    pub fn comparer(&self) -> &Comparer {
        &self.comparer
    }

    /// Articles that share facts with article `i`, most first, at most `limit`.
    pub fn related(&self, i: usize, limit: usize) -> Vec<RelatedArticle> {
        let a = &self.corpus.articles()[i];
        let terms = signature::of_article(a);
        let mut out: Vec<RelatedArticle> = self
            .index
            .candidates(&terms, Some(&a.key), CANDIDATES)
            .into_iter()
            .filter_map(|c| {
                let j = self.corpus.index_of_key(&c.key)?;
                let b = &self.corpus.articles()[j];
                let o = overlap::overlap(&self.comparer, a, b);
                (o.score >= MIN_OVERLAP).then(|| RelatedArticle {
                    index: j,
                    id: b.id.clone(),
                    title: b.title.clone(),
                    score: (o.score * 1000.0).round() / 1000.0,
                    shared: o.shared,
                })
            })
            .collect();
        out.sort_by(|x, y| y.score.total_cmp(&x.score).then(x.index.cmp(&y.index)));
        out.truncate(limit);
        out
    }

    /// Facts in articles other than `i` that support `claim`, best first: at most
    /// [`MAX_OUTSIDE`], each scoring at least [`OUTSIDE_MIN`] (a fact from elsewhere that only
    /// shares a few words is noise, not corroboration).
    pub fn outside(&self, i: usize, claim: &str) -> Vec<OutsideLink> {
        self.outside_with(&self.comparer, i, claim)
    }

    /// [`Relations::outside`] scored by `comparer` (the reader's compare mode weighs words as
    /// its comparison did, while `related` scores with per-article statistics).
    pub fn outside_with(&self, comparer: &Comparer, i: usize, claim: &str) -> Vec<OutsideLink> {
        let own = &self.corpus.articles()[i];
        let terms = signature::of_texts([claim]);
        let floor = comparer.params().supported.max(OUTSIDE_MIN);
        let mut out: Vec<OutsideLink> = self
            .index
            .candidates(&terms, Some(&own.key), CLAIM_CANDIDATES)
            .into_iter()
            .filter_map(|c| {
                let b = &self.corpus.articles()[self.corpus.index_of_key(&c.key)?];
                let probe = crate::Article {
                    body: b.body.clone(),
                    insight: vec![claim.to_string()],
                    ..crate::Article::default()
                };
                let cmp = comparer.compare(&probe);
                let best = cmp.insights.iter().max_by(|x, y| x.best.total_cmp(&y.best))?;
                let fact = best.links.first().map(|l| cmp.facts[l.fact].text.clone())?;
                // Supported as the claim's own facts would have to support it: a forecast needs
                // a fact that looks ahead ("fell 6 percent last year" does not confirm "will
                // pass 45,000"), and a fact flagged as contradicting it confirms nothing.
                let supports =
                    best.best >= floor && best.verdict == Verdict::Supported && best.conflict.is_none();
                supports.then(|| OutsideLink {
                    article: b.id.clone(),
                    title: b.title.clone(),
                    source: b.source.clone(),
                    date: b.date.clone(),
                    fact,
                    score: best.best,
                })
            })
            .collect();
        out.sort_by(|x, y| y.score.total_cmp(&x.score).then(x.article.cmp(&y.article)));
        out.truncate(MAX_OUTSIDE);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Article;

    fn article(id: &str, body: &str, insight: &str) -> Article {
        let mut a = Article {
            id: id.into(),
            key: format!("/t/{id}"),
            title: id.into(),
            body: vec![body.into()],
            insight: (!insight.is_empty()).then(|| insight.to_string()).into_iter().collect(),
            ..Article::default()
        };
        a.normalize();
        a
    }

    #[test]
    fn another_subject_sharing_generic_words_does_not_corroborate() {
        let corpus = Corpus::new(vec![
            article("robots", "本市工厂的机器人数量去年增长了两成。", "本市的机器人密度已经位居全国第一。"),
            article("football", "本市足球队本赛季进球数位居联赛第一。", ""),
            article("trial", "The new drug cut deaths by a third in a trial.", "The study tracked more than nine thousand patients over two years."),
            article("antibiotics", "Hospitals reduced their use of antibiotics by 22 percent over two years, according to a study.", ""),
            article("tram", "The operator expects ridership on the tram to pass 45,000 passengers a day.", ""),
            article("tram-view", "The tram opened in May.", "Ridership on the tram will pass 45,000 passengers a day."),
        ]);
        let rel = Relations::build(&corpus, Comparer::default());
        let claim = |i: usize| corpus.articles()[i].insight[0].clone();
        assert_eq!(rel.outside(0, &claim(0)), [], "位居…第一 alone");
        assert_eq!(rel.outside(2, &claim(2)), [], "a study over two years");
        let found = rel.outside(5, &claim(5));
        assert_eq!(found.first().map(|l| l.article.as_str()), Some("tram"), "{found:?}");
    }
}
