//! Comparison speed (issue "Fact/insight comparison"): one ~30-sentence article, and the whole
//! 2,225-article BBC corpus (IDF over the corpus, then every article compared).

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use triptych::compare::{Comparer, Params};
use triptych::synth;

fn one_article(c: &mut Criterion) {
    // 5 body paragraphs of ~5 sentences and 2 insight paragraphs of ~3: about 30 sentences.
    let corpus = synth::corpus(1, 3);
    let a = &corpus.articles()[0];
    let sentences: usize = a.body.iter().chain(&a.insight).map(|p| p.matches(". ").count() + 1).sum();
    eprintln!("article with {sentences} sentences");
    let cmp = Comparer::default();
    c.bench_function("compare_one_article", |b| b.iter(|| cmp.compare(black_box(a)).insights.len()));
}

fn bbc(c: &mut Criterion) {
    let corpus = synth::shared_corpus(env!("CARGO_MANIFEST_DIR"), "bbc");
    let mut group = c.benchmark_group("bbc");
    group.sample_size(10);
    group.bench_function("idf_and_compare_all_2225", |b| {
        b.iter(|| {
            let cmp = Comparer::with_corpus(black_box(&corpus), Params::default());
            corpus.articles().iter().map(|a| cmp.compare(a).facts.len()).sum::<usize>()
        })
    });
    // The BBC articles have no insight sections; the same count of synthetic articles that do
    // shows the cost of scoring too.
    let synthetic = synth::corpus(2225, 5);
    group.bench_function("idf_and_compare_2225_synthetic_with_insights", |b| {
        b.iter(|| {
            let cmp = Comparer::with_corpus(black_box(&synthetic), Params::default());
            synthetic.articles().iter().map(|a| cmp.compare(a).insights.len()).sum::<usize>()
        })
    });
    group.finish();
}

/// A hostile shape: 300 KB of body and the same again as insight, ~3,400 statements each.
fn long_article(c: &mut Criterion) {
    let mut a = synth::long_article(300_000, 3);
    a.insight = a.body.clone();
    let cmp = Comparer::default();
    let mut group = c.benchmark_group("long");
    group.sample_size(10);
    group.bench_function("compare_300kb_body_and_insight", |b| {
        b.iter(|| cmp.compare(black_box(&a)).facts.len())
    });
    // Degenerate: 10,000 nearly identical sentences in body and insight.
    let line = |i: usize, what: &str| format!("{what} number {i} says the port handled more containers.");
    let degenerate = triptych::Article {
        body: (0..10_000).map(|i| line(i, "Fact")).collect(),
        insight: (0..10_000).map(|i| line(i, "Claim")).collect(),
        insight_label: Some("Analysis".into()),
        ..Default::default()
    };
    group.bench_function("compare_10000_nearly_identical_sentences", |b| {
        b.iter(|| cmp.compare(black_box(&degenerate)).insights.len())
    });
    group.finish();
}

criterion_group!(benches, one_article, bbc, long_article);
criterion_main!(benches);
