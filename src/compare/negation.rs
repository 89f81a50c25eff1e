//! Negations, for the conflicts: where a statement denies something, and whether one of two
//! statements denies what the other states ("had not been consulted" / "were fully
//! consulted"). Only denials of the very words the two share count: a fact's whether it reports
//! them or not, a claim's when in the writer's own voice, neither's inside a wish.

use super::lexicon::{self, MatchKind};
use super::modality;
use super::score::{Alignment, Bag, Candidate, Term};
use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;

const NEGATIONS: &[&str] =
    &["not", "no", "never", "without", "none", "nobody", "nothing", "neither", "nor", "cannot"];

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

/// Comparisons that make a negation before them a bound (不超过七天 "at most seven days"); before
/// a number they are bounds themselves, not changes (超过三成: [`super::conflict`]).
pub(super) const CHINESE_BOUNDS: &[&str] = &["超过", "少于", "多于", "低于", "高于", "大于", "小于"];

/// Where `text` negates something: the byte range a negation word governs (the next few
/// words; in Chinese the next few characters).
pub(super) fn negation_scopes(text: &str) -> Vec<Range<usize>> {
    let mut scopes = Vec::new();
    let words: Vec<(usize, &str)> =
        text.split_word_bound_indices().filter(|(_, w)| w.chars().any(char::is_alphanumeric)).collect();
    for (k, &(at, w)) in words.iter().enumerate() {
        // Negations are ASCII: no word is lower-cased (allocated) unless it is one.
        let b = w.as_bytes();
        let negates = NEGATIONS.iter().any(|n| w.eq_ignore_ascii_case(n))
            || (b.len() >= 3 && b[b.len() - 3..].eq_ignore_ascii_case(b"n't"));
        if !negates {
            continue;
        }
        let next = words.get(k + 1).map(|(_, w)| w.to_lowercase());
        // "no longer", "not just", "not only": a change or an addition, not a denial; "not all",
        // "not every": a quantifier; "no more than", "not later than": a bound.
        let phrase = matches!(
            next.as_deref(),
            Some(
                "longer"
                    | "just"
                    | "only"
                    | "all"
                    | "every"
                    | "more"
                    | "less"
                    | "fewer"
                    | "later"
                    | "earlier"
            )
        );
        // "not-for-profit", "no-fly" name a kind of thing; "No. 12" is a number.
        let after = text[at + w.len()..].chars().next();
        let numbered = w.eq_ignore_ascii_case("no")
            && after == Some('.')
            && next.is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit()));
        let compound = matches!(after, Some('-' | '‐')) || numbered;
        if !phrase && !compound {
            let end = words.get(k + 4).map_or(text.len(), |&(e, _)| e);
            scopes.push(at..clause_end(text, at, end));
        }
    }
    if text.chars().any(|c| matches!(c, '不' | '没' | '未' | '无' | '非')) {
        let words = lexicon::jieba().cut(text, true);
        for (k, w) in words.iter().enumerate() {
            // 不超过 "not more than", 不少于 "no fewer than": a bound, not a denial.
            let bound = words.get(k + 1).is_some_and(|n| CHINESE_BOUNDS.contains(&n.word));
            if CHINESE_NEGATIONS.contains(&w.word) && !bound {
                let at = w.byte_start;
                let end = text[at..].char_indices().nth(6).map_or(text.len(), |(e, _)| at + e);
                scopes.push(at..clause_end(text, at, end));
            }
        }
    }
    scopes
}

/// `end`, or where the clause from `at` ends before it: a negation reaches no further than a
/// comma ("workload, not pay, was the main reason": nothing after "pay" is denied).
fn clause_end(text: &str, at: usize, end: usize) -> usize {
    let digit = |i: Option<usize>| i.and_then(|i| text.as_bytes().get(i)).is_some_and(u8::is_ascii_digit);
    let breaks = |(i, c): &(usize, char)| {
        // Inside a number ("8,000", "3.5") a comma or a point ends nothing.
        let in_number = matches!(c, ',' | '.') && digit(i.checked_sub(1)) && digit(Some(i + 1));
        !in_number
            && matches!(c, ',' | ';' | ':' | '.' | '!' | '?' | '，' | '。' | '；' | '：' | '！' | '？' | '、')
    };
    text[at..end].char_indices().map(|(i, c)| (at + i, c)).find(breaks).map_or(end, |(i, _)| i)
}

/// One side of a link, as the negations see it.
pub(super) struct Side<'a> {
    pub text: &'a str,
    pub bag: &'a Bag,
    /// Its [`negation_scopes`], worked out once for the conflicts.
    pub scopes: &'a [Range<usize>],
}

impl Side<'_> {
    /// Where a negation governs what the two statements share (`shared`, per term): the first
    /// word it governs and the next one in its clause, if any ("had not been consulted", "found
    /// no fault in the app"), not any word in its reach ("pay is not what drives teachers away"
    /// denies nothing about teachers; "not to new buildings" nothing about a new rule). One
    /// inside a wish never counts ("the union wants a guarantee that no jobs will be cut"
    /// asserts no denial). Each reaches to the last word it governs, for quoting.
    fn denials(&self, shared: &[bool]) -> Vec<Range<usize>> {
        let denies = |scope: &Range<usize>| {
            let mut governed: Vec<(usize, &Term)> =
                (self.bag.terms.iter().enumerate()).filter(|(_, t)| governs(scope, t.span.start)).collect();
            governed.sort_by_key(|(_, t)| t.span.start);
            let denies = governed.first().is_some_and(|&(i, _)| shared[i])
                && governed.get(1).is_none_or(|&(i, _)| shared[i]);
            // Quoted up to the last word it governs ("no tie votes", not "no tie votes in").
            let end = governed.iter().map(|(_, t)| t.span.end).max().unwrap_or(scope.end).min(scope.end);
            denies.then_some(scope.start..end)
        };
        // The wish is looked for last: it reads the words before, and most scopes deny nothing shared.
        self.scopes.iter().filter_map(denies).filter(|d| !modality::wished(self.text, d.start)).collect()
    }
}

/// Why one statement denies what the other states, if it does.
pub(super) fn one_sided(claim: &Side, fact: &Side, link: &Candidate) -> Option<String> {
    // A negation denies the very word: "not to compete" says nothing against "time off from
    // competitive snooker", nor "no fault" against "a glitch" (related words, other roles).
    let same_word =
        |a: &Option<Alignment>| a.filter(|a| matches!(a.kind, MatchKind::Exact | MatchKind::Stem));
    let claim_shared: Vec<bool> = link.aligned.iter().map(|a| same_word(a).is_some()).collect();
    let mut fact_shared = vec![false; fact.bag.terms.len()];
    for a in link.aligned.iter().filter_map(same_word) {
        fact_shared[a.fact_term] = true;
    }
    // A denial the claim reports ("farmers have said that milk did not pay") is not its own
    // to oppose a fact with; but it agrees with a fact that denies it too.
    let fact_denies = fact.denials(&fact_shared).into_iter().next();
    let claim_denies = claim.denials(&claim_shared);
    if let Some(d) = fact_denies.as_ref().filter(|_| claim_denies.is_empty()) {
        return Some(format!("the fact denies it: \"{}\"", &fact.text[d.clone()]));
    }
    let own = claim_denies.into_iter().find(|d| !modality::attributed(claim.text, d.start));
    let d = own.filter(|_| fact_denies.is_none())?;
    Some(format!("the claim denies it: \"{}\"", &claim.text[d]))
}

/// Whether a byte offset lies inside one of the negation scopes.
pub(super) fn within(scopes: &[Range<usize>], at: usize) -> bool {
    scopes.iter().any(|s| governs(s, at))
}

/// Whether the negation whose reach is `scope` governs what starts at byte `at` (the negation
/// word itself, at its start, does not).
pub(super) fn governs(scope: &Range<usize>, at: usize) -> bool {
    scope.start < at && at < scope.end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_negation_ends_at_its_clause_not_inside_a_number() {
        let clause = "Workload, not pay, was the main reason people left the profession.";
        let scopes = negation_scopes(clause);
        assert_eq!(scopes.iter().map(|s| &clause[s.clone()]).collect::<Vec<_>>(), ["not pay"]);
        let sum = "The council did not pay 8,000 euros.";
        let scopes = negation_scopes(sum);
        assert_eq!(scopes.iter().map(|s| &sum[s.clone()]).collect::<Vec<_>>(), ["not pay 8,000 euros"]);
    }

    #[test]
    fn bounds_on_numbers_are_not_negations() {
        assert!(negation_scopes("平均候诊时间不到二十分钟。").is_empty());
        assert_eq!(negation_scopes("他没有参加。").len(), 1);
    }

    #[test]
    fn a_bound_is_no_negation() {
        assert!(negation_scopes("审核时间不超过七个工作日。").is_empty());
        assert!(negation_scopes("A review takes no more than seven days.").is_empty());
        assert_eq!(negation_scopes("The unions said they had not been consulted.").len(), 1);
        assert_eq!(negation_scopes("工会表示事先没有征求他们的意见。").len(), 1);
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
