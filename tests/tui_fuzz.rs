//! A randomised harness for the reader: random actions, keys and hostile Unicode typed into the
//! search prompt, at random terminal sizes, each step applied with `update`, searched with the
//! real searcher and drawn into a TestBackend. It asserts what must hold after every step: no
//! panic, the prompt cursor on a character boundary, the selection inside the list, and every
//! pane border intact (a wide grapheme that overflows would overwrite one).

use proptest::prelude::*;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::Terminal;
use triptych::load::load_seeds;
use triptych::search::Searcher;
use triptych::tui::action::Action;
use triptych::tui::app::App;
use triptych::tui::search::run_now;
use triptych::tui::update::update;
use triptych::tui::view::render;
use triptych::{Article, Corpus};

/// Text that has broken readers: multi-byte spaces, combining marks, emoji with modifiers and
/// ZWJ sequences, flags, CJK, right-to-left text, zero-width characters, case folding that
/// changes length.
const HOSTILE: &[&str] = &[
    "降息\u{3000}利率",
    "a\u{a0}b",
    "👍🏽",
    "👨\u{200d}👩\u{200d}👧\u{200d}👦",
    "🇯🇵",
    "e\u{301}\u{301}\u{301}",
    "İstanbul",
    "ß",
    "ﬁ",
    "שלום",
    "\u{200b}",
    "\u{fe0f}",
    "☃\u{fe0f}",
    "１２３",
    "\u{1f3f3}\u{fe0f}\u{200d}\u{1f308}",
    "x\u{2003}\u{2003}y",
    "title:",
    "\"",
    "-",
];

fn corpus() -> Corpus {
    let mut articles: Vec<Article> = load_seeds().corpus.articles().to_vec();
    for (i, t) in HOSTILE.iter().enumerate() {
        let mut a = Article {
            id: format!("hostile-{i}"),
            title: format!("{t} {t}{t} wide {t}"),
            source: Some(format!("{t} source")),
            body: vec![format!("{t} body {t} ").repeat(12), format!("{t}{t}{t}")],
            // Every other one without insight (its pane hidden) and with metadata and links.
            insight: if i % 2 == 0 { vec![format!("claim about {t} and body.")] } else { Vec::new() },
            date: Some(format!("{t} 2024")),
            author: Some(t.to_string()),
            url: Some(format!("https://{t}.example/{t}")),
            tags: vec![t.to_string(), format!("{t}{t}")],
            links: vec![format!("https://{t}"), t.to_string()],
            path: format!("dir{}/{t}.md", i % 3),
            ..Default::default()
        };
        a.normalize();
        articles.push(a);
    }
    Corpus::new(articles)
}

fn hostile_char() -> impl Strategy<Value = char> {
    let chars: Vec<char> = HOSTILE.iter().flat_map(|s| s.chars()).collect();
    prop_oneof![
        4 => prop::sample::select(chars),
        // White space of every width: word-wise editing must respect each one.
        2 => prop::sample::select(vec![' ', '\u{3000}', '\u{a0}', '\u{2003}', '\u{2028}', '\t']),
        1 => any::<char>(),
    ]
}

/// Keys while the prompt is open: typing and editing.
fn prompt_action() -> impl Strategy<Value = Action> {
    prop_oneof![
        5 => hostile_char().prop_map(Action::PromptInsert),
        3 => prop::sample::select(vec![
            Action::PromptLeft,
            Action::PromptRight,
            Action::PromptHome,
            Action::PromptEnd,
            Action::PromptBackspace,
            Action::PromptDelete,
            Action::PromptDeleteWord,
            Action::PromptClear,
            Action::PromptHistoryPrev,
            Action::PromptHistoryNext,
        ]),
    ]
}

/// Anything the reader can be asked to do.
fn action() -> impl Strategy<Value = Action> {
    let plain = prop::sample::select(vec![
        Action::FocusNext,
        Action::FocusPrev,
        Action::FocusLeft,
        Action::FocusRight,
        Action::Down,
        Action::Up,
        Action::HalfPageDown,
        Action::HalfPageUp,
        Action::PageDown,
        Action::PageUp,
        Action::Top,
        Action::Bottom,
        Action::Open,
        Action::PrevArticle,
        Action::NextArticle,
        Action::ToggleList,
        Action::ToggleHelp,
        Action::ToggleCompare,
        Action::SearchStart,
        Action::NextMatch,
        Action::PrevMatch,
        Action::PromptSubmit,
        Action::PromptCancel,
        Action::Back,
        Action::ToggleInsight,
        Action::ShowWarnings,
        Action::OpenLink,
        Action::EditFile,
        Action::ViewInPager,
        Action::Copy,
        Action::CycleSort,
        Action::CycleGroup,
    ]);
    prop_oneof![
        6 => plain,
        4 => prompt_action(),
        1 => (0u16..200, 0u16..70).prop_map(|(width, height)| Action::Resize { width, height }),
        1 => (0u16..200, 0u16..70, any::<bool>()).prop_map(|(column, row, down)| Action::ScrollAt { column, row, down }),
        1 => (0u16..200, 0u16..70).prop_map(|(column, row)| Action::ClickAt { column, row }),
    ]
}

/// A session: stretches of reader actions and of editing in the search prompt.
fn session() -> impl Strategy<Value = Vec<Action>> {
    let typing = prop::collection::vec(prompt_action(), 1..20)
        .prop_map(|keys| std::iter::once(Action::SearchStart).chain(keys).collect::<Vec<_>>());
    let stretch = prop_oneof![prop::collection::vec(action(), 1..10), typing];
    prop::collection::vec(stretch, 1..8).prop_map(|v| v.into_iter().flatten().collect())
}

/// True for the characters ratatui draws borders with.
fn is_border(symbol: &str) -> bool {
    symbol.chars().all(|c| ('\u{2500}'..='\u{257f}').contains(&c)) && !symbol.is_empty()
}

/// Every cell's grapheme is as wide by ratatui's measure as by the sum of its characters'
/// widths, which is how terminals that do not know a sequence draw it: where the two differ
/// (`👍🏽`: 2 against 4), the terminal's cursor drifts and overwrites the border.
fn assert_widths_agree(buf: &Buffer) -> Result<(), TestCaseError> {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    for cell in buf.content() {
        let g = cell.symbol();
        let per_char: usize = g.chars().map(|c| c.width().unwrap_or(0)).sum();
        prop_assert_eq!(g.width(), per_char, "{:?}", g);
    }
    Ok(())
}

/// The left and right border columns of every pane must still be border characters after a
/// draw (the right one may carry the scrollbar, drawn with block or box characters).
fn assert_borders(buf: &Buffer, app: &App) -> Result<(), TestCaseError> {
    let areas = app.areas();
    for rect in [areas.list, areas.body, areas.insight].into_iter().flatten() {
        let rect = rect.intersection(buf.area);
        if rect.width < 2 || rect.height < 3 || app.help || app.warnings_open {
            continue;
        }
        for y in rect.top() + 1..rect.bottom() - 1 {
            let left = buf[(rect.left(), y)].symbol();
            let right = buf[(rect.right() - 1, y)].symbol();
            prop_assert!(is_border(left), "left border at ({}, {y}) is {left:?} in {rect:?}", rect.left());
            let scrollbar = matches!(right, "█" | "║" | "│" | "▐" | "┃");
            prop_assert!(
                is_border(right) || scrollbar,
                "right border at ({}, {y}) is {right:?} in {rect:?}",
                rect.right() - 1
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn random_sessions_never_panic_and_keep_the_screen_whole(
        size in (1u16..180, 1u16..60),
        actions in session(),
    ) {
        let corpus = corpus();
        let searcher = Searcher::new(&corpus);
        let mut app = App::new(corpus.clone(), Rect::new(0, 0, size.0, size.1));
        app.warnings = vec!["warning: skipped a-very-long-name-for-a-file.json: not JSON".to_string(); 3];
        for action in actions {
            if let Some(request) = update(&mut app, action) {
                app.apply_search(run_now(&searcher, request));
            }
            if let Some(p) = &app.search.prompt {
                prop_assert!(p.text.is_char_boundary(p.cursor) && p.cursor <= p.text.len());
            }
            prop_assert!(app.view.is_empty() || app.selected < app.view.len());
            let (w, h) = (app.area.width.max(1), app.area.height.max(1));
            let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
            t.draw(|f| render(&app, f)).unwrap();
            assert_borders(t.backend().buffer(), &app)?;
            assert_widths_agree(t.backend().buffer())?;
            if app.quit {
                break;
            }
        }
    }
}

#[test]
fn the_width_check_can_fail() {
    // Before sanitising, a skin-tone sequence is one 2-column grapheme to ratatui and two
    // 2-column characters to a terminal that does not know it: the check above catches that.
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    let raw = "👍🏽";
    let per_char: usize = raw.chars().map(|c| c.width().unwrap_or(0)).sum();
    assert_ne!(raw.width(), per_char);
    let clean = triptych::sanitize::clean(raw);
    assert_eq!(clean.width(), clean.chars().map(|c| c.width().unwrap_or(0)).sum::<usize>());
}
