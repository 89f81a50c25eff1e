//! The status bar: position in the list, focused pane, scroll position, search state and key
//! hints; while searching, the prompt.

use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

use crate::tui::action::Action;
use crate::tui::app::App;
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
    let position = if app.view.is_empty() {
        "0/0".to_string()
    } else {
        format!("{}/{}", app.selected + 1, app.view.len())
    };
    let mut spans = vec![Span::raw(format!(" {position} │ {} ", app.focus.name()))];
    match app.text_view(app.focus).map(|v| v.percent()) {
        Some(Some(p)) => spans.push(Span::raw(format!("│ {p}% "))),
        Some(None) => spans.push(Span::raw("│ All ")),
        None => {}
    }
    if app.search.is_filtering() {
        let matches = match (app.search.current_hit, app.search.hits.len()) {
            (_, 0) => "no match here".to_string(),
            (Some(i), n) => format!("match {}/{n}", i + 1),
            (None, n) => format!("{n} matches"),
        };
        spans.push(Span::styled(
            format!("│ /{} ", app.search.applied),
            app.theme.status_key,
        ));
        spans.push(Span::raw(format!("{matches} ")));
    }
    spans.push(Span::raw("│"));
    for (action, what) in HINTS {
        if let Some(key) = app.keymap.key_for(*action) {
            spans.push(Span::styled(format!(" {key}"), app.theme.status_key));
            spans.push(Span::raw(format!(" {what}")));
        }
    }
    frame.render_widget(Paragraph::new(Line::from(spans)).style(app.theme.status), area);
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
