//! Styles: every colour the reader draws comes from a `Theme`, and themes are TOML files
//! (`assets/themes/*.toml`, embedded; or a user's file). Drawing code names a role
//! (`theme.heading`), never a colour. With `NO_COLOR` set, the monochrome theme wins.

use std::ops::Range;
use std::str::FromStr;
use std::sync::OnceLock;

use ratatui::style::{Color, Modifier, Style};
use serde::de::{self, Deserializer};
use serde::Deserialize;
use toml::Spanned;

/// The built-in themes, by name: what `theme = "NAME"` in config.toml picks.
pub const BUILTIN: &[(&str, &str)] = &[
    ("dark", include_str!("../../assets/themes/dark.toml")),
    ("light", include_str!("../../assets/themes/light.toml")),
    ("high-contrast", include_str!("../../assets/themes/high-contrast.toml")),
    ("monochrome", include_str!("../../assets/themes/monochrome.toml")),
];

/// Declares the theme's roles once: the `Theme` the view reads and the `ThemeFile` a TOML
/// theme deserialises into (every role optional there, filled from the inherited theme).
macro_rules! roles {
    ($($(#[$doc:meta])* $role:ident),* $(,)?) => {
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct Theme {
            $($(#[$doc])* pub $role: Style,)*
        }

        impl Theme {
            /// Every role unstyled: what a theme file without `inherits` starts from.
            pub fn plain() -> Theme {
                Theme { $($role: Style::new(),)* }
            }

            /// Every role's style, in declaration order.
            pub fn styles(&self) -> Vec<Style> {
                vec![$(self.$role,)*]
            }
        }

        /// A theme as written in TOML: kebab-case role names, unknown names refused.
        #[derive(Debug, Default, Deserialize)]
        #[serde(deny_unknown_fields, rename_all = "kebab-case")]
        pub struct ThemeFile {
            /// A built-in theme this one starts from (user themes; default: none).
            pub inherits: Option<Spanned<String>>,
            $(pub $role: Option<StyleSpec>,)*
        }

        impl ThemeFile {
            fn apply(self, theme: &mut Theme) {
                $(if let Some(spec) = self.$role {
                    theme.$role = spec.style();
                })*
            }

            /// Roles the file leaves out.
            pub fn missing(&self) -> Vec<&'static str> {
                let mut out = Vec::new();
                $(if self.$role.is_none() {
                    out.push(stringify!($role));
                })*
                out
            }
        }
    };
}

roles! {
    /// Text in the panes, and the background of the whole screen.
    text,
    border,
    border_focused,
    heading,
    dim,
    selected,
    selected_unfocused,
    /// The `◆` before articles that have an insight section.
    marker,
    /// Titles of articles not read yet.
    unread,
    /// The star before a starred article's second row.
    star,
    status,
    status_key,
    /// Search matches, and the one `n`/`N` reached.
    matched,
    current_match,
    /// Compare mode: the statement under the cursor, strong and weak links, facts no claim
    /// uses, and claims nothing supports.
    cmp_current,
    cmp_strong,
    cmp_weak,
    cmp_uncovered,
    cmp_unsupported,
}

/// One role's style in TOML: `{ fg = "cyan", bg = "black", modifiers = ["bold"] }`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StyleSpec {
    fg: Option<Colour>,
    bg: Option<Colour>,
    #[serde(default)]
    modifiers: Vec<Modifiers>,
}

impl StyleSpec {
    fn style(&self) -> Style {
        let mut style = Style::new();
        if let Some(c) = self.fg {
            style = style.fg(c.0);
        }
        if let Some(c) = self.bg {
            style = style.bg(c.0);
        }
        self.modifiers.iter().fold(style, |s, m| s.add_modifier(m.0))
    }
}

#[derive(Debug, Clone, Copy)]
struct Colour(Color);

impl<'de> Deserialize<'de> for Colour {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Color::from_str(&s).map(Colour).map_err(|_| {
            de::Error::custom(format!(
                "unknown colour {s:?}: expected a name (black, red, green, yellow, blue, magenta, \
                 cyan, gray, dark-gray, light-red, ..., white, reset), a palette index (0-255) or #rrggbb"
            ))
        })
    }
}

#[derive(Debug, Clone, Copy)]
struct Modifiers(Modifier);

impl<'de> Deserialize<'de> for Modifiers {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        let m = match s.as_str() {
            "bold" => Modifier::BOLD,
            "dim" => Modifier::DIM,
            "italic" => Modifier::ITALIC,
            "underlined" => Modifier::UNDERLINED,
            "reversed" => Modifier::REVERSED,
            "crossed-out" => Modifier::CROSSED_OUT,
            _ => {
                return Err(de::Error::custom(format!(
                    "unknown modifier {s:?}: expected bold, dim, italic, underlined, reversed or crossed-out"
                )))
            }
        };
        Ok(Modifiers(m))
    }
}

/// A problem in a theme file: the message and the byte range it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeError {
    pub message: String,
    pub span: Option<Range<usize>>,
}

impl Theme {
    /// Reads a theme from TOML text: the roles it sets over the theme it inherits.
    pub fn from_toml(text: &str) -> Result<Theme, ThemeError> {
        let file: ThemeFile = toml::from_str(text)
            .map_err(|e| ThemeError { message: e.message().to_string(), span: e.span() })?;
        let mut theme = match &file.inherits {
            None => Theme::plain(),
            Some(name) => Theme::builtin(name.get_ref()).ok_or_else(|| ThemeError {
                message: format!("no built-in theme {:?} to inherit (there are {})", name.get_ref(), names()),
                span: Some(name.span()),
            })?,
        };
        file.apply(&mut theme);
        Ok(theme)
    }

    /// A built-in theme by name (`dark`, `light`, `high-contrast`, `monochrome`).
    pub fn builtin(name: &str) -> Option<Theme> {
        static PARSED: OnceLock<Vec<(&str, Theme)>> = OnceLock::new();
        let parsed = PARSED.get_or_init(|| {
            BUILTIN
                .iter()
                // Each built-in is checked by a test to parse and set every role.
                .map(|&(name, text)| (name, Theme::from_toml(text).unwrap_or_else(|_| Theme::plain())))
                .collect()
        });
        parsed.iter().find(|(n, _)| *n == name).map(|(_, t)| t.clone())
    }

    /// The default theme (`dark`).
    pub fn dark() -> Self {
        Theme::builtin("dark").unwrap_or_else(Theme::plain)
    }

    /// No colours, only modifiers.
    pub fn monochrome() -> Self {
        Theme::builtin("monochrome").unwrap_or_else(Theme::plain)
    }

    /// `theme` unless the `NO_COLOR` environment variable is set to something non-empty.
    pub fn unless_no_color(theme: Theme) -> Self {
        match std::env::var_os("NO_COLOR") {
            Some(v) if !v.is_empty() => Theme::monochrome(),
            _ => theme,
        }
    }
}

impl Default for Theme {
    fn default() -> Self {
        Theme::dark()
    }
}

/// The built-in theme names, for messages.
pub fn names() -> String {
    BUILTIN.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_theme_parses_and_sets_every_role() {
        for &(name, text) in BUILTIN {
            let file: ThemeFile = toml::from_str(text).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(file.missing().is_empty(), "{name} leaves out {:?}", file.missing());
            assert!(Theme::from_toml(text).is_ok(), "{name}");
        }
        let dark = Theme::dark();
        assert_eq!(dark.selected, Style::new().fg(Color::Black).bg(Color::Cyan));
        assert_eq!(
            dark.current_match,
            Style::new().fg(Color::Black).bg(Color::LightRed).add_modifier(Modifier::BOLD)
        );
        assert_eq!(Theme::builtin("light").unwrap().text, Style::new().fg(Color::Black).bg(Color::White));
    }

    #[test]
    fn no_builtin_theme_but_monochrome_is_colourless_and_monochrome_is() {
        let colours = |t: &Theme| t.styles().iter().any(|s| s.fg.is_some() || s.bg.is_some());
        assert!(!colours(&Theme::monochrome()));
        for name in ["dark", "light", "high-contrast"] {
            assert!(colours(&Theme::builtin(name).unwrap()), "{name}");
        }
    }

    #[test]
    fn a_user_theme_inherits_and_overrides() {
        let t = Theme::from_toml(
            "inherits = \"dark\"\nheading = { fg = \"#ff8800\", modifiers = [\"italic\"] }\n",
        )
        .unwrap();
        assert_eq!(t.heading, Style::new().fg(Color::Rgb(0xff, 0x88, 0)).add_modifier(Modifier::ITALIC));
        assert_eq!(t.selected, Theme::dark().selected);
        let e = Theme::from_toml("heading = { fg = \"mauve\" }\n").unwrap_err();
        assert!(e.message.contains("unknown colour \"mauve\""), "{e:?}");
        assert_eq!(e.span, Some(17..24));
        let e = Theme::from_toml("headline = {}\n").unwrap_err();
        assert!(e.message.contains("unknown field `headline`"), "{e:?}");
        let e = Theme::from_toml("inherits = \"sepia\"\n").unwrap_err();
        assert_eq!(e.span, Some(11..18));
    }
}
