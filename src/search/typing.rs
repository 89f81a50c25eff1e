//! What one keystroke leaves for the next. The reader searches on every character typed, so
//! most terms of a query were terms of the previous one (`th phone th` → `th phone the`): their
//! hits from the word index (postings decoded over the whole corpus) and their title and source
//! scores are kept here, keyed by what they depend on, and the next search reuses them. Only
//! the terms of the last query are kept; a term's answers never change while the corpus (and
//! so the [`Searcher`](super::Searcher) the worker holds) stays the same.
//!
//! A phrase is typed too (`"interest rat` → `"interest rate`): where a scanned term was
//! scanned and not found, any term containing its text cannot be found either, so the new
//! term's scan skips those articles ([`narrowed`]).

use std::sync::atomic::{AtomicI32, AtomicU8, Ordering};
use std::sync::Arc;

use super::query::{Field, Term};
use super::words::{ScanFrom, ScanStarts, TermHits, CANNOT_OCCUR};

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
    /// Where its body and insight scans found it or not, filled in as articles are scored.
    pub seen: Seen,
}

impl Entry {
    /// The entry of a term, with nothing scored yet.
    pub fn new(hits: Option<TermHits>, from: Option<ScanFrom>, docs: usize) -> Self {
        Entry { hits, from, titles: Scores::new(docs), seen: Seen::new(docs) }
    }
}

impl Typing {
    /// The entries of `terms`, in order: kept ones reused, missing ones made by `make`, which
    /// is also given the entry of a shorter term within this one, if any (`within`).
    /// Entries of terms no longer in the query are dropped.
    pub fn entries(
        &mut self,
        terms: &[&Term],
        mut make: impl FnMut(&Term, Option<&Entry>) -> Entry,
    ) -> Vec<Arc<Entry>> {
        let mut kept: Vec<(Key, Arc<Entry>)> = Vec::with_capacity(terms.len());
        let mut out = Vec::with_capacity(terms.len());
        for &term in terms {
            let key = Key::of(term);
            if let Some((_, e)) = kept.iter().find(|(k, _)| *k == key) {
                out.push(Arc::clone(e));
                continue;
            }
            let entry = match self.entries.iter().position(|(k, _)| *k == key) {
                Some(at) => self.entries.swap_remove(at).1,
                None => Arc::new(make(term, within(&key, kept.iter().chain(&self.entries)))),
            };
            kept.push((key, Arc::clone(&entry)));
            out.push(entry);
        }
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

/// Of the entries kept (this query's and the previous one's), the one whose term `key`'s
/// text contains, searching the same field, scanned rather than answered by the word index:
/// wherever `key`'s term occurs, that one does (at the same place plus an offset), so where
/// its scan did not find it `key`'s term is not there either. The longest such text, which
/// rules out the most. Phrase flags must match too: only so is the term the same kind.
fn within<'e>(key: &Key, entries: impl Iterator<Item = &'e (Key, Arc<Entry>)>) -> Option<&'e Entry> {
    entries
        .filter(|(k, e)| {
            k.field == key.field
                && k.phrase == key.phrase
                && k.text.len() < key.text.len()
                && key.text.contains(k.text.as_str())
                && e.hits.is_none()
        })
        .max_by_key(|(k, _)| k.text.len())
        .map(|(_, e)| e.as_ref())
}

/// `from`, the scan starts of `term` in each field it searches, with the articles where
/// `shorter` (the entry of a term whose text `term`'s contains: see [`Typing::entries`]) was
/// scanned and not found marked [`CANNOT_OCCUR`]: their scan is skipped. Same answers, fewer
/// scans: a phrase typed one key at a time is scanned only where its shorter self was found.
pub fn narrowed(from: Option<ScanFrom>, term: &Term, shorter: &Entry, docs: usize) -> Option<ScanFrom> {
    let on = |f: Field| term.field == Field::All || term.field == f;
    let mut from = from.unwrap_or(ScanFrom { body: None, insight: None });
    for (insight, starts) in [(false, &mut from.body), (true, &mut from.insight)] {
        if !on(if insight { Field::Insight } else { Field::Body }) {
            continue;
        }
        let starts: &mut ScanStarts = starts.get_or_insert_with(|| vec![0; docs]);
        for (doc, s) in starts.iter_mut().enumerate() {
            if shorter.seen.absent(doc, insight) {
                *s = CANNOT_OCCUR;
            }
        }
    }
    Some(from)
}

/// Per article, whether a term's body and insight scans ran and found it: two bits a field.
/// A scan that ran found it if it is there (it stops only after a hit, at the hit cap), so
/// "ran, not found" is certain, whichever articles the search scored. Atomics as in [`Scores`].
pub struct Seen(Vec<AtomicU8>);

const SCANNED: u8 = 1;
const FOUND: u8 = 2;

impl Seen {
    pub fn new(docs: usize) -> Self {
        Seen((0..docs).map(|_| AtomicU8::new(0)).collect())
    }

    /// Article `doc`'s body (or `insight`) was scanned for the term, and it was `found` or not.
    pub fn record(&self, doc: usize, insight: bool, found: bool) {
        if let Some(slot) = self.0.get(doc) {
            let bits = SCANNED | if found { FOUND } else { 0 };
            slot.fetch_or(bits << (2 * u8::from(insight)), Ordering::Relaxed);
        }
    }

    /// Whether article `doc`'s body (or `insight`) was scanned for the term and it is not there.
    pub fn absent(&self, doc: usize, insight: bool) -> bool {
        self.0.get(doc).is_some_and(|slot| {
            (slot.load(Ordering::Relaxed) >> (2 * u8::from(insight))) & (SCANNED | FOUND) == SCANNED
        })
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::{Query, Searcher};
    use crate::{Article, Corpus};

    /// Typing `"rate r` then `"rate ra`: the second is scanned only where the first was found.
    /// Article 1 holds both words (so the word index cannot rule it out) but not the phrase.
    #[test]
    fn a_phrase_typed_on_skips_articles_its_shorter_self_was_not_in() {
        let body = |b: &str| Article { title: "t".into(), body: vec![b.into()], ..Default::default() };
        let corpus = Corpus::new(vec![body("a rate rabbit"), body("rate or rabbit"), body("none")]);
        let searcher = Searcher::shared(Arc::new(corpus));
        let words = searcher.index().words.as_ref().expect("a word index");
        let mut typing = Typing::default();
        searcher.search_typing(&Query::parse("\"rate r"), None, &mut typing);
        let next = Query::parse("\"rate ra");
        let fresh = words.scan_from(&next.terms[0]).expect("scan starts");
        assert_ne!(fresh.body.as_ref().expect("body starts")[1], CANNOT_OCCUR);
        let results = searcher.search_typing(&next, None, &mut typing);
        assert_eq!(results, searcher.search(&next, None));
        assert_eq!(results.iter().map(|r| r.index).collect::<Vec<_>>(), [0]);
        let entry = &typing.entries[0].1;
        let starts = entry.from.as_ref().and_then(|f| f.body.as_ref()).expect("body starts");
        assert_ne!(starts[0], CANNOT_OCCUR);
        assert_eq!(starts[1], CANNOT_OCCUR);
        assert!(entry.seen.absent(1, false) && !entry.seen.absent(0, false));
    }

    #[test]
    fn seen_tells_fields_apart() {
        let seen = Seen::new(2);
        assert!(!seen.absent(0, false));
        seen.record(0, false, false);
        seen.record(0, true, true);
        assert!(seen.absent(0, false) && !seen.absent(0, true));
        seen.record(5, false, false);
        assert!(!seen.absent(5, false));
    }
}
