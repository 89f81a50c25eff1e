//! The reader's first start on many files (issue 15): the list is drawn before the files are
//! read and fills as they are, with progress in the status bar; what it ends with is what a
//! whole load gives, warnings included, and where the reader was last time is taken up when
//! that article arrives.

mod common;

use std::fs;
use std::path::Path;

use common::screen::screen;
use common::tmux::Tmux;
use ratatui::layout::Rect;
use triptych::load::{load_walked, load_walked_in_batches, walk, LoadOptions};
use triptych::tui::action::Action;
use triptych::tui::app::App;
use triptych::tui::layout::Pane;
use triptych::tui::reading::Saved;
use triptych::tui::theme::Theme;
use triptych::tui::update::update;
use triptych::{Article, Corpus};

/// `n` one-article files in two folders, all with the same title in pairs (so ids collide
/// across batches), and a binary file that is skipped with a warning.
fn folder(root: &Path, n: usize) {
    for i in 0..n {
        let dir = root.join(if i % 2 == 0 { "even" } else { "odd" });
        fs::create_dir_all(&dir).unwrap();
        let text = format!("Story {}\nThe text of story number {i}.\n", i / 2);
        fs::write(dir.join(format!("{i:05}.txt")), text).unwrap();
    }
    fs::write(root.join("odd/zz-binary.txt"), b"\x00\x01\x02 not text").unwrap();
}

fn ids(corpus: &Corpus) -> Vec<(&str, &str, &str)> {
    corpus.articles().iter().map(|a| (a.id.as_str(), a.key.as_str(), a.title.as_str())).collect()
}

#[test]
fn batches_give_what_one_load_gives_and_the_outlines_so_far_between_them() {
    let dir = tempfile::tempdir().unwrap();
    folder(dir.path(), 2_000);
    let opts = LoadOptions::default();
    let walked = walk(&[dir.path().to_path_buf()], &opts);
    let whole = load_walked(&walked, &opts, None, None);
    let mut partials: Vec<(Vec<Article>, usize)> = Vec::new();
    let batched = load_walked_in_batches(&walked, &opts, None, None, |a, done| partials.push((a, done)));

    assert_eq!(whole.corpus.len(), 2_000);
    assert_eq!(ids(&batched.corpus), ids(&whole.corpus), "the same articles, ids and order");
    assert_eq!(batched.corpus.articles(), whole.corpus.articles(), "texts too");
    let warned = |l: &triptych::load::Loaded| l.warnings.iter().map(|w| w.to_string()).collect::<Vec<_>>();
    assert_eq!(warned(&batched), warned(&whole));
    assert!(warned(&batched).iter().any(|w| w.contains("zz-binary.txt") && w.contains("binary file")));

    // 512 files, then 1,024 more; the last 465 (with the binary file) end the load.
    let done: Vec<usize> = partials.iter().map(|p| p.1).collect();
    assert_eq!(done, [512, 1_536]);
    for (outlines, n) in &partials {
        assert_eq!(outlines.len(), *n, "one article a file so far");
        for (o, a) in outlines.iter().zip(whole.corpus.articles()) {
            assert_eq!((&o.key, &o.title, &o.path), (&a.key, &a.title, &a.path));
            assert_eq!(o.body.len(), a.body.len(), "paragraph counts, without the text");
            assert!(o.body.iter().all(String::is_empty), "outlines hold no text");
        }
    }
}

fn outlines(articles: &[Article]) -> Corpus {
    Corpus::new(
        articles.iter().map(|a| Article { body: vec![String::new(); a.body.len()], ..a.clone() }).collect(),
    )
}

fn loaded_app(n: usize) -> (App, Corpus) {
    let dir = tempfile::tempdir().unwrap();
    folder(dir.path(), n);
    let full = triptych::load::load_paths(&[dir.path().to_path_buf()], &LoadOptions::default()).corpus;
    let mut app = App::new(Corpus::default(), Rect::new(0, 0, 100, 20));
    app.theme = Theme::default();
    app.loading = true;
    (app, full)
}

#[test]
fn the_list_grows_with_progress_and_keeps_the_selection() {
    let (mut app, full) = loaded_app(40);
    let first = screen(&app);
    assert!(first.contains("Reading the files…"), "{first}");
    assert!(first.contains("loading texts…"), "{first}");

    app.set_outlines(outlines(&full.articles()[..10]), 10, 41);
    update(&mut app, Action::Down);
    update(&mut app, Action::Down);
    let key = app.article().unwrap().key.clone();
    let s = screen(&app);
    assert!(s.contains("Articles (10)") && s.contains("reading files 10/41…"), "{s}");
    assert!(s.contains("3/10 │ List"), "{s}");

    app.set_outlines(outlines(&full.articles()[..30]), 30, 41);
    assert_eq!(app.article().unwrap().key, key, "the same article stays selected");
    assert!(app.loading);
    let s = screen(&app);
    assert!(s.contains("Articles (30)") && s.contains("reading files 30/41…"), "{s}");

    // Every file's outline in: the texts are what is still loading.
    app.set_outlines(outlines(&full.articles()[..40]), 41, 41);
    let s = screen(&app);
    assert!(s.contains("loading texts…") && !s.contains("reading files"), "{s}");

    app.set_texts(full.clone());
    app.late_warnings(vec!["warning: odd/zz-binary.txt: skipped: binary file".into()]);
    assert!(!app.loading && app.load_progress.is_none());
    assert_eq!(app.article().unwrap().key, key);
    let s = screen(&app);
    assert!(s.contains("Articles (40)") && s.contains("3/40 │ List"), "{s}");
    assert!(!s.contains("reading files"), "{s}");
    assert!(s.contains("1 load warning"), "the late warning is counted: {s}");
}

#[test]
fn last_time_s_article_is_selected_when_it_arrives_unless_the_reader_moved() {
    let (mut app, full) = loaded_app(40);
    let last = full.articles()[25].key.clone();
    let saved = Saved { selected: Some(last.clone()), focus: Some("Body".into()), ..Saved::default() };
    app.restore(saved.clone());
    app.set_outlines(outlines(&full.articles()[..10]), 10, 41);
    assert_eq!(app.selected, 0, "not there yet");
    app.set_outlines(outlines(&full.articles()[..30]), 30, 41);
    assert_eq!(app.article().unwrap().key, last, "selected once it is listed");
    assert_eq!(app.focus, Pane::Body);
    app.set_texts(full.clone());
    assert_eq!(app.article().unwrap().key, last);

    // Moved before it arrived: the reader's own choice stands.
    let (mut app, _) = loaded_app(40);
    app.restore(saved);
    app.set_outlines(outlines(&full.articles()[..10]), 10, 41);
    update(&mut app, Action::Down);
    let chosen = app.article().unwrap().key.clone();
    app.set_outlines(outlines(&full.articles()[..30]), 30, 41);
    app.set_texts(full);
    assert_eq!(app.article().unwrap().key, chosen);
}

#[test]
fn a_first_start_on_thousands_of_files_lists_them_then_remembers_them() {
    let t = Tmux::start(120, 30);
    let news = t.dir.path().join("news");
    folder(&news, 2_500);
    // Modified in the past: a file modified within the last seconds gets no index row.
    let touched = std::process::Command::new("find")
        .arg(&news)
        .args(["-type", "f", "-exec", "touch", "-d", "2020-01-01", "{}", "+"])
        .status();
    assert!(touched.unwrap().success());
    t.launch(&news.display().to_string());
    let s = t.wait_for_text("Articles (2500)");
    assert!(s.contains("Story 0"), "{s}");
    t.wait_for_text("1 load warning");
    t.send(&["j", "j"]);
    t.wait_for_text("3/2500 │ List");
    t.send(&["q"]);
    let after = t.wait_for_text("TRIPTYCH-EXITED-0");
    assert!(after.contains("zz-binary.txt") && after.contains("binary file"), "printed on leaving: {after}");

    // The list index was written by the first start: the second lists from it.
    let library = t.dir.path().join("library.sqlite3");
    let rows: i64 = rusqlite::Connection::open(&library)
        .unwrap()
        .query_row("SELECT COUNT(*) FROM listing", [], |r| r.get(0))
        .unwrap();
    assert!(rows >= 2_500, "{rows} list rows");
    // A second start draws before reading the rows, then lists them all and takes up the place.
    t.launch(&news.display().to_string());
    let second = t.wait_for_text("3/2500 │ List");
    assert!(second.contains("Articles (2500)"), "{second}");
    t.send(&["q"]);
    t.wait_for_text("TRIPTYCH-EXITED-0");
    // Without it (as after an upgrade), the files stream again and the place is taken up.
    rusqlite::Connection::open(&library).unwrap().execute("DELETE FROM listing", []).unwrap();
    t.launch(&news.display().to_string());
    t.wait_for_text("3/2500 │ List");
    t.send(&["q"]);
    t.wait_for_text("TRIPTYCH-EXITED-0");
    // A file deleted and one edited since: the first frame is drawn from the index's rows
    // (stale), and the list then ends as the folder is.
    fs::remove_file(news.join("even/00002.txt")).unwrap();
    fs::write(news.join("even/00000.txt"), "Edited story\nNew text.\n").unwrap();
    t.launch(&news.display().to_string());
    t.wait_for_text("Articles (2499)");
    t.wait_for_text("Edited story");
    t.send(&["q"]);
    t.wait_for_text("TRIPTYCH-EXITED-0");
}
