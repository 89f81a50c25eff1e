//! Drawing the reader on ratatui's TestBackend, for the tests that assert what is on screen.

use ratatui::backend::TestBackend;
use ratatui::Terminal;
use triptych::tui::app::App;
use triptych::tui::view::render;

/// One frame of `app` at its own size.
pub fn draw(app: &App) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(app.area.width, app.area.height)).unwrap();
    t.draw(|f| render(app, f)).unwrap();
    t
}

/// The whole frame as text, a line per row (every cell's symbol, as drawn).
pub fn screen(app: &App) -> String {
    let t = draw(app);
    let buf = t.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}
