//! The article list: a marker for articles with an insight, the title (bold while unread), and
//! below it a star for starred articles and the source or, while filtered, where the query
//! matched with a snippet, led by the grounding gauge (`●●●○ 3/4`) once it is computed. One-row
//! items (compact density, or auto when no article has a source) show marker, star, title, and
//! the gauge at the right end when it fits.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

use super::fit::{fit_line, fit_str, fit_str_start};
use super::{inner, pane_block};
use crate::tui::app::{App, ListDecor};
use crate::tui::layout::Pane;
use crate::tui::reading::ListFilter;

/// Shown before the titles of articles that have an insight section.
pub const INSIGHT_MARKER: &str = "◆ ";
const NO_MARKER: &str = "  ";
/// Shown before the second row of starred articles.
pub const STAR_MARKER: &str = "★ ";
/// Shown before the titles of items a fetch (`r`) brought in this session, until opened.
pub const NEW_MARKER: &str = "new ";

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let what = match app.reading.filter {
        ListFilter::All => "Articles",
        ListFilter::Unread => "Unread",
        ListFilter::Starred => "Starred",
        ListFilter::WeaklyGrounded => "Weakly grounded",
    };
    // A peek at the stored list shows its first rows only: there are more.
    let more = if app.peek { "+" } else { "" };
    let mut title = if app.search.is_filtering() || app.reading.filter != ListFilter::All {
        format!(" {what} ({} of {}{more}) ", app.view.len(), app.corpus.len())
    } else if app.peek {
        format!(" {what} ({}{more}) ", app.view.len())
    } else {
        format!(" {what} ({}) ", app.view.len())
    };
    if let Some(progress) = app.gauges.status() {
        title.push_str(&format!("· {progress} "));
    }
    frame.render_widget(pane_block(app, Pane::List, title, area), area);
    let body = inner(area);
    // The selection covers the whole row, padding included, not just the text.
    let row_area = Block::bordered().inner(area);
    let width = usize::from(body.width);
    let item_rows = app.list_item_rows();
    let articles = app.corpus.articles();
    if let Some([what, how]) = app.hidden_by_filter() {
        // The list filter (saved from an earlier session, perhaps) hides everything: say so.
        let lines = vec![Line::styled(what, app.theme.heading), Line::raw(how)];
        frame.render_widget(Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: true }), body);
    } else if app.view.is_empty() && app.search.is_filtering() {
        let line = fit_line(Line::styled("No articles match.", app.theme.heading), width);
        frame.render_widget(Paragraph::new(line), body);
    } else if app.corpus.is_empty() && app.loading {
        let line = fit_line(Line::styled("Reading the files…", app.theme.heading), width);
        frame.render_widget(Paragraph::new(line), body);
    } else if app.corpus.is_empty() {
        // Subscribed feeds not fetched yet: say how to get their items.
        let key = app.keymap.key_text(crate::tui::action::Action::Fetch);
        let lines = vec![
            Line::styled("No feed items yet.", app.theme.heading),
            Line::raw(format!("{key} fetches the subscribed feeds.")),
        ];
        frame.render_widget(Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: true }), body);
    }
    for slot in app.list_slots() {
        let pos = slot.pos;
        if let Some(heading) = &slot.heading {
            let name = if heading.is_empty() { "(none)" } else { heading.as_str() };
            // A folder's end names it: cut a path from the start; a feed's or source's name
            // from the end.
            let name = match name.contains(std::path::MAIN_SEPARATOR) {
                true => fit_str_start(name, width.saturating_sub(2)),
                false => fit_str(name, width.saturating_sub(2)),
            };
            let line = Line::styled(format!("▸ {name}"), app.theme.heading);
            let y = body.y + slot.row as u16 - 1;
            frame.render_widget(Paragraph::new(line), Rect { y, height: 1, ..body });
        }
        let a = &articles[app.view[pos]];
        let selected = pos == app.selected;
        let style = match (selected, app.focus == Pane::List) {
            (true, true) => app.theme.selected,
            (true, false) => app.theme.selected_unfocused,
            _ => Style::default(),
        };
        // Dim text on the selection's background could vanish (dark grey on dark grey): on
        // the selected row it takes the row's colours; match highlights keep theirs.
        let dim = if selected { style } else { app.theme.dim };
        let marks = app.reading.of(a);
        let title_style = if marks.read { Style::default() } else { app.theme.unread };
        let decor = app.list_decor.get(pos - app.list_offset).filter(|_| app.search.is_filtering());
        let mut title = if item_rows == 1 {
            // One row: both marks before the title.
            let insight = if a.has_insight() { "◆" } else { " " };
            vec![
                Span::styled(insight, app.theme.marker),
                if marks.starred { Span::styled("★", app.theme.star) } else { Span::raw(" ") },
                Span::raw(" "),
            ]
        } else {
            let marker = if a.has_insight() { INSIGHT_MARKER } else { NO_MARKER };
            vec![Span::styled(marker, app.theme.marker)]
        };
        if app.is_new(&a.key) {
            title.push(Span::styled(NEW_MARKER, app.theme.marker.patch(app.theme.unread)));
        }
        match decor {
            Some(d) => title.extend(marked_chars(&a.title, &d.title_marks, app.theme.matched)),
            None => title.push(Span::raw(a.title.as_str())),
        }
        let mut second = vec![if marks.starred {
            Span::styled(STAR_MARKER, app.theme.star)
        } else {
            Span::raw(NO_MARKER)
        }];
        // The grounding gauge, once computed, leads the second row.
        if let Some(Some(g)) = app.gauges.get(app.view[pos]) {
            second.push(Span::styled(format!("{} ", g.gauge()), dim));
        }
        match decor {
            Some(d) => second.extend(detail(d, dim, app.theme.matched)),
            None => second.push(Span::styled(a.source.as_deref().unwrap_or(""), dim)),
        }
        // One row: the gauge, if it fits, at the row's right end (the title is cut first).
        let gauge = match app.gauges.get(app.view[pos]) {
            Some(Some(g)) if item_rows == 1 => one_row_gauge(&g.gauge(), width),
            _ => None,
        };
        let title_width = gauge.as_ref().map_or(width, |g| width - g.width() - 1);
        // Unread titles stand out; the selection's colours go over them.
        let rows = [Line::from(title).style(title_style.patch(style)), Line::from(second).style(style)];
        for (k, line) in rows.into_iter().take(item_rows).enumerate() {
            let y = body.y + (slot.row + k) as u16;
            if y >= body.bottom() {
                break;
            }
            if selected {
                frame.buffer_mut().set_style(Rect { y, height: 1, ..row_area }, style);
            }
            let line = fit_line(line, if k == 0 { title_width } else { width });
            frame.render_widget(Paragraph::new(line), Rect { y, height: 1, ..body });
            if let (0, Some(g)) = (k, &gauge) {
                let x = body.x + (width - g.width()) as u16;
                let at = Rect { x, y, width: g.width() as u16, height: 1 };
                frame.render_widget(Paragraph::new(Span::styled(g.as_str(), dim)), at);
            }
        }
    }
}

/// The fewest columns a one-row item's marks and title keep beside a gauge.
const MIN_TITLE_BESIDE_GAUGE: usize = 3 + 12;

/// The gauge for a one-row item `width` columns wide: whole (`●●●○ 3/4`), or its dots alone
/// when only they fit beside a readable title, or nothing.
fn one_row_gauge(gauge: &str, width: usize) -> Option<String> {
    let dots: String = gauge.chars().take_while(|c| matches!(c, '●' | '◐' | '○')).collect();
    [gauge.to_string(), dots].into_iter().find(|g| MIN_TITLE_BESIDE_GAUGE + 1 + g.width() <= width)
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

fn detail(d: &ListDecor, dim: Style, matched: Style) -> Vec<Span<'_>> {
    match &d.detail_mark {
        Some(m) => vec![
            Span::styled(&d.detail[..m.start], dim),
            Span::styled(&d.detail[m.clone()], matched),
            Span::styled(&d.detail[m.end..], dim),
        ],
        None => vec![Span::styled(d.detail.as_str(), dim)],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_one_row_gauge_is_whole_then_dots_then_nothing_as_room_shrinks() {
        assert_eq!(one_row_gauge("●●●○ 3/4", 24).as_deref(), Some("●●●○ 3/4"));
        assert_eq!(one_row_gauge("●●●○ 3/4", 23).as_deref(), Some("●●●○"));
        assert_eq!(one_row_gauge("●●●○ 3/4", 20).as_deref(), Some("●●●○"));
        assert_eq!(one_row_gauge("●●●○ 3/4", 19), None);
    }

    #[test]
    fn marks_split_on_char_indices() {
        let spans = marked_chars("洞察 Altman", &[0, 3, 4], Style::new());
        let texts: Vec<&str> = spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(texts, ["洞", "察 ", "Al", "tman"]);
    }
}
