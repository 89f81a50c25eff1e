//! Compare mode on a narrow terminal: the facts linked to the current claim, shown under it.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
use ratatui::Frame;

use crate::tui::app::App;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let block = Block::bordered().border_style(app.theme.border).title(" Supporting facts ");
    let Some(state) = &app.compare else {
        frame.render_widget(block, area);
        return;
    };
    let lines: Vec<Line> = match state.current_claim() {
        Some(cl) if !cl.links.is_empty() => cl
            .links
            .iter()
            .map(|l| {
                Line::from(vec![
                    Span::styled(format!("F{} {:.2} ", l.fact + 1, l.score), app.theme.heading),
                    Span::raw(state.comparison.facts[l.fact].text.as_str()),
                    Span::styled(format!(" [{}]", crate::compare::terms_text(&l.terms)), app.theme.dim),
                ])
            })
            .collect(),
        _ => vec![Line::styled("Nothing in the article supports this statement.", app.theme.cmp_unsupported)],
    };
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }).block(block), area);
}
