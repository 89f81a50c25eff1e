//! `triptych related` and the `outside` links of `compare --json`: the library-wide commands.
//! Signatures for the candidate index come from the library (computed and stored only for new
//! or edited articles).

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;
use serde::Serialize;

use super::{say, Opened};
use crate::compare::{Claim, Comparer, Comparison, Fact, ParagraphSummary, Params, Verdict};
use crate::library::derived;
use crate::related::{OutsideLink, Relations};

/// The candidate index over the opened corpus, its signatures from the library.
fn relations(opened: &mut Opened, comparer: Comparer) -> Relations<'_> {
    let (sigs, warning) = derived::signatures(&opened.corpus, opened.library.as_mut());
    if let Some(w) = warning {
        say(format_args!("warning: {w}"));
    }
    Relations::new(&opened.corpus, &sigs, comparer)
}

/// `triptych related ID`: the articles sharing facts with article `i`.
pub fn related(
    opened: &mut Opened,
    i: usize,
    limit: usize,
    json: bool,
    out: &mut dyn Write,
) -> Result<ExitCode> {
    let rel = relations(opened, Comparer::default());
    let found = rel.related(i, limit);
    if json {
        serde_json::to_writer_pretty(&mut *out, &found)?;
        writeln!(out)?;
    }
    if found.is_empty() {
        say("no related articles");
        return Ok(ExitCode::from(1));
    }
    if !json {
        for r in &found {
            writeln!(out, "{}\t{}\t{:.3}\t{} shared", r.id, r.title, r.score, r.shared.len())?;
            for s in &r.shared {
                writeln!(out, "  {:.2}  {}\n        = {}", s.score, s.fact, s.other)?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A claim as `compare --json` prints it: with, when its article does not support it, the
/// facts of other articles that would (`outside`).
#[derive(Serialize)]
struct ClaimOut<'a> {
    #[serde(flatten)]
    claim: &'a Claim,
    #[serde(skip_serializing_if = "Option::is_none")]
    outside: Option<Vec<OutsideLink>>,
}

#[derive(Serialize)]
struct ComparisonOut<'a> {
    facts: &'a [Fact],
    insights: Vec<ClaimOut<'a>>,
    paragraphs: &'a [ParagraphSummary],
}

/// The comparison of article `i` and, for each of its claims the article does not support, the
/// facts of other articles that would (`None` for a supported claim).
pub fn compare_with_outside(
    opened: &mut Opened,
    i: usize,
    params: Params,
) -> (Comparison, Vec<Option<Vec<OutsideLink>>>) {
    let comparer = Comparer::for_corpus(&opened.corpus, params);
    let comparison: Comparison = comparer.compare(&opened.corpus.articles()[i]);
    // Nowhere else to look with one article loaded.
    let needs_outside =
        opened.corpus.len() > 1 && comparison.insights.iter().any(|c| c.verdict != Verdict::Supported);
    let rel = needs_outside.then(|| relations(opened, comparer));
    let outside = comparison
        .insights
        .iter()
        .map(|claim| {
            rel.as_ref().filter(|_| claim.verdict != Verdict::Supported).map(|r| r.outside(i, &claim.text))
        })
        .collect();
    (comparison, outside)
}

/// `compare --json` for article `i`, with `outside` links for each claim not supported.
pub fn compare_json(opened: &mut Opened, i: usize, params: Params, out: &mut dyn Write) -> Result<()> {
    let (comparison, outside) = compare_with_outside(opened, i, params);
    let insights =
        comparison.insights.iter().zip(outside).map(|(claim, outside)| ClaimOut { claim, outside }).collect();
    let shown = ComparisonOut { facts: &comparison.facts, insights, paragraphs: &comparison.paragraphs };
    serde_json::to_writer_pretty(&mut *out, &shown)?;
    writeln!(out)?;
    Ok(())
}
