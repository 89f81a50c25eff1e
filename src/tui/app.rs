//! The reader's state. Everything the view draws is here, already computed: `sync` keeps the
//! derived parts (wrapped text, scroll bounds, list offset) consistent after every update, so
//! drawing a frame never wraps or searches.

use ratatui::layout::Rect;

use super::keymap::KeyMap;
use super::layout::{inner, Areas, Pane};
use super::theme::Theme;
use super::wrap::Wrapped;
use crate::{Article, Corpus};

/// Rows each list item takes: title, then source.
pub const LIST_ITEM_ROWS: usize = 2;

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

    /// Scroll position as a percentage, or `None` when everything fits.
    pub fn percent(&self) -> Option<usize> {
        let max = self.max_scroll();
        (max > 0).then(|| self.scroll * 100 / max)
    }
}

pub struct App {
    pub corpus: Corpus,
    pub keymap: KeyMap,
    pub theme: Theme,
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
    pub help: bool,
    pub quit: bool,
}

impl App {
    pub fn new(corpus: Corpus, area: Rect) -> Self {
        let view = (0..corpus.len()).collect();
        let mut app = App {
            corpus,
            keymap: KeyMap::default(),
            theme: Theme::default(),
            view,
            selected: 0,
            list_offset: 0,
            focus: Pane::List,
            body: TextView::default(),
            insight: TextView::default(),
            area,
            list_toggled: false,
            help: false,
            quit: false,
        };
        app.sync();
        app
    }

    pub fn areas(&self) -> Areas {
        Areas::compute(self.area, self.list_toggled, self.focus)
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
        let rows = self
            .areas()
            .list
            .map_or(self.area.height.saturating_sub(3), |r| inner(r).height);
        (usize::from(rows) / LIST_ITEM_ROWS).max(1)
    }

    pub fn select(&mut self, position: usize) {
        let position = position.min(self.view.len().saturating_sub(1));
        if position != self.selected {
            self.selected = position;
            self.body.scroll = 0;
            self.insight.scroll = 0;
        }
    }

    /// Restores every invariant after a change: focus on a visible pane, text wrapped for the
    /// current article and width (only when either changed), scrolls in bounds, selection visible.
    pub fn sync(&mut self) {
        self.selected = self.selected.min(self.view.len().saturating_sub(1));
        let areas = self.areas();
        if !areas.focusable().contains(&self.focus) {
            self.focus = Pane::Body;
        }
        let current = self.current_index();
        for pane in [Pane::Body, Pane::Insight] {
            let Some(rect) = areas.get(pane) else { continue };
            let text = inner(rect);
            let (width, height) = (text.width, usize::from(text.height));
            let article = current.map(|i| &self.corpus.articles()[i]);
            let view = match pane {
                Pane::Body => &mut self.body,
                _ => &mut self.insight,
            };
            if view.article != current || view.wrapped.width != width {
                view.wrapped = match (pane, article) {
                    (_, None) => Wrapped::default(),
                    (Pane::Body, Some(a)) => Wrapped::body(a, width),
                    (_, Some(a)) => Wrapped::insight(a, width),
                };
                view.article = current;
            }
            view.height = height;
            view.scroll = view.scroll.min(view.max_scroll());
        }
        let page = self.list_page();
        if self.selected < self.list_offset {
            self.list_offset = self.selected;
        } else if self.selected >= self.list_offset + page {
            self.list_offset = self.selected + 1 - page;
        }
    }
}
