//! The library through the real binary: marks, the list filters, the parse cache and its
//! staleness rules, pruning, and reliability (kill -9, two instances, corrupt, newer and
//! unwritable libraries). Every run names its own library: none touches the user's.

mod common;

use common::at;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command as Process, Stdio};
use std::time::Duration;

use assert_cmd::Command;
use predicates::prelude::*;

fn stdout(c: &mut Command) -> String {
    let out = c.output().unwrap();
    assert!(out.status.success(), "failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn ids(list: &str) -> Vec<String> {
    list.lines().map(|l| l.split('\t').next().unwrap().to_string()).collect()
}

/// A folder `news/` of `n` small articles, dated in the past and changed long enough ago for
/// their cached parses to be used (see `library::cache`: files modified within the last seconds
/// are never cached, files changed then are cached to be read again).
fn corpus(dir: &Path, n: usize) -> PathBuf {
    let news = dir.join("news");
    fs::create_dir_all(&news).unwrap();
    for i in 0..n {
        let file = news.join(format!("{i:03}.txt"));
        fs::write(&file, format!("Title {i}\nBody of article {i}.\n")).unwrap();
        age(&file);
    }
    common::settle();
    news
}

fn age(file: &Path) {
    age_to(file, "2020-01-01 00:00:00");
}

fn age_to(file: &Path, date: &str) {
    assert!(Process::new("touch").args(["-d", date]).arg(file).status().unwrap().success());
}

fn integrity(lib: &Path) -> String {
    let conn = rusqlite::Connection::open(lib).unwrap();
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap()
}

#[test]
fn marks_filter_the_list_and_follow_the_file_whichever_folder_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.sqlite3");
    let news = corpus(dir.path(), 3);
    at(&lib).args(["mark", "news-001", "--read", "--star"]).arg(&news).assert().success();
    // The same file through its own path: same key, same marks.
    at(&lib).args(["mark"]).arg(news.join("002.txt")).arg("--read").arg(dir.path()).assert().success();
    assert_eq!(ids(&stdout(at(&lib).args(["list", "--unread"]).arg(&news))), ["news-000"]);
    assert_eq!(ids(&stdout(at(&lib).args(["list", "--starred"]).arg(news.join("001.txt")))), ["news-001"]);
    at(&lib).args(["mark", "news-001", "--unstar", "--unread"]).arg(&news).assert().success();
    at(&lib)
        .args(["list", "--starred"])
        .arg(&news)
        .assert()
        .code(1)
        .stdout("")
        .stderr("no article matches the filter (3 articles loaded)\n");
    at(&lib).args(["list", "--starred", "--json"]).arg(&news).assert().code(1).stdout("[]\n");
    assert_eq!(ids(&stdout(at(&lib).args(["list", "--unread"]).arg(&news))), ["news-000", "news-001"]);
    at(&lib).args(["mark", "news-001"]).arg(&news).assert().code(2);
    at(&lib).args(["mark", "news-001", "--read", "--no-library"]).arg(&news).assert().code(2);
    at(&lib).args(["mark", "nope", "--read"]).arg(&news).assert().code(1);
}

#[test]
fn an_edited_article_keeps_its_marks_and_a_vanished_one_waits_for_prune() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.sqlite3");
    let news = corpus(dir.path(), 3);
    at(&lib).args(["mark", "news-000", "--star"]).arg(&news).assert().success();
    at(&lib).args(["mark", "news-001", "--star"]).arg(&news).assert().success();
    fs::write(news.join("000.txt"), "Title 0, edited\nA new body.\n").unwrap();
    let starred = stdout(at(&lib).args(["list", "--starred"]).arg(&news));
    assert!(starred.starts_with("news-000\tTitle 0, edited\t"), "{starred}");
    fs::remove_file(news.join("001.txt")).unwrap();
    // Gone from disk, the mark stays until pruned: the file may come back.
    at(&lib).args(["library", "prune", "--library"]).arg(dir.path().join("other.sqlite3")).assert().success();
    at(&lib).args(["library", "prune"]).assert().success().stdout("forgot 1 article whose file is gone\n");
    at(&lib).args(["library", "prune"]).assert().success().stdout("forgot 0 articles whose files are gone\n");
    assert_eq!(ids(&stdout(at(&lib).args(["list", "--starred"]).arg(&news))), ["news-000"]);
    at(&lib).args(["library", "path"]).assert().success().stdout(format!("{}\n", lib.display()));
}

#[test]
fn the_cache_serves_unchanged_files_and_never_a_changed_one() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.sqlite3");
    let news = corpus(dir.path(), 2);
    let update = || at(&lib).args(["library", "update"]).arg(&news).assert().success();
    let first = stdout(at(&lib).arg("list").arg(&news));
    update().stdout("2 articles; stored 2 parsed files\n");
    assert_eq!(stdout(at(&lib).arg("list").arg(&news)), first, "the cache gives the same list");
    let file = news.join("000.txt");
    // The same size, a new mtime: read again.
    fs::write(&file, "Title X\nBody of article 0.\n").unwrap();
    assert!(stdout(at(&lib).arg("list").arg(&news)).starts_with("news-000\tTitle X\t"));
    // (Another past mtime: the original's would make X look like the cached file.)
    age_to(&file, "2021-01-01 00:00:00");
    update().stdout("2 articles; stored 1 parsed file\n");
    // A new inode with the same size and mtime (a rename over it, as editors save): read again.
    let tmp = news.join("000.new");
    fs::write(&tmp, "Title Y\nBody of article 0.\n").unwrap();
    age_to(&tmp, "2021-01-01 00:00:00");
    fs::rename(&tmp, &file).unwrap();
    assert!(stdout(at(&lib).arg("list").arg(&news)).starts_with("news-000\tTitle Y\t"));
    // The same inode, size and mtime (`touch -r`, `cp -p`): the inode change time tells.
    update().stdout("2 articles; stored 1 parsed file\n");
    fs::write(&file, "Title Z\nBody of article 0.\n").unwrap();
    age_to(&file, "2021-01-01 00:00:00");
    assert!(stdout(at(&lib).arg("list").arg(&news)).starts_with("news-000\tTitle Z\t"));
    // That is the only difference: with the ctime of the file now, the cached parse of Y is
    // served (to a load that reads the texts), which shows the cache really is used.
    let conn = rusqlite::Connection::open(&lib).unwrap();
    let key = fs::canonicalize(&file).unwrap().display().to_string();
    let ctime = common::ctime_ns(&file);
    conn.execute("UPDATE files SET ctime_ns = ?1 WHERE path = ?2", rusqlite::params![ctime, key]).unwrap();
    let json = stdout(at(&lib).args(["list", "--json"]).arg(&news));
    assert!(json.contains("Title Y") && !json.contains("Title Z"), "{json}");
}

#[test]
fn a_file_modified_just_now_is_not_cached() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.sqlite3");
    let news = corpus(dir.path(), 2);
    fs::write(news.join("001.txt"), "Fresh\nJust written.\n").unwrap();
    at(&lib)
        .args(["library", "update"])
        .arg(&news)
        .assert()
        .success()
        .stdout("2 articles; stored 1 parsed file\n");
}

#[test]
fn no_library_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("sub/lib.sqlite3");
    let news = corpus(dir.path(), 2);
    stdout(at(&lib).args(["list", "--no-library"]).arg(&news));
    assert!(!dir.path().join("sub").exists());
}

#[test]
fn kill_9_while_marking_never_corrupts_the_library() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.sqlite3");
    let news = corpus(dir.path(), 300);
    let mut seed = 0x9e37_79b9_u64;
    let (mut killed, mut finished) = (0, 0);
    for round in 0..40 {
        // Some files change every round, and every third round stores parses.
        let changed = news.join(format!("{:03}.txt", round % 300));
        fs::write(&changed, format!("Round {round:02}\nBody.\n")).unwrap();
        age(&changed);
        let flag = if round % 2 == 0 { "--star" } else { "--unstar" };
        let id = format!("news-{:03}", round % 7);
        let args: Vec<&str> =
            if round % 3 == 0 { vec!["library", "update"] } else { vec!["mark", id.as_str(), flag] };
        let mut child = Process::new(env!("CARGO_BIN_EXE_triptych"))
            .env("TRIPTYCH_LIBRARY", &lib)
            .args(&args)
            .arg(&news)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        std::thread::sleep(Duration::from_micros(seed % 60_000));
        match child.try_wait().unwrap() {
            Some(_) => finished += 1,
            None => killed += 1,
        }
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
    }
    eprintln!("{killed} killed, {finished} finished");
    assert!(killed >= 5, "the kills must land while the process runs ({killed} of 40)");
    assert_eq!(integrity(&lib), "ok");
    // And it still works, without a warning.
    at(&lib).args(["mark", "news-001", "--star"]).arg(&news).assert().success().stderr("");
    assert!(stdout(at(&lib).args(["list", "--starred"]).arg(&news)).contains("news-001\t"));
}

#[test]
fn two_instances_at_once_keep_each_others_marks() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.sqlite3");
    let news = corpus(dir.path(), 40);
    let children: Vec<_> = (0..8)
        .map(|i| {
            Process::new(env!("CARGO_BIN_EXE_triptych"))
                .env("TRIPTYCH_LIBRARY", &lib)
                .args(["mark", &format!("news-{i:03}"), "--star"])
                .arg(&news)
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    }
    let starred = ids(&stdout(at(&lib).args(["list", "--starred"]).arg(&news)));
    assert_eq!(starred, (0..8).map(|i| format!("news-{i:03}")).collect::<Vec<_>>());
    assert_eq!(integrity(&lib), "ok");
}

#[test]
fn a_corrupt_or_newer_library_is_moved_aside_and_rebuilt() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.sqlite3");
    let news = corpus(dir.path(), 2);
    fs::write(&lib, b"SQLite format 3\0 but then nothing sensible at all".repeat(100)).unwrap();
    at(&lib)
        .args(["mark", "news-000", "--star"])
        .arg(&news)
        .assert()
        .success()
        .stderr(predicate::str::contains("is damaged").and(predicate::str::contains("moved it to")));
    assert_eq!(ids(&stdout(at(&lib).args(["list", "--starred"]).arg(&news))), ["news-000"]);
    rusqlite::Connection::open(&lib).unwrap().pragma_update(None, "user_version", 999).unwrap();
    at(&lib)
        .arg("list")
        .arg(&news)
        .assert()
        .success()
        .stderr(predicate::str::contains("is from a newer triptych (schema 999)"));
    let aside = fs::read_dir(dir.path()).unwrap().filter_map(|e| e.ok()).filter(|e| {
        let name = e.file_name().to_string_lossy().into_owned();
        name.starts_with("lib.sqlite3.corrupt-") || name.starts_with("lib.sqlite3.newer-")
    });
    assert_eq!(aside.filter(|e| !e.file_name().to_string_lossy().ends_with("-wal")).count(), 2);
}

#[test]
fn an_unwritable_library_gives_one_warning_and_reading_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let news = corpus(dir.path(), 2);
    // A parent that is a file cannot hold the library.
    fs::write(dir.path().join("file"), "x").unwrap();
    let lib = dir.path().join("file/lib.sqlite3");
    let out = at(&lib).arg("list").arg(&news).output().unwrap();
    assert!(out.status.success());
    assert_eq!(ids(&String::from_utf8_lossy(&out.stdout)), ["news-000", "news-001"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("warning: cannot write the library") && stderr.contains("will not be saved"));

    // A read-only data folder, as a user who cannot write there sees it.
    let ro = dir.path().join("ro");
    fs::create_dir(&ro).unwrap();
    Process::new("chmod").arg("555").arg(&ro).status().unwrap();
    Process::new("chmod").arg("755").arg(dir.path()).status().unwrap();
    let root = Process::new("id").arg("-u").output().unwrap().stdout == b"0\n";
    let mut cmd = if root {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups", env!("CARGO_BIN_EXE_triptych")]);
        c
    } else {
        Command::cargo_bin("triptych").unwrap()
    };
    let news_public = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let out =
        cmd.env("TRIPTYCH_LIBRARY", ro.join("lib.sqlite3")).arg("list").arg(&news_public).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(!out.stdout.is_empty());
    assert_eq!(stderr.lines().filter(|l| l.contains("library")).count(), 1, "{stderr}");
    assert!(stderr.contains("cannot write the library"), "{stderr}");
    assert!(!ro.join("lib.sqlite3").exists());
}

#[test]
fn only_library_update_stores_parses() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.sqlite3");
    let news = corpus(dir.path(), 30);
    let files = || -> i64 {
        let conn = rusqlite::Connection::open(&lib).unwrap();
        conn.query_row("SELECT COUNT(*) FROM files", [], |r| r.get(0)).unwrap()
    };
    stdout(at(&lib).arg("list").arg(&news));
    stdout(at(&lib).args(["search", "body"]).arg(&news));
    assert_eq!(files(), 0);
    at(&lib)
        .args(["library", "update"])
        .arg(&news)
        .assert()
        .success()
        .stdout("30 articles; stored 30 parsed files\n");
    assert_eq!(files(), 30);
    at(&lib)
        .args(["library", "update"])
        .arg(&news)
        .assert()
        .success()
        .stdout("30 articles; stored 0 parsed files\n");
}

#[test]
fn marks_stay_with_their_article_when_another_is_added_to_the_same_file() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.sqlite3");
    let multi = dir.path().join("m");
    fs::create_dir(&multi).unwrap();
    let file = multi.join("m.json");
    let items = |titles: &[&str]| -> String {
        let items: Vec<String> =
            titles.iter().map(|t| format!(r#"{{"title":"{t}","body":"{t} body."}}"#)).collect();
        format!("[{}]", items.join(","))
    };
    fs::write(&file, items(&["Alpha", "Beta", "Gamma"])).unwrap();
    at(&lib).args(["mark", "beta", "--star"]).arg(&multi).assert().success();
    assert_eq!(ids(&stdout(at(&lib).args(["list", "--starred"]).arg(&multi))), ["beta"]);
    // An article put in front: the star stays on Beta, not on whatever is now second.
    fs::write(&file, items(&["New first", "Alpha", "Beta", "Gamma"])).unwrap();
    age(&file);
    assert_eq!(ids(&stdout(at(&lib).args(["list", "--starred"]).arg(&multi))), ["beta"]);
    // Articles sharing a title fall back to their position, and still load.
    fs::write(&file, items(&["Same", "Same"])).unwrap();
    assert_eq!(stdout(at(&lib).arg("list").arg(&multi)).lines().count(), 2);
}

#[test]
fn library_update_says_when_files_are_too_new_to_store() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.sqlite3");
    let news = corpus(dir.path(), 2);
    // Written just now: a stamp this fresh cannot be trusted, so the parse is not stored — and
    // the user is told why, rather than reading "stored 1" and wondering.
    fs::write(news.join("002.txt"), "Title 2\nBody of article 2.\n").unwrap();
    at(&lib)
        .args(["library", "update"])
        .arg(&news)
        .assert()
        .success()
        .stdout("3 articles; stored 2 parsed files\n")
        .stderr(predicates::str::contains("note: 1 file modified in the last 2 seconds is not stored yet"));
    age(&news.join("002.txt"));
    at(&lib)
        .args(["library", "update"])
        .arg(&news)
        .assert()
        .success()
        .stdout("3 articles; stored 1 parsed file\n")
        .stderr(predicates::str::contains("note:").not());
}

/// The binary as a user who cannot write where the test can: as root (who writes anywhere),
/// `setpriv` to `nobody`.
fn unprivileged(lib: &Path) -> Command {
    let root = Process::new("id").arg("-u").output().unwrap().stdout == b"0\n";
    let mut c = if root {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups", env!("CARGO_BIN_EXE_triptych")]);
        c
    } else {
        Command::cargo_bin("triptych").unwrap()
    };
    // No config file: the user's home may not be readable to `nobody`.
    c.env("TRIPTYCH_LIBRARY", lib).env("XDG_CONFIG_HOME", lib.with_file_name("no-config"));
    c.env_remove("TRIPTYCH_CONFIG");
    c
}

/// Every file in `dir` with its size and modification time.
fn snapshot(dir: &Path) -> Vec<(String, u64, std::time::SystemTime)> {
    let mut files: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let meta = e.metadata().unwrap();
            (e.file_name().to_string_lossy().into_owned(), meta.len(), meta.modified().unwrap())
        })
        .collect();
    files.sort();
    files
}

#[test]
fn a_read_only_library_folder_still_gives_the_marks_and_writes_nothing() {
    use triptych::library::{Change, Library, Position, TextPane};
    let dir = tempfile::tempdir().unwrap();
    // Readable by the unprivileged user.
    Process::new("chmod").arg("755").arg(dir.path()).status().unwrap();
    let news = corpus(dir.path(), 3);
    let data = dir.path().join("data");
    fs::create_dir(&data).unwrap();
    let lib = data.join("lib.sqlite3");
    at(&lib).args(["mark", "news-001", "--read", "--star"]).arg(&news).assert().success();
    at(&lib).args(["mark", "news-002", "--read"]).arg(&news).assert().success();
    let key = fs::canonicalize(news.join("001.txt")).unwrap().display().to_string();
    let position = Position { pane: TextPane::Insight, offset: 7, anchor: Some(u64::MAX) };
    {
        let mut library = Library::open(&lib).0.unwrap();
        let changes = [
            Change::Position { key: key.clone(), position },
            Change::Session { name: "selected", value: key.clone() },
        ];
        library.apply(&changes).unwrap();
    }
    // The folder becomes read-only: SQLite cannot make the -shm file a WAL library needs.
    Process::new("chmod").arg("555").arg(&data).status().unwrap();
    let before = snapshot(&data);
    assert_eq!(before.len(), 1, "the library closed cleanly: {before:?}");

    let out = unprivileged(&lib).args(["list", "--starred"]).arg(&news).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(ids(&String::from_utf8_lossy(&out.stdout)), ["news-001"], "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "one warning: {stderr}");
    assert!(stderr.starts_with("warning: cannot write the library"), "{stderr}");
    assert!(stderr.contains("reading it, but changes will not be saved"), "{stderr}");
    let unread = unprivileged(&lib).args(["list", "--unread"]).arg(&news).output().unwrap();
    assert_eq!(ids(&String::from_utf8_lossy(&unread.stdout)), ["news-000"]);
    // A command whose whole work is a write says it cannot.
    let mark = unprivileged(&lib).args(["mark", "news-000", "--star"]).arg(&news).output().unwrap();
    assert!(!mark.status.success());
    assert!(String::from_utf8_lossy(&mark.stderr).contains("cannot write the library"));
    // So does a fetch, before any request.
    let fetch = unprivileged(&lib).arg("fetch").output().unwrap();
    assert_eq!(fetch.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&fetch.stderr)
        .ends_with("error: fetched items are kept in the library, and it is read-only\n"));
    assert_eq!(snapshot(&data), before, "nothing written, no -wal or -shm made");

    // What the reader restores: marks, the position, the last article. (Root writes anywhere:
    // this part needs an unprivileged user.)
    if Process::new("id").arg("-u").output().unwrap().stdout == b"0\n" {
        eprintln!("skipped the in-process read-only check: running as root, whom chmod does not restrict");
    } else {
        let (library, warnings) = Library::open(&lib);
        let library = library.expect("opened read-only");
        assert!(library.is_read_only(), "{warnings:?}");
        let marks = library.marks().unwrap();
        assert!(marks[&key].starred && marks[&key].read && marks[&key].position == Some(position));
        assert_eq!(library.session("selected").unwrap(), Some(key));
    }
    Process::new("chmod").arg("755").arg(&data).status().unwrap();
}
