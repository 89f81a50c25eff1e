//! The library: what triptych remembers between runs, in one SQLite file (WAL mode): reading
//! state per article key (`state.rs`), parsed files (`cache.rs`) and what is derived from
//! article texts (`derived.rs`: related-articles signatures, groundings), under a versioned schema
//! (`schema.rs`). Every write is a short transaction, so `kill -9` loses at most the last action
//! and a second instance waits (busy timeout) instead of failing.
//!
//! A library that cannot be used never stops reading: a corrupt one or one from a newer build
//! is moved aside and rebuilt; one that cannot be written gives one warning and triptych reads
//! on without saving. This module never prints: problems come back as warnings.

pub mod cache;
mod codec;
pub mod derived;
pub mod folders;
pub mod listing;
pub mod schema;
pub mod search_text;
pub mod search_words;
pub mod state;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode};

pub use state::{Change, Marks, Position, TextPane};

/// The environment variable that names the library file.
pub const ENV: &str = "TRIPTYCH_LIBRARY";
/// How much of the library file SQLite reads through a memory map.
const MMAP_SIZE: i64 = 1 << 30;
/// Page size of a new library file.
const PAGE_SIZE: i64 = 16 << 10;
/// How long a write waits for another instance's transaction before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// An open library.
pub struct Library {
    conn: Connection,
    path: PathBuf,
    /// Opened read-only (its folder or file cannot be written): what it holds is read, nothing
    /// is written (SQLite refuses every write on such a connection).
    read_only: bool,
}

/// The library file to use: `--library PATH`, else `$TRIPTYCH_LIBRARY`, else
/// `library.sqlite3` in the platform data directory (`~/.local/share/triptych` on Linux).
/// `None` when there is nowhere to put it.
pub fn location(flag: Option<&Path>) -> Option<PathBuf> {
    if let Some(p) = flag {
        return Some(p.to_path_buf());
    }
    if let Some(p) = std::env::var_os(ENV).filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    directories::ProjectDirs::from("", "", "triptych").map(|d| d.data_dir().join("library.sqlite3"))
}

/// Why a library file could not be used as it is.
enum Unusable {
    /// A damaged database: move it aside.
    Corrupt(String),
    /// Not an SQLite file at all (someone's notes named by mistake): leave it alone.
    Foreign,
    /// Written by a newer triptych: move it aside rather than guess at its schema.
    Newer(i64),
    /// Cannot be created or written: read on without saving.
    ReadOnly(String),
    /// Another instance holds a lock that the busy timeout does not cover (switching to WAL,
    /// creating the schema): try again shortly.
    Busy(String),
}

/// How often opening retries while another instance holds the library.
const OPEN_RETRIES: u32 = 100;

impl Library {
    /// Opens (creating, migrating or rebuilding as needed) the library at `path`. Returns the
    /// library, or `None` when reading must go on without one, and what the user should know.
    pub fn open(path: &Path) -> (Option<Library>, Vec<String>) {
        let mut warnings = Vec::new();
        for attempt in 0..2 {
            let mut opened = try_open(path);
            for retry in 0..OPEN_RETRIES {
                if !matches!(opened, Err(Unusable::Busy(_))) {
                    break;
                }
                std::thread::sleep(Duration::from_millis(10 + u64::from(retry % 10) * 5));
                opened = try_open(path);
            }
            match opened {
                Ok(conn) => {
                    return (Some(Library { conn, path: path.to_path_buf(), read_only: false }), warnings)
                }
                Err(Unusable::Foreign) => {
                    warnings.push(format!(
                        "{} is not a triptych library (not an SQLite file): left as it is; reading state will not be saved (give another --library)",
                        path.display()
                    ));
                    return (None, warnings);
                }
                Err(Unusable::ReadOnly(why)) if path.is_file() => {
                    // One that exists is still read: the marks, positions and last place show.
                    let conn = open_read_only(path);
                    warnings.push(format!(
                        "cannot write the library {}: {why}; {}",
                        path.display(),
                        if conn.is_some() {
                            "reading it, but changes will not be saved"
                        } else {
                            "reading state will not be saved"
                        }
                    ));
                    let library =
                        conn.map(|conn| Library { conn, path: path.to_path_buf(), read_only: true });
                    return (library, warnings);
                }
                Err(Unusable::ReadOnly(why) | Unusable::Busy(why)) => {
                    warnings.push(format!(
                        "cannot write the library {}: {why}; reading state will not be saved",
                        path.display()
                    ));
                    return (None, warnings);
                }
                Err(Unusable::Corrupt(_) | Unusable::Newer(_)) if attempt > 0 => break,
                Err(problem) => {
                    let (what, tag) = match &problem {
                        Unusable::Newer(v) => (format!("is from a newer triptych (schema {v})"), "newer"),
                        Unusable::Corrupt(why) => (format!("is damaged ({why})"), "corrupt"),
                        Unusable::ReadOnly(_) | Unusable::Busy(_) | Unusable::Foreign => {
                            unreachable!("handled above")
                        }
                    };
                    match move_aside(path, tag) {
                        Ok(aside) => warnings.push(format!(
                            "the library {} {what}; moved it to {} and started a new one",
                            path.display(),
                            aside.display()
                        )),
                        Err(e) => {
                            warnings.push(format!(
                                "the library {} {what} and cannot be moved aside ({e}); reading state will not be saved",
                                path.display()
                            ));
                            return (None, warnings);
                        }
                    }
                }
            }
        }
        warnings.push(format!(
            "cannot start a new library at {}; reading state will not be saved",
            path.display()
        ));
        (None, warnings)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Opened read-only: nothing will be saved (the user was told once, when it was opened).
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    pub(crate) fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }
}

fn try_open(path: &Path) -> Result<Connection, Unusable> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| Unusable::ReadOnly(e.to_string()))?;
    }
    if !sqlite_or_empty(path) {
        return Err(Unusable::Foreign);
    }
    let mut conn = Connection::open(path).map_err(classify)?;
    // SQLite opens a file it may not write read-only without a word: said here, so that it is
    // read as such (`open_read_only`) rather than failing at the first write.
    if conn.is_readonly(rusqlite::MAIN_DB).map_err(classify)? {
        return Err(Unusable::ReadOnly("the file is read-only".into()));
    }
    conn.busy_timeout(BUSY_TIMEOUT).map_err(classify)?;
    // The first read of the file: garbage shows up here as "not a database".
    let version = schema::version(&conn).map_err(classify)?;
    if version > schema::VERSION {
        return Err(Unusable::Newer(version));
    }
    if version == 0 {
        // A new library: pages large enough to hold several files' search texts (kilobytes
        // each) instead of one per 4 KB page and the rest wasted. Only takes effect before the
        // first table is created.
        conn.pragma_update(None, "page_size", PAGE_SIZE).map_err(classify)?;
    }
    let mode: String =
        conn.pragma_update_and_check(None, "journal_mode", "wal", |r| r.get(0)).map_err(classify)?;
    if !mode.eq_ignore_ascii_case("wal") {
        // WAL needs a writable folder for its -wal and -shm files.
        return Err(Unusable::ReadOnly(format!("journal mode {mode}")));
    }
    // WAL with synchronous=NORMAL is durable against crashes of the process (kill -9); only a
    // power cut can lose the last transactions, never corrupt the file.
    conn.pragma_update(None, "synchronous", "NORMAL").map_err(classify)?;
    // Reads through a memory map instead of a read call per page: a second start scans the
    // whole list index (24 MB for 100,000 files).
    conn.pragma_update(None, "mmap_size", MMAP_SIZE).map_err(classify)?;
    schema::migrate(&mut conn).map_err(classify)?;
    Ok(conn)
}

/// A read-only connection to the library at `path`, whose folder (or file) cannot be written,
/// when it is a library this build can read. A WAL database needs its `-shm` file, which a
/// read-only folder cannot get: when the last writer closed cleanly (no `-wal` file left, or an
/// empty one) the file is opened `immutable` (no `-shm`, no locks, nothing created: nothing can
/// change it while its folder stays read-only); when a `-wal` file was left (a crash), SQLite
/// reads it through the `-shm` file left with it, or fails and reading goes on without.
fn open_read_only(path: &Path) -> Option<Connection> {
    use rusqlite::OpenFlags;
    if !sqlite_or_empty(path) {
        return None;
    }
    let flags =
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    let wal_empty = std::fs::metadata(&wal).map_or(true, |m| m.len() == 0);
    let usable = |conn: Connection| {
        conn.busy_timeout(BUSY_TIMEOUT).ok()?;
        let version = schema::version(&conn).ok()?;
        // An older schema is fine: the reading state has had the same tables from the start,
        // and a per-file table that lacks a column reads as empty (every file is read).
        (1..=schema::VERSION).contains(&version).then_some(conn)
    };
    if wal_empty {
        let uri = format!("file:{}?immutable=1", uri_path(path));
        Connection::open_with_flags(uri, flags).ok().and_then(usable)
    } else {
        Connection::open_with_flags(path, flags).ok().and_then(usable)
    }
}

/// `path` for an SQLite `file:` URI: every byte but unreserved ones and `/` percent-encoded.
fn uri_path(path: &Path) -> String {
    use std::os::unix::ffi::OsStrExt;
    let mut out = String::new();
    for &b in path.as_os_str().as_bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Whether `path` is missing, empty or starts as every SQLite database does: only such a
/// file may be opened, rebuilt or moved aside as a library.
fn sqlite_or_empty(path: &Path) -> bool {
    use std::io::Read;
    let Ok(mut file) = std::fs::File::open(path) else { return true };
    let mut header = Vec::with_capacity(16);
    match file.by_ref().take(16).read_to_end(&mut header) {
        Ok(_) => header.is_empty() || header == b"SQLite format 3\0",
        // Unreadable: opening it reports why.
        Err(_) => true,
    }
}

fn classify(e: rusqlite::Error) -> Unusable {
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => Unusable::Corrupt(e.to_string()),
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Unusable::Busy(e.to_string()),
        _ => Unusable::ReadOnly(e.to_string()),
    }
}

/// Renames `path` (and its -wal and -shm files) to `path.TAG-UNIXTIME`.
fn move_aside(path: &Path, tag: &str) -> std::io::Result<PathBuf> {
    let stamp = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let with = |suffix: &str| {
        let mut s = path.as_os_str().to_owned();
        s.push(suffix);
        PathBuf::from(s)
    };
    let aside = with(&format!(".{tag}-{stamp}"));
    std::fs::rename(path, &aside)?;
    for extra in ["-wal", "-shm"] {
        let from = with(extra);
        if from.exists() {
            let mut to = aside.as_os_str().to_owned();
            to.push(extra);
            let _ = std::fs::rename(from, to);
        }
    }
    Ok(aside)
}

/// Seconds since the epoch, for `updated` columns.
pub(crate) fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

#[cfg(test)]
mod tests;
