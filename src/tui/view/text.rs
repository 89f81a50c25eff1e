//! The body and insight panes: the visible slice of the pre-wrapped rows with search matches
//! and compare-mode statements marked, a gutter marker for unsupported claims, and a scrollbar.

use std::ops::{Range, RangeInclusive};

use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};
use ratatui::Frame;

use super::{inner, pane_block};
use crate::compare::{Claim, Fact, Verdict};
use crate::model::DEFAULT_INSIGHT_LABEL;
use crate::search::Field;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::compare::{in_paragraphs, Mark};
use crate::tui::layout::Pane;
use crate::tui::wrap::{Part, Row, SOURCE_PREFIX};
use crate::Article;

/// Marks an unsupported claim in the gutter.
pub const UNSUPPORTED_MARKER: &str = "✗";

/// A styled range of one part of the article.
type Styled = (Part, Range<usize>, Style);

pub fn render(app: &App, pane: Pane, frame: &mut Frame, area: Rect) {
    let Some(view) = app.text_view(pane) else { return };
    let article = app.article();
    let title = match pane {
        Pane::Body => " Article ".to_string(),
        _ => {
            let label = article.and_then(|a| a.insight_label.as_deref()).unwrap_or(DEFAULT_INSIGHT_LABEL);
            format!(" {label} ")
        }
    };
    frame.render_widget(pane_block(app, pane, title, area), area);
    let Some(article) = article else {
        // A list filter that hides everything, or a search that matched nothing, says so
        // where the article would be, in both text panes (neither is left blank).
        if let Some([what, how]) = app.hidden_by_filter() {
            let lines =
                vec![Line::styled(what, app.theme.heading), Line::raw(""), Line::styled(how, app.theme.dim)];
            frame.render_widget(
                Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: true }),
                inner(area),
            );
        } else if app.search.is_filtering() {
            let lines = vec![
                Line::styled(format!("No articles match /{}", app.search.applied), app.theme.heading),
                Line::raw(""),
                Line::styled(
                    format!(
                        "{} clears the search; {} edits it.",
                        app.keymap.key_text(Action::Back),
                        app.keymap.key_text(Action::SearchStart)
                    ),
                    app.theme.dim,
                ),
            ];
            let width = usize::from(inner(area).width);
            let lines: Vec<Line> = lines.into_iter().map(|l| super::fit::fit_line(l, width)).collect();
            frame.render_widget(Paragraph::new(lines), inner(area));
        } else if pane == Pane::Body && app.corpus.is_empty() && !app.loading {
            // Subscribed feeds not fetched yet, seen here when the list is hidden too.
            let lines = vec![
                Line::styled("No feed items yet.", app.theme.heading),
                Line::raw(format!("{} fetches the subscribed feeds.", app.keymap.key_text(Action::Fetch))),
            ];
            frame.render_widget(
                Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: true }),
                inner(area),
            );
        }
        return;
    };
    let mut body = inner(area);
    // Compare mode labels each fact (`F4`) in a gutter left of the body text, which was
    // wrapped that much narrower.
    let gutter = if pane == Pane::Body { app.label_gutter().min(body.width) } else { 0 };
    let labels = Rect { width: gutter, ..body };
    body.x += gutter;
    body.width -= gutter;
    let rows: Vec<&Row> = view.wrapped.rows.iter().skip(view.scroll).take(usize::from(body.height)).collect();
    let shown = shown_paragraphs(&rows);
    let marks = marks(app, pane, &shown);
    let lines: Vec<Line> = rows.iter().map(|row| render_row(app, article, row, &marks)).collect();
    frame.render_widget(Paragraph::new(lines), body);
    if pane == Pane::Insight {
        gutter_markers(app, &rows, frame, body);
    }
    if gutter > 0 {
        fact_labels(app, &rows, frame, labels);
    }
    if view.max_scroll() > 0 {
        let mut state = ScrollbarState::new(view.max_scroll()).position(view.scroll);
        let bar = Scrollbar::new(ScrollbarOrientation::VerticalRight).begin_symbol(None).end_symbol(None);
        frame.render_stateful_widget(bar, area.inner(Margin::new(0, 1)), &mut state);
    }
}

/// The body or insight paragraphs `rows` show (an empty range when they show none).
fn shown_paragraphs(rows: &[&Row]) -> RangeInclusive<usize> {
    let mut paragraphs = rows.iter().filter_map(|r| match r {
        Row::Text { part: Part::Body(p) | Part::Insight(p), .. } => Some(*p),
        _ => None,
    });
    let first = paragraphs.next();
    let last = paragraphs.next_back().or(first);
    match (first, last) {
        (Some(a), Some(b)) => a..=b,
        _ => RangeInclusive::new(1, 0),
    }
}

/// Everything to style in `pane`'s paragraphs `shown`, weakest first: compare marks, then
/// search matches.
fn marks(app: &App, pane: Pane, shown: &RangeInclusive<usize>) -> Vec<Styled> {
    let t = &app.theme;
    let mut out: Vec<Styled> = Vec::new();
    if let Some(state) = &app.compare {
        out.extend(state.marks(pane, app.focus, shown).into_iter().map(|(part, range, mark)| {
            let style = match mark {
                Mark::Current => t.cmp_current,
                Mark::Strong => t.cmp_strong,
                Mark::Weak => t.cmp_weak,
                Mark::Uncovered => t.cmp_uncovered,
                Mark::Unsupported => t.cmp_unsupported,
            };
            (part, range, style)
        }));
    }
    let current = app.current_hit();
    for hit in &app.search.hits {
        let part = match (hit.field, pane) {
            (Field::Title, Pane::Body) => Part::Title,
            (Field::Body, Pane::Body) => Part::Body(hit.paragraph),
            (Field::Insight, Pane::Insight) => Part::Insight(hit.paragraph),
            _ => continue,
        };
        let style = if Some(hit) == current { t.current_match } else { t.matched };
        out.push((part, hit.range(), style));
    }
    out
}

fn render_row<'a>(app: &App, article: &'a Article, row: &Row, marks: &[Styled]) -> Line<'a> {
    let (part, range, first) = match row {
        Row::Text { part, range, first } => (part, range, first),
        Row::Meta(line) => return Line::styled(line.clone(), app.theme.dim),
        Row::Blank => return Line::default(),
    };
    let text = part.text(article);
    let (base, prefix) = match part {
        Part::Title => (app.theme.heading, None),
        Part::Source => (app.theme.dim, Some(if *first { SOURCE_PREFIX } else { "        " })),
        Part::NoInsight => (app.theme.dim, None),
        Part::Body(_) | Part::Insight(_) => (Style::default(), None),
    };
    let here: Vec<&Styled> =
        marks.iter().filter(|(p, r, _)| p == part && r.start < range.end && r.end > range.start).collect();
    // Cut the row wherever a mark starts or ends, then style each piece with every mark over it.
    let mut cuts: Vec<usize> = vec![range.start, range.end];
    for (_, r, _) in &here {
        cuts.extend([r.start, r.end].into_iter().filter(|&c| c > range.start && c < range.end));
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut spans: Vec<Span> = prefix.map(|p| Span::styled(p, app.theme.dim)).into_iter().collect();
    for w in cuts.windows(2) {
        let style = here
            .iter()
            .filter(|(_, r, _)| r.start <= w[0] && w[1] <= r.end)
            .fold(base, |s, (_, _, m)| s.patch(*m));
        spans.push(Span::styled(&text[w[0]..w[1]], style));
    }
    Line::from(spans)
}

/// `F4` beside the row each fact starts (at its first character), highlighted for the facts linked to the current
/// claim (or the fact under the cursor), so the status line's labels can be found in the text.
fn fact_labels(app: &App, rows: &[&Row], frame: &mut Frame, area: Rect) {
    let Some(state) = &app.compare else { return };
    let c = &state.comparison;
    let linked: Vec<usize> = match app.focus {
        Pane::Insight => {
            state.current_claim().map_or(Vec::new(), |cl| cl.links.iter().map(|l| l.fact).collect())
        }
        _ => state.current_fact().map_or(Vec::new(), |f| vec![f.id]),
    };
    let shown: Vec<&Fact> = in_paragraphs(&c.facts, |f| f.paragraph, &shown_paragraphs(rows)).collect();
    for (i, row) in rows.iter().enumerate() {
        let Row::Text { part: Part::Body(p), range, .. } = row else { continue };
        // The body was broken at every fact's start (`Wrapped::body_by_statement`), so a row
        // starts at most one fact, at its first character.
        let Some(f) = shown.iter().find(|f| f.paragraph == *p && range.contains(&f.range.start)) else {
            continue;
        };
        let style = if linked.contains(&f.id) { app.theme.cmp_strong } else { app.theme.dim };
        let label =
            format!("{:>w$}", format!("F{}", f.id + 1), w = usize::from(area.width.saturating_sub(1)));
        frame.render_widget(Span::styled(label, style), Rect::new(area.x, area.y + i as u16, area.width, 1));
    }
}

/// `✗` in the left padding column beside the first row of every unsupported claim.
fn gutter_markers(app: &App, rows: &[&Row], frame: &mut Frame, body: Rect) {
    let Some(state) = &app.compare else { return };
    if body.x == 0 {
        return;
    }
    let shown: Vec<&Claim> =
        in_paragraphs(&state.comparison.insights, |c| c.paragraph, &shown_paragraphs(rows)).collect();
    for (i, row) in rows.iter().enumerate() {
        let Row::Text { part: Part::Insight(p), range, .. } = row else {
            continue;
        };
        let starts_claim = shown.iter().any(|c| {
            c.verdict == Verdict::Unsupported && c.paragraph == *p && range.contains(&c.range.start)
        });
        if starts_claim {
            let area = Rect::new(body.x - 1, body.y + i as u16, 1, 1);
            frame.render_widget(Span::styled(UNSUPPORTED_MARKER, app.theme.cmp_unsupported), area);
        }
    }
}
