//! Issue 12's friction and actions, through `update` alone: Esc that never quits, the list
//! while typing, the body taking an empty insight pane's room, the warnings overlay, list
//! density, positions kept per article, links, editor / pager / copy effects, sort and groups.

use ratatui::layout::Rect;

use super::update;
use crate::load::load_seeds;
use crate::sort::{Grouping, SortKey};
use crate::tui::action::Action;
use crate::tui::app::{App, Density};
use crate::tui::effect::Effect;
use crate::tui::layout::Pane;
use crate::{Article, Corpus};

fn seeds(width: u16, height: u16) -> App {
    App::new(load_seeds().corpus, Rect::new(0, 0, width, height))
}

fn apply(app: &mut App, actions: &[Action]) {
    for &a in actions {
        update(app, a);
    }
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        update(app, Action::PromptInsert(c));
    }
}

fn article(title: &str, path: &str) -> Article {
    Article {
        id: title.to_lowercase(),
        key: format!("/k/{path}"),
        title: title.into(),
        path: path.into(),
        body: (0..30).map(|i| format!("{title} paragraph {i} says something about the harbour.")).collect(),
        ..Default::default()
    }
}

/// Articles without source or insight, in two folders, one with a URL and three links.
fn plain(width: u16, height: u16) -> App {
    let mut linked = article("Beta", "news/b.md");
    linked.url = Some("https://example.com/beta".into());
    linked.links =
        vec!["https://one.example".into(), "https://two.example".into(), "file:///etc/passwd".into()];
    linked.date = Some("2024-05-04".into());
    let mut alpha = article("alpha", "blog/a.md");
    alpha.date = Some("2024-05-03".into());
    let corpus = Corpus::new(vec![linked, alpha, article("Gamma", "news/c.md")]);
    App::new(corpus, Rect::new(0, 0, width, height))
}

#[test]
fn esc_backs_out_step_by_step_and_never_quits() {
    let mut a = seeds(120, 40);
    apply(&mut a, &[Action::ToggleCompare, Action::Back]);
    assert!(a.compare.is_none());
    apply(&mut a, &[Action::SearchStart]);
    typed(&mut a, "rail");
    apply(&mut a, &[Action::PromptSubmit, Action::Back]);
    assert!(!a.search.is_filtering());
    for _ in 0..5 {
        apply(&mut a, &[Action::Back]);
        assert!(!a.quit, "Esc at the top level does not quit");
    }
    assert_eq!(a.flash.as_deref(), Some("nothing to back out of; q quits"));
    apply(&mut a, &[Action::Down]);
    assert_eq!(a.flash, None, "the message goes with the next key");
    apply(&mut a, &[Action::Quit]);
    assert!(a.quit);
}

#[test]
fn esc_on_a_narrow_screen_goes_back_to_the_list() {
    let mut a = seeds(40, 12);
    apply(&mut a, &[Action::Open]);
    assert_eq!(a.focus, Pane::Body);
    apply(&mut a, &[Action::Back]);
    assert_eq!(a.focus, Pane::List);
    assert!(!a.quit);
}

#[test]
fn the_list_is_shown_while_a_query_is_typed_below_100_columns() {
    for (width, height) in [(80, 24), (50, 20)] {
        let mut a = seeds(width, height);
        apply(&mut a, &[Action::FocusNext]);
        assert!(a.areas().list.is_none(), "{width}: hidden while reading");
        apply(&mut a, &[Action::SearchStart]);
        typed(&mut a, "port");
        let list = a.areas().list.expect("shown while typing");
        assert_eq!((list.width, list.height), (width, height - 1), "the list takes the screen");
        assert!(a.areas().body.is_none());
        apply(&mut a, &[Action::PromptSubmit]);
        assert!(a.areas().list.is_none(), "{width}: back to the article on Enter");
        assert_eq!(a.focus, Pane::Body);
    }
    // A wide terminal whose list was hidden with `t` shows it in its usual place.
    let mut a = seeds(120, 40);
    apply(&mut a, &[Action::ToggleList, Action::SearchStart]);
    assert_eq!(a.areas().list.map(|r| r.width), Some(30));
    assert!(a.areas().body.is_some());
    apply(&mut a, &[Action::PromptCancel]);
    assert!(a.areas().list.is_none());
}

#[test]
fn an_article_without_insight_gives_its_pane_to_the_body_until_asked() {
    let mut a = plain(120, 40);
    let areas = a.areas();
    assert!(areas.insight.is_none());
    let list = areas.list.unwrap();
    assert_eq!(areas.body.unwrap().width, 120 - list.width, "the body takes the insight pane's room");
    apply(&mut a, &[Action::FocusNext, Action::FocusNext]);
    assert_eq!(a.focus, Pane::List, "Tab skips the hidden pane");
    apply(&mut a, &[Action::ToggleInsight]);
    assert!(a.areas().insight.is_some(), "i brings the pane back");
    assert_eq!(a.insight.wrapped.len(), 1, "with its note");
    apply(&mut a, &[Action::ToggleInsight]);
    assert!(a.areas().insight.is_none());
    // Articles with insight keep their pane; narrow screens skip the empty one in turn.
    assert!(seeds(120, 40).areas().insight.is_some());
    let mut n = plain(40, 12);
    apply(&mut n, &[Action::FocusNext, Action::FocusNext]);
    assert_eq!(n.focus, Pane::List, "narrow: list, body, list");
}

#[test]
fn load_warnings_open_in_an_overlay_and_the_count_goes_once_seen() {
    let mut a = seeds(120, 40);
    apply(&mut a, &[Action::ShowWarnings]);
    assert!(!a.warnings_open);
    assert_eq!(a.flash.as_deref(), Some("no load warnings"));
    a.warnings = (0..60).map(|i| format!("warning: skipped f{i}.json: bad")).collect();
    apply(&mut a, &[Action::ShowWarnings]);
    assert!(a.warnings_open && a.warnings_seen);
    apply(&mut a, &[Action::Down, Action::Down, Action::Down]);
    assert_eq!((a.warnings_scroll, a.selected), (3, 0), "keys scroll the overlay, not the list");
    apply(&mut a, &[Action::Bottom, Action::Down]);
    // 40 rows, 39 above the status bar: the box shows 37 warnings, the last page stays full.
    assert_eq!(a.warnings_scroll, 60 - 37);
    apply(&mut a, &[Action::Back]);
    assert!(!a.warnings_open && !a.quit);
}

#[test]
fn list_items_take_one_row_when_the_second_would_be_empty() {
    let mut a = plain(120, 12);
    assert_eq!(a.list_item_rows(), 1, "auto: no article has a source");
    assert_eq!(a.list_page(), 9);
    apply(&mut a, &[Action::ClickAt { column: 3, row: 2 }]);
    assert_eq!(a.selected, 1, "a click picks the item on that row");
    a.density = Density::Comfortable;
    assert_eq!(a.list_item_rows(), 2);
    let mut s = seeds(120, 12);
    assert_eq!(s.list_item_rows(), 2, "auto: sources fill the second row");
    s.density = Density::Compact;
    assert_eq!(s.list_item_rows(), 1);
}

#[test]
fn each_article_is_reopened_where_it_was_left_in_both_panes() {
    let mut a = seeds(120, 12);
    apply(&mut a, &[Action::FocusNext, Action::PageDown, Action::FocusNext, Action::Down, Action::Down]);
    let (body, insight) = (a.body.scroll, a.insight.scroll);
    assert!(body > 0 && insight > 0);
    apply(&mut a, &[Action::NextArticle]);
    assert_eq!((a.body.scroll, a.insight.scroll), (0, 0));
    apply(&mut a, &[Action::PrevArticle]);
    assert_eq!((a.body.scroll, a.insight.scroll), (body, insight), "both panes where they were");
}

#[test]
fn o_opens_the_url_or_the_numbered_link_through_an_effect() {
    let mut a = plain(120, 40);
    assert_eq!(a.article().unwrap().title, "Beta");
    apply(&mut a, &[Action::OpenLink]);
    assert_eq!(a.link_prompt.as_deref(), Some(""), "links: asks which");
    assert!(a.effect.is_none());
    apply(&mut a, &[Action::PromptInsert('x'), Action::PromptInsert('2')]);
    assert_eq!(a.effect.take(), Some(Effect::Browse("https://two.example".into())), "2 of 3 opens at once");
    assert!(a.link_prompt.is_none());
    apply(&mut a, &[Action::OpenLink, Action::PromptSubmit]);
    assert_eq!(a.effect.take(), Some(Effect::Browse("https://example.com/beta".into())), "Enter: the URL");
    apply(&mut a, &[Action::OpenLink, Action::PromptInsert('9')]);
    assert_eq!(a.effect, None);
    assert_eq!(a.flash.as_deref(), Some("no link 9 (1–3)"));
    apply(&mut a, &[Action::OpenLink, Action::PromptCancel]);
    assert!(a.link_prompt.is_none() && a.effect.is_none());
    apply(&mut a, &[Action::NextArticle, Action::OpenLink]);
    assert_eq!(a.flash.as_deref(), Some("this article has no URL and no links"));
}

#[test]
fn a_number_that_could_grow_waits_for_enter() {
    let mut many = article("Many", "m.md");
    many.links = (1..=12).map(|i| format!("https://l{i}.example")).collect();
    let mut a = App::new(Corpus::new(vec![many]), Rect::new(0, 0, 120, 40));
    apply(&mut a, &[Action::OpenLink, Action::PromptInsert('1')]);
    assert_eq!((a.link_prompt.as_deref(), &a.effect), (Some("1"), &None), "10–12 are possible");
    apply(&mut a, &[Action::PromptInsert('2')]);
    assert_eq!(a.effect.take(), Some(Effect::Browse("https://l12.example".into())));
    apply(&mut a, &[Action::OpenLink, Action::PromptInsert('1'), Action::PromptSubmit]);
    assert_eq!(a.effect.take(), Some(Effect::Browse("https://l1.example".into())));
}

#[test]
fn edit_page_and_copy_are_effects_for_the_event_loop() {
    let mut a = plain(120, 40);
    apply(&mut a, &[Action::EditFile]);
    assert_eq!(a.effect.take(), Some(Effect::Edit("news/b.md".into())));
    apply(&mut a, &[Action::ViewInPager]);
    let Some(Effect::Page(text)) = a.effect.take() else { panic!("a pager effect") };
    assert!(text.starts_with("Beta\n====\n") && text.contains("[2] https://two.example"), "{text}");
    apply(&mut a, &[Action::Copy]);
    assert_eq!(a.effect.take(), Some(Effect::Copy(text)), "the whole article as plain text");
    // In compare mode `y` copies the claim under the cursor.
    let mut s = seeds(120, 40);
    apply(&mut s, &[Action::ToggleCompare]);
    s.compare_now();
    apply(&mut s, &[Action::Down, Action::Copy]);
    let claim = s.compare.as_ref().unwrap().current_claim().unwrap().text.clone();
    assert_eq!(s.effect.take(), Some(Effect::Copy(claim)));
}

#[test]
fn sort_cycles_and_groups_keep_their_articles_together() {
    let mut a = plain(120, 40);
    let titles =
        |a: &App| -> Vec<String> { a.view.iter().map(|&i| a.corpus.articles()[i].title.clone()).collect() };
    assert_eq!(titles(&a), ["Beta", "alpha", "Gamma"]);
    apply(&mut a, &[Action::Down, Action::CycleSort]);
    assert_eq!(a.sort, SortKey::Title);
    assert_eq!(titles(&a), ["alpha", "Beta", "Gamma"]);
    assert_eq!(a.article().unwrap().title, "alpha", "the selected article stays selected");
    apply(&mut a, &[Action::CycleSort]);
    assert_eq!(titles(&a), ["Beta", "alpha", "Gamma"], "by date, newest first, undated last");
    apply(&mut a, &[Action::CycleSort, Action::CycleSort]);
    assert_eq!(a.sort, SortKey::Grounding);
    apply(&mut a, &[Action::CycleSort, Action::CycleGroup]);
    assert_eq!((a.sort, a.group), (SortKey::Path, Grouping::Folder));
    assert_eq!(titles(&a), ["alpha", "Beta", "Gamma"]);
    let slots = a.list_slots();
    let headings: Vec<(usize, Option<&str>)> = slots.iter().map(|s| (s.row, s.heading.as_deref())).collect();
    assert_eq!(headings, [(1, Some("blog")), (3, Some("news")), (4, None)]);
}

#[test]
fn group_headings_never_push_the_selection_off_the_list() {
    let mut articles = Vec::new();
    for i in 0..40 {
        articles.push(article(&format!("T{i:02}"), &format!("f{}/a{i:02}.md", i % 7)));
    }
    let mut a = App::new(Corpus::new(articles), Rect::new(0, 0, 120, 14));
    apply(&mut a, &[Action::CycleGroup]);
    // The slots a frame draws are made in sync, with every change that moves them: always the
    // ones the state asks for.
    let fresh = |a: &App| {
        let mut slots = Vec::new();
        a.make_list_slots(&mut slots);
        slots
    };
    for _ in 0..39 {
        apply(&mut a, &[Action::Down]);
        assert!(a.list_slots().iter().any(|s| s.pos == a.selected), "selection {} drawn", a.selected);
        assert_eq!(a.list_slots(), fresh(&a));
    }
    for action in
        [Action::Resize { width: 120, height: 30 }, Action::CycleGroup, Action::Top, Action::PageDown]
    {
        apply(&mut a, &[action]);
        assert_eq!(a.list_slots(), fresh(&a), "after {action:?}");
    }
    apply(&mut a, &[Action::Top]);
    assert_eq!(a.list_offset, 0);
}

#[test]
fn the_article_open_at_start_on_a_narrow_screen_is_read() {
    // Below 100 columns the body has the focus from the start: the article is open.
    let mut a = seeds(80, 24);
    assert_eq!(a.focus, Pane::Body);
    a.restore(crate::tui::reading::Saved::default());
    let first = a.article().unwrap();
    assert!(a.reading.of(first).read, "marked read in the restored marks");
}

#[test]
fn a_group_differing_only_in_case_gets_one_heading() {
    let with_source =
        |title: &str, source: &str| Article { source: Some(source.into()), ..article(title, title) };
    let corpus =
        Corpus::new(vec![with_source("A", "Wire"), with_source("B", "agency"), with_source("C", "wire")]);
    let mut a = App::new(corpus, Rect::new(0, 0, 120, 40));
    apply(&mut a, &[Action::CycleGroup, Action::CycleGroup]);
    assert_eq!(a.group, Grouping::Source);
    let headings: Vec<Option<String>> = a.list_slots().iter().map(|s| s.heading.clone()).collect();
    assert_eq!(headings, [Some("agency".to_string()), Some("Wire".to_string()), None]);
}
