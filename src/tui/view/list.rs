//! The article list: a marker for articles with an insight, the title (bold while unread), and
//! below it a star for starred articles and the source or, while filtered, where the query
//! matched with a snippet.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::{inner, pane_block};
use crate::tui::app::{App, ListDecor, LIST_ITEM_ROWS};
use crate::tui::layout::Pane;
use crate::tui::reading::ListFilter;

/// Shown before the titles of articles that have an insight section.
pub const INSIGHT_MARKER: &str = "◆ ";
const NO_MARKER: &str = "  ";
/// Shown before the second row of starred articles.
pub const STAR_MARKER: &str = "★ ";

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let what = match app.reading.filter {
        ListFilter::All => "Articles",
        ListFilter::Unread => "Unread",
        ListFilter::Starred => "Starred",
    };
    let title = if app.search.is_filtering() || app.reading.filter != ListFilter::All {
        format!(" {what} ({} of {}) ", app.view.len(), app.corpus.len())
    } else {
        format!(" {what} ({}) ", app.view.len())
    };
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
            _ => Style::default(),
        };
        let marker = if a.has_insight() { INSIGHT_MARKER } else { NO_MARKER };
        let marks = app.reading.of(a);
        let title_style = if marks.read { Style::default() } else { app.theme.unread };
        let decor = app.list_decor.get(pos - app.list_offset).filter(|_| app.search.is_filtering());
        let mut title = vec![Span::styled(marker, app.theme.marker)];
        match decor {
            Some(d) => title.extend(marked_chars(&a.title, &d.title_marks, app.theme.matched)),
            None => title.push(Span::raw(a.title.as_str())),
        }
        lines.push(Line::from(title).style(title_style.patch(style)));
        let mut second = vec![if marks.starred {
            Span::styled(STAR_MARKER, app.theme.star)
        } else {
            Span::raw(NO_MARKER)
        }];
        match decor {
            Some(d) => second.extend(detail(d, app)),
            None => second.push(Span::styled(a.source.as_deref().unwrap_or(""), app.theme.dim)),
        }
        lines.push(Line::from(second).style(style));
    }
    frame.render_widget(Paragraph::new(lines), body);
}

/// The title with the characters at `marks` (char indices, sorted) styled.
fn marked_chars<'a>(text: &'a str, marks: &[usize], style: Style) -> Vec<Span<'a>> {
    let mut spans = Vec::new();
    let mut marks = marks.iter().peekable();
    let mut start = 0;
    let mut in_mark = false;
    for (n, (i, _)) in text.char_indices().enumerate() {
        let marked = marks.next_if(|&&m| m == n).is_some();
        if marked != in_mark {
            if i > start {
                spans.push(if in_mark {
                    Span::styled(&text[start..i], style)
                } else {
                    Span::raw(&text[start..i])
                });
            }
            start = i;
            in_mark = marked;
        }
    }
    let rest = &text[start..];
    spans.push(if in_mark { Span::styled(rest, style) } else { Span::raw(rest) });
    spans
}

fn detail<'a>(d: &'a ListDecor, app: &App) -> Vec<Span<'a>> {
    match &d.detail_mark {
        Some(m) => vec![
            Span::styled(&d.detail[..m.start], app.theme.dim),
            Span::styled(&d.detail[m.clone()], app.theme.matched),
            Span::styled(&d.detail[m.end..], app.theme.dim),
        ],
        None => vec![Span::styled(d.detail.as_str(), app.theme.dim)],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_split_on_char_indices() {
        let spans = marked_chars("洞察 Altman", &[0, 3, 4], Style::new());
        let texts: Vec<&str> = spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(texts, ["洞", "察 ", "Al", "tman"]);
    }
}
