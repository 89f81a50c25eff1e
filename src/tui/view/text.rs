//! The body and insight panes: the visible slice of the pre-wrapped rows, and a scrollbar.

use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};
use ratatui::Frame;

use super::{inner, pane_block};
use crate::model::DEFAULT_INSIGHT_LABEL;
use crate::tui::app::App;
use crate::tui::layout::Pane;
use crate::tui::wrap::{Part, Row, SOURCE_PREFIX};

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
    let lines: Vec<Line> = rows
        .map(|row| match row {
            Row::Blank => Line::default(),
            Row::Text { part, range, first } => {
                let text = &part.text(article)[range.clone()];
                match part {
                    Part::Title => Line::styled(text, app.theme.heading),
                    Part::Source => {
                        let prefix = if *first { SOURCE_PREFIX } else { "        " };
                        Line::from(vec![
                            Span::styled(prefix, app.theme.dim),
                            Span::styled(text, app.theme.dim),
                        ])
                    }
                    Part::NoInsight => Line::styled(text, app.theme.dim),
                    Part::Body(_) | Part::Insight(_) => Line::raw(text),
                }
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), body);
    if view.max_scroll() > 0 {
        let mut state = ScrollbarState::new(view.max_scroll()).position(view.scroll);
        let bar = Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None);
        frame.render_stateful_widget(bar, area.inner(Margin::new(0, 1)), &mut state);
    }
}
