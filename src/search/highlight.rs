//! Where matches are, in the article's own text: byte ranges for highlighting, the first hit
//! for snippets, and the title characters the fuzzy matcher used. All ranges land on
//! character boundaries of the original strings.

use std::ops::Range;

use fuzzy_matcher::skim::SkimMatcherV2;
use fuzzy_matcher::FuzzyMatcher;
use memchr::memmem;
use serde::Serialize;

use super::index::{locate, Doc, Folded};
use super::query::{Field, Query, Term};
use super::rank::First;
use crate::Article;

/// A match in one string of an article: the title, the source, or a body/insight paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hit {
    pub field: Field,
    /// Paragraph index for body and insight; 0 for title and source.
    pub paragraph: usize,
    /// Byte range in that string.
    pub start: usize,
    pub end: usize,
}

impl Hit {
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

fn applies(term: &Term, field: Field) -> bool {
    !term.negated && (term.field == Field::All || term.field == field)
}

/// The first body hit, else the first insight hit, of a scored article.
pub(super) fn first_hit(a: &Article, doc: &Doc, first: First, query: &Query) -> Option<Hit> {
    let (field, folded, offset, paragraphs) = match (first.body, first.insight) {
        (Some(o), _) => (Field::Body, &doc.body, o as usize, &a.body),
        (None, Some(o)) => (Field::Insight, &doc.insight, o as usize, &a.insight),
        (None, None) => return None,
    };
    let len = query
        .terms
        .iter()
        .filter(|t| applies(t, field) && folded.text[offset..].starts_with(&t.text))
        .map(|t| t.text.len())
        .max()?;
    let start = folded.original_offset(offset);
    let end = folded.original_end(offset + len);
    let (paragraph, within) = locate(paragraphs, start);
    Some(Hit { field, paragraph, start: within, end: within + (end - start) })
}

/// Every occurrence of every positive term in the title, body and insight of `a`, sorted by
/// field, paragraph and position, overlapping ranges merged. Work is proportional to one
/// article, so the reader computes it when the selection changes.
pub fn highlights(a: &Article, query: &Query) -> Vec<Hit> {
    let mut hits = Vec::new();
    let strings = std::iter::once((Field::Title, 0, a.title.as_str()))
        .chain(a.body.iter().enumerate().map(|(i, p)| (Field::Body, i, p.as_str())))
        .chain(a.insight.iter().enumerate().map(|(i, p)| (Field::Insight, i, p.as_str())));
    for (field, paragraph, text) in strings {
        let terms: Vec<&Term> = query.terms.iter().filter(|t| applies(t, field)).collect();
        if terms.is_empty() {
            continue;
        }
        let folded = Folded::new(text);
        let mut ranges: Vec<Range<usize>> = terms
            .iter()
            .flat_map(|t| {
                memmem::find_iter(folded.text.as_bytes(), t.text.as_bytes())
                    .map(|o| folded.original_offset(o)..folded.original_end(o + t.text.len()))
                    .collect::<Vec<_>>()
            })
            .collect();
        ranges.sort_by_key(|r| (r.start, r.end));
        for r in ranges {
            match hits.last_mut() {
                Some(Hit { field: f, paragraph: p, end, .. })
                    if *f == field && *p == paragraph && r.start <= *end =>
                {
                    *end = (*end).max(r.end)
                }
                _ => hits.push(Hit { field, paragraph, start: r.start, end: r.end }),
            }
        }
    }
    hits
}

/// Character indices of `title` that the query's title terms matched (fuzzy or phrase).
pub fn title_indices(matcher: &SkimMatcherV2, title: &str, query: &Query) -> Vec<usize> {
    let mut out = Vec::new();
    for t in query.terms.iter().filter(|t| applies(t, Field::Title)) {
        if t.phrase {
            let folded = Folded::new(title);
            if let Some(o) = memmem::find(folded.text.as_bytes(), t.text.as_bytes()) {
                let (start, end) = (folded.original_offset(o), folded.original_end(o + t.text.len()));
                let first = title[..start].chars().count();
                out.extend(first..first + title[start..end].chars().count());
            }
        } else if let Some((_, idx)) = matcher.fuzzy_indices(title, &t.text) {
            out.extend(idx);
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// A one-line excerpt around a hit, with the match's byte range inside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Snippet {
    pub text: String,
    pub mark: Range<usize>,
}

impl Snippet {
    /// The snippet with the match between `open` and `close` marks.
    pub fn marked(&self, open: &str, close: &str) -> String {
        let t = &self.text;
        format!("{}{open}{}{close}{}", &t[..self.mark.start], &t[self.mark.clone()], &t[self.mark.end..])
    }
}

/// About `width` characters of the hit's paragraph around the hit, cut at character
/// boundaries, with `…` where text was cut.
pub fn snippet(a: &Article, hit: &Hit, width: usize) -> Option<Snippet> {
    let text = match hit.field {
        Field::Body => a.body.get(hit.paragraph)?,
        Field::Insight => a.insight.get(hit.paragraph)?,
        Field::Title => &a.title,
        Field::Source => a.source.as_ref()?,
        Field::All => return None,
    };
    let (start, end) = (hit.start.min(text.len()), hit.end.min(text.len()));
    if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
        return None;
    }
    let before = width / 3;
    let from = text[..start].char_indices().rev().nth(before.saturating_sub(1)).map_or(0, |(i, _)| i);
    let after = width.saturating_sub(before + text[start..end].chars().count());
    let to = text[end..].char_indices().nth(after).map_or(text.len(), |(i, _)| end + i);
    let lead = if from > 0 { "…" } else { "" };
    let tail = if to < text.len() { "…" } else { "" };
    let body = format!("{lead}{}{tail}", &text[from..to]);
    let mark_start = lead.len() + start - from;
    Some(Snippet { text: body, mark: mark_start..mark_start + (end - start) })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article() -> Article {
        Article {
            title: "Sam Altman on GPT-5.5".into(),
            body: vec!["First: Altman said ALTMAN twice.".into(), "Ünïcode café 洞察 here.".into()],
            insight: vec!["The altman view.".into()],
            ..Default::default()
        }
    }

    #[test]
    fn highlights_every_occurrence_case_insensitively() {
        let hits = highlights(&article(), &Query::parse("altman"));
        let spans: Vec<(Field, usize, usize)> =
            hits.iter().map(|h| (h.field, h.paragraph, h.start)).collect();
        assert_eq!(
            spans,
            [(Field::Title, 0, 4), (Field::Body, 0, 7), (Field::Body, 0, 19), (Field::Insight, 0, 4)]
        );
        assert!(hits.iter().all(|h| h.end - h.start == 6));
    }

    #[test]
    fn highlights_multibyte_terms_on_char_boundaries() {
        let a = article();
        let hits = highlights(&a, &Query::parse("ÜNÏCODE 洞察 body:café -title"));
        let texts: Vec<&str> = hits.iter().map(|h| &a.body[h.paragraph][h.range()]).collect();
        assert_eq!(texts, ["Ünïcode", "café", "洞察"]);
    }

    #[test]
    fn snippet_cuts_on_char_boundaries_and_marks_the_match() {
        let a = Article {
            body: vec!["一二三四五六七八九十 match 一二三四五六七八九十".into()],
            ..Default::default()
        };
        let start = a.body[0].find("match").unwrap();
        let hit = Hit { field: Field::Body, paragraph: 0, start, end: start + 5 };
        let s = snippet(&a, &hit, 15).unwrap();
        assert_eq!(&s.text[s.mark.clone()], "match");
        assert!(s.text.starts_with('…') && s.text.ends_with('…'), "{}", s.text);
        assert_eq!(s.marked("«", "»"), "…七八九十 «match» 一二三四…");
    }

    #[test]
    fn title_indices_are_char_indices() {
        let m = SkimMatcherV2::default();
        assert_eq!(title_indices(&m, "Sam Altman", &Query::parse("altmn")), [4, 5, 6, 7, 9]);
        assert_eq!(title_indices(&m, "洞察 Altman", &Query::parse("\"altman\"")), [3, 4, 5, 6, 7, 8]);
        assert!(title_indices(&m, "Sam", &Query::parse("body:sam")).is_empty());
    }
}
