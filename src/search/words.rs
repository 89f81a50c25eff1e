//! The word index: the sorted vocabulary of folded word tokens (maximal runs of alphanumeric
//! characters) in bodies and insights, and per word and field the articles holding it, how
//! often (capped) and where it first occurs.
//!
//! A term made only of word characters occurs in a text exactly where it occurs inside one of
//! the text's tokens (it cannot span a non-word character). So scanning the vocabulary — a few
//! MB — for the term and combining the postings of the words that contain it gives, per
//! article, the same hit count (up to the ranking's cap) and the same first hit as scanning the
//! whole text: the ranker's inputs, without reading the bodies. Terms with other characters
//! (phrases, `lock-in`) are scanned as before.

use memchr::memmem::Finder;
use rustc_hash::FxHashMap;

use super::index::{fold_joined, Doc};
use super::query::{Field, Term};
use crate::Article;

/// Hits past this many do not change the score (the ranker's cap), so counts stop here.
pub const COUNT_CAP: u8 = 10;

/// Below this many articles the index is built on one thread.
const PARALLEL_MIN_DOCS: usize = 1_000;

/// Postings of at least this many bytes are read on two threads (body and insight).
const PARALLEL_MIN_BYTES: usize = 256 * 1024;

/// What the word index tokenises on. Case folding has been applied already.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// True when `term` can be answered from the index alone.
pub fn is_word(term: &str) -> bool {
    !term.is_empty() && term.chars().all(is_word_char)
}

/// True when every term of `query` can be answered without the body and insight texts: it is
/// a word (the index gives its hits) or looks only at titles and sources.
pub fn answers(query: &super::Query) -> bool {
    query.terms.iter().all(|t| matches!(t.field, Field::Title | Field::Source) || is_word(&t.text))
}

/// The two indexed fields, in posting-list order.
const BODY: usize = 0;
const INSIGHT: usize = 1;

#[derive(Debug, Clone, Default)]
pub struct WordIndex {
    /// Every word, sorted, each followed by `\n` (never part of a word): scanned as one string.
    vocab: String,
    /// Where each word starts in `vocab`, plus the end.
    starts: Vec<u32>,
    /// Word `w`'s postings in field `f` are `postings[offsets[2w + f]..offsets[2w + f + 1]]`:
    /// per article in corpus order, the gap from the previous article (varint), the number of
    /// occurrences capped at [`COUNT_CAP`] (one byte) and the first occurrence's folded byte
    /// offset (varint).
    postings: Vec<u8>,
    offsets: Vec<usize>,
    docs: usize,
}

/// Per article, for one term in one field: hits (capped) and the first hit, as the scan would
/// find them. Dense over the corpus; `first == u32::MAX` where there is none.
#[derive(Debug, Clone)]
pub struct FieldHits {
    pub hits: Vec<u8>,
    pub first: Vec<u32>,
}

impl FieldHits {
    fn new(docs: usize) -> Self {
        FieldHits { hits: vec![0; docs], first: vec![u32::MAX; docs] }
    }

    /// (hits, first hit) of article `i`, as `rank::count` returns them.
    pub fn get(&self, i: usize) -> (usize, Option<usize>) {
        let first = self.first[i];
        (usize::from(self.hits[i]), (first != u32::MAX).then_some(first as usize))
    }
}

/// A term's hits in the fields it applies to; `None` for a field it does not search.
#[derive(Debug, Clone)]
pub struct TermHits {
    pub body: Option<FieldHits>,
    pub insight: Option<FieldHits>,
    /// Bytes of postings read: how many articles the term is likely to match, for ordering.
    pub postings: usize,
}

/// Marks an article of [`TermHits::remapped`] that the index does not hold.
pub const NOT_INDEXED: u32 = u32::MAX;

impl TermHits {
    /// These hits for another list of articles: article `i` takes the hits of the index's
    /// article `from[i]`, or when that is [`NOT_INDEXED`], `scan(i, is_insight)` (a scan of its
    /// text, as the ranker would make).
    pub fn remapped(&self, from: &[u32], scan: impl Fn(usize, bool) -> (usize, Option<usize>)) -> TermHits {
        let field = |hits: &Option<FieldHits>, insight: bool| {
            hits.as_ref().map(|h| {
                let mut out = FieldHits::new(from.len());
                for (i, &d) in from.iter().enumerate() {
                    let (n, first) = if d == NOT_INDEXED { scan(i, insight) } else { h.get(d as usize) };
                    out.hits[i] = n.min(usize::from(COUNT_CAP)) as u8;
                    out.first[i] = first.map_or(u32::MAX, |f| f as u32);
                }
                out
            })
        };
        TermHits {
            body: field(&self.body, false),
            insight: field(&self.insight, true),
            postings: self.postings,
        }
    }
}

/// Per article, where a scan for a term that is not a word (a phrase, `lock-in`) may start in
/// one field: no occurrence of the term begins before it. [`CANNOT_OCCUR`] where one of the
/// term's words is missing from the field, so the term cannot be there either.
pub type ScanStarts = Vec<u32>;

/// Marks an article of [`ScanStarts`] whose field cannot hold the term.
pub const CANNOT_OCCUR: u32 = u32::MAX;

/// [`ScanStarts`] for the fields a term searches; `None` for a field it does not.
#[derive(Debug, Clone)]
pub struct ScanFrom {
    pub body: Option<ScanStarts>,
    pub insight: Option<ScanStarts>,
}

/// Hits of one part of a term's words plus those of the other part.
fn add(a: Option<FieldHits>, b: Option<FieldHits>) -> Option<FieldHits> {
    let (mut a, b) = (a?, b?);
    for (x, y) in a.hits.iter_mut().zip(&b.hits) {
        *x = x.saturating_add(*y).min(COUNT_CAP);
    }
    for (x, y) in a.first.iter_mut().zip(&b.first) {
        *x = (*x).min(*y);
    }
    Some(a)
}

/// One word's postings in one field while building: the article being counted is kept open
/// until the next article (or the end) closes it.
#[derive(Default)]
struct Building {
    bytes: Vec<u8>,
    /// The chunk's first article: the first gap is counted from it.
    base: u32,
    /// Last article written, the base for the next gap.
    last: u32,
    open: Option<(u32, u8, u32)>,
}

impl Building {
    fn add(&mut self, doc: u32, at: u32) {
        match &mut self.open {
            Some((d, count, _)) if *d == doc => *count = (*count + 1).min(COUNT_CAP),
            _ => {
                self.close();
                self.open = Some((doc, 1, at));
            }
        }
    }

    fn close(&mut self) {
        if let Some((doc, count, first)) = self.open.take() {
            put_varint(&mut self.bytes, u64::from(doc - self.last));
            self.bytes.push(count);
            put_varint(&mut self.bytes, u64::from(first));
            self.last = doc;
        }
    }
}

/// Where the word index reads each article's folded body and insight: the docs' folded text,
/// or the articles' own text folded as it is read ([`WordIndex::of_articles`]).
pub trait Texts: Sync {
    fn count(&self) -> usize;
    /// Article `i`'s folded body (or with `insight`, its insight), maybe folded into `scratch`.
    fn text<'s>(&'s self, i: usize, insight: bool, scratch: &'s mut String) -> &'s str;
}

impl Texts for [Doc] {
    fn count(&self) -> usize {
        self.len()
    }

    fn text<'s>(&'s self, i: usize, insight: bool, _: &'s mut String) -> &'s str {
        if insight {
            &self[i].insight.text
        } else {
            &self[i].body.text
        }
    }
}

impl Texts for [Article] {
    fn count(&self) -> usize {
        self.len()
    }

    fn text<'s>(&'s self, i: usize, insight: bool, scratch: &'s mut String) -> &'s str {
        let a = &self[i];
        fold_joined(scratch, if insight { &a.insight } else { &a.body });
        scratch
    }
}

/// One chunk of articles indexed on its own thread.
struct Chunk {
    /// Word → its postings in body and insight.
    words: FxHashMap<Box<str>, [Building; 2]>,
}

fn index_chunk<T: Texts + ?Sized>(texts: &T, range: std::ops::Range<usize>) -> Chunk {
    let base = range.start;
    let mut words: FxHashMap<Box<str>, [Building; 2]> = FxHashMap::default();
    let mut scratch = String::new();
    for i in range {
        let id = i as u32;
        for field in [BODY, INSIGHT] {
            for (at, word) in tokens(texts.text(i, field == INSIGHT, &mut scratch)) {
                // Looked up by `&str` first: a word is copied once per chunk, not per occurrence.
                let entry = match words.get_mut(word) {
                    Some(entry) => entry,
                    None => {
                        let b = || Building { base: base as u32, last: base as u32, ..Default::default() };
                        words.entry(word.into()).or_insert_with(|| [b(), b()])
                    }
                };
                entry[field].add(id, at as u32);
            }
        }
    }
    for entry in words.values_mut() {
        entry[BODY].close();
        entry[INSIGHT].close();
    }
    Chunk { words }
}

/// Maximal runs of word characters in `text`, with their byte offsets.
pub fn tokens(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = text.as_bytes();
    let ascii = text.is_ascii();
    let mut pos = 0;
    std::iter::from_fn(move || {
        if ascii {
            while pos < bytes.len() && !bytes[pos].is_ascii_alphanumeric() {
                pos += 1;
            }
            let start = pos;
            while pos < bytes.len() && bytes[pos].is_ascii_alphanumeric() {
                pos += 1;
            }
            return (start < pos).then(|| (start, &text[start..pos]));
        }
        let rest = &text[pos..];
        let skip = rest.find(is_word_char)?;
        let start = pos + skip;
        let len = text[start..].find(|c: char| !is_word_char(c)).unwrap_or(text.len() - start);
        pos = start + len;
        Some((start, &text[start..pos]))
    })
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn get_varint(bytes: &[u8], pos: &mut usize) -> u64 {
    let mut v = 0u64;
    let mut shift = 0;
    loop {
        let b = bytes[*pos];
        *pos += 1;
        v |= u64::from(b & 0x7f) << shift;
        if b < 0x80 {
            return v;
        }
        shift += 7;
    }
}

/// [`get_varint`] that stops at the end of `bytes` or at a value too long for 64 bits.
fn try_varint(bytes: &[u8], pos: &mut usize) -> Option<u64> {
    let mut v = 0u64;
    for shift in (0..64).step_by(7) {
        let b = *bytes.get(*pos)?;
        *pos += 1;
        v |= u64::from(b & 0x7f) << shift;
        if b < 0x80 {
            return Some(v);
        }
    }
    None
}

/// Non-overlapping occurrences of the term in `word` (as `memmem::find_iter` counts them) and
/// the first one's offset.
fn occurrences(finder: &Finder, word: &str) -> (usize, usize) {
    let mut it = finder.find_iter(word.as_bytes());
    let first = it.next().unwrap_or(0);
    (1 + it.count(), first)
}

impl WordIndex {
    pub fn new(docs: &[Doc]) -> Self {
        Self::build(docs)
    }

    /// The index of `articles`' bodies and insights, each folded as it is read: the same index
    /// as [`WordIndex::new`] of their docs, without a folded copy of every text at once.
    pub fn of_articles(articles: &[Article]) -> Self {
        Self::build(articles)
    }

    fn build<T: Texts + ?Sized>(texts: &T) -> Self {
        let docs = texts.count();
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let size = if docs < PARALLEL_MIN_DOCS { docs.max(1) } else { docs.div_ceil(threads) };
        let chunks: Vec<Chunk> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..docs)
                .step_by(size)
                .map(|start| s.spawn(move || index_chunk(texts, start..(start + size).min(docs))))
                .collect();
            handles.into_iter().map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p))).collect()
        });
        let mut vocab: Vec<&str> = chunks.iter().flat_map(|c| c.words.keys().map(|w| &**w)).collect();
        vocab.sort_unstable();
        vocab.dedup();
        let mut index = WordIndex {
            vocab: String::with_capacity(vocab.iter().map(|w| w.len() + 1).sum()),
            starts: Vec::with_capacity(vocab.len() + 1),
            postings: Vec::with_capacity(
                chunks
                    .iter()
                    .flat_map(|c| c.words.values())
                    .map(|b| b[0].bytes.len() + b[1].bytes.len())
                    .sum(),
            ),
            offsets: Vec::with_capacity(vocab.len() * 2 + 1),
            docs,
        };
        index.offsets.push(0);
        for word in vocab {
            index.starts.push(index.vocab.len() as u32);
            index.vocab.push_str(word);
            index.vocab.push('\n');
            for field in [BODY, INSIGHT] {
                // Chunks hold consecutive articles: their lists concatenate in order, once
                // each chunk's first gap is re-based on the previous chunk's last article.
                let mut last = 0u64;
                for chunk in &chunks {
                    let Some(b) = chunk.words.get(word).map(|b| &b[field]) else { continue };
                    if b.bytes.is_empty() {
                        continue;
                    }
                    let mut pos = 0;
                    let first = get_varint(&b.bytes, &mut pos) + u64::from(b.base);
                    put_varint(&mut index.postings, first - last);
                    index.postings.extend_from_slice(&b.bytes[pos..]);
                    last = u64::from(b.last);
                }
                index.offsets.push(index.postings.len());
            }
        }
        index.starts.push(index.vocab.len() as u32);
        index
    }

    /// Words in the vocabulary.
    pub fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn heap_bytes(&self) -> usize {
        self.vocab.capacity()
            + self.starts.capacity() * 4
            + self.postings.capacity()
            + self.offsets.capacity() * 8
    }

    /// Word `w` of the vocabulary (sorted).
    pub fn word(&self, w: usize) -> &str {
        &self.vocab[self.starts[w] as usize..self.starts[w + 1] as usize - 1]
    }

    /// Articles the index was built over.
    pub fn docs(&self) -> usize {
        self.docs
    }

    /// The vocabulary as stored: every word followed by `\n`.
    pub fn vocab(&self) -> &str {
        &self.vocab
    }

    /// Word `w`'s encoded postings in the body and in the insight (for storing).
    pub fn postings_of(&self, w: usize) -> (&[u8], &[u8]) {
        let o = &self.offsets[2 * w..2 * w + 3];
        (&self.postings[o[0]..o[1]], &self.postings[o[1]..o[2]])
    }

    /// An index of `docs` articles with the stored vocabulary `vocab` (words in order, each
    /// followed by `\n`) and, of its words, only the postings `fetched` (word, body, insight;
    /// in word order): the others read as absent. For a search from the library, which
    /// fetches the postings of the words its terms are in ([`WordIndex::words_for`]). `None`
    /// when the vocabulary is not sorted words each followed by `\n` (a damaged row).
    pub fn from_parts(vocab: String, docs: usize, fetched: &[(usize, Vec<u8>, Vec<u8>)]) -> Option<Self> {
        let mut starts = Vec::new();
        let mut at = 0;
        for word in vocab.split_terminator('\n') {
            if word.is_empty() || !is_word(word) {
                return None;
            }
            starts.push(at as u32);
            at += word.len() + 1;
        }
        if at != vocab.len() {
            return None;
        }
        starts.push(at as u32);
        let words = starts.len() - 1;
        let mut postings = Vec::with_capacity(fetched.iter().map(|(_, b, i)| b.len() + i.len()).sum());
        let mut offsets = Vec::with_capacity(2 * words + 1);
        offsets.push(0);
        let mut next = fetched.iter().peekable();
        for w in 0..words {
            if let Some((_, body, insight)) = next.next_if(|(f, ..)| *f == w) {
                postings.extend_from_slice(body);
                offsets.push(postings.len());
                postings.extend_from_slice(insight);
            } else {
                offsets.push(postings.len());
            }
            offsets.push(postings.len());
        }
        if next.next().is_some() {
            return None;
        }
        let index = WordIndex { vocab, starts, postings, offsets, docs };
        // Every posting must name an article of the index: a damaged row is a miss, not a panic.
        (0..words).all(|w| index.valid(w)).then_some(index)
    }

    /// True when word `w`'s postings decode and stay within the articles.
    fn valid(&self, w: usize) -> bool {
        (0..2).all(|field| {
            let list = &self.postings[self.offsets[2 * w + field]..self.offsets[2 * w + field + 1]];
            let (mut pos, mut doc) = (0, 0u64);
            while pos < list.len() {
                let Some(gap) = try_varint(list, &mut pos) else { return false };
                doc += gap;
                if doc >= self.docs as u64 || pos >= list.len() {
                    return false;
                }
                pos += 1;
                if try_varint(list, &mut pos).is_none_or(|first| first > u64::from(u32::MAX)) {
                    return false;
                }
            }
            true
        })
    }

    /// The words holding `term`, whose postings answer it (none when it is not a word).
    pub fn words_for(&self, term: &Term) -> Vec<usize> {
        if !is_word(&term.text) {
            return Vec::new();
        }
        let finder = Finder::new(term.text.as_bytes());
        self.containing(&finder).collect()
    }

    /// Vocabulary words containing `term`, each once, in vocabulary order.
    fn containing<'s>(&'s self, finder: &'s Finder) -> impl Iterator<Item = usize> + 's {
        let mut last = usize::MAX;
        finder.find_iter(self.vocab.as_bytes()).filter_map(move |at| {
            let w = self.starts.partition_point(|&s| s as usize <= at) - 1;
            (w != last).then(|| {
                last = w;
                w
            })
        })
    }

    /// The term's hits in body and insight for every article, or `None` when the term has
    /// non-word characters (then the caller scans the text).
    pub fn term_hits(&self, term: &Term) -> Option<TermHits> {
        if !is_word(&term.text) {
            return None;
        }
        let on = |f: Field| term.field == Field::All || term.field == f;
        let (want_body, want_insight) = (on(Field::Body), on(Field::Insight));
        if !want_body && !want_insight {
            return Some(TermHits { body: None, insight: None, postings: 0 });
        }
        let finder = Finder::new(term.text.as_bytes());
        let words: Vec<(usize, usize, usize)> = self
            .containing(&finder)
            .map(|w| {
                let (occ, offset) = occurrences(&finder, self.word(w));
                (w, occ, offset)
            })
            .collect();
        let size = |w: usize| self.offsets[2 * w + 2] - self.offsets[2 * w];
        let bytes: usize = words.iter().map(|&(w, ..)| size(w)).sum();
        // Each word's postings added into hits for the wanted fields.
        let fill = |words: &[(usize, usize, usize)], field: usize| {
            let mut out = FieldHits::new(self.docs);
            for &(w, occ, offset) in words {
                self.accumulate(w, field, occ, offset, &mut out);
            }
            out
        };
        let fields = |words: &[(usize, usize, usize)]| {
            (want_body.then(|| fill(words, BODY)), want_insight.then(|| fill(words, INSIGHT)))
        };
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let (body, insight) = if bytes < PARALLEL_MIN_BYTES || threads < 2 {
            fields(&words)
        } else if words.len() == 1 {
            // One word: the insight on a second core while this one does the body.
            std::thread::scope(|s| {
                let insight = s.spawn(|| want_insight.then(|| fill(&words, INSIGHT)));
                let body = want_body.then(|| fill(&words, BODY));
                (body, insight.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            })
        } else {
            // Several words (`th` is in dozens): split them where half the postings are, each
            // core adds up its half, then the halves are added together.
            let mut seen = 0;
            let half = words.iter().take_while(|&&(w, ..)| {
                seen += size(w);
                seen * 2 < bytes
            });
            let (a, b) = words.split_at((half.count() + 1).min(words.len() - 1));
            let ((body_a, insight_a), (body_b, insight_b)) = std::thread::scope(|s| {
                let second = s.spawn(|| fields(b));
                (fields(a), second.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            });
            (add(body_a, body_b), add(insight_a, insight_b))
        };
        Some(TermHits { body, insight, postings: bytes })
    }

    /// For a term the index cannot answer (see [`WordIndex::term_hits`]) but that holds words:
    /// where a scan may start in each article. Every piece of the term occurs wherever the term
    /// does, at the same distance from its start: so where a word of it is missing the term is
    /// too, and no occurrence of the term starts before (first hit of a word) − (the word's
    /// offset in the term). `None` when the term holds no word or is one.
    pub fn scan_from(&self, term: &Term) -> Option<ScanFrom> {
        if is_word(&term.text) {
            return None;
        }
        let pieces: Vec<(usize, &str)> = tokens(&term.text).collect();
        if pieces.is_empty() {
            return None;
        }
        let hits: Vec<(u32, TermHits)> = pieces
            .iter()
            .map(|&(offset, word)| {
                let piece = Term { text: word.to_string(), field: term.field, phrase: false, negated: false };
                Some((offset as u32, self.term_hits(&piece)?))
            })
            .collect::<Option<_>>()?;
        let field = |get: fn(&TermHits) -> Option<&FieldHits>| -> Option<ScanStarts> {
            let mut starts = vec![0; self.docs];
            for (offset, hits) in &hits {
                for (s, &f) in starts.iter_mut().zip(&get(hits)?.first) {
                    *s = if f == u32::MAX || *s == CANNOT_OCCUR {
                        CANNOT_OCCUR
                    } else {
                        (*s).max(f.saturating_sub(*offset))
                    };
                }
            }
            Some(starts)
        };
        Some(ScanFrom { body: field(|h| h.body.as_ref()), insight: field(|h| h.insight.as_ref()) })
    }

    fn accumulate(&self, w: usize, field: usize, occ: usize, offset: usize, out: &mut FieldHits) {
        let list = &self.postings[self.offsets[2 * w + field]..self.offsets[2 * w + field + 1]];
        let (hits, firsts) = (&mut out.hits[..], &mut out.first[..]);
        let (mut pos, mut doc) = (0, 0usize);
        // Most gaps and many offsets take one byte: read those without the varint loop.
        let varint = |pos: &mut usize| match list[*pos] {
            b if b < 0x80 => {
                *pos += 1;
                u64::from(b)
            }
            _ => get_varint(list, pos),
        };
        while pos < list.len() {
            doc += varint(&mut pos) as usize;
            let count = list[pos];
            pos += 1;
            let first = varint(&mut pos) as usize;
            let add = (usize::from(count) * occ).min(usize::from(COUNT_CAP)) as u8;
            let (Some(h), Some(f)) = (hits.get_mut(doc), firsts.get_mut(doc)) else { break };
            *h = h.saturating_add(add).min(COUNT_CAP);
            *f = (*f).min((first + offset) as u32);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const PIECES: &[&str] =
        &["Rate", "rate", "İstanbul", "STRASSE", "straße", "ΣΊΣΥΦΟΣ", "洞察", "a-b", " ", "\u{212a}m", "."];

    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(PIECES), 0..8).prop_map(|p| p.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// Indexing the articles' texts folded as they are read builds the index that indexing
        /// their docs' folded texts builds: the same words, the same postings.
        #[test]
        fn articles_index_as_their_docs_do(
            texts in prop::collection::vec((prop::collection::vec(text(), 0..3), prop::collection::vec(text(), 0..3)), 0..12),
        ) {
            let articles: Vec<Article> = texts
                .into_iter()
                .map(|(body, insight)| Article { body, insight, ..Default::default() })
                .collect();
            let docs: Vec<Doc> = articles.iter().map(Doc::new).collect();
            let (a, b) = (WordIndex::of_articles(&articles), WordIndex::new(&docs));
            prop_assert_eq!(a.vocab(), b.vocab());
            prop_assert_eq!(a.docs(), b.docs());
            for w in 0..a.len() {
                prop_assert_eq!(a.postings_of(w), b.postings_of(w));
            }
        }
    }
}
