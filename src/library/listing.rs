//! The list index: per file, what `list` and the reader's list pane show of its articles (key,
//! id, title, source, date, content hash, paragraph counts, warnings) but not their text, so a
//! second start needs one `stat` per file and small rows instead of reading and parsing every
//! file. Written on every run, after the output, only for files whose row is missing or stale.
//!
//! Staleness is the parse cache's rule (`cache.rs`): a row is used only when one `stat` gives
//! the size, modification time, inode and inode change time it was written with and the parser
//! version is the same; a file changed less than [`RACY_SECONDS`](super::cache::RACY_SECONDS)
//! before it was read gets no row.

use std::borrow::Cow;
use std::hash::BuildHasher;

use hashbrown::HashTable;
use rusqlite::params;
use rustc_hash::FxBuildHasher;

use super::cache::{self, Stamp};
use super::codec::{self, Reader};
use super::Library;
use crate::parse::ParseOptions;
use crate::{Article, Format};

/// One article as the list shows it: everything but its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub key: String,
    pub hash: u64,
    pub format: Format,
    /// The id before de-duplication ([`crate::model::base_id`] of the parser's; rows written
    /// by earlier builds hold the parser's own, which `Corpus::new` turns into the same).
    pub id: String,
    pub title: String,
    pub source: Option<String>,
    pub insight_label: Option<String>,
    pub date: Option<String>,
    /// Paragraph counts.
    pub body: usize,
    pub insight: usize,
}

impl Summary {
    pub fn of(a: &Article) -> Self {
        Summary {
            key: a.key.clone(),
            hash: a.hash,
            format: a.format,
            id: crate::model::base_id(&a.id),
            title: a.title.clone(),
            source: a.source.clone(),
            insight_label: a.insight_label.clone(),
            date: a.date.clone(),
            body: a.body.len(),
            insight: a.insight.len(),
        }
    }

    /// An outline article, read from `path`: its list fields, and as many empty paragraphs as
    /// it has (so counts and `has_insight` hold) instead of its text.
    pub fn outline(self, path: String) -> Article {
        Article {
            id: self.id,
            key: self.key,
            hash: self.hash,
            title: self.title,
            source: self.source,
            path,
            format: self.format,
            body: vec![String::new(); self.body],
            insight_label: self.insight_label,
            insight: vec![String::new(); self.insight],
            date: self.date,
            ..Default::default()
        }
    }
}

/// One file's row: its articles' summaries and the parse's warnings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileOutline {
    pub articles: Vec<Summary>,
    pub warnings: Vec<String>,
    pub more_warnings: usize,
    pub lossy: bool,
}

/// The index as read at the start of a run, and the rows to write at its end.
///
/// Every row's path and data sit in one buffer, found through a table of row numbers hashed
/// by path: reading 100,000 rows makes no allocation per row.
#[derive(Default)]
pub struct ListIndex {
    /// Every current row's path, then its data (empty when only stamps were read).
    buf: Vec<u8>,
    rows: Vec<Row>,
    /// Row numbers by path.
    by_path: HashTable<usize>,
    fresh: cache::Fresh,
    version: String,
}

/// At most this much is reserved for the rows before reading them.
const MAX_RESERVE: usize = 256 << 20;

/// Where one row's path and data are in [`ListIndex::buf`].
struct Row {
    start: usize,
    path_len: usize,
    data_len: usize,
    stamp: Stamp,
}

fn hash_path(path: &[u8]) -> u64 {
    FxBuildHasher.hash_one(path)
}

impl ListIndex {
    /// Reads every row written by this parser version: with `data` for an outline load, else
    /// only the stamps (a full load only needs to know which rows to rewrite).
    pub fn read(library: &Library, opts: &ParseOptions, data: bool) -> rusqlite::Result<Self> {
        let version = cache::version(opts);
        let sql = if data {
            "SELECT path, size, mtime_ns, inode, ctime_ns, data FROM listing WHERE version = ?1"
        } else {
            "SELECT path, size, mtime_ns, inode, ctime_ns, x'' FROM listing WHERE version = ?1"
        };
        let mut index = ListIndex { version, ..Default::default() };
        if data {
            // The rows take at most the file's size: reserved once (only touched as filled)
            // rather than grown by copies.
            let size: i64 = library.conn().query_row(
                "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()",
                [],
                |r| r.get(0),
            )?;
            index.buf.reserve(usize::try_from(size).unwrap_or(0).min(MAX_RESERVE));
        }
        let mut stmt = library.conn().prepare(sql)?;
        let mut rows = stmt.query([&index.version])?;
        while let Some(r) = rows.next()? {
            let stamp = Stamp::from_row(r)?;
            let (path, data) = (r.get_ref(0)?.as_bytes()?, r.get_ref(5)?.as_bytes()?);
            let start = index.buf.len();
            index.buf.extend_from_slice(path);
            index.buf.extend_from_slice(data);
            index.rows.push(Row { start, path_len: path.len(), data_len: data.len(), stamp });
        }
        // Sized once when every row is in: a table grown row by row re-hashes every path it
        // holds each time it doubles (5% of a second start's CPU at 1,000,000 rows).
        let (buf, rows) = (&index.buf, &index.rows);
        index.by_path = HashTable::with_capacity(rows.len());
        for (n, row) in rows.iter().enumerate() {
            // The path is the table's primary key: each is new.
            index.by_path.insert_unique(hash_path(row.path(buf)), n, |&i| hash_path(rows[i].path(buf)));
        }
        Ok(index)
    }

    /// The first `limit` rows (in path order) written by this parser version for files inside
    /// the folder whose canonical path is `folder`, as (key, row), whatever their stamps: what
    /// the reader shows before the folder is walked and its files `stat`ed (then it replaces
    /// them). One range read of the table's primary key, so as fast for a million rows as for
    /// a thousand. Damaged rows are left out.
    pub fn peek(
        library: &Library,
        opts: &ParseOptions,
        folder: &str,
        limit: usize,
    ) -> rusqlite::Result<Vec<(String, FileOutline)>> {
        let folder = folder.strip_suffix('/').unwrap_or(folder);
        // Keys inside the folder: after `folder/`, before `folder0` ('0' follows '/').
        let (from, to) = (format!("{folder}/"), format!("{folder}0"));
        let mut stmt = library.conn().prepare(
            "SELECT path, data FROM listing WHERE path > ?1 AND path < ?2 AND version = ?3
             ORDER BY path LIMIT ?4",
        )?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = stmt.query_map(params![from, to, cache::version(opts), limit], |r| {
            Ok((r.get::<_, String>(0)?, decode(r.get_ref(1)?.as_bytes()?)))
        })?;
        let mut out = Vec::new();
        for row in rows {
            if let (key, Some(outline)) = row? {
                out.push((key, outline));
            }
        }
        Ok(out)
    }

    /// The row of the file with key `path`: its stamp and data.
    fn row(&self, path: &str) -> Option<(Stamp, &[u8])> {
        let path = path.as_bytes();
        let &i = self.by_path.find(hash_path(path), |&i| self.rows[i].path(&self.buf) == path)?;
        let row = &self.rows[i];
        Some((row.stamp, row.data(&self.buf)))
    }

    /// The row of the file with key `path` when its stamp still matches.
    pub fn get(&self, path: &str, stamp: Stamp) -> Option<FileOutline> {
        self.get_near(path, stamp, &mut 0)
    }

    /// [`ListIndex::get`], trying the row after `*near` first and leaving `*near` after the row
    /// found: rows are read in path order, which is nearly always the order files are walked
    /// in, so a walk's lookups read the buffer front to back instead of hashing each path.
    pub fn get_near(&self, path: &str, stamp: Stamp, near: &mut usize) -> Option<FileOutline> {
        decode(self.data_near(path, stamp, near)?)
    }

    /// The data of the row of the file with key `path` when its stamp still matches (see
    /// [`ListIndex::get_near`] for `near`).
    fn data_near(&self, path: &str, stamp: Stamp, near: &mut usize) -> Option<&[u8]> {
        let bytes = path.as_bytes();
        let i = match self.rows.get(*near) {
            Some(row) if row.path(&self.buf) == bytes => *near,
            _ => *self.by_path.find(hash_path(bytes), |&i| self.rows[i].path(&self.buf) == bytes)?,
        };
        *near = i + 1;
        let row = &self.rows[i];
        (row.stamp == stamp).then(|| row.data(&self.buf))
    }

    /// `list`'s lines for the file with key `path`, borrowed from its row, appended to `lines`,
    /// when the row's stamp still matches and it is whole; with the file's warnings (see
    /// [`FileOutline`]: its `articles` left empty).
    pub fn lines_near<'a>(
        &'a self,
        path: &str,
        stamp: Stamp,
        near: &mut usize,
        lines: &mut Vec<Line<'a>>,
    ) -> Option<FileOutline> {
        let data = self.data_near(path, stamp, near)?;
        let before = lines.len();
        let head = decode_lines(data, lines);
        if head.is_none() {
            lines.truncate(before);
        }
        head
    }

    /// Remembers `outline` as the file's row unless the index already holds it (or the file
    /// changed so recently that its stamp cannot be trusted).
    pub fn put(&self, path: &str, stamp: Stamp, outline: &FileOutline) {
        if stamp.is_racy() || self.row(path).is_some_and(|(known, _)| known == stamp) {
            return;
        }
        let data = encode(outline);
        self.fresh.push(path, stamp, data);
    }

    /// Whether the index has a row for the file with key `path`, current or not.
    pub fn holds(&self, path: &str) -> bool {
        self.row(path).is_some()
    }

    /// True when the index held no current row (a first start).
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// How many rows [`ListIndex::save`] will write.
    pub fn fresh_count(&self) -> usize {
        self.fresh.len()
    }

    /// Writes the fresh rows in one transaction; returns how many.
    pub fn save(self, library: &mut Library) -> rusqlite::Result<usize> {
        self.fresh.save(library, "listing", &self.version)
    }
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

fn encode(o: &FileOutline) -> Vec<u8> {
    let mut w = Vec::with_capacity(256);
    w.push(u8::from(o.lossy));
    codec::put_list(&mut w, &o.warnings);
    codec::put_u32(&mut w, o.more_warnings);
    codec::put_u32(&mut w, o.articles.len());
    for s in &o.articles {
        codec::put_str(&mut w, &s.key);
        w.extend_from_slice(&s.hash.to_le_bytes());
        w.push(codec::format_code(s.format));
        codec::put_str(&mut w, &s.id);
        codec::put_str(&mut w, &s.title);
        for o in [&s.source, &s.insight_label, &s.date] {
            codec::put_opt(&mut w, o.as_deref());
        }
        codec::put_u32(&mut w, s.body);
        codec::put_u32(&mut w, s.insight);
    }
    w
}

/// One article as `list` prints it (and what de-duplicating its id needs), borrowed from the
/// list index where its file's row is current, owned where the file was parsed afresh.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line<'a> {
    pub key: Cow<'a, str>,
    pub id: Cow<'a, str>,
    pub title: Cow<'a, str>,
    pub source: Option<Cow<'a, str>>,
    /// The content hash (a search checks it against the file read again for a snippet).
    pub hash: u64,
    /// Paragraph counts.
    pub body: usize,
    pub insight: usize,
}

impl<'a> Line<'a> {
    /// The line of an article parsed afresh: its id slugged, as a row holds it.
    pub fn of(a: &Article) -> Line<'a> {
        Line {
            key: Cow::Owned(a.key.clone()),
            id: Cow::Owned(crate::model::base_id(&a.id)),
            title: Cow::Owned(a.title.clone()),
            source: a.source.clone().map(Cow::Owned),
            hash: a.hash,
            body: a.body.len(),
            insight: a.insight.len(),
        }
    }

    /// The outline article of this line ([`Summary::outline`] without the fields a line does
    /// not hold: format, insight label, date), for the few a search prints.
    pub fn outline(&self, path: String) -> Article {
        Article {
            id: self.id.to_string(),
            key: self.key.to_string(),
            hash: self.hash,
            title: self.title.to_string(),
            source: self.source.as_ref().map(|s| s.to_string()),
            path,
            body: vec![String::new(); self.body],
            insight: vec![String::new(); self.insight],
            ..Default::default()
        }
    }
}

impl crate::model::Named for Line<'_> {
    fn id(&self) -> &str {
        &self.id
    }

    fn key(&self) -> &str {
        &self.key
    }

    fn set_id(&mut self, id: String) {
        self.id = Cow::Owned(id);
    }
}

/// The lines of the row in `data`, appended to `lines`, and its head; `None` when the row is
/// damaged (then some lines may have been appended).
fn decode_lines<'a>(data: &'a [u8], lines: &mut Vec<Line<'a>>) -> Option<FileOutline> {
    let mut r = Reader { buf: data };
    let head = r.file_head()?;
    for _ in 0..head.articles {
        let key = r.str_ref()?;
        let hash = u64::from_le_bytes(r.take(8)?.try_into().ok()?);
        r.take(1)?; // format
        let (id, title) = (r.str_ref()?, r.str_ref()?);
        let source = r.opt_ref()?;
        let (_insight_label, _date) = (r.opt_ref()?, r.opt_ref()?);
        let (body, insight) = (r.u32()?, r.u32()?);
        lines.push(Line {
            key: Cow::Borrowed(key),
            id: Cow::Borrowed(id),
            title: Cow::Borrowed(title),
            source: source.map(Cow::Borrowed),
            hash,
            body,
            insight,
        });
    }
    let codec::FileHead { lossy, warnings, more_warnings, .. } = head;
    r.buf.is_empty().then_some(FileOutline { articles: Vec::new(), warnings, more_warnings, lossy })
}

/// The row in `data`, or `None` when it is damaged (a miss, never a panic).
fn decode(data: &[u8]) -> Option<FileOutline> {
    let mut r = Reader { buf: data };
    let head = r.file_head()?;
    let mut articles = Vec::with_capacity(head.articles.min(data.len()));
    for _ in 0..head.articles {
        let (key, hash, format) = r.article_head()?;
        let (id, title) = (r.str()?, r.str()?);
        let (source, insight_label, date) = (r.opt()?, r.opt()?, r.opt()?);
        let (body, insight) = (r.u32()?, r.u32()?);
        articles.push(Summary { key, hash, format, id, title, source, insight_label, date, body, insight });
    }
    let codec::FileHead { lossy, warnings, more_warnings, .. } = head;
    r.buf.is_empty().then_some(FileOutline { articles, warnings, more_warnings, lossy })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_round_trip_and_damage_is_a_miss() {
        let a = Article {
            id: "news-001".into(),
            key: "/x/news/001.md".into(),
            hash: 7,
            title: "Title 洞察".into(),
            source: Some("Wire".into()),
            format: Format::Markdown,
            body: vec!["one".into(), "two".into()],
            insight_label: Some("Analysis".into()),
            insight: vec!["why".into()],
            ..Default::default()
        };
        let o = FileOutline {
            articles: vec![Summary::of(&a)],
            warnings: vec!["line 3: bad".into()],
            more_warnings: 2,
            lossy: true,
        };
        let data = encode(&o);
        assert_eq!(decode(&data), Some(o.clone()));
        for cut in 0..data.len() {
            assert_eq!(decode(&data[..cut]), None);
        }
        let mut lines = Vec::new();
        let head = decode_lines(&data, &mut lines).expect("whole");
        assert_eq!((head.warnings, head.more_warnings, head.lossy), (o.warnings.clone(), 2, true));
        assert_eq!(lines, [Line::of(&a)]);
        // A line's outline is the row's but for what a line does not hold.
        let (line, row) = (lines[0].outline("p".into()), o.articles[0].clone().outline("p".into()));
        let (label, date) = (row.insight_label.clone(), row.date.clone());
        assert_eq!(Article { format: row.format, insight_label: label, date, ..line }, row);
        for cut in 0..data.len() {
            assert!(decode_lines(&data[..cut], &mut Vec::new()).is_none());
        }
        let stub = o.articles[0].clone().outline("shown/001.md".into());
        assert_eq!((stub.body.len(), stub.insight.len(), stub.has_insight()), (2, 1, true));
        assert_eq!((stub.key.as_str(), stub.path.as_str(), stub.hash), ("/x/news/001.md", "shown/001.md", 7));
    }
}
