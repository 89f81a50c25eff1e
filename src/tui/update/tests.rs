//! One or more tests per action: focus, scroll bounds, selection clamping, overlays, mouse.

use ratatui::layout::Rect;

use super::update;
use crate::compare::Verdict;
use crate::load::load_seeds;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::layout::Pane;

fn app(width: u16, height: u16) -> App {
    App::new(load_seeds().corpus, Rect::new(0, 0, width, height))
}

fn apply(app: &mut App, actions: &[Action]) {
    for &a in actions {
        update(app, a);
    }
}

#[test]
fn down_and_up_move_the_selection_and_clamp_at_the_ends() {
    let mut a = app(120, 40);
    apply(&mut a, &[Action::Down, Action::Down]);
    assert_eq!(a.selected, 2);
    apply(&mut a, &[Action::Up, Action::Up, Action::Up]);
    assert_eq!(a.selected, 0);
    apply(&mut a, &[Action::Bottom]);
    assert_eq!(a.selected, a.view.len() - 1);
    apply(&mut a, &[Action::Down]);
    assert_eq!(a.selected, a.view.len() - 1, "clamps at the end");
    apply(&mut a, &[Action::Top]);
    assert_eq!(a.selected, 0);
}

#[test]
fn focus_cycles_with_tab_and_moves_without_wrapping_with_h_l() {
    let mut a = app(120, 40);
    assert_eq!(a.focus, Pane::List);
    apply(&mut a, &[Action::FocusNext]);
    assert_eq!(a.focus, Pane::Body);
    apply(&mut a, &[Action::FocusNext, Action::FocusNext]);
    assert_eq!(a.focus, Pane::List, "Tab wraps");
    apply(&mut a, &[Action::FocusPrev]);
    assert_eq!(a.focus, Pane::Insight, "Shift-Tab wraps backwards");
    apply(&mut a, &[Action::FocusRight]);
    assert_eq!(a.focus, Pane::Insight, "l stops at the right edge");
    apply(&mut a, &[Action::FocusLeft, Action::FocusLeft, Action::FocusLeft]);
    assert_eq!(a.focus, Pane::List, "h stops at the left edge");
}

#[test]
fn scrolling_a_text_pane_stays_in_bounds() {
    let mut a = app(120, 12);
    apply(&mut a, &[Action::FocusRight, Action::Down, Action::Down]);
    assert_eq!(a.body.scroll, 2);
    assert_eq!(a.selected, 0, "j scrolls the focused text pane, not the list");
    apply(&mut a, &[Action::Bottom]);
    assert_eq!(a.body.scroll, a.body.max_scroll());
    assert!(a.body.max_scroll() > 0);
    apply(&mut a, &[Action::PageDown, Action::Down]);
    assert_eq!(a.body.scroll, a.body.max_scroll(), "never past the end");
    apply(&mut a, &[Action::HalfPageUp]);
    assert_eq!(a.body.scroll, a.body.max_scroll() - a.body.height / 2);
    apply(&mut a, &[Action::PageUp, Action::PageUp, Action::PageUp, Action::Up]);
    assert_eq!(a.body.scroll, 0);
    apply(&mut a, &[Action::HalfPageDown]);
    assert_eq!(a.body.scroll, a.body.height / 2);
}

#[test]
fn changing_article_resets_scroll_and_rewraps() {
    let mut a = app(120, 12);
    apply(&mut a, &[Action::FocusRight, Action::PageDown]);
    assert!(a.body.scroll > 0);
    apply(&mut a, &[Action::NextArticle]);
    assert_eq!((a.selected, a.body.scroll), (1, 0));
    assert_eq!(a.body.article, Some(1));
    assert_eq!(a.focus, Pane::Body, "[ and ] work from any pane and keep focus");
    apply(&mut a, &[Action::PrevArticle, Action::PrevArticle]);
    assert_eq!(a.selected, 0);
}

#[test]
fn list_pages_move_the_selection_and_keep_it_visible() {
    let mut a = app(120, 10);
    let page = a.list_page();
    apply(&mut a, &[Action::PageDown]);
    assert_eq!(a.selected, page);
    assert!(a.list_offset <= a.selected && a.selected < a.list_offset + page);
    apply(&mut a, &[Action::HalfPageUp]);
    assert_eq!(a.selected, page - page / 2);
}

#[test]
fn enter_opens_the_selected_article() {
    let mut a = app(120, 40);
    apply(&mut a, &[Action::Down, Action::Open]);
    assert_eq!((a.focus, a.selected), (Pane::Body, 1));
}

#[test]
fn help_overlay_opens_swallows_keys_and_closes() {
    let mut a = app(120, 40);
    apply(&mut a, &[Action::ToggleHelp]);
    assert!(a.help);
    apply(&mut a, &[Action::Down]);
    assert_eq!(a.selected, 0, "keys do not reach the panes under the overlay");
    apply(&mut a, &[Action::Back]);
    assert!(!a.help && !a.quit, "Esc closes the overlay first");
    apply(&mut a, &[Action::ToggleHelp, Action::ToggleHelp]);
    assert!(!a.help);
    apply(&mut a, &[Action::Back]);
    assert!(!a.quit, "Esc with no overlay stops there: only q quits");
}

#[test]
fn quit_works_even_with_the_overlay_open() {
    let mut a = app(120, 40);
    apply(&mut a, &[Action::ToggleHelp, Action::Quit]);
    assert!(a.quit);
}

#[test]
fn toggle_list_and_resize_change_the_layout_and_keep_focus_visible() {
    let mut a = app(120, 40);
    apply(&mut a, &[Action::ToggleList]);
    assert!(a.areas().list.is_none());
    assert_eq!(a.focus, Pane::Body, "focus leaves the hidden list");
    apply(&mut a, &[Action::ToggleList, Action::Resize { width: 80, height: 24 }]);
    assert!(a.areas().list.is_none(), "the list collapses below 100 columns");
    assert_eq!(a.body.wrapped.width, 36, "re-wrapped for the new width");
    apply(&mut a, &[Action::ToggleList]);
    assert!(a.areas().list.is_some(), "and can be shown again");
}

#[test]
fn narrow_layout_cycles_one_pane_at_a_time() {
    let mut a = app(40, 12);
    assert_eq!(a.focus, Pane::List);
    assert_eq!(a.areas().list.map(|r| r.width), Some(40));
    apply(&mut a, &[Action::FocusNext]);
    assert_eq!((a.areas().list, a.areas().body.map(|r| r.width)), (None, Some(40)));
    apply(&mut a, &[Action::FocusNext]);
    assert!(a.areas().insight.is_some());
}

#[test]
fn tiny_terminals_do_not_panic() {
    let mut a = app(1, 1);
    for action in [
        Action::Down,
        Action::PageDown,
        Action::FocusNext,
        Action::Bottom,
        Action::ToggleList,
        Action::Resize { width: 0, height: 0 },
        Action::ClickAt { column: 0, row: 0 },
        Action::ScrollAt { column: 0, row: 0, down: true },
    ] {
        update(&mut a, action);
    }
}

#[test]
fn mouse_wheel_scrolls_the_pane_under_the_pointer_and_click_selects() {
    let mut a = app(120, 12);
    let insight = a.areas().insight.unwrap();
    update(&mut a, Action::ScrollAt { column: insight.x + 3, row: insight.y + 3, down: true });
    assert_eq!((a.insight.scroll, a.body.scroll), (3, 0));
    assert_eq!(a.focus, Pane::List, "the wheel does not move focus");
    let list = a.areas().list.unwrap();
    // Items are two rows each, below the top border: row y+3 is the second item's source line.
    update(&mut a, Action::ClickAt { column: list.x + 2, row: list.y + 3 });
    assert_eq!((a.focus, a.selected), (Pane::List, 1));
    update(&mut a, Action::ClickAt { column: insight.x + 3, row: insight.y + 3 });
    assert_eq!(a.focus, Pane::Insight);
}

#[test]
fn an_empty_view_is_safe() {
    let mut a = app(120, 40);
    a.view.clear();
    a.sync();
    apply(&mut a, &[Action::Down, Action::Bottom, Action::NextArticle, Action::FocusNext, Action::PageDown]);
    assert!(a.article().is_none());
}

#[test]
fn help_overlay_scrolls_within_its_content() {
    let mut a = app(40, 12);
    apply(&mut a, &[Action::ToggleHelp, Action::Down, Action::Down]);
    assert_eq!(a.help_scroll, 2);
    apply(&mut a, &[Action::Bottom, Action::PageDown, Action::Down]);
    let (left, right) = crate::tui::view::help::columns(&a);
    // 40 columns stack the columns; 12 rows, 11 above the status bar, leave 9 inside the box.
    assert_eq!(usize::from(a.help_scroll), left.len() + right.len() - 9, "the last page stays full");
    apply(&mut a, &[Action::Top]);
    assert_eq!(a.help_scroll, 0);
}

#[test]
fn compare_mode_moves_cursors_instead_of_scrolling() {
    let mut a = app(120, 12);
    apply(&mut a, &[Action::ToggleCompare]);
    assert!(a.compare.as_ref().unwrap().pending, "asked the worker, not computed on the input thread");
    assert!(a.compare_request.is_some());
    a.compare_now();
    let state = a.compare.as_ref().unwrap();
    assert!(!state.pending);
    assert_eq!((a.focus, state.claim, state.fact), (Pane::Insight, 0, 0));
    let claims = state.comparison.insights.len();
    apply(&mut a, &[Action::Down, Action::Down]);
    assert_eq!(a.compare.as_ref().unwrap().claim, 2);
    for _ in 0..claims + 3 {
        update(&mut a, Action::Down);
    }
    assert_eq!(a.compare.as_ref().unwrap().claim, claims - 1, "clamped at the last claim");
    apply(&mut a, &[Action::FocusLeft, Action::Down]);
    assert_eq!(a.compare.as_ref().unwrap().fact, 1);
    apply(&mut a, &[Action::NextArticle]);
    let state = a.compare.as_ref().unwrap();
    assert_eq!((state.article, state.claim, state.fact), (Some(1), 0, 0), "follows the open article");
    apply(&mut a, &[Action::Back]);
    assert!(a.compare.is_none() && !a.quit, "Esc leaves compare mode first");
    apply(&mut a, &[Action::Down]);
    assert_eq!(a.body.scroll, 1, "j scrolls again once compare mode is off");
}

#[test]
fn compare_tab_order_follows_the_hints_and_g_moves_the_cursor() {
    let mut a = app(120, 40);
    apply(&mut a, &[Action::ToggleCompare]);
    a.compare_now();
    assert_eq!(a.focus, Pane::Insight);
    apply(&mut a, &[Action::FocusNext]);
    assert_eq!(a.focus, Pane::Body, "from the insight pane Tab goes to the body");
    apply(&mut a, &[Action::FocusNext]);
    assert_eq!(a.focus, Pane::List);
    apply(&mut a, &[Action::FocusNext]);
    assert_eq!(a.focus, Pane::Insight, "from the list Tab goes to the insight pane, as the hint says");
    apply(&mut a, &[Action::FocusPrev]);
    assert_eq!(a.focus, Pane::List, "Shift-Tab goes back the same way");
    apply(&mut a, &[Action::FocusNext]);

    let claims = a.compare.as_ref().unwrap().comparison.insights.len();
    assert!(claims > 1);
    apply(&mut a, &[Action::Bottom]);
    assert_eq!(a.compare.as_ref().unwrap().claim, claims - 1, "G selects the last claim");
    apply(&mut a, &[Action::Top]);
    assert_eq!(a.compare.as_ref().unwrap().claim, 0, "g selects the first claim");
    apply(&mut a, &[Action::FocusNext, Action::Bottom]);
    let state = a.compare.as_ref().unwrap();
    assert_eq!(
        (a.focus, state.fact),
        (Pane::Body, state.comparison.facts.len() - 1),
        "G selects the last fact"
    );
    apply(&mut a, &[Action::Top]);
    assert_eq!(a.compare.as_ref().unwrap().fact, 0, "g selects the first fact");
}

#[test]
fn stale_search_answers_are_dropped_and_refinements_search_within_results() {
    use crate::search::Searcher;
    use crate::tui::search::run_now;
    let mut a = app(120, 40);
    let searcher = Searcher::new(&a.corpus);
    assert_eq!(update(&mut a, Action::SearchStart), None);
    let first = update(&mut a, Action::PromptInsert('r')).expect("a request per keystroke");
    let second = update(&mut a, Action::PromptInsert('a')).unwrap();
    assert!(second.generation > first.generation);
    assert_eq!(second.within, None, "nothing applied yet to refine");
    // The answer to the first keystroke arrives late: it must not replace the list.
    a.apply_search(run_now(&searcher, first));
    assert_eq!((a.view.len(), a.search.applied.as_str()), (11, ""));
    a.apply_search(run_now(&searcher, second));
    assert_eq!(a.search.applied, "ra");
    let shown = a.view.clone();
    assert!(shown.len() < 11);
    // Extending the word is a fresh search: a longer word can match titles the shorter missed.
    let extended = update(&mut a, Action::PromptInsert('i')).unwrap();
    assert_eq!(extended.within, None);
    a.apply_search(run_now(&searcher, extended));
    let shown = a.view.clone();
    update(&mut a, Action::PromptInsert(' '));
    let third = update(&mut a, Action::PromptInsert('t')).unwrap();
    assert_eq!(third.within.as_deref(), Some(&shown[..]), "another word searches only the shown results");
    let narrower = run_now(&searcher, third.clone());
    let full = run_now(&searcher, crate::tui::search::SearchRequest { within: None, ..third });
    assert_eq!(narrower.results, full.results);
    // Deleting everything clears the filter at once, with no request.
    assert_eq!(update(&mut a, Action::PromptClear), None);
    assert!(!a.search.is_filtering());
    assert_eq!(a.view.len(), 11);
}

#[test]
fn ctrl_w_after_a_multi_byte_space_deletes_the_word() {
    // The probe's exact keys: `/`, `降息　利率` (U+3000 between the words), Ctrl-w.
    for (typed, left) in [("降息\u{3000}利率", "降息\u{3000}"), ("a\u{a0}b", "a\u{a0}")] {
        let mut a = app(120, 40);
        update(&mut a, Action::SearchStart);
        for c in typed.chars() {
            update(&mut a, Action::PromptInsert(c));
        }
        update(&mut a, Action::PromptDeleteWord);
        let p = a.search.prompt.as_ref().unwrap();
        assert_eq!((p.text.as_str(), p.cursor), (left, left.len()));
    }
}

#[test]
fn cancelling_a_search_goes_back_to_where_the_reader_was() {
    use crate::search::Searcher;
    use crate::tui::search::run_now;
    let mut a = app(120, 12);
    let searcher = Searcher::new(&a.corpus);
    let search = |a: &mut App, text: &str| {
        update(a, Action::SearchStart);
        for c in text.chars() {
            if let Some(request) = update(a, Action::PromptInsert(c)) {
                a.apply_search(run_now(&searcher, request));
            }
        }
    };
    // Seven articles down, the list scrolled (12 rows show fewer than 8 items), the body read
    // a little way in.
    apply(&mut a, &[Action::Down; 7]);
    let (article, offset) = (a.current_index(), a.list_offset);
    assert!(offset > 0, "the list is scrolled: {offset}");
    apply(&mut a, &[Action::FocusNext, Action::Down, Action::Down, Action::FocusPrev]);
    assert_eq!(a.body.scroll, 2);
    // Positions are kept as offsets into the text (a blank row is kept as the next paragraph).
    let top = |a: &App| a.body.wrapped.offset_at(a.article().unwrap(), a.body.scroll);
    let read_to = top(&a);

    // A query matching nothing, then Esc.
    search(&mut a, "zzzz");
    assert!(a.view.is_empty());
    update(&mut a, Action::PromptCancel);
    assert!(!a.search.is_filtering());
    assert_eq!((a.selected, a.current_index(), a.list_offset), (7, article, offset), "back at 8/11");
    assert_eq!((a.focus, top(&a)), (Pane::List, read_to), "the body as it was left");
    assert!(a.body.scroll > 0);

    // A query that matched moves the selection to its top hit; Esc goes back all the same.
    search(&mut a, "ra");
    assert!(a.search.is_filtering() && !a.view.is_empty());
    assert_eq!(a.selected, 0, "the top hit is selected while typing");
    update(&mut a, Action::PromptCancel);
    assert_eq!((a.selected, a.current_index(), a.list_offset), (7, article, offset));

    // Enter keeps the filter and the top hit, and opens it.
    search(&mut a, "ra");
    let hit = a.view[0];
    update(&mut a, Action::PromptSubmit);
    assert!(a.search.is_filtering() && a.search.before.is_none());
    assert_eq!((a.current_index(), a.focus), (Some(hit), Pane::Body), "Enter keeps the hit");
}

#[test]
fn overlays_leave_the_status_bar_readable() {
    use ratatui::{backend::TestBackend, Terminal};
    for (w, h) in [(80, 24), (100, 60), (40, 12)] {
        let mut a = app(w, h);
        update(&mut a, Action::ToggleHelp);
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| crate::tui::view::render(&a, f)).unwrap();
        let last: String = (0..w).map(|x| t.backend().buffer()[(x, h - 1)].symbol().to_string()).collect();
        assert!(!last.contains('─') && !last.contains('┘'), "{w}x{h}: {last:?}");
        assert!(last.contains("help"), "{w}x{h}: the status bar is drawn: {last:?}");
    }
}

#[test]
fn tab_to_the_body_in_compare_mode_shows_the_selected_fact() {
    use crate::tui::wrap::{Part, Row};
    // The tester's case: 80x24, a long article read some way in, `c`, Tab: the status says F1 and F1 is shown.
    let mut checked = 0;
    for (width, height) in [(80, 24), (120, 24)] {
        let total = app(width, height).view.len();
        for n in 0..total {
            let mut a = app(width, height);
            apply(&mut a, &vec![Action::Down; n]);
            // Read some way into the body first.
            apply(&mut a, &[Action::Open, Action::PageDown, Action::PageDown, Action::ToggleCompare]);
            a.compare_now();
            apply(&mut a, &[Action::FocusNext]);
            if a.focus != Pane::Body {
                continue;
            }
            let Some(fact) = a.compare.as_ref().unwrap().current_fact().cloned() else { continue };
            let row = a.body.wrapped.rows.iter().position(|r| {
                matches!(r, Row::Text { part: Part::Body(p), range, .. }
                    if *p == fact.paragraph && range.end > fact.range.start)
            });
            let row = row.expect("the fact is in the wrapped body");
            let shown = a.body.scroll..a.body.scroll + a.body.height;
            assert!(
                shown.contains(&row),
                "article {n} at {width}x{height}: F1 on row {row}, rows {shown:?} shown"
            );
            checked += 1;
        }
    }
    assert!(checked > 4, "articles with facts were checked: {checked}");

    // A long article whose first claim rests on its last fact: `c` scrolls the body down
    // there; Tab then selects F1, which must be scrolled back into view.
    let mut body: Vec<String> = (0..30)
        .map(|i| {
            format!("Paragraph {i} reports that the harbour of town {i} moved {i}00 tonnes of grain in June.")
        })
        .collect();
    body.push("The museum will close in March 2027 for roof repairs costing 40 million euros.".into());
    let long = crate::Article {
        key: "/news/long.md".into(),
        id: "long".into(),
        title: "Long".into(),
        body,
        insight: vec![
            "Closing the museum in March 2027 for roof repairs costing 40 million euros is bold.".into()
        ],
        ..Default::default()
    };
    for (width, height) in [(80, 24), (120, 24)] {
        let mut a = App::new(crate::Corpus::new(vec![long.clone()]), Rect::new(0, 0, width, height));
        apply(&mut a, &[Action::ToggleCompare]);
        a.compare_now();
        assert!(a.body.scroll > 0, "the claim's fact, far down, was revealed");
        apply(&mut a, &[Action::FocusNext]);
        assert_eq!((a.focus, a.compare.as_ref().unwrap().fact), (Pane::Body, 0));
        assert_eq!(a.body.scroll, 0, "F1, at the top of the body, is in view at {width}x{height}");
    }
}

#[test]
fn u_walks_the_claims_the_facts_do_not_fully_support() {
    let mut a = app(120, 40);
    apply(&mut a, &[Action::NextDoubtful]);
    assert!(a.flash.as_deref().is_some_and(|f| f.contains("compare mode")), "{:?}", a.flash);
    apply(&mut a, &[Action::ToggleCompare]);
    a.compare_now();
    let doubtful: Vec<usize> = {
        let claims = &a.compare.as_ref().unwrap().comparison.insights;
        (0..claims.len())
            .filter(|&i| claims[i].verdict != Verdict::Supported || claims[i].conflict.is_some())
            .collect()
    };
    assert!(doubtful.len() >= 2, "the first seed article has claims to check: {doubtful:?}");
    // From the body, u selects the first doubtful claim after the cursor and focuses the claims.
    apply(&mut a, &[Action::FocusLeft]);
    let mut seen = Vec::new();
    for _ in 0..doubtful.len() {
        apply(&mut a, &[Action::NextDoubtful]);
        assert_eq!(a.focus, Pane::Insight);
        seen.push(a.compare.as_ref().unwrap().claim);
    }
    let mut from_first = doubtful.clone();
    // The cursor starts on claim 0: if that one is doubtful it comes last, after the wrap.
    if from_first[0] == 0 {
        from_first.rotate_left(1);
    }
    assert_eq!(seen, from_first, "each doubtful claim once, in order");
    apply(&mut a, &[Action::PrevDoubtful]);
    assert_eq!(a.compare.as_ref().unwrap().claim, seen[seen.len() - 2], "U goes back");
}
