//! Where each pane goes for a given terminal size. Pure: used by `update` (mouse hit tests,
//! page sizes, wrap widths) and by the view, so both always agree.

use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::widgets::{Block, Padding};

/// The three panes, left to right.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    List,
    Body,
    Insight,
}

impl Pane {
    pub const ALL: [Pane; 3] = [Pane::List, Pane::Body, Pane::Insight];

    pub fn name(self) -> &'static str {
        match self {
            Pane::List => "List",
            Pane::Body => "Body",
            Pane::Insight => "Insight",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Three columns; the list can be hidden.
    Wide,
    /// Body and insight share the width; the list can be shown.
    Medium,
    /// One pane at a time.
    Narrow,
}

/// Terminals at least this wide show the list by default.
pub const WIDE_MIN_WIDTH: u16 = 100;
/// Terminals narrower than this show one pane at a time.
pub const NARROW_BELOW_WIDTH: u16 = 60;

/// How wide the panes are (config.toml `[layout]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Widths {
    /// The list's share of the terminal, in percent, kept within `list_min..=list_max` columns.
    pub list_percent: u16,
    pub list_min: u16,
    pub list_max: u16,
    /// The body's percent of what the list leaves; the insight pane takes the rest.
    pub body_share: u16,
}

impl Default for Widths {
    fn default() -> Self {
        Widths { list_percent: 25, list_min: 20, list_max: 40, body_share: 50 }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub mode: Mode,
    pub list: Option<Rect>,
    pub body: Option<Rect>,
    pub insight: Option<Rect>,
    /// In compare mode with the insight pane focused: the facts linked to the current claim
    /// (and, when its article does not support it, facts elsewhere), under the insight pane.
    pub links: Option<Rect>,
    pub status: Rect,
    /// The insight pane is left out (an article without insight): focus skips it when narrow.
    pub insight_hidden: bool,
}

impl Areas {
    /// `list_toggled` flips the default visibility of the list for the current width;
    /// `links_panel` asks for room under the insight pane for linked facts (taken when the
    /// insight pane is focused and tall enough to share).
    pub fn compute(area: Rect, list_toggled: bool, focus: Pane, links_panel: bool, widths: &Widths) -> Self {
        let (main, status) = if area.height >= 2 {
            let [main, status] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
            (main, status)
        } else {
            (area, Rect::new(area.x, area.bottom(), area.width, 0))
        };
        let mode = match area.width {
            w if w >= WIDE_MIN_WIDTH => Mode::Wide,
            w if w >= NARROW_BELOW_WIDTH => Mode::Medium,
            _ => Mode::Narrow,
        };
        let mut areas =
            Areas { mode, list: None, body: None, insight: None, links: None, status, insight_hidden: false };
        if mode == Mode::Narrow {
            if links_panel && focus == Pane::Insight && main.height >= 8 {
                let [top, bottom] =
                    Layout::vertical([Constraint::Percentage(60), Constraint::Fill(1)]).areas(main);
                (areas.insight, areas.links) = (Some(top), Some(bottom));
            } else {
                *areas.slot(focus) = Some(main);
            }
            return areas;
        }
        if (mode == Mode::Wide) != list_toggled {
            let share = u32::from(main.width) * u32::from(widths.list_percent) / 100;
            let list_width = (share as u16).clamp(widths.list_min, widths.list_max.max(widths.list_min));
            let [list, body, insight] = Layout::horizontal([
                Constraint::Length(list_width),
                Constraint::Fill(widths.body_share),
                Constraint::Fill(100u16.saturating_sub(widths.body_share)),
            ])
            .areas(main);
            (areas.list, areas.body, areas.insight) = (Some(list), Some(body), Some(insight));
        } else {
            let [body, insight] = Layout::horizontal([
                Constraint::Fill(widths.body_share),
                Constraint::Fill(100u16.saturating_sub(widths.body_share)),
            ])
            .areas(main);
            (areas.body, areas.insight) = (Some(body), Some(insight));
        }
        if let Some(insight) =
            areas.insight.filter(|r| links_panel && focus == Pane::Insight && r.height >= 12)
        {
            let [top, bottom] =
                Layout::vertical([Constraint::Percentage(60), Constraint::Fill(1)]).areas(insight);
            (areas.insight, areas.links) = (Some(top), Some(bottom));
        }
        areas
    }

    /// The list alone above the status bar (while a search is typed on a narrow screen).
    /// `main` is the terminal without the status bar.
    pub fn list_only(&mut self, main: Rect) {
        *self = Areas { list: Some(main), body: None, insight: None, links: None, ..*self };
    }

    /// No insight pane: the body takes its room (side by side) or its turn (narrow).
    pub fn without_insight(&mut self) {
        if let (Some(body), Some(insight)) = (self.body, self.insight) {
            self.body = Some(body.union(insight));
        } else if self.insight.is_some() {
            // Narrow, focus on the hidden pane: the body is shown instead.
            self.body = self.insight;
        }
        self.insight = None;
        self.links = None;
        self.insight_hidden = true;
    }

    fn slot(&mut self, pane: Pane) -> &mut Option<Rect> {
        match pane {
            Pane::List => &mut self.list,
            Pane::Body => &mut self.body,
            Pane::Insight => &mut self.insight,
        }
    }

    pub fn get(&self, pane: Pane) -> Option<Rect> {
        match pane {
            Pane::List => self.list,
            Pane::Body => self.body,
            Pane::Insight => self.insight,
        }
    }

    /// The panes focus can move between, left to right. In narrow mode all three take turns.
    pub fn focusable(&self) -> Vec<Pane> {
        let takes_turns = |p: Pane| self.mode == Mode::Narrow && !(p == Pane::Insight && self.insight_hidden);
        Pane::ALL.into_iter().filter(|&p| takes_turns(p) || self.get(p).is_some()).collect()
    }

    pub fn pane_at(&self, column: u16, row: u16) -> Option<Pane> {
        Pane::ALL.into_iter().find(|&p| self.get(p).is_some_and(|r| r.contains(Position::new(column, row))))
    }
}

/// The rectangle inside a pane's border, with one column of padding each side for text.
pub fn inner(pane: Rect) -> Rect {
    Block::bordered().padding(Padding::horizontal(1)).inner(pane)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_choose_the_mode_and_visible_panes() {
        let wide = Areas::compute(Rect::new(0, 0, 120, 40), false, Pane::List, false, &Widths::default());
        assert_eq!(wide.mode, Mode::Wide);
        assert_eq!(wide.focusable(), Pane::ALL);
        assert_eq!(wide.list.unwrap().width, 30);
        assert_eq!(wide.status, Rect::new(0, 39, 120, 1));

        let medium = Areas::compute(Rect::new(0, 0, 80, 24), false, Pane::Body, false, &Widths::default());
        assert_eq!((medium.mode, medium.list), (Mode::Medium, None));
        assert_eq!(medium.focusable(), [Pane::Body, Pane::Insight]);
        assert!(Areas::compute(Rect::new(0, 0, 80, 24), true, Pane::Body, false, &Widths::default())
            .list
            .is_some());
        assert!(Areas::compute(Rect::new(0, 0, 120, 40), true, Pane::Body, false, &Widths::default())
            .list
            .is_none());

        let narrow = Areas::compute(Rect::new(0, 0, 40, 12), false, Pane::Insight, false, &Widths::default());
        assert_eq!(narrow.mode, Mode::Narrow);
        assert_eq!((narrow.list, narrow.body), (None, None));
        assert_eq!(narrow.insight, Some(Rect::new(0, 0, 40, 11)));
        assert_eq!(narrow.focusable(), Pane::ALL);
        let split = Areas::compute(Rect::new(0, 0, 40, 21), false, Pane::Insight, true, &Widths::default());
        assert_eq!((split.insight.unwrap().height, split.links.unwrap().height), (12, 8));
        let wide = Areas::compute(Rect::new(0, 0, 120, 40), false, Pane::Insight, true, &Widths::default());
        let (insight, links) = (wide.insight.unwrap(), wide.links.unwrap());
        assert_eq!((insight.x, insight.width, insight.height), (links.x, links.width, 23));
        assert_eq!((links.y, links.height), (23, 16));
        let body_focused =
            Areas::compute(Rect::new(0, 0, 120, 40), false, Pane::Body, true, &Widths::default());
        assert_eq!((body_focused.links, body_focused.insight.unwrap().height), (None, 39));
    }

    #[test]
    fn configured_widths_size_the_panes() {
        let widths = Widths { list_percent: 30, list_min: 10, list_max: 50, body_share: 70 };
        let a = Areas::compute(Rect::new(0, 0, 120, 40), false, Pane::List, false, &widths);
        assert_eq!(a.list.unwrap().width, 36);
        assert_eq!((a.body.unwrap().width, a.insight.unwrap().width), (59, 25));
        let capped = Widths { list_max: 24, ..widths };
        let a = Areas::compute(Rect::new(0, 0, 120, 40), false, Pane::List, false, &capped);
        assert_eq!(a.list.unwrap().width, 24);
        let medium = Areas::compute(Rect::new(0, 0, 80, 24), false, Pane::Body, false, &widths);
        assert_eq!((medium.body.unwrap().width, medium.insight.unwrap().width), (56, 24));
    }

    #[test]
    fn tiny_sizes_do_not_panic() {
        for (w, h) in [(0, 0), (1, 1), (1, 2), (5, 1), (200, 1)] {
            let a = Areas::compute(Rect::new(0, 0, w, h), false, Pane::Body, false, &Widths::default());
            assert!(a.status.height <= h);
        }
    }

    #[test]
    fn pane_at_finds_the_pane_under_the_pointer() {
        let a = Areas::compute(Rect::new(0, 0, 120, 40), false, Pane::List, false, &Widths::default());
        assert_eq!(a.pane_at(5, 5), Some(Pane::List));
        assert_eq!(a.pane_at(60, 5), Some(Pane::Body));
        assert_eq!(a.pane_at(110, 5), Some(Pane::Insight));
        assert_eq!(a.pane_at(60, 39), None);
    }
}
