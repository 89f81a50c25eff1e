//! The load-warnings overlay (`w`): what was skipped or repaired while loading, each warning
//! wrapped to the overlay's width (a long one is read whole, not cut) once, when the overlay
//! opens; j/k scroll it a warning at a time.

use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};
use ratatui::Frame;

use super::fit::{fit_str, wrap_lines};
use crate::tui::action::Action;
use crate::tui::app::App;

/// The overlay's box in `area`: as wide as the widest warning and as tall as the wrapped
/// warnings, within the screen.
fn popup(app: &App, area: Rect) -> Rect {
    let widest =
        app.warnings.iter().map(|w| unicode_width::UnicodeWidthStr::width(w.as_str())).max().unwrap_or(0);
    // Border, a space each side and the continuation rows' indent: the widest fits one row.
    let width = (widest.min(usize::from(u16::MAX)) as u16).saturating_add(6).min(area.width);
    // Rows counted only until the screen is full: a load can warn about thousands of files.
    let room = usize::from(area.height.saturating_sub(2));
    let mut rows = 0;
    for w in &app.warnings {
        rows += rows_of(w, width.saturating_sub(2)).len();
        if rows >= room {
            break;
        }
    }
    area.centered(
        Constraint::Length(width),
        Constraint::Length((rows.min(room) as u16).saturating_add(2).min(area.height)),
    )
}

/// The overlay laid out in one area: each warning wrapped once, when it opens, the screen
/// changes or more warnings arrive (kept in `App::overlays`), not on every frame.
#[derive(Debug, Clone)]
pub struct WarningsLayout {
    popup: Rect,
    /// Each warning's rows at the overlay's width.
    rows: Vec<Vec<Line<'static>>>,
    /// The first warning of the last full page.
    last_page: usize,
}

/// Lays the overlay out in `area`.
pub fn layout(app: &App, area: Rect) -> WarningsLayout {
    let popup = popup(app, area);
    let inner = Block::bordered().inner(popup);
    let rows: Vec<Vec<Line<'static>>> = app.warnings.iter().map(|w| rows_of(w, inner.width)).collect();
    // Counted back from the end: the first warning of the last full page.
    let mut shown = 0;
    let mut last_page = 0;
    for (i, r) in rows.iter().enumerate().rev() {
        shown += r.len();
        if shown > usize::from(inner.height) {
            last_page = i + 1;
            break;
        }
    }
    WarningsLayout { popup, rows, last_page }
}

/// The furthest the overlay scrolls on the reader's screen (in warnings): its last page stays
/// full. From the layout kept while it is open.
pub fn max_scroll(app: &App) -> u16 {
    let area = app.overlay_area();
    let last = match app.overlays.warnings.fresh(&(area, app.warnings.len())) {
        Some(made) => made.last_page,
        None => layout(app, area).last_page,
    };
    last.min(usize::from(u16::MAX)) as u16
}

/// One warning's rows: wrapped to the overlay, continuation rows indented.
fn rows_of(warning: &str, width: u16) -> Vec<Line<'static>> {
    let rows = wrap_lines(vec![Line::raw(warning.to_string())], width.saturating_sub(3).max(1));
    rows.into_iter()
        .enumerate()
        .map(|(k, mut row)| {
            row.spans.insert(0, (if k == 0 { " " } else { "   " }).into());
            row
        })
        .collect()
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let made;
    let layout = match app.overlays.warnings.fresh(&(area, app.warnings.len())) {
        Some(kept) => kept,
        None => {
            made = layout(app, area);
            &made
        }
    };
    let popup = layout.popup;
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
    // A resize can shrink the list's end under the scroll: the last page stays full.
    let first = usize::from(app.warnings_scroll).min(layout.last_page);
    let lines: Vec<Line> =
        layout.rows[first..].iter().flatten().take(usize::from(inner.height)).cloned().collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
