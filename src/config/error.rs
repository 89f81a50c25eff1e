//! Config errors name the file, line and column, and show the line with a caret under the spot.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use unicode_width::UnicodeWidthStr;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    /// 1-based line and column (in characters) of the problem, when it has a place.
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
    /// The line the problem is on, for the caret.
    pub source_line: Option<String>,
}

impl ConfigError {
    /// A problem at byte range `span` of `text` (the whole file when `None`).
    pub fn at(path: &Path, text: &str, span: Option<Range<usize>>, message: impl Into<String>) -> Self {
        let mut e = ConfigError {
            path: path.to_path_buf(),
            line: None,
            column: None,
            message: message.into(),
            source_line: None,
        };
        if let Some(span) = span {
            let start = floor_char_boundary(text, span.start.min(text.len()));
            let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
            let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
            e.line = Some(text[..start].matches('\n').count() + 1);
            e.column = Some(text[line_start..start].chars().count() + 1);
            // Tabs shown as one space each, so the caret lines up with the column counted.
            e.source_line = Some(text[line_start..line_end].trim_end_matches('\r').replace('\t', " "));
        }
        e
    }

    /// A file that could not be read.
    pub fn io(path: &Path, e: &std::io::Error) -> Self {
        let message = match e.kind() {
            std::io::ErrorKind::NotFound => "no such file".to_string(),
            std::io::ErrorKind::InvalidData => "cannot read: not UTF-8 text".to_string(),
            _ => format!("cannot read: {e}"),
        };
        ConfigError { path: path.to_path_buf(), line: None, column: None, message, source_line: None }
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let (Some(line), Some(column)) = (self.line, self.column) {
            write!(f, ":{line}:{column}")?;
        }
        write!(f, ": {}", self.message)?;
        if let (Some(src), Some(column)) = (&self.source_line, self.column) {
            let pad = " ".repeat(src.chars().take(column - 1).map(|c| c.to_string().width()).sum());
            write!(f, "\n  | {src}\n  | {pad}^")?;
        }
        Ok(())
    }
}

impl std::error::Error for ConfigError {}
