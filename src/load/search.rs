//! Loading for `triptych search` with a library: a file whose list row and search-text row both
//! match one `stat` gives outline articles (`Summary::outline`) and their stored folded texts,
//! without being opened; any other file is read and parsed as usual, and its rows are handed
//! on to be written after the output. Either way every article comes with its search `Doc`,
//! built on the loading cores.

use std::sync::atomic::{AtomicUsize, Ordering};

use super::{accumulate, indexed, read_and_parse, sniff_file, FolderStat, Job, LoadOptions, Loaded, Walk};
use crate::library::listing::ListIndex;
use crate::library::search_text::{self, FreshRow, SearchTexts};
use crate::parallel;
use crate::search::index::Doc;
use crate::Format;

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
}

/// At most this many files' search texts are written per run: storing them costs about as
/// much again as parsing the file (compressing, and SQLite writing it to the WAL and then the
/// database), so a first start on 100,000 files that stored everything was 1.4x slower than
/// without them (README, Benchmarks). Capped, a first start pays a few percent, and a large
/// folder's texts fill over a few runs; unstored files are simply parsed, as before.
pub const MAX_FRESH_ROWS: usize = 10_000;

/// One file's part of the load: its docs, whether they are outlines, its row to write.
struct Part {
    docs: Vec<Doc>,
    outlined: bool,
    fresh: Option<FreshRow>,
}

/// Loads the walked files for a search (see the module comment).
pub fn load_search_walked(
    walk: &Walk,
    opts: &LoadOptions,
    index: &ListIndex,
    texts: &SearchTexts,
) -> (Loaded, SearchDocs) {
    let jobs = &walk.jobs;
    opts.found(jobs);
    let from_library = AtomicUsize::new(0);
    let stored = AtomicUsize::new(0);
    // A first start has nothing to look up: no `stat` before each read.
    let lookup = !index.is_empty() && !texts.is_empty();
    let results = parallel::map_chunks(jobs, super::PARALLEL_MIN_FILES, |chunk| {
        let mut folder = FolderStat::default();
        // The index row after the last one found.
        let mut near = 0;
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
                    if let Some(hit) = indexed(path, key, opts, index, &mut folder, &mut near) {
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
                                return Ok(Some((hit, Part { docs, outlined: true, fresh: None })));
                            }
                        }
                    }
                }
                let outcome = match format {
                    Some(format) => read_and_parse(path, format, key, opts),
                    None if sniff_file(path) => read_and_parse(path, Format::Feed, key, opts),
                    None => return Ok(None),
                };
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
                Ok(Some((outcome, Part { docs, outlined: false, fresh })))
            })
            .collect::<Vec<_>>()
    });
    let mut keys = Vec::new();
    let mut docs = Vec::new();
    let mut outlined = Vec::new();
    let mut fresh = Vec::new();
    let outcomes = results
        .into_iter()
        .map(|r| {
            r.map(|o| {
                o.map(|(outcome, part)| {
                    if let Ok(parsed) = &outcome.result {
                        keys.extend(parsed.articles.iter().map(|a| a.key.clone()));
                        outlined.extend(std::iter::repeat_n(part.outlined, parsed.articles.len()));
                    }
                    docs.extend(part.docs);
                    fresh.extend(part.fresh);
                    outcome
                })
            })
        })
        .collect();
    let loaded = accumulate(outcomes);
    if loaded.corpus.len() != docs.len() {
        // An article loaded twice (a file named twice) is kept once, the first time: the
        // same for its doc.
        let mut seen = std::collections::HashSet::new();
        let keep: Vec<bool> = keys.iter().map(|k| k.is_empty() || seen.insert(k.as_str())).collect();
        let mut kept = keep.iter();
        docs.retain(|_| kept.next().copied().unwrap_or(true));
        let mut kept = keep.iter();
        outlined.retain(|_| kept.next().copied().unwrap_or(true));
    }
    (loaded, SearchDocs { docs, outlined, fresh, from_library: from_library.into_inner() })
}
