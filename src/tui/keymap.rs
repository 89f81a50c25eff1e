//! Key bindings as data: chords written as strings ("ctrl-d", "G", "pgdn") mapped to actions.
//! The same table drives key handling and the help overlay, so they cannot disagree.

use std::borrow::Cow;
use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::de::{self, Deserialize, Deserializer};

use super::action::Action;

/// A key with its modifiers. Shift is folded into the character for printable keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Chord {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

impl Chord {
    pub fn from_event(e: &KeyEvent) -> Self {
        let code = match e.code {
            // Terminals report Shift-Tab as BackTab, sometimes with SHIFT set too.
            KeyCode::Tab if e.modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
            code => code,
        };
        Chord {
            code,
            ctrl: e.modifiers.contains(KeyModifiers::CONTROL),
            alt: e.modifiers.contains(KeyModifiers::ALT),
        }
    }

    /// Parses "j", "G", "shift-g", "ctrl-d", "alt-x", "pgdn", "shift-tab", "space", "f1".
    pub fn parse(s: &str) -> Option<Self> {
        let mut ctrl = false;
        let mut alt = false;
        let mut rest = s;
        loop {
            let lower = rest.to_ascii_lowercase();
            if lower.starts_with("ctrl-") && rest.len() > 5 {
                ctrl = true;
                rest = &rest[5..];
            } else if lower.starts_with("alt-") && rest.len() > 4 {
                alt = true;
                rest = &rest[4..];
            } else {
                break;
            }
        }
        let lower = rest.to_ascii_lowercase();
        let code = match lower.as_str() {
            "tab" => KeyCode::Tab,
            "shift-tab" | "backtab" => KeyCode::BackTab,
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "space" => KeyCode::Char(' '),
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "pgup" | "pageup" => KeyCode::PageUp,
            "pgdn" | "pagedown" => KeyCode::PageDown,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "backspace" => KeyCode::Backspace,
            "delete" | "del" => KeyCode::Delete,
            "insert" | "ins" => KeyCode::Insert,
            f if f.len() > 1 && f.starts_with('f') && f[1..].bytes().all(|b| b.is_ascii_digit()) => {
                let n: u8 = f[1..].parse().ok()?;
                if !(1..=24).contains(&n) {
                    return None;
                }
                KeyCode::F(n)
            }
            // Terminals send Shift with a letter as the capital letter (and cannot tell
            // Ctrl-Shift-x from Ctrl-x, so that is no key).
            shifted
                if !ctrl
                    && shifted.len() == 7
                    && shifted.starts_with("shift-")
                    && shifted.as_bytes()[6].is_ascii_alphabetic() =>
            {
                KeyCode::Char(char::from(shifted.as_bytes()[6].to_ascii_uppercase()))
            }
            _ => {
                let mut chars = rest.chars();
                let c = chars.next()?;
                if chars.next().is_some() || c.is_control() {
                    return None;
                }
                KeyCode::Char(if ctrl { c.to_ascii_lowercase() } else { c })
            }
        };
        Some(Chord { code, ctrl, alt })
    }
}

/// Keys in config.toml are strings; a string that names no key is an error at its position.
impl<'de> Deserialize<'de> for Chord {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Chord::parse(&s).ok_or_else(|| {
            de::Error::custom(format!(
                "unknown key {s:?}: expected a character (\"g\", \"G\", \"?\"), a name (\"enter\", \"esc\", \
                 \"tab\", \"shift-tab\", \"space\", \"backspace\", \"up\", \"pgdn\", \"home\", \"f1\"), \
                 optionally after \"ctrl-\" or \"alt-\""
            ))
        })
    }
}

impl fmt::Display for Chord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        if self.alt {
            f.write_str("Alt-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Delete => f.write_str("Del"),
            KeyCode::Insert => f.write_str("Ins"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// The default bindings, in the order the help overlay lists them.
pub const DEFAULT_BINDINGS: &[(&str, Action)] = &[
    ("j", Action::Down),
    ("down", Action::Down),
    ("k", Action::Up),
    ("up", Action::Up),
    ("tab", Action::FocusNext),
    ("shift-tab", Action::FocusPrev),
    ("h", Action::FocusLeft),
    ("left", Action::FocusLeft),
    ("l", Action::FocusRight),
    ("right", Action::FocusRight),
    ("ctrl-d", Action::HalfPageDown),
    ("ctrl-u", Action::HalfPageUp),
    ("pgdn", Action::PageDown),
    ("space", Action::PageDown),
    ("pgup", Action::PageUp),
    ("g", Action::Top),
    ("home", Action::Top),
    ("G", Action::Bottom),
    ("end", Action::Bottom),
    ("enter", Action::Open),
    ("[", Action::PrevArticle),
    ("]", Action::NextArticle),
    ("c", Action::ToggleCompare),
    ("u", Action::NextDoubtful),
    ("U", Action::PrevDoubtful),
    ("J", Action::PanelDown),
    ("K", Action::PanelUp),
    ("m", Action::ToggleRead),
    ("s", Action::ToggleStar),
    ("f", Action::CycleFilter),
    ("/", Action::SearchStart),
    ("n", Action::NextMatch),
    ("N", Action::PrevMatch),
    ("t", Action::ToggleList),
    ("i", Action::ToggleInsight),
    ("o", Action::OpenLink),
    ("e", Action::EditFile),
    ("v", Action::ViewInPager),
    ("y", Action::Copy),
    ("S", Action::CycleSort),
    ("z", Action::CycleGroup),
    ("w", Action::ShowWarnings),
    ("R", Action::Related),
    ("r", Action::Fetch),
    ("ctrl-o", Action::JumpBack),
    ("?", Action::ToggleHelp),
    ("esc", Action::Back),
    ("q", Action::Quit),
    ("ctrl-c", Action::Quit),
];

/// Keys while the search prompt is open; any other printable character is typed.
pub const PROMPT_BINDINGS: &[(&str, Action)] = &[
    ("enter", Action::PromptSubmit),
    ("esc", Action::PromptCancel),
    ("left", Action::PromptLeft),
    ("right", Action::PromptRight),
    ("home", Action::PromptHome),
    ("ctrl-a", Action::PromptHome),
    ("end", Action::PromptEnd),
    ("ctrl-e", Action::PromptEnd),
    ("backspace", Action::PromptBackspace),
    ("delete", Action::PromptDelete),
    ("ctrl-w", Action::PromptDeleteWord),
    ("ctrl-u", Action::PromptClear),
    ("up", Action::PromptHistoryPrev),
    ("down", Action::PromptHistoryNext),
    ("ctrl-c", Action::Quit),
];

type Bindings = Vec<(Chord, Action)>;

fn parse_table(table: &[(&str, Action)]) -> Bindings {
    table.iter().map(|&(key, action)| (Chord::parse(key).expect("default bindings parse"), action)).collect()
}

/// Which set of bindings: the reader's, or the search prompt's while it is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Reader,
    Prompt,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyMap {
    bindings: Bindings,
    prompt: Bindings,
}

impl Default for KeyMap {
    fn default() -> Self {
        KeyMap { bindings: parse_table(DEFAULT_BINDINGS), prompt: parse_table(PROMPT_BINDINGS) }
    }
}

/// One help row per action, with every key bound to it.
fn help_rows(bindings: &Bindings) -> Vec<(String, Cow<'static, str>)> {
    let mut rows: Vec<(Action, Vec<String>)> = Vec::new();
    for (chord, action) in bindings {
        match rows.iter_mut().find(|(a, _)| a == action) {
            Some((_, keys)) => keys.push(chord.to_string()),
            None => rows.push((*action, vec![chord.to_string()])),
        }
    }
    rows.into_iter().map(|(a, keys)| (keys.join(" "), describe(a, bindings))).collect()
}

/// An action's help text; Esc's names the key that quits as bound, not the default `q`.
fn describe(action: Action, bindings: &Bindings) -> Cow<'static, str> {
    if action != Action::Back {
        return Cow::Borrowed(action.description());
    }
    match bindings.iter().find(|(_, a)| *a == Action::Quit) {
        Some((quit, _)) => Cow::Owned(format!("back: overlay, compare, filter ({quit} quits)")),
        None => Cow::Borrowed("back: overlay, compare, filter"),
    }
}

impl KeyMap {
    /// True when `action` can be bound in `table`: it has a default key there.
    pub fn bindable(table: Table, action: Action) -> bool {
        let defaults = match table {
            Table::Reader => DEFAULT_BINDINGS,
            Table::Prompt => PROMPT_BINDINGS,
        };
        defaults.iter().any(|&(_, a)| a == action)
    }

    /// Binds `action` to exactly `chords` in `table` (none: unbound), as config.toml asks: its
    /// default keys go, and each of `chords` is taken from whatever action had it. The new
    /// keys take the place of the old ones, so the help overlay keeps its order.
    pub fn bind(&mut self, table: Table, action: Action, chords: &[Chord]) {
        let bindings = match table {
            Table::Reader => &mut self.bindings,
            Table::Prompt => &mut self.prompt,
        };
        let first = bindings.iter().position(|&(_, a)| a == action);
        let mut kept = Vec::with_capacity(bindings.len() + chords.len());
        let mut at = None;
        for (i, (chord, a)) in bindings.drain(..).enumerate() {
            if Some(i) == first {
                at = Some(kept.len());
            }
            if a != action && !chords.contains(&chord) {
                kept.push((chord, a));
            }
        }
        let at = at.unwrap_or(kept.len());
        kept.splice(at..at, chords.iter().map(|&c| (c, action)));
        *bindings = kept;
    }

    pub fn action_for(&self, e: &KeyEvent) -> Option<Action> {
        let chord = Chord::from_event(e);
        self.bindings.iter().find(|(c, _)| *c == chord).map(|&(_, a)| a)
    }

    /// The action for a key while the search prompt is open.
    pub fn prompt_action_for(&self, e: &KeyEvent) -> Option<Action> {
        let chord = Chord::from_event(e);
        if let Some(&(_, a)) = self.prompt.iter().find(|(c, _)| *c == chord) {
            return Some(a);
        }
        match chord.code {
            KeyCode::Char(c) if !chord.ctrl && !chord.alt => Some(Action::PromptInsert(c)),
            _ => None,
        }
    }

    /// The reader's keys, one row per action: what the help overlay shows.
    pub fn help_rows(&self) -> Vec<(String, Cow<'static, str>)> {
        help_rows(&self.bindings)
    }

    /// The search prompt's keys, one row per action.
    pub fn prompt_help_rows(&self) -> Vec<(String, Cow<'static, str>)> {
        help_rows(&self.prompt)
    }

    /// The first key bound to `action`, for hints in the status bar.
    pub fn key_for(&self, action: Action) -> Option<String> {
        self.bindings.iter().find(|(_, a)| *a == action).map(|(c, _)| c.to_string())
    }

    /// The first key bound to `action` for a hint written as a sentence ("Esc clears …"),
    /// or `(no key)` when config.toml unbound it.
    pub fn key_text(&self, action: Action) -> String {
        self.key_for(action).unwrap_or_else(|| "(no key)".to_string())
    }

    /// The same for a key of the search (and link-number) prompt.
    pub fn prompt_key_text(&self, action: Action) -> String {
        let key = self.prompt.iter().find(|(_, a)| *a == action).map(|(c, _)| c.to_string());
        key.unwrap_or_else(|| "(no key)".to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chords_parse_and_print() {
        for (s, shown) in [
            ("ctrl-d", "Ctrl-d"),
            ("G", "G"),
            ("pgdn", "PgDn"),
            ("shift-tab", "Shift-Tab"),
            ("space", "Space"),
            ("f1", "F1"),
        ] {
            assert_eq!(Chord::parse(s).unwrap().to_string(), shown);
        }
        assert_eq!(Chord::parse("shift-g"), Chord::parse("G"));
        assert_eq!(Chord::parse("ctrl-D"), Chord::parse("ctrl-d"));
        assert_eq!(Chord::parse("f12").unwrap().to_string(), "F12");
        for bad in ["nonsense", "ctrl-", "f0", "f25", "shift-up", "ctrl-shift-q", "", "\u{7}"] {
            assert_eq!(Chord::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn binding_replaces_an_actions_keys_and_takes_keys_from_others() {
        let mut km = KeyMap::default();
        let chord = |s| Chord::parse(s).unwrap();
        km.bind(Table::Reader, Action::Quit, &[chord("x")]);
        km.bind(Table::Reader, Action::Down, &[chord("q"), chord("j")]);
        let key = |c| km.action_for(&KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        assert_eq!(key('x'), Some(Action::Quit));
        assert_eq!(key('q'), Some(Action::Down));
        assert_eq!(key('j'), Some(Action::Down));
        // ↓ was Down's default key; it is not one of the new keys.
        assert_eq!(km.action_for(&KeyEvent::new(KeyCode::Down, KeyModifiers::NONE)), None);
        assert_eq!(km.key_for(Action::Quit).as_deref(), Some("x"));
        // The help overlay keeps its order: Down first, Quit last.
        let rows = km.help_rows();
        assert_eq!(rows.first().unwrap(), &("q j".to_string(), "next article / scroll down".into()));
        assert_eq!(rows.last().unwrap(), &("x".to_string(), "quit".into()));
        // Esc's help names the key that quits now.
        let back = rows.iter().find(|(k, _)| k.starts_with("Esc")).unwrap();
        assert_eq!(back.1, "back: overlay, compare, filter (x quits)");
        km.bind(Table::Reader, Action::ToggleStar, &[]);
        assert_eq!(km.key_for(Action::ToggleStar), None);
        assert!(KeyMap::bindable(Table::Prompt, Action::PromptSubmit));
        assert!(!KeyMap::bindable(Table::Reader, Action::PromptSubmit));
        assert!(KeyMap::bindable(Table::Prompt, Action::Quit));
    }

    #[test]
    fn events_find_their_actions() {
        let km = KeyMap::default();
        let key = |code, mods| km.action_for(&KeyEvent::new(code, mods));
        assert_eq!(key(KeyCode::Char('j'), KeyModifiers::NONE), Some(Action::Down));
        assert_eq!(key(KeyCode::Char('G'), KeyModifiers::SHIFT), Some(Action::Bottom));
        assert_eq!(key(KeyCode::Char('d'), KeyModifiers::CONTROL), Some(Action::HalfPageDown));
        assert_eq!(key(KeyCode::BackTab, KeyModifiers::SHIFT), Some(Action::FocusPrev));
        assert_eq!(key(KeyCode::Char('c'), KeyModifiers::CONTROL), Some(Action::Quit));
        assert_eq!(key(KeyCode::Char('x'), KeyModifiers::NONE), None);
        let prompt = |code, mods| km.prompt_action_for(&KeyEvent::new(code, mods));
        assert_eq!(prompt(KeyCode::Char('q'), KeyModifiers::NONE), Some(Action::PromptInsert('q')));
        assert_eq!(prompt(KeyCode::Char('W'), KeyModifiers::SHIFT), Some(Action::PromptInsert('W')));
        assert_eq!(prompt(KeyCode::Char('w'), KeyModifiers::CONTROL), Some(Action::PromptDeleteWord));
        assert_eq!(prompt(KeyCode::Esc, KeyModifiers::NONE), Some(Action::PromptCancel));
        assert_eq!(prompt(KeyCode::Char('x'), KeyModifiers::CONTROL), None);
    }

    #[test]
    fn help_rows_group_keys_by_action() {
        let rows = KeyMap::default().help_rows();
        assert!(rows.contains(&("j ↓".to_string(), "next article / scroll down".into())));
        assert!(rows.contains(&("q Ctrl-c".to_string(), "quit".into())));
        assert!(rows.contains(&("Esc".to_string(), "back: overlay, compare, filter (q quits)".into())));
        let actions =
            DEFAULT_BINDINGS.iter().map(|(_, a)| a.description()).collect::<std::collections::HashSet<_>>();
        assert_eq!(rows.len(), actions.len());
    }
}
