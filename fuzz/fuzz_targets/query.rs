//! The query language and search: any query over a small corpus, no panic; every highlight
//! and snippet lands on character boundaries.
#![no_main]
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use triptych::search::{self, Query, Searcher};
use triptych::Corpus;

fn corpus() -> &'static (Corpus, Searcher) {
    static C: OnceLock<(Corpus, Searcher)> = OnceLock::new();
    C.get_or_init(|| {
        let corpus = triptych::load::load_seeds().corpus;
        let searcher = Searcher::new(&corpus);
        (corpus, searcher)
    })
}

fuzz_target!(|q: &str| {
    let (corpus, searcher) = corpus();
    let query = Query::parse(q);
    for r in searcher.search(&query, None).iter().take(3) {
        let a = &corpus.articles()[r.index];
        for h in search::highlights(a, &query) {
            let text = match h.field {
                search::Field::Title => &a.title,
                search::Field::Body => &a.body[h.paragraph],
                search::Field::Insight => &a.insight[h.paragraph],
                _ => continue,
            };
            assert!(text.is_char_boundary(h.start) && text.is_char_boundary(h.end));
        }
        if let Some(hit) = searcher.first_hit(corpus, r, &query) {
            if let Some(s) = search::snippet(a, &hit, 40) {
                assert!(s.text.is_char_boundary(s.mark.start) && s.text.is_char_boundary(s.mark.end));
            }
        }
    }
});
