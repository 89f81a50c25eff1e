//! Does the fact a claim rests on say something different? A different number in the same
//! place ("rose 6%" / "rose 8%"), the opposite direction of change ("rose" / "fell", "doubled"
//! / "fell away", "rose" / "did not change"), an opposite decision ("agreed" / "refused"), or,
//! when asked for, a negation on one side only. WordNet's antonyms are not used: as words they
//! oppose in senses the statements do not use ("lead vocalist" / "following", "defeating" /
//! "victory"). On by default (`Params::conflicts`); the README gives its precision.

use super::lexicon::MatchKind;
use super::score::{Alignment, Bag, Candidate, Term};
use super::tokens::Kind;
use super::{lexicon, modality};
use unicode_segmentation::UnicodeSegmentation;

/// Stems (or irregular forms' lemmas) of words that say something went up ...
const UP: &[&str] = &[
    "rise", "grow", "increas", "doubl", "tripl", "climb", "jump", "soar", "surg", "gain", "expand",
    "rebound", "higher", "dearer", "costlier", "增长", "上升", "增加", "提高", "上涨", "扩大", "翻番",
    "回升", "更高", "攀升", "高于", "更贵", "超过", "超出",
];
/// ... went down ...
const DOWN: &[&str] = &[
    "fall", "drop", "declin", "decreas", "shrink", "halv", "slump", "plung", "sink", "dip", "tumbl", "slide",
    "lower", "fewer", "less", "cheaper", "下降", "减少", "降低", "下跌", "缩小", "减半", "回落", "萎缩",
    "下滑", "更低", "低于", "便宜",
];
/// ... or stayed where it was (opposed to either, when the other side is not negated).
const STILL: &[&str] = &["unchang", "steadi", "flat", "stabl", "持平", "不变"];

/// Decisions and outcomes that exclude each other, English stems and Chinese words.
const POLAR: &[(&str, &str)] = &[
    ("agre", "refus"),
    ("accept", "refus"),
    ("accept", "reject"),
    ("approv", "reject"),
    ("allow", "ban"),
    ("win", "lose"),
    ("profit", "loss"),
    ("support", "oppos"),
    ("盈利", "亏损"),
    ("支持", "反对"),
    ("同意", "拒绝"),
    ("批准", "否决"),
    ("提前", "推迟"),
    ("提前", "延迟"),
];

/// Words that say something changed: negated ("did not change", 没有变化), they say it stayed.
const CHANGE: &[&str] = &["chang", "vari", "变化", "变动"];

const NEGATIONS: &[&str] =
    &["not", "no", "never", "without", "none", "nobody", "nothing", "neither", "nor", "cannot"];

/// Why `fact` contradicts `claim`, if it seems to. `stated` says whether some fact of the
/// article has a term: a claim's number taken from another fact is no different number.
pub fn detect(
    claim_text: &str,
    claim: &Bag,
    fact_text: &str,
    fact: &Bag,
    link: &Candidate,
    negations: bool,
    stated: &dyn Fn(u32) -> bool,
) -> Option<String> {
    let numbers = numbers(claim_text, claim, fact_text, fact, link, stated);
    // Most statements hold no word of change or decision: nothing more to work out for them.
    let worth_reading = negations || (may_oppose(claim_text, claim) && may_oppose(fact_text, fact));
    if !worth_reading {
        return numbers;
    }
    let claim = Statement::new(claim_text, claim);
    let fact = Statement::new(fact_text, fact);
    let opposable = claim.senses.iter().any(Sense::opposable) && fact.senses.iter().any(Sense::opposable);
    // "unchanged" against "did not change" / "without a change": a negated opposite agrees.
    if numbers.is_none() && opposable && negated_opposite(&claim, &fact) {
        return None;
    }
    numbers
        .or_else(|| opposable.then(|| opposites(&claim, &fact, link)).flatten())
        .or_else(|| negations.then(|| negation(claim_text, claim.bag, fact_text, fact.bag, link)).flatten())
}

/// Whether any word of `bag` names a change or a decision, negated or not (a cheap test before
/// its negations are found).
fn may_oppose(text: &str, bag: &Bag) -> bool {
    bag.terms.iter().any(|t| {
        let s = Sense::new(t, false);
        s.opposable() || CHANGE.contains(&s.lemma) || phrasal(text, &t.span).is_some()
    })
}

/// Verbs that, with "up" or "down" after them, name a direction of change ("went up").
const PHRASAL: &[&str] = &["go", "goes", "going", "went", "gone", "come", "comes", "coming", "came"];

/// The direction a phrase names at `span`: a phrasal verb ("went up", "has come down"), or
/// the earlier figure of a change ("19%, up from 14%": 14% is where it rose from).
fn phrasal(text: &str, span: &std::ops::Range<usize>) -> Option<Direction> {
    if PHRASAL.iter().any(|v| text[span.clone()].eq_ignore_ascii_case(v)) {
        let next = text[span.end..].unicode_words().next()?;
        return [("up", Direction::Up), ("down", Direction::Down)]
            .into_iter()
            .find(|(w, _)| next.eq_ignore_ascii_case(w))
            .map(|(_, d)| d);
    }
    changed_from(text, span).map(|(d, _)| d)
}

/// "up from" / "down from" just before `span`: the direction, and where "up" starts.
fn changed_from(text: &str, span: &std::ops::Range<usize>) -> Option<(Direction, usize)> {
    let mut before = text[..span.start].unicode_word_indices().rev();
    let ((_, from), (at, way)) = (before.next()?, before.next()?);
    let d = [("up", Direction::Up), ("down", Direction::Down)]
        .into_iter()
        .find(|(w, _)| way.eq_ignore_ascii_case(w));
    d.filter(|_| from.eq_ignore_ascii_case("from")).map(|(_, d)| (d, at))
}

/// A statement as the opposites see it: its negations and its terms' senses, worked out once.
struct Statement<'a> {
    text: &'a str,
    bag: &'a Bag,
    negations: Vec<std::ops::Range<usize>>,
    senses: Vec<Sense<'a>>,
}

impl<'a> Statement<'a> {
    fn new(text: &'a str, bag: &'a Bag) -> Self {
        let negations = negation_scopes(text);
        let senses = bag
            .terms
            .iter()
            .map(|t| {
                let negated = within(&negations, t.span.start);
                let mut sense = Sense::new(t, negated);
                // Before a number a comparison is a bound (超过三成, 低于5%), no change.
                if CHINESE_BOUNDS.contains(&sense.lemma) && before_number(&text[t.span.end..]) {
                    (sense.plain, sense.direction) = (None, None);
                }
                if let Some(d) = phrasal(text, &t.span) {
                    // "did not go up" says no more than "did not rise": no direction.
                    (sense.plain, sense.direction) = (Some(d), (!negated).then_some(d));
                }
                sense
            })
            .collect();
        Statement { text, bag, negations, senses }
    }

    /// Whether it says itself that something moved in direction `d` ("ridership already down
    /// 6 percent, another increase …" states the fall its fact reports, beside a new rise).
    fn states(&self, d: Direction) -> bool {
        let plain = match d {
            Direction::Up => "up",
            Direction::Down => "down",
            Direction::Still => "",
        };
        self.senses.iter().any(|s| s.direction == Some(d))
            || (!plain.is_empty() && self.text.unicode_words().any(|w| w.eq_ignore_ascii_case(plain)))
    }
}

/// One term as the opposites see it.
struct Sense<'a> {
    /// Its stem, or for an irregular form its lemma's ("rose": "rise").
    lemma: &'a str,
    kind: Kind,
    /// A negation governs it.
    negated: bool,
    /// The direction the word names, and what the statement says once its negation is read
    /// ("did not change": still; "did not rise": none).
    plain: Option<Direction>,
    direction: Option<Direction>,
    /// It is one side of a [`POLAR`] pair.
    polar: bool,
}

impl<'a> Sense<'a> {
    fn new(term: &'a Term, negated: bool) -> Self {
        let words = matches!(term.kind, Kind::Word | Kind::Chinese);
        let lemma =
            if words { lexicon::get().irregular_stem(&term.key).unwrap_or(&term.key) } else { &term.key };
        let plain = words.then(|| direction(lemma, false)).flatten();
        let direction = if negated { words.then(|| direction(lemma, true)).flatten() } else { plain };
        let polar = words && POLAR.iter().any(|&(x, y)| x == lemma || y == lemma);
        Sense { lemma, kind: term.kind, negated, plain, direction, polar }
    }

    fn opposable(&self) -> bool {
        self.plain.is_some() || self.direction.is_some() || self.polar
    }
}

/// Whether one statement negates the opposite of a word of the other ("unchanged" / "not
/// change"): the two say the same thing in opposite words.
fn negated_opposite(claim: &Statement, fact: &Statement) -> bool {
    claim.senses.iter().any(|t| fact.senses.iter().any(|f| opposite(t, f, false) && t.negated != f.negated))
}

/// A term as the reason quotes it: with the negation that governs it ("did not change"), or
/// the change it is the earlier figure of ("up from 14").
fn shown<'a>(text: &'a str, scopes: &[std::ops::Range<usize>], span: &std::ops::Range<usize>) -> &'a str {
    match scopes.iter().find(|s| s.start < span.start && span.start < s.end) {
        Some(s) => &text[s.start..span.end],
        None => changed_from(text, span).map_or(&text[span.clone()], |(_, at)| &text[at..span.end]),
    }
}

/// Does `rest` start with a number (digits or a Chinese numeral)?
fn before_number(rest: &str) -> bool {
    rest.trim_start()
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit() || "零一二两三四五六七八九十百千万半".contains(c))
}

/// Whether a byte offset lies inside one of the negation scopes.
fn within(scopes: &[std::ops::Range<usize>], at: usize) -> bool {
    scopes.iter().any(|s| s.start < at && at < s.end)
}

/// The term after term index `i` in the statement's order, if it is a unit.
fn unit_after(bag: &Bag, term: usize) -> Option<&str> {
    let pos = bag.order.iter().position(|&t| t == term)?;
    let next = &bag.terms[*bag.order.get(pos + 1)?];
    (next.kind == Kind::Unit).then_some(next.key.as_str())
}

fn numbers(
    claim_text: &str,
    claim: &Bag,
    fact_text: &str,
    fact: &Bag,
    link: &Candidate,
    stated: &dyn Fn(u32) -> bool,
) -> Option<String> {
    for (i, t) in claim.terms.iter().enumerate() {
        if t.kind != Kind::Number || link.aligned[i].is_some() || stated(t.id) {
            continue;
        }
        let Some(unit) = unit_after(claim, i) else { continue };
        // "More than 40 percent" / 四成以上 against 41%: a figure given roughly is no different
        // number where the fact's is within what it allows.
        let how = rough(claim_text, &t.span);
        let differs = |f: &Term| match (t.key.parse::<f64>(), f.key.parse::<f64>()) {
            (Ok(a), Ok(b)) => !agrees(how, a, b),
            _ => true,
        };
        let other = fact.terms.iter().enumerate().find(|(j, f)| {
            f.kind == Kind::Number
                && unit_after(fact, *j) == Some(unit)
                && !link.aligned.iter().flatten().any(|a| a.fact_term == *j)
                && differs(f)
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

/// How a claim gives a figure: as it is, as a floor ("more than 40", 四成以上), as a ceiling
/// ("less than 10", 不到一成) or about ("around 40", 四成左右).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Rough {
    Exact,
    Floor,
    Ceiling,
    About,
}

const FLOOR_BEFORE: &[&str] = &["more than", "over", "at least", "above", "超过", "逾", "不少于"];
const CEILING_BEFORE: &[&str] = &["less than", "under", "up to", "at most", "below", "不到", "不足", "最多"];
const ABOUT_BEFORE: &[&str] = &[
    "about",
    "around",
    "nearly",
    "almost",
    "roughly",
    "approximately",
    "some",
    "约",
    "近",
    "将近",
    "接近",
    "大约",
];
const FLOOR_AFTER: &[&str] = &["以上", "多", "余", "+"];
const CEILING_AFTER: &[&str] = &["以下", "以内"];
const ABOUT_AFTER: &[&str] = &["左右", "上下"];

/// How a rough figure may differ from an exact one and still agree: a share of the larger.
const ABOUT: f64 = 0.1;

/// How the number at `span` in `text` is given.
fn rough(text: &str, span: &std::ops::Range<usize>) -> Rough {
    let before = text[..span.start].trim_end().to_lowercase();
    // Its unit may stand between the number and 以上: look a few characters on.
    let after: String = text[span.end..].chars().take(4).collect();
    // An English word whole ("over", not "turnover"); Chinese has no spaces to look for.
    let ends_with = |w: &str| {
        before.strip_suffix(w).is_some_and(|rest| !w.is_ascii() || !rest.ends_with(char::is_alphanumeric))
    };
    let has = |before_words: &[&str], after_words: &[&str]| {
        before_words.iter().any(|w| ends_with(w)) || after_words.iter().any(|w| after.contains(w))
    };
    if has(FLOOR_BEFORE, FLOOR_AFTER) {
        Rough::Floor
    } else if has(CEILING_BEFORE, CEILING_AFTER) {
        Rough::Ceiling
    } else if has(ABOUT_BEFORE, ABOUT_AFTER) {
        Rough::About
    } else {
        Rough::Exact
    }
}

/// Whether the fact's exact figure `fact` agrees with the claim's `claim`, given as `how`.
fn agrees(how: Rough, claim: f64, fact: f64) -> bool {
    match how {
        Rough::Exact => claim == fact,
        Rough::Floor => fact >= claim,
        Rough::Ceiling => fact <= claim,
        Rough::About => (claim - fact).abs() <= ABOUT * claim.abs().max(fact.abs()),
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Direction {
    Up,
    Down,
    Still,
}

/// Which way a word (a stem or lemma) says something moved; `negated` when a negation governs
/// it, which leaves only "did not change" saying anything.
fn direction(lemma: &str, negated: bool) -> Option<Direction> {
    if negated {
        return CHANGE.contains(&lemma).then_some(Direction::Still);
    }
    [(UP, Direction::Up), (DOWN, Direction::Down), (STILL, Direction::Still)]
        .into_iter()
        .find(|(words, _)| words.contains(&lemma))
        .map(|(_, d)| d)
}

/// Whether the two terms state opposites: directions of change, or decisions; read with their
/// negations, or (`read_negations` false) as the words are written.
fn opposite(t: &Sense, f: &Sense, read_negations: bool) -> bool {
    let (a, b) = if read_negations { (t.direction, f.direction) } else { (t.plain, f.plain) };
    if let (Some(a), Some(b)) = (a, b) {
        return a != b;
    }
    if (read_negations && (t.negated || f.negated)) || t.kind != f.kind || !t.polar || !f.polar {
        return false;
    }
    POLAR.iter().any(|&(x, y)| (x == t.lemma && y == f.lemma) || (y == t.lemma && x == f.lemma))
}

/// A capitalised word inside a sentence is part of a name ("New England", "Old Trafford"),
/// whose opposite means nothing.
fn in_name(text: &str, span: &std::ops::Range<usize>) -> bool {
    let starts_sentence = text[..span.start].trim_end().is_empty()
        || text[..span.start].trim_end().ends_with(['.', '!', '?', ':', '"', '“']);
    text[span.clone()].starts_with(char::is_uppercase) && !starts_sentence
}

/// How many words from the claim's context an opposite may stand.
const NEAR: usize = 3;

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

/// A claim word whose opposite the fact states about the same thing: the claim word is not in
/// the fact, or the fact uses it about something else ("heat pump sales rose, boiler sales
/// fell" against "boiler sales rose": "fell" is nearer the words the claim puts beside "rose").
fn opposites(claim: &Statement, fact: &Statement, link: &Candidate) -> Option<String> {
    let used: Vec<usize> = link.aligned.iter().flatten().map(|a| a.fact_term).collect();
    let claim_at = positions(claim.bag);
    let fact_at = positions(fact.bag);
    for (ti, (t, ts)) in claim.bag.terms.iter().zip(&claim.senses).enumerate() {
        if !ts.opposable() {
            continue;
        }
        // The fact positions of the claim's other matched words near this one.
        let order = &claim.bag.order;
        let near: Vec<usize> = claim_at[ti]
            .iter()
            .flat_map(|&p| order[p.saturating_sub(3)..(p + 4).min(order.len())].iter())
            .filter(|&&o| o != ti)
            .filter_map(|&o| link.aligned[o])
            .flat_map(|a| fact_at[a.fact_term].iter().copied())
            .collect();
        for (fi, (f, fs)) in fact.bag.terms.iter().zip(&fact.senses).enumerate() {
            if used.contains(&fi)
                || !opposite(ts, fs, true)
                || fs.direction.is_some_and(|d| claim.states(d))
                || in_name(claim.text, &t.span)
                || in_name(fact.text, &f.span)
            {
                continue;
            }
            // About the same thing: next to what the claim puts beside its word, and, when the
            // fact has the claim's word too, nearer than that ("volumes keep growing" is not
            // contradicted by "volumes reached a record, while waiting times fell").
            let closer = match link.aligned[ti] {
                None => !near.is_empty() && distance(&fact_at, fi, &near) <= NEAR,
                Some(a) => {
                    !near.is_empty() && distance(&fact_at, fi, &near) < distance(&fact_at, a.fact_term, &near)
                }
            };
            if closer {
                return Some(format!(
                    "the claim says \"{}\", the fact says \"{}\"",
                    shown(claim.text, &claim.negations, &t.span),
                    shown(fact.text, &fact.negations, &f.span)
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

/// Comparisons that make a negation before them a bound (不超过七天 "at most seven days").
const CHINESE_BOUNDS: &[&str] = &["超过", "少于", "多于", "低于", "高于", "大于", "小于"];

/// Where `text` negates something: the byte range a negation word governs (the next few
/// words; in Chinese the next few characters).
fn negation_scopes(text: &str) -> Vec<std::ops::Range<usize>> {
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
    let breaks = |c: char| {
        matches!(c, ',' | ';' | ':' | '.' | '!' | '?' | '，' | '。' | '；' | '：' | '！' | '？' | '、')
    };
    text[at..end].find(breaks).map_or(end, |i| at + i)
}

/// Whether a negation in `text` governs what the two statements share: the first word it
/// governs and the next one in its clause, if any ("had not been consulted", "found no fault in
/// the app"), not any word in its reach ("pay is not what drives teachers away" denies nothing
/// about teachers; "not to new buildings" nothing about a new rule). With `own`, a negation
/// the text attributes to someone ("they said it did not…") does not count. Nor, ever, does
/// one inside a wish ("the union wants a guarantee that no jobs will be cut" asserts no denial).
fn negates_shared(text: &str, bag: &Bag, shared: &[bool], own: bool) -> bool {
    let asserted = |at: usize| !modality::wished(text, at) && (!own || !modality::attributed(text, at));
    negation_scopes(text).iter().filter(|scope| asserted(scope.start)).any(|scope| {
        let mut governed: Vec<(usize, &Term)> = bag
            .terms
            .iter()
            .enumerate()
            .filter(|(_, t)| scope.start < t.span.start && t.span.start < scope.end)
            .collect();
        governed.sort_by_key(|(_, t)| t.span.start);
        governed.first().is_some_and(|&(i, _)| shared[i]) && governed.get(1).is_none_or(|&(i, _)| shared[i])
    })
}

fn negation(claim_text: &str, claim: &Bag, fact_text: &str, fact: &Bag, link: &Candidate) -> Option<String> {
    // A negation denies the very word: "not to compete" says nothing against "time off from
    // competitive snooker", nor "no fault" against "a glitch" (related words, other roles).
    let same_word =
        |a: &Option<Alignment>| a.filter(|a| matches!(a.kind, MatchKind::Exact | MatchKind::Stem));
    let claim_shared: Vec<bool> = link.aligned.iter().map(|a| same_word(a).is_some()).collect();
    let mut fact_shared = vec![false; fact.terms.len()];
    for a in link.aligned.iter().filter_map(same_word) {
        fact_shared[a.fact_term] = true;
    }
    // A denial the claim reports ("farmers have said that milk did not pay") is not its own
    // to oppose a fact with; but it agrees with a fact that reports the same denial.
    let fact_negates = negates_shared(fact_text, fact, &fact_shared, false);
    let claim_reports = negates_shared(claim_text, claim, &claim_shared, false);
    if fact_negates && !claim_reports {
        return Some("the fact negates what the claim states".to_string());
    }
    let claim_negates = claim_reports && negates_shared(claim_text, claim, &claim_shared, true);
    (claim_negates && !fact_negates).then(|| "the claim negates what the fact states".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::{Comparer, Params};
    use crate::Article;

    fn conflict(body: &str, insight: &str) -> Option<String> {
        conflict_with(Params::default(), body, insight)
    }

    /// The conflict flagged on the one claim `insight` against the one fact `body`.
    fn conflict_with(p: Params, body: &str, insight: &str) -> Option<String> {
        let a = Article {
            id: "t".into(),
            title: "T".into(),
            body: vec![body.into()],
            insight: vec![insight.into()],
            ..Default::default()
        };
        let c = Comparer::alone(Params { conflicts: true, ..p }).compare(&a);
        c.insights[0].conflict.as_ref().map(|c| c.reason.clone())
    }

    #[test]
    fn a_number_another_fact_states_is_no_different_number() {
        let body = vec![
            "Rents in the city climbed 9.4 percent last year.".to_string(),
            "The council voted to limit annual rent increases to 3 percent.".to_string(),
        ];
        let a = Article {
            title: "T".into(),
            body,
            insight: vec!["After rents climbed 9.4 percent, the council limited annual rent increases to well below that."
                .into()],
            ..Default::default()
        };
        let c = Comparer::alone(Params::default()).compare(&a);
        assert_eq!(c.insights[0].conflict, None, "{:?}", c.insights[0]);
        let reason = conflict(
            "The council voted to limit annual rent increases to 3 percent.",
            "The council voted to limit annual rent increases to 5 percent.",
        );
        assert!(reason.is_some_and(|r| r.contains('5') && r.contains('3')));
    }

    #[test]
    fn a_negation_denies_the_first_word_it_governs() {
        let negated = |body: &str, insight: &str| {
            conflict_with(Params { negations: true, ..Params::default() }, body, insight)
        };
        let fact = "The unions representing bank staff said they had not been consulted.";
        let reason = negated(fact, "The unions representing bank staff say they were fully consulted.");
        assert_eq!(reason.as_deref(), Some("the fact negates what the claim states"));
        let bonus = "The office will offer a bonus of 8,000 euros to teachers in rural schools.";
        let claim = "A bonus of 8,000 euros is fair, though unions say pay is not what drives teachers away.";
        assert_eq!(
            negated(bonus, claim),
            None,
            "the negation denies \"drives\", which the fact does not have"
        );
        assert!(conflict(fact, "The unions say they were fully consulted.").is_some(), "on by default");
        let off = Params { negations: false, ..Params::default() };
        assert_eq!(conflict_with(off, fact, "The unions say they were fully consulted."), None);
        let time_off = "O'Sullivan has decided to take some time off from competitive snooker.";
        assert_eq!(
            negated(time_off, "O'Sullivan has decided not to compete this year."),
            None,
            "\"compete\" is not the fact's word: a related word in another role"
        );
    }

    #[test]
    fn a_negation_denies_a_phrase_within_its_clause_and_only_the_writer_s() {
        let negated = |body: &str, insight: &str| {
            conflict_with(Params { negations: true, ..Params::default() }, body, insight)
        };
        let fault = "The agency said it had found no fault in the app.";
        assert!(negated(fault, "The agency found a fault in the app.").is_some());
        let cap =
            "The cap applies to about 41,000 private flats but not to new buildings completed after 2025.";
        assert_eq!(
            negated(cap, "Roughly forty-one thousand private flats fall under the new rule."),
            None,
            "\"not to new buildings\" denies new buildings, not anything new"
        );
        let pay = "The cooperative will pay its farmers 46 cents a litre for milk, up from 41 cents.";
        let relief =
            "Paying 46 cents a litre is welcome relief for farmers who have said that milk did not pay.";
        assert_eq!(negated(pay, relief), None, "a denial the claim reports is not its own");
        let asked = "Solway said it had not been asked by the regional council to keep an early sailing.";
        assert_eq!(
            negated(asked, "The council, according to Solway, never asked for an early sailing to be kept."),
            None,
            "the same denial, reported on both sides"
        );
        assert!(negated(asked, "The regional council asked Solway to keep an early sailing.").is_some());
        let wish = "The union wants a guarantee that no jobs will be cut when the cranes arrive.";
        assert_eq!(
            negated(wish, "The operators' offer leaves job cuts possible when the cranes arrive."),
            None,
            "a wish"
        );
        let clause = "Workload, not pay, was the main reason people left the profession.";
        let scopes = negation_scopes(clause);
        assert_eq!(scopes.iter().map(|s| &clause[s.clone()]).collect::<Vec<_>>(), ["not pay"]);
    }

    #[test]
    fn phrasal_verbs_name_directions() {
        let fell = "Applications to teacher training courses fell by 11 percent this year.";
        let reason =
            conflict(fell, "Applications to teacher training courses went up by 11 percent this year.");
        assert!(reason.is_some_and(|r| r.contains("went") && r.contains("fell")));
        assert_eq!(conflict(fell, "Applications to teacher training courses went down by 11 percent."), None);
        let up_from = "Women accounted for 19% of new reservists, up from 14% two years ago.";
        let reason = conflict(up_from, "The share of women among new reservists fell to 19 percent.");
        assert!(reason.is_some_and(|r| r.contains("\"fell\"") && r.contains("\"up from 14\"")));
        assert_eq!(conflict(up_from, "The share of women among new reservists rose to 19 percent."), None);
        let down_from = "Repossessions numbered 640 in the quarter, down from 710.";
        assert!(conflict(down_from, "Repossessions rose to 640 in the quarter.").is_some());
        assert_eq!(conflict(down_from, "Repossessions fell to 640 in the quarter."), None);
    }

    #[test]
    fn a_bound_is_no_negation() {
        assert!(negation_scopes("审核时间不超过七个工作日。").is_empty());
        assert!(negation_scopes("A review takes no more than seven days.").is_empty());
        assert_eq!(negation_scopes("The unions said they had not been consulted.").len(), 1);
        assert_eq!(negation_scopes("工会表示事先没有征求他们的意见。").len(), 1);
    }

    #[test]
    fn a_rough_figure_agrees_with_an_exact_one_near_it() {
        let fact = "今年前十个月，本省电动汽车出口增长41%，达到32万辆。";
        assert_eq!(conflict(fact, "本省电动汽车出口增长四成以上。"), None);
        assert!(conflict(fact, "本省电动汽车出口增长五成以上。").is_some(), "41% is not over half");
        assert!(
            conflict(fact, "Exports of electric cars rose about 30% to 320,000 vehicles.").is_some(),
            "far off"
        );
        let turnover = "Turnover rose 41% this year.";
        assert!(conflict(turnover, "Turnover 40% higher this year.").is_some(), "not \"over 40%\"");
        let fact = "Exports of electric cars rose 41% to 320,000 vehicles.";
        assert_eq!(conflict(fact, "Exports of electric cars rose more than 40% to 320,000 vehicles."), None);
        assert!(conflict(fact, "Exports of electric cars rose 40% to 320,000 vehicles.").is_some(), "exact");
        let ski = "滑雪场去年有将近四成的雪道依靠人工造雪。";
        assert!(conflict(ski, "去年只有不到一成的雪道需要人工造雪。").is_some());
    }

    #[test]
    fn comparisons_and_schedules_oppose() {
        let cheaper = "价格方面，国产六轴机器人比进口同类产品便宜约三分之一。";
        assert!(conflict(cheaper, "国产六轴机器人比进口同类产品价格更高。").is_some());
        let late = "研制工作历时四年，比原计划推迟了一年。";
        assert!(conflict(late, "研制用了四年，比原计划提前一年完成。").is_some());
        assert_eq!(conflict(late, "研制历时四年，比原计划推迟一年。"), None);
        let lower = "专家提醒，新品种的口感评分仍低于常见的粳米品种。";
        assert!(conflict(lower, "新品种的口感已经超过常见的粳米。").is_some());
        let bound = "今年新品种的种植面积超过三万亩。";
        assert_eq!(conflict(bound, "今年新品种的种植面积下降，不到四万亩。"), None, "a bound");
    }

    #[test]
    fn an_opposite_about_the_same_thing_conflicts_even_when_the_fact_also_has_the_word() {
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
    fn the_opposite_change_about_the_same_thing_conflicts() {
        let body =
            "Visitor numbers to the museum's African galleries doubled after the review was announced.";
        let reason =
            conflict(body, "Visitors to the African galleries fell away once the review was announced.")
                .expect("a conflict");
        assert!(reason.contains("\"fell\"") && reason.contains("\"doubled\""), "{reason}");
        let still = "Death rates and readmissions did not change, the researchers found.";
        let reason = conflict(still, "Death rates rose slightly in the hospitals.").expect("a conflict");
        assert!(reason.contains("\"not change\""), "the negation is quoted: {reason}");
        let decision = "The energy ministry has refused to reopen the wind farm contract.";
        let reason =
            conflict(decision, "The energy ministry has agreed to reopen the contract.").expect("a conflict");
        assert!(reason.contains("\"agreed\"") && reason.contains("\"refused\""), "{reason}");
        let zh = "今年一季度，本市新能源汽车出口量同比下降百分之十二。";
        assert!(conflict(zh, "本市新能源汽车出口量同比增长。").is_some());
    }

    #[test]
    fn changes_of_other_things_or_in_other_senses_do_not_conflict() {
        // The fall is of waiting times, far from the volumes the claim says keep growing.
        let far = "Container volumes at the terminal reached 8.2 million TEU last year, a record, \
                   while average ship waiting times fell from 31 hours to 19 hours.";
        assert_eq!(conflict(far, "The crane order is a bet that container volumes keep growing."), None);
        // The claim states the fall itself, beside a new rise.
        let fell = "Ridership fell 6 percent last year after two fare increases in 2023.";
        assert_eq!(
            conflict(fell, "With ridership already down 6 percent, another increase risks more."),
            None
        );
        // WordNet antonyms in other senses are not opposites of a statement.
        let lead = "DuVall joined the band in 2006 following the death of its original vocalist.";
        assert_eq!(conflict(lead, "DuVall took over as lead vocalist of the band in 2006."), None);
        // A negation alone is not counted unless asked for.
        let not = "The study did not include children's hospitals or nursing homes.";
        assert_eq!(conflict(not, "The findings of the study apply to children's hospitals."), None);
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
