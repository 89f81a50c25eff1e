//! The search index: each article's title and source case-folded once, and either its body and
//! insight folded too (a one-shot search, which scans them) or, for the reader, only their
//! words indexed ([`super::words`]) and the text folded again, a paragraph at a time, when a
//! term the word index cannot answer has to be scanned ([`scan_paragraphs`]): the reader keeps
//! the original texts anyway, and a folded copy of every one (about 0.9x the corpus text)
//! would save only that folding. Folding can change byte lengths (e.g. `İ`); only then is an
//! offset map kept.

use super::words::WordIndex;
use crate::{Article, Corpus};

/// Articles are folded on all cores once there are at least this many.
const PARALLEL_MIN_DOCS: usize = 1_000;

/// Separates paragraphs in a folded body or insight; never appears in sanitised text.
pub const PARAGRAPH_SEP: &str = "\n";

/// One character case-folded: lower-cased, and Greek final sigma as any sigma (`ΣΊΣΥΦΟΣ`
/// lower-cases to a word ending in `σ`, the same word written lower-case ends in `ς`).
pub fn fold_char(c: char) -> impl Iterator<Item = char> {
    c.to_lowercase().map(|l| if l == 'ς' { 'σ' } else { l })
}

/// Appends `original` case-folded to `out`: the text of [`Folded::new`]. Runs of ASCII (most
/// of most texts, around a name like `Zürich`) are copied and lower-cased whole; only the other
/// characters go through Unicode's tables.
pub fn fold_into(out: &mut String, original: &str) {
    let mut rest = original;
    while !rest.is_empty() {
        let ascii = ascii_run(rest);
        let start = out.len();
        out.push_str(&rest[..ascii]);
        // Lower-casing ASCII letters keeps the string valid UTF-8.
        out[start..].make_ascii_lowercase();
        rest = &rest[ascii..];
        let mut chars = rest.chars();
        if let Some(c) = chars.next() {
            match two_byte_fold(c) {
                Some(f) => out.push(f),
                None => out.extend(fold_char(c)),
            }
            rest = chars.as_str();
        }
    }
}

/// [`fold_char`] of a two-byte character (Latin, Greek, Cyrillic, Hebrew, Arabic: `ü` in
/// `Zürich`) when it folds to one character, from a table made once: a scan folds the same few
/// characters again and again, and Unicode's own tables are searched on every call.
fn two_byte_fold(c: char) -> Option<char> {
    static TABLE: std::sync::OnceLock<Vec<char>> = std::sync::OnceLock::new();
    let i = (c as usize).checked_sub(0x80).filter(|&i| i < 0x780)?;
    let table = TABLE.get_or_init(|| {
        (0x80..0x800u32)
            .map(|u| {
                let c = char::from_u32(u).unwrap_or('\0');
                let mut f = fold_char(c);
                match (f.next(), f.next()) {
                    (Some(one), None) => one,
                    _ => '\0',
                }
            })
            .collect()
    });
    table.get(i).copied().filter(|&f| f != '\0')
}

/// Bytes in `original` case-folded, without folding it into a string.
pub fn folded_len(original: &str) -> usize {
    let (mut len, mut rest) = (0, original);
    while !rest.is_empty() {
        let ascii = ascii_run(rest);
        len += ascii;
        rest = &rest[ascii..];
        let mut chars = rest.chars();
        if let Some(c) = chars.next() {
            len += fold_char(c).map(char::len_utf8).sum::<usize>();
            rest = chars.as_str();
        }
    }
    len
}

/// Bytes of ASCII at the start of `s`, read eight at a time.
fn ascii_run(s: &str) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let bytes = s.as_bytes();
    let mut words = bytes.chunks_exact(8);
    let mut at = 0;
    for w in &mut words {
        let high = u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]) & HIGH;
        if high != 0 {
            return at + (high.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    at + words.remainder().iter().position(|b| !b.is_ascii()).unwrap_or(words.remainder().len())
}

/// Bytes in `paragraphs` joined with [`PARAGRAPH_SEP`] and case-folded (folding keeps the
/// separator, so this is the joined folded paragraphs' length).
pub fn folded_joined_len(paragraphs: &[String]) -> usize {
    paragraphs.iter().map(|p| folded_len(p)).sum::<usize>()
        + paragraphs.len().saturating_sub(1) * PARAGRAPH_SEP.len()
}

/// `out` made `paragraphs` joined with [`PARAGRAPH_SEP`] and case-folded: the text of
/// [`Folded::new`] of the joined paragraphs (folding is per character and keeps the
/// separator), in a buffer used again and again.
pub fn fold_joined(out: &mut String, paragraphs: &[String]) {
    out.clear();
    for (i, p) in paragraphs.iter().enumerate() {
        if i > 0 {
            out.push_str(PARAGRAPH_SEP);
        }
        fold_into(out, p);
    }
}

/// Hits of `term` (folded, found by `finder`) in `paragraphs` joined with [`PARAGRAPH_SEP`]
/// and case-folded, as [`super::rank`] counts them in that folded text: up to `cap`, and the
/// first one's folded byte offset, none starting before folded byte `from`. Folds one
/// paragraph at a time into `scratch` (an ASCII one only when the term has a letter), from the
/// one holding `from` on; with `same_lengths` (every paragraph folds to its own length) those
/// before it are skipped unread. The same answer as a scan of the whole folded text: a term
/// without the separator cannot span two paragraphs, so the non-overlapping hits of the whole
/// are those of each paragraph.
pub fn scan_paragraphs(
    finder: &memchr::memmem::Finder,
    term: &str,
    paragraphs: &[String],
    same_lengths: bool,
    from: usize,
    cap: usize,
    scratch: &mut String,
) -> (usize, Option<usize>) {
    if term.is_empty() || term.contains(PARAGRAPH_SEP) {
        fold_joined(scratch, paragraphs);
        let from = from.min(scratch.len());
        let mut it = finder.find_iter(&scratch.as_bytes()[from..]);
        let Some(first) = it.next() else { return (0, None) };
        return (1 + it.take(cap.saturating_sub(1)).count(), Some(from + first));
    }
    // Folding changes only the letters of ASCII text: a term without any is found in an ASCII
    // paragraph as it is, unfolded (`$`, `-`: every text is scanned for them).
    let letters = term.bytes().any(|b| b.is_ascii_alphabetic());
    let (mut hits, mut first) = (0, None);
    // Folded offset where the paragraph starts.
    let mut start = 0;
    for p in paragraphs {
        // A paragraph ending before `from` that folds to its own length is skipped unread.
        // Any other is folded, which gives its folded length too.
        if start + p.len() < from && (same_lengths || p.is_ascii()) {
            start += p.len() + PARAGRAPH_SEP.len();
            continue;
        }
        let hay = if !letters && p.is_ascii() {
            p.as_bytes()
        } else {
            scratch.clear();
            fold_into(scratch, p);
            scratch.as_bytes()
        };
        let len = hay.len();
        // A hit needs the whole term at or after `from`.
        if start + len >= from.max(start) + term.len() {
            let skip = from.saturating_sub(start);
            for at in finder.find_iter(&hay[skip..]) {
                first.get_or_insert(start + skip + at);
                hits += 1;
                if hits >= cap {
                    return (hits, first);
                }
            }
        }
        start += len + PARAGRAPH_SEP.len();
    }
    (hits, first)
}

/// A case-folded string and, when folding changed lengths, where each folded byte came from.
#[derive(Debug, Clone, Default)]
pub struct Folded {
    pub text: String,
    /// `map[i]` is the offset in the original of folded byte `i` (plus one entry for the end).
    map: Option<Vec<u32>>,
}

impl Folded {
    pub fn new(original: &str) -> Self {
        if original.is_ascii() {
            return Folded { text: original.to_ascii_lowercase(), map: None };
        }
        // One pass that folds and notices whether any character changed its length.
        let mut text = String::with_capacity(original.len());
        let mut same_lengths = true;
        for c in original.chars() {
            if c.is_ascii() {
                text.push(c.to_ascii_lowercase());
            } else {
                let before = text.len();
                text.extend(fold_char(c));
                same_lengths &= text.len() - before == c.len_utf8();
            }
        }
        if same_lengths {
            return Folded { text, map: None };
        }
        let mut map = Vec::with_capacity(text.len() + 1);
        for (offset, c) in original.char_indices() {
            let folded_len: usize = fold_char(c).map(char::len_utf8).sum();
            map.extend(std::iter::repeat_n(offset as u32, folded_len));
        }
        map.push(original.len() as u32);
        Folded { text, map: Some(map) }
    }

    /// Folds `original` into this one, reusing its buffer (see [`Doc::refill_outline`]).
    pub fn refold(&mut self, original: &str) {
        if !original.is_ascii() {
            *self = Folded::new(original);
            return;
        }
        self.text.clear();
        self.text.push_str(original);
        self.text.make_ascii_lowercase();
        self.map = None;
    }

    /// Text folded earlier (stored in the library), for ranking only: without the original,
    /// offsets cannot be mapped back, so highlights come from a [`Folded::new`] of the text.
    pub fn already_folded(text: String) -> Self {
        Folded { text, map: None }
    }

    /// Maps a byte offset in the folded text to the original text.
    pub fn original_offset(&self, folded: usize) -> usize {
        match &self.map {
            None => folded,
            Some(map) => map.get(folded).map_or(map.last().copied().unwrap_or(0) as usize, |&o| o as usize),
        }
    }

    /// Maps the end of a match in the folded text to the original, rounding up to the end of
    /// the original character: a match of `i` in `i̇` (folded `İ`) covers the whole `İ` rather
    /// than ending where it starts.
    pub fn original_end(&self, folded_end: usize) -> usize {
        match &self.map {
            None => folded_end,
            Some(map) if folded_end == 0 => map.first().copied().unwrap_or(0) as usize,
            Some(map) => {
                let Some(&last) = map.get(folded_end - 1) else {
                    return map.last().copied().unwrap_or(0) as usize;
                };
                map[folded_end..].iter().find(|&&o| o != last).map_or(last, |&o| o) as usize
            }
        }
    }

    pub fn heap_bytes(&self) -> usize {
        self.text.capacity() + self.map.as_ref().map_or(0, |m| m.capacity() * 4)
    }
}

/// Which characters a string holds, one bit per letter or digit and shared bits for the rest:
/// a term with a character the title lacks can match it neither whole nor fuzzily.
pub fn char_mask(folded: &str) -> u64 {
    folded.chars().fold(0, |m, c| m | char_bit(c))
}

/// A character's bit in a [`char_mask`]: its own for `a`-`z` and `0`-`9`, shared for the rest.
pub fn char_bit(c: char) -> u64 {
    1u64 << match c {
        'a'..='z' => c as u32 - 'a' as u32,
        '0'..='9' => 26 + c as u32 - '0' as u32,
        _ => 36 + c as u32 % 28,
    }
}

/// A set of adjacent byte pairs, hashed to 256 bits: every pair a string holds is in its set,
/// so a pair missing from a title's set is missing from the title.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Pairs(pub [u64; 4]);

impl Pairs {
    /// Every adjacent byte pair of `s`.
    pub fn of(s: &str) -> Self {
        let mut p = Pairs::default();
        for w in s.as_bytes().windows(2) {
            p.add(w[0], w[1]);
        }
        p
    }

    pub fn add(&mut self, a: u8, b: u8) {
        let h = usize::from(Self::bucket(a, b));
        self.0[h / 64] |= 1 << (h % 64);
    }

    /// Where the pair `a`, `b` goes.
    pub fn bucket(a: u8, b: u8) -> u8 {
        ((u32::from(a) << 8 | u32::from(b)).wrapping_mul(0x9E37_79B1) >> 24) as u8
    }

    /// The pair that went to `bucket` may be in the set (it is not, when this is false).
    pub fn has(&self, bucket: u8) -> bool {
        let h = usize::from(bucket);
        self.0[h / 64] & (1 << (h % 64)) != 0
    }

    /// Every pair of `self` is (maybe) in `other`.
    pub fn within(&self, other: &Pairs) -> bool {
        (0..4).all(|i| self.0[i] & !other.0[i] == 0)
    }
}

/// What the title matcher's cheap tests look at in a folded title or source, computed once.
#[derive(Debug, Clone, Copy, Default)]
pub struct Shape {
    /// [`char_mask`] of the text.
    pub chars: u64,
    /// [`char_bit`]s of the ASCII characters that start a word (the first, or one after a
    /// byte that is not an ASCII letter or digit): where a fuzzy match may begin.
    pub initials: u64,
    /// Its adjacent byte pairs.
    pub pairs: Pairs,
}

impl Shape {
    pub fn of(folded: &str) -> Self {
        let bytes = folded.as_bytes();
        let initials = bytes
            .iter()
            .enumerate()
            .filter(|&(i, b)| b.is_ascii() && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric()))
            .fold(0, |m, (_, &b)| m | char_bit(char::from(b)));
        Shape { chars: char_mask(folded), initials, pairs: Pairs::of(folded) }
    }
}

/// One article's searchable text.
#[derive(Debug, Clone, Default)]
pub struct Doc {
    pub title: Folded,
    pub source: Folded,
    /// [`Shape`] of the folded title and source.
    pub title_shape: Shape,
    pub source_shape: Shape,
    /// Body paragraphs joined with [`PARAGRAPH_SEP`].
    pub body: Folded,
    pub insight: Folded,
    /// Bytes in the folded body (the near-the-start bonus divides by it): the body's length,
    /// or for an outline ranked from stored postings ([`Doc::outline`]), the stored length.
    pub body_len: usize,
    /// For the reader's docs ([`Index::outlines`]): every paragraph of the body (`[0]`) or
    /// insight (`[1]`) folds to as many bytes as it has, so a scan skips the paragraphs before
    /// where it starts without reading them ([`scan_paragraphs`]). False when not known.
    pub same_lengths: [bool; 2],
}

impl Doc {
    pub fn new(a: &Article) -> Self {
        Self::with_texts(
            a,
            Folded::new(&a.body.join(PARAGRAPH_SEP)),
            Folded::new(&a.insight.join(PARAGRAPH_SEP)),
        )
    }

    /// The doc of an article whose text was not loaded (an outline): title and source folded
    /// here, body and insight as stored folded (see [`Folded::already_folded`]).
    pub fn stored(a: &Article, body: String, insight: String) -> Self {
        Self::with_texts(a, Folded::already_folded(body), Folded::already_folded(insight))
    }

    /// The doc of an outline ranked from the stored word index: title and source folded
    /// here, no body or insight text, only the folded body's length.
    pub fn outline(a: &Article, body_len: usize) -> Self {
        let mut doc = Doc::default();
        doc.refill_outline(&a.title, a.source.as_deref(), body_len);
        doc
    }

    /// Makes this doc [`Doc::outline`] of an article with this title and source, reusing its
    /// buffers: a search from `list`'s rows makes one per article in turn, in one doc.
    pub fn refill_outline(&mut self, title: &str, source: Option<&str>, body_len: usize) {
        self.title.refold(title);
        self.source.refold(source.unwrap_or(""));
        self.title_shape = Shape::of(&self.title.text);
        self.source_shape = Shape::of(&self.source.text);
        self.body = Folded::default();
        self.insight = Folded::default();
        self.body_len = body_len;
        self.same_lengths = [false; 2];
    }

    fn with_texts(a: &Article, body: Folded, insight: Folded) -> Self {
        let (title, source) = (Folded::new(&a.title), Folded::new(a.source.as_deref().unwrap_or("")));
        Doc {
            body_len: body.text.len(),
            title_shape: Shape::of(&title.text),
            source_shape: Shape::of(&source.text),
            title,
            source,
            body,
            insight,
            same_lengths: [false; 2],
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Index {
    pub docs: Vec<Doc>,
    /// Body and insight words: most terms are answered from here without scanning the text.
    /// `None` for a one-shot search, where building it would cost more than one scan.
    pub words: Option<WordIndex>,
    /// The docs' folded titles and sources again, one after another. `None` with no word index.
    pub titles: Option<Titles>,
}

impl Index {
    pub fn new(corpus: &Corpus) -> Self {
        let mut index = Self::folded(corpus);
        index.words = Some(WordIndex::new(&index.docs));
        index.titles = Titles::new(&index.docs);
        index
    }

    /// The index for many searches over a corpus kept alongside it (the reader's): titles and
    /// sources folded, bodies and insights only in the word index (each folded as it is
    /// indexed, then dropped) and in their folded lengths. A term the word index cannot
    /// answer is scanned in the corpus's own text ([`scan_paragraphs`]).
    pub fn outlines(corpus: &Corpus) -> Self {
        let docs = crate::parallel::map_chunks(corpus.articles(), PARALLEL_MIN_DOCS, |chunk| {
            chunk
                .iter()
                .map(|a| {
                    let same = |ps: &[String]| ps.iter().all(|p| p.is_ascii() || folded_len(p) == p.len());
                    let mut doc = Doc::outline(a, folded_joined_len(&a.body));
                    doc.same_lengths = [same(&a.body), same(&a.insight)];
                    doc
                })
                .collect()
        });
        let titles = Titles::new(&docs);
        Index { words: Some(WordIndex::of_articles(corpus.articles())), docs, titles }
    }

    /// The folded text alone, without the word index.
    pub fn folded(corpus: &Corpus) -> Self {
        let docs = crate::parallel::map_chunks(corpus.articles(), PARALLEL_MIN_DOCS, |chunk| {
            chunk.iter().map(Doc::new).collect()
        });
        Index { docs, words: None, titles: None }
    }

    /// Heap memory the index holds, for the memory figure in the README.
    pub fn heap_bytes(&self) -> usize {
        self.docs.capacity() * std::mem::size_of::<Doc>()
            + self
                .docs
                .iter()
                .map(|d| {
                    d.title.heap_bytes()
                        + d.source.heap_bytes()
                        + d.body.heap_bytes()
                        + d.insight.heap_bytes()
                })
                .sum::<usize>()
            + self.words.as_ref().map_or(0, WordIndex::heap_bytes)
            + self.titles.as_ref().map_or(0, Titles::heap_bytes)
    }
}

/// Every doc's folded title and source in one string, in corpus order. A search that has to
/// read most titles (a new term held by most of them, `the`) reads them front to back here,
/// where each doc's own title, in an allocation of its own among the bodies, costs a cache
/// miss (`perf` put half of the title matching on that first read).
#[derive(Debug, Clone, Default)]
pub struct Titles {
    text: String,
    /// Doc `i`'s title is `text[starts[2i]..starts[2i + 1]]`, its source runs to `starts[2i + 2]`.
    starts: Vec<u32>,
}

impl Titles {
    /// `None` past 4 GB of titles, where the offsets would not fit (searches read the docs).
    pub fn new(docs: &[Doc]) -> Option<Self> {
        let len: usize = docs.iter().map(|d| d.title.text.len() + d.source.text.len()).sum();
        u32::try_from(len).ok()?;
        let mut t =
            Titles { text: String::with_capacity(len), starts: Vec::with_capacity(2 * docs.len() + 1) };
        for d in docs {
            for field in [&d.title.text, &d.source.text] {
                t.starts.push(t.text.len() as u32);
                t.text.push_str(field);
            }
        }
        t.starts.push(t.text.len() as u32);
        Some(t)
    }

    /// Doc `i`'s folded title, or with `source`, its folded source.
    pub fn get(&self, i: usize, source: bool) -> &str {
        let at = 2 * i + usize::from(source);
        &self.text[self.starts[at] as usize..self.starts[at + 1] as usize]
    }

    pub fn heap_bytes(&self) -> usize {
        self.text.capacity() + self.starts.capacity() * 4
    }
}

/// Turns an offset in a joined (`PARAGRAPH_SEP`) text into (paragraph index, offset in it).
pub fn locate(paragraphs: &[String], offset: usize) -> (usize, usize) {
    let mut start = 0;
    for (i, p) in paragraphs.iter().enumerate() {
        if offset <= start + p.len() {
            return (i, offset - start);
        }
        start += p.len() + PARAGRAPH_SEP.len();
    }
    (paragraphs.len().saturating_sub(1), 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_length_folding_keeps_no_map() {
        let f = Folded::new("Ünïcode ABC 洞察");
        assert_eq!(f.text, "ünïcode abc 洞察");
        assert!(f.map.is_none());
        assert_eq!(f.original_offset(5), 5);
    }

    #[test]
    fn final_sigma_folds_like_any_sigma() {
        let upper = Folded::new("ΣΊΣΥΦΟΣ");
        let lower = Folded::new("Σίσυφος");
        assert_eq!(upper.text, lower.text);
        assert_eq!(crate::search::query::fold("σίσυφος"), lower.text);
        assert!(lower.map.is_none(), "ς and σ are both two bytes");
    }

    #[test]
    fn length_changing_folding_maps_offsets_back() {
        // 'İ' (2 bytes) lower-cases to "i̇" (3 bytes).
        let original = "xİstanbul";
        let f = Folded::new(original);
        assert_eq!(f.text, "xi\u{307}stanbul");
        let at = f.text.find("stanbul").unwrap();
        assert_eq!(&original[f.original_offset(at)..], "stanbul");
        assert_eq!(f.original_offset(f.text.len()), original.len());
        // A match of "i" alone covers the whole 'İ', not nothing.
        let i = f.text.find('i').unwrap();
        assert_eq!((f.original_offset(i), f.original_end(i + 1)), (1, 3));
        assert_eq!(f.original_end(f.text.len()), original.len());
    }

    /// Pieces of text that fold in every interesting way: `İ` grows, `ß` and CJK stay, `Σ`
    /// folds like final `ς`, the Kelvin sign becomes ASCII `k`, punctuation does not change.
    const PIECES: &[&str] = &[
        "a", "A", "ab", "İ", "i", "i\u{307}", "ß", "SS", "Σ", "ς", "σ", "洞察", "察", "K", "\u{212a}", "k",
        " ", "-", "$",
    ];

    fn pieces(min: usize, max: usize) -> impl proptest::strategy::Strategy<Value = String> {
        proptest::collection::vec(proptest::sample::select(PIECES), min..max).prop_map(|p| p.concat())
    }

    use proptest::prelude::*;

    proptest::proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        /// Scanning the paragraphs a paragraph at a time, folded only where needed, finds what
        /// folding the joined text and searching it finds: the same capped count and first hit.
        #[test]
        fn paragraph_scan_is_fold_and_find(
            paragraphs in proptest::collection::vec(pieces(0, 12), 0..4),
            term in pieces(1, 4),
            from in 0usize..40,
            cap in 1usize..4,
        ) {
            let term = crate::search::query::fold(&term);
            let folded = Folded::new(&paragraphs.join(PARAGRAPH_SEP)).text;
            let start = from.min(folded.len());
            let mut all = memchr::memmem::find_iter(&folded.as_bytes()[start..], term.as_bytes());
            let first = all.next().map(|f| f + start);
            let expected = (first.map_or(0, |_| 1 + all.take(cap - 1).count()), first);
            let finder = memchr::memmem::Finder::new(term.as_bytes());
            let mut scratch = String::from("left over");
            let same = paragraphs.iter().all(|p| folded_len(p) == p.len());
            for same_lengths in [false, same] {
                let found = scan_paragraphs(&finder, &term, &paragraphs, same_lengths, from, cap, &mut scratch);
                prop_assert_eq!(found, expected);
            }
            prop_assert_eq!(folded_joined_len(&paragraphs), folded.len());
            fold_joined(&mut scratch, &paragraphs);
            prop_assert_eq!(scratch, folded);
        }
    }

    #[test]
    fn paragraph_scan_counts_hits_across_paragraphs_and_stops_at_the_cap() {
        let paras: Vec<String> = ["Rate rate", "İRATE", "x"].map(String::from).to_vec();
        let finder = memchr::memmem::Finder::new(b"rate");
        let mut scratch = String::new();
        // Folded: "rate rate\ni\u{307}rate\nx": the third hit starts at 10 + 3.
        assert_eq!(scan_paragraphs(&finder, "rate", &paras, false, 0, 10, &mut scratch), (3, Some(0)));
        assert_eq!(scan_paragraphs(&finder, "rate", &paras, false, 1, 10, &mut scratch), (2, Some(5)));
        assert_eq!(scan_paragraphs(&finder, "rate", &paras, false, 6, 10, &mut scratch), (1, Some(13)));
        assert_eq!(scan_paragraphs(&finder, "rate", &paras, false, 0, 2, &mut scratch), (2, Some(0)));
        assert_eq!(scan_paragraphs(&finder, "rate", &paras, false, 14, 10, &mut scratch), (0, None));
    }

    #[test]
    fn the_two_byte_table_folds_as_unicode_does() {
        for u in 0..0x900u32 {
            let Some(c) = char::from_u32(u) else { continue };
            if let Some(f) = two_byte_fold(c) {
                assert_eq!(Some(f), fold_char(c).next(), "{c:?}");
                assert_eq!(fold_char(c).count(), 1, "{c:?}");
            } else if (0x80..0x800).contains(&u) {
                assert_ne!(fold_char(c).count(), 1, "{c:?} is in the table");
            }
        }
    }

    #[test]
    fn locate_finds_paragraph_and_offset() {
        let paras = vec!["abc".to_string(), "de".to_string()];
        assert_eq!(locate(&paras, 1), (0, 1));
        assert_eq!(locate(&paras, 4), (1, 0));
        assert_eq!(locate(&paras, 5), (1, 1));
    }
}
