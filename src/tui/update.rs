//! `update`: the only place state changes in response to the user. Pure over `App`: no I/O,
//! no drawing, so every action is unit-tested directly.

use super::action::Action;
use super::app::App;
use super::layout::{Mode, Pane};
use super::search::{Before, Prompt, SearchRequest};

/// Rows the mouse wheel scrolls a text pane per notch.
const WHEEL_ROWS: isize = 3;

/// Applies `action`. Returns a search for the worker when the query changed; the answer comes
/// back through `App::apply_search`.
pub fn update(app: &mut App, action: Action) -> Option<SearchRequest> {
    if !matches!(action, Action::Resize { .. }) {
        app.flash = None;
    }
    // An open overlay or link prompt takes every key but quitting and resizing.
    if !matches!(action, Action::Quit | Action::Resize { .. }) {
        if app.help {
            help_overlay(app, action);
            app.sync_overlays();
            return None;
        }
        if app.warnings_open {
            warnings_overlay(app, action);
            app.sync_overlays();
            return None;
        }
        if app.related.is_some() {
            app.related_key(action);
            app.sync();
            return None;
        }
        if app.link_prompt.is_some() {
            app.link_prompt_key(action);
            app.sync();
            return None;
        }
    }
    if app.search.prompt.is_some() {
        if let Some(request) = prompt(app, action) {
            app.sync();
            return request;
        }
    }
    if action.engages() {
        app.list_displaced = false;
    }
    let focus = app.focus;
    match action {
        Action::Quit => app.quit = true,
        // Esc backs out one step at a time: compare mode, the search filter, then (one pane
        // at a time) back to the list; there it stops. Only `q` quits: one Esc too many must
        // not close the reader.
        Action::Back => {
            if app.compare.is_some() {
                app.compare = None;
            } else if app.search.is_filtering() {
                app.clear_filter();
            } else if app.areas().mode == Mode::Narrow && app.focus != Pane::List {
                app.focus = Pane::List;
            } else if let Some(key) = app.keymap.key_for(Action::Quit) {
                app.flash = Some(format!("nothing to back out of; {key} quits"));
            }
        }
        Action::ShowWarnings if app.warnings.is_empty() => app.flash = Some("no load warnings".to_string()),
        Action::ShowWarnings => {
            app.warnings_open = true;
            app.warnings_seen = true;
            app.warnings_scroll = 0;
        }
        Action::ToggleInsight => app.show_empty_insight = !app.show_empty_insight,
        Action::Related => app.open_related(),
        Action::JumpBack => app.jump_back(),
        Action::Fetch => app.start_fetch(),
        Action::OpenLink => app.open_link(),
        Action::EditFile => app.edit_file(),
        Action::ViewInPager => app.view_in_pager(),
        Action::Copy => app.copy(),
        Action::CycleSort => app.cycle_sort(),
        Action::CycleGroup => app.cycle_group(),
        Action::ToggleHelp => {
            app.help = true;
            app.help_scroll = 0;
        }
        Action::SearchStart => {
            let list_offset = (!app.search.is_filtering()).then_some(app.list_offset);
            app.search.before = Some(Before { article: app.current_index(), focus: app.focus, list_offset });
            app.search.prompt = Some(Prompt::new(&app.search.applied));
        }
        Action::ToggleCompare => app.toggle_compare(),
        Action::ToggleRead => app.toggle_read(),
        Action::ToggleStar => app.toggle_star(),
        Action::CycleFilter => app.cycle_filter(),
        Action::NextDoubtful => app.jump_to_doubtful(true),
        Action::PrevDoubtful => app.jump_to_doubtful(false),
        Action::NextMatch => app.jump_to_match(true),
        Action::PrevMatch => app.jump_to_match(false),
        Action::FocusNext => cycle_focus(app, 1, true),
        Action::FocusPrev => cycle_focus(app, -1, true),
        Action::FocusRight => cycle_focus(app, 1, false),
        Action::FocusLeft => cycle_focus(app, -1, false),
        Action::Down if app.move_compare_cursor(1) => {}
        Action::Up if app.move_compare_cursor(-1) => {}
        Action::Down => move_in_focus(app, 1, 1),
        Action::Up => move_in_focus(app, -1, 1),
        Action::HalfPageDown => move_in_focus(app, 1, page(app) / 2),
        Action::HalfPageUp => move_in_focus(app, -1, page(app) / 2),
        Action::PageDown => move_in_focus(app, 1, page(app)),
        Action::PageUp => move_in_focus(app, -1, page(app)),
        // In compare mode g/G move the claim or fact cursor, not just the scroll.
        Action::Top if app.move_compare_cursor(isize::MIN) => {}
        Action::Bottom if app.move_compare_cursor(isize::MAX) => {}
        Action::Top => move_in_focus(app, -1, usize::MAX / 2),
        Action::Bottom => move_in_focus(app, 1, usize::MAX / 2),
        Action::Open if app.focus == Pane::List => app.focus = Pane::Body,
        Action::PrevArticle => app.select(app.selected.saturating_sub(1)),
        Action::NextArticle => app.select(app.selected + 1),
        Action::ToggleList => {
            app.list_toggled = !app.list_toggled;
            // Hiding the list on purpose opens the article in view.
            app.sync();
            app.list_displaced = false;
        }
        Action::Resize { width, height } => app.area = ratatui::layout::Rect::new(0, 0, width, height),
        Action::PanelDown | Action::PanelUp => {
            let rows = if action == Action::PanelDown { 1 } else { -1 };
            if !app.scroll_links_panel(rows) {
                app.flash =
                    Some("the linked facts panel shows in compare mode, under the insight pane".into());
            }
        }
        Action::ScrollAt { column, row, down }
            if app.areas().links.is_some_and(|r| r.contains(ratatui::layout::Position::new(column, row))) =>
        {
            app.scroll_links_panel(if down { WHEEL_ROWS } else { -WHEEL_ROWS });
        }
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
        // Prompt actions arrive only while the prompt is open (handled above).
        _ => {}
    }
    app.sync();
    if matches!(action, Action::Resize { .. }) {
        // Re-wrapped at the new width: the claim (or fact) walked to stays in view.
        app.reveal_compare();
    } else if app.focus != focus {
        // Tab (or a click) onto a pane in compare mode: the fact or claim the status names is
        // on screen.
        app.show_compare_cursor();
    }
    None
}

/// The help overlay takes every key: these scroll it, Esc and ? close it.
fn help_overlay(app: &mut App, action: Action) {
    let last = super::view::help::max_scroll(app);
    if matches!(action, Action::Back | Action::ToggleHelp) {
        app.help = false;
    }
    scroll_overlay(&mut app.help_scroll, action, last);
}

/// The warnings overlay takes every key like the help overlay: these scroll it, Esc and `w`
/// close it.
fn warnings_overlay(app: &mut App, action: Action) {
    let last = super::view::warnings::max_scroll(app);
    if matches!(action, Action::Back | Action::ShowWarnings | Action::ToggleHelp) {
        app.warnings_open = false;
    }
    scroll_overlay(&mut app.warnings_scroll, action, last);
}

/// Moves an overlay's `scroll` for a movement key, and keeps it within `last` (the overlay's
/// text may have shrunk under it): the help and warnings overlays scroll alike.
fn scroll_overlay(scroll: &mut u16, action: Action, last: u16) {
    let moved = match action {
        Action::Down => scroll.saturating_add(1),
        Action::Up => scroll.saturating_sub(1),
        Action::PageDown | Action::HalfPageDown => scroll.saturating_add(10),
        Action::PageUp | Action::HalfPageUp => scroll.saturating_sub(10),
        Action::Top => 0,
        Action::Bottom => last,
        _ => *scroll,
    };
    *scroll = moved.min(last);
}

/// Keys while the search prompt is open. `None` means the action is not a prompt action and
/// falls through to the reader (mouse, resize, quit); `Some(request)` means it was handled.
fn prompt(app: &mut App, action: Action) -> Option<Option<SearchRequest>> {
    let p = app.search.prompt.as_mut()?;
    let before = p.text.clone();
    match action {
        Action::PromptInsert(c) => p.insert(c),
        Action::PromptBackspace => p.backspace(),
        Action::PromptDelete => p.delete(),
        Action::PromptDeleteWord => p.delete_word(),
        Action::PromptClear => p.clear_to_start(),
        Action::PromptLeft => p.left(),
        Action::PromptRight => p.right(),
        Action::PromptHome => p.cursor = 0,
        Action::PromptEnd => p.cursor = p.text.len(),
        Action::PromptHistoryPrev | Action::PromptHistoryNext => {
            let entry = app.search.browse(action == Action::PromptHistoryPrev).unwrap_or("").to_string();
            app.search.prompt = Some(Prompt::new(&entry));
        }
        Action::PromptSubmit => {
            app.search.prompt = None;
            app.search.before = None;
            app.search.remember(&before);
            if !before.trim().is_empty() {
                app.reading.outbox.push(crate::library::Change::Searched(before.clone()));
            }
            if !app.view.is_empty() {
                app.focus = Pane::Body;
            }
            return Some(None);
        }
        // Cancelling clears the filter and goes back to where the reader was before `/`: the
        // article selected then (its text panes scrolled as they were left), the focus and the
        // list's scroll. The prompt closes only once the reader is back there, so that the
        // result on top when Esc was pressed is not opened on the way.
        Action::PromptCancel => {
            app.clear_filter();
            let before = app.search.before.take();
            if let Some(before) = before {
                app.focus = before.focus;
                app.rebuild_view(before.article);
            }
            app.search.prompt = None;
            if let Some(offset) = before.and_then(|b| b.list_offset) {
                app.list_offset = offset;
            }
            return Some(None);
        }
        _ => return None,
    }
    let text = app.search.prompt.as_ref().map_or(String::new(), |p| p.text.clone());
    Some(if text != before { app.request_search(&text) } else { None })
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
    let mut panes = app.areas().focusable();
    if wrap && app.compare.is_some() {
        // Compare mode works from the claims to the facts they rest on, so Tab follows that
        // order (list, insight, body), as the compare hints say; h/l stay spatial.
        panes.sort_by_key(|p| match p {
            Pane::List => 0,
            Pane::Insight => 1,
            Pane::Body => 2,
        });
    }
    let Some(i) = panes.iter().position(|&p| p == app.focus) else {
        return;
    };
    let n = panes.len() as isize;
    let next = i as isize + step;
    let next = if wrap { next.rem_euclid(n) } else { next.clamp(0, n - 1) };
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
        let rows = app.list_item_rows();
        let hit = app.list_slots().iter().find(|s| (s.row..s.row + rows).contains(&inner_row)).map(|s| s.pos);
        if let (true, Some(pos)) = (row > rect.y && row + 1 < rect.bottom(), hit) {
            app.select(pos);
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
mod act_tests;
#[cfg(test)]
mod reading_tests;
#[cfg(test)]
mod tests;
