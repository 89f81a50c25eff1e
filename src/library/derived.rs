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

/// What was derived depends on the scorer and its word tables as well as on the text: bump this
/// when the same text would give another grounding or signature (1: conflicts counted; 2:
/// rankings, open decisions, rough figures; 3: forecasts of what the facts forecast, times of
/// day, phrasal directions; 4: negation conflicts on, "up from", comparatives before numbers,
/// "should", promises, "the most").
const DERIVED_VERSION: u64 = 4;

/// A content hash as stored, stamped with [`DERIVED_VERSION`] (and read back through the same
/// function): an entry another version derived reads back as a hash no article has, so it is
/// stale and computed again, like an edited article's.
fn stamp(hash: u64) -> u64 {
    hash ^ DERIVED_VERSION.wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

impl Library {
    /// Stored signatures by key: (content hash, terms).
    pub fn signatures(&self) -> rusqlite::Result<HashMap<String, (u64, Vec<String>)>> {
        let mut stmt = self.conn().prepare("SELECT key, hash, terms FROM signatures")?;
        let rows = stmt.query_map([], |r| {
            let terms: String = r.get(2)?;
            let terms = terms.split('\n').filter(|t| !t.is_empty()).map(String::from).collect();
            Ok((r.get::<_, String>(0)?, (stamp(r.get::<_, i64>(1)? as u64), terms)))
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
                    stmt.execute(params![key, stamp(*hash) as i64, terms.join("\n")])?;
                }
            }
            tx.commit()?;
        }
        Ok(())
    }

    /// Stored groundings by key: (content hash, grounding; `None` for no insight section).
    pub fn groundings(&self) -> rusqlite::Result<HashMap<String, (u64, Option<Grounding>)>> {
        let mut stmt = self
            .conn()
            .prepare("SELECT key, hash, supported, weak, unsupported, conflicting FROM grounding")?;
        let rows = stmt.query_map([], |r| {
            let supported: Option<u32> = r.get(2)?;
            let g = match supported {
                Some(supported) => Some(Grounding {
                    supported,
                    weak: r.get(3)?,
                    unsupported: r.get(4)?,
                    conflicting: r.get(5)?,
                }),
                None => None,
            };
            Ok((r.get::<_, String>(0)?, (stamp(r.get::<_, i64>(1)? as u64), g)))
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
                    "INSERT INTO grounding (key, hash, supported, weak, unsupported, conflicting)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                     ON CONFLICT (key) DO UPDATE SET hash = ?2, supported = ?3, weak = ?4,
                       unsupported = ?5, conflicting = ?6",
                )?;
                for (key, hash, g) in chunk {
                    stmt.execute(params![
                        key,
                        stamp(*hash) as i64,
                        g.map(|g| g.supported),
                        g.map_or(0, |g| g.weak),
                        g.map_or(0, |g| g.unsupported),
                        g.map_or(0, |g| g.conflicting),
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
    let cmp = Comparer::default();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_of_another_version_read_back_stale() {
        let dir = tempfile::tempdir().unwrap();
        let (lib, _) = Library::open(&dir.path().join("library.sqlite3"));
        let mut lib = lib.unwrap();
        let g = Grounding { supported: 1, weak: 0, unsupported: 0, conflicting: 1 };
        lib.store_groundings(&[("/a", 42, Some(g))]).unwrap();
        assert_eq!(lib.groundings().unwrap()["/a"], (42, Some(g)), "read back as stored");
        // An entry written unstamped (by the version before the stamp) is stale.
        lib.conn().execute("UPDATE grounding SET hash = 42", []).unwrap();
        assert_ne!(lib.groundings().unwrap()["/a"].0, 42);
        lib.store_signatures(&[("/a", 42, &["t".to_string()])]).unwrap();
        assert_eq!(lib.signatures().unwrap()["/a"].0, 42);
        lib.conn().execute("UPDATE signatures SET hash = 42", []).unwrap();
        assert_ne!(lib.signatures().unwrap()["/a"].0, 42);
    }
}
