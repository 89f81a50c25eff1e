//! config.toml: the user's keys, theme, pane widths, list density, text width and extra parse
//! rules, merged over the defaults. Read once at start; the rest of the program gets a plain
//! [`Config`]. A file that says something this module cannot use is an error with the file,
//! line and column — never a silent fallback. This module never writes files.

mod error;
mod file;

use std::path::{Path, PathBuf};

pub use error::ConfigError;

use crate::parse::ParseOptions;
use crate::sort::{Grouping, SortKey};
use crate::tui::app::Density;
use crate::tui::keymap::KeyMap;
use crate::tui::layout::Widths;
use crate::tui::theme::Theme;

/// The documented default file: what `triptych config --default` prints. A test checks that
/// it parses into exactly [`Config::default`].
pub const DEFAULT_TOML: &str = include_str!("../../assets/config.toml");

/// The environment variable naming a config file (after `--config`, before the default place).
pub const ENV: &str = "TRIPTYCH_CONFIG";

#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// What `theme =` said (`dark`, or a theme file's name or path).
    pub theme_name: String,
    pub theme: Theme,
    pub widths: Widths,
    pub density: Density,
    /// The list's order and grouping when the reader starts (`S` and `z` change them).
    pub sort: SortKey,
    pub group: Grouping,
    /// Whether `y` may write to the terminal's clipboard with OSC 52.
    pub osc52: bool,
    /// The longest line of body or insight text, in columns; `None`: the pane's width.
    pub max_text_width: Option<u16>,
    pub keys: KeyMap,
    pub parse: ParseOptions,
    /// Compare mode flags claims whose linked fact states another number or the opposite
    /// change or decision (on by default; the README gives its precision).
    pub conflicts: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            theme_name: "dark".to_string(),
            theme: Theme::dark(),
            widths: Widths::default(),
            density: Density::default(),
            sort: SortKey::default(),
            group: Grouping::default(),
            osc52: true,
            max_text_width: None,
            keys: KeyMap::default(),
            parse: ParseOptions::default(),
            conflicts: true,
        }
    }
}

/// Where the config file is read from, and whether the user named it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub path: PathBuf,
    /// Named by `--config` or `TRIPTYCH_CONFIG`: it must exist.
    pub explicit: bool,
}

/// `--config FILE`, else `$TRIPTYCH_CONFIG`, else config.toml in the platform config
/// directory (`~/.config/triptych/config.toml` on Linux); `None` when there is no such directory.
pub fn locate(flag: Option<&Path>) -> Option<Location> {
    if let Some(p) = flag {
        return Some(Location { path: p.to_path_buf(), explicit: true });
    }
    if let Some(p) = std::env::var_os(ENV).filter(|p| !p.is_empty()) {
        return Some(Location { path: PathBuf::from(p), explicit: true });
    }
    let dirs = directories::ProjectDirs::from("", "", "triptych")?;
    Some(Location { path: dirs.config_dir().join("config.toml"), explicit: false })
}

impl Config {
    /// Reads the config file `locate(flag)` names. No file in the default place means the
    /// defaults; a file named by `--config` or `TRIPTYCH_CONFIG` must exist and be readable.
    /// A file in the default place that cannot be read (a home folder the user cannot enter)
    /// gives the defaults and a warning to print; a file that is read must be right.
    pub fn load(flag: Option<&Path>) -> Result<(Config, Option<ConfigError>), ConfigError> {
        let Some(location) = locate(flag) else {
            return Ok((Config::default(), None));
        };
        let path = &location.path;
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !location.explicit => {
                return Ok((Config::default(), None))
            }
            // A file that is there but is not text was read, and is wrong: an error as any
            // other mistake in it is, not a warning.
            Err(e) if !location.explicit && e.kind() != std::io::ErrorKind::InvalidData => {
                return Ok((Config::default(), Some(ConfigError::io(path, &e))))
            }
            Err(e) => return Err(ConfigError::io(path, &e)),
        };
        Config::from_toml(&text, path).map(|c| (c, None))
    }

    /// Parses config text; `path` names the file in errors, and its folder is where theme
    /// files are looked for.
    pub fn from_toml(text: &str, path: &Path) -> Result<Config, ConfigError> {
        file::parse(text, path)
    }
}

#[cfg(test)]
mod tests;
