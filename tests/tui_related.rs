//! The related-articles overlay (`R`) on ratatui's TestBackend: it lists the article reporting
//! the same facts, Enter jumps there and `ctrl-o` comes back.

mod common;

use common::screen::screen;
use ratatui::layout::Rect;
use triptych::tui::action::Action;
use triptych::tui::app::App;
use triptych::tui::theme::Theme;
use triptych::tui::update::update;
use triptych::{Article, Corpus};

fn article(id: &str, title: &str, body: &[&str]) -> Article {
    Article {
        id: id.into(),
        key: format!("/test/{id}.txt"),
        title: title.into(),
        body: body.iter().map(|s| s.to_string()).collect(),
        ..Default::default()
    }
}

fn corpus() -> Corpus {
    Corpus::new(vec![
        article(
            "a-strike",
            "Dockworkers strike at Northport",
            &[
                "Dockworkers at Northport walked off the job on Tuesday after talks over automation broke down.",
                "Shipping lines diverted nine vessels to Eastbay, two days' sailing to the south.",
                "The union wants a job guarantee once automated cranes arrive in 2027.",
            ],
        ),
        article(
            "b-harvest",
            "Apple harvest a record",
            &["Orchards in the valley picked a record apple crop this autumn.", "Cider makers expect lower prices."],
        ),
        article(
            "c-strike-day-two",
            "Northport strike enters second day",
            &[
                "The dockworkers' strike at Northport went into a second day after talks over automation broke down on Tuesday.",
                "Nine vessels were diverted to Eastbay, which lies two days' sailing to the south.",
                "The union is asking for a job guarantee when automated cranes arrive in 2027.",
            ],
        ),
    ])
}

#[test]
fn the_overlay_lists_the_same_story_and_enter_jumps_there_and_back() {
    let mut app = App::new(corpus(), Rect::new(0, 0, 120, 30));
    app.theme = Theme::monochrome();
    update(&mut app, Action::Related);
    assert!(app.related_request.is_some(), "the worker is asked");
    assert!(screen(&app).contains("finding articles that report the same facts…"));
    app.related_now();
    let found = app.related.as_ref().unwrap().found.clone().unwrap();
    assert_eq!(found.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["c-strike-day-two"], "{found:?}");
    let s = screen(&app);
    assert!(s.contains("Related to Dockworkers strike at Northport"), "{s}");
    assert!(s.contains("Northport strike enters second day"), "{s}");
    assert!(!s.contains("Apple harvest a record  ("), "the unrelated article is not listed:\n{s}");
    // Every shared statement, this article's with its score, then the other's that supports it.
    assert!(found[0].shared.len() >= 2, "{found:?}");
    for f in &found[0].shared {
        let start: String = f.fact.chars().take(30).collect();
        let other: String = f.other.chars().take(30).collect();
        assert!(s.contains(&format!("{:.2} {start}", f.score)), "{start} with its score:\n{s}");
        assert!(s.contains(&format!("= {other}")), "{other}:\n{s}");
    }

    update(&mut app, Action::Open);
    assert!(app.related.is_none(), "the overlay closes on the jump");
    assert_eq!(app.article().unwrap().id, "c-strike-day-two");
    update(&mut app, Action::JumpBack);
    assert_eq!(app.article().unwrap().id, "a-strike");
    update(&mut app, Action::JumpBack);
    assert_eq!(app.article().unwrap().id, "c-strike-day-two", "and forth again");
}

#[test]
fn nothing_related_says_so_and_esc_closes() {
    let mut app = App::new(corpus(), Rect::new(0, 0, 100, 24));
    app.theme = Theme::monochrome();
    update(&mut app, Action::Down);
    assert_eq!(app.article().unwrap().id, "b-harvest");
    update(&mut app, Action::Related);
    app.related_now();
    assert!(screen(&app).contains("No other article reports the same facts."));
    // Keys go to the overlay while it is open: Down does not move the list.
    update(&mut app, Action::Down);
    assert_eq!(app.article().unwrap().id, "b-harvest");
    update(&mut app, Action::Back);
    assert!(app.related.is_none() && !app.quit);
    update(&mut app, Action::JumpBack);
    assert!(screen(&app).contains("no jump to go back from"));
}

#[test]
fn a_jump_to_an_article_the_search_hides_clears_the_search_and_says_so() {
    let mut app = App::new(corpus(), Rect::new(0, 0, 120, 30));
    app.theme = Theme::monochrome();
    let searcher = triptych::search::Searcher::new(&app.corpus);
    update(&mut app, Action::SearchStart);
    for c in "walked off".chars() {
        if let Some(req) = update(&mut app, Action::PromptInsert(c)) {
            app.apply_search(triptych::tui::search::run_now(&searcher, req));
        }
    }
    update(&mut app, Action::PromptSubmit);
    assert_eq!(app.view.len(), 1, "only the first report matches");
    update(&mut app, Action::Related);
    app.related_now();
    update(&mut app, Action::Open);
    assert_eq!(app.article().unwrap().id, "c-strike-day-two", "the jump happened");
    assert!(!app.search.is_filtering(), "the search that hid it is cleared");
    assert_eq!(app.view.len(), 3);
    assert!(screen(&app).contains("the search cleared to show it"), "{}", screen(&app));
    update(&mut app, Action::JumpBack);
    assert_eq!(app.article().unwrap().id, "a-strike", "and back");
}
