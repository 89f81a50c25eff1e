//! Corroboration: for an insight statement its own article does not support, facts in other
//! articles that would. Runs on the hand-written test library in `tests/eval/corroboration/`
//! (see its `cases.toml`): ten claims that only another article supports must find that
//! article's fact among their top 3 outside links; ten claims that nothing supports must find
//! no link at the supported threshold. Also checks `compare --json` carries the links.

mod common;

use std::path::PathBuf;

use serde::Deserialize;
use triptych::compare::{Comparer, Params, Verdict};
use triptych::load::{load_paths, LoadOptions};
use triptych::related::Relations;
use triptych::Corpus;

#[derive(Deserialize)]
struct Cases {
    corroborated: Vec<Corroborated>,
    unsupported: Vec<Unsupported>,
}

#[derive(Deserialize)]
struct Corroborated {
    article: String,
    by: String,
    facts: Vec<String>,
}

#[derive(Deserialize)]
struct Unsupported {
    article: String,
}

fn folder() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/eval/corroboration")
}

fn load() -> (Cases, Corpus) {
    let cases = std::fs::read_to_string(folder().join("cases.toml")).expect("cases.toml");
    let cases: Cases = toml::from_str(&cases).expect("cases.toml parses");
    let loaded = load_paths(&[folder()], &LoadOptions::default());
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings.len());
    (cases, loaded.corpus)
}

/// The article's last insight statement, its own verdict, and its index.
fn last_claim(corpus: &Corpus, cmp: &Comparer, id: &str) -> (usize, String, Verdict) {
    let i = corpus.resolve(id).unwrap_or_else(|_| panic!("{id} loaded"));
    let c = cmp.compare(&corpus.articles()[i]);
    let claim = c.insights.last().unwrap_or_else(|| panic!("{id} has an insight"));
    (i, claim.text.clone(), claim.verdict)
}

#[test]
fn claims_find_their_support_elsewhere_and_unsupported_ones_find_none() {
    let (cases, corpus) = load();
    assert_eq!(corpus.len(), 30);
    assert_eq!((cases.corroborated.len(), cases.unsupported.len()), (10, 10));
    let rel = Relations::build(&corpus, Comparer::with_corpus(&corpus, Params::default()));
    let supported = rel.comparer().params().supported;
    let mut failures = Vec::new();
    for case in &cases.corroborated {
        let (i, claim, verdict) = last_claim(&corpus, rel.comparer(), &case.article);
        assert_ne!(
            verdict,
            Verdict::Supported,
            "{}: its own article must not support {claim:?}",
            case.article
        );
        let links = rel.outside(i, &claim);
        let hit =
            links.iter().position(|l| l.article == case.by && case.facts.iter().any(|f| l.fact.contains(f)));
        eprintln!(
            "{}: {:?} -> {:?}",
            case.article,
            hit,
            links.iter().map(|l| (&l.article, l.score)).collect::<Vec<_>>()
        );
        if hit.is_none() {
            failures.push(format!("{} does not find {} in {links:?}", case.article, case.by));
        }
        for l in &links {
            assert_ne!(l.article, case.article, "outside links come from other articles");
            assert!(
                !l.title.is_empty() && l.source.is_some() && l.date.is_some(),
                "source and date shown: {l:?}"
            );
        }
    }
    for case in &cases.unsupported {
        let (i, claim, verdict) = last_claim(&corpus, rel.comparer(), &case.article);
        assert_ne!(verdict, Verdict::Supported, "{}: {claim:?}", case.article);
        let links = rel.outside(i, &claim);
        eprintln!("{}: {:?}", case.article, links.iter().map(|l| (&l.article, l.score)).collect::<Vec<_>>());
        if let Some(l) = links.iter().find(|l| l.score >= supported) {
            failures.push(format!(
                "{}: nothing supports {claim:?}, yet {} scores {}",
                case.article, l.article, l.score
            ));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn compare_json_carries_outside_links_with_source_and_date() {
    let out = common::stdout_of(
        common::triptych().args(["compare", "c04_coffee_prices"]).arg(folder()).arg("--json"),
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let last = v["insights"].as_array().unwrap().last().unwrap().clone();
    assert_ne!(last["verdict"], "supported");
    let outside = last["outside"].as_array().expect("an unsupported claim carries `outside`");
    assert_eq!(outside[0]["article"], "s04_arabica_record", "{outside:?}");
    assert_eq!(outside[0]["source"], "Commodities Wire");
    assert_eq!(outside[0]["date"], "2025-04-24");
    assert!(outside[0]["fact"].as_str().unwrap().contains("4.30 dollars"));
    // A supported claim needs no outside links.
    for claim in v["insights"].as_array().unwrap() {
        if claim["verdict"] == "supported" {
            assert!(claim.get("outside").is_none(), "{claim}");
        }
    }
}

/// One article with `body` and one insight statement, `claim`.
fn article(id: &str, body: &str, claim: &str) -> triptych::Article {
    let mut a = triptych::Article {
        id: id.into(),
        key: id.into(),
        title: id.into(),
        source: Some("Wire".into()),
        date: Some("2025-05-01".into()),
        body: vec![body.into()],
        insight: vec![claim.into()],
        ..Default::default()
    };
    a.normalize();
    a
}

#[test]
fn a_forecast_is_not_corroborated_by_a_report_of_what_happened() {
    // A tester found "Ridership fell 6 percent last year" offered as support for a forecast.
    let corpus = Corpus::new(vec![
        article(
            "tram",
            "The city opened its first tram line on Monday after four years of work.",
            "Ridership on the tram will pass 45,000 passengers a day in its first year.",
        ),
        article(
            "bus",
            "Ridership on the city's buses passed 45,000 passengers a day last year.",
            "Fares matter.",
        ),
        article(
            "plan",
            "The operator expects ridership on the tram to pass 45,000 passengers a day in its first year.",
            "Plans matter.",
        ),
    ]);
    let rel = Relations::build(&corpus, Comparer::with_corpus(&corpus, Params::default()));
    let claim = "Ridership on the tram will pass 45,000 passengers a day in its first year.";
    let links = rel.outside(0, claim);
    let found: Vec<&str> = links.iter().map(|l| l.article.as_str()).collect();
    assert_eq!(found, ["plan"], "only the fact that looks ahead too: {links:?}");
}

#[test]
fn compare_text_shows_outside_links_too() {
    let out = common::stdout_of(common::triptych().args(["compare", "c04_coffee_prices"]).arg(folder()));
    let at = out.find("↗ elsewhere ").unwrap_or_else(|| panic!("an outside link in {out}"));
    let link = &out[at..];
    assert!(link.contains("s04_arabica_record") && link.contains("(Commodities Wire, 2025-04-24)"), "{out}");
    assert!(link.contains("4.30 dollars"), "{out}");
}
