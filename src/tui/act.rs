//! Acting on the open article: open its URL or a link, edit its file, page or copy its text,
//! and the list's sort and grouping. These only decide what to do and set `App::effect`; the
//! event loop does it (`effect::perform`), so `update` stays free of I/O.

use std::path::PathBuf;

use super::action::Action;
use super::app::App;
use super::effect::Effect;
use super::layout::Pane;

impl App {
    /// `o`: the article's URL at once when it has no links; otherwise asks which (Enter for
    /// the URL, a number for a link).
    pub fn open_link(&mut self) {
        let Some(a) = self.article() else { return };
        match (&a.url, a.links.len()) {
            (None, 0) => self.flash = Some("this article has no URL and no links".to_string()),
            (Some(url), 0) => self.effect = Some(Effect::Browse(url.clone())),
            _ => self.link_prompt = Some(String::new()),
        }
    }

    /// Keys while the link number is asked for: digits, Backspace, Enter, Esc. A number that
    /// no further digit could make a link opens at once (`o 3` with fewer than 30 links).
    pub fn link_prompt_key(&mut self, action: Action) {
        let Some(typed) = self.link_prompt.as_mut() else { return };
        match action {
            Action::PromptInsert(c) if c.is_ascii_digit() && typed.len() < 6 => typed.push(c),
            Action::PromptBackspace => {
                typed.pop();
            }
            Action::PromptCancel => {
                self.link_prompt = None;
                return;
            }
            Action::PromptSubmit => {
                let typed = self.link_prompt.take().unwrap_or_default();
                return self.open_numbered(&typed);
            }
            _ => return,
        }
        let links = self.article().map_or(0, |a| a.links.len());
        let n: usize = self.link_prompt.as_deref().and_then(|t| t.parse().ok()).unwrap_or(0);
        if n >= 1 && n * 10 > links {
            self.link_prompt = None;
            self.open_numbered(&n.to_string());
        }
    }

    /// Opens link `typed` (1-based), or the article's URL when nothing was typed.
    fn open_numbered(&mut self, typed: &str) {
        let Some(a) = self.article() else { return };
        let target = if typed.is_empty() {
            a.url.clone().ok_or_else(|| "this article has no URL; type a link number".to_string())
        } else {
            let n: usize = typed.parse().unwrap_or(0);
            a.links
                .get(n.wrapping_sub(1))
                .cloned()
                .ok_or_else(|| format!("no link {typed} (1–{})", a.links.len()))
        };
        match target {
            Ok(url) => self.effect = Some(Effect::Browse(url)),
            Err(message) => self.flash = Some(message),
        }
    }

    /// `e`: the article's file in the editor.
    pub fn edit_file(&mut self) {
        if let Some(a) = self.article() {
            self.effect = Some(Effect::Edit(PathBuf::from(&a.path)));
        }
    }

    /// `v`: the article as plain text in the pager.
    pub fn view_in_pager(&mut self) {
        if let Some(a) = self.article() {
            self.effect = Some(Effect::Page(crate::export::to_text(a)));
        }
    }

    /// `y`: in compare mode the claim (insight pane) or fact (body pane) under the cursor,
    /// else the whole article as plain text.
    pub fn copy(&mut self) {
        let Some(a) = self.article() else { return };
        let selected = self.compare.as_ref().filter(|c| !c.pending).and_then(|c| match self.focus {
            Pane::Insight => c.current_claim().map(|cl| cl.text.clone()),
            Pane::Body => c.current_fact().map(|f| f.text.clone()),
            Pane::List => None,
        });
        let text = selected.unwrap_or_else(|| crate::export::to_text(a));
        self.effect = Some(Effect::Copy(text));
    }

    /// `S`: the next sort order; the open article stays selected.
    pub fn cycle_sort(&mut self) {
        self.sort = self.sort.next();
        self.rebuild_view(self.current_index());
    }

    /// `z`: the next grouping; the open article stays selected.
    pub fn cycle_group(&mut self) {
        self.group = self.group.next();
        // Subscribed items are grouped by feed (source) or not at all: the folder of a feed's
        // URL says nothing.
        if self.group == crate::sort::Grouping::Folder
            && matches!(self.feeds.shown, super::feeds::Shown::Feeds { .. })
        {
            self.group = self.group.next();
        }
        self.rebuild_view(self.current_index());
    }
}
