//! The search texts: per file, each article's body and insight as the search folds them
//! (`search::index::Folded`), LZ4-compressed, so `triptych search` on a second start scans
//! stored text instead of reading and parsing every file. Ranking runs on exactly the text a
//! fresh parse would give, so results are the same by construction; only the files of the
//! results printed are read again, for their snippets and highlight offsets.
//!
//! Staleness is the list index's rule (`listing.rs`): a row is used only when one `stat` gives
//! the size, modification time (ns) and inode it was written with, the parser version is the
//! same, and the file's list row is current too (the articles' titles and ids come from there).
//! Rows are written after the output, only for files read afresh; a file modified less than
//! [`RACY_SECONDS`](super::cache::RACY_SECONDS) before it was read gets none.

use std::hash::BuildHasher;

use hashbrown::HashTable;
use rusqlite::{params, TransactionBehavior};
use rustc_hash::FxBuildHasher;

use super::cache::{self, Stamp};
use super::codec::{self, Reader};
use super::Library;
use crate::parse::ParseOptions;

/// One article's folded body and insight (paragraphs joined as the search joins them).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Texts {
    pub body: String,
    pub insight: String,
}

/// Every current row, read at the start of a search: paths and compressed data in one buffer,
/// found through a table of row numbers hashed by path (no allocation per row).
#[derive(Default)]
pub struct SearchTexts {
    buf: Vec<u8>,
    rows: Vec<Row>,
    by_path: HashTable<usize>,
    version: String,
}

/// At most this much is reserved for the rows before reading them.
const MAX_RESERVE: usize = 1 << 30;

struct Row {
    start: usize,
    path_len: usize,
    data_len: usize,
    stamp: Stamp,
}

impl Row {
    fn path<'a>(&self, buf: &'a [u8]) -> &'a [u8] {
        &buf[self.start..self.start + self.path_len]
    }

    fn data<'a>(&self, buf: &'a [u8]) -> &'a [u8] {
        let from = self.start + self.path_len;
        &buf[from..from + self.data_len]
    }
}

fn hash_path(path: &[u8]) -> u64 {
    FxBuildHasher.hash_one(path)
}

/// A row to write: the file's key, its stamp when read, and [`encode`]d texts.
pub type FreshRow = (String, Stamp, Vec<u8>);

impl SearchTexts {
    /// Reads every row written by this parser version.
    pub fn read(library: &Library, opts: &ParseOptions) -> rusqlite::Result<Self> {
        let mut texts = SearchTexts { version: cache::version(opts), ..Default::default() };
        let size: i64 = library.conn().query_row(
            "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()",
            [],
            |r| r.get(0),
        )?;
        texts.buf.reserve(usize::try_from(size).unwrap_or(0).min(MAX_RESERVE));
        let mut stmt = library
            .conn()
            .prepare("SELECT path, size, mtime_ns, inode, data FROM search_text WHERE version = ?1")?;
        let mut rows = stmt.query([&texts.version])?;
        while let Some(r) = rows.next()? {
            let stamp = Stamp {
                size: r.get::<_, i64>(1)? as u64,
                mtime_ns: r.get(2)?,
                inode: r.get::<_, i64>(3)? as u64,
            };
            let (path, data) = (r.get_ref(0)?.as_bytes()?, r.get_ref(4)?.as_bytes()?);
            let start = texts.buf.len();
            texts.buf.extend_from_slice(path);
            texts.buf.extend_from_slice(data);
            let n = texts.rows.len();
            texts.rows.push(Row { start, path_len: path.len(), data_len: data.len(), stamp });
            let (buf, rows) = (&texts.buf, &texts.rows);
            texts.by_path.insert_unique(hash_path(path), n, |&i| hash_path(rows[i].path(buf)));
        }
        Ok(texts)
    }

    /// True when no current row was read (a first start).
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The texts of the file with key `path`, one per article in file order, when its row
    /// still matches `stamp` and is intact.
    pub fn get(&self, path: &str, stamp: Stamp) -> Option<Vec<Texts>> {
        let path = path.as_bytes();
        let &i = self.by_path.find(hash_path(path), |&i| self.rows[i].path(&self.buf) == path)?;
        let row = &self.rows[i];
        (row.stamp == stamp).then(|| decode(row.data(&self.buf))).flatten()
    }
}

/// A file's row: its articles' folded texts, compressed.
pub fn encode<'a>(articles: impl ExactSizeIterator<Item = (&'a str, &'a str)>) -> Vec<u8> {
    let mut w = Vec::new();
    codec::put_u32(&mut w, articles.len());
    for (body, insight) in articles {
        codec::put_str(&mut w, body);
        codec::put_str(&mut w, insight);
    }
    lz4_flex::compress_prepend_size(&w)
}

/// The texts in `data`, or `None` when it is damaged (a miss, never a panic).
fn decode(data: &[u8]) -> Option<Vec<Texts>> {
    let raw = lz4_flex::decompress_size_prepended(data).ok()?;
    let mut r = Reader { buf: &raw };
    let n = r.u32()?;
    let mut out = Vec::with_capacity(n.min(raw.len()));
    for _ in 0..n {
        out.push(Texts { body: r.str()?, insight: r.str()? });
    }
    r.buf.is_empty().then_some(out)
}

/// Writes `rows` (racy stamps skipped) in one transaction; returns how many were written.
pub fn save(library: &mut Library, opts: &ParseOptions, rows: &[FreshRow]) -> rusqlite::Result<usize> {
    let rows: Vec<&FreshRow> = rows.iter().filter(|(_, stamp, _)| !stamp.is_racy()).collect();
    if rows.is_empty() {
        return Ok(0);
    }
    let version = cache::version(opts);
    let tx = library.conn_mut().transaction_with_behavior(TransactionBehavior::Immediate)?;
    {
        let mut stmt = tx.prepare_cached(
            "INSERT INTO search_text (path, size, mtime_ns, inode, version, data) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (path) DO UPDATE SET size = ?2, mtime_ns = ?3, inode = ?4, version = ?5, data = ?6",
        )?;
        for (path, s, data) in &rows {
            stmt.execute(params![path, s.size as i64, s.mtime_ns, s.inode as i64, version, data])?;
        }
    }
    tx.commit()?;
    Ok(rows.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_round_trip_and_damage_is_a_miss() {
        let texts = [("body one\nbody two", "insight ünï"), ("", "洞察")];
        let data = encode(texts.iter().copied());
        let back = decode(&data).unwrap();
        assert_eq!(back.len(), 2);
        assert_eq!((back[0].body.as_str(), back[0].insight.as_str()), texts[0]);
        assert_eq!((back[1].body.as_str(), back[1].insight.as_str()), texts[1]);
        for cut in 0..data.len() {
            assert_eq!(decode(&data[..cut]), None);
        }
        let mut raw = lz4_flex::decompress_size_prepended(&data).unwrap();
        raw.push(0);
        assert_eq!(decode(&lz4_flex::compress_prepend_size(&raw)), None, "trailing bytes");
    }
}
