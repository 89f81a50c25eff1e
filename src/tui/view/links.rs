//! Compare mode, under the insight pane: the facts linked to the current claim, and for a claim
//! its own article does not support, the facts of other articles that would — each named by
//! its article, source and date, so it is never mistaken for this article's own.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Padding, Paragraph};

use super::fit::{fit_line, fit_str, wrap_lines, ELLIPSIS};
use ratatui::Frame;

use crate::compare::{score_hundredths, score_text, Params, Verdict};
use crate::related::OutsideLink;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::overlay::LinksKey;

/// Starts each fact from another article.
pub const ELSEWHERE_MARKER: &str = "↗";

/// The panel's frame, padded like the text panes.
fn block(app: &App) -> Block<'static> {
    // "Linked", not "supporting": a weak or unsupported statement's links are what it builds on.
    Block::bordered().border_style(app.theme.border).title(" Linked facts ").padding(Padding::horizontal(1))
}

/// What the panel's lines are made from (`None`: no panel is shown).
pub fn key(app: &App) -> Option<LinksKey> {
    let area = app.areas().links?;
    let state = app.compare.as_ref()?;
    let width = block(app).inner(area).width;
    let outside = state.current_claim().and_then(|cl| state.outside.get(&cl.id)).map(Vec::len);
    Some((width, state.article, app.compare_generation, state.pending, state.claim, outside))
}

/// The panel's lines at `width`: made when the claim or what is known of it changes (kept in
/// `App::overlays`), not on every frame.
pub fn lines(app: &App, width: u16) -> Vec<Line<'static>> {
    content(app, width).unwrap_or_default()
}

/// The kept lines when fresh, else made now (a state no sync has seen).
fn with_lines<R>(app: &App, width: u16, f: impl FnOnce(&[Line<'static>]) -> R) -> R {
    match key(app).filter(|k| k.0 == width).and_then(|k| app.overlays.links.fresh(&k)) {
        Some(kept) => f(kept),
        None => f(&lines(app, width)),
    }
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let block = block(app);
    let inner = block.inner(area);
    let Some(state) = &app.compare else {
        frame.render_widget(block, area);
        return;
    };
    let height = usize::from(inner.height);
    let shown = with_lines(app, inner.width, |lines| {
        let scroll = usize::from(state.panel_scroll()).min(lines.len().saturating_sub(height));
        let mut shown: Vec<Line> = lines.iter().skip(scroll).take(height).cloned().collect();
        let below = lines.len().saturating_sub(scroll + height);
        if below > 0 && !shown.is_empty() {
            // The last row says there is more, and how to see it (the row it hides comes next).
            let keys = format!(
                "{}/{}",
                app.keymap.key_text(Action::PanelDown),
                app.keymap.key_text(Action::PanelUp)
            );
            let more = below + 1;
            let rows = if more == 1 { "line" } else { "lines" };
            let width = usize::from(inner.width);
            let hint = format!("↓ {more} more {rows} ({keys} scroll)");
            let hidden = &lines[scroll + shown.len() - 1];
            *shown.last_mut().expect("not empty") =
                Line::styled(fit_str(&hint, width).into_owned(), app.theme.heading);
            // The text above the hint goes on under it: the row says so with `…`, as cut text does.
            if let (Some(above), true) = (shown.len().checked_sub(2), hidden.width() > 0) {
                let mut row = shown[above].clone();
                let style = row.spans.last().map(|s| s.style).unwrap_or_default();
                row.spans.push(Span::styled(ELLIPSIS, style));
                shown[above] = fit_line(row, width);
            }
        }
        shown
    });
    frame.render_widget(Paragraph::new(shown).block(block), area);
}

/// How far the panel scrolls: its text's rows beyond the panel's height (the kept lines' count).
pub fn max_scroll(app: &App) -> u16 {
    let Some(area) = app.areas().links else { return 0 };
    let inner = block(app).inner(area);
    let rows = with_lines(app, inner.width, <[Line]>::len);
    u16::try_from(rows.saturating_sub(usize::from(inner.height))).unwrap_or(u16::MAX)
}

/// The panel's text for the claim under the cursor, wrapped to `width`.
fn content(app: &App, width: u16) -> Option<Vec<Line<'static>>> {
    let state = app.compare.as_ref()?;
    let cl = state.current_claim()?;
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
    if let Some(x) = &cl.conflict {
        lines
            .push(Line::styled(format!("! conflicts with F{}: {}", x.fact + 1, x.reason), app.theme.heading));
    }
    lines.extend(if cl.links.is_empty() {
        vec![Line::styled("Nothing in the article supports this statement.", app.theme.cmp_unsupported)]
    } else {
        cl.links
            .iter()
            .map(|l| {
                Line::from(vec![
                    Span::styled(format!("F{} {} ", l.fact + 1, score_text(l.score)), app.theme.heading),
                    Span::raw(state.comparison.facts[l.fact].text.as_str()),
                    Span::styled(format!(" [{}]", crate::compare::terms_text(&l.terms)), app.theme.dim),
                ])
            })
            .collect()
    });
    if cl.links.iter().any(|l| score_hundredths(l.score) > score_hundredths(cl.best)) {
        // A tester read "support 0.43" beside "F2 0.51" as a contradiction (and the note
        // beside two equal printed numbers as another).
        lines.push(Line::styled(
            "(A fact's score ranks the article's facts: it also credits word pairs and its neighbours' words. The support counts only the words the linked facts hold.)",
            app.theme.dim,
        ));
    }
    // With one article loaded there is nowhere else to look.
    if cl.verdict != Verdict::Supported && app.corpus.len() > 1 {
        lines.push(Line::raw(""));
        lines.push(Line::styled("Elsewhere (other articles):", app.theme.heading));
        match state.outside.get(&cl.id) {
            None => lines.push(Line::styled("looking in other articles…", app.theme.dim)),
            Some(found) if found.is_empty() => {
                lines.push(Line::styled("No other article supports it either.", app.theme.dim))
            }
            Some(found) => lines.extend(found.iter().flat_map(|o| elsewhere(app, o))),
        }
    }
    Some(wrap_lines(lines, width))
}

/// `↗ 0.67 Title — Source, date` and the fact, quoted, on the next line.
fn elsewhere<'a>(app: &App, o: &'a OutsideLink) -> [Line<'a>; 2] {
    let whence: Vec<&str> = [o.source.as_deref(), o.date.as_deref()].into_iter().flatten().collect();
    let whence = if whence.is_empty() { String::new() } else { format!(" — {}", whence.join(", ")) };
    [
        Line::from(vec![
            Span::styled(format!("{ELSEWHERE_MARKER} {} ", score_text(o.score)), app.theme.heading),
            Span::raw(o.title.as_str()),
            Span::styled(whence, app.theme.dim),
        ]),
        Line::raw(format!("  “{}”", o.fact)),
    ]
}
