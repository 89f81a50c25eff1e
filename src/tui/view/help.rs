//! The help overlay: every binding, generated from the keymap the app uses.

use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use ratatui::Frame;

use crate::tui::app::App;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let rows = app.keymap.help_rows();
    let key_width = rows.iter().map(|(k, _)| k.chars().count()).max().unwrap_or(0);
    let mut lines: Vec<Line> = rows
        .iter()
        .map(|(keys, what)| {
            Line::from(vec![
                Span::styled(format!(" {keys:<key_width$}  "), app.theme.heading),
                Span::raw(*what),
            ])
        })
        .collect();
    lines.push(Line::default());
    lines.push(Line::styled(
        " Mouse: wheel scrolls the pane under the pointer; click selects.",
        app.theme.dim,
    ));
    let width = lines.iter().map(Line::width).max().unwrap_or(0) as u16 + 3;
    let height = lines.len() as u16 + 2;
    let popup = area.centered(
        Constraint::Length(width.min(area.width)),
        Constraint::Length(height.min(area.height)),
    );
    frame.render_widget(Clear, popup);
    let block = Block::bordered()
        .border_style(app.theme.border_focused)
        .title(" Keys — Esc or ? to close ");
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}
