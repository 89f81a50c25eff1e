//! Recognising the lines that structure an article: insight headings and `Source:` lines.
//! Shared by every text format so that they agree on what a heading is.

/// English heading endings, lower case; matched at a word boundary.
const EN_ENDINGS: &[&str] = &[
    "insight",
    "insights",
    "analysis",
    "commentary",
    "opinion",
    "our take",
    "why it matters",
    "takeaway",
    "takeaways",
    "editor's note",
];
/// Chinese heading endings.
const ZH_ENDINGS: &[&str] = &["洞察", "分析", "点评", "解读", "观点"];

const MAX_HEADING_CHARS: usize = 60;
const MAX_HEADING_WORDS: usize = 8;

/// If `line` is an insight heading ("ABAB AI Insight", "## Why it matters:", "AI 洞察"),
/// returns the label to show for it.
pub fn insight_heading(line: &str) -> Option<&str> {
    let label = heading_text(line)?;
    let lower = label.to_lowercase().replace('’', "'");
    let en = EN_ENDINGS.iter().any(|end| {
        lower.strip_suffix(end).is_some_and(|before| {
            before.chars().next_back().is_none_or(|c| !c.is_alphanumeric() && c != '\'')
        })
    });
    let zh = ZH_ENDINGS.iter().any(|end| lower.ends_with(end));
    (en || zh).then_some(label)
}

/// A line short enough, and unpunctuated enough, to be a heading rather than a sentence.
pub fn heading_like(line: &str) -> Option<&str> {
    heading_text(line)
}

fn heading_text(line: &str) -> Option<&str> {
    let t = line
        .trim()
        .trim_start_matches('#')
        .trim_matches(|c: char| c == '*' || c == '_' || c.is_whitespace())
        .trim_end_matches([':', '：'])
        .trim_end();
    let ends_sentence = t.ends_with(['.', '!', '?', '。', '！', '？', ',', ';']);
    let short = t.chars().count() <= MAX_HEADING_CHARS && t.split_whitespace().count() <= MAX_HEADING_WORDS;
    (!t.is_empty() && short && !ends_sentence).then_some(t)
}

/// If `line` is a source line (`Source: X`, `Sources: X`, `来源：X`), returns X.
pub fn source_line(line: &str) -> Option<&str> {
    let t = line.trim();
    let rest = strip_prefix_ci(t, "sources")
        .or_else(|| strip_prefix_ci(t, "source"))
        .or_else(|| t.strip_prefix("来源"))?;
    let value = rest.trim_start().strip_prefix([':', '：'])?.trim();
    (!value.is_empty()).then_some(value)
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &s[prefix.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_every_heading_variant() {
        for h in [
            "ABAB AI Insight",
            "Insight",
            "Key Insights",
            "ANALYSIS",
            "Market analysis:",
            "Commentary",
            "Opinion",
            "Our take",
            "Why it matters",
            "Takeaway",
            "Editor's note",
            "Editor’s Note",
            "## Our Take",
            "**Why It Matters**",
            "AI 洞察",
            "深度分析",
            "编辑点评",
            "专家解读",
            "我们的观点：",
        ] {
            assert!(insight_heading(h).is_some(), "{h:?} should be a heading");
        }
        assert_eq!(insight_heading("## Our take:"), Some("Our take"));
    }

    #[test]
    fn rejects_sentences_and_partial_words() {
        for s in [
            "This is our analysis.",
            "Psychoanalysis",
            "A very long line that goes on and on about the market and its analysis",
            "Insightful",
            "",
        ] {
            assert!(insight_heading(s).is_none(), "{s:?} is not a heading");
        }
    }

    #[test]
    fn source_lines() {
        assert_eq!(source_line("Source: Public Information"), Some("Public Information"));
        assert_eq!(source_line("SOURCES : Reuters, AP"), Some("Reuters, AP"));
        assert_eq!(source_line("来源：新华社"), Some("新华社"));
        assert_eq!(source_line("来源: 新华社"), Some("新华社"));
        assert_eq!(source_line("Source:"), None);
        assert_eq!(source_line("Sourcebook: x"), None);
        assert_eq!(source_line("The source: x"), None);
    }
}
