//! What the reader draws, checked on ratatui's TestBackend: insta snapshots of whole screens at
//! three sizes, and direct assertions that content lands in the right pane.

mod common;

use common::screen::{draw, text_in, type_query, words_in};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use triptych::load::load_seeds;
use triptych::tui::action::Action;
use triptych::tui::app::App;
use triptych::tui::layout::inner;
use triptych::tui::theme::Theme;
use triptych::tui::update::update;

fn app(width: u16, height: u16) -> App {
    let mut app = App::new(load_seeds().corpus, Rect::new(0, 0, width, height));
    app.theme = Theme::monochrome();
    app
}

#[test]
fn wide_layout_shows_title_first_paragraph_and_insight_at_once() {
    let a = app(120, 40);
    let t = draw(&a);
    let buf = t.backend().buffer();
    let areas = a.areas();
    let list = words_in(buf, areas.list.unwrap());
    let body = words_in(buf, inner(areas.body.unwrap()));
    let insight = words_in(buf, inner(areas.insight.unwrap()));
    assert!(list.contains("Articles (11)"));
    assert!(list.contains("◆ OpenAI CEO Sam Altman"));
    assert!(body.contains("OpenAI CEO Sam Altman Outlines Three Principles Behind GPT-5.5"), "{body}");
    assert!(body.contains("Source: Public Information"));
    // The whole first body paragraph and the first insight paragraph are visible.
    let sample = a.article().unwrap();
    assert!(body.contains(sample.body[0].as_str()), "{body}");
    assert!(text_in(buf, areas.insight.unwrap()).starts_with("┌ ABAB AI Insight "));
    assert!(insight.contains(sample.insight[0].as_str()), "{insight}");
    assert!(!body.contains("Iterative deployment is essentially"), "insight text stays out of the body pane");
    let status = text_in(buf, areas.status);
    assert!(status.starts_with(" 1/11 │ List │"), "{status}");
    assert!(status.contains("? help"));
}

#[test]
fn snapshot_120x40() {
    insta::assert_snapshot!(draw(&app(120, 40)).backend());
}

#[test]
fn snapshot_80x24_collapses_the_list() {
    let a = app(80, 24);
    let t = draw(&a);
    assert!(a.areas().list.is_none());
    assert!(text_in(t.backend().buffer(), a.areas().insight.unwrap()).starts_with("┌ ABAB AI Insight "));
    insta::assert_snapshot!(t.backend());
}

#[test]
fn snapshot_40x12_shows_one_pane() {
    let mut a = app(40, 12);
    update(&mut a, Action::Open);
    let t = draw(&a);
    let body = words_in(t.backend().buffer(), a.areas().body.unwrap());
    assert!(body.starts_with("┏ Article ━"), "{body}");
    assert!(body.contains("OpenAI CEO Sam Altman Outlines"));
    insta::assert_snapshot!(t.backend());
}

#[test]
fn help_overlay_lists_every_binding_from_the_keymap() {
    // Tall enough for every row at once (smaller terminals scroll the overlay: tested below).
    let mut a = app(120, 46);
    update(&mut a, Action::ToggleHelp);
    let t = draw(&a);
    let screen = text_in(t.backend().buffer(), Rect::new(0, 0, 120, 46));
    let mut rows = a.keymap.help_rows();
    rows.extend(a.keymap.prompt_help_rows());
    rows.extend(triptych::search::query::SYNTAX_HELP.iter().map(|(k, v)| (k.to_string(), (*v).into())));
    for (keys, what) in rows {
        assert!(
            screen.contains(&format!(" {keys}  ")) && screen.contains(what.as_ref()),
            "missing help row {keys} {what}"
        );
    }
    insta::assert_snapshot!(t.backend());
}

#[test]
fn scrolled_pane_shows_later_text_and_a_scrollbar() {
    let mut a = app(120, 16);
    update(&mut a, Action::FocusPrev);
    update(&mut a, Action::Bottom);
    let t = draw(&a);
    let insight = a.areas().insight.unwrap();
    let words = words_in(t.backend().buffer(), inner(insight));
    assert!(words.contains("forming new centers of technological power."), "{words}");
    let right_edge: String = (insight.top() + 1..insight.bottom() - 1)
        .map(|y| t.backend().buffer()[(insight.right() - 1, y)].symbol().to_string())
        .collect();
    assert!(right_edge.contains('█'), "scrollbar thumb drawn: {right_edge:?}");
    let status = text_in(t.backend().buffer(), a.areas().status);
    assert!(status.contains("│ Insight │ 100% │"), "{status}");
}

#[test]
fn every_size_down_to_1x1_draws_without_panicking() {
    for (w, h) in [(1, 1), (2, 2), (10, 3), (59, 5), (60, 4), (99, 7), (100, 2), (300, 100)] {
        let mut a = app(w, h);
        for action in [Action::Down, Action::FocusNext, Action::ToggleHelp] {
            update(&mut a, action);
            draw(&a);
        }
    }
}

#[test]
fn cjk_article_is_wrapped_by_display_width() {
    let mut a = app(100, 30);
    let pos = a.view.iter().position(|&i| a.corpus.articles()[i].id == "004_chinese_ev").unwrap();
    a.select(pos);
    a.sync();
    let t = draw(&a);
    let body = a.areas().body.unwrap();
    let text = text_in(t.backend().buffer(), body);
    assert!(text.contains("国产电动汽车"), "{text}");
    assert!(text.contains("Source: 海关总署公开数据"));
    for line in text.lines() {
        assert_eq!(unicode_width::UnicodeWidthStr::width(line), usize::from(body.width), "{line:?}");
    }
}

#[test]
fn typing_a_query_filters_the_list_and_highlights_matches() {
    let mut a = app(120, 40);
    type_query(&mut a, "altman");
    let t = draw(&a);
    let buf = t.backend().buffer();
    let areas = a.areas();
    let list = text_in(buf, areas.list.unwrap());
    assert!(list.starts_with("┏ Articles (1 of 11) "), "{list}");
    assert!(list.contains("title,body …am Altman o…"), "{list}");
    let status = text_in(buf, areas.status);
    assert!(status.starts_with("/altman  1 of 11"), "{status}");
    // Every "Altman" in the title row and the body is drawn in the match style.
    let body = inner(areas.body.unwrap());
    let matched: Vec<String> = (body.top()..body.bottom())
        .flat_map(|y| {
            let mut words = Vec::new();
            let mut cur = String::new();
            for x in body.left()..body.right() {
                let cell = &buf[(x, y)];
                if cell.modifier.contains(ratatui::style::Modifier::UNDERLINED) {
                    cur.push_str(cell.symbol());
                } else if !cur.is_empty() {
                    words.push(std::mem::take(&mut cur));
                }
            }
            words.extend((!cur.is_empty()).then_some(cur));
            words
        })
        .collect();
    assert_eq!(matched, ["Altman", "Altman"], "title and first paragraph");
    // The list title marks the fuzzy-matched characters too.
    let list_area = inner(areas.list.unwrap());
    let marked: String = (list_area.left()..list_area.right())
        .map(|x| &buf[(x, list_area.top())])
        .filter(|c| c.modifier.contains(ratatui::style::Modifier::UNDERLINED))
        .map(|c| c.symbol())
        .collect();
    assert_eq!(marked, "Altman");
    insta::assert_snapshot!(t.backend());
}

#[test]
fn enter_keeps_the_filter_and_n_jumps_to_matches() {
    let mut a = app(120, 40);
    type_query(&mut a, "platform");
    update(&mut a, Action::PromptSubmit);
    assert!(a.search.prompt.is_none());
    assert_eq!(a.focus, triptych::tui::layout::Pane::Body);
    let n = a.search.hits.len();
    assert!(n >= 3, "platform appears in body and insight: {n}");
    update(&mut a, Action::NextMatch);
    let t = draw(&a);
    let status = text_in(t.backend().buffer(), a.areas().status);
    assert!(status.contains(&format!("│ /platform match 1/{n} │")), "{status}");
    // Jumping past the body's matches moves focus to the insight pane.
    let body_hits = a.search.hits.iter().filter(|h| h.field != triptych::search::Field::Insight).count();
    for _ in 0..body_hits {
        update(&mut a, Action::NextMatch);
    }
    assert_eq!(a.focus, triptych::tui::layout::Pane::Insight);
    update(&mut a, Action::PrevMatch);
    assert_eq!(a.focus, triptych::tui::layout::Pane::Body);
    update(&mut a, Action::Back);
    assert!(!a.search.is_filtering() && !a.quit, "Esc clears the filter before quitting");
    assert_eq!(a.view.len(), 11);
}

#[test]
fn cancel_restores_the_whole_list_and_the_article_selected_before_the_search() {
    let mut a = app(120, 40);
    update(&mut a, Action::Down);
    let id = a.article().unwrap().id.clone();
    type_query(&mut a, "rail");
    assert_eq!(a.view.len(), 1);
    assert_ne!(a.article().unwrap().id, id, "the hit is selected while typing");
    update(&mut a, Action::PromptCancel);
    assert_eq!(a.view.len(), 11);
    assert_eq!((a.selected, &a.article().unwrap().id), (1, &id), "back where the search started");
    assert!(a.search.hits.is_empty());
    let status = text_in(draw(&a).backend().buffer(), a.areas().status);
    assert!(status.contains(" 2/11 │"), "{status}");
}

#[test]
fn backspace_in_the_prompt_deletes_what_is_drawn_as_one_character() {
    let mut a = app(120, 40);
    type_query(&mut a, "cafe\u{301}");
    update(&mut a, Action::PromptBackspace);
    assert_eq!(a.search.prompt.as_ref().unwrap().text, "caf", "the e goes with its accent");
}

#[test]
fn history_recalls_earlier_queries() {
    let mut a = app(120, 40);
    type_query(&mut a, "rail");
    update(&mut a, Action::PromptSubmit);
    type_query(&mut a, "x");
    update(&mut a, Action::PromptClear);
    update(&mut a, Action::PromptHistoryPrev);
    assert_eq!(a.search.prompt.as_ref().unwrap().text, "rail");
}

fn sample_compare(width: u16, height: u16) -> App {
    let mut a = app(width, height);
    update(&mut a, Action::ToggleCompare);
    a.compare_now();
    a
}

#[test]
fn compare_mode_links_the_current_claim_to_its_facts() {
    let mut a = sample_compare(120, 40);
    assert_eq!(a.focus, triptych::tui::layout::Pane::Insight, "c moves focus to the insight");
    let t = draw(&a);
    let buf = t.backend().buffer();
    let status = text_in(buf, a.areas().status);
    assert!(
        status.contains("│ COMPARE │ I1/11 supported (support 0.56) │ F1 "),
        "the support decides: {status}"
    );
    assert!(status.contains("deployment"), "shared terms in the footer: {status}");
    // The first claim is drawn reversed (current); its best fact in the strong style.
    let styled = |pane: Rect, m: ratatui::style::Modifier| -> String {
        let r = inner(pane);
        (r.top()..r.bottom())
            .flat_map(|y| (r.left()..r.right()).map(move |x| (x, y)))
            .map(|(x, y)| &buf[(x, y)])
            .filter(|c| c.modifier.contains(m))
            .map(|c| c.symbol())
            .filter(|s| !s.trim().is_empty())
            .collect::<String>()
    };
    let current = styled(a.areas().insight.unwrap(), ratatui::style::Modifier::REVERSED);
    assert!(current.starts_with("Iterativedeploymentisessentially"), "{current}");
    let strong = styled(a.areas().body.unwrap(), ratatui::style::Modifier::BOLD);
    assert!(strong.contains("continuousenhancementofmodelcapabilities"), "{strong}");
    // Each fact is labelled in a gutter left of the body text, as the status line names it.
    let body = inner(a.areas().body.unwrap());
    let gutter = Rect { width: a.label_gutter(), ..body };
    let labels: Vec<String> = (gutter.top()..gutter.bottom())
        .map(|y| text_in(buf, Rect { y, height: 1, ..gutter }).trim().to_string())
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(labels, ["F1", "F2", "F3", "F4", "F5", "F6"], "{labels:?}");
    // An unsupported claim with nothing it rests on says so (a forecast resting on reports,
    // which keeps its links: `a_forecast_shows_what_it_builds_on`).
    for _ in 0..8 {
        update(&mut a, Action::Down);
    }
    let t = draw(&a);
    let screen = text_in(t.backend().buffer(), Rect::new(0, 0, 120, 40));
    assert!(screen.contains("I9/11 unsupported (support 0.08) │ no supporting fact"), "{screen}");
    update(&mut a, Action::Down);
    update(&mut a, Action::Down);
    let t = draw(&a);
    let screen = text_in(t.backend().buffer(), Rect::new(0, 0, 120, 40));
    assert!(screen.contains("I11/11 unsupported (support 0.13) │ no supporting fact"), "{screen}");
    let unsupported = a
        .compare
        .as_ref()
        .unwrap()
        .comparison
        .insights
        .iter()
        .filter(|c| c.verdict.name() == "unsupported")
        .count();
    let insight = text_in(t.backend().buffer(), a.areas().insight.unwrap());
    assert!(unsupported >= 2);
    assert_eq!(
        insight.matches("┃✗").count(),
        unsupported,
        "one gutter marker per unsupported claim: {insight}"
    );
    assert!(insight.contains("┃✗concentrated in a few institutions. This"), "{insight}");
    insta::assert_snapshot!(t.backend());
}

#[test]
fn a_forecast_shows_what_it_builds_on() {
    let article = triptych::Article {
        id: "rail".into(),
        title: "Rail".into(),
        body: vec!["The operator cancelled 40 regional trains on Monday after the storm.".into()],
        insight: vec!["The operator will cancel 40 regional trains on Monday.".into()],
        ..Default::default()
    };
    let mut a = App::new(triptych::Corpus::new(vec![article]), Rect::new(0, 0, 120, 30));
    a.theme = Theme::monochrome();
    update(&mut a, Action::ToggleCompare);
    a.compare_now();
    let t = draw(&a);
    let screen = text_in(t.backend().buffer(), Rect::new(0, 0, 120, 30));
    let claim = &a.compare.as_ref().unwrap().comparison.insights[0];
    let support = triptych::compare::score_text(claim.best);
    assert!(screen.contains(&format!("I1/1 unsupported (support {support}, forecast) │ F1 ")), "{screen}");
    assert!(
        screen.contains(&format!("unsupported: support {support}, but a forecast")),
        "the panel says why: {screen}"
    );
}

#[test]
fn compare_mode_labels_each_fact_beside_its_own_first_words() {
    // Short facts that share rows when the paragraph flows: each label must sit on the row that
    // begins with its fact, not beside the tail of the fact before.
    let article = triptych::Article {
        id: "ports".into(),
        title: "Port figures".into(),
        body: vec!["Rotterdam handled 8.2 million containers last year. Antwerp handled 7.1 million. \
             Hamburg lost ground to both ports. Cranes at Rotterdam doubled to 24."
            .into()],
        insight: vec!["Rotterdam handled more containers than Antwerp last year.".into()],
        ..Default::default()
    };
    let mut a = App::new(triptych::Corpus::new(vec![article.clone()]), Rect::new(0, 0, 120, 16));
    a.theme = Theme::monochrome();
    update(&mut a, Action::ToggleCompare);
    a.compare_now();
    let facts = a.compare.as_ref().unwrap().comparison.facts.clone();
    assert_eq!(facts.len(), 4, "{facts:?}");
    let t = draw(&a);
    let buf = t.backend().buffer();
    let body = inner(a.areas().body.unwrap());
    let gutter = a.label_gutter();
    let mut seen = Vec::new();
    for y in body.top()..body.bottom() {
        let label = text_in(buf, Rect { y, height: 1, width: gutter, ..body }).trim().to_string();
        if label.is_empty() {
            continue;
        }
        let n: usize = label.trim_start_matches('F').parse().expect(&label);
        let row = text_in(buf, Rect { y, height: 1, x: body.x + gutter, width: body.width - gutter });
        let fact = &article.body[0][facts[n - 1].range.clone()];
        let first_words: String = fact.split(' ').take(2).collect::<Vec<_>>().join(" ");
        assert!(row.starts_with(&first_words), "{label} beside {row:?}, its fact is {fact:?}");
        seen.push(label);
    }
    assert_eq!(seen, ["F1", "F2", "F3", "F4"], "every fact labelled once, in order");
    insta::assert_snapshot!(t.backend());
}

#[test]
fn compare_mode_works_from_the_body_side_too() {
    let mut a = sample_compare(120, 40);
    update(&mut a, Action::FocusLeft);
    assert_eq!(a.compare.as_ref().unwrap().fact, 0);
    update(&mut a, Action::Down);
    update(&mut a, Action::Down);
    let t = draw(&a);
    let status = text_in(t.backend().buffer(), a.areas().status);
    assert!(status.contains("│ COMPARE │ F3/6 "), "{status}");
    update(&mut a, Action::ToggleCompare);
    assert!(a.compare.is_none());
    let t = draw(&a);
    assert!(!text_in(t.backend().buffer(), a.areas().status).contains("COMPARE"));
}

#[test]
fn compare_mode_in_a_narrow_terminal_lists_the_facts_under_the_claim() {
    let a = sample_compare(50, 24);
    let areas = a.areas();
    let links = areas.links.expect("links panel under the insight pane");
    let t = draw(&a);
    let panel = words_in(t.backend().buffer(), links);
    assert!(panel.starts_with("┌ Linked facts"), "{panel}");
    assert!(panel.contains("supported: support 0.56 (supported ≥ 0.45,"), "the verdict's reason: {panel}");
    assert!(panel.contains("F1 0."), "{panel}");
    assert!(panel.contains("continuous enhancement"), "{panel}");
    insta::assert_snapshot!(t.backend());
}

#[test]
fn compare_mode_shows_a_conflict_only_when_the_config_asks_for_it() {
    let article = triptych::Article {
        id: "boarding".into(),
        title: "Cabin bags".into(),
        body: vec!["The airline said boarding now takes an average of 38 minutes.".into()],
        insight: vec!["Boarding currently takes around 45 minutes on average.".into()],
        ..Default::default()
    };
    let status = |conflicts: bool| {
        let mut a = App::new(triptych::Corpus::new(vec![article.clone()]), Rect::new(0, 0, 160, 30));
        let config = triptych::config::Config { conflicts, ..Default::default() };
        a.configure(&config);
        update(&mut a, Action::ToggleCompare);
        a.compare_now();
        let t = draw(&a);
        text_in(t.backend().buffer(), a.areas().status)
    };
    assert!(status(true).contains("! F1: the claim says 45, the fact says 38"), "{}", status(true));
    assert!(!status(false).contains("the claim says 45"), "{}", status(false));
}

#[test]
fn configured_widths_density_text_width_and_keys_change_the_screen() {
    let config = triptych::config::Config::from_toml(
        "[layout]\nlist-width = 30\nbody-share = 60\nlist-density = \"compact\"\nmax-text-width = 30\n\
         [keys]\ntoggle-help = \"f1\"\nsearch-start = \"ctrl-f\"\n",
        std::path::Path::new("config.toml"),
    )
    .unwrap();
    let mut a = app(120, 40);
    a.configure(&config);
    a.theme = Theme::monochrome();
    let t = draw(&a);
    let buf = t.backend().buffer();
    let areas = a.areas();
    let (list, body) = (areas.list.unwrap(), areas.body.unwrap());
    assert_eq!(list.width, 36);
    assert_eq!((body.width, areas.insight.unwrap().width), (50, 34));
    // Compact: one row per article, so the second article is on the list's second row.
    let rows: Vec<String> = text_in(buf, inner(list)).lines().map(str::to_string).collect();
    assert!(rows[0].starts_with("◆  OpenAI CEO"), "{rows:?}");
    assert!(rows[1].starts_with("◆  Rotterdam Terminal"), "{rows:?}");
    assert!(!text_in(buf, list).contains("Public Information"), "no second rows");
    // Body text wraps at 30 columns although the pane is wider.
    let text = text_in(buf, inner(body));
    assert!(text.lines().all(|l| l.trim_end().chars().count() <= 30), "{text}");
    assert!(text.lines().any(|l| l.trim_end().chars().count() > 24), "{text}");
    // The hints name the configured keys.
    let status = text_in(buf, areas.status);
    assert!(status.contains("F1 help") && status.contains("Ctrl-f search"), "{status}");
    update(&mut a, Action::ToggleStar);
    let t = draw(&a);
    let first = text_in(t.backend().buffer(), inner(list)).lines().next().unwrap().to_string();
    assert!(first.starts_with("◆★ OpenAI CEO"), "{first}");
}

#[test]
fn auto_density_gives_one_row_per_item_when_no_article_has_a_source() {
    assert_eq!(app(120, 40).list_item_rows(), 2, "the seeds have sources");
    let mut articles = load_seeds().corpus.articles().to_vec();
    for a in &mut articles {
        a.source = None;
    }
    let mut a = App::new(triptych::Corpus::new(articles), Rect::new(0, 0, 120, 40));
    assert_eq!(a.list_item_rows(), 1);
    let t = draw(&a);
    let rows = text_in(t.backend().buffer(), inner(a.areas().list.unwrap()));
    assert!(rows.lines().nth(1).unwrap().starts_with("◆  Rotterdam"), "{rows}");
    // A search shows where each article matched on the second row.
    let searcher = triptych::search::Searcher::new(&a.corpus);
    update(&mut a, Action::SearchStart);
    for c in "port".chars() {
        if let Some(req) = update(&mut a, Action::PromptInsert(c)) {
            a.apply_search(triptych::tui::search::run_now(&searcher, req));
        }
    }
    assert_eq!(a.list_item_rows(), 2);
}

/// The rows inside the overlay box whose top border carries `title`, as text.
fn overlay_rows(buf: &Buffer, area: Rect, title: &str) -> Vec<String> {
    let rows: Vec<String> = text_in(buf, area).lines().map(str::to_string).collect();
    let top = rows.iter().position(|r| r.contains(title)).expect("the overlay is drawn");
    rows[top + 1..].iter().take_while(|r| !r.contains('└')).cloned().collect()
}

#[test]
fn help_and_warnings_overlays_scroll_no_further_than_a_full_last_page() {
    let mut a = app(80, 24);
    update(&mut a, Action::ToggleHelp);
    let screen = Rect::new(0, 0, 80, 24);
    let first = overlay_rows(draw(&a).backend().buffer(), screen, "Help —");
    let last_line = "a click focuses and selects.";
    assert!(!first.iter().any(|r| r.contains(last_line)), "the help is longer than the screen");
    update(&mut a, Action::Bottom);
    let by_g = overlay_rows(draw(&a).backend().buffer(), screen, "Help —");
    for _ in 0..120 {
        update(&mut a, Action::Down);
    }
    let by_j = overlay_rows(draw(&a).backend().buffer(), screen, "Help —");
    assert_eq!(by_g, by_j, "G and j×120 end on the same page");
    assert_eq!(by_g.len(), 21, "the box fills the screen above the status bar");
    assert!(by_g.last().unwrap().contains(last_line), "the last line is on the bottom row: {by_g:#?}");
    let blank = by_g.iter().filter(|r| r.trim_matches(['│', ' ']).is_empty()).count();
    assert!(blank <= 3, "the last page is full, not one line in an empty box: {by_g:#?}");
    update(&mut a, Action::Up);
    let up = overlay_rows(draw(&a).backend().buffer(), screen, "Help —");
    assert_ne!(up, by_g, "one k from the end scrolls up at once");

    let mut a = app(80, 24);
    a.warnings = (1..=40).map(|i| format!("warning: skipped file{i}.json")).collect();
    update(&mut a, Action::ShowWarnings);
    update(&mut a, Action::Bottom);
    let by_g = overlay_rows(draw(&a).backend().buffer(), screen, "40 load warnings");
    for _ in 0..120 {
        update(&mut a, Action::Down);
    }
    let by_j = overlay_rows(draw(&a).backend().buffer(), screen, "40 load warnings");
    assert_eq!(by_g, by_j);
    assert_eq!(by_g.len(), 21);
    assert!(by_g[0].contains("file20.json") && by_g[20].contains("file40.json"), "{by_g:#?}");
}

#[test]
fn c_focuses_the_insight_pane_from_any_pane() {
    for start in [&[][..], &[Action::Open][..], &[Action::Open, Action::FocusNext][..]] {
        let mut a = app(120, 40);
        for &action in start {
            update(&mut a, action);
        }
        update(&mut a, Action::ToggleCompare);
        let status = text_in(draw(&a).backend().buffer(), a.areas().status);
        assert!(status.contains("│ Insight │"), "after {start:?}: {status}");
        assert!(status.contains("COMPARE"), "after {start:?}: {status}");
    }
}

#[test]
fn a_saved_filter_that_hides_every_article_says_so_and_how_to_see_them() {
    use triptych::tui::reading::Saved;
    // A filter saved with other files does not carry over: they open unfiltered.
    let mut a = app(120, 30);
    let elsewhere = Some("/elsewhere/a.txt".to_string());
    a.restore(Saved { filter: Some("starred".to_string()), selected: elsewhere, ..Saved::default() });
    assert_eq!(a.view.len(), 11);
    // Saved while reading these articles, it is restored.
    let mut a = app(120, 30);
    let here = Some(a.corpus.articles()[3].key.clone());
    a.restore(Saved { filter: Some("starred".to_string()), selected: here, ..Saved::default() });
    assert!(a.view.is_empty(), "no seed article is starred");
    let t = draw(&a);
    let buf = t.backend().buffer();
    assert!(words_in(buf, a.areas().list.unwrap()).contains("Starred (0 of 11)"));
    let list = words_in(buf, inner(a.areas().list.unwrap()));
    assert!(list.contains("No starred articles."), "{list}");
    assert!(list.contains("f cycles the filter: all 11 are 2 presses away."), "{list}");
    let body = words_in(buf, inner(a.areas().body.unwrap()));
    assert!(body.contains("No starred articles."), "{body}");
    let insight = words_in(buf, inner(a.areas().insight.unwrap()));
    assert!(insight.contains("No starred articles.") && insight.contains("2 presses away"), "{insight}");
    // And it is so: two presses of `f` show all eleven.
    update(&mut a, Action::CycleFilter);
    update(&mut a, Action::CycleFilter);
    assert_eq!(a.view.len(), 11);

    // Weakly grounded, one press from "all"; no gauges are computed in this test.
    let mut a = app(120, 30);
    update(&mut a, Action::CycleFilter);
    update(&mut a, Action::CycleFilter);
    update(&mut a, Action::CycleFilter);
    let t = draw(&a);
    let list = words_in(t.backend().buffer(), inner(a.areas().list.unwrap()));
    assert!(list.contains("No weakly grounded articles yet.") && list.contains("f shows all 11."), "{list}");

    // Matches of a search, all hidden by the filter: the list says which.
    let mut a = app(120, 30);
    update(&mut a, Action::CycleFilter);
    update(&mut a, Action::CycleFilter);
    let searcher = triptych::search::Searcher::new(&a.corpus);
    update(&mut a, Action::SearchStart);
    let mut last = None;
    for c in "ra".chars() {
        last = update(&mut a, Action::PromptInsert(c)).or(last);
    }
    a.apply_search(triptych::tui::search::run_now(&searcher, last.unwrap()));
    assert!(a.view.is_empty() && !a.all_results.is_empty());
    let t = draw(&a);
    let list = words_in(t.backend().buffer(), inner(a.areas().list.unwrap()));
    assert!(list.contains("No starred articles match /ra."), "{list}");
}

#[test]
fn the_panel_explains_a_fact_scoring_above_the_claims_support() {
    // The second sample (a tester saw support 0.33 beside F2 0.38 there).
    let mut a = app(120, 40);
    update(&mut a, Action::Down);
    update(&mut a, Action::ToggleCompare);
    a.compare_now();
    let note = "A fact's score ranks";
    let claims = a.compare.as_ref().unwrap().comparison.insights.len();
    let mut seen = (false, false);
    for _ in 0..claims {
        let cl = a.compare.as_ref().unwrap().current_claim().unwrap().clone();
        let shown = triptych::compare::score_hundredths;
        let above = cl.links.iter().any(|l| shown(l.score) > shown(cl.best));
        let panel = words_in(draw(&a).backend().buffer(), a.areas().links.unwrap());
        assert_eq!(panel.contains(note), above, "{}: {panel}", cl.text);
        if above {
            seen.0 = true;
        } else {
            seen.1 = true;
        }
        update(&mut a, Action::Down);
    }
    assert_eq!(seen, (true, true), "the samples have claims of both kinds");
}

#[test]
fn a_resize_keeps_the_current_claim_in_view() {
    let mut a = sample_compare(120, 40);
    update(&mut a, Action::Bottom);
    let claim = a.compare.as_ref().unwrap().current_claim().unwrap().text.clone();
    let start: String = claim.split_whitespace().take(2).collect::<Vec<_>>().join(" ");
    for (w, h) in [(80, 24), (100, 30), (120, 40)] {
        update(&mut a, Action::Resize { width: w, height: h });
        let pane = words_in(draw(&a).backend().buffer(), inner(a.areas().insight.unwrap()));
        assert!(pane.contains(&start), "{w}x{h}: {start:?} not in view: {pane}");
    }
}

#[test]
fn the_linked_facts_panel_marks_cut_text_with_an_ellipsis() {
    // The tester's sizes (80x24, 40x12) and narrower, where the "more lines" hint is cut too.
    let (mut hints, mut cut_hints) = (0, 0);
    for (w, h) in [(80, 24), (40, 12), (30, 12), (26, 14), (50, 16)] {
        let a = sample_compare(w, h);
        let Some(links) = a.areas().links else { continue };
        let t = draw(&a);
        let text = text_in(t.backend().buffer(), inner(links));
        let rows: Vec<&str> = text.lines().map(str::trim_end).collect();
        for (i, row) in rows.iter().enumerate() {
            let Some(hint) = row.trim_start().strip_prefix("↓ ") else { continue };
            hints += 1;
            assert!(hint.ends_with("scroll)") || hint.ends_with('…'), "{w}x{h}: cut hint {row:?}\n{text}");
            cut_hints += usize::from(hint.ends_with('…'));
            if let Some(above) = i.checked_sub(1).map(|j| rows[j]) {
                assert!(above.ends_with('…'), "{w}x{h}: the text above the hint goes on: {above:?}\n{text}");
            }
        }
    }
    assert!(hints >= 3 && cut_hints >= 1, "hints {hints}, cut {cut_hints}");
}

#[test]
fn compare_mode_on_an_article_without_insight_keeps_the_status_separators() {
    let article = |insight: Vec<String>, body: Vec<String>| triptych::Article {
        id: "plain".into(),
        title: "Plain".into(),
        body,
        insight,
        ..Default::default()
    };
    let status = |a: triptych::Article, focus_body: bool| {
        let mut a = App::new(triptych::Corpus::new(vec![a]), Rect::new(0, 0, 120, 20));
        update(&mut a, Action::ToggleCompare);
        a.compare_now();
        if focus_body {
            update(&mut a, Action::FocusNext);
        }
        text_in(draw(&a).backend().buffer(), a.areas().status)
    };
    let s = status(article(vec![], vec!["A fact.".into()]), false);
    assert!(s.contains("│ COMPARE │ no insight statements"), "{s}");
    let s = status(article(vec!["A view.".into()], vec![]), true);
    assert!(s.contains("│ COMPARE │ no facts"), "{s}");
}
