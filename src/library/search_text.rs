//! The search texts: per file, each article's body and insight as the search folds them
//! (`search::index::Folded`), LZ4-compressed, so `triptych search` on a second start scans
//! stored text instead of reading and parsing every file. Ranking runs on exactly the text a
//! fresh parse would give, so results are the same by construction; only the files of the
//! results printed are read again, for their snippets and highlight offsets.
//!
//! Staleness is the list index's rule (`listing.rs`): a row is used only when one `stat` gives
//! the size, modification time, inode and inode change time it was written with, the parser
//! version is the same, and the file's list row is current too (the articles' titles and ids
//! come from there). Rows are written after the output, only for files read afresh; a file
//! changed less than [`RACY_SECONDS`](super::cache::RACY_SECONDS) before it was read gets none.

use std::hash::BuildHasher;
use std::sync::Mutex;

use hashbrown::HashTable;
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

/// Every current row, read and decoded at the start of a search (on its own thread, while the
/// folders are walked and the list index read). Paths sit in one buffer, found through a table
/// of row numbers hashed by path; each row's texts are taken out once by the load.
#[derive(Default)]
pub struct SearchTexts {
    paths: Vec<u8>,
    rows: Vec<Row>,
    by_path: HashTable<usize>,
}

struct Row {
    start: usize,
    len: usize,
    stamp: Stamp,
    /// `None` when the row was damaged: a miss.
    texts: Mutex<Option<Vec<Texts>>>,
}

impl Row {
    fn path<'a>(&self, paths: &'a [u8]) -> &'a [u8] {
        &paths[self.start..self.start + self.len]
    }
}

fn hash_path(path: &[u8]) -> u64 {
    FxBuildHasher.hash_one(path)
}

/// A row to write: the file's key, its stamp when read, and [`encode`]d texts.
pub type FreshRow = (String, Stamp, Vec<u8>);

impl SearchTexts {
    /// Reads and decodes every row written by this parser version.
    pub fn read(library: &Library, opts: &ParseOptions) -> rusqlite::Result<Self> {
        let mut texts = SearchTexts::default();
        let mut stmt = library.conn().prepare(
            "SELECT path, size, mtime_ns, inode, ctime_ns, data FROM search_text WHERE version = ?1",
        )?;
        let mut rows = stmt.query([cache::version(opts)])?;
        while let Some(r) = rows.next()? {
            let stamp = Stamp::from_row(r)?;
            let (path, data) = (r.get_ref(0)?.as_bytes()?, r.get_ref(5)?.as_bytes()?);
            let start = texts.paths.len();
            texts.paths.extend_from_slice(path);
            let n = texts.rows.len();
            texts.rows.push(Row { start, len: path.len(), stamp, texts: Mutex::new(decode(data)) });
            let (paths, rows) = (&texts.paths, &texts.rows);
            texts.by_path.insert_unique(hash_path(path), n, |&i| hash_path(rows[i].path(paths)));
        }
        Ok(texts)
    }

    /// True when no current row was read (a first start).
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Takes the texts of the file with key `path`, one per article in file order, when its
    /// row still matches `stamp` and is intact.
    pub fn take(&self, path: &str, stamp: Stamp) -> Option<Vec<Texts>> {
        let path = path.as_bytes();
        let &i = self.by_path.find(hash_path(path), |&i| self.rows[i].path(&self.paths) == path)?;
        let row = &self.rows[i];
        if row.stamp != stamp {
            return None;
        }
        row.texts.lock().unwrap_or_else(|e| e.into_inner()).take()
    }
}

/// A file's row: per article its folded body and insight, each compressed on its own so that
/// it decompresses straight into its string.
pub fn encode<'a>(articles: impl ExactSizeIterator<Item = (&'a str, &'a str)>) -> Vec<u8> {
    let mut w = Vec::new();
    codec::put_u32(&mut w, articles.len());
    for (body, insight) in articles {
        for text in [body, insight] {
            let packed = lz4_flex::compress_prepend_size(text.as_bytes());
            codec::put_u32(&mut w, packed.len());
            w.extend_from_slice(&packed);
        }
    }
    w
}

/// The texts in `data`, or `None` when it is damaged (a miss, never a panic).
fn decode(data: &[u8]) -> Option<Vec<Texts>> {
    let mut r = Reader { buf: data };
    let n = r.u32()?;
    let mut text = || {
        let len = r.u32()?;
        let bytes = lz4_flex::decompress_size_prepended(r.take(len)?).ok()?;
        String::from_utf8(bytes).ok()
    };
    let mut out = Vec::with_capacity(n.min(data.len()));
    for _ in 0..n {
        out.push(Texts { body: text()?, insight: text()? });
    }
    r.buf.is_empty().then_some(out)
}

/// Writes `rows` (racy stamps skipped) in one transaction; returns how many were written.
pub fn save(library: &mut Library, opts: &ParseOptions, rows: &[FreshRow]) -> rusqlite::Result<usize> {
    let rows: Vec<&FreshRow> = rows.iter().filter(|(_, stamp, _)| !stamp.is_racy()).collect();
    if rows.is_empty() || library.is_read_only() {
        return Ok(0);
    }
    let version = cache::version(opts);
    super::cache::save_stamped(library, "search_text", &version, rows.iter().copied())?;
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
        let mut longer = data.clone();
        longer.push(0);
        assert_eq!(decode(&longer), None, "trailing bytes");
    }
}
