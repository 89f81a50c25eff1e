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

/// Why `fact` contradicts `claim`, if it seems to.
pub fn detect(
    claim_text: &str,
    claim: &Bag,
    fact_text: &str,
    fact: &Bag,
    link: &Candidate,
) -> Option<String> {
    let numbers = numbers(claim_text, claim, fact_text, fact, link);
    // "unchanged" against "did not change" / "without a change": a negated antonym agrees.
    if numbers.is_none() && negated_antonym(claim_text, claim, fact_text, fact) {
        return None;
    }
    numbers
        .or_else(|| antonyms(claim_text, claim, fact_text, fact, link))
        .or_else(|| negation(claim_text, claim, fact_text, fact, link))
}

/// Whether one statement negates the antonym of a word of the other ("unchanged" / "not
/// change"): the two say the same thing in opposite words.
fn negated_antonym(claim_text: &str, claim: &Bag, fact_text: &str, fact: &Bag) -> bool {
    let within =
        |scopes: &[std::ops::Range<usize>], at: usize| scopes.iter().any(|s| s.start < at && at < s.end);
    let (claim_neg, fact_neg) = (negation_scopes(claim_text), negation_scopes(fact_text));
    claim.terms.iter().any(|t| {
        fact.terms
            .iter()
            .any(|f| opposite(t, f) && (within(&fact_neg, f.span.start) != within(&claim_neg, t.span.start)))
    })
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

fn opposite(t: &super::score::Term, f: &super::score::Term) -> bool {
    match (t.kind, f.kind) {
        (Kind::Word, Kind::Word) => {
            // Irregular forms keep their own stem ("rose"); their lemma's is the one listed.
            let lex = lexicon::get();
            let lemma = |k: &str| lex.irregular_stem(k).unwrap_or(k).to_string();
            lex.are_antonyms(&lemma(&t.key), &lemma(&f.key))
        }
        (Kind::Chinese, Kind::Chinese) => {
            CHINESE_ANTONYMS.iter().any(|&(a, b)| (a == t.key && b == f.key) || (b == t.key && a == f.key))
        }
        _ => false,
    }
}

/// A capitalised word inside a sentence is part of a name ("New England", "Old Trafford"),
/// whose opposite means nothing.
fn in_name(text: &str, span: &std::ops::Range<usize>) -> bool {
    let starts_sentence = text[..span.start].trim_end().is_empty()
        || text[..span.start].trim_end().ends_with(['.', '!', '?', ':', '"', '“']);
    text[span.clone()].starts_with(char::is_uppercase) && !starts_sentence
}

/// Token positions of each term of `bag`.
fn positions(bag: &Bag) -> Vec<Vec<usize>> {
    let mut at = vec![Vec::new(); bag.terms.len()];
    for (pos, &t) in bag.order.iter().enumerate() {
        at[t].push(pos);
    }
    at
}

/// How far (in tokens) the nearest occurrence of `term` is from any of `anchors`.
fn distance(at: &[Vec<usize>], term: usize, anchors: &[usize]) -> usize {
    at[term].iter().flat_map(|&p| anchors.iter().map(move |&a| p.abs_diff(a))).min().unwrap_or(usize::MAX)
}

/// A claim word whose antonym the fact states about the same thing: the claim word is not in
/// the fact, or the fact uses it about something else ("heat pump sales rose, boiler sales
/// fell" against "boiler sales rose": "fell" is nearer the words the claim puts beside "rose").
fn antonyms(claim_text: &str, claim: &Bag, fact_text: &str, fact: &Bag, link: &Candidate) -> Option<String> {
    let used: Vec<usize> = link.aligned.iter().flatten().map(|a| a.fact_term).collect();
    let claim_at = positions(claim);
    let fact_at = positions(fact);
    for (ti, t) in claim.terms.iter().enumerate() {
        // The fact positions of the claim's other matched words near this one.
        let near: Vec<usize> = claim_at[ti]
            .iter()
            .flat_map(|&p| claim.order[p.saturating_sub(3)..(p + 4).min(claim.order.len())].iter())
            .filter(|&&o| o != ti)
            .filter_map(|&o| link.aligned[o])
            .flat_map(|a| fact_at[a.fact_term].iter().copied())
            .collect();
        for (fi, f) in fact.terms.iter().enumerate() {
            if used.contains(&fi)
                || !opposite(t, f)
                || in_name(claim_text, &t.span)
                || in_name(fact_text, &f.span)
            {
                continue;
            }
            let closer = match link.aligned[ti] {
                None => true,
                Some(a) => {
                    !near.is_empty() && distance(&fact_at, fi, &near) < distance(&fact_at, a.fact_term, &near)
                }
            };
            if closer {
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

/// Chinese negators, as whole jieba words: a word that merely contains a negating character
/// (非常 "very", 未来 "future", 不全 "incomplete", 不到 "less than") does not count. 不再 "no
/// longer" is a change, not a denial.
const CHINESE_NEGATIONS: &[&str] = &[
    "不",
    "没",
    "没有",
    "未",
    "无",
    "非",
    "并非",
    "不是",
    "并不",
    "并未",
    "并没有",
    "未能",
    "未曾",
    "从未",
    "从不",
    "尚未",
    "没能",
    "不能",
    "不会",
    "无法",
    "不曾",
];

/// Where `text` negates something: the byte range a negation word governs (the next few
/// words; in Chinese the next few characters).
fn negation_scopes(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut scopes = Vec::new();
    let words: Vec<(usize, &str)> =
        text.split_word_bound_indices().filter(|(_, w)| w.chars().any(char::is_alphanumeric)).collect();
    for (k, &(at, w)) in words.iter().enumerate() {
        let lower = w.to_lowercase();
        let next = words.get(k + 1).map(|(_, w)| w.to_lowercase());
        // "no longer", "not just", "not only": a change or an addition, not a denial; "not all",
        // "not every": a quantifier.
        let phrase = matches!(next.as_deref(), Some("longer" | "just" | "only" | "all" | "every"));
        // "not-for-profit", "no-fly" name a kind of thing; "No. 12" is a number.
        let after = text[at + w.len()..].chars().next();
        let numbered = lower == "no"
            && after == Some('.')
            && next.is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit()));
        let compound = matches!(after, Some('-' | '‐')) || numbered;
        if (NEGATIONS.contains(&lower.as_str()) || lower.ends_with("n't")) && !phrase && !compound {
            let end = words.get(k + 4).map_or(text.len(), |&(e, _)| e);
            scopes.push(at..end);
        }
    }
    if text.chars().any(|c| matches!(c, '不' | '没' | '未' | '无' | '非')) {
        for w in lexicon::jieba().cut(text, true) {
            if CHINESE_NEGATIONS.contains(&w.word) {
                let at = w.byte_start;
                let end = text[at..].char_indices().nth(6).map_or(text.len(), |(e, _)| at + e);
                scopes.push(at..end);
            }
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::{Comparer, Params};
    use crate::Article;

    fn conflict(body: &str, insight: &str) -> Option<String> {
        let a = Article {
            id: "t".into(),
            title: "T".into(),
            body: vec![body.into()],
            insight: vec![insight.into()],
            ..Default::default()
        };
        let c = Comparer::alone_with(Params { conflicts: true, ..Params::default() }).compare(&a);
        c.insights[0].conflict.as_ref().map(|c| c.reason.clone())
    }

    #[test]
    fn an_antonym_about_the_same_thing_conflicts_even_when_the_fact_also_has_the_word() {
        let body = "Sales of heat pumps rose to 212,000 units, while gas boiler sales fell to 198,000.";
        let reason = conflict(body, "Boiler sales rose again last year.").expect("a conflict");
        assert!(reason.contains("\"rose\"") && reason.contains("\"fell\""), "{reason}");
        assert_eq!(conflict(body, "Heat pump sales rose again last year."), None);
        let held = "The bank kept its interest rate at 4.5% on Thursday without a change.";
        assert_eq!(conflict(held, "The bank left its interest rate unchanged at 4.5% on Thursday."), None);
        let not_changed = "The bank did not change its interest rate of 4.5% on Thursday.";
        assert_eq!(
            conflict(not_changed, "The bank left its interest rate unchanged at 4.5% on Thursday."),
            None
        );
        let english = "The term comes from the old English word for something unpleasant.";
        assert_eq!(conflict(english, "In New England the word means something unpleasant."), None);
    }

    #[test]
    fn a_different_number_of_the_same_unit_conflicts() {
        let body =
            "The airline said the change would speed up boarding, which now takes an average of 38 minutes.";
        let reason =
            conflict(body, "Boarding currently takes around 45 minutes on average.").expect("a conflict");
        assert!(reason.contains("45") && reason.contains("38"), "{reason}");
        assert_eq!(conflict(body, "Boarding takes 38 minutes on average."), None);
    }

    #[test]
    fn bounds_on_numbers_are_not_negations() {
        assert!(negation_scopes("平均候诊时间不到二十分钟。").is_empty());
        assert_eq!(negation_scopes("他没有参加。").len(), 1);
    }

    #[test]
    fn compounds_quantifiers_and_numbers_are_not_negations() {
        for text in ["a not-for-profit institution", "the Flames retired his No. 12", "Not all Hindus agree"]
        {
            assert!(negation_scopes(text).is_empty(), "{text}");
        }
        assert_eq!(negation_scopes("He did not agree and said no.").len(), 2);
    }

    #[test]
    fn chinese_negations_are_whole_words() {
        assert_eq!(negation_scopes("死亡率和再入院率没有变化。").len(), 1);
        assert_eq!(negation_scopes("部长并未同意重新谈判。").len(), 1);
        for text in ["药品不全是社区医院的短板。", "未来三年", "非常重要", "不断增长", "不再只是模型提供商"]
        {
            assert!(negation_scopes(text).is_empty(), "{text}: {:?}", negation_scopes(text));
        }
    }

    #[test]
    fn negation_scopes_are_safe_after_multibyte_characters() {
        for text in ["éé不", "aé未来", "ü非常", "😀无"] {
            negation_scopes(text);
        }
        assert!(negation_scopes("éé未来").is_empty(), "未来 is not a negation");
    }
}
