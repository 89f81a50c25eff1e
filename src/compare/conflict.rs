//! Does the fact a claim rests on say something different? A different number in the same
//! place ("rose 6%" / "rose 8%"), a negation on one side only, or an antonym ("rose" / "fell").
//! A signal for the reader to look, with the reason; off by default (see `Params::conflicts`).

use super::lexicon;
use super::score::{Bag, Candidate};
use super::tokens::Kind;
use unicode_segmentation::UnicodeSegmentation;

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
        .or_else(|| negation(claim_text, claim, fact_text, fact, link))
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

/// Where `text` negates something: the byte range a negation word governs (the next few
/// words; in Chinese the next few characters). Words that merely contain a negating
/// character (非常 "very", 未来 "future") do not count.
fn negation_scopes(text: &str) -> Vec<std::ops::Range<usize>> {
    const NOT_NEGATIONS: &[&str] =
        &["非常", "未来", "无论", "不仅", "不断", "不少", "不过", "无数", "毫无疑问"];
    let mut scopes = Vec::new();
    let words: Vec<(usize, &str)> =
        text.split_word_bound_indices().filter(|(_, w)| w.chars().any(char::is_alphanumeric)).collect();
    for (k, &(at, w)) in words.iter().enumerate() {
        let lower = w.to_lowercase();
        let next = words.get(k + 1).map(|(_, w)| w.to_lowercase());
        // "no longer", "not just", "not only": a change or an addition, not a denial.
        let phrase = matches!(next.as_deref(), Some("longer" | "just" | "only"));
        if (NEGATIONS.contains(&lower.as_str()) || lower.ends_with("n't")) && !phrase {
            let end = words.get(k + 4).map_or(text.len(), |&(e, _)| e);
            scopes.push(at..end);
        }
    }
    for (at, c) in text.char_indices().filter(|(_, c)| CHINESE_NEGATIONS.contains(c)) {
        let around = &text[at.saturating_sub(3)..];
        let here = &text[at..];
        if NOT_NEGATIONS.iter().any(|w| here.starts_with(w) || (around.starts_with(w) && w.ends_with(c))) {
            continue;
        }
        let end = text[at..].char_indices().nth(6).map_or(text.len(), |(e, _)| at + e);
        scopes.push(at..end);
    }
    scopes
}

/// Whether a negation in `text` governs one of the terms the two statements share.
fn negates_shared(text: &str, shared: &[std::ops::Range<usize>]) -> bool {
    negation_scopes(text)
        .iter()
        .any(|scope| shared.iter().any(|s| scope.start < s.start && s.start < scope.end))
}

fn negation(claim_text: &str, claim: &Bag, fact_text: &str, fact: &Bag, link: &Candidate) -> Option<String> {
    let claim_shared: Vec<_> = claim
        .terms
        .iter()
        .zip(&link.aligned)
        .filter(|(_, a)| a.is_some())
        .map(|(t, _)| t.span.clone())
        .collect();
    let fact_shared: Vec<_> =
        link.aligned.iter().flatten().map(|a| fact.terms[a.fact_term].span.clone()).collect();
    match (negates_shared(claim_text, &claim_shared), negates_shared(fact_text, &fact_shared)) {
        (true, false) => Some("the claim negates what the fact states".to_string()),
        (false, true) => Some("the fact negates what the claim states".to_string()),
        _ => None,
    }
}
