//! Markdown articles: optional YAML (`---`) or TOML (`+++`) front matter, `# Title`, and a
//! level-2 insight heading ("## Why it matters") that starts the insight section. Inline markup
//! is reduced to plain text; link targets are kept in `links`. A file may hold several articles,
//! each starting with front matter whose first key is `id` or `title` (what `export --format md`
//! writes).

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::heading::{insight_heading, source_line};
use super::{ParseOptions, Parsed};
use crate::{Article, Format, ParseError};

/// Parses with the built-in headings and source prefixes.
pub fn parse(text: &str) -> Result<Parsed, ParseError> {
    parse_with(text, &ParseOptions::default())
}

pub fn parse_with(text: &str, opts: &ParseOptions) -> Result<Parsed, ParseError> {
    let docs = split_documents(text);
    let several = docs.len() > 1;
    let mut out = Parsed::default();
    let mut first_error = None;
    for (first_line, doc) in docs {
        if doc.trim().is_empty() {
            continue;
        }
        match parse_one(doc, first_line, opts) {
            Ok((a, titled)) => {
                if !titled {
                    out.untitled.push(out.articles.len());
                }
                out.articles.push(a);
            }
            // One bad article of several is a warning; the others load.
            Err(e) if several => {
                out.warn(|| format!("article at line {}: {e}", first_line + 1));
                first_error.get_or_insert(e);
            }
            Err(e) => return Err(e),
        }
    }
    if out.articles.is_empty() {
        return Err(first_error.unwrap_or(ParseError::Empty));
    }
    Ok(out)
}

/// Splits at `---` lines that open a new article's front matter, outside code fences (a code
/// block may show front matter as an example). Returns (first line number, text).
fn split_documents(text: &str) -> Vec<(usize, &str)> {
    let mut starts = vec![(0usize, 0usize)];
    let mut offset = 0;
    let mut fence: Option<(char, usize)> = None;
    let mut lines = text.split_inclusive('\n').enumerate().peekable();
    while let Some((n, line)) = lines.next() {
        match (fence, code_fence(line)) {
            (None, Some(open)) => fence = Some(open),
            (Some((c, len)), Some((d, l))) if c == d && l >= len && line.trim()[l..].is_empty() => {
                fence = None
            }
            _ => {}
        }
        let opens = fence.is_none()
            && line.trim_end() == "---"
            && n > 0
            && lines.peek().is_some_and(|(_, next)| next.starts_with("id:") || next.starts_with("title:"));
        if opens {
            starts.push((n, offset));
        }
        offset += line.len();
    }
    let mut docs = Vec::with_capacity(starts.len());
    for (i, &(line, start)) in starts.iter().enumerate() {
        let end = starts.get(i + 1).map_or(text.len(), |s| s.1);
        docs.push((line, &text[start..end]));
    }
    docs
}

/// A CommonMark code fence line (at most three spaces, then three or more backticks or
/// tildes): its character and length.
fn code_fence(line: &str) -> Option<(char, usize)> {
    let trimmed = line.trim_start_matches(' ');
    if line.len() - trimmed.len() > 3 {
        return None;
    }
    let c = trimmed.chars().next().filter(|c| matches!(c, '`' | '~'))?;
    let len = trimmed.chars().take_while(|&d| d == c).count();
    (len >= 3).then_some((c, len))
}

/// One article, and whether it names its own title (front matter `title`, even empty, or a
/// leading `# ` heading); without one the loader uses the file's name.
fn parse_one(doc: &str, first_line: usize, opts: &ParseOptions) -> Result<(Article, bool), ParseError> {
    let mut a = Article { format: Format::Markdown, ..Default::default() };
    let (body, declared) = front_matter::apply(doc, first_line, &mut a)?;
    let has_front_matter = body.len() < doc.len();
    // Front matter that names the source (even as empty) is the whole truth about it: a body
    // paragraph reading `Source: X` then stays a paragraph (as `export` writes it).
    let mut b = Builder { source_declared: declared.source, ..Builder::new(opts) };
    for event in Parser::new_ext(body, Options::ENABLE_TABLES) {
        b.event(event, &mut a);
    }
    b.flush(&mut a);
    let titled = declared.title || !a.title.is_empty();
    if !titled && a.body.is_empty() && a.insight.is_empty() {
        return Err(if has_front_matter {
            ParseError::Invalid("front matter but no text".into())
        } else {
            ParseError::Empty
        });
    }
    Ok((a, titled))
}

/// What a list item's text starts with.
const ITEM_MARK: &str = "• ";

/// Turns pulldown-cmark events into paragraphs of plain text.
struct Builder<'o> {
    buf: String,
    in_insight: bool,
    seen_block: bool,
    source_declared: bool,
    /// The rows of the table being read, cell by cell.
    table: Option<Vec<Vec<String>>>,
    /// Inside a code block: its text is kept as it is, even on one line.
    in_code: bool,
    /// Inside an HTML block: its markup, read as text at its end.
    html: Option<String>,
    opts: &'o ParseOptions,
}

impl<'o> Builder<'o> {
    fn new(opts: &'o ParseOptions) -> Self {
        Builder {
            buf: String::new(),
            in_insight: false,
            seen_block: false,
            source_declared: false,
            table: None,
            in_code: false,
            html: None,
            opts,
        }
    }

    fn event(&mut self, event: Event, a: &mut Article) {
        match event {
            // A code block keeps its lines and a table its rows (cells in columns): one
            // paragraph holding line breaks, drawn line by line rather than reflowed.
            Event::Start(Tag::CodeBlock(_)) => {
                self.flush(a);
                self.in_code = true;
            }
            Event::Start(Tag::Table(_)) => {
                self.flush(a);
                self.table = Some(Vec::new());
            }
            Event::Start(Tag::TableHead | Tag::TableRow) => {
                self.table.iter_mut().for_each(|t| t.push(Vec::new()))
            }
            Event::End(TagEnd::TableCell) => {
                let cell = std::mem::take(&mut self.buf).trim().to_string();
                if let Some(row) = self.table.as_mut().and_then(|t| t.last_mut()) {
                    row.push(cell);
                }
            }
            Event::End(TagEnd::Table) => {
                self.buf = self.table.take().map(|rows| table_text(&rows)).unwrap_or_default();
                self.flush(a);
            }
            // A block of HTML (`<div><p>…</p></div>`) is read as text, never dropped.
            Event::Start(Tag::HtmlBlock) => {
                self.flush(a);
                self.html = Some(String::new());
            }
            Event::Html(t) => self.html.iter_mut().for_each(|h| h.push_str(&t)),
            Event::End(TagEnd::HtmlBlock) => {
                for p in crate::feed::html::to_paragraphs(&self.html.take().unwrap_or_default()) {
                    self.buf = p;
                    self.flush(a);
                }
            }
            Event::Text(t) | Event::Code(t) => self.buf.push_str(&t),
            Event::SoftBreak | Event::HardBreak => self.buf.push(' '),
            Event::Start(Tag::Link { dest_url, .. }) | Event::Start(Tag::Image { dest_url, .. }) => {
                a.links.push(dest_url.into_string());
            }
            Event::Start(Tag::Item) => {
                self.flush(a);
                self.buf.push_str(ITEM_MARK);
            }
            Event::Start(Tag::Heading { .. }) => self.flush(a),
            Event::End(TagEnd::Heading(level)) => self.heading(level, a),
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::CodeBlock | TagEnd::BlockQuote(_)) => {
                self.flush(a)
            }
            _ => {}
        }
    }

    fn heading(&mut self, level: HeadingLevel, a: &mut Article) {
        let text = std::mem::take(&mut self.buf);
        if level == HeadingLevel::H1 && a.title.is_empty() && !self.seen_block {
            a.title = text.trim().to_string();
        } else if level == HeadingLevel::H1 && text.trim() == a.title && !self.seen_block {
            // The title repeated under front matter: already known.
        } else if let Some(label) = self.insight_start(level, &text, a) {
            a.insight_label = Some(label);
            self.in_insight = true;
        } else {
            self.buf = text;
            self.flush(a);
        }
    }

    /// A level-2 heading starts the insight if it is a recognised insight heading or the label
    /// the front matter announced (`insight_label:`, as `export` writes it).
    fn insight_start(&self, level: HeadingLevel, text: &str, a: &Article) -> Option<String> {
        if level != HeadingLevel::H2 || self.in_insight {
            return None;
        }
        let announced = a.insight_label.as_deref().filter(|l| *l == text.trim());
        announced.or_else(|| insight_heading(text, self.opts)).map(str::to_string)
    }

    fn flush(&mut self, a: &mut Article) {
        let code = std::mem::take(&mut self.in_code);
        // A code block's first line keeps its indentation.
        let text = self.buf.trim_start_matches('\n').trim_end();
        let text = if text.contains('\n') { text } else { text.trim() };
        if code && !text.is_empty() && !text.contains('\n') {
            // One line of code: the line break kept after it keeps its spacing (see
            // `sanitize::clean_paragraph`).
            let para = format!("{text}\n");
            self.buf.clear();
            self.seen_block = true;
            if self.in_insight {
                a.insight.push(para);
            } else {
                a.body.push(para);
            }
            return;
        }
        // An empty list item is the bare mark this builder added; a paragraph reading "•" is text.
        if text.is_empty() || self.buf == ITEM_MARK {
            self.buf.clear();
            return;
        }
        self.seen_block = true;
        if let Some(src) = source_line(text, self.opts)
            .filter(|_| a.source.is_none() && !self.source_declared && !text.contains('\n'))
        {
            a.source = Some(src.to_string());
            self.buf.clear();
            return;
        }
        // The buffer becomes the paragraph, trimmed and shrunk, rather than copied: a long
        // paragraph then costs its length once, not three times.
        let (start, end) = (text.as_ptr() as usize - self.buf.as_ptr() as usize, text.len());
        let mut para = std::mem::take(&mut self.buf);
        para.truncate(start + end);
        para.drain(..start);
        para.shrink_to_fit();
        if self.in_insight {
            a.insight.push(para);
        } else {
            a.body.push(para);
        }
    }
}

/// A table's rows as lines, cells separated by ` | ` and padded into columns — unless padding
/// would cost more than the cells themselves (one wide cell over many short rows), when they are
/// only separated: a file's memory stays in proportion to its size.
fn table_text(rows: &[Vec<String>]) -> String {
    use unicode_width::UnicodeWidthStr;
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths = vec![0; columns];
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.width());
        }
    }
    let raw: usize = rows.iter().flatten().map(String::len).sum();
    let padded = rows.len() * (widths.iter().sum::<usize>() + 3 * columns);
    let pad = padded <= 2 * raw + 1024;
    let mut out = String::with_capacity(if pad { padded } else { raw + 3 * columns * rows.len() });
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            if i > 0 {
                out.push_str(" | ");
            }
            out.push_str(cell);
            if pad && i + 1 < row.len() {
                out.extend(std::iter::repeat_n(' ', widths[i] - cell.width()));
            }
        }
        out.push('\n');
    }
    out
}

mod front_matter {
    //! YAML or TOML front matter, reduced to the model's fields. Untrusted: YAML aliases may
    //! expand a small text into a huge one and deep flow nesting costs the YAML parser
    //! quadratic time, so both are bounded before any of it is kept.
    use std::cell::Cell;
    use std::fmt;

    use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

    use super::*;

    /// Keys the front matter named, whatever their values.
    #[derive(Default)]
    pub struct Declared {
        pub title: bool,
        pub source: bool,
    }

    /// Reads front matter at the top of `doc` into `a`; returns the Markdown after it.
    pub fn apply<'a>(
        doc: &'a str,
        first_line: usize,
        a: &mut Article,
    ) -> Result<(&'a str, Declared), ParseError> {
        let trimmed = doc.trim_start_matches('\u{feff}');
        let Some(fence) = ["---", "+++"].into_iter().find(|f| first_line_is(trimmed, f)) else {
            return Ok((doc, Declared::default()));
        };
        let after_open = trimmed.find('\n').map_or("", |i| &trimmed[i + 1..]);
        let mut offset = 0;
        let mut close = None;
        for line in after_open.split_inclusive('\n') {
            if line.trim_end() == fence || (fence == "---" && line.trim_end() == "...") {
                close = Some((offset, offset + line.len()));
                break;
            }
            offset += line.len();
        }
        let (end, rest) = close.ok_or_else(|| ParseError::At {
            line: first_line + 1,
            msg: format!("front matter opened with {fence} is never closed"),
        })?;
        let src = &after_open[..end];
        let fields = if fence == "---" { yaml(src, first_line)? } else { toml_fields(src, first_line)? };
        let mut declared = Declared::default();
        for (key, value) in fields {
            declared.title |= key == "title";
            declared.source |= key == "source";
            set_field(a, &key, value);
        }
        Ok((&after_open[rest..], declared))
    }

    fn first_line_is(s: &str, fence: &str) -> bool {
        s.lines().next().is_some_and(|l| l.trim_end() == fence)
    }

    pub enum Value {
        /// An explicit `null` or empty value.
        Null,
        One(String),
        Many(Vec<String>),
    }

    fn set_field(a: &mut Article, key: &str, value: Value) {
        let one = |v: Value| match v {
            Value::Null => String::new(),
            Value::One(s) => s,
            Value::Many(l) => l.join(", "),
        };
        let many = |v: Value| match v {
            Value::Null => Vec::new(),
            Value::One(s) => s.split(',').map(|t| t.trim().to_string()).filter(|t| !t.is_empty()).collect(),
            Value::Many(l) => l,
        };
        let opt = |v: Value| Some(one(v)).filter(|s| !s.is_empty());
        match key {
            "id" => a.id = one(value),
            "title" => a.title = one(value),
            "source" => a.source = opt(value),
            "date" => a.date = opt(value),
            "url" | "link" => a.url = opt(value),
            "author" => a.author = opt(value),
            "insight_label" => a.insight_label = opt(value),
            "tags" => a.tags = many(value),
            "links" => a.links = many(value),
            _ => {}
        }
    }

    /// Deepest YAML flow nesting (`[`/`{`) allowed; real front matter needs one or two.
    pub const MAX_FLOW_DEPTH: usize = 64;
    /// What the values may add up to once aliases are expanded: this many times the text.
    pub const MAX_EXPANSION: usize = 4;

    fn yaml(src: &str, first_line: usize) -> Result<Vec<(String, Value)>, ParseError> {
        let at = |line: usize, msg: String| ParseError::At { line: first_line + 1 + line, msg };
        if src.trim().is_empty() {
            return Ok(Vec::new());
        }
        if flow_depth(src) > MAX_FLOW_DEPTH {
            return Err(at(0, format!("front matter: nested deeper than {MAX_FLOW_DEPTH} levels")));
        }
        let budget = Budget {
            left: Cell::new(src.len().saturating_mul(MAX_EXPANSION) + 4096),
            over: Cell::new(false),
        };
        let de = serde_yaml_ng::Deserializer::from_str(src);
        match (MapSeed(&budget)).deserialize(de) {
            Ok(fields) => Ok(fields),
            Err(_) if budget.over.get() => Err(at(
                0,
                format!("front matter: aliases expand it to more than {MAX_EXPANSION} times its size"),
            )),
            Err(e) => Err(at(e.location().map_or(0, |l| l.line()), format!("front matter: {e}"))),
        }
    }

    /// The deepest nesting of YAML flow collections in `src`, counting only brackets that open
    /// a collection: not those in quoted strings, comments or plain text (`title: a[b`).
    pub fn flow_depth(src: &str) -> usize {
        let (mut depth, mut max) = (0usize, 0usize);
        let mut in_plain = false;
        let mut chars = src.chars().peekable();
        while let Some(c) = chars.next() {
            let next_is_space = chars.peek().is_none_or(|n| n.is_whitespace());
            match c {
                '\n' => in_plain = false,
                ' ' | '\t' | '\r' => {}
                '#' => while chars.next_if(|&n| n != '\n').is_some() {},
                '\'' | '"' if !in_plain => {
                    while let Some(q) = chars.next() {
                        if q == '\\' && c == '"' {
                            chars.next();
                        } else if q == c {
                            break;
                        }
                    }
                }
                '[' | '{' if !in_plain => {
                    depth += 1;
                    max = max.max(depth);
                }
                ']' | '}' if depth > 0 => {
                    depth -= 1;
                    in_plain = false;
                }
                ',' if depth > 0 => in_plain = false,
                ':' | '-' | '?' if next_is_space => in_plain = false,
                _ => in_plain = true,
            }
        }
        max
    }

    /// Bytes of text the values may still add up to; `over` records that it ran out.
    struct Budget {
        left: Cell<usize>,
        over: Cell<bool>,
    }

    impl Budget {
        fn spend<E: de::Error>(&self, n: usize) -> Result<(), E> {
            match self.left.get().checked_sub(n) {
                Some(left) => {
                    self.left.set(left);
                    Ok(())
                }
                None => {
                    self.over.set(true);
                    Err(E::custom("front matter too large once aliases are expanded"))
                }
            }
        }
    }

    /// The top level: a mapping of keys to fields; anything else holds no fields.
    struct MapSeed<'b>(&'b Budget);

    impl<'de> DeserializeSeed<'de> for MapSeed<'_> {
        type Value = Vec<(String, Value)>;
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(self)
        }
    }

    impl<'de> Visitor<'de> for MapSeed<'_> {
        type Value = Vec<(String, Value)>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a mapping")
        }
        fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
            let mut out = Vec::new();
            while let Some(key) = map.next_key_seed(FieldSeed(self.0))? {
                let value = map.next_value_seed(FieldSeed(self.0))?;
                if let (Some(Value::One(key)), Some(value)) = (key, value) {
                    out.push((key.to_ascii_lowercase(), value));
                }
            }
            Ok(out)
        }
        fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Self::Value, S::Error> {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            Ok(Vec::new())
        }
        fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
    }

    /// One value: a scalar, `null`, or a sequence of scalars (nested collections are skipped).
    /// As a key, only a scalar counts. Every string is charged to the budget.
    struct FieldSeed<'b>(&'b Budget);

    impl<'de> DeserializeSeed<'de> for FieldSeed<'_> {
        type Value = Option<Value>;
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(self)
        }
    }

    impl<'de> Visitor<'de> for FieldSeed<'_> {
        type Value = Option<Value>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a front matter value")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            self.0.spend(v.len())?;
            Ok(Some(Value::One(v.to_string())))
        }
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
            Ok(Some(Value::One(v.to_string())))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(Some(Value::One(v.to_string())))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(Some(Value::One(v.to_string())))
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
            Ok(Some(Value::One(format!("{v:?}"))))
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Some(Value::Null))
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Some(Value::Null))
        }
        fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Self::Value, S::Error> {
            let mut items = Vec::new();
            while let Some(item) = seq.next_element_seed(ItemSeed(self.0))? {
                items.extend(item);
            }
            Ok(Some(Value::Many(items)))
        }
        fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            Ok(None)
        }
    }

    /// One item of a sequence: a scalar, or nothing.
    struct ItemSeed<'b>(&'b Budget);

    impl<'de> DeserializeSeed<'de> for ItemSeed<'_> {
        type Value = Option<String>;
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            Ok(match FieldSeed(self.0).deserialize(d)? {
                Some(Value::One(s)) => Some(s),
                _ => None,
            })
        }
    }

    fn toml_fields(src: &str, first_line: usize) -> Result<Vec<(String, Value)>, ParseError> {
        use toml::Value as T;
        let table: toml::Table = src.parse().map_err(|e: toml::de::Error| ParseError::At {
            line: first_line + 2 + e.span().map_or(0, |s| src[..s.start].matches('\n').count()),
            msg: format!("front matter: {}", e.message()),
        })?;
        let scalar = |v: &T| match v {
            T::String(s) => Some(s.clone()),
            T::Array(_) | T::Table(_) => None,
            other => Some(other.to_string()),
        };
        Ok(table
            .iter()
            .filter_map(|(k, v)| {
                let value = match v {
                    T::Array(items) => Value::Many(items.iter().filter_map(scalar).collect()),
                    other => Value::One(scalar(other)?),
                };
                Some((k.to_ascii_lowercase(), value))
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_front_matter_and_insight_heading() {
        let md = "---\ntitle: Chips act\nsource: Wire\ndate: 2024-05-01\ntags: [chips, policy]\n---\n\nThe *bill* passed [today](https://ex.am/ple).\n\n## Why it matters\n\nIt **shifts** supply.\n";
        let a = &parse(md).unwrap().articles[0];
        assert_eq!(a.title, "Chips act");
        assert_eq!(a.source.as_deref(), Some("Wire"));
        assert_eq!(a.date.as_deref(), Some("2024-05-01"));
        assert_eq!(a.tags, ["chips", "policy"]);
        assert_eq!(a.body, ["The bill passed today."]);
        assert_eq!(a.links, ["https://ex.am/ple"]);
        assert_eq!(a.insight_label.as_deref(), Some("Why it matters"));
        assert_eq!(a.insight, ["It shifts supply."]);
    }

    #[test]
    fn toml_front_matter() {
        let md = "+++\ntitle = \"T\"\ndate = 2024-05-01\ntags = [\"a\"]\n+++\nBody.\n";
        let a = &parse(md).unwrap().articles[0];
        assert_eq!((a.title.as_str(), a.date.as_deref()), ("T", Some("2024-05-01")));
        assert_eq!(a.tags, ["a"]);
        assert_eq!(a.body, ["Body."]);
    }

    #[test]
    fn h1_title_source_paragraph_and_lists() {
        let md = "# Title here\n\nFirst.\n\n- one\n- two\n\nSource: Agency\n\n## Analysis\n\n### Detail\n\nMore.\n";
        let a = &parse(md).unwrap().articles[0];
        assert_eq!(a.title, "Title here");
        assert_eq!(a.body, ["First.", "• one", "• two"]);
        assert_eq!(a.source.as_deref(), Some("Agency"));
        assert_eq!(a.insight_label.as_deref(), Some("Analysis"));
        assert_eq!(a.insight, ["Detail", "More."]);
    }

    #[test]
    fn html_blocks_are_read_as_text() {
        let md = "# T\n\nIntro.\n\n<div class=\"note\"><p>Inside <b>HTML</b>.</p><p>Second <a href=\"https://x.y\">link</a>.</p></div>\n\n<!-- a comment -->\n\nOutro.\n";
        let a = &parse(md).unwrap().articles[0];
        assert_eq!(a.body, ["Intro.", "Inside HTML.", "Second link.", "Outro."]);
    }

    #[test]
    fn code_blocks_and_tables_keep_their_lines() {
        let md = "Intro.\n\n```rust\nfn main() {\n    hi();\n}\n```\n\n| a | b |\n|---|---|\n| 1 | `2` |\n\nEnd.\n";
        let parsed = parse(md).unwrap();
        let a = &parsed.articles[0];
        assert_eq!(a.body, ["Intro.", "fn main() {\n    hi();\n}", "a | b\n1 | 2", "End."]);
        assert_eq!(parsed.untitled, [0], "no `# ` heading and no front matter title");
        let mut a = a.clone();
        a.normalize();
        assert_eq!(a.body[1], "fn main() {\n    hi();\n}", "normalising keeps the lines");
        // A one-line block keeps its spacing too (its line break says it is preformatted).
        let mut one =
            parse("Intro.\n\n```\ncode  line\n```\n\n    indented  too\n").unwrap().articles[0].clone();
        one.normalize();
        assert_eq!(one.body, ["Intro.", "code  line\n", "indented  too\n"]);
        assert_eq!(a.title, "", "the loader, which knows the file, names it");
    }

    #[test]
    fn table_cells_line_up_in_columns_unless_that_would_bloat_the_file() {
        let md = "| port | TEU | 北京 |\n|---|---|---|\n| Rotterdam | 8.2 | x |\n| 港 | 1 |\n";
        let a = &parse(md).unwrap().articles[0];
        assert_eq!(a.body, ["port      | TEU | 北京\nRotterdam | 8.2 | x\n港        | 1   |"]);
        let wide = "w".repeat(5000);
        let md = format!("| {wide} |\n|---|\n{}", "| x |\n".repeat(100));
        let a = &parse(&md).unwrap().articles[0];
        assert!(a.body[0].len() < 6000, "not padded: {}", a.body[0].len());
    }

    #[test]
    fn front_matter_inside_a_code_fence_is_text() {
        let md = "# Hugo notes\n\nA page starts with front matter:\n\n```\n---\ntitle: Example\n---\n```\n\nThen comes the text.\n\n## Analysis\n\nFront matter keeps metadata out of the text.\n";
        let out = parse(md).unwrap().articles;
        assert_eq!(out.len(), 1, "{out:?}");
        assert_eq!(out[0].title, "Hugo notes");
        assert_eq!(out[0].body[1], "---\ntitle: Example\n---");
        assert_eq!(out[0].insight, ["Front matter keeps metadata out of the text."]);
        // A longer fence is closed only by one at least as long; a ~~~ fence by tildes.
        let md = "# T\n\n~~~~\n```\n---\nid: zz\n---\n~~~\n~~~~\n\nEnd.\n";
        assert_eq!(parse(md).unwrap().articles.len(), 1);
        // Outside a fence it still opens the next article.
        let md = "# A\n\n```\ncode\n```\n\n---\ntitle: B\n---\nbody b\n";
        assert_eq!(parse(md).unwrap().articles.len(), 2);
    }

    #[test]
    fn front_matter_without_text_says_so() {
        assert_eq!(parse("---\ntags: [x]\n---\n").unwrap_err().to_string(), "front matter but no text");
        assert_eq!(parse("---\ntitle: Only a title\n---\n").unwrap().articles[0].title, "Only a title");
        assert!(parse("---\ntitle: T\n---\nx\n").unwrap().untitled.is_empty());
        assert!(parse("# T\n\nx\n").unwrap().untitled.is_empty());
    }

    #[test]
    fn several_articles_in_one_file() {
        let md = "---\ntitle: A\n---\nbody a\n---\ntitle: B\n---\nbody b\n";
        let all = parse(md).unwrap().articles;
        assert_eq!(all.len(), 2);
        assert_eq!((all[1].title.as_str(), all[1].body[0].as_str()), ("B", "body b"));
    }

    #[test]
    fn bad_front_matter_reports_a_line() {
        let err = parse("---\ntitle: [unclosed\n---\nx\n").unwrap_err();
        assert!(matches!(err, ParseError::At { .. }), "{err:?}");
        let err = parse("---\ntitle: x\nno close\n").unwrap_err();
        assert_eq!(err.to_string(), "line 1: front matter opened with --- is never closed");
    }
}
