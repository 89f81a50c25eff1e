//! The list's grounding gauges on ratatui's TestBackend: nothing until computed, then the gauge
//! on each article's second row, and the list title counting progress meanwhile; `f` filters
//! to weakly grounded articles and `S` sorts least grounded first.

mod common;

use common::screen::screen;
use ratatui::layout::Rect;
use triptych::compare::Comparer;
use triptych::grounding::Grounding;
use triptych::load::load_seeds;
use triptych::sort::SortKey;
use triptych::tui::action::Action;
use triptych::tui::app::{App, Density};
use triptych::tui::layout::Widths;
use triptych::tui::reading::ListFilter;
use triptych::tui::theme::Theme;
use triptych::tui::update::update;

#[test]
fn gauges_appear_as_they_are_computed_and_the_title_counts_progress() {
    let mut app = App::new(load_seeds().corpus, Rect::new(0, 0, 140, 40));
    app.theme = Theme::monochrome();
    let before = screen(&app);
    assert!(!before.contains(['●', '◐', '○']), "no gauge before it is computed:\n{before}");

    let cmp = Comparer::default();
    let first =
        Grounding::of_article(&cmp, &app.corpus.articles()[0]).expect("the first sample has an insight");
    app.gauges.set(0, Some(first));
    let partial = screen(&app);
    assert!(partial.contains(&first.gauge()), "{}:\n{partial}", first.gauge());
    assert!(partial.contains("· grounding "), "progress in the list title:\n{partial}");

    for (i, a) in app.corpus.articles().iter().enumerate().skip(1) {
        app.gauges.set(i, Grounding::of_article(&cmp, a));
    }
    let done = screen(&app);
    assert!(!done.contains("· grounding "), "no progress once done:\n{done}");
    let gauges = done.lines().filter(|l| l.contains(['●', '◐', '○'])).count();
    assert!(gauges >= 2, "a gauge on every visible article with an insight:\n{done}");
}

/// Fills every gauge as the background thread would, and tells the reader.
fn fill_gauges(app: &mut App) -> Vec<Option<Grounding>> {
    let cmp = Comparer::default();
    let all: Vec<Option<Grounding>> =
        app.corpus.articles().iter().map(|a| Grounding::of_article(&cmp, a)).collect();
    for (i, g) in all.iter().enumerate() {
        app.gauges.set(i, *g);
    }
    app.gauges_arrived();
    all
}

fn list_titles(app: &App) -> Vec<String> {
    app.view.iter().map(|&i| app.corpus.articles()[i].title.clone()).collect()
}

#[test]
fn f_filters_the_list_to_weakly_grounded_articles_once_graded() {
    let mut app = App::new(load_seeds().corpus, Rect::new(0, 0, 140, 40));
    app.theme = Theme::monochrome();
    // all → unread → starred → grounding < 50%
    for _ in 0..3 {
        update(&mut app, Action::CycleFilter);
    }
    assert_eq!(app.reading.filter, ListFilter::WeaklyGrounded);
    assert!(app.view.is_empty(), "nothing is known to be weakly grounded before grading");
    let all = fill_gauges(&mut app);
    let weak: Vec<usize> = (0..all.len()).filter(|&i| all[i].is_some_and(|g| g.share() < 0.5)).collect();
    let graded = all.iter().filter(|g| g.is_some()).count();
    assert!(!weak.is_empty() && weak.len() < graded, "the samples hold both kinds: {all:?}");
    assert_eq!(app.view, weak, "exactly the articles less than half supported, in list order");
    let s = screen(&app);
    assert!(s.contains(&format!("Weakly grounded ({} of {})", weak.len(), all.len())), "{s}");
    assert!(s.contains("│ grounding < 50% │"), "the status bar says which filter:\n{s}");
    for &i in &weak {
        let gauge = all[i].unwrap().gauge();
        assert!(s.contains(&gauge), "{gauge} shown:\n{s}");
    }
    update(&mut app, Action::CycleFilter);
    assert_eq!((app.reading.filter, app.view.len()), (ListFilter::All, all.len()), "and round to all");
}

#[test]
fn s_sorts_the_list_least_grounded_first_and_keeps_it_sorted_as_gauges_arrive() {
    let mut app = App::new(load_seeds().corpus, Rect::new(0, 0, 140, 40));
    app.theme = Theme::monochrome();
    // path → title → date → source → grounding
    for _ in 0..4 {
        update(&mut app, Action::CycleSort);
    }
    assert_eq!(app.sort, SortKey::Grounding);
    let unsorted = list_titles(&app);
    assert_eq!(app.view, (0..app.corpus.len()).collect::<Vec<_>>(), "nothing graded yet: load order");
    let all = fill_gauges(&mut app);
    let shares: Vec<Option<f64>> = app.view.iter().map(|&i| all[i].map(|g| g.share())).collect();
    let known = shares.iter().take_while(|s| s.is_some()).count();
    assert_eq!(
        known,
        all.iter().filter(|g| g.is_some()).count(),
        "articles without insight last: {shares:?}"
    );
    assert!(shares[..known].windows(2).all(|w| w[0] <= w[1]), "least grounded first: {shares:?}");
    assert_ne!(list_titles(&app), unsorted, "the order changed");
    let s = screen(&app);
    assert!(s.contains("│ by grounding │"), "the status bar names the order:\n{s}");
    update(&mut app, Action::CycleSort);
    assert_eq!(app.sort, SortKey::Path, "and round to path");
}

#[test]
fn one_row_items_carry_the_gauge_at_their_right_end_when_it_fits() {
    let mut app = App::new(load_seeds().corpus, Rect::new(0, 0, 140, 40));
    app.theme = Theme::monochrome();
    app.density = Density::Compact;
    app.sync();
    let all = fill_gauges(&mut app);
    let rows = |app: &App| -> Vec<String> {
        let list = app.areas().list.unwrap();
        screen(app)
            .lines()
            .skip(usize::from(list.y) + 1)
            .take(usize::from(list.height) - 2)
            // Inside the border.
            .map(|l| l.chars().skip(usize::from(list.x) + 1).take(usize::from(list.width) - 2).collect())
            .collect()
    };
    let first = all[0].expect("the first sample has an insight");
    let row = &rows(&app)[0];
    assert!(row.starts_with(" ◆  OpenAI"), "one row: marks and title: {row:?}");
    assert!(row.ends_with(&format!("… {} ", first.gauge())), "the gauge at the right end: {row:?}");
    let with_gauge = rows(&app).iter().filter(|r| r.contains(['●', '◐', '○'])).count();
    assert_eq!(with_gauge, all.iter().filter(|g| g.is_some()).count(), "{:?}", rows(&app));

    // A list 24 columns wide keeps only the dots; 20 columns, nothing but the title.
    app.widths = Widths { list_percent: 10, list_min: 24, list_max: 24, body_share: 50 };
    app.sync();
    let row = &rows(&app)[0][..];
    let dots: String = first.gauge().chars().take(4).collect();
    assert!(row.ends_with(&format!(" {dots} ")) && !row.contains('/'), "{row:?}");
    app.widths = Widths { list_percent: 10, list_min: 20, list_max: 20, body_share: 50 };
    app.sync();
    let rows = rows(&app);
    assert!(rows.iter().all(|r| !r.contains(['●', '◐', '○'])), "{rows:?}");
}
