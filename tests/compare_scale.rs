//! The comparison stays near-linear on degenerate input: thousands of identical or nearly
//! identical sentences in body and insight. Ratios only, generous ones, never absolute times.

#[path = "common/ratio.rs"]
mod ratio;

use std::sync::Mutex;
use std::time::{Duration, Instant};

use triptych::compare::Comparer;
use triptych::Article;

fn article(n: usize, varied: bool) -> Article {
    let line = |i: usize, what: &str| {
        if varied {
            format!("{what} number {i} says the port handled more containers.")
        } else {
            format!("The port handled a record number of containers {what}.")
        }
    };
    Article {
        id: "degenerate".into(),
        title: "Degenerate".into(),
        body: (0..n).map(|i| line(i, "this year")).collect(),
        insight_label: Some("Analysis".into()),
        insight: (0..n).map(|i| line(i, "last year")).collect(),
        ..Default::default()
    }
}

fn time(a: &Article) -> Duration {
    let cmp = Comparer::default();
    let start = Instant::now();
    let c = cmp.compare(a);
    let took = start.elapsed();
    assert_eq!(c.insights.len(), a.insight.len());
    assert!(c.insights.iter().all(|cl| cl.links.len() <= 3));
    took
}

/// Timed tests of this file take turns, so that they do not load the machine for each other.
static TURN: Mutex<()> = Mutex::new(());

fn assert_near_linear(varied: bool) {
    let _turn = TURN.lock().unwrap_or_else(|e| e.into_inner());
    let _ = time(&article(10, varied)); // loads the word tables
    let (small, large) = (article(400, varied), article(4_000, varied));
    // The best of three runs of each, alternating, so a busy moment hits both sizes alike.
    ratio::assert_within("10x the statements", 15.0, || {
        let (mut t1, mut t10) = (Duration::MAX, Duration::MAX);
        for _ in 0..3 {
            t1 = t1.min(time(&small));
            t10 = t10.min(time(&large));
        }
        t10.as_secs_f64() / t1.as_secs_f64().max(1e-3)
    });
}

#[test]
fn identical_sentences_cost_near_linear_time() {
    assert_near_linear(false);
}

#[test]
fn nearly_identical_sentences_cost_near_linear_time() {
    assert_near_linear(true);
}
