//! Does the fact a claim rests on say something different? A different number in the same
//! place ("rose 6%" / "rose 8%"), the opposite direction of change ("rose" / "fell", "doubled"
//! / "fell away", "rose" / "did not change"), an opposite decision ("agreed" / "refused"), or
//! a negation on one side only ([`super::negation`], `Params::negations`). WordNet's antonyms
//! are not used: as words they oppose in senses the statements do not use ("lead vocalist" /
//! "following", "defeating" / "victory"). On by default (`Params::conflicts`); the README
//! gives its precision.

use super::lexicon;
use super::negation::{self, governs, negation_scopes, within, CHINESE_BOUNDS};
use super::score::{Bag, Candidate, Term};
use super::tokens::Kind;
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
    // Most statements hold no word of change or decision: with negations off (they are read in
    // every statement) nothing more is worked out for them.
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
        .or_else(|| negations.then(|| negation::one_sided(&claim.side(), &fact.side(), link)).flatten())
}

/// Whether any word of `bag` names a change or a decision, negated or not (a cheap test before
/// its negations are found).
fn may_oppose(text: &str, bag: &Bag) -> bool {
    bag.terms.iter().any(|t| {
        let s = Sense::new(t, false);
        s.opposable() || CHANGE.contains(&s.lemma) || phrasal(text, t).is_some()
    })
}

/// Verbs that, with "up" or "down" after them, name a direction of change ("went up").
const PHRASAL: &[&str] = &["go", "goes", "going", "went", "gone", "come", "comes", "coming", "came"];

/// The direction a phrase names at `term`: a phrasal verb ("went up", "has come down"), or
/// the earlier figure of a change ("19%, up from 14%": 14% is where it rose from).
fn phrasal(text: &str, term: &Term) -> Option<Direction> {
    let span = &term.span;
    if PHRASAL.iter().any(|v| text[span.clone()].eq_ignore_ascii_case(v)) {
        return way(text[span.end..].unicode_words().next()?);
    }
    changed_from(text, term).map(|(d, _)| d)
}

/// "up" or "down" as a direction.
fn way(word: &str) -> Option<Direction> {
    [("up", Direction::Up), ("down", Direction::Down)]
        .into_iter()
        .find(|(w, _)| word.eq_ignore_ascii_case(w))
        .map(|(_, d)| d)
}

/// "up from" / "down from" just before a number: the direction, and where "up" starts. Only a
/// number is the figure a change started from ("stepped down from office" is no fall).
fn changed_from(text: &str, term: &Term) -> Option<(Direction, usize)> {
    if term.kind != Kind::Number {
        return None;
    }
    let mut before = text[..term.span.start].unicode_word_indices().rev();
    let ((_, from), (at, up)) = (before.next()?, before.next()?);
    from.eq_ignore_ascii_case("from").then(|| way(up)).flatten().map(|d| (d, at))
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
                if let Some(d) = phrasal(text, t) {
                    // "did not go up" says no more than "did not rise": no direction.
                    (sense.plain, sense.direction) = (Some(d), (!negated).then_some(d));
                }
                sense
            })
            .collect();
        Statement { text, bag, negations, senses }
    }

    fn side(&self) -> negation::Side<'_> {
        negation::Side { text: self.text, bag: self.bag, scopes: &self.negations }
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
fn shown<'a>(text: &'a str, scopes: &[std::ops::Range<usize>], term: &Term) -> &'a str {
    let span = &term.span;
    match scopes.iter().find(|s| governs(s, span.start)) {
        Some(s) => &text[s.start..span.end],
        None => changed_from(text, term).map_or(&text[span.clone()], |(_, at)| &text[at..span.end]),
    }
}

/// Does `rest` start with a number (digits or a Chinese numeral)?
fn before_number(rest: &str) -> bool {
    rest.trim_start()
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit() || "零一二两三四五六七八九十百千万半".contains(c))
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
                    shown(claim.text, &claim.negations, t),
                    shown(fact.text, &fact.negations, f)
                ));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
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
        assert_eq!(reason.as_deref(), Some("the fact denies it: \"not been consulted\""));
        let court = "The landlords' federation said it would challenge the decision in court.";
        let reason = negated(court, "The landlords' federation will not challenge the decision in court.");
        assert_eq!(reason.as_deref(), Some("the claim denies it: \"not challenge the decision\""));
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
        let politics = "Hale stepped down from politics after the vote.";
        assert_eq!(conflict(politics, "After the vote, Hale's support rose."), None, "no figure");
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
}
