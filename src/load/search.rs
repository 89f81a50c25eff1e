//! Loading for `triptych search` with a library: a file whose list row and search-text row both
//! match one `stat` gives outline articles (`Summary::outline`) and their stored folded texts,
//! without being opened; any other file is read and parsed as usual, and its rows are handed
//! on to be written after the output. Either way every article comes with its search `Doc`,
//! built on the loading cores.

use std::sync::atomic::{AtomicUsize, Ordering};

use super::{
    accumulate, indexed, lines_walked, read_and_parse, sniff_file, FolderStat, Job, LineFiles, LoadOptions,
    Loaded, Walk, Warning,
};
use crate::library::cache::Stamp;
use crate::library::listing::{Line, ListIndex};
use crate::library::search_text::{self, FreshRow, SearchTexts};
use crate::library::search_words::{BuiltFile, WordsBuild};
use crate::parallel;
use crate::search::index::Doc;
use crate::search::words::NOT_INDEXED;
use crate::{Article, Format};

/// What a search load gave besides the articles.
#[derive(Default)]
pub struct SearchDocs {
    /// Each corpus article's search doc, in corpus order.
    pub docs: Vec<Doc>,
    /// Per corpus article: true when it is an outline (its text was not read).
    pub outlined: Vec<bool>,
    /// Search-text rows of the files read afresh, to write after the output.
    pub fresh: Vec<FreshRow>,
    /// Files whose articles came from the library.
    pub from_library: usize,
    /// With a stored word index: per corpus article, its number in the build, or
    /// [`NOT_INDEXED`] when its file was read (its doc then holds its text).
    pub built: Vec<u32>,
    /// Files read because the build did not hold them as they are (changed, added).
    pub stale: usize,
    /// Without one: the files in corpus order as a new build would list them (`first`
    /// counting the docs), when every doc holds its text and no article was loaded twice.
    pub files: Option<Vec<BuiltFile>>,
    /// The build the load used, for the search to read its postings.
    pub words: Option<WordsBuild>,
    /// The build's vocabulary with the postings of the query's words (read after the load).
    pub stored: Option<crate::search::words::WordIndex>,
    /// The list index was empty when read: a first start (no build is written then).
    pub first_start: bool,
}

/// At most this many files' search texts are written per run: storing them costs about as
/// much again as parsing the file (compressing, and SQLite writing it to the WAL and then the
/// database), so a first start on 100,000 files that stored everything was 1.4x slower than
/// without them (README, Benchmarks). Capped, a first start pays a few percent, and a large
/// folder's texts fill over a few runs; unstored files are simply parsed, as before.
pub const MAX_FRESH_ROWS: usize = 10_000;

/// One file's part of the load: its docs, whether they are outlines, its row to write, where
/// its articles are in the word index's build, and its stamp (when a build may list it).
struct Part {
    docs: Vec<Doc>,
    outlined: bool,
    fresh: Option<FreshRow>,
    built: Option<u32>,
    file: Option<(String, Stamp)>,
}

/// The file as a new word index build lists it: only without a build in use (every doc then
/// holds its text) and when its stamp is not racy (see `Stamp::is_racy`).
fn listed(words: Option<&WordsBuild>, key: &str, stamp: Option<Stamp>) -> Option<(String, Stamp)> {
    let stamp = stamp.filter(|s| words.is_none() && !s.is_racy())?;
    Some((key.to_string(), stamp))
}

/// Loads the walked files for a search (see the module comment). With `words` (the stored
/// word index's build), a file it holds as it is gives outline docs with no text at all
/// (`Doc::outline`): the search ranks them from the stored postings.
pub fn load_search_walked(
    walk: &Walk,
    opts: &LoadOptions,
    index: &ListIndex,
    texts: &SearchTexts,
    words: Option<&WordsBuild>,
) -> (Loaded, SearchDocs) {
    let jobs = &walk.jobs;
    opts.found(jobs);
    let from_library = AtomicUsize::new(0);
    let stored = AtomicUsize::new(0);
    let stale = AtomicUsize::new(0);
    // A first start has nothing to look up: no `stat` before each read.
    let lookup = !index.is_empty() && (!texts.is_empty() || words.is_some());
    let results = parallel::map_chunks(jobs, super::PARALLEL_MIN_FILES, |chunk| {
        let mut folder = FolderStat::default();
        // The index row and the build's file after the last ones found.
        let (mut near, mut near_built) = (0, 0);
        chunk
            .iter()
            .map(|job| {
                opts.did_one();
                let (path, key, format) = match job {
                    Job::File { path, format, key } => (path, key, Some(*format)),
                    Job::Sniff { path, key } => (path, key, None),
                    Job::Problem(w) => return Err(w.clone()),
                };
                if lookup {
                    if let Some(hit) = indexed(path, key, folder.stat(path), opts, index, &mut near) {
                        let built =
                            hit.stamp.and_then(|s| words.and_then(|w| w.file(key, s, &mut near_built)));
                        if let (Ok(parsed), Some(built), Some(w)) = (&hit.result, built, words) {
                            if parsed.articles.len() == built.articles as usize {
                                from_library.fetch_add(1, Ordering::Relaxed);
                                let docs = (built.first..)
                                    .zip(&parsed.articles)
                                    .map(|(d, a)| Doc::outline(a, w.body_len(d)))
                                    .collect();
                                let built = Some(built.first);
                                let part = Part { docs, outlined: true, fresh: None, built, file: None };
                                return Ok(Some((hit, part)));
                            }
                        }
                        let stored = hit.stamp.and_then(|s| texts.take(key, s));
                        if let (Ok(parsed), Some(stored)) = (&hit.result, stored) {
                            if parsed.articles.len() == stored.len() {
                                from_library.fetch_add(1, Ordering::Relaxed);
                                let docs = parsed
                                    .articles
                                    .iter()
                                    .zip(stored)
                                    .map(|(a, t)| Doc::stored(a, t.body, t.insight))
                                    .collect();
                                let file = listed(words, key, hit.stamp);
                                let part = Part { docs, outlined: true, fresh: None, built: None, file };
                                return Ok(Some((hit, part)));
                            }
                        }
                    }
                }
                let outcome = match format {
                    Some(format) => read_and_parse(path, format, key, opts),
                    None if sniff_file(path) => read_and_parse(path, Format::Feed, key, opts),
                    None => return Ok(None),
                };
                if words.is_some() {
                    stale.fetch_add(1, Ordering::Relaxed);
                }
                outcome.index_into(key, index);
                let docs: Vec<Doc> = match &outcome.result {
                    Ok(parsed) => parsed.articles.iter().map(Doc::new).collect(),
                    Err(_) => Vec::new(),
                };
                let fresh = match (&outcome.result, outcome.stamp) {
                    (Ok(_), Some(stamp))
                        if !stamp.is_racy() && stored.fetch_add(1, Ordering::Relaxed) < MAX_FRESH_ROWS =>
                    {
                        Some((
                            key.clone(),
                            stamp,
                            search_text::encode(
                                docs.iter().map(|d| (d.body.text.as_str(), d.insight.text.as_str())),
                            ),
                        ))
                    }
                    _ => None,
                };
                let file = listed(words, key, outcome.stamp);
                Ok(Some((outcome, Part { docs, outlined: false, fresh, built: None, file })))
            })
            .collect::<Vec<_>>()
    });
    let mut keys = Vec::new();
    let mut docs = Vec::new();
    let mut outlined = Vec::new();
    let mut fresh = Vec::new();
    let mut built = Vec::new();
    let mut files = Vec::new();
    let outcomes = results
        .into_iter()
        .map(|r| {
            r.map(|o| {
                o.map(|(outcome, part)| {
                    if let Ok(parsed) = &outcome.result {
                        let n = parsed.articles.len();
                        keys.extend(parsed.articles.iter().map(|a| a.key.clone()));
                        outlined.extend(std::iter::repeat_n(part.outlined, n));
                        match part.built {
                            Some(first) => built.extend((first..).take(n)),
                            None => built.extend(std::iter::repeat_n(NOT_INDEXED, n)),
                        }
                        if let Some((key, stamp)) = part.file {
                            let (first, articles) = (docs.len() as u32, n as u32);
                            files.push(BuiltFile { key, stamp, first, articles });
                        }
                    }
                    docs.extend(part.docs);
                    fresh.extend(part.fresh);
                    outcome
                })
            })
        })
        .collect();
    let loaded = accumulate(outcomes);
    let twice = loaded.corpus.len() != docs.len();
    if twice {
        // An article loaded twice (a file named twice) is kept once, the first time: the
        // same for its doc.
        let mut seen = std::collections::HashSet::new();
        let keep: Vec<bool> = keys.iter().map(|k| k.is_empty() || seen.insert(k.as_str())).collect();
        let mut kept = keep.iter();
        docs.retain(|_| kept.next().copied().unwrap_or(true));
        let mut kept = keep.iter();
        outlined.retain(|_| kept.next().copied().unwrap_or(true));
        let mut kept = keep.iter();
        built.retain(|_| kept.next().copied().unwrap_or(true));
    }
    // A build's article numbers are the docs' positions: not when some were dropped.
    let files = (words.is_none() && !twice).then_some(files);
    if words.is_none() {
        built.clear();
    }
    let (from_library, stale) = (from_library.into_inner(), stale.into_inner());
    let first_start = index.is_empty();
    let search = SearchDocs {
        docs,
        outlined,
        fresh,
        from_library,
        built,
        stale,
        files,
        words: None,
        stored: None,
        first_start,
    };
    (loaded, search)
}

/// One article of a search from `list`'s rows ([`search_lines_walked`]): its line, and where
/// its body and insight hits come from.
#[derive(Debug)]
pub struct SearchLine<'a> {
    pub line: Line<'a>,
    /// Its number in the word index's build, or [`NOT_INDEXED`] when its file was read.
    pub built: u32,
    /// When its file was read: its place in [`SearchLines::read`].
    pub read: u32,
    /// Else: its folded body's length in the build (the ranker's near-the-start bonus).
    pub body_len: u32,
}

impl crate::model::Named for SearchLine<'_> {
    fn id(&self) -> &str {
        &self.line.id
    }

    fn key(&self) -> &str {
        &self.line.key
    }

    fn set_id(&mut self, id: String) {
        self.line.set_id(id);
    }
}

/// What [`search_lines_walked`] gave: the lines in load order (ids not yet de-duplicated),
/// the articles read with their text and their docs, and what [`SearchDocs`] counts.
#[derive(Default)]
pub struct SearchLines<'a> {
    pub lines: Vec<SearchLine<'a>>,
    pub warnings: Vec<Warning>,
    /// The articles of the files read (the build did not hold them as they are), with text.
    pub read: Vec<(Article, Doc)>,
    /// Search-text rows of the files read, to write after the output.
    pub fresh: Vec<FreshRow>,
    /// Files whose lines came from the list index and hits from the build; files read.
    pub from_library: usize,
    pub stale: usize,
}

/// Per chunk of files: where each line's hits come from.
struct Kept<'w> {
    words: &'w WordsBuild,
    /// The build's file after the last one found.
    near: usize,
    /// Per line: (build number, folded body length) or ([`NOT_INDEXED`], place in `read`).
    from: Vec<(u32, u32)>,
    read: Vec<(Article, Doc)>,
    fresh: Vec<FreshRow>,
    from_library: usize,
    stale: usize,
    /// Search-text rows kept by every chunk so far (at most [`MAX_FRESH_ROWS`]).
    stored: &'w AtomicUsize,
}

impl LineFiles for Kept<'_> {
    fn row(&mut self, key: &str, stamp: Stamp, n: usize) -> bool {
        let Some(built) = self.words.file(key, stamp, &mut self.near).filter(|b| b.articles as usize == n)
        else {
            return false;
        };
        let words = self.words;
        self.from.extend((built.first..).take(n).map(|d| (d, words.body_len(d) as u32)));
        self.from_library += 1;
        true
    }

    fn read(&mut self, key: &str, stamp: Option<Stamp>, articles: Option<Vec<Article>>) {
        self.stale += 1;
        let Some(articles) = articles else { return };
        let docs: Vec<Doc> = articles.iter().map(Doc::new).collect();
        if let Some(stamp) = stamp.filter(|s| !s.is_racy()) {
            if self.stored.fetch_add(1, Ordering::Relaxed) < MAX_FRESH_ROWS {
                let texts = docs.iter().map(|d| (d.body.text.as_str(), d.insight.text.as_str()));
                self.fresh.push((key.to_string(), stamp, search_text::encode(texts)));
            }
        }
        for pair in articles.into_iter().zip(docs) {
            self.from.push((NOT_INDEXED, self.read.len() as u32));
            self.read.push(pair);
        }
    }
}

/// Each line's doc for the ranker: the read article's, or its outline made in the scratch doc.
impl crate::search::Docs for SearchLines<'_> {
    fn doc<'s>(&'s self, i: usize, scratch: &'s mut Doc) -> &'s Doc {
        let l = &self.lines[i];
        if l.built == NOT_INDEXED {
            if let Some((_, doc)) = self.read.get(l.read as usize) {
                return doc;
            }
        }
        scratch.refill_outline(&l.line.title, l.line.source.as_deref(), l.body_len as usize);
        scratch
    }
}

/// [`load_search_walked`] with a build, from `list`'s rows ([`super::list_walked`]): a file
/// whose list row matches one `stat` and that the build holds as it is gives borrowed lines
/// and no article or doc (its hits come from the build's postings, its title and source from
/// the line); any other file is read and parsed, and its articles kept with their docs. The
/// lines are those of `list`, in the same order.
pub fn search_lines_walked<'a>(
    walk: &Walk,
    opts: &LoadOptions,
    index: &'a ListIndex,
    words: &WordsBuild,
) -> SearchLines<'a> {
    let stored = AtomicUsize::new(0);
    let make = || Kept {
        words,
        near: 0,
        from: Vec::new(),
        read: Vec::new(),
        fresh: Vec::new(),
        from_library: 0,
        stale: 0,
        stored: &stored,
    };
    let (listed, chunks) = lines_walked(walk, opts, index, make);
    let mut out = SearchLines { warnings: listed.warnings, ..Default::default() };
    out.lines.reserve(listed.lines.len());
    let mut lines = listed.lines.into_iter();
    for chunk in chunks {
        let base = out.read.len() as u32;
        out.lines.extend(lines.by_ref().zip(chunk.from).map(|(line, (built, read))| SearchLine {
            line,
            built,
            read: if built == NOT_INDEXED { base + read } else { u32::MAX },
            body_len: if built == NOT_INDEXED { 0 } else { read },
        }));
        out.read.extend(chunk.read);
        out.fresh.extend(chunk.fresh);
        out.from_library += chunk.from_library;
        out.stale += chunk.stale;
    }
    out
}
