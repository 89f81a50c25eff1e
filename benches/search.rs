//! Per-keystroke query time (issue "Search"): one word, three words, a phrase and a typo'd
//! title, over 1k / 10k / 100k synthetic articles and the 2,225 real BBC articles, two of them
//! also without the word index, and the typo'd title's and the phrase's last keystroke as the
//! reader types them; plus the index's memory against the corpus text size (printed once) and
//! the time to build it.

use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion};
use std::hint::black_box;
use std::sync::Arc;
use triptych::search::{Query, Searcher, Typing};
use triptych::{synth, Corpus};

fn text_bytes(c: &Corpus) -> usize {
    c.articles()
        .iter()
        .map(|a| {
            a.title.len()
                + a.source.as_ref().map_or(0, String::len)
                + a.body.iter().map(String::len).sum::<usize>()
                + a.insight.iter().map(String::len).sum::<usize>()
        })
        .sum()
}

/// A title with one letter dropped, as a user typing fast would.
fn typo_title(c: &Corpus) -> String {
    let title = &c.articles()[c.len() / 2].title;
    let words: Vec<&str> = title.split_whitespace().take(3).collect();
    let mut q = words.join(" ");
    if let Some((i, _)) = q.char_indices().nth(2) {
        q.remove(i);
    }
    q
}

/// The reader's searcher (the corpus shared, no folded copy of the bodies and insights) in
/// `search_NAME`, and the one it replaced (every body and insight folded and kept, the same
/// word index) in `search_NAME_folded`, in the same run.
fn bench_corpus(c: &mut Criterion, name: &str, corpus: &Corpus) {
    let shared = Searcher::shared(Arc::new(corpus.clone()));
    let folded = Searcher::folded(corpus);
    eprintln!(
        "{name}: {} articles, text {:.1} MB, index {:.1} MB ({:.2}x; {:.1} MB with folded bodies and insights)",
        corpus.len(),
        text_bytes(corpus) as f64 / 1e6,
        shared.index().heap_bytes() as f64 / 1e6,
        shared.index().heap_bytes() as f64 / text_bytes(corpus) as f64,
        folded.index().heap_bytes() as f64 / 1e6,
    );
    bench_searcher(c, &format!("search_{name}"), corpus, &shared);
    drop(shared);
    bench_searcher(c, &format!("search_{name}_folded"), corpus, &folded);
}

fn bench_searcher(c: &mut Criterion, group: &str, corpus: &Corpus, searcher: &Searcher) {
    let mut group = c.benchmark_group(group);
    if corpus.len() >= 100_000 {
        group.sample_size(10);
    }
    let typo = typo_title(corpus);
    for (label, q) in [
        ("one_word", "market".to_string()),
        ("three_words", "bank rates growth".to_string()),
        ("phrase", "\"interest rates\"".to_string()),
        ("typo_title", typo),
        // No word in it: every body and insight is scanned, as the reader does on the first
        // key of `-word`.
        ("punctuation", "$".to_string()),
    ] {
        let query = Query::parse(&q);
        group.bench_with_input(BenchmarkId::new(label, corpus.len()), &query, |b, query| {
            b.iter(|| searcher.search(black_box(query), None).len())
        });
    }
    // What the reader feels typing: the last keystroke, searched with what the keystroke
    // before left kept (that query searched first on a fresh cache, outside the measured
    // part). The typo'd title less its last character; the phrase (`"interest rates` after
    // `"interest rate`), scanned only where the keystroke before found its shorter self.
    let typo = typo_title(corpus);
    let cut = typo.char_indices().last().map_or(0, |(i, _)| i);
    let typed = [
        ("typo_title_typed", typo[..cut].to_string(), typo.clone()),
        ("phrase_typed", "\"interest rate".into(), "\"interest rates".into()),
    ];
    for (name, before, last) in typed {
        let (before, last) = (Query::parse(&before), Query::parse(&last));
        group.bench_function(BenchmarkId::new(name, corpus.len()), |b| {
            b.iter_batched(
                || {
                    let mut typing = Typing::default();
                    searcher.search_typing(&before, None, &mut typing);
                    typing
                },
                |mut typing| searcher.search_typing(black_box(&last), None, &mut typing).len(),
                BatchSize::PerIteration,
            )
        });
    }
    // Typing another word: the refined query only looks at the previous results.
    let previous: Vec<usize> = searcher.search(&Query::parse("bank"), None).iter().map(|r| r.index).collect();
    let refined = Query::parse("bank rate");
    group.bench_function(BenchmarkId::new("refine_bank_to_bank_rate", corpus.len()), |b| {
        b.iter(|| searcher.search(black_box(&refined), Some(&previous)).len())
    });
    // The same query searched afresh, for comparison.
    group.bench_function(BenchmarkId::new("fresh_bank_rate", corpus.len()), |b| {
        b.iter(|| searcher.search(black_box(&refined), None).len())
    });
    // Without the word index (every body scanned), in the same run: what the index saves.
    for (label, q) in [("one_word_scan", "market"), ("fresh_bank_rate_scan", "bank rate")] {
        let query = Query::parse(q);
        group.bench_function(BenchmarkId::new(label, corpus.len()), |b| {
            b.iter(|| searcher.search_by_scan(black_box(&query), None).len())
        });
    }
    group.finish();
}

fn synthetic(c: &mut Criterion) {
    for n in [1_000, 10_000, 100_000] {
        let corpus = synth::corpus(n, 42);
        bench_corpus(c, "synthetic", &corpus);
    }
}

fn bbc(c: &mut Criterion) {
    let corpus = synth::shared_corpus(env!("CARGO_MANIFEST_DIR"), "bbc");
    bench_corpus(c, "bbc", &corpus);
}

fn build_index(c: &mut Criterion) {
    let build = |corpus: &Arc<Corpus>| Searcher::shared(Arc::clone(black_box(corpus))).index().docs.len();
    let corpus = Arc::new(synth::corpus(10_000, 42));
    c.bench_function("build_index_10k", |b| b.iter(|| build(&corpus)));
    let corpus = Arc::new(synth::corpus(100_000, 42));
    let mut group = c.benchmark_group("build_index");
    group.sample_size(10);
    group.bench_function("100k", |b| b.iter(|| build(&corpus)));
    group.finish();
}

criterion_group!(benches, synthetic, bbc, build_index);
criterion_main!(benches);
