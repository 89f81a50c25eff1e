//! The folder index (issue 15): a folder whose `stat` matches its stored row is not read again
//! (its entries come from the row), and any change to it — a file added, removed or renamed,
//! a subfolder added, the folder replaced by another of the same name — means it is read
//! afresh. Every run names its own library: none touches the user's.

mod common;

use common::{at, run_ok};

use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::process::Command as Process;

use triptych::library::folders::FolderIndex;
use triptych::library::Library;
use triptych::load::{walk, walk_indexed, LoadOptions};

fn list(lib: &Path, dir: &Path) -> (String, String) {
    run_ok(at(lib).arg("list").arg(dir))
}

fn write_old(file: &Path, text: &str) {
    fs::write(file, text).unwrap();
    assert!(Process::new("touch").args(["-d", "2020-01-01 00:00:00"]).arg(file).status().unwrap().success());
}

fn article(file: &Path, title: &str) {
    write_old(file, &format!("{title}\nBody of {title}.\n\nAnalysis:\nWhy.\n"));
}

fn folder_rows(lib: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(lib).unwrap();
    let mut stmt = conn.prepare("SELECT path FROM folders ORDER BY path").unwrap();
    stmt.query_map([], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap()
}

/// Adds an entry `ghost.txt`, which the folder does not hold, to the stored row of `folder`:
/// a walk that takes the row names it (and warns that it cannot be read), one that reads the
/// folder does not.
fn add_ghost(lib: &Path, folder: &Path) {
    let key = fs::canonicalize(folder).unwrap().to_string_lossy().into_owned();
    let conn = rusqlite::Connection::open(lib).unwrap();
    let mut data: Vec<u8> =
        conn.query_row("SELECT data FROM folders WHERE path = ?1", [&key], |r| r.get(0)).unwrap();
    let count = u32::from_le_bytes(data[..4].try_into().unwrap());
    data[..4].copy_from_slice(&(count + 1).to_le_bytes());
    data.push(0);
    data.extend_from_slice(&9u32.to_le_bytes());
    data.extend_from_slice(b"ghost.txt");
    conn.execute("UPDATE folders SET data = ?1 WHERE path = ?2", rusqlite::params![data, key]).unwrap();
}

/// Waits until the folders are old enough to get rows, lists `news` (writing them), and marks
/// `marked`'s row with a ghost that the next list shows while the row is used.
fn arm(lib: &Path, news: &Path, marked: &Path) {
    common::settle();
    list(lib, news);
    add_ghost(lib, marked);
    let (_, err) = list(lib, news);
    assert!(err.contains("ghost.txt"), "the row is used while the folder is unchanged: {err}");
}

/// `list` with the library gives what `--no-library` gives, and the ghost is gone: the folder
/// was read afresh.
fn read_afresh(lib: &Path, news: &Path) -> String {
    let (out, err) = list(lib, news);
    assert!(!err.contains("ghost.txt"), "a changed folder is read: {err}");
    assert_eq!((out.clone(), err), run_ok(at(lib).args(["list", "--no-library"]).arg(news)));
    out
}

#[test]
fn a_folder_row_is_used_while_the_folder_is_unchanged_and_never_after() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.sqlite3");
    let news = dir.path().join("news");
    fs::create_dir_all(news.join("sub")).unwrap();
    for i in 0..3 {
        article(&news.join(format!("{i:03}.txt")), &format!("Title {i}"));
    }
    article(&news.join("sub/a.txt"), "Sub A");
    common::settle();
    let first = list(&lib, &news);
    let canonical = |p: &Path| fs::canonicalize(p).unwrap().to_string_lossy().into_owned();
    assert_eq!(folder_rows(&lib), [canonical(&news), canonical(&news.join("sub"))]);
    assert_eq!(list(&lib, &news), first, "the rows give the same list");
    assert_eq!(run_ok(at(&lib).args(["list", "--no-library"]).arg(&news)), first);

    // A file added.
    arm(&lib, &news, &news);
    article(&news.join("new.txt"), "New");
    assert!(read_afresh(&lib, &news).contains("\tNew\t"));
    // A file removed.
    arm(&lib, &news, &news);
    fs::remove_file(news.join("001.txt")).unwrap();
    assert!(!read_afresh(&lib, &news).contains("Title 1"));
    // A file renamed.
    arm(&lib, &news, &news);
    fs::rename(news.join("002.txt"), news.join("222.txt")).unwrap();
    assert!(read_afresh(&lib, &news).contains("news-222\tTitle 2"));
    // A subfolder added.
    arm(&lib, &news, &news);
    fs::create_dir(news.join("more")).unwrap();
    article(&news.join("more/m.txt"), "More M");
    assert!(read_afresh(&lib, &news).contains("more-m\tMore M"));
    // A file added in a subfolder: its own row is not used, its parent's still is.
    arm(&lib, &news, &news.join("sub"));
    article(&news.join("sub/b.txt"), "Sub B");
    let (out, err) = list(&lib, &news);
    assert!(out.contains("sub-b\tSub B") && !err.contains("ghost.txt"), "{out}{err}");
    // A file edited in place: the folder is unchanged (its row is used: the ghost stays), the
    // file is read again.
    arm(&lib, &news, &news);
    fs::write(news.join("000.txt"), "Edited title\nBody.\n").unwrap();
    let (out, err) = list(&lib, &news);
    assert!(out.contains("news-000\tEdited title") && err.contains("ghost.txt"), "{out}{err}");
}

#[test]
fn a_folder_replaced_by_another_of_the_same_name_is_read_afresh() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.sqlite3");
    let (news, other) = (dir.path().join("news"), dir.path().join("other"));
    for (folder, title) in [(&news, "First"), (&other, "Second")] {
        fs::create_dir_all(folder.join("sub")).unwrap();
        article(&folder.join("a.txt"), title);
        article(&folder.join("sub/b.txt"), &format!("{title} B"));
    }
    arm(&lib, &news, &news);
    add_ghost(&lib, &news.join("sub"));
    // The same names, sizes and times: only the inodes differ.
    fs::rename(&news, dir.path().join("gone")).unwrap();
    fs::rename(&other, &news).unwrap();
    let out = read_afresh(&lib, &news);
    assert!(out.contains("Second\t") && out.contains("Second B") && !out.contains("First"), "{out}");
}

/// A tree with what a walk skips or treats apart: hidden entries, READMEs, unknown and missing
/// extensions, a name that is not UTF-8, links to a file inside and outside, nested folders.
fn tree(dir: &Path) -> PathBuf {
    let root = dir.join("root");
    for sub in ["a/b/c", "a/.hidden", "d", "links", "empty"] {
        fs::create_dir_all(root.join(sub)).unwrap();
    }
    for (file, title) in [
        ("z.txt", "Z"),
        ("a/x.md", "X"),
        ("a/b/c/deep.txt", "Deep"),
        ("a/.hidden/h.txt", "Hidden"),
        ("a/.h.txt", "Hidden too"),
        ("d/README.md", "Readme"),
        ("d/notes.pdf", "Unknown"),
        ("d/plain", "No extension"),
        ("d/y.txt", "Y"),
        ("outside.txt", "Outside"),
    ] {
        article(&root.join(file), title);
    }
    article(&root.join("d").join(std::ffi::OsStr::from_bytes(b"bad\xffname.txt")), "Bad name");
    std::os::unix::fs::symlink(root.join("z.txt"), root.join("links/to-z.txt")).unwrap();
    std::os::unix::fs::symlink(dir.join("elsewhere.txt"), root.join("links/to-nothing.txt")).unwrap();
    root
}

#[test]
fn a_walk_from_the_rows_finds_what_a_walk_of_the_folders_finds() {
    let dir = tempfile::tempdir().unwrap();
    let root = tree(dir.path());
    common::settle();
    let (lib, _) = Library::open(&dir.path().join("lib.sqlite3"));
    let mut lib = lib.unwrap();
    let opts = LoadOptions::default();
    let roots = [root.clone(), root.join("a/x.md")];
    let canonical = [fs::canonicalize(&root).unwrap()];
    let expected = walk(&roots, &opts);
    let keys = |w: &triptych::load::Walk| (w.len(), w.keys().map(String::from).collect::<Vec<_>>());
    let found = keys(&expected).1;
    assert!(found.iter().any(|k| k.ends_with("/a/b/c/deep.txt")), "{found:?}");
    assert!(!found.iter().any(|k| k.contains("/.h") || k.contains("README") || k.ends_with(".pdf")));

    let folders = FolderIndex::read(&lib, &opts.parse, &canonical).unwrap();
    assert_eq!(keys(&walk_indexed(&roots, &opts, Some(&folders))), keys(&expected), "first walk");
    // Every folder but the one holding links (a link's target can change while the folder
    // does not); hidden ones are not walked.
    assert_eq!(folders.save(&mut lib).unwrap(), 6);
    let folders = FolderIndex::read(&lib, &opts.parse, &canonical).unwrap();
    assert_eq!(keys(&walk_indexed(&roots, &opts, Some(&folders))), keys(&expected), "from the rows");
    assert_eq!(folders.fresh_count(), 0, "nothing read afresh but the folder with links");
}
