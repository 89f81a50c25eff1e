//! Turning a statement into the terms it is compared by: Unicode words, case-folded, stop words
//! dropped, English stemmed (Snowball); numbers as values however they are written ("6%" and "6
//! percent", "three" and "3", "$2bn" and "2 billion dollars", 三万二千 and 32000) followed by
//! their unit, times of day as hours (晚上十一点 = "11pm" = 23, see `compare::clock`); Chinese segmented into words (jieba), with character bigrams only for words the
//! dictionary does not know. Each term remembers the words it came from, to explain a link.

use std::collections::HashMap;
use std::ops::Range;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_segmentation::UnicodeSegmentation;

use super::{clock, lexicon, numbers};

/// English function words that carry no evidence of what a statement is about.
const STOP_WORDS: &[&str] = &[
    "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as",
    "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can",
    "could", "did", "do", "does", "doing", "down", "during", "each", "even", "few", "for", "from", "further",
    "had", "has", "have", "having", "he", "her", "here", "hers", "him", "his", "how", "i", "if", "in",
    "into", "is", "it", "its", "itself", "just", "last", "may", "me", "might", "more", "most", "much",
    "must", "my", "no", "nor", "not", "now", "of", "off", "on", "once", "one", "only", "or", "other", "our",
    "ours", "out", "over", "own", "per", "rather", "said", "same", "says", "she", "should", "since", "so",
    "some", "such", "than", "that", "the", "their", "theirs", "them", "then", "there", "these", "they",
    "this", "those", "through", "to", "too", "under", "until", "up", "very", "was", "we", "were", "what",
    "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "yet", "you", "your",
];

/// Chinese function words: particles, pronouns, copulas, prepositions, degree words and
/// modals — the counterparts of the English list (到 "to", 比 "than", 有 "have", 每 "each",
/// 约 "about", 前/后 "before/after", 最 "most", 会 "will"), which a tester saw listed as
/// shared words.
const CHINESE_STOP_WORDS: &[&str] = &[
    "的", "了", "是", "在", "和", "与", "及", "或", "也", "都", "将", "对", "从", "等", "这", "那", "其",
    "已", "被", "把", "而", "个", "之", "为", "以", "于", "就", "并", "但", "又", "还", "让", "使", "这些",
    "那些", "这个", "那个", "我们", "他们", "它们", "一个", "已经", "因为", "所以", "如果", "可以", "没有",
    "不是", "到", "比", "有", "每", "下", "约", "前", "后", "内", "中", "上", "由", "向", "给", "着", "过",
    "所", "最", "更", "很", "会", "能", "要", "应", "应该", "之后", "之前", "以来", "其中",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Word,
    Number,
    /// The unit after a number ("percent", "pound", "dollar").
    Unit,
    Chinese,
}

/// One term of a statement and where its word is (byte range in the statement).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub term: String,
    /// The word as written, lower-cased: "exact" matches compare it, "stem" matches the term.
    pub surface: String,
    pub span: Range<usize>,
    pub kind: Kind,
}

/// A piece of text before normalisation.
pub(super) struct Piece<'a> {
    /// Lower-cased; borrowed from the statement when it already is.
    pub(super) text: std::borrow::Cow<'a, str>,
    pub(super) span: Range<usize>,
    pub(super) chinese: bool,
}

/// A stemmer with a cache: a corpus repeats the same few thousand words.
pub struct Tokenizer {
    stemmer: Stemmer,
    cache: HashMap<String, Option<String>>,
}

impl Default for Tokenizer {
    fn default() -> Self {
        Tokenizer { stemmer: Stemmer::create(Algorithm::English), cache: HashMap::new() }
    }
}

pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' |
        '\u{3040}'..='\u{30ff}' | '\u{ac00}'..='\u{d7af}' | '\u{20000}'..='\u{2ffff}')
}

fn is_symbol(c: char) -> bool {
    matches!(c, '%' | '％' | '$' | '£' | '€')
}

thread_local! {
    /// Each thread keeps its tokenizer between comparisons: its stem cache stays warm.
    static CACHED: std::cell::RefCell<Option<Tokenizer>> = const { std::cell::RefCell::new(None) };
}

/// A thread's cached tokenizer, given back to the thread when dropped.
pub struct CachedTokenizer(Option<Tokenizer>);

impl std::ops::Deref for CachedTokenizer {
    type Target = Tokenizer;
    fn deref(&self) -> &Tokenizer {
        self.0.as_ref().expect("present until dropped")
    }
}

impl std::ops::DerefMut for CachedTokenizer {
    fn deref_mut(&mut self) -> &mut Tokenizer {
        self.0.as_mut().expect("present until dropped")
    }
}

impl Drop for CachedTokenizer {
    fn drop(&mut self) {
        let mut tok = self.0.take();
        if tok.as_ref().is_some_and(|t| t.cache.len() > 200_000) {
            tok = None;
        }
        CACHED.with_borrow_mut(|c| *c = tok);
    }
}

impl Tokenizer {
    /// This thread's tokenizer, with the stems it has already computed.
    pub fn cached() -> CachedTokenizer {
        CachedTokenizer(Some(CACHED.with_borrow_mut(Option::take).unwrap_or_default()))
    }

    pub fn tokens(&mut self, text: &str) -> Vec<Token> {
        let pieces = split_measures(text, join_numerals(text, pieces(text)));
        let mut out = Vec::with_capacity(pieces.len());
        let mut i = 0;
        while i < pieces.len() {
            if let Some((value, used)) = clock::clock_at(text, &pieces, i) {
                let span = pieces[i].span.start..pieces[i + used - 1].span.end;
                let surface = text[span.clone()].to_lowercase();
                let term = numbers::canonical(value);
                out.push(Token { term, surface: surface.clone(), span: span.clone(), kind: Kind::Number });
                out.push(Token { term: clock::UNIT.to_string(), surface, span, kind: Kind::Unit });
                i += used;
                continue;
            }
            if let Some((value, used)) = number_at(&pieces, i) {
                let last = &pieces[i + used - 1];
                let span = pieces[i].span.start..last.span.end;
                let surface = text[span.clone()].to_lowercase();
                let percent = pieces[i].text.starts_with("百分之");
                out.push(Token {
                    term: numbers::canonical(value),
                    surface: surface.clone(),
                    span: span.clone(),
                    kind: Kind::Number,
                });
                i += used;
                if percent {
                    out.push(Token { term: "percent".to_string(), surface, span, kind: Kind::Unit });
                } else if let Some((unit, used)) = unit_at(&pieces, i) {
                    let span = pieces[i].span.start..pieces[i + used - 1].span.end;
                    let surface = text[span.clone()].to_lowercase();
                    out.push(Token { term: unit.to_string(), surface, span, kind: Kind::Unit });
                    i += used;
                }
                continue;
            }
            let p = &pieces[i];
            i += 1;
            if let Some(unit) =
                p.text.chars().next().filter(|&c| is_symbol(c)).and_then(|c| numbers::unit(&c.to_string()))
            {
                // A currency sign before its number: "$2bn".
                out.push(Token {
                    term: unit.to_string(),
                    surface: p.text.to_string(),
                    span: p.span.clone(),
                    kind: Kind::Unit,
                });
            } else if p.chinese {
                self.chinese(p, &mut out);
            } else if let Some(term) = self.term(&p.text) {
                out.push(Token { term, surface: p.text.to_string(), span: p.span.clone(), kind: Kind::Word });
            }
        }
        out
    }

    fn chinese(&mut self, p: &Piece, out: &mut Vec<Token>) {
        if CHINESE_STOP_WORDS.contains(&p.text.as_ref()) {
            return;
        }
        let chars: Vec<(usize, char)> = p.text.char_indices().collect();
        if chars.len() >= 3 && !lexicon::jieba().has_word(&p.text) {
            // A word the dictionary does not know (a name, a new coinage): its bigrams, so that
            // a part of it can still match.
            for w in chars.windows(2) {
                let (s, e) = (w[0].0, w[1].0 + w[1].1.len_utf8());
                let text = p.text[s..e].to_string();
                let span = p.span.start + s..p.span.start + e;
                out.push(Token { term: text.clone(), surface: text, span, kind: Kind::Chinese });
            }
            return;
        }
        out.push(Token {
            term: p.text.to_string(),
            surface: p.text.to_string(),
            span: p.span.clone(),
            kind: Kind::Chinese,
        });
    }

    /// The term for one lower-cased English word, or `None` for stop words and single letters.
    fn term(&mut self, word: &str) -> Option<String> {
        if let Some(t) = self.cache.get(word) {
            return t.clone();
        }
        let bare = word.trim_end_matches("'s").trim_end_matches("’s");
        let term = if bare.chars().any(char::is_numeric) {
            Some(bare.replace(',', ""))
        } else if STOP_WORDS.contains(&bare) || bare.chars().count() < 2 {
            None
        } else if let Some(unit) = numbers::unit(bare) {
            Some(unit.to_string())
        } else {
            Some(self.stemmer.stem(bare).into_owned())
        };
        self.cache.insert(word.to_string(), term.clone());
        term
    }

    /// The Snowball stem of a lower-cased word.
    pub fn stem(&self, word: &str) -> String {
        self.stemmer.stem(word).into_owned()
    }
}

/// Words (lower-cased), Chinese words, and the symbols that stand for units, in text order.
fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut run_start = 0;
    let mut in_cjk = false;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        let cjk = i < text.len() && is_cjk(c);
        if cjk != in_cjk || i == text.len() {
            let run = run_start..i;
            if in_cjk {
                for w in lexicon::jieba().cut(&text[run.clone()], true) {
                    let span = run.start + w.byte_start..run.start + w.byte_end;
                    out.push(Piece { text: w.word.into(), span, chinese: true });
                }
            } else {
                latin(text, run, &mut out);
            }
            run_start = i;
            in_cjk = cjk;
        }
    }
    out
}

fn latin<'a>(text: &'a str, run: Range<usize>, out: &mut Vec<Piece<'a>>) {
    let mut gap_start = run.start;
    let symbols = |from: usize, to: usize, out: &mut Vec<Piece<'a>>| {
        for (j, c) in text[from..to].char_indices().filter(|&(_, c)| is_symbol(c)) {
            let at = from + j;
            out.push(Piece {
                text: text[at..at + c.len_utf8()].into(),
                span: at..at + c.len_utf8(),
                chinese: false,
            });
        }
    };
    for (offset, word) in text[run.clone()].unicode_word_indices() {
        let start = run.start + offset;
        symbols(gap_start, start, out);
        let lower =
            if word.chars().any(char::is_uppercase) { word.to_lowercase().into() } else { word.into() };
        out.push(Piece { text: lower, span: start..start + word.len(), chinese: false });
        gap_start = start + word.len();
    }
    symbols(gap_start, run.end, out);
}

/// The segmenter may cut one Chinese numeral in two ("三十" "一场" for 三十一场): the numeral
/// characters that continue a numeral piece move into it.
fn join_numerals<'a>(text: &'a str, mut pieces: Vec<Piece<'a>>) -> Vec<Piece<'a>> {
    let numeral = |t: &str| numbers::chinese_value(t.strip_prefix("百分之").unwrap_or(t)).is_some();
    let mut i = 0;
    while i + 1 < pieces.len() {
        let (a, b) = (&pieces[i], &pieces[i + 1]);
        if a.chinese && b.chinese && a.span.end == b.span.start && (numeral(&a.text) || a.text == "百分之")
        {
            // The longest start of `b` that still reads as one numeral with `a`.
            let take = b.text.char_indices().map(|(k, c)| k + c.len_utf8()).rev().find(|&k| {
                let joined = format!("{}{}", a.text, &b.text[..k]);
                numeral(&joined)
            });
            if let Some(k) = take {
                let end = a.span.start + a.text.len() + k;
                let (start, b_end) = (a.span.start, b.span.end);
                pieces[i] = Piece { text: text[start..end].into(), span: start..end, chinese: true };
                if end == b_end {
                    pieces.remove(i + 1);
                } else {
                    pieces[i + 1] = Piece { text: text[end..b_end].into(), span: end..b_end, chinese: true };
                }
                continue;
            }
        }
        i += 1;
    }
    pieces
}

/// Measure words and units that the segmenter glues to a numeral (十五亿元, 三千个, 万辆):
/// split off, so the numeral reads as a number and the unit as a unit.
const MEASURES: &[&str] = &[
    "元", "美元", "欧元", "英镑", "个", "名", "人", "辆", "台", "家", "次", "岁", "件", "座", "所", "条",
    "项", "位", "只", "头", "艘", "架", "吨", "倍", "场", "套", "户", "亩", "公里", "公斤", "米", "成",
];

fn split_measures<'a>(text: &'a str, pieces: Vec<Piece<'a>>) -> Vec<Piece<'a>> {
    let numeral = |t: &str| numbers::chinese_value(t).is_some() || chinese_scale(t).is_some();
    let mut out = Vec::with_capacity(pieces.len());
    for p in pieces {
        let cut = (p.chinese && !numeral(&p.text))
            .then(|| {
                p.text
                    .char_indices()
                    .skip(1)
                    .map(|(k, _)| k)
                    .find(|&k| numeral(&p.text[..k]) && MEASURES.contains(&&p.text[k..]))
            })
            .flatten();
        match cut {
            Some(k) => {
                let (start, mid, end) = (p.span.start, p.span.start + k, p.span.end);
                out.push(Piece { text: text[start..mid].into(), span: start..mid, chinese: true });
                out.push(Piece { text: text[mid..end].into(), span: mid..end, chinese: true });
            }
            None => out.push(p),
        }
    }
    out
}

/// A number starting at piece `i`: its value and how many pieces it takes ("two hundred
/// thousand", "2.5 million", "2bn", "32万", "百分之六" counts as 6 followed by its unit).
fn number_at(pieces: &[Piece], i: usize) -> Option<(f64, usize)> {
    let p = &pieces[i];
    let next_word = |k: usize| pieces.get(k).map(|p| p.text.as_ref());
    let mut value;
    let mut used = 1;
    if p.chinese {
        if p.text == "百分之" {
            // "百分之" "六": the number is the next piece.
            let (v, n) = pieces.get(i + 1).filter(|n| n.chinese).and_then(|_| number_at(pieces, i + 1))?;
            return Some((v, n + 1));
        }
        let text = p.text.strip_prefix("百分之").unwrap_or(&p.text);
        value = numbers::chinese_value(text)?;
        if let Some(scale) = next_word(i + 1).and_then(chinese_scale) {
            value *= scale;
            used += 1;
        }
        // 四成 is four tenths: 40 percent (成 itself is read as the unit).
        if next_word(i + used) == Some("成") {
            value *= 10.0;
        }
        return Some((value, used));
    }
    if let Some(v) = numbers::parse_digits(&p.text) {
        value = v;
    } else if let Some((v, suffix)) = digits_and_suffix(&p.text) {
        // "2bn", "450m", "10th", "1990s": a suffix that is a scale multiplies; a unit is left
        // for `unit_at` to find in the same piece, so only plain suffixes are taken here.
        value = v * numbers::scale_value(suffix).unwrap_or(1.0);
        let plain =
            numbers::scale_value(suffix).is_some() || matches!(suffix, "st" | "nd" | "rd" | "th" | "s");
        if !plain {
            return None;
        }
    } else if let Some(v) = numbers::word_value(&p.text) {
        // "one" alone is a pronoun more often than a number.
        let scaled = next_word(i + 1).is_some_and(|w| numbers::scale_value(w).is_some() && w.len() > 2);
        if p.text == "one" && !scaled {
            return None;
        }
        value = v;
        if v >= 20.0 && v % 10.0 == 0.0 {
            if let Some(unit) = next_word(i + 1).and_then(numbers::word_value).filter(|u| *u < 10.0) {
                value += unit;
                used += 1;
            }
        }
    } else {
        return None;
    }
    let mut hundreds = false;
    while let Some(scale) = next_word(i + used).and_then(numbers::scale_value) {
        // Single-letter scales ("m", "b", "k") only glued to digits ("450m"), never as words.
        if next_word(i + used).is_some_and(|w| w.len() < 2) {
            break;
        }
        hundreds = scale == 1e2;
        value *= scale;
        used += 1;
    }
    // "eight hundred and fifty", "two hundred fifty-one": the rest of the number.
    if hundreds {
        let at = i + used + usize::from(next_word(i + used) == Some("and"));
        if let Some(tens) = next_word(at).and_then(numbers::word_value) {
            let units = next_word(at + 1).and_then(numbers::word_value).filter(|u| tens >= 20.0 && *u < 10.0);
            value += tens + units.unwrap_or(0.0);
            used = at + 1 + usize::from(units.is_some()) - i;
        }
    }
    // "32万", also when the segmenter glued the scale to what follows ("万辆").
    let scale = pieces.get(i + used).filter(|p| p.chinese).and_then(|p| {
        chinese_scale(&p.text).or_else(|| p.text.chars().next().and_then(|c| chinese_scale(&c.to_string())))
    });
    if let Some(scale) = scale {
        value *= scale;
        used += 1;
    }
    Some((value, used))
}

fn chinese_scale(w: &str) -> Option<f64> {
    Some(match w {
        "十" => 10.0,
        "百" => 100.0,
        "千" => 1e3,
        "万" => 1e4,
        "亿" => 1e8,
        "万亿" => 1e12,
        _ => return None,
    })
}

/// "23lb" → (23, "lb").
fn digits_and_suffix(w: &str) -> Option<(f64, &str)> {
    let split = w.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))?;
    let (digits, suffix) = w.split_at(split);
    Some((numbers::parse_digits(digits)?, suffix)).filter(|(_, s)| s.chars().all(|c| c.is_ascii_alphabetic()))
}

/// The unit after a number at piece `i`: "%", "percent", "per cent", "lb", "-pound", "in"
/// (inches, when nothing that reads as a place or a time follows).
fn unit_at(pieces: &[Piece], i: usize) -> Option<(&'static str, usize)> {
    let p = pieces.get(i)?;
    if p.text == "per" && pieces.get(i + 1).is_some_and(|n| n.text == "cent") {
        return Some(("percent", 2));
    }
    if p.text == "in" {
        let next = pieces.get(i + 1);
        let inch = next.is_none_or(|n| {
            !n.chinese
                && n.text.chars().all(|c| c.is_ascii_alphabetic())
                && !STOP_WORDS.contains(&n.text.as_ref())
                && !is_month_or_year(&n.text)
        });
        return inch.then_some(("inch", 1));
    }
    if p.chinese && p.text.starts_with('%') {
        return Some(("percent", 1));
    }
    numbers::unit(&p.text).map(|u| (u, 1))
}

fn is_month_or_year(w: &str) -> bool {
    const MONTHS: &[&str] = &[
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    MONTHS.contains(&w) || (w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<String> {
        Tokenizer::default().tokens(text).into_iter().map(|t| t.term).collect()
    }

    #[test]
    fn english_words_are_folded_stemmed_and_filtered() {
        assert_eq!(
            terms("The Fires DAMAGED homes; OpenAI's deployment of 20,000 packs"),
            ["fire", "damag", "home", "openai", "deploy", "20000", "pack"]
        );
    }

    #[test]
    fn numbers_and_units_are_normalised() {
        assert_eq!(terms("6%"), terms("6 percent"));
        assert_eq!(terms("6 per cent"), ["6", "percent"]);
        assert_eq!(terms("a 23 lb bag"), terms("a 23-pound bag"));
        assert_eq!(terms("three ships"), terms("3 ships"));
        assert_eq!(terms("$2bn"), ["dollar", "2000000000"]);
        assert_eq!(terms("2 billion"), ["2000000000"]);
        assert_eq!(terms("2.5 million"), ["2500000"]);
        assert_eq!(terms("twenty-three"), ["23"]);
        assert_eq!(terms("an 18 in screen"), ["18", "inch", "screen"]);
        assert_eq!(terms("18 in March"), ["18", "march"]);
        assert_eq!(terms("one of them"), Vec::<String>::new());
        assert_eq!(terms("eight hundred and fifty homes"), terms("850 homes"));
        assert_eq!(terms("two hundred fifty-one"), ["251"]);
        assert_eq!(terms("three hundred"), ["300"]);
    }

    #[test]
    fn chinese_is_segmented_into_words() {
        let toks = Tokenizer::default().tokens("出口增长的重心正在从欧洲转向东南亚");
        let terms: Vec<&str> = toks.iter().map(|t| t.term.as_str()).collect();
        assert!(terms.contains(&"出口") && terms.contains(&"增长") && terms.contains(&"欧洲"), "{terms:?}");
        assert!(!terms.contains(&"的"));
    }

    #[test]
    fn chinese_numbers_are_values() {
        assert_eq!(terms("三万二千人"), terms("32000人"));
        assert_eq!(terms("将近四成"), terms("将近40%"));
        assert_eq!(terms("不到一成"), terms("不到10%"));
        assert_eq!(terms("六成多的签约居民"), terms("60%多的签约居民"));
        assert!(
            terms("增长百分之六").ends_with(&["6".to_string(), "percent".to_string()]),
            "{:?}",
            terms("增长百分之六")
        );
        assert!(
            terms("同比增长百分之三十一").ends_with(&["31".to_string(), "percent".to_string()]),
            "{:?}",
            terms("同比增长百分之三十一")
        );
        assert_eq!(terms("三十一场"), terms("31场"));
        assert!(terms("增长6%").ends_with(&["6".to_string(), "percent".to_string()]));
        assert!(terms("32万辆").contains(&"320000".to_string()), "{:?}", terms("32万辆"));
        // Units and measure words glued to the numeral by the segmenter.
        assert_eq!(terms("亏损十五亿元"), terms("亏损15亿元"));
        assert!(terms("亏损十五亿元").ends_with(&["1500000000".to_string(), "yuan".to_string()]));
        assert_eq!(terms("五十万元"), terms("50万元"));
        assert_eq!(terms("三千元"), terms("3000元"));
        assert_eq!(terms("三千个"), terms("3000个"));
        assert_eq!(terms("二十元"), terms("20元"));
        assert_eq!(terms("十亿美元"), terms("10亿美元"));
        assert!(terms("十亿美元").contains(&"dollar".to_string()), "{:?}", terms("十亿美元"));
        // Words that start with a numeral are not numbers.
        assert!(!terms("一些工人一直在").iter().any(|t| t == "1"), "{:?}", terms("一些工人一直在"));
    }

    #[test]
    fn mixed_scripts() {
        assert_eq!(terms("AI 洞察 GPT-5.5"), ["ai", "洞察", "gpt", "5.5"]);
    }
}
