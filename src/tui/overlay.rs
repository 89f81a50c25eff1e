//! What overlays draw (help, load warnings, related articles, the linked-facts panel), made
//! once in `App::sync` when an overlay opens or what it shows changes (its area, its content),
//! not on every frame: the view draws the stored lines, and `update` scrolls by their stored
//! count. Each is kept with the key it was made for; the view finds it fresh, or (a state no
//! sync has seen yet) makes its own for that frame.

use ratatui::layout::Rect;
use ratatui::text::Line;

use super::app::App;
use super::view::{help, links, related, warnings};

/// A value made for `key`.
#[derive(Debug, Clone)]
pub struct Made<K, T> {
    key: Option<K>,
    value: Option<T>,
}

impl<K, T> Default for Made<K, T> {
    fn default() -> Self {
        Made { key: None, value: None }
    }
}

impl<K: PartialEq, T> Made<K, T> {
    /// The value, when it was made for `key`.
    pub fn fresh(&self, key: &K) -> Option<&T> {
        self.value.as_ref().filter(|_| self.key.as_ref() == Some(key))
    }

    /// Makes the value for `key` unless it is already made for it.
    fn keep(&mut self, key: K, make: impl FnOnce() -> T) {
        if self.fresh(&key).is_none() {
            self.value = Some(make());
            self.key = Some(key);
        }
    }

    fn clear(&mut self) {
        (self.key, self.value) = (None, None);
    }
}

/// What the related overlay's lines depend on: its area, article, selection and answer.
pub type RelatedKey = (Rect, usize, usize, Option<usize>);

/// What the linked-facts panel's lines depend on: its width, the comparison (article,
/// generation, whether it is still pending), the claim, and the outside links found for it.
pub type LinksKey = (u16, Option<usize>, u64, bool, usize, Option<usize>);

#[derive(Debug, Default)]
pub struct Overlays {
    pub help: Made<Rect, help::HelpLayout>,
    pub warnings: Made<warnings::WarningsKey, warnings::WarningsLayout>,
    pub related: Made<RelatedKey, Vec<Line<'static>>>,
    pub links: Made<LinksKey, Vec<Line<'static>>>,
}

impl App {
    /// Makes the open overlays' text when stale (see the module comment); drops what closed.
    pub(super) fn sync_overlays(&mut self) {
        let area = self.overlay_area();
        let mut o = std::mem::take(&mut self.overlays);
        if self.help {
            o.help.keep(area, || help::layout(self, area));
        } else {
            o.help.clear();
        }
        if self.warnings_open {
            o.warnings.keep(warnings::key(self, area), || warnings::layout(self, area));
        } else {
            o.warnings.clear();
        }
        match related::key(self, area) {
            Some(key) => o.related.keep(key, || related::lines(self, area)),
            None => o.related.clear(),
        }
        match links::key(self) {
            Some(key) => o.links.keep(key, || links::lines(self, key.0)),
            None => o.links.clear(),
        }
        self.overlays = o;
    }

    /// Drops every overlay's text (the keys or theme changed).
    pub(super) fn forget_overlays(&mut self) {
        self.overlays = Overlays::default();
    }
}

#[cfg(test)]
mod tests {
    use ratatui::backend::TestBackend;
    use ratatui::Terminal;

    use super::*;
    use crate::load::load_seeds;
    use crate::tui::action::Action;
    use crate::tui::layout::Pane;
    use crate::tui::update::update;

    fn screen(app: &App) -> String {
        let mut t = Terminal::new(TestBackend::new(app.area.width, app.area.height)).unwrap();
        t.draw(|f| crate::tui::view::render(app, f)).unwrap();
        format!("{:?}", t.backend().buffer())
    }

    /// What a frame draws from the kept text is what it would make itself.
    fn drawn_from_kept(app: &mut App) -> String {
        let kept = screen(app);
        let overlays = std::mem::take(&mut app.overlays);
        assert_eq!(screen(app), kept, "the kept text draws as the text made afresh");
        app.overlays = overlays;
        kept
    }

    #[test]
    fn overlays_are_made_when_they_open_or_change_not_per_frame() {
        let mut app = App::new(load_seeds().corpus, Rect::new(0, 0, 120, 30));
        app.warnings = (0..40)
            .map(|i| format!("warning: skipped /some/long/path/{i}.json: {}", "why ".repeat(30)))
            .collect();
        let area = app.overlay_area();
        assert!(app.overlays.help.fresh(&area).is_none(), "nothing made while closed");

        update(&mut app, Action::ToggleHelp);
        let made = app.overlays.help.fresh(&area).expect("made on opening").max_scroll();
        assert_eq!(crate::tui::view::help::max_scroll(&app), made, "update scrolls by the kept count");
        drawn_from_kept(&mut app);
        update(&mut app, Action::Resize { width: 70, height: 20 });
        let small = app.overlay_area();
        assert!(
            app.overlays.help.fresh(&area).is_none() && app.overlays.help.fresh(&small).is_some(),
            "remade at the new size"
        );
        update(&mut app, Action::Bottom);
        assert_eq!(app.help_scroll, app.overlays.help.fresh(&small).unwrap().max_scroll());
        drawn_from_kept(&mut app);
        update(&mut app, Action::ToggleHelp);
        assert!(app.overlays.help.fresh(&small).is_none(), "dropped on closing");

        update(&mut app, Action::ShowWarnings);
        assert!(app.overlays.warnings.fresh(&(small, 40, 0)).is_some());
        update(&mut app, Action::Bottom);
        assert!(app.warnings_scroll > 0);
        assert!(
            app.overlays.warnings.fresh(&(small, 40, app.warnings_scroll)).is_some(),
            "made for the page shown"
        );
        drawn_from_kept(&mut app);
        // A warning found later: made again with it.
        app.late_warnings(vec!["warning: one more".into()]);
        app.sync();
        assert!(app.overlays.warnings.fresh(&(small, 41, app.warnings_scroll)).is_some());
        update(&mut app, Action::Back);

        update(&mut app, Action::Resize { width: 120, height: 30 });
        update(&mut app, Action::Related);
        let key = crate::tui::view::related::key(&app, app.overlay_area()).unwrap();
        assert!(app.overlays.related.fresh(&key).is_some(), "made for 'finding…'");
        app.related_now();
        let key = crate::tui::view::related::key(&app, app.overlay_area()).unwrap();
        assert!(key.3.is_some() && app.overlays.related.fresh(&key).is_some(), "made again for the answer");
        drawn_from_kept(&mut app);
        update(&mut app, Action::Back);

        update(&mut app, Action::ToggleCompare);
        app.compare_now();
        update(&mut app, Action::FocusRight);
        update(&mut app, Action::FocusRight);
        assert_eq!(app.focus, Pane::Insight);
        app.outside_now();
        app.sync();
        let key = crate::tui::view::links::key(&app).expect("the panel is shown");
        assert!(app.overlays.links.fresh(&key).is_some());
        drawn_from_kept(&mut app);
    }
}
