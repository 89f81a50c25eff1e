//! Loading real data: the 2,225 BBC articles and the bundled seeds.

mod common;

use triptych::load::{load_paths, load_seeds, LoadOptions};

#[test]
fn bbc_corpus_loads_all_2225_articles() {
    let loaded = load_paths(&[common::corpus("bbc")], &LoadOptions::default());
    let articles = loaded.corpus.articles();
    assert_eq!(articles.len(), 2225);
    assert!(articles.iter().all(|a| !a.title.is_empty() && !a.body.is_empty()));
    assert!(articles.iter().all(|a| a.insight.is_empty()), "plain news has no insight");
    assert_eq!(articles[0].id, "business-001");
    assert_eq!(articles[0].title, "Ad sales boost Time Warner profit");
    assert_eq!(articles[0].body.len(), 5);
    // The one file with invalid UTF-8 still loads, with a warning naming it.
    assert_eq!(loaded.warnings.len(), 1, "{:?}", loaded.warnings);
    assert!(loaded.warnings[0]
        .to_string()
        .ends_with("sport/199.txt: invalid UTF-8, decoded with replacement characters"));
}

#[test]
fn every_seed_heading_variant_is_recognised() {
    let corpus = load_seeds().corpus;
    let label = |id: &str| corpus.get(id).and_then(|a| a.insight_label.clone());
    assert_eq!(label("001_port_automation").as_deref(), Some("Analysis"));
    assert_eq!(label("002_city_heat_pumps").as_deref(), Some("Why it matters"));
    assert_eq!(label("003_rail_strike").as_deref(), Some("Our take"));
    assert_eq!(label("004_chinese_ev").as_deref(), Some("编辑点评"));
    assert_eq!(label("library-system-ends-late-fees-and-sees-returns-rise").as_deref(), Some("Commentary"));
    assert_eq!(label("coastal-town-moves-sea-wall-vote-to-autumn").as_deref(), Some("Editor's note"));
    assert_eq!(label("chip-maker-delays-new-fab-by-a-year").as_deref(), Some("Takeaway"));
    assert_eq!(label("coffee-prices-hit-a-ten-year-high").as_deref(), Some("Opinion"));
    assert_eq!(label("007_plain_news"), None);
    assert_eq!(label("008_water_meters").as_deref(), Some("Key Insights"));
    let ev = corpus.get("004_chinese_ev").unwrap();
    assert_eq!((ev.source.as_deref(), ev.body.len(), ev.insight.len()), (Some("海关总署公开数据"), 3, 3));
}

#[test]
fn bbc_exports_load_back_whole_despite_the_density_limits() {
    let corpus = load_paths(&[common::corpus("bbc")], &LoadOptions::default()).corpus;
    let dir = tempfile::tempdir().unwrap();
    for (format, ext) in [
        (triptych::export::ExportFormat::Json, "json"),
        (triptych::export::ExportFormat::Jsonl, "jsonl"),
        (triptych::export::ExportFormat::Md, "md"),
    ] {
        let path = dir.path().join(format!("bbc.{ext}"));
        let mut bytes = Vec::new();
        triptych::export::write(corpus.articles(), format, &mut bytes).unwrap();
        assert!(bytes.len() > triptych::parse::DENSITY_FREE_BYTES, "large enough to be checked");
        std::fs::write(&path, bytes).unwrap();
        let back = load_paths(&[path], &LoadOptions::default());
        assert!(back.warnings.is_empty(), "{ext}: {:?}", back.warnings);
        assert_eq!(back.corpus.len(), 2225, "{ext}");
    }
}
