//! The search index: each article's fields case-folded once, so that every keystroke only
//! scans folded text. Folding can change byte lengths (e.g. `İ`); only then is an offset map
//! kept, so the index stays about the size of the corpus text.

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

    #[test]
    fn locate_finds_paragraph_and_offset() {
        let paras = vec!["abc".to_string(), "de".to_string()];
        assert_eq!(locate(&paras, 1), (0, 1));
        assert_eq!(locate(&paras, 4), (1, 0));
        assert_eq!(locate(&paras, 5), (1, 1));
    }
}
