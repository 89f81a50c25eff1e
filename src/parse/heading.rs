//! Recognising the lines that structure an article: insight headings and `Source:` lines.
//! Shared by every text format so that they agree on what a heading is. The user's extra
//! headings and source prefixes (config.toml `[parse]`) come in as [`ParseOptions`].

use super::ParseOptions;

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

/// If `line` is an insight heading ("ABAB AI Insight", "## Why it matters:", "AI 洞察", or
/// one ending in a heading of `opts`), returns the label to show for it.
pub fn insight_heading<'a>(line: &'a str, opts: &ParseOptions) -> Option<&'a str> {
    let label = heading_text(line)?;
    let lower = label.to_lowercase().replace('’', "'");
    let at_word_end = |end: &str| {
        lower.strip_suffix(end).is_some_and(|before| {
            before.chars().next_back().is_none_or(|c| !c.is_alphanumeric() && c != '\'')
        })
    };
    let en = EN_ENDINGS.iter().any(|end| at_word_end(end));
    let zh = ZH_ENDINGS.iter().any(|end| lower.ends_with(end));
    let extra = opts
        .insight_headings
        .iter()
        .any(|end| at_word_end(end) || (!end.is_ascii() && lower.ends_with(end.as_str())));
    (en || zh || extra).then_some(label)
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

/// If `line` is a source line (`Source: X`, `Sources: X`, `来源：X`, or one of the prefixes of
/// `opts` before a colon), returns X.
pub fn source_line<'a>(line: &'a str, opts: &ParseOptions) -> Option<&'a str> {
    let t = line.trim();
    let rest = strip_prefix_ci(t, "sources")
        .or_else(|| strip_prefix_ci(t, "source"))
        .or_else(|| t.strip_prefix("来源"))
        .or_else(|| opts.source_prefixes.iter().find_map(|p| strip_prefix_ci(t, p)))?;
    let value = rest.trim_start().strip_prefix([':', '：'])?.trim();
    (!value.is_empty()).then_some(value)
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    // `prefix` is lower case; only a non-ASCII one pays for a lower-cased copy.
    let same =
        if prefix.is_ascii() { head.eq_ignore_ascii_case(prefix) } else { head.to_lowercase() == prefix };
    same.then(|| &s[prefix.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn insight_heading(line: &str) -> Option<&str> {
        super::insight_heading(line, &ParseOptions::default())
    }

    fn source_line(line: &str) -> Option<&str> {
        super::source_line(line, &ParseOptions::default())
    }

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

    #[test]
    fn extra_headings_and_prefixes_from_the_options() {
        let opts = ParseOptions::new(["Bottom line", "Ausblick"], ["Via", "Quelle"]);
        assert_eq!(super::insight_heading("The Bottom Line:", &opts), Some("The Bottom Line"));
        assert_eq!(super::insight_heading("## Ausblick", &opts), Some("Ausblick"));
        assert_eq!(super::insight_heading("Rock bottom liner", &opts), None);
        assert_eq!(insight_heading("The Bottom Line"), None, "not without the option");
        assert_eq!(super::source_line("via: Reuters", &opts), Some("Reuters"));
        assert_eq!(super::source_line("QUELLE: dpa", &opts), Some("dpa"));
        assert_eq!(super::source_line("Viaduct: x", &opts), None);
        assert_eq!(source_line("Via: Reuters"), None, "not without the option");
    }
}
