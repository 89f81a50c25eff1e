//! Related articles over a 100,000-article library (issue 14, target ≤ 20 ms per article):
//! the 2,225 BBC articles plus 97,775 articles made of sentences drawn at random from them, so
//! the candidate index sees real vocabulary and every BBC story has dozens of partial copies
//! to rank. Building the index (signatures of 100,000 articles) is setup, as in the library,
//! where signatures are stored when articles are added.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use triptych::compare::Comparer;
use triptych::related::{signature, Relations, TermIndex};
use triptych::synth::{self, Rng};
use triptych::{Article, Corpus};

const TOTAL: usize = 100_000;

fn library() -> Corpus {
    let bbc = synth::shared_corpus(env!("CARGO_MANIFEST_DIR"), "bbc");
    let sentences: Vec<&str> =
        bbc.articles().iter().flat_map(|a| a.body.iter().flat_map(|p| p.split_inclusive(". "))).collect();
    let mut rng = Rng::new(14);
    let mut articles: Vec<Article> = bbc.articles().to_vec();
    for n in articles.len()..TOTAL {
        let body = (0..4)
            .map(|_| {
                (0..4).map(|_| sentences[rng.below(sentences.len())].trim()).collect::<Vec<_>>().join(" ")
            })
            .collect();
        articles.push(Article {
            id: format!("mix-{n}"),
            key: format!("mix/{n}"),
            title: sentences[rng.below(sentences.len())].chars().take(60).collect(),
            body,
            ..Article::default()
        });
    }
    Corpus::new(articles)
}

fn related(c: &mut Criterion) {
    let corpus = library();
    let sigs: Vec<Vec<String>> = triptych::parallel::map_chunks(corpus.articles(), 64, |c| {
        c.iter().map(signature::of_article).collect()
    });
    let relations = Relations::new(&corpus, &sigs, Comparer::default());
    eprintln!("{} articles indexed", corpus.len());
    let mut group = c.benchmark_group("related");
    group.sample_size(20);
    // The first 50 BBC business articles in turn: one `related` call per iteration.
    let mut next = 0;
    group.bench_function("related_one_article_of_100000", |b| {
        b.iter(|| {
            next = (next + 1) % 50;
            relations.related(black_box(next), 10).len()
        })
    });
    // The index step alone: candidates for one article from its signature.
    let mut index = TermIndex::default();
    for (a, terms) in corpus.articles().iter().zip(&sigs) {
        index.insert(&a.key, terms);
    }
    group.bench_function("candidates_one_article_of_100000", |b| {
        b.iter(|| {
            next = (next + 1) % 50;
            index.candidates(black_box(&sigs[next]), Some(&corpus.articles()[next].key), 6).len()
        })
    });
    group.finish();
}

criterion_group!(benches, related);
criterion_main!(benches);
