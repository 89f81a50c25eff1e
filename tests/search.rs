//! Search through the library and the CLI: matching rules, ranking order a reader would expect,
//! JSON output with offsets, exit codes.

mod common;

use common::{stdout_of, triptych};
use serde_json::Value;
use triptych::search::{Query, Searcher};
use triptych::{Article, Corpus};

fn art(id: &str, title: &str, body: &[&str], insight: &[&str]) -> Article {
    Article {
        id: id.into(),
        title: title.into(),
        body: body.iter().map(|s| s.to_string()).collect(),
        insight: insight.iter().map(|s| s.to_string()).collect(),
        ..Default::default()
    }
}

fn ids(corpus: &Corpus, query: &str) -> Vec<String> {
    let s = Searcher::new(corpus);
    s.search(&Query::parse(query), None).into_iter().map(|r| corpus.articles()[r.index].id.clone()).collect()
}

fn corpus() -> Corpus {
    Corpus::new(vec![
        art("mention", "Markets close higher", &["Analysts said the central bank might cut rates."], &[]),
        art(
            "title",
            "Central bank cuts rates",
            &["The bank cut its main rate by half a point."],
            &["A cut was expected."],
        ),
        art(
            "many",
            "Weekly roundup",
            &["Rates, rates and more rates: the bank, the bank."],
            &["Rates matter."],
        ),
        art(
            "late",
            "Other news",
            &[&format!("{} then the bank acted.", "Filler words here. ".repeat(30))],
            &[],
        ),
        art("zh", "央行降息", &["中国人民银行宣布降息。"], &["市场洞察：降息利好股市。"]),
        art("uni", "ÜNÏCODE Straße", &["Café owners in Zürich."], &[]),
    ])
}

#[test]
fn ranking_puts_title_matches_first_then_phrases_then_keyword_counts() {
    let c = corpus();
    assert_eq!(ids(&c, "bank"), ["title", "many", "mention", "late"]);
    // Keyword hits near the start beat the same count late in the body.
    assert_eq!(ids(&c, "bank acted"), ["late"]);
    assert_eq!(ids(&c, "\"central bank\""), ["title", "mention"]);
}

#[test]
fn words_are_anded_and_exclusions_and_fields_apply() {
    let c = corpus();
    assert_eq!(ids(&c, "bank cut"), ["title", "mention"]);
    assert_eq!(ids(&c, "bank -rates"), ["late"]);
    assert_eq!(ids(&c, "insight:cut"), ["title"]);
    assert_eq!(ids(&c, "body:expected"), Vec::<String>::new());
    assert_eq!(ids(&c, "title:roundup"), ["many"]);
}

#[test]
fn case_folding_cjk_and_typos() {
    let c = corpus();
    assert_eq!(ids(&c, "ünïcode"), ["uni"]);
    assert_eq!(ids(&c, "ZÜRICH"), ["uni"]);
    assert_eq!(ids(&c, "降息"), ["zh"]);
    assert_eq!(ids(&c, "洞察"), ["zh"]);
    assert_eq!(ids(&c, "centrl"), ["title"], "a dropped letter still finds the title");
}

#[test]
fn refined_search_within_previous_results_matches_full_search() {
    let c = corpus();
    let s = Searcher::new(&c);
    let first: Vec<usize> = s.search(&Query::parse("ban"), None).iter().map(|r| r.index).collect();
    let narrowed = s.search(&Query::parse("bank cut"), Some(&first));
    assert_eq!(narrowed, s.search(&Query::parse("bank cut"), None));
}

/// Typing `g`, `p`, `r` one key at a time, each answer applied before the next key, as the
/// reader does: the list must end exactly where a fresh search for the whole query does.
fn typed(c: &triptych::Corpus, s: &Searcher, query: &str) -> Vec<usize> {
    let mut applied = String::new();
    let mut shown: Vec<usize> = (0..c.len()).collect();
    for (i, ch) in query.char_indices() {
        let text = &query[..i + ch.len_utf8()];
        let within = triptych::search::query::refines(&applied, text).then(|| shown.clone());
        shown = s.search(&Query::parse(text), within.as_deref()).iter().map(|r| r.index).collect();
        applied = text.to_string();
    }
    shown
}

#[test]
fn results_do_not_depend_on_typing_speed() {
    let mut articles = triptych::load::load_seeds().corpus.articles().to_vec();
    for title in ["Gas Price Rise", "Grain Prices Rally"] {
        articles.push(triptych::Article {
            id: triptych::model::slugify(title),
            title: title.into(),
            ..Default::default()
        });
    }
    let c = triptych::Corpus::new(articles);
    let s = Searcher::new(&c);
    let fresh: Vec<usize> = s.search(&Query::parse("gpr"), None).iter().map(|r| r.index).collect();
    assert!(fresh.contains(&c.index_of("gas-price-rise").unwrap()), "gpr finds Gas Price Rise");
    assert_eq!(typed(&c, &s, "gpr"), fresh);
    for q in ["gas pr", "gpr rise", "altman dep", "rail -strike x", "\"heat pu", "title:gp"] {
        let fresh: Vec<usize> = s.search(&Query::parse(q), None).iter().map(|r| r.index).collect();
        assert_eq!(typed(&c, &s, q), fresh, "{q}");
    }
}

/// A tester's finding on the BBC articles: `games` ranked "Gamers snap up new Sony PSP" (the
/// letters of `games` picked from two words) above "Games enter the classroom", and `price`
/// put "Prince crowned 'top music earner'" one point below the titles holding "price". A title
/// holding the word (or a word it starts) ranks above every title matching only in pieces or
/// inside a word; among those, the word itself above a longer word it starts.
#[test]
fn titles_holding_the_word_rank_above_scattered_and_in_word_matches() {
    let c = triptych::synth::shared_corpus(env!("CARGO_MANIFEST_DIR"), "bbc");
    let s = Searcher::new(&c);
    // How a title holds the term: 2 a whole word, 1 a word it starts, 0 not (fuzzily or inside
    // a word), by a plain reading of its words.
    let holds = |title: &str, term: &str| {
        let words: Vec<String> = title.split(|c: char| !c.is_alphanumeric()).map(str::to_lowercase).collect();
        if words.iter().any(|w| w == term) {
            2
        } else {
            usize::from(words.iter().any(|w| w.starts_with(term)))
        }
    };
    for (term, scattered) in [
        ("games", "Gamers snap up new Sony PSP"),
        ("price", "Prince crowned 'top music earner'"),
        ("prices", "Lib Dems predict 'best ever poll'"),
        ("oil", "Ukraine steel sell-off 'illegal'"),
        ("rates", "Custody death rate 'shocks' MPs"),
        ("music", "Musicians 'upbeat' about the net"),
        ("player", "Howard 'truanted to play snooker'"),
    ] {
        let titles: Vec<&str> = s
            .search(&Query::parse(term), None)
            .iter()
            .filter(|r| r.fields.contains(&triptych::search::Field::Title))
            .map(|r| c.articles()[r.index].title.as_str())
            .collect();
        assert!(titles.contains(&scattered), "{term}: {scattered:?} matches the title");
        let kinds: Vec<usize> = titles.iter().map(|t| holds(t, term)).collect();
        assert!(kinds.iter().filter(|&&k| k > 0).count() >= 2, "{term}: titles holding it");
        let mut sorted = kinds.clone();
        sorted.sort_by(|a, b| b.cmp(a));
        assert_eq!(kinds, sorted, "{term}: {titles:#?}");
    }
}

#[test]
fn every_hit_covers_at_least_one_character() {
    let a = triptych::Article {
        title: "İstanbul İİ".into(),
        body: vec!["İstanbul and istanbul, ǅ and ß, ﬁne.".into()],
        ..Default::default()
    };
    for q in ["i", "\u{307}", "is", "ss", "fi", "ǆ", "stanbul"] {
        for h in triptych::search::highlights(&a, &Query::parse(q)) {
            assert!(h.end > h.start, "{q:?}: empty hit {h:?}");
        }
    }
    let hits = triptych::search::highlights(&a, &Query::parse("i"));
    let title_hits: Vec<_> = hits.iter().filter(|h| h.field == triptych::search::Field::Title).collect();
    assert_eq!((title_hits[0].start, title_hits[0].end), (0, "İ".len()), "the whole İ is the hit");
}

proptest::proptest! {
    #[test]
    fn refinement_equals_a_fresh_search(q in "[a-z]{1,4}( [a-z\"-]{1,4}){0,2}", more in "[a-z \"-]{1,6}") {
        let c = corpus();
        let s = Searcher::new(&c);
        let new = format!("{q}{more}");
        if triptych::search::query::refines(&q, &new) {
            let old: Vec<usize> = s.search(&Query::parse(&q), None).iter().map(|r| r.index).collect();
            let narrowed = s.search(&Query::parse(&new), Some(&old));
            proptest::prop_assert_eq!(narrowed, s.search(&Query::parse(&new), None));
        }
    }
}

#[test]
fn cli_search_prints_ranked_rows_with_marked_snippets() {
    let out = stdout_of(triptych().args(["search", "iterative deployment"]));
    let first = out.lines().next().unwrap();
    let cols: Vec<&str> = first.split('\t').collect();
    assert_eq!(cols[0], "000_77ee804ac85e857f");
    assert_eq!(cols[3], "body,insight");
    assert!(cols[4].contains("«iterative»"), "{first}");
}

#[test]
fn cli_search_json_has_offsets_on_char_boundaries() {
    let out = stdout_of(triptych().args(["search", "东南亚", "--json"]));
    let v: Value = serde_json::from_str(&out).unwrap();
    let r = &v[0];
    assert_eq!(r["id"], "004_chinese_ev");
    assert_eq!(r["where"], serde_json::json!(["body", "insight"]));
    let snippet = r["snippet"].as_str().unwrap();
    let m = &r["snippet_match"];
    let (s, e) = (m["start"].as_u64().unwrap() as usize, m["end"].as_u64().unwrap() as usize);
    assert_eq!(&snippet[s..e], "东南亚");
    let hits = r["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 2);
    assert_eq!(hits[0]["field"], "body");
    assert_eq!(hits[0]["paragraph"], 1);
    let body = triptych::load::load_seeds().corpus.get("004_chinese_ev").unwrap().body[1].clone();
    let (s, e) = (hits[0]["start"].as_u64().unwrap() as usize, hits[0]["end"].as_u64().unwrap() as usize);
    assert_eq!(&body[s..e], "东南亚");
}

#[test]
fn cli_search_options_and_exit_codes() {
    triptych().args(["search", "zzzzqqq"]).assert().code(1).stdout("");
    let out = stdout_of(triptych().args(["search", "the", "--limit", "2"]));
    assert_eq!(out.lines().count(), 2);
    let out = stdout_of(triptych().args(["search", "rail", "--field", "title"]));
    assert_eq!(out.lines().map(|l| l.split('\t').nth(3).unwrap()).collect::<Vec<_>>(), ["title"], "{out}");
    let all = stdout_of(triptych().args(["search", "percent"]));
    let excluded = stdout_of(triptych().args(["search", "percent -oslo"]));
    assert!(all.contains("002_city_heat_pumps\t"));
    assert!(!excluded.contains("002_city_heat_pumps\t"));
    assert_eq!(excluded.lines().count(), all.lines().count() - 1);
}
