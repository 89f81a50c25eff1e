use super::*;

fn temp_library() -> (tempfile::TempDir, Library) {
    let dir = tempfile::tempdir().unwrap();
    let (lib, warnings) = Library::open(&dir.path().join("lib.sqlite3"));
    assert!(warnings.is_empty(), "{warnings:?}");
    (dir, lib.expect("opens"))
}

#[test]
fn a_new_library_is_at_the_current_version_in_wal_mode() {
    let (_dir, lib) = temp_library();
    assert_eq!(schema::version(lib.conn()).unwrap(), schema::VERSION);
    let mode: String = lib.conn().pragma_query_value(None, "journal_mode", |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn marks_round_trip_and_columns_do_not_overwrite_each_other() {
    let (dir, mut lib) = temp_library();
    let position = Position { pane: TextPane::Insight, offset: 42, anchor: Some(7) };
    lib.apply(&[
        Change::Read { key: "/a".into(), hash: 7, read: true },
        Change::Starred { key: "/a".into(), hash: 7, starred: true },
        Change::Position { key: "/a".into(), position },
        Change::Starred { key: "/b".into(), hash: 1, starred: true },
        Change::Session { name: "selected", value: "/b".into() },
        Change::Searched("one".into()),
        Change::Searched("two".into()),
        Change::Searched("one".into()),
    ])
    .unwrap();
    lib.apply(&[Change::Read { key: "/a".into(), hash: 8, read: false }]).unwrap();
    drop(lib);
    let (lib, _) = Library::open(&dir.path().join("lib.sqlite3"));
    let lib = lib.unwrap();
    let marks = lib.marks().unwrap();
    assert_eq!(marks["/a"], Marks { read: false, starred: true, position: Some(position) });
    assert_eq!(marks["/b"], Marks { read: false, starred: true, position: None });
    assert_eq!(lib.session("selected").unwrap().as_deref(), Some("/b"));
    assert_eq!(lib.session("focus").unwrap(), None);
    assert_eq!(lib.history().unwrap(), ["two", "one"]);
}

#[test]
fn prune_drops_only_vanished_files() {
    let (dir, mut lib) = temp_library();
    let kept = dir.path().join("kept.jsonl");
    std::fs::write(&kept, "x").unwrap();
    let kept = kept.to_string_lossy().into_owned();
    let gone = dir.path().join("gone.txt").to_string_lossy().into_owned();
    let star = |key: &str| Change::Starred { key: key.into(), hash: 0, starred: true };
    lib.apply(&[star(&format!("{kept}#3")), star(&gone), star("seeds/a.txt")]).unwrap();
    assert_eq!(lib.prune().unwrap(), 1);
    let mut keys: Vec<String> = lib.marks().unwrap().into_keys().collect();
    keys.sort();
    assert_eq!(keys, [format!("{kept}#3"), "seeds/a.txt".to_string()]);
}

#[test]
fn damaged_and_newer_libraries_are_moved_aside_and_rebuilt() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lib.sqlite3");
    drop(Library::open(&path).0.expect("a new library"));
    // Damaged after the header: the page size and everything after it garbage.
    let mut bytes = std::fs::read(&path).unwrap();
    bytes[16..].fill(0x5a);
    std::fs::write(&path, bytes).unwrap();
    for extra in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(dir.path().join(format!("lib.sqlite3{extra}")));
    }
    let (lib, warnings) = Library::open(&path);
    assert!(lib.is_some());
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("is damaged") && warnings[0].contains("moved it to"), "{warnings:?}");
    let aside: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("lib.sqlite3.corrupt-"))
        .collect();
    assert_eq!(aside.len(), 1, "the damaged file is kept beside");
    lib.unwrap().conn().pragma_update(None, "user_version", schema::VERSION + 1).unwrap();
    let (lib, warnings) = Library::open(&path);
    assert!(lib.is_some());
    assert!(warnings[0].contains("newer triptych"), "{warnings:?}");
    assert_eq!(schema::version(lib.unwrap().conn()).unwrap(), schema::VERSION);
}

#[test]
fn a_file_that_is_not_sqlite_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.md");
    std::fs::write(&path, "# My notes\n\nNot a library.\n").unwrap();
    let (lib, warnings) = Library::open(&path);
    assert!(lib.is_none(), "no library: reading goes on without saving");
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].contains("not a triptych library") && warnings[0].contains("left as it is"),
        "{warnings:?}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "# My notes\n\nNot a library.\n");
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, ["notes.md"], "nothing renamed or created beside it");
}

#[test]
fn a_read_only_connection_reads_the_state_and_writes_nothing() {
    // What `Library::open` falls back to when the folder cannot be written (tests/library.rs
    // checks that fallback under a real chmod, as an unprivileged user).
    let (dir, mut lib) = temp_library();
    let path = dir.path().join("lib.sqlite3");
    let position = Position { pane: TextPane::Body, offset: 9, anchor: None };
    lib.apply(&[
        Change::Starred { key: "/a".into(), hash: 7, starred: true },
        Change::Position { key: "/a".into(), position },
        Change::Session { name: "selected", value: "/a".into() },
    ])
    .unwrap();
    drop(lib);
    let files = || std::fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(files(), 1, "closed cleanly: no -wal or -shm left");
    let bytes = std::fs::read(&path).unwrap();
    let mut lib =
        Library { conn: open_read_only(&path).expect("opens"), path: path.clone(), read_only: true };
    assert_eq!(lib.marks().unwrap()["/a"], Marks { read: false, starred: true, position: Some(position) });
    assert_eq!(lib.session("selected").unwrap().as_deref(), Some("/a"));
    assert!(lib.apply(&[Change::Read { key: "/a".into(), hash: 7, read: true }]).is_err());
    assert_eq!(lib.store_signatures(&[("/a", 7, &["t".to_string()])]), Ok(()), "skipped, not failed");
    drop(lib);
    assert_eq!((files(), std::fs::read(&path).unwrap()), (1, bytes), "nothing written");
    // A path that needs escaping in a URI.
    let odd = dir.path().join("a ?#%.sqlite3");
    std::fs::copy(&path, &odd).unwrap();
    assert!(open_read_only(&odd).is_some());
    assert!(open_read_only(&dir.path().join("missing")).is_none());
}

#[test]
fn a_position_kept_before_anchors_reads_back_without_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lib.sqlite3");
    {
        // A library as version 9 left it: the state table without the anchor column.
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("DROP TABLE IF EXISTS state").unwrap();
        schema::migrate(&mut conn).unwrap();
        conn.execute_batch(
            "ALTER TABLE state DROP COLUMN anchor; PRAGMA user_version = 9;
             INSERT INTO state (key, pane, offset) VALUES ('/a', 'body', 120);",
        )
        .unwrap();
    }
    let (lib, warnings) = Library::open(&path);
    assert!(warnings.is_empty(), "{warnings:?}");
    let lib = lib.unwrap();
    assert_eq!(schema::version(lib.conn()).unwrap(), schema::VERSION);
    let position = lib.marks().unwrap()["/a"].position;
    assert_eq!(position, Some(Position { pane: TextPane::Body, offset: 120, anchor: None }));
}
