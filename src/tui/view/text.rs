//! The body and insight panes: the visible slice of the pre-wrapped rows with search matches
//! highlighted, and a scrollbar.

use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};
use ratatui::Frame;

use super::{inner, pane_block};
use crate::model::DEFAULT_INSIGHT_LABEL;
use crate::search::{Field, Hit};
use crate::tui::app::App;
use crate::tui::layout::Pane;
use crate::tui::wrap::{Part, Row, SOURCE_PREFIX};
use crate::Article;

pub fn render(app: &App, pane: Pane, frame: &mut Frame, area: Rect) {
    let Some(view) = app.text_view(pane) else { return };
    let article = app.article();
    let title = match pane {
        Pane::Body => " Article ".to_string(),
        _ => {
            let label = article
                .and_then(|a| a.insight_label.as_deref())
                .unwrap_or(DEFAULT_INSIGHT_LABEL);
            format!(" {label} ")
        }
    };
    frame.render_widget(pane_block(app, pane, title), area);
    let Some(article) = article else { return };
    let body = inner(area);
    let rows = view
        .wrapped
        .rows
        .iter()
        .skip(view.scroll)
        .take(usize::from(body.height));
    let lines: Vec<Line> = rows.map(|row| render_row(app, article, row)).collect();
    frame.render_widget(Paragraph::new(lines), body);
    if view.max_scroll() > 0 {
        let mut state = ScrollbarState::new(view.max_scroll()).position(view.scroll);
        let bar = Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None);
        frame.render_stateful_widget(bar, area.inner(Margin::new(0, 1)), &mut state);
    }
}

fn render_row<'a>(app: &App, article: &'a Article, row: &Row) -> Line<'a> {
    let Row::Text { part, range, first } = row else {
        return Line::default();
    };
    let text = part.text(article);
    let (base, prefix) = match part {
        Part::Title => (app.theme.heading, None),
        Part::Source => (
            app.theme.dim,
            Some(if *first { SOURCE_PREFIX } else { "        " }),
        ),
        Part::NoInsight => (app.theme.dim, None),
        Part::Body(_) | Part::Insight(_) => (Style::default(), None),
    };
    let mut spans: Vec<Span> = prefix
        .map(|p| Span::styled(p, app.theme.dim))
        .into_iter()
        .collect();
    let mut at = range.start;
    let current = app.current_hit();
    for hit in hits_in(&app.search.hits, *part) {
        let (start, end) = (hit.start.max(range.start), hit.end.min(range.end));
        if start >= end {
            continue;
        }
        if start > at {
            spans.push(Span::styled(&text[at..start], base));
        }
        let style = if Some(hit) == current {
            app.theme.current_match
        } else {
            app.theme.matched
        };
        spans.push(Span::styled(&text[start..end], base.patch(style)));
        at = end;
    }
    if at < range.end {
        spans.push(Span::styled(&text[at..range.end], base));
    }
    Line::from(spans)
}

/// The search hits that fall in `part` of the article.
fn hits_in(hits: &[Hit], part: Part) -> impl Iterator<Item = &Hit> {
    let key = match part {
        Part::Title => Some((Field::Title, 0)),
        Part::Body(i) => Some((Field::Body, i)),
        Part::Insight(i) => Some((Field::Insight, i)),
        Part::Source | Part::NoInsight => None,
    };
    hits.iter().filter(move |h| Some((h.field, h.paragraph)) == key)
}
