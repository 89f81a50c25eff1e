//! `update`: the only place state changes in response to the user. Pure over `App`: no I/O,
//! no drawing, so every action is unit-tested directly.

use super::action::Action;
use super::app::{App, LIST_ITEM_ROWS};
use super::layout::{Mode, Pane};

/// Rows the mouse wheel scrolls a text pane per notch.
const WHEEL_ROWS: isize = 3;

pub fn update(app: &mut App, action: Action) {
    if app.help && !matches!(action, Action::Quit | Action::Resize { .. }) {
        // The overlay takes every key; these close it.
        if matches!(action, Action::Back | Action::ToggleHelp) {
            app.help = false;
        }
        return;
    }
    match action {
        Action::Quit => app.quit = true,
        Action::Back => app.quit = true,
        Action::ToggleHelp => app.help = true,
        Action::FocusNext => cycle_focus(app, 1, true),
        Action::FocusPrev => cycle_focus(app, -1, true),
        Action::FocusRight => cycle_focus(app, 1, false),
        Action::FocusLeft => cycle_focus(app, -1, false),
        Action::Down => move_in_focus(app, 1, 1),
        Action::Up => move_in_focus(app, -1, 1),
        Action::HalfPageDown => move_in_focus(app, 1, page(app) / 2),
        Action::HalfPageUp => move_in_focus(app, -1, page(app) / 2),
        Action::PageDown => move_in_focus(app, 1, page(app)),
        Action::PageUp => move_in_focus(app, -1, page(app)),
        Action::Top => move_in_focus(app, -1, usize::MAX / 2),
        Action::Bottom => move_in_focus(app, 1, usize::MAX / 2),
        Action::Open => {
            if app.focus == Pane::List {
                app.focus = Pane::Body;
            }
        }
        Action::PrevArticle => app.select(app.selected.saturating_sub(1)),
        Action::NextArticle => app.select(app.selected + 1),
        Action::ToggleList => app.list_toggled = !app.list_toggled,
        Action::Resize { width, height } => app.area = ratatui::layout::Rect::new(0, 0, width, height),
        Action::ScrollAt { column, row, down } => {
            if let Some(pane) = app.areas().pane_at(column, row) {
                let sign = if down { 1 } else { -1 };
                match app.text_view_mut(pane) {
                    Some(view) => view.scroll_by(sign * WHEEL_ROWS),
                    None => app.select(app.selected.saturating_add_signed(sign)),
                }
            }
        }
        Action::ClickAt { column, row } => click(app, column, row),
    }
    app.sync();
}

/// Rows (text panes) or items (list) in one page of the focused pane.
fn page(app: &App) -> usize {
    match app.text_view(app.focus) {
        Some(view) => view.height.max(2),
        None => app.list_page().max(2),
    }
}

/// Moves the list selection or scrolls the focused text pane by `amount` steps in `dir`.
fn move_in_focus(app: &mut App, dir: isize, amount: usize) {
    let delta = dir * amount.min(isize::MAX as usize) as isize;
    match app.text_view_mut(app.focus) {
        Some(view) => view.scroll_by(delta),
        None => app.select(app.selected.saturating_add_signed(delta)),
    }
}

fn cycle_focus(app: &mut App, step: isize, wrap: bool) {
    let panes = app.areas().focusable();
    let Some(i) = panes.iter().position(|&p| p == app.focus) else {
        return;
    };
    let n = panes.len() as isize;
    let next = i as isize + step;
    let next = if wrap {
        next.rem_euclid(n)
    } else {
        next.clamp(0, n - 1)
    };
    app.focus = panes[next as usize];
}

fn click(app: &mut App, column: u16, row: u16) {
    let areas = app.areas();
    let Some(pane) = areas.pane_at(column, row) else {
        return;
    };
    app.focus = pane;
    if let (Pane::List, Some(rect)) = (pane, areas.list) {
        let inner_row = row.saturating_sub(rect.y + 1) as usize;
        if row > rect.y && row + 1 < rect.bottom() {
            app.select(app.list_offset + inner_row / LIST_ITEM_ROWS);
        }
    }
    if areas.mode == Mode::Narrow {
        // In narrow mode a click on the list opens the article it selects.
        if pane == Pane::List {
            app.focus = Pane::Body;
        }
    }
}

#[cfg(test)]
mod tests;
