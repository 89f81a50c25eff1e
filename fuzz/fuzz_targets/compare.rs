//! The comparison engine: any article text, no panic; links point at real facts; ranges land
//! on character boundaries; scores stay in [0, 1].
#![no_main]
use libfuzzer_sys::fuzz_target;
use triptych::compare::Comparer;
use triptych::Article;

fuzz_target!(|text: &str| {
    // The first half is the body, the rest the insight; lines are paragraphs.
    let mid = (0..=text.len() / 2).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
    let paras = |s: &str| s.lines().map(str::to_string).collect::<Vec<_>>();
    let a = Article { title: "t".into(), body: paras(&text[..mid]), insight: paras(&text[mid..]), ..Default::default() };
    let c = Comparer::per_article().compare(&a);
    for f in &c.facts {
        let p = &a.body[f.paragraph];
        assert!(p.is_char_boundary(f.range.start) && p.is_char_boundary(f.range.end));
    }
    for s in &c.insights {
        assert!(a.insight[s.paragraph].is_char_boundary(s.range.start));
        for l in &s.links {
            assert!(l.fact < c.facts.len() && (0.0..=1.0).contains(&l.score));
        }
    }
});
