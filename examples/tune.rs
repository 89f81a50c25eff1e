//! Tuning aid for the comparison's constants, on tuning data only: the WiCE dev sample in
//! `../shared/benchmarks/wice-dev/`. Prints the WiCE figures for the default constants, or for
//! constants changed on the command line:
//!
//! ```sh
//! cargo run --release --example tune -- local=0.3 synonym=0.5
//! ```
//!
//! `TUNE_HALVES=1` also prints the figures on each half of the sample (a change that helps one
//! half only is fitting noise); `TUNE_MISSES=1` lists the claims whose best link is wrong;
//! `TUNE_BOOT=1000` resamples the claims to show how far the figures could move on another
//! sample of the same size, and how often triptych stays ahead of BM25.

#[path = "../tests/common/wice.rs"]
mod wice;

use triptych::compare::{Comparer, Params};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let p = Params::with_overrides(&args.join(" ")).unwrap_or_else(|e| panic!("{e}"));
    let w = wice::load();
    let alone = Comparer::alone(p.clone());
    let corpus = Comparer::with_corpus(&w.corpus, p.clone());
    let run = |c: &Comparer| -> Vec<wice::Output> {
        w.corpus.articles().iter().map(|a| wice::Output::from_comparison(&c.compare(a))).collect()
    };
    println!("{}", wice::HEADER);
    for (name, c) in [("alone", &alone), ("corpus", &corpus)] {
        let f = wice::figures(&w, &run(c));
        println!(
            "| {name} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} |",
            f.p, f.r, f.f1, f.hit1, f.hit3, f.ba, f.auc
        );
    }
    if std::env::var_os("TUNE_HALVES").is_some() {
        // A constant that only helps one half of the sample is fitting noise.
        for (name, parity) in [("even", 0), ("odd", 1)] {
            let keep = |i: &usize| i % 2 == parity;
            let examples: Vec<wice::Example> =
                w.examples.iter().enumerate().filter(|(i, _)| keep(i)).map(|(_, e)| e.clone()).collect();
            let articles =
                w.corpus.articles().iter().enumerate().filter(|(i, _)| keep(i)).map(|(_, a)| a.clone());
            let half = wice::Wice { examples, corpus: triptych::Corpus::new(articles.collect()) };
            // With the corpus: the whole sample is loaded, the half is scored.
            for (how, c) in [("alone", &alone), ("corpus", &corpus)] {
                let outs: Vec<wice::Output> = half
                    .corpus
                    .articles()
                    .iter()
                    .map(|a| wice::Output::from_comparison(&c.compare(a)))
                    .collect();
                let f = wice::figures(&half, &outs);
                println!(
                    "| {how}, {name} half | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} |",
                    f.p, f.r, f.f1, f.hit1, f.hit3, f.ba, f.auc
                );
            }
        }
    }
    if let Some(n) = std::env::var("TUNE_BOOT").ok().and_then(|v| v.parse().ok()) {
        bootstrap(&w, &run(&alone), n);
    }
    if std::env::var_os("TUNE_CONFLICTS").is_some() {
        // The conflict signal on this sample (run with conflicts=1): each flag with the label.
        for (e, a) in w.examples.iter().zip(w.corpus.articles()) {
            let c = alone.compare(a);
            for s in c.insights.iter().filter(|s| s.conflict.is_some()) {
                let x = s.conflict.as_ref().expect("filtered");
                println!(
                    "\n{} | {} | best {:.2} {:?} link {:.2}\n  CLAIM {}\n  FACT  {}",
                    e.label, x.reason, s.best, s.verdict, s.links[0].score, e.claim, c.facts[x.fact].text
                );
            }
        }
    }
    if std::env::var_os("TUNE_MISSES").is_some() {
        for (e, a) in w.examples.iter().zip(w.corpus.articles()) {
            let c = alone.compare(a);
            let Some(l) = c.insights.iter().flat_map(|s| &s.links).max_by(|x, y| x.score.total_cmp(&y.score))
            else {
                continue;
            };
            let line = c.facts[l.fact].paragraph;
            let gold: Vec<&String> = e.gold_sentences.values().collect();
            if e.label != "not_supported" && !gold.iter().any(|g| g.trim() == a.body[line].trim()) {
                println!(
                    "\nCLAIM {}\n  GOT  {:.2} {}\n  GOLD {}",
                    e.claim,
                    l.score,
                    a.body[line],
                    gold.iter().map(|g| g.as_str()).collect::<Vec<_>>().join(" || ")
                );
            }
        }
    }
}

/// Percentile intervals of the figures over `rounds` resamples (with replacement) of the
/// claims, triptych alone against BM25 on the same resample: the judged sample is another 300
/// claims, so this says what a difference of a few hundredths is worth.
fn bootstrap(w: &wice::Wice, ours: &[wice::Output], rounds: usize) {
    let (_, t) = wice::best_baseline(w, wice::bm25_scores);
    let bm25 = wice::baseline(w, wice::bm25_scores, t);
    let n = ours.len();
    // xorshift64*: a fixed seed, so the intervals are reproducible.
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move || {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        state.wrapping_mul(0x2545_F491_4F6C_DD1D)
    };
    let pick = |f: &wice::Figures| [f.f1, f.hit1, f.ba, f.auc];
    let mut samples: Vec<[f64; 8]> = Vec::with_capacity(rounds);
    for _ in 0..rounds {
        let picks: Vec<usize> = (0..n).map(|_| (next() % n as u64) as usize).collect();
        let (a, b) = (pick(&wice::figures_at(w, ours, &picks)), pick(&wice::figures_at(w, &bm25, &picks)));
        samples.push([a[0], a[1], a[2], a[3], a[0] - b[0], a[1] - b[1], a[2] - b[2], a[3] - b[3]]);
    }
    let names = ["F1", "Hit@1", "BA", "AUC"];
    println!("\n{rounds} resamples of the {n} claims: triptych alone (95% interval), ahead of BM25 by");
    for (k, name) in names.iter().enumerate() {
        let mut v: Vec<f64> = samples.iter().map(|s| s[k]).collect();
        let mut d: Vec<f64> = samples.iter().map(|s| s[k + 4]).collect();
        v.sort_by(f64::total_cmp);
        d.sort_by(f64::total_cmp);
        let q = |v: &[f64], p: f64| v[((v.len() - 1) as f64 * p).round() as usize];
        let ahead = d.iter().filter(|&&x| x > 0.0).count() as f64 / d.len() as f64;
        println!(
            "| {name} | {:.3} – {:.3} | {:+.3} – {:+.3} | ahead in {:.1}% |",
            q(&v, 0.025),
            q(&v, 0.975),
            q(&d, 0.025),
            q(&d, 0.975),
            ahead * 100.0
        );
    }
}
