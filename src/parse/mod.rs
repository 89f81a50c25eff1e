//! Parsers: decoded text in, articles out. One module per format.
//! Parsers never touch the file system and never panic; errors carry the line where known.
//! Ids, paths and sanitising are the loader's job, not theirs.

pub mod heading;
pub mod json;
pub mod markdown;
pub mod seed;

use std::path::Path;

use crate::{Article, Format, ParseError};

/// What a parser produced: the articles and any per-record problems it stepped over.
#[derive(Debug, Default)]
pub struct Parsed {
    pub articles: Vec<Article>,
    /// Problems that did not stop the file from loading (e.g. one bad JSONL line).
    pub warnings: Vec<String>,
}

impl From<Vec<Article>> for Parsed {
    fn from(articles: Vec<Article>) -> Self {
        Parsed { articles, warnings: Vec::new() }
    }
}

/// Parses `text` as `format`.
pub fn parse(format: Format, text: &str) -> Result<Parsed, ParseError> {
    match format {
        Format::Seed => seed::parse(text).map(|a| vec![a].into()),
        Format::Markdown => markdown::parse(text).map(Parsed::from),
        Format::Json => json::parse_json(text).map(Parsed::from),
        Format::Jsonl => json::parse_jsonl(text),
    }
}

/// The format a file name implies, or `None` for files the loader does not read.
pub fn format_for_path(path: &Path) -> Option<Format> {
    match path.extension()?.to_str()? {
        "txt" | "text" => Some(Format::Seed),
        "md" | "markdown" => Some(Format::Markdown),
        "json" => Some(Format::Json),
        "jsonl" | "ndjson" => Some(Format::Jsonl),
        _ => None,
    }
}
