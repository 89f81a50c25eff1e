//! The help overlay: every binding, generated from the keymap the app uses, and the query
//! syntax. Two columns when they fit, one otherwise; j/k scroll it.

use std::borrow::Cow;

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use ratatui::Frame;

use super::fit::{fit_line, fit_str};
use crate::search::query::SYNTAX_HELP;
use crate::tui::action::Action;
use crate::tui::app::App;

fn section(
    title: &str,
    rows: &[(String, Cow<'static, str>)],
    key_style: Style,
    heading: Style,
) -> Vec<Line<'static>> {
    let key_width = rows.iter().map(|(k, _)| k.chars().count()).max().unwrap_or(0);
    let mut lines = vec![Line::styled(format!(" {title}"), heading)];
    lines.extend(rows.iter().map(|(keys, what)| {
        Line::from(vec![Span::styled(format!(" {keys:<key_width$}  "), key_style), Span::raw(what.clone())])
    }));
    lines.push(Line::default());
    lines
}

/// The overlay's two columns: the reader's keys; the prompt's keys, query syntax and mouse.
pub fn columns(app: &App) -> (Vec<Line<'static>>, Vec<Line<'static>>) {
    let (key, heading) = (app.theme.heading, app.theme.border_focused);
    let left = section("Keys", &app.keymap.help_rows(), key, heading);
    let mut right = section("Search prompt", &app.keymap.prompt_help_rows(), key, heading);
    let syntax: Vec<(String, Cow<'static, str>)> =
        SYNTAX_HELP.iter().map(|(k, v)| (k.to_string(), Cow::Borrowed(*v))).collect();
    right.extend(section("Query syntax", &syntax, key, heading));
    right.push(Line::styled(" Mouse: wheel scrolls the pane under it,", app.theme.dim));
    right.push(Line::styled(" a click focuses and selects.", app.theme.dim));
    (left, right)
}

/// Where the overlay goes in `area`: its box, whether the columns sit side by side, the
/// left column's width and how many lines the content has.
#[derive(Debug, Clone)]
struct Placement {
    popup: Rect,
    side_by_side: bool,
    left_width: u16,
    content_lines: usize,
}

fn place(left: &[Line], right: &[Line], area: Rect) -> Placement {
    let width = |lines: &[Line]| lines.iter().map(Line::width).max().unwrap_or(0) as u16 + 1;
    let (lw, rw) = (width(left), width(right));
    let side_by_side = lw + rw + 2 <= area.width;
    let (popup_w, content_lines) = if side_by_side {
        (lw + rw + 2, left.len().max(right.len()))
    } else {
        (lw.max(rw) + 2, left.len() + right.len())
    };
    let popup = area.centered(
        Constraint::Length(popup_w.min(area.width)),
        Constraint::Length((content_lines as u16).saturating_add(2).min(area.height)),
    );
    Placement { popup, side_by_side, left_width: lw, content_lines }
}

/// The overlay laid out in one area: made when it opens or the screen changes (kept in
/// `App::overlays`), drawn as it is on every frame.
#[derive(Debug, Clone)]
pub struct HelpLayout {
    placement: Placement,
    /// Each column's lines, cut to its width; one column (all in `left`) when they do not fit
    /// side by side.
    left: Vec<Line<'static>>,
    right: Vec<Line<'static>>,
}

impl HelpLayout {
    /// The furthest the content scrolls: its last page stays full, as the text panes' does.
    pub fn max_scroll(&self) -> u16 {
        let shown = usize::from(self.placement.popup.height.saturating_sub(2));
        self.placement.content_lines.saturating_sub(shown).min(usize::from(u16::MAX)) as u16
    }

    /// The columns' areas inside `inner`: the left one, and the right one when side by side.
    fn areas(&self, inner: Rect) -> (Rect, Option<Rect>) {
        if self.placement.side_by_side {
            let [l, r] =
                Layout::horizontal([Constraint::Length(self.placement.left_width), Constraint::Fill(1)])
                    .areas(inner);
            (l, Some(r))
        } else {
            (inner, None)
        }
    }
}

/// Lays the overlay out in `area`.
pub fn layout(app: &App, area: Rect) -> HelpLayout {
    let (left, right) = columns(app);
    let placement = place(&left, &right, area);
    let mut made = HelpLayout { placement, left: Vec::new(), right: Vec::new() };
    // Lines wider than the screen are cut with `…`, never silently.
    let fit = |lines: Vec<Line<'static>>, area: Rect| -> Vec<Line<'static>> {
        lines.into_iter().map(|l| fit_line(l, usize::from(area.width))).collect()
    };
    match made.areas(Block::bordered().inner(made.placement.popup)) {
        (l, Some(r)) => (made.left, made.right) = (fit(left, l), fit(right, r)),
        (all, None) => {
            let mut lines = left;
            lines.extend(right);
            made.left = fit(lines, all);
        }
    }
    made
}

/// The furthest the overlay scrolls on the reader's screen: from the layout kept while it is
/// open.
pub fn max_scroll(app: &App) -> u16 {
    let area = app.overlay_area();
    match app.overlays.help.fresh(&area) {
        Some(made) => made.max_scroll(),
        None => layout(app, area).max_scroll(),
    }
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let made;
    let layout = match app.overlays.help.fresh(&area) {
        Some(kept) => kept,
        None => {
            made = layout(app, area);
            &made
        }
    };
    let popup = layout.placement.popup;
    super::clear_for_overlay(frame, popup);
    frame.buffer_mut().set_style(popup, app.theme.text);
    let km = &app.keymap;
    let title = format!(
        " Help — {} or {} to close, {}/{} to scroll ",
        km.key_text(Action::Back),
        km.key_text(Action::ToggleHelp),
        km.key_text(Action::Down),
        km.key_text(Action::Up)
    );
    let title = fit_str(&title, usize::from(popup.width.saturating_sub(2)));
    let block = Block::bordered().border_style(app.theme.border_focused).title(title);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    // A resize can shrink the content's end under the scroll: the last page stays full.
    let scroll = (app.help_scroll.min(layout.max_scroll()), 0);
    // Only the visible lines are handed to the widget.
    let visible = |lines: &[Line<'static>], height: u16| -> Vec<Line<'static>> {
        lines.iter().skip(usize::from(scroll.0)).take(usize::from(height)).cloned().collect()
    };
    let (l, r) = layout.areas(inner);
    frame.render_widget(Paragraph::new(visible(&layout.left, l.height)), l);
    if let Some(r) = r {
        frame.render_widget(Paragraph::new(visible(&layout.right, r.height)), r);
    }
}
