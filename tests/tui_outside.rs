//! Corroboration in the reader's compare mode, on ratatui's TestBackend: a claim its own article
//! does not support lists, under the insight pane, the facts of other articles that would —
//! named by article, source and date — found off the UI thread (here answered with
//! `outside_now`). The articles are the corroboration test library (`tests/eval/corroboration/`).

mod common;

use std::path::PathBuf;

use common::screen::draw;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use ratatui::Terminal;
use triptych::compare::Verdict;
use triptych::load::{load_paths, LoadOptions};
use triptych::tui::action::Action;
use triptych::tui::app::App;
use triptych::tui::outside::OutsideResponse;
use triptych::tui::theme::Theme;
use triptych::tui::update::update;
use triptych::Corpus;

fn library() -> Corpus {
    let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/eval/corroboration");
    let loaded = load_paths(&[folder], &LoadOptions::default());
    assert_eq!(loaded.corpus.len(), 30, "the corroboration library loads whole");
    loaded.corpus
}

fn text_in(t: &Terminal<TestBackend>, area: Rect) -> String {
    let buf = t.backend().buffer();
    (area.top()..area.bottom())
        .map(|y| (area.left()..area.right()).map(|x| buf[(x, y)].symbol()).collect::<String>() + "\n")
        .collect()
}

/// The panel's text with its border and line breaks gone, so wrapped words can be found.
fn words_in(t: &Terminal<TestBackend>, area: Rect) -> String {
    let text = text_in(t, area);
    let words: Vec<&str> = text.split(|c: char| c.is_whitespace() || "│┌┐└┘─".contains(c)).collect();
    words.into_iter().filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

/// The reader at `width`x`height` in compare mode on article `id`, its comparison in.
fn comparing(id: &str, width: u16, height: u16) -> App {
    let mut app = App::new(library(), Rect::new(0, 0, width, height));
    app.theme = Theme::monochrome();
    let i = app.corpus.resolve(id).unwrap();
    let pos = app.view.iter().position(|&x| x == i).unwrap();
    app.select(pos);
    update(&mut app, Action::ToggleCompare);
    app.compare_now();
    assert_eq!(app.article().unwrap().id, id);
    app
}

#[test]
fn a_claim_found_only_elsewhere_lists_that_article_with_source_and_date() {
    let mut app = comparing("c01_ferry_terminal", 120, 40);
    update(&mut app, Action::Bottom);
    let claim = app.compare.as_ref().unwrap().current_claim().unwrap().clone();
    assert!(claim.text.starts_with("Bayline Ferries has already cut"), "{}", claim.text);
    assert_ne!(claim.verdict, Verdict::Supported);
    let asked = app.outside_request.clone().expect("the worker is asked for this claim");
    assert_eq!((asked.claim, asked.text.as_str()), (claim.id, claim.text.as_str()));

    // Until the answer comes the panel says it is looking; keys still act at once.
    let t = draw(&app);
    let panel = words_in(&t, app.areas().links.expect("the panel under the insight pane"));
    assert!(panel.contains("Elsewhere (other articles): looking in other articles…"), "{panel}");

    app.outside_now();
    let t = draw(&app);
    let links = app.areas().links.unwrap();
    let panel = words_in(&t, links);
    assert!(
        panel.contains("↗ 0.") && panel.contains("Bayline puts two catamarans into service"),
        "the supporting article, marked as from elsewhere, with its score: {panel}"
    );
    assert!(panel.contains("— Coastal Shipping Weekly, 2025-02-20"), "its source and date: {panel}");
    assert!(
        panel.contains("“The faster vessels have cut the crossing time between Porthaven and Kelmar Island"),
        "the supporting fact itself: {panel}"
    );
    let status = text_in(&t, app.areas().status);
    assert!(status.contains("elsewhere"), "the status line counts them: {status}");
    insta::assert_snapshot!(t.backend());

    // Known answers are kept: coming back to the claim asks nothing.
    update(&mut app, Action::Up);
    app.outside_request = None;
    update(&mut app, Action::Bottom);
    assert!(app.outside_request.is_none());
}

#[test]
fn only_claims_the_article_does_not_support_are_looked_up() {
    let mut app = comparing("c05_library_hours", 120, 40);
    let claims = app.compare.as_ref().unwrap().comparison.insights.clone();
    assert!(claims.iter().any(|c| c.verdict == Verdict::Supported), "{claims:?}");
    for (n, c) in claims.iter().enumerate() {
        if n > 0 {
            update(&mut app, Action::Down);
        }
        let asked = app.outside_request.take();
        assert_eq!(asked.is_some(), c.verdict != Verdict::Supported, "claim {}: {}", n + 1, c.text);
        let t = draw(&app);
        let panel = words_in(&t, app.areas().links.unwrap());
        assert_eq!(panel.contains("Elsewhere (other articles)"), c.verdict != Verdict::Supported, "{panel}");
    }
    // Focus on the body: the panel goes and no claim is looked up.
    update(&mut app, Action::FocusLeft);
    assert!(app.areas().links.is_none() && app.outside_request.is_none());
}

#[test]
fn nothing_elsewhere_says_so_in_a_narrow_terminal() {
    let mut app = comparing("u01_ferry_fares", 50, 24);
    update(&mut app, Action::Bottom);
    let claim = app.compare.as_ref().unwrap().current_claim().unwrap().clone();
    assert!(claim.text.starts_with("The harbour authority plans to sell"), "{}", claim.text);
    assert!(app.outside_request.is_some());
    // Whatever the index proposes, nothing reaches the weak threshold for this claim here.
    let id = claim.id;
    let article = app.current_index().unwrap();
    app.apply_outside(OutsideResponse { article, epoch: app.corpus_epoch, claim: id, links: Vec::new() });
    let t = draw(&app);
    let panel = words_in(&t, app.areas().links.unwrap());
    assert!(panel.contains("Nothing in the article supports this statement."), "{panel}");
    assert!(panel.contains("No other article supports it either."), "{panel}");
    // And the real lookup agrees that no fact elsewhere supports it.
    let mut real = comparing("u01_ferry_fares", 50, 24);
    update(&mut real, Action::Bottom);
    real.outside_now();
    let found = &real.compare.as_ref().unwrap().outside[&id];
    assert!(found.iter().all(|o| o.score < 0.45), "{found:?}");
}

#[test]
fn answers_for_another_article_or_after_compare_mode_are_dropped_and_q_quits_while_looking() {
    let mut app = comparing("c01_ferry_terminal", 120, 40);
    update(&mut app, Action::Bottom);
    let asked = app.outside_request.take().unwrap();
    // An answer about another corpus (before `r` replaced it): dropped.
    let old_epoch = OutsideResponse {
        article: asked.article,
        epoch: asked.epoch + 1,
        claim: asked.claim,
        links: Vec::new(),
    };
    app.apply_outside(old_epoch);
    assert!(app.compare.as_ref().unwrap().outside.is_empty());
    // The article changed before the answer came: dropped.
    update(&mut app, Action::NextArticle);
    app.compare_now();
    app.apply_outside(OutsideResponse {
        article: asked.article,
        epoch: asked.epoch,
        claim: asked.claim,
        links: Vec::new(),
    });
    assert!(app.compare.as_ref().unwrap().outside.is_empty());
    // Compare mode left: dropped, nothing kept.
    update(&mut app, Action::ToggleCompare);
    app.apply_outside(OutsideResponse {
        article: asked.article,
        epoch: asked.epoch,
        claim: asked.claim,
        links: Vec::new(),
    });
    assert!(app.compare.is_none() && app.outside_request.is_none());
    // q while a lookup is pending quits at once.
    let mut app = comparing("c01_ferry_terminal", 120, 40);
    update(&mut app, Action::Bottom);
    assert!(app.outside_request.is_some());
    update(&mut app, Action::Quit);
    assert!(app.quit);
}

#[test]
fn a_panel_too_small_for_its_text_says_how_much_more_and_j_k_scroll_it() {
    // 24 rows: the panel under the insight pane has a few rows; the claim's text needs more.
    let mut app = comparing("c01_ferry_terminal", 120, 24);
    update(&mut app, Action::Bottom);
    app.outside_now();
    let links = app.areas().links.expect("the panel under the insight pane");
    let t = draw(&app);
    let top = text_in(&t, links);
    assert!(top.contains("more lines (J/K scroll)"), "{top}");
    assert!(!words_in(&t, links).contains("Bayline puts two catamarans"), "the outside fact is below");

    for _ in 0..30 {
        update(&mut app, Action::PanelDown);
    }
    let t = draw(&app);
    let bottom = words_in(&t, links);
    assert!(bottom.contains("Bayline puts two catamarans into service"), "{bottom}");
    assert!(!bottom.contains("more line"), "at the end nothing more is announced: {bottom}");
    let last = triptych::tui::view::links_max_scroll(&app);
    assert!(last > 0);
    assert_eq!(app.compare.as_ref().unwrap().panel_scroll(), last, "J stops at the last row");

    // Another claim starts at the top of its panel.
    update(&mut app, Action::Up);
    assert_eq!(app.compare.as_ref().unwrap().panel_scroll(), 0);
    update(&mut app, Action::Down);
    assert_eq!(app.compare.as_ref().unwrap().panel_scroll(), last, "back on it, where it was left");
    update(&mut app, Action::Up);
    update(&mut app, Action::PanelDown);
    update(&mut app, Action::PanelUp);
    update(&mut app, Action::PanelUp);
    assert_eq!(app.compare.as_ref().unwrap().panel_scroll(), 0, "K stops at the top");
}

#[test]
fn with_one_article_loaded_the_panel_does_not_look_elsewhere() {
    let folder =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/eval/corroboration/c01_ferry_terminal.json");
    let corpus = load_paths(&[folder], &LoadOptions::default()).corpus;
    let mut app = App::new(corpus, Rect::new(0, 0, 120, 60));
    update(&mut app, Action::ToggleCompare);
    app.compare_now();
    update(&mut app, Action::Bottom);
    let t = draw(&app);
    let panel = words_in(&t, app.areas().links.unwrap());
    assert!(!panel.contains("Elsewhere"), "{panel}");
}
