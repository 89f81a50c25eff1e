//! Compare mode, under the insight pane: the facts linked to the current claim, and for a claim
//! its own article does not support, the facts of other articles that would — each named by
//! its article, source and date, so it is never mistaken for this article's own.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::fit::wrap_lines;
use ratatui::Frame;

use crate::compare::{Params, Verdict};
use crate::related::OutsideLink;
use crate::tui::app::App;

/// Starts each fact from another article.
pub const ELSEWHERE_MARKER: &str = "↗";

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    // "Linked", not "supporting": a weak or unsupported statement's links are what it builds on.
    let block = Block::bordered().border_style(app.theme.border).title(" Linked facts ");
    let Some(state) = &app.compare else {
        frame.render_widget(block, area);
        return;
    };
    let Some(cl) = state.current_claim() else {
        frame.render_widget(block, area);
        return;
    };
    let p = Params::default();
    let mut lines = vec![Line::styled(
        format!(
            "{}: {} (supported ≥ {:.2}, weak ≥ {:.2})",
            cl.verdict.name(),
            cl.verdict_note(),
            p.supported,
            p.weak
        ),
        app.theme.dim,
    )];
    lines.extend(if cl.links.is_empty() {
        vec![Line::styled("Nothing in the article supports this statement.", app.theme.cmp_unsupported)]
    } else {
        cl.links
            .iter()
            .map(|l| {
                Line::from(vec![
                    Span::styled(format!("F{} {:.2} ", l.fact + 1, l.score), app.theme.heading),
                    Span::raw(state.comparison.facts[l.fact].text.as_str()),
                    Span::styled(format!(" [{}]", crate::compare::terms_text(&l.terms)), app.theme.dim),
                ])
            })
            .collect()
    });
    if cl.links.iter().any(|l| l.score > cl.best) {
        // A tester read "support 0.43" beside "F2 0.51" as a contradiction.
        lines.push(Line::styled(
            "(A fact's score ranks the article's facts: it also credits word pairs and its neighbours' words. The support counts only the words the linked facts hold.)",
            app.theme.dim,
        ));
    }
    if cl.verdict != Verdict::Supported {
        lines.push(Line::raw(""));
        lines.push(Line::styled("Elsewhere in the library (other articles):", app.theme.heading));
        match state.outside.get(&cl.id) {
            None => lines.push(Line::styled("looking in other articles…", app.theme.dim)),
            Some(found) if found.is_empty() => {
                lines.push(Line::styled("No other article supports it either.", app.theme.dim))
            }
            Some(found) => lines.extend(found.iter().flat_map(|o| elsewhere(app, o))),
        }
    }
    let width = block.inner(area).width;
    frame.render_widget(Paragraph::new(wrap_lines(lines, width)).block(block), area);
}

/// `↗ 0.67 Title — Source, date` and the fact, quoted, on the next line.
fn elsewhere<'a>(app: &App, o: &'a OutsideLink) -> [Line<'a>; 2] {
    let whence: Vec<&str> = [o.source.as_deref(), o.date.as_deref()].into_iter().flatten().collect();
    let whence = if whence.is_empty() { String::new() } else { format!(" — {}", whence.join(", ")) };
    [
        Line::from(vec![
            Span::styled(format!("{ELSEWHERE_MARKER} {:.2} ", o.score), app.theme.heading),
            Span::raw(o.title.as_str()),
            Span::styled(whence, app.theme.dim),
        ]),
        Line::raw(format!("  “{}”", o.fact)),
    ]
}
