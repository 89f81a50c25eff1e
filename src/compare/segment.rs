//! Splitting text into statements: body paragraphs into facts, insight paragraphs into claims.
//! Sentences follow Unicode sentence boundaries (UAX #29, which already keeps decimals like
//! "GPT-5.5" whole), re-joined after abbreviations such as "U.S." or "Mr."; Chinese text also
//! splits at "；". A fact sentence that lists items separated by ";" becomes one fact per item,
//! keeping a lead-in that ends in ":" as shared context.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

/// One statement: where it is (paragraph index and byte range in that paragraph) and, for a
/// list item, the byte range of the lead-in it shares with its siblings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub paragraph: usize,
    pub range: Range<usize>,
    pub lead: Option<Range<usize>>,
}

/// Words after which a full stop does not end a sentence (compared lower-case, without the stop).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "gen", "sen", "rep", "gov", "col", "lt", "sgt", "capt", "rev",
    "inc", "corp", "ltd", "co", "vs", "no", "nos", "fig", "approx", "est", "dept", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "e.g", "i.e", "cf", "al",
];

/// Sentences of `text` as trimmed byte ranges.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut join_next = false;
    for (start, s) in text.split_sentence_bound_indices() {
        let Some(r) = trimmed(text, start..start + s.len()) else {
            continue;
        };
        match out.last_mut() {
            Some(prev) if join_next => prev.end = r.end,
            _ => out.push(r.clone()),
        }
        join_next = ends_with_abbreviation(&text[r]);
    }
    // Chinese (full-width) semicolons separate statements too.
    out.into_iter().flat_map(|r| split_on(text, r, '；')).collect()
}

/// Facts of one body paragraph: its sentences, with ";"-lists split into items.
pub fn facts(paragraph: usize, text: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    for s in sentences(text) {
        let sentence = &text[s.clone()];
        let items = split_on(text, s.clone(), ';');
        if items.len() < 2 {
            out.push(Segment { paragraph, range: s, lead: None });
            continue;
        }
        // "X outlined three principles: a; b; and c" shares the lead-in "X outlined ...:".
        let first = &items[0];
        let colon = sentence[..first.end - s.start].find(':').map(|i| s.start + i);
        let lead = colon.and_then(|c| trimmed(text, s.start..c + 1));
        for (i, r) in items.into_iter().enumerate() {
            let r = match (i, colon) {
                (0, Some(c)) => trimmed(text, c + 1..r.end),
                _ => Some(r),
            };
            if let Some(range) = r {
                out.push(Segment { paragraph, range, lead: lead.clone() });
            }
        }
    }
    out
}

/// Claims of one insight paragraph: its sentences.
pub fn claims(paragraph: usize, text: &str) -> Vec<Segment> {
    sentences(text).into_iter().map(|range| Segment { paragraph, range, lead: None }).collect()
}

/// Splits `range` of `text` after each `sep`, returning trimmed non-empty parts; the separator
/// stays with the part before it, as punctuation does.
fn split_on(text: &str, range: Range<usize>, sep: char) -> Vec<Range<usize>> {
    let mut parts = Vec::new();
    let mut start = range.start;
    for (i, _) in text[range.clone()].match_indices(sep) {
        let end = range.start + i + sep.len_utf8();
        parts.extend(trimmed(text, start..end));
        start = end;
    }
    parts.extend(trimmed(text, start..range.end));
    parts
}

/// `range` without surrounding white space, or `None` if nothing is left.
fn trimmed(text: &str, range: Range<usize>) -> Option<Range<usize>> {
    let s = &text[range.clone()];
    let start = range.start + (s.len() - s.trim_start().len());
    let end = range.end - (s.len() - s.trim_end().len());
    (start < end).then_some(start..end)
}

/// True when `sentence` ends in an abbreviation, an initial ("J.") or a dotted acronym ("U.S."),
/// so the sentence boundary after it is not real.
fn ends_with_abbreviation(sentence: &str) -> bool {
    let Some(word) = sentence.split_whitespace().next_back() else {
        return false;
    };
    let Some(stem) = word.strip_suffix('.') else {
        return false;
    };
    let stem = stem.trim_start_matches(['(', '"', '“', '\'']);
    let lower = stem.to_lowercase();
    let initial = stem.chars().count() == 1 && stem.chars().all(char::is_uppercase);
    let acronym = stem.len() >= 3
        && stem.split('.').all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic));
    initial || acronym || ABBREVIATIONS.contains(&lower.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str, ranges: &[Range<usize>]) -> Vec<String> {
        ranges.iter().map(|r| text[r.clone()].to_string()).collect()
    }

    #[test]
    fn sentences_keep_decimals_and_abbreviations() {
        let t =
            "GPT-5.5 shipped in the U.S. Senate hearings followed. Mr. Smith spoke at 3.30 p.m. today. Done!";
        assert_eq!(
            texts(t, &sentences(t)),
            [
                "GPT-5.5 shipped in the U.S. Senate hearings followed.",
                "Mr. Smith spoke at 3.30 p.m. today.",
                "Done!"
            ]
        );
    }

    #[test]
    fn chinese_sentences_split_on_full_stops_and_semicolons() {
        let t = "欧洲仍是最大市场；东南亚增速最快。电网没有限电！对吗？";
        assert_eq!(
            texts(t, &sentences(t)),
            ["欧洲仍是最大市场；", "东南亚增速最快。", "电网没有限电！", "对吗？"]
        );
    }

    #[test]
    fn semicolon_lists_become_items_sharing_the_lead_in() {
        let t = "He outlined three principles: first a; second b; and third c. Next sentence.";
        let f = facts(0, t);
        let items: Vec<&str> = f.iter().map(|s| &t[s.range.clone()]).collect();
        assert_eq!(items, ["first a;", "second b;", "and third c.", "Next sentence."]);
        assert_eq!(&t[f[0].lead.clone().unwrap()], "He outlined three principles:");
        assert_eq!(f[2].lead, f[0].lead);
        assert_eq!(f[3].lead, None);
    }

    #[test]
    fn semicolon_without_colon_splits_without_lead() {
        let t = "Costs rose; the ministry pays half.";
        let f = facts(2, t);
        assert_eq!(
            f.iter().map(|s| &t[s.range.clone()]).collect::<Vec<_>>(),
            ["Costs rose;", "the ministry pays half."]
        );
        assert!(f.iter().all(|s| s.lead.is_none() && s.paragraph == 2));
    }

    #[test]
    fn the_sample_first_paragraph_has_three_principles() {
        let a = crate::parse::seed::parse(include_str!("../../seeds/000_77ee804ac85e857f.txt")).unwrap();
        let f = facts(0, &a.body[0]);
        assert_eq!(f.len(), 3);
        assert!(a.body[0][f[0].range.clone()].starts_with("continuous enhancement"));
        assert!(a.body[0][f[2].range.clone()].starts_with("and positioning OpenAI"));
    }
}
