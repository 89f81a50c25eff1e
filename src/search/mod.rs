//! Search: fuzzy matching on titles and sources, substring search over bodies and insights,
//! ranking, snippets and highlight offsets. No drawing here; the TUI and CLI both call this.

mod fuzzy;
pub mod highlight;
pub mod index;
pub mod query;
pub mod rank;
pub mod typing;
pub mod words;

use fuzzy_matcher::skim::SkimMatcherV2;

pub use highlight::{highlights, snippet, title_indices, Hit, Snippet};
pub use query::{Field, Query};
pub use typing::Typing;

use std::sync::Arc;

use crate::Corpus;
use index::Index;

/// Below this many candidates a search runs on one thread: spawning costs more than it saves.
const PARALLEL_MIN: usize = 2_000;

/// One matching article.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchResult {
    /// Index of the article in the corpus.
    pub index: usize,
    pub score: f64,
    /// Fields any query term matched, in display order.
    pub fields: rank::Fields,
    /// Where the first body (else insight) hit is, in folded text: see [`Searcher::first_hit`].
    first: rank::First,
}

/// The index plus a matcher: built once per corpus, then queried on every keystroke.
pub struct Searcher {
    index: Index,
    matcher: SkimMatcherV2,
    /// The corpus, when the index keeps no folded body or insight ([`Index::outlines`]): terms
    /// the word index cannot answer are scanned in its text.
    texts: Option<Arc<Corpus>>,
}

impl Searcher {
    /// For many queries over a corpus the caller does not share: [`Searcher::shared`] over a
    /// copy of it (the copy costs about what the folded copy of every text cost before).
    pub fn new(corpus: &Corpus) -> Self {
        Self::shared(Arc::new(corpus.clone()))
    }

    /// For many queries (the reader, which keeps its corpus in an `Arc` anyway): builds the
    /// word index and keeps `corpus` to scan in, with no folded copy of its bodies and
    /// insights. Every term made of word characters is answered from the word index; others
    /// (phrases, `lock-in`) fold and scan only the paragraphs of the articles that can hold
    /// them (those holding all of their words, from where the first could start).
    pub fn shared(corpus: Arc<Corpus>) -> Self {
        Searcher { index: Index::outlines(&corpus), matcher: SkimMatcherV2::default(), texts: Some(corpus) }
    }

    /// The same index as [`Searcher::new`] with a folded copy of every body and insight kept
    /// in it: what the reader held before [`Searcher::shared`], for comparing memory and time.
    pub fn folded(corpus: &Corpus) -> Self {
        Searcher { index: Index::new(corpus), matcher: SkimMatcherV2::default(), texts: None }
    }

    /// For one query (the CLI): the word index would take longer to build than one scan of the
    /// text, so there is none. Same results.
    pub fn one_shot(corpus: &Corpus) -> Self {
        Searcher { index: Index::folded(corpus), matcher: SkimMatcherV2::default(), texts: None }
    }

    /// For one query over docs made already (`Doc::stored` for articles whose text is in the
    /// library): no word index, as for [`Searcher::one_shot`].
    pub fn with_docs(docs: Vec<index::Doc>) -> Self {
        Searcher {
            index: Index { docs, words: None, titles: None },
            matcher: SkimMatcherV2::default(),
            texts: None,
        }
    }

    pub fn index(&self) -> &Index {
        &self.index
    }

    /// Ranked results, best first; ties keep corpus order. With `within`, only those articles
    /// are considered (the previous results, when the query refines the previous one).
    /// An empty query matches everything, in order. Body and insight hits of terms made of
    /// word characters come from the word index; only other terms scan the text.
    pub fn search(&self, query: &Query, within: Option<&[usize]>) -> Vec<SearchResult> {
        let terms = rank::compile(query);
        let words = self.index.words.as_ref();
        let known: Vec<Option<words::TermHits>> =
            terms.iter().map(|c| words.and_then(|w| w.term_hits(c.term))).collect();
        // Phrases and other terms the index cannot answer: its words say where to scan.
        let from: Vec<Option<words::ScanFrom>> =
            terms.iter().map(|c| words.and_then(|w| w.scan_from(c.term))).collect();
        self.run(
            &terms,
            within,
            rank::Kept { known: &refs(&known), from: &refs(&from), ..Default::default() },
        )
    }

    /// [`Searcher::search`] for the reader, which searches on every keystroke: what the terms
    /// of the previous query found (word index hits, title and source scores) is kept in
    /// `typing` and reused for the terms this query still has. The same results as
    /// [`Searcher::search`], as long as `typing` is only used with this searcher.
    pub fn search_typing(
        &self,
        query: &Query,
        within: Option<&[usize]>,
        typing: &mut Typing,
    ) -> Vec<SearchResult> {
        let terms = rank::compile(query);
        let words = self.index.words.as_ref();
        let docs = self.index.docs.len();
        let wanted: Vec<&query::Term> = terms.iter().map(|c| c.term).collect();
        let entries = typing.entries(&wanted, |term, shorter| {
            let hits = words.and_then(|w| w.term_hits(term));
            let mut from = words.and_then(|w| w.scan_from(term));
            // A scanned term typed on from a shorter one: scan only where that one was found.
            if let (None, Some(shorter)) = (&hits, shorter) {
                from = typing::narrowed(from, term, shorter, docs);
            }
            typing::Entry::new(hits, from, docs)
        });
        let known: Vec<Option<&words::TermHits>> = entries.iter().map(|e| e.hits.as_ref()).collect();
        let from: Vec<Option<&words::ScanFrom>> = entries.iter().map(|e| e.from.as_ref()).collect();
        let titles: Vec<Option<&typing::Scores>> = entries.iter().map(|e| Some(&e.titles)).collect();
        let seen: Vec<Option<&typing::Seen>> = entries.iter().map(|e| Some(&e.seen)).collect();
        self.run(
            &terms,
            within,
            rank::Kept { known: &known, from: &from, titles: &titles, seen: &seen, ..Default::default() },
        )
    }

    /// [`Searcher::search`] over docs some of which are outlines ([`index::Doc::outline`]):
    /// article `i`'s body and insight hits are those of article `from[i]` of `stored` (the
    /// word index kept in the library, holding the postings of the query's words), or when
    /// that is [`words::NOT_INDEXED`], from a scan of its text. Every term must be one the
    /// index answers ([`words::answers`]): an outline has no text to scan.
    pub fn search_stored(&self, query: &Query, stored: &words::WordIndex, from: &[u32]) -> Vec<SearchResult> {
        search_outlines(query, stored, from, self.index.docs.as_slice())
    }

    /// Gives the docs back (to build the word index from them after the output).
    pub fn into_docs(self) -> Vec<index::Doc> {
        self.index.docs
    }

    /// [`Searcher::search`] scanning every field's text for every term, without the word index:
    /// the reference the index's answers are tested against.
    pub fn search_by_scan(&self, query: &Query, within: Option<&[usize]>) -> Vec<SearchResult> {
        self.run(&rank::compile(query), within, rank::Kept::default())
    }

    /// Scores the candidates with what `kept` knows (its texts are filled in here).
    fn run(&self, terms: &[rank::Compiled], within: Option<&[usize]>, kept: rank::Kept) -> Vec<SearchResult> {
        // Corpus order: ties must keep it, and memory is read front to back.
        let candidates: Vec<usize> = match within {
            Some(c) => {
                let mut c = c.to_vec();
                c.sort_unstable();
                c
            }
            None => (0..self.index.docs.len()).collect(),
        };
        let kept = rank::Kept {
            texts: self.index.titles.as_ref(),
            originals: self.texts.as_deref().map(Corpus::articles),
            ..kept
        };
        run(&self.matcher, terms, &candidates, kept, self.index.docs.as_slice())
    }
}

/// Borrows each of `items`.
fn refs<T>(items: &[Option<T>]) -> Vec<Option<&T>> {
    items.iter().map(Option::as_ref).collect()
}

/// Best first. Equal scores keep corpus order: the index breaks ties, so no stable sort is needed.
fn ranked(a: &SearchResult, b: &SearchResult) -> std::cmp::Ordering {
    b.score.total_cmp(&a.score).then(a.index.cmp(&b.index))
}

/// Two lists sorted by [`ranked`] as one.
fn merge(a: Vec<SearchResult>, b: Vec<SearchResult>) -> Vec<SearchResult> {
    if a.is_empty() || b.is_empty() {
        return if a.is_empty() { b } else { a };
    }
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut a, mut b) = (a.into_iter().peekable(), b.into_iter().peekable());
    while let (Some(x), Some(y)) = (a.peek(), b.peek()) {
        let next = if ranked(x, y).is_le() { a.next() } else { b.next() };
        out.extend(next);
    }
    out.extend(a);
    out.extend(b);
    out
}

impl Searcher {
    /// The first body hit, else the first insight hit, of a result: where its snippet comes
    /// from. Computed on demand, for the results actually shown.
    pub fn first_hit(&self, corpus: &Corpus, result: &SearchResult, query: &Query) -> Option<Hit> {
        let a = corpus.articles().get(result.index)?;
        if self.texts.is_some() {
            // The docs keep no folded body: the article's is folded for this one hit.
            return highlight::first_hit(a, &index::Doc::new(a), result.first, query);
        }
        highlight::first_hit(a, &self.index.docs[result.index], result.first, query)
    }

    /// [`Searcher::first_hit`] in `article`, the result's article read afresh with its text
    /// (the corpus holds only its outline): offsets are mapped through its own folding.
    pub fn first_hit_in(
        &self,
        article: &crate::Article,
        result: &SearchResult,
        query: &Query,
    ) -> Option<Hit> {
        first_hit_with(article, &index::Doc::new(article), result, query)
    }
}

/// [`Searcher::first_hit`] in `article`, whose doc is `doc`.
pub fn first_hit_with(
    article: &crate::Article,
    doc: &index::Doc,
    result: &SearchResult,
    query: &Query,
) -> Option<Hit> {
    highlight::first_hit(article, doc, result.first, query)
}

/// The docs a search scores, one at a time: borrowed where they are kept, else made in
/// `scratch` (a search from `list`'s rows keeps no doc for the articles it does not print).
pub trait Docs: Sync {
    fn doc<'s>(&'s self, i: usize, scratch: &'s mut index::Doc) -> &'s index::Doc;
}

impl Docs for [index::Doc] {
    fn doc<'s>(&'s self, i: usize, _: &'s mut index::Doc) -> &'s index::Doc {
        &self[i]
    }
}

/// [`Searcher::search_stored`] over `from.len()` articles whose docs `docs` gives one at a
/// time: an outline ([`index::Doc::refill_outline`]) where `from[i]` is an article of
/// `stored`, else a doc with its text.
pub fn search_outlines<D: Docs + ?Sized>(
    query: &Query,
    stored: &words::WordIndex,
    from: &[u32],
    docs: &D,
) -> Vec<SearchResult> {
    debug_assert!(words::answers(query));
    let terms = rank::compile(query);
    let known: Vec<Option<words::TermHits>> = terms
        .iter()
        .map(|c| {
            stored.term_hits(c.term).map(|hits| {
                hits.remapped(from, |i, insight| {
                    let mut scratch = index::Doc::default();
                    let doc = docs.doc(i, &mut scratch);
                    rank::scan(c, if insight { &doc.insight.text } else { &doc.body.text })
                })
            })
        })
        .collect();
    let candidates: Vec<usize> = (0..from.len()).collect();
    let kept = rank::Kept { known: &refs(&known), ..Default::default() };
    run(&SkimMatcherV2::default(), &terms, &candidates, kept, docs)
}

/// Scores `candidates` (in corpus order) on all cores, best first; ties keep corpus order.
/// Each core scores and sorts its share; the sorted shares are then merged.
fn run<D: Docs + ?Sized>(
    matcher: &SkimMatcherV2,
    terms: &[rank::Compiled],
    candidates: &[usize],
    kept: rank::Kept,
    docs: &D,
) -> Vec<SearchResult> {
    let order = rank::Known::order(terms, kept.known);
    let run = |chunk: &[usize]| -> Vec<Vec<SearchResult>> {
        let mut scratch = index::Doc::default();
        // Room for every candidate at once: most match, and growing would copy them all.
        let mut results = Vec::with_capacity(chunk.len());
        results.extend(chunk.iter().filter_map(|&i| {
            let known = rank::Known { kept, order: &order, doc: i };
            let s = rank::score(matcher, terms, docs.doc(i, &mut scratch), known)?;
            Some(SearchResult { index: i, score: s.score, fields: s.matched.fields(), first: s.first })
        }));
        results.sort_unstable_by(ranked);
        vec![results]
    };
    let sorted = crate::parallel::map_chunks(candidates, PARALLEL_MIN, run);
    sorted.into_iter().reduce(merge).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn result(index: usize, score: f64) -> SearchResult {
        SearchResult { index, score, fields: rank::Where::default().fields(), first: rank::First::default() }
    }

    use proptest::prelude::*;

    /// Words that fold in every interesting way (`İ` grows, `ß` stays, `Σ` folds like final
    /// `ς`, the Kelvin sign becomes `k`), CJK, and punctuation, so phrases and `lock-in` terms
    /// (which are scanned) hit across them.
    const WORDS: &[&str] = &[
        "Rate",
        "rates",
        "İstanbul",
        "istanbul",
        "STRASSE",
        "straße",
        "ΣΊΣΥΦΟΣ",
        "σίσυφος",
        "洞察",
        "降息",
        "\u{212a}elvin",
        "kelvin",
        "lock-in",
        "$2bn",
        "-",
        "a",
    ];

    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(
            (prop::sample::select(WORDS), prop::sample::select(&[" ", ", ", "", "-"][..])),
            0..10,
        )
        .prop_map(|ws| ws.into_iter().map(|(w, s)| format!("{w}{s}")).collect())
    }

    fn article() -> impl Strategy<Value = crate::Article> {
        (text(), prop::collection::vec(text(), 0..4), prop::collection::vec(text(), 0..3))
            .prop_map(|(title, body, insight)| crate::Article { title, body, insight, ..Default::default() })
    }

    fn query() -> impl Strategy<Value = String> {
        let term = (
            prop::sample::select(&["", "", "-", "body:", "insight:"][..]),
            prop::collection::vec(prop::sample::select(WORDS), 1..3),
            0usize..3,
        )
            .prop_map(|(prefix, words, cut)| {
                let text = words.join(" ");
                // A phrase, or the words' text cut short, as while typing.
                let cut: String =
                    text.chars().take(text.chars().count().saturating_sub(cut).max(1)).collect();
                if words.len() > 1 {
                    format!("{prefix}\"{text}\"")
                } else {
                    format!("{prefix}{cut}")
                }
            });
        prop::collection::vec(term, 1..3).prop_map(|ts| ts.join(" "))
    }

    proptest::proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// The reader's searcher, which keeps no folded copy of the bodies and insights and
        /// scans the corpus's own paragraphs, answers as the one that kept them: the same
        /// results, scores, fields and first hits (snippets), searched afresh or while typing.
        #[test]
        fn shared_texts_answer_as_folded_copies(articles in prop::collection::vec(article(), 1..20), q in query()) {
            let corpus = Corpus::new(articles);
            let (shared, folded) = (Searcher::shared(Arc::new(corpus.clone())), Searcher::folded(&corpus));
            let query = Query::parse(&q);
            let results = shared.search(&query, None);
            prop_assert_eq!(&results, &folded.search(&query, None), "{:?}", q);
            prop_assert_eq!(&results, &shared.search_by_scan(&query, None), "{:?}", q);
            prop_assert_eq!(&results, &shared.search_typing(&query, None, &mut Typing::default()), "{:?}", q);
            for r in &results {
                prop_assert_eq!(shared.first_hit(&corpus, r, &query), folded.first_hit(&corpus, r, &query));
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(ProptestConfig::with_cases(150))]

        /// A phrase (or `lock-in` term) typed one character at a time, then cut back and typed
        /// on at random, through one typing cache: at every key the same results (scores,
        /// fields, first hits) as a fresh search, though the cache narrows each scan to where
        /// the term's shorter self was found.
        #[test]
        fn typed_phrases_answer_as_fresh_searches(
            articles in prop::collection::vec(article(), 1..20),
            words in prop::collection::vec(prop::sample::select(WORDS), 1..4),
            prefix in prop::sample::select(&["", "-", "body:", "insight:", "title:"][..]),
            other in prop::sample::select(&["", "rate ", "-kelvin ", "\"a\" "][..]),
            quoted in proptest::bool::ANY,
            cuts in prop::collection::vec(0usize..40, 0..6),
        ) {
            let corpus = Corpus::new(articles);
            let (shared, folded) = (Searcher::shared(Arc::new(corpus.clone())), Searcher::folded(&corpus));
            let text = words.join(if quoted { " " } else { "-" });
            let quote = if quoted { "\"" } else { "" };
            let ends: Vec<usize> = text.char_indices().map(|(i, _)| i).skip(1).chain([text.len()]).collect();
            let steps = ends.iter().copied().chain(cuts.iter().map(|&c| ends[c % ends.len()]));
            let (mut typing, mut typing_folded) = (Typing::default(), Typing::default());
            for end in steps {
                let q = format!("{other}{prefix}{quote}{}", &text[..end]);
                let query = Query::parse(&q);
                let fresh = shared.search(&query, None);
                prop_assert_eq!(&shared.search_typing(&query, None, &mut typing), &fresh, "{:?}", q);
                prop_assert_eq!(&folded.search_typing(&query, None, &mut typing_folded), &fresh, "{:?}", q);
            }
        }
    }

    proptest::proptest! {
        /// Two sorted shares merged are the whole list sorted: the order the reader shows.
        #[test]
        fn merged_shares_are_sorted(scores in proptest::collection::vec(0u8..4, 0..60), split in 0usize..60) {
            let all: Vec<SearchResult> =
                scores.iter().enumerate().map(|(i, &s)| result(i, f64::from(s))).collect();
            let split = split.min(all.len());
            let (mut a, mut b) = (all[..split].to_vec(), all[split..].to_vec());
            a.sort_unstable_by(ranked);
            b.sort_unstable_by(ranked);
            let mut expected = all.clone();
            expected.sort_by(ranked);
            proptest::prop_assert_eq!(merge(a, b), expected);
        }
    }
}
