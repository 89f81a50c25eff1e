//! The status bar: position in the list, focused pane, scroll position, search state and key
//! hints; while searching, the prompt.

use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

use super::fit::{fit_line, ELLIPSIS};
use crate::compare::score_text;
use crate::search::Field;
use crate::sort::{Grouping, SortKey};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::layout::Pane;
use crate::tui::search::Prompt;

/// The hints shown, most useful first; they are cut from the right when space runs out.
const HINTS: &[(Action, &str)] = &[
    (Action::ToggleHelp, "help"),
    (Action::SearchStart, "search"),
    (Action::Quit, "quit"),
    (Action::FocusNext, "pane"),
    (Action::NextArticle, "next"),
    (Action::ToggleList, "list"),
];

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    if area.height == 0 {
        return;
    }
    if let Some(prompt) = &app.search.prompt {
        return render_prompt(app, prompt, frame, area);
    }
    if let Some(typed) = &app.link_prompt {
        return render_link_prompt(app, typed, frame, area);
    }
    let position = if app.view.is_empty() {
        "0/0".to_string()
    } else {
        format!("{}/{}", app.selected + 1, app.view.len())
    };
    let mut spans = Vec::new();
    if let Some(flash) = &app.flash {
        spans.push(Span::styled(format!(" {flash} "), app.theme.status_key));
    }
    if let Some((done, total)) = app.feeds.fetching {
        let progress = if total == 0 {
            "fetching feeds…".to_string()
        } else {
            format!("fetching {done}/{total} feeds…")
        };
        spans.push(Span::styled(format!(" {progress} "), app.theme.status_key));
    }
    if !app.warnings.is_empty() && !app.warnings_seen {
        let n = app.warnings.len();
        let what = if n == 1 { "warning" } else { "warnings" };
        let key = app.keymap.key_for(Action::ShowWarnings).map_or(String::new(), |k| format!(": {k} shows"));
        spans.push(Span::styled(format!(" {n} load {what}{key} "), app.theme.status_key));
    }
    match app.load_progress {
        Some((done, of)) if app.loading && done < of => {
            spans.push(Span::styled(format!(" reading files {done}/{of}… "), app.theme.status_key));
        }
        _ if app.loading && app.peek => spans.push(Span::styled(" checking files… ", app.theme.status_key)),
        _ if app.loading => spans.push(Span::styled(" loading texts… ", app.theme.status_key)),
        _ => {}
    }
    if let Some(note) = &app.reading.note {
        spans.push(Span::styled(format!(" {note} "), app.theme.status_key));
    }
    spans.push(Span::raw(format!(" {position} │ {} ", app.focus.name())));
    if app.reading.filter != crate::tui::reading::ListFilter::All {
        spans.push(Span::styled(format!("│ {} ", app.reading.filter.label()), app.theme.status_key));
    }
    // The order chosen with S / z (search results are in rank order); the default, the order
    // the files were read in, is not worth the room.
    let (sort, group) = (app.sort != SortKey::Path, app.group != Grouping::None);
    if !app.search.is_filtering() && (sort || group) {
        let group = if group { format!(", {}s", app.group.name()) } else { String::new() };
        spans.push(Span::raw(format!("│ by {}{group} ", app.sort.name())));
    }
    // How far a pane is scrolled; nothing when its text fits (vim's "All" read as a filter).
    if let Some(p) = app.text_view(app.focus).and_then(|v| v.percent()) {
        spans.push(Span::raw(format!("│ {p}% ")));
    }
    if let Some(a) = app.article().filter(|_| app.compare.is_none()) {
        let m = app.reading.of(a);
        let marks = match (m.read, m.starred) {
            (true, true) => "│ read ★ ",
            (true, false) => "│ read ",
            (false, true) => "│ unread ★ ",
            (false, false) => "│ unread ",
        };
        spans.push(Span::raw(marks));
    }
    if app.search.is_filtering() {
        let matches = match (app.search.current_hit, app.search.hits.len()) {
            _ if app.view.is_empty() => "no articles match".to_string(),
            // A fuzzy title or source match has nothing to highlight in the text: say where
            // the article matched rather than that it did not.
            (_, 0) => match app.search.results.get(app.selected).map(|r| r.fields.as_slice()) {
                Some(f) if f.contains(&Field::Title) => "matched the title".to_string(),
                Some(f) if f.contains(&Field::Source) => "matched the source".to_string(),
                _ => "no match here".to_string(),
            },
            (Some(i), n) => format!("match {}/{n}", i + 1),
            (None, 1) => "1 match".to_string(),
            (None, n) => format!("{n} matches"),
        };
        spans.push(Span::styled(format!("│ /{} ", app.search.applied), app.theme.status_key));
        spans.push(Span::raw(format!("{matches} ")));
    }
    let width = usize::from(area.width);
    if let Some(info) = compare_info(app) {
        spans.push(Span::styled("│ COMPARE ", app.theme.status_key));
        spans.push(Span::raw(info));
    } else {
        spans.push(Span::raw("│"));
        // Whole hints only: those that do not fit are dropped from the right, and `…` says so.
        let mut used: usize = spans.iter().map(Span::width).sum();
        for (action, what) in HINTS {
            let Some(key) = app.keymap.key_for(*action) else { continue };
            let (key, what) = (format!(" {key}"), format!(" {what}"));
            if used + key.width() + what.width() + 2 > width {
                spans.push(Span::raw(format!(" {ELLIPSIS}")));
                break;
            }
            used += key.width() + what.width();
            spans.push(Span::styled(key, app.theme.status_key));
            spans.push(Span::raw(what));
        }
    }
    let line = fit_line(Line::from(spans), width);
    frame.render_widget(Paragraph::new(line).style(app.theme.status), area);
}

/// The compare-mode footer: the statement under the cursor, its verdict and what links it.
fn compare_info(app: &App) -> Option<String> {
    let state = app.compare.as_ref()?;
    let c = &state.comparison;
    if state.pending {
        return Some("│ comparing…".to_string());
    }
    Some(match app.focus {
        Pane::Insight => match state.current_claim() {
            None => "│ no insight statements".to_string(),
            Some(cl) => {
                let mut shared: Vec<String> = Vec::new();
                for t in cl.links.iter().flat_map(|l| &l.terms).map(ToString::to_string) {
                    if !shared.contains(&t) {
                        shared.push(t);
                    }
                }
                if let Some(x) = &cl.conflict {
                    shared.insert(0, format!("! F{}: {}", x.fact + 1, x.reason));
                }
                let links: Vec<String> =
                    cl.links.iter().map(|l| format!("F{} {}", l.fact + 1, score_text(l.score))).collect();
                // Facts found in other articles, counted here; the panel under the insight
                // pane shows them.
                let elsewhere = match state.outside.get(&cl.id) {
                    Some(found) if !found.is_empty() => format!(" │ ↗ {} elsewhere", found.len()),
                    _ => String::new(),
                };
                // The support decides the verdict; the links' own scores alone would not explain it.
                format!(
                    "│ I{}/{} {} (support {}{}) │ {}{elsewhere} │ {}",
                    cl.id + 1,
                    c.insights.len(),
                    cl.verdict.name(),
                    score_text(cl.best),
                    // The panel under the insight pane says it in full.
                    cl.beyond.map(|b| format!(", {}", b.name())).unwrap_or_default(),
                    if links.is_empty() { "no supporting fact".to_string() } else { links.join(" ") },
                    shared.join(", ")
                )
            }
        },
        Pane::Body => match state.current_fact() {
            None => "│ no facts".to_string(),
            Some(f) if f.used_by.is_empty() => {
                format!("│ F{}/{} uncovered: no insight statement uses it", f.id + 1, c.facts.len())
            }
            Some(f) => {
                let users: Vec<String> = f.used_by.iter().map(|i| format!("I{}", i + 1)).collect();
                format!("│ F{}/{} used by {}", f.id + 1, c.facts.len(), users.join(" "))
            }
        },
        Pane::List => format!(
            "│ {} to the insight pane, then {}/{}",
            app.keymap.key_text(Action::FocusNext),
            app.keymap.key_text(Action::Down),
            app.keymap.key_text(Action::Up)
        ),
    })
}

/// `o` on an article with links: which one to open.
fn render_link_prompt(app: &App, typed: &str, frame: &mut Frame, area: Rect) {
    let links = app.article().map_or(0, |a| a.links.len());
    let line = Line::from(vec![
        Span::styled("open link ", app.theme.status_key),
        Span::raw(typed.to_string()),
        Span::styled(
            format!(
                "  1–{links}, {}: the article's URL, {}: cancel",
                app.keymap.prompt_key_text(Action::PromptSubmit),
                app.keymap.prompt_key_text(Action::PromptCancel)
            ),
            app.theme.dim,
        ),
    ]);
    frame.render_widget(Paragraph::new(fit_line(line, usize::from(area.width))), area);
    let cursor = 10 + typed.width() as u16;
    if cursor < area.width {
        frame.set_cursor_position(Position::new(area.x + cursor, area.y));
    }
}

fn render_prompt(app: &App, prompt: &Prompt, frame: &mut Frame, area: Rect) {
    let count = if app.search.applied == prompt.text {
        format!("  {} of {}", app.view.len(), app.corpus.len())
    } else {
        "  …".to_string()
    };
    let line = Line::from(vec![
        Span::styled("/", app.theme.status_key),
        Span::raw(prompt.text.as_str()),
        Span::styled(count, app.theme.dim),
    ]);
    frame.render_widget(Paragraph::new(line), area);
    let cursor = 1 + prompt.text[..prompt.cursor].width() as u16;
    if cursor < area.width {
        frame.set_cursor_position(Position::new(area.x + cursor, area.y));
    }
}
