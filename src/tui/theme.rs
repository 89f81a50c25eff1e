//! Styles. The defaults use only the 16 basic colours; with `NO_COLOR` set, only modifiers.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    pub border: Style,
    pub border_focused: Style,
    pub heading: Style,
    pub dim: Style,
    pub selected: Style,
    pub selected_unfocused: Style,
    pub marker: Style,
    /// Titles of articles not read yet.
    pub unread: Style,
    /// The star before a starred article's second row.
    pub star: Style,
    pub status: Style,
    pub status_key: Style,
    /// Search matches, and the one `n`/`N` reached.
    pub matched: Style,
    pub current_match: Style,
    /// Compare mode: the statement under the cursor, strong and weak links, facts no claim
    /// uses, and claims nothing supports.
    pub cmp_current: Style,
    pub cmp_strong: Style,
    pub cmp_weak: Style,
    pub cmp_uncovered: Style,
    pub cmp_unsupported: Style,
}

impl Theme {
    /// Colour unless the `NO_COLOR` environment variable is set to something non-empty.
    pub fn from_env() -> Self {
        match std::env::var_os("NO_COLOR") {
            Some(v) if !v.is_empty() => Theme::monochrome(),
            _ => Theme::default(),
        }
    }

    pub fn monochrome() -> Self {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Theme {
            border: Style::new(),
            border_focused: bold,
            heading: bold,
            dim: Style::new().add_modifier(Modifier::DIM),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            selected_unfocused: Style::new().add_modifier(Modifier::UNDERLINED),
            marker: bold,
            unread: bold,
            star: bold,
            status: Style::new().add_modifier(Modifier::REVERSED),
            status_key: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            matched: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            current_match: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            cmp_current: Style::new().add_modifier(Modifier::REVERSED),
            cmp_strong: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            cmp_weak: Style::new().add_modifier(Modifier::UNDERLINED),
            cmp_uncovered: Style::new().add_modifier(Modifier::DIM),
            cmp_unsupported: Style::new().add_modifier(Modifier::ITALIC),
        }
    }
}

impl Default for Theme {
    fn default() -> Self {
        Theme {
            border: Style::new().fg(Color::DarkGray),
            border_focused: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            heading: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            dim: Style::new().fg(Color::DarkGray),
            selected: Style::new().fg(Color::Black).bg(Color::Cyan),
            selected_unfocused: Style::new().fg(Color::White).bg(Color::DarkGray),
            marker: Style::new().fg(Color::Magenta),
            unread: Style::new().add_modifier(Modifier::BOLD),
            star: Style::new().fg(Color::Yellow),
            status: Style::new().fg(Color::Black).bg(Color::Gray),
            status_key: Style::new().fg(Color::Blue).bg(Color::Gray).add_modifier(Modifier::BOLD),
            matched: Style::new().fg(Color::Black).bg(Color::Yellow),
            current_match: Style::new().fg(Color::Black).bg(Color::LightRed).add_modifier(Modifier::BOLD),
            cmp_current: Style::new().fg(Color::Black).bg(Color::Cyan),
            cmp_strong: Style::new().fg(Color::Black).bg(Color::Green),
            cmp_weak: Style::new().fg(Color::Green).add_modifier(Modifier::UNDERLINED),
            cmp_uncovered: Style::new().fg(Color::DarkGray),
            cmp_unsupported: Style::new().fg(Color::Red).add_modifier(Modifier::ITALIC),
        }
    }
}
