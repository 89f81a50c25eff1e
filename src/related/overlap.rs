//! Fact-level overlap between two articles, with the comparison's scorer: each body statement
//! of one article is treated as a claim and checked against the other article's facts, both
//! ways. Two reports of one story support each other's statements; two stories on one topic
//! share words but few statements.

use serde::Serialize;

use crate::compare::{Comparer, MatchKind, Verdict};
use crate::Article;

/// A statement of the article asked about and the other article's fact that supports it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SharedFact {
    pub fact: String,
    pub other: String,
    pub score: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Overlap {
    /// The share of statements, over both articles, that the other supports, in [0, 1]. Weak
    /// support counts for nothing: on the labelled BBC pairs, counting it half let same-topic
    /// articles (which share background wording) score like follow-ups.
    pub score: f64,
    /// `a`'s statements supported by `b`, best first.
    pub shared: Vec<SharedFact>,
}

/// `claims_from`'s body as claims against `facts_from`'s body: (credit, statements, shared).
fn one_way(cmp: &Comparer, claims_from: &Article, facts_from: &Article) -> (f64, usize, Vec<SharedFact>) {
    let probe =
        Article { body: facts_from.body.clone(), insight: claims_from.body.clone(), ..Article::default() };
    let c = cmp.compare(&probe);
    let mut credit = 0.0;
    let mut shared = Vec::new();
    for claim in &c.insights {
        // One shared word (a name: "Rosneft officials were unavailable for comment") is not
        // a shared fact; nor is a name and a loose synonym of another word.
        let mut words: Vec<&str> = claim
            .links
            .iter()
            .flat_map(|l| &l.terms)
            .filter(|t| t.kind <= MatchKind::Stem)
            .map(|t| t.claim.as_str())
            .collect();
        words.sort_unstable();
        words.dedup();
        if claim.verdict == Verdict::Supported && words.len() >= 2 {
            credit += 1.0;
            if let Some(link) = claim.links.first() {
                shared.push(SharedFact {
                    fact: claim.text.clone(),
                    other: c.facts[link.fact].text.clone(),
                    score: claim.best,
                });
            }
        }
    }
    (credit, c.insights.len(), shared)
}

/// How much of `a` and `b` report the same facts.
pub fn overlap(cmp: &Comparer, a: &Article, b: &Article) -> Overlap {
    let (credit_ab, n_a, mut shared) = one_way(cmp, a, b);
    let (credit_ba, n_b, _) = one_way(cmp, b, a);
    let total = (n_a + n_b).max(1) as f64;
    shared.sort_by(|x, y| y.score.total_cmp(&x.score));
    Overlap { score: (credit_ab + credit_ba) / total, shared }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(body: &[&str]) -> Article {
        let mut a = Article {
            title: "t".into(),
            body: body.iter().map(|p| p.to_string()).collect(),
            ..Article::default()
        };
        a.normalize();
        a
    }

    #[test]
    fn a_shared_name_alone_is_not_a_shared_fact() {
        let cmp = Comparer::default();
        let a = article(&["Rosneft officials were unavailable for comment."]);
        let b =
            article(&["Rosneft has agreed to merge with Gazprom, bringing oil back under state control."]);
        assert!(overlap(&cmp, &a, &b).shared.is_empty(), "{:?}", overlap(&cmp, &a, &b));
        let c = article(&["Rosneft officials were not available for comment on Friday."]);
        assert_eq!(overlap(&cmp, &a, &c).shared.len(), 1, "the same statement is shared");
    }
}
