//! The reader's state. Everything the view draws is here, already computed: `sync` keeps the
//! derived parts (wrapped text, scroll bounds, list offset) consistent after every update, so
//! drawing a frame never wraps or searches.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use fuzzy_matcher::skim::SkimMatcherV2;
use ratatui::layout::Rect;

use super::compare::{CompareRequest, CompareState};
use super::effect::Effect;
use super::gauges::Gauges;
use super::keymap::KeyMap;
use super::layout::{inner, Areas, Pane, Widths};
use super::reading::{Reading, Saved};
use super::search::{SearchRequest, SearchResponse, SearchState};
use super::theme::Theme;
use super::wrap::{Part, Row, Wrapped};
use crate::compare::Comparer;
use crate::config::Config;
use crate::search::{self, query, Field, Hit, Query, SearchResult};
use crate::sort::{Grouping, SortKey};
use crate::{Article, Corpus};

mod sync;

/// Rows a list item takes in the comfortable density: title, then source (or, when filtered,
/// where it matched).
pub const LIST_ITEM_ROWS: usize = 2;

/// How many rows a list item takes (named as config.toml would: `auto`, `compact`, `comfortable`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Density {
    /// Two rows when there is something for the second (a source, a search snippet), else one.
    #[default]
    Auto,
    /// One row: the title, with the insight and star marks before it.
    Compact,
    /// Always two rows.
    Comfortable,
}
/// The fewest characters of context a list item's snippet gets, however narrow the list.
const MIN_SNIPPET_WIDTH: usize = 8;

/// What a visible list item shows beyond its title when the list is filtered.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListDecor {
    /// Character indices of the title that the query matched.
    pub title_marks: Vec<usize>,
    /// "title,body …snippet…", and the byte range of the match inside it.
    pub detail: String,
    pub detail_mark: Option<Range<usize>>,
}

/// One visible list item: its position in `view`, the row (inside the list pane) its title
/// is on, and the group heading above it, if one is drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListSlot {
    pub pos: usize,
    pub row: usize,
    pub heading: Option<String>,
}

/// A scrollable text pane and the article/width its rows were wrapped for.
#[derive(Debug, Clone, Default)]
pub struct TextView {
    pub wrapped: Wrapped,
    pub scroll: usize,
    /// Which article `wrapped` belongs to (index into the corpus).
    pub article: Option<usize>,
    /// Visible rows in the pane, from the last layout.
    pub height: usize,
}

impl TextView {
    pub fn max_scroll(&self) -> usize {
        self.wrapped.len().saturating_sub(self.height)
    }

    pub fn scroll_by(&mut self, delta: isize) {
        self.scroll = self.scroll.saturating_add_signed(delta).min(self.max_scroll());
    }

    /// Scrolls so that the row showing byte `offset` of `part` sits a third of the way down,
    /// where the eye expects it.
    pub fn reveal(&mut self, part: Part, offset: usize) {
        if let Some(row) = self.row_of(part, offset) {
            self.scroll = row.saturating_sub(self.height / 3).min(self.max_scroll());
        }
    }

    /// Like [`TextView::reveal`], but leaves the scroll alone when that row is already shown.
    pub fn show(&mut self, part: Part, offset: usize) {
        if self
            .row_of(part, offset)
            .is_some_and(|row| !(self.scroll..self.scroll + self.height).contains(&row))
        {
            self.reveal(part, offset);
        }
    }

    fn row_of(&self, part: Part, offset: usize) -> Option<usize> {
        self.wrapped
            .rows
            .iter()
            .position(|r| matches!(r, Row::Text { part: p, range, .. } if *p == part && range.end > offset))
    }

    /// Scroll position as a percentage, or `None` when everything fits.
    pub fn percent(&self) -> Option<usize> {
        let max = self.max_scroll();
        (max > 0).then(|| self.scroll * 100 / max)
    }
}

pub struct App {
    pub corpus: Arc<Corpus>,
    /// The articles are outlines from the list index (titles, sources, counts, no text) until
    /// their texts arrive ([`App::set_texts`]); nothing is derived from them meanwhile.
    pub loading: bool,
    /// At a first start, the files read so far and all the files (the list grows as they
    /// are read: [`App::set_outlines`]).
    pub load_progress: Option<(usize, usize)>,
    /// The list is the first rows of the list index, not yet checked against the files (a
    /// big folder's second start): its title says there are more.
    pub peek: bool,
    /// Where the reader was last time (article, focus, filter), when that article is not
    /// listed yet: taken up when it arrives, unless the reader has moved by then.
    pub(super) pending_place: Option<Saved>,
    pub keymap: KeyMap,
    pub theme: Theme,
    pub widths: Widths,
    pub density: Density,
    /// Whether any article has a source: the second list row is worth its room (auto density).
    pub(super) has_sources: bool,
    /// The longest line of body and insight text (`None`: the pane's width).
    pub max_text_width: Option<u16>,
    /// Corpus indices of the articles the list shows, in order.
    pub view: Vec<usize>,
    /// Position of the selected article in `view`.
    pub selected: usize,
    /// First list item shown.
    pub list_offset: usize,
    pub focus: Pane,
    pub body: TextView,
    pub insight: TextView,
    /// The whole terminal.
    pub area: Rect,
    /// Flips the list's default visibility for the current width (key `t`).
    pub list_toggled: bool,
    /// The focus left the list only because the terminal became too narrow to show it: the
    /// article in view is not opened (not marked read) until the user acts on it, and the
    /// focus returns to the list when it is shown again.
    pub list_displaced: bool,
    pub help: bool,
    pub help_scroll: u16,
    pub quit: bool,
    /// Load warnings printed before the reader started: counted in the status bar until read
    /// in their overlay (`w`).
    pub warnings: Vec<String>,
    pub warnings_open: bool,
    pub warnings_seen: bool,
    pub warnings_scroll: u16,
    /// Shows the insight pane for an article without insight (key `i`); hidden by default so
    /// the body gets the room.
    pub show_empty_insight: bool,
    pub sort: SortKey,
    pub group: Grouping,
    /// Something for the event loop to do outside the reader (open, edit, page, copy).
    pub effect: Option<Effect>,
    /// Copy with OSC 52 (`y`); off leaves the clipboard alone.
    pub osc52: bool,
    /// Compare mode flags conflicting facts (`[compare] conflicts`).
    pub conflicts: bool,
    /// `o` on an article with links: the link number typed so far.
    pub link_prompt: Option<String>,
    /// One message for the status bar, until the next key.
    pub flash: Option<String>,
    /// Where each article visited in this session was left, per text pane (body, insight),
    /// as width-independent offsets.
    pub(super) kept: HashMap<usize, [usize; 2]>,
    pub search: SearchState,
    /// Read / starred marks, positions and the list filter; changes wait in its outbox.
    pub reading: Reading,
    /// The applied query's results before the list filter; `search.results` is what is shown.
    pub all_results: Vec<SearchResult>,
    /// Compare mode (`c`): the open article's comparison and the cursors in it.
    pub compare: Option<CompareState>,
    /// Word statistics for comparing on this thread ([`App::compare_now`]), built on first use.
    pub comparer: Option<Arc<Comparer>>,
    /// A comparison for the worker to run, taken by the event loop after each update.
    pub compare_request: Option<CompareRequest>,
    /// The related-articles overlay, its request for the worker, and where the last jump
    /// from it started (corpus index).
    pub related: Option<super::related::RelatedView>,
    pub related_request: Option<super::related::RelatedRequest>,
    pub jump_back: Option<usize>,
    /// Outside links for the claim under the compare cursor, for the related worker.
    pub outside_request: Option<super::outside::OutsideRequest>,
    pub compare_generation: u64,
    /// Grounding gauges for the list, filled in the background ([`super::gauges`]).
    pub gauges: Arc<Gauges>,
    /// Moves on each time the corpus is replaced ([`App::replace_corpus`]): the event loop
    /// then starts workers on the new corpus, and answers about the old one are dropped.
    pub corpus_epoch: u64,
    /// Subscribed feeds: what `r` fetches, its progress, the items it brought.
    pub feeds: super::feeds::FeedState,
    /// Decorations of the visible list items while filtered, and what they were made for.
    pub list_decor: Vec<ListDecor>,
    list_decor_key: Option<(usize, usize, usize, String)>,
    matcher: SkimMatcherV2,
    /// The open overlays' text, made when they open or change (`App::sync_overlays`).
    pub overlays: super::overlay::Overlays,
    /// The list items drawn, made in [`App::sync`] (see [`App::list_slots`]).
    slots: Vec<ListSlot>,
}

impl App {
    pub fn new(corpus: impl Into<Arc<Corpus>>, area: Rect) -> Self {
        let corpus: Arc<Corpus> = corpus.into();
        let view = (0..corpus.len()).collect();
        let has_sources = corpus.articles().iter().any(|a| a.source.is_some());
        let gauges = Arc::new(Gauges::new(corpus.len()));
        let mut app = App {
            corpus,
            loading: false,
            load_progress: None,
            peek: false,
            pending_place: None,
            keymap: KeyMap::default(),
            theme: Theme::default(),
            widths: Widths::default(),
            density: Density::default(),
            has_sources,
            max_text_width: None,
            view,
            selected: 0,
            list_offset: 0,
            focus: Pane::List,
            body: TextView::default(),
            insight: TextView::default(),
            area,
            list_toggled: false,
            list_displaced: false,
            help: false,
            help_scroll: 0,
            quit: false,
            warnings: Vec::new(),
            warnings_open: false,
            warnings_seen: false,
            warnings_scroll: 0,
            show_empty_insight: false,
            sort: SortKey::default(),
            group: Grouping::default(),
            effect: None,
            osc52: true,
            conflicts: true,
            link_prompt: None,
            flash: None,
            kept: HashMap::new(),
            search: SearchState::default(),
            reading: Reading::default(),
            all_results: Vec::new(),
            compare: None,
            comparer: None,
            compare_request: None,
            related: None,
            related_request: None,
            jump_back: None,
            outside_request: None,
            compare_generation: 0,
            gauges,
            corpus_epoch: 0,
            feeds: Default::default(),
            list_decor: Vec::new(),
            list_decor_key: None,
            matcher: SkimMatcherV2::default(),
            overlays: Default::default(),
            slots: Vec::new(),
        };
        app.sync();
        // A text pane focused at start because the list has no room opens its article.
        app.list_displaced = false;
        app.sync();
        app
    }

    /// The articles with their texts, replacing the outlines the reader started with: the
    /// same article stays selected (by key) and the open one is wrapped afresh, scrolled to
    /// where it was left. Everything derived from the outlines is dropped.
    pub fn set_texts(&mut self, corpus: impl Into<Arc<Corpus>>) {
        self.swap_corpus(corpus.into(), None);
        self.pending_place = None;
    }

    /// Load warnings found after the reader started: counted in the status bar like the others.
    pub fn late_warnings(&mut self, warnings: Vec<String>) {
        if !warnings.is_empty() {
            self.warnings.extend(warnings);
            self.warnings_seen = false;
        }
    }

    /// At a first start, the outlines of the articles read so far (`files` of `of` files):
    /// the list grows while the rest is read, the same article staying selected.
    pub fn set_outlines(&mut self, corpus: impl Into<Arc<Corpus>>, files: usize, of: usize) {
        self.swap_corpus(corpus.into(), Some((files, of)));
    }

    fn swap_corpus(&mut self, corpus: Arc<Corpus>, progress: Option<(usize, usize)>) {
        let selected = self.article().map(|a| a.key.clone());
        // Still on the first row of the list: the reader has not moved.
        let unmoved = self.selected == 0 && self.focus == Pane::List && !self.search.is_filtering();
        self.corpus = corpus;
        self.loading = progress.is_some();
        self.load_progress = progress;
        self.peek = false;
        self.has_sources = self.corpus.articles().iter().any(|a| a.source.is_some());
        self.gauges = Arc::new(Gauges::new(self.corpus.len()));
        self.body = TextView::default();
        self.insight = TextView::default();
        self.kept.clear();
        (self.compare, self.comparer, self.related, self.jump_back) = (None, None, None, None);
        self.all_results.clear();
        self.list_decor_key = None;
        let keep = selected.and_then(|k| self.corpus.index_of_key(&k));
        self.rebuild_view(keep);
        self.sync();
        let arrived = |place: &Saved| place.selected.as_ref().and_then(|k| self.corpus.index_of_key(k));
        if let Some(place) = self.pending_place.take_if(|p| unmoved && arrived(p).is_some()) {
            self.restore_place(place);
        }
    }

    /// Takes the keys, theme, widths, list density and text width from `config`.
    pub fn configure(&mut self, config: &Config) {
        self.keymap = config.keys.clone();
        self.theme = config.theme.clone();
        self.widths = config.widths;
        self.density = config.density;
        self.max_text_width = config.max_text_width;
        self.osc52 = config.osc52;
        self.conflicts = config.conflicts;
        self.feeds.parse = config.parse.clone();
        (self.sort, self.group) = (config.sort, config.group);
        self.list_decor_key = None;
        self.forget_overlays();
        self.rebuild_view(self.current_index());
    }

    /// Recomputes the list from the search results (or the whole corpus) and the list filter,
    /// selecting corpus index `keep` when it is still shown.
    pub(super) fn rebuild_view(&mut self, keep: Option<usize>) {
        let articles = self.corpus.articles();
        let filter = self.reading.filter;
        let keeps = |i: usize| filter.keeps(self.reading.of(&articles[i]), self.gauges.get(i));
        if self.search.is_filtering() {
            self.search.results = self.all_results.iter().filter(|r| keeps(r.index)).cloned().collect();
            self.view = self.search.results.iter().map(|r| r.index).collect();
        } else {
            // Search results stay in rank order; the whole list follows the chosen sort.
            self.view = (0..articles.len()).filter(|&i| keeps(i)).collect();
            crate::sort::sort(articles, &mut self.view, self.sort, self.group);
            if self.sort == SortKey::Grounding {
                let grounding = |i: usize| self.gauges.get(i).flatten();
                crate::sort::by_grounding(articles, &mut self.view, self.group, grounding);
            }
        }
        self.selected = keep.and_then(|k| self.view.iter().position(|&i| i == k)).unwrap_or(0);
        self.list_decor_key = None;
        self.sync();
    }

    /// More grounding gauges are in: a list filtered or sorted by grounding is rebuilt (the
    /// open article stays selected); any other list only redraws them.
    pub fn gauges_arrived(&mut self) {
        let sorted = self.sort == SortKey::Grounding && !self.search.is_filtering();
        if sorted || self.reading.filter.needs_grounding() {
            self.rebuild_view(self.current_index());
        }
    }

    /// Where overlays (help, warnings, related articles) go: the screen above the status
    /// bar, which stays readable under them.
    pub fn overlay_area(&self) -> Rect {
        let status = Areas::compute(self.area, false, self.focus, false, &self.widths).status;
        let above = status.y.saturating_sub(self.area.y);
        if above > 0 {
            Rect { height: above, ..self.area }
        } else {
            self.area
        }
    }

    pub fn areas(&self) -> Areas {
        let links_panel = self.compare.is_some() && self.focus == Pane::Insight;
        let typing = self.search.prompt.is_some();
        // While a query is typed the results must be seen: a list hidden by default below
        // 100 columns takes the screen; a wide terminal shows it in its usual place.
        let toggled = if typing && self.area.width >= super::layout::WIDE_MIN_WIDTH {
            false
        } else {
            self.list_toggled
        };
        let mut areas = Areas::compute(self.area, toggled, self.focus, links_panel, &self.widths);
        if typing && areas.list.is_none() {
            areas.list_only(Rect { height: self.area.height - areas.status.height, ..self.area });
        } else if self.insight_hidden() {
            areas.without_insight();
        }
        areas
    }

    /// The selected article has no insight and the user has not asked to see the empty pane
    /// (compare mode always shows it).
    pub fn insight_hidden(&self) -> bool {
        !self.show_empty_insight && self.compare.is_none() && self.article().is_some_and(|a| !a.has_insight())
    }

    /// Rows one list item takes now.
    pub fn list_item_rows(&self) -> usize {
        match self.density {
            Density::Compact => 1,
            Density::Comfortable => LIST_ITEM_ROWS,
            Density::Auto if self.has_sources || self.search.is_filtering() => LIST_ITEM_ROWS,
            Density::Auto => 1,
        }
    }

    /// Corpus index of the selected article.
    pub fn current_index(&self) -> Option<usize> {
        self.view.get(self.selected).copied()
    }

    pub fn article(&self) -> Option<&Article> {
        self.current_index().map(|i| &self.corpus.articles()[i])
    }

    pub fn text_view(&self, pane: Pane) -> Option<&TextView> {
        match pane {
            Pane::List => None,
            Pane::Body => Some(&self.body),
            Pane::Insight => Some(&self.insight),
        }
    }

    pub fn text_view_mut(&mut self, pane: Pane) -> Option<&mut TextView> {
        match pane {
            Pane::List => None,
            Pane::Body => Some(&mut self.body),
            Pane::Insight => Some(&mut self.insight),
        }
    }

    /// List items that fit in the list pane.
    pub fn list_page(&self) -> usize {
        (self.list_rows() / self.list_item_rows()).max(1)
    }

    /// Rows inside the list pane's border (with no list shown, the screen's less the borders
    /// and the status bar).
    fn list_rows(&self) -> usize {
        usize::from(self.areas().list.map_or(self.area.height.saturating_sub(3), |r| inner(r).height))
    }

    pub fn select(&mut self, position: usize) {
        self.selected = position.min(self.view.len().saturating_sub(1));
    }

    /// A request for the search worker for the prompt's `text`, or `None` when the text is
    /// empty (the filter is cleared at once). A query that refines the applied one is limited
    /// to the articles the list shows now.
    pub fn request_search(&mut self, text: &str) -> Option<SearchRequest> {
        self.search.generation += 1;
        if text.trim().is_empty() {
            self.clear_filter();
            return None;
        }
        // Within the previous results before the list filter, so changing the filter later
        // shows everything the query matches.
        let within = query::refines(&self.search.applied, text)
            .then(|| self.all_results.iter().map(|r| r.index).collect());
        Some(SearchRequest { generation: self.search.generation, query: text.to_string(), within })
    }

    /// Shows the results of the latest request; answers to older requests are dropped.
    pub fn apply_search(&mut self, response: SearchResponse) {
        if response.generation != self.search.generation {
            return;
        }
        // The applied query answered again (the corpus was replaced): the selection stays.
        let keep = (response.query == self.search.applied).then(|| self.current_index()).flatten();
        self.search.query = Query::parse(&response.query);
        self.search.applied = response.query;
        self.all_results = response.results;
        if keep.is_none() {
            self.list_offset = 0;
        }
        self.rebuild_view(keep);
    }

    /// Back to the whole corpus, keeping the open article selected.
    pub fn clear_filter(&mut self) {
        self.search.generation += 1;
        let current = self.current_index();
        self.search.applied.clear();
        self.search.query = Query::default();
        self.search.results.clear();
        self.all_results.clear();
        self.rebuild_view(current);
    }

    /// Moves to the next (or previous) match in the open article, focusing the pane it is in
    /// and scrolling it into view.
    pub fn jump_to_match(&mut self, forward: bool) {
        let n = self.search.hits.len();
        if n == 0 {
            return;
        }
        let next = match (self.search.current_hit, forward) {
            (None, true) => 0,
            (None, false) => n - 1,
            (Some(i), true) => (i + 1) % n,
            (Some(i), false) => (i + n - 1) % n,
        };
        self.search.current_hit = Some(next);
        let hit = self.search.hits[next].clone();
        let (pane, part) = match hit.field {
            Field::Insight => (Pane::Insight, Part::Insight(hit.paragraph)),
            Field::Body => (Pane::Body, Part::Body(hit.paragraph)),
            _ => (Pane::Body, Part::Title),
        };
        self.focus = pane;
        self.sync();
        if let Some(view) = self.text_view_mut(pane) {
            view.reveal(part, hit.start);
        }
    }

    /// The list items that fit in the list pane from `list_offset`, each with the row it starts
    /// on (inside the border) and, when grouped, the group heading drawn above it: at the top of
    /// the pane and wherever the group changes. Made in [`App::sync`]: a frame only reads them.
    pub fn list_slots(&self) -> &[ListSlot] {
        &self.slots
    }

    /// Makes [`App::list_slots`] into `slots` (its room reused).
    pub(super) fn make_list_slots(&self, slots: &mut Vec<ListSlot>) {
        slots.clear();
        let (rows, item_rows) = (self.list_rows(), self.list_item_rows());
        let articles = self.corpus.articles();
        let group = |pos: usize| self.group.of(&articles[self.view[pos]]);
        // One group as the sort has it ("Wire" and "wire").
        let same = crate::sort::same_group;
        let mut row = 0;
        for pos in self.list_offset..self.view.len() {
            let heading = (self.group != Grouping::None
                && (pos == self.list_offset || !same(group(pos), group(pos - 1))))
            .then(|| group(pos).to_string());
            let needed = item_rows + usize::from(heading.is_some());
            // The first item is shown even when the pane is too short for all of it.
            if row + needed > rows && !slots.is_empty() {
                break;
            }
            slots.push(ListSlot { pos, row: row + usize::from(heading.is_some()), heading });
            row += needed;
        }
    }

    /// Remembers where article `i` was left in each text pane, for coming back to it while the
    /// reader runs (the library keeps one position across runs).
    pub(super) fn keep_position(&mut self, i: usize) {
        if self.loading {
            return;
        }
        let a = &self.corpus.articles()[i];
        let mut kept = self.kept.get(&i).copied().unwrap_or_default();
        for (slot, view) in [&self.body, &self.insight].into_iter().enumerate() {
            if view.article == Some(i) {
                kept[slot] = view.wrapped.offset_at(a, view.scroll);
            }
        }
        self.kept.insert(i, kept);
    }

    /// Highlights for the open article and decorations for the visible list items: computed
    /// only when the article, the query or the visible window changes, and only for what is
    /// on screen.
    fn sync_search(&mut self, page: usize) {
        let hits_key = self.current_index().map(|i| (i, self.search.applied.clone()));
        if self.search.hits_key != hits_key {
            self.search.hits = match (self.article(), self.search.is_filtering()) {
                (Some(a), true) => search::highlights(a, &self.search.query),
                _ => Vec::new(),
            };
            self.search.current_hit = None;
            self.search.hits_key = hits_key;
        }
        let width = self.areas().list.map_or(0, |r| usize::from(inner(r).width));
        let decor_key = (self.list_offset, page, width, self.search.applied.clone());
        if !self.search.is_filtering() || width == 0 {
            self.list_decor.clear();
            self.list_decor_key = None;
        } else if self.list_decor_key.as_ref() != Some(&decor_key) {
            let end = (self.list_offset + page).min(self.view.len());
            self.list_decor = (self.list_offset..end).map(|pos| self.decorate(pos, width)).collect();
            self.list_decor_key = Some(decor_key);
        }
    }

    /// Fits in `width` columns after the two-column indent: where it matched, then a snippet
    /// around the first body or insight match.
    fn decorate(&self, pos: usize, width: usize) -> ListDecor {
        let a = &self.corpus.articles()[self.view[pos]];
        let query = &self.search.query;
        let fields: Vec<&str> =
            self.search.results.get(pos).map_or(Vec::new(), |r| r.fields.iter().map(|f| f.name()).collect());
        let mut detail = fields.join(",");
        let mut detail_mark = None;
        let first = search::highlights(a, query)
            .into_iter()
            .find(|h| matches!(h.field, Field::Body | Field::Insight));
        // Two columns of indent, a space, and an ellipsis at each end.
        let room = width.saturating_sub(detail.len() + 5).max(MIN_SNIPPET_WIDTH);
        if let Some(snippet) = first.and_then(|h| search::snippet(a, &h, room)) {
            detail.push(' ');
            detail_mark = Some(detail.len() + snippet.mark.start..detail.len() + snippet.mark.end);
            detail.push_str(&snippet.text);
        }
        ListDecor { title_marks: search::title_indices(&self.matcher, &a.title, query), detail, detail_mark }
    }

    /// The match `n`/`N` reached, if any.
    pub fn current_hit(&self) -> Option<&Hit> {
        self.search.current_hit.and_then(|i| self.search.hits.get(i))
    }
}

/// Where a text pane's position is kept in [`App::keep_position`].
fn pane_slot(pane: Pane) -> usize {
    usize::from(pane == Pane::Insight)
}
