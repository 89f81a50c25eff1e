//! The status bar: position in the list, focused pane, scroll position and key hints.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use crate::tui::action::Action;
use crate::tui::app::App;

/// The hints shown, most useful first; they are cut from the right when space runs out.
const HINTS: &[(Action, &str)] = &[
    (Action::ToggleHelp, "help"),
    (Action::Quit, "quit"),
    (Action::FocusNext, "pane"),
    (Action::NextArticle, "next"),
    (Action::ToggleList, "list"),
];

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    if area.height == 0 {
        return;
    }
    let position = if app.view.is_empty() {
        "0/0".to_string()
    } else {
        format!("{}/{}", app.selected + 1, app.view.len())
    };
    let scroll = match app.text_view(app.focus).map(|v| v.percent()) {
        Some(Some(p)) => format!("{p}%"),
        Some(None) => "All".to_string(),
        None => String::new(),
    };
    let mut spans = vec![Span::raw(format!(" {position} │ {} ", app.focus.name()))];
    if !scroll.is_empty() {
        spans.push(Span::raw(format!("│ {scroll} ")));
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
