//! Wrapping an article's text into screen rows, once per (article, width). Rows hold byte ranges
//! into the article's strings rather than copies, so drawing a frame only slices the visible rows
//! and highlights can be mapped onto rows by offset.

use std::borrow::Cow;
use std::ops::Range;

use textwrap::{Options, WordSeparator, WordSplitter, WrapAlgorithm};

use crate::Article;

/// Which string of the article a row shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Title,
    Source,
    Body(usize),
    Insight(usize),
    /// The note shown in the insight pane of an article without an insight section.
    NoInsight,
}

pub const NO_INSIGHT: &str = "This article has no insight section.";
/// Printed before the first row of the source; later rows are indented to match.
pub const SOURCE_PREFIX: &str = "Source: ";

impl Part {
    pub fn text(self, a: &Article) -> &str {
        match self {
            Part::Title => &a.title,
            Part::Source => a.source.as_deref().unwrap_or(""),
            Part::Body(i) => a.body.get(i).map_or("", String::as_str),
            Part::Insight(i) => a.insight.get(i).map_or("", String::as_str),
            Part::NoInsight => NO_INSIGHT,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    Blank,
    /// A line made for display, not a slice of the article: metadata under the title and the
    /// numbered links under the body. Not part of the offsets reading positions are kept in.
    Meta(String),
    Text {
        part: Part,
        range: Range<usize>,
        /// The first row of its part (where a prefix goes).
        first: bool,
    },
}

/// One pane's rows at one width.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Wrapped {
    pub width: u16,
    pub rows: Vec<Row>,
    /// Body paragraphs were broken so that each statement starts a row (compare mode): a
    /// label in the gutter then sits beside its statement's first word, never beside the tail
    /// of the one before.
    pub by_statement: bool,
}

impl Wrapped {
    /// The body pane: title, source, metadata, then the body paragraphs, with blank rows
    /// between blocks, and the numbered links last.
    pub fn body(a: &Article, width: u16) -> Self {
        Self::body_by_statement(a, width, &[])
    }

    /// [`Wrapped::body`], with a new row begun at each `(paragraph, byte offset)` of `starts`
    /// (sorted): where compare mode's facts start.
    pub fn body_by_statement(a: &Article, width: u16, starts: &[(usize, usize)]) -> Self {
        let mut head = vec![Part::Title];
        head.extend(a.source.as_ref().map(|_| Part::Source));
        let mut wrapped = Self::build(a, &head, width, &[]);
        wrapped.by_statement = !starts.is_empty();
        wrapped.push_meta(&a.meta_lines());
        if !a.body.is_empty() {
            let paragraphs: Vec<Part> = (0..a.body.len()).map(Part::Body).collect();
            wrapped.rows.push(Row::Blank);
            wrapped.rows.extend(Self::build(a, &paragraphs, width, starts).rows);
        }
        if !a.links.is_empty() {
            wrapped.rows.push(Row::Blank);
            wrapped.push_meta(&["Links".to_string()]);
            wrapped.push_meta(&a.link_lines());
        }
        wrapped
    }

    /// Appends display lines, wrapped to the pane's width.
    fn push_meta(&mut self, lines: &[String]) {
        for line in lines {
            let rows = wrap_ranges(line, self.width);
            self.rows.extend(rows.into_iter().map(|r| Row::Meta(line[r].to_string())));
        }
    }

    /// The insight pane: the insight paragraphs (the label is the pane's title).
    pub fn insight(a: &Article, width: u16) -> Self {
        let parts: Vec<Part> = if a.insight.is_empty() {
            vec![Part::NoInsight]
        } else {
            (0..a.insight.len()).map(Part::Insight).collect()
        };
        Self::build(a, &parts, width, &[])
    }

    fn build(a: &Article, parts: &[Part], width: u16, starts: &[(usize, usize)]) -> Self {
        let mut rows = Vec::new();
        for (i, &part) in parts.iter().enumerate() {
            // The source sits directly under the title; other blocks are separated by a blank row.
            if i > 0 && part != Part::Source {
                rows.push(Row::Blank);
            }
            let w = match part {
                Part::Source => width.saturating_sub(SOURCE_PREFIX.len() as u16),
                _ => width,
            };
            let text = part.text(a);
            // `starts` is sorted: this paragraph's are found by bisection, so a long article
            // with thousands of facts is not scanned once per paragraph.
            let breaks: Vec<usize> = match part {
                Part::Body(p) => {
                    let (lo, hi) =
                        (starts.partition_point(|s| s.0 < p), starts.partition_point(|s| s.0 <= p));
                    starts[lo..hi].iter().map(|s| s.1).collect()
                }
                _ => Vec::new(),
            };
            rows.extend(wrap_broken(text, w, &breaks).into_iter().enumerate().map(|(n, range)| Row::Text {
                part,
                range,
                first: n == 0,
            }));
        }
        Wrapped { width, rows, by_statement: false }
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Where row `row` starts as a byte offset into the pane's text, the pane's parts joined
    /// by one separator each: independent of the width, so a reading position survives a resize
    /// or a different terminal.
    pub fn offset_at(&self, a: &Article, row: usize) -> usize {
        let mut found = 0;
        self.walk(a, |i, offset, _| {
            found = offset;
            i >= row
        });
        found
    }

    /// The row showing byte `offset` of the pane's text (see [`Wrapped::offset_at`]); the last
    /// row when the text has since become shorter.
    pub fn row_at(&self, a: &Article, offset: usize) -> usize {
        let mut found = self.rows.len().saturating_sub(1);
        self.walk(a, |i, start, end| {
            found = i;
            end > offset || start >= offset
        });
        found
    }

    /// Calls `f(row, start, end)` with each text row's global byte range until it returns true.
    fn walk(&self, a: &Article, mut f: impl FnMut(usize, usize, usize) -> bool) {
        let mut base = 0;
        let mut prev: Option<Part> = None;
        for (i, r) in self.rows.iter().enumerate() {
            let Row::Text { part, range, .. } = r else { continue };
            if prev != Some(*part) {
                if let Some(p) = prev {
                    base += p.text(a).len() + 1;
                }
                prev = Some(*part);
            }
            if f(i, base + range.start, base + range.end) {
                return;
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

/// [`wrap_ranges`], with a new row begun at each byte offset of `breaks` (sorted): each piece
/// between two breaks is wrapped on its own. Pieces that are only white space take no row.
fn wrap_broken(text: &str, width: u16, breaks: &[usize]) -> Vec<Range<usize>> {
    if breaks.is_empty() {
        return wrap_ranges(text, width);
    }
    let mut bounds: Vec<usize> = breaks.iter().copied().filter(|&b| b > 0 && b < text.len()).collect();
    bounds.dedup();
    bounds.insert(0, 0);
    bounds.push(text.len());
    let mut rows = Vec::new();
    for w in bounds.windows(2) {
        let Some(piece) = text.get(w[0]..w[1]) else { continue };
        if piece.trim().is_empty() {
            continue;
        }
        rows.extend(wrap_ranges(piece, width).into_iter().map(|r| w[0] + r.start..w[0] + r.end));
    }
    rows
}

/// Wraps `text` at word boundaries (Unicode line breaking, display width) and returns each row
/// as a byte range of `text`.
pub fn wrap_ranges(text: &str, width: u16) -> Vec<Range<usize>> {
    // Unicode line breaking is what CJK needs, but it is several times slower than splitting at
    // spaces, which gives the same result for ASCII text.
    wrap_ranges_with(text, width, !text.is_ascii(), true)
}

/// [`wrap_ranges`], breaking by Unicode's line-breaking rules (CJK) when `unicode`, else at
/// spaces, and within words after their hyphens when `hyphens`.
pub fn wrap_ranges_with(text: &str, width: u16, unicode: bool, hyphens: bool) -> Vec<Range<usize>> {
    let separator = if unicode { WordSeparator::UnicodeBreakProperties } else { WordSeparator::AsciiSpace };
    let options = Options::new(usize::from(width.max(1)))
        .wrap_algorithm(WrapAlgorithm::FirstFit)
        .word_separator(separator)
        .word_splitter(if hyphens { WordSplitter::HyphenSplitter } else { WordSplitter::NoHyphenation });
    let mut from = 0;
    // The line break ending a one-line preformatted paragraph draws no row of its own.
    let text = text.strip_suffix('\n').unwrap_or(text);
    textwrap::wrap(text, options)
        .into_iter()
        .map(|line| {
            let start = match line {
                Cow::Borrowed(s) => s.as_ptr() as usize - text.as_ptr() as usize,
                // textwrap only allocates when it changes the text; find the row instead.
                Cow::Owned(ref s) => text[from..].find(s.trim()).map_or(from, |i| from + i),
            };
            let end = (start + line.len()).min(text.len());
            from = end;
            start..end
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_cover_words_in_order() {
        let text = "The quick brown fox jumps over the lazy dog";
        let rows: Vec<&str> = wrap_ranges(text, 10).into_iter().map(|r| &text[r]).collect();
        assert_eq!(rows, ["The quick", "brown fox", "jumps over", "the lazy", "dog"]);
    }

    #[test]
    fn cjk_wraps_by_display_width() {
        let text = "国产电动汽车一季度出口增长三成";
        let rows = wrap_ranges(text, 10);
        assert!(rows.len() >= 3);
        for r in rows {
            assert!(unicode_width::UnicodeWidthStr::width(&text[r]) <= 10);
        }
    }

    #[test]
    fn body_rows_start_with_title_then_source() {
        let a = Article {
            title: "Title".into(),
            source: Some("Wire".into()),
            body: vec!["one".into(), "two".into()],
            ..Default::default()
        };
        let w = Wrapped::body(&a, 20);
        let shown: Vec<String> = w
            .rows
            .iter()
            .map(|r| match r {
                Row::Blank => String::new(),
                Row::Meta(line) => line.clone(),
                Row::Text { part, range, .. } => part.text(&a)[range.clone()].to_string(),
            })
            .collect();
        assert_eq!(shown, ["Title", "Wire", "", "one", "", "two"]);
        assert_eq!(Wrapped::insight(&a, 20).rows.len(), 2, "placeholder wraps to two rows at width 20");
    }

    #[test]
    fn offsets_survive_a_different_width() {
        let a = Article {
            title: "Title".into(),
            body: vec!["alpha beta gamma delta epsilon zeta eta theta".into(), "iota kappa lambda".into()],
            ..Default::default()
        };
        let wide = Wrapped::body(&a, 40);
        let narrow = Wrapped::body(&a, 12);
        let kappa = "Title".len() + 1 + a.body[0].len() + 1 + "iota ".len();
        let row = narrow.row_at(&a, kappa);
        assert!(matches!(&narrow.rows[row], Row::Text { part: Part::Body(1), .. }));
        let offset = narrow.offset_at(&a, row);
        let back = wide.row_at(&a, offset);
        assert!(matches!(&wide.rows[back], Row::Text { part: Part::Body(1), range, .. } if range.start == 0));
        assert_eq!(narrow.row_at(&a, usize::MAX), narrow.len() - 1);
        assert_eq!(wide.offset_at(&a, 0), 0);
    }

    #[test]
    fn statements_start_rows_of_their_own() {
        let a = Article {
            title: "T".into(),
            body: vec!["One fell. Two rose sharply today. Three held.".into()],
            ..Default::default()
        };
        let starts = [(0, 0), (0, 10), (0, 34)];
        let w = Wrapped::body_by_statement(&a, 40, &starts);
        let rows: Vec<&str> = w
            .rows
            .iter()
            .filter_map(|r| match r {
                Row::Text { part: Part::Body(0), range, .. } => Some(&a.body[0][range.clone()]),
                _ => None,
            })
            .collect();
        assert_eq!(rows, ["One fell.", "Two rose sharply today.", "Three held."]);
        assert!(w.by_statement && !Wrapped::body(&a, 40).by_statement);
    }

    #[test]
    fn preformatted_lines_stay_lines_with_their_indentation() {
        let text = "fn main() {\n    hi();\n\n}\na | b";
        let rows: Vec<&str> = wrap_ranges(text, 30).into_iter().map(|r| &text[r]).collect();
        assert_eq!(rows, ["fn main() {", "    hi();", "", "}", "a | b"]);
        let text = "code  line\n";
        let rows: Vec<&str> = wrap_ranges(text, 30).into_iter().map(|r| &text[r]).collect();
        assert_eq!(rows, ["code  line"]);
    }

    #[test]
    fn width_zero_does_not_panic() {
        assert!(!wrap_ranges("abc def", 0).is_empty());
    }
}
