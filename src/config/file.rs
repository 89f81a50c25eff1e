//! The TOML form of config.toml, and how it is merged over the defaults. Every table refuses
//! names it does not know; values the types accept but the reader cannot use (a list wider
//! than its bounds, a key bound twice) are refused here, at their place in the file.

use std::fmt;
use std::marker::PhantomData;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use toml::Spanned;

use super::{Config, ConfigError};
use crate::parse::ParseOptions;
use crate::sort::{Grouping, SortKey};
use crate::tui::action::Action;
use crate::tui::app::Density;
use crate::tui::keymap::{Chord, KeyMap, Table};
use crate::tui::theme::{self, Theme};

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct File {
    theme: Option<Spanned<String>>,
    osc52: Option<bool>,
    #[serde(default)]
    layout: LayoutFile,
    #[serde(default)]
    keys: Bindings,
    #[serde(default)]
    prompt_keys: Bindings,
    #[serde(default)]
    parse: ParseFile,
    #[serde(default)]
    compare: CompareFile,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct CompareFile {
    conflicts: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct LayoutFile {
    list_width: Option<Spanned<u16>>,
    list_min_width: Option<Spanned<u16>>,
    list_max_width: Option<Spanned<u16>>,
    body_share: Option<Spanned<u16>>,
    list_density: Option<Density>,
    list_sort: Option<SortKey>,
    list_group: Option<Grouping>,
    max_text_width: Option<Spanned<u16>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ParseFile {
    #[serde(default)]
    insight_headings: Vec<Spanned<String>>,
    #[serde(default)]
    source_prefixes: Vec<Spanned<String>>,
}

/// A `[keys]` table: action name → one key or a list of keys. Names are read by [`bind`],
/// which can suggest the action meant.
#[derive(Debug, Default)]
struct Bindings(Vec<(Spanned<String>, Spanned<Keys>)>);

/// The keys given for one action as written, each with its place when written in a list (a
/// single string's place is the value's). Read into chords by [`bind`], which can point at
/// the one that is wrong.
#[derive(Debug)]
struct Keys(Vec<(String, Option<Range<usize>>)>);

impl<'de> Deserialize<'de> for Bindings {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Bindings;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a table of action = key or action = [keys]")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Bindings, M::Error> {
                let mut out = Vec::new();
                while let Some(action) = map.next_key::<Spanned<String>>()? {
                    out.push((action, map.next_value()?));
                }
                Ok(Bindings(out))
            }
        }
        d.deserialize_map(V)
    }
}

impl<'de> Deserialize<'de> for Keys {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V(PhantomData<Keys>);
        impl<'de> Visitor<'de> for V {
            type Value = Keys;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a key (\"ctrl-d\") or a list of keys ([\"j\", \"down\"])")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Keys, E> {
                Ok(Keys(vec![(s.to_string(), None)]))
            }
            fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Keys, S::Error> {
                let mut out = Vec::new();
                while let Some(key) = seq.next_element::<Spanned<String>>()? {
                    let span = key.span();
                    out.push((key.into_inner(), Some(span)));
                }
                Ok(Keys(out))
            }
        }
        d.deserialize_any(V(PhantomData))
    }
}

/// Parses `text` (the file at `path`) and merges it over the defaults.
pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
    let file: File = toml::from_str(text).map_err(|e| ConfigError::at(path, text, e.span(), e.message()))?;
    let at = |span: Range<usize>, message: String| ConfigError::at(path, text, Some(span), message);
    let mut config = Config::default();

    if let Some(name) = &file.theme {
        config.theme = load_theme(name, path, text)?;
        config.theme_name = name.get_ref().clone();
    }

    let l = &file.layout;
    let w = &mut config.widths;
    let number = |v: &Option<Spanned<u16>>, default: u16, range: Range<u16>, what: &str| match v {
        None => Ok(default),
        Some(v) if range.contains(v.get_ref()) => Ok(*v.get_ref()),
        Some(v) => Err(at(
            v.span(),
            format!("{what} must be from {} to {}, not {}", range.start, range.end - 1, v.get_ref()),
        )),
    };
    w.list_percent = number(&l.list_width, w.list_percent, 5..81, "list-width (percent)")?;
    w.list_min = number(&l.list_min_width, w.list_min, 5..501, "list-min-width")?;
    w.list_max = number(&l.list_max_width, w.list_max, 5..501, "list-max-width")?;
    if w.list_max < w.list_min {
        let span = l.list_max_width.as_ref().or(l.list_min_width.as_ref()).map_or(0..0, Spanned::span);
        return Err(at(
            span,
            format!("list-max-width ({}) is less than list-min-width ({})", w.list_max, w.list_min),
        ));
    }
    w.body_share = number(&l.body_share, w.body_share, 10..91, "body-share (percent)")?;
    if let Some(d) = l.list_density {
        config.density = d;
    }
    config.sort = l.list_sort.unwrap_or(config.sort);
    config.group = l.list_group.unwrap_or(config.group);
    config.osc52 = file.osc52.unwrap_or(config.osc52);
    config.conflicts = file.compare.conflicts.unwrap_or(config.conflicts);
    config.max_text_width = match number(&l.max_text_width, 0, 0..10_001, "max-text-width")? {
        0 => None,
        n if n < 20 => {
            let span = l.max_text_width.as_ref().map_or(0..0, Spanned::span);
            return Err(at(
                span,
                format!("max-text-width must be 0 (the pane's width) or at least 20, not {n}"),
            ));
        }
        n => Some(n),
    };

    bind(&mut config.keys, Table::Reader, &file.keys, text, path)?;
    bind(&mut config.keys, Table::Prompt, &file.prompt_keys, text, path)?;

    let p = &file.parse;
    for s in p.insight_headings.iter().chain(&p.source_prefixes) {
        if s.get_ref().trim().is_empty() {
            return Err(at(s.span(), "an empty heading or prefix would match everything".to_string()));
        }
    }
    for s in &p.source_prefixes {
        if s.get_ref().contains([':', '：']) {
            return Err(at(
                s.span(),
                "write a source prefix without its colon (\"via\" reads `Via: X`)".into(),
            ));
        }
    }
    config.parse = ParseOptions::new(
        p.insight_headings.iter().map(|s| s.get_ref().as_str()),
        p.source_prefixes.iter().map(|s| s.get_ref().as_str()),
    );
    Ok(config)
}

/// Applies one keys table: each action gets exactly the keys given. A key given to two
/// actions of the same table, or an action the table does not have, is an error.
fn bind(
    keymap: &mut KeyMap,
    table: Table,
    bindings: &Bindings,
    text: &str,
    path: &Path,
) -> Result<(), ConfigError> {
    let at = |span: Range<usize>, message: String| ConfigError::at(path, text, Some(span), message);
    let mut seen: Vec<(Chord, String)> = Vec::new();
    // In file order (the table may be handed over sorted), so a clash points at the later key.
    let mut in_order: Vec<_> = bindings.0.iter().collect();
    in_order.sort_by_key(|(action, _)| action.span().start);
    for (name, keys) in in_order {
        let (name, span) = (name.get_ref().clone(), name.span());
        let action = Action::deserialize(de::value::StrDeserializer::<de::value::Error>::new(&name))
            .map_err(|_| at(span.clone(), unknown_action(&name, table)))?;
        if !KeyMap::bindable(table, action) {
            let hint = match table {
                Table::Reader => "it works in the search prompt: bind it under [prompt-keys]",
                Table::Prompt => "it works outside the search prompt: bind it under [keys]",
            };
            return Err(at(span, format!("`{name}` cannot be bound here; {hint}")));
        }
        let mut chords = Vec::new();
        for (written, span) in &keys.get_ref().0 {
            let span = span.clone().unwrap_or(keys.span());
            let chord = Chord::deserialize(de::value::StrDeserializer::<de::value::Error>::new(written))
                .map_err(|e| at(span.clone(), e.to_string()))?;
            if let Some((_, other)) = seen.iter().find(|(c, _)| *c == chord) {
                return Err(at(
                    span,
                    format!("key \"{chord}\" is bound twice in this table: to `{other}` and to `{name}`"),
                ));
            }
            seen.push((chord, name.clone()));
            chords.push(chord);
        }
        keymap.bind(table, action, &chords);
        // A reader nothing can close would have to be killed from another terminal.
        if table == Table::Reader && keymap.key_for(Action::Quit).is_none() {
            let message = if action == Action::Quit {
                "`quit` needs at least one key, or the reader could not be closed".to_string()
            } else {
                format!("`{name}` takes the last key of `quit`; give `quit` another key so the reader can be closed")
            };
            return Err(at(span, message));
        }
    }
    Ok(())
}

/// "unknown action", with the closest action name of `table` when one is close: the names
/// are those the documented default file binds.
fn unknown_action(name: &str, table: Table) -> String {
    let section = match table {
        Table::Reader => "keys",
        Table::Prompt => "prompt-keys",
    };
    let defaults: toml::Table = toml::from_str(super::DEFAULT_TOML).unwrap_or_default();
    let names: Vec<String> =
        defaults.get(section).and_then(|t| t.as_table()).map_or(Vec::new(), |t| t.keys().cloned().collect());
    let closest = names
        .iter()
        .map(|n| {
            // A prefix ("search" for "search-start") counts as close as a typo.
            let d = if n.starts_with(name) && name.len() >= 3 { 1 } else { strsim::levenshtein(name, n) };
            (d, n)
        })
        .min()
        .filter(|(d, _)| *d <= 3);
    let hint = match closest {
        Some((_, n)) => format!("; did you mean `{n}`?"),
        None => String::new(),
    };
    format!("unknown action `{name}` in [{section}]{hint} (`triptych config --default` lists every action)")
}

/// A built-in theme, or a theme file: `NAME` looks for `themes/NAME.toml` beside config.toml;
/// a value ending in `.toml` or holding a `/` is a path (relative to config.toml's folder).
/// `Err(Ok(e))` is an error inside the theme file; `Err(Err(message))` one about the name.
/// A built-in theme or a theme file beside the config (`config_text` locates a missing one's
/// name in the config for the error).
fn load_theme(name: &Spanned<String>, config_path: &Path, config_text: &str) -> Result<Theme, ConfigError> {
    let span = name.span();
    let name = name.get_ref();
    if let Some(t) = Theme::builtin(name) {
        return Ok(t);
    }
    let dir = config_path.parent().unwrap_or(Path::new("."));
    let file = if name.ends_with(".toml") || name.contains('/') {
        dir.join(expand_home(name))
    } else {
        dir.join("themes").join(format!("{name}.toml"))
    };
    match std::fs::read_to_string(&file) {
        Ok(text) => Theme::from_toml(&text).map_err(|e| ConfigError::at(&file, &text, e.span, e.message)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let message = format!(
                "no theme {name:?}: the built-in themes are {}, and there is no theme file {}",
                theme::names(),
                file.display()
            );
            Err(ConfigError::at(config_path, config_text, Some(span), message))
        }
        Err(e) => Err(ConfigError::io(&file, &e)),
    }
}

fn expand_home(path: &str) -> PathBuf {
    match path.strip_prefix("~/").zip(directories::BaseDirs::new()) {
        Some((rest, dirs)) => dirs.home_dir().join(rest),
        None => PathBuf::from(path),
    }
}
