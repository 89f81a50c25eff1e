//! Grounding: how much of an article's insight its own facts support. Computed with the
//! comparison's scorer on background word statistics alone (`Comparer::default()`), so it
//! depends on the article's text only: the library stores it once per content hash and an
//! edit refreshes it, whatever else is loaded.

use serde::Serialize;

use crate::compare::{Comparer, Comparison, Verdict};
use crate::Article;

/// Counts of the insight's statements by verdict; a statement whose linked fact contradicts it
/// counts as conflicting, whatever its support.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Grounding {
    pub supported: u32,
    pub weak: u32,
    pub unsupported: u32,
    pub conflicting: u32,
}

impl Grounding {
    pub fn of_comparison(c: &Comparison) -> Self {
        let mut g = Grounding::default();
        for claim in &c.insights {
            if claim.conflict.is_some() {
                g.conflicting += 1;
                continue;
            }
            match claim.verdict {
                Verdict::Supported => g.supported += 1,
                Verdict::Weak => g.weak += 1,
                Verdict::Unsupported => g.unsupported += 1,
            }
        }
        g
    }

    /// The article's grounding; `None` without an insight section (nothing to ground).
    pub fn of_article(cmp: &Comparer, a: &Article) -> Option<Self> {
        if !a.has_insight() {
            return None;
        }
        Some(Self::of_comparison(&cmp.compare(a)))
    }

    pub fn statements(&self) -> u32 {
        self.supported + self.weak + self.unsupported + self.conflicting
    }

    /// The share of statements supported, in [0, 1] (0 with no statements).
    pub fn share(&self) -> f64 {
        match self.statements() {
            0 => 0.0,
            n => f64::from(self.supported) / f64::from(n),
        }
    }

    /// How well grounded, for sorting: the supported share, then the supported-or-weak share.
    pub fn rank(&self) -> (f64, f64) {
        match self.statements() {
            0 => (0.0, 0.0),
            n => (self.share(), f64::from(self.supported + self.weak) / f64::from(n)),
        }
    }

    /// A compact gauge for lists: four dots, filled (`●`) by the supported share and half
    /// filled (`◐`) by the weakly supported share, then supported of all: `●◐○○ 1/4`.
    pub fn gauge(&self) -> String {
        let n = self.statements();
        let dots = |count: u32| {
            if n == 0 {
                0
            } else {
                // Rounded down, so the gauge never shows more support than there is: 3 of 8
                // is one dot and a half, drawn as one, not the two of a half-grounded article.
                (f64::from(count) * 4.0 / f64::from(n)).floor() as usize
            }
        };
        let filled = dots(self.supported);
        let half = dots(self.supported + self.weak) - filled;
        format!(
            "{}{}{} {}/{n}",
            "●".repeat(filled),
            "◐".repeat(half),
            "○".repeat(4 - filled - half),
            self.supported
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gauge_fills_by_supported_share() {
        let g = Grounding { supported: 3, weak: 0, unsupported: 1, conflicting: 0 };
        assert_eq!(g.gauge(), "●●●○ 3/4");
        let g = Grounding { supported: 3, weak: 1, unsupported: 0, conflicting: 0 };
        assert_eq!(g.gauge(), "●●●◐ 3/4");
        let none = Grounding { supported: 0, weak: 0, unsupported: 2, conflicting: 0 };
        assert_eq!(none.gauge(), "○○○○ 0/2");
        assert_eq!(Grounding::default().gauge(), "○○○○ 0/0");
        let weak = Grounding { supported: 1, weak: 2, unsupported: 1, conflicting: 0 };
        assert_eq!(weak.gauge(), "●◐◐○ 1/4", "weak support is half a dot");
        let all_weak = Grounding { supported: 0, weak: 5, unsupported: 0, conflicting: 0 };
        assert_eq!(all_weak.gauge(), "◐◐◐◐ 0/5");
        let under_half = Grounding { supported: 3, weak: 3, unsupported: 2, conflicting: 0 };
        assert_eq!(under_half.gauge(), "●◐◐○ 3/8", "rounded down: under half is under two dots");
        let conflicting = Grounding { supported: 2, weak: 0, unsupported: 1, conflicting: 1 };
        assert_eq!(conflicting.gauge(), "●●○○ 2/4", "a conflicting statement is not support");
    }

    #[test]
    fn a_contradicted_statement_counts_as_conflicting() {
        let a = Article {
            id: "t".into(),
            title: "Boarding".into(),
            body: vec!["The airline said boarding now takes an average of 38 minutes.".into()],
            insight: vec![
                "Boarding currently takes around 45 minutes on average.".into(),
                "Boarding takes an average of 38 minutes, the airline said.".into(),
            ],
            ..Default::default()
        };
        let g = Grounding::of_article(&Comparer::default(), &a).unwrap();
        assert_eq!(g, Grounding { supported: 1, weak: 0, unsupported: 0, conflicting: 1 });
        assert_eq!(g.share(), 0.5);
    }

    #[test]
    fn the_sample_counts_its_verdicts() {
        let a = crate::load::load_seeds().corpus.get("000_77ee804ac85e857f").unwrap().clone();
        let cmp = Comparer::default();
        let g = Grounding::of_article(&cmp, &a).unwrap();
        assert_eq!(g.statements() as usize, cmp.compare(&a).insights.len());
        assert!(g.unsupported >= 1, "the sample's prediction is unsupported: {g:?}");
        let mut bare = a.clone();
        bare.insight.clear();
        assert_eq!(Grounding::of_article(&cmp, &bare), None);
    }
}
