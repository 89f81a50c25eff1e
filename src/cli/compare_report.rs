//! `triptych compare` output for people: plain text, and a Markdown table for notes.

use crate::compare::{Claim, Comparison, Verdict};
use crate::related::OutsideLink;
use crate::Article;

/// A claim's mark: a flagged conflict overrides the tick, so no line shows ✓ beside "conflicts".
fn mark(claim: &Claim) -> &'static str {
    if claim.conflict.is_some() {
        return "!";
    }
    match claim.verdict {
        Verdict::Supported => "✓",
        Verdict::Weak => "~",
        Verdict::Unsupported => "✗",
    }
}

/// Each insight statement with its verdict and supporting facts, and for one its article does
/// not support, the facts of other articles that would (`outside`, one entry per statement);
/// then the uncovered facts.
pub fn text(a: &Article, c: &Comparison, outside: &[Option<Vec<OutsideLink>>]) -> String {
    let mut s = format!(
        "{}\n{}, {} ({})\n",
        a.title,
        super::count(c.facts.len(), "fact"),
        super::count(c.insights.len(), "insight statement"),
        a.insight_label.as_deref().unwrap_or("no insight section")
    );
    for (k, claim) in c.insights.iter().enumerate() {
        s.push_str(&format!(
            "\n[I{}] {} {} ({})  {}\n",
            claim.id + 1,
            mark(claim),
            claim.verdict.name(),
            claim.verdict_note(),
            claim.text
        ));
        for l in &claim.links {
            let fact = &c.facts[l.fact];
            s.push_str(&format!(
                "     F{} {} [{}]  {}\n",
                l.fact + 1,
                crate::compare::score_text(l.score),
                crate::compare::terms_text(&l.terms),
                fact.text
            ));
        }
        if let Some(x) = &claim.conflict {
            s.push_str(&format!("     ! conflicts with F{}: {}\n", x.fact + 1, x.reason));
        }
        for o in outside.get(k).into_iter().flatten().flatten() {
            let whence: Vec<&str> = [o.source.as_deref(), o.date.as_deref()].into_iter().flatten().collect();
            let whence = if whence.is_empty() { String::new() } else { format!(" ({})", whence.join(", ")) };
            s.push_str(&format!(
                "     ↗ elsewhere {} {}: {}{whence}\n       “{}”\n",
                crate::compare::score_text(o.score),
                o.article,
                o.title,
                o.fact
            ));
        }
    }
    if !c.paragraphs.is_empty() {
        s.push_str("\nBy insight paragraph:\n");
    }
    for p in &c.paragraphs {
        let facts: Vec<String> = p.facts.iter().map(|f| format!("F{}", f + 1)).collect();
        s.push_str(&format!(
            "  ¶{}  {} supported, {} weak, {} unsupported; rests on {}\n",
            p.paragraph + 1,
            p.supported,
            p.weak,
            p.unsupported,
            if facts.is_empty() { "nothing in the article".to_string() } else { facts.join(" ") }
        ));
    }
    let uncovered: Vec<String> = c.uncovered().map(|f| format!("  F{}  {}", f.id + 1, f.text)).collect();
    if !uncovered.is_empty() {
        s.push_str(&format!("\nFacts no insight statement uses:\n{}\n", uncovered.join("\n")));
    }
    s
}

/// As [`text`], for notes: a two-column table (insight statement | supporting facts) when the
/// article has an insight, then the facts no statement uses.
pub fn markdown(a: &Article, c: &Comparison) -> String {
    let cell = markdown_cell;
    let mut s = format!(
        "### {}

{}, {} ({})
",
        cell(&a.title),
        super::count(c.facts.len(), "fact"),
        super::count(c.insights.len(), "insight statement"),
        cell(a.insight_label.as_deref().unwrap_or("no insight section"))
    );
    if !c.insights.is_empty() {
        s.push_str("\n| Insight | Supporting facts |\n|---|---|\n");
    }
    for claim in &c.insights {
        let facts: Vec<String> = claim
            .links
            .iter()
            .map(|l| {
                format!(
                    "{} ({}: {})",
                    cell(&c.facts[l.fact].text),
                    crate::compare::score_text(l.score),
                    cell(&crate::compare::terms_text(&l.terms))
                )
            })
            .collect();
        let mut support =
            if facts.is_empty() { "*(nothing in the article)*".to_string() } else { facts.join("<br>") };
        // The `!` says there is a conflict; the text output's reason says what it is.
        if let Some(x) = &claim.conflict {
            support.push_str(&format!("<br>**! conflicts with F{}:** {}", x.fact + 1, cell(&x.reason)));
        }
        s.push_str(&format!(
            "| {} **{}** ({}) {} | {} |\n",
            mark(claim),
            claim.verdict.name(),
            claim.verdict_note(),
            cell(&claim.text),
            support
        ));
    }
    let uncovered: Vec<String> =
        c.uncovered().map(|f| format!("- F{} {}", f.id + 1, cell(&f.text))).collect();
    if !uncovered.is_empty() {
        s.push_str(&format!("\nFacts no insight statement uses:\n\n{}\n", uncovered.join("\n")));
    }
    s
}

/// Text made safe for a Markdown table cell: `|` would end the cell, and `<`, `>`, `&` would be
/// raw HTML (`<script>`, `<img onerror>`) that many Markdown viewers render.
fn markdown_cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '|' => out.push_str("\\|"),
            // Emphasis and code marks in the text are text, not formatting.
            '*' | '_' | '`' | '\\' | '[' | ']' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_cells_escape_html_and_pipes() {
        assert_eq!(
            markdown_cell("<script>alert(1)</script> a|b & <img src=x onerror=y>"),
            "&lt;script&gt;alert(1)&lt;/script&gt; a\\|b &amp; &lt;img src=x onerror=y&gt;"
        );
    }
}
