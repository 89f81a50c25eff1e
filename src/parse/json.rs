//! JSON and JSONL articles with the model's field names. `body` and `insight` may be a list of
//! paragraphs or one string with blank-line-separated paragraphs. serde_json's recursion limit
//! turns absurdly nested input into an error rather than a stack overflow.
//!
//! One rule for both formats: every article (a JSON array item, a JSONL line) is read straight
//! into `Input` by the same deserializer, so unknown fields are ignored whatever they hold,
//! a repeated field is an error, and a bad article is a warning naming its item or line while
//! the others load.

use serde::Deserialize;
use serde_json::value::RawValue;

use super::Parsed;
use crate::{Article, Format, ParseError};

/// The accepted shape of one article: the model's fields, more leniently typed.
#[derive(Deserialize)]
struct Input {
    #[serde(default)]
    id: Option<String>,
    title: String,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    body: Paragraphs,
    #[serde(default)]
    insight_label: Option<String>,
    #[serde(default)]
    insight: Paragraphs,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    author: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    links: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(untagged)]
enum Paragraphs {
    #[default]
    None,
    List(Vec<String>),
    Text(String),
}

impl Paragraphs {
    fn into_vec(self) -> Vec<String> {
        match self {
            Paragraphs::None => Vec::new(),
            Paragraphs::List(v) => v,
            // In one string a single line break is a soft one (hard-wrapped text); in a list,
            // a paragraph's line breaks are its own (a code block or table, as exported).
            Paragraphs::Text(s) => s.split("\n\n").map(|p| p.replace('\n', " ")).collect(),
        }
    }
}

impl Input {
    fn into_article(self, format: Format) -> Article {
        Article {
            id: self.id.unwrap_or_default(),
            title: self.title,
            source: self.source,
            format,
            body: self.body.into_vec(),
            insight_label: self.insight_label,
            insight: self.insight.into_vec(),
            date: self.date,
            url: self.url,
            author: self.author,
            tags: self.tags,
            links: self.links,
            path: String::new(),
            // The loader sets these: a key is never taken from input.
            ..Default::default()
        }
    }
}

/// A serde_json error and the field it is in (empty at the top of the article).
struct ReadError {
    inner: serde_json::Error,
    field: String,
}

impl ReadError {
    /// The message without serde_json's position, prefixed with the field:
    /// `field \`author\`: invalid type: map, expected a string`.
    fn message(&self) -> String {
        self.with_field(without_position(&self.inner))
    }

    /// Only a type error inside a named field gets the prefix: a syntax error is about the
    /// text, and an article given as an array has positions (`[0]`), not field names.
    fn with_field(&self, msg: String) -> String {
        // serde's words for our types are not the user's.
        let msg = msg
            .replace(
                "data did not match any variant of untagged enum Paragraphs",
                "expected a string or a list of strings",
            )
            .replace("struct Input", "an article object");
        let named = !self.field.is_empty() && self.field != "." && !self.field.starts_with('[');
        if !named || self.inner.classify() != serde_json::error::Category::Data {
            msg
        } else {
            format!("field `{}`: {msg}", self.field)
        }
    }
}

/// Reads one article; a type error names the field it is in, so the user knows what to fix.
fn read_article(text: &str) -> Result<Input, ReadError> {
    let mut de = serde_json::Deserializer::from_str(text);
    let input: Input = serde_path_to_error::deserialize(&mut de)
        .map_err(|e| ReadError { field: e.path().to_string(), inner: e.into_inner() })?;
    de.end().map_err(|inner| ReadError { inner, field: String::new() })?;
    Ok(input)
}

fn syntax(e: serde_json::Error) -> ParseError {
    ParseError::At { line: e.line(), msg: format!("invalid JSON: {e}") }
}

/// serde_json's message without its " at line L column C" tail (the caller names the place).
fn without_position(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    msg.rsplit_once(" at line ").map_or(msg.clone(), |(m, _)| m.to_string())
}

/// One article object or an array of them. A bad item in an array is a warning naming it
/// (`item 3: ...`); the good items load.
pub fn parse_json(text: &str) -> Result<Parsed, ParseError> {
    match text.trim_start().as_bytes().first() {
        Some(b'[') => {
            let items: Vec<&RawValue> = serde_json::from_str(text).map_err(syntax)?;
            let mut parsed = Parsed::default();
            for (i, item) in items.iter().enumerate() {
                match read_article(item.get()) {
                    Ok(input) => {
                        keep(&mut parsed, input.into_article(Format::Json), || format!("item {}", i + 1))
                    }
                    Err(e) => parsed.warn(|| format!("item {}: {}", i + 1, e.message())),
                }
            }
            finish(parsed, items.is_empty())
        }
        Some(b'{') => {
            let input = read_article(text).map_err(|e| match e.inner.classify() {
                serde_json::error::Category::Data => ParseError::At {
                    line: e.inner.line(),
                    msg: format!("article: {}", e.with_field(e.inner.to_string())),
                },
                _ => syntax(e.inner),
            })?;
            let article = input.into_article(Format::Json);
            if is_blank(&article) {
                return Err(ParseError::Empty);
            }
            Ok(vec![article].into())
        }
        _ => Err(ParseError::Invalid("expected an article object or an array of them".into())),
    }
}

/// An article with no title and no text would be a blank row: skipped, as an empty file is.
fn is_blank(a: &Article) -> bool {
    let blank = |s: &String| s.trim().is_empty();
    blank(&a.title) && a.body.iter().all(blank) && a.insight.iter().all(blank)
}

/// Adds `a`, or a warning naming where it was (`place`) when it is blank.
fn keep(parsed: &mut Parsed, a: Article, place: impl FnOnce() -> String) {
    if is_blank(&a) {
        parsed.warn(|| format!("{}: an article with no title and no text", place()));
    } else {
        parsed.articles.push(a);
    }
}

/// Files whose every article was bad are an error naming the first problem.
fn finish(parsed: Parsed, empty: bool) -> Result<Parsed, ParseError> {
    if !parsed.articles.is_empty() {
        return Ok(parsed);
    }
    Err(match parsed.warnings.first() {
        Some(w) if !empty => ParseError::Invalid(format!("no valid articles ({w})")),
        _ => ParseError::Empty,
    })
}

/// One article object per line; bad lines become warnings naming the line, the rest load.
pub fn parse_jsonl(text: &str) -> Result<Parsed, ParseError> {
    let mut parsed = Parsed::default();
    let mut any = false;
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        any = true;
        match read_article(line) {
            Ok(input) => keep(&mut parsed, input.into_article(Format::Jsonl), || format!("line {}", n + 1)),
            // serde_json counts from the start of this line; name the file's line instead.
            Err(e) => parsed.warn(|| format!("line {}, column {}: {}", n + 1, e.inner.column(), e.message())),
        }
    }
    finish(parsed, !any)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_errors_speak_of_articles_and_paragraphs() {
        let p = parse_json(r#"[1,{"title":"T","insight":{"a":1}},{"title":"U"}]"#).unwrap();
        assert_eq!(p.warnings[0], "item 1: invalid type: integer `1`, expected an article object");
        assert_eq!(p.warnings[1], "item 2: field `insight`: expected a string or a list of strings");
    }

    #[test]
    fn blank_articles_are_skipped_with_a_warning() {
        let p =
            parse_json(r#"[{"title":"","body":""},{"title":"A","body":"a"},{"title":"  ","body":[" "]}]"#)
                .unwrap();
        assert_eq!(p.articles.len(), 1);
        assert_eq!(
            p.warnings,
            ["item 1: an article with no title and no text", "item 3: an article with no title and no text"]
        );
        assert!(matches!(parse_json(r#"{"title":" ","body":""}"#), Err(ParseError::Empty)));
        let p = parse_jsonl("{\"title\":\"\"}\n{\"title\":\"B\"}\n").unwrap();
        assert_eq!(
            (p.articles.len(), p.warnings.as_slice()),
            (1, &["line 1: an article with no title and no text".to_string()][..])
        );
    }

    #[test]
    fn object_array_and_string_paragraphs() {
        let one = parse_json(r#"{"title":"T","body":"a\n\nb","insight":["c"],"insight_label":"Our take"}"#)
            .unwrap()
            .articles;
        assert_eq!(one[0].body, ["a", "b"]);
        assert_eq!(one[0].insight, ["c"]);
        let many = parse_json(r#"[{"title":"A","id":"x"},{"title":"B","tags":["t"]}]"#).unwrap().articles;
        assert_eq!(many.len(), 2);
        assert_eq!(many[0].id, "x");
        assert_eq!(many[1].tags, ["t"]);
    }

    #[test]
    fn errors_name_the_line_or_item() {
        let e = parse_json("{\n\"title\": }").unwrap_err();
        assert!(matches!(e, ParseError::At { line: 2, .. }), "{e:?}");
        let p = parse_json(r#"[{"title":"A"},{"body":"no title"},{"title":"C"}]"#).unwrap();
        assert_eq!(p.articles.len(), 2, "the good items load");
        assert_eq!(p.warnings, ["item 2: missing field `title`"]);
        let e = parse_json(r#"[{"body":"no title"}]"#).unwrap_err();
        assert_eq!(e.to_string(), "no valid articles (item 1: missing field `title`)");
    }

    #[test]
    fn type_errors_name_the_field() {
        let bad = r#"{"title":"A","author":{"name":"x"}}"#;
        let e = parse_json(bad).unwrap_err().to_string();
        assert!(e.contains("field `author`: invalid type: map, expected a string"), "{e}");
        let p = parse_json(&format!(r#"[{bad},{{"title":"B"}}]"#)).unwrap();
        assert_eq!(p.warnings, ["item 1: field `author`: invalid type: map, expected a string"]);
        let p = parse_jsonl(&format!("{bad}\n{{\"title\":\"B\",\"tags\":[\"t\",3]}}\n{{\"title\":\"C\"}}\n"))
            .unwrap();
        assert_eq!(p.warnings.len(), 2);
        assert!(p.warnings[0].contains("field `author`: invalid type: map"), "{:?}", p.warnings);
        assert!(
            p.warnings[1].starts_with("line 2, column ") && p.warnings[1].contains("field `tags[1]`"),
            "{:?}",
            p.warnings
        );
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = "[".repeat(10_000) + &"]".repeat(10_000);
        assert!(parse_json(&deep).is_err());
    }

    #[test]
    fn jsonl_keeps_good_lines_and_reports_bad_ones() {
        let p = parse_jsonl("{\"title\":\"A\"}\nnot json\n\n{\"title\":\"B\"}\n").unwrap();
        assert_eq!(p.articles.len(), 2);
        assert_eq!(p.warnings.len(), 1);
        assert_eq!(p.warnings, ["line 2, column 2: expected ident"]);
    }

    #[test]
    fn json_and_jsonl_follow_one_rule() {
        // Unknown fields are ignored whatever they hold, even a number no f64 can hold.
        let huge = r#"{"title":"A","extra":1e400,"more":{"x":[1,2,99999999999999999999999999]}}"#;
        assert_eq!(parse_json(huge).unwrap().articles[0].title, "A");
        assert_eq!(parse_json(&format!("[{huge}]")).unwrap().articles[0].title, "A");
        assert_eq!(parse_jsonl(huge).unwrap().articles[0].title, "A");
        // A repeated field is an error in both.
        let dup = r#"{"title":"A","title":"B"}"#;
        assert!(parse_json(dup).unwrap_err().to_string().contains("duplicate field `title`"));
        let p = parse_json(&format!(r#"[{dup},{{"title":"C"}}]"#)).unwrap();
        assert_eq!(p.warnings, ["item 1: duplicate field `title`"]);
        assert!(parse_jsonl(&format!("{dup}\n{{\"title\":\"C\"}}")).unwrap().warnings[0]
            .contains("duplicate field `title`"));
    }

    #[test]
    fn a_million_bad_lines_keep_five_warnings_and_a_count() {
        let text = "{\"title\":\"A\"}\n".to_string() + &"x\n".repeat(1000);
        let p = parse_jsonl(&text).unwrap();
        assert_eq!(p.warnings.len(), super::super::MAX_FILE_WARNINGS);
        assert_eq!(p.more_warnings, 1000 - super::super::MAX_FILE_WARNINGS);
    }
}
