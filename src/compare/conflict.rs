//! Does the fact a claim rests on say something different? A different number in the same
//! place ("rose 6%" / "rose 8%"), a negation on one side only, or an antonym ("rose" / "fell").
//! A signal for the reader to look, with the reason; off by default (see `Params::conflicts`).

use super::lexicon;
use super::score::{Bag, Candidate};
use super::tokens::Kind;

/// Chinese antonym pairs WordNet does not cover.
const CHINESE_ANTONYMS: &[(&str, &str)] = &[
    ("增长", "下降"),
    ("增长", "减少"),
    ("上升", "下降"),
    ("增加", "减少"),
    ("提高", "降低"),
    ("扩大", "缩小"),
    ("上涨", "下跌"),
    ("盈利", "亏损"),
    ("支持", "反对"),
];

const NEGATIONS: &[&str] =
    &["not", "no", "never", "without", "none", "nobody", "nothing", "neither", "nor", "cannot"];
const CHINESE_NEGATIONS: &[char] = &['不', '没', '未', '无', '非'];

/// Why `fact` contradicts `claim`, if it seems to.
pub fn detect(
    claim_text: &str,
    claim: &Bag,
    fact_text: &str,
    fact: &Bag,
    link: &Candidate,
) -> Option<String> {
    numbers(claim_text, claim, fact_text, fact, link)
        .or_else(|| antonyms(claim_text, claim, fact_text, fact, link))
        .or_else(|| negation(claim_text, fact_text))
}

/// The term after term index `i` in the statement's order, if it is a unit.
fn unit_after(bag: &Bag, term: usize) -> Option<&str> {
    let pos = bag.order.iter().position(|&t| t == term)?;
    let next = &bag.terms[*bag.order.get(pos + 1)?];
    (next.kind == Kind::Unit).then_some(next.key.as_str())
}

fn numbers(claim_text: &str, claim: &Bag, fact_text: &str, fact: &Bag, link: &Candidate) -> Option<String> {
    for (i, t) in claim.terms.iter().enumerate() {
        if t.kind != Kind::Number || link.aligned[i].is_some() {
            continue;
        }
        let Some(unit) = unit_after(claim, i) else { continue };
        let other = fact.terms.iter().enumerate().find(|(j, f)| {
            f.kind == Kind::Number
                && unit_after(fact, *j) == Some(unit)
                && !link.aligned.iter().flatten().any(|a| a.fact_term == *j)
        });
        if let Some((_, f)) = other {
            return Some(format!(
                "the claim says {}, the fact says {}",
                &claim_text[t.span.clone()],
                &fact_text[f.span.clone()]
            ));
        }
    }
    None
}

fn antonyms(claim_text: &str, claim: &Bag, fact_text: &str, fact: &Bag, link: &Candidate) -> Option<String> {
    let lex = lexicon::get();
    let used: Vec<usize> = link.aligned.iter().flatten().map(|a| a.fact_term).collect();
    let unmatched = claim.terms.iter().zip(&link.aligned).filter(|(_, a)| a.is_none()).map(|(t, _)| t);
    for t in unmatched {
        for f in fact.terms.iter().enumerate().filter(|(j, _)| !used.contains(j)).map(|(_, f)| f) {
            let opposite = match (t.kind, f.kind) {
                (Kind::Word, Kind::Word) => lex.are_antonyms(&t.key, &f.key),
                (Kind::Chinese, Kind::Chinese) => CHINESE_ANTONYMS
                    .iter()
                    .any(|&(a, b)| (a == t.key && b == f.key) || (b == t.key && a == f.key)),
                _ => false,
            };
            if opposite {
                return Some(format!(
                    "the claim says \"{}\", the fact says \"{}\"",
                    &claim_text[t.span.clone()],
                    &fact_text[f.span.clone()]
                ));
            }
        }
    }
    None
}

fn negated(text: &str) -> bool {
    let lower = text.to_lowercase();
    lower.contains("n't")
        || lower.split(|c: char| !c.is_alphanumeric()).any(|w| NEGATIONS.contains(&w))
        || text.chars().any(|c| CHINESE_NEGATIONS.contains(&c))
}

fn negation(claim_text: &str, fact_text: &str) -> Option<String> {
    match (negated(claim_text), negated(fact_text)) {
        (true, false) => Some("the claim negates what the fact states".to_string()),
        (false, true) => Some("the fact negates what the claim states".to_string()),
        _ => None,
    }
}
