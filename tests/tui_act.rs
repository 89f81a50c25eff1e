//! What issue 12's friction fixes and article actions put on screen, on ratatui's TestBackend:
//! metadata and links in the body pane, the body taking an empty insight pane's room, the list
//! while a query is typed on a narrow screen, the warnings overlay, one-row list items, group
//! headings, the sort in the status bar, the link prompt and Esc's message.

mod common;

use common::screen::draw;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use triptych::load::load_seeds;
use triptych::tui::action::Action;
use triptych::tui::app::App;
use triptych::tui::layout::inner;
use triptych::tui::theme::Theme;
use triptych::tui::update::update;
use triptych::{Article, Corpus};

fn with_theme(mut app: App) -> App {
    app.theme = Theme::monochrome();
    app
}

fn seeds(width: u16, height: u16) -> App {
    with_theme(App::new(load_seeds().corpus, Rect::new(0, 0, width, height)))
}

fn article(title: &str, path: &str) -> Article {
    Article {
        id: title.to_lowercase(),
        key: format!("/k/{path}"),
        title: title.into(),
        path: path.into(),
        body: vec![format!("{title} is about the harbour and the cranes that arrived on Monday.")],
        ..Default::default()
    }
}

/// One article with every kind of metadata and two links, and two plain ones.
fn plain(width: u16, height: u16) -> App {
    let mut rich = article("Harbour cranes arrive", "news/cranes.md");
    rich.date = Some("2024-05-01".into());
    rich.author = Some("Jane Doe".into());
    rich.url = Some("https://example.com/cranes".into());
    rich.tags = vec!["ports".into(), "automation".into()];
    rich.links = vec!["https://example.com/one".into(), "https://example.com/two".into()];
    let corpus =
        Corpus::new(vec![rich, article("Alpha", "blog/alpha.md"), article("Gamma", "news/gamma.md")]);
    with_theme(App::new(corpus, Rect::new(0, 0, width, height)))
}

fn text_in(buf: &Buffer, area: Rect) -> String {
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

fn rows(buf: &Buffer, area: Rect) -> Vec<String> {
    text_in(buf, area).lines().map(|l| l.trim_end().to_string()).collect()
}

fn apply(app: &mut App, actions: &[Action]) {
    for &a in actions {
        update(app, a);
    }
}

#[test]
fn metadata_sits_under_the_title_and_links_are_numbered_under_the_body() {
    let a = plain(120, 30);
    let t = draw(&a);
    let body = rows(t.backend().buffer(), inner(a.areas().body.unwrap()));
    assert_eq!(
        &body[..5],
        [
            "Harbour cranes arrive",
            "2024-05-01 · by Jane Doe",
            "URL: https://example.com/cranes",
            "Tags: ports, automation",
            ""
        ]
    );
    let links = body.iter().position(|r| r == "Links").expect("a Links heading");
    assert_eq!(&body[links + 1..links + 3], ["[1] https://example.com/one", "[2] https://example.com/two"]);
}

#[test]
fn the_body_takes_the_room_of_an_empty_insight_pane() {
    let mut a = plain(120, 30);
    let t = draw(&a);
    let buf = t.backend().buffer();
    let status_row = text_in(buf, Rect::new(0, 0, 120, 1));
    assert!(!status_row.contains("Insight"), "no insight pane: {status_row}");
    assert!(!text_in(buf, a.areas().status).contains("No insight"));
    // The body's right border is the screen's.
    assert_eq!(buf[(119, 0)].symbol(), "┐");
    assert!(!text_in(buf, Rect::new(0, 0, 120, 29)).contains("no insight section"));
    apply(&mut a, &[Action::ToggleInsight]);
    let t = draw(&a);
    assert!(text_in(t.backend().buffer(), Rect::new(0, 0, 120, 29))
        .contains("This article has no insight section."));
}

#[test]
fn snapshot_80x24_without_insight() {
    insta::assert_snapshot!(draw(&plain(80, 24)).backend());
}

#[test]
fn the_list_takes_a_narrow_screen_while_a_query_is_typed() {
    let mut a = seeds(80, 24);
    apply(&mut a, &[Action::FocusNext, Action::SearchStart]);
    // Results arrive from the worker in the reader; here the whole list stands for them.
    let t = draw(&a);
    let screen = text_in(t.backend().buffer(), Rect::new(0, 0, 80, 24));
    assert!(screen.starts_with("┌ Articles (11) "), "{screen}");
    assert!(
        screen.contains("◆ OpenAI CEO Sam Altman Outlines Three Principles"),
        "titles at full width: {screen}"
    );
    insta::assert_snapshot!(t.backend());
}

#[test]
fn warnings_are_counted_until_read_in_their_overlay() {
    let mut a = seeds(100, 20);
    a.warnings = vec![
        "warning: skipped /data/bad.json: line 1: invalid JSON".to_string(),
        "warning: skipped /data/huge.txt: file is larger than the 10-byte limit".to_string(),
    ];
    let status = text_in(draw(&a).backend().buffer(), a.areas().status);
    assert!(status.starts_with(" 2 load warnings: w shows "), "{status}");
    apply(&mut a, &[Action::ShowWarnings]);
    let t = draw(&a);
    let screen = text_in(t.backend().buffer(), Rect::new(0, 0, 100, 20));
    assert!(screen.contains(" 2 load warnings — Esc to close"), "{screen}");
    assert!(
        screen.contains(" warning: skipped /data/huge.txt: file is larger than the 10-byte limit"),
        "{screen}"
    );
    insta::assert_snapshot!(t.backend());
    apply(&mut a, &[Action::Back]);
    let status = text_in(draw(&a).backend().buffer(), a.areas().status);
    assert!(!status.contains("warning"), "seen: the count goes: {status}");
}

/// Text without spaces and the overlay's side borders: wrapped text reads as one.
fn squeezed(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace() && *c != '│').collect()
}

#[test]
fn a_warning_wider_than_the_screen_is_wrapped_whole() {
    let mut a = seeds(60, 20);
    let long = "warning: skipped /data/feeds/harbour.json: missing field `title` at line 3 column 17";
    a.warnings = vec![long.to_string(), "warning: the last one".to_string()];
    apply(&mut a, &[Action::ShowWarnings]);
    let screen = text_in(draw(&a).backend().buffer(), Rect::new(0, 0, 60, 20));
    assert!(!screen.lines().any(|l| l.contains("warning") && l.contains('…')), "nothing is cut: {screen}");
    assert!(squeezed(&screen).contains(&squeezed(long)), "the warning reads whole across rows: {screen}");
    assert!(screen.contains("warning: the last one"), "{screen}");
}

#[test]
fn items_without_a_second_line_take_one_row() {
    let mut a = plain(120, 12);
    a.reading.marks.entry("/k/blog/alpha.md".into()).or_default().starred = true;
    let t = draw(&a);
    let list = rows(t.backend().buffer(), inner(a.areas().list.unwrap()));
    assert_eq!(&list[..4], ["   Harbour cranes arrive", " ★ Alpha", "   Gamma", ""]);
}

#[test]
fn groups_get_headings_and_the_status_bar_names_the_order() {
    let mut a = plain(120, 12);
    apply(&mut a, &[Action::CycleSort, Action::CycleGroup]);
    let t = draw(&a);
    let buf = t.backend().buffer();
    let list = rows(buf, inner(a.areas().list.unwrap()));
    assert_eq!(&list[..5], ["▸ blog", "   Alpha", "▸ news", "   Gamma", "   Harbour cranes arrive"]);
    let status = text_in(buf, a.areas().status);
    assert!(status.contains("│ by title, folders │"), "{status}");
    // The default order (as the files were read) takes no room.
    let seeds_status = text_in(draw(&seeds(120, 40)).backend().buffer(), Rect::new(0, 39, 120, 1));
    assert!(!seeds_status.contains("│ by "), "{seeds_status}");
    apply(&mut a, &[Action::CycleGroup, Action::CycleGroup]);
    let status = text_in(draw(&a).backend().buffer(), a.areas().status);
    assert!(status.contains("│ by title │"), "{status}");
}

#[test]
fn o_asks_for_a_link_number_and_esc_says_how_to_quit() {
    let mut a = plain(120, 12);
    apply(&mut a, &[Action::OpenLink]);
    let status = text_in(draw(&a).backend().buffer(), a.areas().status);
    assert!(status.starts_with("open link   1–2, Enter: the article's URL, Esc: cancel"), "{status}");
    // The prompt names its keys as bound.
    use triptych::tui::keymap::{Chord, Table};
    a.keymap.bind(Table::Prompt, Action::PromptSubmit, &[Chord::parse("ctrl-j").unwrap()]);
    let status = text_in(draw(&a).backend().buffer(), a.areas().status);
    assert!(status.contains("1–2, Ctrl-j: the article's URL"), "{status}");
    apply(&mut a, &[Action::PromptCancel, Action::Back]);
    let status = text_in(draw(&a).backend().buffer(), a.areas().status);
    assert!(status.starts_with(" nothing to back out of; q quits "), "{status}");
}

#[test]
fn the_help_lists_the_new_keys_and_esc_no_longer_quits() {
    let mut a = seeds(120, 60);
    apply(&mut a, &[Action::ToggleHelp]);
    let screen = text_in(draw(&a).backend().buffer(), Rect::new(0, 0, 120, 60));
    for (key, what) in [
        ("o", "open the URL, or o then a number: a link"),
        ("e", "edit the article's file in $EDITOR"),
        ("v", "read the plain text in $PAGER"),
        ("y", "copy the text (compare: the claim)"),
        ("S", "sort by path/title/date/source/grounding"),
        ("z", "group by nothing / folder / source"),
        ("w", "read the load warnings"),
        ("i", "show / hide an empty insight pane"),
        ("Esc", "back: overlay, compare, filter (q quits)"),
    ] {
        // Keys are padded to the widest ("PgDn Space") and two spaces.
        let row = format!("{key:<12}{what}");
        assert!(screen.contains(&row), "{row:?} in\n{screen}");
    }
}

#[test]
fn the_help_names_the_quit_key_as_bound() {
    use triptych::tui::keymap::{Chord, Table};
    let mut a = seeds(120, 60);
    a.keymap.bind(Table::Reader, Action::Quit, &[Chord::parse("x").unwrap()]);
    apply(&mut a, &[Action::ToggleHelp]);
    let screen = text_in(draw(&a).backend().buffer(), Rect::new(0, 0, 120, 60));
    assert!(screen.contains("back: overlay, compare, filter (x quits)"), "{screen}");
    assert!(!screen.contains("q quits"), "{screen}");
}

/// Every cell that sets both colours sets different ones.
fn assert_readable(buf: &Buffer, what: &str) {
    use ratatui::style::Color;
    for (i, c) in buf.content().iter().enumerate() {
        if c.fg != Color::Reset && c.bg != Color::Reset {
            assert_ne!(c.fg, c.bg, "{what}: cell {i} {:?} drawn in its background colour", c.symbol());
        }
    }
}

#[test]
fn the_new_screens_are_readable_in_every_theme_and_fit_the_screen() {
    let sizes = [(120, 40), (80, 24), (50, 20)];
    for ((w, h), &(theme, _)) in
        sizes.into_iter().flat_map(|s| triptych::tui::theme::BUILTIN.iter().map(move |t| (s, t)))
    {
        let what = |s: &str| format!("{theme} {w}x{h} {s}");
        let mut a = plain(w, h);
        a.theme = Theme::builtin(theme).unwrap();
        a.reading.marks.entry("/k/blog/alpha.md".into()).or_default().starred = true;
        a.warnings = vec![format!("warning: skipped /a/very/long/path/{}.json: not JSON", "x".repeat(60))];
        apply(&mut a, &[Action::CycleSort, Action::CycleGroup]);
        assert_readable(draw(&a).backend().buffer(), &what("grouped one-row list, selection on a star"));
        apply(&mut a, &[Action::Open]);
        assert_readable(draw(&a).backend().buffer(), &what("metadata, links, no insight pane"));
        apply(&mut a, &[Action::OpenLink]);
        assert_readable(draw(&a).backend().buffer(), &what("link prompt"));
        apply(&mut a, &[Action::PromptCancel, Action::ShowWarnings]);
        let t = draw(&a);
        assert_readable(t.backend().buffer(), &what("warnings overlay"));
        let screen = text_in(t.backend().buffer(), Rect::new(0, 0, w, h));
        // Wrapped, never cut: the warning reads whole across the overlay's rows.
        assert!(
            squeezed(&screen).contains(&squeezed(&a.warnings[0])),
            "{}: the warning whole: {screen}",
            what("")
        );
        apply(&mut a, &[Action::Back, Action::Back, Action::Back]);
        assert_readable(draw(&a).backend().buffer(), &what("Esc's message"));
    }
}
