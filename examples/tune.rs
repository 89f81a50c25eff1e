//! Tuning aid for the comparison's constants, on tuning data only: the WiCE dev sample in
//! `../shared/benchmarks/wice-dev/`. Prints the WiCE figures for the default constants, or for
//! constants changed on the command line:
//!
//! ```sh
//! cargo run --release --example tune -- local=0.3 synonym=0.5
//! ```
//!
//! `TUNE_HALVES=1` also prints the figures on each half of the sample (a change that helps one
//! half only is fitting noise); `TUNE_MISSES=1` lists the claims whose best link is wrong.

#[path = "../tests/common/wice.rs"]
mod wice;

use triptych::compare::{Comparer, Params};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let p = Params::with_overrides(&args.join(" ")).unwrap_or_else(|e| panic!("{e}"));
    let w = wice::load();
    let alone = Comparer::alone_with(p.clone());
    let corpus = Comparer::with_params(&w.corpus, p.clone());
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
            let outs: Vec<wice::Output> = half
                .corpus
                .articles()
                .iter()
                .map(|a| wice::Output::from_comparison(&alone.compare(a)))
                .collect();
            let f = wice::figures(&half, &outs);
            println!(
                "| alone, {name} half | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} |",
                f.p, f.r, f.f1, f.hit1, f.hit3, f.ba, f.auc
            );
        }
    }
    if std::env::var_os("TUNE_CONFLICTS").is_some() {
        // The conflict signal on this sample (run with conflicts=1): each flag with the label.
        for (e, a) in w.examples.iter().zip(w.corpus.articles()) {
            let c = alone.compare(a);
            for x in c.insights.iter().filter_map(|s| s.conflict.as_ref()) {
                println!(
                    "\n{} | {}\n  CLAIM {}\n  FACT  {}",
                    e.label, x.reason, e.claim, c.facts[x.fact].text
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
