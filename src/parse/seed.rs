//! The seed text format: a title line, body paragraphs, a `Source:` line, an insight heading,
//! insight paragraphs. Paragraphs are one per line, or blocks separated by blank lines (whose
//! lines are joined). Plain news files (title, blank line, paragraphs) are the same format
//! with no source and no insight.

use super::heading::{heading_like, insight_heading, source_line};
use super::ParseOptions;
use crate::{Article, Format, ParseError};

#[derive(PartialEq)]
enum Section {
    Body,
    /// After `Source:`, before anything else: the next short line is the insight heading.
    AfterSource,
    Insight,
}

/// Parses with the built-in headings and source prefixes.
pub fn parse(text: &str) -> Result<Article, ParseError> {
    parse_with(text, &ParseOptions::default())
}

pub fn parse_with(text: &str, opts: &ParseOptions) -> Result<Article, ParseError> {
    let mut lines = text.lines().map(str::trim).skip_while(|l| l.is_empty());
    let title = lines.next().ok_or(ParseError::Empty)?;
    let title = title.trim_start_matches('#').trim();
    let rest: Vec<&str> = lines.collect();
    let blocks = blank_separated(&rest, opts);

    let mut a = Article { title: title.to_string(), format: Format::Seed, ..Default::default() };
    let mut section = Section::Body;
    let mut para: Vec<&str> = Vec::new();
    for (i, &line) in rest.iter().enumerate() {
        if line.is_empty() {
            flush(&mut para, &mut a, &section);
            continue;
        }
        if a.source.is_none() {
            if let Some(src) = source_line(line, opts) {
                flush(&mut para, &mut a, &section);
                a.source = Some(src.to_string());
                if section == Section::Body {
                    section = Section::AfterSource;
                }
                continue;
            }
        }
        let more_follows = rest[i + 1..].iter().any(|l| !l.is_empty());
        let label = match section {
            Section::Body => insight_heading(line, opts),
            Section::AfterSource => {
                insight_heading(line, opts).or_else(|| heading_like(line).filter(|_| more_follows))
            }
            Section::Insight => None,
        };
        if let Some(label) = label.filter(|_| para.is_empty()) {
            flush(&mut para, &mut a, &section);
            a.insight_label = Some(label.to_string());
            section = Section::Insight;
            continue;
        }
        if section == Section::AfterSource {
            section = Section::Insight;
        }
        para.push(line);
        if !blocks {
            flush(&mut para, &mut a, &section);
        }
    }
    flush(&mut para, &mut a, &section);
    Ok(a)
}

/// True when paragraphs are blocks of lines with blank lines between them, rather than one
/// paragraph per line: some block holds more than one line, and blank lines separate blocks.
fn blank_separated(lines: &[&str], opts: &ParseOptions) -> bool {
    let has_blank_between = lines.iter().skip_while(|l| l.is_empty()).any(|l| l.is_empty());
    let multi_line_block = lines.windows(2).any(|w| {
        !w[0].is_empty()
            && !w[1].is_empty()
            && source_line(w[1], opts).is_none()
            && insight_heading(w[1], opts).is_none()
            && insight_heading(w[0], opts).is_none()
    });
    has_blank_between && multi_line_block
}

fn flush(para: &mut Vec<&str>, a: &mut Article, section: &Section) {
    if para.is_empty() {
        return;
    }
    let text = para.join(" ");
    para.clear();
    match section {
        Section::Body => a.body.push(text),
        Section::AfterSource | Section::Insight => a.insight.push(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = include_str!("../../seeds/000_77ee804ac85e857f.txt");

    #[test]
    fn parses_the_sample_article_exactly() {
        let a = parse(SAMPLE).unwrap();
        assert_eq!(a.title, "OpenAI CEO Sam Altman Outlines Three Principles Behind GPT-5.5");
        assert_eq!(a.source.as_deref(), Some("Public Information"));
        assert_eq!(a.insight_label.as_deref(), Some("ABAB AI Insight"));
        assert_eq!(a.body.len(), 3);
        assert_eq!(a.insight.len(), 4);
        assert!(a.body[0].starts_with("OpenAI CEO Sam Altman outlined three principles"));
        assert!(a.body[2].ends_with("AI infrastructure provider."));
        assert!(a.insight[0].starts_with("Iterative deployment is essentially redefining"));
        assert!(a.insight[3].ends_with("new centers of technological power."));
    }

    #[test]
    fn heading_without_source_splits_body_and_insight() {
        let a = parse("T\nfact one.\nfact two.\nWhy it matters\nbecause.\n").unwrap();
        assert_eq!(a.body, ["fact one.", "fact two."]);
        assert_eq!(a.source, None);
        assert_eq!(a.insight_label.as_deref(), Some("Why it matters"));
        assert_eq!(a.insight, ["because."]);
    }

    #[test]
    fn neither_source_nor_heading_means_all_body() {
        let a = parse("T\n\nPara one.\n\nPara two.\n").unwrap();
        assert_eq!(a.body, ["Para one.", "Para two."]);
        assert!(a.insight.is_empty() && a.insight_label.is_none());
    }

    #[test]
    fn blank_separated_blocks_join_their_lines() {
        let a =
            parse("T\n\nline one\nline two.\n\nnext para.\n\nSource: X\n\nOur take\n\nview\ncontinues.\n")
                .unwrap();
        assert_eq!(a.body, ["line one line two.", "next para."]);
        assert_eq!(a.source.as_deref(), Some("X"));
        assert_eq!(a.insight_label.as_deref(), Some("Our take"));
        assert_eq!(a.insight, ["view continues."]);
    }

    #[test]
    fn chinese_source_and_heading() {
        let a = parse("标题\n正文第一段。\n正文第二段。\n来源：新华社\nAI 洞察\n这是评论。\n").unwrap();
        assert_eq!(a.title, "标题");
        assert_eq!(a.body.len(), 2);
        assert_eq!(a.source.as_deref(), Some("新华社"));
        assert_eq!(a.insight_label.as_deref(), Some("AI 洞察"));
        assert_eq!(a.insight, ["这是评论。"]);
    }

    #[test]
    fn short_unrecognised_line_after_source_is_the_label() {
        let a = parse("T\nbody.\nSource: S\nThe Bottom Line\ninsight.\n").unwrap();
        assert_eq!(a.insight_label.as_deref(), Some("The Bottom Line"));
        assert_eq!(a.insight, ["insight."]);
    }

    #[test]
    fn configured_headings_and_prefixes_split_the_article() {
        let text = "T\nfact one.\nVia: Wire\nAusblick\nview.\n";
        let plain = parse(text).unwrap();
        assert_eq!(plain.source, None);
        let opts = ParseOptions::new(["ausblick"], ["via"]);
        let a = parse_with(text, &opts).unwrap();
        assert_eq!(a.body, ["fact one."]);
        assert_eq!(a.source.as_deref(), Some("Wire"));
        assert_eq!(a.insight_label.as_deref(), Some("Ausblick"));
        assert_eq!(a.insight, ["view."]);
        // A heading in the body, with no source line before it.
        let a = parse_with("T\nfact.\nAusblick\nview.\n", &opts).unwrap();
        assert_eq!((a.body.len(), a.insight.len()), (1, 1));
    }

    #[test]
    fn empty_input_is_an_error() {
        assert_eq!(parse(" \n\n "), Err(ParseError::Empty));
    }
}
