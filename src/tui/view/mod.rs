//! Drawing. Functions here only read `App` and write to the frame: no state changes, no
//! wrapping or searching (overlays draw the lines `App::sync` made, see `tui::overlay`). Each
//! frame touches only the visible rows and list items.

mod fit;
pub mod help;
pub(crate) mod links;
mod list;
pub(crate) mod related;
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
pub use links::max_scroll as links_max_scroll;

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
        related::render(app, frame, app.overlay_area());
    }
    if app.warnings_open {
        warnings::render(app, frame, app.overlay_area());
    }
    if app.help {
        help::render(app, frame, app.overlay_area());
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

/// Clears the area an overlay is drawn in. A wide character (CJK) just left of it would
/// otherwise still cover the overlay's first column: the terminal update skips the cell a wide
/// character spans, so the overlay's border there is never drawn. It is blanked instead.
fn clear_for_overlay(frame: &mut Frame, popup: Rect) {
    frame.render_widget(ratatui::widgets::Clear, popup);
    if popup.x == 0 {
        return;
    }
    let buf = frame.buffer_mut();
    for y in popup.top()..popup.bottom() {
        let cell = &mut buf[(popup.x - 1, y)];
        if unicode_width::UnicodeWidthStr::width(cell.symbol()) > 1 {
            cell.set_symbol(" ");
        }
    }
}

#[cfg(test)]
mod overlay_tests {
    use ratatui::{backend::TestBackend, layout::Rect, Terminal};

    #[test]
    fn a_wide_character_left_of_an_overlay_is_blanked_so_the_border_shows() {
        let mut t = Terminal::new(TestBackend::new(10, 1)).unwrap();
        t.draw(|f| {
            f.buffer_mut().set_string(0, 0, "ab产cd", ratatui::style::Style::default());
            super::clear_for_overlay(f, Rect::new(3, 0, 4, 1));
            f.buffer_mut()[(3, 0)].set_symbol("│");
        })
        .unwrap();
        let row: String = (0..10).map(|x| t.backend().buffer()[(x, 0)].symbol().to_string()).collect();
        assert_eq!(row, "ab │      ", "产 at column 2 would cover column 3");
    }
}
