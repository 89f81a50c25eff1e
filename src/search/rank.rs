//! Matching one article against one query, and the score that ranks it.
//! Title fuzzy score dominates, then phrase hits, then keyword hits weighted by field with a
//! small bonus for hits near the start. The weights are named here and documented in the README.

use fuzzy_matcher::skim::SkimMatcherV2;
use fuzzy_matcher::FuzzyMatcher;
use memchr::memmem::Finder;

use super::fuzzy;
use super::index::{char_bit, char_mask, scan_paragraphs, Doc, Pairs, Shape, Titles};
use super::query::{Field, Query, Term};
use super::typing::{Scores, Seen};
use super::words::{ScanFrom, TermHits, CANNOT_OCCUR};
use crate::Article;

/// A fuzzy match must score at least this much per query character; lower scores are letters
/// scattered across the title by chance.
const MIN_FUZZY_PER_CHAR: i64 = 12;
/// Weight of the title tier, the phrase tier and the keyword tier in the final score.
const TITLE_WEIGHT: f64 = 1000.0;
const PHRASE_WEIGHT: f64 = 100.0;
/// Keyword hits per field stop counting after this many (the word index's counts stop there too).
pub const HIT_CAP: usize = super::words::COUNT_CAP as usize;
const BODY_HIT: f64 = 1.0;
const INSIGHT_HIT: f64 = 1.5;
/// A word or phrase found whole inside a word of the title (`oil` in "boils") scores this
/// much per character, as the fuzzy matcher scores a matched character.
const SUBSTRING_PER_CHAR: i64 = 16;
/// Found whole at the start of a word (`price` in "prices") it scores this much per
/// character, plus a bonus: more than any fuzzy match of the same term can (the matcher gives
/// a character at most 16, plus a bonus of at most 16; a test holds it to that), so a title
/// holding the word ranks above one where its letters are scattered ("Prince").
const WORD_PER_CHAR: i64 = 32;
const WORD_START_BONUS: i64 = 24;
/// And when it is a whole word (`oil` in "oil deal", not "oilers"), this much more.
const WHOLE_WORD_BONUS: i64 = 8;

/// A term ready to run: its folded text and a substring finder built once per search.
pub struct Compiled<'q> {
    pub term: &'q Term,
    finder: Finder<'q>,
    /// Characters in the term, for the title score.
    chars: i64,
    /// Its [`char_mask`].
    mask: u64,
    /// Its adjacent byte pairs (all in a title that holds it whole) and, for each character
    /// but the last, the [`Pairs::bucket`] of its last byte and the next character's first.
    pairs: Pairs,
    char_pairs: Vec<u8>,
    /// Its characters, for [`fuzzy::score_runs`].
    pattern: Vec<char>,
}

/// [`Compiled::char_pairs`]: for adjacent characters, the last byte of one and the first of the next.
fn char_pairs(text: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    let mut buf = [0u8; 4];
    while let (Some(a), Some(&b)) = (chars.next(), chars.peek()) {
        let last = *a.encode_utf8(&mut buf).as_bytes().last().unwrap_or(&0);
        out.push(Pairs::bucket(last, b.encode_utf8(&mut buf).as_bytes()[0]));
    }
    out
}

pub fn compile(query: &Query) -> Vec<Compiled<'_>> {
    query
        .terms
        .iter()
        .map(|term| Compiled {
            term,
            finder: Finder::new(term.text.as_bytes()),
            chars: term.text.chars().count() as i64,
            mask: char_mask(&term.text),
            pairs: Pairs::of(&term.text),
            char_pairs: char_pairs(&term.text),
            pattern: term.text.chars().collect(),
        })
        .collect()
}

/// Which fields matched, as flags in display order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Where {
    pub title: bool,
    pub source: bool,
    pub body: bool,
    pub insight: bool,
}

impl Where {
    pub fn fields(self) -> Fields {
        let mut out = Fields { list: [Field::All; 4], len: 0 };
        for (on, f) in [
            (self.title, Field::Title),
            (self.source, Field::Source),
            (self.body, Field::Body),
            (self.insight, Field::Insight),
        ] {
            if on {
                out.list[usize::from(out.len)] = f;
                out.len += 1;
            }
        }
        out
    }
}

/// The fields a result matched, in display order: a list without an allocation per result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fields {
    list: [Field; 4],
    len: u8,
}

impl Fields {
    pub fn as_slice(&self) -> &[Field] {
        &self.list[..usize::from(self.len)]
    }
}

impl std::ops::Deref for Fields {
    type Target = [Field];
    fn deref(&self) -> &[Field] {
        self.as_slice()
    }
}

impl serde::Serialize for Fields {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.as_slice().serialize(s)
    }
}

/// Earliest keyword or phrase hit in the body and in the insight (folded offsets; 32 bits, as
/// in the word index, keep results small to sort).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct First {
    pub body: Option<u32>,
    pub insight: Option<u32>,
}

/// The outcome of matching a whole query against one article.
#[derive(Debug, Clone, Default)]
pub struct Scored {
    pub score: f64,
    pub matched: Where,
    pub first: First,
}

/// What a search knows before scoring, per term, for all articles: the word index's body and
/// insight hits, so those fields need no scan; for terms that are not words (phrases), where
/// in each field a scan may start, or that it need not run (see [`ScanFrom`]); title and source
/// scores kept from earlier keystrokes ([`super::typing`]). `None` (or an empty slice) means
/// scan the text, or match the title.
#[derive(Clone, Copy, Default)]
pub struct Kept<'a> {
    pub known: &'a [Option<&'a TermHits>],
    pub from: &'a [Option<&'a ScanFrom>],
    pub titles: &'a [Option<&'a Scores>],
    /// Where scanned terms were found or not, recorded for the next keystroke ([`Seen`]).
    pub seen: &'a [Option<&'a Seen>],
    /// The folded titles and sources in one string, read there rather than in the docs.
    pub texts: Option<&'a Titles>,
    /// The articles, when the docs hold no folded body or insight ([`Doc::outline`]s): a
    /// term the word index does not answer is scanned in the article's paragraphs, folded as
    /// they are read ([`scan_paragraphs`]).
    pub originals: Option<&'a [Article]>,
}

/// [`Kept`] for the article being scored.
#[derive(Clone, Copy, Default)]
pub struct Known<'a> {
    pub kept: Kept<'a>,
    /// The order to try the known terms in: the likeliest to rule an article out first.
    pub order: &'a [usize],
    pub doc: usize,
}

impl Known<'_> {
    /// Known terms, positive ones first and the rarest of them first: those rule out the most.
    pub fn order(terms: &[Compiled], known: &[Option<&TermHits>]) -> Vec<usize> {
        let mut order: Vec<usize> =
            (0..terms.len()).filter(|&t| known.get(t).is_some_and(Option::is_some)).collect();
        order.sort_by_key(|&t| (terms[t].term.negated, known[t].map_or(0, |k| k.postings)));
        order
    }

    fn term(&self, t: usize) -> Option<&TermHits> {
        self.kept.known.get(t).copied().flatten()
    }

    fn from(&self, t: usize) -> Option<&ScanFrom> {
        self.kept.from.get(t).copied().flatten()
    }

    fn titles(&self, t: usize) -> Option<&Scores> {
        self.kept.titles.get(t).copied().flatten()
    }

    fn seen(&self, t: usize) -> Option<&Seen> {
        self.kept.seen.get(t).copied().flatten()
    }
}

/// Terms whose matches are kept between the two passes of [`score`]; later ones are recomputed.
const CACHED_TERMS: usize = 8;

/// Scores `doc`, or `None` if it does not match (a positive term missing or an excluded one present).
pub fn score(matcher: &SkimMatcherV2, terms: &[Compiled], doc: &Doc, known: Known) -> Option<Scored> {
    // First the terms the index answers, which are cheap: an article one of them rules out is
    // dropped before any text is scanned. The score is then summed in query order, as always.
    let mut cache: [Option<TermMatch>; CACHED_TERMS] = Default::default();
    for &t in known.order {
        let Some(c) = terms.get(t) else { continue };
        let m = match_term(matcher, c, doc, &known, t);
        if m.any() == c.term.negated {
            return None;
        }
        if let Some(slot) = cache.get_mut(t) {
            *slot = Some(m);
        }
    }
    let mut out = Scored::default();
    let (mut title_tier, mut phrase_hits, mut keyword) = (0i64, 0usize, 0f64);
    for (t, c) in terms.iter().enumerate() {
        let m = match cache.get_mut(t).and_then(Option::take) {
            Some(m) => m,
            None => match_term(matcher, c, doc, &known, t),
        };
        if c.term.negated {
            if m.any() {
                return None;
            }
            continue;
        }
        if !m.any() {
            return None;
        }
        title_tier += m.title + m.source / 2;
        if c.term.phrase {
            phrase_hits +=
                m.body_hits + m.insight_hits + usize::from(m.title > 0) + usize::from(m.source > 0);
        } else {
            keyword +=
                m.body_hits.min(HIT_CAP) as f64 * BODY_HIT + m.insight_hits.min(HIT_CAP) as f64 * INSIGHT_HIT;
            if let Some(pos) = m.first_body {
                keyword += 1.0 - pos as f64 / doc.body_len.max(1) as f64;
            }
        }
        out.matched.title |= m.title > 0;
        out.matched.source |= m.source > 0;
        out.matched.body |= m.body_hits > 0;
        out.matched.insight |= m.insight_hits > 0;
        out.first.body = min_some(out.first.body, m.first_body.map(offset32));
        out.first.insight = min_some(out.first.insight, m.first_insight.map(offset32));
    }
    out.score =
        title_tier as f64 * TITLE_WEIGHT + phrase_hits.min(9) as f64 * PHRASE_WEIGHT + keyword.min(99.0);
    Some(out)
}

fn offset32(offset: usize) -> u32 {
    u32::try_from(offset).unwrap_or(u32::MAX)
}

fn min_some(a: Option<u32>, b: Option<u32>) -> Option<u32> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, y) => x.or(y),
    }
}

#[derive(Debug, Default, Clone)]
struct TermMatch {
    title: i64,
    source: i64,
    body_hits: usize,
    insight_hits: usize,
    first_body: Option<usize>,
    first_insight: Option<usize>,
}

impl TermMatch {
    fn any(&self) -> bool {
        self.title > 0 || self.source > 0 || self.body_hits > 0 || self.insight_hits > 0
    }
}

fn match_term(matcher: &SkimMatcherV2, c: &Compiled, doc: &Doc, known: &Known, term: usize) -> TermMatch {
    let t = c.term;
    let on = |f: Field| t.field == Field::All || t.field == f;
    let mut m = TermMatch::default();
    let i = known.doc;
    let kept = known.titles(term);
    // Read only when not kept: the text itself is the costly part.
    let text = |source: bool| match known.kept.texts {
        Some(t) => t.get(i, source),
        None if source => &doc.source.text,
        None => &doc.title.text,
    };
    if on(Field::Title) {
        let title = || title_like(matcher, c, text(false), &doc.title_shape);
        m.title = kept.map_or_else(title, |k| k.get(false, i, title));
    }
    if on(Field::Source) {
        let source = || title_like(matcher, c, text(true), &doc.source_shape);
        m.source = kept.map_or_else(source, |k| k.get(true, i, source));
    }
    let hits = known.term(term);
    let from = known.from(term);
    let seen = known.seen(term);
    let original = known.kept.originals.and_then(|a| a.get(i));
    // A field's hits from the word index, else a scan from where one may start: of the docs'
    // folded text, or of the article's own paragraphs when the docs keep none.
    let field = |hits: Option<&super::words::FieldHits>, from: Option<&Vec<u32>>, insight: bool| {
        if let Some(h) = hits {
            return h.get(i);
        }
        let start = from.map_or(0, |f| f[i]);
        let found = match original {
            Some(_) if start == CANNOT_OCCUR => (0, None),
            Some(a) => SCRATCH.with_borrow_mut(|scratch| {
                let paragraphs = if insight { &a.insight } else { &a.body };
                let same_lengths = doc.same_lengths[usize::from(insight)];
                scan_paragraphs(
                    &c.finder,
                    &t.text,
                    paragraphs,
                    same_lengths,
                    start as usize,
                    HIT_CAP,
                    scratch,
                )
            }),
            None if insight => count_from(&c.finder, &doc.insight.text, start),
            None => count_from(&c.finder, &doc.body.text, start),
        };
        // The whole field was scanned (or ruled out): whether the term is there is certain.
        if let Some(seen) = seen {
            seen.record(i, insight, found.0 > 0);
        }
        found
    };
    if on(Field::Body) {
        (m.body_hits, m.first_body) =
            field(hits.and_then(|k| k.body.as_ref()), from.and_then(|f| f.body.as_ref()), false);
    }
    if on(Field::Insight) {
        (m.insight_hits, m.first_insight) =
            field(hits.and_then(|k| k.insight.as_ref()), from.and_then(|f| f.insight.as_ref()), true);
    }
    m
}

thread_local! {
    /// The paragraph being scanned, folded ([`scan_paragraphs`]): one buffer per scoring thread.
    static SCRATCH: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// [`count`] knowing that no hit starts before byte `from` ([`CANNOT_OCCUR`]: there is none):
/// the same hits, since a scan from the start would find the same leftmost one first.
fn count_from(finder: &Finder, hay: &str, from: u32) -> (usize, Option<usize>) {
    if from == CANNOT_OCCUR {
        return (0, None);
    }
    let from = (from as usize).min(hay.len());
    let mut it = finder.find_iter(&hay.as_bytes()[from..]);
    let Some(first) = it.next() else { return (0, None) };
    (1 + it.take(HIT_CAP - 1).count(), Some(from + first))
}

/// Titles and sources: fuzzy for words, exact for phrases. A word found whole skips the
/// fuzzy matcher; otherwise cheap tests rule out most titles before it runs.
fn title_like(matcher: &SkimMatcherV2, c: &Compiled, folded: &str, shape: &Shape) -> i64 {
    // Both a whole match and a fuzzy one (a subsequence) need every character of the term.
    if c.mask & !shape.chars != 0 {
        return 0;
    }
    let chars = c.chars;
    // A whole match holds every pair of adjacent bytes of the term.
    if c.pairs.within(&shape.pairs) {
        if let Some(found) = find_whole(&c.term.text, folded) {
            return found.score(chars);
        }
    }
    if c.term.phrase || !may_start_a_word(&c.term.text, shape) {
        return 0;
    }
    // A placement of the term's characters in r runs puts chars - r of its adjacent pairs side
    // by side in the title; `min_runs` below allows at most 1 + chars / 3 runs, so fewer pairs
    // than chars - (1 + chars / 3) in the title's set rule the title out before it is read.
    if (2..=MIN_RUNS_MAX_CHARS as i64).contains(&chars) {
        let present = c.char_pairs.iter().filter(|&&b| shape.pairs.has(b)).count() as i64;
        if present < chars - (1 + chars / 3) {
            return 0;
        }
    }
    if !starts_a_word(&c.term.text, folded) {
        return 0;
    }
    // The matcher's score and runs, computed here without its allocations where that gives
    // the same answer (see `fuzzy`; it reports every term character, so the fewest-runs test
    // below would add nothing), else by the matcher itself.
    let found = match fuzzy::score_runs(folded, &c.pattern) {
        Some(found) => found,
        None => {
            if !is_subsequence(&c.term.text, folded) {
                return 0;
            }
            // The matcher's chosen characters form at least as many runs as the fewest
            // possible (it compares characters exactly here: folded text has no ASCII
            // capitals), so when even the fewest are too many it need not run.
            if min_runs(&c.term.text, folded).is_some_and(|r| r as i64 > 1 + chars / 3) {
                return 0;
            }
            matcher.fuzzy_indices(folded, &c.term.text).map(|(score, idx)| (score, runs(&idx), idx.len()))
        }
    };
    match found {
        Some((score, runs, len)) if score >= chars * MIN_FUZZY_PER_CHAR && runs <= 1 + len / 3 => score,
        _ => 0,
    }
}

/// How a term found whole in a title sits in it, worst first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Whole {
    /// Inside a word: `oil` in "boils".
    InWord,
    /// At the start of a word: `price` in "prices".
    WordStart,
    /// A whole word: `oil` in "oil deal".
    Word,
}

impl Whole {
    /// The title score of a term of `chars` characters found so.
    fn score(self, chars: i64) -> i64 {
        match self {
            Whole::InWord => chars * SUBSTRING_PER_CHAR,
            Whole::WordStart => chars * WORD_PER_CHAR + WORD_START_BONUS,
            Whole::Word => chars * WORD_PER_CHAR + WORD_START_BONUS + WHOLE_WORD_BONUS,
        }
    }

    /// How the occurrence of a term at `start..end` of `hay` sits in it: a word starts where
    /// the character before is no letter or digit, and ends where the one after is none.
    fn at(hay: &str, start: usize, end: usize) -> Self {
        let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
        match (boundary(hay[..start].chars().next_back()), boundary(hay[end..].chars().next())) {
            (false, _) => Whole::InWord,
            (true, false) => Whole::WordStart,
            (true, true) => Whole::Word,
        }
    }
}

/// Whether `needle` occurs in `hay` (`None`: not at all), and the best way one of the
/// occurrences `memmem::find_iter` reports (leftmost first, each next one after the last
/// ends) sits in it. Titles are short: a plain loop costs less here than a general substring
/// finder.
fn find_whole(needle: &str, hay: &str) -> Option<Whole> {
    let (n, h) = (needle.as_bytes(), hay.as_bytes());
    let Some((&first, rest)) = n.split_first() else {
        return Some(Whole::Word);
    };
    let mut found = None;
    let mut at = 0;
    while at + n.len() <= h.len() {
        // A byte loop: `starts_with` calls `memcmp`, which costs more than these few bytes.
        if h[at] == first && rest.iter().zip(&h[at + 1..]).all(|(a, b)| a == b) {
            let whole = Whole::at(hay, at, at + n.len());
            if whole == Whole::Word {
                return Some(whole);
            }
            found = found.max(Some(whole));
            at += n.len();
        } else {
            at += 1;
        }
    }
    found
}

/// How many separate runs of consecutive characters a fuzzy match used. "altmn" in "altman"
/// is two runs; the same letters picked one by one across a title are many, and mean nothing.
fn runs(indices: &[usize]) -> usize {
    indices.windows(2).filter(|w| w[1] != w[0] + 1).count() + usize::from(!indices.is_empty())
}

/// Terms longer than this (in characters) skip the [`min_runs`] test.
const MIN_RUNS_MAX_CHARS: usize = 32;

/// The fewest runs of consecutive characters of `hay` that spell `needle` in order (`None` when
/// the needle is too long to check, `Some(usize::MAX)` when it is no subsequence at all).
fn min_runs(needle: &str, hay: &str) -> Option<usize> {
    const NONE: usize = usize::MAX / 2;
    let mut p = ['\0'; MIN_RUNS_MAX_CHARS];
    let mut m = 0;
    for c in needle.chars() {
        *p.get_mut(m)? = c;
        m += 1;
    }
    // at[i]: fewest runs spelling p[..=i] with p[i] on the previous character of `hay`;
    // any[i]: the same with p[i] anywhere so far.
    let (mut at, mut any) = ([NONE; MIN_RUNS_MAX_CHARS], [NONE; MIN_RUNS_MAX_CHARS]);
    for h in hay.chars() {
        for i in (0..m).rev() {
            at[i] = if p[i] != h {
                NONE
            } else if i == 0 {
                1
            } else {
                at[i - 1].min(any[i - 1] + 1)
            };
            any[i] = any[i].min(at[i]);
        }
    }
    Some(if m == 0 {
        0
    } else if any[m - 1] >= NONE {
        usize::MAX
    } else {
        any[m - 1]
    })
}

/// A fuzzy match must begin where a word begins ("altmn" → "Sam Altman"); scripts written
/// without spaces are exempt.
fn starts_a_word(term: &str, hay: &str) -> bool {
    let Some(first) = term.bytes().next() else {
        return false;
    };
    if !first.is_ascii() {
        return true;
    }
    let hay = hay.as_bytes();
    // Titles are short: a plain loop costs less than setting up `memchr`.
    (0..hay.len()).any(|i| hay[i] == first && (i == 0 || !hay[i - 1].is_ascii_alphanumeric()))
}

/// [`starts_a_word`] from the title's [`Shape`]: false only where that is false (a letter or
/// digit has a bit of its own; other ASCII bytes share theirs, so a set bit proves nothing).
fn may_start_a_word(term: &str, shape: &Shape) -> bool {
    match term.bytes().next() {
        None => false,
        Some(b) if b.is_ascii() => shape.initials & char_bit(char::from(b)) != 0,
        Some(_) => true,
    }
}

/// Every character of `needle` appears in `hay` in order: a cheap test that rules out most
/// titles before the fuzzy matcher runs.
fn is_subsequence(needle: &str, hay: &str) -> bool {
    let mut hay = hay.chars();
    needle.chars().all(|n| hay.any(|h| h == n))
}

/// `count` for a compiled term: its hits in `hay` as the ranker counts them.
pub fn scan(c: &Compiled, hay: &str) -> (usize, Option<usize>) {
    count(&c.finder, hay)
}

/// Hits of the term in `hay`, up to [`HIT_CAP`] (more do not change the score), and the first.
fn count(finder: &Finder, hay: &str) -> (usize, Option<usize>) {
    let mut it = finder.find_iter(hay.as_bytes());
    let Some(first) = it.next() else { return (0, None) };
    (1 + it.take(HIT_CAP - 1).count(), Some(first))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fewest_runs() {
        assert_eq!(min_runs("altmn", "sam altman"), Some(2));
        assert_eq!(min_runs("rate", "a separate rate"), Some(1));
        assert_eq!(min_runs("rate", "r a t e"), Some(4));
        assert_eq!(min_runs("aab", "a ab"), Some(2));
        assert_eq!(min_runs("xyz", "sam"), Some(usize::MAX));
        assert_eq!(min_runs(&"a".repeat(40), "aaaa"), None);
    }

    proptest::proptest! {
        /// What lets `title_like` skip the fuzzy matcher: its match never uses fewer runs.
        #[test]
        fn the_matcher_never_beats_the_fewest_runs(needle in "[abcé ]{1,6}", hay in "[abcé -]{0,30}") {
            let m = SkimMatcherV2::default();
            if let Some((_, idx)) = m.fuzzy_indices(&hay, &needle) {
                let fewest = min_runs(&needle, &hay).unwrap();
                proptest::prop_assert!(fewest <= runs(&idx), "{} > {}", fewest, runs(&idx));
            }
        }
    }

    /// `title_like` as it was before the title's [`Shape`] and the plain-loop search: the
    /// straightforward reference the shortcuts must agree with.
    fn title_like_reference(matcher: &SkimMatcherV2, c: &Compiled, folded: &str) -> i64 {
        if c.mask & !char_mask(folded) != 0 {
            return 0;
        }
        let chars = c.chars;
        let hay = folded.as_bytes();
        if let Some(whole) =
            c.finder.find_iter(hay).map(|at| Whole::at(folded, at, at + c.term.text.len())).max()
        {
            return whole.score(chars);
        }
        if c.term.phrase || !starts_a_word(&c.term.text, folded) || !is_subsequence(&c.term.text, folded) {
            return 0;
        }
        if min_runs(&c.term.text, folded).is_some_and(|r| r as i64 > 1 + chars / 3) {
            return 0;
        }
        match matcher.fuzzy_indices(folded, &c.term.text) {
            Some((score, idx)) if score >= chars * MIN_FUZZY_PER_CHAR && runs(&idx) <= 1 + idx.len() / 3 => {
                score
            }
            _ => 0,
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        /// The shortcuts (character mask, word initials, pair set, plain-loop search) give
        /// every title the score the straightforward matcher gives it.
        #[test]
        fn title_shortcuts_change_no_score(
            term in "[abnkré$ -]{1,7}",
            title in "[abnkrtéÉ$ .-]{0,40}",
            phrase in proptest::bool::ANY,
        ) {
            let q = Query::parse(&if phrase { format!("\"{term}\"") } else { term.clone() });
            let folded = crate::search::query::fold(&title);
            let m = SkimMatcherV2::default();
            for c in compile(&q) {
                let fast = title_like(&m, &c, &folded, &Shape::of(&folded));
                proptest::prop_assert_eq!(fast, title_like_reference(&m, &c, &folded), "{:?} in {:?}", c.term.text, folded);
            }
        }

        /// The plain-loop search reports what `memmem::find_iter` does: found or not, and
        /// whether one of its (non-overlapping) occurrences starts a word.
        #[test]
        fn find_whole_is_find_iter(needle in "[abé -]{1,4}", hay in "[abé -]{0,30}") {
            let reference = memchr::memmem::find_iter(hay.as_bytes(), needle.as_bytes())
                .map(|at| Whole::at(&hay, at, at + needle.len()))
                .max();
            proptest::prop_assert_eq!(find_whole(&needle, &hay), reference);
        }

        /// What puts a title holding the word above any fuzzy match of it: the matcher never
        /// scores a term of n characters above 32 n, less than a word start's score.
        #[test]
        fn fuzzy_scores_stay_below_word_starts(needle in "[abcé]{1,6}", hay in "[abcé .'-]{0,40}") {
            if let Some(score) = SkimMatcherV2::default().fuzzy_match(&hay, &needle) {
                let chars = needle.chars().count() as i64;
                proptest::prop_assert!(score <= chars * 32, "{} for {:?} in {:?}", score, needle, hay);
                proptest::prop_assert!(score < Whole::WordStart.score(chars));
            }
        }
    }

    #[test]
    fn subsequence() {
        assert!(is_subsequence("altmn", "sam altman outlines"));
        assert!(!is_subsequence("xyz", "sam altman"));
        assert!(is_subsequence("", "a"));
    }

    #[test]
    fn fuzzy_title_matches_need_few_runs() {
        assert_eq!(runs(&[4, 5, 6, 7, 9]), 2);
        assert_eq!(runs(&[0, 2, 4, 6]), 4);
        assert_eq!(runs(&[]), 0);
        let m = SkimMatcherV2::default();
        let q = Query::parse("altman");
        let terms = compile(&q);
        let doc = |t: &str| Doc::new(&crate::Article { title: t.into(), ..Default::default() });
        assert!(score(&m, &terms, &doc("Sam Altman speaks"), Known::default()).is_some());
        assert!(
            score(&m, &terms, &doc("Coastal Town Moves Sea Wall Vote to Autumn"), Known::default()).is_none()
        );
        let typo = Query::parse("altmn");
        assert!(score(&m, &compile(&typo), &doc("Sam Altman speaks"), Known::default()).is_some());
    }
}
