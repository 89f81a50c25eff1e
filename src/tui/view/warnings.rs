//! The load-warnings overlay (`w`): what was skipped or repaired while loading, each warning
//! wrapped to the overlay's width (a long one is read whole, not cut) when the overlay opens or
//! scrolls, not on every frame; j/k scroll it a warning at a time.

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

/// The overlay laid out in one area at one scroll: made when it opens, the screen changes,
/// more warnings arrive or it scrolls (kept in `App::overlays`), not on every frame. Only the
/// page shown is wrapped: a load can warn about thousands of files.
#[derive(Debug, Clone)]
pub struct WarningsLayout {
    popup: Rect,
    /// The rows of the page shown.
    rows: Vec<Line<'static>>,
    /// The first warning of the last full page.
    last_page: usize,
}

/// What the layout is made for: the area, the number of warnings and the scroll.
pub type WarningsKey = (Rect, usize, u16);

pub fn key(app: &App, area: Rect) -> WarningsKey {
    (area, app.warnings.len(), app.warnings_scroll)
}

/// Lays the overlay out in `area`.
pub fn layout(app: &App, area: Rect) -> WarningsLayout {
    let popup = popup(app, area);
    let inner = Block::bordered().inner(popup);
    let last_page = last_page(app, inner);
    // A resize can shrink the list's end under the scroll: the last page stays full.
    let first = usize::from(app.warnings_scroll).min(last_page);
    let mut rows: Vec<Line<'static>> = Vec::new();
    for w in &app.warnings[first..] {
        if rows.len() >= usize::from(inner.height) {
            break;
        }
        rows.extend(rows_of(w, inner.width));
    }
    rows.truncate(usize::from(inner.height));
    WarningsLayout { popup, rows, last_page }
}

/// The first warning of the last full page: counted back from the end, so only the warnings
/// that page shows are wrapped.
fn last_page(app: &App, inner: Rect) -> usize {
    let mut rows = 0;
    for (i, w) in app.warnings.iter().enumerate().rev() {
        rows += rows_of(w, inner.width).len();
        if rows > usize::from(inner.height) {
            return i + 1;
        }
    }
    0
}

/// The furthest the overlay scrolls on the reader's screen (in warnings): its last page stays
/// full. From the layout kept while it is open.
pub fn max_scroll(app: &App) -> u16 {
    let area = app.overlay_area();
    let last = match app.overlays.warnings.fresh(&key(app, area)) {
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
    let layout = match app.overlays.warnings.fresh(&key(app, area)) {
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
    frame.render_widget(Paragraph::new(layout.rows.clone()), inner);
}
