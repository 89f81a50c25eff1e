//! The stored word index: the search's word index (`search::words`) over every article of the
//! files a search loaded, kept so that a later search reads only the postings of its query's
//! words instead of every article's text.
//!
//! Row 0 of `search_words` is the *build*: the parser version, the files it was built from
//! (key, stamp, first article, number of articles, in article order), each article's folded
//! body length (the ranker's near-the-start bonus needs it) and the sorted vocabulary, one LZ4
//! blob. Row `w + 1` holds word `w`'s postings (per article: the gap from the previous one, the
//! capped count, the first offset) in the body and in the insight. A search reads row 0, finds
//! the words holding each term in the vocabulary (a term is looked for *inside* words, so this
//! is a scan of the vocabulary, not a key lookup) and reads those words' rows by number.
//!
//! A file's articles are taken from the build only when one `stat` gives the stamp it was built
//! with, under the same parser version (the list index's staleness rule); any other file is
//! read and its text scanned. The build is replaced whole, never patched.

use std::hash::BuildHasher;

use hashbrown::HashTable;
use rusqlite::{params, OptionalExtension, TransactionBehavior};
use rustc_hash::FxBuildHasher;

use super::cache::{self, Stamp};
use super::codec::{self, Reader};
use super::Library;
use crate::parse::ParseOptions;
use crate::search::words::WordIndex;

/// One file of the build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuiltFile {
    pub key: String,
    pub stamp: Stamp,
    /// Its first article's number in the build, and how many it has.
    pub first: u32,
    pub articles: u32,
}

/// Where one file's articles are in the build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Built {
    pub first: u32,
    pub articles: u32,
}

/// One file of a build as read: its key's place in [`WordsBuild::raw`], its stamp and articles.
struct Entry {
    key_at: u32,
    key_len: u32,
    stamp: Stamp,
    built: Built,
}

/// Row 0: what the build was made of, and its vocabulary (postings are read per word).
///
/// The files' keys stay in the decompressed row, found through a table of file numbers
/// hashed by key: reading 100,000 files makes no allocation per file.
#[derive(Default)]
pub struct WordsBuild {
    raw: Vec<u8>,
    files: Vec<Entry>,
    by_key: HashTable<usize>,
    body_lens: Vec<u32>,
    vocab: String,
}

fn hash_key(key: &[u8]) -> u64 {
    FxBuildHasher.hash_one(key)
}

impl WordsBuild {
    /// Row 0, when there is a build by this parser version and it is intact.
    pub fn read(library: &Library, opts: &ParseOptions) -> rusqlite::Result<Option<Self>> {
        let data: Option<Vec<u8>> = library
            .conn()
            .query_row("SELECT data FROM search_words WHERE id = 0", [], |r| r.get(0))
            .optional()?;
        Ok(data.and_then(|d| decode(&cache::version(opts), &d)))
    }

    /// The keys of the build's files, in article order (those not UTF-8, from a damaged row,
    /// left out).
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.files.iter().filter_map(|f| std::str::from_utf8(self.key(f)).ok())
    }

    fn key(&self, f: &Entry) -> &[u8] {
        &self.raw[f.key_at as usize..(f.key_at + f.key_len) as usize]
    }

    /// Where the articles of the file with key `key` are, when it was built with stamp
    /// `stamp`. `near` is where to look first (the file after the last one found: files are
    /// listed in walk order, so nearly always the one), and is moved past the file found.
    pub fn file(&self, key: &str, stamp: Stamp, near: &mut usize) -> Option<Built> {
        let key = key.as_bytes();
        let i = match self.files.get(*near) {
            Some(f) if self.key(f) == key => *near,
            _ => *self.by_key.find(hash_key(key), |&i| self.key(&self.files[i]) == key)?,
        };
        *near = i + 1;
        let f = &self.files[i];
        (f.stamp == stamp).then_some(f.built)
    }

    /// The folded body length of the build's article `doc`.
    pub fn body_len(&self, doc: u32) -> usize {
        self.body_lens.get(doc as usize).map_or(0, |&n| n as usize)
    }

    /// The word index with the vocabulary and the postings of every word holding one of
    /// `terms`, read from their rows; `None` when a row is missing or damaged.
    pub fn index_for(
        &self,
        library: &Library,
        terms: &[crate::search::query::Term],
    ) -> rusqlite::Result<Option<WordIndex>> {
        let Some(vocab) = WordIndex::from_parts(self.vocab.clone(), self.body_lens.len(), &[]) else {
            return Ok(None);
        };
        let mut words: Vec<usize> = terms.iter().flat_map(|t| vocab.words_for(t)).collect();
        words.sort_unstable();
        words.dedup();
        let mut stmt = library.conn().prepare_cached("SELECT data FROM search_words WHERE id = ?1")?;
        let mut fetched = Vec::with_capacity(words.len());
        for w in words {
            let data: Option<Vec<u8>> = stmt.query_row([w as i64 + 1], |r| r.get(0)).optional()?;
            let Some((body, insight)) = data.as_deref().and_then(split_postings) else { return Ok(None) };
            fetched.push((w, body.to_vec(), insight.to_vec()));
        }
        Ok(WordIndex::from_parts(vocab.vocab().to_string(), self.body_lens.len(), &fetched))
    }
}

/// A word's row: its body postings (length-prefixed), then its insight postings.
fn split_postings(data: &[u8]) -> Option<(&[u8], &[u8])> {
    let mut r = Reader { buf: data };
    let n = r.u32()?;
    let body = r.take(n)?;
    Some((body, r.buf))
}

fn decode(version: &str, data: &[u8]) -> Option<WordsBuild> {
    let raw = lz4_flex::decompress_size_prepended(data).ok()?;
    let mut r = Reader { buf: &raw };
    if r.str_ref()? != version {
        return None;
    }
    let docs = r.u32()?;
    let n = r.u32()?;
    let mut files = Vec::with_capacity(n.min(raw.len()));
    for _ in 0..n {
        let key_len = r.u32()?;
        let key_at = raw.len() - r.buf.len();
        r.take(key_len)?;
        let u64_at = |r: &mut Reader| Some(u64::from_le_bytes(r.take(8)?.try_into().ok()?));
        let (size, mtime_ns, inode) = (u64_at(&mut r)?, u64_at(&mut r)? as i64, u64_at(&mut r)?);
        let stamp = Stamp { size, mtime_ns, inode, ctime_ns: u64_at(&mut r)? as i64 };
        let built = Built { first: r.u32()? as u32, articles: r.u32()? as u32 };
        if u64::from(built.first) + u64::from(built.articles) > docs as u64 {
            return None;
        }
        files.push(Entry { key_at: u32::try_from(key_at).ok()?, key_len: key_len as u32, stamp, built });
    }
    let body_lens = (0..docs).map(|_| r.u32().map(|n| n as u32)).collect::<Option<_>>()?;
    let vocab = r.str()?;
    if !r.buf.is_empty() {
        return None;
    }
    let mut build = WordsBuild { raw, files, body_lens, vocab, by_key: HashTable::new() };
    // Sized once: a table grown file by file re-hashes every key it holds each time it doubles.
    let mut by_key = HashTable::with_capacity(build.files.len());
    for (i, f) in build.files.iter().enumerate() {
        let key = build.key(f);
        if by_key.find(hash_key(key), |&j| build.key(&build.files[j]) == key).is_some() {
            return None;
        }
        by_key.insert_unique(hash_key(key), i, |&j| hash_key(build.key(&build.files[j])));
    }
    build.by_key = by_key;
    Some(build)
}

/// Replaces the build with `index` (over `body_lens.len()` articles) made from `files`, in one
/// transaction.
pub fn save(
    library: &mut Library,
    opts: &ParseOptions,
    index: &WordIndex,
    files: &[BuiltFile],
    body_lens: &[u32],
) -> rusqlite::Result<()> {
    let mut w = Vec::new();
    codec::put_str(&mut w, &cache::version(opts));
    codec::put_u32(&mut w, body_lens.len());
    codec::put_u32(&mut w, files.len());
    for f in files {
        codec::put_str(&mut w, &f.key);
        // A ctime too recent to trust is stored as one no file has (see `Stamp::stored_ctime`).
        for n in [f.stamp.size, f.stamp.mtime_ns as u64, f.stamp.inode, f.stamp.stored_ctime() as u64] {
            w.extend_from_slice(&n.to_le_bytes());
        }
        codec::put_u32(&mut w, f.first as usize);
        codec::put_u32(&mut w, f.articles as usize);
    }
    for &n in body_lens {
        codec::put_u32(&mut w, n as usize);
    }
    codec::put_str(&mut w, index.vocab());
    let head = lz4_flex::compress_prepend_size(&w);
    let tx = library.conn_mut().transaction_with_behavior(TransactionBehavior::Immediate)?;
    tx.execute("DELETE FROM search_words", [])?;
    {
        let mut stmt = tx.prepare_cached("INSERT INTO search_words (id, data) VALUES (?1, ?2)")?;
        stmt.execute(params![0i64, head])?;
        let mut row = Vec::new();
        for word in 0..index.len() {
            let (body, insight) = index.postings_of(word);
            row.clear();
            codec::put_u32(&mut row, body.len());
            row.extend_from_slice(body);
            row.extend_from_slice(insight);
            stmt.execute(params![word as i64 + 1, row])?;
        }
    }
    tx.commit()
}

/// True when the library holds a build (of any parser version).
pub fn exists(library: &Library) -> bool {
    library
        .conn()
        .query_row("SELECT EXISTS (SELECT 1 FROM search_words WHERE id = 0)", [], |r| r.get(0))
        .unwrap_or(false)
}

/// Forgets the build (the next search that reads every text makes a new one).
pub fn forget(library: &mut Library) -> rusqlite::Result<()> {
    library.conn_mut().execute("DELETE FROM search_words", []).map(drop)
}

/// The keys of the files the stored build was made from (for `library prune`), whatever its
/// parser version; empty when there is none or it is damaged.
pub fn built_keys(conn: &rusqlite::Connection) -> rusqlite::Result<Vec<String>> {
    let data: Option<Vec<u8>> =
        conn.query_row("SELECT data FROM search_words WHERE id = 0", [], |r| r.get(0)).optional()?;
    let version = data.as_deref().and_then(|d| {
        let raw = lz4_flex::decompress_size_prepended(d).ok()?;
        Reader { buf: &raw }.str()
    });
    Ok(match (data, version) {
        (Some(d), Some(v)) => decode(&v, &d).map(|b| b.keys().map(String::from).collect()),
        _ => None,
    }
    .unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::index::Doc;
    use crate::Article;

    fn doc(body: &str) -> Doc {
        Doc::new(&Article {
            body: vec![body.into()],
            insight: vec!["the insight".into()],
            ..Default::default()
        })
    }

    #[test]
    fn builds_round_trip_and_damage_is_a_miss() {
        let dir = tempfile::tempdir().unwrap();
        let (lib, _) = Library::open(&dir.path().join("lib.sqlite3"));
        let mut lib = lib.unwrap();
        let opts = ParseOptions::default();
        let docs = [doc("a supermarket market"), doc("markets rise")];
        let index = WordIndex::new(&docs);
        let stamp = Stamp { size: 3, mtime_ns: 4, inode: 5, ctime_ns: 6 };
        let files = [BuiltFile { key: "/x/a.txt".into(), stamp, first: 0, articles: 2 }];
        let lens: Vec<u32> = docs.iter().map(|d| d.body_len as u32).collect();
        save(&mut lib, &opts, &index, &files, &lens).unwrap();
        let build = WordsBuild::read(&lib, &opts).unwrap().unwrap();
        assert_eq!(build.keys().collect::<Vec<_>>(), ["/x/a.txt"]);
        assert_eq!(build.file("/x/a.txt", stamp, &mut 0), Some(Built { first: 0, articles: 2 }));
        assert_eq!(build.file("/x/a.txt", stamp, &mut 1).map(|f| f.articles), Some(2));
        assert!(build.file("/x/a.txt", Stamp { size: 4, ..stamp }, &mut 0).is_none(), "another stamp");
        assert!(build.file("/x/b.txt", stamp, &mut 0).is_none());
        assert_eq!(build.body_len(1), "markets rise".len());
        let terms = crate::search::Query::parse("market").terms;
        let stored = build.index_for(&lib, &terms).unwrap().unwrap();
        let (a, b) = (stored.term_hits(&terms[0]).unwrap(), index.term_hits(&terms[0]).unwrap());
        assert_eq!(a.body.unwrap().hits, b.body.unwrap().hits);
        assert_eq!(built_keys(lib.conn()).unwrap(), ["/x/a.txt"]);
        // Another parser version, a damaged head, a damaged or missing word row: misses.
        let other = ParseOptions { ..opts.clone() };
        assert!(WordsBuild::read(&lib, &other).unwrap().is_some());
        let head: Vec<u8> =
            lib.conn().query_row("SELECT data FROM search_words WHERE id = 0", [], |r| r.get(0)).unwrap();
        let raw = lz4_flex::decompress_size_prepended(&head).unwrap();
        for cut in 0..raw.len() {
            let _ = decode(&cache::version(&opts), &raw[..cut]);
        }
        let mut short = raw.clone();
        short.pop();
        assert!(decode(&cache::version(&opts), &lz4_flex::compress_prepend_size(&short)).is_none());
        lib.conn().execute("UPDATE search_words SET data = x'ff0000' WHERE id > 0", []).unwrap();
        assert!(build.index_for(&lib, &terms).unwrap().is_none(), "a damaged word row");
        lib.conn().execute("DELETE FROM search_words WHERE id > 0", []).unwrap();
        assert!(build.index_for(&lib, &terms).unwrap().is_none(), "a missing word row");
        forget(&mut lib).unwrap();
        assert!(WordsBuild::read(&lib, &opts).unwrap().is_none());
    }
}
