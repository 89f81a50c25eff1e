//! The library's schema, as a list of migrations. `PRAGMA user_version` holds how many have
//! run; each runs in its own transaction, so a library is always at one version or the next.
//! Never edit a migration that has shipped: add one.

use rusqlite::{Connection, Transaction};

/// Each entry takes the library from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    // 1: reading state per article key, the last session, search history.
    "CREATE TABLE state (
        key TEXT PRIMARY KEY,
        hash INTEGER NOT NULL DEFAULT 0,   -- content hash when last marked
        read INTEGER NOT NULL DEFAULT 0,
        starred INTEGER NOT NULL DEFAULT 0,
        pane TEXT,                         -- 'body' or 'insight': where the reader was
        offset INTEGER,                    -- byte offset into that pane's text
        updated INTEGER NOT NULL DEFAULT 0 -- unix seconds
    ) WITHOUT ROWID;
    CREATE TABLE session (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
    CREATE TABLE history (id INTEGER PRIMARY KEY, query TEXT NOT NULL);",
    // 2: parsed files, so a second start re-parses only what changed.
    "CREATE TABLE files (
        path TEXT PRIMARY KEY,      -- canonical path: the file's article key
        size INTEGER NOT NULL,
        mtime_ns INTEGER NOT NULL,
        inode INTEGER NOT NULL,
        data BLOB NOT NULL          -- the parse outcome, see cache.rs
    ) WITHOUT ROWID;",
    // 3: feed subscriptions and their items (see feed/store.rs).
    "CREATE TABLE feeds (
        name TEXT PRIMARY KEY,       -- what the user calls it (`--feed NAME`)
        url TEXT NOT NULL UNIQUE,    -- http(s) URL, or the canonical path of a feed file
        title TEXT,                  -- the feed's own title, from the last fetch
        etag TEXT,                   -- validators for a conditional GET
        last_modified TEXT,
        fetched INTEGER,             -- unix seconds of the last good fetch (200 or 304)
        error TEXT                   -- the last fetch's failure; NULL when it went well
    ) WITHOUT ROWID;
    CREATE TABLE items (
        key TEXT PRIMARY KEY,        -- feed url '#' item id (guid, link, or hash): the article key
        feed TEXT NOT NULL,          -- feeds.url
        date TEXT,                   -- RFC 3339, for ordering
        pos INTEGER NOT NULL,        -- position in the feed when last seen
        data TEXT NOT NULL,          -- the article as JSON
        added INTEGER NOT NULL       -- unix seconds when first stored
    ) WITHOUT ROWID;
    CREATE INDEX items_by_feed ON items (feed);",
    // 4: what is derived from an article's text, keyed by its content hash (derived.rs).
    "CREATE TABLE signatures (
        key TEXT PRIMARY KEY,
        hash INTEGER NOT NULL,
        terms TEXT NOT NULL         -- the related-articles index terms, one per line
    ) WITHOUT ROWID;
    CREATE TABLE grounding (
        key TEXT PRIMARY KEY,
        hash INTEGER NOT NULL,
        supported INTEGER,          -- NULL: no insight section
        weak INTEGER NOT NULL,
        unsupported INTEGER NOT NULL,
        conflicting INTEGER NOT NULL
    ) WITHOUT ROWID;",
    // 5: the list index: per file, its articles' list fields without their text (listing.rs).
    "CREATE TABLE listing (
        path TEXT PRIMARY KEY,      -- canonical path
        size INTEGER NOT NULL,
        mtime_ns INTEGER NOT NULL,
        inode INTEGER NOT NULL,
        version TEXT NOT NULL,      -- parser version and parse options
        data BLOB NOT NULL          -- the articles' summaries and the file's warnings
    ) WITHOUT ROWID;",
    // 6: the search texts: per file, its articles' folded bodies and insights (search_text.rs).
    // A rowid table: its rows are kilobytes, too large to keep in a WITHOUT ROWID b-tree.
    "CREATE TABLE search_text (
        path TEXT PRIMARY KEY,      -- canonical path
        size INTEGER NOT NULL,
        mtime_ns INTEGER NOT NULL,
        inode INTEGER NOT NULL,
        version TEXT NOT NULL,      -- parser version and parse options
        data BLOB NOT NULL          -- per article its folded body and insight, LZ4
    );",
    // 7: every per-file table's stamp gains the inode change time (cache.rs `Stamp`): an edit
    // that keeps size, mtime and inode changes it. Rows written before read as -1 (`NO_CTIME`):
    // stale, so each is rewritten once. Adding a column with a default rewrites no row.
    "ALTER TABLE files ADD COLUMN ctime_ns INTEGER NOT NULL DEFAULT -1;
    ALTER TABLE listing ADD COLUMN ctime_ns INTEGER NOT NULL DEFAULT -1;
    ALTER TABLE search_text ADD COLUMN ctime_ns INTEGER NOT NULL DEFAULT -1;",
    // 8: the stored word index (search_words.rs): row 0 the build (its files with their stamps,
    // body lengths, vocabulary), row w + 1 the postings of word w.
    "CREATE TABLE search_words (
        id INTEGER PRIMARY KEY,
        data BLOB NOT NULL
    );",
    // 9: the folder index (folders.rs): per walked folder, its entries' names, so an
    // unchanged folder is not read again.
    "CREATE TABLE folders (
        path TEXT PRIMARY KEY,      -- canonical path of the folder
        size INTEGER NOT NULL,
        mtime_ns INTEGER NOT NULL,
        inode INTEGER NOT NULL,
        ctime_ns INTEGER NOT NULL,
        version TEXT NOT NULL,      -- parser version and parse options
        data BLOB NOT NULL          -- the names of its entries, and which are folders
    );",
    // 10: a reading position's anchor: a hash of the text where it is (tui/anchor.rs), so an
    // edit above it is followed. NULL for positions kept before: their offset alone is used.
    "ALTER TABLE state ADD COLUMN anchor INTEGER;",
];

/// The version this build writes.
pub const VERSION: i64 = MIGRATIONS.len() as i64;

pub fn version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.pragma_query_value(None, "user_version", |r| r.get(0))
}

/// Runs the migrations the library lacks. The caller has checked it is not from a newer build.
pub fn migrate(conn: &mut Connection) -> rusqlite::Result<()> {
    loop {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        // Read inside the write transaction: another instance may have migrated meanwhile.
        let v = version(&tx)?;
        if v >= VERSION {
            return Ok(());
        }
        apply(&tx, v)?;
        tx.commit()?;
    }
}

fn apply(tx: &Transaction, from: i64) -> rusqlite::Result<()> {
    tx.execute_batch(MIGRATIONS[from as usize])?;
    tx.pragma_update(None, "user_version", from + 1)
}
