//! The article list: a marker for articles with an insight, the title, and the source below.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::{inner, pane_block};
use crate::tui::app::{App, LIST_ITEM_ROWS};
use crate::tui::layout::Pane;

/// Shown before the titles of articles that have an insight section.
pub const INSIGHT_MARKER: &str = "◆ ";
const NO_MARKER: &str = "  ";

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let title = format!(" Articles ({}) ", app.view.len());
    frame.render_widget(pane_block(app, Pane::List, title), area);
    let body = inner(area);
    let items = usize::from(body.height) / LIST_ITEM_ROWS;
    let articles = app.corpus.articles();
    let mut lines = Vec::with_capacity(items * LIST_ITEM_ROWS);
    for pos in app.list_offset..(app.list_offset + items).min(app.view.len()) {
        let a = &articles[app.view[pos]];
        let style = match (pos == app.selected, app.focus == Pane::List) {
            (true, true) => app.theme.selected,
            (true, false) => app.theme.selected_unfocused,
            _ => Default::default(),
        };
        let marker = if a.has_insight() {
            INSIGHT_MARKER
        } else {
            NO_MARKER
        };
        lines.push(
            Line::from(vec![
                Span::styled(marker, app.theme.marker),
                Span::raw(a.title.as_str()),
            ])
            .style(style),
        );
        let source = a.source.as_deref().unwrap_or("");
        lines.push(Line::from(vec![Span::raw(NO_MARKER), Span::styled(source, app.theme.dim)]).style(style));
    }
    frame.render_widget(Paragraph::new(lines), body);
}
