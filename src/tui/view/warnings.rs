//! The load-warnings overlay (`w`): what was skipped or repaired while loading, one line per
//! warning, cut with `…` when wider than the screen; j/k scroll it.

use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph};
use ratatui::Frame;

use super::fit::{fit_line, fit_str};
use crate::tui::action::Action;
use crate::tui::app::App;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let widest =
        app.warnings.iter().map(|w| unicode_width::UnicodeWidthStr::width(w.as_str())).max().unwrap_or(0);
    let popup = area.centered(
        Constraint::Length((widest as u16).saturating_add(4).min(area.width)),
        Constraint::Length((app.warnings.len() as u16).saturating_add(2).min(area.height)),
    );
    frame.render_widget(Clear, popup);
    // The theme's text colours under the overlay, as the help overlay has them.
    frame.buffer_mut().set_style(popup, app.theme.text);
    let n = app.warnings.len();
    // The keys as bound now, as the help overlay names them.
    let key = |a: Action| app.keymap.key_text(a);
    let title = format!(
        " {n} load warning{} — {} to close, {}/{} to scroll ",
        if n == 1 { "" } else { "s" },
        key(Action::Back),
        key(Action::Down),
        key(Action::Up)
    );
    let title = fit_str(&title, usize::from(popup.width.saturating_sub(2))).into_owned();
    let block = Block::bordered().border_style(app.theme.border_focused).title(title);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let width = usize::from(inner.width.saturating_sub(2));
    // Only the visible lines are built: a load can warn about thousands of files.
    let lines: Vec<Line> = app
        .warnings
        .iter()
        .skip(usize::from(app.warnings_scroll))
        .take(usize::from(inner.height))
        .map(|w| fit_line(Line::raw(format!(" {w}")), width + 1))
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
