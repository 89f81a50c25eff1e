//! Compare mode in the reader (`c`): the open article's facts and claims, a cursor in each,
//! and what to highlight. The engine is `crate::compare`; this only keeps cursors and maps
//! statements onto pane rows.

use std::ops::Range;
use std::sync::Arc;

use super::app::App;
use super::layout::Pane;
use super::wrap::Part;
use crate::compare::{score, Claim, Comparer, Comparison, Fact};

/// Above this many articles, comparison weighs terms by the article's own statements instead
/// of building corpus-wide document frequencies, so that `c` answers at once.
const CORPUS_IDF_MAX_ARTICLES: usize = 5_000;

#[derive(Debug, Clone)]
pub struct CompareState {
    /// The corpus index of the article `comparison` describes.
    pub article: Option<usize>,
    pub comparison: Comparison,
    /// The claim (insight focused) and the fact (body focused) under the cursor.
    pub claim: usize,
    pub fact: usize,
}

/// How a statement is marked in compare mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// Under the cursor.
    Current,
    /// Linked to the statement under the cursor, strongly or weakly.
    Strong,
    Weak,
    /// A fact no claim uses.
    Uncovered,
    /// A claim no fact supports.
    Unsupported,
}

impl CompareState {
    pub fn current_claim(&self) -> Option<&Claim> {
        self.comparison.insights.get(self.claim)
    }

    pub fn current_fact(&self) -> Option<&Fact> {
        self.comparison.facts.get(self.fact)
    }

    /// Ranges to mark in `pane` when `focus` holds the cursor, in drawing order.
    pub fn marks(&self, pane: Pane, focus: Pane) -> Vec<(Part, Range<usize>, Mark)> {
        let c = &self.comparison;
        let mut out = Vec::new();
        match pane {
            Pane::Body => {
                for f in c.uncovered() {
                    out.push((Part::Body(f.paragraph), f.range.clone(), Mark::Uncovered));
                }
                if focus == Pane::Insight {
                    for l in self.current_claim().map_or(&[][..], |cl| &cl.links[..]) {
                        let f = &c.facts[l.fact];
                        let strength = if l.score >= score::SUPPORTED { Mark::Strong } else { Mark::Weak };
                        out.push((Part::Body(f.paragraph), f.range.clone(), strength));
                    }
                } else if let Some(f) = self.current_fact() {
                    out.push((Part::Body(f.paragraph), f.range.clone(), Mark::Current));
                }
            }
            Pane::Insight => {
                for cl in c.insights.iter().filter(|cl| cl.links.is_empty()) {
                    out.push((Part::Insight(cl.paragraph), cl.range.clone(), Mark::Unsupported));
                }
                if focus == Pane::Insight {
                    if let Some(cl) = self.current_claim() {
                        out.push((Part::Insight(cl.paragraph), cl.range.clone(), Mark::Current));
                    }
                } else if let Some(f) = self.current_fact() {
                    for &id in &f.used_by {
                        let cl = &c.insights[id];
                        out.push((Part::Insight(cl.paragraph), cl.range.clone(), Mark::Strong));
                    }
                }
            }
            Pane::List => {}
        }
        out
    }
}

/// A place in the article: the part and a byte offset in it.
type Spot = (Part, usize);

impl App {
    /// `c`: turns compare mode on (comparing the open article) or off.
    pub fn toggle_compare(&mut self) {
        if self.compare.take().is_some() {
            return;
        }
        if self.comparer.is_none() {
            let comparer = if self.corpus.len() <= CORPUS_IDF_MAX_ARTICLES {
                Comparer::new(&self.corpus)
            } else {
                Comparer::per_article()
            };
            self.comparer = Some(Arc::new(comparer));
        }
        self.compare =
            Some(CompareState { article: None, comparison: Comparison::empty(), claim: 0, fact: 0 });
        if self.focus == Pane::List {
            self.focus = Pane::Insight;
        }
        self.sync();
        self.reveal_compare();
    }

    /// Keeps the comparison in step with the open article.
    pub(super) fn sync_compare(&mut self) {
        let current = self.current_index();
        let (Some(state), Some(comparer)) = (self.compare.as_mut(), self.comparer.as_ref()) else {
            return;
        };
        if state.article != current {
            state.comparison = match current {
                Some(i) => comparer.compare(&self.corpus.articles()[i]),
                None => Comparison::empty(),
            };
            state.article = current;
            state.claim = 0;
            state.fact = 0;
        }
    }

    /// Moves the cursor of the focused text pane by `delta` statements; `false` if compare mode
    /// is off or the list has focus, so the key scrolls as usual.
    pub fn move_compare_cursor(&mut self, delta: isize) -> bool {
        let focus = self.focus;
        let Some(state) = self.compare.as_mut() else {
            return false;
        };
        let (cursor, len) = match focus {
            Pane::Insight => (&mut state.claim, state.comparison.insights.len()),
            Pane::Body => (&mut state.fact, state.comparison.facts.len()),
            Pane::List => return false,
        };
        *cursor = cursor.saturating_add_signed(delta).min(len.saturating_sub(1));
        self.reveal_compare();
        true
    }

    /// Scrolls the cursor's statement into view in its pane, and the first statement linked to
    /// it into view in the other pane.
    pub fn reveal_compare(&mut self) {
        let Some(state) = &self.compare else { return };
        let c = &state.comparison;
        let (here, there): (Option<Spot>, Option<Spot>) = match self.focus {
            Pane::Insight => {
                let cl = state.current_claim();
                let first = cl.and_then(|cl| cl.links.first()).map(|l| &c.facts[l.fact]);
                (
                    cl.map(|cl| (Part::Insight(cl.paragraph), cl.range.start)),
                    first.map(|f| (Part::Body(f.paragraph), f.range.start)),
                )
            }
            Pane::Body => {
                let f = state.current_fact();
                let first = f.and_then(|f| f.used_by.first()).map(|&id| &c.insights[id]);
                (
                    f.map(|f| (Part::Body(f.paragraph), f.range.start)),
                    first.map(|cl| (Part::Insight(cl.paragraph), cl.range.start)),
                )
            }
            Pane::List => (None, None),
        };
        let other = if self.focus == Pane::Insight { Pane::Body } else { Pane::Insight };
        if let (Some((part, at)), Some(view)) = (here, self.text_view_mut(self.focus)) {
            view.reveal(part, at);
        }
        if let (Some((part, at)), Some(view)) = (there, self.text_view_mut(other)) {
            view.reveal(part, at);
        }
    }
}
