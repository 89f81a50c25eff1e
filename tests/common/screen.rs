//! Drawing the reader on ratatui's TestBackend, for the tests that assert what is on screen.

use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::Terminal;
use triptych::tui::action::Action;
use triptych::tui::app::App;
use triptych::tui::update::update;
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

/// The text of a region, a line per row; a wide character's second cell is skipped, so the
/// text reads as it looks (CJK included).
#[allow(dead_code)]
pub fn text_in(buf: &Buffer, area: Rect) -> String {
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        let mut x = area.left();
        while x < area.right() {
            let symbol = buf[(x, y)].symbol();
            out.push_str(symbol);
            x += unicode_width::UnicodeWidthStr::width(symbol).max(1) as u16;
        }
        out.push('\n');
    }
    out
}

/// Words of a region joined by single spaces, so wrapped text can be searched across rows.
#[allow(dead_code)]
pub fn words_in(buf: &Buffer, area: Rect) -> String {
    text_in(buf, area).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Types `text` into the search prompt and runs each search at once, as the worker would.
#[allow(dead_code)]
pub fn type_query(app: &mut App, text: &str) {
    let searcher = triptych::search::Searcher::new(&app.corpus);
    update(app, Action::SearchStart);
    for c in text.chars() {
        if let Some(req) = update(app, Action::PromptInsert(c)) {
            app.apply_search(triptych::tui::search::run_now(&searcher, req));
        }
    }
}
