//! Writing a corpus out: JSON (an array), JSONL (one object per line) or Markdown that
//! `parse::markdown` reads back into the same articles.

use std::io::{self, Write};

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::Article;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Json,
    Jsonl,
    Md,
}

pub fn write(articles: &[Article], format: ExportFormat, out: &mut dyn Write) -> io::Result<()> {
    match format {
        ExportFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, articles)?;
            writeln!(out)
        }
        ExportFormat::Jsonl => {
            for a in articles {
                serde_json::to_writer(&mut *out, a)?;
                writeln!(out)?;
            }
            Ok(())
        }
        ExportFormat::Md => {
            for (i, a) in articles.iter().enumerate() {
                if i > 0 {
                    writeln!(out)?;
                }
                out.write_all(to_markdown(a).as_bytes())?;
            }
            Ok(())
        }
    }
}

/// Front matter fields, `id` first: the Markdown parser starts a new article at a `---` line
/// followed by `id:`.
#[derive(Serialize)]
struct FrontMatter<'a> {
    id: &'a str,
    title: &'a str,
    /// Always written, `null` when there is none: the parser then knows that a body paragraph
    /// reading `Source: X` is a paragraph, not the source.
    source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<&'a str>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    tags: &'a [String],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    links: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    insight_label: Option<&'a str>,
}

/// One article as readable plain text (`show`, the reader's pager and clipboard).
pub fn to_text(a: &Article) -> String {
    let mut s = format!("{}\n{}\n", a.title, "=".repeat(a.title.width().min(80)));
    if let Some(src) = &a.source {
        s.push_str(&format!("Source: {src}\n"));
    }
    for line in a.meta_lines() {
        s.push_str(&format!("{line}\n"));
    }
    // A one-line code block ends in its own line break.
    for p in &a.body {
        s.push_str(&format!("\n{}\n", p.trim_end_matches('\n')));
    }
    if !a.links.is_empty() {
        s.push_str("\nLinks\n");
        for line in a.link_lines() {
            s.push_str(&format!("{line}\n"));
        }
    }
    if let Some(label) = &a.insight_label {
        s.push_str(&format!("\n{label}\n{}\n", "-".repeat(label.width().min(80))));
    }
    for p in &a.insight {
        s.push_str(&format!("\n{}\n", p.trim_end_matches('\n')));
    }
    s
}

/// One article as Markdown with YAML front matter.
pub fn to_markdown(a: &Article) -> String {
    let fm = FrontMatter {
        id: &a.id,
        title: &a.title,
        source: a.source.as_deref(),
        date: a.date.as_deref(),
        url: a.url.as_deref(),
        author: a.author.as_deref(),
        tags: &a.tags,
        links: &a.links,
        insight_label: a.insight_label.as_deref(),
    };
    let yaml = serde_yaml_ng::to_string(&fm).expect("plain strings always serialize");
    let mut s = format!("---\n{yaml}---\n\n# {}\n", escape(&a.title));
    for p in &a.body {
        s.push_str(&block(p));
    }
    if let Some(label) = &a.insight_label {
        s.push_str(&format!("\n## {}\n", escape(label)));
    }
    for p in &a.insight {
        s.push_str(&block(p));
    }
    s
}

/// A paragraph as a Markdown block: escaped text, or — when it holds line breaks (a code
/// block or table read from Markdown) — a fence longer than any run of backticks in it, which
/// the parser reads back line for line.
fn block(p: &str) -> String {
    if !p.contains('\n') {
        return format!("\n{}\n", escape(p));
    }
    let longest = p.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    format!("\n{fence}\n{}\n{fence}\n", p.trim_end_matches('\n'))
}

/// Backslash-escapes what Markdown would otherwise read as markup, so text survives a round trip.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    for (i, c) in text.chars().enumerate() {
        let inline =
            matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '!' | '|' | '~' | '&');
        let line_start = i == 0 && matches!(c, '-' | '+' | '=');
        let list_number = i == digits && digits > 0 && matches!(c, '.' | ')');
        if inline || line_start || list_number {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_neutralises_markup() {
        assert_eq!(escape("1. a *b* [c](d) #e"), "1\\. a \\*b\\* \\[c\\](d) \\#e");
        assert_eq!(escape("- item & more"), "\\- item \\& more");
    }

    #[test]
    fn preformatted_paragraphs_come_back_line_for_line() {
        let a = Article {
            id: "x".into(),
            title: "T".into(),
            body: vec![
                "fn f() {\n    ``` not a fence\n}".into(),
                "a | b\n1 | 2".into(),
                "plain".into(),
                "code  line\n".into(),
            ],
            ..Default::default()
        };
        let back = crate::parse::markdown::parse(&to_markdown(&a)).unwrap().articles;
        assert_eq!(back[0].body, a.body);
    }

    #[test]
    fn front_matter_in_a_paragraph_stays_in_its_article() {
        let a = Article {
            id: "c".into(),
            title: "C".into(),
            body: vec!["Line one\n---\nid: zz\n---\nline five".into(), "---\ntitle: inner\n---".into()],
            insight_label: Some("Analysis".into()),
            insight: vec!["Still C's.".into()],
            ..Default::default()
        };
        let back = crate::parse::markdown::parse(&to_markdown(&a)).unwrap().articles;
        assert_eq!(back.len(), 1, "{back:?}");
        assert_eq!((back[0].body.clone(), back[0].insight.clone()), (a.body, a.insight));
    }
}
