//! Export reads back into the same articles, for any articles that load: a property test over
//! generated articles with empty fields and lines that look like structure (`Source: X`,
//! headings, front matter fences, list markers, HTML, escapes).

use std::path::PathBuf;

use proptest::prelude::*;
use triptych::export::{self, ExportFormat};
use triptych::load::{load_paths, LoadOptions};
use triptych::parse::title_from_text;
use triptych::{Article, Corpus};

/// Text that looks like the structure of one of the formats.
const TRICKY: &[&str] = &[
    "",
    "Source: Injected",
    "来源：新华社",
    "# Heading",
    "## Why it matters",
    "ABAB AI Insight",
    "Our take",
    "---",
    "+++",
    "...",
    "id: x",
    "title: y",
    "- item",
    "* item",
    "+ item",
    "1. one",
    "2) two",
    "> quote",
    "    indented",
    "```",
    "~~~",
    "<script>alert(1)</script>",
    "&amp; &lt;",
    "a\\",
    "\\*",
    "[link](http://x)",
    "![img](y)",
    "[ref]: http://z",
    "***",
    "___",
    "===",
    "| a | b |",
    "•",
    "• bullet",
    "null",
    "~",
    "yes",
    "'quoted'",
    "\"double\"",
    "key: value: more",
    "{ a: 1 }",
    "[1, 2]",
    "#tag",
    "<!-- c -->",
    "洞察",
    "İstanbul ß",
];

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(TRICKY).prop_map(str::to_string),
        "[A-Za-z0-9 .,:;!?#*_`\\[\\]()<>&|~+=\\\\'\"{}\u{4e00}-\u{4e10}é-]{0,40}",
        (prop::sample::select(TRICKY), "[a-z ]{0,10}").prop_map(|(a, b)| format!("{a}{b}")),
    ]
}

fn opt() -> impl Strategy<Value = Option<String>> {
    prop::option::of(text())
}

prop_compose! {
    fn article()(
        title in text(),
        source in opt(),
        body in prop::collection::vec(text(), 0..5),
        insight_label in opt(),
        insight in prop::collection::vec(text(), 0..4),
        date in opt(),
        url in opt(),
        author in opt(),
        tags in prop::collection::vec(text(), 0..3),
        links in prop::collection::vec(text(), 0..2),
    ) -> Article {
        Article { title, source, body, insight_label, insight, date, url, author, tags, links, ..Default::default() }
    }
}

/// Articles as the loader leaves them: clean text and unique ids, none with no title and no
/// text (the loader skips those with a warning), and a blank title named by the start of the
/// text (as the loader names it).
fn loaded(articles: Vec<Article>) -> Corpus {
    let blank = |s: &String| s.trim().is_empty();
    let articles = articles
        .into_iter()
        .enumerate()
        .map(|(i, mut a)| {
            a.id = format!("a{i}");
            a.normalize();
            if blank(&a.title) {
                let named = title_from_text(&a.body).or_else(|| title_from_text(&a.insight));
                a.title = named.unwrap_or_default();
                a.normalize();
            }
            a
        })
        .filter(|a| !(blank(&a.title) && a.body.iter().all(blank) && a.insight.iter().all(blank)))
        .collect();
    Corpus::new(articles)
}

fn read_back(dir: &tempfile::TempDir, corpus: &Corpus, format: ExportFormat, ext: &str) -> Vec<Article> {
    let path: PathBuf = dir.path().join(format!("out.{ext}"));
    let mut bytes = Vec::new();
    export::write(corpus.articles(), format, &mut bytes).unwrap();
    std::fs::write(&path, &bytes).unwrap();
    let back = load_paths(&[path], &LoadOptions::default());
    assert!(back.warnings.is_empty(), "{:?}\n{}", back.warnings, String::from_utf8_lossy(&bytes));
    back.corpus.articles().to_vec()
}

fn same(original: &Corpus, back: &[Article]) -> Result<(), TestCaseError> {
    prop_assert_eq!(original.len(), back.len());
    for (a, b) in original.articles().iter().zip(back) {
        let mut b = b.clone();
        b.path = a.path.clone();
        b.format = a.format;
        // The key names the file read back; the content hash must be the original text's.
        prop_assert_eq!(b.hash, a.content_hash());
        b.key = a.key.clone();
        b.hash = a.hash;
        prop_assert_eq!(a, &b);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn markdown_export_reads_back_into_the_same_articles(articles in prop::collection::vec(article(), 1..4)) {
        let corpus = loaded(articles);
        prop_assume!(!corpus.is_empty(), "only blank articles: nothing to export");
        let dir = tempfile::tempdir().unwrap();
        let back = read_back(&dir, &corpus, ExportFormat::Md, "md");
        same(&corpus, &back)?;
    }

    #[test]
    fn json_and_jsonl_exports_read_back_into_the_same_articles(articles in prop::collection::vec(article(), 1..4)) {
        let corpus = loaded(articles);
        prop_assume!(!corpus.is_empty(), "only blank articles: nothing to export");
        let dir = tempfile::tempdir().unwrap();
        same(&corpus, &read_back(&dir, &corpus, ExportFormat::Json, "json"))?;
        same(&corpus, &read_back(&dir, &corpus, ExportFormat::Jsonl, "jsonl"))?;
    }
}

#[test]
fn an_empty_title_named_by_its_text_and_a_source_like_paragraph_survive() {
    let corpus = loaded(vec![
        Article { title: String::new(), body: vec!["First.".into()], ..Default::default() },
        Article {
            title: "B".into(),
            body: vec!["Source: Injected".into(), "•".into()],
            ..Default::default()
        },
    ]);
    let dir = tempfile::tempdir().unwrap();
    let back = read_back(&dir, &corpus, ExportFormat::Md, "md");
    assert_eq!(back.len(), 2, "the other articles are not lost");
    assert_eq!((back[0].title.as_str(), back[0].body.as_slice()), ("First.", &["First.".to_string()][..]));
    assert_eq!(back[1].source, None);
    assert_eq!(back[1].body, ["Source: Injected", "•"]);
}
