//! The related-articles overlay (`R`): one row per article reporting the same facts, with how
//! much they share; the selected one also shows its first shared fact.

use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use ratatui::Frame;

use super::fit::{fit_line, fit_str, wrap_lines};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::overlay::RelatedKey;

/// The overlay's box in `area`.
fn popup(area: Rect) -> Rect {
    area.centered(
        Constraint::Length(area.width.saturating_sub(8).clamp(20.min(area.width), 140)),
        Constraint::Length(area.height.saturating_sub(4).clamp(5.min(area.height), 24)),
    )
}

/// What the overlay's lines in `area` are made from (`None`: it is closed).
pub fn key(app: &App, area: Rect) -> Option<RelatedKey> {
    let view = app.related.as_ref()?;
    Some((area, view.article, view.selected, view.found.as_ref().map(Vec::len)))
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let Some(view) = app.related.as_ref() else { return };
    let popup = popup(area);
    super::clear_for_overlay(frame, popup);
    frame.buffer_mut().set_style(popup, app.theme.text);
    let key = |a: Action| app.keymap.key_text(a);
    let title = format!(
        " Related to {} — {} jumps, {} closes, {} comes back ",
        app.corpus.articles()[view.article].title,
        key(Action::Open),
        key(Action::Back),
        key(Action::JumpBack)
    );
    let title = fit_str(&title, usize::from(popup.width.saturating_sub(2))).into_owned();
    let block = Block::bordered().border_style(app.theme.border_focused).title(title);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    // Made when the overlay opened or changed; made here only for a state no sync has seen.
    let made;
    let lines = match self::key(app, area).and_then(|k| app.overlays.related.fresh(&k)) {
        Some(kept) => kept,
        None => {
            made = lines(app, area);
            &made
        }
    };
    frame.render_widget(Paragraph::new(lines.clone()), inner);
}

/// The overlay's lines in `area`: the related articles around the selected one, then the
/// selected one's shared statements wrapped to the overlay's width.
pub fn lines(app: &App, area: Rect) -> Vec<Line<'static>> {
    let Some(view) = app.related.as_ref() else { return Vec::new() };
    let inner = Block::bordered().inner(popup(area));
    let width = usize::from(inner.width);
    match &view.found {
        None => vec![Line::styled(" finding articles that report the same facts…", app.theme.dim)],
        Some(found) if found.is_empty() => {
            vec![Line::styled(" No other article reports the same facts.", app.theme.dim)]
        }
        Some(found) => {
            // Keep the selected row in view.
            let rows = usize::from(inner.height).saturating_sub(2).max(1);
            let first = view.selected.saturating_sub(rows - 1);
            let mut lines: Vec<Line<'static>> = found
                .iter()
                .enumerate()
                .skip(first)
                .take(rows)
                .map(|(i, r)| {
                    let text = format!(" {:.2}  {}  ({} shared)", r.score, r.title, r.shared.len());
                    let style = if i == view.selected { app.theme.selected } else { app.theme.text };
                    fit_line(Line::from(Span::styled(text, style)), width)
                })
                .collect();
            // The selected article's shared statements, as many as the rest of the popup holds:
            // this article's, then the other's that supports it.
            if let Some(r) = found.get(view.selected).filter(|r| !r.shared.is_empty()) {
                let room = usize::from(inner.height).saturating_sub(lines.len() + 1);
                let shared: Vec<Line> = r
                    .shared
                    .iter()
                    .flat_map(|f| {
                        [
                            Line::from(vec![
                                Span::styled(format!(" {:.2} ", f.score), app.theme.heading),
                                Span::raw(f.fact.as_str()),
                            ]),
                            Line::styled(format!("      = {}", f.other), app.theme.dim),
                        ]
                    })
                    .collect();
                lines.push(Line::raw(""));
                lines.extend(wrap_lines(shared, inner.width).into_iter().take(room));
            }
            lines
        }
    }
}
