//! `r` in the reader, without threads: the fetch request and its progress in the status bar,
//! and the "corpus replaced" step when it finishes — new items listed and marked new, the
//! selection kept on the same article, the search asked again, stale worker answers dropped.
//! Drawn on ratatui's TestBackend.

mod common;

use common::screen::screen;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use ratatui::Terminal;
use triptych::tui::action::Action;
use triptych::tui::app::App;
use triptych::tui::feeds::{FetchEvent, Finished, Shown};
use triptych::tui::layout::Pane;
use triptych::tui::related::RelatedResponse;
use triptych::tui::search::SearchResponse;
use triptych::tui::theme::Theme;
use triptych::tui::update::update;
use triptych::tui::view::render;
use triptych::{Article, Corpus};

fn item(guid: &str, title: &str) -> Article {
    let mut a = Article {
        id: triptych::model::slugify(title),
        key: format!("https://harbour.example/feed#{guid}"),
        title: title.into(),
        source: Some("Harbour Notes".into()),
        body: vec![format!("{title}: the harbour reports it.")],
        ..Default::default()
    };
    a.hash = a.content_hash();
    a
}

fn feed(items: &[(&str, &str)]) -> Corpus {
    Corpus::new(items.iter().map(|(g, t)| item(g, t)).collect())
}

const OLD: &[(&str, &str)] = &[
    ("n1", "Cranes double at the terminal"),
    ("n2", "Ferry timetable changes"),
    ("n3", "Dredging starts in May"),
];

fn reader(corpus: Corpus) -> App {
    let mut app = App::new(corpus, Rect::new(0, 0, 120, 30));
    app.theme = Theme::monochrome();
    app.feeds.shown = Shown::Feeds { only: None };
    app.feeds.library = true;
    app
}

fn finished(corpus: Corpus, failed: &[&str], subscribed: usize) -> FetchEvent {
    FetchEvent::Finished(Finished::Fetched {
        corpus,
        failed: failed.iter().map(|s| s.to_string()).collect(),
        subscribed,
    })
}

/// The list pane's row showing `title`, without the other panes.
fn list_row(screen: &str, title: &str) -> String {
    let mut list = screen.lines().filter_map(|l| l.split('┃').nth(1));
    list.find(|l| l.contains(title)).unwrap_or_else(|| panic!("{title}:\n{screen}")).to_string()
}

fn selected_title(app: &App) -> String {
    app.article().map(|a| a.title.clone()).unwrap_or_default()
}

#[test]
fn r_asks_for_a_fetch_and_the_status_bar_counts_the_feeds() {
    let mut app = reader(feed(OLD));
    update(&mut app, Action::Fetch);
    assert!(app.feeds.request.is_some(), "a fetch for the event loop to start");
    assert!(screen(&app).contains("fetching feeds…"), "{}", screen(&app));
    app.apply_fetch(FetchEvent::Progress { done: 3, total: 7 });
    let s = screen(&app);
    assert!(s.lines().last().unwrap().contains("fetching 3/7 feeds…"), "{s}");
    // A second r while it runs starts nothing more.
    app.feeds.request = None;
    update(&mut app, Action::Fetch);
    assert!(app.feeds.request.is_none());
    assert!(screen(&app).contains("already fetching: 3/7 feeds done"), "{}", screen(&app));
}

#[test]
fn r_over_files_or_without_a_library_explains_and_fetches_nothing() {
    let mut app = reader(feed(OLD));
    app.feeds.shown = Shown::Files;
    update(&mut app, Action::Fetch);
    assert!(app.feeds.request.is_none() && app.feeds.fetching.is_none());
    assert!(app.flash.as_deref().unwrap().contains("this list shows files"), "{:?}", app.flash);

    let mut app = reader(feed(OLD));
    app.feeds.library = false;
    update(&mut app, Action::Fetch);
    assert!(app.feeds.request.is_none());
    assert!(app.flash.as_deref().unwrap().contains("there is none"), "{:?}", app.flash);
}

#[test]
fn r_with_nothing_subscribed_says_how_to_subscribe() {
    let mut app = reader(triptych::load::load_seeds().corpus);
    app.feeds.shown = Shown::Samples;
    update(&mut app, Action::Fetch);
    assert!(app.feeds.request.is_some(), "subscriptions may have been added since the start");
    let samples = app.corpus.len();
    app.apply_fetch(FetchEvent::Finished(Finished::NothingSubscribed));
    assert_eq!(app.corpus.len(), samples, "the samples stay");
    assert!(app.feeds.fetching.is_none());
    let s = screen(&app);
    assert!(s.contains("no feeds subscribed: `triptych feeds add URL`"), "{s}");
}

#[test]
fn a_library_that_cannot_be_read_keeps_the_list_and_says_why() {
    let mut app = reader(feed(OLD));
    update(&mut app, Action::Fetch);
    let before = app.corpus.len();
    app.apply_fetch(FetchEvent::Finished(Finished::Failed("database is locked\x1b[2J".to_string())));
    assert_eq!(app.corpus.len(), before, "nothing is replaced");
    assert!(app.feeds.fetching.is_none(), "the fetch is over");
    let s = screen(&app);
    assert!(s.contains("cannot fetch: database is locked"), "{s}");
    assert!(!app.flash.as_deref().unwrap_or_default().contains('\x1b'), "no escape reaches the screen");
}

#[test]
fn new_items_join_the_list_marked_new_and_the_selection_stays_on_its_article() {
    let mut app = reader(feed(OLD));
    update(&mut app, Action::Down);
    assert_eq!(selected_title(&app), "Ferry timetable changes");
    update(&mut app, Action::Fetch);
    // The newest item comes first, so every old article moves down one place.
    let mut newer = vec![("n4", "Tugboat strike vote")];
    newer.extend_from_slice(OLD);
    app.apply_fetch(finished(feed(&newer), &[], 1));

    assert_eq!(app.corpus.len(), 4);
    assert_eq!(selected_title(&app), "Ferry timetable changes", "selection kept by key");
    assert_eq!(app.selected, 2);
    assert!(app.feeds.fetching.is_none());
    let s = screen(&app);
    assert!(s.contains("1 new item from 1 feed"), "{s}");
    assert!(list_row(&s, "Tugboat strike vote").contains("new Tugboat"), "the new item is marked:\n{s}");
    for (_, old) in OLD {
        assert!(!list_row(&s, &old[..12]).contains("new "), "old items are not marked new:\n{s}");
    }
    assert!(s.contains("Articles (4)"), "{s}");

    // Opening the new item makes it an ordinary (read) item.
    update(&mut app, Action::Top);
    update(&mut app, Action::Open);
    assert_eq!(app.focus, Pane::Body);
    update(&mut app, Action::FocusLeft);
    let s = screen(&app);
    assert!(!list_row(&s, "Tugboat strike vote").contains("new "), "opened: no longer new:\n{s}");
}

#[test]
fn the_new_marker_differs_from_unread_in_style() {
    let mut app = reader(feed(OLD));
    app.theme = Theme::default();
    let mut newer = vec![("n4", "Tugboat strike vote")];
    newer.extend_from_slice(OLD);
    app.apply_fetch(finished(feed(&newer), &[], 1));
    let mut t = Terminal::new(TestBackend::new(120, 30)).unwrap();
    t.draw(|f| render(&app, f)).unwrap();
    let buf = t.backend().buffer();
    let row =
        (0..30).find(|&y| (0..120).map(|x| buf[(x, y)].symbol()).collect::<String>().contains("new Tug"));
    let y = row.expect("the new item's row");
    let x = (0..120).find(|&x| buf[(x, y)].symbol() == "n").unwrap();
    let (marker, title) = (buf[(x, y)].style(), buf[(x + 4, y)].style());
    assert_ne!(marker.fg, title.fg, "the marker has a colour of its own");
}

#[test]
fn failed_feeds_are_named_in_the_summary() {
    let mut app = reader(feed(OLD));
    update(&mut app, Action::Fetch);
    let mut newer = OLD.to_vec();
    newer.push(("n5", "Pilot boat renamed"));
    newer.push(("n6", "Lighthouse repainted"));
    app.apply_fetch(finished(feed(&newer), &["tides"], 3));
    assert_eq!(app.flash.as_deref(), Some("2 new items, 1 feed failed: tides"));
    app.apply_fetch(finished(feed(&newer), &["bridges", "tides"], 3));
    assert_eq!(app.flash.as_deref(), Some("0 new items, 2 feeds failed: bridges, tides"));
    app.apply_fetch(finished(feed(&newer), &["a\x1b[2Jb"], 3));
    assert!(!app.flash.as_deref().unwrap().contains('\x1b'), "{:?}", app.flash);
    // Still unopened items stay marked new across fetches.
    assert!(app.is_new("https://harbour.example/feed#n5"));
}

#[test]
fn the_applied_search_runs_again_and_answers_about_the_old_corpus_are_dropped() {
    let mut app = reader(feed(OLD));
    update(&mut app, Action::SearchStart);
    let mut request = None;
    for c in "ferry".chars() {
        request = update(&mut app, Action::PromptInsert(c)).or(request);
    }
    let request = request.expect("a search request");
    let searcher = triptych::search::Searcher::new(&app.corpus);
    app.apply_search(triptych::tui::search::run_now(&searcher, request.clone()));
    update(&mut app, Action::PromptSubmit);
    assert_eq!(app.view.len(), 1);

    let mut newer = vec![("n4", "Ferry fares rise")];
    newer.extend_from_slice(OLD);
    let again = app.apply_fetch(finished(feed(&newer), &[], 1)).expect("the search asked again");
    assert_eq!(again.query, "ferry");
    assert!(again.generation > request.generation && again.within.is_none());
    // Until it is answered the list keeps the old match, found by key at its new index.
    assert_eq!(selected_title(&app), "Ferry timetable changes");
    // A late answer from the old worker is dropped.
    let stale = SearchResponse { generation: request.generation, query: "ferry".into(), results: vec![] };
    app.apply_search(stale);
    assert_eq!(app.view.len(), 1);
    let searcher = triptych::search::Searcher::new(&app.corpus);
    app.apply_search(triptych::tui::search::run_now(&searcher, again));
    assert_eq!(app.view.len(), 2, "the new item matches too");
    assert_eq!(selected_title(&app), "Ferry timetable changes");
}

#[test]
fn the_related_list_is_asked_again_and_old_answers_are_dropped() {
    let mut app = reader(feed(OLD));
    update(&mut app, Action::Down);
    update(&mut app, Action::Related);
    let first = app.related_request.take().expect("a related request");
    let mut newer = vec![("n4", "Tugboat strike vote")];
    newer.extend_from_slice(OLD);
    app.apply_fetch(finished(feed(&newer), &[], 1));
    let again = app.related_request.take().expect("asked again for the new corpus");
    assert_eq!(again.article, 2, "the same article at its new index");
    assert!(again.epoch > first.epoch);
    app.apply_related(RelatedResponse { article: 2, epoch: first.epoch, found: vec![] });
    assert!(app.related.as_ref().unwrap().found.is_none(), "an answer about the old corpus is dropped");
    app.apply_related(RelatedResponse { article: 2, epoch: again.epoch, found: vec![] });
    assert!(app.related.as_ref().unwrap().found.is_some());
}

#[test]
fn z_over_feed_items_groups_by_feed_or_not_at_all() {
    let mut two = OLD.iter().map(|(g, t)| item(g, t)).collect::<Vec<_>>();
    let mut other = item("t1", "Tide tables for April");
    other.key = "https://tides.example/rss#t1".into();
    other.source = Some("Tides".into());
    two.insert(1, other);
    let mut app = reader(Corpus::new(two));
    update(&mut app, Action::CycleGroup);
    let s = screen(&app);
    assert!(s.contains("▸ Harbour Notes") && s.contains("▸ Tides"), "{s}");
    update(&mut app, Action::CycleGroup);
    assert!(!screen(&app).contains('▸'), "{}", screen(&app));
    // Files still go through folders first.
    app.feeds.shown = Shown::Files;
    update(&mut app, Action::CycleGroup);
    assert!(screen(&app).contains("folders"), "{}", screen(&app));
}

#[test]
fn subscribed_feeds_without_items_open_an_empty_list_that_says_how_to_fetch() {
    let mut app = reader(Corpus::default());
    let s = screen(&app);
    assert!(s.contains("No feed items yet.") && s.contains("r fetches the"), "{s}");
    update(&mut app, Action::Fetch);
    app.apply_fetch(finished(feed(OLD), &[], 1));
    let s = screen(&app);
    assert!(!s.contains("No feed items yet."), "{s}");
    assert_eq!(s.matches("┃   new ").count(), 3, "every item is new:\n{s}");
    assert!(s.contains("3 new items from 1 feed"), "{s}");
}

#[test]
fn a_terminal_too_narrow_for_the_list_says_how_to_fetch_in_the_body() {
    let mut app = reader(Corpus::default());
    update(&mut app, Action::Resize { width: 60, height: 12 });
    assert!(app.areas().list.is_none(), "the list is hidden at 60 columns");
    let s = screen(&app);
    assert!(s.contains("No feed items yet.") && s.contains("r fetches the"), "{s}");
}

#[test]
fn the_comparison_and_the_reading_position_survive_a_fetch() {
    let mut a = item("n2", "Ferry timetable changes");
    a.body = (1..=40).map(|i| format!("Ferry {i} leaves at {i} o'clock from pier {i}.")).collect();
    a.insight = vec!["Ferries now leave at forty different times.".into()];
    a.hash = a.content_hash();
    let old = Corpus::new(vec![item("n1", "Cranes double at the terminal"), a.clone()]);
    let mut app = reader(old);
    update(&mut app, Action::Down);
    update(&mut app, Action::Open);
    update(&mut app, Action::ToggleCompare);
    app.compare_now();
    assert_eq!(app.focus, Pane::Insight, "c starts from the claims");
    update(&mut app, Action::FocusNext);
    assert_eq!(app.focus, Pane::Body);
    // Down the facts, far enough that the body scrolls.
    for _ in 0..30 {
        update(&mut app, Action::Down);
    }
    let (cursor, scroll) = (app.compare.as_ref().unwrap().fact, app.body.scroll);
    assert!(cursor == 30 && scroll > 0, "{cursor} {scroll}");

    let newer =
        Corpus::new(vec![item("n0", "Tugboat strike vote"), item("n1", "Cranes double at the terminal"), a]);
    app.apply_fetch(finished(newer, &[], 1));
    assert_eq!(selected_title(&app), "Ferry timetable changes");
    let state = app.compare.as_ref().unwrap();
    assert_eq!(state.article, Some(2), "the comparison follows its article");
    assert!(!state.pending && app.compare_request.is_none(), "unchanged text is not compared again");
    assert_eq!(state.fact, cursor, "the cursor stays");
    assert_eq!(app.body.scroll, scroll, "the body stays where it was read");
}

#[test]
fn a_changed_article_is_compared_again() {
    let old = Corpus::new(vec![item("n1", "Cranes double at the terminal")]);
    let mut app = reader(old);
    update(&mut app, Action::ToggleCompare);
    app.compare_now();
    let mut edited = item("n1", "Cranes double at the terminal");
    edited.body.push("A correction was added.".into());
    edited.hash = edited.content_hash();
    app.apply_fetch(finished(Corpus::new(vec![edited]), &[], 1));
    let request = app.compare_request.take().expect("compared again");
    assert_eq!(request.article, 0);
    assert!(app.compare.as_ref().unwrap().pending);
    assert!(!app.is_new("https://harbour.example/feed#n1"), "an updated item is not a new one");
}
