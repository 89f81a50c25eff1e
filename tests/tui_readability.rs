//! Readability on screen: no text drawn in its own background colour (in every built-in theme),
//! the selection covering the whole row, and every cut line ending with `…`. Checked on
//! ratatui's TestBackend at 120x40, 80x24 and 50x20.

mod common;

use common::screen::type_query;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};
use ratatui::widgets::Block;
use ratatui::Terminal;
use triptych::load::load_seeds;
use triptych::tui::action::Action;
use triptych::tui::app::{App, Density};
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

/// No cell with text shows it in its background colour. A cell left at `Reset` shows the
/// theme's text colours (the screen is filled with them), and when those are `Reset` too,
/// the terminal's own; a theme that sets a background must paint every cell with one.
fn assert_readable(buf: &Buffer, theme: &Theme, what: &str) {
    let base_fg = theme.text.fg.unwrap_or(Color::Reset);
    let base_bg = theme.text.bg.unwrap_or(Color::Reset);
    for y in 0..buf.area.height {
        let mut covered = 0;
        for x in 0..buf.area.width {
            let c = &buf[(x, y)];
            // The cells a wide character covers are blank and reset; it paints them.
            if covered > 0 {
                covered -= 1;
                continue;
            }
            covered = unicode_width::UnicodeWidthStr::width(c.symbol()).saturating_sub(1);
            if theme.text.bg.is_some() {
                assert_ne!(
                    c.bg,
                    Color::Reset,
                    "{what}: cell ({x},{y}) left unpainted by a theme with a background"
                );
            }
            if c.symbol().trim().is_empty() {
                continue;
            }
            let mut fg = if c.fg == Color::Reset { base_fg } else { c.fg };
            let mut bg = if c.bg == Color::Reset { base_bg } else { c.bg };
            if c.modifier.contains(Modifier::REVERSED) {
                std::mem::swap(&mut fg, &mut bg);
            }
            if fg == Color::Reset && bg == Color::Reset {
                continue; // the terminal's own colours
            }
            assert_ne!(fg, bg, "{what}: cell ({x},{y}) {:?} drawn in its background colour", c.symbol());
        }
    }
}

fn builtin_themes() -> Vec<(&'static str, Theme)> {
    triptych::tui::theme::BUILTIN.iter().map(|&(name, _)| (name, Theme::builtin(name).unwrap())).collect()
}

#[test]
fn no_theme_draws_text_in_its_own_background_colour() {
    for (name, theme) in builtin_themes() {
        for density in [Density::Comfortable, Density::Compact] {
            for (w, h) in SIZES {
                let what = |s: &str| format!("{name} {density:?} {w}x{h} {s}");
                let mut a = app(w, h);
                a.theme = theme.clone();
                a.density = density;
                if (60..100).contains(&w) {
                    // Below 100 columns the list is hidden by default: show it.
                    update(&mut a, Action::ToggleList);
                }
                // Marks on the selected article and the next: a star and a read title.
                update(&mut a, Action::ToggleStar);
                update(&mut a, Action::Down);
                update(&mut a, Action::ToggleStar);
                update(&mut a, Action::Up);
                assert_readable(&draw(&a), &theme, &what("list focused"));
                update(&mut a, Action::Open);
                assert_readable(&draw(&a), &theme, &what("list not focused"));
                update(&mut a, Action::SearchStart);
                assert_readable(&draw(&a), &theme, &what("search prompt"));
                update(&mut a, Action::PromptCancel);
                type_query(&mut a, "altman");
                update(&mut a, Action::PromptSubmit);
                update(&mut a, Action::NextMatch);
                assert_readable(&draw(&a), &theme, &what("filtered, a match current"));
                update(&mut a, Action::ToggleCompare);
                a.compare_now();
                assert_readable(&draw(&a), &theme, &what("compare mode"));
                update(&mut a, Action::FocusNext);
                assert_readable(&draw(&a), &theme, &what("compare mode, next pane"));
                update(&mut a, Action::ToggleHelp);
                assert_readable(&draw(&a), &theme, &what("help overlay"));
                let mut none = app(w, h);
                none.theme = theme.clone();
                type_query(&mut none, "zzqqxx");
                update(&mut none, Action::PromptSubmit);
                assert_readable(&draw(&none), &theme, &what("no results"));
            }
        }
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
    let insight = inner(areas.insight.unwrap());
    let first = row_text(&buf, insight.left()..insight.right(), insight.y);
    assert!(first.contains("No articles match /zzqqxx"), "the insight pane is not left blank: {first:?}");
    let list = inner(areas.list.unwrap());
    assert!(row_text(&buf, list.left()..list.right(), list.y).contains("No articles match."));
}

/// Drawing code names a theme role, never a colour: the theme module is the only place in
/// `src/tui/` where a colour is written.
#[test]
fn no_colour_is_written_outside_the_theme_module() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/tui");
    let mut files = vec![root];
    let mut checked = 0;
    while let Some(path) = files.pop() {
        if path.is_dir() {
            files.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
            continue;
        }
        if path.extension().is_none_or(|e| e != "rs") || path.ends_with("tui/theme.rs") {
            continue;
        }
        checked += 1;
        let text = std::fs::read_to_string(&path).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap();
            for colour in ["Color::", ".fg(", ".bg(", "Style::new().", "Color,", "Color}"] {
                assert!(
                    !code.contains(colour),
                    "{}:{}: a colour outside the theme: {line}",
                    path.display(),
                    n + 1
                );
            }
        }
    }
    assert!(checked > 10, "the drawing code was found");
}
