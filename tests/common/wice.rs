//! The WiCE dev sample (`../shared/benchmarks/wice-dev/`) and its metrics, exactly as that
//! folder's README defines them, for any method that ranks body lines for a claim. Shared by
//! `tests/wice_eval.rs` and `examples/tune.rs` (which includes this file by path).
#![allow(dead_code)]

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;

use serde::Deserialize;
use triptych::compare::{Comparer, Comparison, Params, Verdict};
use triptych::{Article, Corpus};

#[derive(Deserialize)]
struct GoldFile {
    examples: Vec<Example>,
}

#[derive(Deserialize, Clone)]
pub struct Example {
    pub file: String,
    pub label: String,
    pub claim: String,
    pub supporting_sets: Vec<Vec<usize>>,
    pub gold_sentences: BTreeMap<String, String>,
    pub line_to_wice: Vec<usize>,
}

pub struct Wice {
    pub examples: Vec<Example>,
    /// One article per example, its body paragraphs being the page's lines.
    pub corpus: Corpus,
}

pub fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/benchmarks/wice-dev")
}

/// Loads the sample; panics naming the folder when it is missing.
pub fn load() -> Wice {
    let dir = dir();
    let gold = std::fs::read_to_string(dir.join("gold.json")).unwrap_or_else(|e| {
        panic!(
            "the WiCE dev sample is missing: cannot read {}/gold.json ({e}); it lives in \
             ../shared/benchmarks/wice-dev beside the project root",
            dir.display()
        )
    });
    let gold: GoldFile = serde_json::from_str(&gold).expect("gold.json parses");
    let articles = gold
        .examples
        .iter()
        .map(|e| {
            let text = std::fs::read_to_string(dir.join(&e.file)).expect("article readable");
            let mut a = triptych::parse::seed::parse(&text).expect("article parses");
            a.id = e.file.trim_start_matches("articles/").trim_end_matches(".txt").to_string();
            a.normalize();
            assert_eq!(a.body.len(), e.line_to_wice.len(), "{}: one body paragraph per line", e.file);
            assert!(!a.insight.is_empty(), "{}: the insight is the claim", e.file);
            a
        })
        .collect();
    Wice { examples: gold.examples, corpus: Corpus::new(articles) }
}

/// What a method says about one claim: body lines ranked best first with their scores, the
/// lines it links, and whether it calls the claim supported.
pub struct Output {
    pub ranked: Vec<(usize, f64)>,
    pub links: Vec<usize>,
    pub supported: bool,
}

impl Output {
    /// triptych's comparison seen line by line: every claim's links (a claim may be split into
    /// several sentences), ranked by score; supported when any claim is.
    pub fn from_comparison(c: &Comparison) -> Output {
        let mut best: HashMap<usize, f64> = HashMap::new();
        for l in c.insights.iter().flat_map(|s| &s.links) {
            let line = c.facts[l.fact].paragraph;
            let e = best.entry(line).or_insert(0.0);
            *e = e.max(l.score);
        }
        let mut ranked: Vec<(usize, f64)> = best.into_iter().collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let top = c.insights.iter().map(|s| s.best).fold(0.0, f64::max);
        let supported = c.insights.iter().any(|s| s.verdict == Verdict::Supported);
        let links = ranked.iter().map(|r| r.0).collect();
        // The best score stands first even when no link passed the threshold (for AUC).
        if ranked.is_empty() {
            ranked.push((usize::MAX, top));
        }
        Output { ranked, links, supported }
    }

    fn best(&self) -> f64 {
        self.ranked.first().map_or(0.0, |r| r.1)
    }
}

/// The README's figures.
#[derive(Debug, Clone, Copy, Default)]
pub struct Figures {
    pub p: f64,
    pub r: f64,
    pub f1: f64,
    pub hit1: f64,
    pub hit3: f64,
    pub ba: f64,
    pub auc: f64,
}

impl Figures {
    pub fn row(&self, name: &str) -> String {
        format!(
            "| {name} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2} |",
            self.p, self.r, self.f1, self.hit1, self.hit3, self.ba, self.auc
        )
    }
}

pub const HEADER: &str =
    "| method | P | R | F1 | Hit@1 | Hit@3 | BA | AUC |\n|---|---|---|---|---|---|---|---|";

/// Scores `outputs` (one per example, in order) against the gold labels.
pub fn figures(w: &Wice, outputs: &[Output]) -> Figures {
    assert_eq!(outputs.len(), w.examples.len());
    figures_at(w, outputs, &(0..outputs.len()).collect::<Vec<_>>())
}

/// The figures over the examples `picks` names (repeats allowed: a bootstrap resample).
pub fn figures_at(w: &Wice, outputs: &[Output], picks: &[usize]) -> Figures {
    let (mut linked, mut linked_gold, mut recall_sum, mut n) = (0usize, 0usize, 0.0, 0usize);
    let (mut hit1, mut hit3) = (0usize, 0usize);
    let mut pos: Vec<f64> = Vec::new();
    let mut neg: Vec<f64> = Vec::new();
    let (mut tp, mut tn) = (0usize, 0usize);
    for &i in picks {
        let (e, out, a) = (&w.examples[i], &outputs[i], &w.corpus.articles()[i]);
        match e.label.as_str() {
            "supported" => {
                pos.push(out.best());
                tp += usize::from(out.supported);
            }
            "not_supported" => {
                neg.push(out.best());
                tn += usize::from(!out.supported);
            }
            _ => {}
        }
        if e.label == "not_supported" {
            continue;
        }
        // A line is gold when its sentence is in a supporting set, or it repeats a gold line.
        let gold_text: HashSet<&str> = e.gold_sentences.values().map(|s| s.trim()).collect();
        let sentence_of = |line: usize| -> Option<usize> {
            let wice = *e.line_to_wice.get(line)?;
            if e.gold_sentences.contains_key(&wice.to_string()) {
                return Some(wice);
            }
            let text = a.body[line].trim();
            e.gold_sentences.iter().find(|(_, t)| t.trim() == text).and_then(|(k, _)| k.parse().ok())
        };
        let is_gold = |line: usize| {
            line != usize::MAX && (sentence_of(line).is_some() || gold_text.contains(a.body[line].trim()))
        };
        n += 1;
        linked += out.links.len();
        linked_gold += out.links.iter().filter(|&&l| is_gold(l)).count();
        let covered: HashSet<usize> = out.links.iter().filter_map(|&l| sentence_of(l)).collect();
        recall_sum += e
            .supporting_sets
            .iter()
            .map(|s| s.iter().filter(|i| covered.contains(i)).count() as f64 / s.len().max(1) as f64)
            .fold(0.0, f64::max);
        hit1 += usize::from(out.ranked.iter().take(1).any(|r| is_gold(r.0)));
        hit3 += usize::from(out.ranked.iter().take(3).any(|r| is_gold(r.0)));
    }
    assert!(n > 0 && !pos.is_empty() && !neg.is_empty(), "a zero denominator is a failure");
    let p = if linked == 0 { 0.0 } else { linked_gold as f64 / linked as f64 };
    let r = recall_sum / n as f64;
    let f1 = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
    let ba = (tp as f64 / pos.len() as f64 + tn as f64 / neg.len() as f64) / 2.0;
    Figures { p, r, f1, hit1: hit1 as f64 / n as f64, hit3: hit3 as f64 / n as f64, ba, auc: auc(&pos, &neg) }
}

/// ROC AUC: the chance that a random positive outscores a random negative (ties count half).
pub fn auc(pos: &[f64], neg: &[f64]) -> f64 {
    let mut wins = 0.0;
    for p in pos {
        for q in neg {
            wins += if p > q {
                1.0
            } else if p == q {
                0.5
            } else {
                0.0
            };
        }
    }
    wins / (pos.len() * neg.len()) as f64
}

/// triptych on every example, each article compared alone.
pub fn triptych_alone(w: &Wice) -> Vec<Output> {
    let cmp = Comparer::default();
    w.corpus.articles().iter().map(|a| Output::from_comparison(&cmp.compare(a))).collect()
}

/// triptych with the whole sample loaded as the corpus.
pub fn triptych_corpus(w: &Wice) -> Vec<Output> {
    let cmp = Comparer::with_corpus(&w.corpus, Params::default());
    w.corpus.articles().iter().map(|a| Output::from_comparison(&cmp.compare(a))).collect()
}

/// Lower-cased alphanumeric words (CJK characters one by one): the baselines' tokens.
pub fn words(t: &str) -> Vec<String> {
    t.split(|c: char| !c.is_alphanumeric())
        .flat_map(|w| {
            if w.chars().any(triptych::compare::tokens::is_cjk) {
                w.chars().map(String::from).collect::<Vec<_>>()
            } else {
                vec![w.to_lowercase()]
            }
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// A baseline's line scores for one article's claim.
pub type LineScorer = fn(&Article) -> Vec<f64>;

/// Jaccard similarity of the claim's word set with each line's.
pub fn jaccard_scores(a: &Article) -> Vec<f64> {
    let q: HashSet<String> = words(&a.insight.join(" ")).into_iter().collect();
    a.body
        .iter()
        .map(|l| {
            let d: HashSet<String> = words(l).into_iter().collect();
            q.intersection(&d).count() as f64 / q.union(&d).count().max(1) as f64
        })
        .collect()
}

/// Okapi BM25 (k1 = 1.2, b = 0.75), the claim as the query, each line a document, IDF over the
/// article's lines.
pub fn bm25_scores(a: &Article) -> Vec<f64> {
    let (k1, b) = (1.2, 0.75);
    let docs: Vec<Vec<String>> = a.body.iter().map(|l| words(l)).collect();
    let n = docs.len() as f64;
    let avg = docs.iter().map(Vec::len).sum::<usize>() as f64 / n.max(1.0);
    let mut df: HashMap<&str, f64> = HashMap::new();
    for d in &docs {
        for t in d.iter().map(String::as_str).collect::<HashSet<_>>() {
            *df.entry(t).or_default() += 1.0;
        }
    }
    let query: HashSet<String> = words(&a.insight.join(" ")).into_iter().collect();
    docs.iter()
        .map(|d| {
            let len = d.len() as f64;
            query
                .iter()
                .map(|q| {
                    let tf = d.iter().filter(|t| *t == q).count() as f64;
                    let df = df.get(q.as_str()).copied().unwrap_or(0.0);
                    let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
                    idf * tf * (k1 + 1.0) / (tf + k1 * (1.0 - b + b * len / avg.max(1.0)))
                })
                .sum()
        })
        .collect()
}

/// A baseline as the WiCE README runs it: every line ranked, the top 3 at or above half the
/// best score linked, "supported" when the best score reaches `threshold`.
pub fn baseline(w: &Wice, scorer: LineScorer, threshold: f64) -> Vec<Output> {
    w.corpus
        .articles()
        .iter()
        .map(|a| {
            let mut ranked: Vec<(usize, f64)> = scorer(a).into_iter().enumerate().collect();
            ranked.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
            let best = ranked.first().map_or(0.0, |r| r.1);
            let links =
                ranked.iter().take(3).filter(|r| r.1 > 0.0 && r.1 >= best / 2.0).map(|r| r.0).collect();
            Output { ranked, links, supported: best >= threshold }
        })
        .collect()
}

/// The baseline with its "supported" threshold picked for the best BA on this sample, as the
/// README's baseline figures were.
pub fn best_baseline(w: &Wice, scorer: LineScorer) -> (Figures, f64) {
    let scores: Vec<f64> =
        w.corpus.articles().iter().map(|a| scorer(a).into_iter().fold(0.0, f64::max)).collect();
    let mut candidates: Vec<f64> = scores.clone();
    candidates.sort_by(f64::total_cmp);
    candidates.dedup();
    let outputs = baseline(w, scorer, f64::INFINITY);
    let mut best = (Figures::default(), 0.0);
    for t in candidates {
        let outs: Vec<Output> = outputs
            .iter()
            .zip(&scores)
            .map(|(o, s)| Output { ranked: o.ranked.clone(), links: o.links.clone(), supported: *s >= t })
            .collect();
        let f = figures(w, &outs);
        if f.ba > best.0.ba {
            best = (f, t);
        }
    }
    best
}
