//! Markdown articles: optional YAML (`---`) or TOML (`+++`) front matter, `# Title`, and a
//! level-2 insight heading ("## Why it matters") that starts the insight section. Inline markup
//! is reduced to plain text; link targets are kept in `links`. A file may hold several articles,
//! each starting with front matter whose first key is `id` or `title` (what `export --format md`
//! writes).

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

use super::heading::{insight_heading, source_line};
use crate::{Article, Format, ParseError};

pub fn parse(text: &str) -> Result<Vec<Article>, ParseError> {
    let docs = split_documents(text);
    let mut out = Vec::with_capacity(docs.len());
    for (first_line, doc) in docs {
        if doc.trim().is_empty() {
            continue;
        }
        out.push(parse_one(doc, first_line)?);
    }
    if out.is_empty() {
        return Err(ParseError::Empty);
    }
    Ok(out)
}

/// Splits at `---` lines that open a new article's front matter. Returns (first line number, text).
fn split_documents(text: &str) -> Vec<(usize, &str)> {
    let mut starts = vec![(0usize, 0usize)];
    let mut offset = 0;
    let mut lines = text.split_inclusive('\n').enumerate().peekable();
    while let Some((n, line)) = lines.next() {
        let opens = line.trim_end() == "---"
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

fn parse_one(doc: &str, first_line: usize) -> Result<Article, ParseError> {
    let mut a = Article { format: Format::Markdown, ..Default::default() };
    let body = front_matter::apply(doc, first_line, &mut a)?;
    let mut b = Builder::default();
    for event in Parser::new(body) {
        b.event(event, &mut a);
    }
    b.flush(&mut a);
    if a.title.is_empty() {
        a.title = a.body.first().cloned().ok_or(ParseError::Empty)?;
        a.body.remove(0);
    }
    Ok(a)
}

/// Turns pulldown-cmark events into paragraphs of plain text.
#[derive(Default)]
struct Builder {
    buf: String,
    in_insight: bool,
    seen_block: bool,
}

impl Builder {
    fn event(&mut self, event: Event, a: &mut Article) {
        match event {
            Event::Text(t) | Event::Code(t) => self.buf.push_str(&t),
            Event::SoftBreak | Event::HardBreak => self.buf.push(' '),
            Event::Start(Tag::Link { dest_url, .. }) | Event::Start(Tag::Image { dest_url, .. }) => {
                a.links.push(dest_url.into_string());
            }
            Event::Start(Tag::Item) => {
                self.flush(a);
                self.buf.push_str("• ");
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
        insight_heading(text).or(announced).map(str::to_string)
    }

    fn flush(&mut self, a: &mut Article) {
        let text = self.buf.trim();
        if text.is_empty() || text == "•" {
            self.buf.clear();
            return;
        }
        self.seen_block = true;
        match source_line(text) {
            Some(src) if a.source.is_none() => a.source = Some(src.to_string()),
            _ if self.in_insight => a.insight.push(text.to_string()),
            _ => a.body.push(text.to_string()),
        }
        self.buf.clear();
    }
}

mod front_matter {
    //! YAML or TOML front matter, reduced to the model's fields.
    use super::*;

    /// Reads front matter at the top of `doc` into `a`; returns the Markdown after it.
    pub fn apply<'a>(doc: &'a str, first_line: usize, a: &mut Article) -> Result<&'a str, ParseError> {
        let trimmed = doc.trim_start_matches('\u{feff}');
        let Some(fence) = ["---", "+++"].into_iter().find(|f| first_line_is(trimmed, f)) else {
            return Ok(doc);
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
        for (key, value) in fields {
            set_field(a, &key, value);
        }
        Ok(&after_open[rest..])
    }

    fn first_line_is(s: &str, fence: &str) -> bool {
        s.lines().next().is_some_and(|l| l.trim_end() == fence)
    }

    pub enum Value {
        One(String),
        Many(Vec<String>),
    }

    fn set_field(a: &mut Article, key: &str, value: Value) {
        let one = |v: Value| match v {
            Value::One(s) => s,
            Value::Many(l) => l.join(", "),
        };
        let many = |v: Value| match v {
            Value::One(s) => s.split(',').map(|t| t.trim().to_string()).filter(|t| !t.is_empty()).collect(),
            Value::Many(l) => l,
        };
        match key {
            "id" => a.id = one(value),
            "title" => a.title = one(value),
            "source" => a.source = Some(one(value)),
            "date" => a.date = Some(one(value)),
            "url" | "link" => a.url = Some(one(value)),
            "author" => a.author = Some(one(value)),
            "insight_label" => a.insight_label = Some(one(value)),
            "tags" => a.tags = many(value),
            "links" => a.links = many(value),
            _ => {}
        }
    }

    fn yaml(src: &str, first_line: usize) -> Result<Vec<(String, Value)>, ParseError> {
        use serde_yaml_ng::Value as Y;
        let err = |e: serde_yaml_ng::Error| ParseError::At {
            line: first_line + 1 + e.location().map_or(0, |l| l.line()),
            msg: format!("front matter: {e}"),
        };
        let value: Y = serde_yaml_ng::from_str(src).map_err(err)?;
        let Y::Mapping(map) = value else {
            return Ok(Vec::new());
        };
        let scalar = |v: &Y| match v {
            Y::String(s) => Some(s.clone()),
            Y::Number(n) => Some(n.to_string()),
            Y::Bool(b) => Some(b.to_string()),
            _ => None,
        };
        Ok(map
            .iter()
            .filter_map(|(k, v)| {
                let key = k.as_str()?.to_ascii_lowercase();
                let value = match v {
                    Y::Sequence(items) => Value::Many(items.iter().filter_map(scalar).collect()),
                    other => Value::One(scalar(other)?),
                };
                Some((key, value))
            })
            .collect())
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
        let a = &parse(md).unwrap()[0];
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
        let a = &parse(md).unwrap()[0];
        assert_eq!((a.title.as_str(), a.date.as_deref()), ("T", Some("2024-05-01")));
        assert_eq!(a.tags, ["a"]);
        assert_eq!(a.body, ["Body."]);
    }

    #[test]
    fn h1_title_source_paragraph_and_lists() {
        let md = "# Title here\n\nFirst.\n\n- one\n- two\n\nSource: Agency\n\n## Analysis\n\n### Detail\n\nMore.\n";
        let a = &parse(md).unwrap()[0];
        assert_eq!(a.title, "Title here");
        assert_eq!(a.body, ["First.", "• one", "• two"]);
        assert_eq!(a.source.as_deref(), Some("Agency"));
        assert_eq!(a.insight_label.as_deref(), Some("Analysis"));
        assert_eq!(a.insight, ["Detail", "More."]);
    }

    #[test]
    fn several_articles_in_one_file() {
        let md = "---\ntitle: A\n---\nbody a\n---\ntitle: B\n---\nbody b\n";
        let all = parse(md).unwrap();
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
