//! Tuning aid for the comparison's constants, on tuning data only: the WiCE dev sample in
//! `../shared/benchmarks/wice-dev/`. Prints the WiCE figures for the default constants, or for
//! constants changed on the command line:
//!
//! ```sh
//! cargo run --release --example tune -- local=0.3 synonym=0.5
//! ```

#[path = "../tests/common/wice.rs"]
mod wice;

use triptych::compare::{Comparer, Params};

fn main() {
    let mut p = Params::default();
    for arg in std::env::args().skip(1) {
        let (name, value) = arg.split_once('=').expect("NAME=VALUE");
        let v: f64 = value.parse().expect("a number");
        match name {
            "doc_len" => p.doc_len = v,
            "prior_docs" => p.prior_docs = v,
            "number_rarity" => p.number_rarity = v,
            "local" => p.local = v,
            "stem" => p.stem = v,
            "derivation" => p.derivation = v,
            "synonym" => p.synonym = v,
            "pair_bonus" => p.pair_bonus = v,
            "quote_boost" => p.quote_boost = v,
            "focus" => p.focus = v,
            "furniture" => p.furniture = v,
            "length" => p.length = v,
            "context" => p.context = v,
            "supported" => p.supported = v,
            "weak" => p.weak = v,
            "link" => p.link = v,
            "relative" => p.relative = v,
            "gain" => p.gain = v,
            "repeat" => p.repeat = v,
            "max_links" => p.max_links = v as usize,
            "conflicts" => p.conflicts = v != 0.0,
            "predictions" => p.predictions = v != 0.0,
            _ => panic!("unknown constant {name}"),
        }
    }
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
