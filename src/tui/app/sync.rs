//! [`App::sync`]: the steps that make the derived state (focus, wrapped panes, scroll bounds,
//! list offset) consistent again after an update, each a method of its own.

use super::{inner, pane_slot, App, Areas, Pane, Rect, Wrapped};
use crate::library::TextPane;

impl App {
    /// Restores every invariant after a change: focus on a visible pane, text wrapped for the
    /// current article and width (only when either changed), scrolls in bounds, selection visible.
    /// Each step derives state only: nothing is drawn and nothing read or written outside.
    pub fn sync(&mut self) {
        // The list may have shrunk under the selection.
        self.select(self.selected);
        let areas = self.fit_focus();
        let current = self.current_index();
        self.leave_previous_article(current);
        self.rewrap_text_panes(&areas, current);
        self.mark_opened();
        let page = self.list_page();
        self.scroll_list_to_selection(page);
        self.sync_search(page);
        self.sync_compare();
        self.sync_outside();
        self.sync_overlays();
    }

    /// Puts the focus on a pane the layout shows, and returns that layout: a pane with no room
    /// gives the focus to the body (the list takes it back once it has room again).
    fn fit_focus(&mut self) -> Areas {
        let areas = self.areas();
        if self.list_displaced && self.focus == Pane::Body && areas.focusable().contains(&Pane::List) {
            self.focus = Pane::List;
            self.list_displaced = false;
        }
        if areas.focusable().contains(&self.focus) {
            return areas;
        }
        self.list_displaced |= self.focus == Pane::List;
        self.focus = Pane::Body;
        // One pane at a time (narrow) lays out around the focus.
        self.areas()
    }

    /// Keeps where the article a text pane still shows was read, when another one is now
    /// selected: for coming back to it in this run, and for the library.
    fn leave_previous_article(&mut self, current: Option<usize>) {
        let leaving =
            [self.body.article, self.insight.article].into_iter().flatten().find(|&i| Some(i) != current);
        if let Some(old) = leaving {
            self.record_position(old);
            self.keep_position(old);
        }
    }

    /// Fits the body and insight panes shown in `areas` to their rects for article `current`.
    fn rewrap_text_panes(&mut self, areas: &Areas, current: Option<usize>) {
        for pane in [Pane::Body, Pane::Insight] {
            if let Some(rect) = areas.get(pane) {
                self.rewrap_pane(pane, inner(rect), current);
            }
        }
    }

    /// Fits text pane `pane` to its `text` rect: wrapped afresh only when the article, the
    /// width or compare mode changed (wrapping is the costly part), its scroll in bounds.
    fn rewrap_pane(&mut self, pane: Pane, text: Rect, current: Option<usize>) {
        let gutter = if pane == Pane::Body { self.label_gutter() } else { 0 };
        let width = text.width.saturating_sub(gutter).min(self.max_text_width.unwrap_or(u16::MAX));
        // Compare mode starts each fact on a row of its own, where its label goes.
        let by_statement = gutter > 0;
        let Some(view) = self.text_view(pane) else { return };
        let stale = view.article != current
            || view.wrapped.width != width
            || view.wrapped.by_statement != by_statement;
        let rewrapped = stale.then(|| {
            let anchor = self.wrap_anchor(pane, current);
            let article = current.map(|i| &self.corpus.articles()[i]);
            let wrapped = match (pane, article) {
                (_, None) => Wrapped::default(),
                (Pane::Body, Some(a)) if by_statement => {
                    Wrapped::body_by_statement(a, width, &self.compare_fact_starts())
                }
                (Pane::Body, Some(a)) => Wrapped::body(a, width),
                (_, Some(a)) => Wrapped::insight(a, width),
            };
            let scroll = match (anchor, article) {
                (Some(offset), Some(a)) if offset > 0 => wrapped.row_at(a, offset),
                _ => 0,
            };
            (wrapped, scroll)
        });
        let Some(view) = self.text_view_mut(pane) else { return };
        if let Some((wrapped, scroll)) = rewrapped {
            (view.wrapped, view.scroll, view.article) = (wrapped, scroll, current);
        }
        view.height = usize::from(text.height);
        view.scroll = view.scroll.min(view.max_scroll());
    }

    /// The byte offset `pane` is to show at its top once wrapped afresh for article `current`:
    /// the same text across a resize; where an article was left when it is opened again (in
    /// this run, else as the library saved it).
    fn wrap_anchor(&self, pane: Pane, current: Option<usize>) -> Option<usize> {
        let (view, i) = (self.text_view(pane)?, current?);
        let a = &self.corpus.articles()[i];
        if view.article == current {
            return Some(view.wrapped.offset_at(a, view.scroll));
        }
        let wanted = if pane == Pane::Body { TextPane::Body } else { TextPane::Insight };
        let kept = self.kept.get(&i).map(|k| k[pane_slot(pane)]);
        kept.or_else(|| {
            let saved = self.reading.of(a).position.filter(|p| p.pane == wanted);
            saved.map(|p| crate::tui::anchor::locate(a, p))
        })
    }

    /// Scrolls the list so that the selected item is drawn, then makes [`App::list_slots`]
    /// for what is shown.
    fn scroll_list_to_selection(&mut self, page: usize) {
        if self.selected < self.list_offset {
            self.list_offset = self.selected;
        } else if self.selected >= self.list_offset + page {
            self.list_offset = self.selected + 1 - page;
        }
        // Group headers take rows too: scroll on until the selection is drawn.
        let mut slots = std::mem::take(&mut self.slots);
        self.make_list_slots(&mut slots);
        while self.list_offset < self.selected && !slots.iter().any(|s| s.pos == self.selected) {
            self.list_offset += 1;
            self.make_list_slots(&mut slots);
        }
        self.slots = slots;
    }
}
