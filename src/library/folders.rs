//! The folder index: per walked folder, the names of its entries (hidden ones left out) and
//! which of them are folders, so a second start reads one small row instead of the folder
//! (`getdents` and a sort of every name: at 100,000 files in one folder, the walk was the
//! longest part of a second start of `list`).
//!
//! A folder's row is used only when one `stat` of the folder gives the size, modification
//! time, inode and inode change time it was written with (the staleness rule of `cache.rs`):
//! adding, removing or renaming an entry changes the folder's mtime and ctime, and a folder
//! replaced by another of the same name has another inode. What a file holds is not in the
//! row: each file is still `stat`ed against its own list row. A folder modified less than
//! [`RACY_SECONDS`](super::cache::RACY_SECONDS) before it was read gets no row, and one that
//! holds a symbolic link or could not be read whole gets none either (a link's target can
//! change without the folder changing): such folders are read every time.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::PathBuf;

use rusqlite::params;

use super::cache::{self, Stamp};
use super::codec::{self, Reader};
use super::Library;
use crate::parse::ParseOptions;

/// One entry of a folder, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Child<'a> {
    /// The entry's name, as the file system gives it (any bytes but `/`).
    pub name: Cow<'a, [u8]>,
    pub is_dir: bool,
}

/// The folder rows under the folders walked, as read at the start of a run, and the rows to
/// write at its end.
#[derive(Default)]
pub struct FolderIndex {
    rows: HashMap<String, (Stamp, Vec<u8>)>,
    fresh: cache::Fresh,
    version: String,
}

impl FolderIndex {
    /// Reads the rows of the folders `roots` (canonical paths) and of every folder inside
    /// them, written by this parser version (which decides what a walk reads): one range read
    /// of the primary key per root, so the cost does not grow with the rest of the library.
    pub fn read(library: &Library, opts: &ParseOptions, roots: &[PathBuf]) -> rusqlite::Result<Self> {
        let version = cache::version(opts);
        let mut rows = HashMap::new();
        let mut stmt = library.conn().prepare(
            "SELECT path, size, mtime_ns, inode, ctime_ns, data FROM folders
             WHERE version = ?4 AND (path = ?1 OR (path > ?2 AND path < ?3))",
        )?;
        for root in roots {
            let root = root.to_string_lossy();
            let folder = root.strip_suffix('/').unwrap_or(&root);
            // Paths inside the folder: after `folder/`, before `folder0` ('0' follows '/').
            let (from, to) = (format!("{folder}/"), format!("{folder}0"));
            let found = stmt.query_map(params![root, from, to, version], |r| {
                Ok((r.get::<_, String>(0)?, (Stamp::from_row(r)?, r.get::<_, Vec<u8>>(5)?)))
            })?;
            for row in found {
                let (path, row) = row?;
                rows.insert(path, row);
            }
        }
        Ok(FolderIndex { rows, fresh: cache::Fresh::default(), version })
    }

    /// The entries of the folder with canonical path `key`, in the order stored (the walk's),
    /// when its row's stamp is `stamp` and the row is whole.
    pub fn entries(&self, key: &str, stamp: Stamp) -> Option<Vec<Child<'_>>> {
        let (known, data) = self.rows.get(key)?;
        if *known != stamp {
            return None;
        }
        decode(data)
    }

    /// Remembers `entries` as the folder's row, unless the folder changed so recently that
    /// its stamp cannot be trusted or the index already holds that row.
    pub fn put(&self, key: &str, stamp: Stamp, entries: &[Child]) {
        if stamp.is_racy() || self.rows.get(key).is_some_and(|(known, _)| *known == stamp) {
            return;
        }
        let data = encode(entries);
        self.fresh.push(key, stamp, data);
    }

    /// True when no row was read: these folders were never walked with this library.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// How many rows [`FolderIndex::save`] will write.
    pub fn fresh_count(&self) -> usize {
        self.fresh.len()
    }

    /// Writes the fresh rows in one transaction; returns how many.
    pub fn save(self, library: &mut Library) -> rusqlite::Result<usize> {
        self.fresh.save(library, "folders", &self.version)
    }
}

/// Per entry: 1 for a folder (else 0), then its name, length-prefixed.
fn encode(entries: &[Child]) -> Vec<u8> {
    let mut w = Vec::with_capacity(4 + entries.iter().map(|c| 5 + c.name.len()).sum::<usize>());
    codec::put_u32(&mut w, entries.len());
    for c in entries {
        w.push(u8::from(c.is_dir));
        codec::put_u32(&mut w, c.name.len());
        w.extend_from_slice(&c.name);
    }
    w
}

/// The entries in `data`, borrowed from it, or `None` when it is damaged (a miss, never a
/// panic): a name that is empty, `.`, `..` or holds a `/` or NUL could lead the walk
/// elsewhere, and is damage too.
fn decode(data: &[u8]) -> Option<Vec<Child<'_>>> {
    let mut r = Reader { buf: data };
    let n = r.u32()?;
    let mut entries = Vec::with_capacity(n.min(data.len() / 5));
    for _ in 0..n {
        let is_dir = match r.byte()? {
            0 => false,
            1 => true,
            _ => return None,
        };
        let len = r.u32()?;
        let name = r.take(len)?;
        if name.is_empty() || name == b"." || name == b".." || name.iter().any(|&b| b == b'/' || b == 0) {
            return None;
        }
        entries.push(Child { name: Cow::Borrowed(name), is_dir });
    }
    r.buf.is_empty().then_some(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_round_trip_and_damage_is_a_miss() {
        let entries = vec![
            Child { name: Cow::Borrowed(b"a.txt"), is_dir: false },
            Child { name: Cow::Owned(vec![0xff, b'x']), is_dir: false },
            Child { name: Cow::Borrowed(b"sub"), is_dir: true },
        ];
        let data = encode(&entries);
        assert_eq!(decode(&data), Some(entries));
        for cut in 0..data.len() {
            assert_eq!(decode(&data[..cut]), None);
        }
        for bad in [&b".."[..], b"a/b", b"", b"a\0"] {
            let data = encode(&[Child { name: Cow::Borrowed(bad), is_dir: true }]);
            assert_eq!(decode(&data), None, "{bad:?}");
        }
    }
}
