//! What a claim asserts beyond the facts it shares its words with. A claim that predicts or
//! hedges ("rivals will copy it") is not supported by facts that only report (a fact that
//! forecasts can support it); one that ranks ("the largest in the country") needs a fact that
//! ranks; a decision ("has been extended") is not supported by a fact that leaves it open
//! ("will decide whether to extend").

use super::score::Bag;
use super::Params;
use serde::Serialize;

/// What a claim asserts that its linked facts do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Beyond {
    Forecast,
    Ranking,
    Decision,
}

impl Beyond {
    /// Why the claim is unsupported, after "but".
    pub fn note(self) -> &'static str {
        match self {
            Beyond::Forecast => "a forecast its facts do not make",
            Beyond::Ranking => "a ranking its facts do not give",
            Beyond::Decision => "a decision its facts leave open",
        }
    }

    /// A short name, for the status line.
    pub fn name(self) -> &'static str {
        match self {
            Beyond::Forecast => "forecast",
            Beyond::Ranking => "ranking",
            Beyond::Decision => "open decision",
        }
    }
}

/// What `claim` (its text and terms) asserts beyond its `linked` facts (text and terms, best
/// first), as far as `p` asks to check.
pub fn beyond(claim: &str, terms: &Bag, linked: &[(&str, &Bag)], p: &Params) -> Option<Beyond> {
    let linked_texts = || linked.iter().map(|&(text, _)| text);
    if p.predictions {
        if let Some(at) = forecast_at(claim) {
            // Facts that look ahead, or the best link's plan, support the forecast only when
            // they speak of what is forecast (one linked fact may carry the future, another
            // what it holds): "would appoint a mediator" says nothing of a mediator who "will
            // settle the dispute". The terms already made for scoring say so: none is made again.
            let predicted: Vec<u32> =
                terms.terms.iter().filter(|t| t.span.start >= at).map(|t| t.id).collect();
            let about = |f: &Bag| predicted.is_empty() || f.terms.iter().any(|t| predicted.contains(&t.id));
            let ahead = linked_texts().any(fact_looks_ahead) && linked.iter().any(|&(_, f)| about(f));
            let planned = linked.first().is_some_and(|&(text, f)| fact_plans(text) && about(f));
            if !ahead && !planned {
                return Some(Beyond::Forecast);
            }
        }
    }
    if p.rankings && claim_ranks(claim) && !linked_texts().any(fact_ranks) {
        return Some(Beyond::Ranking);
    }
    let open = p.undecided && linked_texts().next().is_some_and(undecided) && !undecided(claim);
    open.then_some(Beyond::Decision)
}

/// Words after which what is said has not happened (yet).
const AHEAD_EN: &[&str] = &[
    "will",
    "would",
    "could",
    "might",
    "likely",
    "unlikely",
    "probably",
    "certainly",
    "expect",
    "expected",
    "expects",
    "predict",
    "predicts",
    "forecast",
    "soon",
    "future",
    "eventually",
];
const AHEAD_ZH: &[&str] = &[
    "将",
    "会",
    "不会",
    "将会",
    "将要",
    "可能",
    "很可能",
    "预计",
    "未来",
    "有望",
    "可望",
    "势必",
    "或将",
    "必将",
    "预期",
];

/// Words of a plan or a schedule: a fact stating one supports a forecast of it ("plans to open
/// five shops" → "will open five shops"); a claim using them reports a plan, it does not predict.
const PLANNED: &[&str] = &[
    "plan",
    "plans",
    "planned",
    "planning",
    "intend",
    "intends",
    "intended",
    "aim",
    "aims",
    "scheduled",
    "计划",
    "打算",
    "准备",
    "拟",
    "将于",
];

/// Verbs that attribute what follows to someone: "the director admitted the return would
/// leave an empty room" reports what was said; it is not the writer's forecast. Base forms
/// too ("is right to warn that…"), except those that are also nouns ("the state", "a claim").
const REPORTING: &[&str] = &[
    "said",
    "says",
    "say",
    "admit",
    "admitted",
    "admits",
    "warn",
    "warned",
    "warns",
    "tell",
    "told",
    "announce",
    "announced",
    "argue",
    "argued",
    "claimed",
    "claims",
    "stated",
    "believe",
    "believes",
    "believed",
    "insist",
    "insisted",
    "according",
    "promise",
    "promised",
    "promises",
    "pledged",
    "pledges",
    "vowed",
    "vows",
    "表示",
    "认为",
    "指出",
    "承认",
    "称",
    "声称",
    "说",
    "强调",
    "承诺",
];

/// Before "expected"/预期, these make expectations a yardstick, not a forecast: "stronger than
/// expected", 比预期更强.
const YARDSTICK: &[&str] = &["than", "比", "超", "超出", "高于", "低于", "不及", "符合"];

/// Before "likely", these make it a comparison of rates, a finding rather than a hedge:
/// "patients were no more likely to die".
const RATE: &[&str] = &["more", "less", "as", "equally"];

/// 会 is also "can, know how to": 会调试的技工 ("workers who can set up robots") says what
/// someone is able to do. Taken as that when a 的 follows within this many words, making the
/// phrase describe a noun, before the clause ends.
const ABLE_WITHIN: usize = 4;

/// Lower-cased words, Chinese segmented by jieba; sentence ends kept as "." so a reporting
/// verb is looked for in the same sentence only, and clause breaks (commas) as ",".
fn words(text: &str) -> Vec<String> {
    words_ending(text).into_iter().map(|(w, _)| w).collect()
}

/// [`words`], each with the byte offset where it ends in `text`.
fn words_ending(text: &str) -> Vec<(String, usize)> {
    use unicode_segmentation::UnicodeSegmentation;
    // Building jieba's dictionary takes ~100 ms: text without Chinese does not need it.
    // Both cut the whole text into consecutive pieces, so offsets are running sums.
    let pieces: Vec<&str> = if text.chars().any(super::tokens::is_cjk) {
        super::lexicon::jieba().cut(text, true).into_iter().map(|t| t.word).collect()
    } else {
        text.split_word_bounds().collect()
    };
    let mut out = Vec::new();
    let mut end = 0;
    for piece in pieces {
        end += piece.len();
        let w = piece.trim();
        if w.chars().any(char::is_alphanumeric) {
            out.push((w.to_lowercase(), end));
        } else if w.contains(['.', '!', '?', '。', '！', '？', '；', ';']) {
            out.push((".".to_string(), end));
        } else if w.contains([',', '，', ':', '：']) {
            out.push((",".to_string(), end));
        }
    }
    out
}

fn ahead(w: &str) -> bool {
    AHEAD_EN.contains(&w) || AHEAD_ZH.contains(&w)
}

#[cfg(test)]
fn claim_predicts(claim: &str) -> bool {
    forecast_at(claim).is_some()
}

/// Does the writer of `claim` predict or hedge, and if so where does what is predicted start
/// (the byte after the look-ahead word)? Look-ahead words attributed to someone by a reporting
/// verb earlier in the sentence, and expectations used as a yardstick, do not count.
fn forecast_at(claim: &str) -> Option<usize> {
    let pairs = words_ending(claim);
    let words: Vec<String> = pairs.iter().map(|(w, _)| w.clone()).collect();
    let at = words.iter().enumerate().position(|(i, w)| {
        let yardstick =
            (w.starts_with("expect") || w == "预期") && i > 0 && YARDSTICK.contains(&words[i - 1].as_str());
        let rate = w.ends_with("likely") && i > 0 && RATE.contains(&words[i - 1].as_str());
        let attributed = reported(&words[..i]);
        let can = w == "会" && able(&words[i + 1..]);
        ahead(w) && !yardstick && !rate && !attributed && !can
    })?;
    Some(pairs[at].1)
}

/// Do the `words` before something, in its sentence, attribute it to someone ("X said …")?
fn reported(before: &[String]) -> bool {
    in_sentence(before, REPORTING)
}

/// Is one of `list` among the `words` before something, in its sentence?
fn in_sentence(before: &[String], list: &[&str]) -> bool {
    let sentence = before.rsplit(|v| v == ".").next().unwrap_or_default();
    sentence.iter().any(|v| list.contains(&v.as_str()))
}

/// Is what `text` says from byte `at` on attributed to someone by a reporting verb before it
/// in its sentence ("farmers have said that milk did not pay")? Then it is not the writer's.
pub fn attributed(text: &str, at: usize) -> bool {
    reported(&words(&text[..at]))
}

/// Words of wanting and demanding: what follows them in their sentence is wished for, not
/// stated ("the union wants a guarantee that no jobs will be cut").
const WISHING: &[&str] = &[
    "want",
    "wants",
    "wanted",
    "demand",
    "demands",
    "demanded",
    "seek",
    "seeks",
    "sought",
    "hope",
    "hopes",
    "hoped",
    "guarantee",
    "guarantees",
    "要求",
    "希望",
    "呼吁",
    "争取",
];

/// Is what `text` says from byte `at` on wished for or demanded by someone, earlier in its
/// sentence, rather than stated?
pub fn wished(text: &str, at: usize) -> bool {
    in_sentence(&words(&text[..at]), WISHING)
}

/// Does the phrase after 会 describe a noun (会维护机器人的技工), so that 会 means "can"? The
/// parallel 会调试、会维护…的 counts as one phrase (、 is not a clause break).
fn able(after: &[String]) -> bool {
    let phrase = after.iter().take_while(|w| *w != "." && *w != ",");
    let words: Vec<&String> = phrase.filter(|w| *w != "会").take(ABLE_WITHIN + 1).collect();
    words.iter().position(|w| *w == "的").is_some_and(|at| at > 0 && at + 1 < words.len())
}

/// Does `fact` look ahead: a forecast or a hedge, whoever states it? (Plans and rules —
/// "must", "plans", "next year" — were tried too: on the tuning half they let as many
/// unsupported forecasts through as they rightly supported.)
pub fn fact_looks_ahead(fact: &str) -> bool {
    let words = words(fact);
    // "is set to", "is due to open" (but not "due to the rain").
    let set_to = words.windows(3).any(|w| {
        matches!(w[0].as_str(), "is" | "are" | "was" | "were")
            && matches!(w[1].as_str(), "set" | "due")
            && w[2] == "to"
    });
    set_to || words.iter().any(|w| ahead(w))
}

/// Does `fact` state a plan or a schedule ("plans to", 计划)? Such a fact supports a forecast
/// of what it plans when it is the forecast's best link; as a second link it let forecasts
/// through that merely share a subject with a plan ("the coach plans to keep his players" →
/// "the team will establish itself").
pub fn fact_plans(fact: &str) -> bool {
    let words = words(fact);
    // English plans are to do something ("plans to", not "has announced no plans").
    words.iter().enumerate().any(|(i, w)| {
        PLANNED.contains(&w.as_str()) && (!w.is_ascii() || words.get(i + 1).is_some_and(|n| n == "to"))
    })
}

/// Words that rank, as a claim's writer uses them: superlatives and records.
const RANKING_EN: &[&str] = &[
    "best",
    "worst",
    "largest",
    "biggest",
    "highest",
    "lowest",
    "greatest",
    "smallest",
    "fastest",
    "slowest",
    "strongest",
    "weakest",
    "record",
    "unprecedented",
    "ever",
    "top",
    "leading",
];
const RANKING_ZH: &[&str] =
    &["第一", "首位", "之最", "纪录", "创纪录", "空前", "居首", "领先", "冠军", "新高", "新低"];

/// Words ending in "est" that are no superlatives.
const NOT_SUPERLATIVE: &[&str] = &[
    "interest",
    "forest",
    "request",
    "protest",
    "suggest",
    "harvest",
    "honest",
    "modest",
    "contest",
    "invest",
    "arrest",
    "digest",
    "manifest",
    "southwest",
    "northwest",
    "test",
    "quest",
    "rest",
    "west",
    "nest",
    "chest",
    "guest",
    "pest",
    "vest",
    "crest",
    "unrest",
    "conquest",
    "inquest",
];

/// Nouns a "record" before them is a disc: "record shops" rank nothing.
const RECORD_THINGS: &[&str] = &[
    "shop",
    "shops",
    "store",
    "stores",
    "label",
    "labels",
    "company",
    "companies",
    "player",
    "players",
    "collection",
    "collections",
    "industry",
    "deal",
    "deals",
];

/// A claim's ranking word. "The most" is left out: before a long adjective it is mostly the
/// writer's judgement ("the most important part", "the most loyal readers"), which a fact
/// need not rank (two wrong flags and no right one on the tuning half).
fn ranking(w: &str) -> bool {
    RANKING_EN.contains(&w)
}

/// A disc, not a record of anything: "record" before one of [`RECORD_THINGS`].
fn a_disc(w: &str, next: Option<&str>) -> bool {
    w.eq_ignore_ascii_case("record")
        && next.is_some_and(|n| RECORD_THINGS.iter().any(|t| t.eq_ignore_ascii_case(n)))
}

/// Does the statement rank something ("the largest", "a record", 最高, 第一)? A capitalised
/// word is a name ("Best Picture", "Top Gear"), not a ranking. Only listed superlatives: any
/// "-est" ("the quickest fix") was tried and flagged judgements that rank nothing ("falls
/// hardest on", "on the busiest days").
pub fn claim_ranks(text: &str) -> bool {
    ranks(text, ranking)
}

/// Does a fact rank anything, in whatever words ("the hardest", "the most", 创新高)? A claim's
/// ranking needs one to rest on; which one is left to the reader.
pub fn fact_ranks(text: &str) -> bool {
    ranks(text, |w| {
        superlative(w)
            || w.eq_ignore_ascii_case("most")
            || RANKING_EN.iter().any(|r| r.eq_ignore_ascii_case(w))
    })
}

/// An English word ending in "-est" that is a superlative ("quickest", not "interest").
fn superlative(w: &str) -> bool {
    w.len() >= 5
        && w.as_bytes()[w.len() - 3..].eq_ignore_ascii_case(b"est")
        && !NOT_SUPERLATIVE.iter().any(|n| n.eq_ignore_ascii_case(w))
}

fn ranks(text: &str, english: impl Fn(&str) -> bool) -> bool {
    use unicode_segmentation::UnicodeSegmentation;
    let words: Vec<&str> =
        text.split_word_bounds().filter(|w| w.chars().any(char::is_alphanumeric)).collect();
    let english_rank =
        words.iter().enumerate().any(|(i, &w)| english(w) && !a_disc(w, words.get(i + 1).copied()));
    // 最 before a word makes a superlative (最高), except in 最近 "lately", 最后 "finally", 最终
    // "eventually", 最初 "at first", and 最多 "at most", 最少 "at least" as bounds (最多七天):
    // before 的 or ending a clause they rank (以来最多的一年, 人数最多。).
    let superlative = text.match_indices('最').any(|(at, _)| {
        let mut after = text[at + '最'.len_utf8()..].chars();
        let (next, then) = (after.next(), after.next());
        next.is_some_and(|c| {
            let bound = "多少".contains(c) && then.is_some_and(|t| t != '的' && t.is_alphanumeric());
            super::tokens::is_cjk(c) && !"近后终初".contains(c) && !bound
        })
    });
    // 第一次 is "the first time", not a rank.
    let first = text.match_indices("第一").any(|(at, w)| !text[at + w.len()..].starts_with('次'));
    english_rank || superlative || first || RANKING_ZH.iter().any(|r| *r != "第一" && text.contains(r))
}

const OPEN_EN: &[&str] =
    &["whether", "consider", "considers", "considering", "weigh", "weighs", "weighing", "undecided"];
const OPEN_ZH: &[&str] = &["是否", "考虑", "能否", "尚未决定", "待定"];

/// Does the statement leave a matter open ("will consider whether", 是否)?
pub fn undecided(text: &str) -> bool {
    use unicode_segmentation::UnicodeSegmentation;
    OPEN_ZH.iter().any(|w| text.contains(w))
        || text.unicode_words().any(|w| OPEN_EN.iter().any(|o| o.eq_ignore_ascii_case(w)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forecasts_and_hedges_predict() {
        assert!(claim_predicts("Rival airlines will copy it."));
        assert!(claim_predicts("The comet is likely to be visible."));
        assert!(claim_predicts("球队下赛季很可能在甲级联赛中站稳脚跟。"));
        assert!(claim_predicts("他们会继续"));
    }

    #[test]
    fn reported_speech_and_yardsticks_do_not() {
        assert!(!claim_predicts("The director admitted the return would leave an empty room."));
        assert!(!claim_predicts("Demand grew faster than expected."));
        assert!(!claim_predicts("用电负荷增长8%，说明持续高温对电力需求的拉动比预期更强。"));
        assert!(!claim_predicts("卫健委表示将延长开放时间。"));
        assert!(!claim_predicts("Sales rose 6% last year."));
        assert!(!claim_predicts("委员会会议上讨论了社会的机会。"), "会 inside other words");
        assert!(
            !claim_predicts("Lindqvist is right to warn that the price could drop again."),
            "a base form"
        );
        assert!(claim_predicts("The state will pay for it."), "\"state\" is a noun here");
        assert!(
            !claim_predicts("Tallis Media has promised that no reporters will be laid off."),
            "a promise reported"
        );
        assert!(!claim_predicts("It is a figure no court system should accept."), "an ought, no forecast");
    }

    #[test]
    fn rates_and_abilities_are_not_forecasts() {
        assert!(!claim_predicts("Patients in the trial hospitals were no more likely to die."));
        assert!(!claim_predicts("Smokers were less likely to recover."));
        assert!(claim_predicts("The most likely outcome is a strike."), "a hedge");
        assert!(!claim_predicts("会调试、会维护机器人的技术工人严重不足。"));
        assert!(!claim_predicts("会调试、会维修的技工短缺，成为扩产的瓶颈。"));
        assert!(claim_predicts("价格会继续下降。"));
        assert!(claim_predicts("他们会继续扩大生产，"), "no 的 in the clause");
        assert!(claim_predicts("价格会下降的。"), "a 的 ending the sentence asserts; it describes no noun");
    }

    #[test]
    fn facts_look_ahead_whoever_says_so() {
        assert!(fact_looks_ahead("The airline said boarding would speed up."));
        assert!(fact_looks_ahead("The shop is set to open in May."));
        assert!(fact_looks_ahead("The line is due to open next year."));
        assert!(!fact_looks_ahead("The match was cancelled due to rain."));
        assert!(fact_plans("The retailer plans to open five more shops."));
        assert!(fact_plans("公司计划明年开设五家门店。"));
        assert!(!fact_plans("Sales rose."));
        assert!(!fact_plans("Two other museums have not announced any plans."));
        assert!(fact_looks_ahead("公司预计明年投产。"));
        assert!(!fact_looks_ahead("Sales of heat pumps rose to 212,000 units."));
    }

    #[test]
    fn rankings_are_superlatives_and_records_not_names() {
        assert!(claim_ranks("It is now the largest employer in the region."));
        assert!(claim_ranks("Sales reached a record 4 million."));
        assert!(!claim_ranks("This is the most ambitious plan yet."), "a judgement");
        assert!(claim_ranks("本市的机器人密度已经位居全国第一。"));
        assert!(claim_ranks("出口额创历史最高。"));
        assert!(!claim_ranks("The fee falls hardest on people who live far from a shop."), "unlisted");
        assert!(!claim_ranks("The film won Best Picture."), "a name");
        assert!(!claim_ranks("Most farms recycle water."), "a quantity");
        assert!(!claim_ranks("Sales rose 6% last year."));
        assert!(!claim_ranks("全市机器人数量超过全国平均水平。"));
        assert!(!claim_ranks("最近，全市机器人数量超过全国平均水平。"), "最近 is lately");
        assert!(!claim_ranks("最多七个工作日就能审完申请。"), "a bound");
        assert!(!claim_ranks("目的是减轻第一次买房的人的压力。"), "the first time");
        assert!(fact_ranks("Physics is the hardest subject to staff."));
        assert!(fact_ranks("客流创开业以来新高。"));
        assert!(fact_ranks("东方白鹳有三百一十只，是调查开始以来最多的一年。"), "最多 before 的");
        assert!(fact_ranks("周末的客流最多。"), "最多 ending a clause");
        assert!(!fact_ranks("最多七个工作日就能审完申请。"), "a bound");
        assert!(!fact_ranks("最多7个工作日就能审完申请。"), "a bound before digits");
        assert!(!fact_ranks("The chain, which runs 36 record shops, sold more vinyl."), "a disc");
        assert!(claim_ranks("Vinyl sales hit a record this year."));
        assert!(!fact_ranks("Interest in the contest grew."));
    }

    #[test]
    fn open_matters_are_undecided() {
        assert!(undecided("The ministry said it would consider making the reviews compulsory."));
        assert!(undecided("卫健委表示，将根据运行情况决定是否把开放时间延长到午夜。"));
        assert!(undecided("The board will decide whether to sell."));
        assert!(!undecided("The board decided to sell."));
        assert!(!undecided("夜间门诊已经确定延长到午夜。"));
    }
}
