use std::path::Path;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::tui::action::Action;

fn parse(text: &str) -> Result<Config, ConfigError> {
    Config::from_toml(text, Path::new("/cfg/config.toml"))
}

/// The error's `line:column` and message.
fn error(text: &str) -> (String, String) {
    let e = parse(text).expect_err(text);
    (format!("{}:{}", e.line.unwrap_or(0), e.column.unwrap_or(0)), e.message)
}

fn key(config: &Config, c: char) -> Option<Action> {
    config.keys.action_for(&KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

#[test]
fn the_documented_default_file_is_exactly_the_defaults() {
    let parsed = parse(DEFAULT_TOML).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(parsed, Config::default());
    assert_eq!(parse("").unwrap(), Config::default());
}

/// A new action with a default key needs its line in assets/config.toml (and the README).
#[test]
fn every_bindable_action_is_in_the_default_file() {
    use serde::Deserialize;
    let table: toml::Table = toml::from_str(DEFAULT_TOML).unwrap();
    for (section, bindings) in
        [("keys", crate::tui::keymap::DEFAULT_BINDINGS), ("prompt-keys", crate::tui::keymap::PROMPT_BINDINGS)]
    {
        let listed: Vec<Action> = table[section]
            .as_table()
            .unwrap()
            .keys()
            .map(|k| {
                Action::deserialize(serde::de::value::StrDeserializer::<serde::de::value::Error>::new(k))
                    .unwrap()
            })
            .collect();
        let missing: Vec<Action> = bindings.iter().map(|&(_, a)| a).filter(|a| !listed.contains(a)).collect();
        assert!(missing.is_empty(), "assets/config.toml [{section}] lacks {missing:?}");
    }
}

#[test]
fn keys_are_merged_over_the_defaults() {
    let c = parse("[keys]\nquit = \"x\"\ndown = [\"q\", \"j\"]\ntoggle-star = []\n").unwrap();
    assert_eq!(key(&c, 'x'), Some(Action::Quit));
    assert_eq!(key(&c, 'q'), Some(Action::Down));
    assert_eq!(key(&c, 'j'), Some(Action::Down));
    assert_eq!(key(&c, 's'), None);
    // Everything not named keeps its default keys.
    assert_eq!(key(&c, 'k'), Some(Action::Up));
    assert_eq!(c.keys.key_for(Action::Quit).as_deref(), Some("x"));
    let c = parse("[prompt-keys]\nprompt-submit = [\"enter\", \"ctrl-j\"]\n").unwrap();
    let ctrl_j = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::CONTROL);
    assert_eq!(c.keys.prompt_action_for(&ctrl_j), Some(Action::PromptSubmit));
}

#[test]
fn layout_theme_and_parse_settings_are_read() {
    let c = parse(
        "theme = \"light\"\n[layout]\nlist-width = 30\nbody-share = 60\nlist-density = \"compact\"\n\
         max-text-width = 72\n[parse]\ninsight-headings = [\"Bottom Line\"]\nsource-prefixes = [\"Via\"]\n",
    )
    .unwrap();
    assert_eq!(c.theme, crate::tui::theme::Theme::builtin("light").unwrap());
    assert_eq!((c.widths.list_percent, c.widths.body_share), (30, 60));
    assert_eq!(c.density, Density::Compact);
    assert_eq!(c.max_text_width, Some(72));
    assert_eq!(c.parse, ParseOptions::new(["bottom line"], ["via"]));
}

#[test]
fn the_list_order_and_copying_are_read() {
    use crate::sort::{Grouping, SortKey};
    let c = parse("osc52 = false\n[layout]\nlist-sort = \"date\"\nlist-group = \"folder\"\n").unwrap();
    assert_eq!((c.sort, c.group, c.osc52), (SortKey::Date, Grouping::Folder, false));
    let d = parse("").unwrap();
    assert_eq!((d.sort, d.group, d.osc52), (SortKey::Path, Grouping::None, true));
    let e = parse("[layout]\nlist-sort = \"size\"\n").unwrap_err().to_string();
    assert!(e.contains("2:13") && e.contains("unknown variant `size`"), "{e}");
}

#[test]
fn errors_give_the_exact_line_and_column() {
    let cases: &[(&str, &str, &str)] = &[
        // Unknown names, at every level.
        ("thme = \"dark\"\n", "1:1", "unknown field `thme`"),
        ("[layout]\nlist-widht = 30\n", "2:1", "unknown field `list-widht`"),
        ("[parse]\nheadings = []\n", "2:1", "unknown field `headings`"),
        ("[keys]\nquitt = \"q\"\n", "2:1", "unknown action `quitt` in [keys]; did you mean `quit`?"),
        ("[keys]\nsearch = \"/\"\n", "2:1", "did you mean `search-start`?"),
        ("[keys]\nzzzzzzzz = \"/\"\n", "2:1", "unknown action `zzzzzzzz` in [keys] (`triptych config"),
        // Wrong types.
        ("[layout]\nlist-width = \"wide\"\n", "2:14", "invalid type: string \"wide\""),
        ("theme = 3\n", "1:9", "invalid type: integer `3`"),
        ("[keys]\nquit = 3\n", "2:8", "invalid type: integer `3`"),
        ("[layout]\nlist-density = \"dense\"\n", "2:16", "unknown variant `dense`"),
        // Keys that name no key.
        ("[keys]\nquit = [\"q\", \"ctrl-\"]\n", "2:14", "unknown key \"ctrl-\""),
        ("[keys]\n# a comment\nquit = \"ctl-q\"\n", "3:8", "unknown key \"ctl-q\""),
        // Bindings the reader cannot use.
        ("[keys]\nprompt-submit = \"x\"\n", "2:1", "`prompt-submit` cannot be bound here"),
        ("[prompt-keys]\ntop = \"x\"\n", "2:1", "`top` cannot be bound here"),
        ("[keys]\nquit = \"x\"\ndown = [\"j\", \"x\"]\n", "3:14", "key \"x\" is bound twice"),
        // A reader that no key closes.
        ("[keys]\nquit = []\n", "2:1", "`quit` needs at least one key"),
        ("[keys]\ndown = \"j\"\nsearch-start = [\"q\", \"ctrl-c\"]\n", "3:1", "takes the last key of `quit`"),
        // Values out of range.
        ("[layout]\nbody-share = 95\n", "2:14", "body-share (percent) must be from 10 to 90, not 95"),
        ("[layout]\nlist-min-width = 30\nlist-max-width = 25\n", "3:18", "less than list-min-width"),
        ("[layout]\nmax-text-width = 5\n", "2:18", "at least 20"),
        ("[parse]\nsource-prefixes = [\"via:\"]\n", "2:20", "without its colon"),
        // A theme that is neither built in nor a file.
        ("theme = \"sepia\"\n", "1:9", "no theme \"sepia\""),
        // Broken TOML.
        ("[layout\n", "1:8", ""),
    ];
    for &(text, at, message) in cases {
        let (got_at, got) = error(text);
        assert_eq!(got_at, at, "{text:?}: {got}");
        assert!(got.contains(message), "{text:?}: {got:?} should contain {message:?}");
    }
}

#[test]
fn quit_may_move_to_other_keys_but_never_lose_them_all() {
    let config = parse("[keys]\nquit = \"x\"\n").unwrap();
    assert_eq!(config.keys.key_for(Action::Quit).as_deref(), Some("x"));
    // Ctrl-c taken by another action leaves `q`.
    let config = parse("[keys]\ncopy = \"ctrl-c\"\n").unwrap();
    assert_eq!(key(&config, 'q'), Some(Action::Quit));
    // The search prompt keeps Esc to leave it: its own Quit may go.
    parse("[prompt-keys]\nquit = []\n").unwrap();
}

#[test]
fn an_error_shows_the_file_the_line_and_a_caret() {
    let e = parse("[keys]\nquit = [\"q\", \"ctrl-\"]\n").unwrap_err();
    let shown = e.to_string();
    let lines: Vec<&str> = shown.lines().collect();
    assert!(lines[0].starts_with("/cfg/config.toml:2:14: unknown key \"ctrl-\""), "{shown}");
    assert_eq!(lines[1], "  | quit = [\"q\", \"ctrl-\"]");
    assert_eq!(lines[2], "  |              ^");
}

#[test]
fn theme_files_are_found_beside_the_config_and_their_errors_name_them() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::create_dir(dir.path().join("themes")).unwrap();
    std::fs::write(dir.path().join("themes/mine.toml"), "inherits = \"light\"\nheading = { fg = \"red\" }\n")
        .unwrap();
    let c = Config::from_toml("theme = \"mine\"\n", &config).unwrap();
    assert_eq!(c.theme.heading, ratatui::style::Style::new().fg(ratatui::style::Color::Red));
    assert_eq!(c.theme.text, crate::tui::theme::Theme::builtin("light").unwrap().text);
    assert_eq!(c.theme_name, "mine");

    std::fs::write(dir.path().join("bad.toml"), "text = {}\nborder = { fg = \"purplish\" }\n").unwrap();
    let e = Config::from_toml("theme = \"bad.toml\"\n", &config).unwrap_err();
    assert_eq!(e.path, dir.path().join("bad.toml"));
    assert_eq!((e.line, e.column), (Some(2), Some(17)));
    assert!(e.message.contains("unknown colour \"purplish\""), "{}", e.message);
}

#[test]
fn a_named_config_file_must_exist_and_the_default_place_need_not() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.toml");
    let e = Config::load(Some(&missing)).unwrap_err();
    assert_eq!(e.path, missing);
    assert!(e.message.contains("no such file"), "{}", e.message);
    let file = dir.path().join("c.toml");
    std::fs::write(&file, "[keys]\nquit = \"x\"\n").unwrap();
    assert_eq!(key(&Config::load(Some(&file)).unwrap().0, 'x'), Some(Action::Quit));
    assert_eq!(locate(Some(&file)), Some(Location { path: file.clone(), explicit: true }));
}
