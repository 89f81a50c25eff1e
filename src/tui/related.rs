//! The related-articles overlay (`R`): other articles that report the same facts as the selected
//! one, found on a worker thread with the same fact-level overlap as `triptych related`. Enter
//! jumps to one; `ctrl-o` jumps back. The same worker finds compare mode's outside links
//! ([`super::outside`]).

use std::sync::{mpsc, Arc};
use std::thread;

use super::action::Action;
use super::app::App;
use super::compare::comparer_for;
use super::outside::{OutsideRequest, OutsideResponse};
use super::reading::ListFilter;
use crate::compare::Comparer;
use crate::related::{RelatedArticle, Relations};
use crate::Corpus;

/// How many related articles the overlay lists.
const LIMIT: usize = 10;

/// `epoch`: the [`App::corpus_epoch`] the article index belongs to.
pub struct RelatedRequest {
    pub article: usize,
    pub epoch: u64,
}

pub struct RelatedResponse {
    pub article: usize,
    pub epoch: u64,
    pub found: Vec<RelatedArticle>,
}

/// The overlay: for which article, what was found (`None` while the worker looks), which row.
#[derive(Debug, Clone, Default)]
pub struct RelatedView {
    pub article: usize,
    pub found: Option<Vec<RelatedArticle>>,
    pub selected: usize,
}

/// What the worker is asked: an article's related articles, or a claim's outside links.
pub enum Ask {
    Related(RelatedRequest),
    Outside(OutsideRequest),
}

pub enum Answer {
    Related(RelatedResponse),
    Outside(OutsideResponse),
}

/// The worker builds the candidate index once, on the first request, then answers the newest
/// request of each kind (one index serves both). Outside links are scored with the word
/// statistics compare mode uses, so they read on the same scale as the article's own links.
pub fn spawn_worker(corpus: Arc<Corpus>, reply: impl Fn(Answer) + Send + 'static) -> mpsc::Sender<Ask> {
    let (tx, rx) = mpsc::channel::<Ask>();
    thread::spawn(move || {
        let mut worker = Worker::new(&corpus);
        while let Ok(first) = rx.recv() {
            let (mut articles, mut claim) = (None, None);
            for ask in std::iter::once(first).chain(rx.try_iter()) {
                match ask {
                    Ask::Related(r) => articles = Some(r),
                    Ask::Outside(o) => claim = Some(o),
                }
            }
            if let Some(req) = articles {
                reply(Answer::Related(worker.related(req)));
            }
            if let Some(req) = claim {
                reply(Answer::Outside(worker.outside(req)));
            }
        }
    });
    tx
}

/// What answers related and outside requests, on the worker thread and in tests alike: the
/// candidate index and the corpus-weighted comparer, each built at its first use.
pub struct Worker<'a> {
    corpus: &'a Corpus,
    relations: Option<Relations<'a>>,
    comparer: Option<Comparer>,
}

impl<'a> Worker<'a> {
    pub fn new(corpus: &'a Corpus) -> Self {
        Worker { corpus, relations: None, comparer: None }
    }

    fn relations(&mut self) -> &Relations<'a> {
        let corpus = self.corpus;
        self.relations.get_or_insert_with(|| Relations::build(corpus, Comparer::default()))
    }

    pub fn related(&mut self, req: RelatedRequest) -> RelatedResponse {
        let found = self.relations().related(req.article, LIMIT);
        RelatedResponse { article: req.article, epoch: req.epoch, found }
    }

    pub fn outside(&mut self, req: OutsideRequest) -> OutsideResponse {
        self.relations();
        let corpus = self.corpus;
        let comparer = self.comparer.get_or_insert_with(|| comparer_for(corpus, false));
        let relations = self.relations.as_ref().expect("built above");
        let links = relations.outside_with(comparer, req.article, &req.text);
        OutsideResponse { article: req.article, epoch: req.epoch, claim: req.claim, links }
    }
}

impl App {
    /// Opens the overlay for the selected article and asks the worker.
    pub fn open_related(&mut self) {
        let Some(article) = self.current_index() else {
            self.flash = Some("no article selected".to_string());
            return;
        };
        self.related = Some(RelatedView { article, found: None, selected: 0 });
        self.related_request = Some(RelatedRequest { article, epoch: self.corpus_epoch });
    }

    pub fn apply_related(&mut self, response: RelatedResponse) {
        let current = response.epoch == self.corpus_epoch;
        if let Some(view) = self.related.as_mut().filter(|v| current && v.article == response.article) {
            view.found = Some(response.found);
        }
        self.sync_overlays();
    }

    /// Answers the pending request on this thread (tests).
    pub fn related_now(&mut self) {
        let Some(req) = self.related_request.take() else { return };
        let response = Worker::new(&self.corpus).related(req);
        self.apply_related(response);
    }

    /// Keys while the overlay is open: j/k choose, Enter jumps, Esc or `R` closes.
    pub fn related_key(&mut self, action: Action) {
        let Some(view) = self.related.as_mut() else { return };
        let last = view.found.as_ref().map_or(0, |f| f.len().saturating_sub(1));
        match action {
            Action::Back | Action::Related => self.related = None,
            Action::Down => view.selected = (view.selected + 1).min(last),
            Action::Up => view.selected = view.selected.saturating_sub(1),
            Action::Top => view.selected = 0,
            Action::Bottom => view.selected = last,
            Action::Open => {
                let target = view.found.as_ref().and_then(|f| f.get(view.selected)).map(|r| r.index);
                if let Some(target) = target {
                    self.related = None;
                    self.jump_to(target);
                }
            }
            _ => {}
        }
    }

    /// Selects the article at corpus index `target`, remembering where the jump started.
    /// A search or list filter hiding it is cleared first (and the flash says so): a jump the
    /// user asked for beats a filter set before.
    fn jump_to(&mut self, target: usize) {
        let shown = |app: &Self| app.view.contains(&target);
        let mut cleared = Vec::new();
        if !shown(self) && self.search.is_filtering() {
            self.clear_filter();
            cleared.push("the search");
        }
        if !shown(self) && self.reading.filter != ListFilter::All {
            self.reading.filter = ListFilter::All;
            self.rebuild_view(self.current_index());
            cleared.push("the list filter");
        }
        let Some(position) = self.view.iter().position(|&i| i == target) else { return };
        if !cleared.is_empty() {
            self.flash = Some(format!("{} cleared to show it", cleared.join(" and ")));
        }
        self.jump_back = self.current_index();
        self.select(position);
    }

    /// Back to where the last jump started (again: forth).
    pub fn jump_back(&mut self) {
        match self.jump_back {
            Some(target) => self.jump_to(target),
            None => self.flash = Some("no jump to go back from".to_string()),
        }
    }
}
