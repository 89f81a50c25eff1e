//! What one keystroke leaves for the next. The reader searches on every character typed, so
//! most terms of a query were terms of the previous one (`th phone th` → `th phone the`): their
//! hits from the word index (postings decoded over the whole corpus) and their title and source
//! scores are kept here, keyed by what they depend on, and the next search reuses them. Only
//! the terms of the last query are kept; a term's answers never change while the corpus (and
//! so the [`Searcher`](super::Searcher) the worker holds) stays the same.

use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::Arc;

use super::query::{Field, Term};
use super::words::{ScanFrom, TermHits};

/// The cache one search worker keeps between keystrokes (see [`super::Searcher::search_typing`]).
#[derive(Default)]
pub struct Typing {
    /// The last query's terms, a handful: looked up one by one.
    entries: Vec<(Key, Arc<Entry>)>,
}

/// What a term's answers depend on: its folded text, the field it searches (which fields its
/// hits cover) and whether it is a phrase (phrases are not matched fuzzily). Not whether it is
/// excluded: an excluded term is matched as any other, then the article is dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Key {
    text: String,
    field: Field,
    phrase: bool,
}

impl Key {
    fn of(term: &Term) -> Self {
        Key { text: term.text.clone(), field: term.field, phrase: term.phrase }
    }
}

/// One term's answers over the corpus.
pub struct Entry {
    /// Its body and insight hits from the word index, when it is a word.
    pub hits: Option<TermHits>,
    /// Where its scans may start, when it is not a word but holds some.
    pub from: Option<ScanFrom>,
    /// Its title and source scores, filled in as articles are scored.
    pub titles: Scores,
}

impl Typing {
    /// The entries of `terms`, in order: kept ones reused, missing ones made by `make`. Entries
    /// of terms no longer in the query are dropped.
    pub fn entries(&mut self, terms: &[&Term], mut make: impl FnMut(&Term) -> Entry) -> Vec<Arc<Entry>> {
        let mut kept: Vec<(Key, Arc<Entry>)> = Vec::with_capacity(terms.len());
        let out = terms
            .iter()
            .map(|&term| {
                let key = Key::of(term);
                if let Some((_, e)) = kept.iter().find(|(k, _)| *k == key) {
                    return Arc::clone(e);
                }
                let entry = match self.entries.iter().position(|(k, _)| *k == key) {
                    Some(at) => self.entries.swap_remove(at).1,
                    None => Arc::new(make(term)),
                };
                kept.push((key, Arc::clone(&entry)));
                entry
            })
            .collect();
        self.entries = kept;
        out
    }

    /// Terms kept (for tests: what the next keystroke reuses).
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// Not scored yet.
const UNKNOWN: i32 = i32::MIN;

/// A term's title and source scores per article, each computed the first time an article is
/// scored and read back after. Atomics because both cores score (different articles) at once;
/// an article is scored by one core, and any core would compute the same score.
pub struct Scores {
    title: Vec<AtomicI32>,
    source: Vec<AtomicI32>,
}

impl Scores {
    pub fn new(docs: usize) -> Self {
        let unknown = || (0..docs).map(|_| AtomicI32::new(UNKNOWN)).collect();
        Scores { title: unknown(), source: unknown() }
    }

    /// Article `doc`'s title (or `source`) score, from `score` the first time.
    pub fn get(&self, source: bool, doc: usize, score: impl FnOnce() -> i64) -> i64 {
        let Some(slot) = (if source { &self.source } else { &self.title }).get(doc) else {
            return score();
        };
        match slot.load(Ordering::Relaxed) {
            UNKNOWN => {
                let s = score();
                if let Ok(small) = i32::try_from(s) {
                    if small != UNKNOWN {
                        slot.store(small, Ordering::Relaxed);
                    }
                }
                s
            }
            known => i64::from(known),
        }
    }
}
