//! What triptych derives from an article's text and keeps, keyed by the article's key and
//! content hash: its signature for the related-articles index, and its grounding. An entry
//! whose hash differs from the article's is stale and recomputed; a start with nothing
//! changed computes nothing. Computing runs on all cores; storing is one transaction per
//! chunk, so an interrupted run keeps what it finished.

use std::collections::HashMap;

use rusqlite::{params, TransactionBehavior};

use super::Library;
use crate::compare::Comparer;
use crate::grounding::Grounding;
use crate::related::signature;
use crate::{Article, Corpus};

/// Rows written per transaction.
const STORE_CHUNK: usize = 2_000;
/// Articles are processed on all cores once there are at least this many.
const PARALLEL_MIN: usize = 32;

impl Library {
    /// Stored signatures by key: (content hash, terms).
    pub fn signatures(&self) -> rusqlite::Result<HashMap<String, (u64, Vec<String>)>> {
        let mut stmt = self.conn().prepare("SELECT key, hash, terms FROM signatures")?;
        let rows = stmt.query_map([], |r| {
            let terms: String = r.get(2)?;
            let terms = terms.split('\n').filter(|t| !t.is_empty()).map(String::from).collect();
            Ok((r.get::<_, String>(0)?, (r.get::<_, i64>(1)? as u64, terms)))
        })?;
        rows.collect()
    }

    pub fn store_signatures(&mut self, rows: &[(&str, u64, &[String])]) -> rusqlite::Result<()> {
        if self.is_read_only() {
            return Ok(());
        }
        for chunk in rows.chunks(STORE_CHUNK) {
            let tx = self.conn_mut().transaction_with_behavior(TransactionBehavior::Immediate)?;
            {
                let mut stmt = tx.prepare(
                    "INSERT INTO signatures (key, hash, terms) VALUES (?1, ?2, ?3)
                     ON CONFLICT (key) DO UPDATE SET hash = ?2, terms = ?3",
                )?;
                for (key, hash, terms) in chunk {
                    stmt.execute(params![key, *hash as i64, terms.join("\n")])?;
                }
            }
            tx.commit()?;
        }
        Ok(())
    }

    /// Stored groundings by key: (content hash, grounding; `None` for no insight section).
    pub fn groundings(&self) -> rusqlite::Result<HashMap<String, (u64, Option<Grounding>)>> {
        let mut stmt =
            self.conn().prepare("SELECT key, hash, supported, weak, unsupported FROM grounding")?;
        let rows = stmt.query_map([], |r| {
            let supported: Option<u32> = r.get(2)?;
            let g = match supported {
                Some(supported) => Some(Grounding { supported, weak: r.get(3)?, unsupported: r.get(4)? }),
                None => None,
            };
            Ok((r.get::<_, String>(0)?, (r.get::<_, i64>(1)? as u64, g)))
        })?;
        rows.collect()
    }

    pub fn store_groundings(&mut self, rows: &[(&str, u64, Option<Grounding>)]) -> rusqlite::Result<()> {
        if self.is_read_only() {
            return Ok(());
        }
        for chunk in rows.chunks(STORE_CHUNK) {
            let tx = self.conn_mut().transaction_with_behavior(TransactionBehavior::Immediate)?;
            {
                let mut stmt = tx.prepare(
                    // The `conflicting` column stays 0: grounding does not count conflicts.
                    "INSERT INTO grounding (key, hash, supported, weak, unsupported, conflicting)
                     VALUES (?1, ?2, ?3, ?4, ?5, 0)
                     ON CONFLICT (key) DO UPDATE SET hash = ?2, supported = ?3, weak = ?4,
                       unsupported = ?5",
                )?;
                for (key, hash, g) in chunk {
                    stmt.execute(params![
                        key,
                        *hash as i64,
                        g.map(|g| g.supported),
                        g.map_or(0, |g| g.weak),
                        g.map_or(0, |g| g.unsupported),
                    ])?;
                }
            }
            tx.commit()?;
        }
        Ok(())
    }
}

/// Every article's value: from `stored` where its hash matches, else computed with `compute`
/// (on all cores). Returns the values in corpus order and the indexes that were computed.
fn fill<T: Clone + Send + Sync>(
    corpus: &Corpus,
    stored: &HashMap<String, (u64, T)>,
    compute: impl Fn(&Article) -> T + Sync,
) -> (Vec<T>, Vec<usize>) {
    let articles = corpus.articles();
    let missing: Vec<usize> = (0..articles.len())
        .filter(|&i| stored.get(&articles[i].key).is_none_or(|(h, _)| *h != articles[i].hash))
        .collect();
    let computed = crate::parallel::map_chunks(&missing, PARALLEL_MIN, |chunk| {
        chunk.iter().map(|&i| compute(&articles[i])).collect()
    });
    let mut fresh: HashMap<usize, T> = missing.iter().copied().zip(computed).collect();
    let values = (0..articles.len())
        .map(|i| fresh.remove(&i).unwrap_or_else(|| stored[&articles[i].key].1.clone()))
        .collect();
    (values, missing)
}

/// Every article's signature, taken from the library where unchanged; new and edited
/// articles' signatures are computed and stored. Returns them in corpus order, with a warning
/// when the library could not be read or written (the signatures are right either way).
pub fn signatures(corpus: &Corpus, library: Option<&mut Library>) -> (Vec<Vec<String>>, Option<String>) {
    let mut warning = None;
    let stored = match library.as_ref().map(|l| l.signatures()) {
        Some(Ok(s)) => s,
        Some(Err(e)) => {
            warning = Some(format!("cannot read the related-articles index: {e}"));
            HashMap::new()
        }
        None => HashMap::new(),
    };
    let (sigs, computed) = fill(corpus, &stored, signature::of_article);
    if let Some(lib) = library.filter(|_| !computed.is_empty()) {
        let a = corpus.articles();
        let rows: Vec<(&str, u64, &[String])> =
            computed.iter().map(|&i| (a[i].key.as_str(), a[i].hash, sigs[i].as_slice())).collect();
        if let Err(e) = lib.store_signatures(&rows) {
            warning = Some(format!("cannot store the related-articles index: {e}"));
        }
    }
    (sigs, warning)
}

/// Every article's grounding, like [`signatures`].
pub fn groundings(
    corpus: &Corpus,
    library: Option<&mut Library>,
) -> (Vec<Option<Grounding>>, Option<String>) {
    let mut warning = None;
    let stored = match library.as_ref().map(|l| l.groundings()) {
        Some(Ok(s)) => s,
        Some(Err(e)) => {
            warning = Some(format!("cannot read stored groundings: {e}"));
            HashMap::new()
        }
        None => HashMap::new(),
    };
    let cmp = Comparer::per_article();
    let (values, computed) = fill(corpus, &stored, |a| Grounding::of_article(&cmp, a));
    if let Some(lib) = library.filter(|_| !computed.is_empty()) {
        let a = corpus.articles();
        let rows: Vec<(&str, u64, Option<Grounding>)> =
            computed.iter().map(|&i| (a[i].key.as_str(), a[i].hash, values[i])).collect();
        if let Err(e) = lib.store_groundings(&rows) {
            warning = Some(format!("cannot store groundings: {e}"));
        }
    }
    (values, warning)
}
