//! The reader's side of reading state: marks by article key, the list filter, and the changes
//! waiting to be written. Plain data: `update` changes it, the event loop hands `outbox` to the
//! library (the only I/O), and the view reads it.

use std::collections::HashMap;

use super::app::{App, TextView};
use super::layout::Pane;
use crate::grounding::Grounding;
use crate::library::{Change, Marks, TextPane};
use crate::Article;

/// Which articles the list shows (key `f` cycles).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ListFilter {
    #[default]
    All,
    Unread,
    Starred,
    /// Articles whose insight is less than [`WEAK_GROUNDING`] supported by their own facts
    /// (articles without an insight, or not graded yet, are left out).
    WeaklyGrounded,
}

/// Below this supported share an article is weakly grounded (`list --grounding-below 50`).
pub const WEAK_GROUNDING: f64 = 0.5;

impl ListFilter {
    const ALL: [ListFilter; 4] =
        [ListFilter::All, ListFilter::Unread, ListFilter::Starred, ListFilter::WeaklyGrounded];

    /// As the library stores it.
    pub fn name(self) -> &'static str {
        match self {
            ListFilter::All => "all",
            ListFilter::Unread => "unread",
            ListFilter::Starred => "starred",
            ListFilter::WeaklyGrounded => "weakly-grounded",
        }
    }

    /// As the status bar says it.
    pub fn label(self) -> &'static str {
        match self {
            ListFilter::All => "all",
            ListFilter::Unread => "unread only",
            ListFilter::Starred => "starred only",
            ListFilter::WeaklyGrounded => "grounding < 50%",
        }
    }

    pub fn from_name(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.name() == s)
    }

    pub fn next(self) -> Self {
        let i = Self::ALL.iter().position(|&f| f == self).unwrap_or(0);
        Self::ALL[(i + 1) % Self::ALL.len()]
    }

    /// Whether an article with marks `m` and grounding `g` (`None`: not known yet; `Some(None)`:
    /// no insight) is listed.
    pub fn keeps(self, m: Marks, g: Option<Option<Grounding>>) -> bool {
        match self {
            ListFilter::All => true,
            ListFilter::Unread => !m.read,
            ListFilter::Starred => m.starred,
            ListFilter::WeaklyGrounded => g.flatten().is_some_and(|g| g.share() < WEAK_GROUNDING),
        }
    }

    /// What the list says when this filter hides every article ("No starred articles").
    pub fn none_left(self) -> &'static str {
        match self {
            ListFilter::All => "No articles",
            ListFilter::Unread => "No unread articles",
            ListFilter::Starred => "No starred articles",
            ListFilter::WeaklyGrounded => "No weakly grounded articles",
        }
    }

    /// How many presses of `f` from this filter show every article again.
    pub fn presses_to_all(self) -> usize {
        let mut f = self;
        let mut n = 0;
        while f != ListFilter::All {
            f = f.next();
            n += 1;
        }
        n
    }

    /// Whether what it keeps changes as grounding gauges arrive.
    pub fn needs_grounding(self) -> bool {
        self == ListFilter::WeaklyGrounded
    }
}

/// What the reader remembers, as loaded at start: the App restores itself from this.
#[derive(Debug, Clone, Default)]
pub struct Saved {
    pub marks: HashMap<String, Marks>,
    /// Key of the article selected last time.
    pub selected: Option<String>,
    pub focus: Option<String>,
    pub filter: Option<String>,
    pub history: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Reading {
    pub marks: HashMap<String, Marks>,
    pub filter: ListFilter,
    /// Changes not yet written to the library.
    pub outbox: Vec<Change>,
    /// The corpus index of the article last opened (marked read on opening once, so that
    /// `m` can mark it unread again while it is open).
    pub opened: Option<usize>,
    /// Set when saving failed: shown in the status bar; nothing more is saved.
    pub note: Option<String>,
}

impl Reading {
    pub fn of(&self, a: &Article) -> Marks {
        self.marks.get(&a.key).copied().unwrap_or_default()
    }

    pub fn set_read(&mut self, a: &Article, read: bool) {
        let m = self.marks.entry(a.key.clone()).or_default();
        if m.read != read {
            m.read = read;
            self.outbox.push(Change::Read { key: a.key.clone(), hash: a.hash, read });
        }
    }

    pub fn toggle_star(&mut self, a: &Article) {
        let m = self.marks.entry(a.key.clone()).or_default();
        m.starred = !m.starred;
        self.outbox.push(Change::Starred { key: a.key.clone(), hash: a.hash, starred: m.starred });
    }
}

/// The reader's reading-state actions and bookkeeping.
impl App {
    /// Picks up where the last session left off: marks, filter, history, the selected article
    /// and the focus. Positions are restored as each article is opened.
    pub fn restore(&mut self, saved: Saved) {
        self.reading.marks = saved.marks;
        self.search.history = saved.history;
        let place =
            Saved { selected: saved.selected, focus: saved.focus, filter: saved.filter, ..Saved::default() };
        let listed = place.selected.as_ref().is_some_and(|k| self.corpus.index_of_key(k).is_some());
        if self.loading && !listed && place.selected.is_some() {
            // A first start lists the articles as they are read: the place waits for its article.
            self.pending_place = Some(place.clone());
        }
        self.restore_place(place);
    }

    /// The selected article, list filter and focus of `place` (see [`App::restore`]).
    pub(super) fn restore_place(&mut self, place: Saved) {
        let selected = place.selected.as_deref().and_then(|k| self.corpus.index_of_key(k));
        // The list filter was chosen for the articles read last time: other files open unfiltered.
        // A filter that hid everything (nothing was selected) is restored too: the list says
        // what it hides and how to see it.
        let saved_filter = || place.filter.as_deref().and_then(ListFilter::from_name).unwrap_or_default();
        self.reading.filter = match (selected, &place.selected) {
            (Some(_), _) | (None, None) => saved_filter(),
            (None, Some(_)) => ListFilter::default(),
        };
        // Wrap afresh, so the open article scrolls to its saved position; an article the
        // layout opened before the marks were loaded (a text pane focused below 100 columns)
        // is opened again, so it is marked read in the marks that now count.
        self.body = TextView::default();
        self.insight = TextView::default();
        self.reading.opened = None;
        self.rebuild_view(selected);
        // Like the filter, the focus was chosen for the articles read last time: restored with
        // other files, a text pane's focus would open (and mark read) an article never chosen.
        let focus = place.focus.filter(|_| selected.is_some());
        if let Some(focus) = focus.and_then(|f| Pane::ALL.into_iter().find(|p| p.name() == f)) {
            self.focus = focus;
        }
        // At start a text pane shown because the list has no room is the reader's choice of
        // layout: its article is open (unlike one a later resize squeezes the list away from).
        self.list_displaced = false;
        self.sync();
    }

    /// Everything to save on quitting: the open article's position and the session.
    pub fn leave(&mut self) {
        // Quitting before the saved place could be shown (its article not listed yet) and
        // without moving keeps that place for next time.
        let unmoved = self.selected == 0 && self.focus == Pane::List && !self.search.is_filtering();
        if self.pending_place.is_some() && unmoved {
            return;
        }
        if let Some(i) = self.current_index() {
            self.record_position(i);
            let key = self.corpus.articles()[i].key.clone();
            self.reading.outbox.push(Change::Session { name: "selected", value: key });
        }
        self.reading.outbox.push(Change::Session { name: "focus", value: self.focus.name().to_string() });
        self.reading
            .outbox
            .push(Change::Session { name: "filter", value: self.reading.filter.name().to_string() });
    }

    /// The next list filter (all → unread → starred → weakly grounded); the open article stays
    /// selected if shown.
    pub fn cycle_filter(&mut self) {
        let (before, focus) = (self.current_index(), self.focus);
        self.reading.filter = self.reading.filter.next();
        // When the filter hides the open article, the list keeps the focus: the article
        // selected in its place is shown but not opened (nor marked read) until the user opens it.
        self.focus = Pane::List;
        self.rebuild_view(before);
        if self.current_index() == before && focus != Pane::List {
            self.focus = focus;
            self.sync();
        }
    }

    /// When the list filter hides every article the list would show (the whole corpus, or a
    /// search's matches), what to say instead of a blank list: that, and how to see them again.
    pub fn hidden_by_filter(&self) -> Option<[String; 2]> {
        let filter = self.reading.filter;
        let hidden = if self.search.is_filtering() { self.all_results.len() } else { self.corpus.len() };
        if !self.view.is_empty() || filter == ListFilter::All || hidden == 0 {
            return None;
        }
        // Grounding still being computed may list some yet.
        let (known, total) = self.gauges.progress();
        let yet = if filter.needs_grounding() && known < total { " yet" } else { "" };
        let what = match self.search.is_filtering() {
            true => format!("{} match /{}{yet}.", filter.none_left(), self.search.applied),
            false => format!("{}{yet}.", filter.none_left()),
        };
        let key = self.keymap.key_text(super::action::Action::CycleFilter);
        let how = match filter.presses_to_all() {
            1 => format!("{key} shows all {hidden}."),
            n => format!("{key} cycles the filter: all {hidden} are {n} presses away."),
        };
        Some([what, how])
    }

    /// `m`: read ↔ unread for the selected article.
    pub fn toggle_read(&mut self) {
        if let Some(i) = self.current_index() {
            let a = &self.corpus.articles()[i];
            let read = !self.reading.of(a).read;
            self.reading.set_read(a, read);
        }
    }

    /// `s`: starred or not, for the selected article.
    pub fn toggle_star(&mut self) {
        if let Some(i) = self.current_index() {
            self.reading.toggle_star(&self.corpus.articles()[i]);
        }
    }

    /// Queues article `i`'s reading position: the focused text pane's top row (the body's when
    /// the list has focus, unless only the insight is scrolled), as a width-independent offset.
    pub(super) fn record_position(&mut self, i: usize) {
        // An outline has no text to hold a position in.
        if self.loading {
            return;
        }
        let pane = match self.focus {
            Pane::Insight => TextPane::Insight,
            Pane::List if self.body.scroll == 0 && self.insight.scroll > 0 => TextPane::Insight,
            _ => TextPane::Body,
        };
        let view = match pane {
            TextPane::Body => &self.body,
            TextPane::Insight => &self.insight,
        };
        if view.article != Some(i) {
            return;
        }
        let a = &self.corpus.articles()[i];
        let position = super::anchor::position(a, pane, view.wrapped.offset_at(a, view.scroll));
        let m = self.reading.marks.entry(a.key.clone()).or_default();
        // An article never scrolled has no position worth a write.
        if m.position != Some(position) && (m.position.is_some() || view.scroll > 0) {
            m.position = Some(position);
            self.reading.outbox.push(Change::Position { key: a.key.clone(), position });
        }
    }

    /// An article is opened when a text pane has the focus while it is selected: it becomes
    /// read, once, so that `m` can make it unread again while it stays open. While the search
    /// prompt is open the selection follows the top result as the user types: that is not
    /// opening (Enter on the prompt, or acting in a text pane after it closes, is).
    pub(super) fn mark_opened(&mut self) {
        let current = self.current_index();
        if self.focus == Pane::List
            || self.search.prompt.is_some()
            || self.list_displaced
            || current.is_none()
            || self.reading.opened == current
        {
            return;
        }
        self.reading.opened = current;
        if let Some(i) = current {
            let a = &self.corpus.articles()[i];
            // A new item stops being new once read.
            self.feeds.new.remove(&a.key);
            self.reading.set_read(a, true);
            self.reading.outbox.push(Change::Session { name: "selected", value: a.key.clone() });
        }
    }
}
