//! The load-warnings overlay (`w`): what was skipped or repaired while loading, one line per
//! warning, cut with `…` when wider than the screen; j/k scroll it.

use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};
use ratatui::Frame;

use super::fit::{fit_line, fit_str};
use crate::tui::action::Action;
use crate::tui::app::App;

/// The overlay's box in `area`: as wide as the widest warning and as tall as the list, within
/// the screen.
fn popup(app: &App, area: Rect) -> Rect {
    let widest =
        app.warnings.iter().map(|w| unicode_width::UnicodeWidthStr::width(w.as_str())).max().unwrap_or(0);
    let lines = app.warnings.len().min(usize::from(u16::MAX)) as u16;
    area.centered(
        Constraint::Length((widest.min(usize::from(u16::MAX)) as u16).saturating_add(4).min(area.width)),
        Constraint::Length(lines.saturating_add(2).min(area.height)),
    )
}

/// The furthest the overlay scrolls on the reader's screen: its last page stays full.
pub fn max_scroll(app: &App) -> u16 {
    let shown = usize::from(popup(app, app.area).height.saturating_sub(2));
    app.warnings.len().saturating_sub(shown).min(usize::from(u16::MAX)) as u16
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let popup = popup(app, area);
    super::clear_for_overlay(frame, popup);
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
        // A resize can shrink the list's end under the scroll: the last page stays full.
        .skip(usize::from(app.warnings_scroll).min(n.saturating_sub(usize::from(inner.height))))
        .take(usize::from(inner.height))
        .map(|w| fit_line(Line::raw(format!(" {w}")), width + 1))
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
