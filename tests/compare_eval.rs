//! The comparison engine against the hand-labelled evaluation set in `tests/eval/` (see its
//! README). Prints link precision / recall / F1, top-1, the unsupported flag's precision and
//! recall and the conflict signal's precision beside a word-overlap (Jaccard) baseline.
//!
//! The tuning half is scored by the normal test run. The held-out half is scored only when asked
//! (`cargo test --test compare_eval -- --ignored --nocapture`), and its targets were fixed before
//! it was first computed. Word statistics never see held-out articles: long articles are
//! compared with the tuning half's long articles as their corpus, short ones (`alone`) alone.

use std::collections::HashSet;
use std::path::PathBuf;

#[path = "common/wice.rs"]
mod wice;

use serde::Deserialize;
use triptych::compare::{Comparer, Comparison, Params, Verdict};
use triptych::{Article, Corpus};

#[derive(Deserialize)]
struct Labels {
    articles: Vec<Labelled>,
}

#[derive(Deserialize)]
struct Labelled {
    file: String,
    split: String,
    domain: String,
    #[serde(default)]
    alone: bool,
    insights: Vec<Gold>,
}

#[derive(Deserialize)]
struct Gold {
    statement: String,
    facts: Vec<String>,
    unsupported: bool,
    #[serde(default)]
    conflicts: bool,
}

fn eval_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/eval")
}

fn load() -> (Labels, Vec<Article>) {
    let text = std::fs::read_to_string(eval_dir().join("labels.json")).expect("tests/eval/labels.json");
    let labels: Labels = serde_json::from_str(&text).expect("labels.json parses");
    let articles = labels
        .articles
        .iter()
        .map(|l| {
            let text = std::fs::read_to_string(eval_dir().join(&l.file)).unwrap();
            let mut a = triptych::parse::seed::parse(&text).unwrap();
            a.id = l.file.trim_end_matches(".txt").to_string();
            a.normalize();
            a
        })
        .collect();
    (labels, articles)
}

/// The one index whose text contains `fragment`; panics if none or several do.
fn find(texts: &[&str], fragment: &str) -> usize {
    let hits: Vec<usize> =
        texts.iter().enumerate().filter(|(_, t)| t.contains(fragment)).map(|(i, _)| i).collect();
    assert_eq!(hits.len(), 1, "fragment {fragment:?} must name exactly one statement, names {hits:?}");
    hits[0]
}

/// One method's predictions for one article: ranked links per claim, unsupported flags, and
/// conflict flags.
struct Prediction {
    links: Vec<Vec<usize>>,
    unsupported: Vec<bool>,
    conflicts: Vec<bool>,
}

#[derive(Default, Debug)]
struct Tally {
    tp: usize,
    fp: usize,
    fn_: usize,
    top1_hit: usize,
    top1_total: usize,
    un_tp: usize,
    un_fp: usize,
    un_fn: usize,
    conflict_tp: usize,
    conflict_fp: usize,
    conflict_fn: usize,
}

/// A share whose denominator is zero is a failure of the evaluation, not a perfect score.
fn ratio(a: usize, b: usize, what: &str) -> f64 {
    assert!(b > 0, "zero denominator for {what}: the set cannot measure it");
    a as f64 / b as f64
}

impl Tally {
    fn add(&mut self, c: &Comparison, p: &Prediction, gold: &[Gold]) {
        let claims: Vec<&str> = c.insights.iter().map(|s| s.text.as_str()).collect();
        let facts: Vec<&str> = c.facts.iter().map(|f| f.text.as_str()).collect();
        for g in gold {
            let i = find(&claims, &g.statement);
            let gold_facts: HashSet<usize> = g.facts.iter().map(|f| find(&facts, f)).collect();
            if !g.conflicts {
                // Links of a conflicting claim point at the fact it contradicts: neither right
                // nor wrong as support, so they are left out of the link figures.
                let predicted: HashSet<usize> = p.links[i].iter().copied().collect();
                let gold_links = if g.unsupported { HashSet::new() } else { gold_facts.clone() };
                self.tp += predicted.intersection(&gold_links).count();
                self.fp += predicted.difference(&gold_links).count();
                self.fn_ += gold_links.difference(&predicted).count();
                if !g.unsupported {
                    self.top1_total += 1;
                    self.top1_hit += usize::from(p.links[i].first().is_some_and(|f| gold_links.contains(f)));
                }
            }
            match (p.unsupported[i], g.unsupported) {
                (true, true) => self.un_tp += 1,
                (true, false) => self.un_fp += 1,
                (false, true) => self.un_fn += 1,
                _ => {}
            }
            match (p.conflicts[i], g.conflicts) {
                (true, true) => self.conflict_tp += 1,
                (true, false) => self.conflict_fp += 1,
                (false, true) => self.conflict_fn += 1,
                _ => {}
            }
        }
    }

    fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp, "link precision")
    }
    fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_, "link recall")
    }
    fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn top1(&self) -> f64 {
        ratio(self.top1_hit, self.top1_total, "top-1")
    }
    fn unsupported_precision(&self) -> f64 {
        ratio(self.un_tp, self.un_tp + self.un_fp, "unsupported precision")
    }
    fn unsupported_recall(&self) -> f64 {
        ratio(self.un_tp, self.un_tp + self.un_fn, "unsupported recall")
    }
    fn conflicts(&self) -> String {
        let flagged = self.conflict_tp + self.conflict_fp;
        let p = if flagged == 0 {
            "-".to_string()
        } else {
            format!("{:.2}", self.conflict_tp as f64 / flagged as f64)
        };
        format!("{p} ({}/{} flagged right, {} missed)", self.conflict_tp, flagged, self.conflict_fn)
    }
    fn row(&self, name: &str) -> String {
        format!(
            "| {name} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2} / {:.2} | {} |",
            self.precision(),
            self.recall(),
            self.f1(),
            self.top1(),
            self.unsupported_precision(),
            self.unsupported_recall(),
            self.conflicts(),
        )
    }
}

const HEADER: &str = "| set / method | link P | link R | link F1 | top-1 | unsupported P / R | conflicts P |\n|---|---|---|---|---|---|---|";

fn engine(c: &Comparison) -> Prediction {
    Prediction {
        links: c.insights.iter().map(|s| s.links.iter().map(|l| l.fact).collect()).collect(),
        unsupported: c
            .insights
            .iter()
            .map(|s| s.verdict == Verdict::Unsupported || s.conflict.is_some())
            .collect(),
        conflicts: c.insights.iter().map(|s| s.conflict.is_some()).collect(),
    }
}

/// Lower-cased words (CJK characters one by one), as the WiCE baselines split them.
fn words(t: &str) -> HashSet<String> {
    wice::words(t).into_iter().collect()
}

/// Plain word overlap: Jaccard similarity, the top 3 facts at or above `threshold` and half
/// the best linked, best first; unsupported when none is.
fn jaccard(c: &Comparison, threshold: f64) -> Prediction {
    let facts: Vec<HashSet<String>> = c.facts.iter().map(|f| words(&f.text)).collect();
    let mut links = Vec::new();
    for s in &c.insights {
        let q = words(&s.text);
        let mut scored: Vec<(f64, usize)> = facts
            .iter()
            .enumerate()
            .map(|(i, f)| (q.intersection(f).count() as f64 / q.union(f).count().max(1) as f64, i))
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let best = scored.first().map_or(0.0, |s| s.0);
        links.push(
            scored
                .into_iter()
                .take(3)
                .filter(|(sc, _)| *sc >= threshold && *sc >= best / 2.0)
                .map(|(_, i)| i)
                .collect(),
        );
    }
    let unsupported = links.iter().map(Vec::is_empty).collect();
    Prediction { conflicts: vec![false; links.len()], links, unsupported }
}

/// The comparers the evaluation rules call for: long articles with the tuning half's long
/// articles as their corpus (never held-out ones), short ones alone.
fn comparers(labels: &Labels, articles: &[Article], params: Params) -> (Comparer, Comparer) {
    let tuning_corpus: Vec<Article> = labels
        .articles
        .iter()
        .zip(articles)
        .filter(|(l, _)| l.split == "tune" && !l.alone)
        .map(|(_, a)| a.clone())
        .collect();
    (Comparer::with_corpus(&Corpus::new(tuning_corpus), params.clone()), Comparer::alone(params))
}

/// Compares every article of `split` the way the evaluation rules say, and tallies `predict`.
fn tally(split: &str, predict: &dyn Fn(&Comparison) -> Prediction) -> Tally {
    let (labels, articles) = load();
    // Overrides never reach the held-out half.
    let params = if split == "tune" { tuning_params() } else { Params::default() };
    let (with_corpus, alone) = comparers(&labels, &articles, params);
    // `TUNE_FILES="e33 e4"`: only tuning articles whose file names start so (a rule designed
    // on some tuning articles can be checked on others first).
    let only = std::env::var("TUNE_FILES").ok().filter(|_| split == "tune");
    let picked = |file: &str| only.as_ref().is_none_or(|o| o.split_whitespace().any(|p| file.starts_with(p)));
    let mut t = Tally::default();
    for (l, a) in labels.articles.iter().zip(&articles) {
        if l.split == split && picked(&l.file) {
            let c = if l.alone { &alone } else { &with_corpus }.compare(a);
            t.add(&c, &predict(&c), &l.insights);
        }
    }
    t
}

/// The engine's defaults, or on the tuning half only, constants changed by `TUNE_PARAMS`
/// (`TUNE_PARAMS="weak=0.2" cargo test --test compare_eval tuning`).
fn tuning_params() -> Params {
    match std::env::var("TUNE_PARAMS") {
        Ok(spec) => Params::with_overrides(&spec).expect("TUNE_PARAMS: NAME=VALUE words"),
        Err(_) => Params::default(),
    }
}

/// The baseline's threshold, chosen for the best link F1 on the tuning half.
fn jaccard_threshold() -> f64 {
    (1..=12)
        .map(|i| i as f64 * 0.025)
        .max_by(|a, b| {
            let f = |t: f64| tally("tune", &|c| jaccard(c, t)).f1();
            f(*a).total_cmp(&f(*b)).then(b.total_cmp(a))
        })
        .unwrap()
}

#[test]
fn labels_name_real_statements_and_the_set_has_its_shape() {
    let (labels, articles) = load();
    let cmp = Comparer::default();
    for (l, a) in labels.articles.iter().zip(&articles) {
        let c = cmp.compare(a);
        let claims: Vec<&str> = c.insights.iter().map(|s| s.text.as_str()).collect();
        let facts: Vec<&str> = c.facts.iter().map(|f| f.text.as_str()).collect();
        let mut labelled = HashSet::new();
        for g in &l.insights {
            assert!(
                labelled.insert(find(&claims, &g.statement)),
                "{}: {} labelled twice",
                l.file,
                g.statement
            );
            g.facts.iter().for_each(|f| {
                find(&facts, f);
            });
            if g.conflicts {
                assert!(g.unsupported && !g.facts.is_empty(), "{}", g.statement);
            } else {
                assert_eq!(g.unsupported, g.facts.is_empty(), "{}", g.statement);
            }
        }
        assert_eq!(labelled.len(), claims.len(), "{}: every claim is labelled", l.file);
        if l.alone {
            assert!((3..=6).contains(&facts.len()), "{}: a short article has 3-6 facts", l.file);
        }
    }
    let count = |f: &dyn Fn(&Labelled) -> bool| labels.articles.iter().filter(|a| f(a)).count();
    assert!(labels.articles.len() >= 30);
    assert!(count(&|a| a.alone) * 3 >= labels.articles.len(), "a third are short");
    assert!(count(&|a| a.file.ends_with("_zh.txt")) >= 8, "at least 8 in Chinese");
    let domains: HashSet<&str> = labels.articles.iter().map(|a| a.domain.as_str()).collect();
    assert!(domains.len() >= 6, "{domains:?}");
    // The held-out half is frozen at the 16 articles it had before tuning; new articles go to
    // `tune` only, so held-out figures stay comparable across rounds.
    let heldout: HashSet<&str> =
        labels.articles.iter().filter(|a| a.split == "heldout").map(|a| a.file.as_str()).collect();
    let frozen: HashSet<&str> = [
        "e5_battery_recall.txt",
        "e6_drought_wheat.txt",
        "e7_bike_parking_zh.txt",
        "e8_tool_library.txt",
        "e10_flu_vaccine.txt",
        "e11_chip_plant.txt",
        "e13_tram_line.txt",
        "e14_marathon.txt",
        "e16_court_ruling.txt",
        "e19_school_meals.txt",
        "e20_rate_cut.txt",
        "e24_care_wages.txt",
        "e27_rainstorm_zh.txt",
        "e28_metro_line_zh.txt",
        "e29_spring_tea_zh.txt",
        "e32_animated_film_zh.txt",
    ]
    .into();
    assert_eq!(count(&|a| a.split == "heldout"), frozen.len(), "no file is held out twice");
    assert_eq!(heldout, frozen, "the held-out half is frozen");
    assert_eq!(
        count(&|a| a.split == "tune") + frozen.len(),
        labels.articles.len(),
        "split is tune or heldout"
    );
}

#[test]
fn tuning_half_figures() {
    let t = jaccard_threshold();
    let ours = tally("tune", &engine);
    println!("{HEADER}\n{}", ours.row("tuning: triptych"));
    println!("{}", tally("tune", &|c| jaccard(c, t)).row(&format!("tuning: Jaccard ≥ {t:.3}")));
    if std::env::var_os("TUNE_MISSES").is_some() {
        print_unsupported_misses("tune");
    }
    // Floors well under the tuned figures, to catch a regression, not to restate them.
    assert!(ours.f1() >= 0.6 && ours.top1() >= 0.7, "{}", ours.row("tuning"));
}

/// Tuning aid (`TUNE_MISSES=1`): the claims of `split` whose unsupported flag is wrong, with
/// their verdict, support and best link.
fn print_unsupported_misses(split: &str) {
    let (labels, articles) = load();
    let (with_corpus, alone) = comparers(&labels, &articles, tuning_params());
    for (l, a) in labels.articles.iter().zip(&articles).filter(|(l, _)| l.split == split) {
        let c = if l.alone { &alone } else { &with_corpus }.compare(a);
        let p = engine(&c);
        let claims: Vec<&str> = c.insights.iter().map(|s| s.text.as_str()).collect();
        for g in &l.insights {
            let i = find(&claims, &g.statement);
            if p.unsupported[i] != g.unsupported || p.conflicts[i] != g.conflicts {
                let s = &c.insights[i];
                let best = s.links.first().map(|k| (k.score, c.facts[k.fact].text.as_str()));
                println!(
                    "\n{} gold {}{} got {:?} support {:.2} {:?} beyond {:?}\n  CLAIM {}\n  BEST  {:?}",
                    l.file,
                    if g.unsupported { "UNSUPPORTED" } else { "supported" },
                    if g.conflicts { " conflicting" } else { "" },
                    s.verdict,
                    s.best,
                    s.conflict.as_ref().map(|c| &c.reason),
                    s.beyond,
                    s.text,
                    best
                );
            }
        }
    }
}

/// Targets fixed before the held-out half was first scored.
#[test]
#[ignore = "held-out figures are computed only when asked for"]
fn held_out_figures_meet_the_targets_and_beat_the_baseline() {
    let t = jaccard_threshold();
    let ours = tally("heldout", &engine);
    let base = tally("heldout", &|c| jaccard(c, t));
    println!(
        "{HEADER}\n{}\n{}",
        ours.row("held-out: triptych"),
        base.row(&format!("held-out: Jaccard ≥ {t:.3}"))
    );
    assert!(ours.precision() >= 0.7, "{}", ours.row("held-out"));
    assert!(ours.recall() >= 0.6, "{}", ours.row("held-out"));
    assert!(ours.top1() >= 0.75, "{}", ours.row("held-out"));
    assert!(ours.unsupported_precision() >= 0.6, "{}", ours.row("held-out"));
    assert!(ours.unsupported_recall() >= 0.5, "{}", ours.row("held-out"));
    assert!(ours.f1() > base.f1(), "F1 {:.3} vs Jaccard {:.3}", ours.f1(), base.f1());
}
