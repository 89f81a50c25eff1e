//! Drawing. Functions here only read `App` and write to the frame: no state changes, no
//! wrapping or searching. Each frame touches only the visible rows and list items.

mod fit;
pub mod help;
mod links;
mod list;
mod related;
mod status;
mod text;
pub mod warnings;

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, BorderType};
use ratatui::Frame;

use super::app::App;
pub(crate) use super::layout::inner;
use super::layout::Pane;

pub fn render(app: &App, frame: &mut Frame) {
    // The theme's text colours are the whole screen's: a light theme paints its background.
    let area = frame.area();
    frame.buffer_mut().set_style(area, app.theme.text);
    let areas = app.areas();
    if let Some(r) = areas.list {
        list::render(app, frame, r);
    }
    if let Some(r) = areas.body {
        text::render(app, Pane::Body, frame, r);
    }
    if let Some(r) = areas.insight {
        text::render(app, Pane::Insight, frame, r);
    }
    if let Some(r) = areas.links {
        links::render(app, frame, r);
    }
    status::render(app, frame, areas.status);
    if app.related.is_some() {
        related::render(app, frame, frame.area());
    }
    if app.warnings_open {
        warnings::render(app, frame, frame.area());
    }
    if app.help {
        help::render(app, frame, frame.area());
    }
}

/// A bordered block whose border shows whether `pane` has focus; a title too long for `area`
/// ends with `…`.
fn pane_block<'a>(app: &App, pane: Pane, title: String, area: Rect) -> Block<'a> {
    let title = fit::fit_str(&title, usize::from(area.width.saturating_sub(2))).into_owned();
    let focused = app.focus == pane;
    let (style, kind) = if focused {
        (app.theme.border_focused, BorderType::Thick)
    } else {
        (app.theme.border, BorderType::Plain)
    };
    Block::bordered().border_type(kind).border_style(style).title(title).title_style(if focused {
        app.theme.border_focused
    } else {
        Style::new()
    })
}
