//! The document model: articles and the corpus that holds them.
//! Plain data with serde derives: the JSON schema *is* these types.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::sanitize;

/// The input format an article was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// Plain text: title line, body, `Source:` line, insight heading, insight.
    #[default]
    Seed,
    Markdown,
    Json,
    Jsonl,
}

/// One article: the reported facts (`body`) and the commentary on them (`insight`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Article {
    /// Stable, URL-safe, unique within a corpus.
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Where the article was loaded from.
    #[serde(default)]
    pub path: String,
    #[serde(default)]
    pub format: Format,
    /// Body paragraphs.
    #[serde(default)]
    pub body: Vec<String>,
    /// The heading of the insight section, e.g. "ABAB AI Insight".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub insight_label: Option<String>,
    /// Insight paragraphs.
    #[serde(default)]
    pub insight: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Link targets found in the text (e.g. Markdown links reduced to their text).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<String>,
}

/// Titles longer than this many characters are cut (with `…`): a "title" that long is a file
/// that is not an article, and it must not swamp the list.
pub const MAX_TITLE_CHARS: usize = 300;

/// The label shown for an insight section that came without a heading.
pub const DEFAULT_INSIGHT_LABEL: &str = "Insight";

impl Article {
    pub fn has_insight(&self) -> bool {
        !self.insight.is_empty()
    }

    /// Makes every string terminal-safe and tidy: the one place untrusted text is cleaned.
    pub fn normalize(&mut self) {
        let line = |s: &str| sanitize::clean_line(s).into_owned();
        let opt = |o: &mut Option<String>| {
            *o = o.as_deref().map(line).filter(|s| !s.is_empty());
        };
        self.title = line(&self.title);
        if let Some((cut, _)) = self.title.char_indices().nth(MAX_TITLE_CHARS) {
            self.title.truncate(cut);
            self.title.push('…');
        }
        self.id = sanitize::clean(&self.id).into_owned();
        self.path = sanitize::clean(&self.path).into_owned();
        opt(&mut self.source);
        opt(&mut self.insight_label);
        opt(&mut self.date);
        opt(&mut self.url);
        opt(&mut self.author);
        // In place: text that is already clean (nearly all) is neither copied nor reallocated,
        // so a large file costs no more here than its paragraphs already do.
        for list in [&mut self.body, &mut self.insight, &mut self.tags, &mut self.links] {
            for p in list.iter_mut() {
                if let std::borrow::Cow::Owned(clean) = sanitize::clean_line(p) {
                    *p = clean;
                }
            }
            list.retain(|p| !p.is_empty());
        }
        if self.has_insight() && self.insight_label.is_none() {
            self.insight_label = Some(DEFAULT_INSIGHT_LABEL.to_string());
        }
    }
}

/// Turns any text into a URL-safe slug (`a-z`, `0-9`, `-`, `_`); may return "".
pub fn slugify(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() || c == '_' {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.truncate(out.trim_end_matches('-').len());
    if out.len() > 80 {
        let cut = out[..80].trim_end_matches('-').len();
        out.truncate(cut);
    }
    out
}

/// An ordered collection of articles with unique ids.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    articles: Vec<Article>,
    by_id: HashMap<String, usize>,
}

impl Corpus {
    /// Builds a corpus, making ids unique with numeric suffixes (`-2`, `-3`, ...) in order.
    pub fn new(mut articles: Vec<Article>) -> Self {
        let mut by_id = HashMap::with_capacity(articles.len());
        for (i, a) in articles.iter_mut().enumerate() {
            let mut base = slugify(&a.id);
            if base.is_empty() {
                base = "article".to_string();
            }
            let mut id = base.clone();
            let mut n = 2;
            while by_id.contains_key(&id) {
                id = format!("{base}-{n}");
                n += 1;
            }
            a.id = id.clone();
            by_id.insert(id, i);
        }
        Corpus { articles, by_id }
    }

    pub fn articles(&self) -> &[Article] {
        &self.articles
    }

    pub fn len(&self) -> usize {
        self.articles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }

    pub fn get(&self, id: &str) -> Option<&Article> {
        self.index_of(id).map(|i| &self.articles[i])
    }

    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// Up to `n` ids that look most like `query`, best first: for "did you mean" messages.
    pub fn closest_ids(&self, query: &str, n: usize) -> Vec<&str> {
        use fuzzy_matcher::{skim::SkimMatcherV2, FuzzyMatcher};
        let matcher = SkimMatcherV2::default();
        let mut scored: Vec<(i64, &str)> = self
            .articles
            .iter()
            .filter_map(|a| {
                let by_id = matcher.fuzzy_match(&a.id, query);
                let by_title = matcher.fuzzy_match(&a.title, query);
                by_id.max(by_title).map(|s| (s, a.id.as_str()))
            })
            .collect();
        scored.sort_by_key(|s| std::cmp::Reverse(s.0));
        scored.into_iter().take(n).map(|(_, id)| id).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugify_keeps_url_safe_ascii() {
        assert_eq!(slugify("Hello, World! GPT-5.5"), "hello-world-gpt-5-5");
        assert_eq!(slugify("business/001"), "business-001");
        assert_eq!(slugify("000_77ee804ac85e857f"), "000_77ee804ac85e857f");
        assert_eq!(slugify("洞察"), "");
    }

    #[test]
    fn corpus_deduplicates_ids_in_order() {
        let a = |id: &str| Article { id: id.into(), title: "t".into(), ..Default::default() };
        let c = Corpus::new(vec![a("x"), a("x"), a(""), a("x"), a("")]);
        let ids: Vec<_> = c.articles().iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["x", "x-2", "article", "x-3", "article-2"]);
        assert_eq!(c.index_of("x-3"), Some(3));
        assert!(c.get("nope").is_none());
    }

    #[test]
    fn normalize_labels_unlabelled_insight_and_drops_empty_paragraphs() {
        let mut a = Article {
            title: "  A\n title ".into(),
            body: vec!["one".into(), "   ".into()],
            insight: vec!["why".into()],
            ..Default::default()
        };
        a.normalize();
        assert_eq!(a.title, "A title");
        assert_eq!(a.body, ["one"]);
        assert_eq!(a.insight_label.as_deref(), Some(DEFAULT_INSIGHT_LABEL));
    }
}
