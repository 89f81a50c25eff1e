//! What the user can ask for. Keys and mouse events map to these; `update` interprets them.
//! The kebab-case names (`half-page-down`) are what `[keys]` in config.toml uses.

use serde::Deserialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    FocusNext,
    FocusPrev,
    FocusLeft,
    FocusRight,
    Down,
    Up,
    HalfPageDown,
    HalfPageUp,
    PageDown,
    PageUp,
    Top,
    Bottom,
    Open,
    PrevArticle,
    NextArticle,
    ToggleList,
    ToggleHelp,
    /// `c`: compare mode on or off.
    ToggleCompare,
    /// `m`: read ↔ unread.
    ToggleRead,
    /// `s`: star or unstar.
    ToggleStar,
    /// `f`: list all → unread → starred articles.
    CycleFilter,
    /// `/`: open the search prompt.
    SearchStart,
    NextMatch,
    PrevMatch,
    PromptSubmit,
    PromptCancel,
    PromptLeft,
    PromptRight,
    PromptHome,
    PromptEnd,
    PromptBackspace,
    PromptDelete,
    PromptDeleteWord,
    PromptClear,
    PromptHistoryPrev,
    PromptHistoryNext,
    #[serde(skip)]
    PromptInsert(char),
    /// `i`: show the insight pane of an article that has none (hidden by default).
    ToggleInsight,
    /// `w`: the load warnings in an overlay.
    ShowWarnings,
    /// `u` / `U`: in compare mode, the next / previous claim its facts do not fully support
    /// (weak, unsupported or conflicting).
    NextDoubtful,
    PrevDoubtful,
    /// `J` / `K`: scroll compare mode's linked-facts panel.
    PanelDown,
    PanelUp,
    /// `R`: articles that report the same facts; Enter jumps to one.
    Related,
    /// `ctrl-o`: back to where the last jump from the related list started.
    JumpBack,
    /// `r`: fetch every subscribed feed in the background; new items join the list.
    Fetch,
    /// `o`: open the article's URL, or `o 3` its third link, in the browser.
    OpenLink,
    /// `e`: the article's file in `$EDITOR`.
    EditFile,
    /// `v`: the article's plain text in `$PAGER`.
    ViewInPager,
    /// `y`: copy the article's text, or the selected claim in compare mode (OSC 52).
    Copy,
    /// `S`: sort the list by path → title → date → source.
    CycleSort,
    /// `z`: group the list by nothing → folder → source.
    CycleGroup,
    /// Esc: close the open overlay, leave compare mode, clear the filter; never quits.
    Back,
    Quit,
    /// Not bound to keys: produced by the terminal and the mouse.
    #[serde(skip)]
    Resize {
        width: u16,
        height: u16,
    },
    #[serde(skip)]
    ScrollAt {
        column: u16,
        row: u16,
        down: bool,
    },
    #[serde(skip)]
    ClickAt {
        column: u16,
        row: u16,
    },
}

impl Action {
    /// Whether the action reads or moves through the article in view (or to another): after
    /// one, an article shown only because the list had no room counts as opened.
    pub fn engages(self) -> bool {
        use Action::*;
        matches!(
            self,
            FocusNext
                | FocusPrev
                | FocusLeft
                | FocusRight
                | Down
                | Up
                | HalfPageDown
                | HalfPageUp
                | PageDown
                | PageUp
                | Top
                | Bottom
                | Open
                | PrevArticle
                | NextArticle
                | ToggleCompare
                | NextMatch
                | PrevMatch
                | NextDoubtful
                | PrevDoubtful
                | ScrollAt { .. }
                | ClickAt { .. }
        )
    }

    /// One line for the help overlay.
    pub fn description(self) -> &'static str {
        match self {
            Action::FocusNext => "focus next pane",
            Action::FocusPrev => "focus previous pane",
            Action::FocusLeft => "focus pane to the left",
            Action::FocusRight => "focus pane to the right",
            Action::Down => "next article / scroll down",
            Action::Up => "previous article / scroll up",
            Action::HalfPageDown => "half a page down",
            Action::HalfPageUp => "half a page up",
            Action::PageDown => "a page down",
            Action::PageUp => "a page up",
            Action::Top => "to the top",
            Action::Bottom => "to the bottom",
            Action::Open => "open the selected article",
            Action::PrevArticle => "previous article (any pane)",
            Action::NextArticle => "next article (any pane)",
            Action::ToggleList => "show / hide the article list",
            Action::ToggleHelp => "this help",
            Action::ToggleCompare => "compare insight statements with facts",
            Action::ToggleRead => "mark read / unread",
            Action::ToggleStar => "star / unstar",
            Action::CycleFilter => "list all/unread/starred/<50% grounded",
            Action::SearchStart => "search (filters the list as you type)",
            Action::NextMatch => "next match in the article",
            Action::PrevMatch => "previous match in the article",
            Action::PromptSubmit => "keep the filter, open the article",
            Action::PromptCancel => "clear the filter",
            Action::PromptLeft => "cursor left",
            Action::PromptRight => "cursor right",
            Action::PromptHome => "cursor to start",
            Action::PromptEnd => "cursor to end",
            Action::PromptBackspace => "delete before the cursor",
            Action::PromptDelete => "delete under the cursor",
            Action::PromptDeleteWord => "delete the word before the cursor",
            Action::PromptClear => "delete to the start",
            Action::PromptHistoryPrev => "older query from history",
            Action::PromptHistoryNext => "newer query from history",
            Action::ToggleInsight => "show / hide an empty insight pane",
            Action::ShowWarnings => "read the load warnings",
            Action::NextDoubtful => "compare: next claim to check",
            Action::PrevDoubtful => "compare: previous claim to check",
            Action::PanelDown => "compare: scroll the linked facts down",
            Action::PanelUp => "compare: scroll the linked facts up",
            Action::Related => "articles reporting the same facts",
            Action::JumpBack => "back to where the last jump started",
            Action::Fetch => "fetch the subscribed feeds",
            Action::OpenLink => "open the URL, or o then a number: a link",
            Action::EditFile => "edit the article's file in $EDITOR",
            Action::ViewInPager => "read the plain text in $PAGER",
            Action::Copy => "copy the text (compare: the claim)",
            Action::CycleSort => "sort by path/title/date/source/grounding",
            Action::CycleGroup => "group by nothing / folder / source",
            Action::Back => "back: overlay, compare, filter (q quits)",
            Action::Quit => "quit",
            Action::Resize { .. }
            | Action::ScrollAt { .. }
            | Action::ClickAt { .. }
            | Action::PromptInsert(_) => "",
        }
    }
}
