//! The word index answers exactly as scanning the text does: random corpora and queries (words,
//! parts of words, punctuation, non-ASCII, phrases, exclusions, field prefixes, refinement),
//! same results in the same order with the same scores, fields and snippet positions.

use proptest::prelude::*;
use triptych::search::{Query, Searcher, Typing};
use triptych::{Article, Corpus};

/// Words that share pieces (`rate` in `separate`), fold in interesting ways (`İ`, `ς`, `ß`),
/// mix scripts or carry punctuation, so terms hit several words and word boundaries.
const WORDS: &[&str] = &[
    "rate",
    "rates",
    "separate",
    "bank",
    "banking",
    "Bank",
    "lock-in",
    "u.s.",
    "$2bn",
    "6%",
    "İstanbul",
    "ΣΊΣΥΦΟΣ",
    "σίσυφος",
    "straße",
    "STRASSE",
    "Ünïcode",
    "洞察",
    "降息了",
    "naïve",
    "aaaa",
    "aa",
    "a",
    "x1",
    "1x",
    "e\u{301}",
    "don't",
    "—",
    "re-rate",
    "RATE",
    "Rotterdam",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (prop::sample::select(WORDS), prop::sample::select(&[" ", " ", ", ", ". ", "-", "", "\u{a0}"][..])),
        0..12,
    )
    .prop_map(|ws| ws.into_iter().map(|(w, sep)| format!("{w}{sep}")).collect())
}

fn article() -> impl Strategy<Value = Article> {
    (
        text(),
        prop::option::of(text()),
        prop::collection::vec(text(), 0..4),
        prop::collection::vec(text(), 0..3),
    )
        .prop_map(|(title, source, body, insight)| Article {
            title,
            source,
            body,
            insight,
            ..Default::default()
        })
}

/// A query term: a word or a piece of one, maybe a phrase, a field prefix or an exclusion.
fn term() -> impl Strategy<Value = String> {
    let piece = (prop::sample::select(WORDS), 0usize..4, 0usize..3).prop_map(|(w, skip, cut)| {
        let chars: Vec<char> = w.chars().collect();
        let start = skip.min(chars.len().saturating_sub(1));
        let end = chars.len().saturating_sub(cut).max(start + 1).min(chars.len());
        chars[start..end].iter().collect::<String>()
    });
    let phrase = prop::collection::vec(prop::sample::select(WORDS), 1..3)
        .prop_map(|ws| format!("\"{}\"", ws.join(" ")));
    let prefix =
        prop::sample::select(&["", "", "", "-", "title:", "source:", "body:", "insight:", "-body:"][..]);
    (prefix, prop_oneof![3 => piece, 1 => phrase]).prop_map(|(p, t)| format!("{p}{t}"))
}

fn query() -> impl Strategy<Value = String> {
    prop::collection::vec(term(), 1..4).prop_map(|ts| ts.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn index_answers_as_the_scan_does(
        articles in prop::collection::vec(article(), 1..25),
        q in query(),
        extra in term(),
    ) {
        let corpus = Corpus::new(articles);
        let searcher = Searcher::new(&corpus);
        let query = Query::parse(&q);
        let indexed = searcher.search(&query, None);
        prop_assert_eq!(&indexed, &searcher.search_by_scan(&query, None), "query {:?}", q);
        prop_assert_eq!(&indexed, &Searcher::one_shot(&corpus).search(&query, None), "one-shot {:?}", q);
        // Refinement: one more term, searched within the previous results.
        let within: Vec<usize> = indexed.iter().map(|r| r.index).collect();
        let refined = Query::parse(&format!("{q} {extra}"));
        prop_assert_eq!(
            searcher.search(&refined, Some(&within)),
            searcher.search_by_scan(&refined, Some(&within)),
            "query {:?} refined by {:?}", q, extra
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// The reader's searches, one per keystroke with what the previous keystrokes' terms found
    /// kept ([`Typing`]), answer exactly as searches from scratch: random corpora, and random
    /// typing (queries typed a character at a time, with backspaces), each keystroke searched
    /// within the previous results when it refines them, as the reader does.
    #[test]
    fn keystrokes_with_kept_terms_answer_as_fresh_searches(
        articles in prop::collection::vec(article(), 1..25),
        queries in prop::collection::vec(query(), 1..3),
        backspaces in prop::collection::vec(0usize..4, 1..3),
    ) {
        let corpus = Corpus::new(articles);
        let searcher = Searcher::new(&corpus);
        let mut typing = Typing::default();
        let (mut applied, mut shown) = (String::new(), Vec::<usize>::new());
        let mut keystrokes: Vec<String> = Vec::new();
        for (q, back) in queries.iter().zip(backspaces.iter().cycle()) {
            let mut text = keystrokes.last().cloned().unwrap_or_default();
            for c in format!(" {q}").chars() {
                text.push(c);
                keystrokes.push(text.clone());
            }
            for _ in 0..*back {
                text.pop();
                keystrokes.push(text.clone());
            }
        }
        for text in keystrokes {
            let within = triptych::search::query::refines(&applied, &text).then(|| shown.clone());
            let query = Query::parse(&text);
            let kept = searcher.search_typing(&query, within.as_deref(), &mut typing);
            prop_assert_eq!(&kept, &searcher.search(&query, within.as_deref()), "typed {:?}", text);
            prop_assert!(typing.len() <= query.terms.len());
            shown = kept.iter().map(|r| r.index).collect();
            applied = text;
        }
    }
}

/// The oracle itself must find things, or the property above would hold vacuously.
#[test]
fn the_scan_and_the_index_find_words_inside_words_and_across_scripts() {
    let art = |title: &str, body: &str| Article {
        title: title.into(),
        body: vec![body.into()],
        ..Default::default()
    };
    let corpus = Corpus::new(vec![
        art("One", "A separate rate, re-rate."),
        art("Two", "İstanbul ΣΊΣΥΦΟΣ 降息了 rates rates"),
        art("Three", "nothing here"),
    ]);
    let s = Searcher::new(&corpus);
    for (q, want) in [
        ("rate", vec![0, 1]),
        ("σίσυφος", vec![1]),
        ("息", vec![1]),
        ("-rate", vec![2]),
        ("stanbul", vec![1]),
    ] {
        let got: Vec<usize> = s.search(&Query::parse(q), None).iter().map(|r| r.index).collect();
        assert_eq!(got, want, "{q}");
        assert_eq!(s.search(&Query::parse(q), None), s.search_by_scan(&Query::parse(q), None), "{q}");
    }
}

/// On a corpus big enough to be searched on several cores (shares sorted apart, then merged),
/// the word index and the shortcuts built on it (where a phrase may start, the titles' pair
/// sets) answer as scanning every text does, for words, phrases, typos and exclusions.
#[test]
fn a_synthetic_corpus_searched_on_all_cores_answers_as_the_scan_does() {
    let corpus = triptych::synth::corpus(3_000, 7);
    let searcher = Searcher::new(&corpus);
    let title = &corpus.articles()[1_500].title;
    let typo: String = title.split_whitespace().take(3).collect::<Vec<_>>().join(" ").replacen('e', "", 1);
    for q in [
        "market",
        "\"interest rates\"",
        "\"interest rates\" bank",
        "bank rates growth",
        typo.as_str(),
        "th phone the",
        "\"the bank\" -market",
        "insight:\"the market\"",
        "title:\"the\"",
    ] {
        let query = Query::parse(q);
        let indexed = searcher.search(&query, None);
        assert!(!indexed.is_empty(), "{q} finds something");
        assert_eq!(indexed, searcher.search_by_scan(&query, None), "{q}");
    }
}

/// Typing on all cores (both score articles and fill the kept title scores at once): every
/// keystroke answers as a fresh search.
#[test]
fn keystrokes_on_all_cores_answer_as_fresh_searches() {
    let corpus = triptych::synth::corpus(3_000, 7);
    let searcher = Searcher::new(&corpus);
    let mut typing = Typing::default();
    let typed = "Th phone the \"interest ra\" -marke";
    for (i, c) in typed.char_indices() {
        let query = Query::parse(&typed[..i + c.len_utf8()]);
        assert_eq!(
            searcher.search_typing(&query, None, &mut typing),
            searcher.search(&query, None),
            "{:?}",
            &typed[..=i]
        );
    }
    assert_eq!(typing.len(), 5, "the last query's terms are kept");
}
