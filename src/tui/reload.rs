//! `e` came back: the article's file was read again (by the event loop, through the loader and
//! its rules) and the new text takes the old one's place. The selection, the marks (kept by
//! key) and where each text pane was are kept; what was computed from the old text is asked for
//! again, as when the corpus is replaced. Pure over the App.

use super::anchor;
use super::search::SearchRequest;
use crate::library::TextPane;
use crate::{Article, Corpus};

impl super::app::App {
    /// Shows `article`, the article with key `article.key` read again. Returns the applied
    /// search, to run again. Nothing changes when the text is the same or the key is gone.
    pub fn reloaded(&mut self, article: Article) -> Option<SearchRequest> {
        let i = self.corpus.index_of_key(&article.key)?;
        let old = &self.corpus.articles()[i];
        if old.hash == article.hash {
            return None;
        }
        // Where each pane was, as positions with anchors: found again in the new text.
        let kept = [(TextPane::Body, &self.body), (TextPane::Insight, &self.insight)].map(|(pane, view)| {
            (view.article == Some(i))
                .then(|| anchor::position(old, pane, view.wrapped.offset_at(old, view.scroll)))
        });
        let mut corpus = Corpus::clone(&self.corpus);
        if !corpus.replace_text(i, article) {
            return None;
        }
        let search = self.replace_corpus(corpus);
        // `replace_corpus` kept the selection (by key); put each pane where its text went.
        let j = self.corpus.index_of_key(&self.corpus.articles()[i].key).unwrap_or(i);
        let new = &self.corpus.articles()[j];
        let mut offsets = self.kept.get(&j).copied().unwrap_or_default();
        for (slot, at) in kept.into_iter().enumerate() {
            if let Some(at) = at {
                offsets[slot] = anchor::locate(new, at);
            }
        }
        self.kept.insert(j, offsets);
        self.body = Default::default();
        self.insight = Default::default();
        self.sync();
        search
    }
}
