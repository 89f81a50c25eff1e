//! The candidate index: an inverted index from term to the articles whose signature holds it.
//! Answering "which articles share rare terms with this one" costs the postings of the
//! article's rarer terms only; the comparison's scorer then ranks the few candidates.
//! Articles are added, replaced and removed one at a time.

use rustc_hash::FxHashMap;

/// A term in more than this share of the articles (and more than `MIN_COMMON` of them) says
/// little about which story an article reports: its postings are not read.
const COMMON_SHARE: f64 = 0.01;
const MIN_COMMON: usize = 40;
/// Only an article's rarest terms are looked up: they name its story, and reading the
/// postings of every term would cost time in proportion to the library.
const QUERY_TERMS: usize = 40;

#[derive(Debug, Default)]
pub struct TermIndex {
    terms: FxHashMap<String, u32>,
    postings: Vec<Vec<u32>>,
    docs: Vec<Option<Doc>>,
    by_key: FxHashMap<String, u32>,
    live: usize,
}

#[derive(Debug)]
struct Doc {
    key: String,
    terms: Vec<u32>,
}

/// One candidate: its key and how much rare vocabulary it shares.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub key: String,
    pub score: f64,
}

impl TermIndex {
    pub fn len(&self) -> usize {
        self.live
    }

    pub fn is_empty(&self) -> bool {
        self.live == 0
    }

    pub fn contains(&self, key: &str) -> bool {
        self.by_key.contains_key(key)
    }

    /// Adds the article `key` with its signature, replacing what it had.
    pub fn insert(&mut self, key: &str, terms: &[String]) {
        self.remove(key);
        let doc = self.docs.len() as u32;
        let mut ids: Vec<u32> = terms
            .iter()
            .map(|t| {
                let next = self.terms.len() as u32;
                let id = *self.terms.entry(t.clone()).or_insert(next);
                if id as usize == self.postings.len() {
                    self.postings.push(Vec::new());
                }
                id
            })
            .collect();
        ids.sort_unstable();
        ids.dedup();
        for &t in &ids {
            self.postings[t as usize].push(doc);
        }
        self.docs.push(Some(Doc { key: key.to_string(), terms: ids }));
        self.by_key.insert(key.to_string(), doc);
        self.live += 1;
    }

    /// Forgets the article `key`, if present.
    pub fn remove(&mut self, key: &str) {
        let Some(doc) = self.by_key.remove(key) else { return };
        if let Some(d) = self.docs[doc as usize].take() {
            for t in d.terms {
                self.postings[t as usize].retain(|&x| x != doc);
            }
            self.live -= 1;
        }
    }

    /// Articles sharing rare terms with `terms`, best first, at most `limit`, leaving out
    /// `exclude`. Each of the `QUERY_TERMS` rarest terms counts its inverse document
    /// frequency; the sum is divided by the square root of the candidate's signature size, so
    /// long articles do not win by length.
    pub fn candidates(&self, terms: &[String], exclude: Option<&str>, limit: usize) -> Vec<Candidate> {
        let n = self.live.max(1) as f64;
        let common = MIN_COMMON.max((n * COMMON_SHARE) as usize);
        let skip = exclude.and_then(|k| self.by_key.get(k)).copied();
        let mut rare: Vec<&Vec<u32>> = terms
            .iter()
            .filter_map(|t| self.terms.get(t))
            .map(|&id| &self.postings[id as usize])
            .filter(|p| !p.is_empty() && p.len() <= common)
            .collect();
        // A term only the article itself has proposes nothing: skip it before choosing.
        rare.retain(|p| p.len() > 1 || skip.is_none_or(|s| p[0] != s));
        rare.sort_by_key(|p| p.len());
        rare.truncate(QUERY_TERMS);
        let mut acc: FxHashMap<u32, f64> = FxHashMap::default();
        for posting in rare {
            let idf = (n / posting.len() as f64).ln() + 1.0;
            for &d in posting {
                if Some(d) != skip {
                    *acc.entry(d).or_default() += idf;
                }
            }
        }
        let mut out: Vec<(u32, f64)> = acc
            .into_iter()
            .map(|(d, s)| {
                let size = self.docs[d as usize].as_ref().map_or(1, |doc| doc.terms.len().max(1));
                (d, s / (size as f64).sqrt())
            })
            .collect();
        out.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        out.truncate(limit);
        out.into_iter()
            .filter_map(|(d, score)| {
                let doc = self.docs[d as usize].as_ref()?;
                Some(Candidate { key: doc.key.clone(), score })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn ranks_by_shared_rare_terms_and_follows_replacements() {
        let mut ix = TermIndex::default();
        ix.insert("a", &terms("glazer unit offer board club"));
        ix.insert("b", &terms("glazer unit offer shares"));
        ix.insert("c", &terms("oil crude barrel opec"));
        let c = ix.candidates(&terms("glazer unit offer"), Some("a"), 5);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].key, "b");
        ix.insert("b", &terms("oil crude"));
        assert!(ix.candidates(&terms("glazer offer"), Some("a"), 5).is_empty());
        ix.remove("c");
        assert_eq!(ix.len(), 2);
        let c = ix.candidates(&terms("oil opec"), None, 5);
        assert_eq!(c.iter().map(|c| c.key.as_str()).collect::<Vec<_>>(), ["b"]);
    }
}
