//! Cutting text to a width with a visible sign: whatever does not fit is replaced by `…`, so a
//! cut title or status line never looks complete. Widths are display columns, cut between
//! graphemes.

use std::borrow::Cow;
use std::ops::Range;

use ratatui::text::{Line, Span};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

pub const ELLIPSIS: &str = "…";

/// `line` if it fits in `width` columns, else its longest prefix that leaves room for `…`,
/// then `…` in the style of the text it replaces.
pub fn fit_line(line: Line<'_>, width: usize) -> Line<'_> {
    if line.width() <= width {
        return line;
    }
    let mut room = width.saturating_sub(1);
    let mut spans = Vec::with_capacity(line.spans.len() + 1);
    for span in line.spans.iter() {
        let w = span.width();
        if w <= room {
            room -= w;
            spans.push(span.clone());
            continue;
        }
        let end = prefix_end(&span.content, room);
        // A text that already ends in `…` (a search snippet) gets one, not two.
        let cut = span.content[..end].trim_end().trim_end_matches(ELLIPSIS).trim_end();
        let content: Cow<'_, str> = match &span.content {
            Cow::Borrowed(s) => Cow::Borrowed(&s[..cut.len()]),
            Cow::Owned(s) => Cow::Owned(s[..cut.len()].to_string()),
        };
        if !content.is_empty() {
            spans.push(Span::styled(content, span.style));
        }
        let cut_already = spans.last().is_some_and(|s: &Span| s.content.ends_with(ELLIPSIS));
        if width > 0 && !cut_already {
            spans.push(Span::styled(ELLIPSIS, span.style));
        }
        break;
    }
    let mut out = Line::from(spans);
    out.style = line.style;
    out.alignment = line.alignment;
    out
}

/// `text` cut to `width` columns the same way.
pub fn fit_str(text: &str, width: usize) -> Cow<'_, str> {
    if text.width() <= width {
        return Cow::Borrowed(text);
    }
    if width == 0 {
        return Cow::Borrowed("");
    }
    let end = prefix_end(text, width - 1);
    Cow::Owned(format!("{}{ELLIPSIS}", text[..end].trim_end()))
}

/// `text` cut to `width` columns from the start, for paths whose end says the most:
/// `…/corpora/bbc/business`.
pub fn fit_str_start(text: &str, width: usize) -> Cow<'_, str> {
    if text.width() <= width {
        return Cow::Borrowed(text);
    }
    if width == 0 {
        return Cow::Borrowed("");
    }
    let mut used = 0;
    let mut start = text.len();
    for (i, g) in text.grapheme_indices(true).rev() {
        used += g.width();
        if used > width - 1 {
            break;
        }
        start = i;
    }
    Cow::Owned(format!("{ELLIPSIS}{}", &text[start..]))
}

/// Byte length of the longest grapheme prefix of `text` at most `columns` wide.
fn prefix_end(text: &str, columns: usize) -> usize {
    let mut used = 0;
    let mut end = 0;
    for (i, g) in text.grapheme_indices(true) {
        used += g.width();
        if used > columns {
            break;
        }
        end = i + g.len();
    }
    end
}

/// `lines` wrapped to `width` columns at word boundaries, spans keeping their styles: as
/// `Paragraph::wrap`, but a row never exceeds the width (ratatui 0.30's wrapper lets a row of
/// wide characters ending in `。` run one column into the border).
pub fn wrap_lines(lines: Vec<Line<'_>>, width: u16) -> Vec<Line<'static>> {
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        // Spaces only, unless there is CJK to break: "2025-02-20" is not cut at a hyphen.
        let cjk = text.chars().any(crate::compare::tokens::is_cjk);
        let wrap = |from: usize, width: u16| {
            let rows = crate::tui::wrap::wrap_ranges_with(&text[from..], width, cjk, false);
            rows.into_iter().map(move |r| r.start + from..r.end + from)
        };
        // Continuation rows hang under the text after a leading label ("F4 0.52 ", " 0.76 ")
        // or under the line's own indent, so a wrapped item stays visibly one item.
        let hang = hang(&line).min(usize::from(width) / 2);
        let mut rows: Vec<Range<usize>> = wrap(0, width).take(1).collect();
        if let Some(first) = rows.first().cloned() {
            let rest = first.end + (text[first.end..].len() - text[first.end..].trim_start().len());
            if rest < text.len() {
                rows.extend(wrap(rest, width - hang as u16));
            }
        } else {
            rows.push(0..0);
        }
        for (n, row) in rows.into_iter().enumerate() {
            let mut spans = Vec::new();
            if n > 0 && hang > 0 {
                spans.push(Span::raw(" ".repeat(hang)));
            }
            let mut at = 0;
            for span in &line.spans {
                let (start, end) = (at, at + span.content.len());
                at = end;
                let (from, to) = (start.max(row.start), end.min(row.end));
                if from < to {
                    spans.push(Span::styled(text[from..to].to_string(), span.style));
                }
            }
            out.push(Line::from(spans).style(line.style));
        }
    }
    out
}

/// How far a line's continuation rows are indented: past a leading label span that ends in a
/// space, else past the line's leading spaces.
fn hang(line: &Line) -> usize {
    let spaces = |s: &str| s.len() - s.trim_start_matches(' ').len();
    match line.spans.as_slice() {
        [label, _, ..] if label.content.ends_with(' ') => label.content.width(),
        [first, ..] => spaces(&first.content),
        [] => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_rows_of_wide_characters_stay_within_the_width_and_keep_styles() {
        let theme = crate::tui::theme::Theme::default();
        let bold = theme.heading;
        let line = Line::from(vec![
            Span::styled("F2 0.51 ", bold),
            Span::raw("东南亚市场增速最快，同比翻了一番。"),
            Span::styled(" [东南亚]", theme.dim),
        ]);
        for width in 8..40u16 {
            let rows = wrap_lines(vec![line.clone()], width);
            for r in &rows {
                assert!(r.width() <= usize::from(width), "{width}: {r:?}");
            }
            let text: String =
                rows.iter().flat_map(|r| r.spans.iter().map(|s| s.content.to_string())).collect();
            assert_eq!(text.replace(' ', ""), "F20.51东南亚市场增速最快，同比翻了一番。[东南亚]");
            assert_eq!(rows[0].spans[0].style, bold, "the label keeps its style");
        }
        assert_eq!(wrap_lines(vec![Line::raw("")], 10).len(), 1, "an empty line stays a row");
    }

    #[test]
    fn continuation_rows_hang_under_the_label_or_the_indent() {
        let text = |l: &Line| l.spans.iter().map(|s| s.content.as_ref()).collect::<String>();
        let labelled = Line::from(vec![Span::raw(" 0.76 "), Span::raw("one two three four five six")]);
        let rows: Vec<String> = wrap_lines(vec![labelled], 16).iter().map(text).collect();
        assert_eq!(rows, [" 0.76 one two", "      three four", "      five six"]);
        let indented = Line::raw("   = alpha beta gamma delta");
        let rows: Vec<String> = wrap_lines(vec![indented], 14).iter().map(text).collect();
        assert_eq!(rows, ["   = alpha", "   beta gamma", "   delta"]);
        let plain = Line::raw("warning: skipped file.json");
        let rows: Vec<String> = wrap_lines(vec![plain], 10).iter().map(text).collect();
        assert_eq!(rows, ["warning:", "skipped", "file.json"]);
    }

    #[test]
    fn a_cut_snippet_that_ends_in_an_ellipsis_gets_one_not_two() {
        let text = |l: &Line| l.spans.iter().map(|s| s.content.as_ref()).collect::<String>();
        let line = Line::from(vec![Span::raw("source "), Span::raw("…the words before… the end")]);
        // Cut right after the snippet's own `…`.
        let cut = fit_line(line.clone(), 26);
        assert_eq!(text(&cut), "source …the words before…");
        assert!(!text(&cut).contains("……"));
        let line = Line::from(vec![Span::raw("a snippet…"), Span::raw(" more words")]);
        assert_eq!(text(&fit_line(line, 11)), "a snippet…");
    }

    #[test]
    fn cut_text_ends_with_an_ellipsis_and_fits() {
        assert_eq!(fit_str("Articles (180 of 2225)", 16), "Articles (180 o…");
        assert_eq!(fit_str("short", 16), "short");
        assert_eq!(fit_str("洞察洞察", 5), "洞察…", "wide characters are never split");
        assert_eq!(fit_str_start("/work/corpora/bbc/business", 14), "…/bbc/business");
        assert_eq!(fit_str_start("/a/b", 14), "/a/b");
        assert_eq!(fit_str_start("洞察洞察", 5), "…洞察");
        let line = fit_line(Line::from(vec![Span::raw("◆ "), Span::raw("OpenAI CEO Sam Altman")]), 12);
        assert_eq!(line.to_string(), "◆ OpenAI CE…");
        assert_eq!(line.width(), 12);
        assert_eq!(fit_line(Line::from("abc"), 0).width(), 0);
    }
}
