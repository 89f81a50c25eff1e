//! Reading state in the reader: read on opening, `m`, `s`, the list filter, positions that
//! survive a restart at another width, and what is queued for the library.

use ratatui::layout::Rect;

use super::update;
use crate::library::{Change, TextPane};
use crate::load::load_seeds;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::layout::Pane;
use crate::tui::reading::{ListFilter, Saved};

fn app(width: u16, height: u16) -> App {
    App::new(load_seeds().corpus, Rect::new(0, 0, width, height))
}

fn apply(app: &mut App, actions: &[Action]) {
    for &a in actions {
        update(app, a);
    }
}

fn key(app: &App) -> String {
    app.article().unwrap().key.clone()
}

#[test]
fn an_article_becomes_read_when_opened_and_m_toggles_it_back() {
    let mut a = app(120, 40);
    let first = key(&a);
    assert!(!a.reading.marks.get(&first).is_some_and(|m| m.read), "selecting in the list is not opening");
    apply(&mut a, &[Action::Open]);
    assert!(a.reading.marks[&first].read);
    assert!(a.reading.outbox.contains(&Change::Read {
        key: first.clone(),
        hash: a.article().unwrap().hash,
        read: true
    }));
    apply(&mut a, &[Action::ToggleRead, Action::Down]);
    assert!(!a.reading.marks[&first].read, "m made it unread, and scrolling does not re-open it");
    apply(&mut a, &[Action::NextArticle]);
    let second = key(&a);
    assert!(a.reading.marks[&second].read, "] opens the next article");
    apply(&mut a, &[Action::ToggleStar]);
    assert!(a.reading.marks[&second].starred);
    apply(&mut a, &[Action::ToggleStar]);
    assert!(!a.reading.marks[&second].starred);
}

#[test]
fn a_list_squeezed_out_by_a_resize_opens_nothing_and_gets_the_focus_back() {
    let mut a = app(120, 40);
    apply(&mut a, &[Action::Down]);
    let second = key(&a);
    apply(&mut a, &[Action::Resize { width: 90, height: 40 }]);
    assert!(a.areas().list.is_none(), "below 100 columns the list is hidden");
    assert_eq!(a.focus, Pane::Body);
    assert!(!a.reading.of(a.article().unwrap()).read, "a resize is not opening the article");
    apply(&mut a, &[Action::Resize { width: 120, height: 40 }]);
    assert_eq!(a.focus, Pane::List, "the list takes the focus back when it returns");
    assert!(!a.reading.of(a.article().unwrap()).read);
    apply(&mut a, &[Action::Resize { width: 90, height: 40 }, Action::Down]);
    assert_eq!(key(&a), second, "the body scrolled; the selection did not move");
    assert!(a.reading.of(a.article().unwrap()).read, "scrolling the body it was left showing opens it");
}

#[test]
fn hiding_the_list_with_t_opens_the_article() {
    let mut a = app(120, 40);
    apply(&mut a, &[Action::ToggleList]);
    assert_eq!(a.focus, Pane::Body);
    assert!(a.reading.of(a.article().unwrap()).read);
}

#[test]
fn the_filter_cycles_all_unread_starred_weakly_grounded() {
    let mut a = app(120, 40);
    let total = a.view.len();
    apply(&mut a, &[Action::Open, Action::ToggleStar, Action::FocusLeft, Action::Down]);
    let starred = a.view[0];
    apply(&mut a, &[Action::CycleFilter]);
    assert_eq!(a.reading.filter, ListFilter::Unread);
    assert_eq!(a.view.len(), total - 1, "the read article is hidden");
    assert!(!a.view.contains(&starred));
    apply(&mut a, &[Action::CycleFilter]);
    assert_eq!(a.reading.filter, ListFilter::Starred);
    assert_eq!(a.view, [starred]);
    apply(&mut a, &[Action::CycleFilter]);
    assert_eq!(a.reading.filter, ListFilter::WeaklyGrounded);
    assert_eq!(ListFilter::from_name(a.reading.filter.name()), Some(ListFilter::WeaklyGrounded), "saved");
    apply(&mut a, &[Action::CycleFilter]);
    assert_eq!((a.reading.filter, a.view.len()), (ListFilter::All, total));
}

#[test]
fn the_position_survives_a_restart_at_another_width() {
    let mut a = app(120, 30);
    apply(&mut a, &[Action::Open, Action::PageDown, Action::Down]);
    let top = a.body.scroll;
    assert!(top > 0);
    let article = a.current_index().unwrap();
    let shown = a.body.wrapped.offset_at(&a.corpus.articles()[article], top);
    apply(&mut a, &[Action::Quit]);
    a.leave();
    let position = a.reading.outbox.iter().rev().find_map(|c| match c {
        Change::Position { position, .. } => Some(*position),
        _ => None,
    });
    assert_eq!(position.map(|p| (p.pane, p.offset)), Some((TextPane::Body, shown)));

    // A new session at a narrower width, from what the library would hand back.
    let mut b = app(90, 30);
    b.restore(Saved {
        marks: a.reading.marks.clone(),
        selected: Some(a.corpus.articles()[article].key.clone()),
        focus: Some("Body".into()),
        ..Saved::default()
    });
    assert_eq!((b.current_index(), b.focus), (Some(article), Pane::Body));
    let a_row = b.body.wrapped.row_at(&b.corpus.articles()[article], shown);
    assert_eq!(b.body.scroll, a_row.min(b.body.max_scroll()));
    assert!(b.body.scroll > 0);
}

#[test]
fn submitted_queries_go_to_the_history_in_the_library() {
    let mut a = app(120, 40);
    update(&mut a, Action::SearchStart);
    for c in "gpt".chars() {
        update(&mut a, Action::PromptInsert(c));
    }
    update(&mut a, Action::PromptSubmit);
    assert!(a.reading.outbox.contains(&Change::Searched("gpt".into())));
}

#[test]
fn a_focus_saved_with_other_files_neither_applies_nor_marks_anything_read() {
    let mut a = app(120, 40);
    a.restore(Saved {
        selected: Some("elsewhere/gone.txt".to_string()),
        focus: Some(Pane::Body.name().to_string()),
        ..Saved::default()
    });
    assert_eq!(a.focus, Pane::List, "the focus was saved while reading other files");
    assert!(a.reading.marks.values().all(|m| !m.read), "nothing was opened");
    // Saved with these files, the focus is restored, and the article it shows is the one
    // read last time.
    let here = key(&a);
    a.restore(Saved {
        selected: Some(here.clone()),
        focus: Some(Pane::Body.name().to_string()),
        ..Saved::default()
    });
    assert_eq!(a.focus, Pane::Body);
    assert!(a.reading.marks[&here].read);
}

#[test]
fn a_filter_that_hid_every_article_is_restored_and_says_so() {
    let mut a = app(120, 40);
    a.restore(Saved { filter: Some(ListFilter::Starred.name().to_string()), ..Saved::default() });
    assert_eq!(
        a.reading.filter,
        ListFilter::Starred,
        "nothing was selected: the filter was saved with these files"
    );
    assert!(a.view.is_empty());
    assert!(a.hidden_by_filter().is_some_and(|[what, _]| what.contains("tarred")));
    // Saved while reading other files, it is not.
    let mut b = app(120, 40);
    b.restore(Saved {
        selected: Some("elsewhere/gone.txt".to_string()),
        filter: Some(ListFilter::Starred.name().to_string()),
        ..Saved::default()
    });
    assert_eq!(b.reading.filter, ListFilter::All);
}

#[test]
fn cycling_the_filter_does_not_open_the_article_it_moves_the_selection_to() {
    let mut a = app(120, 40);
    apply(&mut a, &[Action::Open]);
    let opened = key(&a);
    apply(&mut a, &[Action::CycleFilter]);
    assert_eq!(a.reading.filter, ListFilter::Unread);
    assert_ne!(key(&a), opened, "the read article is hidden, another is selected");
    assert_eq!(a.focus, Pane::List, "the list has the focus: the new selection is not opened");
    let read: Vec<&String> = a.reading.marks.iter().filter(|(_, m)| m.read).map(|(k, _)| k).collect();
    assert_eq!(read, [&opened], "only the article the user opened is read");
}

#[test]
fn quitting_before_the_saved_article_is_listed_keeps_the_saved_place() {
    let session = |a: &App| {
        a.reading.outbox.iter().any(|c| matches!(c, Change::Session { name: "selected" | "focus", .. }))
    };
    // A list still loading (or drawn from a peek at the stored list) lacks the saved article.
    let mut a = app(120, 40);
    a.loading = true;
    a.restore(Saved {
        selected: Some("later/article.txt".into()),
        focus: Some("Body".into()),
        ..Saved::default()
    });
    a.leave();
    assert!(!session(&a), "nothing overwrites the place not yet shown: {:?}", a.reading.outbox);
    // Once the reader moves, quitting saves where it is.
    update(&mut a, Action::Down);
    a.leave();
    assert!(session(&a));
}

/// The text the body pane's top row shows.
fn top_row(app: &App) -> String {
    let a = app.article().unwrap();
    let offset = app.body.wrapped.offset_at(a, app.body.scroll);
    let rest = |s: &str| s.to_string();
    let mut base = 0;
    for part in std::iter::once(&a.title).chain(a.source.iter()).chain(a.body.iter()) {
        if offset < base + part.len() {
            return rest(&part[offset - base..]);
        }
        base += part.len() + 1;
    }
    String::new()
}

#[test]
fn the_position_follows_its_text_when_the_file_was_edited_above_it() {
    use crate::Corpus;
    let para = |i: usize| {
        format!("Paragraph {i} tells of the harvest in the valley, and of prices and weather there.")
    };
    let article = |body: Vec<String>| crate::Article {
        key: "/news/a.txt".into(),
        id: "a".into(),
        title: "Harvest".into(),
        body,
        ..Default::default()
    };
    let old = article((0..30).map(para).collect());
    let mut a = App::new(Corpus::new(vec![old]), Rect::new(0, 0, 120, 20));
    apply(&mut a, &[Action::Open, Action::PageDown, Action::PageDown]);
    let shown = top_row(&a);
    assert!(shown.starts_with("Paragraph "), "{shown}");
    a.leave();

    // Three paragraphs added at the top while the reader was away.
    let mut body: Vec<String> =
        (0..3).map(|i| format!("Added {i}: a new lead paragraph, long enough to wrap onto rows.")).collect();
    body.extend((0..30).map(para));
    let mut b = App::new(Corpus::new(vec![article(body)]), Rect::new(0, 0, 120, 20));
    b.restore(Saved {
        marks: a.reading.marks.clone(),
        selected: Some("/news/a.txt".into()),
        focus: Some("Body".into()),
        ..Saved::default()
    });
    assert_eq!(top_row(&b), shown, "the same words at the top, not three paragraphs earlier");
}

#[test]
fn an_article_read_again_after_e_shows_the_new_text_where_it_was_with_its_marks() {
    use crate::Corpus;
    let para = |i: usize| {
        format!("Paragraph {i} tells of the harvest in the valley, and of prices and weather there.")
    };
    let article = |key: &str, body: Vec<String>| {
        let mut a = crate::Article {
            key: key.into(),
            id: key.trim_start_matches('/').into(),
            title: format!("Title {key}"),
            body,
            ..Default::default()
        };
        a.hash = a.content_hash();
        a
    };
    let corpus = Corpus::new(vec![article("/a", vec![para(0)]), article("/b", (0..30).map(para).collect())]);
    let mut a = App::new(corpus, Rect::new(0, 0, 120, 20));
    apply(&mut a, &[Action::Down, Action::Open, Action::ToggleStar, Action::PageDown, Action::PageDown]);
    let shown = top_row(&a);
    let selected = a.selected;

    let mut body = vec!["An editor added this lead paragraph above everything else.".to_string()];
    body.extend((0..30).map(para));
    body[20] = "Paragraph 19 was rewritten in the editor.".into();
    assert!(a.reloaded(article("/b", body)).is_none(), "no search to run again");
    let now = a.article().unwrap();
    assert_eq!((a.selected, now.key.as_str()), (selected, "/b"), "the same article selected");
    assert!(now.body[0].starts_with("An editor added"), "the new text is in the corpus");
    assert!(a.reading.of(now).starred && a.reading.of(now).read, "marks kept");
    assert_eq!(top_row(&a), shown, "the body shows the same words at the top");
    assert_eq!(a.body.article, a.current_index(), "wrapped afresh for the new text");
    assert!(a.body.wrapped.len() > 30 * 2, "the new text's rows: {}", a.body.wrapped.len());
    // The same text again changes nothing.
    let corpus_before = std::sync::Arc::clone(&a.corpus);
    let again = a.corpus.articles()[a.current_index().unwrap()].clone();
    a.reloaded(again);
    assert!(std::sync::Arc::ptr_eq(&corpus_before, &a.corpus));
}

#[test]
fn typing_a_search_opens_nothing_until_the_prompt_closes() {
    use crate::search::Searcher;
    use crate::tui::search::run_now;
    // Both layouts: three panes, and one pane at a time (where the prompt shows the list).
    for (width, height) in [(120, 40), (80, 24)] {
        let mut a = app(width, height);
        let searcher = Searcher::new(&a.corpus);
        apply(&mut a, &[Action::Open]);
        let opened = key(&a);
        update(&mut a, Action::SearchStart);
        let mut passed = Vec::new();
        for c in "rail".chars() {
            if let Some(request) = update(&mut a, Action::PromptInsert(c)) {
                a.apply_search(run_now(&searcher, request));
            }
            passed.extend(a.article().map(|x| x.key.clone()));
        }
        assert!(passed.iter().any(|k| *k != opened), "the top result changed while typing: {passed:?}");
        let read = |a: &App| -> Vec<String> {
            a.reading.marks.iter().filter(|(_, m)| m.read).map(|(k, _)| k.clone()).collect()
        };
        assert_eq!(read(&a), std::slice::from_ref(&opened), "typing opened nothing at {width}x{height}");
        update(&mut a, Action::PromptCancel);
        assert_eq!(read(&a), std::slice::from_ref(&opened), "Esc opened nothing at {width}x{height}");
        // Enter on the prompt opens the top result.
        update(&mut a, Action::SearchStart);
        for c in "rail".chars() {
            if let Some(request) = update(&mut a, Action::PromptInsert(c)) {
                a.apply_search(run_now(&searcher, request));
            }
        }
        let top = key(&a);
        assert_ne!(top, opened);
        update(&mut a, Action::PromptSubmit);
        assert!(a.reading.of(a.article().unwrap()).read, "Enter opens {top}");
    }
}
