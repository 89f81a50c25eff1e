//! The reader's first frame from the list index (issue 15): the list is drawn from outlines
//! (titles, sources, counts, no text) before the texts are read, the status bar says they are
//! loading, and when they arrive the same article stays selected and its text shows.

mod common;

use std::fs;
use std::path::Path;

use common::screen::screen;
use ratatui::layout::Rect;
use triptych::library::listing::ListIndex;
use triptych::load::{load_outline, load_paths, LoadOptions};
use triptych::tui::action::Action;
use triptych::tui::app::App;
use triptych::tui::theme::Theme;
use triptych::tui::update::update;

fn write(dir: &Path, name: &str, title: &str, body: &str) {
    fs::write(dir.join(name), format!("{title}\n{body}\n\nAnalysis:\nWhy it matters.\n")).unwrap();
}

#[test]
fn the_first_frame_lists_outlines_and_the_texts_fill_in() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", "Harbour reopens", "Ships returned to the harbour on Monday.");
    write(dir.path(), "b.txt", "Mill closes", "The mill closed after ninety years of work.");
    let roots = [dir.path().to_path_buf()];
    let opts = LoadOptions::default();
    let outline = load_outline(&roots, &opts, &ListIndex::default()).loaded.corpus;
    let mut app = App::new(outline, Rect::new(0, 0, 120, 30));
    app.theme = Theme::monochrome();
    app.loading = true;
    update(&mut app, Action::NextArticle);
    let first = screen(&app);
    assert!(first.contains("Harbour reopens") && first.contains("Mill closes"), "{first}");
    assert!(first.contains("loading texts"), "{first}");
    assert!(!first.contains("ninety years"), "no text before it is read:\n{first}");

    app.set_texts(load_paths(&roots, &opts).corpus);
    assert!(!app.loading);
    assert_eq!(app.article().unwrap().title, "Mill closes", "the same article stays selected");
    let filled = screen(&app);
    assert!(filled.contains("The mill closed after ninety years"), "{filled}");
    assert!(!filled.contains("loading texts"), "{filled}");
}

#[test]
fn a_peek_at_the_stored_list_says_there_are_more_until_the_whole_list_comes() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", "Harbour reopens", "Ships returned to the harbour on Monday.");
    write(dir.path(), "b.txt", "Mill closes", "The mill closed after ninety years of work.");
    write(dir.path(), "c.txt", "Bridge opens", "The bridge opened to traffic on Friday.");
    let roots = [dir.path().to_path_buf()];
    let opts = LoadOptions::default();
    let mut outlines = load_outline(&roots, &opts, &ListIndex::default()).loaded.corpus.articles().to_vec();
    outlines.truncate(2);
    let mut app = App::new(triptych::Corpus::new(outlines), Rect::new(0, 0, 120, 30));
    app.theme = Theme::monochrome();
    (app.loading, app.peek) = (true, true);
    let first = screen(&app);
    assert!(first.contains("Articles (2+)"), "{first}");
    assert!(first.contains("checking files…") && !first.contains("loading texts"), "{first}");

    let whole = load_outline(&roots, &opts, &ListIndex::default()).loaded.corpus;
    app.set_outlines(whole, 3, 3);
    let checked = screen(&app);
    assert!(checked.contains("Articles (3)") && !checked.contains("checking files"), "{checked}");
}
