//! Corroboration in compare mode: for the claim under the cursor, when its own article does not
//! support it, the facts of *other* articles that would (as `compare --json` gives them in
//! `outside`). Asked of the related worker ([`super::related::spawn_worker`]) one claim at a
//! time, so walking the claims never waits for it; answers are kept per claim while the article
//! stays open.

use super::app::App;
use super::layout::Pane;
use crate::compare::Verdict;
use crate::related::OutsideLink;

/// Facts elsewhere for claim `claim` (its id) of article `article` (a corpus index of corpus
/// `epoch`, [`App::corpus_epoch`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutsideRequest {
    pub article: usize,
    pub epoch: u64,
    pub claim: usize,
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct OutsideResponse {
    pub article: usize,
    pub epoch: u64,
    pub claim: usize,
    pub links: Vec<OutsideLink>,
}

impl App {
    /// Asks for the outside links of the claim under the cursor when they are needed (compare
    /// mode, insight focused, the claim not supported) and neither known nor asked for yet.
    pub(super) fn sync_outside(&mut self) {
        if self.focus != Pane::Insight {
            return;
        }
        let Some(state) = self.compare.as_mut() else { return };
        let Some(article) = state.article.filter(|_| !state.pending) else { return };
        let Some(claim) = state.comparison.insights.get(state.claim) else { return };
        if claim.verdict == Verdict::Supported
            || state.outside.contains_key(&claim.id)
            || state.outside_asked == Some(claim.id)
        {
            return;
        }
        state.outside_asked = Some(claim.id);
        let (epoch, text) = (self.corpus_epoch, claim.text.clone());
        self.outside_request = Some(OutsideRequest { article, epoch, claim: claim.id, text });
    }

    /// Keeps the worker's answer if compare mode still shows that article's comparison (in the
    /// same corpus: after a replacement, links into the old one are asked for again). The
    /// worker answers only the newest question, so the cursor may have moved on: ask again.
    pub fn apply_outside(&mut self, response: OutsideResponse) {
        let Some(state) = self.compare.as_mut() else { return };
        if response.epoch != self.corpus_epoch || state.article != Some(response.article) || state.pending {
            return;
        }
        if state.outside_asked == Some(response.claim) {
            state.outside_asked = None;
        }
        state.outside.insert(response.claim, response.links);
        self.sync_outside();
        self.sync_overlays();
    }

    /// Answers the pending request on this thread (tests).
    pub fn outside_now(&mut self) {
        let Some(req) = self.outside_request.take() else { return };
        let response = super::related::Worker::new(&self.corpus).outside(req);
        self.apply_outside(response);
    }
}
