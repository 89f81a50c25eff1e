//! JSON and JSONL articles with the model's field names. `body` and `insight` may be a list of
//! paragraphs or one string with blank-line-separated paragraphs. serde_json's recursion limit
//! turns absurdly nested input into an error rather than a stack overflow.

use serde::Deserialize;
use serde_json::Value;

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
            Paragraphs::Text(s) => s.split("\n\n").map(str::to_string).collect(),
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
        }
    }
}

fn syntax(e: serde_json::Error) -> ParseError {
    ParseError::At { line: e.line(), msg: format!("invalid JSON: {e}") }
}

/// One article object or an array of them.
pub fn parse_json(text: &str) -> Result<Vec<Article>, ParseError> {
    let value: Value = serde_json::from_str(text).map_err(syntax)?;
    let convert = |v: Value, what: &str| {
        Input::deserialize(v)
            .map(|i| i.into_article(Format::Json))
            .map_err(|e| ParseError::Invalid(format!("{what}: {e}")))
    };
    match value {
        Value::Array(items) => {
            items.into_iter().enumerate().map(|(i, v)| convert(v, &format!("item {}", i + 1))).collect()
        }
        v @ Value::Object(_) => Ok(vec![convert(v, "article")?]),
        _ => Err(ParseError::Invalid("expected an article object or an array of them".into())),
    }
}

/// One article object per line; bad lines become warnings naming the line, the rest load.
pub fn parse_jsonl(text: &str) -> Result<Parsed, ParseError> {
    let mut parsed = Parsed::default();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Input>(line) {
            Ok(input) => parsed.articles.push(input.into_article(Format::Jsonl)),
            Err(e) => {
                // serde_json counts from the start of this line; name the file's line instead.
                let msg = e.to_string();
                let msg = msg.rsplit_once(" at line ").map_or(msg.as_str(), |(m, _)| m);
                parsed.warnings.push(format!("line {}, column {}: {msg}", n + 1, e.column()));
            }
        }
    }
    if parsed.articles.is_empty() {
        return Err(match parsed.warnings.first() {
            Some(w) => ParseError::Invalid(format!("no valid lines ({w})")),
            None => ParseError::Empty,
        });
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn object_array_and_string_paragraphs() {
        let one = parse_json(r#"{"title":"T","body":"a\n\nb","insight":["c"],"insight_label":"Our take"}"#)
            .unwrap();
        assert_eq!(one[0].body, ["a", "b"]);
        assert_eq!(one[0].insight, ["c"]);
        let many = parse_json(r#"[{"title":"A","id":"x"},{"title":"B","tags":["t"]}]"#).unwrap();
        assert_eq!(many.len(), 2);
        assert_eq!(many[0].id, "x");
        assert_eq!(many[1].tags, ["t"]);
    }

    #[test]
    fn errors_name_the_line_or_item() {
        let e = parse_json("{\n\"title\": }").unwrap_err();
        assert!(matches!(e, ParseError::At { line: 2, .. }), "{e:?}");
        let e = parse_json(r#"[{"title":"A"},{"body":"no title"}]"#).unwrap_err();
        assert!(e.to_string().starts_with("item 2: missing field `title`"), "{e}");
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
}
