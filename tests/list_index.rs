//! The list index (issue 15): a second start lists unchanged files from the library with one
//! `stat` each, and never serves a changed, replaced or deleted file. Every run names its own
//! library: none touches the user's.

mod common;

use common::{at, run_ok};

use std::borrow::Cow;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command as Process;

use assert_cmd::Command;
use triptych::library::listing::ListIndex;
use triptych::library::Library;
use triptych::load::{list_walked, load_outline, load_paths, peek_outlines, walk, LoadOptions};

fn list(lib: &Path, dir: &Path) -> String {
    run_ok(at(lib).arg("list").arg(dir)).0
}

/// A folder `news/` of `n` small articles, modified in the past and changed long enough ago
/// for their rows to be used (a file changed within the last seconds gets no row or one that
/// is read again, see `library::cache`).
fn corpus(dir: &Path, n: usize) -> PathBuf {
    let news = dir.join("news");
    fs::create_dir_all(&news).unwrap();
    for i in 0..n {
        let file = news.join(format!("{i:03}.txt"));
        fs::write(&file, format!("Title {i}\nBody of article {i}.\n\nAnalysis:\nWhy {i}.\n")).unwrap();
        age_to(&file, "2020-01-01 00:00:00");
    }
    common::settle();
    news
}

fn age_to(file: &Path, date: &str) {
    assert!(Process::new("touch").args(["-d", date]).arg(file).status().unwrap().success());
}

fn rows(lib: &Path) -> i64 {
    let conn = rusqlite::Connection::open(lib).unwrap();
    conn.query_row("SELECT COUNT(*) FROM listing", [], |r| r.get(0)).unwrap()
}

#[test]
fn a_second_start_lists_from_the_index_and_never_a_changed_file() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.sqlite3");
    let news = corpus(dir.path(), 3);
    let first = list(&lib, &news);
    assert_eq!(rows(&lib), 3, "the first start writes a row per file");
    assert_eq!(list(&lib, &news), first, "the index gives the same list");
    assert_eq!(run_ok(at(&lib).args(["list", "--no-library"]).arg(&news)).0, first);
    let file = news.join("000.txt");
    // Edited in place: the same size, a new mtime.
    fs::write(&file, "Title X\nBody of article 0.\n\nAnalysis:\nWhy 0.\n").unwrap();
    assert!(list(&lib, &news).starts_with("news-000\tTitle X\t"));
    age_to(&file, "2021-01-01 00:00:00");
    list(&lib, &news);
    // Replaced (a rename over it, as editors save): a new inode, the same size and mtime.
    let tmp = news.join("000.new");
    fs::write(&tmp, "Title Y\nBody of article 0.\n\nAnalysis:\nWhy 0.\n").unwrap();
    age_to(&tmp, "2021-01-01 00:00:00");
    fs::rename(&tmp, &file).unwrap();
    assert!(list(&lib, &news).starts_with("news-000\tTitle Y\t"));
    // Touched: read again, the same list.
    age_to(&file, "2022-01-01 00:00:00");
    assert!(list(&lib, &news).starts_with("news-000\tTitle Y\t"));
    // The same inode, size and mtime (`touch -r`): the inode change time tells.
    fs::write(&file, "Title Z\nBody of article 0.\n\nAnalysis:\nWhy 0.\n").unwrap();
    age_to(&file, "2022-01-01 00:00:00");
    assert!(list(&lib, &news).starts_with("news-000\tTitle Z\t"));
    // Deleted: gone from the list; a new file: in it.
    fs::remove_file(news.join("001.txt")).unwrap();
    fs::write(news.join("009.txt"), "New one\nBody.\n").unwrap();
    let ids: Vec<String> = list(&lib, &news).lines().map(|l| l.split('\t').next().unwrap().into()).collect();
    assert_eq!(ids, ["news-000", "news-002", "news-009"]);
    // `library prune` forgets the row of the deleted file.
    at(&lib).args(["library", "prune"]).assert().success();
    assert_eq!(rows(&lib), 2, "the new file was modified just now: no row yet");
}

#[test]
fn the_indexed_list_is_the_parsed_list_with_its_warnings() {
    // Several articles per file, colliding ids, bad lines, skipped files: what `list` prints on
    // stdout and stderr is the same without a library, on a first and on a second start.
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.sqlite3");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let plain = run_ok(at(&lib).args(["list", "--no-library"]).arg(&fixtures));
    assert!(!plain.1.is_empty(), "the fixtures give warnings");
    for sort in ["path", "title", "date", "source"] {
        let plain = run_ok(at(&lib).args(["list", "--no-library", "--sort", sort]).arg(&fixtures));
        assert_eq!(
            run_ok(at(&lib).args(["list", "--sort", sort]).arg(&fixtures)),
            plain,
            "first start, {sort}"
        );
        assert_eq!(
            run_ok(at(&lib).args(["list", "--sort", sort]).arg(&fixtures)),
            plain,
            "second start, {sort}"
        );
    }
    assert!(rows(&lib) > 5);
}

#[test]
fn marks_and_filters_work_on_the_indexed_list() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.sqlite3");
    let news = corpus(dir.path(), 3);
    list(&lib, &news);
    at(&lib).args(["mark", "news-001", "--star"]).arg(&news).assert().success();
    at(&lib).args(["mark", "news-002", "--read"]).arg(&news).assert().success();
    let (starred, _) = run_ok(at(&lib).args(["list", "--starred"]).arg(&news));
    assert!(starred.starts_with("news-001\tTitle 1\t-\t1\t1\n"), "{starred}");
    let (unread, _) = run_ok(at(&lib).args(["list", "--unread"]).arg(&news));
    assert_eq!(unread.lines().count(), 2);
    // --json needs the text: every field, read from the files.
    let (json, _) = run_ok(at(&lib).args(["list", "--json"]).arg(&news));
    assert!(json.contains("\"Body of article 1.\""), "{json}");
}

#[test]
fn an_outline_load_takes_unchanged_files_from_the_index() {
    let dir = tempfile::tempdir().unwrap();
    let news = corpus(dir.path(), 5);
    let (lib, _) = Library::open(&dir.path().join("lib.sqlite3"));
    let mut lib = lib.unwrap();
    let opts = LoadOptions::default();
    let roots = [news.clone()];
    let index = ListIndex::read(&lib, &opts.parse, true).unwrap();
    let first = load_outline(&roots, &opts, &index);
    assert_eq!((first.from_index, first.parsed), (0, 5));
    assert_eq!(index.save(&mut lib).unwrap(), 5);
    let index = ListIndex::read(&lib, &opts.parse, true).unwrap();
    let second = load_outline(&roots, &opts, &index);
    assert_eq!((second.from_index, second.parsed), (5, 0));
    assert_eq!(index.fresh_count(), 0, "nothing to write when nothing changed");
    let full = load_paths(&roots, &opts).corpus;
    let outline = second.loaded.corpus;
    assert_eq!(outline.len(), full.len());
    for (o, a) in outline.articles().iter().zip(full.articles()) {
        assert_eq!((&o.id, &o.key, o.hash, &o.title, &o.path), (&a.id, &a.key, a.hash, &a.title, &a.path));
        assert_eq!((o.body.len(), o.insight.len()), (a.body.len(), a.insight.len()));
        assert!(o.body.iter().all(String::is_empty), "no text in an outline");
    }
}

#[test]
fn a_peek_at_the_index_gives_the_first_outlines_in_walk_order_without_a_walk() {
    let dir = tempfile::tempdir().unwrap();
    let news = corpus(dir.path(), 5);
    // `news/004/x.txt` comes before `news/004.txt` in a walk (folder by folder) but after it
    // by bytes ('.' < '/'); `news-later/` is beside `news/`, not in it, though its name
    // starts the same; files a walk skips (hidden, a README) get rows when named.
    let (sub, later) = (news.join("004"), dir.path().join("news-later"));
    for (folder, name) in [(&sub, "x.txt"), (&later, "y.txt"), (&news.join(".hidden"), "h.txt")] {
        fs::create_dir_all(folder).unwrap();
        fs::write(folder.join(name), format!("{name}\nbody\n")).unwrap();
        age_to(&folder.join(name), "2020-01-01 00:00:00");
    }
    fs::write(news.join("README.md"), "# About\n\nThese files.\n").unwrap();
    age_to(&news.join("README.md"), "2020-01-01 00:00:00");
    let (lib, _) = Library::open(&dir.path().join("lib.sqlite3"));
    let mut lib = lib.unwrap();
    let opts = LoadOptions::default();
    let index = ListIndex::read(&lib, &opts.parse, true).unwrap();
    let named = [news.clone(), later.clone(), news.join(".hidden/h.txt"), news.join("README.md")];
    load_outline(&named, &opts, &index);
    assert_eq!(index.save(&mut lib).unwrap(), 9);

    let index = ListIndex::read(&lib, &opts.parse, true).unwrap();
    let only = [news.clone()];
    let walked = load_outline(&only, &opts, &index).loaded.corpus;
    let peek = peek_outlines(&only, &opts, &lib, 100);
    let fields =
        |a: &triptych::Article| (a.id.clone(), a.key.clone(), a.title.clone(), a.path.clone(), a.hash);
    let of = |c: &[triptych::Article]| c.iter().map(fields).collect::<Vec<_>>();
    assert_eq!(
        of(&peek),
        of(walked.articles()),
        "the walk's articles, order and paths: no hidden file, no README"
    );
    assert_eq!(peek.len(), 6);
    assert!(peek.iter().all(|a| a.body.iter().all(String::is_empty)), "outlines");
    // The limit is on rows read: the first two by bytes are `.hidden/h.txt` (left out) and `000.txt`.
    assert_eq!(of(&peek_outlines(&only, &opts, &lib, 2)), of(&peek[..1]), "at most the limit");
    assert_eq!(
        peek_outlines(&[news.clone(), later.clone()], &opts, &lib, 100).len(),
        7,
        "each folder in turn"
    );
    assert!(peek_outlines(&[news.join("000.txt")], &opts, &lib, 100).is_empty(), "folders only");
    // By the index alone: a file deleted since is still there, until the walk replaces it.
    fs::remove_file(news.join("000.txt")).unwrap();
    assert_eq!(peek_outlines(&only, &opts, &lib, 100).len(), 6);
}

#[test]
fn list_lines_come_from_the_index_and_are_the_parsed_articles() {
    let dir = tempfile::tempdir().unwrap();
    let news = corpus(dir.path(), 5);
    // Two files whose articles collide on their id: de-duplicated as a full load does.
    fs::write(news.join("a.jsonl"), "{\"id\":\"x\",\"title\":\"A\",\"body\":[\"a\"]}\n").unwrap();
    fs::write(news.join("b.jsonl"), "{\"id\":\"x\",\"title\":\"B\",\"body\":[\"b\"]}\n").unwrap();
    for f in ["a.jsonl", "b.jsonl"] {
        age_to(&news.join(f), "2020-01-01 00:00:00");
    }
    common::settle();
    let (lib, _) = Library::open(&dir.path().join("lib.sqlite3"));
    let mut lib = lib.unwrap();
    let opts = LoadOptions::default();
    let roots = [news.clone()];
    let walked = walk(&roots, &opts);
    let index = ListIndex::read(&lib, &opts.parse, true).unwrap();
    // Lines from files parsed afresh are owned: kept as text past the index they came with.
    let first: Vec<String> =
        list_walked(&walked, &opts, &index).lines.iter().map(|l| format!("{l:?}")).collect();
    assert_eq!(index.save(&mut lib).unwrap(), 7, "every file parsed and its row kept");
    let index = ListIndex::read(&lib, &opts.parse, true).unwrap();
    let mut second = list_walked(&walked, &opts, &index);
    assert_eq!(index.fresh_count(), 0, "nothing parsed when nothing changed");
    assert!(second.lines.iter().all(|l| matches!(l.title, Cow::Borrowed(_))), "borrowed from the rows");
    assert_eq!(second.lines.iter().map(|l| format!("{l:?}")).collect::<Vec<_>>(), first);
    triptych::model::dedup(&mut second.lines);
    let full = load_paths(&roots, &opts).corpus;
    assert_eq!(second.lines.len(), full.len());
    for (l, a) in second.lines.iter().zip(full.articles()) {
        assert_eq!(
            (&*l.id, &*l.key, &*l.title, l.source.as_deref()),
            (&*a.id, &*a.key, &*a.title, a.source.as_deref())
        );
        assert_eq!((l.body, l.insight), (a.body.len(), a.insight.len()));
    }
    // An edited file is parsed afresh, its line owned.
    fs::write(news.join("001.txt"), "Edited\nNew body.\n").unwrap();
    let third = list_walked(&walked, &opts, &index);
    let edited = third.lines.iter().find(|l| l.key.ends_with("/001.txt")).unwrap();
    assert_eq!((&*edited.title, matches!(edited.title, Cow::Owned(_))), ("Edited", true));
}

#[test]
fn show_reads_the_text_from_the_file_and_prints_what_a_full_load_prints() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.sqlite3");
    let news = corpus(dir.path(), 3);
    list(&lib, &news);
    let by_path = news.join("002.txt").display().to_string();
    for args in [&["show", "news-001"][..], &["show", "news-001", "--json"], &["show", &by_path]] {
        let plain = run_ok(at(&lib).args(args).arg("--no-library").arg(&news));
        assert_eq!(run_ok(at(&lib).args(args).arg(&news)), plain, "{args:?}");
    }
    // An id that is not there: the nearest ones, as without a library.
    for id in ["news-0001", "nosuch"] {
        let outs = [
            at(&lib).args(["show", id]).arg(&news).output(),
            at(&lib).args(["show", id, "--no-library"]).arg(&news).output(),
        ];
        let [with, without] = outs.map(|o| o.unwrap());
        assert_eq!((with.status.code(), &with.stderr), (Some(1), &without.stderr));
        let said = String::from_utf8_lossy(&with.stderr);
        let expected = match id {
            "nosuch" => "error: no article with id \"nosuch\"; run `triptych list` to see the ids\n",
            _ => "error: no article with id \"news-0001\"; did you mean: news-000, news-001, news-002?\n",
        };
        assert_eq!(said, expected);
    }
    // Edited keeping size, mtime and inode: the text shown is the new one.
    let file = news.join("001.txt");
    common::edit_keeping_stamp(&file, "Title 1\nBody of article I.\n\nAnalysis:\nWhy 1.\n");
    let (shown, _) = run_ok(at(&lib).args(["show", "news-001"]).arg(&news));
    assert!(shown.contains("Body of article I."), "{shown}");
}

/// Sets the ctime stored in `table` for `file` (as the library keys it) to `ctime`.
fn store_ctime(lib: &Path, table: &str, file: &Path, ctime: i64) {
    let conn = rusqlite::Connection::open(lib).unwrap();
    let key = fs::canonicalize(file).unwrap().display().to_string();
    let sql = format!("UPDATE {table} SET ctime_ns = ?1 WHERE path = ?2");
    assert_eq!(conn.execute(&sql, rusqlite::params![ctime, key]).unwrap(), 1, "{table} has a row for {key}");
}

#[test]
fn an_edit_that_keeps_size_mtime_and_inode_is_seen_by_list_show_and_search() {
    // `touch -r`, `cp -p`, an editor that restores the mtime: one `stat` sees the same size,
    // modification time and inode. The inode change time is in the stamp: the kernel sets it
    // on every change and user space cannot set it back.
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.sqlite3");
    let news = corpus(dir.path(), 3);
    let search = |q: &str| run_ok(at(&lib).args(["search", q]).arg(&news)).0;
    assert!(list(&lib, &news).starts_with("news-000\tTitle 0\t"));
    assert!(search("Why").contains("news-000"), "the first start writes the search texts");
    let file = news.join("000.txt");
    common::edit_keeping_stamp(&file, "Title Q\nBody of giraffe 0.\n\nAnalysis:\nWhy 0.\n");
    for _ in 0..2 {
        // Twice: the row written for a file changed just now is never used (read again).
        assert!(list(&lib, &news).starts_with("news-000\tTitle Q\t"), "list");
        let (shown, _) = run_ok(at(&lib).args(["show", "news-000"]).arg(&news));
        assert!(shown.starts_with("Title Q\n") && shown.contains("Body of giraffe 0."), "show: {shown}");
        let found = search("giraffe");
        assert!(found.starts_with("news-000\tTitle Q\t") && found.contains("«giraffe»"), "search: {found}");
    }
    // The ctime is all that tells: stored as the file's now, the row of Q is served for R.
    common::edit_keeping_stamp(&file, "Title R\nBody of giraffe 0.\n\nAnalysis:\nWhy 0.\n");
    store_ctime(&lib, "listing", &file, common::ctime_ns(&file));
    assert!(list(&lib, &news).starts_with("news-000\tTitle Q\t"), "a matching stamp serves the row");
    // A row written before the ctime was stored (the migration leaves -1) is stale.
    store_ctime(&lib, "listing", &file, -1);
    assert!(list(&lib, &news).starts_with("news-000\tTitle R\t"), "an old row without a ctime is stale");
}

#[test]
fn stored_ids_stay_right_when_a_colliding_file_comes_and_goes() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.sqlite3");
    let news = corpus(dir.path(), 3);
    // `NEWS/001.md` and a title-less JSON array collide with `news/001.txt` and with each other
    // once slugged; the rows hold slugged ids, de-duplicated again on every start.
    let plain = |c: &mut Command| run_ok(c.arg("--no-library")).0;
    let no_library = || plain(Command::cargo_bin("triptych").unwrap().arg("list").arg(&news));
    list(&lib, &news);
    assert_eq!(list(&lib, &news), no_library());
    let colliding = news.join("001.md");
    fs::write(&colliding, "# Title X\n\nBody.\n").unwrap();
    age_to(&colliding, "2020-01-01 00:00:00");
    let with = list(&lib, &news);
    assert_eq!(with, no_library(), "the new file's row and the old rows give the full load's ids");
    assert_eq!(list(&lib, &news), with, "and so do the rows alone");
    let ids: Vec<&str> = with.lines().map(|l| l.split('\t').next().unwrap()).collect();
    assert!(ids.contains(&"news-001") && ids.iter().any(|i| i.starts_with("news-001-")), "{ids:?}");
    fs::remove_file(&colliding).unwrap();
    let without = list(&lib, &news);
    assert_eq!(without, no_library());
    assert!(without.lines().all(|l| !l.split('\t').next().unwrap().starts_with("news-001-")), "{without}");
}

#[test]
fn rows_hold_the_slugged_id() {
    let dir = tempfile::tempdir().unwrap();
    let news = corpus(dir.path(), 1);
    let (lib, _) = Library::open(&dir.path().join("lib.sqlite3"));
    let mut lib = lib.unwrap();
    let opts = LoadOptions::default();
    let index = ListIndex::read(&lib, &opts.parse, true).unwrap();
    load_outline(std::slice::from_ref(&news), &opts, &index);
    index.save(&mut lib).unwrap();
    let data: Vec<u8> = rusqlite::Connection::open(lib.path())
        .unwrap()
        .query_row("SELECT data FROM listing", [], |r| r.get(0))
        .unwrap();
    let text = String::from_utf8_lossy(&data);
    // `news/000` once, in the key: the id is stored as `news-000`, not as the parser's `news/000`.
    assert!(text.contains("news-000") && text.matches("news/000").count() == 1, "{text}");
}
