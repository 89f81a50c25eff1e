//! Grounding gauges for the article list (`●●●○ 3/4`), filled in the background: stored
//! groundings are read from the library first, the rest computed a chunk at a time and stored,
//! each chunk waking the event loop to redraw. The list shows what is ready; drawing never
//! waits for a comparison.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use std::thread;

use crate::compare::Comparer;
use crate::grounding::Grounding;
use crate::library::Library;
use crate::Corpus;

/// Articles computed between redraws (and per library transaction).
const CHUNK: usize = 256;

/// One slot per article: empty until known; then `None` when it has no insight.
#[derive(Debug, Default)]
pub struct Gauges {
    slots: Vec<OnceLock<Option<Grounding>>>,
    ready: AtomicUsize,
    /// Set when the reader replaced the corpus: the filling thread stops.
    abandoned: AtomicBool,
}

impl Gauges {
    pub fn new(articles: usize) -> Self {
        Gauges {
            slots: (0..articles).map(|_| OnceLock::new()).collect(),
            ready: AtomicUsize::new(0),
            abandoned: AtomicBool::new(false),
        }
    }

    /// Tells the filling thread to stop: nobody will look at these gauges again.
    pub fn abandon(&self) {
        self.abandoned.store(true, Ordering::Relaxed);
    }

    /// Article `i`'s grounding once known (`Some(None)`: nothing to ground).
    pub fn get(&self, i: usize) -> Option<Option<Grounding>> {
        self.slots.get(i)?.get().copied()
    }

    pub fn set(&self, i: usize, g: Option<Grounding>) {
        if self.slots.get(i).is_some_and(|s| s.set(g).is_ok()) {
            self.ready.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// (known, total).
    pub fn progress(&self) -> (usize, usize) {
        (self.ready.load(Ordering::Relaxed), self.slots.len())
    }

    /// Filling, once the first gauges are in: "grounding 40%". (Before that, and with no
    /// filling thread at all, nothing is said.)
    pub fn status(&self) -> Option<String> {
        let (ready, total) = self.progress();
        (ready > 0 && ready < total).then(|| format!("grounding {}%", ready * 100 / total))
    }
}

/// Fills `gauges` for `corpus` on a thread of its own, with a library connection of its own
/// at `library` (if any) to read and store groundings; `wake` is called after each chunk.
pub fn spawn(
    corpus: Arc<Corpus>,
    gauges: Arc<Gauges>,
    library: Option<PathBuf>,
    wake: impl Fn() + Send + 'static,
) {
    thread::spawn(move || {
        let mut lib = library.and_then(|p| Library::open(&p).0);
        let stored = lib.as_ref().and_then(|l| l.groundings().ok()).unwrap_or_default();
        let mut missing = Vec::new();
        for (i, a) in corpus.articles().iter().enumerate() {
            match stored.get(&a.key) {
                Some((hash, g)) if *hash == a.hash => gauges.set(i, *g),
                _ => missing.push(i),
            }
        }
        wake();
        let cmp = Comparer::default();
        for chunk in missing.chunks(CHUNK) {
            if gauges.abandoned.load(Ordering::Relaxed) {
                return;
            }
            let mut rows = Vec::with_capacity(chunk.len());
            for &i in chunk {
                let a = &corpus.articles()[i];
                let g = Grounding::of_article(&cmp, a);
                gauges.set(i, g);
                rows.push((a.key.as_str(), a.hash, g));
            }
            // A library that cannot be written only means computing again next time.
            if let Some(l) = lib.as_mut() {
                if l.store_groundings(&rows).is_err() {
                    lib = None;
                }
            }
            wake();
        }
        // The comparisons' working memory, freed a chunk at a time among the texts.
        if !missing.is_empty() {
            super::heap::give_back();
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_every_article_and_stores_for_next_time() {
        let corpus = Arc::new(crate::load::load_seeds().corpus);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("library.sqlite3");
        let gauges = Arc::new(Gauges::new(corpus.len()));
        let (tx, rx) = std::sync::mpsc::channel();
        spawn(Arc::clone(&corpus), Arc::clone(&gauges), Some(path.clone()), move || {
            let _ = tx.send(());
        });
        while gauges.progress().0 < corpus.len() {
            rx.recv().unwrap();
        }
        let cmp = Comparer::default();
        for (i, a) in corpus.articles().iter().enumerate() {
            assert_eq!(gauges.get(i), Some(Grounding::of_article(&cmp, a)), "{}", a.id);
        }
        let stored = Library::open(&path).0.unwrap().groundings().unwrap();
        assert_eq!(stored.len(), corpus.len());
    }
}
