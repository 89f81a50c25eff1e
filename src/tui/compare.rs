//! Compare mode in the reader (`c`): the open article's facts and claims, a cursor in each,
//! and what to highlight. The engine is `crate::compare`; it runs on a worker thread, so a
//! long comparison never holds up keys, drawing or quitting. This only keeps cursors and maps
//! statements onto pane rows.

use std::collections::HashMap;
use std::ops::{Range, RangeInclusive};
use std::sync::{mpsc, Arc};
use std::thread;

use super::app::App;
use super::layout::Pane;
use super::wrap::Part;
use crate::compare::{Claim, Comparer, Comparison, Fact, Params, Verdict};
use crate::related::OutsideLink;
use crate::Corpus;

/// Compare this article (a corpus index); answers to older generations are dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompareRequest {
    pub generation: u64,
    pub article: usize,
}

#[derive(Debug, Clone)]
pub struct CompareResponse {
    pub generation: u64,
    pub article: usize,
    pub comparison: Comparison,
}

/// [`Comparer::for_corpus`], with the conflict signal when `conflicts`.
pub fn comparer_for(corpus: &Corpus, conflicts: bool) -> Comparer {
    Comparer::for_corpus(corpus, Params { conflicts, ..Params::default() })
}

/// Starts the comparison thread: it builds the word statistics on the first request, then
/// answers requests, skipping any that a newer one has already replaced.
pub fn spawn_worker(
    corpus: Arc<Corpus>,
    conflicts: bool,
    reply: impl Fn(CompareResponse) + Send + 'static,
) -> mpsc::Sender<CompareRequest> {
    let (tx, rx) = mpsc::channel::<CompareRequest>();
    thread::spawn(move || {
        let mut comparer: Option<Comparer> = None;
        while let Ok(mut req) = rx.recv() {
            while let Ok(newer) = rx.try_recv() {
                req = newer;
            }
            let comparer = comparer.get_or_insert_with(|| comparer_for(&corpus, conflicts));
            let comparison = comparer.compare(&corpus.articles()[req.article]);
            reply(CompareResponse { generation: req.generation, article: req.article, comparison });
        }
    });
    tx
}

#[derive(Debug, Clone)]
pub struct CompareState {
    /// The corpus index of the article `comparison` describes (or is being computed for).
    pub article: Option<usize>,
    pub comparison: Comparison,
    /// The comparison of `article` has been asked for and not yet received.
    pub pending: bool,
    /// The claim (insight focused) and the fact (body focused) under the cursor.
    pub claim: usize,
    pub fact: usize,
    /// Facts in other articles supporting a claim (by id) this article does not support, as
    /// far as found ([`super::outside`]); and the claim they were last asked for.
    pub outside: HashMap<usize, Vec<OutsideLink>>,
    pub outside_asked: Option<usize>,
    /// The linked-facts panel's scroll, and the claim it was scrolled on (another claim
    /// starts at the top).
    pub panel_scroll: (usize, u16),
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
    /// How far the linked-facts panel is scrolled for the claim under the cursor.
    pub fn panel_scroll(&self) -> u16 {
        if self.panel_scroll.0 == self.claim {
            self.panel_scroll.1
        } else {
            0
        }
    }

    pub fn current_claim(&self) -> Option<&Claim> {
        self.comparison.insights.get(self.claim)
    }

    pub fn current_fact(&self) -> Option<&Fact> {
        self.comparison.facts.get(self.fact)
    }

    /// Ranges to mark in `pane` when `focus` holds the cursor, in drawing order, for the
    /// paragraphs `shown` only (a frame draws a screenful of a possibly huge article).
    pub fn marks(
        &self,
        pane: Pane,
        focus: Pane,
        shown: &RangeInclusive<usize>,
    ) -> Vec<(Part, Range<usize>, Mark)> {
        let c = &self.comparison;
        let mut out = Vec::new();
        match pane {
            Pane::Body => {
                for f in in_paragraphs(&c.facts, |f| f.paragraph, shown).filter(|f| f.used_by.is_empty()) {
                    out.push((Part::Body(f.paragraph), f.range.clone(), Mark::Uncovered));
                }
                if focus == Pane::Insight {
                    for l in self.current_claim().map_or(&[][..], |cl| &cl.links[..]) {
                        let f = &c.facts[l.fact];
                        let strength =
                            if l.score >= Params::default().supported { Mark::Strong } else { Mark::Weak };
                        out.push((Part::Body(f.paragraph), f.range.clone(), strength));
                    }
                } else if let Some(f) = self.current_fact() {
                    out.push((Part::Body(f.paragraph), f.range.clone(), Mark::Current));
                }
            }
            Pane::Insight => {
                let claims = in_paragraphs(&c.insights, |cl| cl.paragraph, shown);
                for cl in claims.filter(|cl| cl.verdict == Verdict::Unsupported) {
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

/// The statements of `all` (in paragraph order, as the comparison makes them) that lie in the
/// paragraphs `shown`: found by binary search, not a scan of every statement.
pub fn in_paragraphs<'a, T>(
    all: &'a [T],
    paragraph: impl Fn(&T) -> usize + Copy + 'a,
    shown: &RangeInclusive<usize>,
) -> impl Iterator<Item = &'a T> + 'a {
    let from = all.partition_point(|s| paragraph(s) < *shown.start());
    let end = *shown.end();
    all[from..].iter().take_while(move |s| paragraph(s) <= end)
}

/// A place in the article: the part and a byte offset in it.
type Spot = (Part, usize);

impl App {
    /// `c`: turns compare mode on (asking for the open article's comparison) or off.
    pub fn toggle_compare(&mut self) {
        if self.compare.take().is_some() {
            self.compare_request = None;
            self.outside_request = None;
            self.sync();
            return;
        }
        self.compare = Some(CompareState {
            article: None,
            comparison: Comparison::empty(),
            pending: false,
            claim: 0,
            fact: 0,
            outside: HashMap::new(),
            outside_asked: None,
            panel_scroll: (0, 0),
        });
        // Compare mode starts from the claims, whichever pane had the focus (README: `c`
        // focuses the insight pane).
        self.focus = Pane::Insight;
        self.sync();
    }

    /// Keeps the comparison in step with the open article: a new article asks the worker.
    pub(super) fn sync_compare(&mut self) {
        let current = self.current_index();
        let Some(state) = self.compare.as_mut() else {
            return;
        };
        if state.article != current {
            state.comparison = Comparison::empty();
            state.article = current;
            state.claim = 0;
            state.fact = 0;
            state.outside.clear();
            state.outside_asked = None;
            state.pending = current.is_some();
            self.compare_generation += 1;
            self.compare_request =
                current.map(|article| CompareRequest { generation: self.compare_generation, article });
        }
    }

    /// Takes in the worker's answer, unless compare mode was left or moved on since.
    pub fn apply_compare(&mut self, response: CompareResponse) {
        let Some(state) = self.compare.as_mut() else { return };
        // Only the latest request counts: `compare_generation` numbers them.
        if response.generation != self.compare_generation || Some(response.article) != state.article {
            return;
        }
        state.comparison = response.comparison;
        state.pending = false;
        // The body's fact labels take a gutter: the body is wrapped again for its width.
        self.sync();
        self.reveal_compare();
    }

    /// Answers the pending request on this thread (tests, and callers without a worker).
    pub fn compare_now(&mut self) {
        let Some(req) = self.compare_request.take() else { return };
        let corpus = Arc::clone(&self.corpus);
        let comparer = self.comparer.get_or_insert_with(|| Arc::new(comparer_for(&corpus, self.conflicts)));
        let comparison = comparer.compare(&corpus.articles()[req.article]);
        self.apply_compare(CompareResponse { generation: req.generation, article: req.article, comparison });
    }

    /// Columns left of the body text where compare mode labels facts (`F12`), 0 otherwise.
    pub fn label_gutter(&self) -> u16 {
        match &self.compare {
            Some(state) if !state.comparison.facts.is_empty() => {
                let digits = state.comparison.facts.len().to_string().len() as u16;
                digits + 2
            }
            _ => 0,
        }
    }

    /// Where the comparison's facts start, as `(paragraph, byte offset)` in order: the body is
    /// broken there in compare mode.
    pub fn compare_fact_starts(&self) -> Vec<(usize, usize)> {
        let Some(state) = &self.compare else { return Vec::new() };
        let mut starts: Vec<(usize, usize)> =
            state.comparison.facts.iter().map(|f| (f.paragraph, f.range.start)).collect();
        starts.sort_unstable();
        starts
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

    /// `u` / `U`: the claim cursor moves to the next (`forward`) or previous claim its facts do
    /// not fully support — weak, unsupported or conflicting — wrapping around, and the insight
    /// pane takes the focus: the claims a reader should check, one after another.
    pub fn jump_to_doubtful(&mut self, forward: bool) {
        let Some(state) = self.compare.as_mut() else {
            let key = |a| self.keymap.key_text(a);
            let (walk, compare) =
                (key(super::action::Action::NextDoubtful), key(super::action::Action::ToggleCompare));
            self.flash = Some(format!(
                "{walk} walks the claims their facts do not fully support, in compare mode ({compare})"
            ));
            return;
        };
        let claims = &state.comparison.insights;
        let n = claims.len();
        let doubtful = |i: usize| claims[i].verdict != Verdict::Supported || claims[i].conflict.is_some();
        // From the claim after (or before) the cursor, round to the cursor itself.
        let next = (1..=n)
            .map(|k| if forward { (state.claim + k) % n } else { (state.claim + n - k) % n })
            .find(|&i| doubtful(i));
        match next {
            Some(i) => {
                state.claim = i;
                self.focus = Pane::Insight;
                self.reveal_compare();
            }
            None if state.pending => self.flash = Some("still comparing…".to_string()),
            None => self.flash = Some("every claim is supported by its facts".to_string()),
        }
    }

    /// Scrolls the linked-facts panel by `rows`, within its text. False when no panel is shown.
    pub fn scroll_links_panel(&mut self, rows: isize) -> bool {
        if self.areas().links.is_none() {
            return false;
        }
        let last = super::view::links_max_scroll(self);
        let Some(state) = self.compare.as_mut() else { return false };
        let scroll = state.panel_scroll().saturating_add_signed(rows as i16).min(last);
        state.panel_scroll = (state.claim, scroll);
        true
    }

    /// Once the focus moved to a text pane in compare mode: its cursor's statement (the fact
    /// or claim the status line names) is scrolled into view if it is not shown.
    pub fn show_compare_cursor(&mut self) {
        let Some(state) = &self.compare else { return };
        let spot = match self.focus {
            Pane::Insight => state.current_claim().map(|cl| (Part::Insight(cl.paragraph), cl.range.start)),
            Pane::Body => state.current_fact().map(|f| (Part::Body(f.paragraph), f.range.start)),
            Pane::List => None,
        };
        if let (Some((part, at)), Some(view)) = (spot, self.text_view_mut(self.focus)) {
            view.show(part, at);
        }
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

#[cfg(test)]
mod tests {
    use super::in_paragraphs;

    #[test]
    fn statements_in_the_shown_paragraphs_only() {
        let paragraphs = [0, 0, 1, 3, 3, 3, 7];
        let got = |shown| in_paragraphs(&paragraphs, |&p| p, &shown).copied().collect::<Vec<_>>();
        assert_eq!(got(0..=1), [0, 0, 1]);
        assert_eq!(got(2..=3), [3, 3, 3]);
        assert_eq!(got(4..=6), Vec::<usize>::new());
        assert_eq!(got(7..=9), [7]);
        #[allow(clippy::reversed_empty_ranges)]
        let nothing = 1..=0;
        assert_eq!(got(nothing), Vec::<usize>::new(), "no paragraph shown");
    }
}
