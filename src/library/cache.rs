//! Parsed files kept in the library, so a second start reads and parses only what changed.
//!
//! A file's entry is keyed by its canonical path and stamped with its size, modification time,
//! inode and inode change time (ctime; times in nanoseconds): one `stat` decides whether the
//! entry still describes the file, and any difference means the file is read and parsed again.
//! The ctime is what catches an edit that keeps size, mtime and inode (`cp -p`, `touch -r`, an
//! editor restoring the mtime): the kernel sets it on every change and user space cannot set it
//! back. A file modified less than [`RACY_SECONDS`] before it was cached is not cached (the
//! "racy git" rule): an edit within the same timestamp tick could otherwise keep size and mtime
//! and be served stale; a file whose ctime is that recent is cached with a ctime that matches
//! nothing ([`Stamp::stored_ctime`]), so it is read once more later. Entries also carry the
//! parser version; a new build re-parses everything once.

use std::collections::HashMap;
use std::fs::Metadata;
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

use rusqlite::{params, TransactionBehavior};

use super::{codec, Library};
use crate::parse::ParseOptions;
use crate::Article;

/// Bump when parsing, ids, keys or sanitising change what a file turns into. The user's parse
/// options (config.toml `[parse]`) are added to it: other options, other parses.
/// 3: list rows hold each article's base id (slugged), so a second start need not slugify.
/// 4: articles of one file without an id are keyed by their title where it is unique there.
/// 5: Markdown without a title is titled by its file name; code blocks and tables keep lines;
///    ids transliterate letters of every script and drop escape sequences whole.
/// 6: a blank title (JSON `""`, front matter `title: ""`, a lone `#`) is named by the text.
/// 7: Markdown's HTML blocks are read as text (they were dropped).
const PARSE_VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), "/7");
/// Writes rows of a table keyed by file path with the file's stamp, the parser `version` and
/// encoded `data` (`listing`, `search_text` and `folders` share these columns), in one
/// transaction.
pub(super) fn save_stamped<'a>(
    library: &mut Library,
    table: &str,
    version: &str,
    rows: impl IntoIterator<Item = &'a (String, Stamp, Vec<u8>)>,
) -> rusqlite::Result<()> {
    let tx = library.conn_mut().transaction_with_behavior(TransactionBehavior::Immediate)?;
    {
        let mut stmt = tx.prepare_cached(&format!(
            "INSERT INTO {table} (path, size, mtime_ns, inode, ctime_ns, version, data) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT (path) DO UPDATE SET size = ?2, mtime_ns = ?3, inode = ?4, ctime_ns = ?5, version = ?6, data = ?7"
        ))?;
        for (path, s, data) in rows {
            stmt.execute(params![
                path,
                s.size as i64,
                s.mtime_ns,
                s.inode as i64,
                s.stored_ctime(),
                version,
                data
            ])?;
        }
    }
    tx.commit()
}

/// Rows made while a run reads files (on any thread), to be written at its end: the list
/// index's and the folder index's.
#[derive(Default)]
pub(super) struct Fresh(Mutex<Vec<(String, Stamp, Vec<u8>)>>);

impl Fresh {
    pub(super) fn push(&self, path: &str, stamp: Stamp, data: Vec<u8>) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).push((path.to_string(), stamp, data));
    }

    pub(super) fn len(&self) -> usize {
        self.0.lock().map_or(0, |f| f.len())
    }

    /// Writes the rows to `table` in one transaction (none to a read-only library); returns how many.
    pub(super) fn save(self, library: &mut Library, table: &str, version: &str) -> rusqlite::Result<usize> {
        let fresh = self.0.into_inner().unwrap_or_else(|e| e.into_inner());
        if fresh.is_empty() || library.is_read_only() {
            return Ok(0);
        }
        save_stamped(library, table, version, &fresh)?;
        Ok(fresh.len())
    }
}

/// [`PARSE_VERSION`] with the parse options' fingerprint: what cached records are tagged with.
pub(super) fn version(opts: &ParseOptions) -> String {
    match opts.fingerprint() {
        f if f.is_empty() => PARSE_VERSION.to_string(),
        f => format!("{PARSE_VERSION}/{f}"),
    }
}

/// Files modified this recently are parsed but not cached.
pub const RACY_SECONDS: u64 = 2;
/// Parsed files written per transaction.
const SAVE_CHUNK: usize = 2_000;

/// What one `stat` says about a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub size: u64,
    pub mtime_ns: i64,
    pub inode: u64,
    /// The inode change time: set by the kernel on every write, `utimes`, `chmod` or link, and
    /// never set back. Rows written before it was stored read as [`NO_CTIME`]: stale.
    pub ctime_ns: i64,
}

/// The `ctime_ns` of rows written before the column existed: no file has it (times before
/// 1970 read as 0), so such a row is stale and rewritten once.
pub const NO_CTIME: i64 = -1;

/// Nanoseconds since the epoch of a `stat` time; before 1970 reads as 0.
fn nanos(secs: i64, nsec: i64) -> i64 {
    if secs < 0 {
        0
    } else {
        secs.saturating_mul(1_000_000_000).saturating_add(nsec)
    }
}

/// Rows of (path, size, mtime_ns, inode, ctime_ns, data) by path: a table of per-file records.
pub(super) fn stamped_rows(
    library: &Library,
    sql: &str,
    params: impl rusqlite::Params,
) -> rusqlite::Result<HashMap<String, (Stamp, Vec<u8>)>> {
    let mut stmt = library.conn().prepare(sql)?;
    let rows = stmt.query_map(params, |r| {
        Ok((r.get::<_, String>(0)?, (Stamp::from_row(r)?, r.get::<_, Vec<u8>>(5)?)))
    })?;
    rows.collect()
}

impl Stamp {
    /// The stamp in columns 1–4 (size, mtime_ns, inode, ctime_ns) of a per-file row.
    pub(super) fn from_row(r: &rusqlite::Row) -> rusqlite::Result<Self> {
        Ok(Stamp {
            size: r.get::<_, i64>(1)? as u64,
            mtime_ns: r.get(2)?,
            inode: r.get::<_, i64>(3)? as u64,
            ctime_ns: r.get(4)?,
        })
    }

    pub fn of(meta: &Metadata) -> Self {
        let mtime_ns = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos() as i64);
        let (inode, ctime_ns) = inode_and_ctime(meta);
        Stamp { size: meta.len(), mtime_ns, inode, ctime_ns }
    }

    /// The stamp in a `stat` result (as [`Stamp::of`] reads it from [`Metadata`]).
    #[allow(clippy::unnecessary_cast)] // the fields' types differ between targets
    pub fn of_stat(st: &rustix::fs::Stat) -> Self {
        Stamp {
            size: st.st_size as u64,
            mtime_ns: nanos(st.st_mtime as i64, st.st_mtime_nsec as i64),
            inode: st.st_ino as u64,
            ctime_ns: nanos(st.st_ctime as i64, st.st_ctime_nsec as i64),
        }
    }

    /// Modified so recently that a same-tick edit could go unnoticed: no row is written.
    pub fn is_racy(&self) -> bool {
        recent(self.mtime_ns)
    }

    /// The ctime a row stores: [`NO_CTIME`] when it changed so recently that another change in
    /// the same tick (a `touch -r` just now, then an edit that restores the mtime) could keep
    /// it. Such a row matches no `stat`: the file is read again next time and its row rewritten
    /// with the real ctime. (Not skipped as a recent mtime is: restoring an old mtime is how
    /// files are copied, `cp -p` and unpacking an archive, so a whole folder would have no row.)
    pub fn stored_ctime(&self) -> i64 {
        if recent(self.ctime_ns) {
            NO_CTIME
        } else {
            self.ctime_ns
        }
    }
}

/// Less than [`RACY_SECONDS`] ago.
fn recent(ns: i64) -> bool {
    let now = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).unwrap_or(Duration::ZERO);
    (now.as_nanos() as i64).saturating_sub(ns) < (RACY_SECONDS * 1_000_000_000) as i64
}

#[cfg(unix)]
fn inode_and_ctime(meta: &Metadata) -> (u64, i64) {
    use std::os::unix::fs::MetadataExt;
    (meta.ino(), nanos(meta.ctime(), meta.ctime_nsec()))
}

#[cfg(not(unix))]
fn inode_and_ctime(_: &Metadata) -> (u64, i64) {
    (0, 0)
}

/// A file's parse outcome as cached: its articles (with keys and hashes) and warnings.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Parsed {
    pub articles: Vec<Entry>,
    pub warnings: Vec<String>,
    /// Problems past those kept in `warnings`, only counted.
    pub more_warnings: usize,
    /// Invalid UTF-8 was replaced.
    pub lossy: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub key: String,
    pub hash: u64,
    pub article: Article,
}

/// The cache for one load: what the library held when it started, and what to write back.
#[derive(Default)]
pub struct FileCache {
    /// Taken out as files are looked up, so each record's memory is freed once decoded.
    known: Mutex<HashMap<String, (Stamp, Vec<u8>)>>,
    fresh: Mutex<Vec<(String, Stamp, Vec<u8>)>>,
    /// At most this many fresh parses are kept for writing.
    limit: usize,
    /// [`PARSE_VERSION`] and the parse options' fingerprint.
    version: String,
    /// Fresh parses not kept because their files were modified too recently to trust a stamp.
    racy: std::sync::atomic::AtomicUsize,
}

impl FileCache {
    /// Reads every cached file's stamp and data (one scan, cheaper than a lookup per file).
    /// At most `limit` fresh parses are kept to be written back (0: the cache is only read).
    pub fn read(library: &Library, limit: usize, opts: &ParseOptions) -> rusqlite::Result<Self> {
        let known = Mutex::new(stamped_rows(
            library,
            "SELECT path, size, mtime_ns, inode, ctime_ns, data FROM files",
            [],
        )?);
        Ok(FileCache {
            known,
            fresh: Mutex::default(),
            limit,
            version: version(opts),
            racy: Default::default(),
        })
    }

    /// The cached parse of the file with key `path`, if its stamp still matches. Each entry
    /// is handed out once.
    pub fn get(&self, path: &str, stamp: Stamp) -> Option<Parsed> {
        let (known, data) = self.known.lock().unwrap_or_else(|e| e.into_inner()).remove(path)?;
        if known != stamp {
            return None;
        }
        codec::decode(&self.version, &data)
    }

    /// Remembers a fresh parse to be written by [`FileCache::save`].
    pub fn put(&self, path: &str, stamp: Stamp, parsed: Parsed) {
        if stamp.is_racy() {
            self.racy.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            return;
        }
        if self.fresh_count() >= self.limit {
            return;
        }
        let data = codec::encode(&self.version, &parsed);
        self.fresh.lock().unwrap_or_else(|e| e.into_inner()).push((path.to_string(), stamp, data));
    }

    /// How many parsed files were not kept because they were modified less than
    /// [`RACY_SECONDS`] ago.
    pub fn racy_count(&self) -> usize {
        self.racy.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// How many files were parsed afresh and will be written.
    pub fn fresh_count(&self) -> usize {
        self.fresh.lock().map_or(0, |f| f.len())
    }

    /// Writes the fresh parses in one transaction.
    pub fn save(self, library: &mut Library) -> rusqlite::Result<usize> {
        let mut fresh = self.fresh.into_inner().unwrap_or_else(|e| e.into_inner());
        fresh.truncate(self.limit);
        if fresh.is_empty() || library.is_read_only() {
            return Ok(0);
        }
        // Chunks keep each transaction (and the write-ahead log) small, and let another
        // instance's marks in between.
        for chunk in fresh.chunks(SAVE_CHUNK) {
            let tx = library.conn_mut().transaction_with_behavior(TransactionBehavior::Immediate)?;
            {
                let mut stmt = tx.prepare_cached(
                    "INSERT INTO files (path, size, mtime_ns, inode, ctime_ns, data) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                     ON CONFLICT (path) DO UPDATE SET size = ?2, mtime_ns = ?3, inode = ?4, ctime_ns = ?5, data = ?6",
                )?;
                for (path, s, data) in chunk {
                    stmt.execute(params![
                        path,
                        s.size as i64,
                        s.mtime_ns,
                        s.inode as i64,
                        s.stored_ctime(),
                        data
                    ])?;
                }
            }
            tx.commit()?;
        }
        Ok(fresh.len())
    }
}
