//! "Corpus replaced": the reader swaps in a new corpus (after `r` fetched feeds) without a
//! restart. Everything that holds corpus indices is carried over by article key — the
//! selection, the jump-back target, where each visited article was left, the search results,
//! the comparison and the related list — and what was computed from the old corpus is asked for
//! again: `corpus_epoch` moves on, so the event loop starts fresh workers (search, compare,
//! related, gauges) on the new corpus, and answers from the old ones are dropped. Pure over the
//! App, like `update`.

use std::collections::HashMap;
use std::sync::Arc;

use super::app::{App, TextView};
use super::gauges::Gauges;
use super::related::RelatedRequest;
use super::search::SearchRequest;
use crate::Corpus;

impl App {
    /// Shows `corpus` in place of the current one. Articles whose keys the old corpus did not
    /// have are marked new. Returns the applied search, to run again on the new corpus.
    pub fn replace_corpus(&mut self, corpus: Corpus) -> Option<SearchRequest> {
        let old = Arc::clone(&self.corpus);
        // Where the open article was left, as switching articles keeps it.
        for i in [self.body.article, self.insight.article].into_iter().flatten() {
            self.keep_position(i);
        }
        let selected = self.article().map(|a| a.key.clone());
        for a in corpus.articles() {
            if old.index_of_key(&a.key).is_none() {
                self.feeds.new.insert(a.key.clone());
            }
        }
        // An old index to the new one: the same key. Text-dependent state (positions, search
        // hits, comparisons) also wants the same content.
        let remap = |i: usize| corpus.index_of_key(&old.articles()[i].key);
        let same = |i: usize| remap(i).filter(|&j| corpus.articles()[j].hash == old.articles()[i].hash);

        self.kept = std::mem::take(&mut self.kept)
            .into_iter()
            .filter_map(|(i, k)| same(i).map(|j| (j, k)))
            .collect::<HashMap<_, _>>();
        self.jump_back = self.jump_back.and_then(remap);
        self.reading.opened = self.reading.opened.and_then(remap);
        // Wrapped afresh for the new corpus, opening where each article was left.
        self.body = TextView::default();
        self.insight = TextView::default();

        if let Some(state) = self.compare.as_mut() {
            // A comparison received for unchanged text stands; anything else is asked again.
            state.article = state.article.filter(|_| !state.pending).and_then(same);
            // Outside links point into the old library: asked for again.
            state.outside.clear();
            state.outside_asked = None;
        }
        self.compare_request = None;
        self.outside_request = None;
        self.comparer = None;
        if let Some(view) = self.related.as_mut() {
            match remap(view.article) {
                Some(article) => {
                    view.article = article;
                    view.found = None;
                    view.selected = 0;
                }
                None => self.related = None,
            }
        }

        // Results stay for unchanged articles until the search is answered again.
        self.all_results.retain_mut(|r| match same(r.index) {
            Some(j) => {
                r.index = j;
                true
            }
            None => false,
        });
        self.search.hits_key = None;
        let search = self.search.is_filtering().then(|| {
            self.search.generation += 1;
            SearchRequest {
                generation: self.search.generation,
                query: self.search.applied.clone(),
                within: None,
            }
        });

        let keep = selected.and_then(|k| corpus.index_of_key(&k));
        self.gauges.abandon();
        self.gauges = Arc::new(Gauges::new(corpus.len()));
        self.has_sources = corpus.articles().iter().any(|a| a.source.is_some());
        self.corpus = Arc::new(corpus);
        self.corpus_epoch += 1;
        self.related_request =
            self.related.as_ref().map(|v| RelatedRequest { article: v.article, epoch: self.corpus_epoch });
        self.rebuild_view(keep);
        search
    }
}
