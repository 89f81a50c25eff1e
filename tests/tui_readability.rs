//! Readability on screen: no text drawn in its own background colour, the selection covering
//! the whole row, and every cut line ending with `…`. Checked on ratatui's TestBackend with the
//! default (coloured) theme at 120x40, 80x24 and 50x20.

use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Color;
use ratatui::widgets::Block;
use ratatui::Terminal;
use triptych::load::load_seeds;
use triptych::tui::action::Action;
use triptych::tui::app::App;
use triptych::tui::layout::{inner, Pane};
use triptych::tui::theme::Theme;
use triptych::tui::update::update;
use triptych::tui::view::render;

const SIZES: [(u16, u16); 3] = [(120, 40), (80, 24), (50, 20)];

fn app(width: u16, height: u16) -> App {
    let mut app = App::new(load_seeds().corpus, Rect::new(0, 0, width, height));
    app.theme = Theme::default();
    app
}

fn draw(app: &App) -> Buffer {
    let mut t = Terminal::new(TestBackend::new(app.area.width, app.area.height)).unwrap();
    t.draw(|f| render(app, f)).unwrap();
    t.backend().buffer().clone()
}

fn row_text(buf: &Buffer, x: std::ops::Range<u16>, y: u16) -> String {
    let mut out = String::new();
    let mut col = x.start;
    while col < x.end {
        let s = buf[(col, y)].symbol();
        out.push_str(s);
        col += unicode_width::UnicodeWidthStr::width(s).max(1) as u16;
    }
    out
}

fn type_query(app: &mut App, text: &str) {
    let searcher = triptych::search::Searcher::new(&app.corpus);
    update(app, Action::SearchStart);
    for c in text.chars() {
        if let Some(req) = update(app, Action::PromptInsert(c)) {
            app.apply_search(triptych::tui::search::run_now(&searcher, req));
        }
    }
}

/// Every cell that sets both colours sets different ones.
fn assert_readable(buf: &Buffer, what: &str) {
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let c = &buf[(x, y)];
            if c.fg != Color::Reset && c.bg != Color::Reset {
                assert_ne!(
                    c.fg,
                    c.bg,
                    "{what}: cell ({x},{y}) {:?} drawn in its background colour",
                    c.symbol()
                );
            }
        }
    }
}

#[test]
fn no_cell_is_drawn_in_its_own_background_colour() {
    for (w, h) in SIZES {
        let what = |s: &str| format!("{w}x{h} {s}");
        let mut a = app(w, h);
        if (60..100).contains(&w) {
            // Below 100 columns the list is hidden by default: show it.
            update(&mut a, Action::ToggleList);
        }
        assert_readable(&draw(&a), &what("list focused"));
        update(&mut a, Action::Open);
        assert_readable(&draw(&a), &what("list not focused"));
        type_query(&mut a, "altman");
        update(&mut a, Action::PromptSubmit);
        assert_readable(&draw(&a), &what("filtered, list not focused"));
        update(&mut a, Action::ToggleCompare);
        a.compare_now();
        assert_readable(&draw(&a), &what("compare mode"));
        update(&mut a, Action::ToggleHelp);
        assert_readable(&draw(&a), &what("help overlay"));
    }
}

#[test]
fn the_selected_item_reads_and_is_highlighted_across_the_whole_row() {
    let mut a = app(120, 40);
    update(&mut a, Action::FocusNext);
    assert_ne!(a.focus, Pane::List);
    let buf = draw(&a);
    let list = a.areas().list.unwrap();
    let rows = Block::bordered().inner(list);
    let selected_bg = Theme::default().selected_unfocused.bg.unwrap();
    for y in [rows.y, rows.y + 1] {
        for x in rows.left()..rows.right() {
            assert_eq!(buf[(x, y)].bg, selected_bg, "cell ({x},{y}) of the selected row");
        }
    }
    // The second line (the source) is there and readable.
    let source = a.corpus.articles()[0].source.clone().unwrap();
    let second = row_text(&buf, rows.left()..rows.right(), rows.y + 1);
    assert!(second.contains(&source[..10]), "{second}");
    // The row below is not highlighted.
    assert_ne!(buf[(rows.right() - 1, rows.y + 2)].bg, selected_bg);
}

#[test]
fn cut_list_titles_and_header_end_with_an_ellipsis() {
    for (w, h) in SIZES {
        let mut a = app(w, h);
        if (60..100).contains(&w) {
            update(&mut a, Action::ToggleList);
        }
        let Some(list) = a.areas().list else { continue };
        let body = inner(list);
        let buf = draw(&a);
        let mut cut = 0;
        for (n, article) in a.corpus.articles().iter().enumerate().take(usize::from(body.height) / 2) {
            let drawn = row_text(&buf, body.left()..body.right(), body.y + 2 * n as u16);
            let full = format!("{}{}", if article.has_insight() { "◆ " } else { "  " }, article.title);
            if unicode_width::UnicodeWidthStr::width(full.as_str()) > usize::from(body.width) {
                assert!(drawn.trim_end().ends_with('…'), "{w}x{h}: cut title without …: {drawn:?}");
                cut += 1;
            } else {
                assert_eq!(drawn.trim_end(), full, "{w}x{h}");
            }
        }
        assert!(cut > 0, "{w}x{h}: some titles are too long for the list");
    }
    // The header: 20 columns of list at 80x24 cannot hold " Articles (1 of 11) ".
    let mut a = app(80, 24);
    update(&mut a, Action::ToggleList);
    type_query(&mut a, "altman");
    update(&mut a, Action::PromptSubmit);
    let list = a.areas().list.unwrap();
    let buf = draw(&a);
    let header = row_text(&buf, list.left()..list.right(), list.y);
    assert!(header.contains(" Articles (1 of 1…"), "{header:?}");
}

#[test]
fn cut_status_lines_and_help_end_with_an_ellipsis() {
    // Key hints: whole hints are dropped, and `…` says so.
    let a = app(50, 20);
    let buf = draw(&a);
    let status = row_text(&buf, 0..50, a.areas().status.y);
    assert!(status.trim_end().ends_with('…'), "{status:?}");
    assert!(status.contains("? help"), "{status:?}");
    assert!(!status.contains(" t lis"), "no half hints: {status:?}");

    // The compare status line, far longer than 80 columns.
    let mut a = app(80, 24);
    update(&mut a, Action::ToggleCompare);
    a.compare_now();
    if a.focus != Pane::Insight {
        update(&mut a, Action::FocusNext);
    }
    assert_eq!(a.focus, Pane::Insight);
    let buf = draw(&a);
    let status = row_text(&buf, 0..80, a.areas().status.y);
    assert!(status.contains("COMPARE"), "{status:?}");
    assert!(status.ends_with('…'), "{status:?}");

    // The help overlay at 50 columns: every line too long for it ends with `…`.
    let mut a = app(50, 20);
    update(&mut a, Action::ToggleHelp);
    let buf = draw(&a);
    let mut cut = 0;
    for y in 0..20 {
        let row = row_text(&buf, 0..50, y);
        // Rows of the overlay end at its right border; a cut line shows `…` before it.
        if let Some(inside) = row.strip_suffix('│').or_else(|| row.strip_suffix('┐')) {
            if inside.ends_with('…') {
                cut += 1;
            }
        }
    }
    assert!(cut > 0, "the help overlay at 50 columns cuts lines with …");
}

#[test]
fn a_title_only_match_says_so_and_no_results_say_so() {
    let mut a = app(120, 40);
    type_query(&mut a, "altmn");
    update(&mut a, Action::PromptSubmit);
    update(&mut a, Action::NextMatch);
    assert!(!a.view.is_empty() && a.search.hits.is_empty(), "a fuzzy title match only");
    let buf = draw(&a);
    let status = row_text(&buf, 0..120, a.areas().status.y);
    assert!(status.contains("/altmn matched the title"), "{status:?}");
    assert!(!status.contains("no match here"), "{status:?}");

    let mut a = app(120, 40);
    type_query(&mut a, "zzqqxx");
    update(&mut a, Action::PromptSubmit);
    assert!(a.view.is_empty());
    let buf = draw(&a);
    let areas = a.areas();
    let status = row_text(&buf, 0..120, areas.status.y);
    assert!(status.contains("/zzqqxx no articles match"), "{status:?}");
    let body = inner(areas.body.unwrap());
    let first = row_text(&buf, body.left()..body.right(), body.y);
    assert!(first.contains("No articles match /zzqqxx"), "{first:?}");
    let list = inner(areas.list.unwrap());
    assert!(row_text(&buf, list.left()..list.right(), list.y).contains("No articles match."));
}
