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
    /// Problems that did not stop the file from loading (e.g. one bad JSONL line): the first
    /// [`MAX_FILE_WARNINGS`] of them.
    pub warnings: Vec<String>,
    /// How many more problems there were; counted, not kept, so a file of a million bad lines
    /// costs no more memory than a file of five.
    pub more_warnings: usize,
    /// Articles (by index) that name no title of their own — a Markdown file with neither a
    /// front matter `title` nor a `# ` heading: the loader titles them with the file's name.
    pub untitled: Vec<usize>,
}

/// An untitled article is named by the start of its text, cut at a word near this many chars.
pub const UNTITLED_CHARS: usize = 80;

/// A title for an article that has none (a feed item without one, a JSON article whose title
/// is empty): the start of its first paragraph that is not blank, on one line, without `[N]`
/// reference marks, cut at a word. `None` when every paragraph is blank.
pub fn title_from_text(paragraphs: &[String]) -> Option<String> {
    let first = paragraphs.iter().find(|p| !p.trim().is_empty())?;
    let first = first.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut plain = String::with_capacity(first.len());
    let mut rest = first.as_str();
    // Drop `[N]` reference marks.
    while let Some(open) = rest.find('[') {
        plain.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find(']') {
            Some(close) if after[..close].chars().all(|c| c.is_ascii_digit()) && close > 0 => {
                rest = &after[close + 1..]
            }
            _ => {
                plain.push('[');
                rest = after;
            }
        }
    }
    plain.push_str(rest);
    if plain.chars().count() <= UNTITLED_CHARS {
        return Some(plain);
    }
    let cut: String = plain.chars().take(UNTITLED_CHARS).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    Some(format!("{}…", cut.trim_end()))
}

/// Problems kept per file; the rest are counted.
pub const MAX_FILE_WARNINGS: usize = 5;

impl Parsed {
    pub fn warn(&mut self, message: impl FnOnce() -> String) {
        if self.warnings.len() < MAX_FILE_WARNINGS {
            self.warnings.push(message());
        } else {
            self.more_warnings += 1;
        }
    }
}

impl From<Vec<Article>> for Parsed {
    fn from(articles: Vec<Article>) -> Self {
        Parsed { articles, ..Default::default() }
    }
}

/// What the user adds to the built-in rules (config.toml `[parse]`): more insight headings
/// and more source-line prefixes, for the seed and Markdown formats. Kept lower-case.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct ParseOptions {
    /// Heading endings, matched like the built-in ones: "bottom line" makes "The Bottom Line"
    /// an insight heading.
    pub insight_headings: Vec<String>,
    /// Words that start a source line before a colon ("via" reads `Via: Reuters`).
    pub source_prefixes: Vec<String>,
}

impl ParseOptions {
    pub fn new<S: AsRef<str>>(
        headings: impl IntoIterator<Item = S>,
        prefixes: impl IntoIterator<Item = S>,
    ) -> Self {
        let lower = |s: S| s.as_ref().trim().to_lowercase().replace('’', "'");
        ParseOptions {
            insight_headings: headings.into_iter().map(lower).filter(|s| !s.is_empty()).collect(),
            source_prefixes: prefixes.into_iter().map(lower).filter(|s| !s.is_empty()).collect(),
        }
    }

    /// Identifies the options in the parse cache: a parse made with other options is not reused.
    pub fn fingerprint(&self) -> String {
        if *self == ParseOptions::default() {
            return String::new();
        }
        format!("{:016x}", xxhash_rust::xxh3::xxh3_64(format!("{self:?}").as_bytes()))
    }
}

/// Parses `text` as `format` with the built-in rules.
pub fn parse(format: Format, text: &str) -> Result<Parsed, ParseError> {
    parse_with(format, text, &ParseOptions::default())
}

/// Parses `text` as `format`, with the user's extra headings and prefixes.
pub fn parse_with(format: Format, text: &str, opts: &ParseOptions) -> Result<Parsed, ParseError> {
    check_density(format, text)?;
    match format {
        Format::Seed => seed::parse_with(text, opts).map(|a| vec![a].into()),
        Format::Markdown => markdown::parse_with(text, opts),
        Format::Json => json::parse_json(text),
        Format::Jsonl => json::parse_jsonl(text),
        Format::Feed => crate::feed::parse(text.as_bytes(), opts),
    }
}

/// The format a file name implies, or `None` for files the loader does not read.
pub fn format_for_path(path: &Path) -> Option<Format> {
    format_for_extension(path.extension()?.to_str()?)
}

/// The format a file's extension (without the dot) implies.
pub fn format_for_extension(extension: &str) -> Option<Format> {
    match extension {
        "txt" | "text" => Some(Format::Seed),
        "md" | "markdown" => Some(Format::Markdown),
        "json" => Some(Format::Json),
        "jsonl" | "ndjson" => Some(Format::Jsonl),
        "xml" | "rss" | "atom" | "rdf" => Some(Format::Feed),
        _ => None,
    }
}

/// Files up to this size are parsed whatever they hold: their cost is small in absolute terms.
pub const DENSITY_FREE_BYTES: usize = 1 << 20;

/// Above [`DENSITY_FREE_BYTES`], a file may hold at most one unit of structure per this many
/// bytes. A unit is a structural character (a line break, a bracket, a separator), each of
/// which can become a paragraph, a list item or a parser node costing tens of bytes; this keeps
/// the memory a file costs within 4x of its size (50 MB of `[` or of one-character lines would
/// otherwise cost gigabytes). Markdown's parser spends more per node.
pub fn bytes_per_structure(format: Format) -> usize {
    match format {
        Format::Markdown => 64,
        Format::Seed => 32,
        Format::Json | Format::Jsonl => 20,
        // Feeds have their own size and nesting limits (feed::MAX_FEED_BYTES, MAX_DEPTH).
        Format::Feed => 1,
    }
}

/// The characters that count as structure in `format`, and how many units each costs. In
/// JSON only separators and objects count, so pretty-printing (one field a line) costs
/// nothing, and an object (an article, about 500 bytes in memory) counts as ten.
fn structure(format: Format) -> &'static [(u8, usize)] {
    match format {
        Format::Seed => &[(b'\n', 1)],
        Format::Markdown => &[
            (b'\n', 1),
            (b'[', 1),
            (b']', 1),
            (b'*', 1),
            (b'_', 1),
            (b'`', 1),
            (b'<', 1),
            (b'>', 1),
            (b'!', 1),
            (b'&', 1),
            (b'\\', 1),
            (b',', 1),
            (b'{', 1),
            (b'}', 1),
        ],
        Format::Json | Format::Jsonl => &[(b',', 1), (b'{', 10)],
        Format::Feed => &[],
    }
}

/// Refuses a large file so dense with structure that parsing it would cost many times its size.
fn check_density(format: Format, text: &str) -> Result<(), ParseError> {
    if text.len() <= DENSITY_FREE_BYTES {
        return Ok(());
    }
    // memchr's vectorised search: this scan runs over every large file.
    let units: usize = structure(format)
        .iter()
        .map(|&(b, weight)| memchr::memchr_iter(b, text.as_bytes()).count() * weight)
        .sum();
    let per = bytes_per_structure(format);
    if units > text.len() / per {
        let what = match format {
            Format::Json | Format::Jsonl => "separators and objects (an object counts as 10)",
            _ => "line breaks, brackets and separators",
        };
        return Err(ParseError::Invalid(format!(
            "too dense to load safely: {units} {what} in {} bytes would cost more than 4 times its \
             size in memory (files over {DENSITY_FREE_BYTES} bytes may hold at most one per {per} bytes)",
            text.len()
        )));
    }
    Ok(())
}
